package durand

import (
	"encoding/json"
	"time"
)

// EventType is a PLOVER event type such as ASSAULT or ACCUSE.
type EventType string

// The PLOVER event types.
const (
	Agree      EventType = "AGREE"
	Consult    EventType = "CONSULT"
	Support    EventType = "SUPPORT"
	Concede    EventType = "CONCEDE"
	Cooperate  EventType = "COOPERATE"
	Aid        EventType = "AID"
	Retreat    EventType = "RETREAT"
	Request    EventType = "REQUEST"
	Accuse     EventType = "ACCUSE"
	Reject     EventType = "REJECT"
	Threaten   EventType = "THREATEN"
	Protest    EventType = "PROTEST"
	Sanction   EventType = "SANCTION"
	Mobilize   EventType = "MOBILIZE"
	Coerce     EventType = "COERCE"
	Assault    EventType = "ASSAULT"
	Fight      EventType = "FIGHT"
	Seize      EventType = "SEIZE"
	EventOther EventType = "OTHER"
)

// EventTypes are the types an event can have, in the order above.
var EventTypes = []EventType{Agree, Consult, Support, Concede, Cooperate, Aid, Retreat, Request, Accuse, Reject,
	Threaten, Protest, Sanction, Mobilize, Coerce, Assault, Fight, Seize, EventOther}

// Violent reports whether t is a material conflict type, whose events carry
// casualties and get a place even when the text names none.
func (t EventType) Violent() bool {
	return t == Assault || t == Fight || t == Seize || t == Coerce
}

// Modality says how the text presents an event.
type Modality string

// The modalities. Only Asserted and Claimed events are reported by default;
// the rest are found so that they are not mistaken for events.
const (
	Asserted     Modality = "asserted"
	Claimed      Modality = "claimed"
	Denied       Modality = "denied"
	Negated      Modality = "negated"
	Hypothetical Modality = "hypothetical"
	Future       Modality = "future"
)

// Modalities are the modalities an event can have, in the order above.
var Modalities = []Modality{Asserted, Claimed, Denied, Negated, Hypothetical, Future}

// Reported reports whether events of modality m are reported by default.
func (m Modality) Reported() bool { return m == Asserted || m == Claimed }

// Unknown marks a count, coordinate or index that the text does not give.
const Unknown = -1

// Count is a number of people with its uncertainty, in the UCDP manner:
// Best is the most likely value, Low and High bound it. A vague phrase
// ("a few", "dozens") has Low and High but no Best. Unknown (-1) marks an
// absent value.
type Count struct {
	Best, Low, High int
}

// NoCount is a count the text does not give.
var NoCount = Count{Unknown, Unknown, Unknown}

// Exact returns the count of exactly n.
func Exact(n int) Count { return Count{n, n, n} }

// Known reports whether any of the count's values is given.
func (c Count) Known() bool { return c.Best >= 0 || c.Low >= 0 || c.High >= 0 }

// DatePrecision is how precisely an event's date is known.
type DatePrecision string

// The date precisions, finest first.
const (
	Day         DatePrecision = "day"
	Week        DatePrecision = "week"
	Month       DatePrecision = "month"
	Year        DatePrecision = "year"
	DateUnknown DatePrecision = "unknown"
)

// dateLayout is the ISO calendar date, the contract's date format.
const dateLayout = "2006-01-02"

// Date is when an event happened: the range [Start, End], both inclusive
// calendar days, and its precision. A zero Start or End is unbounded.
type Date struct {
	Start, End time.Time
	Precision  DatePrecision
}

// Known reports whether the date has any bound.
func (d Date) Known() bool { return !d.Start.IsZero() || !d.End.IsZero() }

// Overlaps reports whether two dates share a day; an unbounded side
// overlaps everything.
func (d Date) Overlaps(e Date) bool {
	if !d.Start.IsZero() && !e.End.IsZero() && d.Start.After(e.End) {
		return false
	}
	if !e.Start.IsZero() && !d.End.IsZero() && e.Start.After(d.End) {
		return false
	}
	return true
}

// MarshalJSON writes {"start","end","precision"} with ISO dates or null.
func (d Date) MarshalJSON() ([]byte, error) { return d.appendJSON(nil), nil }

func isoDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(dateLayout)
	return &s
}

// Evidence ties one field of an event to the words it came from.
type Evidence struct {
	Doc   DocID  `json:"doc"`
	Field string `json:"field"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Event is one interaction at one place and time, coded from one or more
// reports. See DESIGN.md, "The event".
type Event struct {
	ID       string
	Type     EventType
	Mode     string
	Contexts []string
	// ACLEDType, ACLEDSubtype and CAMEO are derived from Type and Mode.
	ACLEDType, ACLEDSubtype, CAMEO string

	Source, Target []Actor
	Place          *Place
	Date           Date

	Fatalities, Injured Count
	// Abducted counts the people kidnapped or taken hostage in the event
	// ("three police officers were taken hostage in the attack").
	Abducted Count
	// Targeted reports that the violence was aimed at one specific,
	// named or prominent person ("detonated targeting the vehicle of the
	// district governor"): PLOVER's "targeted" mode and GTD's
	// Assassination, kept beside Mode because Mode holds the weapon, on
	// which the ACLED sub-type depends.
	Targeted bool

	Modality  Modality
	ClaimedBy *Actor
	// Confidence is the overall confidence in [0, 1].
	Confidence float64

	Docs     []DocID
	Evidence []Evidence
	// Members are the ids of the per-report events a merged event was
	// made of (one incident told by several reports, see package
	// dedupe), sorted; nil for one report's event.
	Members []string

	// Origin names the dataset record an imported event comes from; it is
	// nil for events durand extracted itself.
	Origin *Origin
	// Notes is an imported dataset's own description of the event (ACLED's
	// notes, a UCDP headline, a GTD summary); empty for extracted events,
	// whose words are in Evidence.
	Notes string
}

// Origin is the provenance of an imported event: the dataset ("acled",
// "ucdp", "gtd") and the record's id there.
type Origin struct {
	Dataset string `json:"dataset"`
	Record  string `json:"record"`
}

// eventJSON is the contract shape of an event; see DESIGN.md, "The contract
// with users' tools". Fields may be added, never changed.
type eventJSON struct {
	ID           string     `json:"id"`
	Type         EventType  `json:"type"`
	Mode         *string    `json:"mode"`
	Contexts     []string   `json:"contexts"`
	ACLEDType    *string    `json:"acled_type"`
	ACLEDSubtype *string    `json:"acled_subtype"`
	CAMEO        *string    `json:"cameo"`
	Source       []Actor    `json:"source"`
	Target       []Actor    `json:"target"`
	Place        *Place     `json:"place"`
	Date         Date       `json:"date"`
	Fatalities   Count      `json:"fatalities"`
	Injured      Count      `json:"injured"`
	Abducted     Count      `json:"abducted"`
	Targeted     bool       `json:"targeted"`
	Modality     Modality   `json:"modality"`
	ClaimedBy    *Actor     `json:"claimed_by"`
	Confidence   float64    `json:"confidence"`
	Docs         []DocID    `json:"docs"`
	Sources      int        `json:"sources"`
	Evidence     []Evidence `json:"evidence"`
	Origin       *Origin    `json:"origin"`
	Notes        *string    `json:"notes"`
	// Members is left out for one report's event, so that the output of
	// durand extract, which never merges, is unchanged by it.
	Members []string `json:"members,omitempty"`
}

// MarshalJSON writes the event in the contract format, with null for every
// absent value (see AppendJSON).
func (e Event) MarshalJSON() ([]byte, error) { return e.AppendJSON(nil) }

// UnmarshalJSON reads the contract format back, so that tools (and durand
// eval) can consume their own output.
func (e *Event) UnmarshalJSON(b []byte) error {
	var j struct {
		eventJSON
		Date struct {
			Start, End *string
			Precision  DatePrecision
		} `json:"date"`
	}
	j.Abducted = NoCount // absent from events written before the field existed
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Event{
		ID: j.ID, Type: j.Type, Mode: deref(j.Mode), Contexts: j.Contexts,
		ACLEDType: deref(j.ACLEDType), ACLEDSubtype: deref(j.ACLEDSubtype), CAMEO: deref(j.CAMEO),
		Source: j.Source, Target: j.Target, Place: j.Place,
		Fatalities: j.Fatalities, Injured: j.Injured, Abducted: j.Abducted, Targeted: j.Targeted,
		Modality: j.Modality, ClaimedBy: j.ClaimedBy,
		Confidence: j.Confidence, Docs: j.Docs, Evidence: j.Evidence,
		Origin: j.Origin, Notes: deref(j.Notes), Members: j.Members,
	}
	e.Date.Precision = j.Date.Precision
	for _, p := range []struct {
		s *string
		t *time.Time
	}{{j.Date.Start, &e.Date.Start}, {j.Date.End, &e.Date.End}} {
		if p.s == nil {
			continue
		}
		t, err := time.Parse(dateLayout, *p.s)
		if err != nil {
			return err
		}
		*p.t = t
	}
	return nil
}

// MarshalJSON writes {"best","low","high"} with null for unknown values.
func (c Count) MarshalJSON() ([]byte, error) { return c.appendJSON(nil), nil }

// UnmarshalJSON reads a count written by MarshalJSON.
func (c *Count) UnmarshalJSON(b []byte) error {
	var j struct{ Best, Low, High *int }
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Count{orUnknown(j.Best), orUnknown(j.Low), orUnknown(j.High)}
	return nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nonNeg(n int) *int {
	if n < 0 {
		return nil
	}
	return &n
}

func orUnknown(p *int) int {
	if p == nil {
		return Unknown
	}
	return *p
}
