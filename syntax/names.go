package syntax

// NameTags lists the name tagger's classes, IOB2 over persons, places
// and organisations.
var NameTags = []string{"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"}

func nameID(s string) int {
	for i, t := range NameTags {
		if t == s {
			return i
		}
	}
	return 0
}

// inside reports whether class c may follow class prev: an I- tag only
// continues a name of its type.
func inside(prev, c int) bool {
	return c == 0 || c%2 == 1 || prev == c || prev == c-1
}

// Namer finds names of persons, places and organisations: greedy, left to
// right, an averaged perceptron over the words around, their case,
// shapes and parts of speech, how often each word is written in lower
// case, and the two name tags before.
type Namer struct {
	w *table
	// caps maps a word's key to how it is written in the tagger's
	// training text away from a sentence's start: 1 mostly lower case,
	// 2 either, 3 mostly capitalised.
	caps map[uint32]uint8
}

// Name feature templates.
const (
	nBias = iota + 1
	nW
	nForm
	nShape
	nSuf3
	nSuf4
	nPre3
	nFlagsFirst
	nWm1
	nWp1
	nWm2
	nWp2
	nFormm1
	nFormp1
	nShapes
	nT
	nTm1
	nTp1
	nTm1TTp1
	nP1
	nP1P2
	nP1W
	nP1Shape
	nWWp1
	nWm1W
	nCaps
	nCapsm1
	nCapsp1
	nP1T
	nTp2
	nSufm1
)

// nameFeatures appends the features of word i, given its tags, the caps
// classes and the name tags p1, p2 before it.
func nameFeatures(f []uint32, t *tokens, tags []uint8, caps []uint64, i int, p1, p2 uint64) []uint32 {
	w, wm1, wp1 := t.at(i), t.at(i-1), t.at(i+1)
	tg := func(k int) uint64 {
		if k < 0 || k >= len(tags) {
			return noTag + uint64(b2u(k < 0))
		}
		return uint64(tags[k])
	}
	cp := func(k int) uint64 {
		if k < 0 || k >= len(caps) {
			return 9
		}
		return caps[k]
	}
	ti := tg(i)
	return append(f,
		k1(nBias, 0), k1(nW, w.word), k1(nForm, w.form), k1(nShape, w.shape),
		k1(nSuf3, w.suf[2]), k1(nSuf4, w.suf[3]), k1(nPre3, w.pre[2]), k2(nFlagsFirst, w.flags, b2u(i == 0)),
		k1(nWm1, wm1.word), k1(nWp1, wp1.word), k1(nWm2, t.at(i-2).word), k1(nWp2, t.at(i+2).word),
		k1(nFormm1, wm1.form), k1(nFormp1, wp1.form), k3(nShapes, wm1.shape, w.shape, wp1.shape),
		k1(nT, ti), k1(nTm1, tg(i-1)), k1(nTp1, tg(i+1)), k3(nTm1TTp1, tg(i-1), ti, tg(i+1)),
		k1(nP1, p1), k2(nP1P2, p1, p2), k2(nP1W, p1, w.word), k2(nP1Shape, p1, w.shape),
		k2(nWWp1, w.word, wp1.word), k2(nWm1W, wm1.word, w.word),
		k3(nCaps, cp(i), w.flags&flagUpper, b2u(i == 0)), k2(nCapsm1, cp(i-1), wm1.flags&flagUpper),
		k2(nCapsp1, cp(i+1), wp1.flags&flagUpper), k2(nP1T, p1, ti), k1(nTp2, tg(i+2)), k1(nSufm1, wm1.suf[2]),
	)
}

// nameState is the scratch space of one name-tagging goroutine.
type nameState struct {
	feats  []uint32
	scores []float32
	caps   []uint64
}

func (nm *Namer) capsOf(st *nameState, t *tokens) {
	st.caps = st.caps[:0]
	for i := range t.lx {
		st.caps = append(st.caps, uint64(nm.caps[fin(t.lx[i].word)]))
	}
}

// name sets names[i] to the class of word i of t, whose tags are given.
func (nm *Namer) name(st *nameState, t *tokens, tags []uint8, names []uint8) {
	nm.capsOf(st, t)
	st.scores = resize(st.scores, len(NameTags))
	prev, p2 := len(NameTags), uint64(len(NameTags)+1)
	for i := range t.lx {
		st.feats = nameFeatures(st.feats[:0], t, tags, st.caps, i, uint64(prev), p2)
		nm.w.score(st.feats, st.scores)
		c := argmax(st.scores, func(c int) bool { return inside(prev, c) })
		names[i] = uint8(c)
		prev, p2 = c, uint64(prev)
	}
}

// capitals computes the caps classes from the words of sents.
func capitals(sents []Sentence) map[uint32]uint8 {
	var lx lexer
	type n struct{ lower, upper int32 }
	counts := make(map[uint32]*n)
	for _, s := range sents {
		for i, w := range s.Words {
			if i == 0 {
				continue
			}
			x := lx.lexeme(w.Form)
			k := fin(x.word)
			c := counts[k]
			if c == nil {
				c = new(n)
				counts[k] = c
			}
			if x.flags&flagUpper != 0 {
				c.upper++
			} else {
				c.lower++
			}
		}
	}
	caps := make(map[uint32]uint8, len(counts))
	for k, c := range counts {
		switch {
		case c.upper*10 <= c.lower:
			caps[k] = 1
		case c.lower*10 <= c.upper:
			caps[k] = 3
		default:
			caps[k] = 2
		}
	}
	return caps
}

// trainNamer trains on the named sentences sents, whose tags are given
// (predicted), with caps classes from text.
func trainNamer(sents []Sentence, tags [][]uint8, text []Sentence, epochs int, seed uint64, prune float64) *Namer {
	nm := &Namer{caps: capitals(text)}
	l := newLearner(len(NameTags))
	var st nameState
	var t tokens
	var lx lexer
	var forms []string
	order := shuffled(len(sents), seed)
	for range epochs {
		for _, si := range order.next() {
			s := sents[si]
			forms = formsOf(forms[:0], s)
			t.fill(&lx, forms, nil)
			nm.capsOf(&st, &t)
			st.scores = resize(st.scores, len(NameTags))
			prev, p2 := len(NameTags), uint64(len(NameTags)+1)
			for i, w := range s.Words {
				st.feats = nameFeatures(st.feats[:0], &t, tags[si], st.caps, i, uint64(prev), p2)
				l.score(st.feats, st.scores)
				guess := argmax(st.scores, func(c int) bool { return inside(prev, c) })
				truth := nameID(w.Name)
				if !inside(prev, truth) {
					// The name's start was missed: the best move now is
					// to start it, not a continuation the constraint forbids
					// (learning that would only push the other classes down).
					truth--
				}
				l.update(st.feats, truth, guess)
				l.tick()
				prev, p2 = guess, uint64(prev)
			}
		}
	}
	nm.w = l.average(prune)
	return nm
}
