package escalation

import (
	"math"
	"slices"
)

// HawkesGoodnessOfFit is the time-rescaling test (Brown et al. 2002;
// Ogata 1988) of parameters p on events times in [0, T], per process:
// the compensator's increments between consecutive events of a process
// are independent Exp(1) under the model, which a Kolmogorov–Smirnov
// test checks. p may come from any source — the true parameters of a
// simulation, or a homogeneous Poisson model (Alpha all zero, Mu the
// event rates) to see the test reject it. With parameters estimated on
// the same data the p-values are slightly conservative (the fit adapts
// to the data), by an amount negligible when a process has hundreds of
// events for its D+2 parameters.
func HawkesGoodnessOfFit(p HawkesParams, times [][]float64, T float64) ([]HawkesKS, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	d, err := newHawkesData(times, T)
	if err != nil {
		return nil, err
	}
	if d.dim() != p.Dim() {
		return nil, errDims(d.dim(), p.Dim())
	}
	return hawkesGOF(d, p)
}

func hawkesGOF(d *hawkesData, p HawkesParams) ([]HawkesKS, error) {
	out := make([]HawkesKS, d.dim())
	for i := range out {
		comp := make([]float64, d.n[i])
		newHawkesTarget(d, i, p.Link).eval(p.block(i), nil, comp)
		// Increments Λ(t_m) − Λ(t_{m−1}), from Λ(0) = 0.
		for m := len(comp) - 1; m > 0; m-- {
			comp[m] -= comp[m-1]
		}
		out[i] = ksExp1(comp)
	}
	return out, nil
}

// ksExp1 tests x against Exp(1): the statistic sup |F_n − F| and its
// p-value from Kolmogorov's limiting distribution with Stephens' (1970)
// small-sample correction, good to about 1% in p from n ≈ 5.
func ksExp1(x []float64) HawkesKS {
	n := len(x)
	if n == 0 {
		return HawkesKS{P: 1}
	}
	s := slices.Clone(x)
	slices.Sort(s)
	var dmax float64
	fn := float64(n)
	for k, v := range s {
		f := -math.Expm1(-math.Max(v, 0))
		dmax = math.Max(dmax, math.Max(float64(k+1)/fn-f, f-float64(k)/fn))
	}
	sq := math.Sqrt(fn)
	return HawkesKS{N: n, Stat: dmax, P: kolmogorovQ((sq + 0.12 + 0.11/sq) * dmax)}
}

// kolmogorovQ is P(K > λ) for Kolmogorov's distribution: the alternating
// series 2 Σ (−1)^{k−1} exp(−2k²λ²) converges fast for λ ≥ 1; below, the
// Jacobi-transformed series for the CDF, √(2π)/λ Σ exp(−(2k−1)²π²/(8λ²)),
// does.
func kolmogorovQ(lambda float64) float64 {
	if lambda <= 0 {
		return 1
	}
	if lambda < 1 {
		var cdf float64
		for k := 1; k <= 10; k++ {
			m := float64(2*k - 1)
			cdf += math.Exp(-m * m * math.Pi * math.Pi / (8 * lambda * lambda))
		}
		return math.Max(0, math.Min(1, 1-math.Sqrt(2*math.Pi)/lambda*cdf))
	}
	var q float64
	sign := 1.0
	for k := 1; k <= 100; k++ {
		t := sign * math.Exp(-2*float64(k*k)*lambda*lambda)
		q += t
		if math.Abs(t) < 1e-17 {
			break
		}
		sign = -sign
	}
	return math.Max(0, math.Min(1, 2*q))
}
