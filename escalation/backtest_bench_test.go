package escalation

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkBacktest runs each model alone over five units of ten years
// of simulated counts (the autoregression's model, about 3 events a
// month): 96 origins per unit after 24 months of training.
func BenchmarkBacktest(b *testing.B) {
	rng := rand.New(rand.NewPCG(17, 28))
	var units []BacktestUnit
	for i := range 5 {
		y := simulateNegBinAR(rng, 120, time.January, 0.3, 0.6, 0.3, 0, 0.3)
		units = append(units, backtestUnitFromCounts(fmt.Sprint(i), y, rng))
	}
	for _, m := range BacktestModels() {
		b.Run("model="+string(m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Backtest(units, BacktestOptions{Models: []BacktestModel{m}, Replicates: 99}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFitNegBinAR fits ten and thirty years of months.
func BenchmarkFitNegBinAR(b *testing.B) {
	for _, n := range []int{120, 360} {
		y := simulateNegBinAR(rand.New(rand.NewPCG(18, 28)), n, time.January, negBinTruth.a, negBinTruth.b, negBinTruth.s, negBinTruth.c, negBinTruth.alpha)
		b.Run(fmt.Sprintf("months=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FitNegBinAR(y, time.January, NegBinAROptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
