package main

import (
	"encoding/csv"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAnalyzeBacktest runs the backtest on the synthetic conflict: five
// years, so 36 months forecast after 24 of training, in two provinces
// (Kunar's air strikes, Khyber Pakhtunkhwa's attacks and raids; Punjab's
// events are all of a month's precision, left out).
func TestAnalyzeBacktest(t *testing.T) {
	db := synthDB(t)
	m := analyzeJSON(t, db, "backtest", "--samples", "50")
	bt := get(t, m, "result", "backtest")
	if got := get(t, bt, "units"); !slices.Equal(backtestStrings(got), []string{"PAK/Khyber Pakhtunkhwa", "AFG/Kunar"}) {
		t.Errorf("units %v", got)
	}
	if got := num(t, bt, "targets"); got != 60-24 {
		t.Errorf("%v months forecast, want 36", got)
	}
	if got, want := get(t, bt, "first"), "2012-01-01"; got != want {
		t.Errorf("first month forecast %v, want %v", got, want)
	}
	scores := get(t, bt, "scores").([]any)
	var models []string
	for i, s := range scores {
		models = append(models, get(t, s, "model").(string))
		if n := num(t, s, "n"); n != 2*36 {
			t.Errorf("%s: %v forecasts, want 72", models[i], n)
		}
		if crps, mae := num(t, s, "crps", "mean"), num(t, s, "mae", "mean"); !(crps > 0 && crps <= mae+1e-9) {
			t.Errorf("%s: CRPS %v, MAE %v: a forecast's CRPS is at most its mean's absolute error", models[i], crps, mae)
		}
	}
	if !slices.Equal(models, []string{"persistence", "seasonal", "negbin", "hawkes"}) {
		t.Errorf("models %v", models)
	}
	if got := len(get(t, bt, "forecasts").([]any)); got != 2*36*4 {
		t.Errorf("%d forecasts, want 288", got)
	}
	if got := get(t, bt, "forecasts", 0, "start"); got != "2012-01-01" {
		t.Errorf("first forecast's month %v", got)
	}

	m = analyzeJSON(t, db, "backtest", "--unit", "dyad", "--sides", "PAK,TTP", "--models", "persistence,negbin", "--horizon", "2", "--window", "12")
	if got := backtestStrings(get(t, m, "result", "backtest", "units")); !slices.Equal(got, []string{"TTP→PAK", "PAK→TTP"}) {
		t.Errorf("dyads %v", got)
	}
	if got := num(t, m, "result", "backtest", "targets"); got != 60-24-1 {
		t.Errorf("horizon 2: %v months forecast, want 35", got)
	}
}

// TestAnalyzeBacktestOutputs checks the table, the CSV and the plots.
func TestAnalyzeBacktestOutputs(t *testing.T) {
	db := synthDB(t)
	dir := t.TempDir()
	out, _, err := run(t, "", "analyze", "backtest", "--db", db, "--models", "persistence,seasonal,negbin", "--plot", filepath.Join(dir, "bt.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Backtest of events per month per province: 2 units", "2012-01 to 2014-12 (36 months per unit)",
		"model        forecasts  MAE", "Lowest MAE: ", "PAK/Khyber Pakhtunkhwa", "Δ is the score less persistence's"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	checkPlot(t, filepath.Join(dir, "bt.svg"))
	out, _, err = run(t, "", "analyze", "backtest", "--db", db, "--format", "csv", "--models", "seasonal,negbin", "--reference", "seasonal",
		"--fan", "AFG/Kunar", "--plot", filepath.Join(dir, "bt.png"))
	if err != nil {
		t.Fatal(err)
	}
	checkPlot(t, filepath.Join(dir, "bt.png"))
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.Join(recs[0], ","), "row,model,unit,start,end,n,observed,mean,q05") {
		t.Errorf("csv header %v", recs[0])
	}
	kinds := map[string]int{}
	for _, r := range recs[1:] {
		kinds[r[0]]++
		if len(r) != len(recs[0]) {
			t.Fatalf("record %v: %d fields for %d columns", r, len(r), len(recs[0]))
		}
	}
	if kinds["score"] != 2 || kinds["unit"] != 4 || kinds["forecast"] != 2*2*36 {
		t.Errorf("csv rows %v", kinds)
	}
}

// TestAnalyzeBacktestUsage checks the flags' usage errors.
func TestAnalyzeBacktestUsage(t *testing.T) {
	db := synthDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--unit", "town"}, `--unit "town"`},
		{[]string{"--models", "oracle"}, `--models: backtest model "oracle"`},
		{[]string{"--models", "negbin,negbin"}, "negbin given twice"},
		{[]string{"--min-train", "6"}, "--min-train 6"},
		{[]string{"--horizon", "0"}, "--horizon 0"},
		{[]string{"--window", "3"}, "--window 3"},
		{[]string{"--models", "persistence,seasonal", "--fan-model", "negbin"}, "--fan-model negbin: not among"},
		{[]string{"--reference", "hawkes", "--models", "negbin"}, "--reference hawkes: not among"},
		{[]string{"--fan", "Atlantis"}, `--fan "Atlantis": not a unit`},
		{[]string{"--unit", "dyad", "--sides", "XYZ"}, "side XYZ"},
	} {
		_, _, err := run(t, "", append([]string{"analyze", "backtest", "--db", db}, c.args...)...)
		if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want a usage error with %q", c.args, err, c.want)
		}
	}
	// Too few months for the training asked: the data cannot carry it.
	_, _, err := run(t, "", "analyze", "backtest", "--db", db, "--min-train", "60")
	if err == nil || errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "need 61") {
		t.Errorf("--min-train 60 on five years: %v", err)
	}
}

// backtestStrings is a decoded JSON array of strings.
func backtestStrings(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}
