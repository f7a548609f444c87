package syntax

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// udDir holds the shared treebanks; tests that need them skip without.
const udDir = "../../shared/data/ud"

func treebank(t testing.TB, path string, read func(f *os.File) ([]Sentence, error)) []Sentence {
	t.Helper()
	p := filepath.Join(udDir, path)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no treebank: %v", err)
	}
	return readFile(t, p, read)
}

func defaultModel(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDefaultAccuracy holds the embedded model to floors just below the
// scores docs/accuracy.md reports on EWT's test file.
func TestDefaultAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("scores a whole treebank")
	}
	m := defaultModel(t)
	s := m.Evaluate(treebank(t, "ewt/en_ewt-ud-test.conllu", conllu))
	n := m.EvaluateNames(treebank(t, "uner/en_ewt-ud-test.iob2", iob2))
	for _, c := range []struct {
		name  string
		got   float64
		floor float64
	}{
		{"UPOS", pct(s.UPOS, s.Words), floorUPOS},
		{"UAS", pct(s.UAS, s.Words), floorUAS},
		{"LAS", pct(s.LAS, s.Words), floorLAS},
		{"names F1", 100 * n.F1(), floorNames},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.2f, below its floor %.2f", c.name, c.got, c.floor)
		}
	}
	t.Logf("UPOS %.2f UAS %.2f LAS %.2f; names P %.3f R %.3f F1 %.3f", pct(s.UPOS, s.Words), pct(s.UAS, s.Words), pct(s.LAS, s.Words), n.Precision(), n.Recall(), n.F1())
}

func pct(a, b int) float64 { return 100 * ratio(a, b) }

// TestDefaultTrees checks that every parse of EWT's development file is a
// tree with one root.
func TestDefaultTrees(t *testing.T) {
	m := defaultModel(t)
	a := m.Analyzer()
	var out Analysis
	for _, s := range treebank(t, "ewt/en_ewt-ud-dev.conllu", conllu) {
		a.Analyze(formsOf(nil, s), &out)
		checkTree(t, out.Heads)
	}
}

// BenchmarkParse tags and parses EWT's development file with the embedded
// model, one sentence after another on one goroutine, and reports tokens
// per second of wall time and of the process's CPU time (the measure that
// holds on a shared machine).
func BenchmarkParse(b *testing.B) {
	m := defaultModel(b)
	sents := treebank(b, "ewt/en_ewt-ud-dev.conllu", conllu)
	forms := make([][]string, len(sents))
	words := 0
	for i, s := range sents {
		forms[i] = formsOf(nil, s)
		words += len(forms[i])
	}
	a := m.Analyzer()
	var out Analysis
	b.ReportAllocs()
	cpu0, t0, n := cpuTime(), time.Now(), 0
	for b.Loop() {
		for _, f := range forms {
			a.Parse(f, &out)
		}
		n++
	}
	b.ReportMetric(float64(n*words)/time.Since(t0).Seconds(), "tokens/s")
	b.ReportMetric(float64(n*words)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Floors of TestDefaultAccuracy, in percent.
const (
	floorUPOS  = 95.3
	floorUAS   = 84.0
	floorLAS   = 80.4
	floorNames = 68.0
)

// BenchmarkLoad reads the embedded model: the cost, paid once, of the
// first sentence a command parses.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}
