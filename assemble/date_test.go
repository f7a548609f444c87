package assemble

import (
	"testing"
	"time"

	"github.com/durandhq/durand"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestResolve(t *testing.T) {
	pub := day("2024-03-25") // a Monday
	ref := durand.Date{Start: day("2024-03-18"), End: day("2024-03-18"), Precision: durand.Day}
	tests := []struct {
		name       string
		e          durand.DateExpr
		start, end string
		prec       durand.DatePrecision
	}{
		{"absolute day", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2022, Month: 4, Day: 16}, "2022-04-16", "2022-04-16", durand.Day},
		{"month without year is the latest before publication", durand.DateExpr{Kind: durand.PartialDate, Month: 2}, "2024-02-01", "2024-02-29", durand.Month},
		{"a later month is last year's", durand.DateExpr{Kind: durand.PartialDate, Month: 11}, "2023-11-01", "2023-11-30", durand.Month},
		{"range", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2021, Month: 11, EndYear: 2022, EndMonth: 6}, "2021-11-01", "2022-06-30", durand.Month},
		{"earlier this month", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Month}, "2024-03-01", "2024-03-25", durand.Month},
		{"yesterday", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Offset: -1}, "2024-03-24", "2024-03-24", durand.Day},
		{"on Tuesday", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: 2}, "2024-03-19", "2024-03-19", durand.Day},
		{"on Monday, in Monday's report, is that day", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: 1}, "2024-03-25", "2024-03-25", durand.Day},
		{"last Monday is a week before", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: 1, Offset: -1}, "2024-03-18", "2024-03-18", durand.Day},
		{"last Sunday", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: 7, Offset: -1}, "2024-03-24", "2024-03-24", durand.Day},
		{"last week", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Week, Offset: -1}, "2024-03-18", "2024-03-24", durand.Week},
	}
	for _, tt := range tests {
		got, ok := resolve(tt.e, pub, ref)
		if !ok || got.Start.Format("2006-01-02") != tt.start || got.End.Format("2006-01-02") != tt.end || got.Precision != tt.prec {
			t.Errorf("%s: got %v..%v %s (%v), want %s..%s %s", tt.name, got.Start.Format("2006-01-02"), got.End.Format("2006-01-02"), got.Precision, ok, tt.start, tt.end, tt.prec)
		}
	}
	// "A days after B": B is dated from A, within the week before it.
	b, ok := resolve(invert(durand.DateExpr{Kind: durand.AnchorDate, Offset: 1, Window: 6, Unit: durand.Week}), pub, ref)
	if !ok || b.Start != day("2024-03-11") || b.End != day("2024-03-17") || b.Precision != durand.Week {
		t.Errorf("days after: %v..%v %s", b.Start, b.End, b.Precision)
	}
}

func TestShareCountsOnce(t *testing.T) {
	total := 0
	for k := 0; k < 2; k++ {
		c := share(durand.Exact(47), k, 2)
		total += c.Best
		if c.Low != 0 || c.High != 47 {
			t.Errorf("share %d: %+v", k, c)
		}
	}
	if total != 47 {
		t.Errorf("best values add up to %d, want 47", total)
	}
}

// TestResolveCalendar: an expression that names no calendar day resolves
// to no date, never to the day time.Date normalises it to ("31 February
// 2021" is not 3 March). "29 February" without a year is the latest one
// within the year before publication.
func TestResolveCalendar(t *testing.T) {
	abs := func(y, m, d int) durand.DateExpr {
		return durand.DateExpr{Kind: durand.AbsoluteDate, Year: y, Month: m, Day: d, Unit: durand.Day}
	}
	feb29 := durand.DateExpr{Kind: durand.PartialDate, Month: 2, Day: 29, Unit: durand.Day}
	tests := []struct {
		name string
		e    durand.DateExpr
		pub  string
		want string // the day, "" for no date
	}{
		{"31 February 2021", abs(2021, 2, 31), "2021-03-10", ""},
		{"29 February 2021", abs(2021, 2, 29), "2021-03-10", ""},
		{"29 February 2024", abs(2024, 2, 29), "2024-03-10", "2024-02-29"},
		{"31 April 2021", abs(2021, 4, 31), "2021-05-10", ""},
		{"day 0", abs(2021, 2, 0), "2021-03-10", "2021-02-01"}, // 0 is no day given: the month
		{"month 13", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2021, Month: 13, Unit: durand.Month}, "2022-03-10", ""},
		{"month 13, day 1", abs(2021, 13, 1), "2022-03-10", ""},
		{"day 32", abs(2021, 1, 32), "2021-03-10", ""},
		{"31 April, no year", durand.DateExpr{Kind: durand.PartialDate, Month: 4, Day: 31, Unit: durand.Day}, "2021-05-10", ""},
		{"29 February in a leap year's report", feb29, "2024-03-10", "2024-02-29"},
		{"29 February, reported the next January", feb29, "2025-01-10", "2024-02-29"},
		{"29 February, no leap year in the year before", feb29, "2023-05-01", ""},
		{"a range ending 30 February", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2021, Month: 2, Day: 1, EndYear: 2021, EndMonth: 2, EndDay: 30, Unit: durand.Day}, "2021-03-10", ""},
		{"a range ending in month 13", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2021, Month: 2, EndYear: 2021, EndMonth: 13, Unit: durand.Month}, "2022-03-10", ""},
	}
	for _, tt := range tests {
		got, ok := resolve(tt.e, day(tt.pub), durand.Date{})
		if tt.want == "" {
			if ok {
				t.Errorf("%s: %s..%s, want no date", tt.name, got.Start.Format(time.DateOnly), got.End.Format(time.DateOnly))
			}
			continue
		}
		if !ok || got.Start.Format(time.DateOnly) != tt.want {
			t.Errorf("%s: %s (%v), want %s", tt.name, got.Start.Format(time.DateOnly), ok, tt.want)
		}
	}
}
