package gazetteer_test

import (
	"strings"
	"testing"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/gazetteer"
)

func TestShipped(t *testing.T) {
	f, err := data.FS.Open("gazetteer.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gazetteer.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range g.Entries {
		count[e.Country+"/"+string(e.Kind)]++
	}
	if count["AFG/adm1"] != 34 || count["PAK/adm1"] != 7 {
		t.Errorf("provinces: AFG %d (want 34), PAK %d (want 7)", count["AFG/adm1"], count["PAK/adm1"])
	}
	kp := g.Unit("PAK", gazetteer.Admin1, "Khyber Pakhtunkhwa")
	nw := g.Unit("PAK", gazetteer.Admin2, "North Waziristan")
	if kp == nil || nw == nil || !nw.Within(kp) {
		t.Fatalf("North Waziristan must lie in Khyber Pakhtunkhwa after the 2018 merger: %+v %+v", nw, kp)
	}
	if !strings.Contains(strings.Join(kp.Names, "|"), "FATA") {
		t.Error("the old FATA name must resolve to Khyber Pakhtunkhwa")
	}
	if g.Get("durand:torkham") == nil {
		t.Error("hand-added Torkham missing")
	}
	// A district is in the province its list gives where the list's
	// point strays a little over the border, in the polygon's where the
	// list is far off.
	for district, province := range map[string]string{"Shindand": "Herat", "Mahmud Raqi": "Kapisa", "Rokha": "Panjshir", "Barmal": "Paktika"} {
		if d := g.Unit("AFG", gazetteer.Admin2, district); d == nil || d.Admin1 != province {
			t.Errorf("district %s: %+v, want it in %s", district, d, province)
		}
	}
	// No name shows the source's "?" for a letter it lost.
	for _, e := range g.Entries {
		if strings.Contains(e.Name, "?") {
			t.Errorf("%s: name %q", e.ID, e.Name)
		}
	}
}

// TestLoadRejectsBadRows: a line that is not an entry is an error naming
// it; NaN points, unknown kinds and a second entry under one id were
// loaded (the second hiding the first from Get).
func TestLoadRejectsBadRows(t *testing.T) {
	const ok = "a\tadm1\tName\tAFG\t\t\t1\t1\t0\t\n"
	for _, c := range []struct{ in, err string }{
		{"x\tadm1\tName\tAFG\t\t\tnotanumber\t1\t0\t\n", "gazetteer line 1: bad number"},
		{"too\tfew\n", "gazetteer line 1: 2 columns, want 10"},
		{ok + "x\tadm1\tName\tAFG\t\t\tNaN\t1\t0\t\n", "gazetteer line 2: point NaN, 1 is not on the globe"},
		{"x\tadm1\tName\tAFG\t\t\t1\t181\t0\t\n", "gazetteer line 1: point 1, 181 is not on the globe"},
		{"x\ttown\tName\tAFG\t\t\t1\t1\t-3\t\n", "gazetteer line 1: population -3"},
		{"x\tplanet\tName\tAFG\t\t\t1\t1\t0\t\n", `gazetteer line 1: kind "planet" is not one of`},
		{"\tadm1\tName\tAFG\t\t\t1\t1\t0\t\n", "gazetteer line 1: no id or name"},
		{ok + "# c\n" + ok, `gazetteer line 3: id "a" given twice`},
	} {
		if _, err := gazetteer.Load(strings.NewReader(c.in)); err == nil || !strings.HasPrefix(err.Error(), c.err) {
			t.Errorf("Load(%q): %v, want %q", c.in, err, c.err)
		}
	}
}

// TestUnitKey: a unit is found by its own country, kind and name, never by
// another's that joins to the same string ("X" "adm1" "Y/adm2/z" and
// "X/adm1/y" "adm2" "z" were one key).
func TestUnitKey(t *testing.T) {
	g, err := gazetteer.Load(strings.NewReader("a\tadm1\tY/adm2/z\tX\t\t\t1\t1\t0\t\nb\tadm2\tz\tX/adm1/y\t\t\t1\t1\t0\t\n"))
	if err != nil {
		t.Fatal(err)
	}
	if u := g.Unit("X", gazetteer.Admin1, "Y/adm2/z"); u == nil || u.ID != "a" {
		t.Errorf("unit %+v, want a", u)
	}
}

func TestLocate(t *testing.T) {
	b, err := gazetteer.LoadBoundaries(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lat, lon        float64
		country, a1, a2 string
	}{
		{32.95, 70.31, "PAK", "Khyber Pakhtunkhwa", "North Waziristan"}, // Mir Ali
		{34.53, 69.17, "AFG", "Kabul", "Kabul"},
		{30.18, 67.00, "PAK", "Balochistan", "Quetta"},
		{33.34, 69.92, "AFG", "Khost", ""},
		{51.5, -0.12, "", "", ""}, // London: outside every polygon
	} {
		country, a1, a2, ok := b.Locate(c.lat, c.lon)
		if country != c.country || a1 != c.a1 || (c.a2 != "" && a2 != c.a2) || ok != (c.country != "") {
			t.Errorf("Locate(%v, %v) = %q %q %q %v; want %q %q %q", c.lat, c.lon, country, a1, a2, ok, c.country, c.a1, c.a2)
		}
	}
}
