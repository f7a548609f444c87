package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot"

	"github.com/durandhq/durand/escalation"
)

func newAnalyzeEventStudy(a *analyzeFlags) *cobra.Command {
	var shock, outcome string
	var weekly bool
	var opt escalation.EventStudyOptions
	cmd := &cobra.Command{
		Use:   "eventstudy --shock FILTER --outcome FILTER [--weekly] [--before N] [--after N] [--placebos N] [--keep-overlapping] [--independent-placebos]",
		Short: "The outcome's rate before and after shocks, against placebo dates",
		Long: `Eventstudy compares the rate of the outcome events (--outcome FILTER) in the --before periods before each shock
(--shock FILTER; several shocks on one day or week are one) with the --after periods after it, the shock's own
period left out of both: below zero a fall (deterrence, on this measure), above a rise (provocation). Its 95%
interval and p-value come from --placebos sets of placebo shocks at random dates of the same series: by default the
shocks shifted together, keeping their spacing; --independent-placebos draws each date on its own. A shock whose
window holds an earlier shock's aftermath is dropped unless --keep-overlapping. Periods are days, or weeks from
Monday with --weekly; windows default to 30 days' worth. The series runs from --from to --to where given, else from
the first to the last event read. The plot draws the outcome's mean at each period from the shock beside the
placebo band.`,
		Args: analyzeNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if shock == "" || outcome == "" {
				return usagef("eventstudy: --shock and --outcome are both needed (e.g. --shock source=PAK,target=AFG --outcome source=TTP)")
			}
			d, err := a.load(cmd)
			if err != nil {
				return err
			}
			fs, err := d.filterFlag("--shock", shock)
			if err != nil {
				return err
			}
			fo, err := d.filterFlag("--outcome", outcome)
			if err != nil {
				return err
			}
			from, to := d.bounds()
			step := 1
			if weekly {
				step, from = 7, escalation.Weekly.Floor(from)
			}
			shocks := escalation.Days(d.occ, fs)
			if len(shocks) == 0 {
				return fmt.Errorf("--shock %s: none of the %d events read matches", shock, len(d.occ))
			}
			opt.Rand, opt.Context = a.rand(), cmd.Context()
			res, err := escalation.EventStudy(shocks, escalation.Bin(d.occ, fo, from, to, step), opt)
			if err != nil {
				return err
			}
			es := eventStudyReport{Shock: shock, Outcome: outcome, ShockEvents: len(shocks), Study: res}
			return a.write(cmd, d, analysisReport{
				JSON:    es,
				Records: es.records(),
				Table:   es.table,
				Figure: func() (*figure, error) {
					p, err := es.plot()
					return singleFigure(p), err
				},
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&shock, "shock", "", "the shocks: events matching FILTER (source=PAK,target=AFG,mode=aerial)")
	fl.StringVar(&outcome, "outcome", "", "the outcome: events matching FILTER (source=TTP,place=PAK)")
	fl.BoolVar(&weekly, "weekly", false, "weekly series (weeks from Monday) instead of daily")
	fl.IntVar(&opt.Before, "before", 0, "periods in the window before each shock (0: 30 days' worth)")
	fl.IntVar(&opt.After, "after", 0, "periods in the window after each shock (0: 30 days' worth)")
	fl.IntVar(&opt.Placebos, "placebos", 0, "placebo draws (0: 999)")
	fl.BoolVar(&opt.KeepOverlapping, "keep-overlapping", false, "keep shocks whose windows overlap an earlier shock's")
	fl.BoolVar(&opt.IndependentPlacebos, "independent-placebos", false, "draw each placebo date on its own rather than shifting the shocks together")
	return cmd
}

// eventStudyReport is an event study with the filters it was run on.
type eventStudyReport struct {
	Shock, Outcome string
	// ShockEvents counts the events matching the shock filter, before
	// they are reduced to distinct periods inside the series.
	ShockEvents int
	Study       escalation.EventStudyResult
	// title heads the plot, instead of one naming the filters.
	title string
}

func (e eventStudyReport) table(w io.Writer) error {
	s, u := e.Study, periodName(e.Study.Step)
	fmt.Fprintf(w, "Shocks (%s): %d events on %d %ss inside the series; %d studied, %d dropped for an earlier shock within %d %ss, %d with windows off the series.\n",
		e.Shock, e.ShockEvents, s.Shocks, u, s.Used, s.Overlapping, s.Before+s.After, u, s.AtEdge)
	fmt.Fprintf(w, "Outcome (%s) per %s from %s to %s; windows of %d %ss before and %d after each shock, its own %s left out; %d placebo sets.\n\n",
		e.Outcome, u, analysisDate(s.From), analysisDate(s.To), s.Before, u, s.After, u, s.Placebos)
	tw := newTable(w)
	fmt.Fprintln(tw, "measure\tvalue\t95% interval\tplacebo mean\tplacebo 95% band\tp")
	fmt.Fprintf(tw, "rate before (per %s)\t%s\t\t\t\t\n", u, fmtNum(s.BeforeRate))
	fmt.Fprintf(tw, "rate after (per %s)\t%s\t\t\t\t\n", u, fmtNum(s.AfterRate))
	for _, m := range []struct {
		name string
		eff  escalation.EventEffect
	}{{"after − before", s.Diff}, {"after / before", s.Ratio}} {
		x := m.eff
		fmt.Fprintf(tw, "%s\t%s\t%s to %s\t%s\t%s to %s\t%s\n", m.name, fmtNum(x.Value), fmtNum(x.Low), fmtNum(x.High),
			fmtNum(x.NullMean), fmtNum(x.NullLow), fmtNum(x.NullHigh), fmtP(x.P))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\n"+eventStudyVerdict(s))
	return err
}

// eventStudyVerdict reads the difference's interval in one sentence.
func eventStudyVerdict(s escalation.EventStudyResult) string {
	switch {
	case s.Used < 10:
		return fmt.Sprintf("Only %d shocks were studied: too few to read a change from.", s.Used)
	case s.Diff.High < 0:
		return "The outcome fell after the shocks beyond what placebo dates give: deterrence, on this measure."
	case s.Diff.Low > 0:
		return "The outcome rose after the shocks beyond what placebo dates give: provocation, on this measure."
	}
	return "Placebo dates give a change this large as often: neither deterrence nor provocation is shown."
}

// records is the study as one long table: the rates, the effects, and
// the profile at each offset.
func (e eventStudyReport) records() [][]string {
	s := e.Study
	out := [][]string{{"measure", "offset", "value", "low", "high", "null_mean", "null_low", "null_high", "p"}}
	out = append(out, []string{"rate_before", "", fmtCSV(s.BeforeRate), "", "", "", "", "", ""},
		[]string{"rate_after", "", fmtCSV(s.AfterRate), "", "", "", "", "", ""})
	for _, m := range []struct {
		name string
		eff  escalation.EventEffect
	}{{"difference", s.Diff}, {"ratio", s.Ratio}} {
		x := m.eff
		out = append(out, []string{m.name, "", fmtCSV(x.Value), fmtCSV(x.Low), fmtCSV(x.High), fmtCSV(x.NullMean), fmtCSV(x.NullLow), fmtCSV(x.NullHigh), fmtCSV(x.P)})
	}
	for _, p := range s.Profile {
		out = append(out, []string{"rate_at_offset", itoa(p.Offset), fmtCSV(p.Rate), "", "", fmtCSV(p.NullMean), fmtCSV(p.NullLow), fmtCSV(p.NullHigh), ""})
	}
	return out
}

// plot draws the outcome's profile around the shocks beside the
// placebo band.
func (e eventStudyReport) plot() (*plot.Plot, error) {
	s, u := e.Study, periodName(e.Study.Step)
	title := e.title
	if title == "" {
		title = fmt.Sprintf("Outcome %s around shocks %s", e.Outcome, e.Shock)
	}
	p := newPlot(fmt.Sprintf("%s\nafter − before: %s per %s (95%% interval %s to %s)",
		title, fmtNum(s.Diff.Value), u, fmtNum(s.Diff.Low), fmtNum(s.Diff.High)),
		fmt.Sprintf("%ss from the shock (0: the shock's %s)", u, u), fmt.Sprintf("outcome events per %s (mean over %d shocks)", u, s.Used))
	p.Legend.Left = false
	var xs, rate, mean, lo, hi []float64
	top := 0.0
	for _, q := range s.Profile {
		xs = append(xs, float64(q.Offset))
		rate, mean = append(rate, q.Rate), append(mean, q.NullMean)
		lo, hi = append(lo, q.NullLow), append(hi, q.NullHigh)
		top = max(top, q.Rate, q.NullHigh)
	}
	err := errors.Join(addBand(p, "placebo 95% band", xs, lo, hi, plotBand),
		addLine(p, "placebo mean", xs, mean, plotNull, true),
		addLine(p, fmt.Sprintf("observed (%d shocks)", s.Used), xs, rate, plotObserved, false),
		addVertical(p, "shock", 0, 0, top))
	p.Y.Min = 0
	p.Y.Max = top * 1.3 // room for the legend
	return p, err
}
