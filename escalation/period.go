package escalation

import (
	"fmt"
	"strings"
	"time"
)

// Period is the length of a calendar bin: a day, a week starting on
// Monday, or a calendar month. Series has a fixed step in days counted
// from its first day, which suits the models; a table for people wants
// bins a reader recognises (ISO weeks, months of unequal length).
type Period int

// The periods a table or a calendar series can be binned by.
const (
	Daily Period = iota
	Weekly
	Monthly
)

// ParsePeriod reads "day", "week" or "month" (or "daily", "weekly",
// "monthly").
func ParsePeriod(s string) (Period, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "day", "daily":
		return Daily, nil
	case "week", "weekly":
		return Weekly, nil
	case "month", "monthly":
		return Monthly, nil
	}
	return Daily, fmt.Errorf("period %q: want day, week or month", s)
}

// String is the period's name as ParsePeriod reads it.
func (p Period) String() string {
	switch p {
	case Weekly:
		return "week"
	case Monthly:
		return "month"
	}
	return "day"
}

// Floor is the first day of the period holding day.
func (p Period) Floor(day int) int {
	switch p {
	case Weekly:
		// Day 0, 1970-01-01, was a Thursday: Monday is 3 days before.
		return day - ((day+3)%7+7)%7
	case Monthly:
		t := DateOf(day)
		return DayOf(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC))
	}
	return day
}

// Next is the first day of the period after the one holding day.
func (p Period) Next(day int) int {
	switch p {
	case Weekly:
		return p.Floor(day) + 7
	case Monthly:
		t := DateOf(day)
		return DayOf(time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC))
	}
	return day + 1
}

// CalendarSeries is a count of occurrences (and their known fatalities)
// per calendar period: Counts[i] covers days [Starts[i], Starts[i+1]),
// the last up to the period's end. The first and last periods may be cut
// by the series' bounds: Days[i] is how many of period i's days lie
// inside them, so that rates (Counts[i]/Days[i]) compare.
type CalendarSeries struct {
	Period     Period
	Starts     []int
	Days       []int
	Counts     []float64
	Fatalities []float64
}

// BinCalendar counts the occurrences matching f on days [from, to] into
// calendar periods, from the one holding from to the one holding to.
func BinCalendar(occ []Occurrence, f Filter, from, to int, p Period) CalendarSeries {
	s := CalendarSeries{Period: p}
	for d := p.Floor(from); d <= to && from <= to; d = p.Next(d) {
		s.Starts = append(s.Starts, d)
		s.Days = append(s.Days, min(p.Next(d)-1, to)-max(d, from)+1)
	}
	s.Counts = make([]float64, len(s.Starts))
	s.Fatalities = make([]float64, len(s.Starts))
	for _, o := range occ {
		if o.Day < from || o.Day > to || !f.Match(o) {
			continue
		}
		i := calendarIndex(s.Starts, o.Day)
		s.Counts[i]++
		if o.Fatalities > 0 {
			s.Fatalities[i] += float64(o.Fatalities)
		}
	}
	return s
}

// calendarIndex is the index of the period holding day, given the
// ascending period starts, the first at or before day.
func calendarIndex(starts []int, day int) int {
	lo, hi := 0, len(starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if starts[mid] <= day {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
