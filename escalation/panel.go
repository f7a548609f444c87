package escalation

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// PanelOptions sets up a two-way fixed-effects panel regression.
type PanelOptions struct {
	// Lag is how many periods the shock precedes the outcome: 1 (the
	// default, for 0) asks whether a strike in an area in week t is
	// followed by more or fewer attacks there in week t+1. A negative lag
	// is a lead, the placebo: future strikes cannot cause past attacks, so
	// its coefficient should be near zero unless strikes follow attacks.
	Lag int
	// Contemporaneous asks for the same-period effect (lag 0), which Lag
	// 0 cannot ask for because 0 means the default.
	Contemporaneous bool
	// Level is the confidence level of the interval (0: 0.95).
	Level float64
}

// PanelResult is the estimated effect of one more shock in a unit on its
// outcome Lag periods later, net of everything constant in the unit (its
// fixed effect) and everything common to all units in the period (the
// period's fixed effect).
type PanelResult struct {
	Lag   int
	Coef  float64 // outcome events per period per shock
	SE    float64 // clustered by unit (Liang–Zeger, with the small-sample factor)
	Low   float64 // Level interval: Coef ± t(G−1) × SE
	High  float64
	P     float64 // two-sided, t with G−1 degrees of freedom
	Level float64
	// Mean is the outcome's mean over the observations used, so that
	// Coef/Mean is the effect relative to the usual rate.
	Mean float64
	// Units and Periods used, and N = Units × (Periods − |Lag|)
	// observations; Shocks is the sum of the shock counts used.
	Units, Periods, N int
	Shocks            float64
}

// Panel fits outcome[i][t] = a_i + g_t + b·shock[i][t−Lag] + e by least
// squares on a balanced panel (every unit the same periods) and returns b
// with a standard error clustered by unit, which allows any correlation of
// one unit's errors over time. With few units (the seven tribal agencies),
// the interval uses Student's t with G−1 degrees of freedom, the usual
// guard against clustered errors that are too small; it is still a
// linear model of counts, not the negative binomial a count purist would
// fit.
func Panel(outcome, shock [][]float64, o PanelOptions) (PanelResult, error) {
	lag := o.Lag
	if lag == 0 && !o.Contemporaneous {
		lag = 1
	}
	level := o.Level
	if level == 0 {
		level = 0.95
	}
	y, x, err := panelAlign(outcome, shock, lag)
	if err != nil {
		return PanelResult{}, err
	}
	g, T := len(y), len(y[0])
	res := PanelResult{Lag: lag, Level: level, Units: g, Periods: len(outcome[0]), N: g * T}
	for i := range y {
		for t := range y[i] {
			res.Mean += y[i][t]
			res.Shocks += x[i][t]
		}
	}
	res.Mean /= float64(res.N)
	yd, xd := panelDemean(y), panelDemean(x)
	var sxx, sxy float64
	for i := range xd {
		for t := range xd[i] {
			sxx += xd[i][t] * xd[i][t]
			sxy += xd[i][t] * yd[i][t]
		}
	}
	if sxx < 1e-12 {
		return res, errors.New("panel: the shocks do not vary within units and periods: no effect can be told from the fixed effects")
	}
	res.Coef = sxy / sxx
	res.SE = panelClusterSE(yd, xd, res.Coef, sxx, g+T)
	tdist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(g - 1)}
	q := tdist.Quantile(1 - (1-level)/2)
	res.Low, res.High = res.Coef-q*res.SE, res.Coef+q*res.SE
	res.P = 2 * tdist.CDF(-math.Abs(res.Coef/res.SE))
	return res, nil
}

// panelAlign checks the panel and pairs each outcome with the shock lag
// periods before it: both cut to the periods where the pair exists.
func panelAlign(outcome, shock [][]float64, lag int) (y, x [][]float64, err error) {
	if len(outcome) < 2 {
		return nil, nil, fmt.Errorf("panel: %d units: need at least 2 to cluster by unit", len(outcome))
	}
	if len(shock) != len(outcome) {
		return nil, nil, fmt.Errorf("panel: %d units of outcomes, %d of shocks", len(outcome), len(shock))
	}
	n := len(outcome[0])
	for i := range outcome {
		if len(outcome[i]) != n || len(shock[i]) != n {
			return nil, nil, fmt.Errorf("panel: unit %d has %d outcome and %d shock periods, unit 0 %d: the panel must be balanced", i, len(outcome[i]), len(shock[i]), n)
		}
	}
	a := max(lag, -lag)
	if n-a < 3 {
		return nil, nil, fmt.Errorf("panel: %d periods for a lag of %d: need at least %d", n, lag, a+3)
	}
	y, x = make([][]float64, len(outcome)), make([][]float64, len(outcome))
	for i := range outcome {
		if lag >= 0 {
			y[i], x[i] = outcome[i][lag:], shock[i][:n-lag]
		} else {
			y[i], x[i] = outcome[i][:n-a], shock[i][a:]
		}
	}
	return y, x, nil
}

// panelDemean removes unit and period means (the two-way within
// transformation, exact for a balanced panel): z − z̄_i − z̄_t + z̄.
func panelDemean(z [][]float64) [][]float64 {
	g, T := len(z), len(z[0])
	unit, period, all := make([]float64, g), make([]float64, T), 0.0
	for i := range z {
		for t, v := range z[i] {
			unit[i] += v / float64(T)
			period[t] += v / float64(g)
			all += v / float64(g*T)
		}
	}
	out := make([][]float64, g)
	for i := range z {
		out[i] = make([]float64, T)
		for t, v := range z[i] {
			out[i][t] = v - unit[i] - period[t] + all
		}
	}
	return out
}

// panelClusterSE is the Liang–Zeger standard error of the slope, its
// residuals' scores summed within each unit, scaled by G/(G−1)·(N−1)/(N−K)
// with K the slope and the fixed effects (g+T−1 of them, here fe).
func panelClusterSE(yd, xd [][]float64, b, sxx float64, fe int) float64 {
	g, n := len(yd), len(yd)*len(yd[0])
	var meat float64
	for i := range yd {
		var s float64
		for t := range yd[i] {
			s += xd[i][t] * (yd[i][t] - b*xd[i][t])
		}
		meat += s * s
	}
	k := fe // the slope plus g+T−1 fixed effects
	adj := float64(g) / float64(g-1) * float64(n-1) / float64(max(n-k, 1))
	return math.Sqrt(adj*meat) / sxx
}
