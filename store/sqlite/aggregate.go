package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/durandhq/durand/store"
)

// Series counts the events matching q per period and key, from the
// summary.
func (s *DB) Series(ctx context.Context, q store.Query, interval, by string) ([]store.Bucket, error) {
	if !slices.Contains(store.Intervals, interval) {
		return nil, fmt.Errorf("interval %q: want day, week, month or year", interval)
	}
	if !slices.Contains(store.SeriesBy, by) {
		return nil, fmt.Errorf("by %q: want type, dataset or dyad", by)
	}
	// Cells are counted by numbers (the period's first day, the key's
	// interned strings) and named once at the end: formatting a date for
	// each of 200,000 events took most of the time.
	type cell struct {
		period int32
		a, b   uint32
	}
	type sum struct{ events, fatalities int }
	cells := map[cell]*sum{}
	periods := map[int32]int32{} // day → its period's first day
	var strs *interner
	q.Desc = false
	err := s.scan(ctx, q, func(sm *summary, r *row) bool {
		if r.start == noDay {
			return true
		}
		strs = &sm.strs
		p, ok := periods[r.start]
		if !ok {
			p = periodStart(r.start, interval)
			periods[r.start] = p
		}
		c := cell{period: p}
		switch by {
		case "type":
			c.a = r.typ
		case "dataset":
			c.a = r.dataset
		default:
			c.a, c.b = first(r.src), first(r.tgt)
		}
		n := cells[c]
		if n == nil {
			n = &sum{}
			cells[c] = n
		}
		n.events++
		n.fatalities += int(max(r.fatal, 0))
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	out := make([]store.Bucket, 0, len(cells))
	for c, n := range cells {
		key := strs.str(c.a)
		if by == "dyad" {
			key = orUnknown(strs.str(c.a)) + " → " + orUnknown(strs.str(c.b))
		}
		out = append(out, store.Bucket{Period: dayOf(c.period).Format(time.DateOnly), Key: key, Events: n.events, Fatalities: n.fatalities})
	}
	slices.SortFunc(out, func(a, b store.Bucket) int { return cmp.Or(cmp.Compare(a.Period, b.Period), cmp.Compare(a.Key, b.Key)) })
	return out, nil
}

// first is the first of a row's actor codes (0, "", when none).
func first(codes []uint32) uint32 {
	if len(codes) == 0 {
		return 0
	}
	return codes[0]
}

// orUnknown names a side of a dyad without a code "?".
func orUnknown(code string) string { return cmp.Or(code, "?") }

// Network counts the events matching q per source and target actor, from
// the summary.
func (s *DB) Network(ctx context.Context, q store.Query) ([]store.Edge, error) {
	type pair struct{ src, tgt uint32 }
	counts := map[pair]*store.Edge{}
	var names map[string]string
	err := s.scan(ctx, q, func(sm *summary, r *row) bool {
		names = sm.names
		for _, a := range r.src {
			for _, b := range r.tgt {
				e := counts[pair{a, b}]
				if e == nil {
					e = &store.Edge{Source: sm.strs.str(a), Target: sm.strs.str(b)}
					counts[pair{a, b}] = e
				}
				e.Events++
				e.Fatalities += int(max(r.fatal, 0))
			}
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	out := make([]store.Edge, 0, len(counts))
	for _, e := range counts {
		e.SourceName, e.TargetName = cmp.Or(names[e.Source], e.Source), cmp.Or(names[e.Target], e.Target)
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b store.Edge) int {
		return cmp.Or(cmp.Compare(b.Events, a.Events), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
	})
	return out, nil
}

// Points returns the events matching q that have a point on the map, in
// q's order, at most q.PageLimit() of them, from the summary.
func (s *DB) Points(ctx context.Context, q store.Query) ([]store.Point, error) {
	limit := q.PageLimit()
	out := []store.Point{}
	err := s.scan(ctx, q, func(sm *summary, r *row) bool {
		if r.point {
			out = append(out, sm.point(r))
		}
		return len(out) < limit
	})
	if err != nil {
		return nil, fmt.Errorf("points: %w", err)
	}
	return out, nil
}
