package dedupe

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// Report is one report's event as the stage reads it: the event and when
// its report was published, which says whose toll is the later one.
type Report struct {
	Event durand.Event
	// Published is the report's publication time; zero when unknown.
	Published time.Time
}

// Field is one of the fields a match scores.
type Field uint8

// The fields of a match, in the order their contributions are summed.
const (
	FieldType Field = iota
	FieldMode
	FieldDate
	FieldPlace
	FieldActors
	FieldFatalities
	FieldInjured
	NumFields
)

var fieldNames = [NumFields]string{"type", "mode", "date", "place", "actors", "fatalities", "injured"}

// String returns the field's name, as data/dedupe.tsv and explanations
// write it.
func (f Field) String() string {
	if f < NumFields {
		return fieldNames[f]
	}
	return fmt.Sprintf("Field(%d)", f)
}

// Veto names the rule that says two events are not one incident, whatever
// else they share.
type Veto uint8

// The vetoes. NoVeto leaves the score to the fields.
const (
	NoVeto       Veto = iota
	VetoUnkeyed       // one has no usable date, or is an imported record: never merged
	VetoDocument      // they come from one document: the assembler has already decided
	VetoDate          // their dates are more than Slack days apart
	VetoRegion        // their regions do not nest (two provinces, two countries)
	VetoModality      // one says it happened, the other that it did not or may
	VetoType          // their types are never one incident
	VetoPlace         // two districts, or two points more than far-km apart
	VetoActors        // two different named actors on one side
	VetoApart         // an analyst split them (CannotLink)
)

var vetoNames = [...]string{"", "unkeyed", "document", "date", "region", "modality", "type", "place", "actors", "apart"}

// String returns the veto's name; "" for NoVeto.
func (v Veto) String() string {
	if int(v) < len(vetoNames) {
		return vetoNames[v]
	}
	return fmt.Sprintf("Veto(%d)", v)
}

// Match is the comparison of two events: a score in [0, 1] and what drove
// it. Parts holds each field's signed contribution (its weight times its
// similarity); the score is their sum, clamped. A vetoed match scores 0.
type Match struct {
	Score float64
	Parts [NumFields]float64
	Veto  Veto
}

// Fields returns the fields that contributed, by name.
func (m Match) Fields() map[string]float64 {
	out := map[string]float64{}
	for f, v := range m.Parts {
		if v != 0 {
			out[Field(f).String()] = round(v)
		}
	}
	return out
}

// String writes the match as an explanation reads it:
// "0.82 (date +0.25, place +0.25, actors +0.2, fatalities -0.03)", or
// "vetoed: place".
func (m Match) String() string {
	if m.Veto != NoVeto {
		return "vetoed: " + m.Veto.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%.2f (", m.Score)
	sep := ""
	for f, v := range m.Parts {
		if v != 0 {
			fmt.Fprintf(&b, "%s%s %+.2g", sep, Field(f), round(v))
			sep = ", "
		}
	}
	b.WriteString(")")
	return b.String()
}

// MarshalJSON writes {"score": 0.82, "fields": {"date": 0.25, …}, "veto": null}.
func (m Match) MarshalJSON() ([]byte, error) {
	var veto *string
	if m.Veto != NoVeto {
		s := m.Veto.String()
		veto = &s
	}
	return json.Marshal(struct {
		Score  float64            `json:"score"`
		Fields map[string]float64 `json:"fields"`
		Veto   *string            `json:"veto"`
	}{round(m.Score), m.Fields(), veto})
}

// UnmarshalJSON reads a match written by MarshalJSON, so that a store can
// keep a merge's links and explain them later.
func (m *Match) UnmarshalJSON(b []byte) error {
	var j struct {
		Score  float64            `json:"score"`
		Fields map[string]float64 `json:"fields"`
		Veto   *string            `json:"veto"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = Match{Score: j.Score}
	for name, v := range j.Fields {
		f := Field(slices.Index(fieldNames[:], name))
		if f >= NumFields {
			return fmt.Errorf("match: unknown field %q", name)
		}
		m.Parts[f] = v
	}
	if j.Veto != nil {
		v := slices.Index(vetoNames[:], *j.Veto)
		if v <= 0 {
			return fmt.Errorf("match: unknown veto %q", *j.Veto)
		}
		m.Veto = Veto(v)
	}
	return nil
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

// Match compares the events of two reports. It is symmetric, and the
// stage's only judge: blocking (Key) and clustering never let through a
// pair that Match vetoes.
func (r *Rules) Match(a, b Report) Match {
	bt := r.newBatch([]Report{a, b})
	return bt.match(&bt.ps[0], &bt.ps[1])
}

// batch is a set of reports prepared for matching: each reduced to numbers,
// its strings to their hashes, its actors and documents in arrays shared
// by the batch, so that comparing two reads neither the events nor the
// heap, and holds no pointer for the collector to scan.
type batch struct {
	r *Rules
	// report returns the report with index i, as prepared.idx counts.
	report func(i int) *Report
	ps     []prepared
	actors []actorRef
	docs   []name
	seed   maphash.Seed
}

// name stands for a string in a batch: its 64-bit hash, 0 for "". Two
// names are taken for one string when their hashes are equal; two strings
// share a hash with probability 2⁻⁶⁴, so that a million reports compared
// fifty million times are all but certain never to meet one.
type name uint64

// newBatch prepares reports, in their order.
func (r *Rules) newBatch(reports []Report) *batch {
	bt := r.emptyBatch(len(reports), func(i int) *Report { return &reports[i] })
	for i := range reports {
		bt.add(i)
	}
	return bt
}

// emptyBatch returns a batch of n reports with none prepared yet; add
// prepares them in the order the caller wants them laid out.
func (r *Rules) emptyBatch(n int, report func(i int) *Report) *batch {
	return &batch{r: r, report: report, seed: maphash.MakeSeed(),
		ps: make([]prepared, 0, n), actors: make([]actorRef, 0, 2*n)}
}

func (bt *batch) name(s string) name {
	if s == "" {
		return 0
	}
	return name(maphash.String(bt.seed, s) | 1)
}

// span is a run of a batch's shared array.
type span struct{ off, n int32 }

// prepared is what matching reads of a report, worked out once.
type prepared struct {
	idx   int32 // the report's index in the batch's reports
	keyed bool
	// coarse reports that the report names no district: only a
	// province, a country or no place, so that it may fit several
	// incidents of its day.
	coarse   bool
	modality int8    // 0 for the reported modalities, which agree; else one each
	region   [2]name // country, admin1
	lo, hi   Day     // the date range, without Slack
	typ      name
	class    name // the type's class (Rules.typeClass), else the type
	mode     name
	typeRule int16 // index in the rules' type table; -1 when not in it
	modeRule int16
	assault  bool // the type is ASSAULT
	fight    bool // the type is FIGHT
	doc      name // the first document; the others in docs
	docs     span
	place    placeRef
	src, tgt span
	fat, inj interval
	// published is when the report was published, in Unix seconds; 0
	// when unknown.
	published int64
}

func (bt *batch) add(i int) {
	key, keyed := KeyOf(bt.report(i).Event)
	bt.addKeyed(i, key, keyed)
}

// addKeyed prepares report i, whose key is given.
func (bt *batch) addKeyed(i int, key Key, keyed bool) {
	rep := bt.report(i)
	ev := &rep.Event
	p := prepared{idx: int32(i), typeRule: -1, modeRule: -1}
	// Fusion links imported records; it never merges them.
	p.keyed = keyed && ev.Origin == nil
	p.region = [2]name{bt.name(key.Region.Country), bt.name(key.Region.Admin1)}
	p.lo, p.hi = key.Lo, key.Hi-Slack
	p.modality = modalityClass(ev.Modality)
	p.typ, p.mode = bt.name(string(ev.Type)), bt.name(ev.Mode)
	p.class = p.typ
	if c, ok := bt.r.typeClass[ev.Type]; ok {
		p.class = bt.name(string(c))
	}
	p.assault, p.fight = ev.Type == durand.Assault, ev.Type == durand.Fight
	if k, ok := bt.r.typeIdx[ev.Type]; ok {
		p.typeRule = k
	}
	if k, ok := bt.r.modeIdx[ev.Mode]; ok {
		p.modeRule = k
	}
	if len(ev.Docs) > 0 {
		p.doc = bt.name(string(ev.Docs[0]))
	}
	if len(ev.Docs) > 1 {
		p.docs.off = int32(len(bt.docs))
		for _, d := range ev.Docs[1:] {
			bt.docs = append(bt.docs, bt.name(string(d)))
		}
		p.docs.n = int32(len(ev.Docs) - 1)
	}
	p.coarse = true
	if ev.Place != nil {
		p.place = bt.placeRef(ev.Place)
		p.coarse = p.place.level >= admin1
	}
	p.src, p.tgt = bt.actorRefs(ev.Source), bt.actorRefs(ev.Target)
	p.fat, p.inj = intervalOf(ev.Fatalities), intervalOf(ev.Injured)
	if !rep.Published.IsZero() {
		p.published = rep.Published.Unix()
	}
	bt.ps = append(bt.ps, p)
}

func (bt *batch) event(p *prepared) *durand.Event { return &bt.report(int(p.idx)).Event }

// match compares two prepared reports: the vetoes first, cheapest first,
// then each field's similarity.
func (bt *batch) match(a, b *prepared) Match {
	r := bt.r
	if v := bt.veto(a, b); v != NoVeto {
		return Match{Veto: v}
	}
	var sim [NumFields]float64
	var v Veto
	if sim[FieldType], v = bt.typeSim(a, b); v != NoVeto {
		return Match{Veto: v}
	}
	if sim[FieldPlace], v = r.placeSim(&a.place, &b.place); v != NoVeto {
		return Match{Veto: v}
	}
	if sim[FieldActors], v = bt.actorsSim(a, b); v != NoVeto {
		return Match{Veto: v}
	}
	sim[FieldMode] = r.modeSim(a, b)
	sim[FieldDate] = r.dateSim(a, b)
	sim[FieldFatalities] = r.countSim(a.fat, b.fat, a.published, b.published)
	sim[FieldInjured] = r.countSim(a.inj, b.inj, a.published, b.published)
	var m Match
	for f := range NumFields {
		m.Parts[f] = r.weight[f] * sim[f]
		m.Score += m.Parts[f]
	}
	m.Score = min(1, max(0, m.Score))
	return m
}

// veto applies the rules that need no field similarity.
func (bt *batch) veto(a, b *prepared) Veto {
	switch {
	case !a.keyed || !b.keyed:
		return VetoUnkeyed
	case a.lo > b.hi+Slack || b.lo > a.hi+Slack || !overlap(a, b) && (a.hi > a.lo || b.hi > b.lo):
		return VetoDate
	case !nests(a.region, b.region):
		return VetoRegion
	case bt.shareDocument(a, b):
		return VetoDocument
	case a.modality != b.modality:
		return VetoModality
	}
	return NoVeto
}

// overlap reports whether two dates share a day. Dates a day apart are
// one incident's only when both are single days ("on Monday night", "on
// Tuesday"): a week that ends the day before another report's day, or two
// weeks end to end, are two incidents, as "this week" in reports published
// a week apart is ("eleven soldiers killed in an ambush in Orakzai", then
// "six soldiers killed in a shootout in Orakzai" seven days later).
func overlap(a, b *prepared) bool { return a.lo <= b.hi && b.lo <= a.hi }

// nests is Region.Nests over interned regions.
func nests(a, b [2]name) bool {
	return a[0] == 0 || b[0] == 0 || a[0] == b[0] && (a[1] == 0 || b[1] == 0 || a[1] == b[1])
}

// shareDocument reports whether two events come from one document: the
// assembler read that document whole and decided they are two events (an
// attack on a checkpoint and, separately, a roadside bomb), so this stage
// never merges them, not even through a third report.
func (bt *batch) shareDocument(a, b *prepared) bool {
	if a.doc == b.doc && a.doc != 0 {
		return true
	}
	if a.docs.n == 0 && b.docs.n == 0 {
		return false
	}
	for _, x := range append([]name{a.doc}, bt.docs[a.docs.off:a.docs.off+a.docs.n]...) {
		for _, y := range append([]name{b.doc}, bt.docs[b.docs.off:b.docs.off+b.docs.n]...) {
			if x == y && x != 0 {
				return true
			}
		}
	}
	return false
}

// modalityClass numbers modalities so that two agree when their numbers
// do: the reported ones (asserted, or claimed by someone: "the TTP claimed
// the attack" and "militants attacked" are one attack) are all 0, each
// other one is its own. "Pakistan denied carrying out strikes" is not the
// strikes another report asserts: it stays a report of its own. An event
// without a modality is asserted, as the contract's readers take it.
func modalityClass(m durand.Modality) int8 {
	switch m {
	case "", durand.Asserted, durand.Claimed:
		return 0
	case durand.Denied:
		return 1
	case durand.Negated:
		return 2
	case durand.Hypothetical:
		return 3
	case durand.Future:
		return 4
	}
	return 5
}

// orAsserted reads an event without a modality as asserted.
func orAsserted(m durand.Modality) durand.Modality {
	if m == "" {
		return durand.Asserted
	}
	return m
}
