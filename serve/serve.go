// Package serve is durand's HTTP API and the embedded dashboard: events
// with filters and cursor paging, one event with its evidence in context,
// series and network aggregates, escalation analyses (retaliation, event
// studies, Hawkes fits), boundaries for the map, and document
// submission behind a bearer token. See openapi.json. Reads need no token,
// so Listen keeps to loopback unless told otherwise, and the handler
// answers only requests whose Host names this server.
package serve

import (
	"bufio"
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/sentence"
	"github.com/durandhq/durand/store"
)

//go:embed openapi.json
var openapi []byte

// Options configure the server.
type Options struct {
	// Token is the bearer token POST /api/documents needs; empty disables
	// writes over HTTP.
	Token string
	// Extractor extracts submitted documents; nil disables writes.
	Extractor *pipeline.Extractor
	// Assets is the dashboard (index.html at its root); nil serves none.
	Assets fs.FS
	// Boundaries holds boundaries/*.geojson for the map (data.FS).
	Boundaries fs.FS
	// MaxBody bounds a request body (default 8 MiB).
	MaxBody int64
	// Log receives one line per failed request; nil discards.
	Log *slog.Logger
	// AllowedHosts are the names, besides localhost, the names under
	// .localhost and IP addresses, that a request's Host header may give
	// (the names a proxy or DNS gives this server); a request naming any
	// other host is answered 421. A name starting with "." allows itself
	// and the names under it; "*" allows any Host. The check keeps a page
	// whose DNS name an attacker rebinds to this server's address from
	// reading the API in its visitors' browsers.
	AllowedHosts []string
	// Countries maps ISO3 codes to names, to name state actors in the
	// network ("PAK.MIL" is "Pakistan military") rather than by the first
	// words a report used for them.
	Countries map[string]string
	// AnalysisTimeout bounds how long a request to an escalation
	// endpoint waits for its analysis and the analysis runs: past it,
	// the analysis is stopped and the request answered 503 (default
	// DefaultAnalysisTimeout).
	AnalysisTimeout time.Duration
	// MaxAnalysisEvents refuses an escalation analysis of more events
	// (default DefaultMaxAnalysisEvents).
	MaxAnalysisEvents int
}

var sectorName = map[string]string{"GOV": "government", "MIL": "military", "POL": "police", "PAR": "paramilitary",
	"INT": "intelligence", "REB": "rebels", "CIV": "civilians", "UNK": "unknown actors"}

// actorName names an actor code for display.
func (s *server) actorName(code, fallback string) string {
	c, sec, ok := strings.Cut(code, ".")
	if n := s.opt.Countries[c]; ok && n != "" && sectorName[sec] != "" {
		return n + " " + sectorName[sec]
	}
	return fallback
}

// MaxPage is the most events one API page returns.
const MaxPage = 10000

// Handler returns the API and dashboard over st.
func Handler(st store.Store, opt Options) http.Handler {
	if opt.MaxBody <= 0 {
		opt.MaxBody = 8 << 20
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.AnalysisTimeout <= 0 {
		opt.AnalysisTimeout = DefaultAnalysisTimeout
	}
	if opt.MaxAnalysisEvents <= 0 {
		opt.MaxAnalysisEvents = DefaultMaxAnalysisEvents
	}
	s := &server{st: st, opt: opt, an: newAnalyses()}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openapi)
	})
	mux.HandleFunc("GET /api/events", s.events)
	mux.HandleFunc("GET /api/events/{id}", s.event)
	mux.HandleFunc("GET /api/series", s.series)
	mux.HandleFunc("GET /api/network", s.network)
	mux.HandleFunc("GET /api/points", s.points)
	mux.HandleFunc("GET /api/stats", s.stats)
	mux.HandleFunc("GET /api/boundaries/{name}", s.boundary)
	mux.HandleFunc("GET /api/escalation/retaliation", s.retaliation)
	mux.HandleFunc("GET /api/escalation/eventstudy", s.eventStudy)
	mux.HandleFunc("GET /api/escalation/hawkes", s.hawkes)
	mux.HandleFunc("POST /api/documents", s.documents)
	mux.HandleFunc("POST /api/events/{id}/unmerge", s.unmerge)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, errors.New("no such endpoint; see /api/openapi.json"))
	})
	if opt.Assets != nil {
		mux.Handle("/", http.FileServerFS(opt.Assets))
	}
	return secure(s.checkHost(mux))
}

// checkHost answers 421 to a request whose Host header names a host the
// server does not answer to (see Options.AllowedHosts).
func (s *server) checkHost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r.Host, s.opt.AllowedHosts) {
			s.fail(w, r, http.StatusMisdirectedRequest, fmt.Errorf("Host %q is not served here: start durand serve with --allowed-hosts naming it if it names this server", r.Host))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether a Host header (with or without its port)
// names this server: an IP address, since a rebinding needs a name the
// attacker's DNS answers for; localhost and the names under .localhost,
// which browsers resolve to loopback themselves; or a name of allowed.
// An empty Host (HTTP/1.0) comes from no browser.
func hostAllowed(host string, allowed []string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" || net.ParseIP(host) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	for _, a := range allowed {
		a = strings.TrimSuffix(strings.ToLower(a), ".")
		if a == "*" || a == host || strings.HasPrefix(a, ".") && (host == a[1:] || strings.HasSuffix(host, a)) {
			return true
		}
	}
	return false
}

// secure sets the headers every response carries.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'")
		h.ServeHTTP(w, r)
	})
}

type server struct {
	st  store.Store
	opt Options
	an  *analyses
}

type apiError struct {
	Error string `json:"error"`
}

func (s *server) fail(w http.ResponseWriter, r *http.Request, code int, err error) {
	if code >= 500 {
		s.opt.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		err = errors.New(http.StatusText(code))
	}
	writeJSON(w, code, apiError{err.Error()})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func (s *server) query(w http.ResponseWriter, r *http.Request) (store.Query, bool) {
	q, err := store.ParseQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return q, false
	}
	if q.Limit == 0 {
		q.Limit = 100
	}
	q.Limit = min(q.Limit, MaxPage)
	return q, true
}

// events writes {"events": [...], "next": cursor|null}, the events as
// stored (their contract JSON), without decoding them.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	q, ok := s.query(w, r)
	if !ok {
		return
	}
	page, err := s.st.Events(r.Context(), q)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	// Written out through a buffer, not first copied whole into one
	// string: a page of 10,000 events is 10 MB.
	w.Header().Set("Content-Type", "application/json")
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString(`{"events":[`)
	for i, e := range page.Events {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(e)
	}
	b.WriteString(`],"next":`)
	if page.Next == "" {
		b.WriteString("null")
	} else {
		nb, _ := json.Marshal(page.Next)
		b.Write(nb)
	}
	b.WriteString("}\n")
	b.Flush()
}

// Context is a sentence of a source document that holds evidence, with
// its offsets in the document, so the dashboard can highlight the
// evidence spans inside it.
type Context struct {
	Doc   durand.DocID `json:"doc"`
	Start int          `json:"start"`
	End   int          `json:"end"`
	Text  string       `json:"text"`
}

// DocumentInfo describes a source document.
type DocumentInfo struct {
	ID        durand.DocID `json:"id"`
	Title     string       `json:"title"`
	Source    string       `json:"source"`
	URL       string       `json:"url"`
	Published *string      `json:"published"`
}

// Detail is one event with its sources and the sentences its evidence is in.
type Detail struct {
	Event     durand.Event   `json:"event"`
	Documents []DocumentInfo `json:"documents"`
	Context   []Context      `json:"context"`
}

func (s *server) event(w http.ResponseWriter, r *http.Request) {
	ev, err := s.st.Event(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, err)
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d := Detail{Event: ev, Documents: []DocumentInfo{}, Context: []Context{}}
	for _, id := range ev.Docs {
		doc, err := s.st.Document(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		info := DocumentInfo{ID: doc.ID, Title: doc.Title, Source: doc.Source, URL: doc.URL}
		if !doc.Published.IsZero() {
			p := doc.Published.Format(time.DateOnly)
			info.Published = &p
		}
		d.Documents = append(d.Documents, info)
		seen := map[int]bool{}
		for _, sn := range sentence.Split(doc) {
			for _, e := range ev.Evidence {
				if e.Doc == doc.ID && e.Start >= sn.Span.Start && e.End <= sn.Span.End && !seen[sn.Span.Start] {
					seen[sn.Span.Start] = true
					d.Context = append(d.Context, Context{doc.ID, sn.Span.Start, sn.Span.End, sn.Span.Text(doc.Text)})
				}
			}
		}
	}
	writeJSON(w, http.StatusOK, d)
}

func (s *server) series(w http.ResponseWriter, r *http.Request) {
	q, ok := s.query(w, r)
	if !ok {
		return
	}
	interval, by := r.URL.Query().Get("interval"), r.URL.Query().Get("by")
	if interval == "" {
		interval = "month"
	}
	if by == "" {
		by = "type"
	}
	if !slices.Contains(store.Intervals, interval) {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("interval: %q is not one of %s", interval, strings.Join(store.Intervals, ", ")))
		return
	}
	if !slices.Contains(store.SeriesBy, by) {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("by: %q is not one of %s", by, strings.Join(store.SeriesBy, ", ")))
		return
	}
	b, err := s.st.Series(r.Context(), q, interval, by)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"interval": interval, "by": by, "buckets": b})
}

func (s *server) network(w http.ResponseWriter, r *http.Request) {
	q, ok := s.query(w, r)
	if !ok {
		return
	}
	edges, err := s.st.Network(r.Context(), q)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	type node struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Events int    `json:"events"`
	}
	idx := map[string]int{}
	nodes := []node{}
	add := func(id, name string, n int) {
		i, ok := idx[id]
		if !ok {
			i = len(nodes)
			idx[id] = i
			nodes = append(nodes, node{ID: id, Name: name})
		}
		nodes[i].Events += n
	}
	for i := range edges {
		e := &edges[i]
		e.SourceName, e.TargetName = s.actorName(e.Source, e.SourceName), s.actorName(e.Target, e.TargetName)
		add(e.Source, e.SourceName, e.Events)
		add(e.Target, e.TargetName, e.Events)
	}
	sort.SliceStable(nodes, func(i, j int) bool { return nodes[i].Events > nodes[j].Events })
	writeJSON(w, http.StatusOK, map[string]any{"nodes": nodes, "edges": edges})
}

func (s *server) stats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	day := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := t.Format(time.DateOnly)
		return &s
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": st.Documents, "events": st.Events, "by_dataset": st.ByDataset,
		"first": day(st.First), "last": day(st.Last)})
}

func (s *server) boundary(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if s.opt.Boundaries == nil || strings.ContainsAny(name, "/\\.") {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no boundaries %q", name))
		return
	}
	b, err := fs.ReadFile(s.opt.Boundaries, "boundaries/"+name+".geojson")
	if err != nil {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no boundaries %q (try afg_adm1, afg_adm2, pak_adm1, pak_adm2)", name))
		return
	}
	w.Header().Set("Content-Type", "application/geo+json")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(b)
}

// bodyFormats are the media types POST /api/documents reads, and how.
var bodyFormats = map[string]ingest.Format{
	"application/x-ndjson": ingest.JSONL,
	"application/jsonl":    ingest.JSONL,
	"application/json":     ingest.JSONL,
	"text/plain":           ingest.Text,
	"text/html":            ingest.HTML,
}

// acceptPost lists bodyFormats for a 415's message and Accept-Post header.
const acceptPost = "application/x-ndjson, application/jsonl, application/json, text/plain, text/html"

// bodyFormat is how to read a body of Content-Type ct: JSON lines, one
// text or one HTML page, in UTF-8. Anything else is refused rather than
// guessed at, since a page read as JSON lines fails line by line and a
// form read as text stores its encoding.
func bodyFormat(ct string) (ingest.Format, error) {
	mt, params, err := mime.ParseMediaType(ct)
	f, ok := bodyFormats[mt]
	if cs, given := params["charset"]; given && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		ok = false
	}
	if err != nil || !ok {
		return "", fmt.Errorf("Content-Type %q is not read: send one of %s, in UTF-8", ct, acceptPost)
	}
	return f, nil
}

// authorized reports whether r may write, having answered it when not:
// 403 when the server takes no writes, 401 without the bearer token.
func (s *server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opt.Token == "" {
		s.fail(w, r, http.StatusForbidden, errors.New("writes are disabled: start durand serve with --token (or DURAND_TOKEN)"))
		return false
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(tok), []byte(s.opt.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="durand"`)
		s.fail(w, r, http.StatusUnauthorized, errors.New("a valid bearer token is needed"))
		return false
	}
	return true
}

// documents stores submitted reports (JSON lines, one plain text or one
// HTML page, by Content-Type) with their events. Writes need the bearer
// token.
func (s *server) documents(w http.ResponseWriter, r *http.Request) {
	if s.opt.Extractor == nil {
		s.fail(w, r, http.StatusForbidden, errors.New("writes are disabled: start durand serve with --token (or DURAND_TOKEN)"))
		return
	}
	if !s.authorized(w, r) {
		return
	}
	format, err := bodyFormat(r.Header.Get("Content-Type"))
	if err != nil {
		w.Header().Set("Accept-Post", acceptPost)
		s.fail(w, r, http.StatusUnsupportedMediaType, err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Errorf("body over %d bytes", mb.Limit))
			return
		}
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	rd := &ingest.Reader{Format: format, MaxBytes: int(s.opt.MaxBody), Unnamed: true}
	var docs []durand.Document
	var problems []string
	rd.ReadStream("body", strings.NewReader(string(body)), func(d durand.Document) error { docs = append(docs, d); return nil },
		func(err error) { problems = append(problems, err.Error()) })
	ch := make(chan durand.Document, len(docs))
	for _, d := range docs {
		ch <- d
	}
	close(ch)
	c, err := s.opt.Extractor.Ingest(r.Context(), ch, s.st, pipeline.StoreOptions{Report: func(o pipeline.Outcome) {
		if o.Err != nil {
			problems = append(problems, o.Err.Error())
		}
	}})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	code := http.StatusOK
	if len(docs) == 0 {
		code = http.StatusBadRequest
	}
	if problems == nil {
		problems = []string{}
	}
	writeJSON(w, code, map[string]any{"stored": c.Stored, "replaced": c.Replaced, "skipped": c.Skipped, "failed": c.Failed,
		"events": c.Events, "errors": problems})
}

// ErrNotLoopback is returned by Listen for an address other machines can
// reach, when that is not allowed.
var ErrNotLoopback = errors.New("not a loopback address: the API and the dashboard have no authentication for reads, so anyone who can reach the address could read everything stored")

// Listen listens on addr (host:port; ":8080" is every interface). Unless
// allowNetwork is true it refuses, before listening, an address that is
// not loopback, with ErrNotLoopback: only POST needs a token, and what is
// stored may be sensitive.
func Listen(addr string, allowNetwork bool) (net.Listener, error) {
	a, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	if !allowNetwork && (a.IP == nil || !a.IP.IsLoopback()) {
		return nil, fmt.Errorf("listen on %s: %w", addr, ErrNotLoopback)
	}
	ln, err := net.ListenTCP("tcp", a)
	if err != nil {
		return nil, err
	}
	return ln, nil
}

// Serve serves h on ln until ctx ends, then shuts down gracefully: it
// stops listening and gives requests in flight up to 10 s to finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
