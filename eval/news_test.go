package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/recognize"
)

// TestNews: events are matched within an item by type family, evidence
// first; a casualty update is neither found nor wrong; fields are scored
// on matched events only, where the annotation gives them.
func TestNews(t *testing.T) {
	texts := map[string]string{}
	items, err := readJSONLines[newsItem]("testdata/news.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		texts[it.ID] = it.Text
	}
	span := func(id, quote string) []durand.Evidence {
		i := strings.Index(texts[id], quote)
		return []durand.Evidence{{Start: i, End: i + len(quote), Text: quote}}
	}
	day := func(s string) durand.Date {
		d, _ := time.Parse(time.DateOnly, s)
		return durand.Date{Start: d, End: d, Precision: durand.Day}
	}
	police := []durand.Actor{{Code: "OST.POL", Country: "OST", Sector: "police"}}
	x := fakeExtractor{
		texts["n1"]: {
			// FIGHT is in ASSAULT's family; the group by a word of its name.
			{Type: durand.Fight, Mode: "firearms", Source: []durand.Actor{{Code: "ZF", Name: "Zarkan Front", Sector: "insurgent"}}, Target: police,
				Place: &durand.Place{Name: "Velmor", Country: "OST"}, Date: day("2030-03-02"), Fatalities: durand.Exact(4), Injured: durand.NoCount,
				Evidence: span("n1", "attack")},
			// The update: neither right nor wrong.
			{Type: durand.Assault, Fatalities: durand.Exact(9), Evidence: span("n1", "rises to nine")},
		},
		// AGREE found, with the wrong place; its sources by country.
		texts["n2"]: {{Type: durand.Agree, Source: []durand.Actor{{Code: "PEL.GOV", Country: "PEL", Sector: "government"}},
			Place: &durand.Place{Name: "Pelland", Country: "PEL"}, Evidence: span("n2", "sign")}},
		// A storm read as an attack: wrong.
		texts["n3"]: {{Type: durand.Assault, Evidence: span("n3", "floods")}},
		// n4 missed: a PROTEST is not in ASSAULT's family.
		texts["n4"]: {{Type: durand.Protest, Evidence: span("n4", "shell")}},
	}
	lx := &recognize.Lexicon{Gazetteer: &gazetteer.Gazetteer{}, Agents: []*durand.Agent{{Name: "troops"}, {Name: "police"}}}
	rep, err := News(x, lx, "testdata/news.gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		"event recall":                      {2, 3},
		"event precision":                   {2, 4},
		"mode":                              {1, 1},
		"source (perpetrator or initiator)": {2, 2},
		"target":                            {1, 1},
		"country":                           {1, 2},
		"place":                             {1, 2},
		"date (the day)":                    {1, 2},
		"killed (best, low, high)":          {1, 1},
	}
	if rep.Records != 4 {
		t.Errorf("%d records, want 4", rep.Records)
	}
	for f, w := range want {
		if s := rep.Get(f); s.Correct != w[0] || s.Total != w[1] {
			t.Errorf("%s: %d of %d, want %d of %d", f, s.Correct, s.Total, w[0], w[1])
		}
	}
	if _, err := News(x, lx, "testdata/news.jsonl"); err == nil {
		t.Error("a corpus named as its gold file: no error")
	}
}
