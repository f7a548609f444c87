package data

import (
	"encoding/json"
	"io/fs"
	"testing"
)

// TestEmbedded checks the files the binary needs are inside it.
func TestEmbedded(t *testing.T) {
	for _, name := range []string{"gazetteer.tsv", "countries.tsv", "actors.tsv", "agents.tsv", "triggers.tsv", "ontology.tsv", "places_manual.tsv", "acled_types.tsv", "gtd_types.tsv", "dedupe.tsv", "sources.md"} {
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	want := map[string]int{"boundaries/afg_adm1.geojson": 34, "boundaries/pak_adm1.geojson": 7, "boundaries/afg_adm2.geojson": 398, "boundaries/pak_adm2.geojson": 126}
	for name, n := range want {
		b, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatal(err)
		}
		var fc struct {
			Features []struct {
				Properties struct{ Name string }
				Geometry   struct{ Type string }
			}
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(fc.Features) != n {
			t.Errorf("%s: %d features, want %d", name, len(fc.Features), n)
		}
		for _, f := range fc.Features {
			if f.Properties.Name == "" || (f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon") {
				t.Errorf("%s: feature %+v", name, f)
				break
			}
		}
	}
}
