package main

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/durandhq/durand/escalation"
)

// hawkesReport writes a Hawkes report for people, as CSV records and as
// a plot.
type hawkesReport struct {
	*escalation.HawkesReport
	ctx context.Context // stops the fan's simulations
}

// pct is the fit's interval level as a percentage.
func (r *hawkesReport) pct() string { return fmt.Sprintf("%.0f%%", 100*r.Fit.Level) }

func (r *hawkesReport) table(w io.Writer) error {
	f := r.Fit
	fmt.Fprintf(w, "Hawkes process, %s link, of %d processes over %d days, %s to %s; each event spread at random within its day.\n",
		f.Link, len(f.Names), r.To-r.From+1, analysisDate(r.From), analysisDate(r.To))
	b := f.Branching
	reading := hawkesStationary(b)
	if f.Link == escalation.HawkesSoftplus {
		reading = hawkesSoftplusStationary(b)
	}
	fmt.Fprintf(w, "Log-likelihood %.2f. Branching ratio %s (%s interval %s to %s): %s.\n", f.LogLik, fmtNum(b.Est), r.pct(),
		fmtNum(b.Lo), fmtNum(b.Hi), reading)
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprintf(tw, "process\tevents\tbase rate a day [%s]\tmean lag 1/β [%s]\tKS D\tKS p\n", r.pct(), r.pct())
	for i, name := range f.Names {
		be := f.Beta[i]
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s [%s, %s]\t%.3f\t%s\n", name, f.Events[i], hawkesCell(f.BaseRate[i]),
			fmtDays(1/be.Est), fmtNum(1/be.Hi), fmtNum(1/be.Lo), f.GOF[i].Stat, fmtP(f.GOF[i].P))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if f.Link == escalation.HawkesLinear {
		fmt.Fprintf(w, "\nEffects: events of the row set off by one event of the column (%s intervals):\n", r.pct())
		hawkesMatrix(w, f.Names, f.Alpha)
	} else {
		fmt.Fprintf(w, "\nEffects α on the row's rate predictor (negative: the column's events lower the row's rate; %s intervals):\n", r.pct())
		hawkesMatrix(w, f.Names, f.Alpha)
		fmt.Fprintf(w, "\nThe same as events of the row set off (−: prevented) by one event of the column, at the row's base rate\n"+
			"(interval from α's, the base rate and decay held at their estimates):\n")
		hawkesMatrix(w, f.Names, r.Triggered)
	}
	for _, n := range f.Notes {
		fmt.Fprintln(w, "Note:", n)
	}
	r.forecastTable(w)
	for _, c := range r.Counterfactuals {
		r.counterfactualTable(w, c)
	}
	return nil
}

// hawkesStationary reads the branching ratio.
func hawkesStationary(b escalation.Estimate) string {
	switch {
	case b.Est >= 1:
		return "explosive, so the effects cannot all be responses (a trend in the base rates reads as excitation)"
	case b.Hi >= 1 || math.IsNaN(b.Hi):
		return "stationary, though its interval reaches 1"
	}
	return "stationary"
}

// fmtCount writes a count whole, else (a quantile between two counts)
// as fmtNum does.
func fmtCount(v float64) string {
	if v == math.Trunc(v) && !math.IsInf(v, 0) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmtNum(v)
}

// hawkesSoftplusStationary reads the softplus model's branching ratio,
// that of its positive effects on the predictor's scale. It counts no
// events at the base rates, but at high rates the link is linear, and
// there it decides: below 1 the process is dominated by a stationary
// linear one and cannot run away; above, once rates are high they feed
// themselves.
func hawkesSoftplusStationary(b escalation.Estimate) string {
	if b.Est < 1 {
		return "of the positive effects on the predictor's scale: below 1, the process cannot run away even at high rates, where the link is linear"
	}
	return "of the positive effects on the predictor's scale: above 1, once rates are high (where the link is linear) they feed themselves, " +
		"and only the link's curve at low rates holds the process, so long simulations (--observed) may explode"
}

// hawkesCell writes an estimate with its interval.
func hawkesCell(e escalation.Estimate) string {
	return fmt.Sprintf("%s [%s, %s]", hawkesNum(e.Est), hawkesNum(e.Lo), hawkesNum(e.Hi))
}

// hawkesNum writes an estimate as fmtNum does, but one below 0.0005 in
// size as 0.00: a linear effect the fit pushed against zero ends at
// 1e-7 or so, which is zero to any reader.
func hawkesNum(v float64) string {
	if math.Abs(v) < 5e-4 {
		return "0.00"
	}
	return fmtNum(v)
}

// hawkesMatrix writes a matrix of estimates, the row the effect and the
// column its cause.
func hawkesMatrix(w io.Writer, names []string, m [][]escalation.Estimate) {
	tw := newTable(w)
	fmt.Fprintln(tw, "effect ← cause\t"+strings.Join(names, "\t"))
	for i, row := range m {
		cells := []string{names[i]}
		for _, e := range row {
			cells = append(cells, hawkesCell(e))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

func (r *hawkesReport) forecastTable(w io.Writer) {
	fc := r.Forecast
	fmt.Fprintf(w, "\nForecast of the %s after the period, %s to %s, from its history (%d parameter draws × %d paths):\n",
		fmtDays(float64(r.Horizon.Days)), analysisDate(r.Horizon.From), analysisDate(r.Horizon.To), fc.Draws, fc.Paths)
	tw := newTable(w)
	fmt.Fprintf(tw, "process\texpected events\t%s interval\t%s predictive interval\n", r.pct(), r.pct())
	for i, c := range fc.Counts {
		fmt.Fprintf(tw, "%s\t%s\t%s to %s\t%s to %s\n", fc.Names[i], fmtNum(c.Mean), fmtNum(c.Lo), fmtNum(c.Hi), fmtCount(c.PredLo), fmtCount(c.PredHi))
	}
	tw.Flush()
}

func (r *hawkesReport) counterfactualTable(w io.Writer, c *escalation.HawkesCounterfactual) {
	over := fmt.Sprintf("the %s after the period, from its history", fmtDays(float64(r.Horizon.Days)))
	if r.Observed {
		over = fmt.Sprintf("the period %s to %s re-simulated from an empty history", analysisDate(r.From), analysisDate(r.To))
	}
	fmt.Fprintf(w, "\nCounterfactual %s>%s: the effect of %s on %s set to zero, over %s (%d parameter draws × %d paths):\n",
		c.Names[c.Source], c.Names[c.Target], c.Names[c.Source], c.Names[c.Target], over, c.Draws, c.Paths)
	tw := newTable(w)
	fmt.Fprintf(tw, "process\twith the effect\twithout\tdifference [%s]\n", r.pct())
	for i, name := range c.Names {
		d := c.Difference[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s [%s, %s]\n", name, fmtNum(c.Factual[i].Mean), fmtNum(c.Counterfactual[i].Mean),
			claimsSigned(d.Mean), claimsSigned(d.Lo), claimsSigned(d.Hi))
	}
	tw.Flush()
}

// records is the model as one long table.
func (r *hawkesReport) records() [][]string {
	f := r.Fit
	out := [][]string{{"measure", "scenario", "process", "cause", "value", "se", "low", "high", "p"}}
	est := func(measure, scenario, process, cause string, e escalation.Estimate) {
		out = append(out, []string{measure, scenario, process, cause, fmtCSV(e.Est), fmtCSV(e.SE), fmtCSV(e.Lo), fmtCSV(e.Hi), ""})
	}
	count := func(measure, scenario, process string, c escalation.HawkesCount) {
		out = append(out, []string{measure, scenario, process, "", fmtCSV(c.Mean), fmtCSV(c.MCError), fmtCSV(c.Lo), fmtCSV(c.Hi), ""},
			[]string{measure + "_predictive", scenario, process, "", fmtCSV(c.Mean), "", fmtCSV(c.PredLo), fmtCSV(c.PredHi), ""})
	}
	for i, name := range f.Names {
		out = append(out, []string{"events", "", name, "", itoa(f.Events[i]), "", "", "", ""},
			[]string{"ks", "", name, "", fmtCSV(f.GOF[i].Stat), "", "", "", fmtCSV(f.GOF[i].P)})
		est("base_rate", "", name, "", f.BaseRate[i])
		est("mu", "", name, "", f.Mu[i])
		est("decay", "", name, "", f.Beta[i])
		for j, cause := range f.Names {
			est("alpha", "", name, cause, f.Alpha[i][j])
			est("triggered", "", name, cause, r.Triggered[i][j])
		}
	}
	est("branching", "", "", "", f.Branching)
	ahead := fmt.Sprintf("next_%d_days", r.Horizon.Days)
	for i, c := range r.Forecast.Counts {
		count("forecast", ahead, f.Names[i], c)
	}
	for _, c := range r.Counterfactuals {
		scenario := c.Names[c.Source] + ">" + c.Names[c.Target]
		for i, name := range c.Names {
			count("factual", scenario, name, c.Factual[i])
			count("counterfactual", scenario, name, c.Counterfactual[i])
			count("difference", scenario, name, c.Difference[i])
		}
	}
	return out
}

// figure draws the effects as a heat map, in events per event (the
// softplus ones at the affected process's base rate), beside the
// forecast fan.
func (r *hawkesReport) figure(a *analyzeFlags) (*figure, error) {
	f := r.Fit
	m := make([][]float64, len(r.Triggered))
	for i, row := range r.Triggered {
		for _, e := range row {
			m[i] = append(m[i], e.Est)
		}
	}
	title := "Events of the row set off by one event of the column"
	if f.Link == escalation.HawkesSoftplus {
		title = "Events of the row set off (−: prevented) by one event\nof the column, at the row's base rate (softplus link)"
	}
	heat, err := heatMap(title, "events per event", f.Names, m)
	if err != nil {
		return nil, err
	}
	fan, err := r.fan(a)
	if err != nil {
		return nil, err
	}
	return gridFigure(fmt.Sprintf("Hawkes process of %s, %s to %s", strings.Join(f.Names, ", "), analysisDate(r.From), analysisDate(r.To)),
		[][]*plot.Plot{{heat.plots[0][0], fan}}, 7*vg.Inch, 6*vg.Inch), nil
}

// fan draws each process's expected events from the period's end to
// each of a few days up to the horizon, with the predictive band,
// simulating the forecast afresh to each day.
func (r *hawkesReport) fan(a *analyzeFlags) (*plot.Plot, error) {
	H := r.Horizon.Days
	xs := []float64{0}
	for k := 1; k <= 6; k++ {
		if h := math.Max(1, math.Round(float64(k*H)/6)); h > xs[len(xs)-1] {
			xs = append(xs, h)
		}
	}
	D := len(r.Fit.Names)
	mean, lo, hi := make([][]float64, D), make([][]float64, D), make([][]float64, D)
	for i := range D {
		mean[i], lo[i], hi[i] = []float64{0}, []float64{0}, []float64{0}
	}
	for _, h := range xs[1:] {
		sim := escalation.HawkesSimOptions{Horizon: h, Draws: r.Forecast.Draws, Paths: r.Forecast.Paths, Rand: a.rand(), Context: r.ctx}
		fc, err := r.Fit.Forecast(sim)
		if err != nil {
			return nil, err
		}
		for i, c := range fc.Counts {
			mean[i], lo[i], hi[i] = append(mean[i], c.Mean), append(lo[i], c.PredLo), append(hi[i], c.PredHi)
		}
	}
	p := newPlot(fmt.Sprintf("Forecast from %s: expected events, %s predictive band", analysisDate(r.Horizon.From), r.pct()),
		"days after the period", "events, summed from its end")
	var err error
	for i, name := range r.Fit.Names {
		band := color.NRGBAModel.Convert(plotColor(i)).(color.NRGBA)
		band.A = 50
		err = errors.Join(err, addBand(p, "", xs, lo[i], hi[i], band), addLine(p, name, xs, mean[i], plotColor(i), false))
	}
	return p, err
}
