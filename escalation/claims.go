package escalation

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// ClaimsOptions say which events are side A's actions and side B's
// attacks, and how the two claims are tested.
type ClaimsOptions struct {
	// A is the side whose actions are in question (PAK), B the side
	// whose attacks they are said to answer and to deter (TTP).
	A, B Side
	// Actions selects A's strikes and operations: an occurrence is one
	// when it matches any of the filters ("against the TTP or into
	// Afghanistan"). None means source A, target B.
	Actions []Filter
	// Attacks selects B's attacks, any filter matching. None means
	// source B, any target.
	Attacks []Filter
	// Within is k, the days within which an action counts as following
	// an attack (zero: 7).
	Within int
	// From and To bound the days read; both zero means from the first
	// action or attack to the last. Placebo dates are drawn from this
	// period, so years before either side was active would make the
	// null too narrow.
	From, To int
	// Step is the period of the attack series in days for the event
	// study: 1 (daily, the zero value) or 7 (weekly).
	Step int
	// Retaliation tunes claim (a)'s null and bootstrap; its Within,
	// From, To and LookBack are set by Claims.
	Retaliation RetaliationOptions
	// EventStudy tunes claim (b)'s windows and placebos.
	EventStudy EventStudyOptions
	// MinEvents is the fewest actions, and the fewest attacks, Claims
	// answers on (zero: ClaimsMinEvents; negative: any number but none).
	// Set below ClaimsMinEvents, the answers come with a warning.
	MinEvents int
	// Rand draws both analyses' nulls unless their options have their
	// own; nil is a fixed seed.
	Rand *rand.Rand
}

// DatasetCount is how many of a selection's events came from a dataset.
type DatasetCount struct {
	Dataset string
	Events  int
}

// ClaimData is what one side of the claims rests on.
type ClaimData struct {
	Events   int
	Datasets []DatasetCount // most events first
}

// FollowClaim answers claim (a): what share of A's actions follow a B
// attack within Within days, against the null.
type FollowClaim struct {
	Within int
	// Share is the share for Within days; Response holds every window
	// (1, 3, 7, 14, 30 and Within), the same-day share and the lags.
	Share    WindowShare
	Response RetaliationResponse
	Sentence string
}

// RateClaim answers claim (b): B's attack rate after A's actions against
// before.
type RateClaim struct {
	Study    EventStudyResult
	Sentence string
}

// CrossEffect is a model's estimate of the effect of A's actions on B's
// attack rate (a Hawkes cross-excitation, a VAR impulse response or
// Granger test): the third answer to claim (b). Claims leaves them
// empty; the Hawkes and VAR models fill them in.
type CrossEffect struct {
	Model string // "hawkes", "var", ...
	// Estimate, Low and High are the effect and its 95% interval, in
	// Unit ("attacks per action", "attacks a day after a strike").
	Estimate, Low, High float64
	Unit                string
	Sentence            string
}

// ClaimsResult is the two claims tested on the data, one sentence each,
// and what they rest on.
type ClaimsResult struct {
	A, B     Side
	From, To int
	// Actions and Attacks are the events of A's actions and B's attacks
	// in the period, by dataset.
	Actions, Attacks ClaimData
	Follow           FollowClaim
	Rate             RateClaim
	// CrossEffects holds the Hawkes and VAR cross-effects of A's
	// actions on B's attacks, filled by their models (see CrossEffect).
	CrossEffects []CrossEffect
	// Basis is one sentence saying what the answers rest on.
	Basis string
	// Warnings say, in words, why an answer may mean nothing: a side
	// with fewer than ClaimsMinEvents events.
	Warnings []string
}

// ClaimsMinEvents is the fewest actions, and attacks, the claims are
// answered on by default. Below it a share or a rate rests on a handful
// of coincidences: with 30 actions a share near one half is known only
// to about ±18 percentage points (1.96·√(0.25/30)), too loose to tell
// "mostly after attacks" from chance unless the share is extreme; with
// fewer than 30 attacks the null's windows cover so little of the period
// that two or three chance coincidences give a small p-value; and the
// attack rates before and after swing by a third with one attack more
// or less. A p-value is printed either way; below this it means little.
const ClaimsMinEvents = 30

// claimsCount checks that each side has enough events, and warns when
// the minimum was lowered below ClaimsMinEvents.
func claimsCount(res *ClaimsResult, opt ClaimsOptions) error {
	need := opt.MinEvents
	if need == 0 {
		need = ClaimsMinEvents
	}
	for _, c := range []struct {
		what string
		n    int
	}{{fmt.Sprintf("%s actions", opt.A), res.Actions.Events}, {fmt.Sprintf("%s attacks", opt.B), res.Attacks.Events}} {
		switch {
		case c.n == 0:
			return fmt.Errorf("claims: no %s selected", c.what)
		case c.n < need:
			return fmt.Errorf("claims: only %d %s from %s to %s, fewer than %d: below that a share or a rate rests on a "+
				"handful of coincidences (with %d events a share near one half is known to about ±%.0f percentage points), "+
				"so the answers would carry p-values but no meaning", c.n, c.what, claimsDate(res.From), claimsDate(res.To), need,
				need, 196*math.Sqrt(0.25/float64(need)))
		case c.n < ClaimsMinEvents:
			res.Warnings = append(res.Warnings, fmt.Sprintf("Warning: only %d %s, fewer than the %d the answers need to mean "+
				"anything (with %d a share near one half is known to about ±%.0f percentage points): read every answer below "+
				"as a handful of coincidences, whatever its p-value.", c.n, c.what, ClaimsMinEvents, c.n, 196*math.Sqrt(0.25/float64(c.n))))
		}
	}
	return nil
}

// Sentences is the report in reading order: the warnings, claim (a),
// claim (b), the cross-effects, and what it all rests on.
func (r ClaimsResult) Sentences() []string {
	out := append(slices.Clone(r.Warnings), r.Follow.Sentence, r.Rate.Sentence)
	for _, c := range r.CrossEffects {
		out = append(out, c.Sentence)
	}
	return append(out, r.Basis)
}

// Claims tests the two claims about side A and side B on the
// occurrences: (a) that A acts mostly after B's attacks, by the share of
// A's actions that follow a B attack within k days against a null of
// circular shifts (Answers, looking back); (b) that A's actions deter or
// provoke B, by B's attack rate in windows after A's actions against
// before, with placebo dates (EventStudy). An occurrence matching both
// selections (a clash with both sides as sources) counts in both.
func Claims(occ []Occurrence, opt ClaimsOptions) (ClaimsResult, error) {
	opt = claimsDefaults(opt)
	actions, attacks := claimsSelect(occ, opt.Actions), claimsSelect(occ, opt.Attacks)
	if opt.From == 0 && opt.To == 0 {
		opt.From, opt.To = retalSpan(claimsDays(actions), claimsDays(attacks))
	}
	actions, attacks = claimsClip(actions, opt.From, opt.To), claimsClip(attacks, opt.From, opt.To)
	res := ClaimsResult{A: opt.A, B: opt.B, From: opt.From, To: opt.To,
		Actions: claimsData(actions), Attacks: claimsData(attacks)}
	if err := claimsCount(&res, opt); err != nil {
		return res, err
	}
	actDays, attDays := claimsDays(actions), claimsDays(attacks)
	ro := opt.Retaliation
	ro.From, ro.To, ro.LookBack = opt.From, opt.To, true
	if len(ro.Within) == 0 {
		ro.Within = []int{1, 3, 7, 14, 30}
	}
	ro.Within = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(ro.Within), opt.Within))))
	resp, err := Answers(actDays, attDays, ro)
	if err != nil {
		return res, fmt.Errorf("claims: %s actions after %s attacks: %w", opt.A, opt.B, err)
	}
	res.Follow = FollowClaim{Within: opt.Within, Response: resp}
	for _, w := range resp.Shares {
		if w.Days == opt.Within {
			res.Follow.Share = w
		}
	}
	res.Follow.Sentence = claimsFollowSentence(res, opt)
	series := claimsBin(attDays, opt.From, opt.To, opt.Step)
	if res.Rate.Study, err = EventStudy(actDays, series, opt.EventStudy); err != nil {
		return res, fmt.Errorf("claims: %s attacks around %s actions: %w", opt.B, opt.A, err)
	}
	res.Rate.Sentence = claimsRateSentence(res, opt)
	res.Basis = claimsBasis(res, ro.Draws, opt)
	return res, nil
}

// claimsDefaults fills the zero options.
func claimsDefaults(opt ClaimsOptions) ClaimsOptions {
	if len(opt.Actions) == 0 {
		opt.Actions = []Filter{{Source: opt.A, Target: opt.B}}
	}
	if len(opt.Attacks) == 0 {
		opt.Attacks = []Filter{{Source: opt.B}}
	}
	opt.Within = retalOr(opt.Within, 7)
	opt.Step = retalOr(opt.Step, 1)
	opt.Rand = orSeed(opt.Rand, streamRetaliation)
	if opt.Retaliation.Rand == nil {
		opt.Retaliation.Rand = opt.Rand
	}
	if opt.EventStudy.Rand == nil {
		opt.EventStudy.Rand = opt.Rand
	}
	opt.Retaliation.Draws = retalOr(opt.Retaliation.Draws, 999)
	return opt
}

// claimsSelect is the occurrences matching any filter, in date order.
func claimsSelect(occ []Occurrence, fs []Filter) []Occurrence {
	var out []Occurrence
	for _, o := range occ {
		if slices.ContainsFunc(fs, func(f Filter) bool { return f.Match(o) }) {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int { return a.Day - b.Day })
	return out
}

// claimsClip is the part of date-ordered occurrences on days [from, to].
func claimsClip(occ []Occurrence, from, to int) []Occurrence {
	i := slices.IndexFunc(occ, func(o Occurrence) bool { return o.Day >= from })
	if i < 0 {
		return nil
	}
	j := i
	for j < len(occ) && occ[j].Day <= to {
		j++
	}
	return occ[i:j]
}

func claimsDays(occ []Occurrence) []int {
	out := make([]int, len(occ))
	for i, o := range occ {
		out[i] = o.Day
	}
	return out
}

// claimsBin counts days into a series of step days from from to to.
func claimsBin(days []int, from, to, step int) Series {
	s := Series{Start: from, Step: step, Counts: make([]float64, (to-from)/step+1)}
	for _, d := range days {
		s.Counts[(d-from)/step]++
	}
	return s
}

// claimsData counts the occurrences per dataset, most first.
func claimsData(occ []Occurrence) ClaimData {
	n := map[string]int{}
	for _, o := range occ {
		n[o.Dataset]++
	}
	d := ClaimData{Events: len(occ)}
	for name, c := range n {
		d.Datasets = append(d.Datasets, DatasetCount{Dataset: name, Events: c})
	}
	slices.SortFunc(d.Datasets, func(a, b DatasetCount) int {
		return cmp.Or(b.Events-a.Events, strings.Compare(a.Dataset, b.Dataset))
	})
	return d
}

// claimsDate is a day as 2006-01-02.
func claimsDate(day int) string { return DateOf(day).Format(time.DateOnly) }

// claimsPct is a share as a whole percentage.
func claimsPct(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }

// claimsFollowSentence states claim (a)'s answer.
func claimsFollowSentence(res ClaimsResult, opt ClaimsOptions) string {
	r, w := res.Follow.Response, res.Follow.Share
	verdict := fmt.Sprintf("no more often than unlinked timing gives (p = %.3f)", w.P)
	switch {
	case w.P <= 0.05:
		verdict = fmt.Sprintf("more often than unlinked timing gives (p = %.3f)", w.P)
	case w.Share < w.NullLow:
		verdict = "less often than unlinked timing gives"
	}
	longest := r.Shares[len(r.Shares)-1].Days
	return fmt.Sprintf("(a) Of the %d %s actions from %s to %s with %d days of data before them, %d (%s, 95%% interval %s–%s) "+
		"came within %d days after a %s attack; were the two sides' timing unlinked, %s would (95%% band %s–%s): %s. "+
		"Besides, %s had a %s attack on the same day, whose order is unknown (unlinked timing: %s).",
		r.Observed, opt.A, claimsDate(res.From), claimsDate(res.To), longest, w.Answered, claimsPct(w.Share), claimsPct(w.Low), claimsPct(w.High),
		w.Days, opt.B, claimsPct(w.NullMean), claimsPct(w.NullLow), claimsPct(w.NullHigh), verdict,
		claimsPct(r.SameDay.Share), opt.B, claimsPct(r.SameDay.NullMean))
}

// claimsUnit names a period of step days, plural when n is not 1.
func claimsUnit(step, n int) string {
	unit := "day"
	switch step {
	case 1:
	case 7:
		unit = "week"
	default:
		return fmt.Sprintf("%d periods of %d days", n, step)
	}
	if n != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", n, unit)
}

// claimsFewShocks is the number of shocks below which the event study's
// answer is not read as deterrence or provocation: its placebo interval
// then rests on a handful of windows.
const claimsFewShocks = 10

// claimsRateSentence states claim (b)'s answer from the event study.
func claimsRateSentence(res ClaimsResult, opt ClaimsOptions) string {
	st := res.Rate.Study
	d, q := st.Diff, st.Ratio
	per := strings.TrimPrefix(claimsUnit(st.Step, 1), "1 ")
	verdict := "That is a change placebo dates give as often: neither deterrence nor provocation is shown"
	switch {
	case d.High < 0:
		verdict = "That is a fall: deterrence, on this measure"
	case d.Low > 0:
		verdict = "That is a rise: provocation, on this measure"
	}
	if st.Used < claimsFewShocks {
		verdict = fmt.Sprintf("That rests on too few %s to read a change from", strings.TrimPrefix(claimsUnit(st.Step, st.Used), fmt.Sprint(st.Used)+" "))
	}
	ratio := "no ratio (no attacks before)"
	if !math.IsNaN(q.Value) {
		ratio = fmt.Sprintf("ratio %.2f", q.Value)
		if !math.IsNaN(q.Low) {
			ratio += fmt.Sprintf(", %.2f–%.2f", q.Low, q.High)
		}
	}
	kept := fmt.Sprintf("of %d; %d dropped for another action in the %s before, %d for windows off the data",
		st.Shocks, st.Overlapping, claimsUnit(st.Step, st.Before+st.After), st.AtEdge)
	if opt.EventStudy.KeepOverlapping {
		kept = fmt.Sprintf("of %d, all kept though their windows overlap but %d with windows off the data", st.Shocks, st.AtEdge)
	}
	return fmt.Sprintf("(b) In the %s after each of %d %s with %s actions (%s), %s attacks ran at %s a %s against %s in the %s before: "+
		"a change of %s a %s (95%% interval %s to %s; %s), placebo p = %.3f. %s.",
		claimsUnit(st.Step, st.After), st.Used, strings.TrimPrefix(claimsUnit(st.Step, st.Used), fmt.Sprint(st.Used)+" "), opt.A, kept,
		opt.B, claimsNum(st.AfterRate, ""), per, claimsNum(st.BeforeRate, ""), claimsUnit(st.Step, st.Before),
		claimsNum(d.Value, "+"), per, claimsNum(d.Low, "+"), claimsNum(d.High, "+"), ratio, d.P, verdict)
}

// claimsNum writes a rate with two decimals, or two significant digits
// when smaller than 0.1, so a small change does not print as 0.00; sign
// "+" writes the sign of a positive number too.
func claimsNum(v float64, sign string) string {
	if math.Abs(v) >= 0.1 || v == 0 {
		return fmt.Sprintf("%"+sign+".2f", v)
	}
	return fmt.Sprintf("%"+sign+".2g", v)
}

// claimsBasis says what the answers rest on.
func claimsBasis(res ClaimsResult, draws int, opt ClaimsOptions) string {
	sources := func(d ClaimData) string {
		var parts []string
		for _, c := range d.Datasets {
			parts = append(parts, fmt.Sprintf("%s %d", c.Dataset, c.Events))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprintf("Rests on %d %s actions (%s) and %d %s attacks (%s) from %s to %s; "+
		"shares against %d circular shifts of the attacks, rates against %d sets of placebo dates.",
		res.Actions.Events, opt.A, sources(res.Actions), res.Attacks.Events, opt.B, sources(res.Attacks),
		claimsDate(res.From), claimsDate(res.To), draws, res.Rate.Study.Placebos)
}
