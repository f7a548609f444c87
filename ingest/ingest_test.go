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

// TestReadSaysWhenNothingIsRead: an input that yields no document says
// so, unless its lines already said why.
func TestReadSaysWhenNothingIsRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := filepath.Join(dir, "empty-dir")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	paths := []string{
		write("empty.jsonl", ""),
		write("blank.jsonl", "\n  \n\t\n"),
		write("bad.jsonl", "{\"id\":\n"),
		write("quiet.rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>`),
		empty,
	}
	_, errs := read(t, &Reader{}, paths...)
	want := []string{"empty.jsonl: no documents", "blank.jsonl: no documents", "bad.jsonl:1: bad JSON", "quiet.rss: no documents", "empty-dir: no documents"}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, w := range want {
		if !strings.Contains(errs[i].Error(), w) {
			t.Errorf("error %d = %v, want %q", i, errs[i], w)
		}
	}
	if _, errs := read(t, &Reader{OnlyChanged: true}, empty); len(errs) != 0 {
		t.Errorf("a watched folder that is empty for now: %v", errs)
	}
}

// TestReadJSONLFirstLine: the first line tells whether a JSON-lines stream
// is text at all; a UTF-8 byte-order mark is dropped.
func TestReadJSONLFirstLine(t *testing.T) {
	for _, c := range []struct {
		name, in string
		docs     int
		errs     []string
	}{
		{"byte-order mark", "\xef\xbb\xbf{\"id\":\"a\",\"text\":\"Two soldiers were killed.\"}\n", 1, nil},
		{"gzip", "\x1f\x8b\x08\x00\n\x00\x01\n\x02\n", 0, []string{"-: not text: looks like gzip-compressed data"}},
		{"utf-16", "\xff\xfe{\x00\"\x00\n\x00", 0, []string{"-: text is not valid UTF-8: UTF-16, by its byte-order mark"}},
		{"a NUL on line 2", "{\"id\":\"a\",\"text\":\"Two soldiers were killed.\"}\n{\"id\":\"b\",\x00}\n{\"id\":\"c\",\"text\":\"A bomb exploded.\"}\n", 2,
			[]string{"-:2: bad JSON"}},
		{"an escaped NUL", "{\"id\":\"a\",\"text\":\"Two soldiers\\u0000 were killed.\"}\n", 0, []string{"-:1: not text: NUL byte at offset 12"}},
	} {
		var docs int
		var errs []string
		r := &Reader{Format: JSONL}
		err := r.ReadStream("-", strings.NewReader(c.in), func(durand.Document) error { docs++; return nil }, func(err error) { errs = append(errs, err.Error()) })
		if err != nil {
			t.Fatal(err)
		}
		if docs != c.docs || len(errs) != len(c.errs) {
			t.Errorf("%s: %d documents, errors %q; want %d and %q", c.name, docs, errs, c.docs, c.errs)
			continue
		}
		for i := range errs {
			if !strings.HasPrefix(errs[i], c.errs[i]) {
				t.Errorf("%s: error %q, want %q", c.name, errs[i], c.errs[i])
			}
		}
	}
}
