package escalation

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// Side is a group of actors by code prefix: "PAK" is every Pakistani
// state actor (PAK.MIL, PAK.GOV), "TTP" the TTP, "AFG" Afghanistan's.
type Side string

// Has reports whether code belongs to the side: it is the side's code or
// starts with it and a dot. The empty side holds every code.
func (s Side) Has(code durand.ActorCode) bool {
	c := string(code)
	return s == "" || c == string(s) || strings.HasPrefix(c, string(s)+".")
}

// Occurrence is one event as the models read it.
type Occurrence struct {
	ID      string
	Day     int // days since 1970-01-01 of the event's start (UTC)
	Source  []durand.ActorCode
	Target  []durand.ActorCode
	Type    durand.EventType
	Mode    string
	Admin1  string
	Country string
	// Fatalities is the best count, else the low one; -1 when unknown.
	Fatalities int
	Dataset    string // "durand" for extracted events, else the dataset imported
}

// DayOf is the day number of t's calendar day.
func DayOf(t time.Time) int {
	return int(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf is the calendar day of a day number.
func DateOf(day int) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

// Occurrences reduces events to occurrences, in date order. An event is
// left out when it has no start date or its date is coarser than
// coarsest (a month-precision event cannot be put on a day): dropped
// counts them, for the caller to report what its answer rests on.
func Occurrences(evs []durand.Event, coarsest durand.DatePrecision) (occ []Occurrence, dropped int) {
	rank := map[durand.DatePrecision]int{durand.Day: 0, durand.Week: 1, durand.Month: 2, durand.Year: 3}
	limit, ok := rank[coarsest]
	if !ok {
		limit = rank[durand.Day]
	}
	for _, ev := range evs {
		r, known := rank[ev.Date.Precision]
		if ev.Date.Start.IsZero() || !known || r > limit {
			dropped++
			continue
		}
		o := Occurrence{ID: ev.ID, Day: DayOf(ev.Date.Start), Type: ev.Type, Mode: ev.Mode, Fatalities: -1, Dataset: "durand"}
		for _, a := range ev.Source {
			o.Source = append(o.Source, a.Code)
		}
		for _, a := range ev.Target {
			o.Target = append(o.Target, a.Code)
		}
		if p := ev.Place; p != nil {
			o.Admin1, o.Country = p.Admin1, p.Country
		}
		if c := ev.Fatalities; c.Best >= 0 {
			o.Fatalities = c.Best
		} else if c.Low >= 0 {
			o.Fatalities = c.Low
		}
		if ev.Origin != nil {
			o.Dataset = ev.Origin.Dataset
		}
		occ = append(occ, o)
	}
	slices.SortStableFunc(occ, func(a, b Occurrence) int { return a.Day - b.Day })
	return occ, dropped
}

// Filter selects occurrences. A zero field selects everything.
type Filter struct {
	Source, Target Side
	Types          []durand.EventType
	Modes          []string
	// Places are admin1 names or ISO3 country codes, any of which the
	// occurrence's place must be.
	Places []string
}

// Match reports whether o passes the filter: some source is of the
// source side and some target of the target side.
func (f Filter) Match(o Occurrence) bool {
	return hasSide(o.Source, f.Source) && hasSide(o.Target, f.Target) &&
		(len(f.Types) == 0 || slices.Contains(f.Types, o.Type)) &&
		(len(f.Modes) == 0 || slices.Contains(f.Modes, o.Mode)) &&
		(len(f.Places) == 0 || slices.ContainsFunc(f.Places, func(p string) bool {
			return strings.EqualFold(p, o.Admin1) || strings.EqualFold(p, o.Country)
		}))
}

func hasSide(codes []durand.ActorCode, s Side) bool {
	return s == "" || slices.ContainsFunc(codes, s.Has)
}

// ParseFilter reads a filter written "source=PAK,target=TTP,type=ASSAULT,
// mode=aerial,place=AFG": keys source, target, type, mode and place, each
// repeatable for type, mode and place ("type=ASSAULT,type=FIGHT").
func ParseFilter(s string) (Filter, error) {
	var f Filter
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			return f, fmt.Errorf("filter %q: %q is not key=value", s, part)
		}
		switch strings.TrimSpace(k) {
		case "source":
			f.Source = Side(v)
		case "target":
			f.Target = Side(v)
		case "type":
			f.Types = append(f.Types, durand.EventType(strings.ToUpper(v)))
		case "mode":
			f.Modes = append(f.Modes, v)
		case "place":
			f.Places = append(f.Places, v)
		default:
			return f, fmt.Errorf("filter %q: unknown key %q (want source, target, type, mode or place)", s, k)
		}
	}
	return f, nil
}

// Series is a count of occurrences (and their known fatalities) per
// period of Step days from the day Start: Counts[i] covers days
// [Start+i*Step, Start+(i+1)*Step).
type Series struct {
	Start, Step int
	Counts      []float64
	Fatalities  []float64
}

// Bin counts the occurrences matching f into a series of step days (1 for
// daily, 7 for weekly) covering days [from, to].
func Bin(occ []Occurrence, f Filter, from, to, step int) Series {
	if step < 1 {
		step = 1
	}
	n := 0
	if to >= from {
		n = (to-from)/step + 1
	}
	s := Series{Start: from, Step: step, Counts: make([]float64, n), Fatalities: make([]float64, n)}
	for _, o := range occ {
		if o.Day < from || o.Day > to || !f.Match(o) {
			continue
		}
		i := (o.Day - from) / step
		s.Counts[i]++
		if o.Fatalities > 0 {
			s.Fatalities[i] += float64(o.Fatalities)
		}
	}
	return s
}

// Days returns the days of the occurrences matching f, in order, one per
// occurrence (a day repeats when several happened on it): the event times
// of a point process at day resolution.
func Days(occ []Occurrence, f Filter) []int {
	var out []int
	for _, o := range occ {
		if f.Match(o) {
			out = append(out, o.Day)
		}
	}
	return out
}
