package ingest

import (
	"testing"
	"time"
)

// TestParseDateCalendar: a publication date that names no calendar day is
// an error, never the day time.Date would normalise it to (31 February is
// not 3 March). time.Parse already checks the day against the month; this
// keeps it so.
func TestParseDateCalendar(t *testing.T) {
	tests := []struct {
		in   string
		want string // the day read, "" for an error
	}{
		{"2021-02-15", "2021-02-15"},
		{"2024-02-29", "2024-02-29"},
		{"2021-02-15T23:30:00+05:00", "2021-02-15"},
		{"2021-02-31", ""},
		{"2021-02-29", ""},
		{"2021-04-31", ""},
		{"2021-13-01", ""},
		{"2021-00-10", ""},
		{"2021-02-00", ""},
		{"2021-02-31T10:00:00Z", ""},
		{"2021-02-30 10:00:00", ""},
		{"Wed, 31 Feb 2021 10:00:00 +0000", ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %s, want an error", tt.in, got.Format(time.DateOnly))
		case tt.want != "" && err != nil:
			t.Errorf("ParseDate(%q): %v", tt.in, err)
		case tt.want != "" && got.Format(time.DateOnly) != tt.want:
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got.Format(time.DateOnly), tt.want)
		}
	}
}
