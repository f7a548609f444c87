// Package recognize finds the actors, places, dates, counts and event
// triggers in a sentence by dictionary matching over folded tokens.
package recognize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
)

// Recognizer finds mentions with a loaded Lexicon. It holds no per-call
// state and is safe for concurrent use.
type Recognizer struct {
	lx *Lexicon
}

// New returns a recognizer over lx.
func New(lx *Lexicon) *Recognizer { return &Recognizer{lx: lx} }

// Lexicon returns the recognizer's dictionaries.
func (r *Recognizer) Lexicon() *Lexicon { return r.lx }

// Recognize returns the mentions in s, ordered by start. text is the text
// of the document s belongs to.
func (r *Recognizer) Recognize(text string, s durand.Sentence) []durand.Mention {
	return r.AppendMentions(nil, text, s)
}

// AppendMentions appends the mentions in s, ordered by start, to dst and
// returns the extended slice, so that a caller recognising a document's
// sentences in turn can keep them all in one growing array.
func (r *Recognizer) AppendMentions(dst []durand.Mention, text string, s durand.Sentence) []durand.Mention {
	toks := s.Tokens
	n0 := len(dst)
	out := dst
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	sc.reset(len(toks))
	ids := r.lx.vocab.tokens(sc.ids[:0], toks)
	sc.ids = ids
	covered := sc.covered
	span := func(i, j int) durand.Span { return durand.Span{Start: toks[i].Span.Start, End: toks[j-1].Span.End} }

	// Dates first: their numbers are not counts of people. An expression
	// of the calendar or the clock that names no day (date's zero value)
	// covers its tokens all the same.
	lx := r.lx
	for i := 0; i < len(toks); i++ {
		if !lx.may(startsDate, ids[i], toks[i]) {
			continue
		}
		if end, d := date(text, toks, i); end > i {
			if d.Kind != 0 {
				out = append(out, durand.Mention{Kind: durand.DateMention, Span: span(i, end), Tok: [2]int{i, end}, Date: d})
			}
			for k := i; k < end; k++ {
				covered[k] = true
			}
			i = end - 1
		}
	}
	stop := 0 // the first covered token after i: a count never reads into a date
	for i := 0; i < len(toks); i++ {
		if covered[i] || !lx.may(startsCount, ids[i], toks[i]) || (i > 0 && (toks[i-1].Norm == "$" || toks[i-1].Norm == "rs")) {
			continue
		}
		if i > 0 && toks[i].Norm[0] >= '0' && toks[i].Norm[0] <= '9' && numberLabels[toks[i-1].Norm] {
			continue // "UPDATE 1-", "Police District 9", "No. 3": a label, not a count
		}
		for stop <= i || stop < len(toks) && !covered[stop] {
			stop++
		}
		if end, c := number(toks[:stop], i); end > i {
			if end < len(toks) && money[toks[end].Norm] {
				i = end
				continue
			}
			out = append(out, durand.Mention{Kind: durand.NumberMention, Span: span(i, end), Tok: [2]int{i, end}, Number: c})
			i = end - 1
		}
	}
	// A user's verb dictionary codes its verbs first; the built-in
	// triggers take the words it leaves.
	var verbTok []bool
	if r.lx.verbs != nil {
		verbTok = make([]bool, len(toks))
		for i := 0; i < len(toks); i++ {
			if covered[i] || (i > 0 && nounDeterminer[toks[i-1].Norm]) {
				continue
			}
			// A violent phrase of the built-in lexicon longer than the
			// verb it holds ("suicide car bombing", "shot dead") is left
			// to the built-in triggers: the phrase says more than the
			// verb. Over the same words, the two are merged.
			bend, bvals := r.lx.trigs.longest(ids, i, nil)
			builtin := bend > i && r.lx.Triggers[bvals[0]].Type.Violent()
			m, ok := r.lx.verbs.matchVerb(toks, i)
			if builtin && bend-i > 1 && (!ok || bend > m.end) {
				i = bend - 1
				continue
			}
			if !ok {
				continue
			}
			if td := r.lx.cameoTrigs[m.code]; td != nil {
				if builtin && bend == m.end && td.Type.Violent() {
					td = r.lx.merged(td, bvals[0])
				}
				out = append(out, durand.Mention{Kind: durand.TriggerMention, Span: span(m.start, m.end), Tok: [2]int{m.start, m.end}, Trigger: td})
				for k := m.start; k < m.end; k++ {
					verbTok[k] = true
				}
			}
			i = m.end - 1
		}
	}
	for i := 0; i < len(toks); {
		end, vals := r.lx.trigs.longest(ids, i, nil)
		if end == 0 || covered[i] || verbTok != nil && anyTrue(verbTok[i:end]) {
			i++
			continue
		}
		out = append(out, durand.Mention{Kind: durand.TriggerMention, Span: span(i, end), Tok: [2]int{i, end}, Trigger: r.lx.Triggers[vals[0]]})
		i = end
	}
	out = r.entities(out, text, toks, ids, covered, out[n0:], sc)
	sortMentions(out[n0:], sc)
	return out
}

// scratch is the working memory of one AppendMentions call, pooled: a
// sentence's word numbers, coverage and candidate matches are needed only
// while it is recognised, and allocating them afresh for each sentence
// was a tenth of the pipeline's allocations.
type scratch struct {
	ids     []int32
	covered []bool
	taken   []bool
	ms      []entMatch
	// cands holds a match's candidate places while they are ranked;
	// placeIDs is the unused rest of an array the ranked lists are cut
	// from (shared out, never reused: the mentions keep them).
	cands    []int32
	placeIDs []durand.PlaceID
	acc      entityFilter
	// order and mentions are sortMentions' working arrays.
	order    []int32
	mentions []durand.Mention
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// reset readies the scratch for a sentence of n tokens.
func (sc *scratch) reset(n int) {
	if cap(sc.covered) < n {
		sc.covered = make([]bool, n)
		sc.taken = make([]bool, n)
	}
	sc.covered = sc.covered[:n]
	clear(sc.covered)
	sc.taken = sc.taken[:n]
	clear(sc.taken)
	sc.ms = sc.ms[:0]
}

// nounDeterminer words start a noun phrase: a verb form after one is a
// noun ("an attack", "the talks"), which verb dictionaries do not code.
var nounDeterminer = map[string]bool{"a": true, "an": true, "the": true, "this": true, "that": true, "these": true, "those": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "my": true, "your": true, "'s": true}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// numberLabels are words a number after which labels something rather
// than counting people.
var numberLabels = map[string]bool{"update": true, "no": true, "number": true, "ld": true, "writethru": true, "part": true,
	"phase": true, "version": true, "section": true, "article": true, "chapter": true, "page": true, "paragraph": true,
	"district": true, "sector": true, "block": true, "gate": true, "ward": true, "zone": true, "road": true, "street": true}

var money = map[string]bool{"dollars": true, "rupees": true, "afghanis": true, "percent": true, "%": true, "usd": true, "pkr": true, "km": true, "kilometres": true, "kilometers": true, "miles": true, "years": true, "year": true, "metres": true, "meters": true}

type entMatch struct {
	start, end int
	vals       []int32
}

// entities matches actor, agent, demonym and place names and merges a
// nationality or a state with the agent that follows it ("Pakistani
// soldiers", "Pakistan's caretaker government", "the Taliban spokesman").
func (r *Recognizer) entities(out []durand.Mention, text string, toks []durand.Token, ids []int32, covered []bool, trigs []durand.Mention, sc *scratch) []durand.Mention {
	lx := r.lx
	// modifier reports whether toks[k] may stand between a name and the
	// agent it qualifies: an adjective, not a trigger ("Pakistan attacked
	// militants" is two actors and an event).
	modifier := func(k int) bool { return !inTrigger(trigs, k) && isModifier(toks[k]) }
	// The filter lives in the scratch: passed as an interface, a local
	// one would be allocated for every sentence.
	sc.acc = entityFilter{lx: lx, text: text, toks: toks}
	acc := &sc.acc
	ms := sc.ms
	for i := 0; i < len(toks); {
		if covered[i] {
			i++
			continue
		}
		end, vals := lx.ents.longest(ids, i, acc)
		if end == 0 {
			i++
			continue
		}
		if partOfLongerName(text, toks, ids, i, end, vals, lx) {
			i = end
			continue
		}
		ms = append(ms, entMatch{i, end, vals})
		i = end
	}
	ms = r.fuzzyPlaces(toks, covered, ms, sc.taken)
	ms = governmentForces(lx, toks, ms)
	sc.ms = ms
	base := len(out)
	span := func(i, j int) durand.Span { return durand.Span{Start: toks[i].Span.Start, End: toks[j-1].Span.End} }
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		var actor *durand.ActorDef
		var agent *durand.Agent
		nation, places := "", []durand.PlaceID(nil)
		cands := sc.cands[:0]
		isDemonym := false
		for _, v := range m.vals {
			e := &lx.entities[v]
			switch {
			case e.actor != nil:
				actor = e.actor
			case e.agent != nil:
				agent = e.agent
			}
			if e.nation != "" && nation == "" {
				nation = e.nation
			}
			if e.demonym {
				isDemonym = true
			}
			if e.place >= 0 {
				cands = append(cands, e.place)
			}
		}
		sc.cands = cands
		if len(cands) > 0 {
			places = r.rankPlaces(cands, sc)
		}
		// A nationality or state followed by an actor or agent, with at
		// most a possessive or one modifier between, is one actor.
		if (isDemonym || nation != "") && actor == nil && agent == nil && k+1 < len(ms) {
			n := ms[k+1]
			gap := n.start - m.end
			// After a state's name a word in -ed is its verb ("Pakistan
			// fired artillery"); after a nationality, an adjective
			// ("Pakistani armed forces").
			verb := gap == 1 && !isDemonym && strings.HasSuffix(toks[m.end].Norm, "ed")
			if gap == 0 || (gap == 1 && !verb && (toks[m.end].Norm == "'s" || modifier(m.end))) || (gap == 2 && toks[m.end].Norm == "'s" && modifier(m.end+1)) {
				var a2 *durand.ActorDef
				var g2 *durand.Agent
				for _, v := range n.vals {
					e := &lx.entities[v]
					if e.actor != nil {
						a2 = e.actor
					}
					if e.agent != nil {
						g2 = e.agent
					}
				}
				if a2 != nil || g2 != nil {
					out = append(out, durand.Mention{Kind: durand.ActorMention, Span: span(m.start, n.end), Tok: [2]int{m.start, n.end}, Actor: a2, Agent: g2, Nation: nation})
					k++
					continue
				}
			}
		}
		// A group's faction or wing of another group is the faction:
		// "the Hafiz Gul Bahadur faction of the Pakistani Taliban
		// claimed" is the Hafiz Gul Bahadur group's claim.
		if actor != nil && k+1 < len(ms) {
			j := m.end
			if j < len(toks) && factionWords[toks[j].Norm] {
				j++
			}
			if factionWords[toks[j-1].Norm] && j < len(toks) && toks[j].Norm == "of" && affiliation(toks, j, ms[k+1].start) && r.namesActor(ms[k+1]) {
				m.end = ms[k+1].end
				k++
			}
		}
		// An actor followed by an agent ("Taliban spokesman", "TTP
		// militants", "Pakistan Taliban suspect militant") is that actor,
		// as that agent.
		if actor != nil && k+1 < len(ms) && (ms[k+1].start == m.end || ms[k+1].start == m.end+1 && modifier(m.end)) {
			for _, v := range ms[k+1].vals {
				if e := &lx.entities[v]; e.agent != nil && e.actor == nil {
					agent = e.agent
				}
			}
			if agent != nil {
				m.end = ms[k+1].end
				k++
			}
		}
		// An agent of or from a state is the state's: "the government of
		// Gondor", "soldiers from Pakistan". ("in" is left alone: "killed
		// two soldiers in Pakistan" places the event.)
		compound := k > 0 && ms[k-1].end == m.start // "Police Forces of Pakistan": the head is "Police Forces"
		if agent != nil && actor == nil && nation == "" && !compound && k+1 < len(ms) && ms[k+1].start == m.end+1 && (toks[m.end].Norm == "of" || toks[m.end].Norm == "from") {
			if n2 := r.stateOf(ms[k+1]); n2 != "" {
				nation, m.end = n2, ms[k+1].end
				k++
			}
		}
		// An armed body's name before another agent makes it that body's
		// ("police commander", "army officials", "militant commander"):
		// the second names a rank or role within the first.
		// Not when the first closes a longer name, which the rule below
		// reads: "Baloch Nationalist Army gunmen" are that army's.
		if agent != nil && actor == nil && nation == "" && agent.Armed && k+1 < len(ms) && ms[k+1].start == m.end && onlyAgent(lx, ms[k+1]) &&
			strings.TrimSpace(text[toks[m.end-1].Span.End:toks[m.end].Span.Start]) == "" && // not "paramilitary-militant clashes"
			unknownNameStart(text, toks, ids, m.start, m.end, trigs, lx) == m.start {
			m.end = ms[k+1].end
			k++
		}
		// People of or linked to a group are the group's, as that
		// agent: "militants belonging to the Tehreek-e-Taliban
		// Pakistan", "five militants working for al-Qaeda", "leaders
		// of the Baloch Yakjehti Committee". A group linked to another
		// is not ("a militant group linked to al-Qaeda"): its agent
		// names no person.
		if agent != nil && actor == nil && nation == "" && !collective(agent.Name) && k+1 < len(ms) && affiliation(toks, m.end, ms[k+1].start) {
			for _, v := range ms[k+1].vals {
				if e := &lx.entities[v]; e.actor != nil {
					actor = e.actor
				}
			}
			if actor != nil {
				m.end = ms[k+1].end
				k++
			}
		}
		// An agent closing a longer proper name the dictionaries lack
		// names that body, not the agent: "the Sindhudesh Revolutionary
		// Army claimed" is no state's army.
		if actor == nil && agent != nil && nation == "" {
			if start := unknownNameStart(text, toks, ids, m.start, m.end, trigs, lx); start < m.start {
				m.start = start
				agent = unknownBody(agent)
				// A place inside the name ("Arakan Army") is the
				// name's, not the event's.
				for len(out) > base && out[len(out)-1].Tok[0] >= start {
					out = out[:len(out)-1]
				}
			}
		}
		// A country's name opening a proper name the dictionaries lack
		// names an organisation, not the state: "the Pakistan Stock
		// Exchange", "the Pakistan Peoples Party".
		if actor == nil && agent == nil && nation != "" && !isDemonym {
			if end := orgNameEnd(text, toks, ids, covered, m.end, trigs, lx); end > m.end {
				m.end, nation, agent = end, "", &namedBody
			} else if start := orgNameStart(text, toks, ids, m.start, trigs, lx); start < m.start {
				// … or closing one: "Tehreek-e-Labbaik Pakistan", "Sunni
				// Tehreek Pakistan" are parties, not the state.
				m.start, nation, agent = start, "", &namedBody
			}
		}
		switch {
		case actor != nil || agent != nil:
			out = append(out, durand.Mention{Kind: durand.ActorMention, Span: span(m.start, m.end), Tok: [2]int{m.start, m.end}, Actor: actor, Agent: agent, Nation: nation})
		case len(places) > 0:
			out = append(out, durand.Mention{Kind: durand.PlaceMention, Span: span(m.start, m.end), Tok: [2]int{m.start, m.end}, Places: places, Nation: nation})
		case nation != "":
			out = append(out, durand.Mention{Kind: durand.ActorMention, Span: span(m.start, m.end), Tok: [2]int{m.start, m.end}, Nation: nation})
		}
	}
	return out
}

// entityFilter accepts the payloads of a name matched at tokens [i, j):
// an all-capital alias only as written, a place only as a proper noun.
type entityFilter struct {
	lx   *Lexicon
	text string
	toks []durand.Token
}

func (f *entityFilter) accept(v int32, i, j int) bool {
	e := &f.lx.entities[v]
	toks := f.toks
	if e.surface != "" {
		return f.text[toks[i].Span.Start:toks[j-1].Span.End] == e.surface
	}
	if e.place >= 0 && e.nation == "" {
		// Places are proper nouns: capitalised, or in Arabic script;
		// and whole ones: "Dara" in "Dara-e-Kian" is not Syria's Darʿa.
		first, _ := utf8.DecodeRuneInString(f.text[toks[i].Span.Start:])
		return (toks[i].Upper || first > 0x0600) && !f.joined(i-1) && !f.joined(j)
	}
	// "an anti-Taliban activist", "pro-Taliban militants", "an
	// anti-Pakistani Taliban peace committee": for or against the group,
	// not the group. (A state stays: an "anti-Pakistan protest" is
	// against Pakistan.)
	if e.actor != nil && (forOrAgainst(toks, i) || i > 1 && toks[i-1].Upper && forOrAgainst(toks, i-1) && durand.Hyphenated(f.text, toks, i-1)) {
		return false
	}
	if e.nation != "" && forOrAgainst(toks, i) && j < len(toks) && toks[j].Upper {
		return false // the nationality of the group named next: "anti-Pakistani Taliban"
	}
	return true
}

// joined reports whether token k is a short particle hyphenated to the
// words on both sides, as in Persian and Pashto compound names
// ("Dara-e-Kian", "Dara-i-Pech", "Khalil-ur-Rahman"): the words it joins
// are parts of one name.
func (f *entityFilter) joined(k int) bool {
	if k <= 0 || k+1 >= len(f.toks) {
		return false
	}
	if !durand.Hyphenated(f.text, f.toks, k) || !durand.Hyphenated(f.text, f.toks, k+1) {
		return false // most names: no hyphen on either side
	}
	t := f.toks[k]
	return !t.Upper && len(t.Norm) <= 3 && isWord(t.Norm)
}

// forOrAgainst reports whether the name at token i follows "anti-" or
// "pro-": it qualifies a stance ("pro-government fighters"), not a party.
func forOrAgainst(toks []durand.Token, i int) bool {
	return i > 0 && (toks[i-1].Norm == "anti" || toks[i-1].Norm == "pro")
}

// factionWords name a part of a group: "the Hafiz Gul Bahadur faction of
// the Pakistani Taliban".
var factionWords = map[string]bool{"faction": true, "wing": true, "branch": true, "chapter": true, "offshoot": true, "splinter": true, "affiliate": true}

// namesActor reports whether a match names a dictionary actor.
func (r *Recognizer) namesActor(m entMatch) bool {
	for _, v := range m.vals {
		if r.lx.entities[v].actor != nil {
			return true
		}
	}
	return false
}

// stateOf returns the country a match names when it is a state alone (a
// country, its capital or its demonym), and "" otherwise.
func (r *Recognizer) stateOf(m entMatch) string {
	nation := ""
	for _, v := range m.vals {
		e := &r.lx.entities[v]
		if e.actor != nil || e.agent != nil {
			return ""
		}
		if e.nation != "" {
			nation = e.nation
		}
	}
	return nation
}

// fuzzyPlaces adds places written in a spelling no source lists. Only a
// run of capitalised words in an address position is tried: after "in",
// "near", "of" or a comma, and followed by a comma, a place noun or the end
// of the sentence, so that person names are left alone.
func (r *Recognizer) fuzzyPlaces(toks []durand.Token, covered []bool, ms []entMatch, taken []bool) []entMatch {
	for _, m := range ms {
		for k := m.start; k < m.end; k++ {
			taken[k] = true
		}
	}
	var out []entMatch
	for i := 1; i < len(toks); i++ {
		if taken[i] || covered[i] || !toks[i].Upper {
			continue
		}
		switch toks[i-1].Norm {
		case "in", "near", "of", ",", "at", "outside":
		default:
			continue
		}
		j := i
		for j < len(toks) && j-i < 4 && !taken[j] && (toks[j].Upper || len(toks[j].Norm) <= 2 && isWord(toks[j].Norm) && j > i && j+1 < len(toks) && toks[j+1].Upper) {
			j++
		}
		if j < len(toks) && toks[j].Norm != "," && toks[j].Norm != "." && !placeWords[toks[j].Norm] {
			continue
		}
		var key []byte
		for k := i; k < j; k++ {
			key = append(key, toks[k].Norm...)
		}
		idx := r.lx.exact[letters(string(key))]
		if len(idx) == 0 {
			idx = r.lx.fuzzy[Key(string(key))]
		}
		if len(idx) > 0 {
			vals := make([]int32, 0, len(idx))
			for _, p := range idx {
				vals = append(vals, r.lx.placeEntity(p))
			}
			out = append(out, entMatch{i, j, vals})
		}
		i = j
	}
	if len(out) == 0 {
		return ms
	}
	ms = append(ms, out...)
	for a := 1; a < len(ms); a++ {
		for b := a; b > 0 && ms[b].start < ms[b-1].start; b-- {
			ms[b], ms[b-1] = ms[b-1], ms[b]
		}
	}
	return ms
}

// placeWords may follow a place name without making it part of a longer one.
var placeWords = map[string]bool{"city": true, "province": true, "district": true, "valley": true, "agency": true,
	"town": true, "village": true, "border": true, "airport": true, "crossing": true, "region": true, "area": true}

// partOfLongerName reports whether a place match is only part of a longer
// proper name: "Kabul Bank", "Salokhan Chaman", "Punjab Kala". Such a name
// names something else (a bank, a neighbourhood) that the gazetteer lacks.
func partOfLongerName(text string, toks []durand.Token, ids []int32, i, end int, vals []int32, lx *Lexicon) bool {
	if !onlyRegion(lx, vals) {
		return false
	}
	if end < len(toks) && toks[end].Upper && !placeWords[toks[end].Norm] {
		if e2, _ := lx.ents.longest(ids, end, nil); e2 == 0 {
			return true
		}
	}
	if i > 0 && toks[i-1].Upper && isWord(toks[i-1].Norm) && !sentenceStart(text, toks, i-1) {
		if e2, _ := lx.ents.longest(ids, i-1, nil); e2 == 0 {
			return true
		}
	}
	return false
}

// unknownNameStart returns where the proper name that the capitalised
// agent toks[i:end] closes begins, when capitalised words no dictionary
// knows come before the agent ("Sindhudesh Revolutionary Army"; "Free
// Syrian Army" has a nationality inside and is left to the nation rule),
// or i when there are none. A headline in title case has no proper names
// to tell apart.
func unknownNameStart(text string, toks []durand.Token, ids []int32, i, end int, trigs []durand.Mention, lx *Lexicon) int {
	if !toks[end-1].Upper || i == 0 || !bodyNouns[toks[end-1].Norm] {
		return i // titles name people ("Vice President", "Police Chief")
	}
	if end < len(toks) && placeWords[toks[end].Norm] {
		return i // an address: "Fourth Police District"
	}
	if durand.TitleCase(toks) {
		return i
	}
	// A region's name may open an insurgent body's ("Arakan Army",
	// "Balochistan Liberation Front"); a state's forces are named for
	// the state, and a region's police, levies or scouts are the state's.
	insurgent := insurgentBodies[toks[end-1].Norm]
	known := func(k int) bool {
		e, vals := lx.ents.longest(ids, k, nil)
		if e > 0 && e <= i && insurgent && onlyRegion(lx, vals) {
			return false
		}
		return e > 0 || inTrigger(trigs, k)
	}
	start := i
	for k := i - 1; k >= 0 && i-k <= 4; k-- {
		t := toks[k]
		if !t.Upper || !isWord(t.Norm) || known(k) || nameStops[t.Norm] {
			break
		}
		start = k
		if sentenceStart(text, toks, k) {
			break
		}
	}
	if start == i-1 && len(toks[start].Norm) <= 3 {
		return i // an abbreviation, as of a state ("Pak Army"), not a name
	}
	return start
}

// orgNameEnd returns where the proper name that continues after a
// country's name at token i ends: two or more capitalised words no
// dictionary knows and no agent closes ("Stock Exchange", "Peoples
// Party"; not "Coast Guards", the state's), or i when there are none. One
// word is as often an adjective ("Pakistan Sufi shrine") or an
// abbreviation ("Pakistan PM"). A headline in title case has no proper
// names to tell apart.
func orgNameEnd(text string, toks []durand.Token, ids []int32, covered []bool, i int, trigs []durand.Mention, lx *Lexicon) int {
	end := i
	for k := i; k < len(toks) && k < i+4; k++ {
		t := toks[k]
		if !t.Upper || !isWord(t.Norm) || covered[k] || nameStops[t.Norm] || placeWords[t.Norm] || inTrigger(trigs, k) || allCaps(t.Span.Text(text)) {
			break
		}
		if e, _ := lx.ents.longest(ids, k, nil); e > 0 {
			return i // the name of a body the dictionaries know
		}
		end = k + 1
	}
	if end-i < 2 || durand.TitleCase(toks) {
		return i
	}
	return end
}

func allCaps(w string) bool {
	return strings.IndexFunc(w, unicode.IsLower) < 0
}

// inTrigger reports whether token k lies inside one of the trigger
// mentions among ms.
func inTrigger(ms []durand.Mention, k int) bool {
	for i := range ms {
		if t := &ms[i]; t.Kind == durand.TriggerMention && k >= t.Tok[0] && k < t.Tok[1] {
			return true
		}
	}
	return false
}

// bodyNouns end the names of armed and other bodies.
var bodyNouns = map[string]bool{"army": true, "forces": true, "force": true, "police": true, "corps": true, "guard": true,
	"guards": true, "militia": true, "militias": true, "front": true, "brigade": true, "brigades": true, "group": true,
	"movement": true, "battalion": true, "regiment": true, "command": true, "rangers": true, "levies": true}

// insurgentBodies end the names of bodies that no state's region
// fields: after a region's name they name a group, not the state's forces.
var insurgentBodies = map[string]bool{"army": true, "front": true, "movement": true, "brigade": true, "brigades": true, "battalion": true}

// onlyRegion reports whether a match's payloads are all places below a
// state: not a country, capital or demonym, no actor or agent.
func onlyRegion(lx *Lexicon, vals []int32) bool {
	for _, v := range vals {
		if e := &lx.entities[v]; e.place < 0 || e.nation != "" || e.actor != nil || e.agent != nil {
			return false
		}
	}
	return len(vals) > 0
}

// governmentForces joins a government named before an armed agent into
// one match, the armed agent's: "government forces", "state troops" are
// the state's forces, not a government and forces ("Afghan government
// forces" then reads as Afghanistan's). Matches are rewritten in place.
func governmentForces(lx *Lexicon, toks []durand.Token, ms []entMatch) []entMatch {
	joins := func(k int) bool {
		m := &ms[k]
		if m.end != m.start+1 || k+1 == len(ms) || ms[k+1].start != m.end {
			return false
		}
		w := toks[m.start].Norm
		return (w == "government" || w == "state") && onlyAgent(lx, *m) && stateForces(lx, ms[k+1]) && !forOrAgainst(toks, m.start)
	}
	first := -1
	for k := range ms {
		if joins(k) {
			first = k
			break
		}
	}
	if first < 0 {
		return ms // nearly every sentence: nothing to rewrite
	}
	out := ms[:first]
	for k := first; k < len(ms); k++ {
		m := ms[k]
		if joins(k) {
			m = entMatch{m.start, ms[k+1].end, ms[k+1].vals}
			k++
		}
		out = append(out, m)
	}
	return out
}

// stateForces reports whether a match names only a generic agent of a
// state's forces: soldiers, police, paramilitaries, intelligence.
func stateForces(lx *Lexicon, m entMatch) bool {
	if !onlyAgent(lx, m) {
		return false
	}
	for _, v := range m.vals {
		if e := &lx.entities[v]; e.agent != nil && !forceSectors[e.agent.Sector] {
			return false
		}
	}
	return true
}

var forceSectors = map[string]bool{"military": true, "police": true, "paramilitary": true, "intelligence": true}

// nameStops are capitalised words that open a sentence rather than a name.
var nameStops = map[string]bool{"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "by": true, "for": true,
	"and": true, "but": true, "after": true, "when": true, "while": true, "as": true, "of": true, "to": true, "from": true, "with": true,
	"this": true, "that": true, "these": true, "those": true, "its": true, "their": true, "his": true, "her": true}

// orgNameStart returns where a proper name the dictionaries lack begins
// when it closes with the country's name at token i: two or more unknown
// capitalised words right before it, joined by hyphenated particles
// ("Tehreek-e-Labbaik Pakistan"). A known name, a trigger, punctuation or
// a lower-case word ends the look-back; a title-case headline has none.
func orgNameStart(text string, toks []durand.Token, ids []int32, i int, trigs []durand.Mention, lx *Lexicon) int {
	if i < 2 || durand.TitleCase(toks) {
		return i
	}
	start, words := i, 0
	for k := i - 1; k >= 0 && i-k <= 5; k-- {
		t := toks[k]
		particle := !t.Upper && len(t.Norm) <= 3 && durand.Hyphenated(text, toks, k) && durand.Hyphenated(text, toks, k+1)
		if !t.Upper && !particle || !isWord(t.Norm) || nameStops[t.Norm] || inTrigger(trigs, k) || allCaps(t.Span.Text(text)) {
			break
		}
		if e, _ := lx.ents.longest(ids, k, nil); e > 0 {
			break
		}
		if !particle {
			start, words = k, words+1
		}
		if sentenceStart(text, toks, k) {
			break
		}
	}
	if words < 2 {
		return i
	}
	return start
}

// unknownBody is the agent of a named body the dictionaries lack: its
// name is kept, nothing is presumed of whose it is.
func unknownBody(of *durand.Agent) *durand.Agent {
	if of.Armed {
		return &armedBody
	}
	return &namedBody
}

var (
	armedBody = durand.Agent{Name: "armed group", Sector: "unknown", Code: "UNK", Armed: true}
	namedBody = durand.Agent{Name: "organisation", Sector: "unknown", Code: "UNK"}
)

func isWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// sentenceStart reports whether toks[i] opens the sentence or follows an
// opening quote or bracket.
func sentenceStart(text string, toks []durand.Token, i int) bool {
	return i == 0 || !isWord(toks[i-1].Norm) && toks[i-1].Norm != ","
}

// rankPlaces returns the gazetteer entries cands as place IDs, ordered:
// larger units and more populous places first, so that a bare "Khost" is
// the province before the village. It reorders cands.
func (r *Recognizer) rankPlaces(cands []int32, sc *scratch) []durand.PlaceID {
	es := r.lx.Gazetteer.Entries
	uniq := cands[:1]
	for _, c := range cands[1:] {
		dup := false
		for _, u := range uniq {
			dup = dup || u == c
		}
		if !dup {
			uniq = append(uniq, c)
		}
	}
	for i := 1; i < len(uniq); i++ {
		for j := i; j > 0 && placeLess(&es[uniq[j]], &es[uniq[j-1]]); j-- {
			uniq[j], uniq[j-1] = uniq[j-1], uniq[j]
		}
	}
	n := len(uniq)
	if len(sc.placeIDs) < n {
		sc.placeIDs = make([]durand.PlaceID, max(256, n))
	}
	ids := sc.placeIDs[:n:n]
	sc.placeIDs = sc.placeIDs[n:]
	for i, c := range uniq {
		ids[i] = es[c].ID
	}
	return ids
}

func placeLess(a, b *gazetteer.Entry) bool {
	if a.Rank() != b.Rank() {
		return a.Rank() < b.Rank()
	}
	return a.Pop > b.Pop
}

// isModifier reports whether a token may stand between a nationality and
// its agent: a lower-case adjective such as "caretaker" or "de facto".
func isModifier(t durand.Token) bool {
	if t.Upper || len(t.Norm) < 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Norm)
	if !unicode.IsLetter(r) {
		return false
	}
	switch t.Norm {
	case "and", "the", "for", "with", "from", "into", "said", "was", "were", "has", "had", "have", "who", "which", "that", "its", "their",
		// Prepositions, conjunctions and auxiliaries join or end
		// phrases: "strikes Afghanistan after Taliban attack".
		"after", "before", "during", "against", "near", "over", "under", "since", "than", "then", "while", "when", "where",
		"about", "amid", "among", "inside", "outside", "across", "along", "behind", "between", "through", "toward", "within",
		"without", "upon", "but", "nor", "not", "are", "will", "would", "could", "should", "can", "may", "might", "must",
		"did", "been", "being", "also", "following", "despite", "via", "per", "off", "out", "onto",
		// Verbs of saying and wanting, after a plural subject: "Pakistani
		// Taleban confirm security forces destroyed hideouts".
		"confirm", "deny", "say", "admit", "vow", "warn", "urge", "fear", "ask", "tell", "want", "believe", "announce",
		"allege", "report", "blame", "order", "expect", "hope", "insist", "plan", "pledge", "promise", "refuse", "allow", "help",
		"demand", "seek", "vowed", "denied":
		return false
	}
	// A word in -s is a verb or a plural noun, not an adjective ("India
	// kills woman"), but for "-ous" ("various") and "-ss".
	if strings.HasSuffix(t.Norm, "s") && !strings.HasSuffix(t.Norm, "ous") && !strings.HasSuffix(t.Norm, "ss") {
		return false
	}
	return true
}

// sortMentions orders ms by first token, then kind, keeping the order of
// equals. It sorts their indexes and moves each mention once: a mention is
// over 200 bytes, and swapping them into place had cost a copy, with
// write barriers while the collector runs, for every step of every move.
func sortMentions(ms []durand.Mention, sc *scratch) {
	before := func(a, b *durand.Mention) bool {
		return a.Tok[0] < b.Tok[0] || a.Tok[0] == b.Tok[0] && a.Kind < b.Kind
	}
	sorted := true
	for i := 1; i < len(ms) && sorted; i++ {
		sorted = !before(&ms[i], &ms[i-1])
	}
	if sorted {
		return
	}
	order := sc.order[:0]
	for i := range ms {
		order = append(order, int32(i))
		for j := len(order) - 1; j > 0 && before(&ms[order[j]], &ms[order[j-1]]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	buf := append(sc.mentions[:0], ms...)
	for k, i := range order {
		ms[k] = buf[i]
	}
	clear(buf) // hold no pointers past the call
	sc.order, sc.mentions = order[:0], buf[:0]
}

// affiliation reports whether toks[from:to] links people to the group
// named after them: "of", "belonging to", "linked to", "affiliated with",
// "working for", "loyal to", each optionally followed by "the".
func affiliation(toks []durand.Token, from, to int) bool {
	if to > from && toks[to-1].Norm == "the" {
		to--
	}
	switch to - from {
	case 1:
		return toks[from].Norm == "of"
	case 2:
		w, p := toks[from].Norm, toks[from+1].Norm
		switch p {
		case "to":
			return w == "belonging" || w == "belong" || w == "belongs" || w == "linked" || w == "affiliated" || w == "loyal" || w == "attached"
		case "with":
			return w == "linked" || w == "affiliated" || w == "associated"
		case "for":
			return w == "working" || w == "fighting"
		}
	}
	return false
}

// collective reports whether an agent names a body rather than people:
// "militant group", "terror wing".
func collective(name string) bool {
	return strings.HasSuffix(name, "group") || strings.HasSuffix(name, "wing")
}

// onlyAgent reports whether a match names a generic agent and nothing
// else: no actor, nation or place.
func onlyAgent(lx *Lexicon, m entMatch) bool {
	agent := false
	for _, v := range m.vals {
		e := &lx.entities[v]
		if e.actor != nil || e.nation != "" || e.place >= 0 {
			return false
		}
		agent = agent || e.agent != nil
	}
	return agent
}
