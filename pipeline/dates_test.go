package pipeline

import (
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// TestDatesAreNotCounts: a date's digits, possible or not, never count the
// dead ("On 2021-02-31 two civilians were killed" was 35 dead, 02 + 31 +
// 2), and an impossible day is no date: the event is dated as if the text
// had not named one (it was year precision, or 3 March for "31 February").
func TestDatesAreNotCounts(t *testing.T) {
	x := newExtractor(t)
	pub := time.Date(2021, 2, 16, 0, 0, 0, 0, time.UTC)
	const undated = "Two civilians were killed in Khost."
	tests := []struct {
		text string
		want string // the date, or the text without its date expression to date it as
	}{
		{"On 2021-02-15 two civilians were killed in Khost.", "2021-02-15..2021-02-15 day"},
		{"On 15 February 2021 two civilians were killed in Khost.", "2021-02-15..2021-02-15 day"},
		{"On 15/02/2021 two civilians were killed in Khost.", "2021-02-15..2021-02-15 day"},
		{"On 15.02.2021 two civilians were killed in Khost.", "2021-02-15..2021-02-15 day"},
		{"On 2021/02/15 two civilians were killed in Khost.", "2021-02-15..2021-02-15 day"},
		{"On 2021-02-31 two civilians were killed in Khost.", undated},
		{"On 31 February 2021 two civilians were killed in Khost.", undated},
		{"On February 31, 2021 two civilians were killed in Khost.", undated},
		{"On 29/02/2021 two civilians were killed in Khost.", undated},
		{"On 2021-13-01 two civilians were killed in Khost.", undated},
		{"At 10:30 two civilians were killed in Khost.", undated},
		{"At 10 pm two civilians were killed in Khost.", undated},
	}
	dateOf := func(text string) (string, durand.Count) {
		evs := x.Extract(durand.Document{ID: "t", Published: pub, Text: text})
		if len(evs) != 1 {
			t.Fatalf("%q: %d events, want 1", text, len(evs))
		}
		d := evs[0].Date
		return d.Start.Format(time.DateOnly) + ".." + d.End.Format(time.DateOnly) + " " + string(d.Precision), evs[0].Fatalities
	}
	for _, tt := range tests {
		got, killed := dateOf(tt.text)
		if killed != durand.Exact(2) {
			t.Errorf("%q: killed %+v, want 2", tt.text, killed)
		}
		want := tt.want
		if want == undated {
			want, _ = dateOf(undated)
		}
		if got != want {
			t.Errorf("%q: dated %s, want %s", tt.text, got, want)
		}
	}
}
