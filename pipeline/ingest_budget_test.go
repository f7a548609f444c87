package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// TestIngestBudget checks that Ingest reports a document over the time
// budget as failed, with the reason, and stores the next.
func TestIngestBudget(t *testing.T) {
	x, err := New(Options{Budget: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs := make(chan durand.Document, 2)
	for _, d := range []durand.Document{seedDoc(t, "long"), short} {
		d.Hash = ingest.Hash(d.Text)
		docs <- d
	}
	close(docs)
	var failed []Outcome
	c, err := x.Ingest(context.Background(), docs, st, StoreOptions{Report: func(o Outcome) {
		if o.Status == store.Failed {
			failed = append(failed, o)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Stored != 1 || c.Failed != 1 {
		t.Errorf("%+v, want 1 stored and 1 failed", c)
	}
	if len(failed) != 1 || failed[0].Doc.ID != "long" || !errors.Is(failed[0].Err, ErrBudget) || !strings.Contains(failed[0].Err.Error(), "doc long:") {
		t.Errorf("failed outcomes %+v, want doc long over its budget", failed)
	}
	if known, err := st.HasDocument(context.Background(), ingest.Hash(short.Text)); err != nil || !known {
		t.Errorf("the next document is not stored (%v)", err)
	}
}
