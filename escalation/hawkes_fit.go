package escalation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distuv"
)

// HawkesOptions configures FitHawkes. The zero value fits the linear
// model with 95% intervals.
type HawkesOptions struct {
	Link  HawkesLink
	Names []string // process names for reports; default "0", "1", …
	// Level of the intervals; default 0.95.
	Level float64
	// Decays are the starting decays tried per target (per day), the
	// likelihood's only non-concave direction: for a fixed β the linear
	// model's log-likelihood is concave in μ and α. Default 0.01, 0.03,
	// 0.1, 0.3, 1, 3, 10: responses from months to hours.
	Decays []float64
	// Starts is how many of the best starting decays the optimizer is
	// run from, per target; the best optimum is kept. Default 1. (The
	// softplus model starts from the linear fit, which uses them.)
	Starts int
	// MaxIterations bounds each optimizer run; default 1000.
	MaxIterations int
	// Context stops the fit at the optimizer's next evaluation when it
	// is done, and FitHawkes returns its error; nil is never.
	Context context.Context
}

func (o HawkesOptions) withDefaults() HawkesOptions {
	if o.Level <= 0 || o.Level >= 1 {
		o.Level = 0.95
	}
	if len(o.Decays) == 0 {
		o.Decays = []float64{0.01, 0.03, 0.1, 0.3, 1, 3, 10}
	}
	o.Starts = max(1, min(o.Starts, len(o.Decays)))
	if o.MaxIterations <= 0 {
		o.MaxIterations = 1000
	}
	return o
}

// HawkesEstimate is the name Estimate had in the Hawkes model, kept for
// callers written before the two models shared it.
//
// Deprecated: use Estimate.
type HawkesEstimate = Estimate

// HawkesKS is the time-rescaling test of one process: under the model
// the compensator's increments between the process's events are
// independent Exp(1), which a Kolmogorov–Smirnov test checks.
type HawkesKS struct {
	N    int     // events (increments tested)
	Stat float64 // KS statistic: largest distance between the increments' CDF and Exp(1)'s
	P    float64 // p-value; small rejects the model for this process
}

// HawkesFit is a fitted Hawkes model. Intervals come from the observed
// information, inverted — the analytic Hessian of the log-likelihood for
// the linear model, central differences of its analytic gradient for the
// softplus one — in the parameters' own scale: each is estimate ± z·SE,
// cut at zero for a parameter that must be positive. The information is block
// diagonal (one block per target), so a target's estimates are
// correlated only among themselves.
type HawkesFit struct {
	Link  HawkesLink
	Names []string
	Mu    []Estimate   // see HawkesParams
	Alpha [][]Estimate // Alpha[i][j]: effect of one event of j on i
	Beta  []Estimate   // decay of the effects on i, per day (1/β: mean lag in days)
	// BaseRate is each process's rate with no recent events, per day:
	// μ for HawkesLinear, softplus(μ) for HawkesSoftplus.
	BaseRate []Estimate
	// Branching is the spectral radius of Alpha (of its positive part for
	// HawkesSoftplus): the expected number of events one event sets off,
	// directly and down its chain; below 1 the process is stationary.
	// Its interval is by the delta method.
	Branching Estimate
	GOF       []HawkesKS // per process, under the fitted model
	LogLik    float64
	Events    []int   // per process
	T         float64 // the window [0, T], days
	Level     float64
	// Converged is false for a target whose optimizer stopped on its
	// iteration limit or far from a stationary point.
	Converged []bool
	Notes     []string // what the estimates cannot be trusted for

	data *hawkesData
	est  []hawkesBlock
}

// hawkesBlock is one target's fit: its parameters (μ, α…, β) and their
// covariance, with the Cholesky factor used to draw from it.
type hawkesBlock struct {
	p         []float64
	ll        float64
	converged bool
	chol      *mat.TriDense // lower factor of the covariance; nil if not identified
	se        []float64
	note      string
}

// Params are the point estimates.
func (f *HawkesFit) Params() HawkesParams {
	blocks := make([][]float64, len(f.est))
	for i, b := range f.est {
		blocks[i] = b.p
	}
	return hawkesParamsFrom(f.Link, blocks)
}

// FitHawkes fits a Hawkes model by maximum likelihood to the event times
// of D processes on the window [0, T] (days; see HawkesTimes for
// day-resolution data). Each target's parameters are found in
// coordinates that keep them valid (logarithms of what must be
// positive), by Newton's method on the analytic Hessian for the linear
// model and by LBFGS on the analytic gradient for the softplus one, from
// the best of a grid of decays; the softplus model starts from the linear
// fit. Every process needs events.
func FitHawkes(times [][]float64, T float64, opt HawkesOptions) (*HawkesFit, error) {
	if err := cancelled(opt.Context, 0); err != nil {
		return nil, err
	}
	d, err := newHawkesData(times, T)
	if err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	names, err := hawkesNames(opt.Names, d.dim())
	if err != nil {
		return nil, err
	}
	for i, n := range d.n {
		if n == 0 {
			return nil, fmt.Errorf("hawkes: process %s has no events in the window", names[i])
		}
	}
	var start []hawkesBlock
	if opt.Link == HawkesSoftplus {
		lin := opt
		lin.Link = HawkesLinear
		if start, err = fitHawkesBlocks(d, lin, nil); err != nil {
			return nil, err
		}
	}
	est, err := fitHawkesBlocks(d, opt, start)
	if err != nil {
		return nil, err
	}
	return newHawkesFit(d, opt, names, est)
}

func hawkesNames(names []string, n int) ([]string, error) {
	if len(names) == 0 {
		out := make([]string, n)
		for i := range out {
			out[i] = strconv.Itoa(i)
		}
		return out, nil
	}
	if len(names) != n {
		return nil, fmt.Errorf("hawkes: %d names for %d processes", len(names), n)
	}
	return slices.Clone(names), nil
}

// fitHawkesBlocks fits every target, in parallel: the log-likelihood is a
// sum of independent per-target terms. start, when given, holds the
// linear fit the softplus model starts from.
func fitHawkesBlocks(d *hawkesData, opt HawkesOptions, start []hawkesBlock) ([]hawkesBlock, error) {
	D := d.dim()
	est := make([]hawkesBlock, D)
	errs := make([]error, D)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(D, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				var s []float64
				if start != nil {
					s = start[i].p
				}
				est[i], errs[i] = fitHawkesTarget(d, i, opt, s)
			}
		})
	}
	for i := range D {
		if cancelled(opt.Context, 0) != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := cancelled(opt.Context, 0); err != nil {
		return nil, err
	}
	return est, errors.Join(errs...)
}

// fitHawkesTarget fits target i's block and its covariance.
func fitHawkesTarget(d *hawkesData, i int, opt HawkesOptions, linear []float64) (hawkesBlock, error) {
	h := newHawkesTarget(d, i, opt.Link)
	var starts [][]float64
	if linear != nil {
		starts = [][]float64{softplusStart(linear)}
	} else {
		starts = linearStarts(h, opt)
	}
	var best hawkesBlock
	best.ll = math.Inf(-1)
	for _, p0 := range starts {
		p, ll, ok := maximizeHawkesTarget(h, p0, opt)
		if err := cancelled(opt.Context, 0); err != nil {
			return best, err
		}
		if ll > best.ll {
			best = hawkesBlock{p: p, ll: ll, converged: ok}
		}
	}
	if math.IsInf(best.ll, -1) || math.IsNaN(best.ll) {
		return best, fmt.Errorf("hawkes: target %d: no start gives a finite likelihood", i)
	}
	best.covariance(h)
	return best, nil
}

// linearStarts are the opt.Starts best of the grid of decays, each with a
// baseline that explains half the target's events and effects that
// explain the other half, shared equally among the sources.
func linearStarts(h *hawkesTarget, opt HawkesOptions) [][]float64 {
	d, D := h.d, h.d.dim()
	ni := float64(d.n[h.i])
	type cand struct {
		p  []float64
		ll float64
	}
	var cs []cand
	for _, beta := range opt.Decays {
		p := make([]float64, D+2)
		p[0] = 0.5 * ni / d.T
		for j := range D {
			p[1+j] = min(0.5, 0.5*ni/(float64(D)*max(1, float64(d.n[j]))))
		}
		p[D+1] = beta
		cs = append(cs, cand{p, h.eval(p, nil, nil)})
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		switch {
		case a.ll > b.ll || math.IsNaN(b.ll):
			return -1
		case a.ll < b.ll:
			return 1
		}
		return 0
	})
	out := make([][]float64, opt.Starts)
	for k := range out {
		out[k] = cs[k].p
	}
	return out
}

// softplusStart reads a linear fit as a softplus start: the same
// effects and decay, the baseline moved to the predictor's scale.
func softplusStart(lin []float64) []float64 {
	p := slices.Clone(lin)
	p[0] = softplusInv(math.Max(lin[0], 1e-6))
	return p
}

// hawkesWarp maps a target's block to the optimizer's coordinates and
// back: logarithms for what must be positive (everything in the linear
// model, the decay in the softplus one).
type hawkesWarp struct{ logged []bool }

func newHawkesWarp(link HawkesLink, n int) hawkesWarp {
	w := hawkesWarp{logged: make([]bool, n)}
	for k := range w.logged {
		w.logged[k] = link == HawkesLinear || k == n-1
	}
	return w
}

// hawkesWarpLimit bounds the optimizer's coordinates: beyond it a rate or
// decay is absurd (e^±40) and the objective is +Inf, which the line
// search backs away from.
const hawkesWarpLimit = 40

func (w hawkesWarp) toParams(theta, p []float64) bool {
	for k, th := range theta {
		if math.Abs(th) > hawkesWarpLimit || math.IsNaN(th) {
			return false
		}
		p[k] = th
		if w.logged[k] {
			p[k] = math.Exp(th)
		}
	}
	return true
}

func (w hawkesWarp) toTheta(p []float64) []float64 {
	theta := slices.Clone(p)
	for k := range theta {
		if w.logged[k] {
			theta[k] = math.Log(math.Max(p[k], 1e-12))
		}
	}
	return theta
}

// maximizeHawkesTarget minimises −ℓ_i/N_i (per event, so that one
// gradient threshold fits every size of data) from p0, in the warped
// coordinates. The linear model has an analytic Hessian and goes by
// Newton's method (gonum's, which adds a multiple of the identity where
// the Hessian is not positive definite): LBFGS needs 100–300 evaluations
// per target on the D = 10 benchmark, where the curvature changes much
// between start and optimum, Newton about a tenth. The softplus model goes
// by LBFGS. It reports the estimate, its log-likelihood and whether the
// optimizer stopped at a stationary point; a done opt.Context stops it
// at its next evaluation.
func maximizeHawkesTarget(h *hawkesTarget, p0 []float64, opt HawkesOptions) ([]float64, float64, bool) {
	o := newHawkesObjective(h)
	prob := optimize.Problem{
		Func: func(theta []float64) float64 { o.at(theta); return o.f },
		Grad: func(grad, theta []float64) { o.at(theta); copy(grad, o.g) },
	}
	var method optimize.Method = &optimize.LBFGS{}
	if h.link == HawkesLinear {
		prob.Hess = func(hess *mat.SymDense, theta []float64) { o.at(theta); hess.CopySym(o.hess) }
		method = &optimize.Newton{}
	}
	settings := &optimize.Settings{GradientThreshold: 1e-7, MajorIterations: opt.MaxIterations}
	if opt.Context != nil {
		settings.Recorder = contextRecorder{opt.Context}
	}
	res, err := optimize.Minimize(prob, o.w.toTheta(p0), settings, method)
	if res == nil {
		return p0, math.Inf(-1), false
	}
	o.at(res.X)
	// A line search that can no longer improve near the optimum is the
	// usual way a run ends on noisy sums; it is converged if the gradient
	// is small for the sample size (far below a standard error).
	gmax := 0.0
	for _, v := range o.g {
		gmax = math.Max(gmax, math.Abs(v))
	}
	ok := err == nil && res.Status == optimize.GradientThreshold || gmax < 1e-4
	return slices.Clone(o.p), -o.f / o.scale, ok
}

// contextRecorder stops an optimizer run when its context is done: the
// optimizer ends a run on a recorder's error. It looks at every
// evaluation, each a pass over the events, so the look costs nothing.
type contextRecorder struct{ ctx context.Context }

func (r contextRecorder) Init() error { return nil }

func (r contextRecorder) Record(*optimize.Location, optimize.Operation, *optimize.Stats) error {
	return r.ctx.Err()
}

// hawkesObjective is −ℓ_i/N_i in warped coordinates θ, with its gradient
// and (linear model) Hessian, computed once per point: the optimizer asks
// for them separately at the same θ.
type hawkesObjective struct {
	h      *hawkesTarget
	w      hawkesWarp
	scale  float64
	theta  []float64
	p, gp  []float64 // parameters, and the log-likelihood's gradient in them
	hp     []float64 // its Hessian in them (linear model)
	f      float64
	g      []float64
	hess   *mat.SymDense
	filled bool
}

func newHawkesObjective(h *hawkesTarget) *hawkesObjective {
	n := h.d.dim() + 2
	o := &hawkesObjective{h: h, w: newHawkesWarp(h.link, n), scale: 1 / float64(max(1, h.d.n[h.i])),
		p: make([]float64, n), gp: make([]float64, n), g: make([]float64, n)}
	if h.link == HawkesLinear {
		o.hp, o.hess = make([]float64, n*n), mat.NewSymDense(n, nil)
	}
	return o
}

func (o *hawkesObjective) at(theta []float64) {
	if o.filled && slices.Equal(theta, o.theta) {
		return
	}
	o.theta, o.filled = append(o.theta[:0], theta...), true
	if !o.w.toParams(theta, o.p) {
		o.f = math.Inf(1)
		clear(o.g)
		if o.hess != nil {
			o.hess.Zero()
		}
		return
	}
	var ll float64
	if o.hess != nil {
		ll = o.h.linear(o.p, o.gp, o.hp, nil)
	} else {
		ll = o.h.eval(o.p, o.gp, nil)
	}
	o.f = -ll * o.scale
	if math.IsNaN(o.f) {
		o.f = math.Inf(1)
	}
	// Chain rule through p_k = e^{θ_k} where logged: ∂/∂θ_k = p_k ∂/∂p_k,
	// ∂²/∂θ_k∂θ_l = p_k p_l ∂²/∂p_k∂p_l + [k = l] p_k ∂/∂p_k.
	n := len(o.p)
	dp := func(k int) float64 {
		if o.w.logged[k] {
			return o.p[k]
		}
		return 1
	}
	for k := range n {
		o.g[k] = -o.gp[k] * dp(k) * o.scale
	}
	if o.hess == nil {
		return
	}
	for k := range n {
		for l := k; l < n; l++ {
			v := o.hp[k*n+l] * dp(k) * dp(l)
			if k == l && o.w.logged[k] {
				v += o.gp[k] * o.p[k]
			}
			o.hess.SetSym(k, l, -v*o.scale)
		}
	}
}

// covariance fills the block's covariance from the observed information,
// in the parameters' own scale, so an effect at zero still has an
// interval: the analytic Hessian for the linear model; for the HawkesSoftplus
// one, central differences of the analytic gradient (forward ones where a
// step back would leave the valid region).
func (b *hawkesBlock) covariance(h *hawkesTarget) {
	n := len(b.p)
	info := mat.NewSymDense(n, nil)
	if h.link == HawkesLinear {
		hess, g := make([]float64, n*n), make([]float64, n)
		h.linear(b.p, g, hess, nil)
		for k := range n {
			for l := k; l < n; l++ {
				info.SetSym(k, l, -hess[k*n+l])
			}
		}
	} else {
		numericalInformation(h, b.p, info)
	}
	b.se = make([]float64, n)
	fail := func(note string) {
		b.note = note
		for k := range b.se {
			b.se[k] = math.NaN()
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(info) {
		fail("the observed information is singular: no intervals (a process the others never excite has no identified decay)")
		return
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		fail("the observed information cannot be inverted: no intervals")
		return
	}
	for k := range n {
		b.se[k] = math.Sqrt(cov.At(k, k))
	}
	var cc mat.Cholesky
	if cc.Factorize(&cov) {
		b.chol = mat.NewTriDense(n, mat.Lower, nil)
		cc.LTo(b.chol)
	}
}

// numericalInformation sets info to minus the Hessian of the target's
// log-likelihood at p, by differences of its analytic gradient.
func numericalInformation(h *hawkesTarget, p []float64, info *mat.SymDense) {
	n := len(p)
	w := newHawkesWarp(h.link, n)
	gp, gm, q := make([]float64, n), make([]float64, n), make([]float64, n)
	for l := range n {
		step := 1e-5 * math.Max(math.Abs(p[l]), 1e-2)
		copy(q, p)
		q[l] += step
		h.eval(q, gp, nil)
		copy(q, p)
		lo, width := p[l]-step, 2*step
		if w.logged[l] && lo <= 0 {
			lo, width = p[l], step
		}
		q[l] = lo
		h.eval(q, gm, nil)
		for k := range n {
			v := -(gp[k] - gm[k]) / width
			switch {
			case k == l:
				info.SetSym(k, k, v)
			case k > l: // (k, l) not set yet: half now, half from column k
				info.SetSym(k, l, v/2)
			default:
				info.SetSym(k, l, info.At(k, l)+v/2)
			}
		}
	}
}

func newHawkesFit(d *hawkesData, opt HawkesOptions, names []string, est []hawkesBlock) (*HawkesFit, error) {
	D := d.dim()
	z := distuv.UnitNormal.Quantile(0.5 + opt.Level/2)
	f := &HawkesFit{
		Link: opt.Link, Names: names, Events: slices.Clone(d.n), T: d.T, Level: opt.Level,
		Mu: make([]Estimate, D), Alpha: make([][]Estimate, D), Beta: make([]Estimate, D),
		BaseRate: make([]Estimate, D), Converged: make([]bool, D), data: d, est: est,
	}
	positive := func(k int) bool { return opt.Link == HawkesLinear || k == D+1 }
	interval := func(b hawkesBlock, k int) Estimate {
		e := Estimate{Est: b.p[k], SE: b.se[k], Lo: b.p[k] - z*b.se[k], Hi: b.p[k] + z*b.se[k]}
		if positive(k) {
			e.Lo = math.Max(0, e.Lo)
		}
		return e
	}
	for i, b := range est {
		f.LogLik += b.ll
		f.Converged[i] = b.converged
		f.Mu[i], f.Beta[i] = interval(b, 0), interval(b, D+1)
		f.Alpha[i] = make([]Estimate, D)
		for j := range D {
			f.Alpha[i][j] = interval(b, 1+j)
		}
		f.BaseRate[i] = f.Mu[i]
		if opt.Link == HawkesSoftplus {
			m := f.Mu[i]
			f.BaseRate[i] = Estimate{Est: softplus(m.Est), SE: sigmoid(m.Est) * m.SE, Lo: softplus(m.Lo), Hi: softplus(m.Hi)}
		}
		if b.note != "" {
			f.Notes = append(f.Notes, fmt.Sprintf("target %s: %s", names[i], b.note))
		}
		if !b.converged {
			f.Notes = append(f.Notes, fmt.Sprintf("target %s: the optimizer did not converge", names[i]))
		}
		if lag := 1 / b.p[D+1]; lag > d.T/10 {
			f.Notes = append(f.Notes, fmt.Sprintf("target %s: its effects last %.0f days on average, long against the %.0f-day window: they may stand for a trend in its baseline (a change of coverage, a new phase of the conflict) rather than for responses", names[i], lag, d.T))
		}
	}
	var err error
	if f.Branching, err = branching(est, D, z); err != nil {
		return nil, err
	}
	if f.GOF, err = hawkesGOF(d, f.Params()); err != nil {
		return nil, err
	}
	return f, nil
}

// branching is the spectral radius of the effects' positive part, with
// a delta-method interval: its gradient by central differences (robust
// where the Perron root is not simple), against the block covariances.
func branching(est []hawkesBlock, D int, z float64) (Estimate, error) {
	A := mat.NewDense(D, D, nil)
	for i, b := range est {
		for j := range D {
			A.Set(i, j, math.Max(0, b.p[1+j]))
		}
	}
	rho, err := spectralRadius(A)
	if err != nil {
		return Estimate{}, err
	}
	var v float64
	for i, b := range est {
		if b.chol == nil {
			v = math.NaN()
			break
		}
		g := make([]float64, D+2)
		for j := range D {
			a := A.At(i, j)
			h := 1e-6 * math.Max(a, 1e-3)
			A.Set(i, j, a+h)
			up, _ := spectralRadius(A)
			A.Set(i, j, math.Max(0, a-h))
			down, _ := spectralRadius(A)
			A.Set(i, j, a)
			g[1+j] = (up - down) / (a + h - math.Max(0, a-h))
		}
		// g' Σ g with Σ = L L': the squared norm of L' g.
		var lg mat.VecDense
		lg.MulVec(b.chol.T(), mat.NewVecDense(D+2, g))
		v += mat.Dot(&lg, &lg)
	}
	se := math.Sqrt(v)
	return Estimate{Est: rho, SE: se, Lo: math.Max(0, rho-z*se), Hi: rho + z*se}, nil
}

func spectralRadius(A *mat.Dense) (float64, error) {
	var eig mat.Eigen
	if !eig.Factorize(A, mat.EigenNone) {
		return 0, errors.New("hawkes: the eigenvalues of the effects do not converge")
	}
	var r float64
	for _, v := range eig.Values(nil) {
		r = math.Max(r, math.Hypot(real(v), imag(v)))
	}
	return r, nil
}

func errDims(data, params int) error {
	return fmt.Errorf("hawkes: %d processes of events for parameters of %d", data, params)
}
