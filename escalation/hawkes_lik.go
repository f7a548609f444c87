package escalation

import (
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// HawkesLogLik is the log-likelihood of p for the events times on the
// window [0, T], computed by the O(N·D) recursion.
func HawkesLogLik(p HawkesParams, times [][]float64, T float64) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	d, err := newHawkesData(times, T)
	if err != nil {
		return 0, err
	}
	if d.dim() != p.Dim() {
		return 0, errDims(d.dim(), p.Dim())
	}
	var ll float64
	for i := range d.dim() {
		ll += newHawkesTarget(d, i, p.Link).eval(p.block(i), nil, nil)
	}
	return ll, nil
}

// hawkesTarget evaluates the part of the log-likelihood that belongs to
// one target process i: the log-intensity at i's events minus the
// integral of i's intensity over [0, T]. It depends only on i's block of
// parameters, μ_i, α_i·, β_i, which is why the fit can take the targets
// one at a time.
type hawkesTarget struct {
	d    *hawkesData
	i    int
	link HawkesLink
	a, b []float64 // per source: A_j = Σ exp(−β(t−s)), B_j = ∂A_j/∂β, in the recursion's units
	cnt  []float64 // per source: events so far (for the compensator)
}

func newHawkesTarget(d *hawkesData, i int, link HawkesLink) *hawkesTarget {
	n := d.dim()
	return &hawkesTarget{d: d, i: i, link: link, a: make([]float64, n), b: make([]float64, n), cnt: make([]float64, n)}
}

// eval returns the target's log-likelihood at the block p (μ, α_1…α_D,
// β). When grad is not nil it receives the gradient with respect to p;
// when comp is not nil it receives the compensator Λ_i(t) at each of i's
// events, for the time-rescaling test.
func (h *hawkesTarget) eval(p, grad, comp []float64) float64 {
	if h.link == Softplus {
		return h.softplus(p, grad, comp)
	}
	return h.linear(p, grad, comp)
}

// hawkesRebase bounds β(t − r) in the linear recursion, so that the
// growing weights exp(β(s − r)) stay far from overflow.
const hawkesRebase = 50

// linear is the recursion of Ozaki (1979) for exponential kernels, with
// the decay's derivative carried alongside. Rather than decay every
// source's sum at every event (D multiplications per event), the sums are
// kept relative to a reference time r — the last event of the target —
// as Ã_j = Σ exp(β(s − r)), so an event of another process costs one
// exponential and an addition, and only the target's own events cost D.
// With B̃_j = B_j(r) + Σ (s − r) exp(β(s − r)), at t:
//
//	A_j(t) = exp(−β(t−r)) Ã_j,  B_j(t) = exp(−β(t−r)) (B̃_j − (t−r) Ã_j).
func (h *hawkesTarget) linear(p, grad, comp []float64) float64 {
	d, D := h.d, h.d.dim()
	mu, alpha, beta := p[0], p[1:D+1], p[D+1]
	a, b, cnt := h.a, h.b, h.cnt
	clear(a)
	clear(b)
	clear(cnt)
	if grad != nil {
		clear(grad)
	}
	var ll float64
	r, m := 0.0, 0
	for k, t := range d.t {
		src := int(d.c[k])
		x := beta * (t - r)
		if src == h.i || x > hawkesRebase {
			h.rebase(x, t-r)
			r, x = t, 0
			if src == h.i {
				var s, sb float64
				for j, al := range alpha {
					s += al * a[j]
					sb += al * (a[j] + beta*b[j])
				}
				lam := mu + beta*s
				ll += math.Log(lam)
				if grad != nil {
					grad[0] += 1 / lam
					for j := range alpha {
						grad[1+j] += beta * a[j] / lam
					}
					grad[D+1] += sb / lam
				}
				if comp != nil {
					comp[m] = h.linearCompensator(mu, alpha, t)
					m++
				}
			}
		}
		w := 1.0
		if x != 0 {
			w = math.Exp(x)
		}
		a[src] += w
		b[src] += (t - r) * w
		cnt[src]++
	}
	h.rebase(beta*(d.T-r), d.T-r)
	ll -= h.linearCompensator(mu, alpha, d.T)
	if grad != nil {
		grad[0] -= d.T
		for j, al := range alpha {
			grad[1+j] -= cnt[j] - a[j]
			grad[D+1] += al * b[j]
		}
	}
	return ll
}

// rebase moves the reference time forward by dt (x = β·dt), so that a
// and b hold A_j and B_j at the new reference.
func (h *hawkesTarget) rebase(x, dt float64) {
	f := math.Exp(-x)
	for j, aj := range h.a {
		h.b[j] = f * (h.b[j] - dt*aj)
		h.a[j] = f * aj
	}
}

// linearCompensator is Λ_i(t) = μ t + Σ_j α_j (N_j(t) − A_j(t)): each
// past event of j has added α_j (1 − exp(−β(t − s))) by t. The state must
// be rebased to t.
func (h *hawkesTarget) linearCompensator(mu float64, alpha []float64, t float64) float64 {
	l := mu * t
	for j, al := range alpha {
		l += al * (h.cnt[j] - h.a[j])
	}
	return l
}

// softplus is the nonlinear model's likelihood. Between two events the
// predictor is x(r+u) = μ + C exp(−βu), a single exponential because
// every effect on i decays at β_i, so the compensator is a sum of
// integrals of softplus(μ + C e^{−βu}) over the gaps, each reduced by
// the substitution y = C e^{−βu} to one smooth integral (softplusGap).
// Every event of any process starts a new gap, and the state is decayed
// eagerly: O(N·D) per target.
func (h *hawkesTarget) softplus(p, grad, comp []float64) float64 {
	d, D := h.d, h.d.dim()
	mu, alpha, beta := p[0], p[1:D+1], p[D+1]
	a, b := h.a, h.b
	clear(a)
	clear(b)
	if grad != nil {
		clear(grad)
	}
	gm := softplusAt(mu)
	var ll, big float64 // big: the compensator so far
	var P, Q float64    // Σ α_j A_j and Σ α_j B_j at r
	r, m := 0.0, 0
	for k := 0; k <= len(d.t); k++ {
		t, src := d.T, -1
		if k < len(d.t) {
			t, src = d.t[k], int(d.c[k])
		}
		dt := t - r
		f := math.Exp(-beta * dt)
		g := softplusGap(gm, beta*P, beta, dt, f)
		big += g.lam
		if grad != nil {
			grad[0] -= g.i0
			for j := range alpha {
				grad[1+j] -= beta * a[j] * g.i1
			}
			grad[D+1] -= (P+beta*Q)*g.i1 - beta*P*g.i2
		}
		Q, P = f*(Q-dt*P), f*P
		for j, aj := range a {
			b[j] = f * (b[j] - dt*aj)
			a[j] = f * aj
		}
		r = t
		if src < 0 {
			break
		}
		if src == h.i {
			x := mu + beta*P
			lam := softplus(x)
			ll += math.Log(lam)
			if grad != nil {
				s := sigmoid(x) / lam
				grad[0] += s
				for j := range alpha {
					grad[1+j] += s * beta * a[j]
				}
				grad[D+1] += s * (P + beta*Q)
			}
			if comp != nil {
				comp[m] = big
				m++
			}
		}
		P += alpha[src]
		a[src]++
	}
	return ll - big
}

// softplusAtMu caches what every gap needs of the baseline μ.
type softplusAtMu struct{ mu, g, s, e float64 } // μ, softplus(μ), sigmoid(μ), e^μ

func softplusAt(mu float64) softplusAtMu {
	return softplusAtMu{mu, softplus(mu), sigmoid(mu), math.Exp(mu)}
}

// gapIntegrals are, over a gap of length δ with predictor
// x(u) = μ + C e^{−βu}: lam = ∫ softplus(x), and for the gradient
// i0 = ∫ σ(x), i1 = ∫ σ(x) e^{−βu}, i2 = ∫ σ(x) u e^{−βu} (σ the sigmoid).
type gapIntegrals struct{ lam, i0, i1, i2 float64 }

// softplusGap integrates over one gap; e is e^{−βδ}. With y = C e^{−βu}
// (from C down to y1 = C e^{−βδ}):
//
//	∫ softplus(x) du = softplus(μ) δ + J/β,  J = ∫_{y1}^{C} (softplus(μ+y) − softplus(μ))/y dy
//	∫ σ(x) du        = σ(μ) δ + K/β,         K = ∫_{y1}^{C} (σ(μ+y) − σ(μ))/y dy
//	∫ σ(x) e^{−βu}   = (softplus(μ+C) − softplus(μ+y1)) / (βC)            (exact)
//	∫ σ(x) u e^{−βu} = (J + βδ (softplus(μ) − softplus(μ+y1))) / (β² C)   (by parts)
//
// J and K are integrals of smooth functions of y — the difference
// quotients are analytic but for the poles of softplus at −μ ± iπ —
// done by Gauss–Legendre on panels narrow against that distance: exact to
// rounding (TestSoftplusGapAgainstFineGrid).
func softplusGap(m softplusAtMu, C, beta, dt, e float64) gapIntegrals {
	bd := beta * dt
	if C == 0 {
		return gapIntegrals{
			lam: m.g * dt,
			i0:  m.s * dt,
			i1:  m.s * -math.Expm1(-bd) / beta,
			i2:  m.s * (-math.Expm1(-bd) - bd*e) / (beta * beta),
		}
	}
	y1 := C * e
	// The width C − y1 from its own formula: the difference of the two
	// would lose digits when the gap is short (βδ small), and short gaps
	// are the ones i2's formula amplifies.
	width := -C * math.Expm1(-bd)
	var J, K float64
	if C > 0 {
		J, K = softplusJK(m, y1, width)
	} else {
		J, K = softplusJK(m, C, -width)
		J, K = -J, -K
	}
	d1, s1 := m.at(y1) // softplus(μ+y1) − softplus(μ), σ(μ+y1)
	return gapIntegrals{
		lam: m.g*dt + J/beta,
		i0:  m.s*dt + K/beta,
		i1:  spDiffFrom(s1, m.mu+y1, width) / (beta * C),
		i2:  (J - bd*d1) / (beta * beta * C),
	}
}

// softplusJK integrates J and K (see softplusGap) over [lo, lo+width].
// An n-point rule on a panel of half-width h, analytic within distance d,
// errs by about (h/2d)^{2n}: with d ≥ π, the node counts below keep that
// under 1e-14, and most gaps (events are dense) need two or three nodes.
func softplusJK(m softplusAtMu, lo, width float64) (J, K float64) {
	for width > 0 {
		w := math.Min(width, math.Max(1, math.Abs(m.mu+lo)/3))
		var nodes []glNode
		switch {
		case w <= 1e-3:
			nodes = glNodes2
		case w <= 0.05:
			nodes = glNodes3
		case w <= 0.25:
			nodes = glNodes4
		case w <= 0.5:
			nodes = glNodes6
		default:
			nodes = glNodes8
		}
		half, mid := w/2, lo+w/2
		for _, n := range nodes {
			y := mid + half*n.x
			dg, s := m.at(y)
			J += n.w * half * dg / y
			K += n.w * half * (s - m.s) / y
		}
		lo += w
		width -= w
	}
	return J, K
}

// at is softplus(μ+y) − softplus(μ), and σ(μ+y), without the cancellation
// of subtracting close values when y is small: with e = e^y − 1,
// (1+e^{μ+y})/(1+e^μ) = 1 + σ(μ)e, and e^{μ+y} = e^μ(1+e). Two
// transcendental calls, where softplus and σ would take three.
func (m softplusAtMu) at(y float64) (dg, s float64) {
	if y > -1 && y < 30 && m.mu < 30 {
		e := math.Expm1(y)
		E := m.e * (1 + e)
		return math.Log1p(m.s * e), E / (1 + E)
	}
	return softplus(m.mu+y) - m.g, sigmoid(m.mu + y)
}

// spDiffFrom is softplus(x+dx) − softplus(x), given s = σ(x).
func spDiffFrom(s, x, dx float64) float64 {
	if math.Abs(dx) < 1 {
		return math.Log1p(s * math.Expm1(dx))
	}
	return softplus(x+dx) - softplus(x)
}

type glNode struct{ x, w float64 }

var glNodes2, glNodes3, glNodes4, glNodes6, glNodes8 = legendre(2), legendre(3), legendre(4), legendre(6), legendre(8)

// legendre is the n-point Gauss–Legendre rule on [−1, 1].
func legendre(n int) []glNode {
	x, w := make([]float64, n), make([]float64, n)
	quad.Legendre{}.FixedLocations(x, w, -1, 1)
	out := make([]glNode, n)
	for k := range out {
		out[k] = glNode{x[k], w[k]}
	}
	return out
}
