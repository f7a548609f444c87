package store

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/durandhq/durand"
)

// QueryParams are the query's parameter names, shared by `durand events`
// flags and the HTTP API: from, to (ISO dates), actor, type, modality
// (repeatable or comma-separated), place, bbox (minLon,minLat,maxLon,maxLat),
// text, min_confidence, dataset, per_report (true or false), order (asc or
// desc), cursor, limit.
var QueryParams = []string{"from", "to", "actor", "type", "modality", "place", "bbox", "text", "min_confidence", "dataset", "per_report", "order", "cursor", "limit"}

// Bounds on a query's values. They keep a request within what the store
// can run: SQLite refuses an expression more than 1000 deep, and each actor
// adds two terms to one, so 499 actors failed as a server error.
const (
	// MaxValues is the most values a list parameter (actor, type,
	// modality) takes, counting comma-separated ones.
	MaxValues = 100
	// MaxValueBytes is the longest value of a parameter other than text.
	MaxValueBytes = 200
	// MaxTextBytes is the longest text search.
	MaxTextBytes = 1000
)

// listParams are the parameters that may be repeated.
var listParams = map[string]bool{"actor": true, "type": true, "modality": true}

// ParseQuery reads a Query from URL-style parameters, naming the bad
// parameter when one is malformed. Parameters other than QueryParams are
// left to the caller.
func ParseQuery(v url.Values) (Query, error) {
	var q Query
	var err error
	for _, k := range QueryParams {
		if err := checkValues(k, v[k]); err != nil {
			return q, err
		}
	}
	list := func(k string) []string {
		var out []string
		for _, s := range v[k] {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		}
		return out
	}
	for _, k := range []string{"from", "to"} {
		s := strings.TrimSpace(v.Get(k))
		if s == "" {
			continue
		}
		t, perr := time.Parse(time.DateOnly, s)
		if perr != nil {
			return q, fmt.Errorf("%s: %q is not an ISO date (YYYY-MM-DD)", k, s)
		}
		if k == "from" {
			q.From = t
		} else {
			q.To = t
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, fmt.Errorf("to %s is before from %s", q.To.Format(time.DateOnly), q.From.Format(time.DateOnly))
	}
	q.Actors = list("actor")
	for _, t := range list("type") {
		q.Types = append(q.Types, durand.EventType(strings.ToUpper(t)))
	}
	for _, m := range list("modality") {
		mod := durand.Modality(strings.ToLower(m))
		if !slices.Contains(durand.Modalities, mod) {
			return q, fmt.Errorf("modality: %q is not one of asserted, claimed, denied, negated, hypothetical, future", m)
		}
		q.Modalities = append(q.Modalities, mod)
	}
	q.Place = strings.TrimSpace(v.Get("place"))
	q.Text = strings.TrimSpace(v.Get("text"))
	q.Dataset = strings.TrimSpace(v.Get("dataset"))
	q.Cursor = strings.TrimSpace(v.Get("cursor"))
	if s := v.Get("bbox"); s != "" {
		f := strings.Split(s, ",")
		var bb [4]float64
		if len(f) != 4 {
			return q, fmt.Errorf("bbox: want minLon,minLat,maxLon,maxLat, got %q", s)
		}
		for i, p := range f {
			if bb[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64); err != nil || math.IsNaN(bb[i]) || math.IsInf(bb[i], 0) {
				return q, fmt.Errorf("bbox: %q is not a number", p)
			}
		}
		if bb[0] > bb[2] || bb[1] > bb[3] || bb[0] < -180 || bb[2] > 180 || bb[1] < -90 || bb[3] > 90 {
			return q, fmt.Errorf("bbox: %q is not minLon,minLat,maxLon,maxLat", s)
		}
		q.BBox = &bb
	}
	if s := v.Get("min_confidence"); s != "" {
		if q.MinConfidence, err = strconv.ParseFloat(s, 64); err != nil || !(q.MinConfidence >= 0 && q.MinConfidence <= 1) {
			return q, fmt.Errorf("min_confidence: %q is not a number in [0, 1]", s)
		}
	}
	switch p := v.Get("per_report"); p {
	case "", "false", "0":
	case "true", "1":
		q.PerReport = true
	default:
		return q, fmt.Errorf("per_report: %q is not true or false", p)
	}
	switch o := v.Get("order"); o {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return q, fmt.Errorf("order: %q is not asc or desc", o)
	}
	if s := v.Get("limit"); s != "" {
		if q.Limit, err = strconv.Atoi(s); err != nil || q.Limit < 0 {
			return q, fmt.Errorf("limit: %q is not a non-negative integer", s)
		}
	}
	if q.Cursor != "" {
		if _, err := DecodeCursor(q.Cursor); err != nil {
			return q, fmt.Errorf("cursor: %w", err)
		}
	}
	return q, nil
}

// checkValues checks the values given for parameter k: one unless k is a
// list, at most MaxValues in a list, each short, UTF-8 and free of control
// characters. No code, name, date or search word holds a NUL, and
// text=%00 reached the full-text index as a server error.
func checkValues(k string, vals []string) error {
	if len(vals) > 1 && !listParams[k] {
		return fmt.Errorf("%s: given %d times, at most once", k, len(vals))
	}
	max := MaxValueBytes
	if k == "text" {
		max = MaxTextBytes
	}
	n := 0
	for _, s := range vals {
		items := []string{s}
		if listParams[k] {
			items = strings.Split(s, ",")
		}
		for _, it := range items {
			if strings.TrimSpace(it) == "" {
				continue
			}
			if n++; n > MaxValues {
				return fmt.Errorf("%s: more than %d values", k, MaxValues)
			}
			if len(it) > max {
				return fmt.Errorf("%s: a value of %d bytes, at most %d", k, len(it), max)
			}
			if !utf8.ValidString(it) {
				return fmt.Errorf("%s: %q is not UTF-8", k, it)
			}
			if i := strings.IndexFunc(it, isControl); i >= 0 {
				r, _ := utf8.DecodeRuneInString(it[i:])
				return fmt.Errorf("%s: %q holds the control character %U", k, it, r)
			}
		}
	}
	return nil
}

// isControl reports a control character other than white space: no
// parameter value has a use for one.
func isControl(r rune) bool {
	return unicode.IsControl(r) && !unicode.IsSpace(r)
}
