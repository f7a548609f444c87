package recognize

import (
	"os"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/sentence"
)

func TestDebugSeed(t *testing.T) {
	if os.Getenv("DEBUG_SEED") == "" {
		t.Skip()
	}
	lx, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile("../testdata/seed/article.txt")
	doc := durand.Document{Text: string(b)}
	r := New(lx)
	for _, s := range sentence.Split(doc) {
		t.Logf("S%d: %s", s.Index, s.Span.Text(doc.Text))
		for _, m := range r.Recognize(doc.Text, s) {
			t.Logf("   %-7s %q %v %v", m.Kind, m.Span.Text(doc.Text), m.Places, m.Nation)
		}
	}
}
