package dedupe

import (
	"fmt"
	"slices"
	"strings"
)

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

// flatten points every position at its root, so that parent[x] is x's
// root until the next join and readers need not find.
func (u *union) flatten() {
	for i := range u.parent {
		u.parent[i] = u.find(int32(i))
	}
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
