package pipeline

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// short is a one-sentence report: the budget and the context are checked
// after each sentence, so it is extracted whatever they say.
var short = durand.Document{ID: "short", Text: "Gunmen killed two soldiers in Quetta on Monday.", Published: time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)}

// runAll runs x over docs and returns the results in the order sent.
func runAll(t testing.TB, ctx context.Context, x *Extractor, docs ...durand.Document) ([]Result, error) {
	t.Helper()
	ch := make(chan durand.Document, len(docs))
	for _, d := range docs {
		ch <- d
	}
	close(ch)
	var out []Result
	err := x.Run(ctx, ch, 2, func(r Result) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// TestBudget checks that a document over the time budget fails with an
// error that names it and says why, and that the run goes on to the next.
func TestBudget(t *testing.T) {
	x, err := New(Options{Budget: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	res, err := runAll(t, context.Background(), x, seedDoc(t, "long"), short)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	long := res[0]
	if !errors.Is(long.Err, ErrBudget) || !strings.Contains(long.Err.Error(), "doc long:") || long.Events != nil {
		t.Errorf("over budget: error %v and %d events, want ErrBudget naming doc long and no events", long.Err, len(long.Events))
	}
	if res[1].Err != nil || len(res[1].Events) == 0 {
		t.Errorf("next document: error %v and %d events, want its events", res[1].Err, len(res[1].Events))
	}
}

// TestExtractCanceled checks that extraction stops when its context is
// canceled (as a POST's is when its client goes away), with an error
// naming the document.
func TestExtractCanceled(t *testing.T) {
	x := newExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	evs, err := x.ExtractContext(ctx, seedDoc(t, "seed"))
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "doc seed:") || evs != nil {
		t.Errorf("ExtractContext = %d events, %v; want none and context.Canceled naming doc seed", len(evs), err)
	}
}

// TestRunCanceled checks that a run stops extracting when its context is
// canceled mid-way: the documents after are not extracted.
func TestRunCanceled(t *testing.T) {
	x := newExtractor(t)
	docs := []durand.Document{short}
	for range 20 {
		docs = append(docs, seedDoc(t, "seed"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan durand.Document)
	go func() {
		defer close(ch)
		for _, d := range docs {
			select {
			case ch <- d:
			case <-ctx.Done():
				return
			}
		}
	}()
	extracted := 0
	err := x.Run(ctx, ch, 1, func(r Result) error {
		if r.Doc.ID == "short" {
			cancel()
		}
		if r.Err == nil {
			extracted++
		} else if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("doc %s: %v, want context.Canceled", r.Doc.ID, r.Err)
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if extracted >= len(docs) {
		t.Errorf("all %d documents extracted after the context was canceled", extracted)
	}
}

// TestRunInFlight checks that while one document is slow, the run takes
// at most inFlight documents per worker ahead of it, not the whole input.
func TestRunInFlight(t *testing.T) {
	const workers = 2
	release := make(chan struct{})
	extract := func(d durand.Document) Result {
		if d.ID == "0" {
			<-release // the slow document
		}
		return Result{Doc: d}
	}
	const n = 100
	docs := make(chan durand.Document)
	read := make(chan int, n)
	go func() {
		defer close(docs)
		for i := range n {
			id := "x"
			if i == 0 {
				id = "0"
			}
			docs <- durand.Document{ID: durand.DocID(id), Text: strings.Repeat("a", i)}
			read <- i
		}
	}()
	var order []int
	errc := make(chan error, 1)
	go func() {
		errc <- run(context.Background(), docs, workers, extract, func(r Result) error {
			order = append(order, len(r.Doc.Text))
			return nil
		})
	}()
	// The other worker extracts the documents after the slow one until
	// the window is full; then nothing more is read until it is let go.
	for len(read) < inFlight*workers {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if got := len(read); got > inFlight*workers+1 {
		t.Errorf("%d documents read while the first was held, want at most %d", got, inFlight*workers+1)
	}
	close(release)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if len(order) != n || !slices.IsSorted(order) {
		t.Errorf("results out of input order or missing: %v", order)
	}
}
