package escalation

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestCRPSHandComputed checks the scores on cases worked by hand.
func TestCRPSHandComputed(t *testing.T) {
	const p = 0.3
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		// A point forecast scores its absolute error, whichever form it takes.
		{"point", CRPSPoint(3, 7), 4},
		{"point as pmf", CRPSPMF(pointPMF(3), 7), 4},
		{"point as pmf, over", CRPSPMF(pointPMF(7), 3), 4},
		{"point as one sample", CRPSSamples([]float64{3}, 7), 4},
		{"point as pmf, exact", CRPSPMF(pointPMF(5), 5), 0},
		// Bernoulli(p): E|X−y| − ½E|X−X′| = p − p(1−p) = p² at y = 0,
		// (1−p) − p(1−p) = (1−p)² at y = 1.
		{"bernoulli y=0", CRPSPMF([]float64{1 - p, p}, 0), p * p},
		{"bernoulli y=1", CRPSPMF([]float64{1 - p, p}, 1), (1 - p) * (1 - p)},
		// y = 3 beyond the support: ∫₀¹ (1−p)² + ∫₁³ 1 = (1−p)² + 2, or
		// E|X−3| − p(1−p) = 3 − p − p(1−p).
		{"bernoulli y=3", CRPSPMF([]float64{1 - p, p}, 3), (1-p)*(1-p) + 2},
		// A non-integer outcome splits the unit interval:
		// ∫₀^½ (1−p)² + ∫_½^1 p² = ((1−p)² + p²)/2.
		{"bernoulli y=0.5", CRPSPMF([]float64{1 - p, p}, 0.5), ((1-p)*(1-p) + p*p) / 2},
		// Samples {0, 2} against 1: E|X−1| = 1, ½E|X−X′| = ½·(2·2)/4 = ½.
		{"two samples", CRPSSamples([]float64{2, 0}, 1), 0.5},
		// The same distribution as a pmf {½, 0, ½}.
		{"two samples as pmf", CRPSPMF([]float64{0.5, 0, 0.5}, 1), 0.5},
		{"negative outcome", CRPSPMF(pointPMF(0), -2), 2},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	if !math.IsNaN(CRPSSamples(nil, 1)) {
		t.Error("no samples: not NaN")
	}
}

// TestCRPSPoissonSamples checks the exact CRPS of a Poisson pmf against
// its estimate from 200,000 draws, and the empirical pmf of draws against
// the sample formula: the two forms of the same score.
func TestCRPSPoissonSamples(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 28))
	for _, mu := range []float64{0.3, 4, 60} {
		pmf := PoissonPMF(mu)
		if m := pmfMean(pmf); math.Abs(m-mu) > 1e-8*max(1, mu) {
			t.Errorf("Poisson(%g): pmf mean %g", mu, m)
		}
		draws := make([]float64, 200000)
		for i := range draws {
			draws[i] = distuv.Poisson{Lambda: mu, Src: rng}.Rand()
		}
		for _, y := range []float64{0, math.Round(mu), 2*mu + 3} {
			exact, est := CRPSPMF(pmf, y), CRPSSamples(draws, y)
			t.Logf("Poisson(%g), y = %g: exact %.5f, from draws %.5f", mu, y, exact, est)
			if math.Abs(exact-est) > 0.01*exact+1e-3 {
				t.Errorf("Poisson(%g), y = %g: exact %.5f, from draws %.5f", mu, y, exact, est)
			}
			if got := CRPSPMF(empiricalPMF(draws[:5000]), y); math.Abs(got-CRPSSamples(draws[:5000], y)) > 1e-9 {
				t.Errorf("Poisson(%g), y = %g: empirical pmf %.9f, sample formula %.9f", mu, y, got, CRPSSamples(draws[:5000], y))
			}
		}
	}
}

// TestNegBinPMF checks the negative binomial's pmf: its mass, mean and
// variance, the Poisson limit, and a large mean that would underflow a
// pmf built from P(0) up.
func TestNegBinPMF(t *testing.T) {
	for _, c := range []struct{ mu, alpha float64 }{{2, 0.5}, {0.1, 3}, {40, 0.1}, {2000, 0}, {900, 1e-4}, {5, 1e-12}} {
		pmf := NegBinPMF(c.mu, c.alpha)
		var mass, m2 float64
		for k, p := range pmf {
			mass += p
			m2 += float64(k*k) * p
		}
		mean := pmfMean(pmf)
		v := m2 - mean*mean
		if math.Abs(mass-1) > 1e-8 || math.Abs(mean-c.mu) > 1e-6*c.mu || math.Abs(v-(c.mu+c.alpha*c.mu*c.mu)) > 1e-5*v {
			t.Errorf("NB(%g, %g): mass %g, mean %g, variance %g (want %g)", c.mu, c.alpha, mass, mean, v, c.mu+c.alpha*c.mu*c.mu)
		}
	}
	if got := NegBinPMF(0, 1); len(got) != 1 || got[0] != 1 {
		t.Errorf("NB mean 0: %v, want the point mass at 0", got)
	}
}

func BenchmarkCRPS(b *testing.B) {
	pmf := NegBinPMF(30, 0.5)
	draws := make([]float64, 500)
	rng := rand.New(rand.NewPCG(2, 28))
	for i := range draws {
		draws[i] = float64(rng.IntN(60))
	}
	b.Run("form=pmf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			CRPSPMF(pmf, 25)
		}
	})
	b.Run("form=samples", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			CRPSSamples(draws, 25)
		}
	})
	// The naive double sum over pairs, O(m²), that CRPSSamples replaces.
	b.Run("form=samples-naive", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			crpsSamplesNaive(draws, 25)
		}
	})
}

// crpsSamplesNaive is E|X−y| − ½E|X−X′| summed over every pair.
func crpsSamplesNaive(x []float64, y float64) float64 {
	var a, p float64
	for _, u := range x {
		a += math.Abs(u - y)
		for _, v := range x {
			p += math.Abs(u - v)
		}
	}
	m := float64(len(x))
	return a/m - p/(2*m*m)
}

func TestCRPSSamplesNaive(t *testing.T) {
	x := []float64{3, 0, 7, 7, 1, 12, 4}
	for _, y := range []float64{0, 4, 20} {
		if got, want := CRPSSamples(x, y), crpsSamplesNaive(x, y); math.Abs(got-want) > 1e-12 {
			t.Errorf("y = %g: %v, naive %v", y, got, want)
		}
	}
}
