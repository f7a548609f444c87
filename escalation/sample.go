package escalation

import (
	"encoding/json"
	"math"
	"math/rand/v2"
)

// Estimate is an estimate with its standard error and interval. SE, Lo
// and Hi are NaN where the data do not identify the parameter.
type Estimate struct {
	Est, SE float64
	Lo, Hi  float64
}

// MarshalJSON writes an unidentified parameter's NaN standard error and
// bounds as null, which encoding/json cannot write as numbers.
func (e Estimate) MarshalJSON() ([]byte, error) {
	num := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	return json.Marshal(struct{ Est, SE, Lo, Hi *float64 }{num(e.Est), num(e.SE), num(e.Lo), num(e.Hi)})
}

// The random streams the models draw from when the caller gives no
// generator: each model its own, so that its numbers repeat whatever
// other model ran before it in the same process.
const (
	streamRetaliation = 2 // retaliation, event study and claims
	streamVAR         = 4
	streamHawkes      = 5
	streamBacktest    = 6
)

// orSeed is rng, or when rng is nil a generator with the fixed seed of
// the model's stream.
func orSeed(rng *rand.Rand, stream uint64) *rand.Rand {
	if rng == nil {
		return rand.New(rand.NewPCG(28, stream))
	}
	return rng
}

// quantile is the p-quantile of sorted x, interpolated linearly between
// order statistics (R's type 7, Hyndman and Fan's definition 7); NaN for
// no values. Equal neighbours give their value, so that +Inf entries
// (sorted last: a lag never reached) give +Inf rather than NaN above
// them.
func quantile(x []float64, p float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	h := p * float64(len(x)-1)
	lo := int(math.Floor(h))
	hi := min(lo+1, len(x)-1)
	if x[lo] == x[hi] {
		return x[lo]
	}
	return x[lo] + (h-float64(lo))*(x[hi]-x[lo])
}
