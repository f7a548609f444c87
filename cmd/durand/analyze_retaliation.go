package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/durandhq/durand/escalation"
)

func newAnalyzeRetaliation(a *analyzeFlags) *cobra.Command {
	var sa, sb, where string
	var opt escalation.RetaliationOptions
	cmd := &cobra.Command{
		Use:   "retaliation --a SIDE --b SIDE [--where FILTER] [--within 1,3,7,14,30] [--draws N] [--boot N] [--look-back]",
		Short: "Who answers whom, and how fast: lags between two sides' events against a null",
		Long: `Retaliation measures how two sides answer each other. For every A→B event (a source of side --a, a target of
side --b) it finds the next B→A event, and reports the share answered within each window of --within days, against
a null that keeps each side's own timing but breaks the link (the B→A events shifted round the period by --draws
random shifts of --min-shift to --max-shift days), with a block-bootstrap interval (--boot replicates of --block-day
blocks), and the median lag (Kaplan–Meier, events unanswered by the period's end censored). Then the same for B→A
events answered by A→B ones. An answer on the same day is counted apart: at day resolution its order is unknown.
--look-back asks instead, for each event, whether it followed an answer within the window ("does A act after B?").
--where narrows both sides' events (type=, mode=, place=; its source and target are replaced by the sides). The
period is --from to --to where given, else the first to the last event of either side. The plot draws, for each
direction, the share of events first answered after each lag in days, beside the null's mean and 95% band.`,
		Args: analyzeNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if sa == "" || sb == "" {
				return usagef("retaliation: --a and --b name the two sides (e.g. --a PAK --b TTP)")
			}
			d, err := a.load(cmd)
			if err != nil {
				return err
			}
			if err := d.sideCheck("--a", escalation.Side(sa)); err != nil {
				return err
			}
			if err := d.sideCheck("--b", escalation.Side(sb)); err != nil {
				return err
			}
			f, err := escalation.ParseFilter(where)
			if err != nil {
				return usagef("--where: %v", err)
			}
			if !d.query.From.IsZero() || !d.query.To.IsZero() {
				opt.From, opt.To = d.bounds()
			}
			opt.Rand, opt.Context = a.rand(), cmd.Context()
			res, err := escalation.Retaliation(d.occ, f, escalation.Side(sa), escalation.Side(sb), opt)
			if err != nil {
				return err
			}
			return a.write(cmd, d, analysisReport{
				JSON:    res,
				Records: retaliationRecords(res),
				Table:   func(w io.Writer) error { return retaliationTable(w, res, opt.LookBack) },
				Figure:  func() (*figure, error) { return retaliationFigure(res, opt.LookBack) },
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&sa, "a", "", "side A, an actor code prefix (PAK)")
	fl.StringVar(&sb, "b", "", "side B, an actor code prefix (TTP)")
	fl.StringVar(&where, "where", "", "only events matching FILTER (type=, mode=, place=)")
	fl.IntSliceVar(&opt.Within, "within", nil, "windows in days (default 1,3,7,14,30)")
	fl.IntVar(&opt.Draws, "draws", 0, "circular shifts for the null (0: 999)")
	fl.IntVar(&opt.MinShift, "min-shift", 0, "shortest null shift in days (0: the longest window + 1)")
	fl.IntVar(&opt.MaxShift, "max-shift", 0, "longest null shift in days (0: 365; -1: any)")
	fl.IntVar(&opt.Boot, "boot", 0, "bootstrap replicates for the intervals (0: 999)")
	fl.IntVar(&opt.Block, "block", 0, "bootstrap block length in days (0: the longest window)")
	fl.BoolVar(&opt.LookBack, "look-back", false, "for each event, the days since the last answer before it instead of to the next after")
	return cmd
}

// retaliationDirections names the two responses of a result: how B
// answers A (forward) and how A answers B (backward).
func retaliationDirections(r escalation.RetaliationResult, lookBack bool) []struct {
	name, title string
	resp        escalation.RetaliationResponse
} {
	verb := "answers"
	if lookBack {
		verb = "acted after"
	}
	title := func(x, y escalation.Side) string {
		if lookBack {
			return fmt.Sprintf("%s→%s events after a %s→%s event", x, y, y, x)
		}
		return fmt.Sprintf("%s→%s events answered by %s→%s", x, y, y, x)
	}
	return []struct {
		name, title string
		resp        escalation.RetaliationResponse
	}{
		{fmt.Sprintf("%s %s %s", r.B, verb, r.A), title(r.A, r.B), r.Forward},
		{fmt.Sprintf("%s %s %s", r.A, verb, r.B), title(r.B, r.A), r.Backward},
	}
}

// retaliationTable writes both directions, a table of windows each.
func retaliationTable(w io.Writer, r escalation.RetaliationResult, lookBack bool) error {
	fmt.Fprintf(w, "%s and %s from %s to %s; null: %d circular shifts of %d to %d days; intervals: %d bootstraps of %d-day blocks.\n",
		r.A, r.B, analysisDate(r.From), analysisDate(r.To), r.Draws, r.MinShift, r.MaxShift, r.Boot, r.Block)
	for _, dir := range retaliationDirections(r, lookBack) {
		x := dir.resp
		fmt.Fprintf(w, "\n%s: %d events, %d answering events, %d observed a full window.\n", dir.title, x.Events, x.Answers, x.Observed)
		tw := newTable(w)
		fmt.Fprintln(tw, "within\tanswered\tshare\t95% interval\tnull mean\tnull 95% band\tp")
		row := func(label string, s escalation.WindowShare, interval bool) {
			iv := "—"
			if interval {
				iv = fmtPct(s.Low) + "–" + fmtPct(s.High)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s–%s\t%s\n", label, s.Answered, fmtPct(s.Share), iv,
				fmtPct(s.NullMean), fmtPct(s.NullLow), fmtPct(s.NullHigh), fmtP(s.P))
		}
		row("same day", x.SameDay, false)
		for _, s := range x.Shares {
			row(fmtDays(float64(s.Days)), s, true)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "Median lag: %s (95%% interval %s to %s); %d never answered in the period.\n",
			fmtDays(x.MedianLag), fmtDays(x.MedianLow), fmtDays(x.MedianHigh), x.Unanswered)
	}
	return nil
}

// retaliationRecords is the result as one long table: per direction,
// the share within each window, the same-day share, the share first
// answered at each lag, and the median lag.
func retaliationRecords(r escalation.RetaliationResult) [][]string {
	out := [][]string{{"source", "target", "measure", "days", "value", "low", "high", "null_mean", "null_low", "null_high", "p", "answered", "observed"}}
	for _, dir := range []struct {
		a, b escalation.Side
		resp escalation.RetaliationResponse
	}{{r.A, r.B, r.Forward}, {r.B, r.A, r.Backward}} {
		obs := itoa(dir.resp.Observed)
		share := func(measure string, s escalation.WindowShare, low, high float64) []string {
			return []string{string(dir.a), string(dir.b), measure, itoa(s.Days), fmtCSV(s.Share), fmtCSV(low), fmtCSV(high),
				fmtCSV(s.NullMean), fmtCSV(s.NullLow), fmtCSV(s.NullHigh), fmtCSV(s.P), itoa(s.Answered), obs}
		}
		for _, s := range dir.resp.Shares {
			out = append(out, share("share_within", s, s.Low, s.High))
		}
		out = append(out, share("share_same_day", dir.resp.SameDay, dir.resp.SameDay.Low, dir.resp.SameDay.High))
		for _, l := range dir.resp.Lags {
			out = append(out, []string{string(dir.a), string(dir.b), "share_at_lag", itoa(l.Lag), fmtCSV(l.Share), "", "",
				fmtCSV(l.NullMean), fmtCSV(l.NullLow), fmtCSV(l.NullHigh), "", "", obs})
		}
		x := dir.resp
		out = append(out, []string{string(dir.a), string(dir.b), "median_lag", "", fmtCSV(x.MedianLag), fmtCSV(x.MedianLow), fmtCSV(x.MedianHigh),
			"", "", "", "", "", obs})
	}
	return out
}

// retaliationFigure draws each direction's lag histogram beside the
// null band.
func retaliationFigure(r escalation.RetaliationResult, lookBack bool) (*figure, error) {
	var row []*plot.Plot
	for _, dir := range retaliationDirections(r, lookBack) {
		p, err := lagPanel(dir.title, dir.resp, lookBack)
		if err != nil {
			return nil, err
		}
		row = append(row, p)
	}
	return gridFigure(fmt.Sprintf("Who answers whom: %s and %s, %s to %s", r.A, r.B, analysisDate(r.From), analysisDate(r.To)),
		[][]*plot.Plot{row}, 6*vg.Inch, 4.5*vg.Inch), nil
}

// lagPanel draws the share of events first answered after each lag,
// beside the null's mean and 95% band.
func lagPanel(title string, resp escalation.RetaliationResponse, lookBack bool) (*plot.Plot, error) {
	xlabel := "days from the event to the first answer (0: same day)"
	if lookBack {
		xlabel = "days from the last answer before to the event (0: same day)"
	}
	p := newPlot(title, xlabel, "share of events")
	p.Legend.Left = false
	var xs, obs, mean, lo, hi []float64
	top := 0.0
	for _, l := range resp.Lags {
		xs = append(xs, float64(l.Lag))
		obs, mean = append(obs, l.Share), append(mean, l.NullMean)
		lo, hi = append(lo, l.NullLow), append(hi, l.NullHigh)
		top = max(top, l.Share, l.NullHigh)
	}
	if err := addBand(p, "null 95% band (timing unlinked)", xs, lo, hi, plotBand); err != nil {
		return nil, err
	}
	addBars(p, fmt.Sprintf("observed (%d events)", resp.Observed), xs, obs, plotBars)
	if err := addLine(p, "null mean", xs, mean, plotNull, true); err != nil {
		return nil, err
	}
	p.Y.Min, p.Y.Max = 0, max(top, 0.01)*1.35 // room for the legend
	return p, nil
}
