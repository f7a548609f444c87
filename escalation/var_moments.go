package escalation

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"gonum.org/v1/gonum/floats"
)

// varSample is the estimation sample of a VAR: the observations t in
// [lo, n) of K series, with the deterministic regressors of every
// observation laid out once, so that the fits on bootstrap series reuse
// them. They are kept twice: as sparse rows (the constant, the trend,
// one dummy per family: a daily design with year dummies has ~30
// columns but 3 nonzeros a row) for predictions, and as columns whose
// products with the series prefix sums give (see detMoments).
type varSample struct {
	k, n, lo int
	nd       int      // deterministic regressors
	names    []string // their names, in column order
	det      []varDetCol
	dd       []float64 // ΣD'D, nd×nd: it does not depend on the series
	slots    int
	cols     []int // (t-lo)*slots+s: column of the row's s-th entry, -1 when none
	vals     []float64
}

// varDetCol describes a deterministic column by what makes its sums
// with a lagged series cheap.
type varDetCol struct {
	weekly  bool // 1 on the periods t ≡ residue (mod 7): a weekday of a daily series
	residue int
	trend   float64  // > 0: the column is trend·t
	runs    [][2]int // otherwise 1 on the periods [u, v) of each run, 0 elsewhere
}

// varDummy is a family of calendar dummies: a category per period,
// one column per category present in the sample but the first (the
// base, absorbed by the constant).
type varDummy struct {
	prefix string
	cat    func(time.Time) int
	label  func(int) string
	weekly bool
}

var (
	varDayOfWeek = varDummy{"dow", func(t time.Time) int { return (int(t.Weekday()) + 6) % 7 }, // Monday first
		func(c int) string { return time.Weekday((c + 1) % 7).String()[:3] }, true}
	varMonth = varDummy{"month", func(t time.Time) int { return int(t.Month()) },
		func(c int) string { return time.Month(c).String()[:3] }, false}
	varYear = varDummy{"year", func(t time.Time) int { return t.Year() },
		func(c int) string { return fmt.Sprint(c) }, false}
)

// newVARSample lays out the deterministic regressors of observations
// [lo, len(d.Values[0])). It refuses a series that is constant over the
// sample (a side with no events at all is the usual case): its equation
// would be collinear with the constant and say nothing.
func newVARSample(d VARData, det VARDeterministic, lo int) (*varSample, error) {
	n := len(d.Values[0])
	s := &varSample{k: len(d.Values), n: n, lo: lo}
	for i, y := range d.Values {
		if lo < n && slices.Min(y[lo:]) == slices.Max(y[lo:]) {
			return nil, fmt.Errorf("series %q is %g in every period of the sample: nothing to estimate (no events selected?)", d.Names[i], y[lo])
		}
	}
	var dummies []varDummy
	if det.DayOfWeek {
		dummies = append(dummies, varDayOfWeek)
	}
	if det.Month {
		dummies = append(dummies, varMonth)
	}
	if det.Year {
		dummies = append(dummies, varYear)
	}
	s.slots = len(dummies)
	if !det.NoConstant {
		s.names = append(s.names, "const")
		s.det = append(s.det, varDetCol{})
		s.slots++
	}
	if det.Trend {
		// Years since the first period, so that the trend's column is on
		// the scale of the others and X'X stays well conditioned.
		s.names = append(s.names, "trend/year")
		s.det = append(s.det, varDetCol{trend: float64(d.Step) / 365.25})
		s.slots++
	}
	columns := make([]map[int]int, len(dummies)) // category → column, base absent
	for f, dm := range dummies {
		present := map[int]int{} // category → first period
		for t := n - 1; t >= lo; t-- {
			present[dm.cat(DateOf(d.Start+t*d.Step))] = t
		}
		cats := slices.Sorted(maps.Keys(present))
		columns[f] = map[int]int{}
		for _, c := range cats[1:] {
			columns[f][c] = len(s.names)
			s.names = append(s.names, dm.prefix+"="+dm.label(c))
			s.det = append(s.det, varDetCol{weekly: dm.weekly, residue: present[c] % 7})
		}
	}
	s.nd = len(s.names)
	s.fill(d, det, dummies, columns)
	return s, nil
}

// fill writes the sparse deterministic rows, then the runs of the
// columns that are 1 or 0 and ΣD'D from them.
func (s *varSample) fill(d VARData, det VARDeterministic, dummies []varDummy, columns []map[int]int) {
	rows := s.n - s.lo
	s.cols = make([]int, rows*s.slots)
	s.vals = make([]float64, rows*s.slots)
	s.dd = make([]float64, s.nd*s.nd)
	for t := s.lo; t < s.n; t++ {
		r := (t - s.lo) * s.slots
		col, val := s.cols[r:r+s.slots], s.vals[r:r+s.slots]
		slot := 0
		if !det.NoConstant {
			col[slot], val[slot] = 0, 1
			slot++
		}
		if det.Trend {
			col[slot], val[slot] = slot, s.det[slot].trend*float64(t)
			slot++
		}
		for f, dm := range dummies {
			c, ok := columns[f][dm.cat(DateOf(d.Start+t*d.Step))]
			if !ok {
				c = -1
			}
			col[slot], val[slot] = c, 1
			slot++
		}
		for e, c := range col {
			if c < 0 {
				continue
			}
			for f, c2 := range col {
				if c2 >= 0 {
					s.dd[c*s.nd+c2] += val[e] * val[f]
				}
			}
			if dc := &s.det[c]; dc.trend == 0 && !dc.weekly {
				if last := len(dc.runs) - 1; last >= 0 && dc.runs[last][1] == t {
					dc.runs[last][1] = t + 1
				} else {
					dc.runs = append(dc.runs, [2]int{t, t + 1})
				}
			}
		}
	}
}

// varRev lays K series out interleaved and in reverse time,
// rev[(n-1-t)*K+i] = y_i(t), so that Z(t) = (y(t), y(t-1), …, y(t-p))
// is the contiguous slice rev[(n-1-t)*K : (n-t+p)*K]: a row of the
// design without copying.
func varRev(y [][]float64) []float64 {
	k, n := len(y), len(y[0])
	rev := make([]float64, n*k)
	for i, yi := range y {
		for t, v := range yi {
			rev[(n-1-t)*k+i] = v
		}
	}
	return rev
}

// varMoments are the cross products over a sample of a VAR(p)'s
// deterministic regressors D(t) and Z(t) = (y(t), y(t-1), …, y(t-p)),
// the responses followed by their lags: zz = ΣZ'Z, dz = ΣD'Z, dd = ΣD'D
// (row-major). Every VAR(q) with q ≤ p on the same sample reads its
// X'X, X'Y and Y'Y from them.
type varMoments struct {
	p, k, nd, t int
	zz, dz, dd  []float64
}

// moments computes the cross products of series y (the sample's or a
// bootstrap copy) with p lags. The
// lagged block does not multiply the T×(p+1)K design out: Σ_t
// y_i(t-a) y_j(t-b) over the sample equals the same sum for (a-1, b-1)
// plus the one term entering at the start and less the one leaving at
// the end, so only the (p+1)K² sums with a = 0 need a pass over the
// data. It needs s.lo ≥ p.
func (s *varSample) moments(y [][]float64, p int) *varMoments {
	k, lo, n := s.k, s.lo, s.n
	w := (p + 1) * k
	m := &varMoments{p: p, k: k, nd: s.nd, t: n - lo, zz: make([]float64, w*w)}
	zz := m.zz
	for b := 0; b <= p; b++ {
		for i := range k {
			for j := range k {
				v := floats.Dot(y[i][lo:n], y[j][lo-b:n-b])
				zz[i*w+b*k+j] = v
				zz[(b*k+j)*w+i] = v
			}
		}
	}
	for a := 1; a <= p; a++ {
		for b := 1; b <= p; b++ {
			for i := range k {
				for j := range k {
					zz[(a*k+i)*w+b*k+j] = zz[((a-1)*k+i)*w+(b-1)*k+j] +
						y[i][lo-a]*y[j][lo-b] - y[i][n-a]*y[j][n-b]
				}
			}
		}
	}
	s.detMoments(m, y)
	return m
}

// detMoments computes ΣD'Z column by column from prefix sums of each
// series, never row by row: for a column that is 1 on runs of periods
// (the constant, a month, a year), Σ_t d(t) y(t-a) is a difference of
// prefix sums per run; for a weekday, of prefix sums along the chain
// of every seventh day; for the trend, of prefix sums of s·y(s). The
// cost is a pass over each series, whatever the number of dummies.
func (s *varSample) detMoments(m *varMoments, y [][]float64) {
	k, lo, n, p := s.k, s.lo, s.n, m.p
	w := (p + 1) * k
	m.dz, m.dd = make([]float64, s.nd*w), s.dd
	var trend, weekly bool
	for _, col := range s.det {
		trend, weekly = trend || col.trend > 0, weekly || col.weekly
	}
	prefix, weighted, chain := make([]float64, n+1), make([]float64, n+1), make([]float64, n)
	for i := range k {
		for t, v := range y[i] {
			prefix[t+1] = prefix[t] + v
		}
		if trend {
			for t, v := range y[i] {
				weighted[t+1] = weighted[t] + float64(t)*v
			}
		}
		if weekly {
			for t, v := range y[i] {
				chain[t] = v
				if t >= 7 {
					chain[t] += chain[t-7]
				}
			}
		}
		// below is Σ_{u<x, u≡r (mod 7)} y(u).
		below := func(x, r int) float64 {
			u := x - 1 - ((x-1-r)%7+7)%7
			if u < 0 {
				return 0
			}
			return chain[u]
		}
		for c, col := range s.det {
			for a := 0; a <= p; a++ {
				var v float64
				switch {
				case col.trend > 0: // Σ_t t·y(t-a) = Σ_u (u+a)·y(u)
					v = col.trend * (weighted[n-a] - weighted[lo-a] + float64(a)*(prefix[n-a]-prefix[lo-a]))
				case col.weekly:
					r := ((col.residue-a)%7 + 7) % 7
					v = below(n-a, r) - below(lo-a, r)
				default:
					for _, run := range col.runs {
						v += prefix[run[1]-a] - prefix[run[0]-a]
					}
				}
				m.dz[c*w+a*k+i] = v
			}
		}
	}
}

// xx returns X'X of the VAR(q) (q ≤ m.p) as a row-major square of side
// nd+qK, columns ordered deterministic terms, lag 1 of every series,
// lag 2, …
func (m *varMoments) xx(q int) []float64 {
	nd, k := m.nd, m.k
	w := (m.p + 1) * k
	dim := nd + q*k
	out := make([]float64, dim*dim)
	for r := range dim {
		for c := range dim {
			switch {
			case r < nd && c < nd:
				out[r*dim+c] = m.dd[r*nd+c]
			case r < nd:
				out[r*dim+c] = m.dz[r*w+k+c-nd]
			case c < nd:
				out[r*dim+c] = m.dz[c*w+k+r-nd]
			default:
				out[r*dim+c] = m.zz[(k+r-nd)*w+k+c-nd]
			}
		}
	}
	return out
}

// xy returns X'Y of the VAR(q): (nd+qK)×K, row-major.
func (m *varMoments) xy(q int) []float64 {
	nd, k := m.nd, m.k
	w := (m.p + 1) * k
	dim := nd + q*k
	out := make([]float64, dim*k)
	for r := range dim {
		for i := range k {
			if r < nd {
				out[r*k+i] = m.dz[r*w+i]
			} else {
				out[r*k+i] = m.zz[(k+r-nd)*w+i]
			}
		}
	}
	return out
}

// yy returns Y'Y: K×K, row-major.
func (m *varMoments) yy() []float64 {
	k, w := m.k, (m.p+1)*m.k
	out := make([]float64, k*k)
	for i := range k {
		copy(out[i*k:(i+1)*k], m.zz[i*w:i*w+k])
	}
	return out
}

// varTranspose turns the dim×K coefficients b (a column per equation)
// into K rows of dim, so that an equation's lag coefficients line up
// with the lags of Z(t) in varRev's layout.
func varTranspose(b []float64, dim, k int) []float64 {
	bt := make([]float64, k*dim)
	for r := range dim {
		for i := range k {
			bt[i*dim+r] = b[r*k+i]
		}
	}
	return bt
}

// predict writes into out the VAR's prediction of y(t) from the
// deterministic terms of observation t and the p values before it, in
// rev (varRev's layout; only periods before t are read); bt is the
// coefficients by varTranspose. Residuals and the bootstrap's simulated
// series both come from it, so they cannot disagree on the layout.
func (s *varSample) predict(bt []float64, p int, rev []float64, t int, out []float64) {
	k, nd := s.k, s.nd
	dim := nd + p*k
	lags := rev[(s.n-t)*k : (s.n-t+p)*k]
	r := (t - s.lo) * s.slots
	for i := range k {
		eq := bt[i*dim : (i+1)*dim]
		v := floats.Dot(eq[nd:], lags)
		for e, c := range s.cols[r : r+s.slots] {
			if c >= 0 {
				v += s.vals[r+e] * eq[c]
			}
		}
		out[i] = v
	}
}
