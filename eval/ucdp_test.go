package eval_test

import (
	"testing"

	"github.com/durandhq/durand/eval"
	"github.com/durandhq/durand/pipeline"
)

// TestUCDPSides: the named side is scored where a headline names it in
// whole words ("BLA" is not in "blasts"); a group named only in an SATP
// index title is scored apart; several groups named by durand find the
// side among them; a group the headline names is not invented, whatever
// UCDP coded, nor one a name there reads as where it fought ("Taliban
// gunmen" in Peshawar, which durand and UCDP read as the TTP).
func TestUCDPSides(t *testing.T) {
	checkUCDP(t, "testdata/ucdp_sides.csv", map[string][2]int{
		"named side found": {1, 1},
		"named side found, named only in an SATP index title": {0, 1},
		"no side invented": {2, 2},
	})
}

// TestUCDPCeiling: a row whose range holds a number the headline gives
// is within reach of reading the text, whatever durand counted ("two
// soldiers and three militants" split by UCDP into rows of 2 and 3); a
// row whose range holds none is not (five dead coded as 3).
func TestUCDPCeiling(t *testing.T) {
	checkUCDP(t, "testdata/ucdp_ceiling.csv", map[string][2]int{
		"deaths within low-high (headline gives a number)":                       {1, 4},
		"ceiling: durand's count or any number the headlines give within either": {3, 4},
	})
}

// checkUCDP scores the UCDP file at path and checks the fields of want,
// each {correct, total}.
func checkUCDP(t *testing.T, path string, want map[string][2]int) {
	t.Helper()
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.UCDP(x, x.Lexicon(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Scores {
		w, ok := want[s.Field]
		if !ok {
			continue
		}
		delete(want, s.Field)
		if s.Correct != w[0] || s.Total != w[1] {
			t.Errorf("%s: %d of %d, want %d of %d", s.Field, s.Correct, s.Total, w[0], w[1])
		}
	}
	for f := range want {
		t.Errorf("no score %q", f)
	}
	for _, m := range rep.Misses {
		t.Logf("miss %s: want %s, got %s: %q", m.Field, m.Want, m.Got, m.Text)
	}
}
