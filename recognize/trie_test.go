package recognize

import (
	"encoding/json"
	"fmt"
	"os"
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
