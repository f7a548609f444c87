package escalation

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distuv"
)

// The negative-binomial autoregression of monthly counts y_t:
//
//	y_t | past ~ NB(μ_t, α),  Var = μ_t + α μ_t²,
//	log μ_t = a + b log(1 + y_{t−1}) + Σ_k γ_k,s sin(2πk m_t/12) + γ_k,c cos(2πk m_t/12),
//
// m_t the calendar month of y_t. b is the elasticity of this month's mean
// in one plus last month's count: 0 is no memory, 1 a mean proportional
// to last month's. The seasonal terms are harmonics of the calendar
// month rather than twelve month dummies, which a few years of a
// province's counts could not carry. α is the overdispersion (0 is the
// Poisson). It is fitted by maximum likelihood conditional on the first
// month, which serves only as the first lag, with b kept inside the
// stationary region |b| < 1 (see maximize).

// NegBinAROptions configures FitNegBinAR. The zero value fits the lag and
// one seasonal harmonic with 95% intervals.
type NegBinAROptions struct {
	// Harmonics is the number of sine–cosine pairs of the calendar month
	// in the mean: 0 gives 1, a negative value none.
	Harmonics int
	// NoLag leaves out the autoregressive term b log(1 + y_{t−1}).
	NoLag bool
	// Level of the intervals; default 0.95.
	Level float64
	// MaxIterations bounds the optimizer; default 500.
	MaxIterations int
}

func (o NegBinAROptions) withDefaults() NegBinAROptions {
	switch {
	case o.Harmonics == 0:
		o.Harmonics = 1
	case o.Harmonics < 0:
		o.Harmonics = 0
	}
	if o.Level <= 0 || o.Level >= 1 {
		o.Level = 0.95
	}
	if o.MaxIterations <= 0 {
		o.MaxIterations = 500
	}
	return o
}

// NegBinEstimate is the name Estimate had in the negative-binomial
// autoregression.
//
// Deprecated: use Estimate.
type NegBinEstimate = Estimate

// NegBinARFit is a fitted negative-binomial autoregression. Intervals are
// Wald intervals from the observed information; the dispersion's is
// taken on its logarithm, so it stays positive.
type NegBinARFit struct {
	Intercept Estimate // a
	// Lag is b, the elasticity of the mean in 1 + last month's count,
	// inside (−1, 1); zero with NaN bounds when fitted with NoLag. An
	// estimate at the edge (0.999…) says the data would take b ≥ 1: its
	// interval, of the unconstrained likelihood's curvature there, is
	// only a guide.
	Lag Estimate
	// Seasonal are the harmonics' coefficients: sine then cosine of the
	// first harmonic (period 12 months), then of the second…
	Seasonal []Estimate
	// Dispersion is α: the variance is μ + αμ². Near 0 the counts are
	// Poisson given the past.
	Dispersion Estimate
	LogLik     float64
	// Months is the number of months whose counts were fitted (the
	// first month of the series, a lag only, excluded); Events their
	// total.
	Months    int
	Events    float64
	Level     float64
	Converged bool

	harmonics int
	lag       bool
	beta      []float64 // a, b (if lag), γ…
	alpha     float64
}

// FitNegBinAR fits the model to the consecutive monthly counts y, the
// first of calendar month first. It needs more months than parameters
// and at least one event; an all-zero series has no finite estimate (its
// mean's maximum is e^−∞).
func FitNegBinAR(y []float64, first time.Month, opt NegBinAROptions) (*NegBinARFit, error) {
	opt = opt.withDefaults()
	m := newNegBinModel(y, first, opt)
	k := len(m.x[0]) + 1
	if m.n <= k {
		return nil, fmt.Errorf("negbin autoregression: %d months for %d parameters", m.n+1, k)
	}
	var events float64
	for t, v := range y {
		if v < 0 || v != math.Trunc(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("negbin autoregression: month %d has %g, not a count", t, v)
		}
		if t > 0 {
			events += v
		}
	}
	if events == 0 {
		return nil, errors.New("negbin autoregression: no events in the months fitted")
	}
	theta, ll, ok, err := m.maximize(opt.MaxIterations)
	if err != nil {
		return nil, err
	}
	f := &NegBinARFit{LogLik: ll, Months: m.n, Events: events, Level: opt.Level, Converged: ok,
		harmonics: opt.Harmonics, lag: !opt.NoLag, beta: slices.Clone(theta[:k-1]), alpha: math.Exp(theta[k-1])}
	f.setEstimates(theta, m.standardErrors(theta))
	return f, nil
}

// setEstimates fills the estimates and their Wald intervals from θ =
// (a, b, γ…, log α) and their standard errors.
func (f *NegBinARFit) setEstimates(theta, se []float64) {
	z := distuv.UnitNormal.Quantile(0.5 + f.Level/2)
	est := func(i int) Estimate {
		return Estimate{Est: theta[i], SE: se[i], Lo: theta[i] - z*se[i], Hi: theta[i] + z*se[i]}
	}
	k := len(theta)
	f.Intercept = est(0)
	i := 1
	f.Lag = Estimate{SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if f.lag {
		f.Lag, i = est(1), 2
	}
	for ; i < k-1; i++ {
		f.Seasonal = append(f.Seasonal, est(i))
	}
	d := est(k - 1)
	f.Dispersion = Estimate{Est: math.Exp(d.Est), SE: math.Exp(d.Est) * d.SE, Lo: math.Exp(d.Lo), Hi: math.Exp(d.Hi)}
}

// negBinModel is the data of a fit: the design rows x_t and counts y_t
// of the months fitted.
type negBinModel struct {
	x   [][]float64
	y   []float64
	n   int
	lag bool // x[t][1] is the lag term
}

func newNegBinModel(y []float64, first time.Month, opt NegBinAROptions) *negBinModel {
	m := &negBinModel{lag: !opt.NoLag}
	for t := 1; t < len(y); t++ {
		m.x = append(m.x, negBinRow(y[t-1], negBinMonth(first, t), opt.Harmonics, !opt.NoLag))
		m.y = append(m.y, y[t])
	}
	if len(m.x) == 0 {
		m.x = [][]float64{negBinRow(0, first, opt.Harmonics, !opt.NoLag)}
		m.y = []float64{0}
		m.n = 0
		return m
	}
	m.n = len(m.y)
	return m
}

// negBinMonth is the calendar month t months after first.
func negBinMonth(first time.Month, t int) time.Month {
	return time.Month((int(first)-1+t)%12 + 1)
}

// negBinRow is the design row of a month of calendar month mo after a
// month of count last.
func negBinRow(last float64, mo time.Month, harmonics int, lag bool) []float64 {
	row := []float64{1}
	if lag {
		row = append(row, math.Log1p(last))
	}
	for k := 1; k <= harmonics; k++ {
		w := 2 * math.Pi * float64(k) * float64(mo) / 12
		row = append(row, math.Sin(w), math.Cos(w))
	}
	return row
}

// negBinLimit bounds the optimizer's log-dispersion: beyond e^±25 the
// counts are Poisson or the model absurd, and the objective is +Inf.
const negBinLimit = 25

// eval is −ℓ/n at θ = (β…, log α) and, when grad is not nil, its
// gradient.
func (m *negBinModel) eval(theta, grad []float64) float64 {
	k := len(theta) - 1
	if grad != nil {
		clear(grad)
	}
	if math.Abs(theta[k]) > negBinLimit || math.IsNaN(theta[k]) {
		return math.Inf(1)
	}
	alpha := math.Exp(theta[k])
	r := 1 / alpha
	var ll float64
	for t, x := range m.x {
		var eta float64
		for j, v := range x {
			eta += theta[j] * v
		}
		if eta > 30 || math.IsNaN(eta) {
			return math.Inf(1)
		}
		mu, y := math.Exp(eta), m.y[t]
		l1p := math.Log1p(alpha * mu) // log((r+μ)/r)
		lg, dg := negBinGammaRatio(y, r)
		ll += lg - r*l1p + y*(eta+theta[k]-l1p)
		if grad == nil {
			continue
		}
		dEta := (y - mu) / (1 + alpha*mu)
		for j, v := range x {
			grad[j] -= dEta * v
		}
		// ∂ℓ/∂log α = −r ∂ℓ/∂r
		grad[k] += r * (dg - l1p + (mu-y)/(r+mu))
	}
	if m.n == 0 {
		return 0
	}
	nf := float64(m.n)
	for j := range grad {
		grad[j] /= nf
	}
	return -ll / nf
}

// negBinGammaRatio is log Γ(y+r) − log Γ(r) − log Γ(y+1) and ψ(y+r) −
// ψ(r), by their finite sums for small counts, which keep their
// precision where r is huge (the Poisson limit) and the differences of
// Γ and ψ cancel.
func negBinGammaRatio(y, r float64) (lg, dg float64) {
	if y <= 100 {
		for j := 0.0; j < y; j++ {
			lg += math.Log((r + j) / (j + 1))
			dg += 1 / (r + j)
		}
		return lg, dg
	}
	a, _ := math.Lgamma(y + r)
	b, _ := math.Lgamma(r)
	c, _ := math.Lgamma(y + 1)
	return a - b - c, mathext.Digamma(y+r) - mathext.Digamma(r)
}

// start is the fit's starting point: the mean of the counts, no lag or
// season, and the moment estimate of the dispersion.
func (m *negBinModel) start() []float64 {
	k := len(m.x[0])
	theta := make([]float64, k+1)
	var sum, sum2 float64
	for _, y := range m.y {
		sum += y
		sum2 += y * y
	}
	n := float64(m.n)
	mean := sum / n
	v := sum2/n - mean*mean
	theta[0] = math.Log(mean)
	theta[k] = math.Log(min(max((v-mean)/(mean*mean), 0.01), 100))
	return theta
}

// maximize finds the maximum likelihood by BFGS from the start and
// reports θ, ℓ and whether it stopped at a stationary point. The lag
// is searched as b = tanh(φ), which keeps it inside the region |b| < 1
// where the autoregression is stationary (Fokianos and Tjøstheim 2011,
// "Log-linear Poisson autoregression", J. Multivariate Analysis 102).
// Unbounded, a province with events in two months can give b = 4 — a
// month of five events then forecasts ninety — the likelihood's best
// guess from two points, not a forecast; a surging series gives b a
// little above 1, and b near 1 forecasts it as well.
func (m *negBinModel) maximize(maxIter int) (theta []float64, ll float64, ok bool, err error) {
	toTheta := func(psi, theta []float64) {
		copy(theta, psi)
		if m.lag {
			theta[1] = math.Tanh(psi[1])
		}
	}
	theta = make([]float64, len(m.x[0])+1)
	prob := optimize.Problem{
		Func: func(psi []float64) float64 { toTheta(psi, theta); return m.eval(theta, nil) },
		Grad: func(g, psi []float64) {
			toTheta(psi, theta)
			m.eval(theta, g)
			if m.lag {
				g[1] *= 1 - theta[1]*theta[1]
			}
		},
	}
	settings := &optimize.Settings{GradientThreshold: 1e-8, MajorIterations: maxIter}
	res, err := optimize.Minimize(prob, m.start(), settings, &optimize.BFGS{})
	if res == nil {
		return nil, 0, false, fmt.Errorf("negbin autoregression: %w", err)
	}
	g := make([]float64, len(res.X))
	prob.Grad(g, res.X)
	toTheta(res.X, theta)
	f := m.eval(theta, nil)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, 0, false, errors.New("negbin autoregression: no finite likelihood")
	}
	gmax := 0.0
	for _, v := range g {
		gmax = math.Max(gmax, math.Abs(v))
	}
	// A line search that can no longer improve near the optimum ends most
	// runs on sums of many terms; a small gradient per month is converged.
	ok = err == nil && res.Status == optimize.GradientThreshold || gmax < 1e-5
	return theta, -f * float64(m.n), ok, nil
}

// standardErrors are the square roots of the inverse observed
// information's diagonal, the information by central differences of the
// analytic gradient; NaN when it is singular.
func (m *negBinModel) standardErrors(theta []float64) []float64 {
	k := len(theta)
	d := mat.NewDense(k, k, nil)
	gp, gm := make([]float64, k), make([]float64, k)
	th := slices.Clone(theta)
	for j := range k {
		h := 1e-5 * max(1, math.Abs(theta[j]))
		th[j] = theta[j] + h
		m.eval(th, gp)
		th[j] = theta[j] - h
		m.eval(th, gm)
		th[j] = theta[j]
		for i := range k {
			d.Set(i, j, (gp[i]-gm[i])/(2*h))
		}
	}
	// The gradient is of −ℓ/n: the information is n times its
	// derivative, made symmetric.
	info := mat.NewSymDense(k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			info.SetSym(i, j, float64(m.n)*(d.At(i, j)+d.At(j, i))/2)
		}
	}
	se := make([]float64, k)
	var chol mat.Cholesky
	if !chol.Factorize(info) {
		for i := range se {
			se[i] = math.NaN()
		}
		return se
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		for i := range se {
			se[i] = math.NaN()
		}
		return se
	}
	for i := range se {
		se[i] = math.Sqrt(cov.At(i, i))
	}
	return se
}

// Mean is the model's mean count for a month of calendar month mo after
// a month of count last.
func (f *NegBinARFit) Mean(last float64, mo time.Month) float64 {
	var eta float64
	for j, v := range negBinRow(last, mo, f.harmonics, f.lag) {
		eta += f.beta[j] * v
	}
	return math.Exp(eta)
}

// Forecast is the pmf of the count of the month after a month of count
// last, next being its calendar month: the negative binomial of the
// fitted mean and dispersion. Parameter uncertainty is left out (a
// plug-in forecast).
func (f *NegBinARFit) Forecast(last float64, next time.Month) []float64 {
	return NegBinPMF(f.Mean(last, next), f.alpha)
}

// Simulate draws n paths of the h ≥ 1 months after a month of count
// last, next being the calendar month of the first, and returns each
// path's count of its h-th month. Beyond a month the forecast
// distribution is a mixture over the months between, whose exact sum
// costs the square of the pmfs' length — tens of thousands of counts
// for an overdispersed province — where a few hundred paths give its
// CRPS to a percent.
func (f *NegBinARFit) Simulate(last float64, next time.Month, h, n int, rng *rand.Rand) []float64 {
	out := make([]float64, n)
	for k := range out {
		y := last
		for step := range h {
			y = negBinDraw(rng, f.Mean(y, negBinMonth(next, step)), f.alpha)
		}
		out[k] = y
	}
	return out
}

// negBinDraw draws a negative binomial of mean mu and dispersion alpha,
// as a Poisson whose mean is gamma distributed.
func negBinDraw(rng *rand.Rand, mu, alpha float64) float64 {
	lam := mu
	if alpha > 1e-10 && mu > 0 {
		lam = distuv.Gamma{Alpha: 1 / alpha, Beta: 1 / (alpha * mu), Src: rng}.Rand()
	}
	if !(lam > 0) {
		return 0
	}
	return distuv.Poisson{Lambda: lam, Src: rng}.Rand()
}
