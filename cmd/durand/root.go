package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/durandhq/durand/pipeline"

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
		Version:       version(),
	}
	// A bad flag in any command is a usage error (exit status 2); the
	// subcommands inherit this.
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().StringArrayVar(&actorFiles, "actors", nil,
		"more actors: FILE in the format of data/actors.tsv, or phoenix:FILE, a PETRARCH/Phoenix actor or agent dictionary (repeatable)")
	root.PersistentFlags().StringArrayVar(&verbFiles, "verbs", nil,
		"a PETRARCH verb dictionary (the format of CAMEO.2.0.txt) whose verbs and patterns code events ahead of durand's triggers (repeatable)")
	root.PersistentFlags().BoolVar(&unasserted, "unasserted", false,
		"also report negated, future and hypothetical statements, as events with that modality")
	root.PersistentFlags().DurationVar(&budget, "budget", pipeline.DefaultBudget,
		"the longest one document's extraction may take; past it the document fails and the rest goes on (0: no limit)")
	root.AddCommand(newDemo(), newExtract(), newIngest(), newImport(), newEvents(), newAnalyze(), newServe(), newEval(), newExplain(), newTrain())
	return root
}

// version is what --version prints: the module's version and the commit
// it was built from, as the Go toolchain recorded them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+changes"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " " + rev + dirty + " " + at
	}
	return strings.TrimSpace(v + " " + info.GoVersion)
}

// actorFiles and verbFiles are the --actors and --verbs arguments,
// unasserted the --unasserted switch, budget the --budget.
var (
	actorFiles, verbFiles []string
	unasserted            bool
	budget                time.Duration
)

// newExtractor loads the extraction pipeline with the embedded dictionaries
// and any --actors files.
func newExtractor() (*pipeline.Extractor, error) {
	b := budget
	if b == 0 {
		b = -1 // --budget 0: no limit
	}
	return pipeline.New(pipeline.Options{ActorFiles: actorFiles, VerbFiles: verbFiles, Unasserted: unasserted, Budget: b,
		Warn: func(err error) { fmt.Fprintln(os.Stderr, "durand:", err) }})
}
