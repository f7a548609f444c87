package dedupe

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
)

// benchSynth is the spread of the speed target: ten years, a
// hundred provinces, one to ten reports an incident.
var benchSynth = synth{Years: 10, Regions: 100, MaxReports: 10, Seed: 42}

// BenchmarkCluster clusters n synthetic reports; the target is
// 1,000,000 in 30 s. Beside the time it reports events/s, the process's
// CPU seconds an operation (the machine is shared: wall time alone says
// little), and the pairwise precision and recall against the incidents
// the reports were drawn from.
func BenchmarkCluster(b *testing.B) {
	ru := rules(b)
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			reports, truth := benchSynth.Reports(n)
			var groups [][]int
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				var err error
				if groups, err = ru.Cluster(reports, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
			p, r := pairScores(groups, truth)
			b.ReportMetric(p, "precision")
			b.ReportMetric(r, "recall")
		})
	}
}

// BenchmarkJoin places one new report among c candidates, as the store's
// incremental merge does for each report it stores; the target is
// under 5 ms with a million events stored. A real scope at that density
// holds about ten (ScopeOf's window is two days of one province); a
// hundred and a thousand are the scopes of a report with no place.
func BenchmarkJoin(b *testing.B) {
	ru := rules(b)
	for _, c := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("candidates=%d", c), func(b *testing.B) {
			rep, cands := joinInput(c)
			b.ReportAllocs()
			for b.Loop() {
				ru.Join(rep, cands, nil)
			}
		})
	}
}

// joinInput makes a new report and c candidates in its province and days,
// in incidents of up to ten.
func joinInput(c int) (Report, []Candidate) {
	s := synth{Years: 1, Regions: 1, MaxReports: 10, Seed: 9}
	reports, truth := s.Reports(c + 1)
	for i := range reports {
		reports[i].Event.Date = reports[0].Event.Date
	}
	size := map[int]int{}
	for _, inc := range truth[1:] {
		size[inc]++
	}
	cands := make([]Candidate, c)
	for i := range cands {
		cands[i] = Candidate{Report: reports[i+1], Cluster: fmt.Sprint("inc", truth[i+1]), Size: size[truth[i+1]]}
	}
	return reports[0], cands
}

// BenchmarkMatch compares two reports of one incident.
func BenchmarkMatch(b *testing.B) {
	ru := rules(b)
	reports, _ := synth{Years: 1, Regions: 1, MaxReports: 10, Seed: 10}.Reports(2)
	bt := ru.newBatch(reports)
	b.ReportAllocs()
	for b.Loop() {
		bt.match(&bt.ps[0], &bt.ps[1])
	}
}

// BenchmarkMerge merges an incident of ten reports.
func BenchmarkMerge(b *testing.B) {
	ru := rules(b)
	reports, _ := synth{Years: 1, Regions: 1, MaxReports: 1, Seed: 11}.Reports(1)
	rs := make([]Report, 10)
	for i := range rs {
		rs[i] = reports[0]
		rs[i].Event.ID = fmt.Sprintf("ev_%02d", i)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ru.Merge(rs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJoinIndexed places one new report among a million stored events
// held in memory, as a store does for each report it stores: the scope of
// its key (ScopeOf) is fetched from an index of the events by region and
// first day, then Join decides. The events' incidents are the ones they
// were drawn from. The target is under 5 ms.
func BenchmarkJoinIndexed(b *testing.B) {
	ru := rules(b)
	const n = 1_000_000
	reports, truth := benchSynth.Reports(n + 1000)
	size := map[int]int{}
	for _, inc := range truth[:n] {
		size[inc]++
	}
	idx := newKeyIndex(reports[:n], truth, size)
	news := reports[n:]
	b.ReportAllocs()
	scanned := 0
	i := 0
	for b.Loop() {
		rep := news[i%len(news)]
		i++
		key, ok := KeyOf(rep.Event)
		if !ok {
			continue
		}
		cands := idx.scope(ScopeOf(key))
		scanned += len(cands)
		ru.Join(rep, cands, nil)
	}
	b.ReportMetric(float64(scanned)/float64(b.N), "candidates/op")
}

// keyIndex holds events by region, each region's in order of their key's
// first day, as a store's index on (country, admin1, lo) does.
type keyIndex struct {
	by map[Region][]indexed
}

type indexed struct {
	key  Key
	cand Candidate
}

func newKeyIndex(reports []Report, truth []int, size map[int]int) *keyIndex {
	ix := &keyIndex{by: map[Region][]indexed{}}
	for i, r := range reports {
		k, ok := KeyOf(r.Event)
		if !ok {
			continue
		}
		c := Candidate{Report: r, Cluster: fmt.Sprint("inc", truth[i]), Size: size[truth[i]]}
		ix.by[k.Region] = append(ix.by[k.Region], indexed{k, c})
	}
	for _, es := range ix.by {
		slices.SortFunc(es, func(a, b indexed) int { return cmp.Compare(a.key.Lo, b.key.Lo) })
	}
	return ix
}

// scope returns the events in s: for each region it names (every region
// when s.All), those whose first day is within MaxWindow before s.To.
func (ix *keyIndex) scope(s Scope) []Candidate {
	var out []Candidate
	for r, es := range ix.by {
		if !s.All && !slices.Contains(s.Regions, r) && !slices.Contains(s.Countries, r.Country) {
			continue
		}
		lo, _ := slices.BinarySearchFunc(es, s.From-MaxWindow+1, func(e indexed, d Day) int { return cmp.Compare(e.key.Lo, d) })
		for _, e := range es[lo:] {
			if e.key.Lo > s.To {
				break
			}
			if s.Contains(e.key) {
				out = append(out, e.cand)
			}
		}
	}
	return out
}
