package dedupe

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCannotLink(t *testing.T) {
	var c CannotLink
	if c.Has("a", "b") || c.Len() != 0 || (*CannotLink)(nil).Has("a", "b") {
		t.Fatal("the zero value is not empty")
	}
	c.Add("b", "a")
	c.Add("a", "a") // an event is never apart from itself
	c.Split("x", "y", "z")
	if !c.Has("a", "b") || !c.Has("z", "x") || c.Has("a", "x") {
		t.Errorf("pairs: %v", c.Pairs())
	}
	if want := [][2]string{{"a", "b"}, {"x", "y"}, {"x", "z"}, {"y", "z"}}; !reflect.DeepEqual(c.Pairs(), want) {
		t.Errorf("Pairs() = %v, want %v", c.Pairs(), want)
	}
}

// TestCannotLinkUnmerge: an analyst's unmerge of the Quetta incident keeps
// the split when the same reports are clustered again.
func TestCannotLinkUnmerge(t *testing.T) {
	ru := rules(t)
	reports, _ := readCase(t, "testdata/cases/toll_rises.txtar")
	var apart CannotLink
	apart.Split("ev_first", "ev_rises", "ev_stale")
	groups, err := ru.Cluster(reports, &apart)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 {
		t.Errorf("after the unmerge, %d groups, want 3", len(groups))
	}
	// Keeping one pair apart leaves the rest to the rules.
	apart = CannotLink{}
	apart.Add("ev_rises", "ev_stale")
	groups, _ = ru.Cluster(reports, &apart)
	if got := groupIDs(reports, groups); !reflect.DeepEqual(got, [][]string{{"ev_first", "ev_rises"}, {"ev_stale"}}) {
		t.Errorf("groups %v", got)
	}
}

func TestClusterErrors(t *testing.T) {
	ru := rules(t)
	a, _ := plain("ev_a", "doc_a").report()
	b, _ := plain("", "doc_b").report()
	if _, err := ru.Cluster([]Report{a, b}, nil); err == nil || !strings.Contains(err.Error(), "report 1 has no event id") {
		t.Errorf("empty id: %v", err)
	}
	if _, err := ru.Cluster([]Report{a, a}, nil); err == nil || !strings.Contains(err.Error(), `one event id "ev_a"`) {
		t.Errorf("repeated id: %v", err)
	}
	if groups, err := ru.Cluster(nil, nil); err != nil || len(groups) != 0 {
		t.Errorf("no reports: %v, %v", groups, err)
	}
}

// TestSortEdges: the radix sort orders as the comparison does.
func TestSortEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	scores := []float64{0.45, 0.5, 0.5000000000000001, 0.72, 1}
	edges := make([]edge, 100000)
	for i := range edges {
		edges[i] = edge{a: int32(i), ra: rng.Int32N(1 << 20), rb: rng.Int32N(1 << 20), score: scores[rng.IntN(len(scores))]}
	}
	want := slices.Clone(edges)
	slices.SortStableFunc(want, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.ra, y.ra), cmp.Compare(x.rb, y.rb))
	})
	sortEdges(edges)
	if !reflect.DeepEqual(edges, want) {
		t.Error("radix sort and comparison sort differ")
	}
}

// TestJoin: the incremental merge puts a new report where batch
// clustering would, and respects what batch clustering respects.
func TestJoin(t *testing.T) {
	ru := rules(t)
	reports, _ := readCase(t, "testdata/cases/chaining.txtar")
	mirali, district, razmak := reports[0], reports[1], reports[2]
	alone := func(r Report) Candidate { return Candidate{Report: r, Cluster: r.Event.ID, Size: 1} }
	in := func(r Report, cluster string, size int) Candidate {
		return Candidate{Report: r, Cluster: cluster, Size: size}
	}
	for _, c := range []struct {
		name  string
		rep   Report
		cands []Candidate
		apart [][2]string
		want  string
	}{
		{"the better of two", district, []Candidate{alone(razmak), alone(mirali)}, nil, "ev_a_mirali"},
		{"the same, in the other order", district, []Candidate{alone(mirali), alone(razmak)}, nil, "ev_a_mirali"},
		{"not into a cluster it cannot be one with", razmak, []Candidate{in(mirali, "inc1", 2), in(district, "inc1", 2)}, nil, ""},
		{"not when a member is out of scope", district, []Candidate{in(mirali, "inc1", 2)}, nil, ""},
		{"not when kept apart", district, []Candidate{alone(mirali), alone(razmak)}, [][2]string{{"ev_a_mirali", "ev_b_district"}}, "ev_c_razmak"},
		{"no candidates", district, nil, nil, ""},
	} {
		var apart CannotLink
		for _, p := range c.apart {
			apart.Add(p[0], p[1])
		}
		d := ru.Join(c.rep, c.cands, &apart)
		if d.Cluster != c.want {
			t.Errorf("%s: joins %q, want %q (%+v)", c.name, d.Cluster, c.want, d)
		}
		if d.Cluster != "" && (d.Score < ru.Threshold || len(d.Links) == 0) {
			t.Errorf("%s: decision %+v", c.name, d)
		}
	}
}

// TestJoinLikeCluster: reports of the scenarios, stored one at a time with
// Join deciding each, end in the groups that Cluster gives the batch.
func TestJoinLikeCluster(t *testing.T) {
	ru := rules(t)
	for _, name := range []string{"bannu", "toll_rises", "village_district", "two_districts", "conflicting_attackers", "same_document", "crossborder_no_place", "fight_two_sides", "chaining", "ambiguous_no_place"} {
		reports, want := readCase(t, "testdata/cases/"+name+".txtar")
		cluster := map[string]string{} // event id → cluster id
		members := map[string][]string{}
		byID := map[string]Report{}
		for _, rep := range reports {
			key, _ := KeyOf(rep.Event)
			scope := ScopeOf(key)
			var cands []Candidate
			for id, c := range cluster {
				if k, ok := KeyOf(byID[id].Event); ok && scope.Contains(k) {
					cands = append(cands, Candidate{Report: byID[id], Cluster: c, Size: len(members[c])})
				}
			}
			id := rep.Event.ID
			byID[id] = rep
			c := ru.Join(rep, cands, nil).Cluster
			if c == "" {
				c = id
			}
			cluster[id] = c
			members[c] = append(members[c], id)
		}
		var got [][]string
		for _, ids := range members {
			slices.Sort(ids)
			got = append(got, ids)
		}
		slices.SortFunc(got, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
		if !reflect.DeepEqual(got, want.Clusters) {
			t.Errorf("%s: joined one by one %v, clustered %v", name, got, want.Clusters)
		}
	}
}
