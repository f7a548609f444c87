package escalation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// EventStudyOptions say which windows EventStudy compares and how it
// draws its placebos. The zero value compares the 30 days before each
// shock with the 30 days after, over 999 placebo draws.
type EventStudyOptions struct {
	// Before and After are the window lengths in periods of the outcome
	// series (days for a daily series, weeks for a weekly one); zero is
	// 30 days' worth, rounded to whole periods.
	Before, After int
	// KeepOverlapping keeps every shock. By default a shock is dropped
	// when another shock came in the Before+After periods before it:
	// its before window would then hold the other shock's aftermath, and
	// the before–after difference would mix two shocks. Kept shocks then
	// have windows that do not overlap; the after window of a kept shock
	// may still hold later shocks, so the effect read is that of a shock
	// after a quiet spell, with whatever followed it. With
	// KeepOverlapping, windows overlap and the same days count for
	// several shocks.
	KeepOverlapping bool
	// IndependentPlacebos draws each placebo date on its own. By default
	// a placebo set is the used shocks moved together by one random
	// shift, round the periods where windows fit, so that it keeps the
	// shocks' spacing, clusters and overlaps and only loses their place
	// against the outcome. Independent dates are the textbook scheme and
	// fine for isolated shocks, but with clustered shocks kept
	// overlapping they spread out more than the real ones and the
	// interval comes out too narrow.
	IndependentPlacebos bool
	// Placebos is the number of placebo draws (zero: 999).
	Placebos int
	// Rand draws the placebos; nil is a fixed seed.
	Rand *rand.Rand
	// Context stops the placebo draws when it is done, and EventStudy
	// returns its error; nil is never.
	Context context.Context
}

// EventEffect is an after–before contrast with its uncertainty from
// placebo shocks: as many shocks as were used, at random periods of the
// same series whose windows fit in it (see IndependentPlacebos).
type EventEffect struct {
	Value float64
	// Low and High bound the 95% interval: Value less the placebo
	// draws' deviations from their mean (on the log scale for a ratio).
	Low, High float64
	// NullMean, NullLow and NullHigh are the placebo draws' mean (for a
	// ratio, the geometric mean) and central 95%.
	NullMean, NullLow, NullHigh float64
	// P is the two-sided placebo p-value of a deviation from the null
	// mean at least as large as Value's.
	P float64
}

// ProfilePoint is the outcome's mean at Offset periods from the shocks
// (0 is the shock's own period), beside the placebo band.
type ProfilePoint struct {
	Offset                      int
	Rate                        float64
	NullMean, NullLow, NullHigh float64
}

// EventStudyResult is the outcome's rate before and after the shocks.
type EventStudyResult struct {
	// Step is the outcome series' period in days; rates are per period.
	Step          int
	Before, After int
	// From and To are the first and last days of the outcome series.
	From, To int
	// Shocks counts the distinct periods with a shock inside the series;
	// Used those studied; Overlapping those dropped for an earlier shock
	// too close (see EventStudyOptions.KeepOverlapping); AtEdge those
	// whose windows ran off the series.
	Shocks, Used, Overlapping, AtEdge int
	// BeforeRate and AfterRate are the outcome's mean per period in the
	// windows before and after the used shocks, the shock's own period
	// left out of both: within it, what came first is unknown.
	BeforeRate, AfterRate float64
	// Diff is AfterRate − BeforeRate: below zero a fall (deterrence),
	// above a rise (provocation). Ratio is AfterRate / BeforeRate, NaN
	// when BeforeRate is 0; its interval and null are NaN when either
	// rate is 0 or no placebo gave a finite ratio.
	Diff, Ratio EventEffect
	// Profile is the mean outcome at each offset −Before..After.
	Profile  []ProfilePoint
	Placebos int
}

// EventStudy compares the outcome series' rate in the windows before and
// after each shock (shocks are days; several on one period are one
// shock), against placebo shocks at random periods.
func EventStudy(shocks []int, outcome Series, opt EventStudyOptions) (EventStudyResult, error) {
	n, step := len(outcome.Counts), max(outcome.Step, 1)
	if opt.Before == 0 {
		opt.Before = max(1, (30+step/2)/step)
	}
	if opt.After == 0 {
		opt.After = max(1, (30+step/2)/step)
	}
	opt.Placebos = retalOr(opt.Placebos, 999)
	opt.Rand = orSeed(opt.Rand, streamRetaliation)
	res := EventStudyResult{Step: step, Before: opt.Before, After: opt.After,
		From: outcome.Start, To: outcome.Start + n*step - 1, Placebos: opt.Placebos}
	if opt.Before < 1 || opt.After < 1 {
		return res, fmt.Errorf("windows of %d and %d periods: each needs at least one", opt.Before, opt.After)
	}
	if n-opt.Before-opt.After < 1 {
		return res, fmt.Errorf("outcome series of %d periods is too short for windows of %d and %d", n, opt.Before, opt.After)
	}
	if !slices.ContainsFunc(outcome.Counts, func(c float64) bool { return c != 0 }) {
		return res, errors.New("outcome series has no events")
	}
	used := eventShocks(shocks, outcome, opt, &res)
	if len(used) == 0 {
		return res, fmt.Errorf("no shock to study: of %d, %d too close to an earlier one, %d with windows off the series",
			res.Shocks, res.Overlapping, res.AtEdge)
	}
	res.Used = len(used)
	cum := eventCumulative(outcome.Counts)
	var obs eventStats
	eventMeasure(&obs, used, outcome.Counts, cum, opt)
	res.BeforeRate, res.AfterRate = obs.before, obs.after
	draws, err := eventPlacebos(used, n, outcome.Counts, cum, opt)
	if err != nil {
		return res, err
	}
	res.Diff, res.Ratio = eventEffects(obs, draws)
	res.Profile = eventProfile(obs, draws, opt)
	return res, nil
}

// eventShocks is the sorted distinct periods of the shocks to study,
// counting in res those inside the series and those dropped.
func eventShocks(shocks []int, outcome Series, opt EventStudyOptions, res *EventStudyResult) []int {
	step, n := max(outcome.Step, 1), len(outcome.Counts)
	var periods []int
	for _, d := range shocks {
		i := d - outcome.Start
		if i < 0 {
			i -= step - 1 // round towards minus infinity
		}
		periods = append(periods, i/step)
	}
	slices.Sort(periods)
	periods = slices.Compact(periods)
	var used []int
	for k, s := range periods {
		if s < 0 || s >= n {
			continue
		}
		res.Shocks++
		switch {
		case !opt.KeepOverlapping && k > 0 && s-periods[k-1] <= opt.Before+opt.After:
			res.Overlapping++
		case s-opt.Before < 0 || s+opt.After >= n:
			res.AtEdge++
		default:
			used = append(used, s)
		}
	}
	return used
}

// eventCumulative is the running sum: the sum over [i, j) is
// cum[j]−cum[i].
func eventCumulative(y []float64) []float64 {
	cum := make([]float64, len(y)+1)
	for i, v := range y {
		cum[i+1] = cum[i] + v
	}
	return cum
}

// eventStats is what one set of shocks (real or placebo) gives.
type eventStats struct {
	before, after float64
	profile       []float64 // offsets −Before..After
}

// eventMeasure fills st from the shocks at periods at.
func eventMeasure(st *eventStats, at []int, y, cum []float64, opt EventStudyOptions) {
	width := opt.Before + opt.After + 1
	if len(st.profile) != width {
		st.profile = make([]float64, width)
	}
	clear(st.profile)
	var b, a float64
	for _, s := range at {
		b += cum[s] - cum[s-opt.Before]
		a += cum[s+opt.After+1] - cum[s+1]
		for k, v := range y[s-opt.Before : s+opt.After+1] {
			st.profile[k] += v
		}
	}
	m := float64(len(at))
	st.before, st.after = b/(m*float64(opt.Before)), a/(m*float64(opt.After))
	for k := range st.profile {
		st.profile[k] /= m
	}
}

// eventPlacebos measures opt.Placebos sets of shocks, as many as used,
// at random periods whose windows fit in the series: the used shocks
// shifted together, or independent draws (with replacement).
func eventPlacebos(used []int, n int, y, cum []float64, opt EventStudyOptions) ([]eventStats, error) {
	lo, span := opt.Before, n-opt.Before-opt.After
	out := make([]eventStats, opt.Placebos)
	at := make([]int, len(used))
	for d := range out {
		if err := cancelled(opt.Context, d); err != nil {
			return nil, err
		}
		u := opt.Rand.IntN(span)
		for i, s := range used {
			if opt.IndependentPlacebos {
				at[i] = lo + opt.Rand.IntN(span)
			} else {
				at[i] = lo + (s-lo+u)%span
			}
		}
		eventMeasure(&out[d], at, y, cum, opt)
	}
	return out, nil
}

// eventEffects sets the difference and ratio against the placebos.
func eventEffects(obs eventStats, draws []eventStats) (diff, ratio EventEffect) {
	d := make([]float64, len(draws))
	var r []float64
	for i, st := range draws {
		d[i] = st.after - st.before
		if lr := math.Log(st.after / st.before); !math.IsNaN(lr) && !math.IsInf(lr, 0) {
			r = append(r, lr)
		}
	}
	diff = eventEffect(obs.after-obs.before, d)
	nan := math.NaN()
	ratio = EventEffect{Value: nan, Low: nan, High: nan, NullMean: nan, NullLow: nan, NullHigh: nan, P: nan}
	if obs.before > 0 {
		ratio.Value = obs.after / obs.before
	}
	if obs.before > 0 && obs.after > 0 && len(r) > 0 {
		e := eventEffect(math.Log(ratio.Value), r)
		ratio = EventEffect{Value: ratio.Value, Low: math.Exp(e.Low), High: math.Exp(e.High),
			NullMean: math.Exp(e.NullMean), NullLow: math.Exp(e.NullLow), NullHigh: math.Exp(e.NullHigh), P: e.P}
	}
	return diff, ratio
}

// eventEffect sets v against the null draws, which it sorts.
func eventEffect(v float64, null []float64) EventEffect {
	e := EventEffect{Value: v}
	e.NullMean, e.NullLow, e.NullHigh = retalBand(null)
	e.Low, e.High = v-(e.NullHigh-e.NullMean), v-(e.NullLow-e.NullMean)
	far := 0
	for _, x := range null {
		// The tolerance keeps a placebo that equals the observation from
		// counting as less extreme through rounding.
		far += retalBit(math.Abs(x-e.NullMean) >= math.Abs(v-e.NullMean)-1e-12)
	}
	e.P = float64(1+far) / float64(1+len(null))
	return e
}

// eventProfile is the observed profile beside the placebo band.
func eventProfile(obs eventStats, draws []eventStats, opt EventStudyOptions) []ProfilePoint {
	out := make([]ProfilePoint, len(obs.profile))
	col := make([]float64, len(draws))
	for k := range out {
		for i, st := range draws {
			col[i] = st.profile[k]
		}
		p := ProfilePoint{Offset: k - opt.Before, Rate: obs.profile[k]}
		p.NullMean, p.NullLow, p.NullHigh = retalBand(col)
		out[k] = p
	}
	return out
}
