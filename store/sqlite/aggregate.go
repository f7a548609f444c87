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
	// Events are counted into cells by numbers (the period's index, the
	// key's interned number) and the cells named once at the end:
	// formatting a date or looking up a map for each of 200,000 events
	// took most of the time.
	var g *grid
	err := s.count(ctx, q, func(sm *summary, r *row) {
		if g == nil {
			g = newGrid(sm, interval, by)
		}
		if r.start != noDay {
			g.add(g.period[r.start-sm.minDay], g.key(r), r.fatal)
		}
	})
	if err != nil || g == nil {
		return []store.Bucket{}, err
	}
	return g.buckets(), nil
}

// grid counts events and fatalities per period and key.
type grid struct {
	sm     *summary
	by     string
	period []int32  // by day - minDay: the index of its period
	starts []string // by period index: its first day, ISO
	keys   int
	events []int32 // by cell: period index × keys + key
	killed []int64
	// sparse holds the cells instead when the grid would be large (days
	// over decades by dyad): cell → index in events and killed.
	sparse map[int]int
}

// maxDense is the most cells a grid allocates whole (12 MB).
var maxDense = 1 << 20

func newGrid(sm *summary, interval, by string) *grid {
	g := &grid{sm: sm, by: by, keys: len(sm.kinds.strs)}
	if by == "dyad" {
		g.keys = len(sm.pairs.of)
	}
	prev := int32(noDay)
	for d := sm.minDay; sm.dated && d <= sm.maxDay; d++ {
		p := periodStart(d, interval)
		if p != prev {
			g.starts = append(g.starts, dayOf(p).Format(time.DateOnly))
			prev = p
		}
		g.period = append(g.period, int32(len(g.starts)-1))
	}
	if n := len(g.starts) * g.keys; n <= maxDense {
		g.events, g.killed = make([]int32, n), make([]int64, n)
	} else {
		g.sparse = map[int]int{}
	}
	return g
}

func (g *grid) key(r *row) int32 {
	switch g.by {
	case "type":
		return int32(r.typ)
	case "dataset":
		return int32(r.dataset)
	}
	return int32(r.dyad)
}

func (g *grid) add(period, key, fatal int32) {
	c := int(period)*g.keys + int(key)
	if g.sparse != nil {
		i, ok := g.sparse[c]
		if !ok {
			i = len(g.events)
			g.sparse[c] = i
			g.events, g.killed = append(g.events, 0), append(g.killed, 0)
		}
		c = i
	}
	g.events[c]++
	g.killed[c] += int64(max(fatal, 0))
}

// buckets names the cells that counted an event, by period and key.
func (g *grid) buckets() []store.Bucket {
	out := []store.Bucket{}
	put := func(cell, i int) {
		p, k := cell/g.keys, uint32(cell%g.keys)
		out = append(out, store.Bucket{Period: g.starts[p], Key: g.name(k), Events: int(g.events[i]), Fatalities: int(g.killed[i])})
	}
	for cell, i := range g.sparse {
		put(cell, i)
	}
	for c, n := range g.events {
		if n > 0 && g.sparse == nil {
			put(c, c)
		}
	}
	slices.SortFunc(out, func(a, b store.Bucket) int { return cmp.Or(cmp.Compare(a.Period, b.Period), cmp.Compare(a.Key, b.Key)) })
	return out
}

func (g *grid) name(k uint32) string {
	if g.by != "dyad" {
		return g.sm.kinds.str(k)
	}
	ab := g.sm.pairs.of[k]
	return orUnknown(g.sm.codes.str(ab[0])) + " → " + orUnknown(g.sm.codes.str(ab[1]))
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
// the summary, into an array by pair.
func (s *DB) Network(ctx context.Context, q store.Query) ([]store.Edge, error) {
	var events []int32
	var killed []int64
	var sm *summary
	err := s.count(ctx, q, func(m *summary, r *row) {
		if events == nil {
			sm, events, killed = m, make([]int32, len(m.pairs.of)), make([]int64, len(m.pairs.of))
		}
		for _, k := range r.edges {
			events[k]++
			killed[k] += int64(max(r.fatal, 0))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	out := []store.Edge{}
	for k, n := range events {
		if n == 0 {
			continue
		}
		a, b := sm.codes.str(sm.pairs.of[k][0]), sm.codes.str(sm.pairs.of[k][1])
		out = append(out, store.Edge{Source: a, SourceName: cmp.Or(sm.names[a], a), Target: b, TargetName: cmp.Or(sm.names[b], b),
			Events: int(n), Fatalities: int(killed[k])})
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
