package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// errReported is returned when some inputs failed and were reported
// already: the exit status is 1, with nothing more to print.
var errReported = errors.New("some inputs failed")

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "durand",
		Short:         "Turn conflict reports into a trustworthy event dataset",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newDemo(), newExtract(), newIngest(), newImport(), newEvents(), newServe(), newEval(), newExplain())
	return root
}
