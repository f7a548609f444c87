package syntax

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// tinyModel trains a model on the test treebank: too small to be good,
// big enough to exercise every part of the file.
func tinyModel(t testing.TB) *Model { return tinyModelOf(t, 5) }

// tinyModelOf trains on the first n sentences of the test treebank.
func tinyModelOf(t testing.TB, n int) *Model {
	t.Helper()
	sents := readFile(t, "testdata/small.conllu", conllu)[:n]
	named := readFile(t, "testdata/small.iob2", iob2)[:min(n, 3)]
	tg := trainTagger(sents, 3, 1, 0)
	tags := jackknife(sents, min(n, 2), 3, 1)
	return &Model{
		tagger: tg,
		parser: trainParser(sents, tags, 3, 1, 0),
		namer:  trainNamer(named, namedTags(named, sents, tags, tg), sents, 3, 1, 0),
	}
}

func modelBytes(t testing.TB, m *Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestModelRoundTrip(t *testing.T) {
	m := tinyModel(t)
	b1 := modelBytes(t, m)
	if b := modelBytes(t, tinyModel(t)); !bytes.Equal(b, b1) {
		t.Error("training twice gave different files")
	}
	m1, err := Load(bytes.NewReader(b1))
	if err != nil {
		t.Fatal(err)
	}
	b2 := modelBytes(t, m1)
	m2, err := Load(bytes.NewReader(b2))
	if err != nil {
		t.Fatal(err)
	}
	sents := readFile(t, "testdata/small.conllu", conllu)
	a1, a2 := m1.Analyzer(), m2.Analyzer()
	var o1, o2 Analysis
	for _, s := range sents {
		forms := formsOf(nil, s)
		a1.Analyze(forms, &o1)
		a2.Analyze(forms, &o2)
		if !slices.Equal(o1.Tags, o2.Tags) || !slices.Equal(o1.Heads, o2.Heads) || !slices.Equal(o1.Rels, o2.Rels) || !slices.Equal(o1.Names, o2.Names) {
			t.Errorf("%s: the reloaded model analyses differently", s.ID)
		}
		checkTree(t, o1.Heads)
	}
	if s := m1.Evaluate(sents); s.UPOS*10 < s.Words*8 {
		t.Errorf("the model tags its own training text %d of %d right", s.UPOS, s.Words)
	}
}

// checkTree fails unless heads make one tree: one root, every head a
// word of the sentence, no cycle.
func checkTree(t testing.TB, heads []int32) {
	t.Helper()
	roots := 0
	for i, h := range heads {
		if h == -1 {
			roots++
			continue
		}
		if h < 0 || int(h) >= len(heads) || int(h) == i {
			t.Fatalf("heads %v: word %d has head %d", heads, i, h)
		}
		k, steps := int32(i), 0
		for k != -1 {
			if k = heads[k]; steps > len(heads) {
				t.Fatalf("heads %v: a cycle through word %d", heads, i)
			}
			steps++
		}
	}
	if roots != 1 && len(heads) > 0 {
		t.Fatalf("heads %v: %d roots", heads, roots)
	}
}

func TestLoadErrors(t *testing.T) {
	good := modelBytes(t, tinyModel(t))
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("durand syntax model\n")},
		{"truncated", good[:len(good)/2]},
		{"other magic", gz(t, []byte("some other model\n\x01"))},
		{"other version", gz(t, []byte(magic+"\x02"))},
		{"trailing data", gz(t, append(gunzip(t, good), 0))},
	} {
		if _, err := Load(bytes.NewReader(tc.in)); !errors.Is(err, ErrModel) {
			t.Errorf("%s: err %v, want ErrModel", tc.name, err)
		}
	}
}

func FuzzLoad(f *testing.F) {
	// A model of one sentence: the fuzzer is slow on large inputs.
	good := gunzip(f, modelBytes(f, tinyModelOf(f, 1)))
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add([]byte(magic + "\x01\x01\x04root"))
	forms := []string{"The", "man", "did", "n't", "see", "Kabul", "."}
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := load(bytes.NewReader(in)) // the gzip layer is the standard library's
		if err != nil {
			return
		}
		var out Analysis
		m.Analyzer().Analyze(forms, &out)
		checkTree(t, out.Heads)
	})
}

// TestLoadMutations loads 5,000 damaged copies of a model (bytes
// changed, dropped, inserted) and analyses a sentence with each that
// loads: no panic, no hang, and every parse a tree. It runs what FuzzLoad
// explores, in every go test.
func TestLoadMutations(t *testing.T) {
	good := gunzip(t, modelBytes(t, tinyModelOf(t, 1)))
	rng := rand.New(rand.NewPCG(1, 1))
	forms := []string{"The", "man", "did", "n't", "see", "Kabul", "."}
	loaded := 0
	for range 5000 {
		in := append([]byte(nil), good...)
		for range 1 + rng.IntN(8) {
			j := rng.IntN(len(in))
			switch rng.IntN(3) {
			case 0:
				in[j] = byte(rng.Uint32())
			case 1:
				in = append(in[:j], in[j+1:]...)
			default:
				in = append(in[:j], append([]byte{byte(rng.Uint32())}, in[j:]...)...)
			}
		}
		m, err := load(bytes.NewReader(in))
		if err != nil {
			continue
		}
		loaded++
		var out Analysis
		m.Analyzer().Analyze(forms, &out)
		checkTree(t, out.Heads)
	}
	if loaded == 0 {
		t.Error("no damaged copy loaded: the test exercises only the errors")
	}
}

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzip(t testing.TB, b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestOracle(t *testing.T) {
	sents := readFile(t, "testdata/small.conllu", conllu)
	for _, s := range sents {
		n := len(s.Words)
		gold := make([]int32, n)
		for i, w := range s.Words {
			gold[i] = int32(w.Head - 1)
			if w.Head == 0 {
				gold[i] = int32(n)
			}
		}
		if !projective(gold) {
			continue
		}
		var c config
		var lx lexer
		var lxs []lexeme
		for _, w := range s.Words {
			lxs = append(lxs, lx.lexeme(w.Form))
		}
		c.reset(lxs, make([]uint8, n))
		var cost [nMoves]int
		for !c.done() {
			c.costs(gold, &cost)
			m := slices.IndexFunc([]int{shift, left, right}, func(m int) bool { return c.valid(m) && cost[m] == 0 })
			if m < 0 {
				t.Fatalf("%s: no move of zero cost; costs %v", s.ID, cost)
			}
			if dep, head := c.apply(m); dep >= 0 {
				c.label(dep, head, 0)
			}
		}
		if !slices.Equal(c.heads, gold) {
			t.Errorf("%s: the oracle's tree %v, want %v", s.ID, c.heads, gold)
		}
	}
}

// projective reports whether no two arcs of heads cross.
func projective(heads []int32) bool {
	for i, h := range heads {
		a, b := min(int32(i), h), max(int32(i), h)
		for j, g := range heads {
			c, d := min(int32(j), g), max(int32(j), g)
			if a < c && c < b && b < d || c < a && a < d && d < b {
				return false
			}
		}
	}
	return true
}
