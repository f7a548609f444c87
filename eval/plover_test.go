package eval

import (
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/recognize"
)

// fakeExtractor returns the events set for each text: the scorer is
// tested here, the pipeline elsewhere.
type fakeExtractor map[string][]durand.Event

func (f fakeExtractor) Extract(d durand.Document) []durand.Event { return f[d.Text] }
func (f fakeExtractor) Locate(durand.Document) *durand.Place     { return nil }

// TestPlover: PLOVER 0.5 categories are read as current PLOVER, the sides
// are scored only where a state durand knows is coded, braces are markup,
// and a count's range is accepted.
func TestPlover(t *testing.T) {
	lx := &recognize.Lexicon{Countries: map[string]string{"GRC": "Greece", "SRB": "Serbia", "IRQ": "Iraq", "FRA": "France", "LBR": "Liberia"}}
	state := func(iso string) []durand.Actor {
		return []durand.Actor{{Code: durand.ActorCode(iso + ".GOV"), Country: iso, Sector: "government"}}
	}
	x := fakeExtractor{
		// DEMAND is REQUEST now; the source is right.
		"Greece demanded that its partners refuse to recognize the republic.": {{Type: durand.Request, Source: state("GRC")}},
		// CAMEO's FIGHT is durand's ASSAULT; the braces are gone.
		"Serb gunners shelled the town.": {{Type: durand.Assault, Source: state("SRB")}},
		// Best 4 with the bomber, low 3: within the range.
		"At least three Iraqi civilians have been killed in a suicide car bombing.": {{Type: durand.Assault, Target: state("IRQ"), Fatalities: durand.Count{Best: 4, Low: 3, High: durand.Unknown}}},
		// Found nothing.
	}
	rep, err := Plover(x, lx, "testdata/plover_gsr.json")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		"event found": {3, 4},
		"category found (any event of the sentence)":     {3, 4},
		"category of the first event":                    {3, 4},
		"source state (events of the category)":          {2, 3},
		"target state (events of the category)":          {1, 2},
		"killed, best or within low..high (where coded)": {1, 1},
		"category found, AGREE":                          {0, 1},
		"category found, FIGHT":                          {1, 1},
	}
	if rep.Records != 4 {
		t.Errorf("%d records, want 4 (the DOCUMENT record has no text)", rep.Records)
	}
	for f, w := range want {
		if s := rep.Get(f); s.Correct != w[0] || s.Total != w[1] {
			t.Errorf("%s: %d of %d, want %d of %d", f, s.Correct, s.Total, w[0], w[1])
		}
	}
	if _, err := Plover(x, lx, "testdata/ucdp_sides.csv"); err == nil {
		t.Error("a CSV file read as PLOVER records: no error")
	}
}
