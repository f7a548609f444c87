package dedupe

import (
	"math"
	"slices"

	"github.com/durandhq/durand"
)

// interval is a count as the range of numbers it allows.
type interval struct {
	lo, hi int
	known  bool
	exact  bool
}

// intervalOf reads a count: an exact number, a range ("between 10 and
// 15"), a floor ("at least 10": no high) or a ceiling ("up to 10": no
// low).
func intervalOf(c durand.Count) interval {
	if !c.Known() {
		return interval{}
	}
	lo, hi := c.Low, c.High
	if lo < 0 {
		lo = c.Best
	}
	if hi < 0 {
		hi = c.Best
	}
	if lo < 0 {
		lo = 0
	}
	if hi < 0 {
		hi = math.MaxInt32
	}
	return interval{lo: lo, hi: hi, known: true, exact: c.Best >= 0 && lo == c.Best && hi == c.Best}
}

// countSim compares two counts of one kind, published at times ta and tb
// (Unix seconds, 0 unknown). One unknown says nothing; the same number
// agrees; overlapping ranges agree less. Disjoint counts where the higher
// was published later are compatible: the toll rose ("the toll rises to
// 15" after "three killed"). Otherwise they disagree, in proportion to
// their ratio on a log scale up to count-ratio; never a veto, since
// outlets count differently.
func (r *Rules) countSim(a, b interval, ta, tb int64) float64 {
	switch {
	case !a.known || !b.known:
		return 0
	case a.exact && b.exact && a.lo == b.lo:
		return r.countSame
	case a.lo <= b.hi && b.lo <= a.hi:
		return r.countLap
	}
	if a.lo < b.lo {
		a, b, ta, tb = b, a, tb, ta // a is the higher
	}
	if ta > 0 && tb > 0 && ta > tb {
		return r.countRise
	}
	ratio := float64(a.lo+1) / float64(b.hi+1)
	return r.countDiff * min(1, math.Log(ratio)/math.Log(r.countRatio))
}

// reported is one report's count of one kind and when it was published.
type reported struct {
	c durand.Count
	t int64 // Unix seconds; 0 unknown
}

// mergeCount combines the counts of one kind (fatalities, injured,
// abducted) that the reports of one incident give:
//
//   - best is the median of the reports' best values (the lower middle one
//     of an even number, as the ACLED rule counts conservatively);
//   - low is the least of their lows and high the greatest of their highs
//     (a report's best stands for its low or high when it gives none);
//   - a report raises the toll when it was published after at least one
//     report that gave a count and its best is higher than every count
//     published before it ("the toll rises to 15"); the highest raise R,
//     when above the median, becomes best, and low becomes at least the
//     raising report's low, since the earlier, smaller counts were the
//     toll of their day, not a bound on it;
//   - low ≤ best ≤ high always holds.
//
// Reports without a count take no part; none gives durand.NoCount.
func mergeCount(rs []reported) durand.Count {
	var bests []int
	out := durand.NoCount
	for _, x := range rs {
		if !x.c.Known() {
			continue
		}
		if x.c.Best >= 0 {
			bests = append(bests, x.c.Best)
		}
		if lo := lowOf(x.c); lo >= 0 && (out.Low < 0 || lo < out.Low) {
			out.Low = lo
		}
		if hi := highOf(x.c); hi > out.High {
			out.High = hi
		}
	}
	if len(bests) > 0 {
		slices.Sort(bests)
		out.Best = bests[(len(bests)-1)/2]
	}
	if raise, ok := raised(rs); ok && raise.Best > out.Best {
		out.Best = raise.Best
		out.Low = max(out.Low, lowOf(raise))
	}
	if out.Best >= 0 {
		if out.Low < 0 || out.Low > out.Best {
			out.Low = out.Best
		}
		out.High = max(out.High, out.Best)
	}
	return out
}

// raised returns the highest count that raised an earlier toll, as
// mergeCount defines it.
func raised(rs []reported) (durand.Count, bool) {
	var best durand.Count
	ok := false
	for _, x := range rs {
		if x.t == 0 || x.c.Best < 0 || ok && x.c.Best <= best.Best {
			continue
		}
		earlier, above := false, true
		for _, y := range rs {
			if y.t == 0 || y.t >= x.t || !y.c.Known() {
				continue
			}
			earlier = true
			if highOf(y.c) >= x.c.Best {
				above = false
				break
			}
		}
		if earlier && above {
			best, ok = x.c, true
		}
	}
	return best, ok
}

// lowOf is a count's low, else its best; -1 when it has neither.
func lowOf(c durand.Count) int {
	if c.Low >= 0 {
		return c.Low
	}
	return c.Best
}

// highOf is a count's high, else its best; -1 when it has neither.
func highOf(c durand.Count) int {
	if c.High >= 0 {
		return c.High
	}
	return c.Best
}
