package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store/sqlite"
)

var update = flag.Bool("update", false, "rewrite testdata/escalation/*.json from what the escalation endpoints answer")

// escalationEvents are two years of a made-up exchange: PAK.MIL strikes
// the TTP at random (a week apart on average), the TTP attacks PAK.POL
// one to three days after three strikes in four and at random days of
// its own, and attacks civilians now and then. The draws have a fixed
// seed, so the answers can be golden.
func escalationEvents() []durand.Event {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(28, 1))
	var evs []durand.Event
	add := func(day int, src, tgt durand.ActorCode, mode string) {
		d := start.AddDate(0, 0, day)
		evs = append(evs, durand.Event{ID: fmt.Sprintf("ev%d-%s-%s-%d", len(evs), src, tgt, day), Type: durand.Assault, Mode: mode,
			Source: []durand.Actor{{Code: src}}, Target: []durand.Actor{{Code: tgt}},
			Place: &durand.Place{Name: "Miran Shah", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 33, Lon: 70.07, Prec: durand.AtPlace},
			Date:  durand.Date{Start: d, End: d, Precision: durand.Day}, Modality: durand.Asserted, Confidence: 0.9,
			Fatalities: durand.NoCount, Injured: durand.NoCount})
	}
	for day := 3; day < 730; day += 1 + int(rng.ExpFloat64()*6) {
		add(day, "PAK.MIL", "TTP", "aerial")
		if rng.IntN(4) != 0 {
			add(day+1+rng.IntN(3), "TTP", "PAK.POL", "")
		}
		if rng.IntN(5) == 0 {
			add(day+2+rng.IntN(7), "TTP", "CIV", "")
		}
	}
	for day := 5; day < 730; day += 1 + int(rng.ExpFloat64()*30) {
		add(day, "TTP", "PAK.POL", "")
	}
	return evs
}

// escalationServer serves a store of escalationEvents, and the store.
func escalationServer(t *testing.T, opt serve.Options) (*httptest.Server, *sqlite.DB) {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "escalation.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.PutEvents(context.Background(), escalationEvents()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(st, opt))
	t.Cleanup(srv.Close)
	return srv, st
}

// getBody is the status and body of a GET.
func getBody(t *testing.T, url string) (int, []byte) {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r.StatusCode, b
}

// TestEscalationAPI checks each endpoint's answer against its golden
// file, and what it refuses, and why.
func TestEscalationAPI(t *testing.T) {
	srv, _ := escalationServer(t, serve.Options{})
	for _, c := range []struct {
		name, query string
		code        int
		want        string // the golden file's name for a 200, a word of the error otherwise
	}{
		{"retaliation", "/api/escalation/retaliation?a=PAK&b=TTP&draws=199&boot=199", 200, "retaliation.json"},
		{"retaliation within dates", "/api/escalation/retaliation?a=PAK&b=TTP&from=2020-06-01&to=2021-05-31&within=2,7&look_back=true&draws=99&boot=99", 200, "retaliation-lookback.json"},
		{"eventstudy", "/api/escalation/eventstudy?shock=source=PAK,target=TTP&outcome=source=TTP,target=PAK&before=3&after=3&placebos=199", 200, "eventstudy.json"},
		{"eventstudy weekly", "/api/escalation/eventstudy?shock=source=PAK,mode=aerial&outcome=source=TTP&weekly=1&before=4&after=4&keep_overlapping=true&placebos=99", 200, "eventstudy-weekly.json"},
		{"hawkes", "/api/escalation/hawkes?side=PAK&side=TTP", 200, "hawkes.json"},
		{"hawkes softplus", "/api/escalation/hawkes?side=PAK&side=TTP&link=softplus&where=type=ASSAULT", 200, "hawkes-softplus.json"},

		{"side missing", "/api/escalation/retaliation?a=PAK", 400, "b: required"},
		{"side unknown", "/api/escalation/retaliation?a=PAK&b=AFG", 400, "side AFG (sides there: CIV, PAK, TTP)"},
		{"too few events", "/api/escalation/retaliation?a=PAK&b=TTP&from=2020-01-01&to=2020-01-20", 400, "at least 5 are needed"},
		{"no events", "/api/escalation/retaliation?a=PAK&b=TTP&from=2030-01-01", 400, "no events to analyze"},
		{"draws too many", "/api/escalation/retaliation?a=PAK&b=TTP&draws=100000", 400, "draws"},
		{"bad window", "/api/escalation/retaliation?a=PAK&b=TTP&within=0", 400, "within"},
		{"unknown parameter", "/api/escalation/retaliation?a=PAK&b=TTP&sides=AFG", 400, "sides: not a parameter"},
		{"bad coarsest", "/api/escalation/retaliation?a=PAK&b=TTP&coarsest=year", 400, "coarsest"},
		{"bad filter", "/api/escalation/eventstudy?shock=colour=red&outcome=source=TTP", 400, "shock"},
		{"outcome missing", "/api/escalation/eventstudy?shock=source=PAK", 400, "outcome: required"},
		{"shocks too few", "/api/escalation/eventstudy?shock=source=PAK,mode=naval&outcome=source=TTP", 400, "at least 5"},
		{"one side", "/api/escalation/hawkes?side=PAK", 400, "want 2 to 4"},
		{"five sides", "/api/escalation/hawkes?side=A&side=B&side=C&side=D&side=E", 400, "want 2 to 4"},
		{"side twice", "/api/escalation/hawkes?side=PAK&side=pak", 400, "twice"},
		{"bad link", "/api/escalation/hawkes?side=PAK&side=TTP&link=cubic", 400, "link"},
		{"counterfactual unknown", "/api/escalation/hawkes?side=PAK&side=TTP&counterfactual=PAK%3EAFG", 400, "name two processes (processes: PAK, TTP)"},
		{"counterfactual malformed", "/api/escalation/hawkes?side=PAK&side=TTP&counterfactual=PAK", 400, "want SOURCE>TARGET"},
		{"one path", "/api/escalation/hawkes?side=PAK&side=TTP&paths=1", 400, "paths"},
		{"min_events below the floor", "/api/escalation/hawkes?side=PAK&side=TTP&min_events=3", 400, "min_events: 3"},
		{"where names a source", "/api/escalation/hawkes?side=PAK&side=TTP&where=source=CIV", 400, "names a source"},
		{"hawkes too few", "/api/escalation/hawkes?side=PAK&side=TTP&to=2020-03-31", 400, "fewer than the 40 a process needs among 2"},
		{"usual filter bad", "/api/escalation/hawkes?side=PAK&side=TTP&from=yesterday", 400, "ISO date"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, body := getBody(t, srv.URL+c.query)
			if code != c.code {
				t.Fatalf("status %d, want %d: %s", code, c.code, body)
			}
			if code != 200 {
				var e struct{ Error string }
				if err := json.Unmarshal(body, &e); err != nil || !strings.Contains(e.Error, c.want) {
					t.Errorf("error %q (%v), want one saying %q", e.Error, err, c.want)
				}
				return
			}
			golden := filepath.Join("testdata", "escalation", c.want)
			if *update {
				if err := os.WriteFile(golden, body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, want) {
				t.Errorf("answer differs from %s (go test -run TestEscalationAPI -update rewrites it):\n%s", golden, body)
			}
		})
	}
}

// TestEscalationAPIBounds checks the bounds a server is given: a
// selection over MaxAnalysisEvents is refused, an analysis over
// AnalysisTimeout is answered 503, and an answer is kept until the store
// changes.
func TestEscalationAPIBounds(t *testing.T) {
	n := len(escalationEvents())
	small, _ := escalationServer(t, serve.Options{MaxAnalysisEvents: n - 1})
	code, body := getBody(t, small.URL+"/api/escalation/hawkes?side=PAK&side=TTP")
	if code != 400 || !bytes.Contains(body, []byte(fmt.Sprintf("%d events match the filters, at most %d", n, n-1))) {
		t.Errorf("over the bound: %d %s", code, body)
	}
	if code, _ := getBody(t, small.URL+"/api/escalation/hawkes?side=PAK&side=TTP&to=2021-06-30"); code != 200 {
		t.Errorf("under the bound: %d", code)
	}

	// A deadline no analysis meets: the request is answered 503.
	hurried, _ := escalationServer(t, serve.Options{AnalysisTimeout: time.Nanosecond})
	r, err := http.Get(hurried.URL + "/api/escalation/retaliation?a=PAK&b=TTP")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
		t.Errorf("past the deadline: %d, Retry-After %q", r.StatusCode, r.Header.Get("Retry-After"))
	}

	srv, st := escalationServer(t, serve.Options{})
	url := srv.URL + "/api/escalation/eventstudy?shock=source=PAK&outcome=source=TTP&before=3&after=3&placebos=99"
	_, first := getBody(t, url)
	_, again := getBody(t, url)
	if !bytes.Equal(first, again) {
		t.Error("the same question twice, two answers")
	}
	d := time.Date(2021, 12, 30, 0, 0, 0, 0, time.UTC)
	extra := durand.Event{ID: "ev-late", Type: durand.Assault, Source: []durand.Actor{{Code: "TTP"}}, Target: []durand.Actor{{Code: "PAK.POL"}},
		Date: durand.Date{Start: d, End: d, Precision: durand.Day}, Modality: durand.Asserted, Fatalities: durand.NoCount, Injured: durand.NoCount}
	if err := st.PutEvents(context.Background(), []durand.Event{extra}); err != nil {
		t.Fatal(err)
	}
	var after struct{ Data struct{ Events int } }
	if _, b := getBody(t, url); json.Unmarshal(b, &after) != nil || after.Data.Events != n+1 {
		t.Errorf("after a write the answer reads %d events, want %d: a stale answer was served\n%s", after.Data.Events, n+1, b)
	}
}

// TestEscalationOpenAPI checks that openapi.json documents each
// escalation endpoint's parameters.
func TestEscalationOpenAPI(t *testing.T) {
	srv, _ := escalationServer(t, serve.Options{})
	var spec struct {
		Paths map[string]struct {
			Get struct {
				Parameters []struct{ Name string }
			}
		}
	}
	if code := get(t, srv.URL+"/api/openapi.json", &spec); code != 200 {
		t.Fatalf("openapi.json: %d", code)
	}
	usual := []string{"from", "to", "actor", "type", "modality", "place", "bbox", "text", "min_confidence", "dataset", "coarsest", "seed"}
	for path, own := range map[string][]string{
		"/api/escalation/retaliation": {"a", "b", "where", "within", "look_back", "draws", "boot"},
		"/api/escalation/eventstudy":  {"shock", "outcome", "weekly", "before", "after", "placebos", "keep_overlapping", "independent_placebos"},
		"/api/escalation/hawkes":      {"side", "where", "link", "horizon", "counterfactual", "observed", "draws", "paths", "min_events"},
	} {
		got := map[string]bool{}
		for _, p := range spec.Paths[path].Get.Parameters {
			got[p.Name] = true
		}
		for _, name := range append(own, usual...) {
			if !got[name] {
				t.Errorf("%s: parameter %s is not documented", path, name)
			}
		}
	}
}
