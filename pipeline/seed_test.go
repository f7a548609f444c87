package pipeline

import (
	"testing"

	"github.com/durandhq/durand/eval"
)

// TestSeed is the project's first test: the op-ed durand began from must
// give the events its annotation lists (testdata/seed/gold.json).
func TestSeed(t *testing.T) {
	x := newExtractor(t)
	rep, err := eval.Seed(x, "../testdata/seed/gold.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failures {
		t.Log(f)
	}
	for _, s := range rep.Scores {
		t.Logf("%-28s %d/%d", s.Field, s.Correct, s.Total)
	}
	if s := rep.Get("events with all four right"); s.Value < 1 {
		t.Errorf("fewer than 11 of 12 required events with type, date, province and source country right: %s", s.Note)
	}
	for _, f := range []string{"fatalities", "injured", "vague count as range", "undated left undated", "at most two extra events", "opinions not extracted", "evidence spans"} {
		if s := rep.Get(f); s.Total == 0 || s.Correct != s.Total {
			t.Errorf("%s: %d of %d", f, s.Correct, s.Total)
		}
	}
}

var shared *Extractor

func newExtractor(t testing.TB) goldenX {
	t.Helper()
	if shared == nil {
		x, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		shared = x
	}
	return goldenX{Extractor: shared, rec: recorder(t)}
}
