package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/store/sqlite"
)

// newsDocs makes n distinct news-length documents (about 3 KB, the length
// of a wire story) from the benchmark corpus.
func newsDocs(b *testing.B, n int) []durand.Document {
	items, _ := corpus(b)
	items = items[:218]
	out := make([]durand.Document, n)
	for i := range out {
		var parts []string
		for k := range 7 {
			parts = append(parts, items[(i*7+k*31)%len(items)].Text)
		}
		d, err := ingest.NewDocument(durand.Document{ID: durand.DocID(fmt.Sprintf("news-%06d", i)), Published: items[i%len(items)].Published,
			Text: strings.Join(parts, "\n\n") + fmt.Sprintf("\n\nReport %d.", i)})
		if err != nil {
			b.Fatal(err)
		}
		out[i] = d
	}
	return out
}

// BenchmarkIngestStore is `durand ingest` without the file reading:
// extraction on every core, then each document and its events stored in
// SQLite in batched transactions, on a fresh database each round.
func BenchmarkIngestStore(b *testing.B) {
	x, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("DURAND_INGEST_DOCS")); err == nil && v > 0 {
		n = v // a shorter run, for a profile
	}
	docs := newsDocs(b, n)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		ch := make(chan durand.Document, 256)
		go func() {
			for _, d := range docs {
				ch <- d
			}
			close(ch)
		}()
		b.StartTimer()
		c, err := x.Ingest(context.Background(), ch, st, StoreOptions{})
		if err != nil || c.Stored != n {
			b.Fatalf("stored %d of %d: %v", c.Stored, n, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Minutes(), "docs/min")
}
