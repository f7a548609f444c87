package escalation

import (
	"math"
	"slices"
)

// result assembles the scores of the forecasts fc[u][i][k].
func (bt *backtestData) result(fc [][][]BacktestForecast, notes []string, opt BacktestOptions) *BacktestResult {
	U, K, targets := len(bt.names), len(opt.Models), len(fc[0])
	first := opt.MinTrain + opt.Horizon - 1
	r := &BacktestResult{Units: bt.names, Models: opt.Models, Reference: opt.Reference,
		From: bt.starts[0], To: bt.starts[bt.months()] - 1, Months: bt.months(), Events: bt.events,
		First: bt.starts[first], Last: bt.starts[bt.months()-1], Targets: targets,
		MinTrain: opt.MinTrain, Horizon: opt.Horizon, Window: opt.Window,
		Level: opt.Level, Replicates: opt.Replicates, Block: backtestBlock(targets), Notes: notes, Quantiles: backtestQuantiles()}
	// ae[k][i] and crps[k][i]: model k's scores summed over units in the
	// i-th month forecast, what the bootstrap resamples.
	ae, crps := make([][]float64, K), make([][]float64, K)
	for k := range K {
		ae[k], crps[k] = make([]float64, targets), make([]float64, targets)
	}
	for u := range U {
		for k, m := range opt.Models {
			us := BacktestUnitScore{Unit: bt.names[u], Model: m, N: targets}
			for i := range targets {
				f := fc[u][i][k]
				us.Events += f.Observed
				us.MAE += f.AE / float64(targets)
				us.CRPS += f.CRPS / float64(targets)
				ae[k][i] += f.AE
				crps[k][i] += f.CRPS
			}
			r.UnitScores = append(r.UnitScores, us)
		}
		for i := range targets {
			r.Forecasts = append(r.Forecasts, fc[u][i]...)
		}
	}
	ref := slices.Index(opt.Models, opt.Reference)
	boot := backtestBootstrap(ae, crps, ref, r.Block, opt)
	backtestScale(boot, U)
	for k, m := range opt.Models {
		s := BacktestScore{Model: m, N: U * targets}
		s.MAE, s.CRPS = boot[k][0], boot[k][1]
		s.DeltaMAE, s.DeltaCRPS = boot[k][2], boot[k][3]
		r.Scores = append(r.Scores, s)
	}
	return r
}

// backtestBlock is the block length of the bootstrap over n months: a
// year where there are years to resample, else n^(1/3), the rate that
// balances a block bootstrap's bias and variance (Hall, Horowitz and
// Jing 1995); conflict counts carry their dependence over months, and a
// year keeps a season whole.
func backtestBlock(n int) int {
	if n >= 60 {
		return 12
	}
	return max(1, int(math.Round(math.Cbrt(float64(n)))))
}

// backtestBootstrap is, per model, the mean over months of ae and crps
// (each a sum over units) and of their differences to model ref, each with its percentile interval from a
// circular block bootstrap over the months forecast: blocks of the
// given length start at random months, wrapping round the end, until
// they cover as many months as there are.
func backtestBootstrap(ae, crps [][]float64, ref, block int, opt BacktestOptions) [][4]BacktestStat {
	K, n := len(ae), len(ae[0])
	series := func(k, kind int) []float64 {
		switch kind {
		case 0:
			return ae[k]
		case 1:
			return crps[k]
		}
		src, base := ae[k], ae[ref]
		if kind == 3 {
			src, base = crps[k], crps[ref]
		}
		d := make([]float64, n)
		for i := range d {
			d[i] = src[i] - base[i]
		}
		return d
	}
	out := make([][4]BacktestStat, K)
	draws := make([][4][]float64, K)
	rng := opt.Rand
	idx := make([]int, 0, n+block)
	for range opt.Replicates {
		idx = idx[:0]
		for len(idx) < n {
			s := rng.IntN(n)
			for j := range block {
				idx = append(idx, (s+j)%n)
			}
		}
		idx = idx[:n]
		for k := range K {
			for kind := range 4 {
				x := series(k, kind)
				var sum float64
				for _, i := range idx {
					sum += x[i]
				}
				draws[k][kind] = append(draws[k][kind], sum/float64(n))
			}
		}
	}
	alpha := (1 - opt.Level) / 2
	for k := range K {
		for kind := range 4 {
			x := series(k, kind)
			var sum float64
			for _, v := range x {
				sum += v
			}
			d := draws[k][kind]
			slices.Sort(d)
			out[k][kind] = BacktestStat{Mean: sum / float64(n), Lo: quantile(d, alpha), Hi: quantile(d, 1-alpha)}
		}
	}
	return out
}

// backtestScale divides the per-month sums of scores by the units, so
// that the means are per forecast.
func backtestScale(s [][4]BacktestStat, units int) {
	u := float64(units)
	for k := range s {
		for kind := range s[k] {
			s[k][kind].Mean /= u
			s[k][kind].Lo /= u
			s[k][kind].Hi /= u
		}
	}
}
