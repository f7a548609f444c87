package syntax

// Parser is a greedy arc-hybrid dependency parser (Kuhlmann, Gómez-Rodríguez
// and Satta 2011) trained with a dynamic oracle (Goldberg and Nivre 2013):
// one averaged perceptron chooses among shift, left-arc and right-arc,
// another labels each arc as it is made, when the dependent has all its
// children and its relation can be read from them.
type Parser struct {
	moves  *table
	labels *table
	rels   []string
}

// Moves of the transition system. The root is the last word of the
// buffer, so a word is attached to it only by a left-arc with the stack
// otherwise empty, and a sentence gets one root.
const (
	shift = iota
	left
	right
	nMoves
)

// Values that stand for no word, no tag, no label and the root.
const (
	noWord   = 3
	rootWord = 4
	noTag    = 100
	rootTag  = 101
	noLabel  = 200
)

// config is the parser's state on one sentence: the stack, the buffer's
// front (the root is n) and the tree so far.
type config struct {
	n      int
	stack  []int32
	b      int32
	heads  []int32
	labels []uint8
	// the two outermost children on each side, -1 when none
	lc1, lc2, rc1, rc2 []int32
	nl, nr             []uint8  // number of children on each side
	lset, rset         []uint64 // their labels, as bits
	words, tags        []uint64 // per word, the root last
	lx                 []lexeme
}

func (c *config) reset(lx []lexeme, tags []uint8) {
	n := len(lx)
	c.n, c.b, c.stack = n, 0, c.stack[:0]
	c.heads, c.labels = resize(c.heads, n), resize(c.labels, n)
	c.lc1, c.lc2, c.rc1, c.rc2 = resize(c.lc1, n+1), resize(c.lc2, n+1), resize(c.rc1, n+1), resize(c.rc2, n+1)
	c.nl, c.nr, c.lset, c.rset = resize(c.nl, n+1), resize(c.nr, n+1), resize(c.lset, n+1), resize(c.rset, n+1)
	c.words, c.tags = resize(c.words, n+1), resize(c.tags, n+1)
	c.lx = lx
	for i := range n + 1 {
		c.lc1[i], c.lc2[i], c.rc1[i], c.rc2[i] = -1, -1, -1, -1
		c.nl[i], c.nr[i], c.lset[i], c.rset[i] = 0, 0, 0, 0
	}
	for i := range n {
		c.heads[i], c.labels[i] = -1, 0
		c.words[i], c.tags[i] = lx[i].word, uint64(tags[i])
	}
	c.words[n], c.tags[n] = rootWord, rootTag
}

func (c *config) done() bool { return len(c.stack) == 0 && int(c.b) == c.n }

func (c *config) valid(m int) bool {
	switch m {
	case shift:
		return int(c.b) < c.n
	case left:
		return len(c.stack) > 0 && (int(c.b) < c.n || len(c.stack) == 1)
	case right:
		return len(c.stack) > 1
	}
	return false
}

// apply makes move m; for an arc it returns the dependent and head.
func (c *config) apply(m int) (dep, head int32) {
	switch m {
	case shift:
		c.stack = append(c.stack, c.b)
		c.b++
		return -1, -1
	case left:
		dep, head = c.stack[len(c.stack)-1], c.b
	default:
		dep, head = c.stack[len(c.stack)-1], c.stack[len(c.stack)-2]
	}
	c.stack = c.stack[:len(c.stack)-1]
	c.heads[dep] = head
	return dep, head
}

// label records the relation of an arc made by apply.
func (c *config) label(dep, head int32, l uint8) {
	c.labels[dep] = l
	bit := uint64(1) << (l & 63)
	if dep < head {
		c.nl[head]++
		c.lset[head] |= bit
		if c.lc1[head] < 0 || dep < c.lc1[head] {
			c.lc2[head], c.lc1[head] = c.lc1[head], dep
		} else if c.lc2[head] < 0 || dep < c.lc2[head] {
			c.lc2[head] = dep
		}
		return
	}
	c.nr[head]++
	c.rset[head] |= bit
	if c.rc1[head] < 0 || dep > c.rc1[head] {
		c.rc2[head], c.rc1[head] = c.rc1[head], dep
	} else if c.rc2[head] < 0 || dep > c.rc2[head] {
		c.rc2[head] = dep
	}
}

// costs sets cost[m] to the number of gold arcs move m makes unreachable
// (gold[i] is word i's head, n for the root), for the valid moves.
func (c *config) costs(gold []int32, cost *[nMoves]int) {
	n := int32(c.n)
	*cost = [nMoves]int{}
	ns := len(c.stack)
	if c.valid(shift) {
		b := c.b
		for k, s := range c.stack {
			if gold[s] == b || gold[b] == s && k < ns-1 {
				cost[shift]++
			}
		}
	}
	if ns == 0 {
		return
	}
	s0 := c.stack[ns-1]
	deps := 0 // s0's dependents still in the buffer
	for k := c.b; k < n; k++ {
		if gold[k] == s0 {
			deps++
		}
	}
	if c.valid(left) {
		cost[left] = deps
		if h := gold[s0]; h != c.b && (h > c.b || ns > 1 && h == c.stack[ns-2]) {
			cost[left]++
		}
	}
	if c.valid(right) {
		cost[right] = deps
		if gold[s0] >= c.b {
			cost[right]++
		}
	}
}
