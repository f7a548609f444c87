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
	// Per source j, in the recursion's units: A_j = Σ exp(−β(t−s)) over
	// j's past events, and its first and second derivatives in β,
	// B_j = −Σ (t−s) exp(−β(t−s)) and C_j = Σ (t−s)² exp(−β(t−s)).
	a, b, c []float64
	cnt     []float64 // per source: events so far (for the compensator)
	v       []float64 // scratch: the intensity's gradient at an event
}

func newHawkesTarget(d *hawkesData, i int, link HawkesLink) *hawkesTarget {
	n := d.dim()
	return &hawkesTarget{d: d, i: i, link: link, a: make([]float64, n), b: make([]float64, n),
		c: make([]float64, n), cnt: make([]float64, n), v: make([]float64, n+2)}
}

// eval returns the target's log-likelihood at the block p (μ, α_1…α_D,
// β). When grad is not nil it receives the gradient with respect to p;
// when comp is not nil it receives the compensator Λ_i(t) at each of i's
// events, for the time-rescaling test.
func (h *hawkesTarget) eval(p, grad, comp []float64) float64 {
	if h.link == HawkesSoftplus {
		return h.softplus(p, grad, comp)
	}
	return h.linear(p, grad, nil, comp)
}

// hawkesRebase bounds β(t − r) in the linear recursion, so that the
// growing weights exp(β(s − r)) stay far from overflow.
const hawkesRebase = 50

// linear is the recursion of Ozaki (1979) for exponential kernels, with
// the decay's derivatives carried alongside; hess, when not nil, receives
// the Hessian (row-major, (D+2)²). Rather than decay every source's sums
// at every event (D multiplications per event), they are kept relative to
// a reference time r — the last event of the target — as
// Ã_j = Σ exp(β(s − r)), so an event of another process costs one
// exponential and an addition, and only the target's own events cost D
// (D² for the Hessian). With τ = s − r, B̃_j = Σ τ exp(βτ),
// C̃_j = Σ τ² exp(βτ) and Δ = t − r:
//
//	A_j(t) = e^{−βΔ} Ã_j,  B_j(t) = e^{−βΔ} (B̃_j − Δ Ã_j),  C_j(t) = e^{−βΔ} (C̃_j − 2Δ B̃_j + Δ² Ã_j).
func (h *hawkesTarget) linear(p, grad, hess, comp []float64) float64 {
	d, D := h.d, h.d.dim()
	mu, alpha, beta := p[0], p[1:D+1], p[D+1]
	a, b, c, cnt := h.a, h.b, h.c, h.cnt
	clear(a)
	clear(b)
	clear(c)
	clear(cnt)
	clear(grad)
	clear(hess)
	var ll float64
	r, m := 0.0, 0
	for k, t := range d.t {
		src := int(d.c[k])
		x := beta * (t - r)
		if src == h.i || x > hawkesRebase {
			h.rebase(x, t-r, hess != nil)
			r, x = t, 0
			if src == h.i {
				ll += h.linearEvent(mu, alpha, beta, grad, hess)
				if comp != nil {
					comp[m] = h.linearCompensator(mu, alpha, t)
					m++
				}
			}
		}
		w, tau := 1.0, t-r
		if x != 0 {
			w = math.Exp(x)
		}
		a[src] += w
		b[src] += tau * w
		if hess != nil {
			c[src] += tau * tau * w
		}
		cnt[src]++
	}
	h.rebase(beta*(d.T-r), d.T-r, hess != nil)
	ll -= h.linearCompensator(mu, alpha, d.T)
	if grad != nil {
		grad[0] -= d.T
		for j, al := range alpha {
			grad[1+j] -= cnt[j] - a[j]
			grad[D+1] += al * b[j]
		}
	}
	if hess != nil {
		n := D + 2
		for j, al := range alpha {
			hess[(1+j)*n+D+1] += b[j]
			hess[(D+1)*n+D+1] += al * c[j]
		}
		for k := range n {
			for l := range k {
				hess[k*n+l] = hess[l*n+k]
			}
		}
	}
	return ll
}

// linearEvent adds the log-intensity at one of the target's events, with
// the state rebased to it, and its derivatives: with v = ∂λ/∂p,
// ∂² log λ = ∂²λ/λ − v vᵀ/λ², where ∂²λ is nonzero only in (α_j, β),
// A_j + βB_j, and (β, β), Σ α_j (2B_j + βC_j). The Hessian's upper
// triangle only.
func (h *hawkesTarget) linearEvent(mu float64, alpha []float64, beta float64, grad, hess []float64) float64 {
	D := len(alpha)
	v := h.v
	v[0], v[D+1] = 1, 0
	lam := mu
	for j, al := range alpha {
		v[1+j] = beta * h.a[j]
		lam += al * v[1+j]
		v[D+1] += al * (h.a[j] + beta*h.b[j])
	}
	if grad != nil {
		for k, vk := range v {
			grad[k] += vk / lam
		}
	}
	if hess != nil {
		n, l2 := D+2, lam*lam
		for k, vk := range v {
			row := hess[k*n : (k+1)*n]
			f := vk / l2
			for l := k; l < n; l++ {
				row[l] -= f * v[l]
			}
		}
		var bb float64
		for j, al := range alpha {
			hess[(1+j)*n+D+1] += (h.a[j] + beta*h.b[j]) / lam
			bb += al * (2*h.b[j] + beta*h.c[j])
		}
		hess[(D+1)*n+D+1] += bb / lam
	}
	return math.Log(lam)
}

// rebase moves the reference time forward by dt (x = β·dt), so that the
// state holds A_j, B_j (and C_j if asked) at the new reference.
func (h *hawkesTarget) rebase(x, dt float64, second bool) {
	f := math.Exp(-x)
	for j, aj := range h.a {
		bj := h.b[j]
		if second {
			h.c[j] = f * (h.c[j] - 2*dt*bj + dt*dt*aj)
		}
		h.b[j] = f * (bj - dt*aj)
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
//	∫ σ(x) e^{−βu}   = L/(βC),               L = ∫_{y1}^{C} σ(μ+y) dy
//	∫ σ(x) u e^{−βu} = (J + βδ (softplus(μ) − softplus(μ+y1))) / (β² C)   (by parts)
//
// J, K and L are integrals of smooth functions of y — the difference
// quotients are analytic but for the poles of softplus and σ at
// −μ ± iπ — done by Gauss–Legendre on panels narrow against that
// distance, exact to rounding in practice (TestSoftplusGapAgainstFineGrid).
// (L has the closed form softplus(μ+C) − softplus(μ+y1), but the nodes
// already hold σ, and the closed form costs two more calls.)
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
	var J, K, L float64
	if C > 0 {
		J, K, L = softplusJKL(m, y1, width)
	} else {
		J, K, L = softplusJKL(m, C, -width)
		J, K, L = -J, -K, -L
	}
	d1, _ := m.at(y1) // softplus(μ+y1) − softplus(μ)
	return gapIntegrals{
		lam: m.g*dt + J/beta,
		i0:  m.s*dt + K/beta,
		i1:  L / (beta * C),
		i2:  (J - bd*d1) / (beta * beta * C),
	}
}

// softplusJKL integrates J, K and L (see softplusGap) over [lo, lo+width].
// An n-point rule on a panel of half-width h whose integrand is analytic
// within distance d errs by about (h/2d)^{2n} (Bernstein ellipse of
// parameter 2d/h). With d ≥ π, the node counts below keep that near or
// under 1e-13 of the integrand; most gaps (events are dense) take three.
func softplusJKL(m softplusAtMu, lo, width float64) (J, K, L float64) {
	for width > 0 {
		w := math.Min(width, math.Max(1, math.Abs(m.mu+lo)/3))
		var nodes []glNode
		switch {
		case w <= 0.01:
			nodes = glNodes2
		case w <= 0.25:
			nodes = glNodes3
		case w <= 0.6:
			nodes = glNodes4
		case w <= 1:
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
			L += n.w * half * s
		}
		lo += w
		width -= w
	}
	return J, K, L
}

// at is softplus(μ+y) − softplus(μ), and σ(μ+y), without the cancellation
// of subtracting close values when y is small: with e = e^y − 1,
// (1+e^{μ+y})/(1+e^μ) = 1 + σ(μ)e, and e^{μ+y} = e^μ(1+e). Two
// transcendental calls, where softplus and σ would take three.
func (m softplusAtMu) at(y float64) (dg, s float64) {
	if y > -1 && y < 30 && m.mu < 30 {
		e := math.Expm1(y)
		E := m.e * (1 + e)
		return log1p(m.s * e), E / (1 + E)
	}
	return softplus(m.mu+y) - m.g, sigmoid(m.mu + y)
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
