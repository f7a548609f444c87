package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/durandhq/durand/escalation"
)

// varFlags are the flags of `durand analyze var`.
type varFlags struct {
	series, names, dummies, order []string
	weekly, fatalities            bool
	criterion, irf                string
	opt                           escalation.VAROptions
}

func newAnalyzeVAR(a *analyzeFlags) *cobra.Command {
	v := &varFlags{}
	cmd := &cobra.Command{
		Use:   "var --series [NAME=]FILTER --series [NAME=]FILTER... [--names a,b] [--weekly] [--lags N | --max-lags N --criterion aic|bic] [--dummies dow,month,year,trend] [--horizon N] [--order a,b] [--replications N]",
		Short: "A vector autoregression on daily or weekly counts: Granger tests and impulse responses",
		Long: `Var fits a vector autoregression to the daily (or, with --weekly, weekly) counts of the events matching each
--series FILTER (at least two), the method of the published work on tit-for-tat violence (Jaeger and Paserman 2008;
Haushofer, Biletzki and Kanwisher 2010; Jaeger and Siddique 2018). Name a series with NAME=FILTER, or all of them
with --names; unnamed, a series is called by its filter. The lag order is --lags, or the one --criterion (bic, the
default, or aic) prefers among 1 to --max-lags (default 14 daily, 8 weekly). --dummies adds deterministic terms:
dow (day of week, daily only), month, year, trend; noconstant drops the constant. The table gives the Granger F test
of every ordered pair (do the cause's lags help predict the effect?) and the impulse responses of the --irf kind
(orthogonal, the default: to a one-standard-deviation shock, Cholesky in --order; generalized; unit: to one more
event; cumulative: unit responses summed) at a few horizons up to --horizon periods, with 95% bands from
--replications residual-bootstrap replicates. --fatalities models the known fatalities instead of the events. The
plot is the grid of impulse responses, a row per responding series and a column per shocked one.`,
		Args: analyzeNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return v.run(cmd, a) },
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&v.series, "series", nil, "a series: events matching FILTER, or NAME=FILTER (repeat for each series)")
	fl.StringSliceVar(&v.names, "names", nil, "names of the series, in the order given")
	fl.BoolVar(&v.weekly, "weekly", false, "weekly counts (weeks from Monday) instead of daily")
	fl.BoolVar(&v.fatalities, "fatalities", false, "model the known fatalities instead of the number of events")
	fl.IntVar(&v.opt.Lags, "lags", 0, "the lag order (0: chosen by --criterion)")
	fl.IntVar(&v.opt.MaxLags, "max-lags", 0, "the largest lag order considered (0: 14 daily, 8 weekly)")
	fl.StringVar(&v.criterion, "criterion", "bic", "criterion choosing the lags: bic or aic")
	fl.StringSliceVar(&v.dummies, "dummies", nil, "deterministic terms: dow, month, year, trend, noconstant")
	fl.IntVar(&v.opt.Horizon, "horizon", 0, "periods the impulse responses reach (0: 14)")
	fl.StringSliceVar(&v.order, "order", nil, "Cholesky order of the orthogonal responses, by name (default: as given)")
	fl.IntVar(&v.opt.Replications, "replications", 0, "bootstrap replicates behind the bands (0: 200; -1: no bands)")
	fl.StringVar(&v.irf, "irf", "orthogonal", "responses shown and plotted: orthogonal, generalized, unit or cumulative")
	return cmd
}

// parse checks the flags and fills the options, before any data is read.
func (v *varFlags) parse() error {
	if len(v.series) < 2 {
		return usagef("var: give at least two --series (e.g. --series ttp=source=TTP --series pak=source=PAK,target=TTP)")
	}
	if len(v.names) > 0 && len(v.names) != len(v.series) {
		return usagef("--names: %d names for %d series", len(v.names), len(v.series))
	}
	switch strings.ToLower(v.criterion) {
	case "bic":
		v.opt.Criterion = escalation.BIC
	case "aic":
		v.opt.Criterion = escalation.AIC
	default:
		return usagef("--criterion %q: want aic or bic", v.criterion)
	}
	if !slices.Contains([]string{"orthogonal", "generalized", "unit", "cumulative"}, v.irf) {
		return usagef("--irf %q: want orthogonal, generalized, unit or cumulative", v.irf)
	}
	det := &v.opt.Deterministic
	for _, d := range splitList(v.dummies) {
		switch d {
		case "dow":
			det.DayOfWeek = true
		case "month":
			det.Month = true
		case "year":
			det.Year = true
		case "trend":
			det.Trend = true
		case "noconstant":
			det.NoConstant = true
		default:
			return usagef("--dummies %q: want dow, month, year, trend or noconstant", d)
		}
	}
	if det.DayOfWeek && v.weekly {
		return usagef("--dummies dow: day-of-week dummies need a daily series, not --weekly")
	}
	return nil
}

// specs splits each --series into its name and filter, and checks
// --order against the names.
func (v *varFlags) specs() (names, filters []string, err error) {
	if names, filters, err = seriesSpecs("--series", v.series, v.names); err != nil {
		return nil, nil, err
	}
	for _, o := range v.order {
		if !slices.Contains(names, o) {
			return nil, nil, usagef("--order %q: not a series name (names: %s)", o, strings.Join(names, ", "))
		}
	}
	if len(v.order) > 0 && len(v.order) != len(names) {
		return nil, nil, usagef("--order names %d of the %d series: name all of them", len(v.order), len(names))
	}
	v.opt.Order = v.order
	return names, filters, nil
}

func (v *varFlags) run(cmd *cobra.Command, a *analyzeFlags) error {
	if err := v.parse(); err != nil {
		return err
	}
	names, filters, err := v.specs()
	if err != nil {
		return err
	}
	d, err := a.load(cmd)
	if err != nil {
		return err
	}
	from, to := d.bounds()
	step := 1
	if v.weekly {
		step, from = 7, escalation.Weekly.Floor(from)
	}
	var series []escalation.Series
	for i, s := range filters {
		f, err := d.filterFlag("--series", s)
		if err != nil {
			return err
		}
		if len(escalation.Days(d.occ, f)) == 0 {
			return fmt.Errorf("--series %s: none of the %d events read matches", v.series[i], len(d.occ))
		}
		series = append(series, escalation.Bin(d.occ, f, from, to, step))
	}
	data, err := escalation.NewVARData(names, series, v.fatalities)
	if err != nil {
		return err
	}
	v.opt.Rand = a.rand()
	res, err := escalation.FitVAR(data, v.opt)
	if err != nil {
		return err
	}
	rep := varReport{Series: v.series, Fatalities: v.fatalities, Shown: v.irf, VAR: res}
	return a.write(cmd, d, analysisReport{JSON: rep, Records: rep.records(), Table: rep.table, Figure: rep.figure})
}

// varReport is a fitted VAR with what it was fitted on.
type varReport struct {
	// Series are the --series flags, in order.
	Series     []string
	Fatalities bool
	// Shown is the kind of impulse response the table and plot show.
	Shown string
	VAR   *escalation.VARResult
}

// responses are the impulse responses of the kind shown; nil when the
// VAR is unstable.
func (r varReport) responses() []escalation.VARResponse {
	irf := r.VAR.IRF
	if irf == nil {
		return nil
	}
	switch r.Shown {
	case "generalized":
		return irf.Generalized
	case "unit":
		return irf.Unit
	case "cumulative":
		return irf.Cumulative
	}
	return irf.Orthogonal
}

// what names the quantity modelled.
func (r varReport) what() string {
	if r.Fatalities {
		return "fatalities"
	}
	return "events"
}

// shockText says what an impulse of the kind shown is.
func (r varReport) shockText() string {
	switch r.Shown {
	case "generalized":
		return "generalized: to a one-s.d. shock, the others moving with it as the residuals do"
	case "unit":
		return "to one more " + strings.TrimSuffix(r.what(), "s") + " in the shocked series"
	case "cumulative":
		return "cumulative: summed from the shock's " + periodName(r.VAR.Step) + " on, to one more " + strings.TrimSuffix(r.what(), "s")
	}
	order := r.VAR.Names
	if r.VAR.IRF != nil {
		order = r.VAR.IRF.Order
	}
	return "orthogonalised: to a one-s.d. shock, Cholesky order " + strings.Join(order, ", ")
}

func (r varReport) table(w io.Writer) error {
	v, u := r.VAR, periodName(r.VAR.Step)
	chosen := "given"
	if v.Selection != nil {
		chosen = fmt.Sprintf("chosen by %s among 1–%d (AIC: %d, BIC: %d)", v.Criterion, len(v.Selection), v.AICLag, v.BICLag)
	}
	fmt.Fprintf(w, "VAR(%d) of %s per %s on %d observations, %s to %s; lags %s; deterministic terms: %s.\n",
		v.P, r.what(), u, v.T, analysisDate(v.First), analysisDate(v.Last), chosen, strings.Join(v.Deterministic, ", "))
	stable := "stable"
	if !v.Stable {
		stable = "UNSTABLE"
	}
	fmt.Fprintf(w, "Largest eigenvalue modulus %.3f: %s.\n", v.MaxModulus, stable)
	for _, warn := range v.Warnings {
		fmt.Fprintln(w, "Warning:", warn)
	}
	fmt.Fprintln(w, "\nGranger causality (null: the cause's lags add nothing to the effect's equation):")
	tw := newTable(w)
	fmt.Fprintln(tw, "cause\teffect\tF\tdf\tp")
	for _, g := range v.Granger {
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%d, %d\t%s\n", g.Cause, g.Effect, g.F, g.DF1, g.DF2, fmtP(g.P))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return r.irfTable(w)
}

// irfTable writes the impulse responses of the kind shown at a few
// horizons, with their bands.
func (r varReport) irfTable(w io.Writer) error {
	v, u := r.VAR, periodName(r.VAR.Step)
	resp := r.responses()
	if resp == nil {
		_, err := fmt.Fprintln(w, "\nNo impulse responses: the VAR is unstable.")
		return err
	}
	irf := v.IRF
	band := fmt.Sprintf("%.0f%% bands from %d bootstrap replicates", 100*irf.Level, irf.Replications)
	if irf.Replications == 0 {
		band = "no bands"
	}
	fmt.Fprintf(w, "\nImpulse responses (%s), in %s per %s, %s:\n", r.shockText(), r.what(), u, band)
	hs := varHorizons(irf.Horizon)
	tw := newTable(w)
	head := []string{"impulse → response"}
	for _, h := range hs {
		head = append(head, fmt.Sprintf("%s after", varPeriods(h, u)))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, c := range resp {
		row := []string{c.Impulse + " → " + c.Response}
		for _, h := range hs {
			cell := fmtFixed(c.Point[h])
			if c.Low != nil {
				cell += fmt.Sprintf(" [%s, %s]", fmtFixed(c.Low[h]), fmtFixed(c.High[h]))
			}
			row = append(row, cell)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

// varPeriods is "1 day", "3 weeks".
func varPeriods(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// fmtFixed writes a response with three decimals, so that a column of
// them lines up and reads at a glance (no exponents); a zero that
// rounding gave a sign to is written 0.000.
func fmtFixed(v float64) string {
	s := fmt.Sprintf("%.3f", v)
	if s == "-0.000" {
		return "0.000"
	}
	return s
}

// varHorizons are the horizons the table shows: the first few, a week,
// two, and the last.
func varHorizons(last int) []int {
	var out []int
	for _, h := range []int{0, 1, 2, 3, 7, 14, last} {
		if h <= last && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}

// records is the VAR as one long table: the Granger tests, the lag
// coefficients and every kind of impulse response.
func (r varReport) records() [][]string {
	v := r.VAR
	out := [][]string{{"measure", "cause", "effect", "lag", "value", "low", "high", "df1", "df2", "p"}}
	for _, g := range v.Granger {
		out = append(out, []string{"granger_f", g.Cause, g.Effect, itoa(v.P), fmtCSV(g.F), "", "", itoa(g.DF1), itoa(g.DF2), fmtCSV(g.P)})
	}
	for l := range v.Coef {
		for i := range v.Coef[l] {
			for j := range v.Coef[l][i] {
				out = append(out, []string{"coef", v.Names[j], v.Names[i], itoa(l + 1), fmtCSV(v.Coef[l][i][j]),
					fmtCSV(v.Low[l][i][j]), fmtCSV(v.High[l][i][j]), "", "", ""})
			}
		}
	}
	if v.IRF == nil {
		return out
	}
	for _, kind := range []struct {
		name string
		resp []escalation.VARResponse
	}{{"irf_orthogonal", v.IRF.Orthogonal}, {"irf_generalized", v.IRF.Generalized}, {"irf_unit", v.IRF.Unit}, {"irf_cumulative", v.IRF.Cumulative}} {
		for _, c := range kind.resp {
			for h, p := range c.Point {
				lo, hi := "", ""
				if c.Low != nil {
					lo, hi = fmtCSV(c.Low[h]), fmtCSV(c.High[h])
				}
				out = append(out, []string{kind.name, c.Impulse, c.Response, itoa(h), fmtCSV(p), lo, hi, "", "", ""})
			}
		}
	}
	return out
}

// figure draws the grid of impulse responses: row i is the response of
// series i, column j the shock to series j.
func (r varReport) figure() (*figure, error) {
	resp := r.responses()
	if resp == nil {
		return nil, errors.New("the VAR is unstable: no impulse responses to plot")
	}
	v, u := r.VAR, periodName(r.VAR.Step)
	k := v.K
	grid := make([][]*plot.Plot, k)
	for i := range grid {
		grid[i] = make([]*plot.Plot, k)
	}
	for _, c := range resp {
		i, j := slices.Index(v.Names, c.Response), slices.Index(v.Names, c.Impulse)
		p, err := responsePanel(fmt.Sprintf("%s → %s", c.Impulse, c.Response), fmt.Sprintf("%ss after the shock", u),
			fmt.Sprintf("%s per %s", r.what(), u), c, v.IRF.Level, false)
		if err != nil {
			return nil, err
		}
		grid[i][j] = p
	}
	band := "no bands"
	if v.IRF.Replications > 0 {
		band = fmt.Sprintf("shaded: %.0f%% bootstrap band", 100*v.IRF.Level)
	}
	title := fmt.Sprintf("Impulse responses of a VAR(%d) of %s per %s, %s to %s; %s\n(%s)",
		v.P, r.what(), u, analysisDate(v.First), analysisDate(v.Last), band, r.shockText())
	cell := max(3*vg.Inch, 10*vg.Inch/vg.Length(k))
	return gridFigure(title, grid, cell, cell*0.75), nil
}

// responsePanel draws one impulse response with its band around zero,
// with a legend or without (a grid of them explains the band once in
// its title: a legend in every cell would cover the curves).
func responsePanel(title, xlabel, ylabel string, c escalation.VARResponse, level float64, legend bool) (*plot.Plot, error) {
	p := newPlot(title, xlabel, ylabel)
	if !legend {
		p.Legend = plot.NewLegend()
	}
	p.Legend.Left = false
	xs := make([]float64, len(c.Point))
	for h := range xs {
		xs[h] = float64(h)
	}
	err := addZero(p, xs)
	lo, hi := slices.Min(c.Point), slices.Max(c.Point)
	if c.Low != nil {
		err = errors.Join(err, addBand(p, fmt.Sprintf("%.0f%% bootstrap band", 100*level), xs, c.Low, c.High, plotEffect))
		lo, hi = min(lo, slices.Min(c.Low)), max(hi, slices.Max(c.High))
	}
	if legend {
		// Room above the curve for the legend.
		lo, hi = min(lo, 0), max(hi, 0)
		p.Y.Min, p.Y.Max = lo, hi+0.3*(hi-lo)
	}
	return p, errors.Join(err, addLine(p, "response", xs, c.Point, plotObserved, false))
}
