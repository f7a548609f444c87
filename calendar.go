package durand

import "time"

// CalendarDay returns midnight UTC of day d of month m of year y, and
// whether that day exists. Every reader that builds a date from parsed
// parts checks it here, because time.Date normalises what it is given:
// "31 February 2021" would become 3 March, and month 13 next January. The
// year must have four digits, as the contract's ISO dates do.
func CalendarDay(y, m, d int) (time.Time, bool) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // normalised into the next month
	}
	return t, true
}
