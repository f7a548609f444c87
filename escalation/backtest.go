package escalation

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// A backtest asks how well each model would have forecast the monthly
// event counts of each unit (a province, a country, a dyad) had it been
// run every month in the past, on the data up to that month only: a
// rolling origin. At origin o the models see months [o−Window, o) (all
// months before o for an expanding window), and forecast month
// o+Horizon−1; the forecast is scored against what happened, by its
// absolute error (the point forecast is the forecast's mean) and by the
// CRPS of its distribution. Scores are averaged over units and months,
// with intervals from a block bootstrap over months, so that the months'
// dependence (a bad year is bad for every model and every province) is
// kept in the interval.

// BacktestModel names a forecaster.
type BacktestModel string

// The forecasters.
const (
	// BacktestPersistence forecasts the last month's count: a point
	// forecast (its CRPS is its absolute error).
	BacktestPersistence BacktestModel = "persistence"
	// BacktestSeasonal forecasts the mean count of the same calendar
	// month in the past years the fit sees; its distribution is the
	// empirical distribution of those months' counts (a climatological
	// forecast, as the ViEWS benchmarks draw from a unit's history).
	BacktestSeasonal BacktestModel = "seasonal"
	// BacktestNegBin is the negative-binomial autoregression
	// (FitNegBinAR) fitted per unit at every origin; its distribution is
	// the plug-in negative binomial (exact mixtures beyond one month).
	BacktestNegBin BacktestModel = "negbin"
	// BacktestHawkes is a univariate linear Hawkes process per unit
	// (FitHawkes on the unit's event days, spread within their days),
	// fitted at every origin; its mean is the exact expected count given
	// the history, its distribution that of simulated paths.
	BacktestHawkes BacktestModel = "hawkes"
)

// BacktestModels are the forecasters, in the order a report lists them.
func BacktestModels() []BacktestModel {
	return []BacktestModel{BacktestPersistence, BacktestSeasonal, BacktestNegBin, BacktestHawkes}
}

// ParseBacktestModel reads a forecaster's name.
func ParseBacktestModel(s string) (BacktestModel, error) {
	m := BacktestModel(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(BacktestModels(), m) {
		return "", fmt.Errorf("backtest model %q: want persistence, seasonal, negbin or hawkes", s)
	}
	return m, nil
}

// BacktestUnit is one series to forecast: a province, a country or a
// dyad, and the days of its events (one entry per event, any order).
type BacktestUnit struct {
	Name string
	Days []int
}

// BacktestOptions configures Backtest. The zero value forecasts one
// month ahead with every model from the 24th month on, on an expanding
// window.
type BacktestOptions struct {
	// From and To bound the days read; only the calendar months wholly
	// inside count (a month the bounds cut would look quiet). Both zero:
	// the months from the first event's to the last event's.
	From, To int
	// MinTrain is the number of months before the first origin; default
	// 24, at least 12 (the seasonal mean needs a year).
	MinTrain int
	// Horizon is how many months ahead of the data each forecast is: 1
	// (the default) forecasts the month right after the last one seen.
	Horizon int
	// Window is the number of months before the origin the models see;
	// 0 is every month since the start (an expanding window). A short
	// window follows a conflict whose level changes; it must be at least
	// 12 months.
	Window int
	// Models are the forecasters compared; default all, in the order of
	// BacktestModels.
	Models []BacktestModel
	// Reference is the model the others' score differences are taken
	// against; default persistence, or the first model when persistence
	// is not among them.
	Reference BacktestModel
	// NegBin configures the autoregression's fits.
	NegBin NegBinAROptions
	// Samples is the number of paths simulated per Hawkes forecast;
	// default 400.
	Samples int
	// Level of the intervals of the scores; default 0.95.
	Level float64
	// Replicates of the block bootstrap of the scores; default 999.
	Replicates int
	// Rand seeds the Hawkes forecasts and the bootstrap; nil is a fixed
	// seed. Each unit and origin draws from its own generator, seeded
	// from this one, so that results do not depend on scheduling.
	Rand *rand.Rand
}

// backtestQuantiles are the levels of BacktestForecast.Quantiles: the
// median, and the bounds of the central 50% and 90%, a fan's bands.
func backtestQuantiles() []float64 { return []float64{0.05, 0.25, 0.5, 0.75, 0.95} }

// BacktestForecast is one forecast and its score.
type BacktestForecast struct {
	Unit  string
	Model BacktestModel
	// Start and End are the first and last days of the month forecast.
	Start, End int
	Observed   float64
	Mean       float64 // the point forecast
	// Quantiles of the forecast distribution at the levels of
	// BacktestResult.Quantiles.
	Quantiles []float64
	AE, CRPS  float64
}

// BacktestStat is a mean score with its bootstrap interval.
type BacktestStat struct {
	Mean, Lo, Hi float64
}

// BacktestScore is a model's scores over every unit and month forecast.
type BacktestScore struct {
	Model BacktestModel
	N     int // forecasts scored
	// MAE is the mean absolute error of the point forecast (the mean),
	// CRPS the mean CRPS of the forecast distribution, both in events
	// per month.
	MAE, CRPS BacktestStat
	// DeltaMAE and DeltaCRPS are the model's score less the reference
	// model's, on the same forecasts: below zero, the model forecast
	// better. An interval wholly below zero is a win the bootstrap
	// over months does not explain by chance.
	DeltaMAE, DeltaCRPS BacktestStat
}

// BacktestUnitScore is a model's scores on one unit.
type BacktestUnitScore struct {
	Unit  string
	Model BacktestModel
	N     int
	// Events are the events in the months forecast.
	Events    float64
	MAE, CRPS float64
}

// BacktestResult is a backtest's scores and its forecasts.
type BacktestResult struct {
	Units     []string
	Models    []BacktestModel
	Reference BacktestModel
	// From and To are the first and last days of the whole months read;
	// Months their number, Events the units' events in them.
	From, To int
	Months   int
	Events   int
	// First and Last are the first days of the first and last months
	// forecast: the period the scores cover. Targets is the number of
	// months forecast per unit.
	First, Last int
	Targets     int
	MinTrain    int
	Horizon     int
	Window      int
	// Scores are per model, in the order of Models; UnitScores per unit
	// then model.
	Scores     []BacktestScore
	UnitScores []BacktestUnitScore
	// Forecasts are every forecast, by unit, then month, then model.
	Forecasts []BacktestForecast
	// Quantiles are the levels of each forecast's quantiles: 0.05, 0.25,
	// 0.5, 0.75 and 0.95.
	Quantiles []float64
	// Level, Replicates and Block describe the score intervals: a
	// circular block bootstrap over the months forecast, in blocks of
	// Block months.
	Level      float64
	Replicates int
	Block      int
	// Notes say where a model fell back to a simpler forecast.
	Notes []string
}

// Backtest runs every model at every origin on every unit and scores the
// forecasts (see the note at the top of the file for the design).
func Backtest(units []BacktestUnit, opt BacktestOptions) (*BacktestResult, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	bt, err := newBacktestData(units, opt)
	if err != nil {
		return nil, err
	}
	fc, notes, err := bt.run(opt)
	if err != nil {
		return nil, err
	}
	return bt.result(fc, notes, opt), nil
}

func (o BacktestOptions) withDefaults() (BacktestOptions, error) {
	if o.MinTrain == 0 {
		o.MinTrain = 24
	}
	if o.Horizon == 0 {
		o.Horizon = 1
	}
	switch {
	case o.MinTrain < 12:
		return o, fmt.Errorf("backtest: %d months of training before the first forecast (want at least 12)", o.MinTrain)
	case o.Horizon < 1:
		return o, fmt.Errorf("backtest: horizon %d months (want at least 1)", o.Horizon)
	case o.Window != 0 && o.Window < 12:
		return o, fmt.Errorf("backtest: a window of %d months (want 0, every month, or at least 12)", o.Window)
	case o.From > o.To:
		return o, fmt.Errorf("backtest: from %s is after to %s", DateOf(o.From).Format(time.DateOnly), DateOf(o.To).Format(time.DateOnly))
	}
	if len(o.Models) == 0 {
		o.Models = BacktestModels()
	}
	for i, m := range o.Models {
		if !slices.Contains(BacktestModels(), m) {
			return o, fmt.Errorf("backtest model %q: want persistence, seasonal, negbin or hawkes", m)
		}
		if slices.Contains(o.Models[:i], m) {
			return o, fmt.Errorf("backtest: model %s given twice", m)
		}
	}
	if o.Reference == "" {
		o.Reference = o.Models[0]
		if slices.Contains(o.Models, BacktestPersistence) {
			o.Reference = BacktestPersistence
		}
	}
	if !slices.Contains(o.Models, o.Reference) {
		return o, fmt.Errorf("backtest: reference model %s is not among the models compared", o.Reference)
	}
	if o.Samples <= 0 {
		o.Samples = 400
	}
	if o.Level <= 0 || o.Level >= 1 {
		o.Level = 0.95
	}
	if o.Replicates <= 0 {
		o.Replicates = 999
	}
	o.Rand = orSeed(o.Rand, streamBacktest)
	return o, nil
}

// backtestData is the units' monthly counts on the whole months read.
type backtestData struct {
	names  []string
	days   [][]int     // per unit, sorted, inside the months
	counts [][]float64 // per unit and month
	starts []int       // first day of each month, and of the month after the last
	events int
}

func newBacktestData(units []BacktestUnit, opt BacktestOptions) (*backtestData, error) {
	if len(units) == 0 {
		return nil, errors.New("backtest: no units to forecast")
	}
	from, to := opt.From, opt.To
	if from == 0 && to == 0 {
		first := true
		for _, u := range units {
			for _, d := range u.Days {
				if first || d < from {
					from = d
				}
				if first || d > to {
					to = d
				}
				first = false
			}
		}
		if first {
			return nil, errors.New("backtest: the units have no events")
		}
		from, to = Monthly.Floor(from), Monthly.Next(to)-1
	}
	bt := &backtestData{}
	for d := Monthly.Floor(from); d <= to; d = Monthly.Next(d) {
		if d >= from && Monthly.Next(d)-1 <= to {
			bt.starts = append(bt.starts, d)
		}
	}
	n := len(bt.starts)
	if need := opt.MinTrain + opt.Horizon; n < need {
		return nil, fmt.Errorf("backtest: %d whole months from %s to %s; %d months of training and a horizon of %d need %d",
			n, DateOf(from).Format(time.DateOnly), DateOf(to).Format(time.DateOnly), opt.MinTrain, opt.Horizon, need)
	}
	bt.starts = append(bt.starts, Monthly.Next(bt.starts[n-1]))
	lo, hi := bt.starts[0], bt.starts[n]
	for _, u := range units {
		if slices.Contains(bt.names, u.Name) {
			return nil, fmt.Errorf("backtest: unit %q given twice", u.Name)
		}
		var days []int
		c := make([]float64, n)
		for _, d := range u.Days {
			if d >= lo && d < hi {
				days = append(days, d)
				c[calendarIndex(bt.starts, d)]++
			}
		}
		slices.Sort(days)
		bt.names, bt.days, bt.counts = append(bt.names, u.Name), append(bt.days, days), append(bt.counts, c)
		bt.events += len(days)
	}
	if bt.events == 0 {
		return nil, fmt.Errorf("backtest: no events in the %d whole months from %s", n, DateOf(lo).Format(time.DateOnly))
	}
	return bt, nil
}

// months is the number of whole months.
func (bt *backtestData) months() int { return len(bt.starts) - 1 }

// backtestHistory is what a model sees at one origin for one unit:
// nothing at or after the origin's first day, so that no forecast can
// read the future it is scored on.
type backtestHistory struct {
	y     []float64  // counts of the months seen, oldest first
	first time.Month // calendar month of y[0]
	days  []int      // event days in the months seen
	from  int        // first day of the months seen
	// origin is the first day after the months seen; the month forecast
	// is the days [target, targetEnd).
	origin, target, targetEnd int
	month                     time.Month // calendar month of the month forecast
	horizon                   int
	samples                   int
	negbin                    NegBinAROptions
	rng                       *rand.Rand // the model's own
}

// history cuts unit u's data at origin month o (months [o−window, o)
// seen) for a forecast h months ahead.
func (bt *backtestData) history(u, o int, opt BacktestOptions) backtestHistory {
	w0 := 0
	if opt.Window > 0 {
		w0 = max(0, o-opt.Window)
	}
	from, origin := bt.starts[w0], bt.starts[o]
	t := o + opt.Horizon - 1
	days := bt.days[u]
	lo, _ := slices.BinarySearch(days, from)
	hi, _ := slices.BinarySearch(days, origin)
	return backtestHistory{
		y: bt.counts[u][w0:o:o], first: DateOf(from).Month(), days: days[lo:hi:hi], from: from,
		origin: origin, target: bt.starts[t], targetEnd: bt.starts[t+1], month: DateOf(bt.starts[t]).Month(),
		horizon: opt.Horizon, samples: opt.Samples, negbin: opt.NegBin,
	}
}

// backtestPrediction is a model's forecast: its mean (the point
// forecast) and its pmf on 0, 1, 2, …; fallback, when not empty, says
// which simpler forecast stood in for the model's.
type backtestPrediction struct {
	mean     float64
	pmf      []float64
	fallback string
}

// backtestPredict runs model m on history h.
func backtestPredict(m BacktestModel, h backtestHistory) (backtestPrediction, error) {
	switch m {
	case BacktestPersistence:
		return backtestPersistence(h), nil
	case BacktestSeasonal:
		return backtestSeasonal(h), nil
	case BacktestNegBin:
		return backtestNegBin(h), nil
	case BacktestHawkes:
		return backtestHawkes(h)
	}
	return backtestPrediction{}, fmt.Errorf("backtest model %q: unknown", m)
}

// run forecasts every unit at every origin with every model, in
// parallel over units and origins. fc[u][i][k] is unit u's forecast of
// the i-th month forecast by model k; notes count the fallbacks.
func (bt *backtestData) run(opt BacktestOptions) ([][][]BacktestForecast, []string, error) {
	first := opt.MinTrain + opt.Horizon - 1 // index of the first month forecast
	targets := bt.months() - first
	U := len(bt.names)
	fc := make([][][]BacktestForecast, U)
	falls := make([][][]string, U)
	seeds := make([][2]uint64, U)
	for u := range fc {
		fc[u] = make([][]BacktestForecast, targets)
		falls[u] = make([][]string, targets)
		seeds[u] = [2]uint64{opt.Rand.Uint64(), opt.Rand.Uint64()}
	}
	type task struct{ u, i int }
	next := make(chan task)
	errs := make([]error, U)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for tk := range next {
				t := first + tk.i
				h := bt.history(tk.u, t-opt.Horizon+1, opt)
				row, fall, err := bt.forecastAll(tk.u, t, h, opt.Models, seeds[tk.u])
				fc[tk.u][tk.i], falls[tk.u][tk.i] = row, fall
				if err != nil {
					mu.Lock()
					errs[tk.u] = errors.Join(errs[tk.u], err)
					mu.Unlock()
				}
			}
		})
	}
	for u := range U {
		for i := range targets {
			next <- task{u, i}
		}
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return fc, backtestNotes(falls, opt.Models, U*targets), nil
}

// forecastAll is unit u's forecasts of month t by every model, scored.
// Each model draws from a generator of its own, seeded by the unit's
// seed, the month and the model, so that a model's forecasts do not
// depend on which others run beside it.
func (bt *backtestData) forecastAll(u, t int, h backtestHistory, models []BacktestModel, seed [2]uint64) ([]BacktestForecast, []string, error) {
	y := bt.counts[u][t]
	row := make([]BacktestForecast, len(models))
	fall := make([]string, len(models))
	for k, m := range models {
		h.rng = rand.New(rand.NewPCG(seed[0]^uint64(t), seed[1]^uint64(slices.Index(BacktestModels(), m))))
		p, err := backtestPredict(m, h)
		if err != nil {
			return nil, nil, fmt.Errorf("backtest: %s for %s, %s: %w", m, bt.names[u], DateOf(h.target).Format("2006-01"), err)
		}
		levels := backtestQuantiles()
		q := make([]float64, len(levels))
		for j, l := range levels {
			q[j] = pmfQuantile(p.pmf, l)
		}
		row[k] = BacktestForecast{Unit: bt.names[u], Model: m, Start: h.target, End: h.targetEnd - 1,
			Observed: y, Mean: p.mean, Quantiles: q, AE: CRPSPoint(p.mean, y), CRPS: CRPSPMF(p.pmf, y)}
		fall[k] = p.fallback
	}
	return row, fall, nil
}

// backtestNotes counts each model's fallbacks by kind.
func backtestNotes(falls [][][]string, models []BacktestModel, total int) []string {
	var notes []string
	for k, m := range models {
		count := map[string]int{}
		for _, fu := range falls {
			for _, f := range fu {
				if f[k] != "" {
					count[f[k]]++
				}
			}
		}
		kinds := make([]string, 0, len(count))
		for kind := range count {
			kinds = append(kinds, kind)
		}
		slices.Sort(kinds)
		for _, kind := range kinds {
			notes = append(notes, fmt.Sprintf("%s: %d of %d forecasts %s", m, count[kind], total, kind))
		}
	}
	return notes
}
