package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durandhq/durand/store/sqlite"
	"github.com/durandhq/durand/store/storetest"
)

// TestMergedEvents: three reports of one attack are one event in durand
// events, three with --per-report; explain names the fields that merged
// them; --unmerge splits them for good.
func TestMergedEvents(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.PutDocuments(t.Context(), storetest.OneIncident())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	events := func(args ...string) []map[string]any {
		t.Helper()
		out, stderr, err := run(t, "", append([]string{"events", "--db", db}, args...)...)
		if err != nil {
			t.Fatalf("events %v: %v\n%s", args, err, stderr)
		}
		var evs []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("not JSON: %s", l)
			}
			evs = append(evs, m)
		}
		return evs
	}
	evs := events()
	if len(evs) != 1 || evs[0]["sources"].(float64) != 3 || len(evs[0]["members"].([]any)) != 3 {
		t.Fatalf("events: %v, want one merged event of three reports", evs)
	}
	id := evs[0]["id"].(string)
	if got := events("--per-report"); len(got) != 3 || got[0]["members"] != nil {
		t.Errorf("--per-report: %d events, want the three reports'", len(got))
	}
	out, _, err := run(t, "", "explain", "--db", db, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# event " + id + ": 3 reports of one incident", "score 0.", "ev_ap ~ ev_dawn", "place +",
		"ev_ap  [ap:bannu]  ASSAULT 2024-03-18, Bannu, 15 dead", `"members":["ev_ap","ev_dawn","ev_reuters"]`} {
		if !strings.Contains(out, want) {
			t.Errorf("explain %s does not say %q:\n%s", id, want, out)
		}
	}
	if out, _, err = run(t, "", "events", "--db", db, "--unmerge", id); err != nil || !strings.Contains(out, "split into 3 events") {
		t.Fatalf("--unmerge: %v %s", err, out)
	}
	if got := events(); len(got) != 3 {
		t.Errorf("after --unmerge: %d events, want 3", len(got))
	}
	if _, _, err := run(t, "", "events", "--db", db, "--unmerge", id); err == nil {
		t.Error("unmerging it twice succeeded")
	}
	if _, _, err := run(t, "", "explain", "--db", db, "no-such-event"); err == nil {
		t.Error("explain of an unknown id succeeded")
	}
}
