package escalation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// panelSim draws a panel whose outcome is a_i + g_t + b·shock[t−1] plus
// noise, shocks Poisson-like counts (0, 1 or 2) at rate rate.
func panelSim(r *rand.Rand, units, periods int, b, rate float64) (y, x [][]float64) {
	g := make([]float64, periods)
	for t := range g {
		g[t] = r.NormFloat64()
	}
	y, x = make([][]float64, units), make([][]float64, units)
	for i := range y {
		a := 3 * r.NormFloat64()
		y[i], x[i] = make([]float64, periods), make([]float64, periods)
		for t := range y[i] {
			for k := 0; k < 2; k++ {
				if r.Float64() < rate/2 {
					x[i][t]++
				}
			}
			y[i][t] = a + g[t] + r.NormFloat64()
			if t > 0 {
				y[i][t] += b * x[i][t-1]
			}
		}
	}
	return y, x
}

// TestPanelExact: without noise, the slope is the one that made the data,
// however large the unit and period effects, and its standard error zero.
func TestPanelExact(t *testing.T) {
	x := [][]float64{{1, 0, 2, 0, 1}, {0, 3, 0, 1, 0}, {2, 0, 0, 0, 1}}
	a, g := []float64{10, -4, 0.5}, []float64{1, 7, -2, 3, 0}
	y := make([][]float64, 3)
	for i := range y {
		y[i] = make([]float64, 5)
		for tt := range y[i] {
			y[i][tt] = a[i] + g[tt]
			if tt > 0 {
				y[i][tt] += -1.5 * x[i][tt-1]
			}
		}
	}
	res, err := Panel(y, x, PanelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.Coef+1.5) > 1e-12 || res.SE > 1e-9 || res.N != 12 || res.Shocks != 9 {
		t.Errorf("got %+v, want coef -1.5, SE 0, N 12, 9 shocks (the last period's shocks have no next period)", res)
	}
}

// TestPanelMatchesDummies: the within estimator is the least-squares
// slope of the regression with a dummy for every unit and period (the
// naive version), on the same data.
func TestPanelMatchesDummies(t *testing.T) {
	y, x := panelSim(rand.New(rand.NewPCG(1, 2)), 6, 40, 0.7, 0.3)
	res, err := Panel(y, x, PanelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if b := panelNaive(y, x, 1); math.Abs(res.Coef-b) > 1e-9 {
		t.Errorf("within %v, dummies %v", res.Coef, b)
	}
}

// panelNaive is the slope of y[i][t] on x[i][t−lag] with a dummy per unit
// and per period after the first, by QR least squares.
func panelNaive(y, x [][]float64, lag int) float64 {
	g, T := len(y), len(y[0])-lag
	cols := 1 + g + T - 1
	a := mat.NewDense(g*T, cols, nil)
	b := mat.NewDense(g*T, 1, nil)
	for i := 0; i < g; i++ {
		for t := 0; t < T; t++ {
			r := i*T + t
			a.Set(r, 0, x[i][t])
			a.Set(r, 1+i, 1)
			if t > 0 {
				a.Set(r, g+t, 1)
			}
			b.Set(r, 0, y[i][t+lag])
		}
	}
	var beta mat.Dense
	if err := beta.Solve(a, b); err != nil {
		panic(err)
	}
	return beta.At(0, 0)
}

// TestPanelRecovery: the slope is recovered within its interval, the lead
// (placebo) finds nothing, and over replications the interval covers the
// truth near 95% of the time (a quick count here; more without -short).
func TestPanelRecovery(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	reps := 200
	if testing.Short() {
		reps = 60
	}
	covered, leadCovered := 0, 0
	for k := 0; k < reps; k++ {
		y, x := panelSim(r, 30, 100, -0.4, 0.2)
		res, err := Panel(y, x, PanelOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Low <= -0.4 && -0.4 <= res.High {
			covered++
		}
		lead, err := Panel(y, x, PanelOptions{Lag: -1})
		if err != nil {
			t.Fatal(err)
		}
		if lead.Low <= 0 && 0 <= lead.High {
			leadCovered++
		}
	}
	for _, c := range []struct {
		what string
		n    int
	}{{"effect", covered}, {"placebo lead", leadCovered}} {
		share := float64(c.n) / float64(reps)
		// Binomial sd at 95% over 60 is 0.028: 0.85 is over 3 sd below.
		if share < 0.85 || share > 0.995 {
			t.Errorf("%s: interval covers the truth in %.3f of %d replications, want near 0.95", c.what, share, reps)
		}
	}
}

// TestPanelErrors: degenerate panels are refused, saying what is missing.
func TestPanelErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		y, x [][]float64
		want string
	}{
		{"one unit", [][]float64{{1, 2, 3, 4}}, [][]float64{{0, 1, 0, 1}}, "need at least 2"},
		{"unbalanced", [][]float64{{1, 2, 3, 4}, {1, 2, 3}}, [][]float64{{0, 1, 0, 1}, {0, 1, 0}}, "balanced"},
		{"too short", [][]float64{{1, 2}, {1, 2}}, [][]float64{{0, 1}, {1, 0}}, "periods for a lag"},
		{"no shocks", [][]float64{{1, 2, 3, 4}, {4, 3, 2, 1}}, [][]float64{{0, 0, 0, 0}, {0, 0, 0, 0}}, "do not vary"},
		{"units differ", [][]float64{{1, 2, 3, 4}, {4, 3, 2, 1}}, [][]float64{{0, 0, 0, 0}}, "units of outcomes"},
	} {
		_, err := Panel(c.y, c.x, PanelOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// BenchmarkPanel fits the within estimator beside the naive dummy
// regression (at the size of the seven tribal agencies over five years of
// weeks; at the larger size the naive version takes seconds a fit).
func BenchmarkPanel(b *testing.B) {
	for _, s := range []struct{ units, periods int }{{7, 250}, {40, 250}} {
		y, x := panelSim(rand.New(rand.NewPCG(5, 6)), s.units, s.periods, 0.5, 0.2)
		name := fmt.Sprintf("units=%d/periods=%d", s.units, s.periods)
		b.Run(name+"/within", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Panel(y, x, PanelOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		if s.units > 7 {
			continue
		}
		b.Run(name+"/dummies", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				panelNaive(y, x, 1)
			}
		})
	}
}
