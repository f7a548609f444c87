package escalation

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// backtestStart is 2000-01-01, where the simulated series begin.
var backtestStart = DayOf(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))

// backtestUnitFromCounts is a unit whose monthly counts from backtestStart are
// counts, each event on a random day of its month.
func backtestUnitFromCounts(name string, counts []float64, rng *rand.Rand) BacktestUnit {
	u := BacktestUnit{Name: name}
	d := backtestStart
	for _, c := range counts {
		next := Monthly.Next(d)
		for range int(c) {
			u.Days = append(u.Days, d+rng.IntN(next-d))
		}
		d = next
	}
	return u
}

// backtestMonths is the first day after n months from backtestStart.
func backtestMonths(n int) int {
	d := backtestStart
	for range n {
		d = Monthly.Next(d)
	}
	return d
}

// backtestScoreOf is model m's overall scores in r.
func backtestScoreOf(t *testing.T, r *BacktestResult, m BacktestModel) BacktestScore {
	t.Helper()
	i := slices.IndexFunc(r.Scores, func(s BacktestScore) bool { return s.Model == m })
	if i < 0 {
		t.Fatalf("no scores for %s", m)
	}
	return r.Scores[i]
}

func backtestLogScores(t *testing.T, r *BacktestResult) {
	t.Helper()
	for _, s := range r.Scores {
		t.Logf("%-12s MAE %.3f [%.3f, %.3f]  CRPS %.3f [%.3f, %.3f]  ΔCRPS %+.3f [%+.3f, %+.3f]", s.Model,
			s.MAE.Mean, s.MAE.Lo, s.MAE.Hi, s.CRPS.Mean, s.CRPS.Lo, s.CRPS.Hi, s.DeltaCRPS.Mean, s.DeltaCRPS.Lo, s.DeltaCRPS.Hi)
	}
	for _, n := range r.Notes {
		t.Log("note:", n)
	}
}

// TestBacktestPersistentSeries checks that on counts with real memory
// (the autoregression's own model, b = 0.8, no season) the
// autoregression beats the seasonal mean, by MAE and CRPS, with
// intervals of the difference below zero.
func TestBacktestPersistentSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 28))
	var units []BacktestUnit
	for _, name := range []string{"A", "B", "C"} {
		y := simulateNegBinAR(rng, 120, time.January, 0.3, 0.8, 0, 0, 0.2)
		units = append(units, backtestUnitFromCounts(name, y, rng))
	}
	r, err := Backtest(units, BacktestOptions{MinTrain: 36, Models: []BacktestModel{BacktestSeasonal, BacktestNegBin, BacktestPersistence}, Reference: BacktestSeasonal})
	if err != nil {
		t.Fatal(err)
	}
	backtestLogScores(t, r)
	nb := backtestScoreOf(t, r, BacktestNegBin)
	if !(nb.DeltaCRPS.Hi < 0) || !(nb.DeltaMAE.Hi < 0) {
		t.Errorf("negbin against the seasonal mean: ΔMAE %+.3f [%+.3f, %+.3f], ΔCRPS %+.3f [%+.3f, %+.3f]; want both below zero",
			nb.DeltaMAE.Mean, nb.DeltaMAE.Lo, nb.DeltaMAE.Hi, nb.DeltaCRPS.Mean, nb.DeltaCRPS.Lo, nb.DeltaCRPS.Hi)
	}
	if r.Targets != 120-36 || len(r.Forecasts) != 3*3*(120-36) || r.Scores[0].N != 3*(120-36) {
		t.Errorf("%d months forecast, %d forecasts, N %d", r.Targets, len(r.Forecasts), r.Scores[0].N)
	}
}

// TestBacktestSeasonalSeries checks that on independent months with a
// strong season (Poisson, the mean 2 to 18 over the year) the seasonal
// mean beats persistence.
func TestBacktestSeasonalSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 28))
	var units []BacktestUnit
	for _, name := range []string{"A", "B"} {
		y := make([]float64, 96)
		for i := range y {
			mu := 10 + 8*math.Sin(2*math.Pi*float64(i)/12)
			y[i] = distuv.Poisson{Lambda: mu, Src: rng}.Rand()
		}
		units = append(units, backtestUnitFromCounts(name, y, rng))
	}
	r, err := Backtest(units, BacktestOptions{Models: []BacktestModel{BacktestPersistence, BacktestSeasonal}})
	if err != nil {
		t.Fatal(err)
	}
	backtestLogScores(t, r)
	s := backtestScoreOf(t, r, BacktestSeasonal)
	if !(s.DeltaCRPS.Hi < 0) || !(s.DeltaMAE.Hi < 0) {
		t.Errorf("seasonal against persistence: ΔMAE %+.3f [%+.3f, %+.3f], ΔCRPS %+.3f [%+.3f, %+.3f]; want both below zero",
			s.DeltaMAE.Mean, s.DeltaMAE.Lo, s.DeltaMAE.Hi, s.DeltaCRPS.Mean, s.DeltaCRPS.Lo, s.DeltaCRPS.Hi)
	}
	// Persistence is a point forecast: its CRPS is its absolute error.
	for _, f := range r.Forecasts {
		if f.Model == BacktestPersistence && math.Abs(f.CRPS-f.AE) > 1e-12 {
			t.Fatalf("persistence %s: CRPS %v, AE %v", backtestMonthName(f.Start), f.CRPS, f.AE)
		}
	}
}

func backtestMonthName(day int) string { return DateOf(day).Format("2006-01") }

// TestBacktestNoFuture poisons the data after an origin (a burst of
// events in every later month) and checks that no forecast made at or
// before it changes: the rolling origin reads no month it is scored on,
// nor any after.
func TestBacktestNoFuture(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 28))
	var units, poisoned []BacktestUnit
	for _, name := range []string{"A", "B"} {
		y := simulateNegBinAR(rng, 48, time.January, 0.5, 0.5, 0.3, 0, 0.3)
		u := backtestUnitFromCounts(name, y, rng)
		units = append(units, u)
		p := BacktestUnit{Name: name, Days: slices.Clone(u.Days)}
		for d := backtestMonths(36); d < backtestMonths(48); d += 3 {
			p.Days = append(p.Days, d, d, d)
		}
		poisoned = append(poisoned, p)
	}
	opt := BacktestOptions{MinTrain: 24, Horizon: 2, Samples: 50, From: backtestStart, To: backtestMonths(48) - 1}
	a, err := Backtest(units, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Backtest(poisoned, opt)
	if err != nil {
		t.Fatal(err)
	}
	// Horizon 2: the forecast of month 37 (0-based) is made at origin 36,
	// the last that sees no poison.
	cut := backtestMonths(37)
	var same, changed int
	for i, f := range a.Forecasts {
		g := b.Forecasts[i]
		if f.Unit != g.Unit || f.Model != g.Model || f.Start != g.Start {
			t.Fatalf("forecast %d: %s %s %s against %s %s %s", i, f.Unit, f.Model, backtestMonthName(f.Start), g.Unit, g.Model, backtestMonthName(g.Start))
		}
		f.Observed, g.Observed, f.AE, g.AE, f.CRPS, g.CRPS = 0, 0, 0, 0, 0, 0
		switch {
		case f.Start <= cut && !reflect.DeepEqual(f, g):
			t.Errorf("%s %s %s, made before the poison: %+v, poisoned %+v", f.Unit, f.Model, backtestMonthName(f.Start), f, g)
		case f.Start <= cut:
			same++
		case !reflect.DeepEqual(f, g):
			changed++
		}
	}
	if same == 0 || changed == 0 {
		t.Errorf("%d forecasts before the poison unchanged, %d after it changed: the test tests nothing", same, changed)
	}
}

// TestBacktestHawkesMean checks the univariate expected count against
// the D-process formula of the Hawkes tests, from an empty and from an
// excited history, and near κ = 0.
func TestBacktestHawkesMean(t *testing.T) {
	for _, c := range []struct{ mu, alpha, beta, c0, s, e float64 }{
		{0.2, 0.5, 0.3, 0, 0, 30}, {0.2, 0.5, 0.3, 1.5, 0, 30}, {0.05, 0.9, 2, 4, 10, 41}, {0.1, 1 - 1e-9, 0.5, 2, 0, 31}, {0.1, 1.2, 0.1, 0.3, 0, 28},
	} {
		p := HawkesParams{Link: HawkesLinear, Mu: []float64{c.mu}, Alpha: [][]float64{{c.alpha}}, Beta: []float64{c.beta}}
		got := backtestHawkesMean(c.mu, c.alpha, c.beta, c.c0, c.s, c.e)
		var want float64
		if c.alpha == 1-1e-9 {
			// κ ≈ 0: the excitation's mean grows linearly, E c(t) = c0 + αβμt.
			want = c.mu*(c.e-c.s) + c.c0*(c.e-c.s) + c.alpha*c.beta*c.mu*(c.e*c.e-c.s*c.s)/2
		} else {
			all := expectedCounts(t, p, []float64{c.c0}, c.e)[0]
			var before float64
			if c.s > 0 {
				before = expectedCounts(t, p, []float64{c.c0}, c.s)[0]
			}
			want = all - before
		}
		if math.Abs(got-want) > 1e-6*want {
			t.Errorf("%+v: %g, want %g", c, got, want)
		}
	}
}

// TestBacktestHawkesSeries checks the Hawkes forecaster on a simulated
// self-exciting series: its mean forecasts beat the seasonal mean's, and
// its distribution's CRPS beats both baselines'.
func TestBacktestHawkesSeries(t *testing.T) {
	p := HawkesParams{Link: HawkesLinear, Mu: []float64{0.05}, Alpha: [][]float64{{0.8}}, Beta: []float64{0.05}}
	T := float64(backtestMonths(60) - backtestStart)
	times, err := SimulateHawkes(p, T, rand.New(rand.NewPCG(14, 28)))
	if err != nil {
		t.Fatal(err)
	}
	u := BacktestUnit{Name: "A"}
	for _, x := range times[0] {
		u.Days = append(u.Days, backtestStart+int(x))
	}
	r, err := Backtest([]BacktestUnit{u}, BacktestOptions{From: backtestStart, To: backtestMonths(60) - 1, Samples: 200,
		Models: []BacktestModel{BacktestPersistence, BacktestSeasonal, BacktestHawkes}})
	if err != nil {
		t.Fatal(err)
	}
	backtestLogScores(t, r)
	h, s, pe := backtestScoreOf(t, r, BacktestHawkes), backtestScoreOf(t, r, BacktestSeasonal), backtestScoreOf(t, r, BacktestPersistence)
	if !(h.CRPS.Mean < s.CRPS.Mean && h.CRPS.Mean < pe.CRPS.Mean && h.MAE.Mean < s.MAE.Mean) {
		t.Errorf("hawkes CRPS %.3f MAE %.3f; seasonal CRPS %.3f MAE %.3f; persistence CRPS %.3f",
			h.CRPS.Mean, h.MAE.Mean, s.CRPS.Mean, s.MAE.Mean, pe.CRPS.Mean)
	}
}

// TestBacktestErrors checks errors, not panics, on what cannot be
// backtested, each naming what is missing.
func TestBacktestErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 28))
	ok := []BacktestUnit{backtestUnitFromCounts("A", slices.Repeat([]float64{2}, 40), rng)}
	for _, c := range []struct {
		name  string
		units []BacktestUnit
		opt   BacktestOptions
		want  string
	}{
		{"no units", nil, BacktestOptions{}, "no units"},
		{"no events", []BacktestUnit{{Name: "A"}}, BacktestOptions{}, "no events"},
		{"too short", ok, BacktestOptions{MinTrain: 36, Horizon: 6}, "need 42"},
		{"min train", ok, BacktestOptions{MinTrain: 6}, "at least 12"},
		{"window", ok, BacktestOptions{Window: 6}, "window of 6"},
		{"horizon", ok, BacktestOptions{Horizon: -1}, "horizon"},
		{"model", ok, BacktestOptions{Models: []BacktestModel{"oracle"}}, `"oracle"`},
		{"twice", ok, BacktestOptions{Models: []BacktestModel{BacktestNegBin, BacktestNegBin}}, "twice"},
		{"reference", ok, BacktestOptions{Models: []BacktestModel{BacktestNegBin}, Reference: BacktestSeasonal}, "reference"},
		{"unit twice", append(slices.Clone(ok), ok[0]), BacktestOptions{}, `unit "A" given twice`},
		{"bounds", ok, BacktestOptions{From: backtestMonths(3), To: backtestMonths(2)}, "after"},
	} {
		_, err := Backtest(c.units, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		}
	}
}

// TestBacktestSparse checks a unit with events in a few months only,
// and one with none before the last year: every model forecasts
// something finite, falling back where it must, and says so.
func TestBacktestSparse(t *testing.T) {
	sparse := make([]float64, 48)
	sparse[5], sparse[30] = 1, 3
	late := make([]float64, 48)
	late[40], late[41], late[44] = 2, 5, 1
	rng := rand.New(rand.NewPCG(16, 28))
	r, err := Backtest([]BacktestUnit{backtestUnitFromCounts("sparse", sparse, rng), backtestUnitFromCounts("late", late, rng)},
		BacktestOptions{From: backtestStart, To: backtestMonths(48) - 1, Samples: 50})
	if err != nil {
		t.Fatal(err)
	}
	backtestLogScores(t, r)
	for _, f := range r.Forecasts {
		if !backtestFinite(f.Mean) || !backtestFinite(f.CRPS) || f.CRPS < 0 || f.Mean < 0 {
			t.Errorf("%s %s %s: mean %v, CRPS %v", f.Unit, f.Model, backtestMonthName(f.Start), f.Mean, f.CRPS)
		}
	}
	if len(r.Notes) == 0 {
		t.Error("no notes of fallbacks on series with no events for years")
	}
}

func backtestFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
