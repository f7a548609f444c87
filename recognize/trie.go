package recognize

import "github.com/durandhq/durand"

// trie matches dictionary phrases over folded tokens. Matching walks one
// map per token, so a scan costs O(tokens × longest phrase) lookups and no
// allocation; the dictionaries hold tens of thousands of phrases, where a
// byte-level automaton would cost far more memory for no gain.
type trie struct {
	next map[string]*trie
	// vals are the payload indexes of phrases that end here.
	vals []int32
	// skip is a child that consumes any one token ("opened _ fire").
	skip *trie
}

func newTrie() *trie { return &trie{next: map[string]*trie{}} }

// add inserts the phrase given as folded words; "_" matches any one token.
func (t *trie) add(words []string, val int32) {
	n := t
	for _, w := range words {
		if w == "_" {
			if n.skip == nil {
				n.skip = newTrie()
			}
			n = n.skip
			continue
		}
		c := n.next[w]
		if c == nil {
			c = newTrie()
			n.next[w] = c
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
// toks[i], with its payloads; end is 0 when nothing matches. accept, when
// not nil, filters the payloads of a candidate end.
func (t *trie) longest(toks []durand.Token, i int, accept func(val int32, start, end int) bool) (end int, vals []int32) {
	w := walk{toks: toks, start: i, accept: accept}
	w.visit(t, i)
	return w.end, w.vals
}

// walk is the state of one longest-match search. It is a value on the
// caller's stack, so a search allocates only when a phrase matches.
type walk struct {
	toks   []durand.Token
	start  int
	accept func(val int32, start, end int) bool
	end    int
	vals   []int32
}

func (w *walk) visit(n *trie, j int) {
	if len(n.vals) > 0 && j > w.end {
		if w.accept == nil {
			w.end, w.vals = j, n.vals
		} else {
			var ok []int32
			for _, v := range n.vals {
				if w.accept(v, w.start, j) {
					ok = append(ok, v)
				}
			}
			if len(ok) > 0 {
				w.end, w.vals = j, ok
			}
		}
	}
	if j >= len(w.toks) {
		return
	}
	if c := n.next[w.toks[j].Norm]; c != nil {
		w.visit(c, j+1)
	}
	if n.skip != nil && j > w.start {
		w.visit(n.skip, j+1)
	}
}
