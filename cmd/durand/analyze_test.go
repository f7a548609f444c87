package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store/sqlite"
)

// The synthetic conflict of the analyze tests, five years with known
// timing: TTP attacks in Pakistan at 0.1 a day, three times that in the
// 30 days after each Pakistani air strike in Afghanistan (provocation);
// the air strikes every 60 to 90 days, on their own clock; and after
// each TTP attack, with probability 0.6, a Pakistani ground raid on the
// TTP exactly two days later (retaliation). A few events have a month's
// precision or no date, to be left out.
const (
	synthFrom       = "2010-01-01"
	synthDays       = 5 * 365
	synthAttackRate = 0.1
	synthProvoked   = 3.0
	synthRaidProb   = 0.6
	synthRaidLag    = 2
	synthCoarse     = 3 // month-precision events
	synthUndated    = 2
)

// synthEvents builds the synthetic conflict.
func synthEvents() []durand.Event {
	rng := rand.New(rand.NewPCG(28, 28))
	start, _ := time.Parse(time.DateOnly, synthFrom)
	day := func(d int) time.Time { return start.AddDate(0, 0, d) }
	var evs []durand.Event
	add := func(d int, src, tgt durand.ActorCode, mode, country, admin1 string) {
		ev := durand.Event{
			ID: fmt.Sprintf("synth:%d", len(evs)), Type: durand.Assault, Mode: mode,
			Source: []durand.Actor{{Code: src}}, Target: []durand.Actor{{Code: tgt}},
			Place: &durand.Place{Name: admin1, Admin1: admin1, Country: country},
			Date:  durand.Date{Start: day(d), End: day(d), Precision: durand.Day}, Modality: durand.Asserted,
			Fatalities: durand.Exact(rng.IntN(4)), Injured: durand.NoCount, Abducted: durand.NoCount, Confidence: 1,
			Origin: &durand.Origin{Dataset: "synthetic", Record: fmt.Sprint(len(evs))},
		}
		if rng.IntN(10) == 0 {
			ev.Fatalities = durand.NoCount
		}
		evs = append(evs, ev)
	}
	provoked := make([]bool, synthDays)
	for d := 20 + rng.IntN(30); d < synthDays; d += 60 + rng.IntN(31) {
		add(d, "PAK.MIL", "TTP", "aerial", "AFG", "Kunar")
		for k := d + 1; k <= d+30 && k < synthDays; k++ {
			provoked[k] = true
		}
	}
	for d := range synthDays {
		rate := synthAttackRate
		if provoked[d] {
			rate *= synthProvoked
		}
		for range synthPoisson(rng, rate) {
			add(d, "TTP", "PAK.POL", "explosive", "PAK", "Khyber Pakhtunkhwa")
			if rng.Float64() < synthRaidProb && d+synthRaidLag < synthDays {
				add(d+synthRaidLag, "PAK.MIL", "TTP", "ground", "PAK", "Khyber Pakhtunkhwa")
			}
		}
	}
	for i := range synthCoarse {
		add(400+i*100, "TTP", "PAK.POL", "explosive", "PAK", "Punjab")
		evs[len(evs)-1].Date.Precision = durand.Month
	}
	for range synthUndated {
		add(0, "TTP", "PAK.POL", "explosive", "PAK", "Punjab")
		evs[len(evs)-1].Date = durand.Date{Precision: durand.DateUnknown}
	}
	return evs
}

// synthPoisson draws a Poisson count by Knuth's method (small rates).
func synthPoisson(rng *rand.Rand, rate float64) int {
	n, p := 0, rng.Float64()
	for l := math.Exp(-rate); p > l; p *= rng.Float64() {
		n++
	}
	return n
}

// synthDB stores the synthetic conflict in a new database.
func synthDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "synth.db")
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutEvents(context.Background(), synthEvents()); err != nil {
		t.Fatal(err)
	}
	return db
}

// analyzeJSON runs an analyze subcommand with --format json and decodes
// its answer.
func analyzeJSON(t *testing.T, db string, args ...string) map[string]any {
	t.Helper()
	out, stderr, err := run(t, "", append([]string{"analyze"}, append(args, "--db", db, "--format", "json")...)...)
	if err != nil {
		t.Fatalf("analyze %v: %v\n%s", args, err, stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("analyze %v: not JSON: %v\n%s", args, err, out)
	}
	return m
}

// get walks a decoded JSON value by keys and indices.
func get(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: %q of a %T", path, k, v)
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("%v: no key %q in %v", path, k, keys(m))
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: index %d of %T", path, k, v)
			}
			v = a[k]
		}
	}
	return v
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func num(t *testing.T, v any, path ...any) float64 {
	t.Helper()
	f, ok := get(t, v, path...).(float64)
	if !ok {
		t.Fatalf("%v: %v is not a number", path, get(t, v, path...))
	}
	return f
}

// checkPlot checks that file was written and is a valid SVG (XML with
// an svg root) or PNG (decodes).
func checkPlot(t *testing.T, file string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("plot: %v", err)
	}
	switch filepath.Ext(file) {
	case ".png":
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", file, err)
		}
		if r := img.Bounds(); r.Dx() < 600 || r.Dy() < 400 {
			t.Errorf("%s: %v, too small to read", file, r)
		}
	case ".svg":
		dec := xml.NewDecoder(bytes.NewReader(b))
		var root string
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: not XML: %v", file, err)
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Local
			}
		}
		if root != "svg" {
			t.Errorf("%s: root element %q, want svg", file, root)
		}
	}
}

func TestAnalyzeSeries(t *testing.T) {
	db := synthDB(t)
	m := analyzeJSON(t, db, "series", "--period", "month", "--by", "dyad", "--sides", "PAK,TTP")
	evs := synthEvents()
	if got, want := num(t, m, "data", "events"), float64(len(evs)); got != want {
		t.Errorf("data.events %v, want %v", got, want)
	}
	if got := num(t, m, "data", "left_out"); got != synthCoarse+synthUndated {
		t.Errorf("data.left_out %v, want %d", got, synthCoarse+synthUndated)
	}
	total := num(t, m, "result", "events")
	if total != float64(len(evs)-synthCoarse-synthUndated) {
		t.Errorf("table total %v events", total)
	}
	rows := get(t, m, "result", "rows").([]any)
	var sum float64
	for _, r := range rows {
		row := r.(map[string]any)
		sum += row["events"].(float64)
		if s := row["source"]; s != "PAK" && s != "TTP" {
			t.Errorf("row with source %v: want the sides PAK or TTP", s)
		}
		if p := row["start"].(string); !strings.HasSuffix(p, "-01") {
			t.Errorf("monthly row starting %s", p)
		}
	}
	if sum != total {
		t.Errorf("rows add up to %v, total %v", sum, total)
	}

	m = analyzeJSON(t, db, "series", "--coarsest", "month")
	if got := num(t, m, "data", "left_out"); got != synthUndated {
		t.Errorf("--coarsest month: %v left out, want the %d undated", got, synthUndated)
	}

	out, _, err := run(t, "", "analyze", "series", "--db", db, "--period", "week", "--by", "dyad,mode", "--where", "source=PAK")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"left out for a date coarser than a day", "per week", "period      end         source  target  mode", "PAK     TTP     aerial"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%.600s", want, out)
		}
	}
	out, _, err = run(t, "", "analyze", "series", "--db", db, "--format", "csv", "--by", "type")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 || strings.Join(recs[0], ",") != "period,end,type,events,fatalities,unknown_tolls" {
		t.Errorf("csv: %v, %d records, header %v", err, len(recs), recs[0])
	}
}

func TestAnalyzeRetaliation(t *testing.T) {
	db := synthDB(t)
	m := analyzeJSON(t, db, "retaliation", "--a", "PAK", "--b", "TTP", "--draws", "199", "--boot", "199")
	// Backward is how PAK answers TTP: raids two days after attacks.
	for _, s := range get(t, m, "result", "backward", "shares").([]any) {
		days, share, high, p := num(t, s, "days"), num(t, s, "share"), num(t, s, "null_high"), num(t, s, "p")
		if days >= synthRaidLag && (share <= high || p > 0.01) {
			t.Errorf("PAK answering TTP within %v days: share %.2f, null high %.2f, p %.3f; want above the null", days, share, high, p)
		}
		if days < synthRaidLag && share > high {
			t.Errorf("PAK answering TTP within %v day: share %.2f above the null %.2f, yet raids come after %d days", days, share, high, synthRaidLag)
		}
	}
	if med := num(t, m, "result", "backward", "median_lag"); med != synthRaidLag {
		t.Errorf("PAK's median lag %v, want %d", med, synthRaidLag)
	}
	lags := get(t, m, "result", "backward", "lags").([]any)
	if top := num(t, lags[synthRaidLag], "share"); top < 0.4 {
		t.Errorf("share answered at lag %d: %.2f, want most", synthRaidLag, top)
	}

	plot := filepath.Join(t.TempDir(), "lags.svg")
	out, stderr, err := run(t, "", "analyze", "retaliation", "--db", db, "--a", "PAK", "--b", "TTP", "--draws", "99", "--boot", "99", "--plot", plot)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"TTP→PAK events answered by PAK→TTP", "3 days", "0.010", "Median lag: 2 days (95% interval 2 days to 2 days)"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	checkPlot(t, plot)
	out, _, err = run(t, "", "analyze", "retaliation", "--db", db, "--a", "PAK", "--b", "TTP", "--draws", "99", "--boot", "99", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if recs, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil || len(recs) < 20 || recs[0][2] != "measure" {
		t.Errorf("csv: %v, %d records", err, len(recs))
	}
}

func TestAnalyzeEventStudy(t *testing.T) {
	db := synthDB(t)
	plot := filepath.Join(t.TempDir(), "es.png")
	args := []string{"eventstudy", "--shock", "source=PAK,mode=aerial", "--outcome", "source=TTP", "--placebos", "299"}
	m := analyzeJSON(t, db, append(args, "--plot", plot)...)
	before, after := num(t, m, "result", "study", "before_rate"), num(t, m, "result", "study", "after_rate")
	low, p := num(t, m, "result", "study", "diff", "low"), num(t, m, "result", "study", "diff", "p")
	// The outcome triples after a shock: a rise beyond the placebos.
	if after < 2*before || low <= 0 || p > 0.01 {
		t.Errorf("rate %.3f before, %.3f after, difference's low %.3f, p %.3f: want a clear rise", before, after, low, p)
	}
	if used := num(t, m, "result", "study", "used"); used < 15 {
		t.Errorf("%v shocks used", used)
	}
	checkPlot(t, plot)

	m = analyzeJSON(t, db, append(args, "--weekly", "--before", "4", "--after", "4")...)
	if s, d := num(t, m, "result", "study", "step"), num(t, m, "result", "study", "diff", "low"); s != 7 || d <= 0 {
		t.Errorf("weekly: step %v, difference's low %v", s, d)
	}
	out, _, err := run(t, "", append([]string{"analyze", "--db", db}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"after − before", "rate before (per day)", "provocation, on this measure"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestAnalyzeVAR(t *testing.T) {
	db := synthDB(t)
	plot := filepath.Join(t.TempDir(), "irf.svg")
	m := analyzeJSON(t, db, "var", "--series", "ttp=source=TTP", "--series", "pak=source=PAK,mode=ground",
		"--replications", "50", "--plot", plot)
	if lags := num(t, m, "result", "var", "p"); lags < synthRaidLag {
		t.Errorf("VAR(%v): raids come %d days after attacks", lags, synthRaidLag)
	}
	for _, g := range get(t, m, "result", "var", "granger").([]any) {
		cause, p := get(t, g, "cause"), num(t, g, "p")
		if cause == "ttp" && p > 0.001 {
			t.Errorf("attacks → raids: Granger p %v, want < 0.001", p)
		}
		if cause == "pak" && p < 0.001 {
			t.Errorf("raids → attacks: Granger p %v, yet attacks do not follow raids", p)
		}
	}
	// The unit response of raids two days after one more attack is the
	// raid probability.
	for _, c := range get(t, m, "result", "var", "irf", "unit").([]any) {
		if get(t, c, "impulse") == "ttp" && get(t, c, "response") == "pak" {
			if v := num(t, c, "point", synthRaidLag); v < synthRaidProb-0.15 || v > synthRaidProb+0.15 {
				t.Errorf("raids %d days after one more attack: %.2f, want about %.1f", synthRaidLag, v, synthRaidProb)
			}
		}
	}
	checkPlot(t, plot)
	out, _, err := run(t, "", "analyze", "var", "--db", db, "--series", "source=TTP", "--series", "source=PAK,mode=ground",
		"--names", "attacks,raids", "--replications", "20", "--irf", "cumulative")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Granger causality", "attacks  raids", "< 0.001", "attacks → raids"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestAnalyzeClaims(t *testing.T) {
	db := synthDB(t)
	plot := filepath.Join(t.TempDir(), "claims.svg")
	args := []string{"claims", "--a", "PAK", "--b", "TTP", "--keep-overlapping", "--draws", "199", "--boot", "199", "--placebos", "199", "--replications", "50"}
	m := analyzeJSON(t, db, append(args, "--plot", plot)...)
	share, high := num(t, m, "result", "claims", "follow", "share", "share"), num(t, m, "result", "claims", "follow", "share", "null_high")
	if share <= high {
		t.Errorf("(a) share of PAK actions after a TTP attack %.2f, null high %.2f: want above", share, high)
	}
	ce := get(t, m, "result", "claims", "cross_effects", 0)
	if get(t, ce, "model") != "var" || !strings.HasPrefix(get(t, ce, "sentence").(string), "(c) In a VAR(") {
		t.Errorf("cross-effect %v", ce)
	}
	if lo, est, hi := num(t, ce, "low"), num(t, ce, "estimate"), num(t, ce, "high"); !(lo <= est && est <= hi) {
		t.Errorf("cross-effect %v outside its band [%v, %v]", est, lo, hi)
	}
	hk := get(t, m, "result", "claims", "cross_effects", 1)
	if get(t, hk, "model") != "hawkes" || !strings.HasPrefix(get(t, hk, "sentence").(string), "(d) In a Hawkes process") {
		t.Errorf("Hawkes cross-effect %v", hk)
	}
	// Strikes provoke attacks but are a tenth of the actions, and raids
	// (nine tenths) do not: a small effect, not a negative one.
	if lo, est, hi := num(t, hk, "low"), num(t, hk, "estimate"), num(t, hk, "high"); !(lo <= est && est <= hi) || hi <= 0 {
		t.Errorf("Hawkes cross-effect %v, interval [%v, %v]", est, lo, hi)
	}
	if n := len(get(t, m, "result", "sentences").([]any)); n != 5 {
		t.Errorf("%d sentences, want (a), (b), (c), (d) and the basis", n)
	}
	checkPlot(t, plot)
	out, _, err := run(t, "", append([]string{"analyze", "--db", db}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(a) Of the", "more often than unlinked timing gives", "(b) In the 30 days after", "(c) In a VAR(", "(d) hawkes: TTP attacks set off",
		"Rests on", "synthetic", "(a) share of PAK actions within 7 days after a TTP attack"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// TestAnalyzeUsageErrors checks that a bad flag gets exit status 2 (a
// usageError) and a message naming the flag and the reason.
func TestAnalyzeUsageErrors(t *testing.T) {
	db := synthDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"eventstudy", "--shock", "sorce=PAK", "--outcome", "source=TTP"}, `--shock: filter "sorce=PAK": unknown key "sorce"`},
		{[]string{"retaliation", "--a", "PAK", "--b", "TPP"}, "--b TPP: none of the"},
		{[]string{"retaliation", "--a", "PAK"}, "--a and --b"},
		{[]string{"claims", "--b", "XYZ"}, "side XYZ (sides there: PAK, TTP)"},
		{[]string{"series", "--period", "fortnight"}, `--period: period "fortnight"`},
		{[]string{"series", "--by", "colour"}, `--by "colour"`},
		{[]string{"series", "--format", "xml"}, `--format "xml"`},
		{[]string{"series", "--plot", "out.gif"}, `--plot "out.gif"`},
		{[]string{"series", "--from", "yesterday"}, "--from"},
		{[]string{"series", "--nope"}, "unknown flag: --nope"},
		{[]string{"var", "--series", "source=TTP"}, "at least two --series"},
		{[]string{"var", "--series", "source=TTP", "--series", "source=PAK", "--criterion", "hqic"}, `--criterion "hqic"`},
		{[]string{"var", "--series", "a=source=TTP", "--series", "b=source=PAK", "--order", "c"}, `--order "c": not a series`},
		{[]string{"bogus"}, `unknown subcommand "bogus"`},
	} {
		_, _, err := run(t, "", append(append([]string{"analyze"}, c.args...), "--db", db)...)
		if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want a usage error with %q", c.args, err, c.want)
		}
	}
	// No usage error, but data that cannot carry the answer: status 1.
	_, _, err := run(t, "", "analyze", "eventstudy", "--db", db, "--shock", "source=PAK,mode=naval", "--outcome", "source=TTP")
	if err == nil || errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "none of the") {
		t.Errorf("a shock filter matching nothing: %v", err)
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	st, err := sqlite.Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, _, err = run(t, "", "analyze", "series", "--db", empty)
	if err == nil || !strings.Contains(err.Error(), "no events to analyze") {
		t.Errorf("an empty store: %v", err)
	}
}

// TestAnalyzeExitStatus runs durand itself: a usage error exits with
// status 2, data that cannot carry the model with 1.
func TestAnalyzeExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	db := synthDB(t)
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"retaliation", "--a", "PAK", "--b", "TPP"}, 2},
		{[]string{"eventstudy", "--shock", "source=PAK,mode=naval", "--outcome", "source=TTP"}, 1},
	} {
		cmd := exec.Command(os.Args[0], append(append([]string{"analyze"}, c.args...), "--db", db)...)
		cmd.Env = append(os.Environ(), "DURAND_TEST_MAIN=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Run()
		if got := cmd.ProcessState.ExitCode(); got != c.want {
			t.Errorf("%v: exit status %d, want %d\n%s", c.args, got, c.want, stderr.String())
		}
	}
}

// TestHeatMapPlot checks the heat map the Hawkes excitation matrix is
// drawn with, a NaN cell and a negative one included.
func TestHeatMapPlot(t *testing.T) {
	dir := t.TempDir()
	m := [][]float64{{0.3, -0.1, 0}, {0.2, 0.1, math.NaN()}, {0, 0.05, 0.4}}
	for _, name := range []string{"h.svg", "h.png"} {
		f, err := heatMap("Excitation", "events per event", []string{"PAK", "TTP", "AFG"}, m)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.save(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		checkPlot(t, filepath.Join(dir, name))
	}
	if _, err := heatMap("x", "", []string{"a"}, [][]float64{{1, 2}}); err == nil {
		t.Error("a ragged matrix drew")
	}
}

// TestAnalyzeClaimsTooFew checks that claims refuses, in words, a side
// with fewer than 30 events (the data's fault: status 1), and answers
// with a warning first when --min-events lets it through.
func TestAnalyzeClaimsTooFew(t *testing.T) {
	db := synthDB(t)
	args := []string{"analyze", "claims", "--db", db, "--to", "2010-09-30", "--keep-overlapping", "--draws", "99", "--boot", "99",
		"--placebos", "99", "--replications", "20"}
	_, _, err := run(t, "", args...)
	if err == nil || errors.As(err, new(usageError)) || !regexp.MustCompile(`only \d+ PAK actions .* fewer than 30: .*percentage points`).MatchString(err.Error()) {
		t.Errorf("half a year of the synthetic conflict: %v, want a refusal naming PAK's actions, their count and why", err)
	}
	out, _, err := run(t, "", append(args, "--min-events", "-1")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Warning: only", "PAK actions, fewer than the 30", "(d) No Hawkes cross-effect:"} {
		if !strings.Contains(out, want) {
			t.Errorf("--min-events -1: report lacks %q:\n%s", want, out)
		}
	}
}
