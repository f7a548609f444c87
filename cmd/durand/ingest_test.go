package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/store/sqlite"
)

func TestIngestIsIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "i.db")
	_, stderr, err := run(t, "", "ingest", "--db", db, "../../testdata/bench/corpus.jsonl")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "218 stored") {
		t.Errorf("first run: %s", stderr)
	}
	_, stderr, err = run(t, "", "ingest", "--db", db, "../../testdata/bench/corpus.jsonl", "../../testdata/seed/article.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "0 stored (0 events), 219 already stored") {
		t.Errorf("second run stored something: %s", stderr)
	}
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, _ := s.Stats(context.Background()); st.Logged["stored"] != 218 || st.Logged["skipped"] != 219 {
		t.Errorf("ingest log %v, want 218 stored and 219 skipped", st.Logged)
	}
}

func TestIngestBadInputsAreLogged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte("{\"id\":\"bad\"\n{\"id\":\"ok\",\"text\":\"Gunmen killed two police officers in Jalalabad.\"}\n{\"id\":\"utf\",\"text\":\"\xff\"}\n"), 0o644)
	_, stderr, err := run(t, "", "ingest", "--db", db, in)
	if err == nil {
		t.Error("exit status 0 with failed inputs")
	}
	if !strings.Contains(stderr, "in.jsonl:1") || !strings.Contains(stderr, "in.jsonl:3") || !strings.Contains(stderr, "1 stored") {
		t.Errorf("stderr: %s", stderr)
	}
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Stats(context.Background())
	if st.Logged["failed"] != 2 || st.Logged["stored"] != 1 {
		t.Errorf("ingest log %v", st.Logged)
	}
}

// TestIngestBudgetGoesOn checks that a document over --budget is
// reported with its name and the reason, logged as failed, the exit
// status is 1, and the next document is stored.
func TestIngestBudgetGoesOn(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	in := filepath.Join(dir, "in.jsonl")
	long := strings.Repeat("Gunmen killed two police officers in Jalalabad. ", 20)
	os.WriteFile(in, []byte(`{"id":"long","text":"`+long+`"}`+"\n"+`{"id":"ok","text":"Gunmen killed two police officers in Jalalabad."}`+"\n"), 0o644)
	_, stderr, err := run(t, "", "ingest", "--budget", "1ns", "--db", db, in)
	if err == nil {
		t.Error("exit status 0 with a document over its budget")
	}
	if !strings.Contains(stderr, "doc long:") || !strings.Contains(stderr, "time budget exceeded") || !strings.Contains(stderr, "1 stored") {
		t.Errorf("stderr: %s", stderr)
	}
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, _ := s.Stats(context.Background()); st.Logged["failed"] != 1 || st.Logged["stored"] != 1 {
		t.Errorf("ingest log %v, want 1 failed and 1 stored", st.Logged)
	}
}

// bigCorpus writes n distinct news-length documents made from the bench
// corpus, and returns the path.
func bigCorpus(t testing.TB, n int) string {
	t.Helper()
	f, err := os.Open("../../testdata/bench/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			items = append(items, m)
		}
	}
	path := filepath.Join(t.TempDir(), "big.jsonl")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(out)
	for i := range n {
		// A news-length text: five items, each document a different mix.
		var parts []string
		for k := range 5 {
			parts = append(parts, items[(i*7+k*31)%len(items)]["text"].(string))
		}
		m := map[string]any{"id": fmt.Sprintf("big-%05d", i), "published": items[i%len(items)]["published"],
			"text": strings.Join(parts, "\n\n") + fmt.Sprintf("\n\nReport %d.", i)}
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
	}
	out.Close()
	return path
}

// TestIngestSurvivesKill kills an ingesting child with SIGKILL at several
// points, then checks that every document it reported stored is there,
// that no document is half-written, that the ingest log holds each stored
// document's entry (it is written in the document's transaction), and
// that a second run completes the rest.
func TestIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	const n = 3000
	corpus := bigCorpus(t, n)
	want := expectedEvents(t, corpus)
	for _, after := range killPoints(t) {
		t.Run(fmt.Sprintf("after=%d", after), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "k.db")
			reported := killIngest(t, corpus, db, after)
			got := storedEvents(t, db)
			if len(got) >= n {
				t.Fatalf("the child finished before it was killed (%d documents); make the corpus bigger", len(got))
			}
			for id := range reported {
				if _, ok := got[id]; !ok {
					t.Errorf("document %s was reported stored but is not in the store", id)
				}
			}
			for id, k := range got {
				if k != want[id] {
					t.Errorf("document %s has %d events stored, extraction gives %d: half-written", id, k, want[id])
				}
			}
			checkLogged(t, db)
			t.Logf("killed after %d reported, %d stored", len(reported), len(got))

			_, stderr, err := run(t, "", "ingest", "--db", db, corpus)
			if err != nil {
				t.Fatalf("re-run: %v\n%s", err, stderr)
			}
			got = storedEvents(t, db)
			if len(got) != n {
				t.Errorf("after the re-run %d documents stored, want %d", len(got), n)
			}
			for id, k := range want {
				if got[id] != k {
					t.Errorf("after the re-run document %s has %d events, want %d", id, got[id], k)
				}
			}
			checkLogged(t, db)
		})
	}
}

// killPoints are the numbers of documents reported stored after which
// TestIngestSurvivesKill kills the child: three fixed points, and with
// DURAND_KILLS=N (for docs/reliability.md) N more drawn at random.
func killPoints(t *testing.T) []int {
	points := []int{1, 64, 200}
	if s := os.Getenv("DURAND_KILLS"); s != "" {
		k, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("DURAND_KILLS=%q: %v", s, err)
		}
		for range k {
			points = append(points, 1+rand.IntN(600))
		}
	}
	return points
}

// killIngest runs `durand ingest -v` on corpus in a child process, kills
// it with SIGKILL once it has reported after documents stored, and returns
// every document it reported stored.
func killIngest(t *testing.T, corpus, db string, after int) map[string]bool {
	t.Helper()
	child := exec.Command(os.Args[0], "ingest", "-v", "--batch", "8", "--db", db, corpus)
	child.Env = append(os.Environ(), "DURAND_TEST_MAIN=1")
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	reported := map[string]bool{}
	sc := bufio.NewScanner(stdout)
	read := func() {
		if f := strings.Split(sc.Text(), "\t"); len(f) >= 3 && f[0] == "stored" {
			reported[f[1]] = true
		}
	}
	for len(reported) < after && sc.Scan() {
		read()
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() { // what the child wrote before it died
		read()
	}
	child.Wait()
	if len(reported) < after {
		t.Fatalf("child reported %d stored before dying, want %d", len(reported), after)
	}
	return reported
}

// checkLogged checks that the ingest log and the documents agree: each
// current document has one "stored" entry with its hash and its number of
// events, and each "stored" entry has its document.
func checkLogged(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct{ what, query string }{
		{"stored documents without one stored log entry of their events", `SELECT count(*) FROM documents d WHERE 1 <> (SELECT count(*) FROM ingest_log l
			WHERE l.hash = d.hash AND l.status = 'stored' AND l.events = (SELECT count(*) FROM event_docs e WHERE e.hash = d.hash))`},
		{"stored log entries without their document", `SELECT count(*) FROM ingest_log l WHERE l.status = 'stored'
			AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.hash = l.hash)`},
	} {
		var k int
		if err := db.QueryRow(c.query).Scan(&k); err != nil {
			t.Fatal(err)
		}
		if k != 0 {
			t.Errorf("%d %s", k, c.what)
		}
	}
}

// expectedEvents extracts every document of a corpus in process.
func expectedEvents(t *testing.T, corpus string) map[string]int {
	x, err := newExtractor()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	rd := &ingest.Reader{}
	err = rd.Read(context.Background(), []string{corpus}, func(d durand.Document) error {
		want[string(d.ID)] = len(x.Extract(d))
		return nil
	}, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// storedEvents counts each stored document's events (of its current
// version), reading the SQLite file directly.
func storedEvents(t *testing.T, path string) map[string]int {
	t.Helper()
	s, err := sqlite.Open(path) // recovers the WAL, checks the schema
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	got := map[string]int{}
	rows, err := db.Query(`SELECT d.doc_id, (SELECT count(*) FROM event_docs e WHERE e.hash = d.hash) FROM documents d WHERE d.replaced_by IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var k int
		if err := rows.Scan(&id, &k); err != nil {
			t.Fatal(err)
		}
		got[id] = k
	}
	return got
}

// TestIngestWatch polls a folder: a file added while watching is stored,
// unchanged files are not read again, and cancelling ends the run.
func TestIngestWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a poll")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte("Gunmen killed two police officers in Jalalabad on Monday."), 0o644)
	db := filepath.Join(dir, "w.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := newRoot()
	var errb strings.Builder
	cmd.SetErr(&syncWriter{w: &errb})
	cmd.SetOut(io.Discard)
	cmd.SetArgs([]string{"ingest", "--watch", "--interval", "1s", "--db", db, in})
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()

	has := func(id string) bool {
		if _, err := os.Stat(db); err != nil {
			return false // not created yet: opening it here would race the ingest's own setup
		}
		s, err := sqlite.Open(db)
		if err != nil {
			return false
		}
		defer s.Close()
		_, err = s.Document(context.Background(), durand.DocID(id))
		return err == nil
	}
	wait := func(id string) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if has(id) {
				return
			}
		}
		t.Fatalf("%s not stored while watching", id)
	}
	wait(filepath.Join(in, "a.txt"))
	os.WriteFile(filepath.Join(in, "b.txt"), []byte("A roadside bomb wounded three soldiers in Bajaur on Sunday."), 0o644)
	wait(filepath.Join(in, "b.txt"))
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop when cancelled")
	}
	if strings.Contains(errb.String(), "already stored") && strings.Contains(errb.String(), "1 already stored") {
		t.Errorf("an unchanged file was read again:\n%s", errb.String())
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
