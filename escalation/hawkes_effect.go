package escalation

import (
	"fmt"
	"math"
)

// Triggered is the expected number of events of target that one event
// of source sets off (or, negative, prevents) directly, at target's
// baseline: the area between target's rate after that one event and its
// baseline rate, the other processes quiet. It puts both links on one
// scale, events per event, which is what a reader compares a VAR's
// cumulative response with.
//
// For HawkesLinear it is α itself, with α's interval. For HawkesSoftplus
// the rate after the event is softplus(μ + αβe^{−βt}), and substituting
// y = αβe^{−βt} gives
//
//	(1/β) ∫₀^{αβ} (softplus(μ+y) − softplus(μ)) / y dy,
//
// which grows with α; its interval is this at α's bounds, μ and β held at
// their estimates (their own uncertainty is left out), and its standard
// error is α's times the integrand at αβ (the delta method). Only the
// first generation counts: events set off by the events set off are the
// branching ratio's and a counterfactual's business.
func (f *HawkesFit) Triggered(target, source int) (Estimate, error) {
	D := len(f.Names)
	if target < 0 || target >= D || source < 0 || source >= D {
		return Estimate{}, fmt.Errorf("hawkes: no effect of %d on %d among %d processes", source, target, D)
	}
	a := f.Alpha[target][source]
	if f.Link == HawkesLinear {
		return a, nil
	}
	mu, beta := f.Mu[target].Est, f.Beta[target].Est
	at := func(alpha float64) float64 {
		if math.IsNaN(alpha) {
			return math.NaN()
		}
		return softplusArea(mu, alpha*beta) / beta
	}
	return Estimate{Est: at(a.Est), SE: softplusSlope(mu, a.Est*beta) * a.SE, Lo: at(a.Lo), Hi: at(a.Hi)}, nil
}

// softplusSlope is (softplus(μ+y) − softplus(μ)) / y, its limit
// sigmoid(μ) at y = 0.
func softplusSlope(mu, y float64) float64 {
	if math.Abs(y) < 1e-9 {
		return sigmoid(mu)
	}
	return (softplus(mu+y) - softplus(mu)) / y
}

// softplusArea is ∫₀^c softplusSlope(μ, y) dy by 8-point Gauss–Legendre
// on panels of width at most 1: the integrand is smooth and bends on a
// scale of one unit of the predictor.
func softplusArea(mu, c float64) float64 {
	panels := int(math.Ceil(math.Abs(c)))
	if panels == 0 {
		return 0
	}
	width := c / float64(panels)
	var sum float64
	for k := range panels {
		mid := (float64(k) + 0.5) * width
		for _, n := range glNodes8 {
			sum += n.w * softplusSlope(mu, mid+n.x*width/2)
		}
	}
	return sum * width / 2
}
