package dedupe

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
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
// order, region by region), so the work grows with the reports and the
// density of each block, not with their square. Pairs that score at least
// the threshold are joined strongest first (ties by ids), and two groups
// join only when every pair across them can be one incident (no veto,
// none in apart, no shared document) and their mean score across is at
// least the threshold: average linkage with a complete-linkage veto.
// So A~B and B~C never put A with C when A and C are two villages 30 km
// apart: the chain is refused, and C stays alone. The result depends only
// on the set of reports, not on their order.
func (r *Rules) Cluster(reports []Report, apart *CannotLink) ([][]int, error) {
	perm, err := idOrder(reports)
	if err != nil {
		return nil, err
	}
	ps := make([]prepared, len(reports))
	for k, i := range perm {
		ps[k] = r.prepare(&reports[i])
	}
	edges := r.edges(ps)
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	u := newUnion(len(ps))
	for _, e := range edges {
		ra, rb := u.find(e.a), u.find(e.b)
		if ra != rb && r.joinable(ps, u.members(ra), u.members(rb), e, apart) {
			u.join(ra, rb)
		}
	}
	return u.groups(perm), nil
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

// edge is a pair of reports (by position in id order, a < b) that can be
// one incident, with its score.
type edge struct {
	a, b  int32
	score float64
}

// edges compares every two reports whose keys meet, sweeping the keyed
// reports in order of their windows' first day; each region keeps the
// reports whose windows are still open. A report is compared with the open
// reports of its own region, of its country as a whole and of the world
// (no place); a country-level report with those of every region of its
// country; a report with no place with every open report.
func (r *Rules) edges(ps []prepared) []edge {
	order := make([]int32, 0, len(ps))
	for i := range ps {
		if ps[i].keyed {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(ps[a].key.Lo, ps[b].key.Lo), cmp.Compare(a, b)) })
	var (
		ids       = map[Region]int32{{}: 0}
		active    = [][]int32{nil}
		inCountry = map[string][]int32{}
		out       []edge
	)
	intern := func(g Region) int32 {
		id, ok := ids[g]
		if !ok {
			id = int32(len(active))
			ids[g] = id
			active = append(active, nil)
			inCountry[g.Country] = append(inCountry[g.Country], id)
		}
		return id
	}
	for _, i := range order {
		p := &ps[i]
		scan := func(reg int32) {
			open := active[reg][:0]
			for _, j := range active[reg] {
				if ps[j].key.Hi < p.key.Lo {
					continue // closed for good: later windows start later
				}
				open = append(open, j)
				a, b := min(i, j), max(i, j)
				if m := r.match(&ps[a], &ps[b]); m.Veto == NoVeto && m.Score >= r.Threshold {
					out = append(out, edge{a, b, m.Score})
				}
			}
			active[reg] = open
		}
		g := p.key.Region
		reg := intern(g)
		switch {
		case g.Country == "":
			for k := range active {
				scan(int32(k))
			}
		case g.Admin1 == "":
			for _, k := range inCountry[g.Country] {
				scan(k)
			}
			scan(0)
		default:
			scan(reg)
			if k, ok := ids[Region{Country: g.Country}]; ok {
				scan(k)
			}
			scan(0)
		}
		active[reg] = append(active[reg], i)
	}
	return out
}

// joinable reports whether the groups xs and ys, which edge e links, can be
// one incident: no pair across them is vetoed or kept apart, and their
// mean score is at least the threshold.
func (r *Rules) joinable(ps []prepared, xs, ys []int32, e edge, apart *CannotLink) bool {
	if len(xs) == 1 && len(ys) == 1 {
		return !apart.Has(ps[e.a].ev.ID, ps[e.b].ev.ID)
	}
	sum := 0.0
	for _, x := range xs {
		for _, y := range ys {
			a, b := min(x, y), max(x, y)
			if apart.Has(ps[a].ev.ID, ps[b].ev.ID) {
				return false
			}
			m := r.match(&ps[a], &ps[b])
			if m.Veto != NoVeto {
				return false
			}
			sum += m.Score
		}
	}
	return sum >= r.Threshold*float64(len(xs)*len(ys))
}

// union is a union-find over positions, keeping each root's members.
type union struct {
	parent []int32
	mem    map[int32][]int32 // root → members, for roots of more than one
}

func newUnion(n int) *union {
	u := &union{parent: make([]int32, n), mem: map[int32][]int32{}}
	for i := range u.parent {
		u.parent[i] = int32(i)
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
	if m, ok := u.mem[root]; ok {
		return m
	}
	return []int32{root}
}

// join makes the larger group's root the root of both.
func (u *union) join(a, b int32) {
	ma, mb := u.members(a), u.members(b)
	if len(ma) < len(mb) {
		a, b, ma, mb = b, a, mb, ma
	}
	u.parent[b] = a
	u.mem[a] = append(ma, mb...)
	delete(u.mem, b)
}

// groups returns the groups as indices into the caller's reports (perm
// maps positions to them), each in position order and the groups in the
// order of their first positions.
func (u *union) groups(perm []int32) [][]int {
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
	for i := range n {
		root := u.find(int32(i))
		if slot[root] < 0 {
			slot[root] = int32(len(out))
			out = append(out, backing[next:next:next+count[root]])
			next += count[root]
		}
		out[slot[root]] = append(out[slot[root]], int(perm[i]))
	}
	return out
}
