package syntax

// Move feature templates, after Zhang and Nivre (2011) for the arc-hybrid
// system: words and tags of the stack's top three and the buffer's first
// three, the outermost children of s0 and b0 with their labels, distance,
// valency and the sets of labels already attached.
const (
	mS0w = iota + 1
	mS0t
	mS0wt
	mB0w
	mB0t
	mB0wt
	mB1w
	mB1t
	mB1wt
	mB2w
	mB2t
	mB2wt
	mS1w
	mS1t
	mS1wt
	mS2t
	mS0wtB0wt
	mS0wtB0w
	mS0wB0wt
	mS0wtB0t
	mS0tB0wt
	mS0wB0w
	mS0tB0t
	mB0tB1t
	mS1wS0w
	mS1tS0t
	mS1tS0wt
	mS1wtS0t
	mB0tB1tB2t
	mS0tB0tB1t
	mS1tS0tB0t
	mS0tS0LtB0t
	mS0tS0RtB0t
	mS0tB0tB0Lt
	mS1tS1RtS0t
	mS2tS1tS0t
	mS1tS0tS0Rt
	mS1tS0tS0Lt
	mS0wD
	mS0tD
	mB0wD
	mB0tD
	mS0wB0wD
	mS0tB0tD
	mS1tS0tD
	mS0wVr
	mS0tVr
	mS0wVl
	mS0tVl
	mB0wVl
	mB0tVl
	mS0Lw
	mS0Lt
	mS0Ll
	mS0Rw
	mS0Rt
	mS0Rl
	mB0Lw
	mB0Lt
	mB0Ll
	mS0L2w
	mS0L2t
	mS0L2l
	mS0R2w
	mS0R2t
	mS0R2l
	mB0L2w
	mB0L2t
	mB0L2l
	mS0tS0LtS0L2t
	mS0tS0RtS0R2t
	mB0tB0LtB0L2t
	mS0wRset
	mS0tRset
	mS0wLset
	mS0tLset
	mB0wLset
	mB0tLset
	mS1tB0t
	mS1wB0w
	mS1Rl
	mS1tS1Rl
	mS0tNext
	mB0tPrev
)

// word, tag and label of position i, or the none values.
func (c *config) w(i int32) uint64 {
	if i < 0 {
		return noWord
	}
	return c.words[i]
}

func (c *config) t(i int32) uint64 {
	if i < 0 {
		return noTag
	}
	return c.tags[i]
}

func (c *config) l(i int32) uint64 {
	if i < 0 || int(i) >= c.n {
		return noLabel
	}
	return uint64(c.labels[i])
}

func (c *config) s(k int) int32 {
	if k < len(c.stack) {
		return c.stack[len(c.stack)-1-k]
	}
	return -1
}

func (c *config) buf(k int) int32 {
	if i := int(c.b) + k; i <= c.n {
		return int32(i)
	}
	return -1
}

func child(cs []int32, i int32) int32 {
	if i < 0 {
		return -1
	}
	return cs[i]
}

func dist(a, b int32) uint64 {
	d := b - a
	switch {
	case a < 0 || b < 0:
		return 0
	case d < 0:
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	}
	return 7
}

func count(v []uint8, i int32) uint64 {
	if i < 0 {
		return 99
	}
	return uint64(v[i])
}

func set(v []uint64, i int32) uint64 {
	if i < 0 {
		return 1 << 63
	}
	return v[i]
}

// moveFeatures appends the features of the configuration.
func (c *config) moveFeatures(f []uint32) []uint32 {
	s0, s1, s2 := c.s(0), c.s(1), c.s(2)
	b0, b1, b2 := c.buf(0), c.buf(1), c.buf(2)
	s0w, s0t, b0w, b0t := c.w(s0), c.t(s0), c.w(b0), c.t(b0)
	b1w, b1t, b2w, b2t := c.w(b1), c.t(b1), c.w(b2), c.t(b2)
	s1w, s1t, s2t := c.w(s1), c.t(s1), c.t(s2)
	s0L, s0R, b0L := child(c.lc1, s0), child(c.rc1, s0), child(c.lc1, b0)
	s0L2, s0R2, b0L2, s1R := child(c.lc2, s0), child(c.rc2, s0), child(c.lc2, b0), child(c.rc1, s1)
	s0Lt, s0Rt, b0Lt, s1Rt := c.t(s0L), c.t(s0R), c.t(b0L), c.t(s1R)
	d := dist(s0, b0)
	var next, prev uint64 = noTag, noTag
	if s0 >= 0 {
		next = c.t(s0 + 1)
	}
	if b0 > 0 {
		prev = c.t(b0 - 1)
	}
	return append(f,
		k1(mS0w, s0w), k1(mS0t, s0t), k2(mS0wt, s0w, s0t),
		k1(mB0w, b0w), k1(mB0t, b0t), k2(mB0wt, b0w, b0t),
		k1(mB1w, b1w), k1(mB1t, b1t), k2(mB1wt, b1w, b1t),
		k1(mB2w, b2w), k1(mB2t, b2t), k2(mB2wt, b2w, b2t),
		k1(mS1w, s1w), k1(mS1t, s1t), k2(mS1wt, s1w, s1t), k1(mS2t, s2t),
		k4(mS0wtB0wt, s0w, s0t, b0w, b0t), k3(mS0wtB0w, s0w, s0t, b0w), k3(mS0wB0wt, s0w, b0w, b0t),
		k3(mS0wtB0t, s0w, s0t, b0t), k3(mS0tB0wt, s0t, b0w, b0t), k2(mS0wB0w, s0w, b0w), k2(mS0tB0t, s0t, b0t),
		k2(mB0tB1t, b0t, b1t), k2(mS1wS0w, s1w, s0w), k2(mS1tS0t, s1t, s0t), k3(mS1tS0wt, s1t, s0w, s0t),
		k3(mS1wtS0t, s1w, s1t, s0t),
		k3(mB0tB1tB2t, b0t, b1t, b2t), k3(mS0tB0tB1t, s0t, b0t, b1t), k3(mS1tS0tB0t, s1t, s0t, b0t),
		k3(mS0tS0LtB0t, s0t, s0Lt, b0t), k3(mS0tS0RtB0t, s0t, s0Rt, b0t), k3(mS0tB0tB0Lt, s0t, b0t, b0Lt),
		k3(mS1tS1RtS0t, s1t, s1Rt, s0t), k3(mS2tS1tS0t, s2t, s1t, s0t), k3(mS1tS0tS0Rt, s1t, s0t, s0Rt),
		k3(mS1tS0tS0Lt, s1t, s0t, s0Lt),
		k2(mS0wD, s0w, d), k2(mS0tD, s0t, d), k2(mB0wD, b0w, d), k2(mB0tD, b0t, d),
		k3(mS0wB0wD, s0w, b0w, d), k3(mS0tB0tD, s0t, b0t, d), k3(mS1tS0tD, s1t, s0t, dist(s1, s0)),
		k2(mS0wVr, s0w, count(c.nr, s0)), k2(mS0tVr, s0t, count(c.nr, s0)),
		k2(mS0wVl, s0w, count(c.nl, s0)), k2(mS0tVl, s0t, count(c.nl, s0)),
		k2(mB0wVl, b0w, count(c.nl, b0)), k2(mB0tVl, b0t, count(c.nl, b0)),
		k1(mS0Lw, c.w(s0L)), k1(mS0Lt, s0Lt), k1(mS0Ll, c.l(s0L)),
		k1(mS0Rw, c.w(s0R)), k1(mS0Rt, s0Rt), k1(mS0Rl, c.l(s0R)),
		k1(mB0Lw, c.w(b0L)), k1(mB0Lt, b0Lt), k1(mB0Ll, c.l(b0L)),
		k1(mS0L2w, c.w(s0L2)), k1(mS0L2t, c.t(s0L2)), k1(mS0L2l, c.l(s0L2)),
		k1(mS0R2w, c.w(s0R2)), k1(mS0R2t, c.t(s0R2)), k1(mS0R2l, c.l(s0R2)),
		k1(mB0L2w, c.w(b0L2)), k1(mB0L2t, c.t(b0L2)), k1(mB0L2l, c.l(b0L2)),
		k3(mS0tS0LtS0L2t, s0t, s0Lt, c.t(s0L2)), k3(mS0tS0RtS0R2t, s0t, s0Rt, c.t(s0R2)),
		k3(mB0tB0LtB0L2t, b0t, b0Lt, c.t(b0L2)),
		k2(mS0wRset, s0w, set(c.rset, s0)), k2(mS0tRset, s0t, set(c.rset, s0)),
		k2(mS0wLset, s0w, set(c.lset, s0)), k2(mS0tLset, s0t, set(c.lset, s0)),
		k2(mB0wLset, b0w, set(c.lset, b0)), k2(mB0tLset, b0t, set(c.lset, b0)),
		k2(mS1tB0t, s1t, b0t), k2(mS1wB0w, s1w, b0w), k1(mS1Rl, c.l(s1R)), k2(mS1tS1Rl, s1t, c.l(s1R)),
		k3(mS0tNext, s0t, next, b0t), k3(mB0tPrev, s0t, prev, b0t),
	)
}

// Label feature templates: the dependent and head, their words and tags,
// the direction and distance of the arc, the dependent's children (all
// attached by now) and the head's so far, and the words around.
const (
	lDir = iota + 1
	lDt
	lDw
	lHt
	lHw
	lDtHt
	lDwHt
	lDtHw
	lDwHw
	lDtHtD
	lDtSets
	lDtLl
	lDtRl
	lDtLwHt
	lHtSet
	lDtNext
	lDtPrev
	lDwPrevw
	lHtNearDt
	lSufDt
	lFirstDt
	lFlagsDtHt
	lDtRwHt
)

// labelFeatures appends the features of the arc head → dep.
func (c *config) labelFeatures(f []uint32, dep, head int32) []uint32 {
	dir := b2u(dep < head)
	dt, dw, ht, hw := c.tags[dep], c.words[dep], c.tags[head], c.words[head]
	hset, near := c.rset[head], c.rc1[head]
	if dep < head {
		hset, near = c.lset[head], c.lc1[head]
	}
	var next, prev, prevw uint64 = noTag, noTag, noWord
	if int(dep)+1 < c.n {
		next = c.tags[dep+1]
	}
	if dep > 0 {
		prev, prevw = c.tags[dep-1], c.words[dep-1]
	}
	x := &c.lx[dep]
	return append(f,
		k1(lDir, dir), k2(lDt, dt, dir), k2(lDw, dw, dir), k2(lHt, ht, dir), k2(lHw, hw, dir),
		k3(lDtHt, dt, ht, dir), k3(lDwHt, dw, ht, dir), k3(lDtHw, dt, hw, dir), k3(lDwHw, dw, hw, dir),
		k3(lDtHtD, dt, ht, dist(dep, head)<<1|dir),
		k3(lDtSets, dt, c.lset[dep], c.rset[dep]), k2(lDtLl, dt, c.l(c.lc1[dep])), k2(lDtRl, dt, c.l(c.rc1[dep])),
		k3(lDtLwHt, dt, c.w(c.lc1[dep]), ht), k3(lHtSet, ht, hset, dir),
		k2(lDtNext, dt, next), k2(lDtPrev, dt, prev), k2(lDwPrevw, dw, prevw),
		k4(lHtNearDt, ht, c.l(near), dt, dir), k3(lSufDt, x.suf[2], dt, dir), k2(lFirstDt, b2u(dep == 0), dt),
		k4(lFlagsDtHt, x.flags, dt, ht, dir), k3(lDtRwHt, dt, c.w(c.rc1[dep]), ht),
	)
}
