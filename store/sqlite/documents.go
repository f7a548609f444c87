package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/dedupe"
	"github.com/durandhq/durand/store"
)

// docError is a reason one document cannot be stored: that document fails
// and the others of its transaction are stored. Any other error fails the
// whole transaction.
type docError struct{ err error }

func (e docError) Error() string { return e.err.Error() }
func (e docError) Unwrap() error { return e.err }

// docWriter holds the statements that store documents, their versions,
// events and log entries inside one transaction.
type docWriter struct {
	ctx                            context.Context
	tx                             *sql.Tx
	insert, versions, replace, log *sql.Stmt
	dropNotes, dropEvents, unlink  *sql.Stmt
	affected                       *sql.Stmt
	events                         *eventWriter
	merge                          *merger
}

func newDocWriter(ctx context.Context, tx *sql.Tx, rules *dedupe.Rules, seen map[string]dedupe.Report) (*docWriter, error) {
	w := &docWriter{ctx: ctx, tx: tx}
	var err error
	if w.events, err = newEventWriter(ctx, tx); err != nil {
		return nil, err
	}
	w.merge = newMerger(ctx, tx, rules, w.events, seen)
	// The events a replaced version leaves behind: those that came from
	// its text and from no other document's.
	const orphans = `SELECT ed.event_id FROM event_docs ed WHERE ed.hash = ?1
		AND NOT EXISTS (SELECT 1 FROM event_docs o WHERE o.event_id = ed.event_id AND o.hash <> ?1)`
	for _, st := range []struct {
		into **sql.Stmt
		sql  string
	}{
		{&w.insert, `INSERT INTO documents(doc_id, hash, title, source, url, published, text, stored_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING RETURNING rowid`},
		{&w.versions, `SELECT rowid, hash FROM documents WHERE doc_id = ? AND replaced_by IS NULL AND rowid <> ?`},
		{&w.replace, `UPDATE documents SET replaced_by = ? WHERE rowid = ?`},
		{&w.dropNotes, `DELETE FROM event_notes_fts WHERE rowid IN (SELECT e.rowid FROM events e WHERE e.id IN (` + orphans + `))`},
		{&w.dropEvents, `DELETE FROM events WHERE id IN (` + orphans + `)`},
		{&w.unlink, `DELETE FROM event_docs WHERE hash = ?`},
		{&w.affected, `SELECT DISTINCT cm.cluster FROM cluster_members cm WHERE cm.event_id IN (` + orphans + `)`},
		{&w.log, insertLog},
	} {
		if *st.into, err = tx.PrepareContext(ctx, st.sql); err != nil {
			w.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
	}
	return w, nil
}

func (w *docWriter) close() {
	for _, st := range []*sql.Stmt{w.insert, w.versions, w.replace, w.log, w.dropNotes, w.dropEvents, w.unlink, w.affected} {
		if st != nil {
			st.Close()
		}
	}
	w.events.close()
	w.merge.close()
}

// putDocument stores one document, its events and its log entry, inside a
// savepoint: a docError rolls back this document alone and logs it
// failed.
func (w *docWriter) putDocument(x store.Extracted, now time.Time) (store.PutResult, error) {
	entry := store.LogEntry{At: now, Input: x.Input, Doc: x.Doc.ID, Hash: x.Doc.Hash}
	if entry.Input == "" {
		entry.Input = string(x.Doc.ID)
	}
	if _, err := w.tx.ExecContext(w.ctx, "SAVEPOINT document"); err != nil {
		return store.PutResult{}, err
	}
	res, err := w.store(x, now)
	var bad docError
	switch {
	case errors.As(err, &bad):
		if _, err := w.tx.ExecContext(w.ctx, "ROLLBACK TO document"); err != nil {
			return res, err
		}
		clear(w.merge.seen) // it may hold the events rolled back
		res = store.PutResult{Status: store.Failed, Err: fmt.Errorf("document %q: %w", x.Doc.ID, bad.err)}
		entry.Error = bad.Error()
	case err != nil:
		return res, fmt.Errorf("document %q: %w", x.Doc.ID, err)
	}
	if _, err := w.tx.ExecContext(w.ctx, "RELEASE document"); err != nil {
		return res, err
	}
	entry.Status, entry.Replaced = res.Status, strings.Join(res.Replaced, " ")
	if res.Status == store.Stored {
		entry.Events = len(x.Events)
	}
	return res, writeLog(w.ctx, w.log, entry, now)
}

// store writes the document unless its text is stored already, retires
// the versions it replaces, and writes its events.
func (w *docWriter) store(x store.Extracted, now time.Time) (store.PutResult, error) {
	d := x.Doc
	if d.Hash == "" {
		return store.PutResult{}, docError{errors.New("no text hash")}
	}
	var rowid int64
	err := w.insert.QueryRowContext(w.ctx, string(d.ID), d.Hash, d.Title, d.Source, d.URL, isoDay(d.Published), d.Text,
		now.Format(time.RFC3339)).Scan(&rowid)
	if errors.Is(err, sql.ErrNoRows) {
		return store.PutResult{Status: store.Skipped}, nil
	}
	if err != nil {
		return store.PutResult{}, err
	}
	replaced, err := w.retire(d.ID, rowid)
	if err != nil {
		return store.PutResult{}, err
	}
	for _, ev := range x.Events {
		if err := w.events.put(ev, &d, extractedMeta(ev, d)); err != nil {
			return store.PutResult{}, err
		}
	}
	// Joined once all are stored: the document's events are never one
	// incident with each other (dedupe vetoes it), so the order does not
	// matter among them.
	for _, ev := range x.Events {
		if err := w.merge.join(dedupe.Report{Event: ev, Published: d.Published}); err != nil {
			return store.PutResult{}, err
		}
	}
	return store.PutResult{Status: store.Stored, Replaced: replaced}, nil
}

// extractedMeta is what the store keeps beside an event extracted from d:
// its blocking key, when it can be merged, and d's publication time.
func extractedMeta(ev durand.Event, d durand.Document) eventMeta {
	m := eventMeta{published: d.Published}
	if k, ok := dedupe.KeyOf(ev); ok && ev.Origin == nil {
		m.key = &k
	}
	return m
}

// retire marks the current versions of document id other than rowid as
// replaced by it, deletes the events that came from them alone, and
// returns their hashes.
func (w *docWriter) retire(id durand.DocID, rowid int64) ([]string, error) {
	rows, err := w.versions.QueryContext(w.ctx, string(id), rowid)
	if err != nil {
		return nil, err
	}
	type version struct {
		rowid int64
		hash  string
	}
	var old []version
	for rows.Next() {
		var v version
		if err := rows.Scan(&v.rowid, &v.hash); err != nil {
			rows.Close()
			return nil, err
		}
		old = append(old, v)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	var hashes []string
	for _, v := range old {
		affected, err := w.clustersOf(v.hash)
		if err != nil {
			return nil, fmt.Errorf("replace version %s: %w", v.hash, err)
		}
		for _, st := range []*sql.Stmt{w.dropNotes, w.dropEvents, w.unlink} {
			if _, err := st.ExecContext(w.ctx, v.hash); err != nil {
				return nil, fmt.Errorf("replace version %s: %w", v.hash, err)
			}
		}
		if err := w.merge.reform(affected); err != nil {
			return nil, fmt.Errorf("replace version %s: %w", v.hash, err)
		}
		if _, err := w.replace.ExecContext(w.ctx, rowid, v.rowid); err != nil {
			return nil, fmt.Errorf("replace version %s: %w", v.hash, err)
		}
		hashes = append(hashes, v.hash)
	}
	return hashes, nil
}

// clustersOf returns the merged events that the events of the text hash,
// which are about to be deleted, are members of.
func (w *docWriter) clustersOf(hash string) ([]string, error) {
	rows, err := w.affected.QueryContext(w.ctx, hash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
