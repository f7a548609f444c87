package dedupe

import (
	"time"

	"github.com/durandhq/durand"
)

// Day is a calendar day, counted from 1970-01-01 (UTC).
type Day int32

// DayOf returns t's calendar day.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time returns midnight UTC of the day.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Slack is how many days apart two dates may be and still be one
// incident: "on Monday night" in one report is "on Tuesday" in another,
// and "yesterday" resolves against publication dates a day apart. Match
// allows it only between two single days; keys have it whatever the
// precision, so that blocking never misses a pair.
const Slack = 1

// MaxSpan is the longest date range, in days, that is deduplicated: a
// month. An event dated only to a year, or not at all, could be any
// incident of its region; it is never merged.
const MaxSpan = 31

// MaxWindow is the longest window a Key has, in days: MaxSpan plus Slack.
// A store uses it to turn "windows that overlap [From, To]" into a range
// on the window's first day: Lo between From-MaxWindow+1 and To.
const MaxWindow = MaxSpan + Slack

// Region is where an event is, for blocking: a first-level division of a
// country (Admin1 set), a whole country (Admin1 ""), or anywhere (both "").
type Region struct {
	Country, Admin1 string
}

// Contains reports whether s lies in r: the world holds every region, a
// country its provinces.
func (r Region) Contains(s Region) bool {
	switch {
	case r.Country == "":
		return true
	case r.Admin1 == "":
		return r.Country == s.Country
	}
	return r == s
}

// Nests reports whether one of r and s contains the other: only then can
// their events be one incident.
func (r Region) Nests(s Region) bool { return r.Contains(s) || s.Contains(r) }

// Key is where and when an event can meet the reports of its incident: its
// region and a window of days, [Lo, Hi] inclusive, that is its date range
// with Slack days added after it. Two events are compared only when their
// keys meet; the blocks are nested, not disjoint, so that a report that
// names only the country, or no place at all, still meets the reports that
// name the district (the Bannu report that gave the toll and not the
// place).
type Key struct {
	Region Region
	Lo, Hi Day
}

// KeyOf returns ev's key, and false when ev is never deduplicated: it has
// no date, or a date range longer than MaxSpan days. The region is the
// place's first-level division, else its country; an event with no place
// is anywhere. Its actors' countries do not bound it: in a cross-border
// conflict "Pakistani jets struck TTP hideouts" may have happened in
// Khost, and the report that names Khost must meet it.
func KeyOf(ev durand.Event) (Key, bool) {
	lo, hi, ok := dateRange(ev.Date)
	if !ok {
		return Key{}, false
	}
	var r Region
	if p := ev.Place; p != nil && p.Country != "" {
		r = Region{p.Country, p.Admin1}
	}
	return Key{Region: r, Lo: lo, Hi: hi + Slack}, true
}

// dateRange returns the days a date covers. A missing end is the start's
// day, week or month by its precision, and a missing start likewise.
func dateRange(d durand.Date) (lo, hi Day, ok bool) {
	s, e := d.Start, d.End
	switch {
	case s.IsZero() && e.IsZero():
		return 0, 0, false
	case e.IsZero():
		e = periodEnd(s, d.Precision)
	case s.IsZero():
		s = periodStart(e, d.Precision)
	}
	lo, hi = DayOf(s), DayOf(e)
	if hi < lo || hi-lo >= MaxSpan || d.Precision == durand.Year {
		return 0, 0, false
	}
	return lo, hi, true
}

// periodEnd is the last day of the week starting on s, or of s's
// calendar month.
func periodEnd(s time.Time, p durand.DatePrecision) time.Time {
	switch p {
	case durand.Week:
		return s.AddDate(0, 0, 6)
	case durand.Month:
		return time.Date(s.Year(), s.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return s
}

// periodStart is the first day of the week ending on e, or of e's
// calendar month.
func periodStart(e time.Time, p durand.DatePrecision) time.Time {
	switch p {
	case durand.Week:
		return e.AddDate(0, 0, -6)
	case durand.Month:
		return time.Date(e.Year(), e.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return e
}

// Meets reports whether events with keys k and o are compared: their
// windows overlap (their dates are at most Slack days apart) and their
// regions nest.
func (k Key) Meets(o Key) bool {
	return k.Lo <= o.Hi && o.Lo <= k.Hi && k.Region.Nests(o.Region)
}

// Scope is the set of stored events a new event must be compared with:
// those whose key's window overlaps [From, To] and whose region is one of
// Regions, or in one of Countries, or anything when All is set. A store
// that keeps each event's key in columns (country, admin1, lo, hi) fetches
// them with one indexed query:
//
//	WHERE lo BETWEEN :From - MaxWindow + 1 AND :To AND hi >= :From
//	  AND (:All OR (country, admin1) IN (:Regions) OR country IN (:Countries))
type Scope struct {
	From, To  Day
	Regions   []Region
	Countries []string
	All       bool
}

// ScopeOf returns the scope of an event with key k: for a province, its own
// region, its country's country-level events and the events with no place;
// for a country, every region of the country and the events with no place;
// for an event with no place, every region.
func ScopeOf(k Key) Scope {
	s := Scope{From: k.Lo, To: k.Hi}
	r := k.Region
	switch {
	case r.Country == "":
		s.All = true
	case r.Admin1 == "":
		s.Regions = []Region{{}}
		s.Countries = []string{r.Country}
	default:
		s.Regions = []Region{r, {Country: r.Country}, {}}
	}
	return s
}

// Contains reports whether an event with key k is in the scope; for a
// scope made by ScopeOf(n), exactly when k.Meets(n).
func (s Scope) Contains(k Key) bool {
	if k.Lo > s.To || k.Hi < s.From {
		return false
	}
	if s.All {
		return true
	}
	for _, r := range s.Regions {
		if k.Region == r {
			return true
		}
	}
	for _, c := range s.Countries {
		if k.Region.Country == c {
			return true
		}
	}
	return false
}
