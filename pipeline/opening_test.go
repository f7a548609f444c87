package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// TestOpeningClause: a sentence that opens with what came first ("After
// militants attacked …,", "Following Pakistani airstrikes …,", "In
// retaliation for …,", "Two days after …,") reports two events, each with
// its own sides, place and date, as the retaliation analysis needs; the
// main clause's event is dated after the opening one's, by the gap when
// the text gives it.
func TestOpeningClause(t *testing.T) {
	x := newExtractor(t)
	pub := time.Date(2025, 10, 9, 0, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		text string
		want []string // "TYPE src>tgt @admin1 start..end", in the text's order
	}{
		{"Following Pakistani airstrikes in Kabul on October 6, the Afghan forces launched attacks on several Pakistani border posts in Kurram.",
			[]string{"ASSAULT PAK.MIL> @Kabul 2025-10-06..2025-10-06", "ASSAULT AFG.MIL>PAK.MIL @Khyber Pakhtunkhwa 2025-10-06..2025-10-09"}},
		{"After militants attacked a checkpoint in Bannu, Khyber Pakhtunkhwa, on Monday, security forces launched an operation in Lakki Marwat, killing 12 militants.",
			[]string{"ASSAULT REB>PAK.POL @Khyber Pakhtunkhwa 2025-10-06..2025-10-06", "FIGHT PAK.MIL>REB @Khyber Pakhtunkhwa 2025-10-06..2025-10-09"}},
		{"Two days after the suicide bombing in Quetta on Monday, gunmen killed four policemen in Turbat.",
			[]string{"ASSAULT > @Balochistan 2025-10-06..2025-10-06", "ASSAULT UNK>PAK.POL @Balochistan 2025-10-08..2025-10-08"}},
		{"In retaliation for the TTP attack on a checkpoint in Bannu on Monday, Pakistani jets struck hideouts in Khost.",
			[]string{"ASSAULT TTP>PAK.POL @Khyber Pakhtunkhwa 2025-10-06..2025-10-06", "ASSAULT PAK.MIL>REB @Khost 2025-10-06..2025-10-09"}},
		// An opening clause that refers back dates the main clause by
		// the event it refers to.
		{"Gunmen killed two policemen in Quetta on Monday. After the attack, police arrested three suspects in Quetta.",
			[]string{"ASSAULT UNK>PAK.POL @Balochistan 2025-10-06..2025-10-06", "COERCE PAK.POL> @Balochistan 2025-10-06..2025-10-09"}},
		// So does a clause after the main one: its date is its own, and
		// a state that expels acts as its government.
		{"India expelled Pakistani diplomats after the attack on tourists in Quetta on Monday.",
			[]string{"COERCE IND.GOV>PAK.GOV @ 2025-10-06..2025-10-09", "ASSAULT >CIV @Balochistan 2025-10-06..2025-10-06"}},
		// Commas of a place's apposition or a date do not close it.
		{"After a bomb exploded in Bannu, Khyber Pakhtunkhwa, on October 6, 2025, troops raided a compound in Quetta.",
			[]string{"ASSAULT > @Khyber Pakhtunkhwa 2025-10-06..2025-10-06", "ASSAULT PAK.MIL> @Balochistan 2025-10-06..2025-10-09"}},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: pub})
		var got []string
		for _, e := range evs {
			admin1 := ""
			if e.Place != nil {
				admin1 = e.Place.Admin1
			}
			got = append(got, string(e.Type)+" "+sideCodes(e.Source)+">"+sideCodes(e.Target)+" @"+admin1+" "+
				e.Date.Start.Format("2006-01-02")+".."+e.Date.End.Format("2006-01-02"))
		}
		if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestRelativeClauseDate: a date in a relative clause dates the noun it
// qualifies, an act of violence ("the attack which took place on
// Monday") or not ("the ceasefire which started two days ago", which
// does not date the airstrikes that ended it). So does a year before a
// noun: "the 2022 raid" is the raid's date, "the 2023 protests" not the
// date of the sentences passed for them, which the report dates by its
// own day.
func TestRelativeClauseDate(t *testing.T) {
	x := newExtractor(t)
	pub := time.Date(2025, 10, 17, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, want string // the first event's start, "" when unknown
	}{
		{"Pakistan carries out airstrikes in Barmal District, Paktika Province, Afghanistan, killing ten people, ending the 48-hour ceasefire which started two days ago.", ""},
		{"Militants carried out the attack which took place in Kunar on Monday, killing three soldiers.", "2025-10-13"},
		{"The 2022 raid killed 47 people in Khost.", "2022-01-01"},
		{"A court in Faisalabad sentenced opposition leader Omar Ayub to ten years in prison for his part in the 2023 protests.", "2025-10-11"},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: pub})
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		got := ""
		if !evs[0].Date.Start.IsZero() {
			got = evs[0].Date.Start.Format(time.DateOnly)
		}
		if got != tt.want {
			t.Errorf("%q: starts %q, want %q", tt.text, got, tt.want)
		}
	}
}
