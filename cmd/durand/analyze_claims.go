package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/durandhq/durand/escalation"
)

// claimsFlags are the flags of `durand analyze claims`.
type claimsFlags struct {
	a, b              string
	actions, attacks  []string
	weekly            bool
	criterion         string
	lags, reps        int
	opt               escalation.ClaimsOptions
	keep, independent bool
}

func newAnalyzeClaims(a *analyzeFlags) *cobra.Command {
	c := &claimsFlags{}
	cmd := &cobra.Command{
		Use:   "claims [--a PAK] [--b TTP] [--action FILTER]... [--attack FILTER]... [--within 7] [--weekly] [--before N] [--after N]",
		Short: "Does A act mostly after B's attacks, and do A's actions deter or provoke B? One sentence each",
		Long: `Claims tests the two claims the op-ed makes about side --a (Pakistan) and side --b (the TTP) on the events read,
and states each answer in one sentence with its interval and what it rests on:
(a) the share of A's actions that came within --within days after a B attack, against a null of circular shifts
of the attacks (--draws) with a block-bootstrap interval (--boot);
(b) B's attack rate in the --after periods after A's actions against the --before periods before, with placebo
dates (--placebos; --keep-overlapping, --independent-placebos as in eventstudy);
(c) the same question asked of a vector autoregression of the two daily (or --weekly) counts: the cumulative
response of B's attacks to one more A action over the event study's after window, with its bootstrap band
(--replications), and the Granger test of A's actions on B's attacks (lags by --criterion, or --lags);
(d) the same asked of a Hawkes process of the two with the softplus link, so that an action may lower the attack
rate: the attacks one action sets off (negative: prevents) at their base rate, with its interval, when each side
has at least 40 events (10 per parameter of a rate).
Each side needs --min-events events (default 30), else claims refuses: below that a share or a rate rests on a
handful of coincidences, and the answers would carry p-values but no meaning. Lowered, the report opens with a
warning.
A's actions are the events matching any --action FILTER (default source=A,target=B); B's attacks those matching
any --attack FILTER (default source=B). The period is --from to --to where given, else from the first action or
attack to the last. The plot has a panel per answer.`,
		Args: analyzeNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(cmd, a) },
	}
	fl := cmd.Flags()
	fl.StringVar(&c.a, "a", "PAK", "side A, whose actions are in question (an actor code prefix)")
	fl.StringVar(&c.b, "b", "TTP", "side B, whose attacks they are said to answer and deter")
	fl.StringArrayVar(&c.actions, "action", nil, "A's actions: events matching FILTER (repeatable: any; default source=A,target=B)")
	fl.StringArrayVar(&c.attacks, "attack", nil, "B's attacks: events matching FILTER (repeatable: any; default source=B)")
	fl.IntVar(&c.opt.Within, "within", 0, "k, the days within which an action counts as following an attack (0: 7)")
	fl.BoolVar(&c.weekly, "weekly", false, "weekly series for (b) and (c) instead of daily")
	fl.IntVar(&c.opt.EventStudy.Before, "before", 0, "(b): periods before each action (0: 30 days' worth)")
	fl.IntVar(&c.opt.EventStudy.After, "after", 0, "(b): periods after each action (0: 30 days' worth); also (c)'s horizon")
	fl.IntVar(&c.opt.EventStudy.Placebos, "placebos", 0, "(b): placebo draws (0: 999)")
	fl.BoolVar(&c.keep, "keep-overlapping", false, "(b): keep actions whose windows overlap an earlier action's")
	fl.BoolVar(&c.independent, "independent-placebos", false, "(b): draw each placebo date on its own")
	fl.IntVar(&c.opt.Retaliation.Draws, "draws", 0, "(a): circular shifts for the null (0: 999)")
	fl.IntVar(&c.opt.Retaliation.Boot, "boot", 0, "(a): bootstrap replicates (0: 999)")
	fl.StringVar(&c.criterion, "criterion", "bic", "(c): criterion choosing the VAR's lags: bic or aic")
	fl.IntVar(&c.lags, "lags", 0, "(c): the VAR's lag order (0: chosen by --criterion)")
	fl.IntVar(&c.reps, "replications", 0, "(c): bootstrap replicates behind the band (0: 200)")
	fl.IntVar(&c.opt.MinEvents, "min-events", 0, "fewest actions, and attacks, answered on (0: 30; -1: any number, with a warning below 30)")
	return cmd
}

func (c *claimsFlags) run(cmd *cobra.Command, a *analyzeFlags) error {
	crit := escalation.BIC
	switch strings.ToLower(c.criterion) {
	case "bic":
	case "aic":
		crit = escalation.AIC
	default:
		return usagef("--criterion %q: want aic or bic", c.criterion)
	}
	if c.a == "" || c.b == "" {
		return usagef("claims: --a and --b name the two sides")
	}
	d, err := a.load(cmd)
	if err != nil {
		return err
	}
	opt, err := c.options(d)
	if err != nil {
		return err
	}
	opt.Rand = a.rand()
	opt.Retaliation.Context, opt.EventStudy.Context = cmd.Context(), cmd.Context()
	res, err := escalation.Claims(d.occ, opt)
	if err != nil {
		if strings.Contains(err.Error(), "too close to an earlier one") && !c.keep {
			err = fmt.Errorf("%w (--keep-overlapping keeps them, or shorten --before and --after)", err)
		}
		return err
	}
	vo := escalation.VAROptions{Lags: c.lags, Criterion: crit, Replications: c.reps, Rand: a.rand()}
	rep := claimsReport{Claims: res}
	rep.VAR, rep.Claims.CrossEffects = claimsVAR(d.occ, opt, res, vo)
	var hawkes escalation.CrossEffect
	rep.Hawkes, hawkes = claimsHawkes(cmd.Context(), d.occ, opt, res, a.rand())
	if err := cmd.Context().Err(); err != nil {
		return err // interrupted: the Hawkes sentence would say so, but a partial report is not wanted
	}
	rep.Claims.CrossEffects = append(rep.Claims.CrossEffects, hawkes)
	rep.Sentences = rep.Claims.Sentences()
	return a.write(cmd, d, analysisReport{JSON: rep, Records: rep.records(), Table: rep.table, Figure: rep.figure})
}

// options are the claims' options from the flags, the filters and
// sides checked against the data read.
func (c *claimsFlags) options(d *analysisData) (escalation.ClaimsOptions, error) {
	opt := c.opt
	opt.A, opt.B = escalation.Side(c.a), escalation.Side(c.b)
	if err := errors.Join(d.sideCheck("--a", opt.A), d.sideCheck("--b", opt.B)); err != nil {
		return opt, err
	}
	for _, s := range c.actions {
		f, err := d.filterFlag("--action", s)
		if err != nil {
			return opt, err
		}
		opt.Actions = append(opt.Actions, f)
	}
	for _, s := range c.attacks {
		f, err := d.filterFlag("--attack", s)
		if err != nil {
			return opt, err
		}
		opt.Attacks = append(opt.Attacks, f)
	}
	if c.weekly {
		opt.Step = 7
	}
	if !d.query.From.IsZero() || !d.query.To.IsZero() {
		opt.From, opt.To = d.bounds()
	}
	opt.EventStudy.KeepOverlapping, opt.EventStudy.IndependentPlacebos = c.keep, c.independent
	return opt, nil
}

// claimsReport is the claims with the VAR behind their cross-effect.
type claimsReport struct {
	// Sentences is the report in reading order (ClaimsResult.Sentences).
	Sentences []string
	Claims    escalation.ClaimsResult
	// VAR is the model of claim (c), nil when it could not be fitted.
	VAR *escalation.VARResult
	// Hawkes is the model of claim (d), nil when it could not be fitted.
	Hawkes *escalation.HawkesFit
}

// claimsSelection is the filters Claims selects A's actions and B's
// attacks with, its defaults filled as Claims fills them.
func claimsSelection(opt escalation.ClaimsOptions) (actions, attacks []escalation.Filter) {
	actions, attacks = opt.Actions, opt.Attacks
	if len(actions) == 0 {
		actions = []escalation.Filter{{Source: opt.A, Target: opt.B}}
	}
	if len(attacks) == 0 {
		attacks = []escalation.Filter{{Source: opt.B}}
	}
	return actions, attacks
}

// claimsBinAny counts the occurrences matching any of fs into a series
// of step days from from to to.
func claimsBinAny(occ []escalation.Occurrence, fs []escalation.Filter, from, to, step int) escalation.Series {
	s := escalation.Series{Start: from, Step: step, Counts: make([]float64, (to-from)/step+1)}
	s.Fatalities = make([]float64, len(s.Counts))
	for _, o := range occ {
		if o.Day < from || o.Day > to || !slices.ContainsFunc(fs, func(f escalation.Filter) bool { return f.Match(o) }) {
			continue
		}
		s.Counts[(o.Day-from)/step]++
	}
	return s
}

// claimsVAR answers claim (b) a third way: a VAR of A's actions and B's
// attacks on the claims' period and calendar, read as the cumulative
// response of B's attacks to one more action over the event study's
// after window. When the VAR cannot be fitted or is unstable, the
// cross-effect says so, with NaN for its numbers, and the rest of the
// report stands.
func claimsVAR(occ []escalation.Occurrence, opt escalation.ClaimsOptions, res escalation.ClaimsResult, vo escalation.VAROptions) (*escalation.VARResult, []escalation.CrossEffect) {
	step := max(opt.Step, 1)
	vo.Horizon = res.Rate.Study.After
	actions, attacks := claimsSelection(opt)
	act, att := fmt.Sprintf("%s actions", opt.A), fmt.Sprintf("%s attacks", opt.B)
	ce := escalation.CrossEffect{Model: "var", Estimate: math.NaN(), Low: math.NaN(), High: math.NaN(),
		Unit: fmt.Sprintf("%s in the %s after one more %s action", att, varPeriods(vo.Horizon, periodName(step)), opt.A)}
	data, err := escalation.NewVARData([]string{act, att}, []escalation.Series{
		claimsBinAny(occ, actions, res.From, res.To, step), claimsBinAny(occ, attacks, res.From, res.To, step)}, false)
	var v *escalation.VARResult
	if err == nil {
		v, err = escalation.FitVAR(data, vo)
	}
	if err != nil {
		ce.Sentence = fmt.Sprintf("(c) No VAR cross-effect: %v.", err)
		return nil, []escalation.CrossEffect{ce}
	}
	if v.IRF != nil {
		for _, c := range v.IRF.Cumulative {
			if c.Impulse == act && c.Response == att {
				ce.Estimate = c.Point[vo.Horizon]
				if c.Low != nil {
					ce.Low, ce.High = c.Low[vo.Horizon], c.High[vo.Horizon]
				}
			}
		}
	}
	ce.Sentence = claimsVARSentence(v, ce, opt, vo.Horizon)
	return v, []escalation.CrossEffect{ce}
}

// claimsVARSentence states claim (c)'s answer: the cross-effect read
// from the VAR, its verdict, and the Granger test of actions on attacks.
func claimsVARSentence(v *escalation.VARResult, ce escalation.CrossEffect, opt escalation.ClaimsOptions, horizon int) string {
	act, att := v.Names[0], v.Names[1]
	var g escalation.VARGranger
	for _, t := range v.Granger {
		if t.Cause == act && t.Effect == att {
			g = t
		}
	}
	helps := "do not help predict"
	if g.P < 0.05 {
		helps = "help predict"
	}
	granger := fmt.Sprintf("%s %s %s (Granger F(%d, %d) = %.2f, p %s)", act, helps, att, g.DF1, g.DF2, g.F, claimsPText(g.P))
	model := fmt.Sprintf("a VAR(%d) of %ss of %s and %s, %s to %s", v.P, periodName(v.Step), act, att,
		analysisDate(v.First), analysisDate(v.Last))
	if v.IRF == nil {
		return fmt.Sprintf("(c) In %s, %s; the VAR is unstable (largest eigenvalue modulus %.3f), so no response is read from it.",
			model, granger, v.MaxModulus)
	}
	band, verdict := "no band: no bootstrap", "without a band, no verdict"
	if !math.IsNaN(ce.Low) {
		band = fmt.Sprintf("%.0f%% band %s to %s, %d bootstrap replicates", 100*v.IRF.Level, claimsSigned(ce.Low), claimsSigned(ce.High), v.IRF.Replications)
		verdict = "the band holds zero, so neither deterrence nor provocation is shown"
	}
	switch {
	case ce.High < 0:
		verdict = "fewer attacks: deterrence, on this measure"
	case ce.Low > 0:
		verdict = "more attacks: provocation, on this measure"
	}
	return fmt.Sprintf("(c) In %s, one more %s action is followed by %s %s in the next %s (%s): %s. %s.",
		model, opt.A, claimsSigned(ce.Estimate), att, varPeriods(horizon, periodName(v.Step)), band, verdict,
		strings.ToUpper(granger[:1])+granger[1:])
}

// claimsPText writes a p-value after "p": "= 0.012" or "< 0.001".
func claimsPText(p float64) string {
	if s := fmtP(p); strings.HasPrefix(s, "<") {
		return s
	}
	return "= " + fmtP(p)
}

// claimsSigned writes a number with its sign.
func claimsSigned(v float64) string {
	if v > 0 {
		return "+" + fmtNum(v)
	}
	return fmtNum(v)
}

// claimsWidth is the width the table output wraps sentences at.
const claimsWidth = 100

func (r claimsReport) table(w io.Writer) error {
	for _, s := range r.Sentences {
		fmt.Fprintln(w)
		fmt.Fprintln(w, wrapText(s, claimsWidth))
	}
	c := r.Claims
	fl, st := c.Follow.Share, c.Rate.Study
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprintln(tw, "measure\tvalue\t95% interval\tnull/placebo mean\tnull/placebo 95%\tp")
	fmt.Fprintf(tw, "(a) share of %s actions within %d days after a %s attack\t%s\t%s–%s\t%s\t%s–%s\t%s\n", c.A, fl.Days, c.B,
		fmtPct(fl.Share), fmtPct(fl.Low), fmtPct(fl.High), fmtPct(fl.NullMean), fmtPct(fl.NullLow), fmtPct(fl.NullHigh), fmtP(fl.P))
	unit := periodName(st.Step)
	for _, m := range []struct {
		name string
		e    escalation.EventEffect
	}{{fmt.Sprintf("(b) %s attacks per %s, after − before", c.B, unit), st.Diff}, {"(b) ratio after / before", st.Ratio}} {
		fmt.Fprintf(tw, "%s\t%s\t%s to %s\t%s\t%s to %s\t%s\n", m.name, fmtNum(m.e.Value), fmtNum(m.e.Low), fmtNum(m.e.High),
			fmtNum(m.e.NullMean), fmtNum(m.e.NullLow), fmtNum(m.e.NullHigh), fmtP(m.e.P))
	}
	for i, ce := range c.CrossEffects {
		fmt.Fprintf(tw, "(%c) %s: %s\t%s\t%s to %s\t\t\t\n", 'c'+i, ce.Model, ce.Unit, fmtNum(ce.Estimate), fmtNum(ce.Low), fmtNum(ce.High))
	}
	return tw.Flush()
}

// wrapText breaks s into lines of at most width characters at spaces.
func wrapText(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(s) {
		l := len([]rune(word))
		if i > 0 && n+1+l > width {
			b.WriteByte('\n')
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}

// records is the claims' numbers as one long table.
func (r claimsReport) records() [][]string {
	c := r.Claims
	out := [][]string{{"claim", "measure", "days", "value", "low", "high", "null_mean", "null_low", "null_high", "p"}}
	for _, s := range c.Follow.Response.Shares {
		out = append(out, []string{"a", "share_after_attack_within", itoa(s.Days), fmtCSV(s.Share), fmtCSV(s.Low), fmtCSV(s.High),
			fmtCSV(s.NullMean), fmtCSV(s.NullLow), fmtCSV(s.NullHigh), fmtCSV(s.P)})
	}
	st := c.Rate.Study
	out = append(out, []string{"b", "rate_before", itoa(st.Before * st.Step), fmtCSV(st.BeforeRate), "", "", "", "", "", ""},
		[]string{"b", "rate_after", itoa(st.After * st.Step), fmtCSV(st.AfterRate), "", "", "", "", "", ""})
	for _, m := range []struct {
		name string
		e    escalation.EventEffect
	}{{"difference", st.Diff}, {"ratio", st.Ratio}} {
		out = append(out, []string{"b", m.name, itoa(st.After * st.Step), fmtCSV(m.e.Value), fmtCSV(m.e.Low), fmtCSV(m.e.High),
			fmtCSV(m.e.NullMean), fmtCSV(m.e.NullLow), fmtCSV(m.e.NullHigh), fmtCSV(m.e.P)})
	}
	for i, ce := range c.CrossEffects {
		measure, days := ce.Model+"_cumulative_response", itoa(st.After*st.Step)
		if ce.Model == "hawkes" {
			measure, days = "hawkes_triggered", ""
		}
		out = append(out, []string{string(rune('c' + i)), measure, days, fmtCSV(ce.Estimate), fmtCSV(ce.Low), fmtCSV(ce.High), "", "", "", ""})
	}
	return out
}

// figure draws a panel per answer: (a) the lags from the last attack to
// each action beside the null, (b) the attacks around the actions
// beside the placebos, (c) the VAR's cumulative response.
func (r claimsReport) figure() (*figure, error) {
	c := r.Claims
	pa, err := lagPanel(fmt.Sprintf("(a) %s actions after %s attacks", c.A, c.B), c.Follow.Response, true)
	if err != nil {
		return nil, err
	}
	es := eventStudyReport{Study: c.Rate.Study,
		title: fmt.Sprintf("(b) %s attacks around %s actions", c.B, c.A)}
	pb, err := es.plot()
	if err != nil {
		return nil, err
	}
	row := []*plot.Plot{pa, pb}
	if r.VAR != nil && r.VAR.IRF != nil {
		for _, resp := range r.VAR.IRF.Cumulative {
			if resp.Impulse == r.VAR.Names[0] && resp.Response == r.VAR.Names[1] {
				u := periodName(r.VAR.Step)
				pc, err := responsePanel(fmt.Sprintf("(c) VAR: cumulative %s after one more %s action", resp.Response, c.A),
					fmt.Sprintf("%ss after the action", u), fmt.Sprintf("extra %s, summed", resp.Response), resp, r.VAR.IRF.Level, true)
				if err != nil {
					return nil, err
				}
				row = append(row, pc)
			}
		}
	}
	return gridFigure(fmt.Sprintf("The claims about %s and %s, %s to %s", c.A, c.B, analysisDate(c.From), analysisDate(c.To)),
		[][]*plot.Plot{row}, 6*vg.Inch, 4.5*vg.Inch), nil
}
