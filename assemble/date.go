package assemble

import (
	"time"

	"github.com/durandhq/durand"
)

// resolve turns a date expression into a date, against the publication
// date pub (zero when unknown) and, for anchors, the date of the event the
// expression relates to (ref). ok is false when the expression cannot be
// resolved, which leaves the event's date to the next source.
func resolve(e durand.DateExpr, pub time.Time, ref durand.Date) (durand.Date, bool) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	switch e.Kind {
	case durand.AbsoluteDate, durand.PartialDate:
		return calendar(e, pub)
	case durand.RelativeDate:
		if pub.IsZero() {
			return durand.Date{}, false
		}
		switch {
		case e.Weekday != 0:
			// "on Tuesday": the latest such day up to publication. News
			// names the weekday of the day it is published too (wire
			// style has no "today": "troops killed 12 militants on
			// Monday" in Monday's report, "after Friday prayers" on a
			// Friday). "last Tuesday" (Offset -1) is strictly before.
			back := (int(pub.Weekday())+6)%7 + 1 - e.Weekday
			if back < 0 || back == 0 && e.Offset < 0 {
				back += 7
			}
			d := pub.AddDate(0, 0, -back)
			return durand.Date{Start: d, End: d, Precision: durand.Day}, true
		case e.Unit == durand.Day:
			d := pub.AddDate(0, 0, e.Offset)
			return durand.Date{Start: d.AddDate(0, 0, -e.Window), End: d, Precision: durand.Day}, true
		case e.Unit == durand.Week:
			monday := pub.AddDate(0, 0, -((int(pub.Weekday()) + 6) % 7))
			start := monday.AddDate(0, 0, 7*e.Offset)
			end := start.AddDate(0, 0, 6)
			if end.After(pub) {
				end = pub
			}
			return durand.Date{Start: start, End: end, Precision: durand.Week}, true
		case e.Unit == durand.Month:
			start := day(pub.Year(), int(pub.Month()), 1).AddDate(0, e.Offset, 0)
			end := start.AddDate(0, 1, -1)
			if end.After(pub) {
				end = pub
			}
			return durand.Date{Start: start, End: end, Precision: durand.Month}, true
		case e.Unit == durand.Year:
			start := day(pub.Year()+e.Offset, 1, 1)
			end := day(pub.Year()+e.Offset, 12, 31)
			if end.After(pub) {
				end = pub
			}
			return durand.Date{Start: start, End: end, Precision: durand.Year}, true
		}
	case durand.AnchorDate:
		if ref.Start.IsZero() {
			return durand.Date{}, false
		}
		// The anchor is relative to the other event: "A days after B".
		// Offset and Window are in days; Window widens toward the anchor.
		if e.Offset >= 0 {
			start := ref.Start.AddDate(0, 0, e.Offset)
			return durand.Date{Start: start, End: ref.End.AddDate(0, 0, e.Offset+e.Window), Precision: e.Unit}, true
		}
		end := ref.Start.AddDate(0, 0, e.Offset)
		return durand.Date{Start: ref.Start.AddDate(0, 0, e.Offset-e.Window), End: end, Precision: e.Unit}, true
	}
	return durand.Date{}, false
}

// calendar resolves an absolute or partial expression. ok is false when
// the expression names a day the calendar lacks ("31 February 2021", a
// range ending in month 13, "29 February" when no year within the one
// before publication has it): such a date is no date, never the day
// time.Date would normalise it to.
func calendar(e durand.DateExpr, pub time.Time) (durand.Date, bool) {
	y := e.Year
	if y == 0 {
		if pub.IsZero() {
			return durand.Date{}, false
		}
		// The most recent such month (and day) not after publication.
		y = pub.Year()
		if t, ok := durand.CalendarDay(y, e.Month, max(e.Day, 1)); !ok || t.After(pub) {
			y--
		}
	}
	start, end, prec, ok := days(y, e.Month, e.Day)
	if !ok {
		return durand.Date{}, false
	}
	if e.EndYear != 0 || e.EndMonth != 0 {
		ey := e.EndYear
		if ey == 0 {
			ey = y
		}
		if _, end, _, ok = days(ey, e.EndMonth, e.EndDay); !ok {
			return durand.Date{}, false
		}
		if prec == durand.Day && e.EndDay == 0 {
			prec = durand.Month
		}
	}
	return durand.Date{Start: start, End: end, Precision: prec}, true
}

// days returns the first and last day of year y, of month m of it when m
// is not 0, of day d of that when d is not 0, and that precision. ok is
// false when there is no such day.
func days(y, m, d int) (start, end time.Time, prec durand.DatePrecision, ok bool) {
	switch {
	case m == 0 && d == 0:
		start, ok = durand.CalendarDay(y, 1, 1)
		end, _ = durand.CalendarDay(y, 12, 31)
		return start, end, durand.Year, ok
	case d == 0:
		start, ok = durand.CalendarDay(y, m, 1)
		return start, start.AddDate(0, 1, -1), durand.Month, ok
	}
	start, ok = durand.CalendarDay(y, m, d)
	return start, start, durand.Day, ok
}

// invert turns an anchor around: "A days after B" dates B from A.
func invert(e durand.DateExpr) durand.DateExpr {
	e.Offset = -e.Offset
	return e
}

// carried is the date a later sentence inherits from an earlier one in the
// same narrative: the same day, or within the following week.
func carried(d durand.Date, pub time.Time) durand.Date {
	end := d.End.AddDate(0, 0, 7)
	if !pub.IsZero() && end.After(pub) && !d.End.After(pub) {
		end = pub
	}
	return durand.Date{Start: d.Start, End: end, Precision: durand.Week}
}
