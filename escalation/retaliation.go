package escalation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// RetaliationOptions say how Retaliation and Answers measure the lags
// and build their null and intervals. The zero value is the analysis the
// issue asks for.
type RetaliationOptions struct {
	// Within lists the windows, in days, for the shares answered; none
	// means 1, 3, 7, 14 and 30.
	Within []int
	// From and To bound the days read; both zero means the span of the
	// two series together.
	From, To int
	// Draws is the number of circular shifts for the null (zero: 999).
	Draws int
	// MinShift and MaxShift bound the shift of a null draw, in days
	// either way. Shifts shorter than the longest window would leave
	// the link in place; shifts much longer would also move a side's
	// slow trends (a campaign year against a quiet one), and two sides
	// that merely grow busy together would look as if they answered
	// each other. Zero MinShift is the longest window plus one; zero
	// MaxShift is 365 days; a negative MaxShift allows any shift (the
	// whole circle).
	MinShift, MaxShift int
	// Boot is the number of bootstrap replicates for the intervals of
	// the shares and the median lag (zero: 999).
	Boot int
	// Block is the length in days of the blocks the bootstrap resamples
	// (zero: the longest window). Events close in time share their next
	// answer, so resampling them one by one would understate the
	// uncertainty.
	Block int
	// LookBack measures, for each event x, the days since the last
	// answer y before it instead of the days to the next one after it:
	// "does x follow y?" rather than "is x followed by y?".
	LookBack bool
	// Rand draws the null and the bootstrap; nil is a fixed seed.
	Rand *rand.Rand
	// Context stops the null draws and the bootstrap when it is done,
	// and Retaliation and Answers return its error; nil is never.
	Context context.Context
}

// WindowShare is the share of events answered within Days days.
type WindowShare struct {
	Days int
	// Answered counts the observed events answered within Days; Share
	// is Answered over the RetaliationResponse's Observed.
	Answered int
	Share    float64
	// Low and High bound the share's 95% block-bootstrap interval.
	Low, High float64
	// NullMean, NullLow and NullHigh are the mean and 95% band of the
	// share under the null; P is the one-sided p-value of a share this
	// high or higher under it.
	NullMean, NullLow, NullHigh float64
	P                           float64
}

// LagShare is the share of observed events whose first answer came
// Lag days later (Lag 0: an answer on the same day), beside the null.
type LagShare struct {
	Lag                         int
	Share                       float64
	NullMean, NullLow, NullHigh float64
}

// RetaliationResponse is how one side answers the other's events.
type RetaliationResponse struct {
	// Events and Answers count the events answered (x) and the
	// answering events (y) in the period.
	Events, Answers int
	// Observed counts the events whose longest window lies inside the
	// period (for LookBack, after its start): the denominator of every
	// share, so that an event on the last day does not count as
	// unanswered.
	Observed int
	// Shares has one entry per window. An answer must come strictly
	// after the event: at day resolution the order of two events on one
	// day is unknown, so same-day answers are counted apart in SameDay
	// (its Days is 0).
	Shares  []WindowShare
	SameDay WindowShare
	// Lags is the histogram of first answers, lag 0 (same day) to the
	// longest window, with the null band: the lag plot.
	Lags []LagShare
	// MedianLag is the Kaplan–Meier median of the lag to the first
	// answer strictly after (events with no answer before the end of
	// the period are censored there), with its 95% block-bootstrap
	// interval. NaN when fewer than half are answered within the
	// period; High is +Inf when that happens in over 2.5% of replicates.
	MedianLag, MedianLow, MedianHigh float64
	// Unanswered counts the events with no answer before the period's
	// end (for LookBack, after its start).
	Unanswered int
}

// RetaliationResult is who answers whom, and how fast, between two sides.
type RetaliationResult struct {
	A, B     Side
	From, To int
	// Forward is how B answers A: for each A→B event, the days to the
	// next B→A event. Backward is how A answers B.
	Forward, Backward RetaliationResponse
	// The null and bootstrap the result rests on.
	Draws, MinShift, MaxShift, Boot, Block int
}

// Retaliation measures how a and b answer each other among the
// occurrences matching f (whose own source and target are replaced by
// the two sides): an A→B event has some source of side a and some
// target of side b, as Filter.Match reads it.
func Retaliation(occ []Occurrence, f Filter, a, b Side, opt RetaliationOptions) (RetaliationResult, error) {
	fab, fba := f, f
	fab.Source, fab.Target = a, b
	fba.Source, fba.Target = b, a
	ab, ba := retalSorted(Days(occ, fab)), retalSorted(Days(occ, fba))
	if opt.From == 0 && opt.To == 0 {
		opt.From, opt.To = retalSpan(ab, ba)
	}
	res := RetaliationResult{A: a, B: b, From: opt.From, To: opt.To}
	opt.Rand = orSeed(opt.Rand, streamRetaliation)
	var err error
	if res.Forward, err = Answers(ab, ba, opt); err != nil {
		return res, fmt.Errorf("%s → %s answered by %s → %s: %w", a, b, b, a, err)
	}
	if res.Backward, err = Answers(ba, ab, opt); err != nil {
		return res, fmt.Errorf("%s → %s answered by %s → %s: %w", b, a, a, b, err)
	}
	o, _ := retalDefaults(opt, ab, ba)
	res.Draws, res.MinShift, res.MaxShift, res.Boot, res.Block = o.Draws, o.MinShift, o.MaxShift, o.Boot, o.Block
	return res, nil
}

// retalDefaults fills the zero options and checks the period can hold
// the null; x and y are sorted days.
func retalDefaults(opt RetaliationOptions, x, y []int) (RetaliationOptions, error) {
	if opt.From == 0 && opt.To == 0 {
		opt.From, opt.To = retalSpan(x, y)
	}
	if len(opt.Within) == 0 {
		opt.Within = []int{1, 3, 7, 14, 30}
	}
	opt.Within = slices.Sorted(slices.Values(opt.Within))
	if opt.Within[0] < 1 {
		return opt, fmt.Errorf("window of %d days: windows are at least one day", opt.Within[0])
	}
	longest := opt.Within[len(opt.Within)-1]
	opt.Draws = retalOr(opt.Draws, 999)
	opt.Boot = retalOr(opt.Boot, 999)
	opt.Block = retalOr(opt.Block, longest)
	opt.MinShift = retalOr(opt.MinShift, longest+1)
	opt.MaxShift = retalOr(opt.MaxShift, 365)
	half := (opt.To - opt.From + 1) / 2
	if opt.MaxShift < 0 || opt.MaxShift > half {
		opt.MaxShift = half
	}
	if opt.MinShift > opt.MaxShift {
		return opt, fmt.Errorf("period %s to %s is too short for null shifts of %d to %d days",
			DateOf(opt.From).Format(time.DateOnly), DateOf(opt.To).Format(time.DateOnly), opt.MinShift, opt.MaxShift)
	}
	opt.Rand = orSeed(opt.Rand, streamRetaliation)
	return opt, nil
}

// retalSpan is the first and last of sorted days, not both empty.
func retalSpan(x, y []int) (from, to int) {
	switch {
	case len(x) == 0 && len(y) == 0:
		return 0, 0
	case len(x) == 0:
		return y[0], y[len(y)-1]
	case len(y) == 0:
		return x[0], x[len(x)-1]
	}
	return min(x[0], y[0]), max(x[len(x)-1], y[len(y)-1])
}

// retalOr is v, or def when v is zero.
func retalOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// Answers measures how the events on days y answer the events on days x
// (one entry per event, a day repeated for each event on it): the shares
// answered within each window against a null of circular shifts of y,
// and the median lag. With opt.LookBack it asks instead how often x
// follows y.
func Answers(x, y []int, opt RetaliationOptions) (RetaliationResponse, error) {
	x, y = retalSorted(x), retalSorted(y)
	opt, err := retalDefaults(opt, x, y)
	from, to := opt.From, opt.To
	x, y = retalClip(x, from, to), retalClip(y, from, to)
	switch {
	case len(x) == 0:
		return RetaliationResponse{}, errors.New("no events to answer in the period")
	case len(y) == 0:
		return RetaliationResponse{}, errors.New("no answering events in the period")
	case err != nil:
		return RetaliationResponse{}, err
	}
	if opt.LookBack {
		// Looking back is looking forward on a reversed calendar.
		x, y, from, to = retalReverse(x), retalReverse(y), -to, -from
	}
	ev := retalLags(x, y, to, opt.Within[len(opt.Within)-1])
	r := RetaliationResponse{Events: len(x), Answers: len(y)}
	for _, e := range ev {
		r.Observed += retalBit(e.observed)
		r.Unanswered += retalBit(e.lag == 0)
	}
	if r.Observed == 0 {
		return r, fmt.Errorf("no event at least %d days from the edge of the period", opt.Within[len(opt.Within)-1])
	}
	nulls, err := retalNull(x, y, from, to, opt)
	if err != nil {
		return r, err
	}
	r.Shares, r.SameDay, r.Lags = retalShares(ev, nulls, opt)
	return r, retalBootstrap(&r, ev, from, opt)
}

// retalBit is 1 for true, 0 for false.
func retalBit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// retalSorted is days in ascending order, copied if they were not.
func retalSorted(days []int) []int {
	if slices.IsSorted(days) {
		return days
	}
	return slices.Sorted(slices.Values(days))
}

// retalClip is the part of sorted days inside [from, to].
func retalClip(days []int, from, to int) []int {
	i, _ := slices.BinarySearch(days, from)
	j, _ := slices.BinarySearch(days, to+1)
	return days[i:j]
}

// retalReverse is -d for each day, in ascending order.
func retalReverse(days []int) []int {
	out := make([]int, len(days))
	for i, d := range days {
		out[len(days)-1-i] = -d
	}
	return out
}

// retalEvent is what one event x contributes: its lag to the first
// answer strictly after (0 when none came by the end, censored at
// time), whether an answer fell on its day, and whether its longest
// window is inside the period.
type retalEvent struct {
	day, lag, time    int
	sameDay, observed bool
}

// retalLags pairs each x with its next y, in one pass over both.
func retalLags(x, y []int, to, longest int) []retalEvent {
	out := make([]retalEvent, len(x))
	j, k := 0, 0 // y[j] is the first answer on or after x, y[k] the first after
	for i, d := range x {
		for j < len(y) && y[j] < d {
			j++
		}
		k = max(k, j)
		for k < len(y) && y[k] <= d {
			k++
		}
		e := retalEvent{day: d, sameDay: j < len(y) && y[j] == d, observed: d+longest <= to, time: to - d}
		if k < len(y) {
			e.lag, e.time = y[k]-d, y[k]-d
		}
		out[i] = e
	}
	return out
}

// retalNull draws circular shifts of y and returns, per draw, the
// histogram of first-answer lags (0 for same day) of the observed x.
// A shift moves y's days round the circle [from, to], so y keeps its
// own spacing, bursts and lulls but loses its place next to x.
func retalNull(x, y []int, from, to int, opt RetaliationOptions) ([][]int, error) {
	n, longest := to-from+1, opt.Within[len(opt.Within)-1]
	buf := make([]int, len(y))
	out := make([][]int, opt.Draws)
	for d := range out {
		if err := cancelled(opt.Context, d); err != nil {
			return nil, err
		}
		u := opt.MinShift + opt.Rand.IntN(opt.MaxShift-opt.MinShift+1)
		if opt.Rand.IntN(2) == 0 {
			u = n - u
		}
		retalShift(buf, y, from, n, u)
		out[d] = make([]int, longest+1)
		retalCount(x, buf, to, longest, out[d])
	}
	return out, nil
}

// retalShift writes into buf the sorted days y moved u days forward
// round the circle of n days from from.
func retalShift(buf, y []int, from, n, u int) {
	s, _ := slices.BinarySearch(y, from+n-u)
	m := copy(buf, y[s:])
	for i := range m {
		buf[i] += u - n
	}
	copy(buf[m:], y[:s])
	for i := m; i < len(buf); i++ {
		buf[i] += u
	}
}

// retalCount adds to hist the first-answer lags of the observed x, as
// retalLags finds them, without keeping the events.
func retalCount(x, y []int, to, longest int, hist []int) {
	j, k := 0, 0
	for _, d := range x {
		if d+longest > to {
			break
		}
		for j < len(y) && y[j] < d {
			j++
		}
		k = max(k, j)
		for k < len(y) && y[k] <= d {
			k++
		}
		if j < len(y) && y[j] == d {
			hist[0]++
		}
		if k < len(y) && y[k]-d <= longest {
			hist[y[k]-d]++
		}
	}
}

// retalShares compares the observed shares with the null draws.
func retalShares(ev []retalEvent, nulls [][]int, opt RetaliationOptions) ([]WindowShare, WindowShare, []LagShare) {
	longest := opt.Within[len(opt.Within)-1]
	hist, nobs := make([]int, longest+1), 0
	for _, e := range ev {
		if e.observed {
			nobs++
			hist[0] += retalBit(e.sameDay)
			if e.lag > 0 && e.lag <= longest {
				hist[e.lag]++
			}
		}
	}
	// window returns the count over lags lo..hi of a histogram.
	window := func(h []int, lo, hi int) (c int) {
		for _, v := range h[lo : hi+1] {
			c += v
		}
		return c
	}
	share := func(lo, hi int) (WindowShare, []float64) {
		w := WindowShare{Days: hi, Answered: window(hist, lo, hi)}
		w.Share = float64(w.Answered) / float64(nobs)
		null, above := make([]float64, len(nulls)), 0
		for d, h := range nulls {
			c := window(h, lo, hi)
			null[d] = float64(c) / float64(nobs)
			above += retalBit(c >= w.Answered)
		}
		w.P = float64(1+above) / float64(1+len(nulls))
		w.NullMean, w.NullLow, w.NullHigh = retalBand(null)
		return w, null
	}
	var shares []WindowShare
	for _, k := range opt.Within {
		w, _ := share(1, k)
		shares = append(shares, w)
	}
	same, _ := share(0, 0)
	lags := make([]LagShare, longest+1)
	for d := range lags {
		w, _ := share(d, d)
		lags[d] = LagShare{Lag: d, Share: w.Share, NullMean: w.NullMean, NullLow: w.NullLow, NullHigh: w.NullHigh}
	}
	return shares, same, lags
}

// retalBand is the mean and the central 95% of v, which it sorts.
func retalBand(v []float64) (mean, lo, hi float64) {
	for _, x := range v {
		mean += x
	}
	slices.Sort(v)
	return mean / float64(len(v)), quantile(v, 0.025), quantile(v, 0.975)
}

// retalBootstrap sets the intervals of r's shares and median lag by
// resampling blocks of opt.Block days of events with replacement.
func retalBootstrap(r *RetaliationResponse, ev []retalEvent, from int, opt RetaliationOptions) error {
	nb := (opt.To - opt.From + opt.Block) / opt.Block
	blocks := make([]retalBlock, nb)
	km := retalNewKM(ev)
	for _, e := range ev {
		b := &blocks[min((e.day-from)/opt.Block, nb-1)]
		if b.answered == nil {
			b.answered = make([]int, len(opt.Within))
		}
		b.events = append(b.events, e)
		if e.observed {
			b.observed++
			for w, k := range opt.Within {
				b.answered[w] += retalBit(e.lag > 0 && e.lag <= k)
			}
		}
	}
	r.MedianLag = km.median(ev)
	medians := make([]float64, opt.Boot)
	shares := make([][]float64, len(opt.Within))
	sample := make([]*retalBlock, nb)
	answered := make([]int, len(opt.Within))
	for i := range medians {
		if err := cancelled(opt.Context, i); err != nil {
			return err
		}
		nobs := 0
		clear(answered)
		for j := range sample {
			b := &blocks[opt.Rand.IntN(nb)]
			sample[j] = b
			nobs += b.observed
			for w, c := range b.answered {
				answered[w] += c
			}
		}
		medians[i] = km.medianOf(sample)
		for w := range answered {
			if nobs > 0 {
				shares[w] = append(shares[w], float64(answered[w])/float64(nobs))
			}
		}
	}
	slices.Sort(medians)
	r.MedianLow, r.MedianHigh = quantile(medians, 0.025), quantile(medians, 0.975)
	for w := range r.Shares {
		_, r.Shares[w].Low, r.Shares[w].High = retalBand(shares[w])
	}
	return nil
}

// retalBlock is the events of one bootstrap block, with the counts of
// observed and answered events the shares sum.
type retalBlock struct {
	events   []retalEvent
	observed int
	answered []int // per window
}

// retalKM computes Kaplan–Meier medians of lags on counts per day,
// which bootstrap replicates fill and clear without sorting.
type retalKM struct{ dead, gone []int }

func retalNewKM(ev []retalEvent) *retalKM {
	longest := 0
	for _, e := range ev {
		longest = max(longest, e.time)
	}
	return &retalKM{dead: make([]int, longest+1), gone: make([]int, longest+1)}
}

// add counts the events' deaths (lags) and exits (lags and censorings)
// per day; clear undoes it.
func (km *retalKM) add(ev []retalEvent) {
	for _, e := range ev {
		km.dead[e.time] += retalBit(e.lag > 0)
		km.gone[e.time]++
	}
}

func (km *retalKM) clear(ev []retalEvent) {
	for _, e := range ev {
		km.dead[e.time], km.gone[e.time] = 0, 0
	}
}

// result is the Kaplan–Meier median of the n events added, an event
// with no answer censored at its time; +Inf when the survival curve
// stays above one half.
func (km *retalKM) result(n int) float64 {
	surv := 1.0
	for t := 0; t < len(km.dead) && n > 0; t++ {
		if d := km.dead[t]; d > 0 {
			surv *= 1 - float64(d)/float64(n)
			if surv <= 0.5 {
				return float64(t)
			}
		}
		n -= km.gone[t]
	}
	return math.Inf(1)
}

// median is the Kaplan–Meier median of the events' lags, NaN when the
// survival curve stays above one half.
func (km *retalKM) median(ev []retalEvent) float64 {
	km.add(ev)
	m := km.result(len(ev))
	km.clear(ev)
	if math.IsInf(m, 1) {
		return math.NaN()
	}
	return m
}

// medianOf is the median of the events of the blocks, +Inf when not
// reached (so that such replicates sort last).
func (km *retalKM) medianOf(blocks []*retalBlock) float64 {
	n := 0
	for _, b := range blocks {
		km.add(b.events)
		n += len(b.events)
	}
	m := km.result(n)
	for _, b := range blocks {
		km.clear(b.events)
	}
	return m
}
