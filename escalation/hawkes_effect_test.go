package escalation

import (
	"math"
	"testing"
)

// TestHawkesTriggered checks the events one event triggers against the
// area under the rate's excess, summed on a fine grid of time.
func TestHawkesTriggered(t *testing.T) {
	for _, c := range []struct {
		name            string
		link            HawkesLink
		mu, alpha, beta float64
	}{
		{"linear", HawkesLinear, 0.2, 0.4, 0.5},
		{"softplus low rate, excitation", HawkesSoftplus, -3, 0.8, 0.3},
		{"softplus low rate, inhibition", HawkesSoftplus, -3, -2.5, 0.3},
		{"softplus high rate, nearly linear", HawkesSoftplus, 6, 0.5, 2},
		{"softplus strong jump", HawkesSoftplus, -1, 9, 1.5},
		{"softplus no effect", HawkesSoftplus, 0.5, 0, 1},
	} {
		est := func(v float64) Estimate { return Estimate{Est: v, SE: 0.1, Lo: v - 0.2, Hi: v + 0.2} }
		f := &HawkesFit{Link: c.link, Names: []string{"a", "b"},
			Mu:    []Estimate{est(c.mu), est(c.mu)},
			Alpha: [][]Estimate{{est(0), est(0)}, {est(c.alpha), est(0)}},
			Beta:  []Estimate{est(c.beta), est(c.beta)}}
		got, err := f.Triggered(1, 0)
		if err != nil {
			t.Fatal(err)
		}
		area := func(alpha float64) float64 {
			rate := func(t float64) float64 {
				x := c.mu + alpha*c.beta*math.Exp(-c.beta*t)
				if c.link == HawkesLinear {
					return x - c.mu
				}
				return softplus(x) - softplus(c.mu)
			}
			const n = 200_000
			h := 60 / c.beta / n
			var s float64
			for k := range n {
				s += (rate(float64(k)*h) + rate(float64(k+1)*h)) / 2 * h
			}
			return s
		}
		for _, p := range []struct {
			what     string
			got, two float64
		}{{"estimate", got.Est, area(c.alpha)}, {"low", got.Lo, area(c.alpha - 0.2)}, {"high", got.Hi, area(c.alpha + 0.2)}} {
			if math.Abs(p.got-p.two) > 1e-6*math.Max(1, math.Abs(p.two)) {
				t.Errorf("%s: %s %.8f, grid %.8f", c.name, p.what, p.got, p.two)
			}
		}
		if !(got.SE > 0) {
			t.Errorf("%s: SE %v", c.name, got.SE)
		}
	}
	if _, err := (&HawkesFit{Names: []string{"a"}}).Triggered(0, 1); err == nil {
		t.Error("an effect of a process that is not there")
	}
}
