package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// A hostileCase is one input from testdata/hostile (or generated, when it
// is too big to commit) and what every entry point must make of it: the
// documents that come through and what their text holds, or the errors
// that name it and say why.
type hostileCase struct {
	in  string                          // file or folder under testdata/hostile, or the generated input's name
	gen func(t testing.TB, path string) // writes a generated input

	// maxBytes is the --max-bytes given, and bounds the memory a run may
	// take beyond what a small input takes.
	maxBytes int

	docs   int    // documents that come through
	events int    // events, at least, extracted from them
	has    string // what each document's text holds (charsets decoded, scripts intact)
	hasNot string // what no document's text holds (expanded entities, byte-order marks)
	// errs are what standard error says, one message each, {in} standing
	// for the name the entry point gives the input.
	errs []string
}

const (
	notUTF8 = "text is not valid UTF-8"
	badEnc  = "text is not valid in its character encoding"
)

var hostileCases = []hostileCase{
	// Invalid UTF-8, in a page that declares no charset, in one that
	// declares UTF-8, in plain text, JSON lines and a feed.
	{in: "invalid-utf8.html", errs: []string{"{in}: " + notUTF8 + ": byte 0xff at offset 225"}},
	{in: "invalid-utf8-declared.html", errs: []string{"{in}: " + notUTF8 + ": byte 0xc3 at offset 286"}},
	{in: "invalid-utf8.txt", errs: []string{"{in}: " + notUTF8 + ": byte 0xe9 at offset 77"}},
	{in: "invalid-utf8.jsonl", docs: 1, events: 1, errs: []string{"{in}:2: " + notUTF8 + ": byte 0xe2 at offset 60"}},
	{in: "invalid-utf8.rss", errs: []string{"{in}: not a readable RSS, Atom or JSON feed: XML syntax error on line 3: invalid UTF-8"}},

	// Legacy charsets, declared or not, decoded to UTF-8; bytes invalid
	// in the charset a page or feed declares are an error.
	{in: "latin1-declared.html", docs: 1, events: 1, has: "The café opposite"},
	{in: "latin1-declared.rss", docs: 1, events: 1, has: "near the café in"},
	{in: "utf8-declared-latin1.html", docs: 1, events: 1, has: "The café opposite"}, // UTF-8 bytes are UTF-8, whatever the page says
	{in: "windows-1251-undeclared.html", docs: 1, events: 1, has: "Боевики убили двух полицейских"},
	{in: "shift-jis-declared.html", docs: 1, events: 1, has: "警察官二人を殺害した"},
	{in: "shift-jis-invalid.html", errs: []string{"{in}: " + badEnc + ": shift_jis, declared by the page"}},
	{in: "shift-jis-invalid.rss", docs: 1, events: 1, errs: []string{"{in}#1: " + badEnc + ": shift_jis, declared by the feed"}},

	// Binary and compressed data under text names.
	{in: "zip-as.html", errs: []string{"{in}: not text: looks like a zip archive"}},
	{in: "gzip-as.jsonl", errs: []string{"{in}: not text: looks like gzip-compressed data"}},
	{in: "pdf-as.txt", errs: []string{"{in}: not text: looks like a PDF document"}},
	{in: "png-as.rss", errs: []string{"{in}: not text: looks like a PNG image"}},
	{in: "nul-bytes.txt", errs: []string{"{in}: not text: NUL byte at offset 69"}},
	{in: "nul-bytes.html", errs: []string{"{in}: not text: NUL byte at offset 158"}},
	{in: "nul-escape.jsonl", docs: 1, events: 1, errs: []string{"{in}:1: not text: NUL byte at offset 69"}},
	{in: "control-chars.txt", errs: []string{"{in}: not text: 400 of 600 bytes are control characters"}},

	// Inputs that hold no document say so.
	{in: "empty.jsonl", errs: []string{"{in}: no documents"}},
	{in: "blank-lines.jsonl", errs: []string{"{in}: no documents"}},
	{in: "empty.txt", errs: []string{"{in}: empty text"}},
	{in: "empty.html", errs: []string{"{in}: empty text"}},
	{in: "empty-feed.rss", errs: []string{"{in}: no documents"}},
	{in: "truncated.jsonl", docs: 1, events: 1, errs: []string{"{in}:2: bad JSON: unexpected end of JSON input"}},

	// Byte-order marks: dropped from UTF-8, UTF-16 decoded.
	{in: "bom.txt", docs: 1, events: 1, hasNot: "\ufeff"},
	{in: "bom.jsonl", docs: 1, events: 1, hasNot: "\ufeff"},
	{in: "utf16le-bom.txt", docs: 1, events: 1, has: "Жители слышали стрельбу", hasNot: "\x00"},

	// Entities a feed declares in its DTD are not expanded: gofeed's XML
	// parser (encoding/xml, not strict) knows only the predefined and HTML
	// entities and leaves "&lol9;" as it is, where expanding it would make
	// 3 GB.
	{in: "billion-laughs.rss", maxBytes: 1 << 20, docs: 1, events: 1, hasNot: "lollollol"},
	{in: "billion-laughs.atom", maxBytes: 1 << 20, docs: 1, events: 1, hasNot: "lollollol"},

	// Right-to-left and mixed scripts, bidi controls and joiners come
	// through as they were; evidence offsets stay byte offsets.
	{in: "rtl-mixed.txt", docs: 1, events: 2, has: "(\u200fجلال\u200cآباد\u200f), Nangarhar"},
	{in: "rtl-mixed.jsonl", docs: 1, events: 2, has: "(\u200fجلال\u200cآباد\u200f), Nangarhar"},
	{in: "rtl-mixed.html", docs: 1, events: 2, has: "(\u200fجلال\u200cآباد\u200f), Nangarhar"},

	// Folders: a bad file is reported and the rest read; an empty folder
	// says so.
	{in: "mixed-folder", docs: 1, events: 1, errs: []string{"{in}/archive.html: not text: looks like a zip archive"}},
	{in: "empty-folder", gen: emptyFolder, errs: []string{"{in}: no documents"}},

	// Too big to commit: a 100 MB line among good ones, a 100 MB text,
	// 100,000-deep JSON and HTML. Each is read in memory bounded by
	// --max-bytes, not by its size.
	{in: "long-line.jsonl", gen: longLineJSONL, maxBytes: 1 << 20, docs: 2, events: 2,
		errs: []string{"{in}:2: document too large: line over 2097152 bytes"}},
	{in: "long-line.txt", gen: longLineText, maxBytes: 1 << 20, errs: []string{"{in}: document too large: over 1048576 bytes"}},
	{in: "deep-nesting.jsonl", gen: deepJSON, maxBytes: 1 << 20, docs: 1, events: 1,
		errs: []string{"{in}:1: bad JSON: invalid character '[' exceeded max depth"}},
	{in: "deep-nesting.html", gen: deepHTML, maxBytes: 2 << 20, errs: []string{"{in}: parse HTML: html: open stack of elements exceeds 512 nodes"}},
}

const (
	hostileEvent  = "Gunmen killed two police officers in Jalalabad, Nangarhar, on Monday."
	hostileEvent2 = "A roadside bomb wounded three soldiers in Bajaur on Sunday."
	hugeSize      = 100 << 20
)

func emptyFolder(t testing.TB, path string) {
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

func longLineJSONL(t testing.TB, path string) {
	writeGenerated(t, path, func(w *bufio.Writer) {
		fmt.Fprintf(w, "{\"id\":\"before\",\"text\":%q}\n{\"id\":\"huge\",\"text\":\"", hostileEvent)
		writeRepeated(w, "Militants attacked a post in Khost. ", hugeSize)
		fmt.Fprintf(w, "\"}\n{\"id\":\"after\",\"text\":%q}\n", hostileEvent2)
	})
}

func longLineText(t testing.TB, path string) {
	writeGenerated(t, path, func(w *bufio.Writer) { writeRepeated(w, "Militants attacked a post in Khost. ", hugeSize) })
}

func deepJSON(t testing.TB, path string) {
	writeGenerated(t, path, func(w *bufio.Writer) {
		fmt.Fprintf(w, "{\"id\":\"deep\",\"text\":%q,\"extra\":", hostileEvent2)
		writeRepeated(w, "[", 100000)
		writeRepeated(w, "]", 100000)
		fmt.Fprintf(w, "}\n{\"id\":\"shallow\",\"text\":%q}\n", hostileEvent)
	})
}

func deepHTML(t testing.TB, path string) {
	writeGenerated(t, path, func(w *bufio.Writer) {
		w.WriteString("<!DOCTYPE html>\n<html><head><title>Deep</title></head><body>")
		writeRepeated(w, "<div>", 100000*5)
		fmt.Fprintf(w, "<p>%s</p>", hostileEvent)
		writeRepeated(w, "</div>", 100000*6)
		w.WriteString("</body></html>\n")
	})
}

func writeGenerated(t testing.TB, path string, write func(*bufio.Writer)) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	write(w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeRepeated writes s over and over until n bytes are written.
func writeRepeated(w *bufio.Writer, s string, n int) {
	for ; n >= len(s); n -= len(s) {
		w.WriteString(s)
	}
	w.WriteString(s[:n])
}

// An entryPoint is one way a document gets into durand, a column of the
// table. Each reads the input and says what it called the input and what
// came out; a new entry point (an importer, an HTTP handler) is one more
// value that turns its own output into a hostileOutcome.
type entryPoint struct {
	name string
	// skip says why the entry point does not take an input ("" when it
	// does).
	skip func(in hostileInput) string
	run  func(t *testing.T, in hostileInput) hostileOutcome
}

// filesOnly skips folders, for the entry points that read one stream.
func filesOnly(in hostileInput) string {
	if in.isDir() {
		return "takes files only"
	}
	return ""
}

type hostileInput struct {
	path   string
	format ingest.Format // the file's by its extension, for entry points that do not see its name
	flags  []string
}

type hostileOutcome struct {
	name   string   // the input's name in messages
	failed bool     // it said that inputs failed: exit status 1
	msgs   []string // what it said about the inputs, one message each
	events []durand.Event
	docs   map[durand.DocID]durand.Document // stored documents; nil when the entry point stores none
}

// entryPoints are the columns of the table: durand extract and durand
// ingest given a path, standard input, a URL.
func entryPoints(t *testing.T) []entryPoint {
	srv := httptest.NewServer(http.HandlerFunc(serveFile))
	t.Cleanup(srv.Close)
	ingestInto := func(t *testing.T, name string, stdin io.Reader, in hostileInput, args ...string) hostileOutcome {
		db := filepath.Join(t.TempDir(), "hostile.db")
		_, out := runHostile(t, name, stdin, append(append([]string{"ingest", "--db", db}, in.flags...), args...)...)
		out.docs, out.events = readStore(t, db)
		return out
	}
	return []entryPoint{
		{"extract", func(hostileInput) string { return "" }, func(t *testing.T, in hostileInput) hostileOutcome {
			stdout, out := runHostile(t, in.path, nil, append(append([]string{"extract"}, in.flags...), in.path)...)
			out.events = decodeEvents(t, stdout)
			return out
		}},
		{"ingest", func(hostileInput) string { return "" }, func(t *testing.T, in hostileInput) hostileOutcome {
			return ingestInto(t, in.path, nil, in, in.path)
		}},
		{"ingest-stdin", filesOnly, func(t *testing.T, in hostileInput) hostileOutcome {
			f := openInput(t, in.path)
			return ingestInto(t, "-", f, in, "--in", string(in.format), "-")
		}},
		{"ingest-url", filesOnly, func(t *testing.T, in hostileInput) hostileOutcome {
			url := srv.URL + filepath.ToSlash(in.path)
			return ingestInto(t, url, nil, in, url)
		}},
		{"post", postTakes, postHostile},
	}
}

// postTypes are the media types a POST of each input format is sent as.
var postTypes = map[ingest.Format]string{ingest.JSONL: "application/x-ndjson", ingest.Text: "text/plain; charset=utf-8",
	ingest.HTML: "text/html; charset=utf-8"}

// postTakes skips what POST /api/documents does not read: feeds and
// folders (it takes JSON lines, a text or a page), and bodies over its
// limit, which it answers 413 before reading (TestPostDocuments).
func postTakes(in hostileInput) string {
	if in.isDir() {
		return "takes files only"
	}
	if postTypes[in.format] == "" {
		return "takes JSON lines, text and HTML only"
	}
	if info, err := os.Stat(in.path); err == nil && info.Size() > postLimit(in) {
		return "over the body limit: answered 413 unread"
	}
	return ""
}

// postLimit is the server's body limit for an input: its --max-bytes, as
// durand serve is given, else the default.
func postLimit(in hostileInput) int64 {
	if len(in.flags) == 2 && in.flags[0] == "--max-bytes" {
		n, _ := strconv.ParseInt(in.flags[1], 10, 64)
		return n
	}
	return ingest.DefaultMaxBytes
}

// postHostile sends the input to POST /api/documents of a server over a
// new store, with the media type of its format, and reads back the store.
func postHostile(t *testing.T, in hostileInput) hostileOutcome {
	db := filepath.Join(t.TempDir(), "post.db")
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(st, serve.Options{Token: "t", Extractor: x, MaxBody: postLimit(in)}))
	req, err := http.NewRequest("POST", srv.URL+"/api/documents", openInput(t, in.path))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("Content-Type", postTypes[in.format])
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Errors []string `json:"errors"`
	}
	err = json.NewDecoder(r.Body).Decode(&res)
	r.Body.Close()
	srv.Close()
	st.Close()
	if err != nil {
		t.Fatalf("POST answered %s with no JSON: %v", r.Status, err)
	}
	out := hostileOutcome{name: "body", failed: len(res.Errors) > 0, msgs: res.Errors}
	if r.StatusCode >= 500 {
		t.Errorf("POST answered %s with errors %q", r.Status, res.Errors)
	}
	out.docs, out.events = readStore(t, db)
	return out
}

// TestHostileInputs drives every hostile case through every entry point:
// each ends in a clear error naming the input and the reason, or in
// correct output; nothing partial is stored; memory stays bounded.
func TestHostileInputs(t *testing.T) {
	eps := entryPoints(t)
	x, err := pipeline.New(pipeline.Options{}) // what the commands load without --actors, --verbs or --unasserted
	if err != nil {
		t.Fatal(err)
	}
	baseline := map[string]uint64{}
	for _, c := range hostileCases {
		t.Run(c.in, func(t *testing.T) {
			if c.gen != nil && testing.Short() {
				t.Skip("generates a large input")
			}
			in := c.input(t)
			for _, ep := range eps {
				t.Run(ep.name, func(t *testing.T) {
					if why := ep.skip(in); why != "" {
						t.Skip(why)
					}
					var out hostileOutcome
					alloc := allocated(func() { out = ep.run(t, in) })
					c.check(t, x, out)
					if c.maxBytes == 0 {
						return
					}
					if _, ok := baseline[ep.name]; !ok { // --max-bytes makes no difference to a small input

						small := hostileInput{path: hostilePath(t, "rtl-mixed.txt"), format: ingest.Text, flags: in.flags}
						baseline[ep.name] = allocated(func() { ep.run(t, small) })
					}
					extra, bound := int64(alloc)-int64(baseline[ep.name]), int64(16*c.maxBytes)
					if extra > bound {
						t.Errorf("allocated %d MB more than for a small input, over the bound of %d MB (16 × --max-bytes)", extra>>20, bound>>20)
					} else {
						t.Logf("allocated %.1f MB more than for a small input (bound %d MB)", float64(extra)/(1<<20), bound>>20)
					}
				})
			}
		})
	}
}

// TestHostileImports drives the importers' hostile inputs through
// `durand import`: every file under dataset/testdata/import (impossible
// counts, coordinates, dates and codes; ragged, binary, empty, UTF-16 and
// byte-order-marked CSV; broken JSON lines) must give the messages and the
// number of stored events its .want file states, each message naming the
// file and line; and a 100 MB CSV field is refused in bounded memory.
func TestHostileImports(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "dataset", "testdata", "import", "*", "*.want"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no importer cases: %v", err)
	}
	for _, want := range files {
		dir := filepath.Base(filepath.Dir(want))
		format := dir
		if dir == "csv" { // format-blind CSV faults, read as ACLED
			format = "acled"
		}
		in := strings.TrimSuffix(want, ".want") + map[bool]string{true: ".jsonl", false: ".csv"}[dir == "jsonl"]
		if filepath.Base(in) == "wrong_format.csv" {
			format = "ucdp"
		}
		t.Run(dir+"/"+filepath.Base(in), func(t *testing.T) {
			msgs, stored := wantImport(t, want, in)
			got, n := importHostile(t, format, in)
			if !slices.Equal(got, msgs) {
				t.Errorf("durand import said\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(msgs, "\n"))
			}
			if n != stored {
				t.Errorf("%d events stored, want %d", n, stored)
			}
		})
	}
	t.Run("long-field.csv", func(t *testing.T) {
		if testing.Short() {
			t.Skip("generates a large input")
		}
		path := filepath.Join(t.TempDir(), "long-field.csv")
		longFieldCSV(t, path)
		small := filepath.Join("..", "..", "dataset", "testdata", "import", "acled", "counts.csv")
		base := allocated(func() { importHostile(t, "acled", small) })
		var msgs []string
		var n int
		alloc := allocated(func() { msgs, n = importHostile(t, "acled", path) })
		want := path + ":3: line too long: over 1048576 bytes"
		if len(msgs) != 1 || !strings.HasPrefix(msgs[0], want) || n != 1 {
			t.Errorf("said %q and stored %d; want %q… and the row before it", msgs, n, want)
		}
		// The bound of the document readers: 16 times the longest line read.
		if extra, bound := int64(alloc)-int64(base), int64(16<<20); extra > bound {
			t.Errorf("allocated %d MB more than for a small file importing a 100 MB field, over the bound of %d MB", extra>>20, bound>>20)
		} else {
			t.Logf("allocated %.1f MB more than for a small file (bound %d MB)", float64(extra)/(1<<20), bound>>20)
		}
	})
}

// wantImport reads a .want file: the messages (naming the file by its
// path) and the number of events stored.
func wantImport(t *testing.T, want, in string) ([]string, int) {
	raw, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, l := range strings.Split(string(raw), "\n") {
		if n, ok := strings.CutPrefix(l, "-- stored "); ok {
			k, err := strconv.Atoi(n)
			if err != nil {
				t.Fatalf("%s: %q", want, l)
			}
			return msgs, k
		}
		msgs = append(msgs, in+strings.TrimPrefix(l, filepath.Base(in)))
	}
	t.Fatalf("%s: no -- stored line", want)
	return nil, 0
}

// importHostile imports path with durand import into a new store and
// returns what it said about the file's rows and the events stored.
func importHostile(t *testing.T, format, path string) ([]string, int) {
	db := filepath.Join(t.TempDir(), "import.db")
	_, stderr, err := run(t, "", "import", "--format", format, "--db", db, path)
	if err != nil && !errors.Is(err, errReported) {
		t.Fatalf("durand import: %v\n%s", err, stderr)
	}
	var msgs []string
	for _, l := range strings.Split(stderr, "\n") {
		if m, ok := strings.CutPrefix(l, "durand import: "); ok && !strings.Contains(m, " events imported, ") && !strings.Contains(m, " stored before the error") {
			msgs = append(msgs, m)
		}
	}
	if failed := err != nil; failed != (len(msgs) > 0) {
		t.Errorf("exit status 1: %v, with %d messages", failed, len(msgs))
	}
	_, evs := readStore(t, db)
	return msgs, len(evs)
}

// longFieldCSV writes an ACLED file whose second record has a 100 MB notes
// field, between two good ones.
func longFieldCSV(t *testing.T, path string) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "dataset", "testdata", "import", "acled", "counts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(raw), "\n")
	head, good := lines[0], lines[1]
	before, after, _ := strings.Cut(good, "A made-up clash")
	writeGenerated(t, path, func(w *bufio.Writer) {
		w.WriteString(head + good + strings.Replace(before, "ok-13", "long", 1))
		writeRepeated(w, "A long note. ", hugeSize)
		w.WriteString(after + strings.Replace(good, "ok-13", "after", 1))
	})
}

func (c hostileCase) input(t *testing.T) hostileInput {
	in := hostileInput{path: hostilePath(t, c.in)}
	if c.gen != nil {
		in.path = filepath.Join(t.TempDir(), c.in)
		c.gen(t, in.path)
	}
	switch filepath.Ext(c.in) {
	case ".jsonl":
		in.format = ingest.JSONL
	case ".html":
		in.format = ingest.HTML
	case ".rss", ".atom":
		in.format = ingest.Feed
	case ".txt":
		in.format = ingest.Text
	}
	if c.maxBytes > 0 {
		in.flags = []string{"--max-bytes", fmt.Sprint(c.maxBytes)}
	}
	return in
}

func (in hostileInput) isDir() bool {
	info, err := os.Stat(in.path)
	return err == nil && info.IsDir()
}

func hostilePath(t *testing.T, name string) string {
	p, err := filepath.Abs(filepath.Join("testdata", "hostile", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// check compares what came out with what the case wants.
func (c hostileCase) check(t *testing.T, x *pipeline.Extractor, out hostileOutcome) {
	t.Helper()
	if out.failed != (len(c.errs) > 0) {
		t.Errorf("inputs failed: %v, want %v", out.failed, len(c.errs) > 0)
	}
	msgs := out.msgs
	for _, e := range c.errs {
		want := strings.ReplaceAll(e, "{in}", out.name)
		if !containsLine(msgs, want) {
			t.Errorf("standard error does not say %q:\n%s", want, strings.Join(msgs, "\n"))
		}
	}
	if len(msgs) != len(c.errs) {
		t.Errorf("%d messages on standard error, want %d:\n%s", len(msgs), len(c.errs), strings.Join(msgs, "\n"))
	}
	if len(out.events) < c.events {
		t.Errorf("%d events, want at least %d", len(out.events), c.events)
	}
	if out.docs != nil {
		checkStored(t, x, c, out)
	}
}

// checkStored checks the store an ingest left: the documents that came
// through, each whole with all its events and no event of a document that
// was refused, evidence offsets that index the stored text.
func checkStored(t *testing.T, x *pipeline.Extractor, c hostileCase, out hostileOutcome) {
	t.Helper()
	if len(out.docs) != c.docs {
		t.Errorf("%d documents stored, want %d", len(out.docs), c.docs)
	}
	stored := map[durand.DocID]int{}
	for _, ev := range out.events {
		for _, id := range ev.Docs {
			if _, ok := out.docs[id]; !ok {
				t.Errorf("event %s of document %q, which is not stored", ev.ID, id)
			}
			stored[id]++
		}
		for _, e := range ev.Evidence {
			if d, ok := out.docs[e.Doc]; ok && (durand.Span{Start: e.Start, End: e.End}).Text(d.Text) != e.Text {
				t.Errorf("evidence %q of event %s is not at [%d, %d) of the text", e.Text, ev.ID, e.Start, e.End)
			}
		}
	}
	for id, d := range out.docs {
		if want := len(x.Extract(d)); stored[id] != want {
			t.Errorf("document %q stored with %d events, its text gives %d", id, stored[id], want)
		}
		if c.has != "" && !strings.Contains(d.Text, c.has) {
			t.Errorf("document %q does not hold %q: %q", id, c.has, d.Text)
		}
		if c.hasNot != "" && strings.Contains(d.Text, c.hasNot) {
			t.Errorf("document %q holds %q: %q", id, c.hasNot, d.Text)
		}
	}
}

// ingestSummary is the line durand ingest ends each pass with.
var ingestSummary = regexp.MustCompile(`^durand ingest: \d+ stored`)

// reported returns the messages a command wrote about its inputs.
func reported(stderr string) []string {
	var msgs []string
	for _, l := range strings.Split(stderr, "\n") {
		if (strings.HasPrefix(l, "durand extract: ") || strings.HasPrefix(l, "durand ingest: ")) && !ingestSummary.MatchString(l) {
			msgs = append(msgs, l)
		}
	}
	return msgs
}

func containsLine(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// runHostile runs durand with args, stdin as its standard input, and
// returns its standard output and what it said about the input it calls
// name. An error other than failed inputs ends the test.
func runHostile(t *testing.T, name string, stdin io.Reader, args ...string) (string, hostileOutcome) {
	t.Helper()
	cmd := newRoot()
	var stdout, stderr bytes.Buffer
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	cmd.SetIn(stdin)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err != nil && !errors.Is(err, errReported) {
		t.Fatalf("durand %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), hostileOutcome{name: name, failed: err != nil, msgs: reported(stderr.String())}
}

func openInput(t *testing.T, path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// serveFile serves a file by its absolute path, with the media type of its
// extension and no charset, so that pages say their own.
func serveFile(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open(filepath.FromSlash(r.URL.Path))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	types := map[string]string{".html": "text/html", ".txt": "text/plain", ".jsonl": "application/x-ndjson",
		".rss": "application/rss+xml", ".atom": "application/atom+xml"}
	if ct, ok := types[filepath.Ext(r.URL.Path)]; ok {
		w.Header().Set("Content-Type", ct)
	}
	io.Copy(w, f)
}

// decodeEvents reads durand extract's JSON lines; each line must be a
// whole event.
func decodeEvents(t *testing.T, stdout string) []durand.Event {
	t.Helper()
	var evs []durand.Event
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if l == "" {
			continue
		}
		var ev durand.Event
		if err := ev.UnmarshalJSON([]byte(l)); err != nil {
			t.Fatalf("output line is not an event: %v: %.200s", err, l)
		}
		evs = append(evs, ev)
	}
	return evs
}

// readStore returns every document and event a store holds.
func readStore(t *testing.T, path string) (map[durand.DocID]durand.Document, []durand.Event) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT doc_id FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	docs := map[durand.DocID]durand.Document{}
	for rows.Next() {
		var id durand.DocID
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		if docs[id], err = st.Document(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	page, err := st.Events(ctx, store.Query{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	evs, err := page.Decode()
	if err != nil {
		t.Fatal(err)
	}
	return docs, evs
}

// allocated returns the bytes allocated on the heap while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
