package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// The golden files are the safety net for rewriting extraction: every
// document a test of this package extracts, with every event it gives in
// full, is compared with testdata/golden/TEST.jsonl. A test's own checks
// say what matters to it; the golden file shows everything else a change
// moved. Run `go test ./pipeline -update` to accept what a change does,
// and read the diff before committing it.
var update = flag.Bool("update", false, "rewrite testdata/golden with what extraction gives now")

// goldenX is the extractor the tests use: it records what each test
// extracts.
type goldenX struct {
	*Extractor
	rec *recording
}

// Extract extracts doc and records it.
func (g goldenX) Extract(doc durand.Document) []durand.Event {
	evs := g.Extractor.Extract(doc)
	if g.rec != nil {
		g.rec.add(doc, evs)
	}
	return evs
}

// longText is the length past which a golden file names a text by its
// hash, not in full.
const longText = 8 << 10

// goldenCase is one document a test extracted and what it gave.
type goldenCase struct {
	Published string            `json:"published"`
	Text      string            `json:"text"`
	Events    []json.RawMessage `json:"events"`
}

type recording struct {
	mu    sync.Mutex
	cases []goldenCase
	err   error
}

func (r *recording) add(doc durand.Document, evs []durand.Event) {
	c := goldenCase{Text: doc.Text, Events: []json.RawMessage{}}
	if len(doc.Text) > longText { // a generated long text: its start and its hash name it
		c.Text = fmt.Sprintf("%s… (%d bytes, sha256 %x)", doc.Text[:200], len(doc.Text), sha256.Sum256([]byte(doc.Text)))
	}
	if !doc.Published.IsZero() {
		c.Published = doc.Published.Format(time.DateOnly)
	}
	h := sha256.New()
	for i := range evs {
		b, err := json.Marshal(evs[i])
		if err != nil && r.err == nil {
			r.err = err
		}
		h.Write(b)
		c.Events = append(c.Events, b)
	}
	if len(doc.Text) > longText { // and its events by their number and hash
		digest, _ := json.Marshal(fmt.Sprintf("%d events, sha256 %x", len(evs), h.Sum(nil)))
		c.Events = []json.RawMessage{digest}
	}
	r.mu.Lock()
	r.cases = append(r.cases, c)
	r.mu.Unlock()
}

var recordings sync.Map // *testing.T → *recording

// recorder returns t's recording, made on the first call, compared with
// (or written to) its golden file when t ends. Fuzz targets and
// benchmarks record nothing.
func recorder(tb testing.TB) *recording {
	t, ok := tb.(*testing.T)
	if !ok {
		return nil
	}
	if r, ok := recordings.Load(t); ok {
		return r.(*recording)
	}
	r := &recording{}
	recordings.Store(t, r)
	t.Cleanup(func() {
		recordings.Delete(t)
		if t.Skipped() {
			return
		}
		if r.err != nil {
			t.Fatalf("golden: %v", r.err)
		}
		checkGolden(t, r.cases)
	})
	return r
}

func goldenPath(t *testing.T) string {
	return filepath.Join("testdata", "golden", strings.ReplaceAll(t.Name(), "/", "__")+".jsonl")
}

// checkGolden compares what t extracted with its golden file, or writes
// the file with -update.
func checkGolden(t *testing.T, got []goldenCase) {
	path := goldenPath(t)
	if *update {
		if len(got) == 0 {
			os.Remove(path) // a test that extracts nothing has no golden file
			return
		}
		var buf bytes.Buffer
		for _, c := range got {
			b, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			buf.Write(b)
			buf.WriteByte('\n')
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := readGolden(path)
	if len(got) == 0 && os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatalf("golden: %v (go test ./pipeline -update writes it)", err)
	}
	if len(want) != len(got) {
		t.Errorf("golden %s: %d documents extracted, the file has %d (go test ./pipeline -update, then read the diff)", path, len(got), len(want))
	}
	for i := range min(len(want), len(got)) {
		if d := caseDiff(want[i], got[i]); d != "" {
			t.Errorf("golden %s, document %d %q:\n%s", path, i+1, clip(got[i].Text, 100), d)
		}
	}
}

func readGolden(path string) ([]goldenCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []goldenCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var c goldenCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// caseDiff says how two recordings of one document differ, event by
// event, or returns "".
func caseDiff(want, got goldenCase) string {
	if want.Text != got.Text || want.Published != got.Published {
		return fmt.Sprintf("  another document: the file has %q (%s)", clip(want.Text, 100), want.Published)
	}
	var b strings.Builder
	for i := range max(len(want.Events), len(got.Events)) {
		var w, g string
		if i < len(want.Events) {
			w = compact(want.Events[i])
		}
		if i < len(got.Events) {
			g = compact(got.Events[i])
		}
		if w != g {
			fmt.Fprintf(&b, "  event %d%s\n", i+1, fieldDiff(w, g))
		}
	}
	return b.String()
}

// fieldDiff lists the top-level fields of two events' JSON that differ,
// or both events whole when one is missing.
func fieldDiff(was, now string) string {
	var w, n map[string]json.RawMessage
	if json.Unmarshal([]byte(was), &w) != nil || json.Unmarshal([]byte(now), &n) != nil {
		return fmt.Sprintf("\n    was %s\n    now %s", orNone(was), orNone(now))
	}
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(w)) {
		if compact(w[k]) != compact(n[k]) {
			fmt.Fprintf(&b, "\n    %s: was %s, now %s", k, compact(w[k]), orNone(compact(n[k])))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(n)) {
		if _, ok := w[k]; !ok {
			fmt.Fprintf(&b, "\n    %s: new, %s", k, compact(n[k]))
		}
	}
	return b.String()
}

func compact(raw json.RawMessage) string {
	if raw == nil {
		return ""
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return string(raw)
	}
	return buf.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
