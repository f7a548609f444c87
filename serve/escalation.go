package serve

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/escalation"
	"github.com/durandhq/durand/store"
)

// The bounds of an escalation analysis, unless Options say otherwise.
const (
	// DefaultAnalysisTimeout is how long a request waits for its
	// analysis, queued and running, before the analysis is stopped.
	DefaultAnalysisTimeout = 30 * time.Second
	// DefaultMaxAnalysisEvents is the most events an analysis reads.
	DefaultMaxAnalysisEvents = 200_000
	// MinAnalysisEvents is the fewest events of each side (of each
	// process, for Hawkes) an analysis is run on: fewer give intervals
	// that say nothing.
	MinAnalysisEvents = 5
	// MaxSides is the most sides a Hawkes fit takes.
	MaxSides = 4
	// maxDraws bounds the null draws, bootstraps and placebos asked
	// for, the models' defaults.
	maxDraws = 999
	// maxCached is how many answers the cache keeps.
	maxCached = 64
)

// errBusy is the 503 of a request whose deadline passed while its
// analysis was queued or running.
var errBusy = errors.New("busy")

// analysis is an escalation model run on a selection: it returns the
// JSON answer's "result", or an error saying why the selection cannot
// carry the model. It stops, returning ctx's error, soon after ctx is
// done.
type analysis func(ctx context.Context, sel *escalation.Selection) (any, error)

// analyses runs escalation analyses one at a time and keeps their
// answers by query and store revision. An analysis runs under its
// request's deadline and stops at it, so the slot is free again for the
// next request as soon as the one before has its 503; one at a time, it
// never holds more than the one analysis's cores.
type analyses struct {
	slot  chan struct{}
	mu    sync.Mutex
	cache map[string][]byte
}

func newAnalyses() *analyses {
	return &analyses{slot: make(chan struct{}, 1), cache: map[string][]byte{}}
}

func (a *analyses) get(key string) ([]byte, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b, ok := a.cache[key]
	return b, ok
}

func (a *analyses) put(key string, b []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.cache) >= maxCached {
		for k := range a.cache { // any one: answers are cheap to redo next to a full cache's misses
			delete(a.cache, k)
			break
		}
	}
	a.cache[key] = b
}

// revisioner is a store that can say when its events last changed
// (store/sqlite's DB); answers from other stores are not cached.
type revisioner interface {
	Revision(ctx context.Context) (int64, error)
}

// analyze answers an escalation endpoint: the usual filters select the
// events, parse reads the endpoint's own parameters into the analysis,
// and the answer is {"data": the selection, "result": the analysis's},
// as `durand analyze --format json` writes it.
func (s *server) analyze(w http.ResponseWriter, r *http.Request, parse func(url.Values) (analysis, error)) {
	v := r.URL.Query()
	q, err := store.ParseQuery(v)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	for k := range v {
		if !slices.Contains(store.QueryParams, k) && !slices.Contains(escalationParams, k) {
			s.fail(w, r, http.StatusBadRequest, fmt.Errorf("%s: not a parameter of %s (see /api/openapi.json)", k, r.URL.Path))
			return
		}
	}
	coarsest := durand.DatePrecision(v.Get("coarsest"))
	if !slices.Contains([]durand.DatePrecision{"", durand.Day, durand.Week, durand.Month}, coarsest) {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("coarsest: %q is not day, week or month", coarsest))
		return
	}
	run, err := parse(v)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.AnalysisTimeout)
	defer cancel()
	key, cached := s.cacheKey(ctx, r)
	if b, ok := s.an.get(key); cached && ok {
		writeBytes(w, b)
		return
	}
	b, code, err := s.runAnalysis(ctx, q, coarsest, run, func(b []byte) {
		if cached {
			s.an.put(key, b)
		}
	})
	switch {
	case errors.Is(err, errBusy):
		w.Header().Set("Retry-After", "10")
		s.fail(w, r, http.StatusServiceUnavailable, fmt.Errorf("the analysis did not finish within %s, waiting for another or running, and was stopped: narrow the filters or ask for fewer draws, or retry", s.opt.AnalysisTimeout))
	case err != nil:
		s.fail(w, r, code, err)
	default:
		writeBytes(w, b)
	}
}

// cacheKey is the request's path and parameters, sorted, at the store's
// revision; cached is false when the store has none.
func (s *server) cacheKey(ctx context.Context, r *http.Request) (key string, cached bool) {
	rv, ok := s.st.(revisioner)
	if !ok {
		return "", false
	}
	rev, err := rv.Revision(ctx)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("%d %s?%s", rev, r.URL.Path, r.URL.Query().Encode()), true
}

// runAnalysis reads the selection and runs the analysis on it in the
// one analysis slot, waiting for both within ctx, and frees the slot
// before it returns. keep receives the answer. code is the status of err.
func (s *server) runAnalysis(ctx context.Context, q store.Query, coarsest durand.DatePrecision, run analysis, keep func([]byte)) (b []byte, code int, err error) {
	if code, err := s.precount(ctx, q); err != nil {
		if ctx.Err() != nil {
			return nil, 0, errBusy
		}
		return nil, code, err
	}
	select {
	case s.an.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, 0, errBusy
	}
	defer func() { <-s.an.slot }()
	q.Limit, q.Cursor, q.Desc = MaxPage, "", false
	sel, err := escalation.Select(store.Pages(ctx, s.st, q), escalation.SelectOptions{Coarsest: coarsest, From: q.From, To: q.To, Max: s.opt.MaxAnalysisEvents})
	switch {
	case ctx.Err() != nil:
		return nil, 0, errBusy
	case errors.Is(err, escalation.ErrNoEvents) || errors.Is(err, escalation.ErrTooManyEvents):
		return nil, http.StatusBadRequest, err
	case err != nil:
		return nil, http.StatusInternalServerError, err
	}
	res, err := run(ctx, sel)
	switch {
	case ctx.Err() != nil:
		return nil, 0, errBusy
	case err != nil:
		return nil, http.StatusBadRequest, err
	}
	b, err = escalation.MarshalResult(struct {
		Data   *escalation.Selection
		Result any
	}{sel, res})
	if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	keep(b)
	return b, http.StatusOK, nil
}

// precount refuses, before any event is read, a selection whose dated
// events alone are more than an analysis may read: the store counts
// them from its summary in milliseconds.
func (s *server) precount(ctx context.Context, q store.Query) (int, error) {
	q.Cursor = ""
	buckets, err := s.st.Series(ctx, q, "year", "dataset")
	if err != nil {
		return http.StatusInternalServerError, err
	}
	n := 0
	for _, b := range buckets {
		n += b.Events
	}
	if n > s.opt.MaxAnalysisEvents {
		return http.StatusBadRequest, fmt.Errorf("%w: %d events match the filters, at most %d are analysed: narrow the dates, actors, types or places",
			escalation.ErrTooManyEvents, n, s.opt.MaxAnalysisEvents)
	}
	return 0, nil
}

func writeBytes(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// escalationParams are the parameters the escalation endpoints read
// besides the usual filters, each endpoint some of them.
var escalationParams = []string{"coarsest", "seed", "a", "b", "where", "within", "look_back", "draws", "boot",
	"shock", "outcome", "weekly", "before", "after", "placebos", "keep_overlapping", "independent_placebos", "side", "link",
	"horizon", "paths", "counterfactual", "observed", "min_events"}

// params reads an endpoint's parameters, remembering the first error.
type params struct {
	v   url.Values
	err error
}

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
}

// str is a parameter given at most once, required or not.
func (p *params) str(k string, required bool) string {
	vals := p.v[k]
	switch {
	case len(vals) > 1:
		p.fail("%s: given %d times, at most once", k, len(vals))
	case required && strings.TrimSpace(p.v.Get(k)) == "":
		p.fail("%s: required", k)
	case len(p.v.Get(k)) > store.MaxValueBytes:
		p.fail("%s: a value of %d bytes, at most %d", k, len(p.v.Get(k)), store.MaxValueBytes)
	}
	return strings.TrimSpace(p.v.Get(k))
}

// num is an integer parameter in [lo, hi]; absent is 0.
func (p *params) num(k string, lo, hi int) int {
	s := p.str(k, false)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.fail("%s: %q is not an integer from %d to %d", k, s, lo, hi)
	}
	return n
}

// flag is a boolean parameter: true, 1 or yes; absent, false, 0 or no.
func (p *params) flag(k string) bool {
	switch s := strings.ToLower(p.str(k, false)); s {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	default:
		p.fail("%s: %q is not true or false", k, s)
		return false
	}
}

// filter is a FILTER parameter, as the analyze commands read it.
func (p *params) filter(k string, required bool) escalation.Filter {
	f, err := escalation.ParseFilter(p.str(k, required))
	if err != nil {
		p.fail("%s: %v", k, err)
	}
	return f
}

// rand is the generator of the seed parameter, nil (each model's fixed
// seed) when absent or 0, as `durand analyze --seed`.
func (p *params) rand() *rand.Rand { return p.rands()() }

// rands makes a fresh generator of the seed parameter at each call, for
// a model that draws in several steps each from its own generator, as
// `durand analyze --seed` gives them.
func (p *params) rands() func() *rand.Rand {
	s := p.str("seed", false)
	if s == "" {
		return func() *rand.Rand { return nil }
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 {
		if err != nil {
			p.fail("seed: %q is not a non-negative integer", s)
		}
		return func() *rand.Rand { return nil }
	}
	return func() *rand.Rand { return rand.New(rand.NewPCG(n, 28)) }
}

// checkSides refuses sides no event selected has an actor of, naming the
// parameter.
func checkSides(occ []escalation.Occurrence, sides map[string]escalation.Side) error {
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range sides {
			if !yield(k) {
				return
			}
		}
	}) {
		if err := escalation.CheckSide(occ, sides[k]); err != nil {
			return fmt.Errorf("%s=%s: %w", k, sides[k], err)
		}
	}
	return nil
}

// atLeast refuses a series of fewer than MinAnalysisEvents events.
func atLeast(name string, n int) error {
	if n < MinAnalysisEvents {
		return fmt.Errorf("%s: %d events, at least %d are needed", name, n, MinAnalysisEvents)
	}
	return nil
}
