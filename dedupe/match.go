package dedupe

import (
	"encoding/json"
	"fmt"
	"math"
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

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

// Match compares the events of two reports. It is symmetric, and the
// stage's only judge: blocking (Key) and clustering never let through a
// pair that Match vetoes.
func (r *Rules) Match(a, b Report) Match {
	pa, pb := r.prepare(&a), r.prepare(&b)
	return r.match(&pa, &pb)
}

// prepared is what matching reads of a report, worked out once.
type prepared struct {
	ev        *durand.Event
	keyed     bool
	key       Key
	lo, hi    Day // the date range, without Slack
	level     level
	src, tgt  []actorRef
	fat, inj  interval
	published int64 // Unix seconds; 0 when unknown
}

func (r *Rules) prepare(rep *Report) prepared {
	ev := &rep.Event
	p := prepared{ev: ev}
	p.key, p.keyed = KeyOf(*ev)
	if ev.Origin != nil {
		p.keyed = false // fusion links imported records; it never merges them
	}
	if p.keyed {
		p.lo, p.hi = p.key.Lo, p.key.Hi-Slack
	}
	if ev.Place != nil {
		p.level = placeLevel(ev.Place)
	}
	p.src, p.tgt = r.actorRefs(ev.Source), r.actorRefs(ev.Target)
	p.fat, p.inj = intervalOf(ev.Fatalities), intervalOf(ev.Injured)
	if !rep.Published.IsZero() {
		p.published = rep.Published.Unix()
	}
	return p
}

// match compares two prepared reports: the vetoes first, cheapest first,
// then each field's similarity.
func (r *Rules) match(a, b *prepared) Match {
	if v := r.veto(a, b); v != NoVeto {
		return Match{Veto: v}
	}
	var m Match
	sim := [NumFields]float64{}
	var v Veto
	if sim[FieldType], v = r.typeSim(a, b); v != NoVeto {
		return Match{Veto: v}
	}
	if sim[FieldPlace], v = r.placeSim(a.ev.Place, b.ev.Place, a.level, b.level); v != NoVeto {
		return Match{Veto: v}
	}
	if sim[FieldActors], v = r.actorsSim(a, b); v != NoVeto {
		return Match{Veto: v}
	}
	sim[FieldMode] = r.modeSim(a.ev.Mode, b.ev.Mode)
	sim[FieldDate] = r.dateSim(a, b)
	sim[FieldFatalities] = r.countSim(a.fat, b.fat, a.published, b.published)
	sim[FieldInjured] = r.countSim(a.inj, b.inj, a.published, b.published)
	for f := range NumFields {
		m.Parts[f] = r.weight[f] * sim[f]
		m.Score += m.Parts[f]
	}
	m.Score = min(1, max(0, m.Score))
	return m
}

// veto applies the rules that need no field similarity.
func (r *Rules) veto(a, b *prepared) Veto {
	switch {
	case !a.keyed || !b.keyed:
		return VetoUnkeyed
	case a.lo > b.hi+Slack || b.lo > a.hi+Slack:
		return VetoDate
	case !a.key.Region.Nests(b.key.Region):
		return VetoRegion
	case shareDocument(a.ev.Docs, b.ev.Docs):
		return VetoDocument
	case !modalitiesAgree(a.ev.Modality, b.ev.Modality):
		return VetoModality
	}
	return NoVeto
}

// shareDocument reports whether two events come from one document: the
// assembler read that document whole and decided they are two events (an
// attack on a checkpoint and, separately, a roadside bomb), so this stage
// never merges them, not even through a third report.
func shareDocument(a, b []durand.DocID) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// modalitiesAgree reports whether two modalities can be one event's: both
// say it happened (asserted, or claimed by someone: "the TTP claimed the
// attack" and "militants attacked" are one attack), or both are the same
// unreported modality. "Pakistan denied carrying out strikes" is not the
// strikes another report asserts: it stays a report of its own.
func modalitiesAgree(a, b durand.Modality) bool {
	a, b = orAsserted(a), orAsserted(b)
	return a == b || a.Reported() && b.Reported()
}

// orAsserted reads an event without a modality as asserted, as the
// contract's readers do.
func orAsserted(m durand.Modality) durand.Modality {
	if m == "" {
		return durand.Asserted
	}
	return m
}
