package main

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/durandhq/durand/escalation"
)

// backtestFlags are the flags of `durand analyze backtest`.
type backtestFlags struct {
	unit, where, reference, fan, fanModel string
	sides, models                         []string
	minEvents                             int
	opt                                   escalation.BacktestOptions
}

func newAnalyzeBacktest(a *analyzeFlags) *cobra.Command {
	b := &backtestFlags{}
	cmd := &cobra.Command{
		Use:   "backtest [--unit province|country|dyad] [--min-train N] [--horizon N] [--window N] [--models persistence,seasonal,negbin,hawkes] [--where FILTER] [--fan UNIT]",
		Short: "Rolling-origin forecasts of monthly event counts per province, scored by MAE and CRPS against naive baselines",
		Long: `Backtest asks how well each model would have forecast the number of events per month in each province (or
country, or dyad with --unit) had it been run every month in the past on the data up to that month only. From the
--min-train'th month on (default 24), each month is an origin: every model is fitted to the months before it (all
of them, or the last --window months) and forecasts the month --horizon months ahead (default 1: the month right
after the data). Only calendar months wholly inside --from/--to count.

The models: persistence (next month is the last month seen; a point forecast); seasonal (the mean of the same
calendar month in the past years seen, its distribution their empirical one); negbin (a negative-binomial
autoregression, log μ = a + b·log(1 + last month) + one harmonic of the calendar month, fitted per unit by maximum
likelihood with its dispersion; where the data cannot carry it, a simpler fit stands in and the notes say how
often); hawkes (a univariate Hawkes process per unit fitted to the event days, its mean exact given the history, its
distribution from --samples simulated paths). Each forecast is scored by the absolute error of its mean and by the
CRPS of its distribution (the metric of the ViEWS forecasting competitions: in events per month, lower is better;
a point forecast's CRPS is its absolute error). The table gives each model's mean scores over units and months
with 95% intervals from a block bootstrap over months, the difference to --reference (default persistence: below
zero, the model did better), and the scores per unit. Units with fewer than --min-events events in the months read
are left out. --where narrows the events; --sides groups the actors of dyads as "analyze series" does. The plot
draws one unit's forecasts (--fan, default the unit with most events; --fan-model, default the model with the
lowest CRPS) as a fan of 50% and 90% predictive bands over what happened, and each model's scores as bars.`,
		Args: analyzeNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return b.run(cmd, a) },
	}
	fl := cmd.Flags()
	fl.StringVar(&b.unit, "unit", "province", "the units forecast: province, country or dyad")
	fl.StringSliceVar(&b.sides, "sides", nil, "sides of the dyads, actor code prefixes in order (default: each code's first segment)")
	fl.StringVar(&b.where, "where", "", "count only the events matching FILTER (source=,target=,type=,mode=,place=)")
	fl.IntVar(&b.opt.MinTrain, "min-train", 24, "months of data before the first forecast (at least 12)")
	fl.IntVar(&b.opt.Horizon, "horizon", 1, "months ahead of the data each forecast is (1: the next month)")
	fl.IntVar(&b.opt.Window, "window", 0, "months before each origin the models see (0: all; else at least 12)")
	fl.StringSliceVar(&b.models, "models", []string{"persistence", "seasonal", "negbin", "hawkes"}, "the models compared")
	fl.StringVar(&b.reference, "reference", "", "the model the others' score differences are taken against (default persistence)")
	fl.IntVar(&b.opt.Samples, "samples", 0, "simulated paths per Hawkes forecast (0: 400)")
	fl.IntVar(&b.minEvents, "min-events", 1, "leave out units with fewer events in the months read")
	fl.StringVar(&b.fan, "fan", "", "the unit whose forecasts the plot draws (default: the unit with most events)")
	fl.StringVar(&b.fanModel, "fan-model", "", "the model whose forecasts the plot draws (default: the lowest CRPS)")
	return cmd
}

// parse checks the flags that need no data.
func (b *backtestFlags) parse() error {
	if b.opt.MinTrain < 12 {
		return usagef("--min-train %d: want at least 12 months (the seasonal mean needs a year)", b.opt.MinTrain)
	}
	if b.opt.Horizon < 1 {
		return usagef("--horizon %d: want at least 1 month", b.opt.Horizon)
	}
	if b.opt.Window != 0 && b.opt.Window < 12 {
		return usagef("--window %d: want 0 (every month) or at least 12", b.opt.Window)
	}
	if !slices.Contains([]string{"province", "country", "dyad"}, b.unit) {
		return usagef("--unit %q: want province, country or dyad", b.unit)
	}
	b.opt.Models = nil
	for _, s := range splitList(b.models) {
		m, err := escalation.ParseBacktestModel(s)
		if err != nil {
			return usagef("--models: %v", err)
		}
		if slices.Contains(b.opt.Models, m) {
			return usagef("--models: %s given twice", m)
		}
		b.opt.Models = append(b.opt.Models, m)
	}
	if len(b.opt.Models) == 0 {
		return usagef("--models: name at least one of persistence, seasonal, negbin, hawkes")
	}
	for _, flag := range []struct {
		name, value string
		to          *escalation.BacktestModel
	}{{"--reference", b.reference, &b.opt.Reference}, {"--fan-model", b.fanModel, nil}} {
		if flag.value == "" {
			continue
		}
		m, err := escalation.ParseBacktestModel(flag.value)
		if err != nil {
			return usagef("%s: %v", flag.name, err)
		}
		if !slices.Contains(b.opt.Models, m) {
			return usagef("%s %s: not among the --models", flag.name, m)
		}
		if flag.to != nil {
			*flag.to = m
		}
	}
	return nil
}

func (b *backtestFlags) run(cmd *cobra.Command, a *analyzeFlags) error {
	if err := b.parse(); err != nil {
		return err
	}
	d, err := a.load(cmd)
	if err != nil {
		return err
	}
	var sides []escalation.Side
	for _, s := range splitList(b.sides) {
		if err := d.sideCheck("--sides", escalation.Side(s)); err != nil {
			return err
		}
		sides = append(sides, escalation.Side(s))
	}
	f, err := d.filterFlag("--where", b.where)
	if err != nil {
		return err
	}
	b.opt.From, b.opt.To = d.bounds()
	if d.query.From.IsZero() {
		b.opt.From = escalation.Monthly.Floor(b.opt.From)
	}
	if d.query.To.IsZero() {
		b.opt.To = escalation.Monthly.Next(b.opt.To) - 1
	}
	units, left, err := escalation.BacktestUnits(d.occ, f, escalation.BacktestBy(b.unit), sides)
	if err != nil {
		return usageError{err}
	}
	rep := &backtestReport{By: b.unit, Where: b.where, NoUnit: left, MinEvents: b.minEvents}
	units = rep.keep(units, b.opt.From, b.opt.To)
	if len(units) == 0 {
		return fmt.Errorf("no %s has %d or more events in the months read (%d events had no %s)", b.unit, b.minEvents, left, b.unit)
	}
	if b.fan != "" && !slices.ContainsFunc(units, func(u escalation.BacktestUnit) bool { return u.Name == b.fan }) {
		return usagef("--fan %q: not a unit forecast (units: %s)", b.fan, strings.Join(rep.names(units, 12), ", "))
	}
	b.opt.Rand = a.rand()
	res, err := escalation.Backtest(units, b.opt)
	if err != nil {
		return err
	}
	rep.Backtest = res
	rep.fan, rep.fanModel = cmp.Or(b.fan, res.Units[0]), escalation.BacktestModel(b.fanModel)
	if rep.fanModel == "" {
		rep.fanModel = rep.best(func(s escalation.BacktestScore) float64 { return s.CRPS.Mean })
	}
	return a.write(cmd, d, analysisReport{JSON: rep, Records: rep.records(), Table: rep.table, Figure: rep.figure})
}

// backtestReport is a backtest with what it was run on.
type backtestReport struct {
	// By is what a unit is: province, country or dyad. Where is the
	// --where filter.
	By, Where string
	// NoUnit counts the events read that had no unit (no province, no
	// country, no side); Dropped are the units left out for fewer than
	// MinEvents events in the months read.
	NoUnit    int
	MinEvents int
	Dropped   []string
	Backtest  *escalation.BacktestResult

	fan      string
	fanModel escalation.BacktestModel
}

// keep is the units with at least MinEvents events in [from, to],
// noting the others.
func (r *backtestReport) keep(units []escalation.BacktestUnit, from, to int) []escalation.BacktestUnit {
	var out []escalation.BacktestUnit
	for _, u := range units {
		n := 0
		for _, d := range u.Days {
			if d >= from && d <= to {
				n++
			}
		}
		if n >= max(1, r.MinEvents) {
			out = append(out, u)
		} else {
			r.Dropped = append(r.Dropped, u.Name)
		}
	}
	return out
}

// names are the first n units' names, and "…" if there are more.
func (r *backtestReport) names(units []escalation.BacktestUnit, n int) []string {
	var out []string
	for i, u := range units {
		if i == n {
			return append(out, "…")
		}
		out = append(out, u.Name)
	}
	return out
}

// best is the model with the lowest score by key.
func (r *backtestReport) best(key func(escalation.BacktestScore) float64) escalation.BacktestModel {
	s := slices.MinFunc(r.Backtest.Scores, func(x, y escalation.BacktestScore) int { return cmp.Compare(key(x), key(y)) })
	return s.Model
}

func (r *backtestReport) table(w io.Writer) error {
	bt := r.Backtest
	window := "every month before it"
	if bt.Window > 0 {
		window = fmt.Sprintf("the %d months before it", bt.Window)
	}
	fmt.Fprintf(w, "Backtest of events per month per %s: %d units, %d events in the %d whole months %s to %s.\n",
		r.By, len(bt.Units), bt.Events, bt.Months, backtestMonth(bt.From), backtestMonth(bt.To))
	fmt.Fprintf(w, "Forecasts %d %s ahead of each month %s to %s (%d months per unit), each model fitted at every origin to %s.\n",
		bt.Horizon, backtestPlural(bt.Horizon, "month"), backtestMonth(bt.First), backtestMonth(bt.Last), bt.Targets, window)
	fmt.Fprintf(w, "Scores in events per month, lower is better: MAE of each model's mean, CRPS of its distribution (persistence: a point).\n")
	fmt.Fprintf(w, "MAE rewards a forecast's median: where most months are quiet, a forecast of zero wins it; CRPS weighs the whole distribution.\n")
	fmt.Fprintf(w, "Intervals: %.0f%%, from a block bootstrap over months (%d replicates, blocks of %d); Δ is the score less %s's.\n\n",
		100*bt.Level, bt.Replicates, bt.Block, bt.Reference)
	tw := newTable(w)
	fmt.Fprintf(tw, "model\tforecasts\tMAE\tCRPS\tΔMAE\tΔCRPS\n")
	for _, s := range bt.Scores {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", s.Model, s.N, backtestStat(s.MAE), backtestStat(s.CRPS), backtestDelta(s, s.DeltaMAE), backtestDelta(s, s.DeltaCRPS))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	mae := r.best(func(s escalation.BacktestScore) float64 { return s.MAE.Mean })
	crps := r.best(func(s escalation.BacktestScore) float64 { return s.CRPS.Mean })
	fmt.Fprintf(w, "\nLowest MAE: %s; lowest CRPS: %s.\n", mae, crps)
	if err := r.unitTable(w); err != nil {
		return err
	}
	if n := len(r.Dropped); n > 0 {
		names := r.Dropped
		if n > 12 {
			names = append(slices.Clone(names[:12]), fmt.Sprintf("and %d more", n-12))
		}
		fmt.Fprintf(w, "\n%d %s left out, with fewer than %d events: %s.\n", n, backtestPlural(n, "unit"), r.MinEvents, strings.Join(names, ", "))
	}
	if r.NoUnit > 0 {
		fmt.Fprintf(w, "%d events read had no %s and are in no unit.\n", r.NoUnit, r.By)
	}
	for _, n := range bt.Notes {
		fmt.Fprintln(w, "Note:", n)
	}
	return nil
}

// unitTable writes each unit's CRPS and MAE per model, the lowest CRPS
// marked.
func (r *backtestReport) unitTable(w io.Writer) error {
	bt := r.Backtest
	fmt.Fprintf(w, "\nPer unit, CRPS (MAE), the lowest CRPS marked *:\n")
	tw := newTable(w)
	head := []string{r.By, "events forecast"}
	for _, m := range bt.Models {
		head = append(head, string(m))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	K := len(bt.Models)
	for u, name := range bt.Units {
		row := bt.UnitScores[u*K : (u+1)*K]
		best := slices.MinFunc(row, func(x, y escalation.BacktestUnitScore) int { return cmp.Compare(x.CRPS, y.CRPS) })
		cells := []string{name, fmt.Sprintf("%.0f", row[0].Events)}
		for _, s := range row {
			mark := ""
			if s.CRPS == best.CRPS {
				mark = "*"
			}
			cells = append(cells, fmt.Sprintf("%s (%s)%s", fmtNum(s.CRPS), fmtNum(s.MAE), mark))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// backtestStat writes a score with its interval.
func backtestStat(s escalation.BacktestStat) string {
	return fmt.Sprintf("%s [%s, %s]", fmtNum(s.Mean), fmtNum(s.Lo), fmtNum(s.Hi))
}

// backtestDelta writes a difference to the reference, "—" for the
// reference itself.
func backtestDelta(s escalation.BacktestScore, d escalation.BacktestStat) string {
	if d.Mean == 0 && d.Lo == 0 && d.Hi == 0 {
		return "—"
	}
	return fmt.Sprintf("%+.2f [%+.2f, %+.2f]", d.Mean, d.Lo, d.Hi)
}

// backtestMonth writes a day's month, 2021-03.
func backtestMonth(day int) string { return escalation.DateOf(day).Format("2006-01") }

// backtestPlural is "month" or "months".
func backtestPlural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// records is the backtest as one long table: the overall scores (unit
// "all"), the scores per unit, and every forecast.
func (r *backtestReport) records() [][]string {
	bt := r.Backtest
	head := []string{"row", "model", "unit", "start", "end", "n", "observed", "mean"}
	for _, l := range bt.Quantiles {
		head = append(head, fmt.Sprintf("q%02.0f", 100*l))
	}
	out := [][]string{append(head, "mae", "mae_low", "mae_high", "crps", "crps_low", "crps_high", "delta_mae", "delta_mae_low",
		"delta_mae_high", "delta_crps", "delta_crps_low", "delta_crps_high")}
	nq := make([]string, len(bt.Quantiles))
	first, last := analysisDate(bt.First), analysisDate(escalation.Monthly.Next(bt.Last)-1)
	for _, s := range bt.Scores {
		out = append(out, slices.Concat([]string{"score", string(s.Model), "all", first, last, itoa(s.N), "", ""}, nq,
			backtestCells(s.MAE), backtestCells(s.CRPS), backtestCells(s.DeltaMAE), backtestCells(s.DeltaCRPS)))
	}
	blank := []string{"", ""}
	for _, s := range bt.UnitScores {
		out = append(out, slices.Concat([]string{"unit", string(s.Model), s.Unit, first, last, itoa(s.N), fmtCSV(s.Events), ""}, nq,
			[]string{fmtCSV(s.MAE)}, blank, []string{fmtCSV(s.CRPS)}, blank, blank, []string{""}, blank, []string{""}))
	}
	for _, f := range bt.Forecasts {
		rec := []string{"forecast", string(f.Model), f.Unit, analysisDate(f.Start), analysisDate(f.End), "1", fmtCSV(f.Observed), fmtCSV(f.Mean)}
		for _, q := range f.Quantiles {
			rec = append(rec, fmtCSV(q))
		}
		rec = append(rec, fmtCSV(f.AE), "", "", fmtCSV(f.CRPS))
		out = append(out, append(rec, make([]string, 8)...))
	}
	return out
}

// backtestCells are a statistic's mean and bounds for CSV.
func backtestCells(s escalation.BacktestStat) []string {
	return []string{fmtCSV(s.Mean), fmtCSV(s.Lo), fmtCSV(s.Hi)}
}

// figure draws the fan of one unit's forecasts by one model over what
// happened, and each model's scores as bars with their intervals.
func (r *backtestReport) figure() (*figure, error) {
	fan, err := r.fanPlot()
	if err != nil {
		return nil, err
	}
	bars, err := r.scorePlot()
	if err != nil {
		return nil, err
	}
	return gridFigure("", [][]*plot.Plot{{fan}, {bars}}, 9*vg.Inch, 4*vg.Inch), nil
}

// fanPlot draws r.fanModel's forecasts of r.fan: the 90% and 50%
// predictive bands, the mean and the observed counts.
func (r *backtestReport) fanPlot() (*plot.Plot, error) {
	bt := r.Backtest
	var xs, obs, mean []float64
	// The quantiles' levels are 0.05, 0.25, 0.5, 0.75, 0.95: q[0]–q[4]
	// bound the 90% band, q[1]–q[3] the 50%.
	q := make([][]float64, len(bt.Quantiles))
	for _, f := range bt.Forecasts {
		if f.Unit != r.fan || f.Model != r.fanModel {
			continue
		}
		xs = append(xs, float64(escalation.DateOf(f.Start).Unix()))
		obs, mean = append(obs, f.Observed), append(mean, f.Mean)
		for j, v := range f.Quantiles {
			q[j] = append(q[j], v)
		}
	}
	if len(xs) == 0 {
		return nil, fmt.Errorf("no forecasts of %s by %s to draw", r.fan, r.fanModel)
	}
	p := newPlot(fmt.Sprintf("%s: forecasts %d %s ahead by %s", r.fan, bt.Horizon, backtestPlural(bt.Horizon, "month"), r.fanModel),
		"month forecast", "events per month")
	p.X.Tick.Marker = calendarTicks{}
	p.Legend.Left = false
	err := errors.Join(
		addBand(p, "90% predictive band", xs, q[0], q[4], plotBand),
		addBand(p, "50% predictive band", xs, q[1], q[3], plotEffect),
		addLine(p, "forecast mean", xs, mean, plotNull, true),
		addLine(p, "observed", xs, obs, plotObserved, false))
	top := max(slices.Max(obs), slices.Max(q[4]), slices.Max(mean))
	p.Y.Min, p.Y.Max = 0, max(1, top)*1.3
	return p, err
}

// scorePlot draws each model's MAE and CRPS as bars side by side, with
// their intervals as whiskers.
func (r *backtestReport) scorePlot() (*plot.Plot, error) {
	bt := r.Backtest
	p := newPlot(fmt.Sprintf("Scores per model, %s to %s (lower is better; whiskers: %.0f%% interval)",
		backtestMonth(bt.First), backtestMonth(bt.Last), 100*bt.Level), "", "events per month")
	p.Legend.Left = false
	var names []string
	var err error
	for k, s := range bt.Scores {
		names = append(names, string(s.Model))
		x := float64(k)
		for _, bar := range []struct {
			label string
			stat  escalation.BacktestStat
			dx    float64
			c     color.Color
		}{{"MAE", s.MAE, -0.2, plotBars}, {"CRPS", s.CRPS, 0.2, plotColor(1)}} {
			label := bar.label
			if k > 0 {
				label = ""
			}
			h := &plotter.Histogram{FillColor: bar.c, Width: 0.4}
			h.LineStyle.Width = 0
			h.Bins = []plotter.HistogramBin{{Min: x + bar.dx - 0.18, Max: x + bar.dx + 0.18, Weight: bar.stat.Mean}}
			p.Add(h)
			if label != "" {
				p.Legend.Add(label, h)
			}
			err = errors.Join(err, addLine(p, "", []float64{x + bar.dx, x + bar.dx}, []float64{bar.stat.Lo, bar.stat.Hi}, color.Black, false))
		}
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	top := 0.0
	for _, s := range bt.Scores {
		top = max(top, s.MAE.Mean, s.MAE.Hi, s.CRPS.Mean, s.CRPS.Hi)
	}
	// Room above the whiskers for the legend.
	p.Y.Min, p.Y.Max = 0, max(top, 1e-3)*1.2
	return p, err
}
