package escalation

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
)

func varNear(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// TestFitVARByHand checks a VAR(1) without constant on four
// observations against least squares worked on paper:
//
//	y1 = 1 0 1 2 0, y2 = 0 1 1 1 2
//	X'X = [6 3; 3 3], X'y1 = (2, 3), X'y2 = (6, 4)
//	A = [-1/3 4/3; 2/3 2/3]
//	residuals u1 = (1/3, -1/3, 1, -2/3), u2 = (1/3, 1/3, -1/3, 0), T-m = 2
//	Σ = [5/6 -1/6; -1/6 1/6]
//	se(a11) = √(5/6·3/9), se(a12) = √(5/6·6/9)
//	y2 → y1: RSSᵣ = 5 - (1/3)·2 = 13/3, RSSᵤ = 5/3, F = (8/3)/(5/6) = 16/5
//	y1 → y2: RSSᵣ = 7 - (4/3)·4 = 5/3, RSSᵤ = 1/3, F = (4/3)/(1/6) = 8
//
// F(1, 2) is the square of a t with 2 degrees of freedom, whose two-sided
// p-value at t is 1 - t/√(2+t²). The companion matrix is A, whose
// eigenvalues (1 ± √41)/6 put it outside the unit circle: the fit says
// so and leaves the responses out.
func TestFitVARByHand(t *testing.T) {
	d := VARData{Names: []string{"y1", "y2"}, Start: 0, Step: 1,
		Values: [][]float64{{1, 0, 1, 2, 0}, {0, 1, 1, 1, 2}}}
	res, err := FitVAR(d, VAROptions{Lags: 1, Deterministic: VARDeterministic{NoConstant: true}, Replications: -1})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want float64) {
		t.Helper()
		if !varNear(got, want, 1e-12) {
			t.Errorf("%s = %.15g, want %.15g", what, got, want)
		}
	}
	check("a11", res.Coef[0][0][0], -1.0/3)
	check("a12", res.Coef[0][0][1], 4.0/3)
	check("a21", res.Coef[0][1][0], 2.0/3)
	check("a22", res.Coef[0][1][1], 2.0/3)
	check("σ11", res.Sigma[0][0], 5.0/6)
	check("σ12", res.Sigma[0][1], -1.0/6)
	check("σ22", res.Sigma[1][1], 1.0/6)
	check("se(a11)", res.StdErr[0][0][0], math.Sqrt(5.0/6*3/9))
	check("se(a12)", res.StdErr[0][0][1], math.Sqrt(5.0/6*6/9))
	wantF := map[string]float64{"y2>y1": 16.0 / 5, "y1>y2": 8}
	for _, g := range res.Granger {
		f := wantF[g.Cause+">"+g.Effect]
		check("F "+g.Cause+"→"+g.Effect, g.F, f)
		check("p "+g.Cause+"→"+g.Effect, g.P, 1-math.Sqrt(f/(2+f)))
		if g.DF1 != 1 || g.DF2 != 2 {
			t.Errorf("%s→%s: df (%d, %d), want (1, 2)", g.Cause, g.Effect, g.DF1, g.DF2)
		}
	}
	check("max modulus", res.MaxModulus, (1+math.Sqrt(41))/6)
	if res.Stable || res.IRF != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "unstable") {
		t.Errorf("stable %v, IRF %v, warnings %q: want unstable, no IRF, one warning", res.Stable, res.IRF != nil, res.Warnings)
	}
	if res.T != 4 || res.N != 5 || res.P != 1 || res.First != 1 || res.Last != 4 || len(res.Deterministic) != 0 {
		t.Errorf("rests on T=%d N=%d P=%d days %d–%d terms %q; want T=4 N=5 P=1 days 1–4, no terms",
			res.T, res.N, res.P, res.First, res.Last, res.Deterministic)
	}
}

// TestVARResponsesByHand checks the responses of a VAR(1) with
// A = [.5 0; .2 .3] and Σ = [1 .5; .5 2] against their formulas: Ψ₁ = A,
// Ψ₂ = A², P = [1 0; .5 √1.75] in the data's order and
// [√.875 .5/√2; 0 √2] with the second series first, generalised
// Ψₕ Σ eⱼ/√σⱼⱼ, cumulative I + A + A².
func TestVARResponsesByHand(t *testing.T) {
	a := []float64{.5, 0, .2, .3}
	sigma := []float64{1, .5, .5, 2}
	a2 := []float64{.25, 0, .16, .09} // A·A
	r7 := math.Sqrt(1.75)
	cases := []struct {
		name string
		perm []int
		orth []float64 // h = 0, 1, 2
	}{
		{"order y1 y2", []int{0, 1}, []float64{1, 0, .5, r7, .5, 0, .35, .3 * r7, .25, 0, .16 + .045, .09 * r7}},
		{"order y2 y1", []int{1, 0}, []float64{
			math.Sqrt(.875), .5 / math.Sqrt2, 0, math.Sqrt2,
			.5 * math.Sqrt(.875), .25 / math.Sqrt2, .2 * math.Sqrt(.875), .1/math.Sqrt2 + .3*math.Sqrt2,
			.25 * math.Sqrt(.875), .125 / math.Sqrt2, .16 * math.Sqrt(.875), .08/math.Sqrt2 + .09*math.Sqrt2}},
	}
	for _, c := range cases {
		out := make([]float64, varKinds*3*4)
		if err := varResponses(a, sigma, 2, 1, 2, c.perm, out); err != nil {
			t.Fatal(err)
		}
		orth, gen, unit, cum := out[:12], out[12:24], out[24:36], out[36:]
		want := map[string][2][]float64{
			"orthogonal":       {orth, c.orth},
			"unit":             {unit, slices.Concat([]float64{1, 0, 0, 1}, a, a2)},
			"cumulative":       {cum, []float64{1, 0, 0, 1, 1.5, 0, .2, 1.3, 1.75, 0, .36, 1.39}},
			"generalised at 0": {gen[:4], []float64{1, .5 / math.Sqrt2, .5, math.Sqrt2}},
			"generalised at 1": {gen[4:8], []float64{.5, .25 / math.Sqrt2, .2 + .15, (.1 + .6) / math.Sqrt2}},
		}
		for what, gw := range want {
			for i := range gw[1] {
				if !varNear(gw[0][i], gw[1][i], 1e-12) {
					t.Errorf("%s: %s[%d] = %.15g, want %.15g", c.name, what, i, gw[0][i], gw[1][i])
				}
			}
		}
	}
}

// varNaive fits a VAR(p) with the deterministic terms det the plain way:
// the design matrix written out, least squares by QR. It is the
// reference for the cross-product algebra of FitVAR.
func varNaive(d VARData, det VARDeterministic, p int) (x, y *mat.Dense, b *mat.Dense) {
	n, k := len(d.Values[0]), len(d.Values)
	days := func(t int) time.Time { return DateOf(d.Start + t*d.Step) }
	var detCols []func(t int) float64
	if !det.NoConstant {
		detCols = append(detCols, func(int) float64 { return 1 })
	}
	if det.Trend {
		detCols = append(detCols, func(t int) float64 { return float64(t*d.Step) / 365.25 })
	}
	family := func(cat func(time.Time) int) {
		var seen []int
		for t := p; t < n; t++ {
			if c := cat(days(t)); !slices.Contains(seen, c) {
				seen = append(seen, c)
			}
		}
		slices.Sort(seen)
		for _, c := range seen[1:] {
			detCols = append(detCols, func(t int) float64 {
				if cat(days(t)) == c {
					return 1
				}
				return 0
			})
		}
	}
	if det.DayOfWeek {
		family(func(t time.Time) int { return (int(t.Weekday()) + 6) % 7 })
	}
	if det.Month {
		family(func(t time.Time) int { return int(t.Month()) })
	}
	if det.Year {
		family(func(t time.Time) int { return t.Year() })
	}
	m := len(detCols) + p*k
	x, y = mat.NewDense(n-p, m, nil), mat.NewDense(n-p, k, nil)
	for t := p; t < n; t++ {
		for c, f := range detCols {
			x.Set(t-p, c, f(t))
		}
		for l := 1; l <= p; l++ {
			for j := range k {
				x.Set(t-p, len(detCols)+(l-1)*k+j, d.Values[j][t-l])
			}
		}
		for i := range k {
			y.Set(t-p, i, d.Values[i][t])
		}
	}
	b = new(mat.Dense)
	if err := b.Solve(x, y); err != nil {
		panic(err)
	}
	return x, y, b
}

// varNaiveRSS is the residual sum of squares of column i of y on x by QR.
func varNaiveRSS(x, y *mat.Dense, i int) float64 {
	col := mat.DenseCopyOf(y.Slice(0, y.RawMatrix().Rows, i, i+1))
	var b, fit mat.Dense
	if err := b.Solve(x, col); err != nil {
		panic(err)
	}
	fit.Mul(x, &b)
	fit.Sub(col, &fit)
	return mat.Dot(fit.ColView(0), fit.ColView(0))
}

// varDropColumns returns x without the lag columns of series j.
func varDropColumns(x *mat.Dense, nd, k, j int) *mat.Dense {
	r, c := x.Dims()
	var keep []int
	for col := range c {
		if col < nd || (col-nd)%k != j {
			keep = append(keep, col)
		}
	}
	out := mat.NewDense(r, len(keep), nil)
	for a, col := range keep {
		for row := range r {
			out.Set(row, a, x.At(row, col))
		}
	}
	return out
}

// varRandomCounts is K series of Poisson-like counts with some dependence,
// n days from 2006-12-29, a Friday near a year's end so that every
// dummy family has its base category and a partial year.
func varRandomCounts(seed uint64, k, n int) VARData {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := VARData{Start: DayOf(time.Date(2006, 12, 29, 0, 0, 0, 0, time.UTC)), Step: 1}
	for i := range k {
		d.Names = append(d.Names, string(rune('a'+i)))
		d.Values = append(d.Values, make([]float64, n))
	}
	for t := range n {
		for i := range k {
			lambda := 0.5 + 0.2*float64(i)
			if t > 0 {
				lambda += 0.3 * d.Values[(i+1)%k][t-1]
			}
			d.Values[i][t] = float64(varPoisson(rng, min(lambda, 20)))
		}
	}
	return d
}

// varPoisson draws a Poisson count by Knuth's product of uniforms, fine
// for the small means of daily event counts.
func varPoisson(rng *rand.Rand, lambda float64) int {
	limit, prod, n := math.Exp(-lambda), rng.Float64(), 0
	for prod > limit {
		prod *= rng.Float64()
		n++
	}
	return n
}

// TestFitVARMatchesNaive checks the cross products, the sparse calendar
// dummies, the standard errors and the Granger F tests against plain
// least squares on the written-out design, for every deterministic
// option.
func TestFitVARMatchesNaive(t *testing.T) {
	d := varRandomCounts(7, 3, 900)
	cases := []struct {
		name string
		det  VARDeterministic
		p    int
	}{
		{"const", VARDeterministic{}, 3},
		{"none", VARDeterministic{NoConstant: true}, 2},
		{"trend", VARDeterministic{Trend: true}, 1},
		{"dow", VARDeterministic{DayOfWeek: true}, 7},
		{"all", VARDeterministic{Trend: true, DayOfWeek: true, Month: true, Year: true}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := FitVAR(d, VAROptions{Lags: c.p, Deterministic: c.det, Replications: -1})
			if err != nil {
				t.Fatal(err)
			}
			x, y, b := varNaive(d, c.det, c.p)
			nd, k := len(res.Deterministic), res.K
			if _, m := x.Dims(); m != nd+c.p*k {
				t.Fatalf("%d deterministic terms %q, naive design has %d", nd, res.Deterministic, m-c.p*k)
			}
			resid := mat.NewDense(res.T, k, nil)
			resid.Mul(x, b)
			resid.Sub(y, resid)
			var xtx, inv mat.Dense
			xtx.Mul(x.T(), x)
			if err := inv.Inverse(&xtx); err != nil {
				t.Fatal(err)
			}
			for i := range k {
				s2 := mat.Dot(resid.ColView(i), resid.ColView(i)) / float64(res.T-nd-c.p*k)
				if !varNear(res.Sigma[i][i], s2, 1e-9) {
					t.Errorf("σ%d%d = %g, naive %g", i, i, res.Sigma[i][i], s2)
				}
				for r := range nd + c.p*k {
					got, se := res.Coef, res.StdErr
					var g, s float64
					if r < nd {
						g, s = res.DetCoef[i][r], res.DetErr[i][r]
					} else {
						l, j := (r-nd)/k, (r-nd)%k
						g, s = got[l][i][j], se[l][i][j]
					}
					if !varNear(g, b.At(r, i), 1e-9) || !varNear(s, math.Sqrt(s2*inv.At(r, r)), 1e-7) {
						t.Errorf("eq %d regressor %d: %g (se %g), naive %g (se %g)", i, r, g, s, b.At(r, i), math.Sqrt(s2*inv.At(r, r)))
					}
				}
			}
			for _, g := range res.Granger {
				i, j := slices.Index(d.Names, g.Effect), slices.Index(d.Names, g.Cause)
				rssU, rssR := varNaiveRSS(x, y, i), varNaiveRSS(varDropColumns(x, nd, k, j), y, i)
				f := (rssR - rssU) / float64(c.p) / (rssU / float64(res.T-nd-c.p*k))
				if !varNear(g.F, f, 1e-7) {
					t.Errorf("F %s→%s = %g, naive %g", g.Cause, g.Effect, g.F, f)
				}
			}
		})
	}
}

// TestFitVARReportsWhatItRestsOn checks the calendar of a weekly fit and
// the lag selection's bookkeeping.
func TestFitVARReportsWhatItRestsOn(t *testing.T) {
	d := varRandomCounts(3, 2, 600)
	d.Step = 7
	res, err := FitVAR(d, VAROptions{Replications: 20, Deterministic: VARDeterministic{Month: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Selection) != 8 || res.Selection[0].Lags != 1 {
		t.Errorf("selection over %d orders, want 1…8 for a weekly series", len(res.Selection))
	}
	if res.P != res.BICLag || res.AICLag < res.BICLag {
		t.Errorf("P %d, BIC %d, AIC %d: want P the BIC order, AIC no smaller", res.P, res.BICLag, res.AICLag)
	}
	if res.T != res.N-res.P || res.First != d.Start+res.P*7 || res.Last != d.Start+600*7-1 {
		t.Errorf("T %d of N %d, days %d–%d", res.T, res.N, res.First, res.Last)
	}
	if len(res.Deterministic) != 12 || res.Deterministic[0] != "const" || res.Deterministic[1] != "month=Feb" {
		t.Errorf("terms %q: want const and the 11 months after January", res.Deterministic)
	}
	irf := res.IRF
	if irf == nil || irf.Replications+irf.Dropped != 20 || len(irf.Orthogonal) != 4 || len(irf.Unit[1].Low) != 15 {
		t.Fatalf("IRF %+v: want 20 replicates, 4 curves of 15 periods", irf)
	}
	if c := irf.Unit[1]; c.Impulse != "a" || c.Response != "b" {
		t.Errorf("curve 1 is %s→%s, want a→b (impulse-major)", c.Impulse, c.Response)
	}
}

// TestFitVARRefuses lists the inputs FitVAR must refuse with a reason.
func TestFitVARRefuses(t *testing.T) {
	good := varRandomCounts(1, 2, 200)
	with := func(f func(*VARData)) VARData {
		d := good
		d.Names = slices.Clone(good.Names)
		d.Values = [][]float64{slices.Clone(good.Values[0]), slices.Clone(good.Values[1])}
		f(&d)
		return d
	}
	cases := []struct {
		name string
		d    VARData
		opt  VAROptions
		want string
	}{
		{"no series", VARData{Step: 1}, VAROptions{}, "no series"},
		{"names", with(func(d *VARData) { d.Names = d.Names[:1] }), VAROptions{}, "1 names for 2 series"},
		{"repeated name", with(func(d *VARData) { d.Names[1] = "a" }), VAROptions{}, `name "a" is empty or repeated`},
		{"lengths", with(func(d *VARData) { d.Values[1] = d.Values[1][:100] }), VAROptions{}, `"b" has 100 periods`},
		{"NaN", with(func(d *VARData) { d.Values[0][5] = math.NaN() }), VAROptions{}, `"a", period 5`},
		{"no events", with(func(d *VARData) { clear(d.Values[1]) }), VAROptions{}, `series "b" is 0 in every period`},
		{"too short", with(func(d *VARData) { d.Values[0], d.Values[1] = d.Values[0][:20], d.Values[1][:20] }), VAROptions{}, "20 periods leave 6 observations for 29 regressors"},
		{"collinear", with(func(d *VARData) { d.Values[1] = slices.Clone(d.Values[0]) }), VAROptions{Lags: 1}, "collinear"},
		{"weekly dow", with(func(d *VARData) { d.Step = 7 }), VAROptions{Deterministic: VARDeterministic{DayOfWeek: true}}, "daily series"},
		{"dummies no const", good, VAROptions{Deterministic: VARDeterministic{NoConstant: true, Year: true}}, "need the constant"},
		{"order", good, VAROptions{Order: []string{"b", "c"}}, `"c" is not a series`},
		{"order short", good, VAROptions{Order: []string{"b"}}, "leaves out"},
		{"level", good, VAROptions{Level: 95}, "level 95"},
	}
	for _, c := range cases {
		_, err := FitVAR(c.d, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestNewVARData(t *testing.T) {
	a := Series{Start: 10, Step: 7, Counts: []float64{1, 2}, Fatalities: []float64{3, 4}}
	b := Series{Start: 10, Step: 7, Counts: []float64{0, 1}, Fatalities: []float64{0, 9}}
	d, err := NewVARData([]string{"a", "b"}, []Series{a, b}, true)
	if err != nil || d.Start != 10 || d.Step != 7 || d.Values[1][1] != 9 {
		t.Errorf("NewVARData = %+v, %v", d, err)
	}
	b.Start = 11
	if _, err := NewVARData([]string{"a", "b"}, []Series{a, b}, false); err == nil {
		t.Error("series on different calendars accepted")
	}
}

// TestFitVARReproducible checks that the bands depend only on the seed
// and that the Cholesky order given is the order used.
func TestFitVARReproducible(t *testing.T) {
	d := varRandomCounts(5, 3, 400)
	fit := func(opt VAROptions) *VARIRF {
		t.Helper()
		opt.Replications, opt.Lags = 30, 2
		res, err := FitVAR(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		return res.IRF
	}
	a, b := fit(VAROptions{}), fit(VAROptions{})
	if !slices.Equal(a.Orthogonal[1].Low, b.Orthogonal[1].Low) {
		t.Error("two fits with the default seed differ")
	}
	c := fit(VAROptions{Rand: rand.New(rand.NewPCG(9, 9))})
	if slices.Equal(a.Orthogonal[1].Low, c.Orthogonal[1].Low) {
		t.Error("another seed gives the same bands")
	}
	r := fit(VAROptions{Order: []string{"c", "b", "a"}})
	if !slices.Equal(r.Order, []string{"c", "b", "a"}) || !slices.Equal(a.Order, d.Names) {
		t.Errorf("orders %q and %q, want c b a and the data's", r.Order, a.Order)
	}
	// Shocked first, c moves a in the same period; shocked last, a
	// cannot move c.
	if r.Orthogonal[2*3+0].Point[0] == 0 || r.Orthogonal[0*3+2].Point[0] != 0 {
		t.Errorf("at 0: c→a %g, a→c %g; want c→a ≠ 0, a→c = 0 with c first",
			r.Orthogonal[2*3+0].Point[0], r.Orthogonal[0*3+2].Point[0])
	}
	if !slices.Equal(a.Generalized[1].Point, r.Generalized[1].Point) {
		t.Error("generalised responses depend on the order")
	}
}
