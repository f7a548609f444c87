package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/store"
)

func newImport() *cobra.Command {
	var db, format string
	cmd := &cobra.Command{
		Use:   "import --format acled|ucdp|gtd|jsonl [--db PATH] FILE...",
		Short: "Import an event dataset (ACLED, UCDP GED, GTD, or durand's own JSON lines) into the store",
		Long: `Import maps each record of an ACLED export, a UCDP GED CSV, a GTD CSV or durand's own events (JSON lines)
into durand's event model: PLOVER and ACLED types, actors by durand's dictionaries (the dataset's names
are kept), place precision, best/low/high counts, and the dataset and record id as provenance. Importing
a file again replaces its records rather than doubling them. Bad rows are reported with file and line
and skipped; the exit status is 1 when any row failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, x, err := openWork(db)
			if err != nil {
				return err
			}
			defer st.Close()
			im, err := dataset.New(x, data.FS)
			if err != nil {
				return err
			}
			failed := 0
			for _, path := range args {
				n, bad, err := importFile(cmd, st, im, format, path)
				failed += bad
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "durand import: %s: %d events imported, %d rows failed; database %s\n", path, n, bad, db)
			}
			if failed > 0 {
				return fmt.Errorf("%d row(s) failed: %w", failed, errReported)
			}
			return nil
		},
	}
	dbFlag(cmd, &db)
	cmd.Flags().StringVar(&format, "format", "", "dataset format: "+strings.Join(dataset.Formats, ", "))
	cmd.MarkFlagRequired("format")
	return cmd
}

func importFile(cmd *cobra.Command, st store.Store, im *dataset.Importer, format, path string) (n, bad int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	n, err = im.Import(cmd.Context(), st, format, f, path, func(err error) {
		bad++
		fmt.Fprintln(cmd.ErrOrStderr(), "durand import:", err)
	})
	return n, bad, err
}
