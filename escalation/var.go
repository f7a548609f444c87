package escalation

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// VARData is the input of a vector autoregression: K series on one
// calendar, Values[k][t] being series k in period t, and period t
// covering days [Start+t*Step, Start+(t+1)*Step) as in Series.
type VARData struct {
	Names       []string
	Start, Step int
	Values      [][]float64
}

// NewVARData puts binned series side by side, their counts or, when
// fatalities is set, their known fatalities. The series must share
// their calendar (Bin them with the same from, to and step).
func NewVARData(names []string, series []Series, fatalities bool) (VARData, error) {
	if len(names) != len(series) {
		return VARData{}, fmt.Errorf("var: %d names for %d series", len(names), len(series))
	}
	if len(series) == 0 {
		return VARData{}, errors.New("var: no series")
	}
	d := VARData{Names: names, Start: series[0].Start, Step: series[0].Step}
	for i, s := range series {
		if s.Start != d.Start || s.Step != d.Step || len(s.Counts) != len(series[0].Counts) {
			return VARData{}, fmt.Errorf("var: series %q is not on the calendar of %q (start, step or length differ)", names[i], names[0])
		}
		v := s.Counts
		if fatalities {
			v = s.Fatalities
		}
		d.Values = append(d.Values, v)
	}
	return d, nil
}

// VARCriterion is the information criterion that picks the lag order.
type VARCriterion int

const (
	// BIC is Schwarz's criterion, ln|Σ| + ln(T)·params/T: consistent, so
	// on long daily series it finds the true order where AIC overfits.
	BIC VARCriterion = iota
	// AIC is Akaike's, ln|Σ| + 2·params/T: it keeps more lags.
	AIC
)

// String is "BIC" or "AIC".
func (c VARCriterion) String() string {
	if c == AIC {
		return "AIC"
	}
	return "BIC"
}

// MarshalText writes the criterion by name in JSON.
func (c VARCriterion) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// VARDeterministic says which deterministic terms enter every equation.
// The zero value is a constant alone. Haushofer, Biletzki and Kanwisher
// (2010) add year dummies against structural breaks; day-of-week and
// month dummies absorb reporting rhythms (fewer reports on a weekly day
// of rest, fighting seasons). Each dummy family drops its first category
// present in the sample (Monday, January, the first year), which the
// constant absorbs.
type VARDeterministic struct {
	NoConstant bool // leave the constant out (dummies then are refused)
	Trend      bool // a linear trend; its coefficient is per year
	DayOfWeek  bool // six dummies, Monday the base; daily series only
	Month      bool // a dummy per calendar month of the period's first day
	Year       bool // a dummy per calendar year
}

// VAROptions tune FitVAR. The zero value fits a VAR with a constant,
// its order chosen by BIC among 1…14 lags (daily) or 1…8 (coarser),
// with impulse responses over 14 periods and 95% bands from 200
// bootstrap replicates seeded with a fixed seed.
type VAROptions struct {
	Lags          int // the lag order; 0 chooses it by Criterion
	MaxLags       int // the largest order considered; 0 is 14 for daily series, 8 otherwise
	Criterion     VARCriterion
	Deterministic VARDeterministic
	// Horizon is the number of periods after the shock the impulse
	// responses reach; 0 is 14.
	Horizon int
	// Order is the Cholesky order of the orthogonalised responses, by
	// series name: a shock to a series moves those after it in the same
	// period, not those before. Nil is the order of the data.
	Order []string
	// Replications is the number of residual-bootstrap replicates behind
	// the bands; 0 is 200, negative means no bands.
	Replications int
	Level        float64    // of the coefficient intervals and bands; 0 is 0.95
	Rand         *rand.Rand // nil is a fixed seed
}

// VARResult is a fitted vector autoregression
// y(t) = D(t)·C + A₁y(t-1) + … + A_p y(t-p) + u(t) and what rests on it.
type VARResult struct {
	Names []string
	K, P  int // series, lags
	// N is the number of periods in the data, T the number of
	// observations the coefficients rest on (N-P: the first P periods
	// only serve as lags). Start is the data's first day; First and Last
	// the first and last days the observations cover; Step the days per
	// period.
	N, T            int
	Start, First    int
	Last, Step      int
	Deterministic   []string // names of the deterministic regressors, e.g. "const", "dow=Tue", "year=2008"
	Criterion       VARCriterion
	Selection       []VARLagScore // per order on a common sample; nil when Lags was given
	AICLag, BICLag  int           // the orders each criterion picks; 0 when Lags was given
	Coef, StdErr    [][][]float64 // [l][i][j]: lag l+1 of series j in the equation of series i
	Low, High       [][][]float64 // the Level interval of each Coef (Student t, T-m degrees of freedom)
	DetCoef, DetErr [][]float64   // [i][d]: deterministic term d in equation i, and its standard error
	Sigma           [][]float64   // residual covariance, divided by T-m (m regressors per equation)
	Level           float64
	Granger         []VARGranger // one per ordered pair of series
	Stable          bool         // every eigenvalue of the companion matrix is inside the unit circle
	MaxModulus      float64      // the largest eigenvalue modulus
	IRF             *VARIRF      // nil when the VAR is unstable
	Warnings        []string
}

// VARLagScore is the information criteria of one lag order, all orders
// fitted on the same observations (the last N-MaxLags periods) so they
// compare.
type VARLagScore struct {
	Lags     int
	AIC, BIC float64
}

// VARGranger is the test that Cause does not Granger-cause Effect: all P
// lags of Cause are zero in Effect's equation. F has DF1 = P and DF2 =
// T-m degrees of freedom; P is its p-value.
type VARGranger struct {
	Cause, Effect string
	F             float64
	DF1, DF2      int
	P             float64
}

// FitVAR estimates a vector autoregression of d by least squares,
// equation by equation, chooses its order unless given, tests Granger
// causality between every ordered pair, checks stability and, when the
// VAR is stable, computes impulse responses with bootstrap bands. It
// returns an error when the data cannot carry the model: too few
// periods for the lags, a series with no variation, collinear
// regressors.
func FitVAR(d VARData, opt VAROptions) (*VARResult, error) {
	opt, err := varDefaults(d, opt)
	if err != nil {
		return nil, fmt.Errorf("var: %w", err)
	}
	res := &VARResult{Names: d.Names, K: len(d.Values), N: len(d.Values[0]), Start: d.Start,
		Step: d.Step, Criterion: opt.Criterion, Level: opt.Level, P: opt.Lags}
	if res.P == 0 {
		if err := res.selectLags(d, opt); err != nil {
			return nil, fmt.Errorf("var: choose lags: %w", err)
		}
	}
	e, err := estimateVAR(d, opt.Deterministic, res.P)
	if err != nil {
		return nil, fmt.Errorf("var: %w", err)
	}
	res.describe(e)
	if res.Granger, err = e.granger(d.Names); err != nil {
		return nil, fmt.Errorf("var: granger: %w", err)
	}
	res.MaxModulus, err = varMaxModulus(e.coef, res.K, res.P)
	if err != nil {
		return nil, fmt.Errorf("var: stability: %w", err)
	}
	res.Stable = res.MaxModulus < 1
	if !res.Stable {
		res.Warnings = append(res.Warnings, fmt.Sprintf("unstable VAR: the companion matrix has an eigenvalue of modulus %.4f ≥ 1, so shocks never die out; impulse responses are not computed (a trend or year dummies may absorb a drift)", res.MaxModulus))
		return res, nil
	}
	if res.IRF, err = e.irf(d, opt); err != nil {
		return nil, fmt.Errorf("var: impulse responses: %w", err)
	}
	if r := res.IRF; r.Dropped > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d of %d bootstrap replicates dropped (unstable or singular)", r.Dropped, r.Dropped+r.Replications))
	}
	return res, nil
}

// varCheck refuses data a VAR cannot read.
func varCheck(d VARData) error {
	k := len(d.Values)
	if k == 0 {
		return errors.New("no series")
	}
	if len(d.Names) != k {
		return fmt.Errorf("%d names for %d series", len(d.Names), k)
	}
	if d.Step < 1 {
		return fmt.Errorf("step %d: a period must last at least a day", d.Step)
	}
	for i, y := range d.Values {
		if d.Names[i] == "" || slices.Index(d.Names, d.Names[i]) != i {
			return fmt.Errorf("series %d: name %q is empty or repeated", i, d.Names[i])
		}
		if len(y) != len(d.Values[0]) {
			return fmt.Errorf("series %q has %d periods, %q has %d", d.Names[i], len(y), d.Names[0], len(d.Values[0]))
		}
		for t, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("series %q, period %d: value %g", d.Names[i], t, v)
			}
		}
	}
	return nil
}

// varDefaults checks d and opt and fills in the defaults.
func varDefaults(d VARData, opt VAROptions) (VAROptions, error) {
	if err := varCheck(d); err != nil {
		return opt, err
	}
	det := opt.Deterministic
	if det.NoConstant && (det.DayOfWeek || det.Month || det.Year) {
		return opt, errors.New("calendar dummies need the constant (their base category is in it)")
	}
	if det.DayOfWeek && d.Step != 1 {
		return opt, fmt.Errorf("day-of-week dummies need a daily series, not one of %d-day periods", d.Step)
	}
	if opt.MaxLags == 0 {
		opt.MaxLags = 8
		if d.Step == 1 {
			opt.MaxLags = 14
		}
	}
	if opt.Lags < 0 || opt.MaxLags < 0 || opt.Horizon < 0 {
		return opt, errors.New("negative lags or horizon")
	}
	if opt.Horizon == 0 {
		opt.Horizon = 14
	}
	if opt.Replications == 0 {
		opt.Replications = 200
	}
	if opt.Level == 0 {
		opt.Level = 0.95
	}
	if opt.Level <= 0 || opt.Level >= 1 {
		return opt, fmt.Errorf("level %g is not between 0 and 1", opt.Level)
	}
	opt.Rand = orSeed(opt.Rand, streamVAR)
	return opt, nil
}

// varTooShort says the data are too short for q lags.
func varTooShort(n, t, dim, q int) error {
	return fmt.Errorf("%d periods leave %d observations for %d regressors per equation with %d lags: need more periods, fewer lags or fewer dummies", n, t, dim, q)
}

// selectLags fits every order 1…MaxLags on the observations after the
// first MaxLags periods and keeps the one opt.Criterion prefers (the
// smallest order on a tie).
func (res *VARResult) selectLags(d VARData, opt VAROptions) error {
	k, maxLags := res.K, opt.MaxLags
	s, err := newVARSample(d, opt.Deterministic, min(maxLags, res.N))
	if err != nil {
		return err
	}
	t := res.N - maxLags
	if dim := s.nd + maxLags*k; t <= dim {
		return varTooShort(res.N, t, dim, maxLags)
	}
	m := s.moments(d.Values, maxLags)
	yy := m.yy()
	for q := 1; q <= maxLags; q++ {
		dim := s.nd + q*k
		b, _, err := varSolve(m.xx(q), dim, m.xy(q), k)
		if err != nil {
			return fmt.Errorf("%d lags: %w", q, err)
		}
		rss := varRSS(yy, b, m.xy(q), dim, k)
		varScale(1/float64(t), rss)
		ld, err := varLogDet(rss, k)
		if err != nil {
			return fmt.Errorf("%d lags: %w", q, err)
		}
		params := float64(k * dim)
		res.Selection = append(res.Selection, VARLagScore{Lags: q,
			AIC: ld + 2*params/float64(t), BIC: ld + math.Log(float64(t))*params/float64(t)})
	}
	best := func(score func(VARLagScore) float64) int {
		return slices.MinFunc(res.Selection, func(a, b VARLagScore) int {
			if c := varCmp(score(a), score(b)); c != 0 {
				return c
			}
			return a.Lags - b.Lags
		}).Lags
	}
	res.AICLag = best(func(s VARLagScore) float64 { return s.AIC })
	res.BICLag = best(func(s VARLagScore) float64 { return s.BIC })
	res.P = res.BICLag
	if opt.Criterion == AIC {
		res.P = res.AICLag
	}
	return nil
}

// varCmp orders two criteria values.
func varCmp(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// varScale multiplies x by c in place.
func varScale(c float64, x []float64) {
	for i := range x {
		x[i] *= c
	}
}

// varSolve solves the normal equations (X'X)B = X'Y, X'X of side dim
// and X'Y with cols columns, both row-major, by Cholesky.
func varSolve(xx []float64, dim int, xy []float64, cols int) ([]float64, *mat.Cholesky, error) {
	var ch mat.Cholesky
	if !ch.Factorize(mat.NewSymDense(dim, xx)) {
		return nil, nil, errors.New("regressors are collinear: too many lags or dummies for the data, or one series repeats another")
	}
	var b mat.Dense
	if err := ch.SolveTo(&b, mat.NewDense(dim, cols, xy)); err != nil {
		return nil, nil, fmt.Errorf("regressors are nearly collinear (%w)", err)
	}
	return b.RawMatrix().Data, &ch, nil
}

// varRSS returns the residual cross products Y'Y - B'X'Y (K×K).
func varRSS(yy, b, xy []float64, dim, k int) []float64 {
	out := slices.Clone(yy)
	for i := range k {
		for j := range k {
			for r := range dim {
				out[i*k+j] -= b[r*k+i] * xy[r*k+j]
			}
		}
	}
	return out
}

// varLogDet is ln|S| of a K×K covariance.
func varLogDet(s []float64, k int) (float64, error) {
	var ch mat.Cholesky
	if !ch.Factorize(mat.NewSymDense(k, slices.Clone(s))) {
		return 0, errors.New("residual covariance is singular: a series is an exact linear function of the past")
	}
	return ch.LogDet(), nil
}

// varEstimate is a VAR(p) fitted on the observations after the first p
// periods.
type varEstimate struct {
	s      *varSample
	m      *varMoments
	p, dim int
	b      []float64   // dim×K coefficients, row-major: deterministic terms, then lag 1 of every series, lag 2, …
	bt     []float64   // b transposed, K×dim
	coef   []float64   // p×K×K: coef[l][i][j] = b[nd+l*K+j][i]
	inv    []float64   // (X'X)⁻¹, dim×dim
	sigma  []float64   // K×K residual covariance, divided by T-dim
	resid  [][]float64 // K series of T residuals
}

func estimateVAR(d VARData, det VARDeterministic, p int) (*varEstimate, error) {
	k, n := len(d.Values), len(d.Values[0])
	s, err := newVARSample(d, det, min(p, n))
	if err != nil {
		return nil, err
	}
	e := &varEstimate{s: s, p: p, dim: s.nd + p*k}
	if t := n - p; t <= e.dim {
		return nil, varTooShort(n, t, e.dim, p)
	}
	rev := varRev(d.Values)
	e.m = s.moments(d.Values, p)
	b, ch, err := varSolve(e.m.xx(p), e.dim, e.m.xy(p), k)
	if err != nil {
		return nil, err
	}
	e.b, e.bt, e.coef = b, varTranspose(b, e.dim, k), varCoef(b, s.nd, p, k)
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return nil, fmt.Errorf("invert X'X: %w", err)
	}
	e.inv = make([]float64, e.dim*e.dim)
	for r := range e.dim {
		for c := range e.dim {
			e.inv[r*e.dim+c] = inv.At(r, c)
		}
	}
	e.residuals(d.Values, rev)
	if _, err := varLogDet(e.sigma, k); err != nil {
		return nil, err
	}
	return e, nil
}

// varCoef lays the lag coefficients of b out as coef[l][i][j].
func varCoef(b []float64, nd, p, k int) []float64 {
	coef := make([]float64, p*k*k)
	for l := range p {
		for i := range k {
			for j := range k {
				coef[(l*k+i)*k+j] = b[(nd+l*k+j)*k+i]
			}
		}
	}
	return coef
}

// residuals computes u(t) = y(t) - ŷ(t) and their covariance; rev is y
// laid out by varRev.
func (e *varEstimate) residuals(y [][]float64, rev []float64) {
	s, k := e.s, e.s.k
	t := s.n - s.lo
	e.resid = make([][]float64, k)
	for i := range k {
		e.resid[i] = make([]float64, t)
	}
	pred := make([]float64, k)
	for r := s.lo; r < s.n; r++ {
		s.predict(e.bt, e.p, rev, r, pred)
		for i := range k {
			e.resid[i][r-s.lo] = y[i][r] - pred[i]
		}
	}
	e.sigma = make([]float64, k*k)
	df := float64(t - e.dim)
	for i := range k {
		for j := range k {
			var c float64
			for r := range t {
				c += e.resid[i][r] * e.resid[j][r]
			}
			e.sigma[i*k+j] = c / df
		}
	}
}

// describe copies the estimates into the result with their standard
// errors and intervals.
func (res *VARResult) describe(e *varEstimate) {
	k, p, nd := res.K, res.P, e.s.nd
	res.T = e.s.n - e.s.lo
	res.First = res.Start + p*res.Step
	res.Last = res.Start + res.N*res.Step - 1
	res.Deterministic = e.s.names
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(res.T - e.dim)}.Quantile(1 - (1-res.Level)/2)
	se := func(r, i int) float64 { return math.Sqrt(e.sigma[i*k+i] * e.inv[r*e.dim+r]) }
	cube := func() [][][]float64 {
		c := make([][][]float64, p)
		for l := range c {
			c[l] = make([][]float64, k)
			for i := range c[l] {
				c[l][i] = make([]float64, k)
			}
		}
		return c
	}
	res.Coef, res.StdErr, res.Low, res.High = cube(), cube(), cube(), cube()
	for l := range p {
		for i := range k {
			for j := range k {
				r := nd + l*k + j
				b, s := e.b[r*k+i], se(r, i)
				res.Coef[l][i][j], res.StdErr[l][i][j] = b, s
				res.Low[l][i][j], res.High[l][i][j] = b-q*s, b+q*s
			}
		}
	}
	res.DetCoef, res.DetErr, res.Sigma = make([][]float64, k), make([][]float64, k), make([][]float64, k)
	for i := range k {
		res.Sigma[i] = slices.Clone(e.sigma[i*k : (i+1)*k])
		for d := range nd {
			res.DetCoef[i] = append(res.DetCoef[i], e.b[d*k+i])
			res.DetErr[i] = append(res.DetErr[i], se(d, i))
		}
	}
}

// granger tests, for every ordered pair (j, i), that the P lags of j are
// zero in i's equation: F = ((RSSᵣ-RSSᵤ)/P) / (RSSᵤ/(T-m)), the
// restricted regression solved from the same cross products.
func (e *varEstimate) granger(names []string) ([]VARGranger, error) {
	k, p, nd, dim := e.s.k, e.p, e.s.nd, e.dim
	xx, xy, yy := e.m.xx(p), e.m.xy(p), e.m.yy()
	t := e.s.n - e.s.lo
	full := varRSS(yy, e.b, xy, dim, k)
	var out []VARGranger
	for j := range k {
		keep := make([]int, 0, dim-p)
		for c := range dim {
			if c < nd || (c-nd)%k != j {
				keep = append(keep, c)
			}
		}
		sub := make([]float64, len(keep)*len(keep))
		for a, r := range keep {
			for b, c := range keep {
				sub[a*len(keep)+b] = xx[r*dim+c]
			}
		}
		for i := range k {
			if i == j {
				continue
			}
			v := make([]float64, len(keep))
			for a, r := range keep {
				v[a] = xy[r*k+i]
			}
			b, _, err := varSolve(slices.Clone(sub), len(keep), v, 1)
			if err != nil {
				return nil, err
			}
			rss := yy[i*k+i]
			for a := range keep {
				rss -= b[a] * v[a]
			}
			g := VARGranger{Cause: names[j], Effect: names[i], DF1: p, DF2: t - dim}
			rssU := full[i*k+i]
			g.F = max(0, (rss-rssU)/float64(p)) / (rssU / float64(g.DF2))
			g.P = distuv.F{D1: float64(g.DF1), D2: float64(g.DF2)}.Survival(g.F)
			out = append(out, g)
		}
	}
	return out, nil
}

// varMaxModulus is the largest modulus of the eigenvalues of the VAR's
// companion matrix [A₁ … A_p; I 0]: below 1 the VAR is stable and
// shocks die out.
func varMaxModulus(coef []float64, k, p int) (float64, error) {
	n := k * p
	c := mat.NewDense(n, n, nil)
	for l := range p {
		for i := range k {
			for j := range k {
				c.Set(i, l*k+j, coef[(l*k+i)*k+j])
			}
		}
	}
	for r := k; r < n; r++ {
		c.Set(r, r-k, 1)
	}
	var eig mat.Eigen
	if !eig.Factorize(c, mat.EigenNone) {
		return 0, errors.New("eigenvalues of the companion matrix did not converge")
	}
	var top float64
	for _, v := range eig.Values(nil) {
		top = max(top, cmplx.Abs(v))
	}
	return top, nil
}
