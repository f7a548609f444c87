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
	// seen holds the reports read back from the store, by event id (see
	// DB.seen).
	seen map[string]dedupe.Report
	// stmts are the statements prepared in tx, by their SQL: parsing them
	// again for every event took a fifth of the time of storing it.
	stmts map[string]*sql.Stmt
}

func newMerger(ctx context.Context, tx *sql.Tx, rules *dedupe.Rules, events *eventWriter, seen map[string]dedupe.Report) *merger {
	return &merger{ctx: ctx, tx: tx, rules: rules, events: events, now: time.Now().UTC().Format(time.RFC3339), seen: seen,
		stmts: map[string]*sql.Stmt{}}
}

// stmt returns the statement of query, prepared once in the transaction.
func (m *merger) stmt(query string) (*sql.Stmt, error) {
	if st, ok := m.stmts[query]; ok {
		return st, nil
	}
	st, err := m.tx.PrepareContext(m.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	m.stmts[query] = st
	return st, nil
}

func (m *merger) exec(query string, args ...any) error {
	st, err := m.stmt(query)
	if err == nil {
		_, err = st.ExecContext(m.ctx, args...)
	}
	return err
}

func (m *merger) query(query string, args ...any) (*sql.Rows, error) {
	st, err := m.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(m.ctx, args...)
}

func (m *merger) queryRow(query string, args ...any) *sql.Row {
	st, err := m.stmt(query)
	if err != nil {
		// A *sql.Row cannot be made with an error; prepare failing
		// means the connection failed, which the query reports too.
		return m.tx.QueryRowContext(m.ctx, query, args...)
	}
	return st.QueryRowContext(m.ctx, args...)
}

func (m *merger) close() {
	for _, st := range m.stmts {
		st.Close()
	}
}

// maxSeen bounds DB.seen: about 1 KB a report.
const maxSeen = 20000

// join places the report's event, stored already, among the stored
// incidents its key meets (dedupe.Rules.Join): when it joins one, the
// incident's merged event is made again with it.
func (m *merger) join(rep dedupe.Report) error {
	k, ok := dedupe.KeyOf(rep.Event)
	if !ok || rep.Event.Origin != nil {
		return nil
	}
	// As the store keeps it (RFC 3339, to the second), so that a report
	// compares the same whether it was read back or not.
	rep.Published = rep.Published.UTC().Truncate(time.Second)
	m.remember(rep)
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
	if len(reports) == 2 { // two events alone: both are new members
		return m.form(reports, "", reports)
	}
	// The incident was a merged event: it is made again with the report.
	if _, err := m.drop(d.Cluster); err != nil {
		return err
	}
	return m.form(reports, d.Cluster, reports[:1])
}

// candidates returns the stored events in scope, each with its incident,
// less the event id. Each region of the scope is one range of the key
// index (events_key_region); a scope over every region, one range of
// events_key_window.
func (m *merger) candidates(sc dedupe.Scope, id string) ([]dedupe.Candidate, error) {
	window := []any{int64(sc.From - dedupe.MaxWindow + 1), int64(sc.To), int64(sc.From)}
	var parts []string
	var args []any
	const inWindow = " key_lo BETWEEN ? AND ? AND key_hi >= ?"
	switch {
	case sc.All:
		parts = append(parts, "SELECT id FROM events INDEXED BY events_key_window WHERE"+inWindow)
		args = append(args, window...)
	default:
		for _, r := range sc.Regions {
			parts = append(parts, "SELECT id FROM events INDEXED BY events_key_region WHERE key_country = ? AND key_admin1 = ? AND"+inWindow)
			args = append(append(args, r.Country, r.Admin1), window...)
		}
		for _, c := range sc.Countries {
			parts = append(parts, "SELECT id FROM events INDEXED BY events_key_region WHERE key_country = ? AND"+inWindow)
			args = append(append(args, c), window...)
		}
	}
	rows, err := m.query(`SELECT s.id, coalesce(cm.cluster, ''), coalesce(c.size, 1) FROM (`+strings.Join(parts, " UNION ALL ")+`) s
		LEFT JOIN cluster_members cm ON cm.event_id = s.id LEFT JOIN clusters c ON c.id = cm.cluster WHERE s.id <> ?`, append(args, id)...)
	if err != nil {
		return nil, err
	}
	var out []dedupe.Candidate
	for rows.Next() {
		var c dedupe.Candidate
		if err := rows.Scan(&c.Event.ID, &c.Cluster, &c.Size); err != nil {
			rows.Close()
			return nil, err
		}
		if c.Cluster == "" {
			c.Cluster = c.Event.ID
		}
		out = append(out, c)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Report, err = m.report(out[i].Event.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// report reads back a stored report's event and publication time. A
// report's event never changes once stored (a new text has new event
// ids), so what was read once is kept in seen: a busy incident's members
// are candidates of every report that joins it, and decoding their JSON
// each time took most of the time of storing it.
func (m *merger) report(id string) (dedupe.Report, error) {
	if r, ok := m.seen[id]; ok {
		return r, nil
	}
	var body []byte
	var pub string
	if err := m.queryRow("SELECT body, published FROM events WHERE id = ?", id).Scan(&body, &pub); err != nil {
		return dedupe.Report{}, fmt.Errorf("event %q: %w", id, err)
	}
	var r dedupe.Report
	if err := r.Event.UnmarshalJSON(body); err != nil {
		return r, fmt.Errorf("event %q: stored body: %w", id, err)
	}
	if pub != "" {
		r.Published, _ = time.Parse(time.RFC3339, pub)
	}
	m.remember(r)
	return r, nil
}

// remember keeps a report's event in seen, which it keeps under maxSeen.
func (m *merger) remember(r dedupe.Report) {
	if len(m.seen) >= maxSeen {
		clear(m.seen)
	}
	m.seen[r.Event.ID] = r
}

// apart returns the pairs with the event id that an analyst split.
func (m *merger) apart(id string) (*dedupe.CannotLink, error) {
	rows, err := m.query("SELECT a, b FROM cannot_link WHERE a = ?1 UNION ALL SELECT a, b FROM cannot_link WHERE b = ?1", id)
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

// form stores the incident of two or more reports: its merged event and
// record, its members moved to the per-report list. old is the merged
// event the incident was until now ("" when none), whose members are
// among reports already; added are the reports that were not in it.
func (m *merger) form(reports []dedupe.Report, old string, added []dedupe.Report) error {
	mg, err := m.rules.Merge(reports)
	if err != nil {
		return err
	}
	mg.Event.Members = mg.Members
	if err := m.events.put(mg.Event, nil, eventMeta{view: viewMerged}); err != nil {
		return fmt.Errorf("merged event %q: %w", mg.Event.ID, err)
	}
	if old != "" {
		if err := m.exec("UPDATE cluster_members SET cluster = ? WHERE cluster = ?", mg.Event.ID, old); err != nil {
			return fmt.Errorf("merged event %q: %w", mg.Event.ID, err)
		}
	}
	for _, r := range added {
		id := r.Event.ID
		if err := m.exec(`INSERT INTO cluster_members(event_id, cluster) VALUES (?, ?)
			ON CONFLICT(event_id) DO UPDATE SET cluster = excluded.cluster`, id, mg.Event.ID); err != nil {
			return fmt.Errorf("event %q: %w", id, err)
		}
		if err := m.setView(id, viewReport); err != nil {
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
	err = m.exec(`INSERT INTO clusters(id, members, size, score, links, rules, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET members = excluded.members, size = excluded.size, score = excluded.score, links = excluded.links,
		rules = excluded.rules, merged_at = excluded.merged_at`,
		mg.Event.ID, string(members), len(mg.Members), score, string(links), m.rules.Version, m.now)
	if err != nil {
		return fmt.Errorf("merged event %q: %w", mg.Event.ID, err)
	}
	return nil
}

// setView moves an event between the lists, with the revision of this
// write so that the summary sees it move; an event in its list already is
// not written.
func (m *merger) setView(id string, view int) error {
	if err := m.exec("UPDATE events SET view = ?1, rev = ?2 WHERE id = ?3 AND view <> ?1", view, m.events.rev, id); err != nil {
		return fmt.Errorf("event %q: %w", id, err)
	}
	return nil
}

// drop deletes the merged event id and its record, and returns its
// members' ids; store.ErrNotFound when there is no such merged event. Its
// members stay where they are.
func (m *merger) drop(id string) ([]string, error) {
	var list string
	err := m.queryRow("DELETE FROM clusters WHERE id = ? RETURNING members", id).Scan(&list)
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
	if err := m.exec("DELETE FROM events WHERE id = ?", id); err != nil {
		return nil, fmt.Errorf("merged event %q: %w", id, err)
	}
	return members, nil
}

// dissolve drops the merged event id and puts its members back in both
// lists, each an event of its own.
func (m *merger) dissolve(id string) ([]string, error) {
	members, err := m.drop(id)
	if err != nil {
		return nil, err
	}
	if err := m.exec("DELETE FROM cluster_members WHERE cluster = ?", id); err != nil {
		return nil, fmt.Errorf("merged event %q: %w", id, err)
	}
	for _, mem := range members {
		if err := m.setView(mem, viewBoth); err != nil {
			return nil, err
		}
	}
	return members, nil
}

// reform makes the merged events ids again from their members that are
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
			var n int
			if err := m.queryRow("SELECT count(*) FROM events WHERE id = ?", mem).Scan(&n); err != nil {
				return fmt.Errorf("event %q: %w", mem, err)
			}
			if n == 0 {
				continue
			}
			r, err := m.report(mem)
			if err != nil {
				return err
			}
			reports = append(reports, r)
		}
		if len(reports) > 1 {
			if err := m.form(reports, "", reports); err != nil {
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
		m := newMerger(ctx, tx, s.rules, ew, s.seen)
		defer m.close()
		if members, err = m.dissolve(id); err != nil {
			return err
		}
		apart := &dedupe.CannotLink{}
		apart.Split(members...)
		for _, p := range apart.Pairs() {
			if err := m.exec("INSERT INTO cannot_link(a, b, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", p[0], p[1], m.now); err != nil {
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
