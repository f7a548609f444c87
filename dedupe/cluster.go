package dedupe

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// CannotLink is a set of pairs of event ids that must never share an
// incident, however well they match: what an analyst's unmerge leaves
// behind, so that the next ingest does not merge them again. Cluster and
// Join respect it. The zero value is empty and ready to use; a nil
// *CannotLink is empty too.
type CannotLink struct {
	pairs map[[2]string]struct{}
}

func pairOf(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

// Add records that the events a and b must stay apart.
func (c *CannotLink) Add(a, b string) {
	if a == b {
		return
	}
	if c.pairs == nil {
		c.pairs = map[[2]string]struct{}{}
	}
	c.pairs[pairOf(a, b)] = struct{}{}
}

// Split records that every two of ids must stay apart: the unmerge of an
// incident into its reports' events.
func (c *CannotLink) Split(ids ...string) {
	for i := range ids {
		for _, b := range ids[i+1:] {
			c.Add(ids[i], b)
		}
	}
}

// Has reports whether a and b must stay apart.
func (c *CannotLink) Has(a, b string) bool {
	if c == nil || len(c.pairs) == 0 {
		return false
	}
	_, ok := c.pairs[pairOf(a, b)]
	return ok
}

// Len is the number of pairs.
func (c *CannotLink) Len() int {
	if c == nil {
		return 0
	}
	return len(c.pairs)
}

// Pairs returns the pairs, each in order and all sorted, for a store to
// keep.
func (c *CannotLink) Pairs() [][2]string {
	if c == nil {
		return nil
	}
	out := make([][2]string, 0, len(c.pairs))
	for p := range c.pairs {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	return out
}

// Cluster groups reports into incidents and returns the groups as indices
// into reports, each group in id order and the groups in the order of
// their first ids; every report is in exactly one group, alone when it
// matches none. Event ids must be unique and not empty.
//
// Only pairs whose keys meet are compared (a sweep over windows in date
// order, block by block), so the work grows with the reports and the
// density of each block, not with their square. Pairs that score at least
// the threshold are joined strongest first (ties by ids), and two groups
// join only when every pair across them can be one incident (no veto,
// none in apart, no shared document) and their mean score across is at
// least the threshold: average linkage with a complete-linkage veto. So
// A~B and B~C never put A with C when A and C are two villages 50 km
// apart: the chain is refused, and C stays alone.
//
// Reports that name a district or finer are grouped first; then each
// report that names only a province, a country or no place joins the group
// it fits clearly better than any other (see attach), or else groups with
// the other such reports. The result depends only on the set of reports,
// not on their order.
func (r *Rules) Cluster(reports []Report, apart *CannotLink) ([][]int, error) {
	perm, err := idOrder(reports)
	if err != nil {
		return nil, err
	}
	bt, rank := r.sweepBatch(reports, perm)
	edges := bt.edges(rank)
	sortEdges(edges)
	u := newUnion(len(bt.ps))
	for i := range bt.ps {
		u.located[i] = !bt.ps[i].coarse
	}
	ps := bt.ps
	bt.link(u, edges, apart, func(e *edge) bool { return !ps[e.a].coarse && !ps[e.b].coarse })
	bt.attach(u, edges, rank, apart)
	bt.link(u, edges, apart, func(e *edge) bool {
		return ps[e.a].coarse && ps[e.b].coarse && !u.located[u.find(e.a)] && !u.located[u.find(e.b)]
	})
	pos := make([]int32, len(rank)) // id order → position
	for p, k := range rank {
		pos[k] = int32(p)
	}
	return u.groups(pos, perm), nil
}

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

// refusal records that two groups, of the sizes they had, could not
// join; a veto between their members holds however they grow.
type refusal struct {
	na, nb int32
	veto   bool
}

// link joins groups along the edges it is to use, strongest first: two
// groups join when no pair across them is vetoed or kept apart and their
// mean score across is at least the threshold. A refusal is remembered, so
// that the other edges between the same two groups cost a lookup: groups
// only grow, so the same sizes are the same members, and a veto stays a
// veto.
func (bt *batch) link(u *union, edges []edge, apart *CannotLink, use func(*edge) bool) {
	refused := map[[2]int32]refusal{}
	for i := range edges {
		e := &edges[i]
		if !use(e) {
			continue
		}
		ra, rb := u.find(e.a), u.find(e.b)
		if ra == rb {
			continue
		}
		xs, ys := u.members(ra), u.members(rb)
		key := [2]int32{min(ra, rb), max(ra, rb)}
		na, nb := int32(len(xs)), int32(len(ys))
		if ra > rb {
			na, nb = nb, na
		}
		if f, ok := refused[key]; ok && (f.veto || f.na == na && f.nb == nb) {
			continue
		}
		if na == 1 && nb == 1 && (apart.Len() == 0 || !apart.Has(bt.event(&bt.ps[e.a]).ID, bt.event(&bt.ps[e.b]).ID)) {
			u.join(ra, rb) // the edge is their only pair
			continue
		}
		if ok, veto := bt.joinable(xs, ys, apart); ok {
			u.join(ra, rb)
		} else {
			refused[key] = refusal{na, nb, veto}
		}
	}
}

// idOrder returns the indices of reports in id order, or an error naming
// an empty or repeated id.
func idOrder(reports []Report) ([]int32, error) {
	perm := make([]int32, len(reports))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return strings.Compare(reports[a].Event.ID, reports[b].Event.ID) })
	for k, i := range perm {
		id := reports[i].Event.ID
		switch {
		case id == "":
			return nil, fmt.Errorf("dedupe: cluster: report %d has no event id", i)
		case k > 0 && id == reports[perm[k-1]].Event.ID:
			return nil, fmt.Errorf("dedupe: cluster: reports %d and %d have one event id %q", perm[k-1], i, id)
		}
	}
	return perm, nil
}

// sweepBatch prepares the reports in the order the sweep reads them: the
// keyed ones by their windows' first day, then the rest, ties by id (perm
// is the id order), so that reports close in time are close in memory.
// rank gives each position's place in the id order. The reports are
// prepared in parallel parts, each writing its own stretch of the batch.
func (r *Rules) sweepBatch(reports []Report, perm []int32) (bt *batch, rank []int32) {
	type item struct {
		key      Key
		unkeyed  bool
		rank, at int32
	}
	items := make([]item, len(perm))
	for k, i := range perm {
		key, ok := KeyOf(reports[i].Event)
		items[k] = item{key, !ok || reports[i].Event.Origin != nil, int32(k), i}
	}
	slices.SortFunc(items, func(a, b item) int {
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
	at := func(i int) *Report { return &reports[i] }
	bt = r.emptyBatch(len(items), at)
	bt.ps = bt.ps[:len(items)]
	parts := split(len(items), 20_000)
	subs := make([]*batch, len(parts))
	var wg sync.WaitGroup
	for k, part := range parts {
		sub := &batch{r: r, report: at, seed: bt.seed, ps: bt.ps[part[0]:part[0]:part[1]],
			actors: make([]actorRef, 0, 2*(part[1]-part[0]))}
		subs[k] = sub
		wg.Go(func() {
			for _, it := range items[part[0]:part[1]] {
				sub.addKeyed(int(it.at), it.key, !it.unkeyed)
			}
		})
	}
	wg.Wait()
	for k, sub := range subs {
		offA, offD := int32(len(bt.actors)), int32(len(bt.docs))
		for i := range sub.ps {
			p := &sub.ps[i]
			p.src.off += offA
			p.tgt.off += offA
			p.docs.off += offD
		}
		bt.actors = append(bt.actors, sub.actors...)
		bt.docs = append(bt.docs, sub.docs...)
		subs[k] = nil
	}
	return bt, rank
}

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
	return bt.edgesIn(split(n, 50_000), rank)
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

// attach puts each coarse report (one that names no district: only a
// province, a country or no place) into the located group it matches
// clearly: eligible groups are those it has an edge to, with no veto and a
// mean score at least the threshold, and the best must beat the next by
// the rules' margin. "Twelve killed in an attack on police" names no
// place; on a day with two such attacks in the province it could be
// either, and joining one at random would make one incident wrong. The
// groups are those of located reports alone, so the choices do not depend
// on one another; they are made strongest first, and a report that would
// conflict with a coarse report already put in its group stays out.
func (bt *batch) attach(u *union, edges []edge, rank []int32, apart *CannotLink) {
	// Each coarse report's options: the located groups it has edges to,
	// with the number and sum of those edges, which bound the mean score
	// from above (the other members score under the threshold).
	type option struct {
		x, root int32
		n       int32
		sum, ub float64
	}
	// Bucket the edges from coarse to located reports by coarse report
	// (a counting sort: there are millions).
	start := make([]int32, len(bt.ps)+1)
	for i := range edges {
		if x, _, ok := bt.coarseEnd(&edges[i]); ok {
			start[x+1]++
		}
	}
	for i := range bt.ps {
		start[i+1] += start[i]
	}
	opts := make([]option, start[len(bt.ps)])
	next := slices.Clone(start[:len(bt.ps)])
	for i := range edges {
		if x, y, ok := bt.coarseEnd(&edges[i]); ok {
			opts[next[x]] = option{x: x, root: y, n: 1, sum: edges[i].score}
			next[x]++
		}
	}
	type choice struct {
		x, root int32
		score   float64
	}
	var plan []choice
	for x := range bt.ps {
		mine := opts[start[x]:start[x+1]]
		if len(mine) == 0 {
			continue
		}
		for k := range mine {
			mine[k].root = u.find(mine[k].root)
		}
		slices.SortStableFunc(mine, func(a, b option) int { return cmp.Compare(a.root, b.root) })
		mine = mergeOptions(mine, func(a, b *option) bool { return a.root == b.root },
			func(a, b *option) { a.n++; a.sum += b.sum })
		for k := range mine {
			m := float64(len(u.members(mine[k].root)))
			mine[k].ub = (mine[k].sum + (m-float64(mine[k].n))*bt.r.Threshold) / m
		}
		slices.SortFunc(mine, func(a, b option) int { return cmp.Or(cmp.Compare(b.ub, a.ub), cmp.Compare(a.root, b.root)) })
		best, second := choice{root: -1, score: -1}, -1.0
		for _, o := range mine {
			if o.ub <= second {
				break // neither this nor any after can be best or second
			}
			score, ok := bt.mean(o.x, u.members(o.root), apart)
			switch {
			case !ok:
			case score > best.score || score == best.score && o.root < best.root:
				best, second = choice{o.x, o.root, score}, best.score
			case score > second:
				second = score
			}
		}
		if best.root >= 0 && best.score-second >= bt.r.margin {
			plan = append(plan, best)
		}
	}
	slices.SortFunc(plan, func(a, b choice) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(rank[a.x], rank[b.x])) })
	added := map[int32][]int32{} // root → the coarse reports put in it
	for _, c := range plan {
		if bt.compatible(c.x, added[c.root], apart) {
			added[c.root] = append(added[c.root], c.x)
			u.join(c.root, c.x)
		}
	}
}

// coarseEnd returns the coarse end x and the located end y of an edge
// that has one of each.
func (bt *batch) coarseEnd(e *edge) (x, y int32, ok bool) {
	x, y = e.a, e.b
	if !bt.ps[x].coarse {
		x, y = y, x
	}
	return x, y, bt.ps[x].coarse && !bt.ps[y].coarse
}

// mergeOptions folds runs of equal neighbours of a sorted slice into their
// first, in place.
func mergeOptions[T any](s []T, equal func(a, b *T) bool, fold func(into, from *T)) []T {
	out := s[:0]
	for i := range s {
		if len(out) > 0 && equal(&out[len(out)-1], &s[i]) {
			fold(&out[len(out)-1], &s[i])
			continue
		}
		out = append(out, s[i])
	}
	return out
}

// mean is x's mean score with the reports ys; ok is false when a pair is
// vetoed or kept apart, or the mean is under the threshold.
func (bt *batch) mean(x int32, ys []int32, apart *CannotLink) (float64, bool) {
	sum := 0.0
	for _, y := range ys {
		m := bt.match(&bt.ps[x], &bt.ps[y])
		if m.Veto != NoVeto || apart.Len() > 0 && apart.Has(bt.event(&bt.ps[x]).ID, bt.event(&bt.ps[y]).ID) {
			return 0, false
		}
		sum += m.Score
	}
	mean := sum / float64(len(ys))
	return mean, mean >= bt.r.Threshold
}

// compatible reports whether x can be one incident with each of ys: no
// veto, not kept apart.
func (bt *batch) compatible(x int32, ys []int32, apart *CannotLink) bool {
	for _, y := range ys {
		if bt.match(&bt.ps[x], &bt.ps[y]).Veto != NoVeto || apart.Has(bt.event(&bt.ps[x]).ID, bt.event(&bt.ps[y]).ID) {
			return false
		}
	}
	return true
}

// joinable reports whether the groups xs and ys (positions) can be one
// incident: no pair across them is vetoed or kept apart, and their mean
// score across is at least the threshold; veto says a pair was vetoed.
func (bt *batch) joinable(xs, ys []int32, apart *CannotLink) (ok, veto bool) {
	sum := 0.0
	for _, x := range xs {
		for _, y := range ys {
			if apart.Len() > 0 && apart.Has(bt.event(&bt.ps[x]).ID, bt.event(&bt.ps[y]).ID) {
				return false, true
			}
			m := bt.match(&bt.ps[x], &bt.ps[y])
			if m.Veto != NoVeto {
				return false, true
			}
			sum += m.Score
		}
	}
	return sum >= bt.r.Threshold*float64(len(xs)*len(ys)), false
}

// union is a union-find over positions, keeping each root's members.
type union struct {
	parent  []int32
	mem     [][]int32 // root → its members, when more than itself
	self    []int32   // self[i] == i: the members of a root alone
	located []bool    // root → whether a member names its district or finer
}

func newUnion(n int) *union {
	u := &union{parent: make([]int32, n), mem: make([][]int32, n), self: make([]int32, n), located: make([]bool, n)}
	for i := range u.parent {
		u.parent[i], u.self[i] = int32(i), int32(i)
	}
	return u
}

func (u *union) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *union) members(root int32) []int32 {
	if m := u.mem[root]; m != nil {
		return m
	}
	return u.self[root : root+1 : root+1]
}

// join makes the larger group's root the root of both.
func (u *union) join(a, b int32) {
	ma, mb := u.members(a), u.members(b)
	if len(ma) < len(mb) {
		a, b, ma, mb = b, a, mb, ma
	}
	u.parent[b] = a
	u.mem[a] = append(ma, mb...)
	u.mem[b] = nil
	u.located[a] = u.located[a] || u.located[b]
}

// groups returns the groups as indices into the caller's reports: pos maps
// a place in the id order to a position, perm to the caller's index. Each
// group is in id order and the groups in the order of their first ids.
func (u *union) groups(pos, perm []int32) [][]int {
	n := len(u.parent)
	count := make([]int32, n)
	for i := range n {
		count[u.find(int32(i))]++
	}
	backing := make([]int, n)
	slot := make([]int32, n) // root → its group's index in out
	for i := range slot {
		slot[i] = -1
	}
	var out [][]int
	next := int32(0)
	for k := range n {
		root := u.find(pos[k])
		if slot[root] < 0 {
			slot[root] = int32(len(out))
			out = append(out, backing[next:next:next+count[root]])
			next += count[root]
		}
		out[slot[root]] = append(out[slot[root]], int(perm[k]))
	}
	return out
}
