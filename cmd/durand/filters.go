package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/durandhq/durand/store"
)

// queryFlags adds the event filters of store.QueryParams to fs as flags
// (min_confidence as --min-confidence; per_report is the switch
// --per-report), less the paging parameters and
// those in skip, and returns the function that reads the flags given
// into a query. `durand events` and `durand analyze` select events with
// it, so the two read the same filters the same way.
func queryFlags(fs *pflag.FlagSet, skip ...string) func() (store.Query, error) {
	params := map[string]*[]string{}
	perReport := new(bool)
	for _, k := range store.QueryParams {
		if k == "cursor" || k == "limit" || slices.Contains(skip, k) {
			continue
		}
		if k == "per_report" {
			fs.BoolVar(perReport, "per-report", false, "each report's own event, as extracted, instead of one merged event per incident")
			continue
		}
		p := new([]string)
		params[k] = p
		fs.StringArrayVar(p, strings.ReplaceAll(k, "_", "-"), nil, "filter: "+k)
	}
	return func() (store.Query, error) {
		v := url.Values{}
		for k, p := range params {
			for _, s := range *p {
				v.Add(k, s)
			}
		}
		if *perReport {
			v.Set("per_report", "true")
		}
		q, err := store.ParseQuery(v)
		if err != nil {
			return q, fmt.Errorf("--%s", strings.ReplaceAll(err.Error(), "_", "-"))
		}
		return q, nil
	}
}
