package dedupe

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/cases/*.golden from what Cluster and Merge do")

// wantCase is what a scenario expects: the groups, by event id, and fields
// of the merged incidents (only those given are checked).
type wantCase struct {
	Clusters  [][]string `json:"clusters"`
	Incidents []struct {
		Members    []string `json:"members"`
		Type       *string  `json:"type"`
		Mode       *string  `json:"mode"`
		Place      *string  `json:"place"`
		Precision  *string  `json:"precision"`
		Date       *string  `json:"date"`
		Fatalities []int    `json:"fatalities"`
		Injured    []int    `json:"injured"`
		Sources    *int     `json:"sources"`
		Source     []string `json:"source"`
		Target     []string `json:"target"`
		Modality   *string  `json:"modality"`
	} `json:"incidents"`
}

// TestCases runs each testdata/cases/*.txtar scenario: its reports are
// clustered and merged, the groups and the incidents' fields compared with
// want.json, and every pair's match, each group's links and merged event
// with the .golden file beside it (rewritten by -update).
func TestCases(t *testing.T) {
	ru := rules(t)
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		t.Run(name, func(t *testing.T) {
			reports, want := readCase(t, f)
			groups, err := ru.Cluster(reports, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			var merged []Merged
			for _, g := range groups {
				var ids []string
				var rs []Report
				for _, i := range g {
					ids = append(ids, reports[i].Event.ID)
					rs = append(rs, reports[i])
				}
				got = append(got, ids)
				m, err := ru.Merge(rs)
				if err != nil {
					t.Fatal(err)
				}
				merged = append(merged, m)
			}
			if !reflect.DeepEqual(got, want.Clusters) {
				t.Errorf("clusters:\n got %q\nwant %q", got, want.Clusters)
			}
			checkIncidents(t, merged, want)
			golden(t, strings.TrimSuffix(f, ".txtar")+".golden", explain(ru, reports, merged))
		})
	}
}

func readCase(t *testing.T, file string) ([]Report, wantCase) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var reports []Report
	var want wantCase
	for _, f := range ar.Files {
		switch f.Name {
		case "reports.jsonl":
			if reports, err = readReports(string(f.Data)); err != nil {
				t.Fatalf("%s: reports.jsonl: %v", file, err)
			}
		case "want.json":
			if err := json.Unmarshal(f.Data, &want); err != nil {
				t.Fatalf("%s: want.json: %v", file, err)
			}
		}
	}
	return reports, want
}

func checkIncidents(t *testing.T, merged []Merged, want wantCase) {
	t.Helper()
	for _, w := range want.Incidents {
		i := slices.IndexFunc(merged, func(m Merged) bool { return slices.Equal(m.Members, w.Members) })
		if i < 0 {
			t.Errorf("no incident of %q", w.Members)
			continue
		}
		ev := merged[i].Event
		check := func(field string, got, want any) {
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q: %s = %v, want %v", w.Members, field, got, want)
			}
		}
		if w.Type != nil {
			check("type", string(ev.Type), *w.Type)
		}
		if w.Mode != nil {
			check("mode", ev.Mode, *w.Mode)
		}
		if w.Place != nil || w.Precision != nil {
			if ev.Place == nil {
				t.Errorf("%q: no place", w.Members)
			} else {
				if w.Place != nil {
					check("place", ev.Place.Name, *w.Place)
				}
				if w.Precision != nil {
					check("precision", string(ev.Place.Prec), *w.Precision)
				}
			}
		}
		if w.Date != nil {
			check("date", ev.Date.Start.Format("2006-01-02"), *w.Date)
		}
		if w.Fatalities != nil {
			check("fatalities", ev.Fatalities, count(w.Fatalities))
		}
		if w.Injured != nil {
			check("injured", ev.Injured, count(w.Injured))
		}
		if w.Sources != nil {
			check("sources", len(ev.Docs), *w.Sources)
		}
		if w.Source != nil {
			check("source", codes(ev.Source), w.Source)
		}
		if w.Target != nil {
			check("target", codes(ev.Target), w.Target)
		}
		if w.Modality != nil {
			check("modality", string(ev.Modality), *w.Modality)
		}
	}
}

func codes(as []durand.Actor) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, string(a.Code))
	}
	return out
}

// explain writes what a reader of durand explain would want: every pair's
// match, then each incident's links and merged event.
func explain(ru *Rules, reports []Report, merged []Merged) []byte {
	var b bytes.Buffer
	b.WriteString("pairs:\n")
	for i := range reports {
		for j := i + 1; j < len(reports); j++ {
			fmt.Fprintf(&b, "  %s ~ %s: %s\n", reports[i].Event.ID, reports[j].Event.ID, ru.Match(reports[i], reports[j]))
		}
	}
	for _, m := range merged {
		fmt.Fprintf(&b, "incident %s: %s\n", m.Event.ID, strings.Join(m.Members, " "))
		for _, l := range m.Links {
			fmt.Fprintf(&b, "  link %s ~ %s: %s\n", l.A, l.B, l.Match)
		}
		ev := m.Event
		ev.Evidence = nil
		j, _ := json.Marshal(ev)
		fmt.Fprintf(&b, "  event %s\n", j)
	}
	return b.Bytes()
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the stage does now; got:\n%s", file, got)
	}
}
