package dedupe

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
)

// sortEdges puts the edges strongest first, ties by ids: a radix sort on
// (score, ra, rb), least significant key first, sixteen bits a pass, since
// a million reports give millions of edges.
func sortEdges(edges []edge) {
	keys := []func(e *edge) uint64{
		func(e *edge) uint64 { return uint64(uint32(e.rb)) },
		func(e *edge) uint64 { return uint64(uint32(e.ra)) },
		// Scores are non-negative, so their bits order as they do;
		// inverted, the strongest come first.
		func(e *edge) uint64 { return ^math.Float64bits(e.score) },
	}
	src, dst := edges, make([]edge, len(edges))
	var count [1 << 16]int
	for _, key := range keys {
		for shift := 0; shift < 64; shift += 16 {
			clear(count[:])
			for i := range src {
				count[key(&src[i])>>shift&0xffff]++
			}
			if slices.Contains(count[:], len(src)) {
				continue // every edge has this digit
			}
			sum := 0
			for d, c := range count {
				count[d] = sum
				sum += c
			}
			for i := range src {
				d := key(&src[i]) >> shift & 0xffff
				dst[count[d]] = src[i]
				count[d]++
			}
			src, dst = dst, src
		}
	}
	if len(edges) > 0 && &src[0] != &edges[0] {
		copy(edges, src)
	}
}

// sweepBatch prepares the reports in the order the sweep reads them: the
// keyed ones by their windows' first day, then the rest, ties by id (perm
// is the id order), so that reports close in time are close in memory.
// rank gives each position's place in the id order.
func (r *Rules) sweepBatch(reports []Report, perm []int32) (bt *batch, rank []int32) {
	items := make([]sweepItem, len(perm))
	for k, i := range perm {
		key, ok := KeyOf(reports[i].Event)
		items[k] = sweepItem{key, !ok || reports[i].Event.Origin != nil, int32(k), i}
	}
	slices.SortFunc(items, func(a, b sweepItem) int {
		if a.unkeyed != b.unkeyed {
			if a.unkeyed {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.key.Lo, b.key.Lo), cmp.Compare(a.rank, b.rank))
	})
	rank = make([]int32, len(items))
	for p, it := range items {
		rank[p] = it.rank
	}
	bt = r.emptyBatch(len(items), func(i int) *Report { return &reports[i] })
	bt.prepareParts(items)
	return bt, rank
}

// sweepItem is a report in the making of a sweep batch: its key, its place
// in the id order and its index in the caller's reports.
type sweepItem struct {
	key      Key
	unkeyed  bool
	rank, at int32
}

// prepareParts prepares the items, in order, in parallel parts: each part
// writes its own stretch of bt.ps and its own arrays, which are then
// appended to the batch's, its offsets moved.
func (bt *batch) prepareParts(items []sweepItem) {
	bt.ps = bt.ps[:len(items)]
	parts := split(len(items), minPart)
	subs := make([]*batch, len(parts))
	var wg sync.WaitGroup
	for k, part := range parts {
		sub := &batch{r: bt.r, report: bt.report, seed: bt.seed, ps: bt.ps[part[0]:part[0]:part[1]],
			actors: make([]actorRef, 0, 2*(part[1]-part[0]))}
		subs[k] = sub
		wg.Go(func() {
			for _, it := range items[part[0]:part[1]] {
				sub.addKeyed(int(it.at), it.key, !it.unkeyed)
			}
		})
	}
	wg.Wait()
	for _, sub := range subs {
		offA, offD := int32(len(bt.actors)), int32(len(bt.docs))
		for i := range sub.ps {
			p := &sub.ps[i]
			p.src.off += offA
			p.tgt.off += offA
			p.docs.off += offD
		}
		bt.actors = append(bt.actors, sub.actors...)
		bt.docs = append(bt.docs, sub.docs...)
	}
}

// minPart is the least number of reports worth a goroutine of their own.
const minPart = 20_000

// split cuts n items into as many parts as there are processors, each of
// at least least items (one part when there are fewer), as [start, end)
// pairs.
func split(n, least int) [][2]int {
	k := max(1, min(runtime.GOMAXPROCS(0), n/least))
	out := make([][2]int, k)
	for i := range out {
		out[i] = [2]int{i * n / k, (i + 1) * n / k}
	}
	return out
}

// edge is a pair of reports that can be one incident, by position (a, b)
// and by place in the id order (ra < rb), with its score.
type edge struct {
	a, b, ra, rb int32
	score        float64
}

// edges compares every two reports whose keys meet, sweeping the keyed
// reports in order of their windows' first day; each block keeps the
// reports whose windows are still open. A report is compared with the open
// reports of its own block, of its country as a whole and of the world
// (no place); a country-level report with those of every block of its
// country; a report with no place with every open report of its type
// class. The sweep is cut into parts swept in parallel: each part first
// opens, without comparing them, the reports before it whose windows can
// reach into it, and records the pairs whose later report is its own, so
// every pair is found once, whatever the number of parts.
func (bt *batch) edges(rank []int32) []edge {
	n := 0
	for n < len(bt.ps) && bt.ps[n].keyed {
		n++ // the unkeyed come last
	}
	return bt.edgesIn(split(n, minPart), rank)
}

// edgesIn sweeps the given parts of the keyed positions in parallel.
func (bt *batch) edgesIn(parts [][2]int, rank []int32) []edge {
	out := make([][]edge, len(parts))
	var wg sync.WaitGroup
	for k, part := range parts {
		from := part[0]
		for from > 0 && bt.ps[from-1].lo > bt.ps[part[0]].lo-MaxWindow {
			from--
		}
		wg.Go(func() { out[k] = bt.sweep(from, part[0], part[1], rank) })
	}
	wg.Wait()
	return slices.Concat(out...)
}

// sweep sweeps positions [from, end), comparing only those from start on
// with the ones before them.
func (bt *batch) sweep(from, start, end int, rank []int32) []edge {
	ps := bt.ps
	// A block is a type class in a region: {class, country, admin1}.
	type block = [3]name
	var (
		ids       = map[block]int32{}
		active    [][]int32
		inCountry = map[[2]name][]int32{} // class, country → its blocks
		inClass   = map[name][]int32{}
		out       = make([]edge, 0, 5*(end-start))
	)
	intern := func(g block) int32 {
		id, ok := ids[g]
		if !ok {
			id = int32(len(active))
			ids[g] = id
			active = append(active, nil)
			inCountry[[2]name{g[0], g[1]}] = append(inCountry[[2]name{g[0], g[1]}], id)
			inClass[g[0]] = append(inClass[g[0]], id)
		}
		return id
	}
	for i := from; i < end; i++ {
		p := &ps[i]
		g := block{p.class, p.region[0], p.region[1]}
		reg := intern(g)
		if i >= start {
			scan := func(g block) {
				if k, ok := ids[g]; ok {
					bt.scan(active, k, int32(i), rank, &out)
				}
			}
			switch {
			case g[1] == 0:
				for _, k := range inClass[g[0]] {
					bt.scan(active, k, int32(i), rank, &out)
				}
			case g[2] == 0:
				for _, k := range inCountry[[2]name{g[0], g[1]}] {
					bt.scan(active, k, int32(i), rank, &out)
				}
				scan(block{g[0], 0, 0})
			default:
				bt.scan(active, reg, int32(i), rank, &out)
				scan(block{g[0], g[1], 0})
				scan(block{g[0], 0, 0})
			}
		}
		active[reg] = append(active[reg], int32(i))
	}
	return out
}

// scan compares report i with the open reports of block reg, closing
// those whose windows end before i's begins, and adds the pairs that
// reach the threshold to out.
func (bt *batch) scan(active [][]int32, reg, i int32, rank []int32, out *[]edge) {
	ps := bt.ps
	p := &ps[i]
	open := active[reg][:0]
	for _, j := range active[reg] {
		q := &ps[j]
		if q.hi+Slack < p.lo {
			continue // closed for good: later windows start later
		}
		open = append(open, j)
		if m := bt.match(q, p); m.Veto == NoVeto && m.Score >= bt.r.Threshold {
			e := edge{a: j, b: i, ra: rank[j], rb: rank[i], score: m.Score}
			if e.ra > e.rb {
				e.a, e.b, e.ra, e.rb = e.b, e.a, e.rb, e.ra
			}
			*out = append(*out, e)
		}
	}
	active[reg] = open
}
