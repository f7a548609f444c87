package escalation

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

func TestPeriodFloorNext(t *testing.T) {
	tests := []struct {
		p          Period
		day        string
		floor, nxt string
	}{
		{Daily, "2024-03-16", "2024-03-16", "2024-03-17"},
		{Weekly, "2024-03-16", "2024-03-11", "2024-03-18"}, // a Saturday: its week began Monday 11th
		{Weekly, "2024-03-11", "2024-03-11", "2024-03-18"},
		{Weekly, "1969-12-31", "1969-12-29", "1970-01-05"}, // before day 0
		{Monthly, "2024-02-29", "2024-02-01", "2024-03-01"},
		{Monthly, "2023-12-31", "2023-12-01", "2024-01-01"},
		{Monthly, "1965-07-04", "1965-07-01", "1965-08-01"},
	}
	for _, tt := range tests {
		d := DayOf(day(tt.day))
		if got := DateOf(tt.p.Floor(d)).Format("2006-01-02"); got != tt.floor {
			t.Errorf("%v.Floor(%s) = %s, want %s", tt.p, tt.day, got, tt.floor)
		}
		if got := DateOf(tt.p.Next(d)).Format("2006-01-02"); got != tt.nxt {
			t.Errorf("%v.Next(%s) = %s, want %s", tt.p, tt.day, got, tt.nxt)
		}
	}
	for _, s := range []string{"day", "Weekly", "month"} {
		p, err := ParsePeriod(s)
		if err != nil || !strings.EqualFold(strings.TrimSuffix(strings.ToLower(s), "ly"), p.String()) {
			t.Errorf("ParsePeriod(%q) = %v, %v", s, p, err)
		}
	}
	if _, err := ParsePeriod("fortnight"); err == nil {
		t.Error("ParsePeriod accepted fortnight")
	}
}

func TestBinCalendarMonths(t *testing.T) {
	occ := []Occurrence{
		{Day: DayOf(day("2024-01-31")), Source: []durand.ActorCode{"TTP"}, Fatalities: 2},
		{Day: DayOf(day("2024-02-01")), Source: []durand.ActorCode{"TTP"}, Fatalities: -1},
		{Day: DayOf(day("2024-02-29")), Source: []durand.ActorCode{"TTP"}, Fatalities: 5},
		{Day: DayOf(day("2024-03-20")), Source: []durand.ActorCode{"PAK.MIL"}, Fatalities: 1},
	}
	s := BinCalendar(occ, Filter{Source: "TTP"}, DayOf(day("2024-01-15")), DayOf(day("2024-03-10")), Monthly)
	starts := []int{DayOf(day("2024-01-01")), DayOf(day("2024-02-01")), DayOf(day("2024-03-01"))}
	if !slices.Equal(s.Starts, starts) || !slices.Equal(s.Days, []int{17, 29, 10}) ||
		!slices.Equal(s.Counts, []float64{1, 2, 0}) || !slices.Equal(s.Fatalities, []float64{2, 5, 0}) {
		t.Errorf("monthly TTP series %+v; want starts %v, days [17 29 10], counts [1 2 0], fatalities [2 5 0]", s, starts)
	}
	if e := BinCalendar(occ, Filter{}, 10, 9, Monthly); len(e.Counts) != 0 {
		t.Errorf("empty span gave %+v", e)
	}
}

func tableOcc(date, src, tgt string, typ durand.EventType, admin1 string, killed int) Occurrence {
	o := Occurrence{Day: DayOf(day(date)), Type: typ, Admin1: admin1, Country: "PAK", Fatalities: killed}
	for c := range strings.SplitSeq(src, " ") {
		if c != "" {
			o.Source = append(o.Source, durand.ActorCode(c))
		}
	}
	for c := range strings.SplitSeq(tgt, " ") {
		if c != "" {
			o.Target = append(o.Target, durand.ActorCode(c))
		}
	}
	return o
}

func TestTabulate(t *testing.T) {
	occ := []Occurrence{
		tableOcc("2024-03-01", "TTP", "PAK.MIL", durand.Assault, "Khyber Pakhtunkhwa", 7),
		tableOcc("2024-03-03", "TTP", "PAK.POL", durand.Assault, "Khyber Pakhtunkhwa", -1),
		tableOcc("2024-03-05", "PAK.MIL AFG.MIL", "TTP", durand.Fight, "Khyber Pakhtunkhwa", 3),
		tableOcc("2024-03-18", "PAK.MIL", "TTP USA", durand.Assault, "Balochistan", 8),
		tableOcc("2024-04-02", "", "CIV", durand.Assault, "Punjab", 2),
	}
	sides := []Side{"PAK", "TTP", "AFG"}
	tab, err := Tabulate(occ, Filter{}, TableOptions{Period: Monthly, By: []TableKey{KeyDyad}, Sides: sides})
	if err != nil {
		t.Fatal(err)
	}
	got := tableText(tab)
	want := []string{
		"2024-03-01 2024-03-31 PAK TTP+other 1 8 0",
		"2024-03-01 2024-03-31 PAK+AFG TTP 1 3 0",
		"2024-03-01 2024-03-31 TTP PAK 2 7 1",
		"2024-04-01 2024-04-30  other 1 2 0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("monthly dyads:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tab.Events != len(occ) || tab.Fatalities != 20 || tab.UnknownTolls != 1 {
		t.Errorf("totals %d events, %d killed, %d unknown; want 5, 20, 1 (each event once)", tab.Events, tab.Fatalities, tab.UnknownTolls)
	}

	// Grouped by prefix, weekly, by place, filled: the week of 11 March
	// has no event and gets a zero row per place seen.
	tab, err = Tabulate(occ, Filter{Source: "PAK"}, TableOptions{Period: Weekly, By: []TableKey{KeyDyad, KeyPlace}, Fill: true})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{
		"2024-03-04 2024-03-10 AFG+PAK TTP PAK Khyber Pakhtunkhwa 1 3 0",
		"2024-03-04 2024-03-10 PAK TTP+USA PAK Balochistan 0 0 0",
		"2024-03-11 2024-03-17 AFG+PAK TTP PAK Khyber Pakhtunkhwa 0 0 0",
		"2024-03-11 2024-03-17 PAK TTP+USA PAK Balochistan 0 0 0",
		"2024-03-18 2024-03-24 AFG+PAK TTP PAK Khyber Pakhtunkhwa 0 0 0",
		"2024-03-18 2024-03-24 PAK TTP+USA PAK Balochistan 1 8 0",
	}
	if got := tableText(tab); !slices.Equal(got, want) {
		t.Errorf("weekly PAK dyads by place, filled:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h := strings.Join(tab.Records()[0], ","); h != "period,end,source,target,country,admin1,events,fatalities,unknown_tolls" {
		t.Errorf("header %s", h)
	}

	tab, err = Tabulate(occ, Filter{}, TableOptions{Period: Daily, From: DayOf(day("2024-03-02")), To: DayOf(day("2024-03-05"))})
	if err != nil || len(tab.Rows) != 2 || tab.Events != 2 {
		t.Errorf("daily totals in 2–5 March: %+v, %v; want two rows, 2 events", tab, err)
	}
	for _, bad := range []TableOptions{{By: []TableKey{"colour"}}, {From: 10, To: 5}} {
		if _, err := Tabulate(occ, Filter{}, bad); err == nil {
			t.Errorf("Tabulate accepted %+v", bad)
		}
	}
	if _, err := Tabulate(occ, Filter{Source: "IND"}, TableOptions{}); err == nil {
		t.Error("Tabulate of no events gave no error")
	}
}

// tableText is the table's records without the header, space-separated.
func tableText(tab Table) []string {
	var out []string
	for _, r := range tab.Records()[1:] {
		out = append(out, strings.Join(r, " "))
	}
	return out
}

func ExampleTabulate() {
	occ := []Occurrence{
		{Day: DayOf(day("2024-03-16")), Source: []durand.ActorCode{"TTP"}, Target: []durand.ActorCode{"PAK.MIL"}, Fatalities: 7},
		{Day: DayOf(day("2024-03-18")), Source: []durand.ActorCode{"PAK.MIL"}, Target: []durand.ActorCode{"TTP"}, Fatalities: 8},
		{Day: DayOf(day("2024-03-18")), Source: []durand.ActorCode{"PAK.MIL"}, Target: []durand.ActorCode{"AFG.TAL"}, Fatalities: -1},
		{Day: DayOf(day("2024-04-02")), Source: []durand.ActorCode{"TTP"}, Target: []durand.ActorCode{"PAK.POL"}, Fatalities: 3},
	}
	tab, err := Tabulate(occ, Filter{}, TableOptions{Period: Monthly, By: []TableKey{KeyDyad}, Sides: []Side{"PAK", "TTP"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rec := range tab.Records() {
		fmt.Println(strings.Join(rec, ","))
	}
	// Output:
	// period,end,source,target,events,fatalities,unknown_tolls
	// 2024-03-01,2024-03-31,PAK,TTP,1,8,0
	// 2024-03-01,2024-03-31,PAK,other,1,0,1
	// 2024-03-01,2024-03-31,TTP,PAK,1,7,0
	// 2024-04-01,2024-04-30,TTP,PAK,1,3,0
}
