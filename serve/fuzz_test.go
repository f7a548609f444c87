package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store/sqlite"
)

// postFormats are how the server reads the media types it takes; a test's
// own copy, to read a body the way the server should have.
var postFormats = map[string]ingest.Format{"application/x-ndjson": ingest.JSONL, "application/jsonl": ingest.JSONL,
	"application/json": ingest.JSONL, "text/plain": ingest.Text, "text/html": ingest.HTML}

// FuzzPostDocuments posts any body under any Content-Type: the answer is
// 200 or a 4xx with an error, never a 5xx (the store is healthy), and
// after a 200 every document the body holds is stored whole, as the
// reader reads it, and the store gained the events the answer counts. The
// store is one for all inputs (opening one takes 60 ms, several times the
// rest), so what an input's documents find stored is checked only when
// none of them was.
func FuzzPostDocuments(f *testing.F) {
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		f.Fatal(err)
	}
	st, err := sqlite.Open(filepath.Join(f.TempDir(), "f.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	h := serve.Handler(st, serve.Options{Token: "s3cret", Extractor: x, MaxBody: 1 << 16})
	f.Add("application/x-ndjson", []byte(`{"id":"p1","published":"2024-03-18","text":"Pakistani jets bombed hideouts in Khost province on Monday, killing eight people."}`+"\n"+`{"id":"bad"}`+"\n"))
	f.Add("text/plain; charset=utf-8", []byte("Two police officers were killed in Quetta on Sunday.\n\nA bomb wounded three."))
	f.Add("text/html", []byte("<html><title>Wire</title><p>Militants attacked a checkpoint in Bannu, killing 4 soldiers.</p></html>"))
	f.Add("application/json", []byte(`{"id":"a","text":"x"}`+"\n"+`{"id":"a","text":"y"}`))
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		before, err := st.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("POST", "http://127.0.0.1/api/documents", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer s3cret")
		req.Header.Set("Content-Type", ct)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		var ans struct {
			Error                                     string
			Stored, Replaced, Skipped, Failed, Events int
			Errors                                    []string
		}
		if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
			t.Fatalf("%d %q: %v", w.Code, w.Body, err)
		}
		switch {
		case w.Code >= 500 || w.Code < 200 || w.Code >= 300 && w.Code < 400:
			t.Fatalf("Content-Type %q: %d %q", ct, w.Code, w.Body)
		case w.Code != http.StatusOK:
			if w.Code == http.StatusBadRequest && ans.Stored+ans.Skipped+ans.Failed == 0 {
				return // no document in the body: its reasons in Errors
			}
			if ans.Error == "" {
				t.Fatalf("Content-Type %q: %d without an error: %q", ct, w.Code, w.Body)
			}
			return
		}
		checkStored(t, st, before.Events, ct, body, ans.Stored, ans.Replaced, ans.Skipped, ans.Failed, ans.Events)
	})
}

// checkStored reads body as the server should have and checks that each
// document is in st whole, and that st gained the events the answer
// counts.
func checkStored(t *testing.T, st *sqlite.DB, eventsBefore int, ct string, body []byte, stored, replaced, skipped, failed, events int) {
	t.Helper()
	mt, _, _ := mime.ParseMediaType(ct)
	rd := &ingest.Reader{Format: postFormats[mt], MaxBytes: 1 << 16, Unnamed: true}
	var docs []durand.Document
	rd.ReadStream("body", bytes.NewReader(body), func(d durand.Document) error { docs = append(docs, d); return nil }, func(error) {})
	if failed > 0 || stored+skipped != len(docs) || len(docs) == 0 {
		t.Fatalf("%d documents read; answer: %d stored, %d skipped, %d failed", len(docs), stored, skipped, failed)
	}
	ctx := context.Background()
	for _, d := range docs {
		if ok, err := st.HasDocument(ctx, d.Hash); err != nil || !ok {
			t.Fatalf("document %s (%s) not stored: %v", d.ID, d.Hash, err)
		}
		if skipped > 0 {
			continue // the current version may be an earlier input's
		}
		got, err := st.Document(ctx, d.ID)
		if err != nil {
			t.Fatalf("document %s: %v", d.ID, err)
		}
		// Of texts posted under one id, the current is one of them.
		if !slices.ContainsFunc(docs, func(o durand.Document) bool { return o.ID == d.ID && o.Hash == got.Hash && o.Text == got.Text }) {
			t.Fatalf("document %s read back as %q (%s)", d.ID, got.Text, got.Hash)
		}
	}
	// A version replaced takes its events with it.
	if s, err := st.Stats(ctx); err != nil || replaced == 0 && s.Events-eventsBefore != events {
		t.Fatalf("%d events stored, the answer says %d (%v)", s.Events-eventsBefore, events, err)
	}
}
