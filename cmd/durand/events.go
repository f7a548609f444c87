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
	var db, format, out, unmerge string
	var limit int
	var query func() (store.Query, error)
	cmd := &cobra.Command{
		Use:   "events [--db PATH] [filters] [--per-report] [--format jsonl|csv|ucdp|geojson|parquet] [-o FILE] | events --unmerge ID",
		Short: "Query stored events and export them",
		Long: `Events writes the stored events that match every filter given, ordered by date, in one of the formats:
jsonl (the contract of DESIGN.md), csv (ACLED's columns first, so ACLED scripts keep working), ucdp (UCDP
GED's columns), geojson (a FeatureCollection) or parquet.

Filters: --from/--to (ISO dates; events whose date range overlaps), --actor (codes; PAK selects PAK.MIL and
PAK.GOV; repeatable or comma-separated), --type (PLOVER types), --place (a place, district, province or
country code), --bbox minLon,minLat,maxLon,maxLat, --text (words in the source documents or dataset notes),
--modality, --min-confidence, --dataset (durand for extracted events, or ucdp, acled, gtd).

Reports of one incident from different documents are one merged event, with every report's documents and
evidence, "sources" counting them and "members" naming the reports' own events; --per-report writes those
instead, one event per report as extracted. "durand explain ID" shows why a merged event's reports were
taken for one. --unmerge ID splits the merged event ID back into its reports' events, and they are kept
apart from then on: no later ingest merges them again.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if unmerge != "" {
				return runUnmerge(cmd, db, unmerge)
			}
			q, err := query()
			if err != nil {
				return err
			}
			st, err := openExisting(db)
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
	cmd.Flags().StringVar(&unmerge, "unmerge", "", "split the merged event `ID` into its reports' events, kept apart from then on")
	query = queryFlags(cmd.Flags())
	return cmd
}

// runUnmerge splits the merged event id in the store db.
func runUnmerge(cmd *cobra.Command, db, id string) error {
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("--db %s: %w", db, err)
	}
	st, err := openStore(db)
	if err != nil {
		return err
	}
	defer st.Close()
	members, err := st.Unmerge(cmd.Context(), id)
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s split into %d events, kept apart from now on: %s\n", id, len(members), strings.Join(members, " "))
	return nil
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
