package dedupe

import (
	"cmp"
	"slices"
	"sync"
)

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
	opts, start := bt.options(edges)
	// The choices read the groups and do not change them: they are made
	// in parallel parts, on a flattened union.
	u.flatten()
	parts := split(len(bt.ps), minPart)
	plans := make([][]choice, len(parts))
	var wg sync.WaitGroup
	for k, part := range parts {
		wg.Go(func() {
			for x := part[0]; x < part[1]; x++ {
				if c, ok := bt.choose(u, opts[start[x]:start[x+1]], apart); ok {
					plans[k] = append(plans[k], c)
				}
			}
		})
	}
	wg.Wait()
	plan := slices.Concat(plans...)
	slices.SortFunc(plan, func(a, b choice) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(rank[a.x], rank[b.x])) })
	added := map[int32][]int32{} // root → the coarse reports put in it
	for _, c := range plan {
		if bt.compatible(c.x, added[c.root], apart) {
			added[c.root] = append(added[c.root], c.x)
			u.join(c.root, c.x)
		}
	}
}

// option is a group a coarse report x has edges to (root, at first the
// located report at the edge's other end), with the number and sum of
// those edges, which bound the mean score from above: ub.
type option struct {
	x, root int32
	n       int32
	sum, ub float64
}

// choice is the group a coarse report is to join, and its mean score.
type choice struct {
	x, root int32
	score   float64
}

// options returns an option for each edge from a coarse to a located
// report, bucketed by coarse report: those of position x are
// opts[start[x]:start[x+1]]. A counting sort, since there are millions.
func (bt *batch) options(edges []edge) (opts []option, start []int32) {
	start = make([]int32, len(bt.ps)+1)
	for i := range edges {
		if x, _, ok := bt.coarseEnd(&edges[i]); ok {
			start[x+1]++
		}
	}
	for i := range bt.ps {
		start[i+1] += start[i]
	}
	opts = make([]option, start[len(bt.ps)])
	next := slices.Clone(start[:len(bt.ps)])
	for i := range edges {
		if x, y, ok := bt.coarseEnd(&edges[i]); ok {
			opts[next[x]] = option{x: x, root: y, n: 1, sum: edges[i].score}
			next[x]++
		}
	}
	return opts, start
}

// choose picks the group one coarse report's options lead to, when it is
// eligible and beats every other by the margin. The groups are tried in
// order of their upper bound, stopping when no later one can be best or
// second (the other members score under the threshold).
func (bt *batch) choose(u *union, mine []option, apart *CannotLink) (choice, bool) {
	if len(mine) == 0 {
		return choice{}, false
	}
	for k := range mine {
		mine[k].root = u.parent[mine[k].root] // flattened: the root
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
			break
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
	return best, best.root >= 0 && best.score-second >= bt.r.margin
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
