package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store"
)

// summary is an in-memory copy of what every stored event is filtered,
// counted and drawn by: its dates, type, actors, place and toll, compact
// (about 150 bytes an event), without its JSON body. The dashboard asks
// for series, the network and map points on every change of a filter;
// grouping 200,000 rows in SQLite took seconds, scanning them here takes
// milliseconds. It is kept in step with the file by revision (migration
// 0007), whichever process wrote: each read first loads what changed since
// the revision it holds.
type summary struct {
	mu      sync.RWMutex
	loading sync.Mutex // held by the one request bringing it up to date
	rev     int64
	checked atomic.Int64 // when the file's revision was last read, Unix ns
	rows    []row
	byID    map[string]int32 // index in rows of each live event
	free    []int32          // rows of deleted events, to reuse
	order   []int32          // live rows by (start, id)
	// Strings are interned by kind, so that each kind's numbers are few
	// and dense: a series by type counts into an array, not a map.
	codes  interner          // actor codes
	kinds  interner          // event types and datasets
	words  interner          // modes, modalities, place precisions
	places interner          // place names at every level
	pairs  pairs             // source and target codes, as the network and dyads count them
	names  map[string]string // actor code → name
	// minDay and maxDay bound the start dates held (once dated is true).
	minDay, maxDay int32
	dated          bool
	maxSpan        int32 // the most days an event's end falls after its start
}

// row is one event in the summary. Strings are interned (0 is "").
type row struct {
	id                            string
	start, end                    int32  // days since 1970-01-01; undated when start is noDay
	typ, dataset                  uint32 // kinds
	mode, modality, placePrec     uint32 // words
	name, admin2, admin1, country uint32 // places
	claim                         uint32 // codes
	src, tgt                      []uint32
	edges                         []uint32 // pairs: each source with each target, both coded
	dyad                          uint32   // pairs: first source → first target, either 0
	conf                          float64
	lat, lon                      float64
	point                         bool
	fatal                         int32 // best, else low; -1 unknown
	view                          int8  // viewBoth, viewReport or viewMerged
}

// pairs numbers pairs of actor codes.
type pairs struct {
	ids map[[2]uint32]uint32
	of  [][2]uint32
}

func (p *pairs) id(a, b uint32) uint32 {
	if p.ids == nil {
		p.ids = map[[2]uint32]uint32{}
	}
	k, ok := p.ids[[2]uint32{a, b}]
	if !ok {
		k = uint32(len(p.of))
		p.ids[[2]uint32{a, b}] = k
		p.of = append(p.of, [2]uint32{a, b})
	}
	return k
}

// noDay marks an undated event's start and end.
const noDay = math.MinInt32

// interner gives each distinct string a small number.
type interner struct {
	ids  map[string]uint32
	strs []string
}

func (in *interner) id(s string) uint32 {
	if s == "" {
		return 0
	}
	if in.ids == nil {
		in.ids, in.strs = map[string]uint32{}, []string{""}
	}
	if k, ok := in.ids[s]; ok {
		return k
	}
	k := uint32(len(in.strs))
	in.ids[s] = k
	in.strs = append(in.strs, s)
	return k
}

func (in *interner) str(k uint32) string {
	if k == 0 {
		return ""
	}
	return in.strs[k]
}

// matching returns the set of interned strings for which keep is true.
// A set of interned strings, by number: a filter tests it for every
// event, and an array is several times faster to test than a map.
type set []bool

func (s set) has(k uint32) bool { return int(k) < len(s) && s[k] }

func (in *interner) matching(keep func(string) bool) set {
	out := make(set, len(in.strs))
	for k, s := range in.strs {
		out[k] = k > 0 && keep(s)
	}
	return out
}

// current brings the summary up to the store's latest revision and
// returns it read-locked; the caller unlocks it.
//
// Asking the file its revision costs a read transaction, and after another
// process's commit, pages read again: on every request of a server beside
// a busy ingest that was a tenth of its time. So it is asked only when
// this handle has written since, or when Options.Recheck has passed since
// it was last asked; the summary may lag another process's writes by that
// much.
//
// One request at a time brings it up to date, reading the file without
// holding the summary, which is locked only to put in what was read.
// While one does, the others read the summary as it is, unless this handle
// wrote: a client that posted a document sees its events next. Before,
// every request waited for the reading beside a busy ingest, and the
// slowest waited a second.
func (s *DB) current(ctx context.Context) (*summary, error) {
	sm := &s.sum
	now := time.Now().UnixNano()
	sm.mu.RLock()
	held := sm.rev > 0
	if held && !s.wrote.Load() && now-sm.checked.Load() < int64(s.recheck) {
		return sm, nil
	}
	sm.mu.RUnlock()
	if held && !s.wrote.Load() {
		if !sm.loading.TryLock() {
			sm.mu.RLock()
			return sm, nil
		}
	} else {
		sm.loading.Lock()
	}
	err := s.bringUp(ctx, now)
	sm.loading.Unlock()
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	sm.mu.RLock()
	return sm, nil
}

// bringUp reads what changed after the summary's revision and puts it in.
// The caller holds sm.loading, the only lock under which rev changes, so
// rev can be read here without sm.mu.
func (s *DB) bringUp(ctx context.Context, now int64) error {
	sm := &s.sum
	s.wrote.Store(false) // before reading: a write committed after this is seen next time
	var rev int64
	if err := s.db.QueryRowContext(ctx, "SELECT rev FROM revision").Scan(&rev); err != nil {
		return err
	}
	sm.checked.Store(now)
	if sm.rev >= rev {
		return nil
	}
	gone, err := readDeletions(ctx, s.db, sm.rev, rev)
	if err != nil {
		return err
	}
	// Rows are interned a batch at a time, so that a first load of
	// 200,000 events never holds them all as the file's strings.
	var rows []row
	err = eachRows(ctx, s.db, sm.rev, rev, func(batch []rawRow) {
		sm.mu.Lock()
		for i := range batch {
			rows = append(rows, sm.intern(&batch[i]))
		}
		sm.mu.Unlock()
	})
	if err != nil {
		return err
	}
	names, err := readNames(ctx, s.db)
	if err != nil {
		return err
	}
	sm.mu.Lock()
	sm.apply(gone, rows, names)
	sm.rev = rev
	sm.mu.Unlock()
	return nil
}

// rawRow is an event's summary columns as the file holds them, before
// interning, which needs the summary's lock.
type rawRow struct {
	id                                         string
	start, end, typ, mode, modality, dataset   string
	prec, src, tgt, claim, name, a2, a1, cntry string
	conf                                       float64
	lat, lon                                   sql.NullFloat64
	fatal                                      int64
	view                                       int8
}

// readDeletions reads the ids of the events deleted after one revision up
// to another.
func readDeletions(ctx context.Context, db *sql.DB, from, to int64) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM event_deletions WHERE rev > ? AND rev <= ?", from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gone []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		gone = append(gone, id)
	}
	return gone, rows.Err()
}

const summaryColumnsSQL = `id, date_start, date_end, type, mode, modality, dataset, confidence, lat, lon, coalesce(place_prec, ''),
	coalesce(fatalities, -1), sources, targets, claimant, place_name, admin2, admin1, country, view`

// eachRows reads the events written after one revision up to another, a
// batch at a time.
func eachRows(ctx context.Context, db *sql.DB, from, to int64, fn func([]rawRow)) error {
	rs, err := db.QueryContext(ctx, "SELECT "+summaryColumnsSQL+" FROM events WHERE rev > ? AND rev <= ?", from, to)
	if err != nil {
		return err
	}
	defer rs.Close()
	batch := make([]rawRow, 0, 1024)
	for rs.Next() {
		var r rawRow
		if err := rs.Scan(&r.id, &r.start, &r.end, &r.typ, &r.mode, &r.modality, &r.dataset, &r.conf, &r.lat, &r.lon,
			&r.prec, &r.fatal, &r.src, &r.tgt, &r.claim, &r.name, &r.a2, &r.a1, &r.cntry, &r.view); err != nil {
			return err
		}
		if batch = append(batch, r); len(batch) == cap(batch) {
			fn(batch)
			batch = batch[:0]
		}
	}
	if err := rs.Err(); err != nil {
		return err
	}
	fn(batch)
	return nil
}

// intern turns a row read from the file into the summary's.
func (sm *summary) intern(raw *rawRow) row {
	r := row{id: raw.id, conf: raw.conf, view: raw.view}
	r.start, r.end = dayNumber(raw.start), dayNumber(raw.end)
	if r.start == noDay {
		r.end = noDay
	}
	r.typ, r.dataset = sm.kinds.id(raw.typ), sm.kinds.id(raw.dataset)
	r.mode, r.modality, r.placePrec = sm.words.id(raw.mode), sm.words.id(raw.modality), sm.words.id(raw.prec)
	r.name, r.admin2, r.admin1, r.country = sm.places.id(raw.name), sm.places.id(raw.a2), sm.places.id(raw.a1), sm.places.id(raw.cntry)
	r.claim, r.src, r.tgt = sm.codes.id(raw.claim), codes(&sm.codes, raw.src), codes(&sm.codes, raw.tgt)
	r.dyad = sm.pairs.id(first(r.src), first(r.tgt))
	for _, a := range r.src {
		for _, b := range r.tgt {
			r.edges = append(r.edges, sm.pairs.id(a, b))
		}
	}
	r.point, r.lat, r.lon = raw.lat.Valid && raw.lon.Valid, raw.lat.Float64, raw.lon.Float64
	r.fatal = int32(max(raw.fatal, -1))
	return r
}

// codes interns a space-separated list of actor codes.
func codes(in *interner, list string) []uint32 {
	if list == "" {
		return nil
	}
	var out []uint32
	for c := range strings.FieldsSeq(list) {
		if k := in.id(c); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func readNames(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rs, err := db.QueryContext(ctx, "SELECT code, name FROM actors")
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	names := map[string]string{}
	for rs.Next() {
		var code, name string
		if err := rs.Scan(&code, &name); err != nil {
			return nil, err
		}
		names[code] = name
	}
	return names, rs.Err()
}

// apply removes the deleted events and puts the changed ones, keeping
// order sorted: by insertion for a few changes, by sorting again for many.
func (sm *summary) apply(gone []string, changed []row, names map[string]string) {
	if sm.byID == nil {
		sm.byID = map[string]int32{}
	}
	sm.names = names
	few := len(gone)+len(changed) < 1+len(sm.order)/64
	for _, id := range gone {
		k, ok := sm.byID[id]
		if !ok {
			continue
		}
		if few {
			sm.unorder(k)
		}
		delete(sm.byID, id)
		sm.rows[k] = row{}
		sm.free = append(sm.free, k)
	}
	for _, r := range changed {
		k, ok := sm.byID[r.id]
		switch {
		case ok && few:
			sm.unorder(k)
		case !ok && len(sm.free) > 0:
			k, sm.free = sm.free[len(sm.free)-1], sm.free[:len(sm.free)-1]
		case !ok:
			k = int32(len(sm.rows))
			sm.rows = append(sm.rows, row{})
		}
		sm.rows[k] = r
		sm.byID[r.id] = k
		if r.start != noDay {
			sm.maxSpan = max(sm.maxSpan, r.end-r.start)
			sm.minDay, sm.maxDay = min(sm.minDay, r.start), max(sm.maxDay, r.start)
			if !sm.dated {
				sm.minDay, sm.maxDay, sm.dated = r.start, r.start, true
			}
		}
		if few {
			at, _ := slices.BinarySearchFunc(sm.order, k, sm.cmp)
			sm.order = slices.Insert(sm.order, at, k)
		}
	}
	if !few {
		sm.order = sm.order[:0]
		for _, k := range sm.byID {
			sm.order = append(sm.order, k)
		}
		slices.SortFunc(sm.order, sm.cmp)
	}
}

// unorder removes row k from order.
func (sm *summary) unorder(k int32) {
	if at, ok := slices.BinarySearchFunc(sm.order, k, sm.cmp); ok {
		sm.order = slices.Delete(sm.order, at, at+1)
	}
}

// cmp orders rows as the events query does: by start date ("" first),
// then id.
func (sm *summary) cmp(a, b int32) int {
	ra, rb := &sm.rows[a], &sm.rows[b]
	if ra.start != rb.start {
		if ra.start < rb.start {
			return -1
		}
		return 1
	}
	return strings.Compare(ra.id, rb.id)
}

// dayNumber is an ISO day's number of days since 1970-01-01, or noDay.
func dayNumber(iso string) int32 {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return noDay
	}
	return int32(t.Unix() / 86400)
}

// dayOf is the day a day number stands for.
func dayOf(n int32) time.Time { return time.Unix(int64(n)*86400, 0).UTC() }

// filter is a store.Query compiled against the summary's strings.
type filter struct {
	from, to        int32
	hasFrom, hasTo  bool
	types, modality set
	actors, places  set
	dataset         uint32
	hasDataset      bool
	bbox            *[4]float64
	minConf         float64
	text            map[string]bool // ids of the events the text search found; nil when none was asked
	hide            int8            // the view the query's list leaves out
}

// compile turns q into a filter; text is the set of event ids q.Text
// selects (nil when q has no text).
func (sm *summary) compile(q store.Query, text map[string]bool) filter {
	f := filter{bbox: q.BBox, minConf: q.MinConfidence, text: text, hide: int8(hiddenView(q))}
	if !q.From.IsZero() {
		f.from, f.hasFrom = int32(q.From.Unix()/86400), true
	}
	if !q.To.IsZero() {
		f.to, f.hasTo = int32(q.To.Unix()/86400), true
	}
	among := func(in *interner, vals []string) set {
		if len(vals) == 0 {
			return nil
		}
		return in.matching(func(s string) bool { return slices.Contains(vals, s) })
	}
	var types, mods []string
	for _, t := range q.Types {
		types = append(types, string(t))
	}
	for _, m := range q.Modalities {
		mods = append(mods, string(m))
	}
	f.types, f.modality = among(&sm.kinds, types), among(&sm.words, mods)
	if len(q.Actors) > 0 {
		f.actors = sm.codes.matching(func(code string) bool {
			return slices.ContainsFunc(q.Actors, func(a string) bool {
				return code == a || strings.HasPrefix(code, a) && strings.HasPrefix(code[len(a):], ".")
			})
		})
	}
	if p := strings.TrimSpace(q.Place); q.Place != "" {
		f.places = sm.places.matching(func(s string) bool { return strings.EqualFold(s, p) })
	}
	if q.Dataset != "" {
		f.dataset, f.hasDataset = sm.kinds.ids[q.Dataset], true
		if f.dataset == 0 {
			f.dataset = math.MaxUint32 // no event has it
		}
	}
	return f
}

// match reports whether row r passes the filter.
func (f *filter) match(r *row) bool {
	switch {
	case r.view == f.hide:
		return false
	case f.hasFrom && (r.start == noDay || r.end < f.from):
		return false
	case f.hasTo && (r.start == noDay || r.start > f.to):
		return false
	case f.types != nil && !f.types.has(r.typ):
		return false
	case f.modality != nil && !f.modality.has(r.modality):
		return false
	case f.hasDataset && r.dataset != f.dataset:
		return false
	case r.conf < f.minConf:
		return false
	case f.bbox != nil && !(r.point && r.lon >= f.bbox[0] && r.lon <= f.bbox[2] && r.lat >= f.bbox[1] && r.lat <= f.bbox[3]):
		return false
	case f.actors != nil && !f.hasActor(r):
		return false
	case f.places != nil && !(f.places.has(r.name) || f.places.has(r.admin2) || f.places.has(r.admin1) || f.places.has(r.country)):
		return false
	case f.text != nil && !f.text[r.id]:
		return false
	}
	return true
}

func (f *filter) hasActor(r *row) bool {
	if f.actors.has(r.claim) {
		return true
	}
	for _, k := range r.src {
		if f.actors.has(k) {
			return true
		}
	}
	for _, k := range r.tgt {
		if f.actors.has(k) {
			return true
		}
	}
	return false
}

// textMatches returns the ids of the events whose documents or notes hold
// every word of text, or nil when text has none.
func (s *DB) textMatches(ctx context.Context, text string) (map[string]bool, error) {
	fts := store.FTSQuery(text)
	if fts == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `WITH docs AS (SELECT ed.event_id FROM event_docs ed JOIN documents d ON d.hash = ed.hash
		WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1))
		SELECT event_id FROM docs
		UNION SELECT cm.cluster FROM cluster_members cm WHERE cm.event_id IN (SELECT event_id FROM docs)
		UNION SELECT e.id FROM events e WHERE e.rowid IN (SELECT rowid FROM event_notes_fts WHERE event_notes_fts MATCH ?1)`, fts)
	if err != nil {
		return nil, fmt.Errorf("text search: %w", err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("text search: %w", err)
		}
		ids[id] = true
	}
	return ids, rows.Err()
}

// scan calls fn for each event matching q, in order (latest first when
// q.Desc), until fn returns false.
func (s *DB) scan(ctx context.Context, q store.Query, fn func(sm *summary, r *row) bool) error {
	return s.scanRows(ctx, q, true, fn)
}

// count calls fn for each event matching q, in no particular order: the
// rows as they lie in memory, which is several times faster than their
// date order when most of them are read (each step in date order is a
// cache miss).
func (s *DB) count(ctx context.Context, q store.Query, fn func(sm *summary, r *row)) error {
	return s.scanRows(ctx, q, false, func(sm *summary, r *row) bool { fn(sm, r); return true })
}

func (s *DB) scanRows(ctx context.Context, q store.Query, ordered bool, fn func(sm *summary, r *row) bool) error {
	text, err := s.textMatches(ctx, q.Text)
	if err != nil {
		return err
	}
	sm, err := s.current(ctx)
	if err != nil {
		return err
	}
	defer sm.mu.RUnlock()
	f := sm.compile(q, text)
	lo, hi := sm.dateRange(f)
	if !ordered && hi-lo > len(sm.order)/4 {
		for k := range sm.rows {
			if r := &sm.rows[k]; r.id != "" && f.match(r) {
				fn(sm, r)
			}
		}
		return nil
	}
	for i := range hi - lo {
		k := sm.order[lo+i]
		if q.Desc {
			k = sm.order[hi-1-i]
		}
		if r := &sm.rows[k]; f.match(r) && !fn(sm, r) {
			break
		}
	}
	return nil
}

// dateRange is the part [lo, hi) of order a filter's dates can select:
// order is by start date, and no event ends more than the longest span
// after it starts.
func (sm *summary) dateRange(f filter) (lo, hi int) {
	hi = len(sm.order)
	search := func(day int32) int {
		i, _ := slices.BinarySearchFunc(sm.order, day, func(k int32, d int32) int { return cmp.Compare(sm.rows[k].start, d) })
		return i
	}
	if f.hasFrom {
		lo = search(max(f.from-sm.maxSpan, noDay+1))
	}
	if f.hasTo && f.to < math.MaxInt32 {
		hi = search(f.to + 1)
	}
	return lo, max(lo, hi)
}

// periodStart is the first day of the period of interval holding day n.
func periodStart(n int32, interval string) int32 {
	t := dayOf(n)
	switch interval {
	case "week":
		t = t.AddDate(0, 0, -(int(t.Weekday())+6)%7)
	case "month":
		t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		t = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return int32(t.Unix() / 86400)
}

// point is a row as the map draws it.
func (sm *summary) point(r *row) store.Point {
	p := store.Point{ID: r.id, Type: durand.EventType(sm.kinds.str(r.typ)), Mode: sm.words.str(r.mode), Lat: r.lat, Lon: r.lon,
		Precision: durand.PlacePrecision(sm.words.str(r.placePrec)), Place: sm.places.str(r.name), Fatalities: int(r.fatal)}
	if r.start != noDay {
		p.Date = dayOf(r.start).Format(time.DateOnly)
	}
	if len(r.src) > 0 {
		p.Source = sm.codes.str(r.src[0])
	}
	if len(r.tgt) > 0 {
		p.Target = sm.codes.str(r.tgt[0])
	}
	return p
}
