package escalation

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// naiveHawkesLogLik is the log-likelihood straight from its definition:
// each intensity summed over the whole past (O(N²)), the linear
// compensator in closed form, the softplus one by 10-point Gauss–Legendre
// on panels no wider than a quarter of a decay time between events.
func naiveHawkesLogLik(p HawkesParams, times [][]float64, T float64) float64 {
	type ev struct {
		t float64
		c int
	}
	var evs []ev
	for i, ts := range times {
		for _, t := range ts {
			evs = append(evs, ev{t, i})
		}
	}
	slices.SortFunc(evs, func(a, b ev) int { return cmpFloat(a.t, b.t) })
	rate := func(i int, t float64) float64 {
		x := p.Mu[i]
		for _, e := range evs {
			if e.t < t {
				x += p.Alpha[i][e.c] * p.Beta[i] * math.Exp(-p.Beta[i]*(t-e.t))
			}
		}
		if p.Link == HawkesSoftplus {
			return softplus(x)
		}
		return x
	}
	gl := legendre(10)
	var ll float64
	for i := range times {
		for _, t := range times[i] {
			ll += math.Log(rate(i, t))
		}
		if p.Link == HawkesLinear {
			ll -= p.Mu[i] * T
			for _, e := range evs {
				ll -= p.Alpha[i][e.c] * (1 - math.Exp(-p.Beta[i]*(T-e.t)))
			}
			continue
		}
		edges := []float64{0}
		for _, e := range evs {
			edges = append(edges, e.t)
		}
		edges = append(edges, T)
		for k := 1; k < len(edges); k++ {
			a, b := edges[k-1], edges[k]
			n := max(1, int(math.Ceil((b-a)*p.Beta[i]/0.25)))
			w := (b - a) / float64(n)
			for m := range n {
				mid := a + (float64(m)+0.5)*w
				for _, g := range gl {
					ll -= g.w * w / 2 * rate(i, mid+w/2*g.x)
				}
			}
		}
	}
	return ll
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// hawkesTruth4 is the D = 4 model of the recovery tests: every effect
// positive for the linear model; for the softplus one process 0 deters
// process 1 (α_10 < 0).
func hawkesTruth4(link HawkesLink) HawkesParams {
	if link == HawkesSoftplus {
		return HawkesParams{
			Link: HawkesSoftplus,
			Mu:   []float64{0.8, 1.0, 0.4, 0.6},
			Alpha: [][]float64{
				{0.30, 0.10, 0.15, 0.05},
				{-0.60, 0.20, 0.10, 0.15},
				{0.10, 0.20, 0.25, 0.10},
				{0.15, 0.05, 0.20, 0.30},
			},
			Beta: []float64{1.0, 0.5, 2.0, 0.3},
		}
	}
	return HawkesParams{
		Link: HawkesLinear,
		Mu:   []float64{0.30, 0.50, 0.20, 0.40},
		Alpha: [][]float64{
			{0.20, 0.10, 0.05, 0.15},
			{0.30, 0.25, 0.10, 0.05},
			{0.05, 0.20, 0.30, 0.10},
			{0.10, 0.05, 0.15, 0.40},
		},
		Beta: []float64{1.0, 0.5, 2.0, 0.2},
	}
}

// hawkesStationaryRates is (I − α)⁻¹ μ, the linear model's mean rates.
func hawkesStationaryRates(t testing.TB, p HawkesParams) []float64 {
	D := p.Dim()
	A := mat.NewDense(D, D, nil)
	for i := range D {
		for j := range D {
			v := -p.Alpha[i][j]
			if i == j {
				v++
			}
			A.Set(i, j, v)
		}
	}
	var x mat.VecDense
	if err := x.SolveVec(A, mat.NewVecDense(D, slices.Clone(p.Mu))); err != nil {
		t.Fatal(err)
	}
	return x.RawVector().Data
}

// simulateEvents simulates p until about n events in all, with a window
// sized from a pilot run.
func simulateEvents(t testing.TB, p HawkesParams, n int, rng *rand.Rand) ([][]float64, float64) {
	pilot, err := SimulateHawkes(p, 2000, rng)
	if err != nil {
		t.Fatal(err)
	}
	var k int
	for _, ts := range pilot {
		k += len(ts)
	}
	T := 2000 * float64(n) / float64(k)
	times, err := SimulateHawkes(p, T, rng)
	if err != nil {
		t.Fatal(err)
	}
	return times, T
}

func TestHawkesLogLikAgreesWithNaive(t *testing.T) {
	for _, link := range []HawkesLink{HawkesLinear, HawkesSoftplus} {
		t.Run(link.String(), func(t *testing.T) {
			p := hawkesTruth4(link)
			rng := rand.New(rand.NewPCG(1, 1))
			times, err := SimulateHawkes(p, 60, rng)
			if err != nil {
				t.Fatal(err)
			}
			got, err := HawkesLogLik(p, times, 60)
			if err != nil {
				t.Fatal(err)
			}
			want := naiveHawkesLogLik(p, times, 60)
			if rel := math.Abs(got-want) / math.Abs(want); rel > 1e-9 {
				t.Errorf("recursion %.12g, naive %.12g: relative difference %.2g", got, want, rel)
			}
			var n int
			for _, ts := range times {
				n += len(ts)
			}
			t.Logf("%d events: recursion %.15g, naive %.15g", n, got, want)
		})
	}
}

// TestHawkesLogLikByHand checks one process with events at 1 and 2 on
// [0, 3] against the formula written out.
func TestHawkesLogLikByHand(t *testing.T) {
	mu, a, b := 0.5, 0.4, 2.0
	p := HawkesParams{Mu: []float64{mu}, Alpha: [][]float64{{a}}, Beta: []float64{b}}
	got, err := HawkesLogLik(p, [][]float64{{1, 2}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := math.Log(mu) + math.Log(mu+a*b*math.Exp(-b)) -
		(3*mu + a*(1-math.Exp(-2*b)) + a*(1-math.Exp(-b)))
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("got %.15g, want %.15g", got, want)
	}
	// With no effects it is a Poisson process: N log μ − μT.
	p.Alpha[0][0] = 0
	got, _ = HawkesLogLik(p, [][]float64{{1, 2}}, 3)
	if want := 2*math.Log(mu) - 3*mu; math.Abs(got-want) > 1e-12 {
		t.Errorf("Poisson: got %.15g, want %.15g", got, want)
	}
}

// TestHawkesGradient compares each target's analytic gradient with
// central differences of its log-likelihood.
func TestHawkesGradient(t *testing.T) {
	for _, link := range []HawkesLink{HawkesLinear, HawkesSoftplus} {
		t.Run(link.String(), func(t *testing.T) {
			p := hawkesTruth4(link)
			times, err := SimulateHawkes(p, 200, rand.New(rand.NewPCG(2, 2)))
			if err != nil {
				t.Fatal(err)
			}
			d, err := newHawkesData(times, 200)
			if err != nil {
				t.Fatal(err)
			}
			for i := range d.dim() {
				h := newHawkesTarget(d, i, link)
				// Off the truth, so no component of the gradient is near zero.
				q := p.block(i)
				for k := range q {
					q[k] *= 1.1
				}
				g := make([]float64, len(q))
				h.eval(q, g, nil)
				for k := range q {
					step := 1e-6 * math.Max(math.Abs(q[k]), 0.1)
					up, down := slices.Clone(q), slices.Clone(q)
					up[k] += step
					down[k] -= step
					num := (h.eval(up, nil, nil) - h.eval(down, nil, nil)) / (2 * step)
					if math.Abs(num-g[k]) > 1e-5*math.Max(1, math.Abs(num)) {
						t.Errorf("target %d, parameter %d: analytic %.8g, numerical %.8g", i, k, g[k], num)
					}
				}
			}
		})
	}
}

// TestHawkesLinearHessian compares the linear model's analytic Hessian
// with central differences of its analytic gradient.
func TestHawkesLinearHessian(t *testing.T) {
	p := hawkesTruth4(HawkesLinear)
	times, err := SimulateHawkes(p, 300, rand.New(rand.NewPCG(2, 3)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := newHawkesData(times, 300)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.dim() {
		h := newHawkesTarget(d, i, HawkesLinear)
		q := p.block(i)
		n := len(q)
		hess, g := make([]float64, n*n), make([]float64, n)
		h.linear(q, g, hess, nil)
		gu, gd := make([]float64, n), make([]float64, n)
		for l := range n {
			step := 1e-6 * math.Max(q[l], 0.1)
			up, down := slices.Clone(q), slices.Clone(q)
			up[l] += step
			down[l] -= step
			h.eval(up, gu, nil)
			h.eval(down, gd, nil)
			for k := range n {
				num := (gu[k] - gd[k]) / (2 * step)
				if got := hess[k*n+l]; math.Abs(num-got) > 1e-5*math.Max(1, math.Abs(num)) {
					t.Errorf("target %d: ∂²ℓ/∂p%d∂p%d analytic %.8g, numerical %.8g", i, k, l, got, num)
				}
			}
		}
	}
}

// TestSoftplusGapAgainstFineGrid checks the exact-substitution integrals
// of one gap against a fine grid in time, over excitations and gaps from
// tiny to wide, and of either sign.
func TestSoftplusGapAgainstFineGrid(t *testing.T) {
	for _, mu := range []float64{-3, 0.2, 4} {
		for _, C := range []float64{-40, -2.5, -1e-4, 1e-9, 0.3, 7, 60} {
			for _, bd := range []float64{1e-5, 0.02, 1, 8, 60} {
				beta := 0.7
				dt := bd / beta
				got := softplusGap(softplusAt(mu), C, beta, dt, math.Exp(-bd))
				want := fineGap(mu, C, beta, dt)
				// Each integral against the size its integrand allows: a
				// compensator far below softplus(μ)δ (deep inhibition) is
				// known to rounding of softplus(μ)δ, which is what the
				// likelihood's sum needs.
				scale := []float64{(softplus(mu) + math.Abs(C)) * dt, dt, math.Min(dt, 1/beta), math.Min(dt*dt/2, 1/(beta*beta))}
				for k, pair := range [][2]float64{{got.lam, want.lam}, {got.i0, want.i0}, {got.i1, want.i1}, {got.i2, want.i2}} {
					if math.Abs(pair[0]-pair[1]) > 1e-10*math.Max(math.Abs(pair[1]), scale[k]) {
						t.Errorf("μ=%g C=%g βδ=%g integral %d: got %.15g, want %.15g", mu, C, bd, k, pair[0], pair[1])
					}
				}
			}
		}
	}
}

// fineGap integrates a gap in time on 2,000 panels of 10-point
// Gauss–Legendre.
func fineGap(mu, C, beta, dt float64) gapIntegrals {
	gl := legendre(10)
	const n = 2000
	w := dt / n
	var g gapIntegrals
	for m := range n {
		mid := (float64(m) + 0.5) * w
		for _, q := range gl {
			u := mid + w/2*q.x
			e := math.Exp(-beta * u)
			x := mu + C*e
			s := sigmoid(x)
			wt := q.w * w / 2
			g.lam += wt * softplus(x)
			g.i0 += wt * s
			g.i1 += wt * s * e
			g.i2 += wt * s * u * e
		}
	}
	return g
}

func TestHawkesDataErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		times [][]float64
		T     float64
		want  string
	}{
		{"no processes", nil, 10, "no processes"},
		{"empty window", [][]float64{{1}}, 0, "empty"},
		{"outside", [][]float64{{1, 11}}, 10, "outside the window"},
		{"negative", [][]float64{{-1}}, 10, "outside the window"},
		{"NaN", [][]float64{{math.NaN()}}, 10, "outside the window"},
		{"tie", [][]float64{{1, 2}, {2}}, 10, "both have an event at 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := newHawkesData(c.times, c.T)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

func TestFitHawkesErrors(t *testing.T) {
	if _, err := FitHawkes([][]float64{{1, 2, 3}, {}}, 10, HawkesOptions{Names: []string{"PAK", "TTP"}}); err == nil || !strings.Contains(err.Error(), "TTP has no events") {
		t.Errorf("a process without events: %v", err)
	}
	if _, err := FitHawkes([][]float64{{1}}, 10, HawkesOptions{Names: []string{"a", "b"}}); err == nil {
		t.Error("two names for one process: no error")
	}
	bad := HawkesParams{Mu: []float64{1}, Alpha: [][]float64{{-0.1}}, Beta: []float64{1}}
	if _, err := HawkesLogLik(bad, [][]float64{{1}}, 2); err == nil {
		t.Error("a negative linear effect: no error")
	}
	if _, err := HawkesLogLik(hawkesTruth4(HawkesLinear), [][]float64{{1}}, 2); err == nil {
		t.Error("one process of events for four of parameters: no error")
	}
}

func TestHawkesTimes(t *testing.T) {
	times, T, err := HawkesTimes([][]int{{10, 10, 12}, {11}}, 10, 14, nil)
	if err != nil {
		t.Fatal(err)
	}
	if T != 5 {
		t.Errorf("T = %g, want 5", T)
	}
	for i, want := range [][]int{{0, 0, 2}, {1}} {
		if !slices.IsSorted(times[i]) {
			t.Errorf("process %d not sorted: %v", i, times[i])
		}
		for k, day := range want {
			if got := times[i][k]; got < float64(day) || got >= float64(day+1) {
				t.Errorf("process %d event %d at %g, want within day %d", i, k, got, day)
			}
		}
	}
	if _, _, err := HawkesTimes([][]int{{9}}, 10, 14, nil); err == nil {
		t.Error("a day before the period: no error")
	}
}

func TestKolmogorovQ(t *testing.T) {
	// Kolmogorov's survival function, from its series summed to 200 terms.
	for _, c := range []struct{ lambda, want float64 }{
		{0.5, 0.9639452436648751},
		{0.8, 0.5441424115741981},
		{1.0, 0.26999967167735456},
		{1.36, 0.049485876755377876},
		{2.0, 0.0006709252557797},
	} {
		if got := kolmogorovQ(c.lambda); math.Abs(got-c.want) > 1e-8 {
			t.Errorf("Q(%g) = %.12g, want %.12g", c.lambda, got, c.want)
		}
	}
}

func TestEstimateJSON(t *testing.T) {
	for _, c := range []struct {
		e    Estimate
		want string
	}{
		{Estimate{Est: 0.5, SE: 0.1, Lo: 0.3, Hi: 0.7}, `{"Est":0.5,"SE":0.1,"Lo":0.3,"Hi":0.7}`},
		{Estimate{Est: 2, SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}, `{"Est":2,"SE":null,"Lo":null,"Hi":null}`},
	} {
		got, err := json.Marshal(c.e)
		if err != nil || string(got) != c.want {
			t.Errorf("%+v: got %s (%v), want %s", c.e, got, err, c.want)
		}
	}
}

// TestHawkesTrendNote checks that a process whose only "excitation" is a
// rise of its baseline is flagged: the decay the fit finds is a trend.
func TestHawkesTrendNote(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	// Rate rising from 0.2 to 2 a day over 1,000 days, by thinning.
	var ts []float64
	for t := 0.0; ; {
		t += rng.ExpFloat64() / 2
		if t > 1000 {
			break
		}
		if rng.Float64() < (0.2+1.8*t/1000)/2 {
			ts = append(ts, t)
		}
	}
	f, err := FitHawkes([][]float64{ts}, 1000, HawkesOptions{Names: []string{"TTP"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("β = %.4f, α = %.3f; notes %q", f.Beta[0].Est, f.Alpha[0][0].Est, f.Notes)
	if !slices.ContainsFunc(f.Notes, func(n string) bool { return strings.Contains(n, "trend") }) {
		t.Errorf("no note of a trend: β = %.4f, notes %q", f.Beta[0].Est, f.Notes)
	}
}

func TestLog1p(t *testing.T) {
	for _, x := range []float64{-0.999999, -0.5, -1e-3, -1e-9, -1e-17, 0, 1e-300, 1e-17, 1e-12, 3e-8, 1e-4, 0.3, 1, 7, 1e10, 1e300} {
		got, want := log1p(x), math.Log1p(x)
		if math.Abs(got-want) > 4e-16*math.Abs(want) {
			t.Errorf("log1p(%g) = %.17g, want %.17g", x, got, want)
		}
	}
}

func TestHawkesLinkText(t *testing.T) {
	for _, l := range []HawkesLink{HawkesLinear, HawkesSoftplus} {
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var back HawkesLink
		if err := json.Unmarshal(b, &back); err != nil || back != l {
			t.Errorf("%v: marshalled %s, read back %v (%v)", l, b, back, err)
		}
	}
	var l HawkesLink
	if err := l.UnmarshalText([]byte("exp")); err == nil {
		t.Error(`link "exp": no error`)
	}
}
