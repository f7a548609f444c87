package serve_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store/sqlite"
)

// TestPostedTextsKeepTheirEvents: every text/plain POST was named "body",
// so a second report overwrote the first one's events and the event's
// evidence pointed into the wrong text. Each posted text keeps its own
// events, and an event's context is read from the text it came from; a
// JSON-lines document posted again under its id with another text
// replaces its events, and says so.
func TestPostedTextsKeepTheirEvents(t *testing.T) {
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := newServer(t, st, x, "s3cret")
	post := func(ct, body string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+"/api/documents", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer s3cret")
		req.Header.Set("Content-Type", ct)
		var m map[string]any
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		if r.StatusCode != 200 {
			t.Fatalf("POST %q: status %d", body, r.StatusCode)
		}
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	// context returns the sentences the event's detail shows.
	contexts := func() map[string][]string {
		var p page
		get(t, srv.URL+"/api/events?limit=100", &p)
		out := map[string][]string{}
		for _, e := range p.Events {
			var d serve.Detail
			id := e["id"].(string)
			get(t, srv.URL+"/api/events/"+id, &d)
			for _, c := range d.Context {
				out[id] = append(out[id], c.Text)
			}
		}
		return out
	}
	// Same trigger, same place, same offsets: only the texts differ.
	a, b := "Gunmen killed two police officers in Bannu on Monday.", "Gunmen killed six police officers in Bannu on Sunday."
	post("text/plain", a)
	post("text/plain", b)
	got := contexts()
	var texts []string
	for _, c := range got {
		texts = append(texts, c...)
	}
	slices.Sort(texts)
	if !slices.Equal(texts, []string{b, a}) || len(got) != 2 { // sorted: "six" < "two"
		t.Errorf("after two plain-text posts, events and their contexts: %v; want one event in each text", got)
	}

	old, c := "Gunmen killed four police officers in Bannu on Friday.", "Gunmen killed nine police officers in Bannu on Friday."
	post("application/x-ndjson", `{"id":"wire-1","text":"`+old+`"}`+"\n")
	m := post("application/x-ndjson", `{"id":"wire-1","text":"`+c+`"}`+"\n")
	if m["stored"] != 1.0 || m["replaced"] != 1.0 {
		t.Errorf("a new text under a posted id: %v, want stored 1, replaced 1", m)
	}
	seen := map[string]int{}
	for _, ctx := range contexts() {
		for _, s := range ctx {
			seen[s]++
		}
	}
	if seen[c] != 1 || seen[old] != 0 {
		t.Errorf("events' contexts %v: want the new version's sentence once and the replaced one's never", seen)
	}
}
