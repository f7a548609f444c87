package escalation

import (
	"math"
	"testing"
)

// TestQuantile checks the one quantile every model's intervals use
// against R's quantile(x, p, type = 7).
func TestQuantile(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		x    []float64
		p    float64
		want float64
	}{
		{[]float64{1, 2, 3, 4}, 0.5, 2.5},
		{[]float64{1, 2, 3, 4}, 0.025, 1.075},
		{[]float64{1, 2, 3, 4}, 0.975, 3.925},
		{[]float64{1, 2, 3, 4}, 0, 1},
		{[]float64{1, 2, 3, 4}, 1, 4},
		{[]float64{7}, 0.3, 7},
		{[]float64{1, 2, inf, inf}, 0.9, inf}, // a lag never reached: +Inf, not NaN
		{[]float64{1, 2, 3, inf}, 0.5, 2.5},
	} {
		if got := quantile(c.x, c.p); got != c.want && math.Abs(got-c.want) > 1e-12 {
			t.Errorf("quantile(%v, %v) = %v, want %v", c.x, c.p, got, c.want)
		}
	}
	if got := quantile(nil, 0.5); !math.IsNaN(got) {
		t.Errorf("quantile of nothing: %v, want NaN", got)
	}
}

// TestOrSeed checks that each model's fixed stream repeats and differs
// from the others', and that a generator given is used as it is.
func TestOrSeed(t *testing.T) {
	if a, b := orSeed(nil, streamVAR).Uint64(), orSeed(nil, streamVAR).Uint64(); a != b {
		t.Errorf("the VAR's stream gives %d, then %d", a, b)
	}
	if a, b := orSeed(nil, streamVAR).Uint64(), orSeed(nil, streamHawkes).Uint64(); a == b {
		t.Error("two models' streams start alike")
	}
	g := orSeed(nil, streamBacktest)
	if orSeed(g, streamRetaliation) != g {
		t.Error("a generator given was replaced")
	}
}
