package escalation

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

// claimsSim is n days of TTP attacks (rate attack a day, plus provoke
// a day in the 30 days after a PAK action) and PAK actions against the
// TTP (rate act a day, plus one 1+Poisson(2) days after an attack with
// probability answer), half of them air strikes into Afghanistan.
func claimsSim(r *rand.Rand, n int, attack, act, answer, provoke float64) []Occurrence {
	var occ []Occurrence
	start := DayOf(day("2007-01-01"))
	raised := make([]int, n+60)
	acts := make([]int, n+60)
	for d := range n {
		for range retalPoisson(r, act) {
			acts[d]++
		}
		for range acts[d] {
			kind := Occurrence{Day: start + d, Source: []durand.ActorCode{"PAK.MIL"}, Target: []durand.ActorCode{"TTP"}, Dataset: "ucdp-ged", Fatalities: -1}
			if r.IntN(2) == 0 {
				kind.Target, kind.Country, kind.Mode = []durand.ActorCode{"AFG.TAL"}, "AFG", "aerial"
			}
			occ = append(occ, kind)
			for k := 1; k <= 30; k++ {
				raised[d+k] = 1
			}
		}
		rate := attack + provoke*float64(raised[d])
		for range retalPoisson(r, rate) {
			occ = append(occ, Occurrence{Day: start + d, Source: []durand.ActorCode{"TTP"}, Target: []durand.ActorCode{"PAK.POL"}, Dataset: "durand", Fatalities: 2})
			if r.Float64() < answer {
				acts[d+1+retalPoisson(r, 2)]++
			}
		}
	}
	return occ
}

func TestClaimsSimulated(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	occ := claimsSim(r, 5000, 0.05, 0.01, 0.2, 0.05)
	res, err := Claims(occ, ClaimsOptions{A: "PAK", B: "TTP",
		Actions: []Filter{{Source: "PAK", Target: "TTP"}, {Source: "PAK", Places: []string{"AFG"}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Sentences() {
		t.Log(s)
	}
	if f := res.Follow.Share; f.Days != 7 || f.P > 0.01 || f.Share <= f.NullHigh {
		t.Errorf("PAK answers TTP attacks within days, but the 7-day look-back share is %+v", f)
	}
	if d := res.Rate.Study.Diff; d.Low <= 0 || d.Low > 0.05 || d.High < 0.05 {
		t.Errorf("TTP attacks rise by 0.05 a day after PAK actions, but the change is %+v", d)
	}
	if res.Actions.Events == 0 || len(res.Actions.Datasets) != 1 || res.Actions.Datasets[0].Dataset != "ucdp-ged" {
		t.Errorf("actions %+v", res.Actions)
	}
	for _, want := range []string{"more often than unlinked timing", "a rise: provocation", "ucdp-ged", "durand"} {
		if !strings.Contains(strings.Join(res.Sentences(), " "), want) {
			t.Errorf("report does not say %q", want)
		}
	}

	// Only air strikes into Afghanistan (half the actions), no link.
	occ = claimsSim(r, 5000, 0.05, 0.02, 0, 0)
	res, err = Claims(occ, ClaimsOptions{A: "PAK", B: "TTP", Actions: []Filter{{Source: "PAK", Modes: []string{"aerial"}}}, Step: 7})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Sentences() {
		t.Log(s)
	}
	if f := res.Follow.Share; f.P < 0.01 {
		t.Errorf("unlinked sides: look-back share %+v", f)
	}
	if d := res.Rate.Study.Diff; d.Low > 0 || d.High < 0 || res.Rate.Study.Step != 7 {
		t.Errorf("no effect, but the weekly change is %+v", d)
	}
}

func TestClaimsErrors(t *testing.T) {
	occ := claimsSim(rand.New(rand.NewPCG(1, 1)), 400, 0.2, 0.05, 0, 0)
	if _, err := Claims(occ, ClaimsOptions{A: "IND", B: "TTP"}); err == nil || !strings.Contains(err.Error(), "no IND actions") {
		t.Errorf("no IND actions: %v", err)
	}
	if _, err := Claims(occ, ClaimsOptions{A: "PAK", B: "LeT", Actions: []Filter{{Source: "PAK"}}}); err == nil || !strings.Contains(err.Error(), "no LeT attacks") {
		t.Errorf("no LeT attacks: %v", err)
	}
	if _, err := Claims(occ, ClaimsOptions{A: "PAK", B: "TTP", From: DayOf(day("2007-02-01")), To: DayOf(day("2007-03-01"))}); err == nil {
		t.Error("a 29-day period gave no error")
	}
}

// TestClaimsTooFew checks that a side with fewer than ClaimsMinEvents
// events is refused, naming the side and its count, unless the minimum is
// lowered, and then the report opens with a warning.
func TestClaimsTooFew(t *testing.T) {
	occ := claimsSim(rand.New(rand.NewPCG(3, 3)), 1000, 0.02, 0.1, 0, 0)
	attacks := 0
	for _, o := range occ {
		if (Filter{Source: "TTP"}).Match(o) {
			attacks++
		}
	}
	if attacks == 0 || attacks >= ClaimsMinEvents {
		t.Fatalf("%d TTP attacks: the case needs between 1 and %d", attacks, ClaimsMinEvents-1)
	}
	for _, c := range []struct {
		min       int
		err, warn string
	}{
		{0, fmt.Sprintf("only %d TTP attacks", attacks), ""},
		{attacks + 1, fmt.Sprintf("fewer than %d", attacks+1), ""},
		{attacks, "", fmt.Sprintf("Warning: only %d TTP attacks, fewer than the %d", attacks, ClaimsMinEvents)},
		{-1, "", "Warning: only"},
	} {
		res, err := Claims(occ, ClaimsOptions{A: "PAK", B: "TTP", MinEvents: c.min, Retaliation: RetaliationOptions{Draws: 99, Boot: 99},
			EventStudy: EventStudyOptions{Placebos: 99, KeepOverlapping: true}})
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "percentage points") {
				t.Errorf("min %d: error %v, want one with %q and why", c.min, err, c.err)
			}
		case err != nil:
			t.Errorf("min %d: %v", c.min, err)
		case !strings.HasPrefix(res.Sentences()[0], c.warn) || len(res.Warnings) != 1:
			t.Errorf("min %d: report opens %q, want %q (warnings %q)", c.min, res.Sentences()[0], c.warn, res.Warnings)
		}
	}
}
