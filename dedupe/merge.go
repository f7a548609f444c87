package dedupe

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/durandhq/durand"
)

// Merged is one incident made of several reports' events.
type Merged struct {
	// Event is the incident. Its id derives from the sorted member ids
	// (a single member keeps its own); it keeps every member's evidence
	// and documents, so len(Docs) counts its sources.
	Event durand.Event `json:"event"`
	// Members are the ids of the reports' events, sorted.
	Members []string `json:"members"`
	// Links say why the members are one incident: for every member but the
	// first, its best match with a member before it in the order of a
	// maximum spanning tree of the members' pairwise matches (strongest
	// link first, ties by ids). An explanation prints them.
	Links []Link `json:"links"`
}

// Link is the match of two member events.
type Link struct {
	A     string `json:"a"`
	B     string `json:"b"`
	Match Match  `json:"match"`
}

// ErrNoReports is returned by Merge when it is given nothing to merge.
var ErrNoReports = errors.New("dedupe: no reports to merge")

// Merge combines the reports of one incident into one event. The result
// depends only on the set of reports, never on their order. Each field's
// rule is a function below; in short: the finest place and date that
// agree with every report, the most specific type, mode and actors, the
// counts of mergeCount, asserted over claimed. Merge does not check that
// the reports match: Cluster and Join decide that.
func (r *Rules) Merge(reports []Report) (Merged, error) {
	if len(reports) == 0 {
		return Merged{}, ErrNoReports
	}
	rs := slices.Clone(reports)
	slices.SortFunc(rs, func(a, b Report) int { return strings.Compare(a.Event.ID, b.Event.ID) })
	for i := 1; i < len(rs); i++ {
		if rs[i].Event.ID == rs[i-1].Event.ID {
			return Merged{}, fmt.Errorf("dedupe: merge: event %q given twice", rs[i].Event.ID)
		}
	}
	m := Merged{Members: make([]string, len(rs))}
	for i, x := range rs {
		m.Members[i] = x.Event.ID
	}
	if len(rs) == 1 {
		m.Event = rs[0].Event
		return m, nil
	}
	bt := r.newBatch(rs)
	m.Links = bt.links()
	m.Event = bt.mergeEvent()
	m.Event.ID = MergedID(m.Members)
	return m, nil
}

// MergedID returns the id of the incident made of the events with these
// ids, in any order: "ev_" and 16 hex digits of the SHA-256 of the sorted
// ids, one a line; a single id is its own.
func MergedID(ids []string) string {
	if len(ids) == 1 {
		return ids[0]
	}
	s := slices.Clone(ids)
	slices.Sort(s)
	h := sha256.Sum256([]byte(strings.Join(s, "\n")))
	return "ev_" + hex.EncodeToString(h[:8])
}

// links returns a maximum spanning tree of the members' matches (Prim's,
// from the first member; ties go to the lower indices, which are in id
// order).
func (bt *batch) links() []Link {
	ps := bt.ps
	n := len(ps)
	in := make([]bool, n)
	best := make([]Match, n)
	from := make([]int, n)
	for i := range best {
		best[i].Score = -1
	}
	in[0] = true
	for j := 1; j < n; j++ {
		best[j], from[j] = bt.match(&ps[0], &ps[j]), 0
	}
	out := make([]Link, 0, n-1)
	for range n - 1 {
		k := -1
		for j := range n {
			if !in[j] && (k < 0 || best[j].Score > best[k].Score) {
				k = j
			}
		}
		in[k] = true
		out = append(out, Link{A: bt.event(&ps[from[k]]).ID, B: bt.event(&ps[k]).ID, Match: best[k]})
		for j := range n {
			if !in[j] {
				if m := bt.match(&ps[k], &ps[j]); m.Score > best[j].Score {
					best[j], from[j] = m, k
				}
			}
		}
	}
	return out
}

// mergeEvent combines the batch's events (sorted by id).
func (bt *batch) mergeEvent() durand.Event {
	r, ps := bt.r, bt.ps
	evs := make([]*durand.Event, len(ps))
	for i := range ps {
		evs[i] = bt.event(&ps[i])
	}
	var ev durand.Event
	ev.Type = mostSpecific(evs, func(e *durand.Event) durand.EventType { return e.Type }, r.typeRefines)
	ev.Mode = mostSpecific(evs, func(e *durand.Event) string { return e.Mode }, r.modeRefines)
	ev.ACLEDType, ev.ACLEDSubtype, ev.CAMEO = derivedCodes(evs, ev.Type, ev.Mode)
	ev.Place = bt.finestPlace()
	ev.Date = bt.finestDate()
	ev.Source, ev.Target = bt.mergeSides(evs)
	counts := func(get func(*durand.Event) durand.Count) durand.Count {
		cs := make([]reported, len(ps))
		for i := range ps {
			cs[i] = reported{get(evs[i]), ps[i].published}
		}
		return mergeCount(cs)
	}
	ev.Fatalities = counts(func(e *durand.Event) durand.Count { return e.Fatalities })
	ev.Injured = counts(func(e *durand.Event) durand.Count { return e.Injured })
	ev.Abducted = counts(func(e *durand.Event) durand.Count { return e.Abducted })
	ev.Modality, ev.ClaimedBy = bt.mergeModality(evs)
	seenCtx, seenDoc := map[string]bool{}, map[durand.DocID]bool{}
	for _, e := range evs {
		ev.Targeted = ev.Targeted || e.Targeted
		ev.Confidence = max(ev.Confidence, e.Confidence)
		ev.Evidence = append(ev.Evidence, e.Evidence...)
		for _, c := range e.Contexts {
			if !seenCtx[c] {
				seenCtx[c] = true
				ev.Contexts = append(ev.Contexts, c)
			}
		}
		for _, d := range e.Docs {
			if !seenDoc[d] {
				seenDoc[d] = true
				ev.Docs = append(ev.Docs, d)
			}
		}
	}
	slices.Sort(ev.Contexts)
	slices.Sort(ev.Docs)
	return ev
}

// mostSpecific picks a type or a mode for the incident: values that
// another report refines are dropped ("explosives" when another report
// names the suicide bomber, ASSAULT when another saw a FIGHT), then the
// most frequent wins, ties to the smallest. "" only when no report has one.
func mostSpecific[T ~string](evs []*durand.Event, get func(*durand.Event) T, refines map[[2]T]bool) T {
	count := map[T]int{}
	for _, e := range evs {
		if v := get(e); v != "" {
			count[v]++
		}
	}
	var best T
	for v, n := range count {
		refined := false
		for w := range count {
			if refines[[2]T{w, v}] {
				refined = true
				break
			}
		}
		if refined {
			continue
		}
		if best == "" || n > count[best] || n == count[best] && v < best {
			best = v
		}
	}
	return best
}

// derivedCodes takes the ACLED type, sub-type and CAMEO code, which the
// assembler derives from type and mode, from the first report (by id) with
// the incident's type and mode, else its type; "" when none has it.
func derivedCodes(evs []*durand.Event, t durand.EventType, mode string) (acledType, acledSub, cameo string) {
	for _, exactMode := range []bool{true, false} {
		for _, e := range evs {
			if e.Type == t && (!exactMode || e.Mode == mode) {
				return e.ACLEDType, e.ACLEDSubtype, e.CAMEO
			}
		}
	}
	return "", "", ""
}

// finestDate is the incident's date: the finest one the reports give
// (shortest range), then the one most reports give, then the earliest.
func (bt *batch) finestDate() durand.Date {
	ps := bt.ps
	var best *prepared
	n := func(p *prepared) int {
		c := 0
		for i := range ps {
			if ps[i].keyed && ps[i].lo == p.lo && ps[i].hi == p.hi {
				c++
			}
		}
		return c
	}
	for i := range ps {
		p := &ps[i]
		if !p.keyed {
			continue
		}
		if best == nil || cmp.Or(cmp.Compare(p.hi-p.lo, best.hi-best.lo), cmp.Compare(n(best), n(p)), cmp.Compare(p.lo, best.lo)) < 0 {
			best = p
		}
	}
	if best == nil {
		return bt.event(&ps[0]).Date
	}
	return bt.event(best).Date
}

// finestPlace is the incident's place: the finest place of a report that
// agrees with every other report's place (a village inside the district
// the others name), preferring, at one level, the place most reports give,
// then the more confident, then the smaller id. When no place agrees with
// all, the coarsest given stands.
func (bt *batch) finestPlace() *durand.Place {
	var cands []*prepared
	for i := range bt.ps {
		if bt.ps[i].place.known {
			cands = append(cands, &bt.ps[i])
		}
	}
	if len(cands) == 0 {
		return nil
	}
	same := func(p *prepared) int {
		c := 0
		for _, q := range cands {
			if samePlace(&p.place, &q.place) {
				c++
			}
		}
		return c
	}
	place := func(p *prepared) *durand.Place { return bt.event(p).Place }
	slices.SortStableFunc(cands, func(a, b *prepared) int {
		return cmp.Or(cmp.Compare(a.place.level, b.place.level), cmp.Compare(same(b), same(a)),
			cmp.Compare(place(b).Confidence, place(a).Confidence), cmp.Compare(place(a).ID, place(b).ID))
	})
	pick := cands[len(cands)-1]
	for _, c := range cands {
		if bt.agreesWithAll(c, cands) {
			pick = c
			break
		}
	}
	p := *place(pick)
	return &p
}

func (bt *batch) agreesWithAll(c *prepared, cands []*prepared) bool {
	for _, q := range cands {
		if _, v := bt.r.placeSim(&c.place, &q.place); v != NoVeto {
			return false
		}
	}
	return true
}

// samePlace reports whether two places are one gazetteer entry, or the same
// names when they have no id.
func samePlace(a, b *placeRef) bool {
	if a.id != 0 || b.id != 0 {
		return a.id == b.id
	}
	return a.name == b.name && a.admin2 == b.admin2 && a.admin1 == b.admin1 && a.country == b.country
}

// mergeSides gathers the reports' actors side by side: each report, in id
// order, read the way round that agrees better with the sides gathered so
// far when the incident has a FIGHT in it (whose sides depend on who tells
// it), then the most specific actors of each side.
func (bt *batch) mergeSides(evs []*durand.Event) (src, tgt []durand.Actor) {
	r := bt.r
	fight := slices.ContainsFunc(evs, func(e *durand.Event) bool { return e.Type == durand.Fight })
	var srcRefs, tgtRefs []actorRef
	for i, e := range evs {
		s, t, sr, tr := e.Source, e.Target, bt.side(bt.ps[i].src), bt.side(bt.ps[i].tgt)
		if fight && i > 0 {
			straight, ok := r.sides(srcRefs, sr, tgtRefs, tr)
			if swapped, sok := r.sides(srcRefs, tr, tgtRefs, sr); sok && (!ok || swapped > straight) {
				s, t, sr, tr = t, s, tr, sr
			}
		}
		src, tgt = append(src, s...), append(tgt, t...)
		srcRefs, tgtRefs = append(srcRefs, sr...), append(tgtRefs, tr...)
	}
	return bt.mostSpecificActors(src), bt.mostSpecificActors(tgt)
}

// mostSpecificActors keeps one actor per code, the first given, and drops
// an actor another on the side makes more specific: a generic one when a
// named one of its kind is there ("militants" when another report names
// the TTP), a code when another extends it (PAK when PAK.MIL is there), an
// actor without a code when any has one. Named actors come first, then
// generic ones, each in the order the reports give them.
func (bt *batch) mostSpecificActors(side []durand.Actor) []durand.Actor {
	var out []durand.Actor
	var refs []actorRef
	for _, a := range side {
		if !slices.ContainsFunc(out, func(b durand.Actor) bool { return b.Code == a.Code }) {
			out = append(out, a)
			refs = append(refs, bt.ref(a))
		}
	}
	var named, generic []durand.Actor
	for i, a := range out {
		switch {
		case slices.ContainsFunc(refs, func(y actorRef) bool { return moreSpecific(&y, &refs[i]) }):
		case refs[i].generic:
			generic = append(generic, a)
		default:
			named = append(named, a)
		}
	}
	return append(named, generic...)
}

// moreSpecific reports whether y names what x names, more precisely.
func moreSpecific(y, x *actorRef) bool {
	switch {
	case x.code == y.code:
		return false
	case prefixOf(x, y):
		return true
	case !x.generic:
		return false
	case x.kind == anyKind:
		return !y.generic || y.kind != anyKind
	}
	return !y.generic && y.kind == x.kind
}

// mergeModality is asserted when any report asserts the event, else
// claimed when any report tells a claim, else the reports' common
// modality. The claimant is kept either way: "the TTP claimed the attack"
// adds who claimed it to the attack other reports assert. A named
// claimant is preferred over a generic one, then the first by id.
func (bt *batch) mergeModality(evs []*durand.Event) (durand.Modality, *durand.Actor) {
	mod := orAsserted(evs[0].Modality)
	for _, e := range evs {
		switch m := orAsserted(e.Modality); {
		case m == durand.Asserted:
			mod = m
		case m == durand.Claimed && mod != durand.Asserted:
			mod = m
		}
	}
	var by *durand.Actor
	for _, e := range evs {
		if c := e.ClaimedBy; c != nil && (by == nil || bt.ref(*by).generic && !bt.ref(*c).generic) {
			a := *c
			by = &a
		}
	}
	return mod, by
}
