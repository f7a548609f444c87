package escalation

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// VARIRF is the impulse responses of a stable VAR: how each series moves
// in the periods after a shock to one of them, with percentile bands from
// a residual bootstrap (new series are simulated from the fitted VAR with
// its residuals drawn with replacement, the VAR refitted with the same
// lags, and its responses computed; the first P periods are the data's).
type VARIRF struct {
	Horizon      int      // responses run over periods 0…Horizon after the shock
	Order        []string // the Cholesky order of Orthogonal
	Level        float64  // of the bands
	Replications int      // bootstrap replicates the bands rest on; 0 means no bands
	Dropped      int      // replicates left out because their VAR was unstable or singular
	// Each kind holds K×K curves, impulse-major: [j*K+i] is the response
	// of series i to a shock in series j.
	//
	// Orthogonal: to a one-standard-deviation shock orthogonalised by
	// Cholesky in Order, so a shock moves the series after it in the
	// same period but not those before.
	Orthogonal []VARResponse
	// Generalized (Pesaran and Shin 1998): to a one-standard-deviation
	// shock in the impulse, the others' residuals moving with it as the
	// residual covariance says; it does not depend on an order.
	Generalized []VARResponse
	// Unit: to one more event (a unit residual) in the impulse alone.
	Unit []VARResponse
	// Cumulative: the Unit responses summed over periods 0…h, e.g. the
	// extra attacks in the two weeks after one more strike.
	Cumulative []VARResponse
}

// VARResponse is the response of one series to a shock in another:
// Point[h] at h periods after the shock, inside [Low[h], High[h]] at the
// IRF's level (nil without bootstrap).
type VARResponse struct {
	Impulse, Response string
	Point, Low, High  []float64
}

// varKinds is the number of kinds of response varResponses writes:
// orthogonal, generalised, unit and cumulative, in that order.
const varKinds = 4

// irf computes the impulse responses of e and their bootstrap bands.
func (e *varEstimate) irf(d VARData, opt VAROptions) (*VARIRF, error) {
	perm, err := varOrder(d.Names, opt.Order)
	if err != nil {
		return nil, err
	}
	k, h := e.s.k, opt.Horizon
	size := (h + 1) * k * k
	point := make([]float64, varKinds*size)
	if err := varResponses(e.coef, e.sigma, k, e.p, h, perm, point); err != nil {
		return nil, err
	}
	r := &VARIRF{Horizon: h, Level: opt.Level}
	for _, j := range perm {
		r.Order = append(r.Order, d.Names[j])
	}
	var draws []float64
	if opt.Replications > 0 {
		draws, r.Dropped = e.bootstrap(d.Values, opt.Replications, h, perm, opt.Rand)
		r.Replications = len(draws) / len(point)
	}
	low, high := varBands(draws, len(point), opt.Level)
	kinds := []*[]VARResponse{&r.Orthogonal, &r.Generalized, &r.Unit, &r.Cumulative}
	for kind, dst := range kinds {
		for j := range k {
			for i := range k {
				c := VARResponse{Impulse: d.Names[j], Response: d.Names[i]}
				for step := 0; step <= h; step++ {
					at := kind*size + (step*k+i)*k + j
					c.Point = append(c.Point, point[at])
					if low != nil {
						c.Low, c.High = append(c.Low, low[at]), append(c.High, high[at])
					}
				}
				*dst = append(*dst, c)
			}
		}
	}
	return r, nil
}

// varOrder turns a Cholesky order by name into indices; nil is the
// data's order.
func varOrder(names, order []string) ([]int, error) {
	if order == nil {
		order = names
	}
	var perm []int
	for _, name := range order {
		j := slices.Index(names, name)
		if j < 0 || slices.Contains(perm, j) {
			return nil, fmt.Errorf("order %q: %q is not a series or comes twice", order, name)
		}
		perm = append(perm, j)
	}
	if len(perm) != len(names) {
		return nil, fmt.Errorf("order %q leaves out some of the series %q", order, names)
	}
	return perm, nil
}

// varResponses writes the responses of the VAR with lag coefficients
// coef ([l][i][j]) and residual covariance sigma over horizons 0…h into
// out: for each kind, (h+1)×K×K values [h][response][impulse]. The MA
// coefficients are Ψ₀ = I, Ψₕ = Σₗ Aₗ Ψₕ₋ₗ; the orthogonal responses
// are ΨₕP with PP' = Σ, P lower triangular in the order perm; the
// generalised ones ΨₕΣeⱼ/√σⱼⱼ.
func varResponses(coef, sigma []float64, k, p, h int, perm []int, out []float64) error {
	kk, size := k*k, (h+1)*k*k
	orth, gen, unit, cum := out[:size], out[size:2*size], out[2*size:3*size], out[3*size:4*size]
	clear(unit)
	for i := range k {
		unit[i*k+i] = 1
	}
	for s := 1; s <= h; s++ {
		psi := unit[s*kk : (s+1)*kk]
		for l := 1; l <= min(s, p); l++ {
			varMulAdd(psi, coef[(l-1)*kk:l*kk], unit[(s-l)*kk:(s-l+1)*kk], k)
		}
	}
	chol, err := varCholesky(sigma, k, perm)
	if err != nil {
		return err
	}
	clear(orth)
	clear(gen)
	for s := 0; s <= h; s++ {
		psi := unit[s*kk : (s+1)*kk]
		varMulAdd(orth[s*kk:(s+1)*kk], psi, chol, k)
		varMulAdd(gen[s*kk:(s+1)*kk], psi, sigma, k)
		for i := range k {
			for j := range k {
				gen[s*kk+i*k+j] /= math.Sqrt(sigma[j*k+j])
				cum[s*kk+i*k+j] = psi[i*k+j]
				if s > 0 {
					cum[s*kk+i*k+j] += cum[(s-1)*kk+i*k+j]
				}
			}
		}
	}
	return nil
}

// varMulAdd adds a·b to dst, all K×K row-major.
func varMulAdd(dst, a, b []float64, k int) {
	for i := range k {
		for m := range k {
			v := a[i*k+m]
			if v == 0 {
				continue
			}
			for j := range k {
				dst[i*k+j] += v * b[m*k+j]
			}
		}
	}
}

// varCholesky returns P with PP' = sigma, lower triangular once rows
// and columns are put in the order perm: the series perm[0] is shocked
// first and moves all others in the same period.
func varCholesky(sigma []float64, k int, perm []int) ([]float64, error) {
	sp := mat.NewSymDense(k, nil)
	for a := range k {
		for b := range k {
			sp.SetSym(a, b, sigma[perm[a]*k+perm[b]])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(sp) {
		return nil, errors.New("residual covariance is singular: a series is an exact linear function of the past")
	}
	var l mat.TriDense
	ch.LTo(&l)
	out := make([]float64, k*k)
	for a := range k {
		for b := range k {
			out[perm[a]*k+perm[b]] = l.At(a, b)
		}
	}
	return out, nil
}

// bootstrap draws reps residual-bootstrap replicates of the responses,
// each a block of varKinds×(h+1)×K×K values as varResponses writes them,
// and counts the replicates it drops.
func (e *varEstimate) bootstrap(y [][]float64, reps, h int, perm []int, rng *rand.Rand) (draws []float64, dropped int) {
	s, k, p := e.s, e.s.k, e.p
	t := s.n - s.lo
	u := make([][]float64, k) // residuals centred, as the constant would make them
	ys := make([][]float64, k)
	for i := range k {
		mean := stat.Mean(e.resid[i], nil)
		u[i] = make([]float64, t)
		for r, v := range e.resid[i] {
			u[i][r] = v - mean
		}
		ys[i] = make([]float64, s.n)
		copy(ys[i][:s.lo], y[i][:s.lo])
	}
	rev := varRev(y) // periods from s.lo on are overwritten before they are read
	pred := make([]float64, k)
	out := make([]float64, varKinds*(h+1)*k*k)
	for range reps {
		for r := s.lo; r < s.n; r++ {
			s.predict(e.bt, p, rev, r, pred)
			draw := rng.IntN(t)
			for i := range k {
				v := pred[i] + u[i][draw]
				rev[(s.n-1-r)*k+i], ys[i][r] = v, v
			}
		}
		if !e.replicate(ys, h, perm, out) {
			dropped++
			continue
		}
		draws = append(draws, out...)
	}
	return draws, dropped
}

// replicate refits the VAR on bootstrap series ys and writes its
// responses into out; false when the refit is singular or unstable.
func (e *varEstimate) replicate(ys [][]float64, h int, perm []int, out []float64) bool {
	s, k, p := e.s, e.s.k, e.p
	m := s.moments(ys, p)
	xy := m.xy(p)
	b, _, err := varSolve(m.xx(p), e.dim, xy, k)
	if err != nil {
		return false
	}
	sigma := varRSS(m.yy(), b, xy, e.dim, k)
	varScale(1/float64(s.n-s.lo-e.dim), sigma)
	coef := varCoef(b, s.nd, p, k)
	if mod, err := varMaxModulus(coef, k, p); err != nil || mod >= 1 {
		return false
	}
	return varResponses(coef, sigma, k, p, h, perm, out) == nil
}

// varBands returns the pointwise percentile interval at level of each
// of the size values across the replicates in draws; nil without draws.
func varBands(draws []float64, size int, level float64) (low, high []float64) {
	reps := len(draws) / size
	if reps == 0 {
		return nil, nil
	}
	low, high = make([]float64, size), make([]float64, size)
	col := make([]float64, reps)
	for at := range size {
		for r := range reps {
			col[r] = draws[r*size+at]
		}
		slices.Sort(col)
		low[at] = quantile(col, (1-level)/2)
		high[at] = quantile(col, 1-(1-level)/2)
	}
	return low, high
}
