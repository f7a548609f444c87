package escalation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

func TestEventStudyByHand(t *testing.T) {
	// Days 100..129; a shock on day 105 with windows of 3: before days
	// 102–104 (1, 2, 3), after days 106–108 (6, 0, 0).
	y := make([]float64, 30)
	copy(y[2:], []float64{1, 2, 3, 9, 6, 0, 0})
	s := Series{Start: 100, Step: 1, Counts: y}
	opt := EventStudyOptions{Before: 3, After: 3, Placebos: 19}
	// 96 is before the series, 9 days before 105; 111 comes 6 days after
	// 105 (not more than 3+3) and is dropped; 118 is 7 days after 111
	// and kept; 128 is at the edge; 140 is after the series.
	res, err := EventStudy([]int{105, 96, 105, 111, 118, 128, 140}, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Shocks != 4 || res.AtEdge != 1 || res.Overlapping != 1 || res.Used != 2 {
		t.Errorf("shocks %d, at edge %d, overlapping %d, used %d; want 4, 1, 1, 2", res.Shocks, res.AtEdge, res.Overlapping, res.Used)
	}
	// Shock 118 has zeros either side: means over the two shocks.
	if res.BeforeRate != 1 || res.AfterRate != 1 || res.Diff.Value != 0 || res.Ratio.Value != 1 {
		t.Errorf("before %v, after %v, diff %v, ratio %v; want 1, 1, 0, 1", res.BeforeRate, res.AfterRate, res.Diff.Value, res.Ratio.Value)
	}
	var prof []float64
	for _, p := range res.Profile {
		prof = append(prof, p.Rate)
	}
	if !slices.Equal(prof, []float64{0.5, 1, 1.5, 4.5, 3, 0, 0}) || res.Profile[0].Offset != -3 {
		t.Errorf("profile %v from offset %d, want [0.5 1 1.5 4.5 3 0 0] from -3", prof, res.Profile[0].Offset)
	}

	opt.KeepOverlapping = true
	if res, err = EventStudy([]int{105, 111}, s, opt); err != nil || res.Used != 2 || res.AfterRate != 1 || res.BeforeRate != 1 {
		t.Errorf("keeping overlaps: %+v, %v; want 2 used, rates (1+2+3+0+0+0)/6 and (6+0+0+0+0+0)/6", res, err)
	}

	for name, bad := range map[string]struct {
		shocks []int
		s      Series
		opt    EventStudyOptions
	}{
		"no events":   {[]int{105}, Series{Start: 100, Step: 1, Counts: make([]float64, 20)}, EventStudyOptions{Before: 3, After: 3}},
		"too short":   {[]int{105}, s, EventStudyOptions{Before: 10, After: 10}},
		"no shocks":   {nil, s, opt},
		"all at edge": {[]int{100, 129}, s, opt},
		"bad window":  {[]int{105}, s, EventStudyOptions{Before: -1, After: 3}},
	} {
		if _, err := EventStudy(bad.shocks, bad.s, bad.opt); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestEventStudyWeekly(t *testing.T) {
	// A shock on day 24 of a weekly series from day 3 is in week 3
	// (days 24–30); a shock on day 2 is in week -1, not 0, so it is four
	// weeks before, more than the windows' three.
	s := Series{Start: 3, Step: 7, Counts: []float64{1, 1, 1, 9, 5, 1, 1, 1, 1, 1}}
	res, err := EventStudy([]int{24, 2}, s, EventStudyOptions{Before: 2, After: 1, Placebos: 9})
	if err != nil {
		t.Fatal(err)
	}
	if res.Shocks != 1 || res.Used != 1 || res.BeforeRate != 1 || res.AfterRate != 5 || res.Overlapping != 0 || res.Step != 7 {
		t.Errorf("weekly: %+v; want the week-3 shock used, 1 a week before and 5 after", res)
	}
	// Weekly windows default to 30 days' worth: 4 weeks.
	if res, _ := EventStudy([]int{40}, Series{Start: 0, Step: 7, Counts: make([]float64, 20)}, EventStudyOptions{}); res.Before != 4 || res.After != 4 {
		t.Errorf("default weekly windows %d and %d, want 4", res.Before, res.After)
	}
}

// eventNaive is the before and after rates by direct sums.
func eventNaive(at []int, y []float64, before, after int) (float64, float64) {
	var b, a float64
	for _, s := range at {
		for i := s - before; i < s; i++ {
			b += y[i]
		}
		for i := s + 1; i <= s+after; i++ {
			a += y[i]
		}
	}
	m := float64(len(at))
	return b / (m * float64(before)), a / (m * float64(after))
}

func TestEventStudyAgreesWithNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	s, shocks := eventSim(r, 3000, 40, 2, 0, 30)
	for _, keep := range []bool{false, true} {
		opt := EventStudyOptions{KeepOverlapping: keep, Placebos: 9}
		res, err := EventStudy(shocks, s, opt)
		if err != nil {
			t.Fatal(err)
		}
		var used []int
		slices.Sort(shocks)
		shocks = slices.Compact(shocks) // two on one day are one shock
		for i, d := range shocks {
			if d >= 30 && d < 3000-30 && (keep || i == 0 || d-shocks[i-1] > 60) {
				used = append(used, d)
			}
		}
		b, a := eventNaive(used, s.Counts, 30, 30)
		if len(used) != res.Used || math.Abs(b-res.BeforeRate) > 1e-9 || math.Abs(a-res.AfterRate) > 1e-9 {
			t.Errorf("keep %v: %d used, rates %v, %v; naive %d, %v, %v", keep, res.Used, res.BeforeRate, res.AfterRate, len(used), b, a)
		}
	}
}

// eventSim is a daily outcome at rate base, raised by step on the days
// 1..window after any of m shocks at random days (not added up where
// windows overlap), and the shocks.
func eventSim(r *rand.Rand, n, m int, base, step float64, window int) (Series, []int) {
	shocks := make([]int, m)
	raised := make([]bool, n)
	for i := range shocks {
		shocks[i] = r.IntN(n)
		for d := shocks[i] + 1; d <= shocks[i]+window && d < n; d++ {
			raised[d] = true
		}
	}
	y := make([]float64, n)
	for d := range y {
		rate := base
		if raised[d] {
			rate += step
		}
		y[d] = float64(retalPoisson(r, rate))
	}
	return Series{Start: 0, Step: 1, Counts: y}, shocks
}

func TestEventStudyRecoversStep(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for _, step := range []float64{0.5, -0.5} {
		s, shocks := eventSim(r, 11000, 60, 1.5, step, 30)
		res, err := EventStudy(shocks, s, EventStudyOptions{Rand: r})
		if err != nil {
			t.Fatal(err)
		}
		d := res.Diff
		t.Logf("step %+.1f: %d of %d shocks used; diff %.3f (%.3f to %.3f), placebo %.3f (%.3f to %.3f), p %.3f; ratio %.2f (%.2f–%.2f)",
			step, res.Used, res.Shocks, d.Value, d.Low, d.High, d.NullMean, d.NullLow, d.NullHigh, d.P, res.Ratio.Value, res.Ratio.Low, res.Ratio.High)
		if d.Low > step || d.High < step || d.Low < 0 && d.High > 0 || d.P > 0.01 {
			t.Errorf("a step of %+.1f after shocks: diff %.3f (%.3f to %.3f), p %.3f; want an interval holding the step and not 0", step, d.Value, d.Low, d.High, d.P)
		}
		truth := (1.5 + step) / 1.5
		if res.Ratio.Low > truth || res.Ratio.High < truth {
			t.Errorf("ratio %.2f (%.2f–%.2f), want an interval holding %.2f", res.Ratio.Value, res.Ratio.Low, res.Ratio.High, truth)
		}
	}
}

// TestEventStudyCoverage checks that the intervals hold the truth about
// 95% of the time: 0 with no effect, the step with one. The default run
// takes 60 replications; DURAND_SLOW=1 takes 500.
func TestEventStudyCoverage(t *testing.T) {
	reps, placebos := 60, 199
	if os.Getenv("DURAND_SLOW") != "" {
		reps, placebos = 500, 999
	}
	for _, step := range []float64{0, 0.3} {
		r := rand.New(rand.NewPCG(11, uint64(10*step)))
		held := 0
		for range reps {
			s, shocks := eventSim(r, 4000, 40, 1, step, 30)
			res, err := EventStudy(shocks, s, EventStudyOptions{Placebos: placebos, Rand: r})
			if err != nil {
				t.Fatal(err)
			}
			held += retalBit(res.Diff.Low <= step && step <= res.Diff.High)
		}
		rate := float64(held) / float64(reps)
		t.Logf("step %.1f: interval held it in %.3f of %d replications", step, rate, reps)
		if sd := math.Sqrt(0.05 * 0.95 / float64(reps)); rate < 0.95-3*sd || rate > 0.95+3*sd && step == 0 {
			t.Errorf("step %.1f: the 95%% interval held it in %.1f%% of %d replications", step, 100*rate, reps)
		}
	}
}

// BenchmarkEventStudy runs the study on 30 years of a daily series.
func BenchmarkEventStudy(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, m := range []int{100, 1000} {
		s, shocks := eventSim(r, 10958, m, 1, 0.2, 30)
		for _, keep := range []bool{false, true} {
			b.Run(fmt.Sprintf("shocks=%d/keep=%v/placebos=1000", m, keep), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := EventStudy(shocks, s, EventStudyOptions{KeepOverlapping: keep, Placebos: 1000, Rand: r}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// eventClustered is a daily outcome whose rate drifts (a new level every
// 60 days) and shocks in clusters (a few days apart), unrelated.
func eventClustered(r *rand.Rand, n, clusters int) (Series, []int) {
	y := make([]float64, n)
	level := 1.0
	for d := range y {
		if d%60 == 0 {
			level = 0.3 + 1.4*r.Float64()
		}
		y[d] = float64(retalPoisson(r, level))
	}
	var shocks []int
	for range clusters {
		d := r.IntN(n)
		for range 6 {
			shocks = append(shocks, d)
			d += 1 + r.IntN(5)
		}
	}
	return Series{Start: 0, Step: 1, Counts: y}, shocks
}

// TestEventStudyClusteredShocks shows why placebos are shifted sets by
// default: with clustered shocks kept overlapping and a drifting
// outcome, independent placebo dates give an interval that holds 0 too
// rarely; shifted sets hold it about 95% of the time. DURAND_SLOW=1 takes 400
// replications instead of 80.
func TestEventStudyClusteredShocks(t *testing.T) {
	reps := 80
	if os.Getenv("DURAND_SLOW") != "" {
		reps = 400
	}
	r := rand.New(rand.NewPCG(13, 13))
	held := map[bool]int{}
	for range reps {
		s, shocks := eventClustered(r, 4000, 15)
		for _, shift := range []bool{false, true} {
			res, err := EventStudy(shocks, s, EventStudyOptions{KeepOverlapping: true, IndependentPlacebos: !shift, Placebos: 199, Rand: r})
			if err != nil {
				t.Fatal(err)
			}
			held[shift] += retalBit(res.Diff.Low <= 0 && 0 <= res.Diff.High)
		}
	}
	indep, shifted := float64(held[false])/float64(reps), float64(held[true])/float64(reps)
	t.Logf("interval held 0: independent placebos %.3f, shifted %.3f of %d", indep, shifted, reps)
	if sd := math.Sqrt(0.05 * 0.95 / float64(reps)); shifted < 0.95-3*sd {
		t.Errorf("shifted placebos held 0 in %.1f%% of %d replications", 100*shifted, reps)
	}
	if indep > 0.85 {
		t.Errorf("independent placebos held 0 in %.1f%%: the scenario no longer shows what clustering does", 100*indep)
	}
}
