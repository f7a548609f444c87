package escalation

import (
	"math"
)

// backtestHawkes fits a univariate linear Hawkes process to the unit's
// events in the months seen (their days spread within each day, as
// HawkesTimes does) and forecasts the target month from the excitation
// the history leaves at the origin: the mean exactly
// (backtestHawkesMean), the distribution from h.samples simulated paths
// of the point estimate (parameter uncertainty left out, as for the
// autoregression). No events seen forecasts the point mass at zero; a fit
// that fails, or paths that explode, give way to a Poisson at the
// average rate seen, or at the exact mean.
//
// One process per unit, not one multivariate process over all units:
// units without events before an origin (most dyads and provinces early
// on) would make a joint fit fail, and D² effects on a few hundred events
// are not identified.
func backtestHawkes(h backtestHistory) (backtestPrediction, error) {
	n := len(h.days)
	if n == 0 {
		return backtestPrediction{pmf: pointPMF(0), fallback: "the point mass at 0 (no events seen)"}, nil
	}
	days := float64(h.targetEnd - h.target)
	poisson := func(why string) (backtestPrediction, error) {
		m := float64(n) / float64(h.origin-h.from) * days
		return backtestPrediction{mean: m, pmf: PoissonPMF(m), fallback: why}, nil
	}
	times, T, err := HawkesTimes([][]int{h.days}, h.from, h.origin-1, h.rng)
	if err != nil {
		return backtestPrediction{}, err
	}
	fit, err := FitHawkes(times, T, HawkesOptions{})
	if err != nil || !fit.Converged[0] {
		return poisson("from a Poisson at the average rate (the Hawkes fit failed)")
	}
	p := fit.Params()
	sim := newHawkesSim(p)
	c0 := []float64{0}
	sim.history(fit.data, c0)
	s, e := float64(h.target-h.origin), float64(h.targetEnd-h.origin)
	mean := backtestHawkesMean(p.Mu[0], p.Alpha[0][0], p.Beta[0], c0[0], s, e)
	if math.IsNaN(mean) || math.IsInf(mean, 0) {
		return poisson("from a Poisson at the average rate (the Hawkes fit explodes)")
	}
	counts := make([]float64, h.samples)
	c := []float64{0}
	limit := int(100*mean) + 10_000
	for k := range counts {
		c[0] = c0[0]
		var got float64
		_, err := sim.run(c, T, T+e, h.rng, limit, func(t float64, _ int) {
			if t >= T+s {
				got++
			}
		})
		if err != nil {
			return backtestPrediction{mean: mean, pmf: PoissonPMF(mean), fallback: "from a Poisson at the exact mean (the simulated paths explode)"}, nil
		}
		counts[k] = got
	}
	return backtestPrediction{mean: mean, pmf: empiricalPMF(counts)}, nil
}

// backtestHawkesMean is a univariate linear Hawkes process's expected
// number of events in (T+s, T+e], given the excitation c0 its history
// leaves at T (λ(T) = μ + c0): the expectation of the excitation obeys
// dc/dt = −κc + αβμ, κ = β(1 − α), so
//
//	E c(t) = c∞ + (c0 − c∞) e^{−κt},  c∞ = αβμ/κ,
//	E N(T, T+t] = (μ + c∞) t + (c0 − c∞)(1 − e^{−κt})/κ,
//
// the one-process case of the D-process formula in the Hawkes tests
// (expectedCounts), written out to need no matrix exponential. At α ≥ 1
// (κ ≤ 0) the process explodes but a month's expectation is still
// finite, and the same formula gives it, by its series near κ = 0.
func backtestHawkesMean(mu, alpha, beta, c0, s, e float64) float64 {
	kappa := beta * (1 - alpha)
	upTo := func(t float64) float64 {
		// ∫₀ᵗ E λ = μt + ∫₀ᵗ c0 e^{−κu} + αβμ (1 − e^{−κu})/κ du
		//         = μt + c0 g(t) + αβμ (t − g(t))/κ, g(t) = (1 − e^{−κt})/κ;
		// (t − g)/κ → t²/2 as κ → 0.
		x := kappa * t
		var g, tg float64
		if math.Abs(x) < 1e-6 {
			g = t * (1 - x/2 + x*x/6)
			tg = t * t * (0.5 - x/6 + x*x/24)
		} else {
			g = -math.Expm1(-x) / kappa
			tg = (t - g) / kappa
		}
		return mu*t + c0*g + alpha*beta*mu*tg
	}
	return upTo(e) - upTo(s)
}
