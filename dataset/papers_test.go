package dataset_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/durandhq/durand"
)

// TestImportTBIJ imports the Bureau of Investigative Journalism's two
// strike sheets, rows with one bad value each.
func TestImportTBIJ(t *testing.T) {
	for _, c := range []struct{ file, what string }{
		{"pakistan.csv", `"-" counts unknown, "Unknown" location at the area, "Remains Unknown" no point; 30 February, max below min, a point without its comma, latitude 95, an ISO date, no id and a word refused`},
		{"afghanistan.csv", "not reportedly a drone is aerial; the reported target group is the target; month 13 refused"},
	} {
		t.Run(c.file, func(t *testing.T) { checkImport(t, "tbij", "tbij", c.file) })
	}
}

// TestImportPBC imports Pakistan Body Count's two lists, rows with one
// bad value each.
func TestImportPBC(t *testing.T) {
	for _, c := range []struct{ file, what string }{
		{"suicide.csv", "FATA and Baluchistan spelt as the gazetteer does; no point: the province; max below min, _71.57 and a date without its weekday refused"},
		{"drone.csv", `"Total Died Mix" is the maximum; max below min refused`},
	} {
		t.Run(c.file, func(t *testing.T) { checkImport(t, "pbc", "pbc", c.file) })
	}
}

// TestImportPapersActors checks how each list's rows are coded: TBIJ's
// and PBC's drone strikes as extraction codes "a US drone strike killed
// militants", PBC's suicide attacks as "a suicide bomber".
func TestImportPapersActors(t *testing.T) {
	for _, c := range []struct {
		format, file, id string
		src, tgt         durand.ActorCode
		mode             string
	}{
		{"tbij", "pakistan.csv", "tbij:T1", "USA.MIL", "REB", "drone"},
		{"tbij", "afghanistan.csv", "tbij:A1", "USA.MIL", "ISKP", "drone"},
		{"tbij", "afghanistan.csv", "tbij:A2", "USA.MIL", "TAL", "aerial"},
		{"tbij", "afghanistan.csv", "tbij:A3", "USA.MIL", "REB", "drone"},
		{"pbc", "suicide.csv", "pbc:suicide-1", "UNK", "", "suicide"},
		{"pbc", "drone.csv", "pbc:drone-1", "USA.MIL", "REB", "drone"},
	} {
		raw, err := os.ReadFile(filepath.Join("testdata", "import", c.format, c.file))
		if err != nil {
			t.Fatal(err)
		}
		evs, _ := read(t, c.format, c.file, raw)
		var ev *durand.Event
		for i := range evs {
			if evs[i].ID == c.id {
				ev = &evs[i]
			}
		}
		if ev == nil {
			t.Errorf("%s: no event %s", c.file, c.id)
			continue
		}
		var src, tgt durand.ActorCode
		if len(ev.Source) > 0 {
			src = ev.Source[0].Code
		}
		if len(ev.Target) > 0 {
			tgt = ev.Target[0].Code
		}
		if src != c.src || tgt != c.tgt || ev.Mode != c.mode || ev.Type != durand.Assault {
			t.Errorf("%s: %s→%s %s/%s, want %s→%s ASSAULT/%s", c.id, src, tgt, ev.Type, ev.Mode, c.src, c.tgt, c.mode)
		}
	}
}

// TestImportFixtures reads the real lists from ../shared/data/fixtures,
// where they are (evaluation only: never copied here), and counts the rows
// each importer keeps; the refused rows are the lists' own faults (a
// maximum below its minimum, a longitude "_71.456944").
func TestImportFixtures(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "fixtures")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no fixtures: %v", err)
	}
	for _, c := range []struct {
		format, file string
		events, bad  int
	}{
		{"tbij", "tbij_pakistan_strikes.csv", 429, 1},
		{"tbij", "tbij_afghanistan_strikes.csv", 502, 0},
		{"pbc", "pbc_pakistan_suicide_attacks.csv", 489, 3},
		{"pbc", "pbc_pakistan_drone_attacks.csv", 404, 0},
	} {
		raw, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		evs, errs := read(t, c.format, c.file, raw)
		if len(evs) != c.events || len(errs) != c.bad {
			t.Errorf("%s: %d events, %d rows refused %v; want %d and %d", c.file, len(evs), len(errs), errs, c.events, c.bad)
		}
	}
}
