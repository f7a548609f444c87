package serve_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/demo"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
	"github.com/durandhq/durand/web"
)

var (
	demoOnce sync.Once
	demoX    *pipeline.Extractor
	demoPath string
	demoErr  error
)

// demoDB builds the demo database once for the package's tests and opens
// it; tests that write use a store of their own.
func demoDB(t *testing.T) (store.Store, *pipeline.Extractor) {
	t.Helper()
	demoOnce.Do(func() {
		demoX, demoErr = pipeline.New(pipeline.Options{})
		if demoErr != nil {
			return
		}
		im, err := dataset.New(demoX, data.FS)
		if err != nil {
			demoErr = err
			return
		}
		dir, err := os.MkdirTemp("", "durand-serve-test")
		if err != nil {
			demoErr = err
			return
		}
		demoPath = filepath.Join(dir, "demo.db")
		st, err := sqlite.Open(demoPath)
		if err != nil {
			demoErr = err
			return
		}
		defer st.Close()
		_, demoErr = demo.Build(context.Background(), st, demoX, im, io.Discard)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	st, err := sqlite.Open(demoPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, demoX
}

func newServer(t *testing.T, st store.Store, x *pipeline.Extractor, token string) *httptest.Server {
	srv := httptest.NewServer(serve.Handler(st, serve.Options{Token: token, Extractor: x, Assets: web.Assets(), Boundaries: data.FS,
		Countries: map[string]string{"PAK": "Pakistan", "AFG": "Afghanistan"}, MaxBody: 1 << 16}))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string, into any) int {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if into != nil {
		if err := json.NewDecoder(r.Body).Decode(into); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	return r.StatusCode
}

type page struct {
	Events []map[string]any `json:"events"`
	Next   *string          `json:"next"`
}

func TestEventsAPI(t *testing.T) {
	st, x := demoDB(t)
	srv := newServer(t, st, x, "")
	var p page
	if code := get(t, srv.URL+"/api/events?actor=TTP&from=2020-01-01&limit=50", &p); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(p.Events) != 50 || p.Next == nil {
		t.Fatalf("%d events, next %v", len(p.Events), p.Next)
	}
	seen := map[string]bool{}
	for _, e := range p.Events {
		seen[e["id"].(string)] = true
		if d := e["date"].(map[string]any)["end"]; d == nil || d.(string) < "2020-01-01" {
			t.Errorf("event %v before from", e["id"])
		}
	}
	var p2 page
	get(t, srv.URL+"/api/events?actor=TTP&from=2020-01-01&limit=50&cursor="+*p.Next, &p2)
	for _, e := range p2.Events {
		if seen[e["id"].(string)] {
			t.Errorf("cursor page repeats %v", e["id"])
		}
	}
	var bad map[string]string
	if code := get(t, srv.URL+"/api/events?bbox=1,2", &bad); code != 400 || !strings.Contains(bad["error"], "bbox") {
		t.Errorf("bad bbox: %d %v", code, bad)
	}
	if code := get(t, srv.URL+"/api/events/nope", &bad); code != 404 {
		t.Errorf("unknown event: %d", code)
	}
}

func TestEventDetail(t *testing.T) {
	st, x := demoDB(t)
	srv := newServer(t, st, x, "")
	var p page
	get(t, srv.URL+"/api/events?dataset=durand&text=Waziristan&limit=1", &p)
	if len(p.Events) != 1 {
		t.Fatal("no extracted Waziristan event in the demo")
	}
	var d serve.Detail
	get(t, srv.URL+"/api/events/"+p.Events[0]["id"].(string), &d)
	if len(d.Documents) != 1 || len(d.Context) == 0 {
		t.Fatalf("detail: %d documents, %d context sentences", len(d.Documents), len(d.Context))
	}
	for _, e := range d.Event.Evidence {
		ok := false
		for _, c := range d.Context {
			if e.Start >= c.Start && e.End <= c.End && c.Text[e.Start-c.Start:e.End-c.Start] == e.Text {
				ok = true
			}
		}
		if !ok {
			t.Errorf("evidence %+v is in no context sentence", e)
		}
	}
}

func TestSeriesNetworkBoundaries(t *testing.T) {
	st, x := demoDB(t)
	srv := newServer(t, st, x, "")
	var s struct{ Buckets []store.Bucket }
	if code := get(t, srv.URL+"/api/series?interval=year&by=dataset", &s); code != 200 || len(s.Buckets) < 30 {
		t.Errorf("series: %d, %d buckets", code, len(s.Buckets))
	}
	for _, q := range []string{"interval=decade", "interval=%00", "by=" + strings.Repeat("x", 300)} {
		var bad map[string]string
		param, _, _ := strings.Cut(q, "=")
		if code := get(t, srv.URL+"/api/series?"+q, &bad); code != 400 || !strings.HasPrefix(bad["error"], param+": ") {
			t.Errorf("series?%.20s: %d %q", q, code, bad["error"])
		}
	}
	var n struct {
		Nodes []struct{ ID, Name string }
		Edges []store.Edge
	}
	get(t, srv.URL+"/api/network", &n)
	if len(n.Edges) == 0 || n.Nodes[0].ID != "PAK.GOV" || n.Nodes[0].Name != "Pakistan government" {
		t.Errorf("network: %d edges, first node %+v", len(n.Edges), n.Nodes[0])
	}
	var fc struct{ Features []any }
	if code := get(t, srv.URL+"/api/boundaries/pak_adm2", &fc); code != 200 || len(fc.Features) != 126 {
		t.Errorf("boundaries: %d, %d features", code, len(fc.Features))
	}
	if code := get(t, srv.URL+"/api/boundaries/..%2Fgazetteer", nil); code != 404 {
		t.Errorf("path escape: %d", code)
	}
	var spec map[string]any
	if code := get(t, srv.URL+"/api/openapi.json", &spec); code != 200 || spec["openapi"] != "3.1.0" {
		t.Errorf("openapi: %d %v", code, spec["openapi"])
	}
	r, _ := http.Get(srv.URL + "/")
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if !strings.Contains(string(b), `<div id="map">`) || r.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("dashboard index: %d bytes, CSP %q", len(b), r.Header.Get("Content-Security-Policy"))
	}
}

// post sends body to POST /api/documents and decodes the answer.
func post(t *testing.T, srv *httptest.Server, token, ct, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.URL+"/api/documents", strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
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

func TestPostDocuments(t *testing.T) {
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	post := func(srv *httptest.Server, token, ct, body string) (int, map[string]any) {
		r, m := post(t, srv, token, ct, body)
		return r.StatusCode, m
	}
	doc := `{"id":"p1","published":"2024-03-18","text":"Pakistani jets bombed hideouts in Khost province on Monday, killing eight people."}` + "\n"
	if code, _ := post(newServer(t, st, x, ""), "", "application/x-ndjson", doc); code != 403 {
		t.Errorf("no token configured: %d, want 403", code)
	}
	srv := newServer(t, st, x, "s3cret")
	if code, _ := post(srv, "", "application/x-ndjson", doc); code != 401 {
		t.Errorf("no token sent: %d", code)
	}
	if code, _ := post(srv, "wrong", "application/x-ndjson", doc); code != 401 {
		t.Errorf("wrong token: %d", code)
	}
	code, m := post(srv, "s3cret", "application/x-ndjson", doc+`{"id":"bad"}`+"\n")
	if code != 200 || m["stored"].(float64) != 1 || m["events"].(float64) < 1 || len(m["errors"].([]any)) != 1 {
		t.Errorf("post: %d %v", code, m)
	}
	if _, m = post(srv, "s3cret", "application/x-ndjson", doc); m["skipped"].(float64) != 1 {
		t.Errorf("repost: %v", m)
	}
	if code, _ = post(srv, "s3cret", "text/plain", strings.Repeat("a", 1<<17)); code != 413 {
		t.Errorf("oversized body: %d", code)
	}
	var p page
	get(t, srv.URL+"/api/events?text=hideouts", &p)
	if len(p.Events) == 0 {
		t.Error("posted document's events not found")
	}
}

// TestBadQueries checks that a query the store cannot run answers 400
// naming the parameter, on every endpoint that takes the filters; NUL in
// text and 499 actors were 500s.
func TestBadQueries(t *testing.T) {
	st, x := demoDB(t)
	srv := newServer(t, st, x, "")
	for _, c := range []struct{ query, param string }{
		{"text=%00", "text"},
		{"text=Khost%00", "text"},
		{"text=%FF", "text"},
		{"actor=" + strings.TrimSuffix(strings.Repeat("TTP,", 499), ","), "actor"},
		{strings.Repeat("actor=TTP&", 499), "actor"},
		{"place=%00", "place"},
		{"type=" + strings.Repeat("A", 300), "type"},
		{"min_confidence=NaN", "min_confidence"},
		{"text=a&text=b", "text"},
	} {
		for _, path := range []string{"/api/events", "/api/series", "/api/network"} {
			var e map[string]any
			code := get(t, srv.URL+path+"?"+c.query, &e)
			if msg, _ := e["error"].(string); code != 400 || !strings.HasPrefix(msg, c.param+": ") {
				t.Errorf("%s?%.40s: %d %q, want 400 naming %s", path, c.query, code, msg, c.param)
			}
		}
	}
}

// TestPostContentTypes checks that a body is read as its Content-Type
// says, and that a type the server does not read is refused with the list
// of those it does: HTML was read as JSON lines.
func TestPostContentTypes(t *testing.T) {
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
	html, err := os.ReadFile("testdata/post/report.html")
	if err != nil {
		t.Fatal(err)
	}
	line := func(text string) string { return `{"id":"ct","text":"` + text + `"}` + "\n" }
	for _, c := range []struct {
		ct, body string
		code     int
	}{
		{"text/html; charset=utf-8", string(html), 200},
		{"application/x-ndjson", line("Gunmen killed two guards in Quetta on Monday."), 200},
		{"application/jsonl", line("Gunmen killed three guards in Quetta on Monday."), 200},
		{"application/json; charset=UTF-8", line("Gunmen killed four guards in Quetta on Monday."), 200},
		{"text/plain; charset=utf-8", "Gunmen killed five guards in Quetta on Monday.", 200},
		{"", line("Gunmen killed six guards in Quetta on Monday."), 415},
		{"application/x-www-form-urlencoded", line("Gunmen killed seven guards in Quetta on Monday."), 415},
		{"text/plain; charset=iso-8859-1", "Gunmen killed eight guards in Quetta on Monday.", 415},
		{"application/xml", "<doc/>", 415},
		{"text/html; charset", string(html), 415},
	} {
		r, m := post(t, srv, "s3cret", c.ct, c.body)
		if r.StatusCode != c.code {
			t.Errorf("%q: %d %v, want %d", c.ct, r.StatusCode, m, c.code)
			continue
		}
		if c.code == 200 && m["stored"] != 1.0 {
			t.Errorf("%q: %v, want one document stored", c.ct, m)
		}
		if msg, _ := m["error"].(string); c.code == 415 && (!strings.Contains(msg, "text/html") || r.Header.Get("Accept-Post") == "") {
			t.Errorf("%q: %q (Accept-Post %q) does not list the types read", c.ct, msg, r.Header.Get("Accept-Post"))
		}
	}
	// The page was read as an article: its text, without the markup or
	// the navigation around it.
	var p page
	get(t, srv.URL+"/api/events?text=checkpoint", &p)
	if len(p.Events) == 0 {
		t.Fatal("no event from the HTML report")
	}
	var d serve.Detail
	get(t, srv.URL+"/api/events/"+p.Events[0]["id"].(string), &d)
	for _, c := range d.Context {
		if strings.ContainsAny(c.Text, "<>") || strings.Contains(c.Text, "Home") {
			t.Errorf("HTML read as text: %q", c.Text)
		}
	}
}

// TestHostCheck checks the Host header against the names the server
// answers to, so that a page whose DNS name is rebound to 127.0.0.1 cannot
// read the API from the visitor's browser.
func TestHostCheck(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, c := range []struct {
		allowed []string
		host    string
		code    int
	}{
		{nil, "127.0.0.1:8080", 200},
		{nil, "localhost:8080", 200},
		{nil, "LOCALHOST", 200},
		{nil, "[::1]:8080", 200},
		{nil, "dashboard.localhost:8080", 200},
		{nil, "192.168.1.20:8080", 200}, // an address: nothing to rebind
		{nil, "evil.example", 421},
		{nil, "evil.example:8080", 421},
		{nil, "localhost.evil.example", 421},
		{nil, "127.0.0.1.nip.io:8080", 421},
		{[]string{"durand.example", ".corp.example"}, "durand.example", 200},
		{[]string{"durand.example", ".corp.example"}, "Durand.Example.:443", 200},
		{[]string{"durand.example", ".corp.example"}, "events.corp.example", 200},
		{[]string{"durand.example", ".corp.example"}, "corp.example", 200},
		{[]string{"durand.example", ".corp.example"}, "evilcorp.example", 421},
		{[]string{"durand.example", ".corp.example"}, "evil.example", 421},
		{[]string{"*"}, "evil.example", 200},
	} {
		srv := httptest.NewServer(serve.Handler(st, serve.Options{AllowedHosts: c.allowed}))
		for _, path := range []string{"/healthz", "/api/events", "/api/openapi.json"} {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			req.Host = c.host
			r, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var e map[string]any
			json.NewDecoder(r.Body).Decode(&e)
			r.Body.Close()
			if r.StatusCode != c.code {
				t.Errorf("Host %s, allowed %q: %s answers %d %v, want %d", c.host, c.allowed, path, r.StatusCode, e, c.code)
			}
			if msg, _ := e["error"].(string); c.code == 421 && !strings.Contains(msg, "--allowed-hosts") {
				t.Errorf("Host %s: %q does not say how to allow it", c.host, msg)
			}
		}
		srv.Close()
	}
}
