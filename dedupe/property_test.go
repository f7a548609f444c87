package dedupe

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// groupIDs turns groups of indices into groups of event ids.
func groupIDs(reports []Report, groups [][]int) [][]string {
	out := make([][]string, len(groups))
	for k, g := range groups {
		for _, i := range g {
			out[k] = append(out[k], reports[i].Event.ID)
		}
	}
	return out
}

// TestClusterOrder: the groups depend on the set of reports, not on their
// order.
func TestClusterOrder(t *testing.T) {
	ru := rules(t)
	reports, _ := synth{Years: 1, Regions: 10, MaxReports: 10, Seed: 1}.Reports(5000)
	groups, err := ru.Cluster(reports, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := groupIDs(reports, groups)
	rng := rand.New(rand.NewPCG(2, 2))
	for range 3 {
		shuffled := slices.Clone(reports)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		g, err := ru.Cluster(shuffled, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := groupIDs(shuffled, g); !reflect.DeepEqual(got, want) {
			t.Fatal("another order of the same reports gives other groups")
		}
	}
}

// TestClusterBlocking: comparing only the pairs whose keys meet finds the
// same groups as comparing every pair.
func TestClusterBlocking(t *testing.T) {
	ru := rules(t)
	reports, _ := synth{Years: 1, Regions: 6, MaxReports: 10, Seed: 3}.Reports(3000)
	perm, err := idOrder(reports)
	if err != nil {
		t.Fatal(err)
	}
	bt, rank := ru.sweepBatch(reports, perm)
	got := bt.edges(rank)
	var want []edge
	ps := bt.ps
	for a := range ps {
		for b := range ps {
			if rank[a] < rank[b] {
				if m := bt.match(&ps[a], &ps[b]); m.Veto == NoVeto && m.Score >= ru.Threshold {
					want = append(want, edge{int32(a), int32(b), rank[a], rank[b], m.Score})
				}
			}
		}
	}
	order := func(x, y edge) int {
		if x.ra != y.ra {
			return int(x.ra - y.ra)
		}
		return int(x.rb - y.rb)
	}
	slices.SortFunc(got, order)
	slices.SortFunc(want, order)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocking found %d pairs, comparing all %d", len(got), len(want))
	}
	if len(want) == 0 {
		t.Error("no pairs at all: the test tests nothing")
	}
	// Swept in parts, in parallel, the pairs are the same.
	n := 0
	for n < len(ps) && ps[n].keyed {
		n++
	}
	for k := 2; k <= 7; k++ {
		var parts [][2]int
		for i := range k {
			parts = append(parts, [2]int{i * n / k, (i + 1) * n / k})
		}
		got := bt.edgesIn(parts, rank)
		slices.SortFunc(got, order)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("in %d parts, blocking found %d pairs, comparing all %d", k, len(got), len(want))
		}
	}
}

// TestClusterNoChain: no group holds two events that could not be one
// incident, and none holds two kept apart.
func TestClusterNoChain(t *testing.T) {
	ru := rules(t)
	reports, _ := synth{Years: 1, Regions: 5, MaxReports: 10, Seed: 4}.Reports(4000)
	groups, err := ru.Cluster(reports, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Keep apart one pair of every group of three or more, and check
	// that clustering again splits them.
	var apart CannotLink
	for _, g := range groups {
		if len(g) >= 3 {
			apart.Add(reports[g[0]].Event.ID, reports[g[len(g)-1]].Event.ID)
		}
	}
	if apart.Len() == 0 {
		t.Fatal("no group of three: the test tests nothing")
	}
	split, err := ru.Cluster(reports, &apart)
	if err != nil {
		t.Fatal(err)
	}
	for _, gs := range [][][]int{groups, split} {
		for _, g := range gs {
			for x := range g {
				for _, j := range g[x+1:] {
					a, b := reports[g[x]], reports[j]
					if m := ru.Match(a, b); m.Veto != NoVeto {
						t.Errorf("%s and %s in one group: %s", a.Event.ID, b.Event.ID, m)
					}
				}
			}
		}
	}
	for _, g := range split {
		for x := range g {
			for _, j := range g[x+1:] {
				if apart.Has(reports[g[x]].Event.ID, reports[j].Event.ID) {
					t.Errorf("%s and %s kept apart, but in one group", reports[g[x]].Event.ID, reports[j].Event.ID)
				}
			}
		}
	}
}

// TestMergeOrder: the merged event, its id and its links depend on the set
// of reports, not on their order.
func TestMergeOrder(t *testing.T) {
	ru := rules(t)
	reports, _ := synth{Years: 1, Regions: 5, MaxReports: 10, Seed: 5}.Reports(3000)
	groups, err := ru.Cluster(reports, nil)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(6, 6))
	n := 0
	for _, g := range groups {
		if len(g) < 3 {
			continue
		}
		var rs []Report
		for _, i := range g {
			rs = append(rs, reports[i])
		}
		want, err := ru.Merge(rs)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
			got, err := ru.Merge(rs)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("merge of %v depends on the order", want.Members)
			}
		}
		n++
	}
	if n == 0 {
		t.Fatal("no group of three: the test tests nothing")
	}
}

// TestMatchSymmetric: Match(a, b) is Match(b, a), to the bit.
func TestMatchSymmetric(t *testing.T) {
	ru := rules(t)
	reports, _ := synth{Years: 1, Regions: 2, MaxReports: 10, Seed: 7}.Reports(600)
	for i := range reports {
		for j := i + 1; j < len(reports); j++ {
			if ab, ba := ru.Match(reports[i], reports[j]), ru.Match(reports[j], reports[i]); ab != ba {
				t.Fatalf("%s, %s: %v one way, %v the other", reports[i].Event.ID, reports[j].Event.ID, ab, ba)
			}
		}
	}
}

// TestSynthAccuracy: on synthetic reports whose incidents are known, the
// pairs put together are mostly right and most right pairs are found. A
// floor against regressions of the rules, not a measure of accuracy on
// real reports (that is durand eval --format dedupe).
func TestSynthAccuracy(t *testing.T) {
	ru := rules(t)
	reports, truth := synth{Years: 10, Regions: 100, MaxReports: 10, Seed: 8}.Reports(50000)
	groups, err := ru.Cluster(reports, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, r := pairScores(groups, truth)
	t.Logf("pairwise precision %.3f, recall %.3f over %d reports", p, r, len(reports))
	if p < 0.95 || r < 0.80 {
		t.Errorf("precision %.3f (floor 0.95), recall %.3f (floor 0.80)", p, r)
	}
}

// pairScores counts pairs of reports: those in one group that are of one
// incident (precision) and those of one incident in one group (recall).
func pairScores(groups [][]int, truth []int) (precision, recall float64) {
	var same, together, both int
	byIncident := map[int]int{}
	for _, inc := range truth {
		byIncident[inc]++
	}
	for _, n := range byIncident {
		same += n * (n - 1) / 2
	}
	for _, g := range groups {
		together += len(g) * (len(g) - 1) / 2
		count := map[int]int{}
		for _, i := range g {
			count[truth[i]]++
		}
		for _, n := range count {
			both += n * (n - 1) / 2
		}
	}
	return float64(both) / float64(together), float64(both) / float64(same)
}
