package escalation

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// The Hawkes models read event times in days (float64) on an observation
// window [0, T], one sorted or unsorted slice per process ("PAK→TTP
// strikes", "TTP→PAK attacks", …). Every process i has a baseline μ_i, an
// effect α_ij of each event of process j, and one decay β_i:
//
//	HawkesLinear:   λ_i(t) = μ_i + Σ_j α_ij β_i Σ_{t_k^j < t} exp(−β_i (t − t_k^j))
//	HawkesSoftplus: λ_i(t) = softplus(μ_i + Σ_j α_ij β_i Σ_{t_k^j < t} exp(−β_i (t − t_k^j)))
//
// One decay per target process, estimated: β_i says how fast process i
// reacts (1/β_i days is the mean lag of its response), whichever process
// set it off. A decay per pair (i, j) is not identified where α_ij is
// near zero — the likelihood is flat in it — which leaves the observed
// information singular and the intervals meaningless; one shared decay
// cannot fit a side that answers within a day beside one that answers
// within a month. A decay per target also keeps the log-likelihood a sum
// of one independent term per target, so the fit is D small problems,
// run in parallel.
//
// Day-resolution data tie: several events share a day. The likelihood of
// a simple point process is undefined for simultaneous events, so the
// models refuse ties; HawkesTimes spreads each event uniformly at random
// within its day. What that costs: events of one day excite each other in
// a random order, so a same-day exchange counts half the time in each
// direction, and decays much faster than one a day are not identified
// (a β̂ above ~1/day means "the same or the next day"). Fitting with
// another seed shows how much an answer owes to the jitter.

// HawkesLink is how a Hawkes model turns excitation into a rate.
type HawkesLink int

const (
	// HawkesLinear is the classical Hawkes process: μ_i > 0 is the baseline rate
	// and α_ij ≥ 0 the expected number of events of i that one event of j
	// triggers. Events can only raise rates.
	HawkesLinear HawkesLink = iota
	// HawkesSoftplus is the nonlinear Hawkes process, softplus(x) = log(1+e^x):
	// μ_i is the baseline of the predictor (the baseline rate is
	// softplus(μ_i)) and α_ij may be negative, so that an event of j can
	// lower i's rate: deterrence. Where the rate is well above one event
	// a day the link is nearly linear and α_ij reads like the linear
	// model's (events of i caused, or prevented, per event of j); at low
	// rates it is nearly exponential and α_ij β_i is the jump in log-rate.
	HawkesSoftplus
)

// String names the link.
func (l HawkesLink) String() string {
	switch l {
	case HawkesLinear:
		return "linear"
	case HawkesSoftplus:
		return "softplus"
	}
	return "link(" + strconv.Itoa(int(l)) + ")"
}

// MarshalText writes the link's name, so JSON reads "linear" or
// "softplus".
func (l HawkesLink) MarshalText() ([]byte, error) {
	if l != HawkesLinear && l != HawkesSoftplus {
		return nil, fmt.Errorf("hawkes: unknown %v", l)
	}
	return []byte(l.String()), nil
}

// UnmarshalText reads a link by name ("linear" or "softplus"), as a flag
// or a JSON field gives it.
func (l *HawkesLink) UnmarshalText(b []byte) error {
	for _, k := range []HawkesLink{HawkesLinear, HawkesSoftplus} {
		if strings.EqualFold(string(b), k.String()) {
			*l = k
			return nil
		}
	}
	return fmt.Errorf("hawkes: unknown link %q (want linear or softplus)", b)
}

// HawkesParams are the parameters of a Hawkes model on D processes.
type HawkesParams struct {
	Link  HawkesLink
	Mu    []float64   // Mu[i]: baseline rate (HawkesLinear, > 0), or baseline of the predictor (HawkesSoftplus)
	Alpha [][]float64 // Alpha[i][j]: effect of one event of j on i (≥ 0 for HawkesLinear)
	Beta  []float64   // Beta[i] > 0: decay of every effect on i, per day
}

// Dim is the number of processes.
func (p HawkesParams) Dim() int { return len(p.Mu) }

func (p HawkesParams) validate() error {
	d := len(p.Mu)
	if d == 0 {
		return errors.New("hawkes parameters: no processes")
	}
	if len(p.Alpha) != d || len(p.Beta) != d {
		return fmt.Errorf("hawkes parameters: %d baselines, %d rows of effects and %d decays (want %d each)", d, len(p.Alpha), len(p.Beta), d)
	}
	if p.Link != HawkesLinear && p.Link != HawkesSoftplus {
		return fmt.Errorf("hawkes parameters: unknown %v", p.Link)
	}
	for i := range d {
		if len(p.Alpha[i]) != d {
			return fmt.Errorf("hawkes parameters: row %d of the effects has %d entries (want %d)", i, len(p.Alpha[i]), d)
		}
		if !(p.Beta[i] > 0) || math.IsInf(p.Beta[i], 0) {
			return fmt.Errorf("hawkes parameters: decay %d is %g (want > 0)", i, p.Beta[i])
		}
		if math.IsNaN(p.Mu[i]) || math.IsInf(p.Mu[i], 0) || p.Link == HawkesLinear && !(p.Mu[i] > 0) {
			return fmt.Errorf("hawkes parameters: baseline %d is %g", i, p.Mu[i])
		}
		for j, a := range p.Alpha[i] {
			if math.IsNaN(a) || math.IsInf(a, 0) || p.Link == HawkesLinear && a < 0 {
				return fmt.Errorf("hawkes parameters: effect of %d on %d is %g", j, i, a)
			}
		}
	}
	return nil
}

// block is target i's parameters in the layout the fit works in:
// μ_i, α_i1 … α_iD, β_i.
func (p HawkesParams) block(i int) []float64 {
	return slices.Concat([]float64{p.Mu[i]}, p.Alpha[i], []float64{p.Beta[i]})
}

// hawkesParamsFrom assembles parameters from per-target blocks.
func hawkesParamsFrom(link HawkesLink, blocks [][]float64) HawkesParams {
	d := len(blocks)
	p := HawkesParams{Link: link, Mu: make([]float64, d), Alpha: make([][]float64, d), Beta: make([]float64, d)}
	for i, b := range blocks {
		p.Mu[i], p.Alpha[i], p.Beta[i] = b[0], slices.Clone(b[1:d+1]), b[d+1]
	}
	return p
}

// hawkesData is the events of all processes merged in time order.
type hawkesData struct {
	t []float64 // event times, strictly increasing
	c []int32   // process of each event
	n []int     // events per process
	T float64   // end of the observation window [0, T]
}

func (d *hawkesData) dim() int { return len(d.n) }

// newHawkesData merges the processes' times, refusing what no Hawkes
// likelihood can read: times outside [0, T], ties (jitter day-resolution
// events first: HawkesTimes), non-finite values.
func newHawkesData(times [][]float64, T float64) (*hawkesData, error) {
	if len(times) == 0 {
		return nil, errors.New("hawkes: no processes")
	}
	if !(T > 0) || math.IsInf(T, 0) {
		return nil, fmt.Errorf("hawkes: observation window [0, %g] is empty", T)
	}
	d := &hawkesData{n: make([]int, len(times)), T: T}
	type ev struct {
		t float64
		c int32
	}
	var evs []ev
	for i, ts := range times {
		for _, t := range ts {
			if !(t >= 0 && t <= T) {
				return nil, fmt.Errorf("hawkes: process %d has an event at %g, outside the window [0, %g]", i, t, T)
			}
			evs = append(evs, ev{t, int32(i)})
		}
		d.n[i] = len(ts)
	}
	slices.SortFunc(evs, func(a, b ev) int {
		if a.t != b.t {
			if a.t < b.t {
				return -1
			}
			return 1
		}
		return int(a.c - b.c)
	})
	d.t, d.c = make([]float64, len(evs)), make([]int32, len(evs))
	for k, e := range evs {
		if k > 0 && e.t == evs[k-1].t {
			return nil, fmt.Errorf("hawkes: processes %d and %d both have an event at %g: spread events of one day within it first (HawkesTimes)", evs[k-1].c, e.c, e.t)
		}
		d.t[k], d.c[k] = e.t, e.c
	}
	return d, nil
}

// HawkesTimes turns day numbers, one slice per process, into event times
// in days on the window [0, to−from+1]: an event of day d happens at
// d−from plus a uniform draw in [0, 1), so that events of one day no
// longer tie (see the package's note on day-resolution ties). Each
// process's times come back sorted. A nil rng means a fixed seed.
func HawkesTimes(days [][]int, from, to int, rng *rand.Rand) (times [][]float64, T float64, err error) {
	if to < from {
		return nil, 0, fmt.Errorf("hawkes times: period %d–%d is empty", from, to)
	}
	rng = orSeed(rng, streamHawkes)
	times = make([][]float64, len(days))
	for i, ds := range days {
		times[i] = make([]float64, len(ds))
		for k, day := range ds {
			if day < from || day > to {
				return nil, 0, fmt.Errorf("hawkes times: process %d has day %d, outside the period %d–%d", i, day, from, to)
			}
			times[i][k] = float64(day-from) + rng.Float64()
		}
		slices.Sort(times[i])
	}
	return times, float64(to - from + 1), nil
}

func softplus(x float64) float64 {
	if x > 0 {
		return x + log1p(math.Exp(-x))
	}
	return log1p(math.Exp(x))
}

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// softplusInv is the x with softplus(x) = y > 0.
func softplusInv(y float64) float64 {
	if y > 30 {
		return y + math.Log(-math.Expm1(-y))
	}
	return math.Log(math.Expm1(y))
}

// log1p is log(1+x) for x > −1 by the assembly logarithm and Goldberg's
// correction (1991, "What every computer scientist should know about
// floating-point arithmetic", theorem 4): within a few ulps, at a third of
// the cost of the pure-Go math.Log1p, which the softplus likelihood calls
// at every quadrature node.
func log1p(x float64) float64 {
	u := 1 + x
	if u == 1 {
		return x
	}
	if math.IsInf(u, 1) {
		return u
	}
	return math.Log(u) * x / (u - 1)
}
