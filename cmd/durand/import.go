package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/store"
)

func newImport() *cobra.Command {
	var db, format string
	cmd := &cobra.Command{
		Use:   "import --format acled|ucdp|gtd|tbij|pbc|jsonl [--db PATH] FILE...",
		Short: "Import an event dataset (ACLED, UCDP GED, GTD, TBIJ, PBC, or durand's own JSON lines) into the store",
		Long: `Import maps each record of an ACLED export, a UCDP GED CSV, a GTD CSV, a drone-strike sheet of the Bureau of
Investigative Journalism (tbij: Pakistan or Afghanistan), a Pakistan Body Count list (pbc: suicide or drone
attacks) or durand's own events (JSON lines) into durand's event model: PLOVER and ACLED types, actors by
durand's dictionaries (the dataset's names are kept; a TBIJ or PBC drone strike is USA.MIL on REB, or on the
target group TBIJ reports, in mode drone; a PBC suicide attack is UNK's, in mode suicide), place precision, best/low/high counts, and the dataset and record id as provenance. Importing
a file again replaces its records rather than doubling them.

Every value is checked: counts are whole numbers from 0 to 1,000,000, coordinates within [-90, 90] and
[-180, 180], dates real days from 1900 to next year with no end before its start, confidences within
[0, 1], and types and codes from their dataset's codebook. A bad row is reported with file, line, field,
value and reason, and skipped; the rest of the file is imported. A bad file (empty, only a header,
compressed or binary, the wrong --format, unreadable) is reported and nothing of it is stored; the next
file is read. The exit status is 1 when any row or file failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(dataset.Formats, format) {
				return fmt.Errorf("--format %q: want %s", format, strings.Join(dataset.Formats, ", "))
			}
			st, x, err := openWork(db)
			if err != nil {
				return err
			}
			defer st.Close()
			im, err := dataset.New(x, data.FS)
			if err != nil {
				return err
			}
			rows, files := 0, 0
			for _, path := range args {
				n, bad, err := importFile(cmd, st, im, format, path)
				rows += bad
				var de *dataset.Error
				switch {
				case errors.As(err, &de):
					files++
					fmt.Fprintln(cmd.ErrOrStderr(), "durand import:", err)
				case err != nil:
					fmt.Fprintf(cmd.ErrOrStderr(), "durand import: %s: %d events stored before the error are kept (importing the file again replaces them)\n", path, n)
					return err
				default:
					fmt.Fprintf(cmd.ErrOrStderr(), "durand import: %s: %d events imported, %d rows failed; database %s\n", path, n, bad, db)
				}
			}
			if rows > 0 || files > 0 {
				return fmt.Errorf("%d row(s) and %d file(s) failed: %w", rows, files, errReported)
			}
			return nil
		},
	}
	dbFlag(cmd, &db)
	cmd.Flags().StringVar(&format, "format", "", "dataset format: "+strings.Join(dataset.Formats, ", "))
	cmd.MarkFlagRequired("format")
	return cmd
}

// importFile imports one file, reporting its bad rows. Its error is a
// *dataset.Error when the file itself is at fault, which ends only that
// file; any other is the store's, which ends the run.
func importFile(cmd *cobra.Command, st store.Store, im *dataset.Importer, format, path string) (n, bad int, err error) {
	f, err := os.Open(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return 0, 0, &dataset.Error{Input: path, Err: pe.Err}
	} else if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	n, err = im.Import(cmd.Context(), st, format, f, path, func(err error) {
		bad++
		fmt.Fprintln(cmd.ErrOrStderr(), "durand import:", err)
	})
	return n, bad, err
}
