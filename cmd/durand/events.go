package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/export"
	"github.com/durandhq/durand/recognize"
	"github.com/durandhq/durand/store"
)

func newEvents() *cobra.Command {
	var db, format, out string
	var limit int
	var query func() (store.Query, error)
	cmd := &cobra.Command{
		Use:   "events [--db PATH] [filters] [--format jsonl|csv|ucdp|geojson|parquet] [-o FILE]",
		Short: "Query stored events and export them",
		Long: `Events writes the stored events that match every filter given, ordered by date, in one of the formats:
jsonl (the contract of DESIGN.md), csv (ACLED's columns first, so ACLED scripts keep working), ucdp (UCDP
GED's columns), geojson (a FeatureCollection) or parquet.

Filters: --from/--to (ISO dates; events whose date range overlaps), --actor (codes; PAK selects PAK.MIL and
PAK.GOV; repeatable or comma-separated), --type (PLOVER types), --place (a place, district, province or
country code), --bbox minLon,minLat,maxLon,maxLat, --text (words in the source documents or dataset notes),
--modality, --min-confidence, --dataset (durand for extracted events, or ucdp, acled, gtd).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := query()
			if err != nil {
				return err
			}
			st, err := openStore(db)
			if err != nil {
				return err
			}
			defer st.Close()
			var w io.Writer = cmd.OutOrStdout()
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				bw := bufio.NewWriterSize(f, 1<<16)
				defer bw.Flush()
				w = bw
			}
			n, err := writeEvents(cmd, st, q, limit, format, w)
			if err != nil {
				return err
			}
			if out != "" && out != "-" {
				fmt.Fprintf(cmd.ErrOrStderr(), "durand events: %d events written to %s\n", n, out)
			}
			return nil
		},
	}
	dbFlag(cmd, &db)
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to FILE instead of standard output")
	cmd.Flags().IntVar(&limit, "limit", 0, "write at most this many events (0: all)")
	query = queryFlags(cmd.Flags())
	return cmd
}

// writeEvents pages through the events matching q and writes them.
func writeEvents(cmd *cobra.Command, st store.Store, q store.Query, limit int, format string, w io.Writer) (int, error) {
	var countries map[string]string
	if format == "csv" || format == "acled" {
		c, err := recognize.Countries(data.FS)
		if err != nil {
			return 0, err
		}
		countries = c
	}
	ew, err := export.New(w, format, export.Options{Countries: countries})
	if err != nil {
		return 0, err
	}
	raw, isRaw := export.Raw(ew)
	n := 0
	q.Limit = store.MaxLimit
	for {
		if limit > 0 && limit-n < q.Limit {
			q.Limit = limit - n
		}
		page, err := st.Events(cmd.Context(), q)
		if err != nil {
			return n, err
		}
		if isRaw {
			for _, b := range page.Events {
				if err := raw(b); err != nil {
					return n, err
				}
			}
		} else {
			evs, err := page.Decode()
			if err != nil {
				return n, err
			}
			for _, e := range evs {
				if err := ew.Write(e); err != nil {
					return n, err
				}
			}
		}
		n += len(page.Events)
		if page.Next == "" || (limit > 0 && n >= limit) {
			break
		}
		q.Cursor = page.Next
	}
	return n, ew.Close()
}
