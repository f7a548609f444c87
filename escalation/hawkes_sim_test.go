package escalation

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// expectedCounts is the linear model's expected number of events per
// process over [0, h] from the excitation c0, solved exactly: the mean
// excitation c obeys dc/dt = Mc + b with M = B(α − I), b = Bαμ, B the
// diagonal of decays, so ∫c = M⁻¹(e^{Mh} − I)(c0 + M⁻¹b) − h M⁻¹b.
func expectedCounts(t testing.TB, p HawkesParams, c0 []float64, h float64) []float64 {
	D := p.Dim()
	M := mat.NewDense(D, D, nil)
	b := mat.NewVecDense(D, nil)
	for i := range D {
		var bi float64
		for j := range D {
			v := p.Beta[i] * p.Alpha[i][j]
			if i == j {
				v -= p.Beta[i]
			}
			M.Set(i, j, v)
			bi += p.Beta[i] * p.Alpha[i][j] * p.Mu[j]
		}
		b.SetVec(i, bi)
	}
	var Minv, E, Mh mat.Dense
	if err := Minv.Inverse(M); err != nil {
		t.Fatal(err)
	}
	Mh.Scale(h, M)
	E.Exp(&Mh)
	for i := range D {
		E.Set(i, i, E.At(i, i)-1)
	}
	var mb, x, y, out mat.VecDense
	mb.MulVec(&Minv, b)
	x.AddVec(mat.NewVecDense(D, slices.Clone(c0)), &mb)
	y.MulVec(&E, &x)
	out.MulVec(&Minv, &y)
	out.AddScaledVec(&out, -h, &mb)
	counts := make([]float64, D)
	for i := range D {
		counts[i] = p.Mu[i]*h + out.AtVec(i)
	}
	return counts
}

// TestSimulateHawkesMean checks Ogata thinning against the exact
// expected counts from an empty history.
func TestSimulateHawkesMean(t *testing.T) {
	p := hawkesTruth4(HawkesLinear)
	const reps, h = 400, 50.0
	want := expectedCounts(t, p, make([]float64, 4), h)
	rng := rand.New(rand.NewPCG(4, 4))
	sum, sum2 := make([]float64, 4), make([]float64, 4)
	for range reps {
		times, err := SimulateHawkes(p, h, rng)
		if err != nil {
			t.Fatal(err)
		}
		for i, ts := range times {
			n := float64(len(ts))
			sum[i] += n
			sum2[i] += n * n
		}
	}
	for i := range want {
		mean := sum[i] / reps
		se := math.Sqrt((sum2[i]/reps - mean*mean) / reps)
		t.Logf("process %d: simulated mean %.2f ± %.2f, exact %.2f", i, mean, se, want[i])
		if math.Abs(mean-want[i]) > 4*se {
			t.Errorf("process %d: simulated mean %.2f ± %.2f, exact expectation %.2f", i, mean, se, want[i])
		}
	}
}

// TestHawkesForecastAndCounterfactual checks the simulated forecast and
// counterfactual of a fitted linear model against their exact
// expectations under the point estimates, from the observed history and
// over the observed period, and that parameter uncertainty widens the
// interval of the expectation.
func TestHawkesForecastAndCounterfactual(t *testing.T) {
	truth := HawkesParams{
		Mu:    []float64{0.4, 0.3},
		Alpha: [][]float64{{0.3, 0.1}, {0.4, 0.2}},
		Beta:  []float64{1, 0.3},
	}
	times, T := simulateEvents(t, truth, 10_000, rand.New(rand.NewPCG(5, 5)))
	f, err := FitHawkes(times, T, HawkesOptions{Names: []string{"A", "B"}})
	if err != nil {
		t.Fatal(err)
	}
	p := f.Params()
	cut := p
	cut.Alpha = [][]float64{slices.Clone(p.Alpha[0]), {0, p.Alpha[1][1]}}
	c0 := make([]float64, 2)
	newHawkesSim(p).history(f.data, c0)
	c0cut := make([]float64, 2)
	newHawkesSim(cut).history(f.data, c0cut)

	const h = 20.0
	fixed := HawkesSimOptions{Horizon: h, Fixed: true, Draws: 100, Paths: 20, Rand: rand.New(rand.NewPCG(6, 6))}
	fc, err := f.Forecast(fixed)
	if err != nil {
		t.Fatal(err)
	}
	want := expectedCounts(t, p, c0, h)
	for i, c := range fc.Counts {
		t.Logf("forecast %s: %.2f ± %.2f [%.2f, %.2f], predictive [%.0f, %.0f]; exact %.2f", f.Names[i], c.Mean, c.MCError, c.Lo, c.Hi, c.PredLo, c.PredHi, want[i])
		if math.Abs(c.Mean-want[i]) > 4*c.MCError {
			t.Errorf("forecast of %s: %.2f ± %.2f, exact %.2f", f.Names[i], c.Mean, c.MCError, want[i])
		}
		if !(c.PredLo <= c.Mean && c.Mean <= c.PredHi) {
			t.Errorf("forecast of %s: mean %.2f outside its predictive interval [%.0f, %.0f]", f.Names[i], c.Mean, c.PredLo, c.PredHi)
		}
	}

	cf, err := f.Counterfactual(1, 0, fixed)
	if err != nil {
		t.Fatal(err)
	}
	wantCut := expectedCounts(t, cut, c0cut, h)
	for i, d := range cf.Difference {
		exact := want[i] - wantCut[i]
		t.Logf("next %g days without A→B: %s %+.2f ± %.2f, exact %+.2f", h, f.Names[i], d.Mean, d.MCError, exact)
		if math.Abs(d.Mean-exact) > 4*d.MCError+1e-9 {
			t.Errorf("difference for %s: %.3f ± %.3f, exact %.3f", f.Names[i], d.Mean, d.MCError, exact)
		}
	}
	if !(cf.Difference[1].Lo > 0) {
		t.Errorf("removing A→B (α = %.2f) should remove events of B: difference %+v", p.Alpha[1][0], cf.Difference[1])
	}

	// Over the observed period, from an empty history.
	obs := HawkesSimOptions{Observed: true, Fixed: true, Draws: 8, Paths: 4, Rand: rand.New(rand.NewPCG(7, 7))}
	cfo, err := f.Counterfactual(1, 0, obs)
	if err != nil {
		t.Fatal(err)
	}
	wantAll := expectedCounts(t, p, make([]float64, 2), T)
	wantAllCut := expectedCounts(t, cut, make([]float64, 2), T)
	for i, d := range cfo.Difference {
		exact := wantAll[i] - wantAllCut[i]
		t.Logf("observed period without A→B: %s %+.1f ± %.1f, exact %+.1f", f.Names[i], d.Mean, d.MCError, exact)
		if math.Abs(d.Mean-exact) > 4*d.MCError+1e-9 {
			t.Errorf("observed-period difference for %s: %.1f ± %.1f, exact %.1f", f.Names[i], d.Mean, d.MCError, exact)
		}
	}

	// Parameter uncertainty widens the interval of the expectation (with
	// enough paths per draw that simulation noise does not hide it).
	unc := fixed
	unc.Fixed, unc.Paths, unc.Rand = false, 100, rand.New(rand.NewPCG(6, 6))
	fu, err := f.Forecast(unc)
	if err != nil {
		t.Fatal(err)
	}
	for i := range fu.Counts {
		wf, wu := fc.Counts[i].Hi-fc.Counts[i].Lo, fu.Counts[i].Hi-fu.Counts[i].Lo
		t.Logf("forecast %s with parameter uncertainty: [%.2f, %.2f] (fixed: [%.2f, %.2f])", f.Names[i], fu.Counts[i].Lo, fu.Counts[i].Hi, fc.Counts[i].Lo, fc.Counts[i].Hi)
		if !(wu > wf) {
			t.Errorf("forecast of %s: interval %.3f wide with parameter uncertainty, %.3f without", f.Names[i], wu, wf)
		}
	}
}

// TestHawkesForecastReproducible checks that a seed fixes the answer,
// whatever the scheduling of the parallel draws.
func TestHawkesForecastReproducible(t *testing.T) {
	p := hawkesTruth4(HawkesSoftplus)
	times, T := simulateEvents(t, p, 3000, rand.New(rand.NewPCG(8, 8)))
	f, err := FitHawkes(times, T, HawkesOptions{Link: HawkesSoftplus})
	if err != nil {
		t.Fatal(err)
	}
	run := func() *HawkesCounterfactual {
		c, err := f.Counterfactual(1, 0, HawkesSimOptions{Horizon: 30, Draws: 20, Paths: 5, Rand: rand.New(rand.NewPCG(9, 9))})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b := run(), run()
	if !slices.Equal(a.Difference, b.Difference) {
		t.Errorf("two runs with one seed differ: %+v and %+v", a.Difference, b.Difference)
	}
	// Without the deterrent effect of 0 on 1, 1 has more events.
	if d := a.Difference[1]; !(d.Mean < 0) {
		t.Errorf("removing a deterrent effect (α = %.2f) should add events: difference %+v", f.Alpha[1][0].Est, d)
	}
}

func TestHawkesSimErrors(t *testing.T) {
	f, err := FitHawkes([][]float64{{1, 2, 3, 5, 8}, {2.5, 4, 9}}, 10, HawkesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		run  func() error
		want string
	}{
		{"no horizon", func() error { _, err := f.Forecast(HawkesSimOptions{}); return err }, "horizon"},
		{"one path", func() error { _, err := f.Forecast(HawkesSimOptions{Horizon: 5, Paths: 1}); return err }, "2 paths"},
		{"no such effect", func() error { _, err := f.Counterfactual(2, 0, HawkesSimOptions{Horizon: 5}); return err }, "no effect"},
		{"explosive draws", func() error {
			g := *f
			g.est = slices.Clone(f.est)
			g.est[0].p = []float64{1, 1.5, 0, 1} // an event of 0 sets off 1.5 more
			g.est[0].chol = nil                  // every draw is the estimate
			_, err := g.Forecast(HawkesSimOptions{Horizon: 1e6, Draws: 3, Paths: 2, MaxEvents: 1000})
			return err
		}, "3 of 3 parameter draws: hawkes simulation: more than 1000 events: the process explodes"},
		{"explosive", func() error {
			s := newHawkesSim(HawkesParams{Mu: []float64{1}, Alpha: [][]float64{{1.5}}, Beta: []float64{1}})
			_, err := s.run([]float64{0}, 0, 1e6, orSeed(nil, streamHawkes), 1000, nil)
			return err
		}, "explodes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.run(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}
