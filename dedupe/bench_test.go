package dedupe

import (
	"fmt"
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
