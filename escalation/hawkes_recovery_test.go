package escalation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// hawkesParamsAndEstimates lists each parameter's truth beside its
// estimate, named like "alpha[1][0]".
func hawkesParamsAndEstimates(p HawkesParams, f *HawkesFit) (names []string, truth []float64, est []Estimate) {
	for i := range p.Dim() {
		names, truth, est = append(names, fmt.Sprintf("mu[%d]", i)), append(truth, p.Mu[i]), append(est, f.Mu[i])
		for j := range p.Dim() {
			names, truth, est = append(names, fmt.Sprintf("alpha[%d][%d]", i, j)), append(truth, p.Alpha[i][j]), append(est, f.Alpha[i][j])
		}
		names, truth, est = append(names, fmt.Sprintf("beta[%d]", i)), append(truth, p.Beta[i]), append(est, f.Beta[i])
	}
	return names, truth, est
}

func covers(e Estimate, truth float64) bool { return e.Lo <= truth && truth <= e.Hi }

// TestHawkesRecovery is the proof on one simulation: D = 4,
// 50,000 events, each parameter within 10% of the truth or inside its 95%
// interval; the deterrent effect of the softplus model negative with its
// whole interval; the KS test accepting the true and the fitted model and
// rejecting a Poisson process fitted to the same data.
//
// Calibrated 95% intervals miss about one parameter in twenty, so on one
// simulation all 24 meet the bar only about 40% of the time (17 of 50
// replications for the linear model; see TestHawkesCoverage). The test
// therefore requires each parameter within 10% or 3.5 standard errors of
// the truth — a right estimator fails that about once in a hundred
// seeds, a biased one or wrong intervals fail it — and at most four of 24
// outside the bar (more happens to calibrated intervals on 0.6% of seeds).
func TestHawkesRecovery(t *testing.T) {
	for _, link := range []HawkesLink{HawkesLinear, HawkesSoftplus} {
		t.Run(link.String(), func(t *testing.T) {
			p := hawkesTruth4(link)
			times, T := simulateEvents(t, p, 50_000, rand.New(rand.NewPCG(3, 3)))
			f, err := FitHawkes(times, T, HawkesOptions{Link: link})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d events per process on [0, %.0f] days", f.Events, T)
			names, truth, est := hawkesParamsAndEstimates(p, f)
			var misses int
			for k, e := range est {
				rel := math.Abs(e.Est-truth[k]) / math.Abs(truth[k])
				z := (e.Est - truth[k]) / e.SE
				bar := rel <= 0.1 || covers(e, truth[k])
				t.Logf("%-12s truth %6.3f estimate %6.3f [%6.3f, %6.3f] off by %4.1f%% (%+.1f SE) %s", names[k], truth[k], e.Est, e.Lo, e.Hi, 100*rel, z, map[bool]string{true: "", false: "misses the bar"}[bar])
				if !bar {
					misses++
				}
				if rel > 0.1 && math.Abs(z) > 3.5 {
					t.Errorf("%s: estimate %.4g is %.0f%% and %.1f standard errors off the truth %.4g", names[k], e.Est, 100*rel, z, truth[k])
				}
			}
			t.Logf("%d of %d parameters within 10%% of the truth or inside their 95%% interval", len(est)-misses, len(est))
			if misses > 4 {
				t.Errorf("%d of %d parameters are more than 10%% off the truth and outside their 95%% interval", misses, len(est))
			}
			for i, c := range f.Converged {
				if !c {
					t.Errorf("target %d did not converge", i)
				}
			}
			if link == HawkesSoftplus {
				if e := f.Alpha[1][0]; !(e.Hi < 0) {
					t.Errorf("deterrence of 1 by 0: %.3g [%.3g, %.3g], want an interval below zero", e.Est, e.Lo, e.Hi)
				}
			} else {
				rho := trueBranching(t, p)
				t.Logf("branching ratio: truth %.4f, estimate %.4f [%.4f, %.4f]", rho, f.Branching.Est, f.Branching.Lo, f.Branching.Hi)
				if !covers(f.Branching, rho) && math.Abs(f.Branching.Est-rho) > 0.1*rho {
					t.Errorf("branching ratio %.4f [%.4f, %.4f] misses the truth %.4f", f.Branching.Est, f.Branching.Lo, f.Branching.Hi, rho)
				}
			}
			checkKS(t, p, f, times, T)
		})
	}
}

// checkKS checks that the time-rescaling test accepts the true and the
// fitted model and rejects a homogeneous Poisson process with each
// process's own rate.
func checkKS(t *testing.T, p HawkesParams, f *HawkesFit, times [][]float64, T float64) {
	t.Helper()
	gofTrue, err := HawkesGoodnessOfFit(p, times, T)
	if err != nil {
		t.Fatal(err)
	}
	poisson := HawkesParams{Link: HawkesLinear, Mu: make([]float64, p.Dim()), Alpha: make([][]float64, p.Dim()), Beta: make([]float64, p.Dim())}
	for i := range p.Dim() {
		poisson.Mu[i] = float64(len(times[i])) / T
		poisson.Alpha[i] = make([]float64, p.Dim())
		poisson.Beta[i] = 1
	}
	gofPoisson, err := HawkesGoodnessOfFit(poisson, times, T)
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Dim() {
		t.Logf("process %d: KS p-value %.3f under the truth, %.3f under the fit, %.2g under Poisson", i, gofTrue[i].P, f.GOF[i].P, gofPoisson[i].P)
		if gofTrue[i].P < 0.01 || f.GOF[i].P < 0.01 {
			t.Errorf("process %d: the KS test rejects the true model (p = %.3g) or the fitted one (p = %.3g)", i, gofTrue[i].P, f.GOF[i].P)
		}
		if gofPoisson[i].P > 0.01 {
			t.Errorf("process %d: the KS test accepts a Poisson process for Hawkes data (p = %.3g)", i, gofPoisson[i].P)
		}
	}
}

func trueBranching(t testing.TB, p HawkesParams) float64 {
	A := mat.NewDense(p.Dim(), p.Dim(), nil)
	for i, row := range p.Alpha {
		A.SetRow(i, row)
	}
	rho, err := spectralRadius(A)
	if err != nil {
		t.Fatal(err)
	}
	return rho
}

// TestHawkesCoverage is the replication study: the share of 95%
// intervals that hold the truth, over DURAND_HAWKES_COVERAGE simulations
// (the issue asks for at least 50) of 50,000 events each, per model. Slow:
// about a second a fit for the linear model and ten for the softplus one
// on an idle machine.
func TestHawkesCoverage(t *testing.T) {
	reps, _ := strconv.Atoi(os.Getenv("DURAND_HAWKES_COVERAGE"))
	if reps <= 0 {
		t.Skip("set DURAND_HAWKES_COVERAGE to the number of replications (≥ 50) to run the coverage study")
	}
	links := []HawkesLink{HawkesLinear, HawkesSoftplus}
	if l := os.Getenv("DURAND_HAWKES_COVERAGE_LINK"); l != "" {
		links = nil
		for _, link := range []HawkesLink{HawkesLinear, HawkesSoftplus} {
			if link.String() == l {
				links = append(links, link)
			}
		}
	}
	for _, link := range links {
		t.Run(link.String(), func(t *testing.T) {
			p := hawkesTruth4(link)
			rho := trueBranching(t, p)
			var names []string
			var in, within10, total, inBranching, allPass int
			perParam := map[string]int{}
			var zs2 float64
			for r := range reps {
				times, T := simulateEvents(t, p, 50_000, rand.New(rand.NewPCG(uint64(r), 28)))
				f, err := FitHawkes(times, T, HawkesOptions{Link: link})
				if err != nil {
					t.Fatal(err)
				}
				var truth []float64
				var est []Estimate
				names, truth, est = hawkesParamsAndEstimates(p, f)
				pass := true
				for k, e := range est {
					total++
					if covers(e, truth[k]) {
						in++
						perParam[names[k]]++
					}
					if math.Abs(e.Est-truth[k]) <= 0.1*math.Abs(truth[k]) || covers(e, truth[k]) {
						within10++
					} else {
						pass = false
					}
					z := (e.Est - truth[k]) / e.SE
					zs2 += z * z
				}
				if covers(f.Branching, rho) {
					inBranching++
				}
				if pass {
					allPass++
				}
			}
			for _, n := range names {
				t.Logf("%-12s coverage %.2f", n, float64(perParam[n])/float64(reps))
			}
			cov := float64(in) / float64(total)
			t.Logf("%v: %d replications, %d intervals: coverage %.3f; within 10%% or covered %.3f; every parameter so in %d/%d replications; rms of (estimate−truth)/SE %.3f",
				link, reps, total, cov, float64(within10)/float64(total), allPass, reps, math.Sqrt(zs2/float64(total)))
			if link == HawkesLinear {
				t.Logf("branching ratio %.4f covered in %d/%d replications", rho, inBranching, reps)
			}
			if cov < 0.93 || cov > 0.97 {
				t.Errorf("coverage %.3f of nominal 0.95", cov)
			}
		})
	}
}
