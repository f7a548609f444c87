// Package sqlite is durand's embedded store: one SQLite file in WAL mode,
// written through the pure-Go modernc.org/sqlite driver (no cgo, so the
// binary stays static), with FTS5 full-text search over documents.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dedupe"
	"github.com/durandhq/durand/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a durand store in one SQLite file. It is safe for concurrent use.
type DB struct {
	db *sql.DB
	// mu serialises this process's writers, so that they queue here rather
	// than spin on SQLite's busy handler; other processes are held off by
	// the busy timeout.
	mu sync.Mutex
	// sum answers series, network and map points from memory; wrote
	// says this handle has committed since sum last asked the file's
	// revision, recheck how long it trusts sum without asking.
	sum     summary
	wrote   atomic.Bool
	recheck time.Duration
	// rules merge the events of reports that tell one incident; seen
	// holds the reports' events they read back, by id (see
	// merger.report), and is used only under mu.
	rules *dedupe.Rules
	seen  map[string]dedupe.Report
}

var _ store.Store = (*DB)(nil)

// Options tune a store. The zero value gives the defaults.
type Options struct {
	// PageCache is the page cache of each of the (up to eight) pooled
	// connections, in bytes; 0 means 64 MiB, for a writer such as durand
	// ingest (with 64-document transactions it took ingest from 25,000 to
	// 30,000 documents a minute). A server, whose aggregates come from the summary in memory
	// and whose pages stay in the system's cache, needs less: eight
	// caches of 64 MiB grew one under load past 400 MB.
	PageCache int
	// Recheck is how long the summary of events behind series, the
	// network and map points is trusted before the file is asked whether
	// another process has written; 0 means 200 ms, negative asks every
	// time. This handle's own writes are seen at once.
	Recheck time.Duration
	// Dedupe are the rules by which a new document's events join the
	// stored events of the same incidents (package dedupe); nil loads
	// the shipped ones, data/dedupe.tsv.
	Dedupe *dedupe.Rules
}

// Open opens (creating it when absent) the store at path with the default
// options and brings its schema up to date. ":memory:" is not supported:
// use a temporary file.
func Open(path string) (*DB, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, opt Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty path")
	}
	cache := opt.PageCache
	if cache <= 0 {
		cache = 64 << 20
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)",
		fmt.Sprintf("cache_size(-%d)", cache>>10), "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+uriPath.Replace(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Readers run in parallel in WAL mode; a few pooled connections keep
	// their page caches warm instead of opening one per burst of requests.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	s := &DB{db: db, recheck: opt.Recheck, rules: opt.Dedupe, seen: map[string]dedupe.Report{}}
	if s.rules == nil {
		if s.rules, err = dedupe.Load(data.FS); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	if s.recheck == 0 {
		s.recheck = 200 * time.Millisecond
	}
	// Connections opening a new file at once race to switch it to WAL;
	// SQLite answers the loser SQLITE_BUSY at once, without waiting out
	// the busy timeout (it would deadlock otherwise). The loser rolls
	// back, so trying again is safe.
	for try := 0; ; try++ {
		err = s.migrate(context.Background())
		if err == nil || !busy(err) || try == 50 {
			break
		}
		time.Sleep(time.Duration(try+1) * 10 * time.Millisecond)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// uriPath escapes what SQLite's file: URIs read as other than a path: a
// "?" starts the parameters and a "#" the fragment, so that "runs#2.db"
// opened the file "runs", and "%" starts an escape.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// busy reports whether err is SQLite's SQLITE_BUSY (the primary code, 5).
func busy(err error) bool {
	var c interface{ Code() int }
	return errors.As(err, &c) && c.Code()&0xff == 5
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// migrate applies, in order and each in its own transaction, the
// migrations newer than the database's user_version. The version is read
// inside the (immediate, so write-locked) transaction, so that two
// processes opening a new database at once do not both apply a migration.
func (s *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var have int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
			tx.Rollback()
			return fmt.Errorf("read schema version: %w", err)
		}
		if have > len(names) {
			tx.Rollback()
			return fmt.Errorf("database schema version %d is newer than this durand (%d): upgrade durand", have, len(names))
		}
		if have == len(names) {
			return tx.Rollback()
		}
		name := names[have]
		body, err := migrations.ReadFile(name)
		if err != nil {
			tx.Rollback()
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		// PRAGMA takes no parameters; the version is an integer of ours.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", have+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
}

// PutDocuments stores the documents, their events and their ingest-log
// entries in one transaction; each document in a savepoint of its own, so
// that one that cannot be stored fails alone.
func (s *DB) PutDocuments(ctx context.Context, docs []store.Extracted) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(docs))
	err := s.write(ctx, func(tx *sql.Tx) error {
		w, err := newDocWriter(ctx, tx, s.rules, s.seen)
		if err != nil {
			return err
		}
		defer w.close()
		now := time.Now().UTC()
		for i, x := range docs {
			if res[i], err = w.putDocument(x, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// HasDocument reports whether a document with this hash is stored.
func (s *DB) HasDocument(ctx context.Context, hash string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE hash = ?", hash).Scan(&n)
	return n > 0, err
}

// Document returns the latest stored document with this id.
func (s *DB) Document(ctx context.Context, id durand.DocID) (durand.Document, error) {
	var d durand.Document
	var pub sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT doc_id, hash, title, source, url, published, text FROM documents
		WHERE doc_id = ? AND replaced_by IS NULL ORDER BY rowid DESC LIMIT 1`, string(id)).
		Scan(&d.ID, &d.Hash, &d.Title, &d.Source, &d.URL, &pub, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("document %q: %w", id, err)
	}
	if pub.Valid && pub.String != "" {
		d.Published, _ = time.Parse(time.DateOnly, pub.String)
	}
	return d, nil
}

// PutEvents stores imported events, replacing any with the same id.
func (s *DB) PutEvents(ctx context.Context, events []durand.Event) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		w, err := newEventWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, ev := range events {
			if err := w.put(ev, nil, eventMeta{}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Event returns one event.
func (s *DB) Event(ctx context.Context, id string) (durand.Event, error) {
	var body []byte
	err := s.db.QueryRowContext(ctx, "SELECT body FROM events WHERE id = ?", id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return durand.Event{}, fmt.Errorf("event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return durand.Event{}, fmt.Errorf("event %q: %w", id, err)
	}
	var ev durand.Event
	if err := ev.UnmarshalJSON(body); err != nil {
		return ev, fmt.Errorf("event %q: stored body: %w", id, err)
	}
	return ev, nil
}

// filters is the WHERE clause of q's filters, without its cursor.
func (s *DB) filters(ctx context.Context, q store.Query) (*where, error) {
	b := &where{}
	if !q.From.IsZero() {
		b.add("e.date_end >= ?", isoDay(q.From))
		// The same condition on the start, which the index is ordered by:
		// no event starts more than the longest span before it ends.
		var span sql.NullInt64
		if err := s.db.QueryRowContext(ctx, "SELECT max(span) FROM events").Scan(&span); err != nil {
			return nil, fmt.Errorf("query events: %w", err)
		}
		b.add("e.date_start >= ?", isoDay(q.From.AddDate(0, 0, -int(span.Int64)-1)))
	}
	if !q.To.IsZero() {
		b.add("e.date_start <= ? AND e.date_start <> ''", isoDay(q.To))
	}
	if len(q.Types) > 0 {
		args := make([]any, len(q.Types))
		for i, t := range q.Types {
			args[i] = string(t)
		}
		b.in("e.type", args)
	}
	if len(q.Modalities) > 0 {
		args := make([]any, len(q.Modalities))
		for i, m := range q.Modalities {
			args[i] = string(m)
		}
		b.in("e.modality", args)
	}
	if q.MinConfidence > 0 {
		b.add("e.confidence >= ?", q.MinConfidence)
	}
	if q.Dataset != "" {
		b.add("e.dataset = ?", q.Dataset)
	}
	b.add("e.view <> ?", hiddenView(q))
	if bb := q.BBox; bb != nil {
		b.add("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?", bb[0], bb[2], bb[1], bb[3])
	}
	if len(q.Actors) > 0 {
		var conds []string
		var args []any
		for _, a := range q.Actors {
			// e.actors is " CODE CODE ": "PAK" matches " PAK " and " PAK.".
			conds = append(conds, "instr(e.actors, ?) > 0 OR instr(e.actors, ?) > 0")
			args = append(args, " "+a+" ", " "+a+".")
		}
		b.add("("+strings.Join(conds, " OR ")+")", args...)
	}
	if q.Place != "" {
		b.add("e.id IN (SELECT p.event_id FROM event_places p WHERE p.name = ?)", strings.TrimSpace(q.Place))
	}
	if fts := store.FTSQuery(q.Text); fts != "" {
		// A merged event is found by its members' documents.
		b.add(`(e.id IN (SELECT ed.event_id FROM event_docs ed JOIN documents d ON d.hash = ed.hash
			WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))
			OR e.id IN (SELECT cm.cluster FROM cluster_members cm JOIN event_docs ed ON ed.event_id = cm.event_id JOIN documents d ON d.hash = ed.hash
			WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))
			OR e.rowid IN (SELECT rowid FROM event_notes_fts WHERE event_notes_fts MATCH ?))`, fts, fts, fts)
	}
	return b, nil
}

// Events returns a page of the events matching q.
func (s *DB) Events(ctx context.Context, q store.Query) (store.Page, error) {
	b, err := s.filters(ctx, q)
	if err != nil {
		return store.Page{}, err
	}
	order, after := " ORDER BY e.date_start, e.id", "(e.date_start, e.id) > (?, ?)"
	if q.Desc {
		order, after = " ORDER BY e.date_start DESC, e.id DESC", "(e.date_start, e.id) < (?, ?)"
	}
	if q.Cursor != "" {
		c, err := store.DecodeCursor(q.Cursor)
		if err != nil {
			return store.Page{}, err
		}
		b.add(after, c.Date, c.ID)
	}
	limit := q.PageLimit()
	query := "SELECT e.date_start, e.id, e.body FROM events e INDEXED BY events_filter" + b.sql() + order + " LIMIT ?"
	rows, err := s.db.QueryContext(ctx, query, append(b.args, limit+1)...)
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	var page store.Page
	var last store.Cursor
	for rows.Next() {
		if len(page.Events) == limit {
			page.Next = last.Encode()
			break
		}
		var body []byte
		if err := rows.Scan(&last.Date, &last.ID, &body); err != nil {
			return store.Page{}, fmt.Errorf("query events: %w", err)
		}
		page.Events = append(page.Events, body)
	}
	if err := rows.Err(); err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	return page, nil
}

// Log records ingest outcomes.
func (s *DB) Log(ctx context.Context, entries ...store.LogEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, insertLog)
		if err != nil {
			return err
		}
		defer ins.Close()
		now := time.Now()
		for _, e := range entries {
			if err := writeLog(ctx, ins, e, now); err != nil {
				return err
			}
		}
		return nil
	})
}

const insertLog = `INSERT INTO ingest_log(at, input, doc_id, hash, status, events, error, replaced) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// writeLog writes one ingest-log entry with ins (insertLog), dated now
// when it has no time of its own.
func writeLog(ctx context.Context, ins *sql.Stmt, e store.LogEntry, now time.Time) error {
	if e.At.IsZero() {
		e.At = now
	}
	if _, err := ins.ExecContext(ctx, e.At.UTC().Format(time.RFC3339Nano), e.Input, string(e.Doc), e.Hash, e.Status, e.Events, e.Error, e.Replaced); err != nil {
		return fmt.Errorf("ingest log: %w", err)
	}
	return nil
}

// Stats summarises the store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{ByDataset: map[string]int{}, Logged: map[string]int{}}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) - count(replaced_by), count(replaced_by) FROM documents").Scan(&st.Documents, &st.Replaced); err != nil {
		return st, err
	}
	var first, last sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE view <> 1), count(*) FILTER (WHERE view = 2),
		count(*) FILTER (WHERE view = 1), min(nullif(date_start, '')), max(nullif(date_start, '')) FROM events`).
		Scan(&st.Events, &st.Merged, &st.Members, &first, &last); err != nil {
		return st, err
	}
	st.First, _ = time.Parse(time.DateOnly, first.String)
	st.Last, _ = time.Parse(time.DateOnly, last.String)
	for _, c := range []struct {
		query string
		into  map[string]int
	}{
		{"SELECT dataset, count(*) FROM events WHERE view <> 1 GROUP BY dataset", st.ByDataset},
		{"SELECT status, count(*) FROM ingest_log GROUP BY status", st.Logged},
	} {
		rows, err := s.db.QueryContext(ctx, c.query)
		if err != nil {
			return st, err
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return st, err
			}
			c.into[k] = n
		}
		if err := rows.Close(); err != nil {
			return st, err
		}
	}
	return st, nil
}

// write runs fn in one immediate transaction, committed only when fn
// succeeds.
func (s *DB) write(ctx context.Context, fn func(*sql.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		clear(s.seen) // it may hold events rolled back
		return err
	}
	if err := tx.Commit(); err != nil {
		clear(s.seen)
		return fmt.Errorf("commit: %w", err)
	}
	s.wrote.Store(true)
	return nil
}

// eventWriter holds the statements that write one event and its parts.
type eventWriter struct {
	ctx                                                   context.Context
	insert, update, notes, unnote, place, actor, evActor  *sql.Stmt
	evDoc, evidence, evPlace, delActors, delDocs, delEvid *sql.Stmt
	delPlaces, body                                       *sql.Stmt
	all                                                   []*sql.Stmt
	rev                                                   int64
}

// eventColumns are the columns of an events row that put writes, in the
// order of eventWriter.columns.
const eventColumns = `type, mode, date_start, date_end, date_prec, place_id, lat, lon, place_prec, fatalities, modality, confidence,
	dataset, record, body, actors, span, sources, targets, claimant, place_name, admin2, admin1, country,
	view, key_country, key_admin1, key_lo, key_hi, published, rev`

// newEventWriter prepares the statements that write events in tx, and
// takes the next revision for the events it writes (see migration 0007).
func newEventWriter(ctx context.Context, tx *sql.Tx) (*eventWriter, error) {
	w := &eventWriter{ctx: ctx}
	if err := tx.QueryRowContext(ctx, "UPDATE revision SET rev = rev + 1 RETURNING rev").Scan(&w.rev); err != nil {
		return nil, fmt.Errorf("next revision: %w", err)
	}
	for _, s := range []struct {
		into **sql.Stmt
		sql  string
	}{
		{&w.insert, `INSERT INTO events(id, ` + eventColumns + `)
			VALUES (?` + strings.Repeat(", ?", strings.Count(eventColumns, ",")+1) + `) ON CONFLICT(id) DO NOTHING RETURNING rowid`},
		{&w.update, `UPDATE events SET (` + eventColumns + `) = (?` + strings.Repeat(", ?", strings.Count(eventColumns, ",")) + `)
			WHERE id = ? RETURNING rowid`},
		{&w.body, "SELECT body FROM events WHERE id = ?"},
		{&w.notes, "INSERT INTO event_notes_fts(rowid, notes) VALUES (?, ?)"},
		{&w.unnote, "DELETE FROM event_notes_fts WHERE rowid = ?"},
		{&w.place, `INSERT INTO places(id, name, admin2, admin1, country, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`},
		{&w.actor, `INSERT INTO actors(code, name, country, sector) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO NOTHING`},
		{&w.evActor, `INSERT INTO event_actors(event_id, role, code, name) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`},
		// An event's document is the version it was extracted from: the
		// one being stored (its hash given), else the current one.
		{&w.evDoc, `INSERT INTO event_docs(event_id, doc_id, hash) VALUES (?1, ?2, coalesce(nullif(?3, ''),
			(SELECT d.hash FROM documents d WHERE d.doc_id = ?2 AND d.replaced_by IS NULL ORDER BY d.rowid DESC LIMIT 1), '')) ON CONFLICT DO NOTHING`},
		{&w.evidence, `INSERT INTO evidence(event_id, doc_id, field, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)`},
		{&w.evPlace, `INSERT INTO event_places(event_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING`},
		{&w.delActors, "DELETE FROM event_actors WHERE event_id = ?"},
		{&w.delDocs, "DELETE FROM event_docs WHERE event_id = ?"},
		{&w.delEvid, "DELETE FROM evidence WHERE event_id = ?"},
		{&w.delPlaces, "DELETE FROM event_places WHERE event_id = ?"},
	} {
		st, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*s.into = st
		w.all = append(w.all, st)
	}
	return w, nil
}

func (w *eventWriter) close() {
	for _, s := range w.all {
		s.Close()
	}
}

// Views: which lists of events an event is in (migration 0008).
const (
	viewBoth   = 0 // an event alone, an imported record
	viewReport = 1 // a member of a merged event: the per-report list only
	viewMerged = 2 // a merged event: the default list only
)

// hiddenView is the view q's list leaves out.
func hiddenView(q store.Query) int {
	if q.PerReport {
		return viewMerged
	}
	return viewReport
}

// eventMeta is what the store keeps of an event besides the event: its
// view, its blocking key (for an extracted event that can be merged) and
// its report's publication time.
type eventMeta struct {
	view      int
	key       *dedupe.Key
	published time.Time
}

// columns are meta's values, in the order of eventColumns.
func (m eventMeta) columns() []any {
	var country, admin1 string
	var lo, hi any
	if k := m.key; k != nil {
		country, admin1, lo, hi = k.Region.Country, k.Region.Admin1, int64(k.Lo), int64(k.Hi)
	}
	pub := ""
	if !m.published.IsZero() {
		pub = m.published.UTC().Format(time.RFC3339)
	}
	return []any{m.view, country, admin1, lo, hi, pub}
}

// put writes one event: its row, its parts, and its notes for search. An
// event extracted from a document (from) is new, and never replaces a
// stored one: an id stored already is a docError. An imported event or a
// merged one (from is nil) replaces the stored one with its id.
func (w *eventWriter) put(ev durand.Event, from *durand.Document, meta eventMeta) error {
	if ev.ID == "" {
		return docError{errors.New("event without an id")}
	}
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("event %q: %w", ev.ID, err)
	}
	start, end := isoDay(ev.Date.Start), isoDay(ev.Date.End)
	if end == "" {
		end = start
	}
	prec := ev.Date.Precision
	if prec == "" {
		prec = durand.DateUnknown
	}
	var placeID, placePrec, lat, lon any
	if p := ev.Place; p != nil {
		placeID, placePrec, lat, lon = string(p.ID), string(p.Prec), p.Lat, p.Lon
	}
	var fat any
	if c := ev.Fatalities; c.Best >= 0 {
		fat = c.Best
	} else if c.Low >= 0 {
		fat = c.Low
	}
	dataset, record := "durand", ""
	if ev.Origin != nil {
		dataset, record = ev.Origin.Dataset, ev.Origin.Record
	}
	span := 0
	if !ev.Date.Start.IsZero() && !ev.Date.End.IsZero() {
		span = int(ev.Date.End.Sub(ev.Date.Start).Hours() / 24)
	}
	cols := append([]any{string(ev.Type), ev.Mode, start, end, string(prec), placeID, lat, lon, placePrec, fat, string(ev.Modality), ev.Confidence,
		dataset, record, body, actorsColumn(ev), span}, summaryColumns(ev)...)
	cols = append(append(cols, meta.columns()...), w.rev)
	var rowid int64
	err = w.insert.QueryRowContext(w.ctx, append([]any{ev.ID}, cols...)...).Scan(&rowid)
	if errors.Is(err, sql.ErrNoRows) && from != nil {
		return docError{fmt.Errorf("event %q: its id is stored already, from another document or twice in this one", ev.ID)}
	}
	if errors.Is(err, sql.ErrNoRows) {
		// Stored already: nothing to do when it is unchanged (a file
		// imported again), else replace it and its parts.
		var old []byte
		if err := w.body.QueryRowContext(w.ctx, ev.ID).Scan(&old); err == nil && string(old) == string(body) {
			return nil
		}
		if err = w.update.QueryRowContext(w.ctx, append(cols, ev.ID)...).Scan(&rowid); err != nil {
			return fmt.Errorf("event %q: %w", ev.ID, err)
		}
		for _, d := range []*sql.Stmt{w.delActors, w.delDocs, w.delEvid, w.delPlaces} {
			if _, err := d.ExecContext(w.ctx, ev.ID); err != nil {
				return fmt.Errorf("event %q: %w", ev.ID, err)
			}
		}
		if _, err := w.unnote.ExecContext(w.ctx, rowid); err != nil {
			return fmt.Errorf("event %q: %w", ev.ID, err)
		}
	} else if err != nil {
		return fmt.Errorf("event %q: %w", ev.ID, err)
	}
	exec := func(s *sql.Stmt, args ...any) {
		if err == nil {
			_, err = s.ExecContext(w.ctx, args...)
		}
	}
	if ev.Notes != "" {
		exec(w.notes, rowid, ev.Notes)
	}
	if p := ev.Place; p != nil {
		if p.ID != "" {
			exec(w.place, string(p.ID), p.Name, p.Admin2, p.Admin1, p.Country, p.Lat, p.Lon)
		}
		for _, n := range []string{p.Name, p.Admin2, p.Admin1, p.Country} {
			if n != "" {
				exec(w.evPlace, ev.ID, n)
			}
		}
	}
	roles := []struct {
		role   string
		actors []durand.Actor
	}{{"source", ev.Source}, {"target", ev.Target}}
	if ev.ClaimedBy != nil {
		roles = append(roles, struct {
			role   string
			actors []durand.Actor
		}{"claimed_by", []durand.Actor{*ev.ClaimedBy}})
	}
	for _, r := range roles {
		for _, a := range r.actors {
			if a.Code == "" {
				continue
			}
			exec(w.actor, string(a.Code), a.Name, a.Country, a.Sector)
			exec(w.evActor, ev.ID, r.role, string(a.Code), a.Name)
		}
	}
	if meta.view == viewMerged {
		// Its documents and evidence are its members'.
		if err != nil {
			return fmt.Errorf("event %q: %w", ev.ID, err)
		}
		return nil
	}
	for _, d := range ev.Docs {
		hash := ""
		if from != nil && d == from.ID {
			hash = from.Hash
		}
		exec(w.evDoc, ev.ID, string(d), hash)
	}
	for _, e := range ev.Evidence {
		exec(w.evidence, ev.ID, string(e.Doc), e.Field, e.Start, e.End, e.Text)
	}
	if err != nil {
		return fmt.Errorf("event %q: %w", ev.ID, err)
	}
	return nil
}

// actorsColumn is the events.actors column: every actor code of the event,
// space-separated with a space at each end (" PAK.MIL TTP "), or "".
func actorsColumn(ev durand.Event) string {
	codes := []string{""}
	for _, as := range [][]durand.Actor{ev.Source, ev.Target} {
		for _, a := range as {
			if a.Code != "" {
				codes = append(codes, string(a.Code))
			}
		}
	}
	if ev.ClaimedBy != nil && ev.ClaimedBy.Code != "" {
		codes = append(codes, string(ev.ClaimedBy.Code))
	}
	if len(codes) == 1 {
		return ""
	}
	return strings.Join(append(codes, ""), " ")
}

// summaryColumns are the values of the columns the summary reads (migration
// 0007): sources, targets, claimant, place_name, admin2, admin1, country.
func summaryColumns(ev durand.Event) []any {
	codes := func(as []durand.Actor) string {
		var b strings.Builder
		for _, a := range as {
			if a.Code == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(string(a.Code))
		}
		return b.String()
	}
	claimant := ""
	if ev.ClaimedBy != nil {
		claimant = string(ev.ClaimedBy.Code)
	}
	var name, a2, a1, country string
	if p := ev.Place; p != nil {
		name, a2, a1, country = p.Name, p.Admin2, p.Admin1, p.Country
	}
	return []any{codes(ev.Source), codes(ev.Target), claimant, name, a2, a1, country}
}

// where builds a WHERE clause from fixed SQL fragments and their
// parameters; no value is ever spliced into the SQL text.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) in(col string, args []any) {
	w.add(col+" IN (?"+strings.Repeat(", ?", len(args)-1)+")", args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func isoDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
