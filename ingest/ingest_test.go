package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

func TestReadBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lines := strings.Join([]string{
		`{"id":"a","published":"2024-03-25","text":"Militants attacked a post."}`,
		`{"id":"b","text":"broken`,
		`{"id":"c","text":""}`,
		`{"id":"d","published":"yesterday","text":"x"}`,
		`{"id":"e"}`,
		`{"id":7,"text":"A numeric id is kept as written."}`,
		"{\"id\":\"f\",\"text\":\"bad \xff utf8\"}",
		`{"text":"No id: one is made from the hash."}`,
	}, "\n")
	paths := []string{
		write("docs.jsonl", lines),
		write("empty.txt", "  \n"),
		write("big.txt", strings.Repeat("word ", 300)),
		write("bad.txt", "caf\xe9"),
		write("ok.txt", "Two soldiers were killed."),
		filepath.Join(dir, "missing.txt"),
	}
	r := &Reader{MaxBytes: 1000}
	var got []durand.Document
	var errs []error
	if err := r.Read(context.Background(), paths, func(d durand.Document) error { got = append(got, d); return nil }, func(err error) { errs = append(errs, err) }); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range got {
		ids = append(ids, string(d.ID))
		if d.Hash == "" {
			t.Errorf("%s: no hash", d.ID)
		}
	}
	if len(got) != 4 || got[0].ID != "a" || got[1].ID != "7" || !strings.HasPrefix(string(got[2].ID), "doc_") {
		t.Errorf("documents %q", ids)
	}
	if got[0].Published.Format("2006-01-02") != "2024-03-25" {
		t.Errorf("published %v", got[0].Published)
	}
	want := []string{"docs.jsonl:2: bad JSON", "docs.jsonl:3: empty text", "docs.jsonl:4: published", "docs.jsonl:5: no \"text\"",
		"docs.jsonl:7: text is not valid UTF-8", "empty.txt: empty text", "big.txt: document too large", "bad.txt: text is not valid UTF-8", "missing.txt"}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, w := range want {
		var ie *Error
		if !errors.As(errs[i], &ie) || !strings.Contains(errs[i].Error(), w) {
			t.Errorf("error %d = %v, want it to name %q", i, errs[i], w)
		}
	}
}

func TestHashNormalises(t *testing.T) {
	if Hash("Two  soldiers\nwere KILLED.") != Hash("two soldiers were killed.") {
		t.Error("hash differs by case or white space")
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"x"}` + "\n" + `{"text":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := &Reader{Format: JSONL, Stdin: strings.NewReader(string(b)), MaxBytes: 1 << 10}
		_ = r.Read(context.Background(), []string{"-"}, func(d durand.Document) error {
			if d.Text == "" || d.ID == "" {
				t.Fatalf("emitted %+v", d)
			}
			return nil
		}, func(error) {})
	})
}
