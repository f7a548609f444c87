package durand

import (
	"testing"
	"time"
)

func TestCalendarDay(t *testing.T) {
	tests := []struct {
		y, m, d int
		ok      bool
	}{
		{2021, 2, 15, true},
		{2021, 2, 28, true},
		{2021, 2, 29, false}, // not a leap year
		{2024, 2, 29, true},
		{1900, 2, 29, false}, // a century, not a leap year
		{2000, 2, 29, true},  // every 400 years, a leap year
		{2021, 2, 31, false},
		{2021, 4, 31, false},
		{2021, 12, 31, true},
		{2021, 13, 1, false},
		{2021, 0, 1, false},
		{2021, 1, 0, false},
		{2021, 1, 32, false},
		{2021, -1, 1, false},
		{0, 1, 1, false},
		{9999, 12, 31, true},
		{10000, 1, 1, false},
	}
	for _, tt := range tests {
		got, ok := CalendarDay(tt.y, tt.m, tt.d)
		if ok != tt.ok {
			t.Errorf("CalendarDay(%d, %d, %d) ok = %v, want %v", tt.y, tt.m, tt.d, ok, tt.ok)
			continue
		}
		want := time.Time{}
		if tt.ok {
			want = time.Date(tt.y, time.Month(tt.m), tt.d, 0, 0, 0, 0, time.UTC)
		}
		if !got.Equal(want) {
			t.Errorf("CalendarDay(%d, %d, %d) = %v, want %v", tt.y, tt.m, tt.d, got, want)
		}
	}
}
