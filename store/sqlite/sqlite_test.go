package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
	"github.com/durandhq/durand/store/storetest"
)

func open(t *testing.T) store.Store {
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// TestReopen checks that a store survives closing and that opening an
// up-to-date database applies no migration twice.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "re.db")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	d := storetest.Doc("x", "Some text.")
	if _, err := s.PutDocuments(context.Background(), []store.Extracted{{Doc: d}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if ok, err := s.HasDocument(context.Background(), d.Hash); !ok || err != nil {
		t.Errorf("after reopen HasDocument = %v, %v", ok, err)
	}
}

// TestOpenPath: a store is the file its path names, whatever characters
// the path holds; "#" cut it short ("reports#2.db" was the file "reports").
func TestOpenPath(t *testing.T) {
	for _, name := range []string{"reports#2.db", "what?.db", "100%.db", "a%23b.db", "sp ace.db"} {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.PutDocuments(context.Background(), []store.Extracted{{Doc: storetest.Doc("x", "Some text.")}})
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		files, _ := os.ReadDir(dir)
		var names []string
		for _, f := range files {
			names = append(names, f.Name())
		}
		if !slices.Contains(names, name) || slices.ContainsFunc(names, func(n string) bool { return !strings.HasPrefix(n, name) }) {
			t.Errorf("store %q made the files %q", name, names)
		}
	}
}

// TestConcurrentOpen opens a new database from several goroutines at
// once: the migrations are applied once, and every open succeeds.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			s, err := sqlite.Open(path)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestSummaryFollowsOtherWriters: the series, network and points a reader
// answers from memory follow what another handle on the file (another
// process, such as durand ingest beside durand serve) writes and deletes.
func TestSummaryFollowsOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.db")
	// The reader asks the file at every read: by default it trusts its
	// summary for 200 ms.
	writer, reader := openAt(t, path, sqlite.Options{}), openAt(t, path, sqlite.Options{Recheck: -1})
	ctx := context.Background()
	point := func(id string, d durand.Document) durand.Event {
		return durand.Event{ID: id, Type: durand.Assault, Modality: durand.Asserted, Docs: []durand.DocID{d.ID},
			Place: &durand.Place{Name: "Quetta", Country: "PAK", Lat: 30.2, Lon: 67, Prec: durand.AtPlace}}
	}
	ids := func() []string {
		t.Helper()
		pts, err := reader.Points(ctx, store.Query{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range pts {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids(); len(got) != 0 {
		t.Fatalf("empty store has points %v", got)
	}
	v1 := storetest.Doc("a", "First text.")
	if _, err := writer.PutDocuments(ctx, []store.Extracted{{Doc: v1, Events: []durand.Event{point("one", v1)}}}); err != nil {
		t.Fatal(err)
	}
	if got := ids(); !slices.Equal(got, []string{"one"}) {
		t.Errorf("after the other handle wrote: %v, want [one]", got)
	}
	v2 := storetest.Doc("a", "Second text, a new version.")
	if _, err := writer.PutDocuments(ctx, []store.Extracted{{Doc: v2, Events: []durand.Event{point("two", v2)}}}); err != nil {
		t.Fatal(err)
	}
	if got := ids(); !slices.Equal(got, []string{"two"}) {
		t.Errorf("after the other handle replaced the document: %v, want [two]", got)
	}

	// A reader with the default recheck sees another handle's write once
	// 200 ms have passed since it last asked.
	lazy := openAt(t, path, sqlite.Options{})
	if _, err := lazy.Points(ctx, store.Query{}); err != nil {
		t.Fatal(err)
	}
	v3 := storetest.Doc("a", "Third text, another version.")
	if _, err := writer.PutDocuments(ctx, []store.Extracted{{Doc: v3, Events: []durand.Event{point("three", v3)}}}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(250 * time.Millisecond)
	pts, err := lazy.Points(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 1 || pts[0].ID != "three" {
		t.Errorf("250 ms after the other handle wrote, the default reader has %+v, want [three]", pts)
	}
}

func openAt(t *testing.T, path string, opt sqlite.Options) *sqlite.DB {
	s, err := sqlite.OpenWith(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
