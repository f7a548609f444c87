package eval

import (
	"testing"
	"time"
)

// TestAlign: each rule of the alignment, and the one-to-one choice.
func TestAlign(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2021, 1, d, 0, 0, 0, 0, time.UTC) }
	g := func(id string, d int, lat float64, district string, killed int) AlignRecord {
		return AlignRecord{ID: id, Lo: day(d), Hi: day(d), Lat: lat, Lon: 70, District: district, Killed: killed}
	}
	u := func(id string, d1, d2 int, lat float64, district string, low, high int) AlignRecord {
		return AlignRecord{ID: id, Lo: day(d1), Hi: day(d2), Lat: lat, Lon: 70, District: district, Killed: -1, Low: low, High: high}
	}
	tests := []struct {
		name string
		gtd  []AlignRecord
		ucdp []AlignRecord
		want []string // "gtd-ucdp"
	}{
		{"same day, district and toll", []AlignRecord{g("g1", 5, 33, "Bannu", 3)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 3, 3)}, []string{"g1-u1"}},
		{"a day after the range", []AlignRecord{g("g1", 6, 33, "Bannu", 3)}, []AlignRecord{u("u1", 4, 5, 33, "Bannu", 3, 3)}, []string{"g1-u1"}},
		{"two days after", []AlignRecord{g("g1", 7, 33, "Bannu", 3)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 3, 3)}, nil},
		{"two districts 20 km apart", []AlignRecord{g("g1", 5, 33, "Bannu", 3)}, []AlignRecord{u("u1", 5, 5, 33.18, "Lakki Marwat", 3, 3)}, []string{"g1-u1"}},
		{"two districts 30 km apart", []AlignRecord{g("g1", 5, 33, "Bannu", 3)}, []AlignRecord{u("u1", 5, 5, 33.27, "Lakki Marwat", 3, 3)}, nil},
		{"one district 60 km apart", []AlignRecord{g("g1", 5, 33, "Kech", 1)}, []AlignRecord{u("u1", 5, 5, 33.54, "Kech", 1, 1)}, []string{"g1-u1"}},
		{"toll 20% over high", []AlignRecord{g("g1", 5, 33, "Bannu", 12)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 8, 10)}, []string{"g1-u1"}},
		{"toll 30% over high", []AlignRecord{g("g1", 5, 33, "Bannu", 13)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 8, 10)}, nil},
		{"one dead against two", []AlignRecord{g("g1", 5, 33, "Bannu", 1)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 2, 2)}, []string{"g1-u1"}},
		{"none dead against one", []AlignRecord{g("g1", 5, 33, "Bannu", 0)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 1, 1)}, nil},
		{"none dead against a low of 0", []AlignRecord{g("g1", 5, 33, "Bannu", 0)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 0, 2)}, []string{"g1-u1"}},
		{"GTD toll unknown", []AlignRecord{g("g1", 5, 33, "Bannu", -1)}, []AlignRecord{u("u1", 5, 5, 33, "Bannu", 1, 1)}, nil},
		{"one-to-one: the same day wins", []AlignRecord{g("g1", 5, 33, "Bannu", 3), g("g2", 6, 33, "Bannu", 3)},
			[]AlignRecord{u("u1", 6, 6, 33, "Bannu", 3, 3)}, []string{"g2-u1"}},
		{"one-to-one: the closer toll wins", []AlignRecord{g("g1", 5, 33, "Bannu", 3)},
			[]AlignRecord{u("u1", 5, 5, 33, "Bannu", 2, 2), u("u2", 5, 5, 33.1, "Bannu", 3, 3)}, []string{"g1-u2"}},
		{"one-to-one: each keeps its own", []AlignRecord{g("g1", 5, 33, "Bannu", 2), g("g2", 5, 33, "Bannu", 3)},
			[]AlignRecord{u("u1", 5, 5, 33, "Bannu", 2, 2), u("u2", 5, 5, 33, "Bannu", 3, 3)}, []string{"g1-u1", "g2-u2"}},
	}
	for _, tt := range tests {
		pairs, _ := Align(tt.gtd, tt.ucdp)
		var got []string
		for _, p := range pairs {
			got = append(got, p.GTD+"-"+p.UCDP)
		}
		if len(got) != len(tt.want) || len(got) > 0 && got[0] != tt.want[0] || len(got) > 1 && got[1] != tt.want[1] {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestAlignmentFile: the committed alignment reads back, one-to-one.
func TestAlignmentFile(t *testing.T) {
	pairs, err := ReadAlignment("testdata/dedupe/align_gtd_ucdp_pak_2021q1.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) == 0 {
		t.Fatal("no pairs")
	}
	seen := map[string]bool{}
	for _, p := range pairs {
		if seen["g"+p.GTD] || seen["u"+p.UCDP] {
			t.Errorf("%s-%s: a record in two pairs", p.GTD, p.UCDP)
		}
		seen["g"+p.GTD], seen["u"+p.UCDP] = true, true
	}
}
