package papers

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/escalation"
	"github.com/durandhq/durand/pipeline"
)

// agencies are the seven tribal agencies of the former FATA, as today's
// district polygons name them; Johnston and Sarbahi's units.
var agencies = []string{"Bajaur", "Mohmand", "Khyber", "Orakzai", "Kurram", "North Waziristan", "South Waziristan"}

// The period of both papers: 1 January 2007 (a Monday, so weeks run
// Monday to Sunday) to 30 September 2011.
var (
	from = escalation.DayOf(time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC))
	to   = escalation.DayOf(time.Date(2011, 9, 30, 0, 0, 0, 0, time.UTC))
)

// shared is the folder of the shared data, or the test is skipped.
func shared(t *testing.T) string {
	t.Helper()
	if os.Getenv("DURAND_PAPERS") != "1" {
		t.Skip("set DURAND_PAPERS=1 to run the comparison with the published studies")
	}
	dir := os.Getenv("DURAND_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "fixtures")); err != nil {
		t.Fatalf("shared data: %v (set DURAND_SHARED)", err)
	}
	return filepath.Join(dir, "data")
}

// load imports the lists as `durand import` does and returns the events.
func load(t *testing.T, dir string) []durand.Event {
	t.Helper()
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	im, err := dataset.New(x, data.FS)
	if err != nil {
		t.Fatal(err)
	}
	var evs []durand.Event
	for _, f := range []struct{ format, path string }{
		{"tbij", "fixtures/tbij_pakistan_strikes.csv"},
		{"pbc", "fixtures/pbc_pakistan_suicide_attacks.csv"},
		{"ucdp", "ucdp/ged_pakistan_1989_2021Q1.csv"},
	} {
		r, err := os.Open(filepath.Join(dir, f.path))
		if err != nil {
			t.Fatal(err)
		}
		err = im.Read(f.format, r, f.path, func(ev durand.Event) error { evs = append(evs, ev); return nil },
			func(err error) { t.Logf("skipped: %v", err) })
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return evs
}

// weekly is, for each agency, the weekly count (or fatalities) of the
// events of that agency that keep(ev) selects: a unit-by-week panel.
func weekly(evs []durand.Event, keep func(durand.Event) bool, fatalities bool) [][]float64 {
	panel := make([][]float64, len(agencies))
	for i, a := range agencies {
		var in []durand.Event
		for _, ev := range evs {
			if ev.Place != nil && ev.Place.Admin2 == a && keep(ev) {
				in = append(in, ev)
			}
		}
		occ, _ := escalation.Occurrences(in, durand.Day)
		s := escalation.Bin(occ, escalation.Filter{}, from, to, 7)
		panel[i] = s.Counts
		if fatalities {
			panel[i] = s.Fatalities
		}
	}
	return panel
}

func dataset_(ev durand.Event) string {
	if ev.Origin == nil {
		return "durand"
	}
	return ev.Origin.Dataset
}

func has(as []durand.Actor, prefix string) bool {
	for _, a := range as {
		if escalation.Side(prefix).Has(a.Code) {
			return true
		}
	}
	return false
}

// TestJohnstonSarbahi runs the agency-week design: attacks in an agency
// in week t on drone strikes in that agency in week t−1 (and, as checks,
// the same week and the week after), with agency and week fixed effects.
func TestJohnstonSarbahi(t *testing.T) {
	evs := load(t, shared(t))
	strike := func(ev durand.Event) bool { return dataset_(ev) == "tbij" && ev.Mode == "drone" }
	suicide := func(ev durand.Event) bool { return dataset_(ev) == "pbc" && ev.Mode == "suicide" }
	ttp := func(ev durand.Event) bool {
		return dataset_(ev) == "ucdp" && (has(ev.Source, "TTP") || has(ev.Target, "TTP"))
	}
	ttpOneSided := func(ev durand.Event) bool { return dataset_(ev) == "ucdp" && has(ev.Source, "TTP") }
	shocks := weekly(evs, strike, false)
	var b strings.Builder
	fmt.Fprintf(&b, "\n| outcome (per agency-week) | mean | shock lag | coefficient [95%% interval] | p | relative to mean |\n|---|---|---|---|---|---|\n")
	for _, o := range []struct {
		name       string
		keep       func(durand.Event) bool
		fatalities bool
	}{
		{"PBC suicide attacks", suicide, false},
		{"PBC suicide-attack deaths", suicide, true},
		{"UCDP events with the TTP (clashes and one-sided)", ttp, false},
		{"UCDP deaths in events with the TTP", ttp, true},
		{"UCDP one-sided TTP violence (TTP→civilians)", ttpOneSided, false},
	} {
		y := weekly(evs, o.keep, o.fatalities)
		for _, lag := range []int{1, 0, -1} {
			res, err := escalation.Panel(y, shocks, escalation.PanelOptions{Lag: lag, Contemporaneous: lag == 0})
			if err != nil {
				t.Fatalf("%s, lag %d: %v", o.name, lag, err)
			}
			which := map[int]string{1: "week before (t−1)", 0: "same week (t)", -1: "week after (t+1, placebo)"}[lag]
			fmt.Fprintf(&b, "| %s | %.3f | %s | %+.3f [%+.3f, %+.3f] | %.2f | %+.0f%% |\n", o.name, res.Mean, which,
				res.Coef, res.Low, res.High, res.P, 100*res.Coef/res.Mean)
		}
	}
	var n float64
	for _, u := range shocks {
		for _, v := range u {
			n += v
		}
	}
	fmt.Fprintf(&b, "\n%d agencies × %d weeks (%s to %s); %.0f TBIJ strikes in them.\n", len(agencies), len(shocks[0]),
		escalation.DateOf(from).Format(time.DateOnly), escalation.DateOf(to).Format(time.DateOnly), n)
	t.Log(b.String())
}

// TestJaegerSiddiqueHawkes asks Jaeger and Siddique's question of a
// bivariate Hawkes process on the same period, strikes (TBIJ) and each
// outcome: the effect of one strike on the outcome's rate, with its
// interval, in the linear model (effects ≥ 0) and the softplus one, whose
// effects may be negative (deterrence). Day-resolution events are spread
// within their day (escalation.HawkesTimes), with the model's fixed seed.
func TestJaegerSiddiqueHawkes(t *testing.T) {
	evs := load(t, shared(t))
	strike := func(ev durand.Event) bool { return dataset_(ev) == "tbij" && ev.Mode == "drone" }
	outcomes := []struct {
		name string
		keep func(durand.Event) bool
	}{
		{"PBC suicide attacks", func(ev durand.Event) bool { return dataset_(ev) == "pbc" && ev.Mode == "suicide" }},
		{"UCDP one-sided TTP violence", func(ev durand.Event) bool { return dataset_(ev) == "ucdp" && has(ev.Source, "TTP") }},
	}
	days := func(keep func(durand.Event) bool) []int {
		var in []durand.Event
		for _, ev := range evs {
			if keep(ev) && (ev.Place == nil || ev.Place.Country == "PAK") {
				in = append(in, ev)
			}
		}
		occ, _ := escalation.Occurrences(in, durand.Day)
		var out []int
		for _, d := range escalation.Days(occ, escalation.Filter{}) {
			if d >= from && d <= to {
				out = append(out, d)
			}
		}
		return out
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| outcome | link | strikes → outcome (α) [95%%] | outcome → strikes (α) [95%%] | outcome's decay 1/β (days) | KS p (strikes, outcome) |\n|---|---|---|---|---|---|\n")
	for _, o := range outcomes {
		times, T, err := escalation.HawkesTimes([][]int{days(strike), days(o.keep)}, from, to, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, link := range []escalation.HawkesLink{escalation.HawkesLinear, escalation.HawkesSoftplus} {
			fit, err := escalation.FitHawkes(times, T, escalation.HawkesOptions{Link: link, Names: []string{"strikes", o.name}})
			if err != nil {
				t.Fatalf("%s, %v: %v", o.name, link, err)
			}
			a, r := fit.Alpha[1][0], fit.Alpha[0][1]
			fmt.Fprintf(&b, "| %s (%d) | %v | %+.3f [%+.3f, %+.3f] | %+.3f [%+.3f, %+.3f] | %.1f | %.2f, %.2f |\n", o.name, len(times[1]), link,
				a.Est, a.Lo, a.Hi, r.Est, r.Lo, r.Hi, 1/fit.Beta[1].Est, fit.GOF[0].P, fit.GOF[1].P)
			for _, n := range fit.Notes {
				fmt.Fprintf(&b, "note (%s, %v): %s\n", o.name, link, n)
			}
		}
	}
	fmt.Fprintf(&b, "\n%d TBIJ strikes in Pakistan, %s to %s.\n", len(days(strike)),
		escalation.DateOf(from).Format(time.DateOnly), escalation.DateOf(to).Format(time.DateOnly))
	t.Log(b.String())
}
