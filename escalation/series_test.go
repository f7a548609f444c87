package escalation

import (
	"slices"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func event(id, start string, prec durand.DatePrecision, src, tgt string, typ durand.EventType, killed int) durand.Event {
	ev := durand.Event{ID: id, Type: typ, Fatalities: durand.NoCount}
	if start != "" {
		ev.Date = durand.Date{Start: day(start), End: day(start), Precision: prec}
	}
	if src != "" {
		ev.Source = []durand.Actor{{Code: durand.ActorCode(src)}}
	}
	if tgt != "" {
		ev.Target = []durand.Actor{{Code: durand.ActorCode(tgt)}}
	}
	if killed >= 0 {
		ev.Fatalities = durand.Exact(killed)
	}
	return ev
}

func TestOccurrencesAndBin(t *testing.T) {
	evs := []durand.Event{
		event("b", "2024-03-18", durand.Day, "PAK.MIL", "TTP", durand.Assault, 8),
		event("a", "2024-03-16", durand.Day, "TTP", "PAK.MIL", durand.Assault, 7),
		event("month", "2024-03-01", durand.Month, "TTP", "PAK.MIL", durand.Assault, 3),
		event("undated", "", durand.DateUnknown, "TTP", "PAK.MIL", durand.Assault, 1),
		event("c", "2024-03-25", durand.Day, "TTP", "CIV", durand.Assault, -1),
	}
	occ, dropped := Occurrences(evs, durand.Day)
	if dropped != 2 || len(occ) != 3 || occ[0].ID != "a" || occ[1].ID != "b" {
		t.Fatalf("occurrences %+v, dropped %d; want a, b, c in date order and 2 dropped", occ, dropped)
	}
	from := DayOf(day("2024-03-14"))
	ttp := Filter{Source: "TTP"}
	s := Bin(occ, ttp, from, from+13, 7)
	if !slices.Equal(s.Counts, []float64{1, 1}) || !slices.Equal(s.Fatalities, []float64{7, 0}) {
		t.Errorf("weekly TTP series %+v, want counts [1 1], fatalities [7 0]", s)
	}
	if got := Days(occ, Filter{Source: "PAK", Target: "TTP"}); !slices.Equal(got, []int{DayOf(day("2024-03-18"))}) {
		t.Errorf("PAK → TTP days %v", got)
	}
	if _, dropped := Occurrences(evs, durand.Month); dropped != 1 {
		t.Errorf("with month precision allowed, %d dropped, want 1 (the undated)", dropped)
	}
}

func TestParseFilter(t *testing.T) {
	f, err := ParseFilter("source=PAK, target=TTP,type=assault,mode=aerial,place=AFG,place=Khost")
	if err != nil {
		t.Fatal(err)
	}
	want := Filter{Source: "PAK", Target: "TTP", Types: []durand.EventType{durand.Assault}, Modes: []string{"aerial"}, Places: []string{"AFG", "Khost"}}
	if f.Source != want.Source || f.Target != want.Target || !slices.Equal(f.Types, want.Types) || !slices.Equal(f.Modes, want.Modes) || !slices.Equal(f.Places, want.Places) {
		t.Errorf("ParseFilter = %+v, want %+v", f, want)
	}
	for _, bad := range []string{"source", "colour=red", "type="} {
		if _, err := ParseFilter(bad); err == nil {
			t.Errorf("ParseFilter(%q) accepted", bad)
		}
	}
	if !Side("PAK").Has("PAK.MIL") || Side("PAK").Has("PAKISTAN") || !Side("").Has("X") {
		t.Error("Side.Has")
	}
}
