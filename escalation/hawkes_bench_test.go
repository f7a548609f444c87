package escalation

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// hawkesTruth10 is the D = 10 model of the speed benchmark: each
// process excites itself and its two neighbours, decays from a few hours
// to a fortnight, branching ratio about 0.6.
func hawkesTruth10() HawkesParams {
	const D = 10
	p := HawkesParams{Mu: make([]float64, D), Alpha: make([][]float64, D), Beta: make([]float64, D)}
	for i := range D {
		p.Mu[i] = 0.1 * float64(1+i%3)
		p.Beta[i] = []float64{0.07, 0.3, 1, 3}[i%4]
		p.Alpha[i] = make([]float64, D)
		for j := range D {
			p.Alpha[i][j] = 0.02
		}
		p.Alpha[i][i] = 0.3
		p.Alpha[i][(i+1)%D] = 0.1
		p.Alpha[i][(i+D-1)%D] = 0.05
	}
	return p
}

// BenchmarkHawkesLogLik sets the O(N·D) recursion beside the O(N²)
// likelihood written from the definition.
func BenchmarkHawkesLogLik(b *testing.B) {
	p := hawkesTruth10()
	for _, n := range []int{1000, 5000, 100_000} {
		times, T := simulateEvents(b, p, n, rand.New(rand.NewPCG(10, 10)))
		b.Run(fmt.Sprintf("method=recursion/D=10/events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				if _, err := HawkesLogLik(p, times, T); err != nil {
					b.Fatal(err)
				}
			}
		})
		if n > 5000 {
			continue // the naive likelihood would take minutes
		}
		b.Run(fmt.Sprintf("method=naive/D=10/events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				naiveHawkesLogLik(p, times, T)
			}
		})
	}
}

// BenchmarkFitHawkes is the speed bar (D = 10, 100,000 events,
// under 2 s) and the softplus model on the recovery tests' data.
func BenchmarkFitHawkes(b *testing.B) {
	for _, c := range []struct {
		p HawkesParams
		n int
	}{
		{hawkesTruth10(), 100_000},
		{hawkesTruth4(HawkesSoftplus), 50_000},
	} {
		times, T := simulateEvents(b, c.p, c.n, rand.New(rand.NewPCG(11, 11)))
		var n int
		for _, ts := range times {
			n += len(ts)
		}
		b.Run(fmt.Sprintf("link=%v/D=%d/events=%d", c.p.Link, c.p.Dim(), n), func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				f, err := FitHawkes(times, T, HawkesOptions{Link: c.p.Link})
				if err != nil {
					b.Fatal(err)
				}
				for i, ok := range f.Converged {
					if !ok {
						b.Fatalf("target %d did not converge", i)
					}
				}
			}
		})
	}
}

// BenchmarkHawkesForecast is a 30-day forecast with the default 100
// parameter draws × 20 paths.
func BenchmarkHawkesForecast(b *testing.B) {
	p := hawkesTruth10()
	times, T := simulateEvents(b, p, 100_000, rand.New(rand.NewPCG(12, 12)))
	f, err := FitHawkes(times, T, HawkesOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("D=10/horizon=30", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			if _, err := f.Forecast(HawkesSimOptions{Horizon: 30}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkHawkesTargetEval is one target's log-likelihood and gradient,
// the unit of work of the fit, per link.
func BenchmarkHawkesTargetEval(b *testing.B) {
	for _, link := range []HawkesLink{HawkesLinear, HawkesSoftplus} {
		p := hawkesTruth4(link)
		times, T := simulateEvents(b, p, 50_000, rand.New(rand.NewPCG(3, 3)))
		d, err := newHawkesData(times, T)
		if err != nil {
			b.Fatal(err)
		}
		h := newHawkesTarget(d, 0, link)
		g := make([]float64, p.Dim()+2)
		b.Run(fmt.Sprintf("link=%v/D=4/events=%d", link, len(d.t)), func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				h.eval(p.block(0), g, nil)
			}
		})
	}
}

// reportCPU reports the CPU seconds per operation since start, beside
// the wall time: this machine is shared, and a fit that runs on both
// cores spends more CPU than wall time when it is idle.
func reportCPU(b *testing.B, start time.Duration) {
	if start > 0 && b.N > 0 {
		b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	}
}
