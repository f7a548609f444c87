package pipeline

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// sizes are the document sizes BenchmarkDocumentSize doubles through: a
// stage that is linear in the document keeps its MB/s from one to the
// next, one that is quadratic halves it.
var sizes = []int{100 << 10, 200 << 10, 400 << 10, 800 << 10, 1600 << 10}

// BenchmarkDocumentSize is the whole extraction of one document at
// doubling sizes, made of real report text repeated: text=reports is
// every item of the benchmark corpus, a paragraph each (news as a long
// digest tells it); text=attacks is one suicide attack's sentence
// ("A suicide bomber kills one person …") over and over in one
// paragraph, the densest in events and the case that was quadratic;
// text=runon is that sentence's clauses joined by "while" with no full
// stop, one sentence as long as the document (hostile input).
func BenchmarkDocumentSize(b *testing.B) {
	x := newExtractor(b)
	items := benchItems(b)
	attack := ""
	for _, it := range items {
		if strings.HasPrefix(it, "A suicide bomber kills") {
			attack = it
		}
	}
	if attack == "" {
		b.Fatal("no suicide attack in the corpus")
	}
	texts := []struct {
		name  string
		items []string
		sep   string
	}{
		{"reports", items, "\n\n"},
		{"attacks", []string{attack}, " "},
		{"runon", []string{strings.TrimSuffix(attack, ".") + ","}, " while "},
	}
	pub := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tx := range texts {
		for _, n := range sizes {
			doc := durand.Document{ID: "big", Published: pub, Text: repeatText(tx.items, tx.sep, n)}
			b.Run(fmt.Sprintf("text=%s/size=%s", tx.name, sizeName(n)), func(b *testing.B) {
				b.SetBytes(int64(len(doc.Text)))
				b.ReportAllocs()
				evs := 0
				for b.Loop() {
					evs = len(x.Extract(doc))
				}
				b.ReportMetric(float64(evs), "events")
			})
		}
	}
}

// benchItems returns the texts of the benchmark corpus, in order.
func benchItems(b *testing.B) []string {
	b.Helper()
	f, err := os.Open(benchCorpus)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			b.Fatal(err)
		}
		out = append(out, l.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return out
}

// repeatText joins items with sep, over and over, until the text is n
// bytes long or just longer: whole items only, so that no sentence is cut.
func repeatText(items []string, sep string, n int) string {
	var sb strings.Builder
	sb.Grow(n + 4096)
	for sb.Len() < n {
		for _, it := range items {
			if sb.Len() >= n {
				break
			}
			if sb.Len() > 0 {
				sb.WriteString(sep)
			}
			sb.WriteString(it)
		}
	}
	return sb.String()
}

func sizeName(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%dMB", n>>20)
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%dKB", n>>10)
}
