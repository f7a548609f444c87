package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/durandhq/durand"
)

type want struct {
	Events  int    `json:"events"`
	Type    string `json:"type"`
	Mode    string `json:"mode"`
	Admin1  string `json:"admin1"`
	Country string `json:"country"`
	Killed  *int   `json:"killed"`
	Injured *int   `json:"injured"`
}

// TestExtract runs each testdata/extract/*.txtar scenario: an article, its
// publication date and what must come out.
func TestExtract(t *testing.T) {
	files, _ := filepath.Glob("../testdata/extract/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	x := newExtractor(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sec := map[string]string{}
			for _, fl := range ar.Files {
				sec[fl.Name] = string(fl.Data)
			}
			pub, _ := time.Parse("2006-01-02", strings.TrimSpace(sec["published"]))
			var w want
			if err := json.Unmarshal([]byte(sec["want.json"]), &w); err != nil {
				t.Fatal(err)
			}
			evs := x.Extract(durand.Document{ID: "t", Published: pub, Text: strings.TrimSpace(sec["article.txt"])})
			if len(evs) != w.Events {
				for _, e := range evs {
					b, _ := json.Marshal(e)
					t.Log(string(b))
				}
				t.Fatalf("%d events, want %d", len(evs), w.Events)
			}
			if w.Events == 0 {
				return
			}
			e := evs[0]
			if string(e.Type) != w.Type || (w.Mode != "" && e.Mode != w.Mode) {
				t.Errorf("type %s/%s, want %s/%s", e.Type, e.Mode, w.Type, w.Mode)
			}
			if w.Admin1 != "" && (e.Place == nil || e.Place.Admin1 != w.Admin1 || e.Place.Country != w.Country) {
				t.Errorf("place %+v, want %s, %s", e.Place, w.Admin1, w.Country)
			}
			if w.Killed != nil && e.Fatalities.Best != *w.Killed {
				t.Errorf("killed %+v, want %d", e.Fatalities, *w.Killed)
			}
			if w.Injured != nil && e.Injured.Best != *w.Injured {
				t.Errorf("injured %+v, want %d", e.Injured, *w.Injured)
			}
		})
	}
}

// TestContract checks the JSON shape other tools parse: every documented
// field present, nulls for absent values, evidence offsets into the text.
func TestContract(t *testing.T) {
	x := newExtractor(t)
	b, err := os.ReadFile("../testdata/seed/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)
	evs := x.Extract(durand.Document{ID: "seed", Published: pub, Text: string(b)})
	if len(evs) == 0 {
		t.Fatal("no events")
	}
	fields := []string{"id", "type", "mode", "contexts", "acled_type", "acled_subtype", "cameo", "source", "target", "place",
		"date", "fatalities", "injured", "modality", "claimed_by", "confidence", "docs", "sources", "evidence"}
	for _, e := range evs {
		raw, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		for _, f := range fields {
			if _, ok := m[f]; !ok {
				t.Errorf("field %q missing in %s", f, raw)
			}
		}
		for _, ev := range e.Evidence {
			if ev.Doc != "seed" || string(b[ev.Start:ev.End]) != ev.Text {
				t.Errorf("evidence %+v does not index the text", ev)
			}
		}
		var back durand.Event
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatalf("round trip: %v", err)
		}
		if back.ID != e.ID || back.Date.Start != e.Date.Start || back.Fatalities != e.Fatalities {
			t.Errorf("round trip changed the event: %+v vs %+v", back, e)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("Militants killed seven soldiers in North Waziristan on April 16, 2022.")
	f.Add("between November 2021 and June 2022 \xff the 18 of March")
	f.Add("“Such incidents can have very bad consequences” at least five dead, dozens of")
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, e := range x.Extract(durand.Document{ID: "f", Published: time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC), Text: text}) {
			for _, ev := range e.Evidence {
				if ev.Start < 0 || ev.End > len(text) || ev.Start > ev.End {
					t.Fatalf("evidence %+v outside the text", ev)
				}
			}
		}
	})
}
