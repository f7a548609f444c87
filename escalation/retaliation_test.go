package escalation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

func TestAnswersByHand(t *testing.T) {
	x, y := []int{10, 40, 20}, []int{10, 12, 25, 60} // any order
	opt := RetaliationOptions{Within: []int{1, 3, 7, 14}, From: 1, To: 100, Draws: 19, Boot: 19}
	r, err := Answers(x, y, opt)
	if err != nil {
		t.Fatal(err)
	}
	// 10 is answered on its day (not counted as a lag) and then on 12;
	// 20 on 25; 40 on 60.
	if got := retalShareList(r); !slices.Equal(got, []int{0, 1, 2, 2}) {
		t.Errorf("answered within 1, 3, 7, 14 days: %v, want [0 1 2 2]", got)
	}
	if r.SameDay.Answered != 1 || r.Observed != 3 || r.Unanswered != 0 || r.MedianLag != 5 {
		t.Errorf("same day %d, observed %d, unanswered %d, median %v; want 1, 3, 0, 5", r.SameDay.Answered, r.Observed, r.Unanswered, r.MedianLag)
	}
	if r.Lags[0].Share != 1.0/3 || r.Lags[2].Share != 1.0/3 || r.Lags[5].Share != 1.0/3 || r.Lags[1].Share != 0 {
		t.Errorf("lag histogram %+v", r.Lags)
	}

	// Looking back: 10 has no answer before it (censored at 9 days from
	// the start), 20 follows 12 by 8 days, 40 follows 25 by 15. Only 20
	// and 40 have 14 days of period before them, so 10's same-day answer
	// is not among the shares.
	opt.LookBack = true
	r, err = Answers(x, y, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := retalShareList(r); !slices.Equal(got, []int{0, 0, 0, 1}) || r.MedianLag != 15 || r.Unanswered != 1 || r.SameDay.Answered != 0 || r.Observed != 2 {
		t.Errorf("look back: within %v, median %v, unanswered %d, same day %d, observed %d; want [0 0 0 1], 15, 1, 0, 2", got, r.MedianLag, r.Unanswered, r.SameDay.Answered, r.Observed)
	}
}

func retalShareList(r RetaliationResponse) []int {
	var out []int
	for _, w := range r.Shares {
		out = append(out, w.Answered)
	}
	return out
}

func TestRetalShift(t *testing.T) {
	buf := make([]int, 3)
	retalShift(buf, []int{100, 103, 109}, 100, 10, 2)
	if !slices.Equal(buf, []int{101, 102, 105}) {
		t.Errorf("shift of 100, 103, 109 by 2 round 100..109 = %v, want 101 102 105", buf)
	}
}

func TestRetalMedianCensored(t *testing.T) {
	// Lags 2 and 6, one censored at 3: survival falls to 2/3 at 2, the
	// censored event leaves, and it falls to 0 at 6.
	ev := []retalEvent{{lag: 2, time: 2}, {time: 3}, {lag: 6, time: 6}}
	if m := retalNewKM(ev).median(ev); m != 6 {
		t.Errorf("median %v, want 6", m)
	}
	ev = []retalEvent{{time: 3}, {time: 4}, {lag: 2, time: 2}}
	if m := retalNewKM(ev).median(ev); !math.IsNaN(m) {
		t.Errorf("median with two of three never answered = %v, want NaN", m)
	}
}

func TestRetaliationErrors(t *testing.T) {
	occ := []Occurrence{
		{Day: 100, Source: []durand.ActorCode{"PAK.MIL"}, Target: []durand.ActorCode{"TTP"}},
		{Day: 500, Source: []durand.ActorCode{"PAK.MIL"}, Target: []durand.ActorCode{"TTP"}},
	}
	if _, err := Retaliation(occ, Filter{}, "PAK", "TTP", RetaliationOptions{}); err == nil || !strings.Contains(err.Error(), "no answering events") {
		t.Errorf("no TTP → PAK events: %v", err)
	}
	occ = append(occ, Occurrence{Day: 110, Source: []durand.ActorCode{"TTP"}, Target: []durand.ActorCode{"PAK.POL"}})
	if _, err := Retaliation(occ, Filter{}, "PAK", "TTP", RetaliationOptions{From: 100, To: 150}); err == nil {
		t.Error("a 51-day period accepted for shifts of at least 31 days")
	}
	if _, err := Answers([]int{1}, []int{2}, RetaliationOptions{Within: []int{0}}); err == nil {
		t.Error("a window of 0 days accepted")
	}
	if _, err := Answers([]int{100}, []int{2}, RetaliationOptions{From: 1, To: 110}); err == nil {
		t.Error("no observed event, no error")
	}
	r, err := Retaliation(occ, Filter{}, "PAK", "TTP", RetaliationOptions{From: 1, To: 1000, Draws: 9, Boot: 9})
	if err != nil || r.Forward.Events != 2 || r.Backward.Events != 1 || r.Backward.Shares[1].Answered != 0 {
		t.Errorf("Retaliation = %+v, %v; want 2 PAK → TTP events, 1 TTP → PAK", r, err)
	}
}

// retalPoisson draws a Poisson count (Knuth's method: small means only).
func retalPoisson(r *rand.Rand, mean float64) int {
	l, k, p := math.Exp(-mean), 0, r.Float64()
	for p > l {
		k++
		p *= r.Float64()
	}
	return k
}

// retalSim is a process pair on days [0, n): x at rate rx a day (times
// a slow random regime when bursty), and y at rate ry plus, after each
// x with probability answer, one y 1+Poisson(lag) days later.
func retalSim(r *rand.Rand, n int, rx, ry, answer, lag float64, bursty bool) (x, y []int) {
	level := func() []float64 {
		lv := make([]float64, n)
		for d, v := 0, 1.0; d < n; d++ {
			if bursty && d%90 == 0 {
				v = 0.2 + 1.6*r.Float64()
			}
			lv[d] = v
		}
		return lv
	}
	lx, ly := level(), level()
	for d := range n {
		for range retalPoisson(r, rx*lx[d]) {
			x = append(x, d)
			if r.Float64() < answer {
				y = append(y, d+1+retalPoisson(r, lag))
			}
		}
		for range retalPoisson(r, ry*ly[d]) {
			y = append(y, d)
		}
	}
	slices.Sort(y)
	return x, retalClip(y, 0, n-1)
}

func TestAnswersFindsAnswers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	x, y := retalSim(r, 3000, 0.05, 0.05, 0.6, 3, false)
	res, err := Answers(x, y, RetaliationOptions{Rand: r})
	if err != nil {
		t.Fatal(err)
	}
	w := res.Shares[2] // 7 days
	t.Logf("answered within 7 days: %.2f (%.2f–%.2f), null %.2f (%.2f–%.2f), p %.3f; median lag %v (%v–%v)",
		w.Share, w.Low, w.High, w.NullMean, w.NullLow, w.NullHigh, w.P, res.MedianLag, res.MedianLow, res.MedianHigh)
	if w.Share < w.NullHigh+0.15 || w.P > 0.01 || w.Low < w.NullHigh {
		t.Errorf("B answers 60%% of A's events within a few days, but the 7-day share %.2f (%.2f–%.2f) is not well above the null band %.2f–%.2f (p %.3f)",
			w.Share, w.Low, w.High, w.NullLow, w.NullHigh, w.P)
	}
	// Without background the first answer is the planted one: lag
	// 1+Poisson(3), whose median is 4.
	x, y = retalSim(r, 3000, 0.02, 0, 1, 3, false)
	res, err = Answers(x, y, RetaliationOptions{Rand: r})
	if err != nil {
		t.Fatal(err)
	}
	if res.MedianLow > 4 || res.MedianHigh < 4 {
		t.Errorf("median lag %v (%v–%v), want an interval holding 4", res.MedianLag, res.MedianLow, res.MedianHigh)
	}
}

// TestAnswersFalsePositives checks that when the two sides act
// independently (each with bursts and lulls of its own) the shares fall
// outside the null at the 5% level about 5% of the time. The default run
// takes 100 replications; DURAND_SLOW=1 takes 1000.
func TestAnswersFalsePositives(t *testing.T) {
	reps, draws := 100, 199
	if os.Getenv("DURAND_SLOW") != "" {
		reps, draws = 1000, 999
	}
	for _, bursty := range []bool{false, true} {
		r := rand.New(rand.NewPCG(7, uint64(retalBit(bursty))))
		rejected := make([]int, 5)
		for range reps {
			x, y := retalSim(r, 3000, 0.08, 0.08, 0, 0, bursty)
			res, err := Answers(x, y, RetaliationOptions{Draws: draws, Boot: 1, Rand: r})
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range res.Shares {
				rejected[i] += retalBit(w.P <= 0.05)
			}
		}
		for i, n := range rejected {
			rate := float64(n) / float64(reps)
			t.Logf("bursty %v, within %d days: %.3f rejected", bursty, []int{1, 3, 7, 14, 30}[i], rate)
			// Binomial sd at 5% is 2.2% over 100 replications: allow
			// 3 sd above. A test on counts with ties is conservative, so
			// below only the slow run (sd 0.7%) holds it to 2%.
			if rate > 0.05+3*math.Sqrt(0.05*0.95/float64(reps)) || reps >= 1000 && rate < 0.02 {
				t.Errorf("independent sides (bursty %v): %.1f%% of replications rejected at 5%% within %d days", bursty, 100*rate, []int{1, 3, 7, 14, 30}[i])
			}
		}
	}
}

// retalNaive is the histogram retalCount makes, by scanning every
// answer for every event.
func retalNaive(x, y []int, to, longest int, hist []int) {
	for _, d := range x {
		if d+longest > to {
			continue
		}
		first, same := 0, false
		for _, a := range y {
			same = same || a == d
			if a > d && (first == 0 || a-d < first) {
				first = a - d
			}
		}
		hist[0] += retalBit(same)
		if first > 0 && first <= longest {
			hist[first]++
		}
	}
}

func TestRetalCountAgreesWithNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for rep := range 20 {
		x, y := retalSim(r, 500, 0.1, 0.2, 0.3, 2, rep%2 == 0)
		fast, naive := make([]int, 31), make([]int, 31)
		retalCount(x, y, 499, 30, fast)
		retalNaive(x, y, 499, 30, naive)
		fromEvents := make([]int, 31)
		for _, e := range retalLags(x, y, 499, 30) {
			if e.observed {
				fromEvents[0] += retalBit(e.sameDay)
				if e.lag > 0 && e.lag <= 30 {
					fromEvents[e.lag]++
				}
			}
		}
		if !slices.Equal(fast, naive) || !slices.Equal(fromEvents, naive) {
			t.Fatalf("lag histograms differ:\nfast   %v\nevents %v\nnaive  %v", fast, fromEvents, naive)
		}
	}
}

// BenchmarkAnswers measures both directions of a dyad over 30 years,
// and one null draw's lag count beside the naive scan.
func BenchmarkAnswers(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, rate := range []float64{0.1, 1} {
		x, y := retalSim(r, 10958, rate, rate, 0.3, 3, true)
		b.Run(fmt.Sprintf("events=%d/draws=999", len(x)+len(y)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Answers(x, y, RetaliationOptions{Rand: r}); err != nil {
					b.Fatal(err)
				}
			}
		})
		for name, count := range map[string]func(x, y []int, to, longest int, hist []int){"merge": retalCount, "naive": retalNaive} {
			b.Run(fmt.Sprintf("events=%d/draw/method=%s", len(x)+len(y), name), func(b *testing.B) {
				hist := make([]int, 31)
				for b.Loop() {
					count(x, y, 10957, 30, hist)
				}
			})
		}
	}
}

// TestAnswersIntervalCoverage checks the block-bootstrap intervals of
// the 7-day share and of the median lag against the truth, taken from
// one series 200 times longer. The default run takes 60 replications;
// DURAND_SLOW=1 takes 300.
func TestAnswersIntervalCoverage(t *testing.T) {
	reps := 60
	if os.Getenv("DURAND_SLOW") != "" {
		reps = 300
	}
	r := rand.New(rand.NewPCG(21, 21))
	const n, rx, ry, answer, lag = 3000, 0.05, 0.03, 0.5, 4
	x, y := retalSim(r, 200*n, rx, ry, answer, lag, true)
	truth, err := Answers(x, y, RetaliationOptions{Draws: 1, Boot: 1})
	if err != nil {
		t.Fatal(err)
	}
	share, median := truth.Shares[2].Share, truth.MedianLag
	heldShare, heldMedian := 0, 0
	for range reps {
		x, y := retalSim(r, n, rx, ry, answer, lag, true)
		res, err := Answers(x, y, RetaliationOptions{Draws: 1, Boot: 499, Rand: r})
		if err != nil {
			t.Fatal(err)
		}
		w := res.Shares[2]
		heldShare += retalBit(w.Low <= share && share <= w.High)
		heldMedian += retalBit(res.MedianLow <= median && median <= res.MedianHigh)
	}
	cs, cm := float64(heldShare)/float64(reps), float64(heldMedian)/float64(reps)
	t.Logf("true 7-day share %.3f, median lag %v; held by the interval in %.3f and %.3f of %d", share, median, cs, cm, reps)
	if sd := math.Sqrt(0.05 * 0.95 / float64(reps)); cs < 0.95-3*sd || cm < 0.95-3*sd {
		t.Errorf("95%% intervals held the 7-day share in %.1f%% and the median in %.1f%% of %d replications", 100*cs, 100*cm, reps)
	}
}
