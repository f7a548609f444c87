package escalation

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// negBinTruth are the parameters the recovery tests simulate from: a
// memory of b = 0.6, a seasonal swing of about ±50%, overdispersion
// 0.4 (variance μ + 0.4μ²).
var negBinTruth = struct {
	a, b, s, c, alpha float64
}{a: 0.5, b: 0.6, s: 0.35, c: -0.25, alpha: 0.4}

// simulateNegBinAR draws n months of the model from y_0 = 0, the first
// of calendar month first, after a burn-in of 50 months.
func simulateNegBinAR(rng *rand.Rand, n int, first time.Month, a, b, s, c, alpha float64) []float64 {
	const burn = 60 // a multiple of 12, so the months keep their calendar
	y := make([]float64, 0, n)
	last := 0.0
	for t := range burn + n {
		w := 2 * math.Pi * float64(negBinMonth(first, t)) / 12
		mu := math.Exp(a + b*math.Log1p(last) + s*math.Sin(w) + c*math.Cos(w))
		last = negBinDraw(rng, mu, alpha)
		if t >= burn {
			y = append(y, last)
		}
	}
	return y
}

// TestNegBinARRecovery fits 600 simulated months (50 years) and checks
// every parameter inside its 95% interval or within 10% of the truth.
func TestNegBinARRecovery(t *testing.T) {
	tr := negBinTruth
	y := simulateNegBinAR(rand.New(rand.NewPCG(6, 28)), 600, time.March, tr.a, tr.b, tr.s, tr.c, tr.alpha)
	f, err := FitNegBinAR(y, time.March, NegBinAROptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !f.Converged {
		t.Error("not converged")
	}
	for _, c := range []struct {
		name  string
		est   Estimate
		truth float64
	}{
		{"a", f.Intercept, tr.a}, {"b", f.Lag, tr.b}, {"γ sin", f.Seasonal[0], tr.s},
		{"γ cos", f.Seasonal[1], tr.c}, {"α", f.Dispersion, tr.alpha},
	} {
		t.Logf("%-6s truth %6.3f  estimate %6.3f  [%6.3f, %6.3f]", c.name, c.truth, c.est.Est, c.est.Lo, c.est.Hi)
		inside := c.est.Lo <= c.truth && c.truth <= c.est.Hi
		near := math.Abs(c.est.Est-c.truth) <= 0.1*math.Abs(c.truth)
		if !inside && !near {
			t.Errorf("%s: %.3f [%.3f, %.3f], truth %.3f", c.name, c.est.Est, c.est.Lo, c.est.Hi, c.truth)
		}
		if !(c.est.SE > 0) {
			t.Errorf("%s: standard error %v", c.name, c.est.SE)
		}
	}
}

// TestNegBinARCoverage checks the 95% intervals' coverage over 200
// replications of 240 months (about 1 s; skipped by -short).
func TestNegBinARCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("the coverage study: run without -short")
	}
	tr := negBinTruth
	truth := []float64{tr.a, tr.b, tr.s, tr.c, tr.alpha}
	rng := rand.New(rand.NewPCG(7, 28))
	const reps = 200
	var hits [5]int
	for range reps {
		y := simulateNegBinAR(rng, 240, time.January, tr.a, tr.b, tr.s, tr.c, tr.alpha)
		f, err := FitNegBinAR(y, time.January, NegBinAROptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range []Estimate{f.Intercept, f.Lag, f.Seasonal[0], f.Seasonal[1], f.Dispersion} {
			if e.Lo <= truth[i] && truth[i] <= e.Hi {
				hits[i]++
			}
		}
	}
	for i, h := range hits {
		cov := float64(h) / reps
		t.Logf("parameter %d: coverage %.3f", i, cov)
		// Binomial s.e. at 95% over 200 is 1.5%: 0.90 is over 3 s.e. off.
		if cov < 0.90 || cov > 0.99 {
			t.Errorf("parameter %d: coverage %.3f, want near 0.95", i, cov)
		}
	}
}

// TestNegBinARPoisson checks that Poisson counts give a dispersion
// near zero and no error.
func TestNegBinARPoisson(t *testing.T) {
	y := simulateNegBinAR(rand.New(rand.NewPCG(8, 28)), 400, time.January, 1, 0.3, 0, 0, 0)
	f, err := FitNegBinAR(y, time.January, NegBinAROptions{Harmonics: -1})
	if err != nil {
		t.Fatal(err)
	}
	if f.Dispersion.Lo > 0.05 || f.Dispersion.Est > 0.05 {
		t.Errorf("Poisson counts: dispersion %.4f [%.4f, %.4f]", f.Dispersion.Est, f.Dispersion.Lo, f.Dispersion.Hi)
	}
	if len(f.Seasonal) != 0 {
		t.Errorf("Harmonics −1: %d seasonal terms", len(f.Seasonal))
	}
}

// TestNegBinARDegenerate checks errors, not panics, on series no
// likelihood can fit.
func TestNegBinARDegenerate(t *testing.T) {
	for _, c := range []struct {
		name string
		y    []float64
	}{
		{"empty", nil},
		{"one month", []float64{3}},
		{"zeros", make([]float64, 40)},
		{"too short", []float64{1, 2, 0, 1}},
		{"negative", append(make([]float64, 30), -1, 2)},
	} {
		if _, err := FitNegBinAR(c.y, time.January, NegBinAROptions{}); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// TestNegBinARForecast checks the one-month forecast's mean against
// Mean, and the simulated three-month forecast against the exact
// mixture over the months between.
func TestNegBinARForecast(t *testing.T) {
	y := simulateNegBinAR(rand.New(rand.NewPCG(9, 28)), 300, time.January, negBinTruth.a, negBinTruth.b, negBinTruth.s, negBinTruth.c, negBinTruth.alpha)
	f, err := FitNegBinAR(y, time.January, NegBinAROptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pmfMean(f.Forecast(4, time.June)), f.Mean(4, time.June); math.Abs(got-want) > 1e-6*want {
		t.Errorf("one month: pmf mean %g, Mean %g", got, want)
	}
	exact := negBinMixture(f, 4, time.June, 3)
	var mass float64
	for _, p := range exact {
		mass += p
	}
	if math.Abs(mass-1) > 1e-8 {
		t.Errorf("three months: mass %g", mass)
	}
	draws := f.Simulate(4, time.June, 3, 40000, rand.New(rand.NewPCG(10, 28)))
	var sim float64
	for _, d := range draws {
		sim += d / float64(len(draws))
	}
	t.Logf("three months ahead: exact mean %.4f, simulated %.4f; CRPS at 2: exact %.4f, simulated %.4f",
		pmfMean(exact), sim, CRPSPMF(exact, 2), CRPSSamples(draws, 2))
	if math.Abs(sim-pmfMean(exact)) > 0.03*pmfMean(exact) || math.Abs(CRPSSamples(draws, 2)-CRPSPMF(exact, 2)) > 0.02*CRPSPMF(exact, 2) {
		t.Errorf("three months ahead: exact mean %.4f, simulated %.4f", pmfMean(exact), sim)
	}
}

// negBinMixture is the exact pmf of the count h months after a month of
// count last: each month's pmf is the mixture of the next month's
// negative binomials over it.
func negBinMixture(f *NegBinARFit, last float64, next time.Month, h int) []float64 {
	pmf := f.Forecast(last, next)
	for step := 1; step < h; step++ {
		mo := negBinMonth(next, step)
		var out []float64
		for k, p := range pmf {
			cond := f.Forecast(float64(k), mo)
			if len(cond) > len(out) {
				out = append(out, make([]float64, len(cond)-len(out))...)
			}
			for j, q := range cond {
				out[j] += p * q
			}
		}
		pmf = out
	}
	return pmf
}
