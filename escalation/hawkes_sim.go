package escalation

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// hawkesSimLimit bounds the events SimulateHawkes draws, so an explosive
// process (branching ratio above 1) fails instead of filling memory.
const hawkesSimLimit = 10_000_000

// SimulateHawkes draws events on [0, T] from p, starting from an empty
// history, by Ogata's (1981) thinning. It fails if the process explodes
// (more than ten million events).
func SimulateHawkes(p HawkesParams, T float64, rng *rand.Rand) ([][]float64, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	if !(T > 0) || math.IsInf(T, 0) {
		return nil, fmt.Errorf("hawkes simulation: window [0, %g] is empty", T)
	}
	times := make([][]float64, p.Dim())
	s := newHawkesSim(p)
	_, err := s.run(make([]float64, p.Dim()), 0, T, orSeed(rng, streamHawkes), hawkesSimLimit, func(t float64, i int) {
		times[i] = append(times[i], t)
	})
	return times, err
}

// hawkesSim simulates one parameter set. Its state is, per target i, the
// excitation C_i: λ_i = link(μ_i + C_i), C_i decays at β_i and jumps by
// α_ij β_i at an event of j.
type hawkesSim struct {
	p    HawkesParams
	jump [][]float64
	lam  []float64
	// ctx, when set, stops run every simCancelEvery candidate events.
	ctx context.Context
}

// simCancelEvery is how many candidate events a simulated path draws
// between looks at its context: a path of the observed period may hold
// as many events as the data.
const simCancelEvery = 4096

func newHawkesSim(p HawkesParams) *hawkesSim {
	s := &hawkesSim{p: p, jump: make([][]float64, p.Dim()), lam: make([]float64, p.Dim())}
	for i, row := range p.Alpha {
		s.jump[i] = make([]float64, len(row))
		for j, a := range row {
			s.jump[i][j] = a * p.Beta[i]
		}
	}
	return s
}

func (s *hawkesSim) rate(i int, c float64) float64 {
	if s.p.Link == HawkesSoftplus {
		return softplus(s.p.Mu[i] + c)
	}
	return s.p.Mu[i] + c
}

// run simulates (from, to] from the excitation c (changed in place),
// calling emit for each event, and returns how many there were. Thinning
// needs a bound on the total rate until the next event: the predictor
// μ_i + C_i moves monotonically toward μ_i between events, so the rate at
// μ_i + max(C_i, 0) bounds it, for excitation and inhibition alike.
func (s *hawkesSim) run(c []float64, from, to float64, rng *rand.Rand, maxEvents int, emit func(float64, int)) (int, error) {
	t, n := from, 0
	for k := 1; ; k++ {
		if k%simCancelEvery == 0 {
			if err := cancelled(s.ctx, 0); err != nil {
				return n, err
			}
		}
		var bound float64
		for i, ci := range c {
			bound += s.rate(i, math.Max(ci, 0))
		}
		if !(bound > 0) {
			return n, nil
		}
		w := rng.ExpFloat64() / bound
		t += w
		if t > to {
			return n, nil
		}
		var total float64
		for i := range c {
			c[i] *= math.Exp(-s.p.Beta[i] * w)
			s.lam[i] = s.rate(i, c[i])
			total += s.lam[i]
		}
		u := rng.Float64() * bound
		if u >= total {
			continue
		}
		k := 0
		for u >= s.lam[k] && k < len(c)-1 {
			u -= s.lam[k]
			k++
		}
		if emit != nil {
			emit(t, k)
		}
		if n++; n > maxEvents {
			return n, fmt.Errorf("hawkes simulation: more than %d events: the process explodes (its branching ratio is too high)", maxEvents)
		}
		for i := range c {
			c[i] += s.jump[i][k]
		}
	}
}

// history sets c to the excitation the events of d leave at d.T. Events
// more than 40 decay times old add less than e^-40 and are skipped.
func (s *hawkesSim) history(d *hawkesData, c []float64) {
	for i := range c {
		c[i] = 0
		beta := s.p.Beta[i]
		for k := len(d.t) - 1; k >= 0; k-- {
			x := beta * (d.T - d.t[k])
			if x > 40 {
				break
			}
			c[i] += s.jump[i][d.c[k]] * math.Exp(-x)
		}
	}
}

// HawkesSimOptions configures forecasts and counterfactuals. Each of
// Draws parameter sets is drawn from the estimates' normal approximation
// (truncated to valid values), and Paths paths are simulated from each;
// the spread between draws, less the simulation noise within them, is the
// parameters' uncertainty.
type HawkesSimOptions struct {
	// Horizon is the length in days of the window after the observed
	// period [0, T] to simulate, from the observed history.
	Horizon float64
	// Observed re-simulates the observed period [0, T] from an empty
	// history instead (Horizon is then ignored). It costs as many events
	// per path as the data have: lower Draws and Paths.
	Observed bool
	Draws    int  // parameter sets; default 100
	Paths    int  // paths per parameter set, at least 2; default 20
	Fixed    bool // no parameter uncertainty: every draw is the point estimate
	// Level of the intervals; default the fit's.
	Level float64
	// MaxEvents bounds one path; default 100 times the events the data's
	// average rate gives the window, plus 10,000. A path beyond it is an
	// error: the fitted process explodes.
	MaxEvents int
	Rand      *rand.Rand // nil: a fixed seed
	// Context stops the simulation between paths when it is done, and
	// Forecast and Counterfactual return its error; nil is never.
	Context context.Context
}

// HawkesCount summarises simulated counts of events of one process in a
// window (or a difference of counts).
type HawkesCount struct {
	Mean float64 // expected count, over draws and paths
	// MCError is the simulation's standard error of Mean.
	MCError float64
	// Lo and Hi bound the expected count: Mean ± z·√(parameter variance +
	// MCError²), the parameter variance being the variance between draws'
	// means less the within-draw noise (one-way random effects).
	Lo, Hi float64
	// PredLo and PredHi are the predictive interval of the count itself:
	// quantiles over all paths.
	PredLo, PredHi float64
}

// HawkesForecast is the distribution of event counts per process in a
// window.
type HawkesForecast struct {
	Names        []string
	From, To     float64 // the window, days on the fit's time axis
	Counts       []HawkesCount
	Draws, Paths int
	Level        float64
}

// HawkesCounterfactual compares the fitted model with the same model
// without one effect (α_target,source = 0), both simulated with the same
// random numbers so their difference is sharp.
type HawkesCounterfactual struct {
	Names          []string
	Target, Source int
	From, To       float64
	Factual        []HawkesCount
	Counterfactual []HawkesCount
	// Difference is factual minus counterfactual per process: the events
	// the effect adds (negative: prevents), directly and down the chain.
	Difference   []HawkesCount
	Draws, Paths int
	Level        float64
}

// Forecast simulates the counts per process in the window opt asks for.
func (f *HawkesFit) Forecast(opt HawkesSimOptions) (*HawkesForecast, error) {
	opt, from, to, err := f.simWindow(opt)
	if err != nil {
		return nil, err
	}
	fact, _, err := f.simulate(opt, from, to, -1, -1)
	if err != nil {
		return nil, err
	}
	return &HawkesForecast{Names: f.Names, From: from, To: to, Counts: hawkesCounts(fact, opt),
		Draws: opt.Draws, Paths: opt.Paths, Level: opt.Level}, nil
}

// Counterfactual sets the effect of source on target to zero and
// simulates both models over the window opt asks for.
func (f *HawkesFit) Counterfactual(target, source int, opt HawkesSimOptions) (*HawkesCounterfactual, error) {
	D := len(f.Names)
	if target < 0 || target >= D || source < 0 || source >= D {
		return nil, fmt.Errorf("hawkes counterfactual: no effect of %d on %d among %d processes", source, target, D)
	}
	opt, from, to, err := f.simWindow(opt)
	if err != nil {
		return nil, err
	}
	fact, cf, err := f.simulate(opt, from, to, target, source)
	if err != nil {
		return nil, err
	}
	diff := make([][][]float64, len(fact))
	for i := range fact {
		diff[i] = make([][]float64, len(fact[i]))
		for r := range fact[i] {
			diff[i][r] = make([]float64, len(fact[i][r]))
			for m := range fact[i][r] {
				diff[i][r][m] = fact[i][r][m] - cf[i][r][m]
			}
		}
	}
	c := &HawkesCounterfactual{Names: f.Names, Target: target, Source: source, From: from, To: to,
		Factual: hawkesCounts(fact, opt), Counterfactual: hawkesCounts(cf, opt),
		Difference: make([]HawkesCount, D), Draws: opt.Draws, Paths: opt.Paths, Level: opt.Level}
	for i := range c.Difference {
		c.Difference[i] = hawkesCount(diff[i], opt, false) // may be negative
	}
	return c, nil
}

func (f *HawkesFit) simWindow(opt HawkesSimOptions) (HawkesSimOptions, float64, float64, error) {
	if opt.Draws <= 0 {
		opt.Draws = 100
	}
	if opt.Paths <= 0 {
		opt.Paths = 20
	}
	if opt.Paths < 2 {
		return opt, 0, 0, errors.New("hawkes simulation: at least 2 paths per draw are needed to tell simulation noise from parameter uncertainty")
	}
	if opt.Level <= 0 || opt.Level >= 1 {
		opt.Level = f.Level
	}
	from, to := f.T, f.T+opt.Horizon
	if opt.Observed {
		from, to = 0, f.T
	} else if !(opt.Horizon > 0) {
		return opt, 0, 0, fmt.Errorf("hawkes simulation: horizon %g days (want > 0, or Observed)", opt.Horizon)
	}
	if opt.MaxEvents <= 0 {
		var n int
		for _, k := range f.Events {
			n += k
		}
		opt.MaxEvents = int(100*float64(n)*(to-from)/f.T) + 10_000
	}
	opt.Rand = orSeed(opt.Rand, streamHawkes)
	return opt, from, to, nil
}

// simulate returns counts[i][r][m] of process i on path m of draw r, for
// the fitted model and, when target ≥ 0, for the model without that
// effect, path m of draw r using the same random numbers in both. Draws
// run in parallel, each from its own seed, so results do not depend on
// scheduling.
func (f *HawkesFit) simulate(opt HawkesSimOptions, from, to float64, target, source int) (fact, cf [][][]float64, err error) {
	D := len(f.Names)
	alloc := func() [][][]float64 {
		out := make([][][]float64, D)
		for i := range out {
			out[i] = make([][]float64, opt.Draws)
			for r := range out[i] {
				out[i][r] = make([]float64, opt.Paths)
			}
		}
		return out
	}
	fact = alloc()
	if target >= 0 {
		cf = alloc()
	}
	seeds := make([][2]uint64, opt.Draws)
	for r := range seeds {
		seeds[r] = [2]uint64{opt.Rand.Uint64(), opt.Rand.Uint64()}
	}
	errs := make([]error, opt.Draws)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(opt.Draws, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for r := range next {
				errs[r] = f.simulateDraw(opt, from, to, target, source, seeds[r], r, fact, cf)
			}
		})
	}
	for r := range opt.Draws {
		if cancelled(opt.Context, 0) != nil {
			break
		}
		next <- r
	}
	close(next)
	wg.Wait()
	if err := cancelled(opt.Context, 0); err != nil {
		return nil, nil, err
	}
	return fact, cf, hawkesDrawErrors(errs)
}

// hawkesDrawErrors reports the draws that failed as one error: how many,
// and the first one's reason (they fail alike, by exploding).
func hawkesDrawErrors(errs []error) error {
	var first error
	n := 0
	for _, err := range errs {
		if err != nil {
			first = cmp.Or(first, err)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d parameter draws: %w", n, len(errs), first)
}

func (f *HawkesFit) simulateDraw(opt HawkesSimOptions, from, to float64, target, source int, seed [2]uint64, r int, fact, cf [][][]float64) error {
	rng := rand.New(rand.NewPCG(seed[0], seed[1]))
	p := f.Params()
	if !opt.Fixed {
		p = f.drawParams(rng)
	}
	models := []*hawkesSim{newHawkesSim(p)}
	models[0].ctx = opt.Context
	outs := [][][][]float64{fact}
	if target >= 0 {
		q := p
		q.Alpha = make([][]float64, len(p.Alpha))
		for i := range q.Alpha {
			q.Alpha[i] = slices.Clone(p.Alpha[i])
		}
		q.Alpha[target][source] = 0
		models = append(models, newHawkesSim(q))
		models[1].ctx = opt.Context
		outs = append(outs, cf)
	}
	c := make([]float64, len(p.Mu))
	for m := range opt.Paths {
		if err := cancelled(opt.Context, m); err != nil {
			return err
		}
		s1, s2 := rng.Uint64(), rng.Uint64()
		for k, s := range models {
			clear(c)
			if !opt.Observed {
				s.history(f.data, c)
			}
			out := outs[k]
			_, err := s.run(c, from, to, rand.New(rand.NewPCG(s1, s2)), opt.MaxEvents, func(_ float64, i int) {
				out[i][r][m]++
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// drawParams draws a parameter set from the estimates' normal
// approximation, target by target (their covariance is block diagonal).
func (f *HawkesFit) drawParams(rng *rand.Rand) HawkesParams {
	blocks := make([][]float64, len(f.est))
	for i, b := range f.est {
		blocks[i] = b.draw(rng, f.Link)
	}
	return hawkesParamsFrom(f.Link, blocks)
}

// draw redraws until the decay (and for the linear model the baseline) is positive,
// and cuts negative linear effects to zero; after 100 failures it keeps
// the estimate.
func (b hawkesBlock) draw(rng *rand.Rand, link HawkesLink) []float64 {
	n := len(b.p)
	if b.chol == nil {
		return slices.Clone(b.p)
	}
	z, q := make([]float64, n), make([]float64, n)
	for range 100 {
		for k := range z {
			z[k] = rng.NormFloat64()
		}
		for k := range q {
			q[k] = b.p[k]
			for l := 0; l <= k; l++ {
				q[k] += b.chol.At(k, l) * z[l]
			}
		}
		if q[n-1] <= 0 || link == HawkesLinear && q[0] <= 0 {
			continue
		}
		if link == HawkesLinear {
			for k := 1; k < n-1; k++ {
				q[k] = math.Max(0, q[k])
			}
		}
		return q
	}
	return slices.Clone(b.p)
}

func hawkesCounts(counts [][][]float64, opt HawkesSimOptions) []HawkesCount {
	out := make([]HawkesCount, len(counts))
	for i, c := range counts {
		out[i] = hawkesCount(c, opt, true)
	}
	return out
}

// hawkesCount summarises counts[r][m] (draw r, path m).
func hawkesCount(counts [][]float64, opt HawkesSimOptions, nonNegative bool) HawkesCount {
	R, M := len(counts), len(counts[0])
	means := make([]float64, R)
	var within float64 // mean within-draw variance
	all := make([]float64, 0, R*M)
	for r, c := range counts {
		var v float64
		means[r], v = stat.MeanVariance(c, nil)
		within += v / float64(R)
		all = append(all, c...)
	}
	mean, between := stat.MeanVariance(means, nil)
	if R < 2 {
		between = within / float64(M)
	}
	mcErr := math.Sqrt(between / float64(R))
	param := 0.0
	if !opt.Fixed {
		param = math.Max(0, between-within/float64(M))
	}
	z := distuv.UnitNormal.Quantile(0.5 + opt.Level/2)
	half := z * math.Sqrt(param+mcErr*mcErr)
	slices.Sort(all)
	c := HawkesCount{Mean: mean, MCError: mcErr, Lo: mean - half, Hi: mean + half,
		PredLo: quantile(all, (1-opt.Level)/2), PredHi: quantile(all, (1+opt.Level)/2)}
	if nonNegative {
		c.Lo = math.Max(0, c.Lo)
	}
	return c
}
