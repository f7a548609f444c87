package syntax

// UPOS lists the universal parts of speech in the order of the tagger's
// classes.
var UPOS = []string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

func tagID(s string) int {
	for i, t := range UPOS {
		if t == s {
			return i
		}
	}
	return len(UPOS) - 1 // X
}

// Tagger assigns a universal part of speech to each word: greedy, left to
// right, an averaged perceptron over the word, its affixes and shape, the
// words around it, the classes of parts of speech the words were seen
// with, and the two tags before.
type Tagger struct {
	w *table
	// amb maps a word's key to its ambiguity class: the set of tags it
	// took in training (each at least a twentieth of the time), as bits,
	// and whether it is sure (see sureCount).
	amb map[uint32]uint32
}

// sentinel lexemes stand before the first word and after the last.
var (
	lexStart = lexeme{form: 1, word: 1, shape: 1, pre: [3]uint64{1, 1, 1}, suf: [4]uint64{1, 1, 1, 1}}
	lexEnd   = lexeme{form: 2, word: 2, shape: 2, pre: [3]uint64{2, 2, 2}, suf: [4]uint64{2, 2, 2, 2}}
)

// tokens is a sentence's words as the feature templates see them.
type tokens struct {
	lx   []lexeme
	amb  []uint64
	sure []uint32 // the sure bit and tag, apart from amb: features do not read them
}

func (t *tokens) at(i int) *lexeme {
	switch {
	case i < 0:
		return &lexStart
	case i >= len(t.lx):
		return &lexEnd
	}
	return &t.lx[i]
}

func (t *tokens) ambAt(i int) uint64 {
	switch {
	case i < 0:
		return 1 << 40
	case i >= len(t.amb):
		return 1 << 41
	}
	return t.amb[i]
}

// fill computes the lexemes of forms, and their ambiguity classes.
func (t *tokens) fill(lx *lexer, forms []string, amb map[uint32]uint32) {
	t.lx, t.amb, t.sure = t.lx[:0], t.amb[:0], t.sure[:0]
	for _, f := range forms {
		x := lx.lexeme(f)
		t.lx = append(t.lx, x)
		a := amb[fin(x.word)]
		t.amb = append(t.amb, uint64(a&^sureMask))
		t.sure = append(t.sure, a&sureMask)
	}
}

// Tag feature templates.
const (
	tBias = iota + 1
	tW
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tPre3
	tShape
	tFlags
	tAmb
	tWm1
	tWm2
	tWp1
	tWp2
	tSufm1
	tSufp1
	tShapem1
	tShapep1
	tAmbm1
	tAmbp1
	tAmbp2
	tP1
	tP1P2
	tP1W
	tP1Amb
	tWm1W
	tWWp1
	tAmbAmbp1
	tP1Ambp1
	tFirst
	tP1Suf3
)

// tagFeatures appends the features of word i given the tags p1 and p2 of
// the two words before it (len(UPOS) and len(UPOS)+1 before the sentence).
func tagFeatures(f []uint32, t *tokens, i int, p1, p2 uint64) []uint32 {
	w, wm1, wp1 := t.at(i), t.at(i-1), t.at(i+1)
	a, ap1 := t.ambAt(i), t.ambAt(i+1)
	return append(f,
		k1(tBias, 0), k1(tW, w.word),
		k1(tSuf1, w.suf[0]), k1(tSuf2, w.suf[1]), k1(tSuf3, w.suf[2]), k1(tSuf4, w.suf[3]),
		k1(tPre1, w.pre[0]), k1(tPre2, w.pre[1]), k1(tPre3, w.pre[2]),
		k1(tShape, w.shape), k1(tFlags, w.flags), k1(tAmb, a),
		k1(tWm1, wm1.word), k1(tWm2, t.at(i-2).word), k1(tWp1, wp1.word), k1(tWp2, t.at(i+2).word),
		k1(tSufm1, wm1.suf[2]), k1(tSufp1, wp1.suf[2]), k1(tShapem1, wm1.shape), k1(tShapep1, wp1.shape),
		k1(tAmbm1, t.ambAt(i-1)), k1(tAmbp1, ap1), k1(tAmbp2, t.ambAt(i+2)),
		k1(tP1, p1), k2(tP1P2, p1, p2), k2(tP1W, p1, w.word), k2(tP1Amb, p1, a),
		k2(tWm1W, wm1.word, w.word), k2(tWWp1, w.word, wp1.word), k2(tAmbAmbp1, a, ap1), k2(tP1Ambp1, p1, ap1),
		k2(tFirst, b2u(i == 0), w.shape), k2(tP1Suf3, p1, w.suf[2]),
	)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// tagState is the scratch space of one tagging goroutine.
type tagState struct {
	lexer
	tokens
	feats  []uint32
	scores []float32
}

// tag sets tags[i] to the class of forms[i]; the tokens are filled.
func (tg *Tagger) tag(st *tagState, forms []string, tags []uint8) {
	st.fill(&st.lexer, forms, tg.amb)
	st.scores = resize(st.scores, len(UPOS))
	p1, p2 := uint64(len(UPOS)), uint64(len(UPOS)+1)
	for i := range forms {
		if a := st.sure[i]; a&sure != 0 {
			c := uint8(a >> sureShift & 0x1f)
			tags[i] = c
			p1, p2 = uint64(c), p1
			continue
		}
		st.feats = tagFeatures(st.feats[:0], &st.tokens, i, p1, p2)
		tg.w.score(st.feats, st.scores)
		c := argmax(st.scores, nil)
		tags[i] = uint8(c)
		p1, p2 = uint64(c), p1
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// A word seen sureCount times or more with one tag at least sureShare
// thousandths of the time is sure: the tagger gives it that tag without
// scoring (Honnibal's tag dictionary), a third or so of running text.
// Its ambiguity class says so with the sure bit and the tag above
// sureShift.
const (
	sureCount = 20
	sureShare = 995
	sure      = 1 << 31
	sureShift = 24
	sureMask  = sure | 0x1f<<sureShift
)

// ambiguity computes the ambiguity classes of the words of sents.
func ambiguity(sents []Sentence) map[uint32]uint32 {
	var lx lexer
	counts := make(map[uint32]*[32]int32)
	for _, s := range sents {
		for _, w := range s.Words {
			k := fin(lx.lexeme(w.Form).word)
			c := counts[k]
			if c == nil {
				c = new([32]int32)
				counts[k] = c
			}
			c[tagID(w.UPOS)]++
		}
	}
	amb := make(map[uint32]uint32, len(counts))
	for k, c := range counts {
		var n int32
		for _, x := range c {
			n += x
		}
		var bits uint32
		for t, x := range c {
			if x*20 >= n {
				bits |= 1 << t
			}
		}
		for t, x := range c {
			if n >= sureCount && x*1000 >= n*sureShare {
				bits |= sure | uint32(t)<<sureShift
			}
		}
		if n >= 2 {
			amb[k] = bits
		}
	}
	return amb
}

// trainTagger trains a tagger on sents for the given epochs, visiting the
// sentences in an order fixed by seed.
func trainTagger(sents []Sentence, epochs int, seed uint64, prune float64) *Tagger {
	tg := &Tagger{amb: ambiguity(sents)}
	l := newLearner(len(UPOS))
	var st tagState
	st.scores = make([]float32, len(UPOS))
	var forms []string
	order := shuffled(len(sents), seed)
	for range epochs {
		for _, si := range order.next() {
			s := sents[si]
			forms = formsOf(forms[:0], s)
			st.fill(&st.lexer, forms, tg.amb)
			p1, p2 := uint64(len(UPOS)), uint64(len(UPOS)+1)
			for i, w := range s.Words {
				st.feats = tagFeatures(st.feats[:0], &st.tokens, i, p1, p2)
				l.score(st.feats, st.scores)
				guess, truth := argmax(st.scores, nil), tagID(w.UPOS)
				l.update(st.feats, truth, guess)
				l.tick()
				p1, p2 = uint64(guess), p1
			}
		}
	}
	tg.w = l.average(prune)
	return tg
}

func formsOf(forms []string, s Sentence) []string {
	for _, w := range s.Words {
		forms = append(forms, w.Form)
	}
	return forms
}
