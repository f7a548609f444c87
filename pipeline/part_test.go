package pipeline

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// seedDoc is the seed op-ed, a report of some fifty sentences.
func seedDoc(t testing.TB, id durand.DocID) durand.Document {
	t.Helper()
	b, err := os.ReadFile("../testdata/seed/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return durand.Document{ID: id, Text: string(b), Published: time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)}
}

func TestPartEnd(t *testing.T) {
	const size = 100
	para := strings.Repeat("a", 110) + "\n \n" + strings.Repeat("b", 200)
	tests := []struct {
		name string
		text string
		want int
	}{
		{"short", strings.Repeat("a", 125), 125},
		{"blank line", para, 113},
		{"line break", strings.Repeat("a", 110) + "\n" + strings.Repeat("b", 200), 111},
		{"full stop", strings.Repeat("a", 110) + ". " + strings.Repeat("b", 200), 112},
		{"space", strings.Repeat("a", 110) + " " + strings.Repeat("b", 200), 111},
		{"none", strings.Repeat("é", 200), 100},
		{"none, odd", "a" + strings.Repeat("é", 200), 99},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := partEnd(tt.text, 0, size); got != tt.want {
				t.Errorf("partEnd = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestExtractParts checks that a document longer than two parts is read
// part by part: the first part's events are those of the first part read
// as a document of its own, the others' spans follow, and every
// evidence span is the text it quotes.
func TestExtractParts(t *testing.T) {
	x := newExtractor(t)
	x.part = 32 << 10
	seed := seedDoc(t, "seed")
	var sb strings.Builder
	for sb.Len() < 4*x.part {
		sb.WriteString(seed.Text)
		sb.WriteString("\n\n")
	}
	doc := durand.Document{ID: "long", Text: sb.String(), Published: seed.Published}
	evs := x.Extract(doc)
	cut := partEnd(doc.Text, 0, x.part)
	first := x.Extract(durand.Document{ID: doc.ID, Text: doc.Text[:cut], Published: doc.Published})
	if len(first) == 0 || len(evs) <= len(first) {
		t.Fatalf("%d events in the first part, %d in all", len(first), len(evs))
	}
	for i, e := range first {
		if evs[i].ID != e.ID {
			t.Fatalf("event %d of the first part: %s, read alone %s", i, evs[i].ID, e.ID)
		}
	}
	for _, e := range evs {
		for _, ev := range e.Evidence {
			if doc.Text[ev.Start:ev.End] != ev.Text {
				t.Fatalf("event %s: evidence %q at %d..%d quotes %q", e.ID, ev.Text, ev.Start, ev.End, doc.Text[ev.Start:ev.End])
			}
		}
	}
	if last := evs[len(evs)-1].Evidence[0]; last.Start < 3*x.part {
		t.Errorf("the last event's evidence starts at %d, before the last part", last.Start)
	}
}
