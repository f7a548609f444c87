package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// TestImportGoesOnAfterABadFile imports a compressed file, a missing one,
// one with bad rows and a good one: each bad file and row is reported by
// name, the rest is stored, and the exit status is 1.
func TestImportGoesOnAfterABadFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "i.db")
	const testdata = "../../dataset/testdata/"
	_, stderr, err := run(t, "", "import", "--db", db, "--format", "acled",
		testdata+"import/csv/gzip.csv", filepath.Join(dir, "missing.csv"), testdata+"import/acled/counts.csv", testdata+"acled_sample.csv")
	if !errors.Is(err, errReported) {
		t.Errorf("exit error %v, want %v", err, errReported)
	}
	for _, want := range []string{
		"gzip.csv: not CSV text but gzip-compressed data: decompress it first\n",
		"missing.csv: no such file or directory\n",
		`counts.csv:6: fatalities "1e308": not a count (want a whole number from 0 to 1000000)` + "\n",
		"counts.csv: 4 events imported, 9 rows failed",
		"acled_sample.csv: 6 events imported, 0 rows failed",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if err == nil || err.Error() != "9 row(s) and 2 file(s) failed: some inputs failed" {
		t.Errorf("exit error %v", err)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if s, _ := st.Stats(context.Background()); s.Events != 10 {
		t.Errorf("%d events stored, want 10", s.Events)
	}
	if _, err := st.Event(context.Background(), "acled:1e308"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused row is stored: %v", err)
	}

	if _, stderr, err := run(t, "", "import", "--db", db, "--format", "acled", testdata+"acled_sample.csv"); err != nil {
		t.Errorf("a good file: %v\n%s", err, stderr)
	}
	if _, _, err := run(t, "", "import", "--db", db, "--format", "csv", testdata+"acled_sample.csv"); err == nil || !strings.Contains(err.Error(), "--format") {
		t.Errorf("unknown --format: %v", err)
	}
}
