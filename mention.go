package durand

// MentionKind says what a mention names.
type MentionKind uint8

// The mention kinds.
const (
	ActorMention   MentionKind = iota + 1 // an actor: "the TTP", "Pakistani soldiers"
	PlaceMention                          // a place: "Khost", "North Waziristan district"
	DateMention                           // a date expression: "On April 16, 2022", "days after"
	NumberMention                         // a count of people: "seven", "at least 20", "a few"
	TriggerMention                        // a word or phrase that reports an event: "bombed", "air raid"
)

var mentionKindNames = [...]string{"", "actor", "place", "date", "number", "trigger"}

func (k MentionKind) String() string {
	if int(k) < len(mentionKindNames) {
		return mentionKindNames[k]
	}
	return "unknown"
}

// Mention is one thing recognised in a sentence. Span indexes the
// document's text; Tok is the token range [Tok[0], Tok[1]) in the sentence.
// Exactly one of the payload fields is set, according to Kind.
type Mention struct {
	Kind MentionKind
	Span Span
	Tok  [2]int

	Actor   *ActorDef   // ActorMention: the dictionary entry, or nil for a bare agent
	Agent   *Agent      // ActorMention: the generic agent noun ("soldiers"), if any
	Nation  string      // ActorMention: the country of a nationality word ("Pakistani"), if any
	Places  []PlaceID   // PlaceMention: candidate gazetteer entries, best first
	Date    DateExpr    // DateMention
	Number  Count       // NumberMention
	Trigger *TriggerDef // TriggerMention
}

// Agent is a generic actor noun of the actor dictionary ("soldiers",
// "police", "civilians") with the sector it implies.
type Agent struct {
	Name   string
	Sector string
	// Code is the actor code when the agent alone fixes it (CIV for
	// civilians); otherwise it combines with a nationality (PAK + military).
	Code ActorCode
	// Armed reports whether the agent bears arms, so that "militants" can
	// perpetrate and "civilians" are presumed victims.
	Armed bool
}

// TriggerDef is an entry of the trigger lexicon: a word or phrase that
// reports an event of a given type.
type TriggerDef struct {
	Phrase  string
	Type    EventType
	Mode    string
	Context string
	// Nominal triggers are nouns ("air raid", "talks"): they make an event
	// only when the sentence anchors them with a date, place or count.
	Nominal bool
	// Casualty triggers ("killed", "wounded") report harm; they set the
	// victims' side and the count's kind.
	Harm HarmKind
	// RefOnly triggers ("the incident") only refer back to an event named
	// earlier; they never make one.
	RefOnly bool
	// OnPeople triggers report violence only when people stand as their
	// object, or as their subject in a passive: "eliminated four
	// terrorists", "two militants eliminated", not "eliminate poverty".
	OnPeople bool
	// TotalOnly triggers report the dead only as a total they give: "the
	// toll rose to 30", "a toll of 30", not "a heavy toll on civilians"
	// or "the motorway toll".
	TotalOnly bool
	// CAMEO is the code a user's verb dictionary gave the trigger: the
	// event keeps it rather than the root its PLOVER type derives.
	CAMEO string
	// Paired is the reverse event a paired code gives ("042:043": A
	// visits B, and B hosts A), nil for most triggers.
	Paired *TriggerDef
}

// HarmKind says what a casualty trigger reports.
type HarmKind uint8

// The kinds of harm.
const (
	NoHarm HarmKind = iota
	Killed
	Injured
	Abducted
)

// DateKind says how a date expression is to be resolved.
type DateKind uint8

// The date expression kinds.
const (
	// AbsoluteDate has all it needs: "April 16, 2022", "March 2024".
	AbsoluteDate DateKind = iota + 1
	// PartialDate lacks the year: "In February", "on 18 March".
	PartialDate
	// RelativeDate counts from publication: "yesterday", "earlier this month", "last week".
	RelativeDate
	// AnchorDate relates an event to another one in the text: "days after", "a week before".
	AnchorDate
)

// DateExpr is a recognised date expression before resolution. Year, Month
// and Day are 0 when absent; EndYear and EndMonth close a range ("between
// November 2021 and June 2022"). For RelativeDate and AnchorDate, Offset is
// the shift in days (negative is earlier) and Window its uncertainty.
type DateExpr struct {
	Kind             DateKind
	Year, Month, Day int
	EndYear          int
	EndMonth, EndDay int
	Weekday          int // 1..7 for Monday..Sunday, 0 when absent; Offset -1 with it is "last Monday", strictly before publication
	Unit             DatePrecision
	Offset, Window   int
}
