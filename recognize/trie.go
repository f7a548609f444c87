package recognize

import "github.com/durandhq/durand"

// trie matches dictionary phrases over tokens. Words are interned: the
// lexicon gives each dictionary word a number (its vocab), a sentence's
// tokens are looked up once, and a token no phrase uses (most of them)
// costs nothing more. A scan costs O(tokens × longest phrase) integer
// lookups and no allocation; the dictionaries hold tens of thousands of
// phrases, where a byte-level automaton would cost far more memory for no
// gain.
type trie struct {
	next map[int32]*trie
	// first holds a root's children by word number: the root is looked
	// up at every token, and a slice index is several times cheaper
	// than a map probe. Deeper nodes are reached rarely and keep maps.
	first []*trie
	// vals are the payload indexes of phrases that end here.
	vals []int32
	// skip is a child that consumes any one token ("opened _ fire").
	skip *trie
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

func newTrie() *trie { return &trie{next: map[int32]*trie{}} }

// newRoot returns an empty trie whose children are held by word number.
func newRoot() *trie { return &trie{first: []*trie{}} }

// child returns n's child for word id, nil when it has none.
func (n *trie) child(id int32) *trie {
	if n.first != nil {
		if int(id) < len(n.first) {
			return n.first[id]
		}
		return nil
	}
	return n.next[id]
}

// add inserts a phrase given as word numbers.
func (t *trie) add(words []int32, val int32) {
	n := t
	for _, w := range words {
		if w == anyWord {
			if n.skip == nil {
				n.skip = newTrie()
			}
			n = n.skip
			continue
		}
		c := n.child(w)
		if c == nil {
			c = newTrie()
			if n.first != nil {
				for int(w) >= len(n.first) {
					n.first = append(n.first, nil)
				}
				n.first[w] = c
			} else {
				n.next[w] = c
			}
		}
		n = c
	}
	for _, v := range n.vals {
		if v == val {
			return
		}
	}
	n.vals = append(n.vals, val)
}

// longest returns the end (exclusive) of the longest phrase starting at
// token i, given the tokens' word numbers, with its payloads; end is 0
// when nothing matches. accept, when not nil, filters the payloads of a
// candidate end.
func (t *trie) longest(ids []int32, i int, accept filter) (end int, vals []int32) {
	if t.skip == nil && (ids[i] == noWord || t.child(ids[i]) == nil) {
		return 0, nil // most tokens start no phrase of this trie
	}
	w := walk{ids: ids, start: i, accept: accept}
	w.visit(t, i)
	return w.end, w.vals
}

// walk is the state of one longest-match search. It is a value on the
// caller's stack, so a search allocates only when a phrase matches.
type walk struct {
	ids    []int32
	start  int
	accept filter
	end    int
	vals   []int32
}

func (w *walk) visit(n *trie, j int) {
	if len(n.vals) > 0 && j > w.end {
		if w.accept == nil {
			w.end, w.vals = j, n.vals
		} else if vals := w.accepted(n.vals, j); len(vals) > 0 {
			w.end, w.vals = j, vals
		}
	}
	if j >= len(w.ids) {
		return
	}
	if id := w.ids[j]; id != noWord {
		if c := n.child(id); c != nil {
			w.visit(c, j+1)
		}
	}
	if n.skip != nil && j > w.start {
		w.visit(n.skip, j+1)
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
