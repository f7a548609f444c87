package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/durandhq/durand/escalation"
)

// claimsDaysAny are the days of the occurrences matching any of fs on
// days [from, to].
func claimsDaysAny(occ []escalation.Occurrence, fs []escalation.Filter, from, to int) []int {
	var out []int
	for _, o := range occ {
		if o.Day >= from && o.Day <= to && slices.ContainsFunc(fs, func(f escalation.Filter) bool { return f.Match(o) }) {
			out = append(out, o.Day)
		}
	}
	return out
}

// claimsHawkes answers claim (b) a fourth way: a Hawkes process of A's
// actions and B's attacks over the claims' period, with the softplus
// link so that an action may lower the attack rate, read as the attacks
// one action sets off (or prevents) at their base rate. Like claimsVAR,
// it says in its sentence why there is no answer (too few events, a fit
// that fails) and leaves the rest of the report standing.
func claimsHawkes(ctx context.Context, occ []escalation.Occurrence, opt escalation.ClaimsOptions, res escalation.ClaimsResult, rng *rand.Rand) (*escalation.HawkesFit, escalation.CrossEffect) {
	actions, attacks := claimsSelection(opt)
	act, att := fmt.Sprintf("%s actions", opt.A), fmt.Sprintf("%s attacks", opt.B)
	ce := escalation.CrossEffect{Model: "hawkes", Estimate: math.NaN(), Low: math.NaN(), High: math.NaN(),
		Unit: fmt.Sprintf("%s set off (−: prevented) by one %s action, at their base rate", att, opt.A)}
	days := [][]int{claimsDaysAny(occ, actions, res.From, res.To), claimsDaysAny(occ, attacks, res.From, res.To)}
	need := escalation.HawkesPerParameter * 4
	for i, name := range []string{act, att} {
		if len(days[i]) < need {
			ce.Sentence = fmt.Sprintf("(d) No Hawkes cross-effect: %d %s, fewer than the %d its fit needs (%d per parameter of a rate: "+
				"a baseline, two effects, a decay).", len(days[i]), name, need, escalation.HawkesPerParameter)
			return nil, ce
		}
	}
	times, T, err := escalation.HawkesTimes(days, res.From, res.To, rng)
	var fit *escalation.HawkesFit
	if err == nil {
		fit, err = escalation.FitHawkes(times, T, escalation.HawkesOptions{Link: escalation.HawkesSoftplus, Names: []string{act, att}, Context: ctx})
	}
	var eff escalation.Estimate
	if err == nil {
		eff, err = fit.Triggered(1, 0)
	}
	if err != nil {
		ce.Sentence = fmt.Sprintf("(d) No Hawkes cross-effect: %v.", err)
		return nil, ce
	}
	ce.Estimate, ce.Low, ce.High = eff.Est, eff.Lo, eff.Hi
	ce.Sentence = claimsHawkesSentence(fit, ce, opt, res)
	return fit, ce
}

// claimsHawkesSentence states claim (d)'s answer, and what the fit's own
// checks say against it.
func claimsHawkesSentence(fit *escalation.HawkesFit, ce escalation.CrossEffect, opt escalation.ClaimsOptions, res escalation.ClaimsResult) string {
	a := fit.Alpha[1][0]
	verdict := "no interval (the fit does not identify it), so no verdict"
	switch {
	case ce.High < 0:
		verdict = "fewer attacks: deterrence, on this measure"
	case ce.Low > 0:
		verdict = "more attacks: provocation, on this measure"
	case !math.IsNaN(ce.Low):
		verdict = "the interval holds zero, so neither deterrence nor provocation is shown"
	}
	s := fmt.Sprintf("(d) In a Hawkes process of %s and %s, %s to %s, whose softplus link lets an action lower the attack rate, "+
		"one more %s action sets off %s %s at their base rate of %s a day (%.0f%% interval %s to %s; on the rate's predictor "+
		"α = %s, %s to %s), its effect lasting about %s: %s.",
		fit.Names[0], fit.Names[1], analysisDate(res.From), analysisDate(res.To), opt.A, claimsSigned(ce.Estimate), fit.Names[1],
		fmtNum(fit.BaseRate[1].Est), 100*fit.Level, claimsSigned(ce.Low), claimsSigned(ce.High), claimsSigned(a.Est),
		claimsSigned(a.Lo), claimsSigned(a.Hi), fmtDays(math.Round(1/fit.Beta[1].Est)), verdict)
	if ks := fit.GOF[1]; ks.P < 0.05 {
		s += fmt.Sprintf(" The time-rescaling test rejects the model for %s (KS p %s): read this with caution.", fit.Names[1], claimsPText(ks.P))
	}
	if !fit.Converged[1] {
		s += fmt.Sprintf(" The fit for %s did not converge.", fit.Names[1])
	}
	return s
}
