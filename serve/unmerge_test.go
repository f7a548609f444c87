package serve_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"testing"

	"github.com/durandhq/durand/store/sqlite"
	"github.com/durandhq/durand/store/storetest"
)

// TestUnmerge: the events list gives one merged event for three reports
// of one attack, per_report=true the three; POST …/unmerge, with the
// token, splits it.
func TestUnmerge(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "u.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutDocuments(t.Context(), storetest.OneIncident()); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, st, nil, "secret")
	var p page
	if get(t, srv.URL+"/api/events", &p); len(p.Events) != 1 || p.Events[0]["sources"].(float64) != 3 || len(p.Events[0]["members"].([]any)) != 3 {
		t.Fatalf("events %v, want one merged event of three reports", p.Events)
	}
	merged := p.Events[0]["id"].(string)
	if get(t, srv.URL+"/api/events?per_report=true", &p); len(p.Events) != 3 {
		t.Fatalf("per_report: %d events, want 3", len(p.Events))
	}
	for _, c := range []struct {
		token, id string
		code      int
	}{
		{"", merged, http.StatusUnauthorized},
		{"wrong", merged, http.StatusUnauthorized},
		{"secret", "ev_dawn", http.StatusNotFound},
		{"secret", merged, http.StatusOK},
		{"secret", merged, http.StatusNotFound}, // split already
	} {
		r, body := postTo(t, srv.URL+"/api/events/"+c.id+"/unmerge", c.token)
		if r.StatusCode != c.code {
			t.Errorf("unmerge %s with token %q: %d %v, want %d", c.id, c.token, r.StatusCode, body, c.code)
		}
		if c.code == http.StatusOK && !slices.Equal(body["members"].([]any), []any{"ev_ap", "ev_dawn", "ev_reuters"}) {
			t.Errorf("unmerge answered %v", body)
		}
	}
	if get(t, srv.URL+"/api/events", &p); len(p.Events) != 3 {
		t.Errorf("after unmerge: %d events, want the three reports'", len(p.Events))
	}
	ro := newServer(t, st, nil, "")
	if r, _ := postTo(t, ro.URL+"/api/events/x/unmerge", ""); r.StatusCode != http.StatusForbidden {
		t.Errorf("unmerge on a server without a token: %d, want 403", r.StatusCode)
	}
}

// postTo posts nothing to url, with the bearer token when one is given.
func postTo(t *testing.T, url, token string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var m map[string]any
	json.NewDecoder(r.Body).Decode(&m)
	return r, m
}
