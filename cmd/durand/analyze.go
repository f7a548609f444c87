package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/escalation"
	"github.com/durandhq/durand/store"
)

// usageError is an error in how a command was called: a flag missing,
// malformed or naming nothing in the data. main exits with status 2 on
// one, as on a usage error anywhere, rather than 1 (a run that failed).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// usagef is a usageError with a message.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func newAnalyze() *cobra.Command {
	a := &analyzeFlags{}
	cmd := &cobra.Command{
		Use:   "analyze series|retaliation|eventstudy|var|hawkes|backtest|claims [flags]",
		Short: "Retaliation, deterrence and escalation in the stored events, with intervals",
		Long: `Analyze answers questions about who retaliates against whom, and whether strikes deter or provoke, on
the stored events that match the filters (the filters of "durand events": --from/--to, --actor, --type, --place,
--bbox, --text, --modality, --min-confidence, --dataset). Each event is reduced to its day, sides, type, mode,
place and toll; events whose date is coarser than --coarsest (default: a day) or unknown are left out, and the
output says how many.

Sides are actor code prefixes: PAK is every Pakistani state actor (PAK.MIL, PAK.POL), TTP the TTP, AFG
Afghanistan's. Where a subcommand takes a FILTER, it is written "source=PAK,target=TTP,type=ASSAULT,mode=aerial,
place=AFG" (keys source, target, type, mode, place; type, mode and place repeatable; place is an admin1 name or an
ISO3 country code).

Output: a table for people (the default), --format json (NaN and infinite values as null, dates as ISO dates) or
--format csv (one long table); --plot FILE.svg or FILE.png draws the answer. --seed makes the null draws and
bootstraps another reproducible draw (0, the default: each model's fixed seed). The exit status is 2 for a usage
error (a bad flag, a filter key unknown, a side no event has), 1 when the data cannot carry the model.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("analyze: unknown subcommand %q (want series, retaliation, eventstudy, var, hawkes, backtest or claims)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := cmd.PersistentFlags()
	dbFlagSet(pf, &a.db)
	pf.StringVar(&a.format, "format", "table", "output: table, json or csv")
	pf.StringVar(&a.plot, "plot", "", "also draw the answer into FILE.svg or FILE.png")
	pf.Uint64Var(&a.seed, "seed", 0, "seed of the null draws and bootstraps (0: each model's fixed seed)")
	pf.StringVar(&a.coarsest, "coarsest", "day", "the coarsest date precision kept: day, week or month (an event is put on its first day)")
	// "order" is left out: the answer does not depend on the order events
	// are read in, and var has an --order of its own.
	a.query = queryFlags(pf, "order")
	cmd.AddCommand(newAnalyzeSeries(a), newAnalyzeRetaliation(a), newAnalyzeEventStudy(a), newAnalyzeVAR(a), newAnalyzeHawkes(a),
		newAnalyzeBacktest(a), newAnalyzeClaims(a))
	return cmd
}

// analyzeFlags are the flags the analyze subcommands share: which
// events to read and how to write the answer.
type analyzeFlags struct {
	db, format, plot, coarsest string
	seed                       uint64
	query                      func() (store.Query, error)
}

// analyzeNoArgs refuses positional arguments as a usage error.
func analyzeNoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("analyze %s: unexpected argument %q (every input is a flag)", cmd.Name(), args[0])
	}
	return nil
}

// rand is the generator the --seed gives, nil (each model's own fixed
// seed) for 0.
func (a *analyzeFlags) rand() *rand.Rand {
	if a.seed == 0 {
		return nil
	}
	return rand.New(rand.NewPCG(a.seed, 28))
}

// check refuses a --format or --plot the commands cannot write, before
// any work is done.
func (a *analyzeFlags) check() error {
	if !slices.Contains([]string{"table", "json", "csv"}, a.format) {
		return usagef("--format %q: want table, json or csv", a.format)
	}
	if a.plot != "" {
		if ext := strings.ToLower(filepath.Ext(a.plot)); ext != ".svg" && ext != ".png" {
			return usagef("--plot %q: want a file name ending in .svg or .png", a.plot)
		}
	}
	return nil
}

// analysisData is what an analysis read: the selection, its
// occurrences, and the query that selected them.
type analysisData struct {
	sel   *escalation.Selection
	occ   []escalation.Occurrence // sel.Occurrences()
	query store.Query
}

// load reads the events the filters select from the store, page by
// page, keeping each only as an occurrence.
func (a *analyzeFlags) load(cmd *cobra.Command) (*analysisData, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	q, err := a.query()
	if err != nil {
		return nil, usageError{err}
	}
	coarsest := durand.DatePrecision(a.coarsest)
	if !slices.Contains([]durand.DatePrecision{durand.Day, durand.Week, durand.Month}, coarsest) {
		return nil, usagef("--coarsest %q: want day, week or month", a.coarsest)
	}
	st, err := openExisting(a.db)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	q.Limit = store.MaxLimit
	sel, err := escalation.Select(store.Pages(cmd.Context(), st, q), escalation.SelectOptions{Coarsest: coarsest, From: q.From, To: q.To})
	if errors.Is(err, escalation.ErrNoEvents) {
		return nil, fmt.Errorf("%s: %w", a.db, err)
	}
	if err != nil {
		return nil, err
	}
	return &analysisData{sel: sel, occ: sel.Occurrences(), query: q}, nil
}

// bounds are the days an analysis covers: the filters' --from and --to
// where given, else the first and last events read.
func (d *analysisData) bounds() (from, to int) { return d.sel.Bounds() }

// summary is one line saying what the analysis rests on.
func (d *analysisData) summary() string { return d.sel.Summary() }

// sideCheck refuses, as a usage error, a side that no event read has an
// actor of (most likely a mistyped code), naming the sides there are.
func (d *analysisData) sideCheck(flag string, s escalation.Side) error {
	if err := escalation.CheckSide(d.occ, s); err != nil {
		return usagef("%s %s: %v", flag, s, err)
	}
	return nil
}

// filterFlag parses a FILTER flag's value and checks its sides.
func (d *analysisData) filterFlag(flag, value string) (escalation.Filter, error) {
	f, err := escalation.ParseFilter(value)
	if err != nil {
		return f, usagef("%s: %v", flag, err)
	}
	if err := d.sideCheck(flag+" source=", f.Source); err != nil {
		return f, err
	}
	if err := d.sideCheck(flag+" target=", f.Target); err != nil {
		return f, err
	}
	return f, nil
}

// analysisReport is an analysis's answer in every form it is written.
type analysisReport struct {
	// JSON is the value written by --format json, after the data read.
	JSON any
	// Records are the rows of --format csv, a header first.
	Records [][]string
	// Table writes the answer for people.
	Table func(w io.Writer) error
	// Figure draws the answer for --plot.
	Figure func() (*figure, error)
}

// write writes the report in the --format asked, and its plot.
func (a *analyzeFlags) write(cmd *cobra.Command, d *analysisData, r analysisReport) error {
	w := cmd.OutOrStdout()
	var err error
	switch a.format {
	case "json":
		err = writeAnalysisJSON(w, struct {
			Data   *escalation.Selection
			Result any
		}{d.sel, r.JSON})
	case "csv":
		fmt.Fprintln(cmd.ErrOrStderr(), "durand analyze:", d.summary())
		cw := csv.NewWriter(w)
		cw.WriteAll(r.Records)
		err = cw.Error()
	default:
		fmt.Fprintln(w, d.summary())
		err = r.Table(w)
	}
	if err != nil || a.plot == "" {
		return err
	}
	fig, err := r.Figure()
	if err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	if err := fig.save(a.plot); err != nil {
		return fmt.Errorf("plot %s: %w", a.plot, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "durand analyze: plot written to %s\n", a.plot)
	return nil
}

// newTable is an aligned-text writer for a table of the answer.
func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }

// fmtP writes a p-value, below 0.001 as "< 0.001".
func fmtP(p float64) string {
	switch {
	case math.IsNaN(p):
		return "n/a"
	case p < 0.001:
		return "< 0.001"
	}
	return fmt.Sprintf("%.3f", p)
}

// fmtNum writes a number with two decimals, or two significant digits
// when small, "n/a" for NaN and "∞" for infinity.
func fmtNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "n/a"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case v != 0 && v > -0.1 && v < 0.1:
		return fmt.Sprintf("%.2g", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// fmtDays writes a number of days: "1 day", "2 days", "2.5 days",
// "n/a" for NaN (a median never reached) and "∞ days" for infinity.
func fmtDays(v float64) string {
	switch {
	case v == 1:
		return "1 day"
	case v == math.Trunc(v) && !math.IsInf(v, 0):
		return fmt.Sprintf("%.0f days", v)
	case math.IsNaN(v):
		return "n/a"
	}
	return fmtNum(v) + " days"
}

// fmtPct writes a share as a percentage with one decimal.
func fmtPct(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

// fmtCSV writes a number for CSV: empty for NaN and infinities, else the
// shortest form that reads back the same.
func fmtCSV(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return fmt.Sprint(v)
}

// periodName names a period of step days: a week for 7, else a day.
func periodName(step int) string {
	if step == 7 {
		return "week"
	}
	return "day"
}

// filterKeys are the keys a FILTER starts with, which tell a filter
// from a NAME=FILTER.
var filterKeys = []string{"source", "target", "type", "mode", "place"}

// seriesSpecs splits each value of a [NAME=]FILTER flag into its name
// and filter; names, when given, name them all in order, and an unnamed
// one is called by its filter.
func seriesSpecs(flag string, specs, names []string) (outNames, filters []string, err error) {
	if len(names) > 0 && len(names) != len(specs) {
		return nil, nil, usagef("--names: %d names for %d series", len(names), len(specs))
	}
	for i, s := range specs {
		name, filter := "", s
		if k, rest, ok := strings.Cut(s, "="); ok && !slices.Contains(filterKeys, strings.TrimSpace(k)) {
			name, filter = strings.TrimSpace(k), rest
		}
		if len(names) > 0 {
			name = names[i]
		}
		if name == "" {
			name = filter
		}
		if slices.Contains(outNames, name) {
			return nil, nil, usagef("%s: the name %q is given twice", flag, name)
		}
		outNames, filters = append(outNames, name), append(filters, filter)
	}
	return outNames, filters, nil
}

// itoa is strconv.Itoa, for the CSV records.
func itoa(n int) string { return strconv.Itoa(n) }

// splitList splits comma-separated flag values, dropping empty ones.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for p := range strings.SplitSeq(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
