package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

func read(t *testing.T, r *Reader, paths ...string) ([]durand.Document, []error) {
	t.Helper()
	var docs []durand.Document
	var errs []error
	err := r.Read(context.Background(), paths, func(d durand.Document) error { docs = append(docs, d); return nil },
		func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatal(err)
	}
	return docs, errs
}

func TestReadHTML(t *testing.T) {
	docs, errs := read(t, &Reader{}, "testdata/article.html")
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, errors %v", len(docs), errs)
	}
	d := docs[0]
	if !strings.Contains(d.Text, "Seven Pakistani soldiers were killed on Saturday") || !strings.Contains(d.Text, "No group immediately claimed") {
		t.Errorf("article text missing:\n%s", d.Text)
	}
	for _, junk := range []string{"Subscribe now", "Cricket", "All rights reserved", "Sport"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("boilerplate %q kept:\n%s", junk, d.Text)
		}
	}
	if !strings.Contains(d.Text, "said.\n\nA suicide bomber") {
		t.Errorf("paragraphs not separated by a blank line:\n%q", d.Text)
	}
	if d.Title != "Seven soldiers killed in North Waziristan attack" {
		t.Errorf("title = %q", d.Title)
	}
	if want := time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC); !d.Published.Equal(want) {
		t.Errorf("published = %v, want %v", d.Published, want)
	}
	if d.ID != "testdata/article.html" || d.Hash == "" {
		t.Errorf("id %q hash %q", d.ID, d.Hash)
	}
}

func TestReadFeeds(t *testing.T) {
	docs, errs := read(t, &Reader{}, "testdata/feed.rss", "testdata/feed.atom")
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3 (two RSS items with text, one Atom entry)", len(docs))
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrEmpty) || !strings.Contains(errs[0].Error(), "feed.rss#3") {
		t.Errorf("errors = %v, want one empty-text error naming feed.rss#3", errs)
	}
	rss := docs[0]
	if rss.ID != "wire-1001" || rss.Source != "Border Wire" || rss.URL != "https://wire.example.org/torkham" {
		t.Errorf("rss item = %+v", rss)
	}
	if rss.Text != "Afghan and Pakistani border forces exchanged fire at the Torkham crossing on Saturday night.\n\nTwo Pakistani soldiers were wounded." {
		t.Errorf("rss text = %q", rss.Text)
	}
	if !rss.Published.Equal(time.Date(2025, 10, 12, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("rss published = %v", rss.Published)
	}
	if docs[1].ID != "https://wire.example.org/kurram" {
		t.Errorf("an item without guid takes its link as id, got %q", docs[1].ID)
	}
	atom := docs[2]
	if atom.ID != "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a" || !strings.HasPrefix(atom.Text, "Pakistani aircraft bombed") {
		t.Errorf("atom entry = %+v", atom)
	}
}

func TestReadURLs(t *testing.T) {
	page, _ := os.ReadFile("testdata/article.html")
	feed, _ := os.ReadFile("testdata/feed.rss")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/article":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(feed)
		case "/big":
			w.Write([]byte(strings.Repeat("word ", 1000)))
		case "/wire/lines.jsonl": // read line by line: the long line is reported, the rest read
			w.Write([]byte(`{"id":"l1","text":"Two soldiers were killed."}` + "\n" + strings.Repeat(" ", 9000) + "\n" + `{"id":"l3","text":"A bomb exploded."}` + "\n"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	docs, errs := read(t, &Reader{MaxBytes: 4000}, srv.URL+"/article", srv.URL+"/feed", srv.URL+"/missing", srv.URL+"/big", srv.URL+"/wire/lines.jsonl")
	if len(docs) != 5 {
		t.Errorf("got %d documents, want 5", len(docs))
	}
	if len(docs) > 0 && docs[0].URL != srv.URL+"/article" {
		t.Errorf("page URL = %q", docs[0].URL)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"/missing: HTTP 404", "/big: document too large", "feed#3: empty text", "/wire/lines.jsonl:2: document too large: line over 8000 bytes"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
}

func TestSniff(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"page":  "<!DOCTYPE html><html><body><article><p>Gunmen attacked a checkpoint in Bannu on Monday, killing two policemen, officials said.</p></article></body></html>",
		"feed":  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>X</title><description>Gunmen attacked a checkpoint.</description></item></channel></rss>`,
		"plain": "Gunmen attacked a checkpoint in Bannu.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, errs := read(t, &Reader{}, dir)
	if len(errs) > 0 || len(docs) != 3 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	for _, d := range docs {
		if strings.Contains(d.Text, "<") {
			t.Errorf("%s: markup left in text %q", d.ID, d.Text)
		}
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		"plain words":                        "plain words",
		"<p>One.</p><p>Two &amp; three.</p>": "One.\n\nTwo & three.",
		"a<br>b":                             "a\n\nb",
		"<script>var x;</script><b>bold</b> text": "bold text",
		"<p>unclosed":               "unclosed",
		"0\n\n\n0":                  "0\n\n0",
		" a  b \r\n c\n \n\t\n\nd ": "a b\nc\n\nd",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzReadFeed(f *testing.F) {
	for _, p := range []string{"testdata/feed.rss", "testdata/feed.atom"} {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_text":"x"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := &Reader{MaxBytes: 1 << 16}
		_ = r.readFeed("fuzz", b, func(d durand.Document) error {
			if d.Hash == "" || d.ID == "" || strings.TrimSpace(d.Text) == "" {
				t.Fatalf("bad document %+v", d)
			}
			return nil
		}, func(error) {})
	})
}

// FuzzHTMLText: whatever the input, the text is tidy (one space between
// words, at most one blank line, nothing at either end), and text that is
// not HTML keeps every word it had.
func FuzzHTMLText(f *testing.F) {
	f.Add("<p>One.</p><p>Two &amp; three.</p>")
	f.Add("<script>x</script><style>y</style>z")
	f.Add("One.\n\n\nTwo  three.\n")
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlText(s)
		for _, bad := range []string{"\n\n\n", "  ", " \n", "\n "} {
			if strings.Contains(out, bad) {
				t.Fatalf("%q in %q", bad, out)
			}
		}
		if strings.TrimSpace(out) != out {
			t.Fatalf("space at an end of %q", out)
		}
		if !strings.ContainsAny(s, "<&") && !slices.Equal(strings.Fields(out), strings.Fields(s)) {
			t.Fatalf("words of %q changed: %q", s, out)
		}
	})
}

// TestReadFeedCharset: an item with bytes invalid in the charset its feed
// declares is an error, not text with replacement characters; the other
// items are read.
func TestReadFeedCharset(t *testing.T) {
	feed := "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>" +
		"<item><guid>bad</guid><description>Two police \x81\x7f\xfd officers were killed.</description></item>" +
		"<item><guid>good</guid><description>\x8cx\x8e@\x8a\xaf two police officers were killed.</description></item></channel></rss>"
	var docs []durand.Document
	var errs []string
	err := (&Reader{Format: Feed}).ReadStream("wire.rss", strings.NewReader(feed), func(d durand.Document) error { docs = append(docs, d); return nil },
		func(err error) { errs = append(errs, err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "good" || !strings.HasPrefix(docs[0].Text, "警察官 two") {
		t.Errorf("documents %+v, want item good decoded", docs)
	}
	if want := "wire.rss#1: text is not valid in its character encoding: shift_jis, declared by the feed"; len(errs) != 1 || errs[0] != want {
		t.Errorf("errors %q, want %q", errs, want)
	}
}
