package escalation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// varTruth is the known VAR(2) of the simulation tests: three series
// where b does not cause a, c does not cause b and a does not cause c
// (their cross coefficients are zero at both lags), while c → a, a → b
// and b → c are not zero. Its residuals are correlated, so the
// orthogonalised responses depend on the order.
var varTruth = struct {
	k, p  int
	c     []float64
	a     []float64 // [l][i][j]
	sigma []float64
	null  map[[2]int]bool // (cause, effect) pairs without effect
}{
	k: 3, p: 2,
	c: []float64{1, 0.5, 0.8},
	a: []float64{
		0.30, 0.00, 0.10,
		0.20, 0.25, 0.00,
		0.00, 0.15, 0.20,

		0.15, 0.00, 0.00,
		0.10, 0.10, 0.00,
		0.00, 0.00, 0.15,
	},
	sigma: []float64{
		1.0, 0.3, 0.2,
		0.3, 1.5, 0.4,
		0.2, 0.4, 0.8,
	},
	null: map[[2]int]bool{{1, 0}: true, {2, 1}: true, {0, 2}: true},
}

// varSimulate draws n periods of the true VAR after a burn-in, with
// Gaussian residuals of covariance varTruth.sigma.
func varSimulate(rng *rand.Rand, n int) VARData {
	tr := varTruth
	k, p, burn := tr.k, tr.p, 200
	chol, err := varCholesky(tr.sigma, k, []int{0, 1, 2})
	if err != nil {
		panic(err)
	}
	d := VARData{Names: []string{"a", "b", "c"}, Start: 13149, Step: 1} // 2006-01-01
	y := make([][]float64, k)
	for i := range y {
		y[i] = make([]float64, n+burn)
	}
	e := make([]float64, k)
	for t := p; t < n+burn; t++ {
		for i := range e {
			e[i] = rng.NormFloat64()
		}
		for i := range k {
			v := tr.c[i]
			for j := range k {
				v += chol[i*k+j] * e[j]
				for l := range p {
					v += tr.a[(l*k+i)*k+j] * y[j][t-l-1]
				}
			}
			y[i][t] = v
		}
	}
	for i := range k {
		d.Values = append(d.Values, y[i][burn:])
	}
	return d
}

// varTrueResponses is the responses of varTruth, laid out as
// varResponses writes them.
func varTrueResponses(h int) []float64 {
	out := make([]float64, varKinds*(h+1)*9)
	if err := varResponses(varTruth.a, varTruth.sigma, 3, 2, h, []int{0, 1, 2}, out); err != nil {
		panic(err)
	}
	return out
}

// varIRFInside counts the points of the true responses inside the bands.
func varIRFInside(irf *VARIRF, truth []float64) (in, all int) {
	k, h := 3, irf.Horizon
	size := (h + 1) * k * k
	for kind, curves := range [][]VARResponse{irf.Orthogonal, irf.Generalized, irf.Unit, irf.Cumulative} {
		for _, c := range curves {
			i, j := int(c.Response[0]-'a'), int(c.Impulse[0]-'a')
			for s := 0; s <= h; s++ {
				v := truth[kind*size+(s*k+i)*k+j]
				if c.Low[s] == c.High[s] { // the unit response at 0 is exactly 0 or 1
					continue
				}
				all++
				if c.Low[s] <= v && v <= c.High[s] {
					in++
				}
			}
		}
	}
	return in, all
}

// varCoefInside counts the true lag coefficients inside their intervals
// and within 3.29 standard errors (99.9%).
func varCoefInside(t *testing.T, res *VARResult) (in95, in999 int) {
	k := varTruth.k
	for l := range varTruth.p {
		for i := range k {
			for j := range k {
				v := varTruth.a[(l*k+i)*k+j]
				if res.Low[l][i][j] <= v && v <= res.High[l][i][j] {
					in95++
				}
				if math.Abs(res.Coef[l][i][j]-v) <= 3.29*res.StdErr[l][i][j] {
					in999++
				} else if t != nil {
					t.Errorf("A%d[%d][%d] = %.4f ± %.4f, truth %.2f", l+1, i, j, res.Coef[l][i][j], res.StdErr[l][i][j], v)
				}
			}
		}
	}
	return in95, in999
}

// TestFitVARRecoversSimulated fits one simulated VAR(2) of 5,000
// periods: BIC finds 2 lags, every coefficient is within 3.29 standard
// errors of the truth and most inside their 95% intervals, the Granger
// tests reject every real cross-effect and none of the absent ones, and
// the true responses lie inside the bootstrap bands.
func TestFitVARRecoversSimulated(t *testing.T) {
	d := varSimulate(rand.New(rand.NewPCG(1, 2)), 5000)
	res, err := FitVAR(d, VAROptions{MaxLags: 8, Horizon: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.P != 2 || res.BICLag != 2 {
		t.Fatalf("order %d (BIC %d, AIC %d), want 2", res.P, res.BICLag, res.AICLag)
	}
	in95, _ := varCoefInside(t, res)
	if in95 < 15 {
		t.Errorf("%d of 18 coefficients inside their 95%% intervals, want ≥ 15", in95)
	}
	for i, c := range varTruth.c {
		if math.Abs(res.DetCoef[i][0]-c) > 3.29*res.DetErr[i][0] {
			t.Errorf("constant %d = %.3f ± %.3f, truth %.2f", i, res.DetCoef[i][0], res.DetErr[i][0], c)
		}
	}
	for _, g := range res.Granger {
		null := varTruth.null[[2]int{int(g.Cause[0] - 'a'), int(g.Effect[0] - 'a')}]
		if null && g.P < 0.001 || !null && g.P > 1e-6 {
			t.Errorf("%s → %s: F(%d, %d) = %.2f, p = %.3g; effect in truth: %v", g.Cause, g.Effect, g.DF1, g.DF2, g.F, g.P, !null)
		}
	}
	if !res.Stable || res.IRF == nil {
		t.Fatalf("stable %v (modulus %.3f), want stable with responses", res.Stable, res.MaxModulus)
	}
	in, all := varIRFInside(res.IRF, varTrueResponses(10))
	t.Logf("true responses inside the 95%% bands at %d of %d points; %d replicates", in, all, res.IRF.Replications)
	if float64(in) < 0.85*float64(all) {
		t.Errorf("true responses inside the bands at %d of %d points, want ≥ 85%%", in, all)
	}
}

// TestVARReplications is the replication study: over 200 simulated
// VAR(2)s of 5,000 periods, BIC finds the order, the 95% coefficient
// intervals cover the truth ~95% of the time, and the Granger tests of
// absent effects reject at their nominal 5%, those of real ones always.
func TestVARReplications(t *testing.T) {
	if testing.Short() {
		t.Skip("replication study")
	}
	rng := rand.New(rand.NewPCG(28, 4))
	const reps = 200
	var rightOrder, in95, coefs, nullTests, falseRejects, power int
	for range reps {
		res, err := FitVAR(varSimulate(rng, 5000), VAROptions{MaxLags: 8, Replications: -1})
		if err != nil {
			t.Fatal(err)
		}
		if res.P != 2 {
			continue
		}
		rightOrder++
		in, _ := varCoefInside(nil, res)
		in95, coefs = in95+in, coefs+18
		for _, g := range res.Granger {
			if varTruth.null[[2]int{int(g.Cause[0] - 'a'), int(g.Effect[0] - 'a')}] {
				nullTests++
				if g.P < 0.05 {
					falseRejects++
				}
			} else if g.P < 0.05 {
				power++
			}
		}
	}
	cover, size := float64(in95)/float64(coefs), float64(falseRejects)/float64(nullTests)
	t.Logf("BIC picked 2 lags in %d of %d; coefficient coverage %.3f; Granger size %.3f (%d of %d), power %d of %d",
		rightOrder, reps, cover, size, falseRejects, nullTests, power, 3*rightOrder)
	if rightOrder < reps*9/10 || cover < 0.93 || cover > 0.97 || size < 0.025 || size > 0.08 || power != 3*rightOrder {
		t.Errorf("want BIC right ≥ 90%%, coverage in [0.93, 0.97], size in [0.025, 0.08], power 100%%")
	}
}

// TestVARBandCoverage is the bootstrap's replication study: over 50
// simulated VAR(2)s of 5,000 periods, the 95% bands from 200 replicates
// cover the true responses at ~95% of the points.
func TestVARBandCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("replication study")
	}
	rng := rand.New(rand.NewPCG(28, 5))
	var in, all int
	for range 50 {
		res, err := FitVAR(varSimulate(rng, 5000), VAROptions{Lags: 2, Horizon: 10, Rand: rng})
		if err != nil {
			t.Fatal(err)
		}
		i, a := varIRFInside(res.IRF, varTrueResponses(10))
		in, all = in+i, all+a
	}
	cover := float64(in) / float64(all)
	t.Logf("bootstrap bands (200 replicates) cover the true responses at %.3f of %d points over 50 fits", cover, all)
	if cover < 0.9 || cover > 0.99 {
		t.Errorf("band coverage %.3f, want in [0.90, 0.99]", cover)
	}
}
