package recognize

import "github.com/durandhq/durand"

// trie matches dictionary phrases over tokens. Words are interned: the
// lexicon gives each dictionary word a number (its vocab), a sentence's
// tokens are looked up once, and a token no phrase uses (most of them)
// costs nothing more. A scan costs O(tokens × longest phrase) integer
// lookups and no allocation; the dictionaries hold tens of thousands of
// phrases, where a byte-level automaton would cost far more memory for no
// gain.
//
// The nodes are numbered and held in one array, and the edges below the
// root in one open-addressed table keyed by (node, word): a step down
// costs one probe of one table. (A map per node had cost several cache
// misses a step, and most tokens that start a phrase, "the", "a", "at",
// take one step and fail.)
type trie struct {
	nodes []node // nodes[0] is the root
	// first holds the root's children by word number, 0 for none (the
	// root is no node's child): the root is looked up at every token.
	first []int32
	// starts has bit id set when first[id] is a node: a bit set small
	// enough to stay in the nearest cache, where first is not, so the
	// many tokens that start no phrase are turned away at once.
	starts []uint64
	// whole has bit id set when word id alone, or followed by any
	// token, is a phrase; pairs has a bit set for each pair of words
	// that starts a longer phrase, by a hash of the pair. Most tokens
	// that start a phrase ("the", "a", "at") are followed by no word
	// that continues one, and are turned away here too.
	whole  []uint64
	pairs  []uint64
	edges  []edge // a power of two long, at most half full
	nedges int
}

// pairLog sizes the pair filter: 2^19 bits, 64 KiB, with few false
// positives for the tens of thousands of pairs the dictionaries start.
const pairLog = 19

// pairHash returns the filter bit of the word pair (a, b).
func pairHash(a, b int32) int32 {
	return int32((uint64(uint32(a))<<32 | uint64(uint32(b))) * 0x9E3779B97F4A7C15 >> (64 - pairLog))
}

// setBit sets bit i of *bits, growing it.
func setBit(bits *[]uint64, i int32) {
	for int(i>>6) >= len(*bits) {
		*bits = append(*bits, 0)
	}
	(*bits)[i>>6] |= 1 << (i & 63)
}

func hasBit(bits []uint64, i int32) bool {
	return i >= 0 && int(i>>6) < len(bits) && bits[i>>6]&(1<<(i&63)) != 0
}

// mayStart reports whether a phrase may start at token i, given the
// tokens' word numbers.
func (t *trie) mayStart(ids []int32, i int) bool {
	if t.nodes[0].skip != 0 {
		return true
	}
	id := ids[i]
	if !hasBit(t.starts, id) {
		return false
	}
	if hasBit(t.whole, id) {
		return true
	}
	return i+1 < len(ids) && ids[i+1] >= 0 && hasBit(t.pairs, pairHash(id, ids[i+1]))
}

// node is a trie node.
type node struct {
	// vals are the payload indexes of phrases that end here.
	vals []int32
	// skip is a child that consumes any one token ("opened _ fire"), 0
	// for none.
	skip int32
}

// edge is a slot of the edge table: key packs the parent node and the
// word, and is 0 for an empty slot.
type edge struct {
	key   uint64
	child int32
}

func edgeKey(parent, word int32) uint64 {
	return 1<<63 | uint64(parent)<<32 | uint64(uint32(word))
}

// edgeSlot is where key's probe starts in an edge table of n slots (a
// power of two).
func edgeSlot(key uint64, n int) int {
	return int((key*0x9E3779B97F4A7C15)>>32) & (n - 1)
}

// Word numbers: anyWord is "_" in a phrase, noWord a token that no
// dictionary phrase contains.
const (
	anyWord int32 = -2
	noWord  int32 = -1
)

// vocab numbers the words of the dictionaries' phrases. Every token of
// every sentence is looked up, so the words of up to 15 bytes (nearly all
// tokens) are also kept in an open-addressed table keyed by their bytes
// packed into two integers, which is found without hashing a string.
type vocab struct {
	m map[string]int32
	// slots is the table, a power of two long; an empty slot has a zero
	// key. A word's key and number share a slot, so that a lookup
	// touches one cache line: the table is too large to stay cached
	// while a sentence is read, and a second array had cost a second miss.
	slots []slot
	short int // the words in slots
}

// slot is one entry of the vocabulary's table.
type slot struct {
	k  packed
	id int32
}

// packed is a word of one to 15 bytes: the bytes, little-endian, and the
// length in the top byte of hi, so that it is never zero.
type packed struct{ lo, hi uint64 }

// pack packs w; ok is false for the empty word and words over 15 bytes.
func pack(w string) (k packed, ok bool) {
	if len(w) == 0 || len(w) > 15 {
		return k, false
	}
	k.hi = uint64(len(w)) << 56
	if len(w) <= 8 {
		k.lo = le(w)
	} else {
		k.lo, k.hi = le(w[:8]), k.hi|le(w[8:])
	}
	return k, true
}

// le returns the one to eight bytes of s as a little-endian integer. It
// reads them as two overlapping loads (the compiler merges the byte reads
// of each into one): the overlap holds the same bytes, so or-ing is exact.
func le(s string) uint64 {
	switch n := len(s); {
	case n >= 4:
		_ = s[3]
		lo := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
		t := s[n-4:]
		_ = t[3]
		hi := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24
		return lo | hi<<(8*(n-4))
	case n >= 2:
		return uint64(s[0]) | uint64(s[1])<<8 | (uint64(s[n-2])|uint64(s[n-1])<<8)<<(8*(n-2))
	case n == 1:
		return uint64(s[0])
	}
	return 0
}

// slot is where k's probe starts in a table of n slots (a power of two).
func (k packed) slot(n int) int {
	return int(((k.lo ^ k.hi*0xC2B2AE3D27D4EB4F) * 0x9E3779B97F4A7C15) >> 32 & uint64(n-1))
}

// id returns the number of word w.
func (v *vocab) id(w string) (int32, bool) {
	if k, ok := pack(w); ok {
		n := len(v.slots)
		for h := k.slot(n); n > 0; h = (h + 1) & (n - 1) {
			switch v.slots[h].k {
			case k:
				return v.slots[h].id, true
			case packed{}:
				return noWord, false
			}
		}
		return noWord, false
	}
	id, ok := v.m[w]
	return id, ok
}

// add numbers a new word w.
func (v *vocab) add(w string) int32 {
	if v.m == nil {
		v.m = map[string]int32{}
	}
	id := int32(len(v.m))
	v.m[w] = id
	if k, ok := pack(w); ok {
		if 2*(v.short+1) > len(v.slots) { // at most half full: probes stay short
			old := v.slots
			v.slots = make([]slot, max(1024, 2*len(old)))
			for _, e := range old {
				if e.k != (packed{}) {
					v.put(e.k, e.id)
				}
			}
		}
		v.put(k, id)
		v.short++
	}
	return id
}

func (v *vocab) put(k packed, id int32) {
	n := len(v.slots)
	h := k.slot(n)
	for v.slots[h].k != (packed{}) {
		h = (h + 1) & (n - 1)
	}
	v.slots[h] = slot{k, id}
}

// phrase interns folded words, "_" as anyWord.
func (v *vocab) phrase(words []string) []int32 {
	ids := make([]int32, len(words))
	for i, w := range words {
		if w == "_" {
			ids[i] = anyWord
			continue
		}
		id, ok := v.id(w)
		if !ok {
			id = v.add(w)
		}
		ids[i] = id
	}
	return ids
}

// tokens appends the word number of each token to dst, noWord when no
// phrase has it.
func (v *vocab) tokens(dst []int32, toks []durand.Token) []int32 {
	for i := range toks {
		id, ok := v.id(toks[i].Norm)
		if !ok {
			id = noWord
		}
		dst = append(dst, id)
	}
	return dst
}

// filter accepts or refuses a phrase's payload at a candidate match.
type filter interface {
	accept(val int32, start, end int) bool
}

// newRoot returns an empty trie.
func newRoot() *trie { return &trie{nodes: make([]node, 1)} }

// child returns node n's child for word id, 0 when it has none.
func (t *trie) child(n, id int32) int32 {
	if n == 0 {
		if int(id) < len(t.first) {
			return t.first[id]
		}
		return 0
	}
	mask := len(t.edges) - 1
	if mask < 0 {
		return 0
	}
	k := edgeKey(n, id)
	for h := edgeSlot(k, len(t.edges)); ; h = (h + 1) & mask {
		switch t.edges[h].key {
		case k:
			return t.edges[h].child
		case 0:
			return 0
		}
	}
}

// newChild makes a new node the child of n for word id (anyWord: its skip
// child) and returns it.
func (t *trie) newChild(n, id int32) int32 {
	c := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{})
	switch {
	case id == anyWord:
		t.nodes[n].skip = c
	case n == 0:
		for int(id) >= len(t.first) {
			t.first = append(t.first, 0)
		}
		t.first[id] = c
		setBit(&t.starts, id)
	default:
		if 2*(t.nedges+1) > len(t.edges) {
			old := t.edges
			t.edges = make([]edge, max(1024, 2*len(old)))
			for _, e := range old {
				if e.key != 0 {
					t.putEdge(e)
				}
			}
		}
		t.putEdge(edge{edgeKey(n, id), c})
		t.nedges++
	}
	return c
}

func (t *trie) putEdge(e edge) {
	mask := len(t.edges) - 1
	h := edgeSlot(e.key, len(t.edges))
	for t.edges[h].key != 0 {
		h = (h + 1) & mask
	}
	t.edges[h] = e
}

// add inserts a phrase given as word numbers.
func (t *trie) add(words []int32, val int32) {
	if len(words) > 0 && words[0] != anyWord {
		if len(words) == 1 || words[1] == anyWord {
			setBit(&t.whole, words[0])
		} else {
			setBit(&t.pairs, pairHash(words[0], words[1]))
		}
	}
	n := int32(0)
	for _, w := range words {
		var c int32
		if w == anyWord {
			c = t.nodes[n].skip
		} else {
			c = t.child(n, w)
		}
		if c == 0 {
			c = t.newChild(n, w)
		}
		n = c
	}
	for _, v := range t.nodes[n].vals {
		if v == val {
			return
		}
	}
	t.nodes[n].vals = append(t.nodes[n].vals, val)
}

// longest returns the end (exclusive) of the longest phrase starting at
// token i, given the tokens' word numbers, with its payloads; end is 0
// when nothing matches. accept, when not nil, filters the payloads of a
// candidate end.
func (t *trie) longest(ids []int32, i int, accept filter) (end int, vals []int32) {
	if !t.mayStart(ids, i) {
		return 0, nil // most tokens start no phrase of this trie
	}
	w := walk{t: t, ids: ids, start: i, accept: accept}
	w.visit(0, i)
	return w.end, w.vals
}

// walk is the state of one longest-match search. It is a value on the
// caller's stack, so a search allocates only when a phrase matches.
type walk struct {
	t      *trie
	ids    []int32
	start  int
	accept filter
	end    int
	vals   []int32
}

func (w *walk) visit(n int32, j int) {
	nd := &w.t.nodes[n]
	if len(nd.vals) > 0 && j > w.end {
		if w.accept == nil {
			w.end, w.vals = j, nd.vals
		} else if vals := w.accepted(nd.vals, j); len(vals) > 0 {
			w.end, w.vals = j, vals
		}
	}
	if j >= len(w.ids) {
		return
	}
	if id := w.ids[j]; id != noWord {
		if c := w.t.child(n, id); c != 0 {
			w.visit(c, j+1)
		}
	}
	if nd.skip != 0 && j > w.start {
		w.visit(nd.skip, j+1)
	}
}

// accepted returns the payloads of vals the filter accepts for a match
// ending at j: vals itself when it accepts all (most matches), so that
// only a partly refused match allocates.
func (w *walk) accepted(vals []int32, j int) []int32 {
	all := true
	for _, v := range vals {
		if !w.accept.accept(v, w.start, j) {
			all = false
			break
		}
	}
	if all {
		return vals
	}
	var ok []int32
	for _, v := range vals {
		if w.accept.accept(v, w.start, j) {
			ok = append(ok, v)
		}
	}
	return ok
}
