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
}

func TestLoadRejectsBadRows(t *testing.T) {
	if _, err := gazetteer.Load(strings.NewReader("x\tadm1\tName\tAFG\t\t\tnotanumber\t1\t0\t\n")); err == nil {
		t.Error("bad coordinate accepted")
	}
	if _, err := gazetteer.Load(strings.NewReader("too\tfew\n")); err == nil {
		t.Error("short row accepted")
	}
}
