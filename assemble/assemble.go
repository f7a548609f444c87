// Package assemble turns the mentions of a document's sentences into
// events: it groups triggers by clause, attaches who, whom, where, when
// and how many by sentence structure and proximity, decides modality, and
// resolves references to events and actors named earlier in the document.
package assemble

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/recognize"
)

// Assembler builds events from mentions. It holds read-only tables and a
// pool of working states, and is safe for concurrent use.
type Assembler struct {
	lx   *recognize.Lexicon
	onto []ontoRow
	// unasserted: report negated, future and hypothetical statements too,
	// as events with that modality.
	unasserted bool
	// states are documents' working states, reused with their arrays:
	// reports are short, and a new state, its drafts and lists for each
	// was a sixth of the assembler's allocations.
	states sync.Pool
}

// ReportUnasserted makes the assembler report negated, future and
// hypothetical statements ("Ethiopia will break relations with Libya") as
// events with that modality, besides the events that happened. Coders
// such as PETRARCH code them; the default leaves them out.
func (a *Assembler) ReportUnasserted() { a.unasserted = true }

type ontoRow struct {
	typ, mode, target          string
	acledType, acledSub, cameo string
}

// New returns an assembler using lx and the ontology.tsv of fsys.
func New(lx *recognize.Lexicon, fsys fs.FS) (*Assembler, error) {
	f, err := fsys.Open("ontology.tsv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("ontology.tsv: %w", err)
	}
	a := &Assembler{lx: lx}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "type\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			return nil, fmt.Errorf("ontology.tsv: %q: want 6 columns", line)
		}
		a.onto = append(a.onto, ontoRow{c[0], c[1], c[2], c[3], c[4], c[5]})
	}
	return a, nil
}

// Input is one sentence with its mentions.
type Input struct {
	Sentence durand.Sentence
	Mentions []durand.Mention
}

// draft is an event under construction, with the mentions it came from.
type draft struct {
	ev   durand.Event
	sent int
	trig *durand.Mention // the trigger naming the event, into the sentence's mentions
	srcM *durand.Mention
	tgtM *durand.Mention
	// srcCo and tgtCo are actors conjoined with srcM and tgtM ("Mordor,
	// Rohan and Bree welcomed …"): the event's other sources and targets.
	srcCo, tgtCo []*durand.Mention
	places       []placeRef
	explicit     bool // the date came from the event's own clause or sentence
	targeted     bool // a violent verb's object is one specific person
	mutual       bool // the object is reciprocal: "their meeting", "each other"
	between      bool // the sides are named "between" them: "firing between Pakistan and India"
	victims      bool // tgtM are the people a casualty word counted
	// sides are the armed people listed with the counted victims, who
	// are not the attack's targets ("two soldiers and three militants
	// were killed"): in a fight with no one else named, they and the
	// victims are its two sides.
	sides []*durand.Mention
	// attacked is what an attack noun says was attacked ("an attack on a
	// police training centre") when the counted victims took the target.
	attacked *durand.Mention
	// toll is set when the fatalities are a running total ("the death
	// toll rose to 45"): it replaces an earlier count of the same dead.
	toll bool
	// tollAll is set when the running total counts several incidents
	// together ("the toll in the weekend's bomb attacks climbs to 52"):
	// it neither replaces nor raises one incident's count.
	tollAll bool
	// into is the draft this one restated and was merged into in finish:
	// a later restatement of this one goes there. tookIn is set on a
	// draft another was merged into.
	into   *draft
	tookIn bool
}

type placeRef struct {
	e    *gazetteer.Entry
	m    *durand.Mention // into the clause's mentions
	prec durand.PlacePrecision
	// locality is an unknown place named in the address before the unit
	// e ("Makin" in "in Makin, Khyber Pakhtunkhwa"), when e is a unit.
	locality durand.Span
}

// narrativeReach is how many events back a reference to an earlier event
// may reach when nothing else bounds it: a restatement ("Islamabad has
// attacked targets in Afghanistan before") and "after the latest attack".
// A report tells of a few dozen events (72 drafts at most in the corpora
// durand is scored on); a digest of hundreds of reports in one text is
// read in time linear in its length, not quadratic, and a restatement
// hundreds of events away would be a coincidence anyway.
const narrativeReach = 256

// state is what a document's narrative carries from sentence to sentence.
type state struct {
	doc    durand.Document
	events []*draft
	// unasserted are the drafts of negated, future and hypothetical
	// statements, kept apart: no reference, claim or merge reaches them.
	unasserted []*draft
	refDate    durand.Date // the last explicit point in time (day or week)
	hasRef     bool
	lastGroup  *durand.Mention // the last armed non-state group named
	countries  map[string]int  // countries named so far, for geocoding
	// datesNothing: the report names no date at all. Such a report (a
	// wire item, a bulletin) tells of the days just before publication.
	datesNothing bool
	// prev is the sentence before the one being read.
	prev Input
	// headline: the report opens with a headline, which the lede restates.
	headline bool
	tokens   []durand.Token // the current sentence's tokens
	// counted are the counted noun phrases of the sentences so far ("two
	// police officers"), which a later definite plural may refer to.
	counted []countedNP
	// related is n in "this was one of n related attacks", 0 when the
	// report says nothing of the kind.
	related int
	// families counts the events by type family: whether the report has
	// told of an attack at all is asked of many clauses.
	families map[durand.EventType]int
	// sent is the index of the sentence being read. fought folds the
	// places of events[:settled], the events too far back for a
	// reference to change (fightingIn).
	sent    int
	fought  countryFold
	settled int
	// text is the stretch of the document's text that its sentences
	// cover (a long document is assembled part by part).
	text durand.Span
	// attackerTold is 0 until the text has been read for a suicide
	// attacker's fate (suicideAttacker), then 1 when it says nothing of
	// it, 2 when it does.
	attackerTold uint8
	sentBufs
	// drafts are the drafts made so far, reused from document to
	// document with their evidence arrays: the first used are in use.
	// evidence is the unused rest of an array that events' evidence is
	// cut from, exactly as long as each event's.
	drafts   []*draft
	used     int
	evidence []durand.Evidence
	actors   []durand.Actor // the same for events' actors
	docIDs   []durand.DocID // and their document lists
	// cands and inner are places' working lists; drafts' places are cut
	// from placeRefs.
	cands, inner, placeRefs []placeRef
	// lent holds the mentions of a sentence's eventless clauses that its
	// events take their places from.
	lent []durand.Mention
}

// sentBufs are the working arrays of one sentence, reused from sentence
// to sentence: its clauses, the tokens they are cut at, their masks of
// mention kinds (clause.kinds) and the mask of quoted tokens.
type sentBufs struct {
	clauses []clause
	cuts    []int
	masks   []uint8
	quoted  []bool
	// A clause's triggers, references, drafts and their families, the
	// sentence's drafts and eventless clauses, and the counts a casualty
	// word takes: each used and given back within one call.
	trigs, others []trig
	refs          []durand.Mention
	clauseDrafts  []*draft
	fams          []durand.EventType
	sentDrafts    []*draft
	eventless     []int
	nums          []*durand.Mention
}

// grow returns n zero bytes of *buf, growing it when it is too short.
func grow(buf *[]uint8, n int) []uint8 {
	if cap(*buf) < n {
		*buf = make([]uint8, n, 2*n)
	}
	b := (*buf)[:n]
	clear(b)
	return b
}

// incidentNouns name incidents in "one of three related attacks".
var incidentNouns = set("attacks", "incidents", "bombings", "blasts", "explosions", "assaults", "raids", "strikes", "clashes", "shootings", "ambushes")

// noteRelated records "This was one of three related attacks": the
// report's incident is one of n, and a toll given across them is theirs
// together.
func (st *state) noteRelated(toks []durand.Token, ms []durand.Mention) {
	for mi := range ms {
		m := &ms[mi]
		if m.Kind != durand.NumberMention || m.Tok[0] < 2 || toks[m.Tok[0]-1].Norm != "of" || toks[m.Tok[0]-2].Norm != "one" || m.Number.Best < 2 {
			continue
		}
		for k := m.Tok[1]; k < len(toks) && k <= m.Tok[1]+2; k++ {
			if incidentNouns.has(toks[k].Norm) {
				st.related = m.Number.Best
			}
		}
	}
}

// acrossIncidents returns how many incidents a clause's toll is given
// across — "across both attacks" (2), "across all three attacks" (3),
// "across the ensuing clashes" after "one of three related attacks" (3) —
// or 0 when the clause gives no toll across incidents.
func acrossIncidents(st *state, toks []durand.Token) int {
	// The whole sentence: "eight were killed while five were injured
	// across the ensuing clashes" gives both tolls across them.
	for k := range toks {
		if toks[k].Norm != "across" {
			continue
		}
		// Only incidents: "across two districts" is places, which the
		// split by place shares already.
		n, incidents := st.related, false
		for j := k + 1; j < len(toks) && j <= k+4; j++ {
			switch w := toks[j].Norm; {
			case w == "both" || w == "two":
				n = 2
			case w == "three":
				n = 3
			case w == "four":
				n = 4
			case incidentNouns.has(w):
				incidents = true
			}
		}
		if incidents {
			return n
		}
		return 0
	}
	return 0
}

// countedNP is a count and the words that follow it.
type countedNP struct {
	n     durand.Count
	words [4]string
	span  durand.Span
}

// noteCounts records the counted noun phrases of a sentence.
func (st *state) noteCounts(toks []durand.Token, ms []durand.Mention) {
	for mi := range ms {
		m := &ms[mi]
		if m.Kind != durand.NumberMention || !m.Number.Known() || m.Tok[1] >= len(toks) {
			continue
		}
		c := countedNP{n: m.Number, span: m.Span}
		for k := 0; k < len(c.words) && m.Tok[1]+k < len(toks); k++ {
			c.words[k] = toks[m.Tok[1]+k].Norm
		}
		if len(st.counted) >= 2*countedReach {
			// Only the last countedReach are read: keep them, not the
			// document's every count.
			st.counted = st.counted[:copy(st.counted, st.counted[len(st.counted)-countedReach:])]
		}
		st.counted = append(st.counted, c)
	}
}

// countedReach is how many counted noun phrases back a definite plural
// may refer: a report names its dead a few sentences before it calls them
// "the police officers" (the corpora's reports count 73 at most).
// Bounded, so that a long document is read in time linear in its length.
const countedReach = 256

// countedBefore returns the count of the people a definite plural subject
// ending before the auxiliary at aux refers to — "The police officers",
// "The coal miners" after "two police officers", "11 Hazara coal miners"
// — or nil. The subject's words must follow the earlier count, at most
// two words after it.
func (st *state) countedBefore(c clause, toks []durand.Token, aux int) *durand.Mention {
	i := aux - 1
	for i > c.from && i > aux-4 && toks[i-1].IsWord() && toks[i-1].Norm != "the" {
		i--
	}
	if i < c.from+1 || toks[i-1].Norm != "the" || i == aux {
		return nil
	}
	if head := toks[aux-1].Norm; singularNoun(head) || !toks[aux-1].IsWord() {
		return nil // "the police": no plural head to count
	}
	words := toks[i:aux]
	for k := len(st.counted) - 1; k >= 0 && k >= len(st.counted)-countedReach; k-- {
		np := st.counted[k]
	offsets:
		for off := 0; off <= 2 && off+len(words) <= len(np.words); off++ {
			for w := range words {
				if np.words[off+w] != words[w].Norm {
					continue offsets
				}
			}
			return &durand.Mention{Kind: durand.NumberMention, Span: np.span, Number: np.n}
		}
	}
	return nil
}

// newState starts a document's narrative: the countries its places name
// (for geocoding) and whether it names any date.
func (a *Assembler) newState(doc durand.Document, in []Input) *state {
	st, _ := a.states.Get().(*state)
	if st == nil {
		st = &state{}
	}
	st.reset(doc)
	if len(in) > 0 {
		st.text = durand.Span{Start: in[0].Sentence.Span.Start, End: in[len(in)-1].Sentence.Span.End}
	}
	st.headline = opensWithHeadline(in)
	for _, s := range in {
		for mi := range s.Mentions {
			m := &s.Mentions[mi]
			if m.Kind == durand.PlaceMention && m.Nation != "" {
				if st.countries == nil {
					st.countries = map[string]int{}
				}
				st.countries[m.Nation]++
			}
			// "Days after" dates one event by another; "the 2023 protests"
			// dates only the protests.
			if m.Kind == durand.DateMention && m.Date.Kind != durand.AnchorDate && !datesOtherNoun(s.Sentence.Tokens, clause{to: len(s.Sentence.Tokens)}, m, nil) {
				st.datesNothing = false
			}
		}
	}
	return st
}

// put gives st back to the pool, unless its document was long: its
// drafts, and the mentions and text they point into, must not stay in
// memory after it, and such documents are too few for their states to
// be worth reusing.
func (a *Assembler) put(st *state) {
	if len(st.doc.Text) > maxPooledText {
		return
	}
	a.states.Put(st)
}

// maxPooledText is the longest document whose state is reused.
const maxPooledText = 64 << 10

// opensWithHeadline reports whether a report's first paragraph is a
// headline: one sentence, not ending as a sentence does, with the text
// after it. Plain-text articles and feeds' bodies often begin with theirs.
func opensWithHeadline(in []Input) bool {
	if len(in) < 2 || in[0].Sentence.Paragraph == in[1].Sentence.Paragraph {
		return false
	}
	toks := in[0].Sentence.Tokens
	if len(toks) == 0 || len(toks) > 30 {
		return false
	}
	switch toks[len(toks)-1].Norm {
	case ".", "!", "?", ":", ";":
		return false
	}
	return true
}

// reset empties st for the document doc, keeping its arrays.
func (st *state) reset(doc durand.Document) {
	clear(st.countries)
	clear(st.families)
	if st.families == nil {
		st.families = map[durand.EventType]int{}
	}
	*st = state{
		doc:          doc,
		datesNothing: true,
		events:       st.events[:0],
		unasserted:   st.unasserted[:0],
		counted:      st.counted[:0],
		sentBufs:     st.sentBufs,
		cands:        st.cands,
		inner:        st.inner,
		placeRefs:    st.placeRefs[:0],
		lent:         st.lent[:0],
		countries:    st.countries,
		families:     st.families,
		drafts:       st.drafts,
		evidence:     st.evidence,
		actors:       st.actors,
		docIDs:       st.docIDs,
	}
}

// newDraft starts the draft of an event its trigger t names, reusing a
// draft of an earlier document: no draft outlives its document's finish.
func (st *state) newDraft(t trig) *draft {
	var d *draft
	var evidence []durand.Evidence
	if st.used < len(st.drafts) {
		d = st.drafts[st.used]
		evidence = d.ev.Evidence[:0] // the draft's own array, kept from document to document
		*d = draft{}
	} else {
		d = new(draft)
		st.drafts = append(st.drafts, d)
		// A trigger, actors, a place, a count or two: room for eight
		// pieces of evidence.
		evidence = make([]durand.Evidence, 0, evidencePerDraft)
	}
	st.used++
	td := t.m.Trigger
	d.trig = t.m
	d.ev = durand.Event{Type: td.Type, Mode: td.Mode, Modality: t.mod, Fatalities: durand.NoCount, Injured: durand.NoCount, Abducted: durand.NoCount,
		Evidence: evidence}
	if td.Context != "" {
		d.ev.Contexts = []string{td.Context}
	}
	return d
}

const evidencePerDraft = 8

// cut returns an empty slice with room for n, cut from the shared array
// *rest (refilled when it runs short). The events keep what is cut for
// them — their evidence, actors, document lists — so the array is never
// reused, only shared out; a slice that outgrows its room is copied.
func cut[T any](rest *[]T, n int) []T {
	if len(*rest) < n {
		*rest = make([]T, max(256, n))
	}
	out := (*rest)[:0:n]
	*rest = (*rest)[n:]
	return out
}

// Assemble returns the events of one document, whose sentences in holds
// in order. It reads each sentence once and looks back at most a bounded
// number of sentences or events from it, so that its time is linear in
// the document's length.
func (a *Assembler) Assemble(doc durand.Document, in []Input) []durand.Event {
	evs, _ := a.AssembleContext(context.Background(), doc, in)
	return evs
}

// AssembleContext is Assemble stopped when ctx is done, which it checks
// after each sentence: it returns no events and ctx's cause.
func (a *Assembler) AssembleContext(ctx context.Context, doc durand.Document, in []Input) ([]durand.Event, error) {
	st := a.newState(doc, in)
	defer a.put(st)
	prevPara := -1
	for i, s := range in {
		if i > 0 && ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		if s.Sentence.Paragraph != prevPara {
			// A new paragraph starts a new stretch of narrative: dates do
			// not carry across it.
			prevPara = s.Sentence.Paragraph
			st.hasRef = false
		}
		st.sent = s.Sentence.Index
		st.noteRelated(s.Sentence.Tokens, s.Mentions)
		a.sentence(st, s)
		st.noteCounts(s.Sentence.Tokens, s.Mentions)
		st.prev = s
	}
	return a.finish(st), nil
}

// clause is a token range of a sentence with its mentions.
type clause struct {
	from, to int
	ms       []durand.Mention
	// kinds has, for each token of the sentence, a bit (1<<Kind) for each
	// kind of mention of ms that covers it: the rules ask "is token k in
	// a trigger?" of every token in a window, often of windows in a
	// window, and scanning ms each time was a twentieth of the pipeline.
	kinds []uint8
	// anchor is a date anchor that opens the clause ("days after"): the
	// clause's events happened that long before the previous clause's.
	anchor *durand.DateExpr
	// follows marks the main clause after a sentence's opening
	// subordinate one ("After militants attacked a checkpoint, troops
	// launched an operation"): its events came after that clause's, by
	// gap when it says how long ("Two days after the bombing, …").
	follows bool
	gap     *durand.DateExpr
	// opens marks that opening subordinate clause.
	opens bool
}

func (a *Assembler) sentence(st *state, in Input) {
	s := in.Sentence
	toks := s.Tokens
	st.tokens = toks
	text := st.doc.Text
	quoted := quoteMask(st.quoted[:0], text, toks)
	st.quoted = quoted

	clauses := splitClauses(st.doc.Text, toks, in.Mentions, &st.sentBufs)
	// The sentence's own explicit date, if any, applies to every clause
	// that has none. One in a clause of what came first ("After
	// militants attacked a checkpoint on Monday, …", "…, after the attack
	// on tourists yesterday") dates only that clause: the others came
	// after it.
	var sentDate, openDate durand.Date
	sentDated, openDated := false, false
	ci := 0 // the clause of mention mi
	for mi := range in.Mentions {
		m := &in.Mentions[mi]
		if m.Kind != durand.DateMention || m.Date.Kind == durand.AnchorDate {
			continue
		}
		for ci+1 < len(clauses) && clauses[ci+1].from <= m.Tok[0] {
			ci++
		}
		if otherNounsDate(toks, clauses[ci], m) || datesOtherNoun(toks, clauses[ci], m, nil) {
			continue // a clause's own event noun takes it (clauseDate)
		}
		earlier := clauses[ci].tellsEarlier(toks)
		d, ok := resolve(m.Date, st.doc.Published, durand.Date{})
		switch {
		case !ok:
		case earlier && !openDated:
			openDate, openDated = d, true
		case !earlier && !sentDated:
			sentDate, sentDated = d, true
		}
	}

	var prev *draft
	sentDrafts := st.sentDrafts[:0]
	eventless := st.eventless[:0] // clauses that report no event
	var openAfter *draft          // the event an opening "After the attack," refers to
	for ci, c := range clauses {
		drafts := a.clause(st, s, c, quoted)
		sentDrafts = append(sentDrafts, drafts...)
		asserted := 0 // the unasserted come last
		for asserted < len(drafts) && drafts[asserted].ev.Modality.Reported() {
			asserted++
		}
		if asserted == 0 {
			eventless = append(eventless, ci)
		}
		after := afterEvent(st, s, c)
		switch {
		case c.opens:
			openAfter = after
		case c.follows && after == nil:
			after = openAfter // "After the latest attack, the spokesman said …"
		}
		for _, d := range drafts {
			// Date: the clause's own, an anchor to the previous clause,
			// the sentence's, then the narrative's.
			// A clause that opens "years after" or "months after" tells of
			// the background: it happened that long before the sentence's
			// time, not on the day a statement in it was made ("several
			// years after crowds burned down its embassy, an official said
			// on Saturday").
			long := c.anchor != nil && (c.anchor.Unit == durand.Month || c.anchor.Unit == durand.Year)
			switch {
			case long && !hasAbsoluteDate(c):
				ref := durand.Date{Start: st.doc.Published, End: st.doc.Published, Precision: durand.Day}
				if prev != nil && prev.ev.Date.Known() {
					ref = prev.ev.Date
				}
				d.ev.Date = durand.Date{Precision: durand.DateUnknown}
				if dd, ok := resolve(invert(*c.anchor), st.doc.Published, ref); ok && !ref.Start.IsZero() {
					d.ev.Date = dd
				}
			case clauseDate(c, toks, d.trig, st.doc.Published, &d.ev.Date):
				d.explicit = true
			case c.follows && (prev != nil && prev.ev.Date.Known() || openDated):
				base := openDate
				if prev != nil && prev.ev.Date.Known() {
					base = prev.ev.Date
				}
				d.ev.Date = carried(base, st.doc.Published)
				if c.gap != nil {
					if dd, ok := resolve(*c.gap, st.doc.Published, base); ok {
						d.ev.Date = dd
					}
				}
			case c.anchor != nil && prev != nil && prev.ev.Date.Known():
				if dd, ok := resolve(invert(*c.anchor), st.doc.Published, prev.ev.Date); ok {
					d.ev.Date = dd
				}
			case after != nil:
				d.ev.Date = carried(after.ev.Date, st.doc.Published)
			case sentDated:
				d.ev.Date, d.explicit = sentDate, true
			case openDated && !c.tellsEarlier(toks):
				d.ev.Date = carried(openDate, st.doc.Published)
			case st.hasRef:
				d.ev.Date = carried(st.refDate, st.doc.Published)
			case st.datesNothing && !st.doc.Published.IsZero() && s.Index < 3:
				d.ev.Date = durand.Date{Start: st.doc.Published.AddDate(0, 0, -6), End: st.doc.Published, Precision: durand.Week}
			default:
				d.ev.Date = durand.Date{End: st.doc.Published, Precision: durand.DateUnknown}
				if st.doc.Published.IsZero() {
					d.ev.Date = durand.Date{Precision: durand.DateUnknown}
				}
			}
			d.sent = s.Index
		}
		if asserted > 0 {
			prev = drafts[0]
		}
		// Actors are resolved once, in finish: claims and references in
		// later sentences may still change who acted.
		st.events = append(st.events, drafts[:asserted]...)
		for _, d := range drafts[:asserted] {
			st.families[family(d.ev.Type)]++
		}
		st.unasserted = append(st.unasserted, drafts[asserted:]...)
	}
	// An event whose own clause names no place happened where a clause of
	// the sentence that reports no event of its own says ("An explosive
	// device detonated as a bus was passing on Sariab Road, Quetta").
	var lent []durand.Mention // the eventless clauses' mentions, gathered when needed
	for _, d := range sentDrafts {
		if len(d.places) > 0 || len(eventless) == 0 {
			continue
		}
		if lent == nil {
			// Drafts' places point into lent until finish: it is
			// appended to the document's array, never overwritten.
			start := len(st.lent)
			for _, ci := range eventless {
				st.lent = append(st.lent, clauses[ci].ms...)
			}
			lent = st.lent[start:len(st.lent):len(st.lent)]
		}
		d.places = a.places(st, s, newClause(0, len(toks), len(toks), lent, nil), d)
	}
	st.sentDrafts, st.eventless = sentDrafts[:0], eventless[:0]
	// The narrative's reference date: a point in time named by this
	// sentence, or the date of its first event when that was carried.
	switch {
	case sentDated && (sentDate.Precision == durand.Day || sentDate.Precision == durand.Week):
		st.refDate, st.hasRef = sentDate, true
	case sentDated:
		st.hasRef = false // a month, year or range does not carry
	}
	a.claims(st, in)
	// Remember the last armed group named, for "the group".
	for i := range in.Mentions {
		m := &in.Mentions[i]
		if m.Kind == durand.ActorMention && m.Actor != nil {
			if sec := mentionSector(m, st.doc.Published); sec == "insurgent" || sec == "separatist" || sec == "rebel" {
				st.lastGroup = m
			}
		}
	}
}

// afterEvent finds the event a clause opening "After the (latest) attack"
// follows: the latest-dated earlier event of that kind when the text says
// "latest" or "last", else the most recent one in the text, of the last
// narrativeReach events.
func afterEvent(st *state, s durand.Sentence, c clause) *draft {
	toks := s.Tokens
	i := c.from
	if i+2 >= c.to || (toks[i].Norm != "after" && toks[i].Norm != "following") {
		return nil
	}
	var ref *durand.Mention
	for k := range c.ms {
		m := &c.ms[k]
		if m.Kind == durand.TriggerMention && m.Tok[0] <= i+4 {
			ref = m
			break
		}
		if m.Kind != durand.DateMention && m.Kind != durand.TriggerMention && m.Tok[0] <= i+4 {
			return nil // "after the Taliban condemned": a clause, not an event noun
		}
	}
	if ref == nil {
		return nil
	}
	latest := false
	for k := i + 1; k < ref.Tok[0]; k++ {
		if w := toks[k].Norm; w == "latest" || w == "last" || w == "recent" {
			latest = true
		}
	}
	var best *draft
	for _, e := range st.events[max(0, len(st.events)-narrativeReach):] {
		if family(e.ev.Type) != family(ref.Trigger.Type) || !e.ev.Date.Known() || e.ev.Date.Start.IsZero() {
			continue
		}
		if best == nil || !latest || e.ev.Date.Start.After(best.ev.Date.Start) {
			best = e
		}
	}
	return best
}

// claims reads responsibility claims and attributions: "The BLA claimed
// responsibility", "sources attributed the attack to the Taliban". They set
// the perpetrator of the latest violent event of the last few sentences,
// with modality claimed. "No group claimed responsibility" sets nothing.
func (a *Assembler) claims(st *state, in Input) {
	toks := in.Sentence.Tokens
	for i := 0; i+1 < len(toks); i++ {
		w, next := toks[i].Norm, toks[i+1].Norm
		claim := claimVerbs.has(w)
		if !claim && w != "took" && w != "takes" && !attributionVerbs.has(w) {
			continue // most words: looked up once
		}
		var actor *durand.Mention
		claimant := false
		switch {
		case (claim || w == "took" || w == "takes") && next == "responsibility", claim && w != "claiming" && claimsEvent(in, i),
			claim && claimsToll(in, i) && claimantAt(in, i):
			// "claimed responsibility for", "Pakistan Taliban claims
			// deadly suicide attack".
			if negated(toks, 0, i) {
				continue
			}
			actor = claimSubject(in, i)
			claimant = true
		case attributionVerbs.has(w):
			for k := range in.Mentions {
				m := &in.Mentions[k]
				if m.Tok[0] > i+1 && m.Kind == durand.ActorMention && (toks[m.Tok[0]-1].Norm == "to" || toks[m.Tok[0]-2].Norm == "to") {
					actor = m
					break
				}
			}
		}
		if actor == nil {
			continue
		}
		if claimant && next == "responsibility" {
			a.dropClaimedTolls(st, in, i)
		}
		// The claim is for the latest attack, and for the other parts of
		// the same incident whose perpetrator the text leaves unnamed
		// ("… three police officers were kidnapped during the attack. No
		// group claimed responsibility; however, sources attributed the
		// attack to the Taliban").
		var main *draft
		for k := len(st.events) - 1; k >= 0 && in.Sentence.Index-st.events[k].sent <= claimReach; k-- {
			d := st.events[k]
			if d.ev.Mode == "disrupt" && d.tgtM == nil {
				// "Security forces defused explosive devices … sources
				// attributed the attempted attack to the Taliban": the
				// group whose attack was foiled is the other side.
				d.tgtM = actor
				a.evidence(st, d, "target", actor.Span)
				continue
			}
			if family(d.ev.Type) != durand.Assault {
				continue
			}
			if main != nil && (!unnamed(d.srcM) || !d.ev.Date.Overlaps(main.ev.Date) || !samePlace(d, main)) {
				continue
			}
			if main == nil {
				main = d
			}
			if !claimant && d.ev.ClaimedBy != nil {
				// "ISKP claimed responsibility … Sources also attributed
				// the attack to the Taliban": the claim stands.
				continue
			}
			d.srcM = actor
			// The claimant stands for the unnamed attackers listed with
			// the one it replaces ("one assailant and one civilian were
			// killed in the clash": the civilian was no attacker).
			d.srcCo = slices.DeleteFunc(d.srcCo, unnamed)
			d.ev.Modality = durand.Claimed
			a.evidence(st, d, "claim", actor.Span)
			if claimant {
				a.claimedBy(st, d, actor)
			}
		}
	}
}

// dropClaimedTolls drops the violence a claim of responsibility at token
// i goes on to tell with no place or date of its own, when an earlier attack is
// there to be claimed: "The BLA claims responsibility, claiming they
// killed 90 security personnel" is the claimant's account of the attack
// claimed, whose count the report gave. The claim's words stay as the
// attack's evidence.
func (a *Assembler) dropClaimedTolls(st *state, in Input, i int) {
	claimed := func(d *draft) bool {
		return d.sent == in.Sentence.Index && d.trig != nil && d.trig.Tok[0] > i && len(d.places) == 0 && !d.explicit && family(d.ev.Type) == durand.Assault
	}
	var host *draft
	for _, d := range slices.Backward(st.events) {
		if in.Sentence.Index-d.sent > claimReach {
			break // (the events are in the order of their sentences)
		}
		if !claimed(d) && family(d.ev.Type) == durand.Assault {
			host = d
			break
		}
	}
	if host == nil {
		return
	}
	// Only this sentence's drafts are claimed: they are the last.
	from := len(st.events)
	for from > 0 && st.events[from-1].sent == in.Sentence.Index {
		from--
	}
	tail := slices.DeleteFunc(st.events[from:], func(d *draft) bool {
		if !claimed(d) {
			return false
		}
		a.evidence(st, host, "claim", d.trig.Span)
		st.families[family(d.ev.Type)]--
		return true
	})
	st.events = st.events[:from+len(tail)]
}

// claimsEvent reports whether the claim verb at token i takes a violent
// event as its object, within three words: "claims deadly suicide
// attack", "claim killing of two militants".
func claimsEvent(in Input, i int) bool {
	for mi := range in.Mentions {
		m := &in.Mentions[mi]
		if m.Kind == durand.TriggerMention && m.Tok[0] > i && m.Tok[0] <= i+3 && m.Trigger.Type.Violent() {
			return true
		}
	}
	return false
}

// claimantAt reports whether an actor or a state's name ends right before
// the claim verb at token i, its subject ("Indian troops claim 16 …"; not
// "Pakistan investigate IS claim …", whose claimant is unknown).
func claimantAt(in Input, i int) bool {
	for k := range in.Mentions {
		if m := &in.Mentions[k]; m.Tok[1] == i && party(m) {
			return true
		}
	}
	return false
}

// party reports whether m can name a party to an event or a claim: an
// actor, or a state by its name.
func party(m *durand.Mention) bool {
	return m.Kind == durand.ActorMention || m.Kind == durand.PlaceMention && m.Nation != ""
}

// lastParty returns the last party named in ms that ends at or before
// token i (the subject of a claim or an accusation there), or nil.
func lastParty(ms []durand.Mention, i int) *durand.Mention {
	var last *durand.Mention
	for k := range ms {
		if m := &ms[k]; m.Tok[1] <= i && party(m) {
			last = m
		}
	}
	return last
}

// claimSubject returns who makes the claim at token i: the party right
// before it, or, when the claim verb is coordinated with a verb before it
// ("Pakistan launches strikes into India, and claims to have destroyed
// five jets"), the sentence's subject, the first party named other than
// in a place phrase.
func claimSubject(in Input, i int) *durand.Mention {
	toks := in.Sentence.Tokens
	if i > 0 && toks[i-1].Norm == "and" {
		for k := range in.Mentions {
			m := &in.Mentions[k]
			if m.Tok[1] > i {
				break
			}
			if party(m) && !locatives.has(wordBefore(toks, m.Tok[0])) {
				return m
			}
		}
	}
	return lastParty(in.Mentions, i)
}

// claimedBy names the party m as the one claiming d, as m stood on the
// event's day (or the report's, when the event has none).
func (a *Assembler) claimedBy(st *state, d *draft, m *durand.Mention) {
	t := d.ev.Date.Start
	if t.IsZero() {
		t = st.doc.Published
	}
	where := ""
	if m.Actor != nil && placeRoles(m.Actor) {
		where = st.fightingIn(d)
	}
	act := a.actor(st, m, t, where)
	d.ev.ClaimedBy = &act
}

// claimsToll reports whether the claim verb at token i takes the people
// its claimant harmed as its object: a count, the people counted and a
// casualty word, nothing else between ("Taleban claim 27 soldiers killed
// in clash", "claims 15 government militiamen killed").
func claimsToll(in Input, i int) bool {
	toks := in.Sentence.Tokens
	k := i + 1
	counted, people := false, false
	for mi := range in.Mentions {
		m := &in.Mentions[mi]
		if m.Tok[1] <= k {
			continue
		}
		if m.Tok[0] != k && !(m.Tok[0] == k+1 && people && toks[k].IsWord() && !toks[k].Upper) {
			return false // a word that is no part of the count's noun phrase
		}
		switch {
		case m.Kind == durand.NumberMention && !counted:
			counted = true
		case m.Kind == durand.ActorMention && counted:
			people = true
		case m.Kind == durand.TriggerMention && people:
			return m.Trigger.Harm == durand.Killed || m.Trigger.Harm == durand.Injured
		default:
			return false
		}
		k = m.Tok[1]
	}
	return false
}

// claimReach is how many sentences back a claim of responsibility can
// reach for the attack it claims: wire summaries put it last, after the
// casualties and the kidnapped.
const claimReach = 6

// unnamed reports whether a perpetrator mention names no one: absent, or
// a bare agent ("assailants", "gunmen").
func unnamed(m *durand.Mention) bool {
	return m == nil || m.Actor == nil && m.Nation == ""
}

// samePlace reports whether two drafts can be at one place: either has
// none, or one's place lies within the other's.
func samePlace(d, h *draft) bool {
	if len(d.places) == 0 || len(h.places) == 0 {
		return true
	}
	a, b := d.places[0].e, h.places[0].e
	return a == b || a.Within(b) || b.Within(a)
}

// hasAbsoluteDate reports whether the clause names a calendar date ("in
// 2012", "on 3 March"), which beats an anchor.
func hasAbsoluteDate(c clause) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind == durand.DateMention && m.Date.Kind != durand.AnchorDate && m.Date.Kind != durand.RelativeDate {
			return true
		}
	}
	return false
}

// clauseDate sets *d from a non-anchor date mention inside the clause
// that may date the event trig names.
func clauseDate(c clause, toks []durand.Token, trig *durand.Mention, pub time.Time, d *durand.Date) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind == durand.DateMention && m.Date.Kind != durand.AnchorDate && !otherNounsDate(toks, c, m) && !datesOtherNoun(toks, c, m, trig) {
			if dd, ok := resolve(m.Date, pub, durand.Date{}); ok {
				*d = dd
				return true
			}
		}
	}
	return false
}

// otherNounsDate reports whether date mention m stands in a relative
// clause that dates a noun other than an act of violence: "airstrikes …,
// ending the 48-hour ceasefire which started two days ago" dates the
// ceasefire, not the airstrikes ("the attack which took place on
// Monday" dates the attack).
func otherNounsDate(toks []durand.Token, c clause, m *durand.Mention) bool {
	for k := m.Tok[0] - 1; k > c.from && k >= m.Tok[0]-8; k-- {
		switch {
		case c.covers(durand.TriggerMention, k) || toks[k].Norm == ",":
			return false
		case toks[k].Norm == "which" || toks[k].Norm == "who":
			return !violentAt(c.ms, k-1)
		}
	}
	return false
}

// datesOtherNoun reports whether date mention m qualifies the noun right
// after it, as in "the 2023 protests" or "their 2022 election", and that
// noun is not the event trig names: "sentences … for their part in the
// 2023 protests" happened when it was reported ("the 2022 raid killed 47"
// is the raid's date).
func datesOtherNoun(toks []durand.Token, c clause, m, trig *durand.Mention) bool {
	i, j := m.Tok[0], m.Tok[1]
	if m.Date.Kind != durand.AbsoluteDate || i == c.from || j >= c.to || !toks[j].IsWord() || nonArgPreps.has(toks[j].Norm) || toks[j].Norm == "and" {
		return false
	}
	switch toks[i-1].Norm {
	case "the", "a", "an", "its", "their", "his", "her", "'s":
	default:
		return false
	}
	return trig == nil || trig.Tok[0] != j
}

// causeAfter reports whether "after" at token i names the cause of the
// casualties told before it, no later event: "Four soldiers dead after
// checkpoint attack". Only casualty words come before (not "Pakistan
// strikes back after Taliban attack"), and an event noun closes the phrase
// after.
func causeAfter(toks []durand.Token, ms []durand.Mention, i int) bool {
	if toks[i].Norm != "after" {
		return false
	}
	if attacksPronoun(toks, ms, i) {
		return true
	}
	harm := false
	for k := range ms {
		m := &ms[k]
		if m.Tok[0] > i+4 {
			break
		}
		if m.Kind == durand.ActorMention && harm && m.Tok[1] <= i {
			return false // "kill 17 militants after …": an object, a verb with its own clause
		}
		if m.Kind != durand.TriggerMention {
			continue
		}
		if m.Tok[1] <= i {
			if m.Trigger.Harm == durand.NoHarm || m.Trigger.Type != durand.Assault {
				return false
			}
			harm = true
			continue
		}
		end := m.Tok[1]
		w := toks[end-1].Norm
		if !harm || !m.Trigger.Type.Violent() || m.Trigger.Harm != durand.NoHarm || strings.HasSuffix(w, "ed") {
			return false
		}
		if end < len(toks) && toks[end].IsWord() && !causeEnds.has(toks[end].Norm) {
			return false // "after attacks killed …": a clause
		}
		for j := i + 1; j < m.Tok[0]; j++ {
			if !toks[j].IsWord() || causeEnds.has(toks[j].Norm) || strings.HasSuffix(toks[j].Norm, "ing") {
				return false // "after repelling Taliban attack": a clause
			}
		}
		return true
	}
	return false
}

// attacksPronoun reports whether the casualty word before "after" at i is
// told again by the clause after it, a violent verb on a pronoun: "A
// doctor is killed after an unknown assailant shoots him twice".
func attacksPronoun(toks []durand.Token, ms []durand.Mention, i int) bool {
	harm := false
	for k := range ms {
		m := &ms[k]
		if m.Kind != durand.TriggerMention {
			continue
		}
		switch {
		case m.Tok[1] <= i:
			harm = harm || m.Trigger.Harm != durand.NoHarm && m.Trigger.Type == durand.Assault
		case harm && m.Tok[0] <= i+6 && m.Trigger.Type.Violent() && !m.Trigger.Nominal && m.Tok[1] < len(toks):
			switch toks[m.Tok[1]].Norm {
			case "him", "her", "them":
				return true
			}
		}
	}
	return false
}

// causeEnds are words that may follow an event noun closing a phrase.
var causeEnds = set("in", "on", "at", "near", "of", "by", "and", "outside", "inside", "along", "across", "during", "from", "to", "against", "targeting", "for")

// splitClauses cuts a sentence at conjunctions and subordinators that open
// a new clause ("but", "while", "after", "days after"), so that each
// clause's triggers take their arguments from their own clause.
func splitClauses(text string, toks []durand.Token, ms []durand.Mention, buf *sentBufs) []clause {
	cuts := buf.cuts[:0]
	// anchors are the date anchors that open a clause, by first token;
	// a sentence has one or two, if any.
	var anchors []*durand.Mention
	anchorAt := func(i int) *durand.DateExpr {
		for _, m := range anchors {
			if m.Tok[0] == i {
				return &m.Date
			}
		}
		return nil
	}
	for i := range ms {
		m := &ms[i]
		if m.Kind == durand.DateMention && m.Date.Kind == durand.AnchorDate && !openingAnchor(toks, ms, m) {
			cuts = append(cuts, m.Tok[0])
			anchors = append(anchors, m)
		}
	}
	for i, t := range toks {
		if i == 0 {
			continue
		}
		switch t.Norm {
		case "but", "while", "whereas", ";", "although", "though", "because":
			cuts = append(cuts, i)
		case ":":
			// A headline's closing attribution ("Gunmen kill polio
			// worker in Pakistan: officials", "… in Bajaur - report")
			// is no argument of the event before it.
			if attribution(toks, i+1) {
				cuts = append(cuts, i)
			}
		default:
			if attribution(toks, i) && dashBefore(text, toks, i) {
				cuts = append(cuts, i)
			}
		case "which", "who":
			if toks[i-1].Norm == "," {
				cuts = append(cuts, i)
			}
		case "after", "before", "when", "since", "as":
			// "were tied up before being shot": a passive with no
			// subject of its own shares the clause's.
			if i+1 < len(toks) && (toks[i+1].Norm == "being" || toks[i+1].Norm == "having") {
				continue
			}
			if w := toks[i].Norm; w == "since" && i > 0 && (toks[i-1].Norm == "has" || toks[i-1].Norm == "have" || toks[i-1].Norm == "had") {
				continue // "the toll has since climbed": an adverb, no clause
			}
			if causeAfter(toks, ms, i) || t.Norm == "as" && asNoClause(toks, i) {
				continue
			}
			if i > 0 && !timeBefore.has(toks[i-1].Norm) {
				if anchorAt(i-1) == nil {
					cuts = append(cuts, i)
				}
			}
		}
	}
	open, gap := opening(toks, ms)
	if open > 0 {
		cuts = append(cuts, open)
	}
	sortInts(cuts)
	out := buf.clauses[:0]
	masks := grow(&buf.masks, len(toks)*(len(cuts)+1))
	from, lo := 0, 0
	for _, c := range append(cuts, len(toks)) {
		if c <= from {
			continue
		}
		// Mentions come sorted by their first token, so a clause's are a
		// run of the sentence's; the cap keeps an append from writing
		// into the next clause's.
		for lo < len(ms) && ms[lo].Tok[0] < from {
			lo++
		}
		hi := lo
		for hi < len(ms) && ms[hi].Tok[0] < c {
			hi++
		}
		cl := newClause(from, c, len(toks), ms[lo:hi:hi], masks[:len(toks):len(toks)])
		masks = masks[len(toks):]
		cl.anchor = anchorAt(from)
		if from == open && open > 0 {
			cl.follows, cl.gap = true, gap
		}
		cl.opens = from == 0 && c == open
		out = append(out, cl)
		from = c
	}
	buf.cuts, buf.clauses = cuts[:0], out[:0]
	return out
}

// asNoClause reports whether the "as" at token i opens no clause: "as
// well as 29 passengers", "as many as 20 people", "such as", "as part of".
func asNoClause(toks []durand.Token, i int) bool {
	if w := toks[i-1].Norm; w == "well" || w == "such" || w == "many" || w == "much" || w == "few" {
		return true
	}
	if i+1 < len(toks) {
		switch toks[i+1].Norm {
		case "well", "many", "much", "few", "part", "of":
			return true
		}
	}
	return false
}

// timeBefore are the words that make "after" or "before" an adverb of
// time, no clause of its own: "days after", "shortly before".
var timeBefore = set("days", "day", "weeks", "week", "hours", "months", "month", "years", "year", "shortly", "soon")

// opening finds where the main clause begins after a sentence's opening
// subordinate clause that reports what came first: "After militants
// attacked a checkpoint in Bannu, Khyber Pakhtunkhwa, security forces
// launched an operation", "Following Pakistani airstrikes on October 9,
// the Afghan forces attacked border posts", "Since the judge's death, …",
// "In retaliation for the attack,
// …", "Two days after the bombing, …". Each clause reports its own event,
// as the retaliation analysis needs them. The cut is the comma closing the
// subordinate clause, passing over the commas of a place's apposition
// ("Bannu, Khyber Pakhtunkhwa,") and of a date ("October 9, 2025,"). gap
// is the opening anchor, when it says how long after; open is 0 when the
// sentence opens no such clause.
func opening(toks []durand.Token, ms []durand.Mention) (open int, gap *durand.DateExpr) {
	i := 0
	switch {
	case len(toks) < 6:
		return 0, nil
	case toks[0].Norm == "after" || toks[0].Norm == "following" || toks[0].Norm == "since":
		i = 1
	case toks[0].Norm == "in" && (toks[1].Norm == "retaliation" || toks[1].Norm == "response" || toks[1].Norm == "revenge"):
		i = 3
	default:
		for k := range ms {
			m := &ms[k]
			if m.Tok[0] > 1 {
				break
			}
			if m.Kind == durand.DateMention && m.Date.Kind == durand.AnchorDate && m.Date.Offset >= 0 && openingAnchor(toks, ms, m) {
				i, gap = m.Tok[1], &m.Date
			}
		}
		if i == 0 {
			return 0, nil
		}
	}
	k := 0 // the mentions, in order of their first token
	for j := i + 1; j+1 < len(toks) && j < i+40; j++ {
		switch toks[j].Norm {
		case ";", ":", ".":
			return 0, nil
		case ",":
		default:
			continue
		}
		for k < len(ms) && ms[k].Tok[0] <= j {
			k++
		}
		at := j + 1 // where a place or date would begin, past a preposition
		if w := toks[at].Norm; (w == "on" || w == "in" || w == "at" || w == "near") && (k >= len(ms) || ms[k].Tok[0] != at) {
			at++
		}
		if k < len(ms) && ms[k].Tok[0] == at && (ms[k].Kind == durand.PlaceMention || ms[k].Kind == durand.DateMention) {
			continue // "in Bannu, Khyber Pakhtunkhwa,", "…, on October 9, 2025,"
		}
		if isNumeric(toks[j+1].Norm) {
			continue
		}
		return j + 1, gap
	}
	return 0, nil
}

// openingAnchor reports whether the date anchor m opens its sentence,
// alone or after its count ("Days after", "Two days after").
func openingAnchor(toks []durand.Token, ms []durand.Mention, m *durand.Mention) bool {
	return m.Tok[0] == 0 || m.Tok[0] == 1 && (ms[0].Kind == durand.NumberMention && ms[0].Tok[0] == 0 || toks[0].Norm == "a")
}

// attribution reports whether toks[i:] is a sentence's short closing
// attribution after a colon or a dash: "officials", "police", "Pakistan
// army", "report".
func attribution(toks []durand.Token, i int) bool {
	end := len(toks)
	if end > i && (toks[end-1].Norm == "." || toks[end-1].Norm == "!") {
		end--
	}
	if end-i < 1 || end-i > 3 {
		return false
	}
	for _, t := range toks[i:end] {
		if t.Norm == "" || !(t.Norm[0] >= 'a' && t.Norm[0] <= 'z') {
			return false
		}
	}
	return true
}

// dashBefore reports whether a dash standing apart from the words (" - ",
// " – ", "—") comes right before token i; the tokenizer keeps no dashes.
func dashBefore(text string, toks []durand.Token, i int) bool {
	gap := text[toks[i-1].Span.End:toks[i].Span.Start]
	return strings.ContainsAny(gap, "–—") || strings.Contains(gap, "-") && strings.Contains(gap, " ")
}

// newClause is the clause of tokens [from, to) of a sentence of n tokens
// with the mentions ms, its mask of mention kinds in kinds (n zero bytes;
// nil allocates them).
func newClause(from, to, n int, ms []durand.Mention, kinds []uint8) clause {
	if kinds == nil {
		kinds = make([]uint8, n)
	}
	for mi := range ms {
		m := &ms[mi]
		for k := max(m.Tok[0], 0); k < m.Tok[1] && k < n; k++ {
			kinds[k] |= 1 << m.Kind
		}
	}
	return clause{from: from, to: to, ms: ms, kinds: kinds}
}

// covers reports whether a mention of the kind covers token k.
func (c clause) covers(kind durand.MentionKind, k int) bool {
	return k >= 0 && k < len(c.kinds) && c.kinds[k]&(1<<kind) != 0
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// quoteMask marks the tokens inside quotation marks.
func quoteMask(mask []bool, text string, toks []durand.Token) []bool {
	mask = append(mask, make([]bool, len(toks))...)
	in := false
	for i, t := range toks {
		switch s := t.Span.Text(text); s {
		case "“", "”", "\"", "«", "»":
			if s == "“" || s == "«" {
				in = true
			} else if s == "”" || s == "»" {
				in = false
			} else {
				in = !in
			}
			mask[i] = true
			continue
		}
		mask[i] = in
	}
	return mask
}

// Event IDs are stable: the same document and trigger give the same ID.
// The document is named by its id and its text's hash together, because
// ids repeat (standard input, request bodies, an edited file under the
// same path): two different texts never share an event ID.
func eventID(doc durand.Document, sp durand.Span, place string) string {
	// id|hash|start|end|place, built without fmt: this runs for every draft.
	var buf [256]byte
	b := append(buf[:0], doc.ID...)
	b = append(b, '|')
	b = append(b, doc.Hash...)
	b = append(b, '|')
	b = strconv.AppendInt(b, int64(sp.Start), 10)
	b = append(b, '|')
	b = strconv.AppendInt(b, int64(sp.End), 10)
	b = append(b, '|')
	b = append(b, place...)
	h := sha256.Sum256(b)
	var id [3 + 16]byte
	copy(id[:], "ev_")
	hex.Encode(id[3:], h[:8])
	return string(id[:])
}
