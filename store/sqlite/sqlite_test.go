package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

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
