package recognize

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/sentence"
)

// TestVocab numbers words of every length the same way through the packed
// table and the map, across the table's growth.
func TestVocab(t *testing.T) {
	var v vocab
	words := []string{"a", "in", "the", "killed", "militant", "abcdefg", "abcdefgh", "abcdefghijklmno", "abcdefghijklmnop", "Khyber Pakhtunkhwa", "’s", "é"}
	for i := range 3000 { // enough short words to grow the table twice
		words = append(words, fmt.Sprintf("w%d", i))
	}
	ids := map[string]int32{}
	for _, w := range words {
		ids[w] = v.phrase([]string{w})[0]
	}
	for _, w := range words {
		if got, ok := v.id(w); !ok || got != ids[w] {
			t.Errorf("id(%q) = %d, %v; want %d", w, got, ok, ids[w])
		}
	}
	for _, w := range []string{"", "b", "thE", "abcdef", "abcdefgi", "abcdefghijklmnp", "abcdefghijklmnopq", "militants", "w3000"} {
		if got, ok := v.id(w); ok {
			t.Errorf("id(%q) = %d, want none", w, got)
		}
	}
	if len(v.m) != len(words) {
		t.Errorf("%d words numbered, want %d", len(v.m), len(words))
	}
}

// TestPack checks the packed form against a byte-by-byte reference for
// every length.
func TestPack(t *testing.T) {
	const word = "abcdefghijklmnopq"
	for n := 0; n <= len(word); n++ {
		w := word[:n]
		var want packed
		ok := n > 0 && n <= 15
		if ok {
			want.hi = uint64(n) << 56
			for i := 0; i < n; i++ {
				if i < 8 {
					want.lo |= uint64(w[i]) << (8 * i)
				} else {
					want.hi |= uint64(w[i]) << (8 * (i - 8))
				}
			}
		}
		if got, gotOK := pack(w); got != want || gotOK != ok {
			t.Errorf("pack(%q) = %x, %v; want %x, %v", w, got, gotOK, want, ok)
		}
	}
}

// BenchmarkVocab looks up the word number of every token of the benchmark
// corpus, the first thing recognition does with a sentence.
func BenchmarkVocab(b *testing.B) {
	lx, err := Load(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.ReadFile("../testdata/bench/corpus.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var toks []durand.Token
	for _, line := range strings.Split(string(f), "\n") {
		var l struct{ Text string }
		if json.Unmarshal([]byte(line), &l) != nil {
			continue
		}
		for _, s := range sentence.Split(durand.Document{Text: l.Text}) {
			toks = append(toks, s.Tokens...)
		}
	}
	ids := make([]int32, 0, len(toks))
	b.ResetTimer()
	for b.Loop() {
		ids = lx.vocab.tokens(ids[:0], toks)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// refTrie is a plain trie with a map per node, the form the trie had
// before its nodes and edges were packed into arrays: the reference
// TestTrieLongest checks it against.
type refTrie struct {
	next map[int32]*refTrie
	skip *refTrie
	vals []int32
}

func (t *refTrie) add(words []int32, val int32) {
	n := t
	for _, w := range words {
		c := n.skip
		if w != anyWord {
			c = n.next[w]
		}
		if c == nil {
			c = &refTrie{next: map[int32]*refTrie{}}
			if w == anyWord {
				n.skip = c
			} else {
				n.next[w] = c
			}
		}
		n = c
	}
	if !slices.Contains(n.vals, val) {
		n.vals = append(n.vals, val)
	}
}

func (t *refTrie) longest(ids []int32, i int) (end int, vals []int32) {
	var visit func(n *refTrie, j int)
	visit = func(n *refTrie, j int) {
		if len(n.vals) > 0 && j > end {
			end, vals = j, n.vals
		}
		if j == len(ids) {
			return
		}
		if c := n.next[ids[j]]; c != nil && ids[j] != noWord {
			visit(c, j+1)
		}
		if n.skip != nil && j > i {
			visit(n.skip, j+1)
		}
	}
	visit(t, i)
	return end, vals
}

// TestTrieLongest matches random sentences against random phrases (of one
// to four words, some with "_", enough to grow the edge table several
// times) in the trie and in the reference, and wants the same longest
// match at every token.
func TestTrieLongest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const words = 300
	tr, ref := newRoot(), &refTrie{next: map[int32]*refTrie{}}
	for v := range int32(20000) {
		// Mostly longer phrases: a word that is a phrase alone skips the
		// pair filter, and the filter must be tested too.
		n := 2 + rng.IntN(3)
		if v < 30 {
			n = 1
		}
		p := make([]int32, n)
		for k := range p {
			p[k] = int32(rng.IntN(words))
			// "_" in second place makes the first word skip the pair
			// filter too: rare there, as in real dictionaries.
			if k > 1 && rng.IntN(10) == 0 || k == 1 && v%1000 == 0 {
				p[k] = anyWord
			}
		}
		tr.add(p, v%5000) // some phrases share a payload
		ref.add(p, v%5000)
	}
	if len(tr.edges) <= 1024 {
		t.Fatalf("edge table never grew: %d slots", len(tr.edges))
	}
	for range 2000 {
		ids := make([]int32, 1+rng.IntN(12))
		for k := range ids {
			ids[k] = int32(rng.IntN(words+20)) - 1 // noWord and words no phrase has, too
			if ids[k] >= words {
				ids[k] = noWord
			}
		}
		for i := range ids {
			end, vals := tr.longest(ids, i, nil)
			wantEnd, wantVals := ref.longest(ids, i)
			if end != wantEnd || !slices.Equal(vals, wantVals) {
				t.Fatalf("longest(%v, %d) = %d %v, want %d %v", ids, i, end, vals, wantEnd, wantVals)
			}
		}
	}
}
