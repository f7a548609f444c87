package sqlite_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/durandhq/durand/store/sqlite"
)

// TestMigrateDocumentVersions opens a store written before document
// versions existed, holding two texts under one id (as every standard
// input ingest did): the newer is current, the older replaced, and each
// event links to the text it came from.
func TestMigrateDocumentVersions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v5.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"0001_init.sql", "0002_event_places_by_event.sql", "0003_event_filter_index.sql",
		"0004_event_actor_codes.sql", "0005_event_span.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, q := range []string{
		"PRAGMA user_version = 5",
		`INSERT INTO documents(doc_id, hash, text, stored_at) VALUES ('-', 'h1', 'First text.', 'x'), ('-', 'h2', 'Second text.', 'x'), ('a', 'h3', 'Other.', 'x')`,
		`INSERT INTO events(id, type, modality, confidence, body) VALUES ('e2', 'ASSAULT', 'asserted', 1, '{}'), ('e3', 'ASSAULT', 'asserted', 1, '{}')`,
		`INSERT INTO event_docs(event_id, doc_id) VALUES ('e2', '-'), ('e3', 'a')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Replaced != 1 {
		t.Errorf("%d current documents, %d replaced; want 2, 1", st.Documents, st.Replaced)
	}
	if d, err := s.Document(t.Context(), "-"); err != nil || d.Hash != "h2" {
		t.Errorf("Document(-) = %q, %v; want the newer text", d.Text, err)
	}
	db, err = sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for ev, want := range map[string]string{"e2": "h2", "e3": "h3"} {
		var hash string
		if err := db.QueryRow("SELECT hash FROM event_docs WHERE event_id = ?", ev).Scan(&hash); err != nil || hash != want {
			t.Errorf("event %s links to text %q (%v), want %q", ev, hash, err, want)
		}
	}
}
