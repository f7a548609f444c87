package escalation

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// varThirtyYears is 30 years of three daily count series (10,958 days)
// from a linear Poisson autoregression: the size of UCDP's Pakistan
// 1989–2021 cut by day.
func varThirtyYears() VARData {
	rng := rand.New(rand.NewPCG(30, 3))
	n := 10958
	d := VARData{Names: []string{"ttp", "pak", "afg"}, Start: 6940, Step: 1} // 1989-01-01
	for range 3 {
		d.Values = append(d.Values, make([]float64, n))
	}
	for t := range n {
		for i := range 3 {
			lambda := 0.4
			for l := 1; l <= 7 && t-l >= 0; l++ {
				lambda += 0.04*d.Values[i][t-l] + 0.02*d.Values[(i+1)%3][t-l]
			}
			d.Values[i][t] = float64(varPoisson(rng, lambda))
		}
	}
	return d
}

// BenchmarkFitVAR is the whole analysis on 30 years of daily series:
// lag order chosen among 1…14 by BIC (3 on these data) or fixed at 14,
// estimation, Granger tests, stability and impulse responses over 14
// days, with and without 200 bootstrap replicates, with a constant or
// with day-of-week, month and year dummies.
func BenchmarkFitVAR(b *testing.B) {
	d := varThirtyYears()
	calendar := VARDeterministic{DayOfWeek: true, Month: true, Year: true}
	for _, lags := range []int{0, 14} {
		for _, reps := range []int{-1, 200} {
			for _, terms := range []string{"const", "calendar"} {
				det := VARDeterministic{}
				if terms == "calendar" {
					det = calendar
				}
				name := fmt.Sprintf("lags=%d/boot=%d/terms=%s", lags, max(reps, 0), terms)
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					var res *VARResult
					cpu, ops := varCPUTime(), 0
					for b.Loop() {
						var err error
						res, err = FitVAR(d, VAROptions{Lags: lags, Replications: reps, Deterministic: det})
						if err != nil {
							b.Fatal(err)
						}
						ops++
					}
					b.ReportMetric(float64(res.P), "p")
					if cpu > 0 {
						b.ReportMetric(float64(varCPUTime()-cpu)/float64(ops)/1e6, "cpu-ms/op")
					}
				})
			}
		}
	}
}

// BenchmarkVAROLS is one least-squares fit of a VAR(14) on 30 years of
// daily series (what every bootstrap replicate costs), from the cross
// products against the naive design matrix and QR.
func BenchmarkVAROLS(b *testing.B) {
	d := varThirtyYears()
	b.Run("impl=moments", func(b *testing.B) {
		b.ReportAllocs()
		s, err := newVARSample(d, VARDeterministic{}, 14)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			m := s.moments(d.Values, 14)
			if _, _, err := varSolve(m.xx(14), s.nd+42, m.xy(14), 3); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=naive", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			varNaive(d, VARDeterministic{}, 14)
		}
	})
}
