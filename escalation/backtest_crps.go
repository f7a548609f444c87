package escalation

import (
	"math"
	"slices"
)

// The continuous ranked probability score (Matheson and Winkler 1976;
// Gneiting and Raftery 2007), the metric of the ViEWS forecasting
// competitions, scores a forecast distribution F against the outcome y:
//
//	CRPS(F, y) = ∫ (F(x) − 1{x ≥ y})² dx = E|X − y| − ½ E|X − X′|,
//
// X and X′ independent draws from F. It is in the outcome's units (events
// per month), lower is better, and a point forecast's CRPS is its
// absolute error, so a distribution and a point forecast compare on one
// scale. The count forecasts here are pmfs on 0, 1, 2, …, whose CRPS is
// a finite sum (CRPSPMF); a Poisson or negative-binomial forecast is
// scored exactly through its pmf, a simulated one through the empirical
// distribution of its draws (CRPSSamples).

// backtestTail is the probability mass a pmf may leave out past its last
// entry: the CRPS it costs is below backtestTail times the forecast's
// spread, far below any score difference worth reading.
const backtestTail = 1e-10

// backtestMaxSupport bounds the counts a pmf covers (2²⁰): a forecast of
// more events a month than that is beyond any conflict's record.
const backtestMaxSupport = 1 << 20

// CRPSPoint is the CRPS of the point forecast x: its absolute error.
func CRPSPoint(x, y float64) float64 { return math.Abs(x - y) }

// CRPSSamples is the CRPS of the empirical distribution of samples (the
// forecast's draws) against y, exactly, in O(m log m): E|X − y| over the
// draws less half the mean absolute difference of all pairs of draws
// (the pairs of a draw with itself included, so that one draw scores as
// a point forecast). It is NaN for no samples.
func CRPSSamples(samples []float64, y float64) float64 {
	m := len(samples)
	if m == 0 {
		return math.NaN()
	}
	x := slices.Clone(samples)
	slices.Sort(x)
	var abs, pairs float64
	for i, v := range x {
		abs += math.Abs(v - y)
		// Σ_{i<j} (x_j − x_i) = Σ_i x_i (2i − m + 1) over sorted x.
		pairs += v * float64(2*i-m+1)
	}
	mf := float64(m)
	return abs/mf - pairs/(mf*mf)
}

// CRPSPMF is the CRPS of the distribution on 0, 1, 2, … whose pmf is
// pmf (pmf[k] = P(X = k); mass missing from the end lies past it and is
// ignored) against the outcome y ≥ 0. F is a step function, so the
// integral is a sum over the unit intervals [k, k+1), split where y
// falls inside one: for integer y it is Σ_k (F(k) − 1{k ≥ y})².
func CRPSPMF(pmf []float64, y float64) float64 {
	var crps, F float64
	if y < 0 {
		crps = -y // F = 0 and the indicator 1 on [y, 0)
	}
	top := max(len(pmf), int(math.Ceil(y))+1)
	for k := range top {
		if k < len(pmf) {
			F += pmf[k]
		}
		F = min(F, 1)
		below := min(max(y-float64(k), 0), 1) // share of [k, k+1) below y
		crps += F*F*below + (1-F)*(1-F)*(1-below)
	}
	return crps
}

// PoissonPMF is the pmf of a Poisson distribution of mean mu ≥ 0 on
// 0…K, K where the mass left beyond is below 1e-10.
func PoissonPMF(mu float64) []float64 {
	if !(mu > 0) {
		return []float64{1}
	}
	lm := math.Log(mu)
	lp, k0 := -mu, 0
	return backtestPMF(mu, func(k int) float64 {
		for ; k0 < k; k0++ {
			lp += lm - math.Log(float64(k0+1))
		}
		return lp
	})
}

// NegBinPMF is the pmf of a negative binomial of mean mu ≥ 0 and
// dispersion alpha ≥ 0 (variance μ + αμ², size 1/α; alpha 0 is the
// Poisson) on 0…K, K where the mass left beyond is below 1e-10.
func NegBinPMF(mu, alpha float64) []float64 {
	if !(mu > 0) {
		return []float64{1}
	}
	if alpha < 1e-10 {
		return PoissonPMF(mu)
	}
	r := 1 / alpha
	// log P(k+1) = log P(k) + log((k+r)/(k+1)) + log(μ/(r+μ)), from
	// log P(0) = −r log(1 + μ/r): one logarithm a term.
	lq := math.Log(mu) - math.Log(r+mu)
	lp := -r * math.Log1p(mu/r)
	k0 := 0
	return backtestPMF(mu, func(k int) float64 {
		for ; k0 < k; k0++ {
			lp += math.Log((float64(k0)+r)/float64(k0+1)) + lq
		}
		return lp
	})
}

// backtestPMF tabulates exp(logp(k)), calling logp for k = 0, 1, 2, …
// in turn (so that it may recur), until the mass reaches
// 1 − backtestTail past the mean; log-probabilities keep a large mean's
// first terms from underflowing to a pmf of zeros.
func backtestPMF(mean float64, logp func(int) float64) []float64 {
	var pmf []float64
	var F float64
	for k := 0; k < backtestMaxSupport; k++ {
		p := math.Exp(logp(k))
		pmf = append(pmf, p)
		F += p
		if float64(k) > mean && (F >= 1-backtestTail || p == 0 && F > 0.5) {
			break
		}
	}
	return pmf
}

// pmfMean is the mean of a pmf on 0, 1, 2, ….
func pmfMean(pmf []float64) float64 {
	var m float64
	for k, p := range pmf {
		m += float64(k) * p
	}
	return m
}

// pmfQuantile is the smallest k with P(X ≤ k) ≥ q.
func pmfQuantile(pmf []float64, q float64) float64 {
	var F float64
	for k, p := range pmf {
		F += p
		if F >= q-1e-12 {
			return float64(k)
		}
	}
	return float64(len(pmf) - 1)
}

// pointPMF is the pmf of the point mass at the count n ≥ 0.
func pointPMF(n int) []float64 {
	pmf := make([]float64, n+1)
	pmf[n] = 1
	return pmf
}

// empiricalPMF is the empirical distribution of counts (non-negative
// integers, as floats).
func empiricalPMF(counts []float64) []float64 {
	top := 0
	for _, c := range counts {
		top = max(top, int(c))
	}
	pmf := make([]float64, top+1)
	for _, c := range counts {
		pmf[int(c)] += 1 / float64(len(counts))
	}
	return pmf
}
