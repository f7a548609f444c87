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
		y := e.Year
		if y == 0 {
			if pub.IsZero() {
				return durand.Date{}, false
			}
			// The most recent such month (and day) not after publication.
			y = pub.Year()
			d := e.Day
			if d == 0 {
				d = 1
			}
			if day(y, e.Month, d).After(pub) {
				y--
			}
		}
		var start, end time.Time
		prec := e.Unit
		switch {
		case e.Month == 0:
			start, end, prec = day(y, 1, 1), day(y, 12, 31), durand.Year
		case e.Day == 0:
			start = day(y, e.Month, 1)
			end = start.AddDate(0, 1, -1)
			prec = durand.Month
		default:
			start = day(y, e.Month, e.Day)
			end, prec = start, durand.Day
		}
		if e.EndYear != 0 || e.EndMonth != 0 {
			ey, em := e.EndYear, e.EndMonth
			if ey == 0 {
				ey = y
			}
			switch {
			case em == 0:
				end = day(ey, 12, 31)
			case e.EndDay == 0:
				end = day(ey, em, 1).AddDate(0, 1, -1)
			default:
				end = day(ey, em, e.EndDay)
			}
			if prec == durand.Day && e.EndDay == 0 {
				prec = durand.Month
			}
		}
		return durand.Date{Start: start, End: end, Precision: prec}, true
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
