package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// Two reports that share an id (standard input, an edited file, one id
// twice in a JSON-lines file) must never share stored events: before,
// each run said "1 stored (1 events)" and the first text's events were
// silently overwritten by the second's.
const (
	textA = "Gunmen killed two police officers in Bannu on Monday."
	textB = "Gunmen killed six police officers in Bannu on Sunday." // the same trigger and place as textA
)

func TestIngestDocumentIdentity(t *testing.T) {
	x, err := pipeline.New(pipeline.Options{}) // not newExtractor: other tests leave flags set
	if err != nil {
		t.Fatal(err)
	}
	// events is what extraction gives a text as a document named id.
	events := func(id, text string) []string {
		d, err := ingest.NewDocument(durand.Document{ID: durand.DocID(id), Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, ev := range x.Extract(d) {
			ids = append(ids, ev.ID)
		}
		if len(ids) == 0 {
			t.Fatalf("no event in %q: the test needs one", text)
		}
		return ids
	}
	jsonl := `{"id":"r1","text":"` + textA + `"}` + "\n" + `{"id":"r1","text":"` + textB + `"}` + "\n"
	for _, tc := range []struct {
		name string
		// runs are the inputs of successive ingests: a file's content
		// (written to in.txt or in.jsonl) or, with stdin, standard input.
		runs      []string
		file      string
		stdin     bool
		wantDocs  int                        // current documents
		wantOld   int                        // replaced versions kept
		wantEvent func(path string) []string // given the file's path
		wantSaid  string                     // in the last run's summary
	}{
		{name: "standard input twice", runs: []string{textA, textB}, stdin: true, wantDocs: 2,
			wantEvent: func(string) []string {
				return append(events("doc_"+ingest.Hash(textA)[:16], textA), events("doc_"+ingest.Hash(textB)[:16], textB)...)
			}, wantSaid: "1 stored"},
		{name: "edited file", runs: []string{textA, textB}, file: "in.txt", wantDocs: 1, wantOld: 1,
			wantEvent: func(p string) []string { return events(p, textB) }, wantSaid: "1 stored (1 events) (1 replacing an earlier version under the same id)"},
		{name: "one id twice in JSON lines", runs: []string{jsonl}, file: "in.jsonl", wantDocs: 1, wantOld: 1,
			wantEvent: func(string) []string { return events("r1", textB) }, wantSaid: "(1 replacing an earlier version under the same id)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "id.db")
			var stderr string
			for _, in := range tc.runs {
				arg, stdin := "-", in
				if !tc.stdin {
					arg, stdin = filepath.Join(dir, tc.file), ""
					if err := os.WriteFile(arg, []byte(in), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				_, stderr, err = run(t, stdin, "ingest", "--db", db, arg)
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
			}
			if !strings.Contains(stderr, tc.wantSaid) {
				t.Errorf("last run said %q, want %q in it", stderr, tc.wantSaid)
			}
			got := storedEventIDs(t, db)
			slices.Sort(got)
			want := tc.wantEvent(filepath.Join(dir, tc.file))
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("stored events %v, want %v", got, want)
			}
			s, err := sqlite.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			st, err := s.Stats(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if st.Documents != tc.wantDocs || st.Replaced != tc.wantOld {
				t.Errorf("%d documents, %d replaced; want %d, %d", st.Documents, st.Replaced, tc.wantDocs, tc.wantOld)
			}
		})
	}
}

// storedEventIDs lists the ids of every stored event.
func storedEventIDs(t *testing.T, db string) []string {
	t.Helper()
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []string
	for q := (store.Query{Limit: store.MaxLimit}); ; {
		p, err := s.Events(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := p.Decode()
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			ids = append(ids, ev.ID)
		}
		if p.Next == "" {
			return ids
		}
		q.Cursor = p.Next
	}
}
