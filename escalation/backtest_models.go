package escalation

import "math"

// backtestPersistence forecasts the last month seen, whatever the
// horizon: next month is this month.
func backtestPersistence(h backtestHistory) backtestPrediction {
	last := h.y[len(h.y)-1]
	return backtestPrediction{mean: last, pmf: pointPMF(int(last))}
}

// backtestSeasonal forecasts the mean of the months seen of the target's
// calendar month, with their empirical distribution. Every window holds
// a year, so such a month exists; the mean of every month seen stands in
// should none.
func backtestSeasonal(h backtestHistory) backtestPrediction {
	var same []float64
	for i, v := range h.y {
		if negBinMonth(h.first, i) == h.month {
			same = append(same, v)
		}
	}
	fallback := ""
	if len(same) == 0 {
		same, fallback = h.y, "from the mean of all months (no month of the target's calendar month seen)"
	}
	var sum float64
	for _, v := range same {
		sum += v
	}
	return backtestPrediction{mean: sum / float64(len(same)), pmf: empiricalPMF(same), fallback: fallback}
}

// negBinMaxCoef bounds the coefficients of a usable autoregression: a
// |coefficient| beyond 10 multiplies the mean by e^10 per unit of its
// term, which no conflict does; it is a maximum likelihood running off to
// infinity because the data cannot pin it (a season seen in one month),
// and its forecasts are points at zero or in the thousands.
const negBinMaxCoef = 10

// backtestNegBin fits the autoregression to the months seen and
// forecasts from the last. A fit that fails or is not usable (see
// usable) gives way to the same model without seasonal terms, then to
// the intercept alone (a negative binomial around the mean), and a
// window without events to the point mass at zero, its limit.
func backtestNegBin(h backtestHistory) backtestPrediction {
	var events float64
	for _, v := range h.y[1:] {
		events += v
	}
	if events == 0 {
		return backtestPrediction{pmf: pointPMF(0), fallback: "the point mass at 0 (no events in the months fitted)"}
	}
	full := h.negbin
	noSeason := full
	noSeason.Harmonics = -1
	mean := noSeason
	mean.NoLag = true
	steps := []struct {
		opt      NegBinAROptions
		fallback string
	}{{full, ""}, {noSeason, "without seasonal terms (the full fit failed or ran off)"}, {mean, "from the intercept alone (no autoregression usable: each failed or ran off)"}}
	next := negBinMonth(h.first, len(h.y))
	last := h.y[len(h.y)-1]
	for _, s := range steps {
		f, err := FitNegBinAR(h.y, h.first, s.opt)
		if err != nil || !f.usable() {
			continue
		}
		if h.horizon == 1 {
			return backtestPrediction{mean: f.Mean(last, next), pmf: f.Forecast(last, next), fallback: s.fallback}
		}
		draws := f.Simulate(last, next, h.horizon, h.samples, h.rng)
		var mean float64
		for _, d := range draws {
			mean += d / float64(len(draws))
		}
		return backtestPrediction{mean: mean, pmf: empiricalPMF(draws), fallback: s.fallback}
	}
	m := events / float64(len(h.y)-1)
	return backtestPrediction{mean: m, pmf: PoissonPMF(m), fallback: "from a Poisson at the mean (no negative binomial fit)"}
}

// usable reports whether the fit converged to coefficients a forecast
// can rest on: none running off (see negBinMaxCoef).
func (f *NegBinARFit) usable() bool {
	if !f.Converged || math.IsNaN(f.alpha) || f.alpha > 1e4 {
		return false
	}
	for _, b := range f.beta {
		if math.IsNaN(b) || math.Abs(b) > negBinMaxCoef {
			return false
		}
	}
	return true
}
