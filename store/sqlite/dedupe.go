package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/durandhq/durand/dedupe"
	"github.com/durandhq/durand/store"
)

// merger joins new reports' events to the stored incidents and keeps the
// merged events, inside one write transaction (migration 0008). A report's
// event is never changed: a merged event is stored beside its members,
// which move to the per-report list, and is made again from its members
// whenever they change.
type merger struct {
	ctx    context.Context
	tx     *sql.Tx
	rules  *dedupe.Rules
	events *eventWriter
	now    string
}

// join places the report's event, stored already, among the stored
// incidents its key meets (dedupe.Rules.Join): when it joins one, the
// incident's merged event is made again with it.
func (m *merger) join(rep dedupe.Report) error {
	k, ok := dedupe.KeyOf(rep.Event)
	if !ok || rep.Event.Origin != nil {
		return nil
	}
	cands, err := m.candidates(dedupe.ScopeOf(k), rep.Event.ID)
	if err != nil {
		return fmt.Errorf("dedupe event %q: candidates: %w", rep.Event.ID, err)
	}
	if len(cands) == 0 {
		return nil
	}
	apart, err := m.apart(rep.Event.ID)
	if err != nil {
		return fmt.Errorf("dedupe event %q: %w", rep.Event.ID, err)
	}
	d := m.rules.Join(rep, cands, apart)
	if d.Cluster == "" {
		return nil
	}
	reports := []dedupe.Report{rep}
	for _, c := range cands {
		if c.Cluster == d.Cluster {
			reports = append(reports, c.Report)
		}
	}
	if len(reports) > 2 { // the incident was a merged event
		if _, err := m.dissolve(d.Cluster); err != nil {
			return err
		}
	}
	return m.form(reports)
}

// candidates returns the stored events in scope, each with its incident,
// less the event id.
func (m *merger) candidates(sc dedupe.Scope, id string) ([]dedupe.Candidate, error) {
	w := &where{}
	w.add("e.key_lo BETWEEN ? AND ? AND e.key_hi >= ?", int64(sc.From-dedupe.MaxWindow+1), int64(sc.To), int64(sc.From))
	w.add("e.id <> ?", id)
	if !sc.All {
		var conds []string
		var args []any
		for _, r := range sc.Regions {
			conds = append(conds, "(e.key_country = ? AND e.key_admin1 = ?)")
			args = append(args, r.Country, r.Admin1)
		}
		for _, c := range sc.Countries {
			conds = append(conds, "e.key_country = ?")
			args = append(args, c)
		}
		w.add("("+strings.Join(conds, " OR ")+")", args...)
	}
	rows, err := m.tx.QueryContext(m.ctx, `SELECT e.body, e.published, e.cluster, coalesce(c.size, 1)
		FROM events e INDEXED BY events_key LEFT JOIN clusters c ON c.id = e.cluster`+w.sql(), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dedupe.Candidate
	for rows.Next() {
		var body []byte
		var pub, cluster string
		var c dedupe.Candidate
		if err := rows.Scan(&body, &pub, &cluster, &c.Size); err != nil {
			return nil, err
		}
		if c.Report, err = report(body, pub); err != nil {
			return nil, err
		}
		c.Cluster = cluster
		if c.Cluster == "" {
			c.Cluster = c.Event.ID
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// report reads a stored event's body and publication time.
func report(body []byte, published string) (dedupe.Report, error) {
	var r dedupe.Report
	if err := r.Event.UnmarshalJSON(body); err != nil {
		return r, fmt.Errorf("stored body: %w", err)
	}
	if published != "" {
		r.Published, _ = time.Parse(time.RFC3339, published)
	}
	return r, nil
}

// apart returns the pairs with the event id that an analyst split.
func (m *merger) apart(id string) (*dedupe.CannotLink, error) {
	rows, err := m.tx.QueryContext(m.ctx, "SELECT a, b FROM cannot_link WHERE a = ?1 UNION ALL SELECT a, b FROM cannot_link WHERE b = ?1", id)
	if err != nil {
		return nil, fmt.Errorf("cannot-link pairs: %w", err)
	}
	defer rows.Close()
	c := &dedupe.CannotLink{}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		c.Add(a, b)
	}
	return c, rows.Err()
}

// form stores the incident of reports: a merged event when there are two
// or more, its members moved to the per-report list; a single report's
// event is put back in both lists.
func (m *merger) form(reports []dedupe.Report) error {
	if len(reports) == 1 {
		return m.setView(reports[0].Event.ID, viewBoth, "")
	}
	mg, err := m.rules.Merge(reports)
	if err != nil {
		return err
	}
	mg.Event.Members = mg.Members
	if err := m.events.put(mg.Event, nil, eventMeta{view: viewMerged}); err != nil {
		return fmt.Errorf("merged event %q: %w", mg.Event.ID, err)
	}
	for _, id := range mg.Members {
		if err := m.setView(id, viewReport, mg.Event.ID); err != nil {
			return err
		}
	}
	score := 0.0
	for _, l := range mg.Links {
		score += l.Match.Score
	}
	score /= float64(len(mg.Links))
	members, _ := json.Marshal(mg.Members)
	links, err := json.Marshal(mg.Links)
	if err != nil {
		return fmt.Errorf("merged event %q: %w", mg.Event.ID, err)
	}
	_, err = m.tx.ExecContext(m.ctx, `INSERT INTO clusters(id, members, size, score, links, rules, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET members = excluded.members, size = excluded.size, score = excluded.score, links = excluded.links,
		rules = excluded.rules, merged_at = excluded.merged_at`,
		mg.Event.ID, string(members), len(mg.Members), score, string(links), m.rules.Version, m.now)
	if err != nil {
		return fmt.Errorf("merged event %q: %w", mg.Event.ID, err)
	}
	return nil
}

// setView moves an event between the lists, with the revision of this
// write, so that the summary sees it move.
func (m *merger) setView(id string, view int, cluster string) error {
	_, err := m.tx.ExecContext(m.ctx, "UPDATE events SET view = ?, cluster = ?, rev = ? WHERE id = ?", view, cluster, m.events.rev, id)
	if err != nil {
		return fmt.Errorf("event %q: %w", id, err)
	}
	return nil
}

// dissolve deletes the merged event id and its record, puts its members
// that are still stored back in both lists, and returns the members' ids;
// store.ErrNotFound when there is no such merged event.
func (m *merger) dissolve(id string) ([]string, error) {
	var list string
	err := m.tx.QueryRowContext(m.ctx, "DELETE FROM clusters WHERE id = ? RETURNING members", id).Scan(&list)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("merged event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("merged event %q: %w", id, err)
	}
	var members []string
	if err := json.Unmarshal([]byte(list), &members); err != nil {
		return nil, fmt.Errorf("merged event %q: members: %w", id, err)
	}
	if _, err := m.tx.ExecContext(m.ctx, "DELETE FROM events WHERE id = ?", id); err != nil {
		return nil, fmt.Errorf("merged event %q: %w", id, err)
	}
	for _, mem := range members {
		if err := m.setView(mem, viewBoth, ""); err != nil {
			return nil, err
		}
	}
	return members, nil
}

// reform makes the merged events id again from their members that are
// still stored: after a document's new version deleted the events of the
// old one, the incidents they were in are made of the rest.
func (m *merger) reform(ids []string) error {
	for _, id := range ids {
		members, err := m.dissolve(id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		var reports []dedupe.Report
		for _, mem := range members {
			var body []byte
			var pub string
			err := m.tx.QueryRowContext(m.ctx, "SELECT body, published FROM events WHERE id = ?", mem).Scan(&body, &pub)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return fmt.Errorf("event %q: %w", mem, err)
			}
			r, err := report(body, pub)
			if err != nil {
				return fmt.Errorf("event %q: %w", mem, err)
			}
			reports = append(reports, r)
		}
		if len(reports) > 1 {
			if err := m.form(reports); err != nil {
				return err
			}
		}
	}
	return nil
}

// Cluster returns how the merged event id was made.
func (s *DB) Cluster(ctx context.Context, id string) (store.Cluster, error) {
	c := store.Cluster{ID: id}
	var members, links, at string
	err := s.db.QueryRowContext(ctx, "SELECT members, score, links, rules, merged_at FROM clusters WHERE id = ?", id).
		Scan(&members, &c.Score, &links, &c.Rules, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("merged event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("merged event %q: %w", id, err)
	}
	if err := json.Unmarshal([]byte(members), &c.Members); err != nil {
		return c, fmt.Errorf("merged event %q: members: %w", id, err)
	}
	if err := json.Unmarshal([]byte(links), &c.Links); err != nil {
		return c, fmt.Errorf("merged event %q: links: %w", id, err)
	}
	c.At, _ = time.Parse(time.RFC3339, at)
	return c, nil
}

// Unmerge splits the merged event id into its members and keeps every two
// of them apart from now on.
func (s *DB) Unmerge(ctx context.Context, id string) ([]string, error) {
	var members []string
	err := s.write(ctx, func(tx *sql.Tx) error {
		ew, err := newEventWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer ew.close()
		now := time.Now().UTC().Format(time.RFC3339)
		m := &merger{ctx: ctx, tx: tx, rules: s.rules, events: ew, now: now}
		if members, err = m.dissolve(id); err != nil {
			return err
		}
		apart := &dedupe.CannotLink{}
		apart.Split(members...)
		for _, p := range apart.Pairs() {
			if _, err := tx.ExecContext(ctx, "INSERT INTO cannot_link(a, b, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", p[0], p[1], now); err != nil {
				return fmt.Errorf("unmerge %q: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return members, nil
}
