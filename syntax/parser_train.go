package syntax

import (
	"math/rand/v2"
	"sort"
)

// parseState is the scratch space of one parsing goroutine.
type parseState struct {
	config
	feats  []uint32
	scores []float32
}

// rootRel is the relation of the word attached to the root.
const rootRel = "root"

// parse fills heads (-1 for the root) and labels of the words whose
// lexemes and tags are given.
func (p *Parser) parse(st *parseState, lx []lexeme, tags []uint8, heads []int32, labels []uint8) {
	c := &st.config
	c.reset(lx, tags)
	root := p.rel(rootRel)
	for !c.done() {
		m := c.only()
		if m < 0 {
			st.scores = resize(st.scores, nMoves)
			st.feats = c.moveFeatures(st.feats[:0])
			p.moves.score(st.feats, st.scores)
			m = argmax(st.scores, c.valid)
		}
		dep, head := c.apply(m)
		if dep >= 0 {
			c.label(dep, head, p.labelArc(st, dep, head, root))
		}
	}
	for i := range c.n {
		heads[i], labels[i] = c.heads[i], c.labels[i]
		if int(heads[i]) == c.n {
			heads[i] = -1
		}
	}
}

// only returns the one valid move, or -1 when there is a choice: with
// the stack empty the parser can only shift, and at the root with one
// word left only attach it. Training never updates on such a step (the
// guess cannot be wrong), so skipping the scoring changes no parse.
func (c *config) only() int {
	m := -1
	for k := range nMoves {
		if c.valid(k) {
			if m >= 0 {
				return -1
			}
			m = k
		}
	}
	return m
}

// labelArc chooses the relation of head → dep: root for the root's
// dependent, and only for it.
func (p *Parser) labelArc(st *parseState, dep, head int32, root int) uint8 {
	if int(head) == st.n {
		return uint8(root)
	}
	st.scores = resize(st.scores, len(p.rels))
	st.feats = st.labelFeatures(st.feats[:0], dep, head)
	p.labels.score(st.feats, st.scores)
	return uint8(argmax(st.scores, func(l int) bool { return l != root }))
}

func (p *Parser) rel(s string) int {
	i := sort.SearchStrings(p.rels, s)
	if i < len(p.rels) && p.rels[i] == s {
		return i
	}
	return -1
}

// relations lists the relations of sents, sorted, root among them.
func relations(sents []Sentence) []string {
	seen := map[string]bool{rootRel: true}
	for _, s := range sents {
		for _, w := range s.Words {
			seen[w.Deprel] = true
		}
	}
	var rels []string
	for r := range seen {
		rels = append(rels, r)
	}
	sort.Strings(rels)
	return rels
}

// trainParser trains on sents with the given tags (predicted, so that
// training sees the tagger's errors). After the first epoch it follows
// its own moves nine times in ten, learning to recover from its mistakes.
func trainParser(sents []Sentence, tags [][]uint8, epochs int, seed uint64, prune float64) *Parser {
	p := &Parser{rels: relations(sents)}
	if len(p.rels) > 256 {
		p.rels = p.rels[:256]
	}
	root := p.rel(rootRel)
	moves, labels := newLearner(nMoves), newLearner(len(p.rels))
	var st parseState
	var lx lexer
	var lxs []lexeme
	var gold []int32
	var rels []int
	rng := rand.New(rand.NewPCG(seed, 0xa11ce))
	order := shuffled(len(sents), seed)
	for epoch := range epochs {
		for _, si := range order.next() {
			s := sents[si]
			lxs, gold, rels = lxs[:0], gold[:0], rels[:0]
			for _, w := range s.Words {
				lxs = append(lxs, lx.lexeme(w.Form))
				h := int32(w.Head - 1)
				if w.Head == 0 {
					h = int32(len(s.Words))
				}
				gold = append(gold, h)
				rels = append(rels, p.rel(w.Deprel))
			}
			c := &st.config
			c.reset(lxs, tags[si])
			var cost [nMoves]int
			for !c.done() {
				st.scores = resize(st.scores, nMoves)
				st.feats = c.moveFeatures(st.feats[:0])
				moves.score(st.feats, st.scores)
				c.costs(gold, &cost)
				guess := argmax(st.scores, c.valid)
				best := minCost(c, &cost)
				truth := argmax(st.scores, func(m int) bool { return c.valid(m) && cost[m] == best })
				if cost[guess] > best {
					moves.update(st.feats, truth, guess)
				}
				moves.tick()
				m := truth
				if epoch > 0 && rng.Float64() < 0.9 {
					m = guess
				}
				dep, head := c.apply(m)
				if dep < 0 {
					continue
				}
				if head != gold[dep] || int(head) == c.n {
					l := root
					if int(head) != c.n {
						l = trainLabelGuess(p, labels, &st, dep, head, root)
					}
					c.label(dep, head, uint8(l))
					continue
				}
				st.scores = resize(st.scores, len(p.rels))
				st.feats = c.labelFeatures(st.feats[:0], dep, head)
				labels.score(st.feats, st.scores)
				g := argmax(st.scores, func(l int) bool { return l != root })
				labels.update(st.feats, rels[dep], g)
				labels.tick()
				c.label(dep, head, uint8(rels[dep]))
			}
		}
	}
	p.moves, p.labels = moves.average(prune), labels.average(prune)
	return p
}

// trainLabelGuess labels an arc the oracle would not have made, with the
// weights learnt so far, so later features see a plausible label.
func trainLabelGuess(p *Parser, labels *learner, st *parseState, dep, head int32, root int) int {
	st.scores = resize(st.scores, len(p.rels))
	st.feats = st.labelFeatures(st.feats[:0], dep, head)
	labels.score(st.feats, st.scores)
	return argmax(st.scores, func(l int) bool { return l != root })
}

func minCost(c *config, cost *[nMoves]int) int {
	best := -1
	for m := range nMoves {
		if c.valid(m) && (best < 0 || cost[m] < best) {
			best = cost[m]
		}
	}
	return best
}
