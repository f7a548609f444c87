package escalation

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

// hawkesReportOccurrences are two sides' events drawn from a known
// Hawkes process over two years, from day 18000: B answers A within
// days, A ignores B. A's events target B and B's target A.
func hawkesReportOccurrences(t testing.TB) []Occurrence {
	t.Helper()
	p := HawkesParams{Link: HawkesLinear, Mu: []float64{0.15, 0.05}, Alpha: [][]float64{{0, 0}, {0.6, 0}}, Beta: []float64{1, 0.5}}
	times, err := SimulateHawkes(p, 730, rand.New(rand.NewPCG(3, 28)))
	if err != nil {
		t.Fatal(err)
	}
	var occ []Occurrence
	for i, side := range []durand.ActorCode{"AAA.MIL", "BBB"} {
		other := []durand.ActorCode{"BBB", "AAA.POL"}[i]
		for _, tm := range times[i] {
			occ = append(occ, Occurrence{Day: 18000 + int(tm), Source: []durand.ActorCode{side}, Target: []durand.ActorCode{other},
				Type: durand.Assault, Fatalities: -1})
		}
	}
	return occ
}

// TestHawkesReport checks that the report holds the fit, its effects in
// events per event, the forecast of the horizon and one counterfactual
// per effect asked for, with the same random steps giving the same
// report.
func TestHawkesReport(t *testing.T) {
	occ := hawkesReportOccurrences(t)
	var ps []HawkesProcess
	for _, s := range []Side{"AAA", "BBB"} {
		p, err := SideProcess(s, "type=ASSAULT")
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	opt := HawkesReportOptions{Horizon: 10, Draws: 10, Paths: 3, Counterfactuals: []HawkesEffect{{Source: 0, Target: 1}},
		Rand: func() *rand.Rand { return rand.New(rand.NewPCG(9, 9)) }}
	rep, err := Hawkes(occ, ps, 18000, 18729, opt)
	if err != nil {
		t.Fatal(err)
	}
	if ps[1].Filter != "source=BBB,type=ASSAULT" || rep.Horizon.Days != 10 || rep.Horizon.From != 18730 || rep.Horizon.To != 18739 {
		t.Errorf("filter %q, horizon %+v", ps[1].Filter, rep.Horizon)
	}
	for i := range 2 {
		for j := range 2 {
			if want, _ := rep.Fit.Triggered(i, j); rep.Triggered[i][j] != want {
				t.Errorf("triggered[%d][%d] = %v, the fit's %v", i, j, rep.Triggered[i][j], want)
			}
		}
	}
	if lo := rep.Triggered[1][0].Lo; lo <= 0.2 {
		t.Errorf("B's events per event of A: interval from %.2f, made with 0.6", lo)
	}
	if len(rep.Forecast.Counts) != 2 || rep.Forecast.Draws != 10 || len(rep.Counterfactuals) != 1 || rep.Counterfactuals[0].Source != 0 {
		t.Errorf("forecast %+v, counterfactuals %d", rep.Forecast, len(rep.Counterfactuals))
	}
	again, err := Hawkes(occ, ps, 18000, 18729, opt)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := MarshalResult(rep)
	b, _ := MarshalResult(again)
	if string(a) != string(b) {
		t.Error("the same options twice, two reports")
	}
}

// TestHawkesReportRefuses checks what Hawkes and its helpers refuse.
func TestHawkesReportRefuses(t *testing.T) {
	occ := hawkesReportOccurrences(t)
	a, _ := SideProcess("AAA", "")
	b, _ := SideProcess("BBB", "")
	for _, c := range []struct {
		name    string
		ps      []HawkesProcess
		from    int
		opt     HawkesReportOptions
		is      error
		message string
	}{
		{"no processes", nil, 18000, HawkesReportOptions{}, nil, "no processes"},
		{"too few", []HawkesProcess{a, b}, 18700, HawkesReportOptions{}, ErrTooFewEvents, "a process needs among 2"},
		{"too few for the minimum", []HawkesProcess{a, b}, 18000, HawkesReportOptions{MinEvents: 100_000}, ErrTooFewEvents, "fewer than the 100000"},
		{"too many", []HawkesProcess{a, b}, 18000, HawkesReportOptions{MaxEvents: 10}, ErrTooManyEvents, "at most 10"},
		{"horizon", []HawkesProcess{a, b}, 18000, HawkesReportOptions{Horizon: -1}, nil, "horizon"},
	} {
		_, err := Hawkes(occ, c.ps, c.from, 18729, c.opt)
		if err == nil || c.is != nil && !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.message) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.message)
		}
	}
	if _, err := SideProcess("AAA", "source=BBB"); err == nil || !strings.Contains(err.Error(), "names a source") {
		t.Errorf("a where with a source: %v", err)
	}
	if _, err := SideProcess("AAA", "colour=red"); err == nil {
		t.Error("a where with an unknown key is taken")
	}
	for s, want := range map[string]string{"AAA": "want SOURCE>TARGET", "AAA>CCC": "name two processes (processes: AAA, BBB)"} {
		if _, err := ParseHawkesEffect(s, []HawkesProcess{a, b}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one saying %q", s, err, want)
		}
	}
	if e, err := ParseHawkesEffect(" BBB > AAA", []HawkesProcess{a, b}); err != nil || e != (HawkesEffect{Source: 1, Target: 0}) {
		t.Errorf("BBB > AAA: %+v, %v", e, err)
	}
}
