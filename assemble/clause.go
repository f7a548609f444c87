package assemble

import (
	"slices"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
)

var (
	determiners = set("a", "an", "the", "its", "their", "his", "her", "this", "that", "these", "those", "'s", "own", "another",
		"latest", "recent", "deadly", "fresh", "new", "major", "single", "twin", "separate", "coordinated", "first", "second",
		"such", "any", "no", "every", "each", "massive", "powerful", "suspected", "alleged", "fierce", "heavy", "similar")
	definite  = set("the", "this", "that", "these", "those", "such")
	modals    = set("will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "cannot")
	negations = set("not", "'t", "never", "no", "neither", "nor", "without", "denied", "denies", "deny", "rejected")
	// intentions govern an infinitive that has not (yet) happened.
	intentions = set("want", "wants", "wanted", "aim", "aims", "aimed", "plan", "plans", "planned", "planning", "intend", "intends",
		"intended", "hope", "hopes", "seek", "seeks", "sought", "likely", "going", "vowed", "vow", "vows", "promised", "pledged",
		"expected", "tend", "continue", "continues", "keep", "threatened", "threatens", "attempt", "attempts", "ready", "able",
		"prepared", "preparing", "need", "needs", "needed", "order", "ordered", "orders", "authorised", "authorized", "allowed", "convince", "motivation", "worthy", "urged", "asked", "warned")
	habitual = set("usually", "often", "regularly", "repeatedly", "routinely", "frequently", "typically", "generally")
	// locative prepositions put a place, not an actor, after them.
	locatives = set("in", "at", "near", "inside", "across", "into", "outside", "around", "within", "throughout", "along", "on", "from", "to", "of", "toward", "towards", "between")
	// nonArgPreps open phrases whose actors are neither source nor target.
	nonArgPreps = set("from", "without", "with", "according", "regarding", "about", "like", "including", "than", "of", "for", "among", "by", "to", "in", "under", "over", "despite", "as", "via", "behind")
	passiveAux  = set("was", "were", "been", "being", "is", "are", "be", "got", "get")
	pronouns    = set("it", "its", "they", "their", "them", "he", "his", "she", "her")
)

// nounRules are the types whose event nouns may be generic ("attacks",
// "talks"); a threat's "consequences" is the threat whatever its form.
var nounRules = map[durand.EventType]bool{durand.Assault: true, durand.Fight: true, durand.Coerce: true, durand.Seize: true,
	durand.Protest: true, durand.Consult: true, durand.Agree: true, durand.Cooperate: true, durand.Aid: true, durand.Mobilize: true}

// family groups types that one incident's words mix: an attack reported
// with "killed" and "clashes" is one violent event.
func family(t durand.EventType) durand.EventType {
	if t == durand.Fight || t == durand.Assault {
		return durand.Assault
	}
	return t
}

// withTarget are the types whose "with" phrase names the other side:
// "talks with the TTP", "agreed with Kabul".
var withTarget = map[durand.EventType]bool{durand.Consult: true, durand.Agree: true, durand.Cooperate: true, durand.Fight: true, durand.Coerce: true}

func set(ws ...string) *wordSet {
	s := &wordSet{}
	for _, w := range ws {
		b := sketch(w)
		if s.bloom[b>>6]&(1<<(b&63)) == 0 {
			s.bloom[b>>6] |= 1 << (b & 63)
			s.at[b] = uint8(len(s.words))
			s.words = append(s.words, nil)
		}
		s.words[s.at[b]] = append(s.words[s.at[b]], w)
	}
	return s
}

// wordSet is a set of words. Most words a sentence offers are in no set,
// so a lookup first tests a sketch of the word (its length, first and last
// byte) against a bit mask, and most misses end there; a hit compares the
// word with the set's few words of that sketch, which is cheaper than
// hashing it.
type wordSet struct {
	bloom [4]uint64  // bit b%64 of bloom[b/64]: a word whose sketch is b
	at    [256]uint8 // the words of sketch b are words[at[b]]
	words [][]string
}

// sketch mixes a word's length, first and last byte into 0..255.
func sketch(w string) uint32 {
	h := uint32(len(w)) | uint32(w[0])<<8 | uint32(w[len(w)-1])<<16
	return (h * 0x9E3779B1) >> 24
}

// list returns the set's words.
func (s *wordSet) list() []string {
	var out []string
	for _, ws := range s.words {
		out = append(out, ws...)
	}
	return out
}

func (s *wordSet) has(w string) bool {
	if w == "" {
		return false
	}
	b := sketch(w)
	if s.bloom[b>>6]&(1<<(b&63)) == 0 {
		return false
	}
	for _, x := range s.words[s.at[b]] {
		if x == w {
			return true
		}
	}
	return false
}

// trig is a trigger of a clause as the clause reads it.
type trig struct {
	m       *durand.Mention
	passive bool
	noun    bool
	mod     durand.Modality
	// accuser is the accusing verb's token when the trigger is what an
	// accusation alleges ("accuses India of killing"), else -1.
	accuser int
}

// accuseVerbs accuse someone "of" what they did.
var accuseVerbs = set("accuse", "accuses", "accused", "accusing", "blame", "blames", "blamed", "blaming")

// accusedAt returns the accusing verb of an "of" at token of, with the
// accused between ("accuses India of", "accused the TTP of"), or -1.
// "Suspected of", "convicted of" and "accused of" with no one between (a
// suspect's charge) are no accusation a party makes.
func accusedAt(c clause, toks []durand.Token, of int) int {
	for k := of - 1; k > c.from && k >= of-5; k-- {
		if accuseVerbs.has(toks[k].Norm) {
			if k+1 == of {
				return -1
			}
			return k
		}
	}
	return -1
}

// alleged makes d the claim of the accuser of the verb at token acc: the
// party named before it claims the violence the accused are its source of.
func (a *Assembler) alleged(st *state, c clause, d *draft, acc int) {
	accuser := lastParty(c.ms, acc)
	d.ev.Modality = durand.Claimed
	if accuser == nil {
		return
	}
	if d.srcM == accuser {
		d.srcM = nil // the accuser is no party to what it alleges
	}
	a.claimedBy(st, d, accuser)
	a.evidence(st, d, "claim", accuser.Span)
}

// clause builds the event drafts of one clause.
func (a *Assembler) clause(st *state, s durand.Sentence, c clause, quoted []bool) []*draft {
	toks := s.Tokens
	tokAt := func(i int) string {
		if i >= 0 && i < len(toks) {
			return toks[i].Norm
		}
		return ""
	}
	// Most clauses have no trigger and report nothing: leave before
	// reading their words.
	hasTrigger := false
	for k := range c.ms {
		if c.ms[k].Kind == durand.TriggerMention {
			hasTrigger = true
			break
		}
	}
	if !hasTrigger {
		return nil
	}
	// Habitual or generic clauses report no single event.
	for i := c.from; i < c.to; i++ {
		if habitual.has(toks[i].Norm) || (toks[i].Norm == "again" && tokAt(i+1) == "and" && tokAt(i+2) == "again") {
			return nil
		}
		if (toks[i].Norm == "has" || toks[i].Norm == "have") && tokAt(i+1) == "been" && len(tokAt(i+2)) > 4 && tokAt(i + 2)[len(tokAt(i+2))-3:] == "ing" {
			return nil
		}
	}

	trigs, others := st.trigs[:0], st.others[:0] // asserted triggers; the rest
	refs := st.refs[:0]                          // definite event nouns: "the attack"
	weapon := ""                                 // the mode of a weapon the clause's attack used ("attacked with mortars")
	plan := -2                                   // where "is being planned" stands, or -1; -2 until asked
	for k := range c.ms {
		m := &c.ms[k]
		if m.Kind != durand.TriggerMention {
			continue
		}
		td := m.Trigger
		i := m.Tok[0]
		if insideActor(c.ms, m) {
			continue
		}
		if quoted[i] && td.Type != durand.Threaten {
			continue // reported words are not the reporter's events
		}
		prev := tokAt(i - 1)
		det := detBefore(toks, i, c.ms)
		// Nouns: a definite one refers back; a bare plural or an
		// unanchored indefinite one is generic.
		noun := td.Nominal || det != "" || (isPluralVerbForm(toks, i, m.Tok[1]) && !subjectBefore(c, toks, i) && !coordinatedVerb(c, toks, i, m.Tok[1]))
		if td.Harm != durand.NoHarm && td.Type == durand.Assault {
			if attributive(c, toks, i, m.Tok[1]) {
				continue // "the deceased journalist": people already dead, no new harm
			}
			if !td.Nominal {
				noun = false // "killed", "dead", "wounded" report harm in any form
			}
			if td.Harm == durand.Killed && prev == "to" && sentencedBefore(c, i) {
				continue // "sentenced two men to death": a court's verdict, no one killed
			}
		}
		if td.RefOnly {
			if definite.has(det) {
				refs = append(refs, *m)
			}
			continue
		}
		if participleModifier(c, toks, m) {
			continue // "targeted killings", "failed attack": the noun after it is the event
		}
		if det != "" && toks[i].Norm == "storm" && m.Tok[1] == i+1 {
			continue // "a storm destroyed crops": the weather, not storming a building
		}
		if eventModifier(c, toks, m) {
			continue // "the school attack mastermind", "bombing suspect": a person, no new event
		}
		if noun && oneOfMany(toks, i) {
			continue // "one of three related attacks": the set, not a new event
		}
		if noun && td.Mode != "" && td.Type == durand.Assault && (prev == "with" || prev == "using") {
			weapon = td.Mode // not an event of its own: how the attack was made
			continue
		}
		if noun && nounRules[td.Type] {
			if definite.has(det) || (det == "'s" && td.Type.Violent()) {
				refs = append(refs, *m)
				continue
			}
			last := toks[m.Tok[1]-1].Norm
			plural := len(last) > 3 && last[len(last)-1] == 's' && last != "talks" && last != "clashes" && last != "negotiations"
			// A claimed attack happened: "the TTP claimed responsibility
			// for the Karachi killings", "claims deadly suicide attack".
			if !claimedNoun(toks, c.from, i) {
				// A plural noun in an opening clause is the one event
				// the main clause followed: "Hours after Pakistani
				// airstrikes in Khost, …".
				if plural && !hasPointAnchor(c, st) && !c.opens {
					continue
				}
				if !hasAnchor(c, st) {
					continue
				}
			}
		}
		// Gerund complements ("suspected of killing") and infinitives
		// under an intention ("wanted to strike") are not events. An
		// accusation of violence ("Pakistan accuses India of killing a
		// child") reports it as its accuser's claim.
		accuser := -1
		if prev == "of" && len(tokAt(i)) > 4 && tokAt(i)[len(tokAt(i))-3:] == "ing" {
			if accuser = accusedAt(c, toks, i-1); accuser < 0 || !td.Type.Violent() || negated(toks, c.from, accuser) {
				continue
			}
		}
		if prev == "to" && i >= 2 && (intentions.has(tokAt(i-2)) || intentions.has(tokAt(i-3))) {
			continue
		}
		if purpose(toks, i) {
			continue
		}
		if td.Type == durand.Assault && policies.has(prev) && strings.HasPrefix(toks[i].Norm, "target") {
			continue // "measures targeting Pakistan", "sanctions targeted at": no force used
		}
		if td.Type.Violent() && disasters.has(prev) {
			continue // "an earthquake strikes Jalalabad", "floods hit Swat"
		}
		if accidentBlast(c, toks, m) {
			continue // "an explosion at a coal mine": gas, no attack
		}
		mod := durand.Asserted
		switch {
		case negated(toks, c.from, i):
			mod = durand.Negated
		case conditional(toks, c.from, i):
			mod = durand.Hypothetical
		case planned(c, toks, m, &plan):
			mod = durand.Future
		default:
			mod = modal(toks, 0, i, td.Type)
		}
		if mod != durand.Asserted && !a.unasserted {
			continue // not an event that happened, and not asked for
		}
		passive := passiveAux.has(prev) || (passiveAux.has(tokAt(i-2)) && len(prev) > 2 && prev[len(prev)-2:] == "ly")
		if strings.HasSuffix(toks[m.Tok[1]-1].Norm, "ing") {
			passive = false // "is acting", "were attacking": progressive
		}
		// A casualty participle with no object is a reduced passive,
		// as headlines write: "Eight militants killed as …".
		if w := toks[m.Tok[1]-1].Norm; td.Harm != durand.NoHarm && strings.HasSuffix(w, "ed") && (m.Tok[1] >= len(toks) || !directObject(c, toks, m.Tok[1])) {
			passive = true
		}
		// "Top commander dead in South Waziristan", "two soldiers
		// died": the one named before is the victim, as in a passive.
		if intransitive(td) {
			passive = true
		}
		if td.OnPeople && !peopleArgument(c, toks, m, passive) {
			continue // "eliminate poverty", "eliminated from the tournament"
		}
		if td.Type == durand.Retreat && !passive && releasesThing(c, toks, m.Tok[1]) {
			continue // "released water", "released a statement": no one freed, nothing withdrawn from
		}
		if td.TotalOnly && tollCount(c, toks, m) == nil {
			continue // "a heavy toll on civilians", "the motorway toll"
		}
		if mod != durand.Asserted {
			others = append(others, trig{m, passive, noun, mod, accuser})
			continue
		}
		trigs = append(trigs, trig{m, passive, noun, mod, accuser})
	}
	if slices.ContainsFunc(trigs, func(t trig) bool { return t.m.Trigger.Mode == "disrupt" }) &&
		!slices.ContainsFunc(trigs, func(t trig) bool { return t.m.Trigger.Harm != durand.NoHarm }) {
		// "An explosive device was discovered and defused by security
		// forces": the weapon foiled is what the disruption acts on, no
		// attack of its own (unless the clause tells of harm: "Car bomb
		// blast kills 4, another defused").
		trigs = slices.DeleteFunc(trigs, func(t trig) bool {
			return t.noun && t.m.Trigger.Type == durand.Assault && t.m.Trigger.Harm == durand.NoHarm && t.m.Trigger.Mode != "disrupt"
		})
	}
	st.trigs, st.others, st.refs = trigs[:0], others[:0], refs[:0] // the arrays, for the next clause
	// A clause that only counts casualties "in the blast" or "in the
	// attack" completes the event it refers to.
	onlyHarm := len(trigs) > 0
	harm, violence := false, false // words of harm; of violence without harm
	for _, t := range trigs {
		if t.m.Trigger.Harm == durand.NoHarm {
			onlyHarm = false
			violence = violence || t.m.Trigger.Type.Violent()
		} else {
			harm = true
		}
	}
	// (The dead of the sentence after one that named an accident, with no
	// armed actor named: "Twelve miners went missing in an explosion at a
	// coal mine. Three were found dead.")
	if harm && !violence && len(refs) == 0 && (naturalCause(toks, c) || s.Index > 0 && !armedIn(c) && namesAccident(st.prev)) {
		if onlyHarm {
			return nil // no violence
		}
		// The clause's other events stand ("58 people are rescued"); its
		// dead are no violence.
		trigs = slices.DeleteFunc(trigs, func(t trig) bool { return t.m.Trigger.Harm != durand.NoHarm })
	}
	if onlyHarm && len(refs) > 0 {
		if a.refer(st, s, c, refs, quoted, true) {
			return nil
		}
		// No earlier event near, and the clause dates it to a day or
		// week or counts its dead, or none in the report at all:
		// "killed in yesterday's Pakistani airstrikes" names this one's
		// weapon and perpetrator.
		if hasPointAnchor(c, st) || st.families[family(refs[0].Trigger.Type)] == 0 {
			trigs, refs = ownEvents(c, refs, trigs), refs[:0]
		}
	}
	// "In addition, at least 13 soldiers were abducted": casualties
	// added to the incident just reported, not an incident of their own;
	// "The death toll rose to 45": its new total.
	if onlyHarm && len(refs) == 0 && (addsToPrevious(toks, c) || tollCount(c, toks, trigs[0].m) != nil) {
		if a.refer(st, s, c, []durand.Mention{*trigs[0].m}, quoted, true) {
			return nil
		}
	}
	if len(trigs) == 0 {
		if len(refs) == 0 || a.refer(st, s, c, refs, quoted, true) || !c.tellsEarlier(toks) || !hasAnchor(c, st) {
			return a.unassertedDrafts(st, s, c, others, quoted)
		}
		// "After the suicide bombing in Quetta on Monday, …", "…, after
		// the attack on tourists in Kashmir yesterday": an event the text
		// has not told of yet, placed or dated where it is named.
		trigs = ownEvents(c, refs, trigs)
	}
	// One event per type family in the clause: violent triggers together,
	// other types each on their own.
	drafts := st.clauseDrafts[:0]
	fams := st.fams[:0] // drafts[k] holds family fams[k]
	for _, t := range trigs {
		td := t.m.Trigger
		f := family(td.Type)
		var d *draft
		for k, g := range fams {
			if g == f {
				d = drafts[k]
			}
		}
		if d == nil {
			d = st.newDraft(t)
			fams = append(fams, f)
			drafts = append(drafts, d)
		}
		// The most informative trigger names the event: a mode beats
		// none, an attack beats a bare casualty word.
		cur := d.trig.Trigger
		if (cur.Harm != durand.NoHarm && td.Harm == durand.NoHarm) || (d.ev.Mode == "" && td.Mode != "") {
			if td.Harm == durand.NoHarm {
				d.trig = t.m
			}
			if td.Mode != "" && (d.ev.Mode == "" || cur.Harm != durand.NoHarm) {
				d.ev.Mode = td.Mode
			}
			if td.Type == durand.Fight || d.ev.Type != durand.Fight {
				d.ev.Type = td.Type
			}
		}
		a.evidence(st, d, "trigger", t.m.Span)
		d.mutual = d.mutual || mutualObject(c, toks, t.m.Tok[1])
		// Kidnapping a named person is no targeted killing.
		if f == durand.Assault && !t.passive && td.Mode != "abduct" && targetsPerson(st.doc.Text, c, toks, t.m.Tok[1]) {
			d.targeted = true
		}
		if td.Harm != durand.NoHarm {
			a.harm(st, s, c, d, t.m, t.passive)
		}
		if d.srcM == nil || d.tgtM == nil {
			a.arguments(st, s, c, d, t.m, t.passive, t.noun, quoted)
		}
		if t.accuser >= 0 {
			a.alleged(st, c, d, t.accuser)
		}
	}
	drafts = diedProtesting(toks, drafts)
	for _, d := range drafts {
		if d.ev.Type == durand.Assault && d.ev.Mode == "" && weapon != "" {
			d.ev.Mode = weapon
		}
		d.places = a.places(st, s, c, d)
		// A shooting or stabbing of a named or prominent person is a
		// targeted killing, PLOVER's "assassinate" mode (CAMEO 186); a
		// bombing keeps its weapon, which the ACLED type depends on.
		if d.targeted && d.ev.Type == durand.Assault {
			d.ev.Targeted = true
			if d.ev.Mode == "" || d.ev.Mode == "firearms" || d.ev.Mode == "primitive" {
				d.ev.Mode = "assassinate"
			}
		}
	}
	if len(refs) > 0 {
		// The clause's own events took its counts: the event referred
		// to must not get them a second time.
		a.refer(st, s, c, refs, quoted, false)
	}
	drafts = append(drafts, a.unassertedDrafts(st, s, c, others, quoted)...)
	st.clauseDrafts, st.fams = drafts[:0], fams[:0]
	return drafts // the caller reads them before the next clause
}

// diedProtesting folds the dead of a clause whose only violent words
// count them into the protest they died in: "eight people are killed in
// violent protests in Muzaffarabad", "two killed during riots" report a
// violent demonstration (ACLED's riots), not an attack on civilians by no
// one.
func diedProtesting(toks []durand.Token, drafts []*draft) []*draft {
	var dead, protest *draft
	for _, d := range drafts {
		switch {
		case d.ev.Type.Violent() && d.trig.Trigger.Harm != durand.NoHarm && d.ev.Mode == "":
			dead = d
		case d.ev.Type == durand.Protest && (d.trig.Trigger.Nominal || d.ev.Mode == "riot"):
			protest = d
		}
	}
	if dead == nil || protest == nil || protest.trig.Tok[0] < dead.trig.Tok[1] || protest.trig.Tok[0]-dead.trig.Tok[1] > 3 {
		return drafts
	}
	if k := dead.trig.Tok[1]; toks[k].Norm != "in" && toks[k].Norm != "during" {
		return drafts
	}
	dead.ev.Type, dead.ev.Mode, dead.ev.Contexts = durand.Protest, "riot", protest.ev.Contexts
	dead.ev.Evidence = append(dead.ev.Evidence, protest.ev.Evidence...)
	return slices.DeleteFunc(drafts, func(d *draft) bool { return d == protest })
}

// unassertedDrafts builds the drafts of the clause's negated, future and
// hypothetical statements ("Ethiopia will break relations with Libya"),
// one per type and modality, with their actors and places but no
// casualties: nothing happened to count.
func (a *Assembler) unassertedDrafts(st *state, s durand.Sentence, c clause, ts []trig, quoted []bool) []*draft {
	var out []*draft
	for _, t := range ts {
		td := t.m.Trigger
		var d *draft
		for _, o := range out {
			if family(o.ev.Type) == family(td.Type) && o.ev.Modality == t.mod {
				d = o
			}
		}
		if d == nil {
			d = st.newDraft(t)
			out = append(out, d)
		}
		a.evidence(st, d, "trigger", t.m.Span)
		if d.srcM == nil || d.tgtM == nil {
			a.arguments(st, s, c, d, t.m, t.passive, t.noun, quoted)
		}
	}
	for _, d := range out {
		d.places = a.places(st, s, c, d)
	}
	return out
}

// peopleArgument reports whether people stand as the object of trigger t,
// or as its subject when passive: an actor, an agent or a count within two
// words ("eliminated all four terrorists", "2 TTP militants were
// eliminated"). A state's name alone is not people ("Pakistan was
// eliminated").
func peopleArgument(c clause, toks []durand.Token, t *durand.Mention, passive bool) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind != durand.NumberMention && (m.Kind != durand.ActorMention || m.Actor == nil && m.Agent == nil) {
			continue
		}
		if passive && m.Tok[1] <= t.Tok[0] && t.Tok[0]-m.Tok[1] <= 2 || !passive && m.Tok[0] >= t.Tok[1] && m.Tok[0]-t.Tok[1] <= 2 {
			return true
		}
	}
	return false
}

// targetsPerson reports whether the object that follows a violent verb at
// token i is one specific person: a personal name ("opened fire on Haji
// Mohammad Zaher Haqyar", "killed Hafizullah, a judge"), a holder of an
// office or a public figure ("killed a tribal elder", "shot the former
// district governor", "a provincial council member"), also through the
// vehicle or house they were in ("opened fire on the vehicle of X").
func targetsPerson(text string, c clause, toks []durand.Token, i int) bool {
	// A device placed on its target: "an explosive device attached to
	// the vehicle of X", "a bomb planted outside the residence of X".
	if i+1 < c.to && placedOn.has(toks[i].Norm) && devicePreps.has(toks[i+1].Norm) {
		i += 2
	} else if i < c.to && (toks[i].Norm == "on" || toks[i].Norm == "at" || toks[i].Norm == "upon" || toks[i].Norm == "against" || toks[i].Norm == "targeting") {
		i++
	}
	// "the vehicle of", "the house of", "a military convoy transporting",
	// "a vehicle carrying"
	if k := i; k+2 < c.to {
		if singularDet.has(toks[k].Norm) {
			k++
		}
		for m := 0; m < 2 && k+1 < c.to && !personFrames.has(toks[k].Norm) && !toks[k].Upper && toks[k].IsWord(); m++ {
			k++ // a modifier: "a military convoy"
		}
		if k+1 < c.to && personFrames.has(toks[k].Norm) && (toks[k+1].Norm == "of" || toks[k+1].Norm == "transporting" || toks[k+1].Norm == "carrying") {
			i = k + 2
		}
	}
	// Several office holders: "opened fire on two judges", "killed the
	// tribal elders".
	if k := i; k < c.to {
		if singularDet.has(toks[k].Norm) || toks[k].Norm == "two" || toks[k].Norm == "three" || toks[k].Norm == "several" {
			k++
		}
		for m := 0; m < 2 && k+1 < c.to && !officeHolders.has(strings.TrimSuffix(toks[k].Norm, "s")) && toks[k].IsWord(); m++ {
			k++
		}
		if k < c.to && strings.HasSuffix(toks[k].Norm, "s") && officeHolders.has(strings.TrimSuffix(toks[k].Norm, "s")) {
			return true
		}
	}
	for _, np := range persons(text, c, toks, i) {
		first, last := toks[np[0]], toks[np[1]-1]
		if !singularDet.has(first.Norm) {
			// A personal name: two or more words, or one word followed by
			// an appositive ("Hafizullah, a judge").
			if np[1]-np[0] >= 2 && !orgWords.has(last.Norm) || np[1] < c.to && toks[np[1]].Norm == "," {
				return true
			}
			continue
		}
		if officeHolders.has(last.Norm) || last.Norm == "member" && np[1]-np[0] >= 3 && bodies.has(toks[np[1]-2].Norm) {
			return true
		}
		// "a civilian, Haji Asadullah", "a commander, identified as X".
		k := np[1]
		if k < c.to && toks[k].Norm == "," {
			k++
		}
		if k+1 < c.to && toks[k].Norm == "identified" && toks[k+1].Norm == "as" {
			k += 2
		}
		if k > np[1] && k+1 < c.to && toks[k].Upper && toks[k+1].Upper && toks[k].IsWord() && toks[k+1].IsWord() && !mentionAt(c.ms, k) && !mentionAt(c.ms, k+1) {
			return true
		}
	}
	return false
}

var (
	// placedOn and devicePreps: how a bomb is put on its target.
	placedOn    = set("attached", "planted", "placed", "fixed", "hidden", "fitted")
	devicePreps = set("to", "on", "under", "in", "inside", "outside", "near", "at", "beneath")
	// personFrames are what a person is attacked in or through.
	personFrames = set("vehicle", "car", "house", "home", "residence", "convoy", "motorcade", "office", "shop", "guesthouse")
	// officeHolders head noun phrases that name a public figure: the
	// victims of targeted killings in GTD's and ACLED's sense.
	officeHolders = set("elder", "judge", "prosecutor", "governor", "mayor", "chief", "commander", "head", "chairman", "chairperson", "chairwoman",
		"director", "official", "mp", "lawmaker", "legislator", "senator", "minister", "councillor", "councilor", "journalist", "reporter",
		"editor", "presenter", "anchor", "scholar", "cleric", "imam", "mullah", "maulana", "mawlawi", "leader", "spokesperson", "spokesman",
		"spokeswoman", "representative", "colonel", "general", "lawyer", "professor", "candidate", "politician", "envoy", "ambassador",
		"diplomat", "activist", "deputy", "superintendent", "administrator", "magistrate", "commissioner")
	// bodies make their "member" a public figure: "a provincial council
	// member".
	bodies = set("council", "assembly", "parliament", "senate", "jirga", "shura")
	// orgWords end the names of bodies and places, not of persons.
	orgWords = set("forces", "force", "police", "army", "council", "commission", "union", "network", "group", "party", "movement", "front",
		"brigade", "corps", "directorate", "ministry", "department", "office", "bank", "company", "university", "school", "hospital",
		"mosque", "road", "highway", "bazaar", "market", "station", "center", "centre", "camp", "base", "post", "checkpoint", "outpost",
		"village", "district", "province", "area", "city", "town", "agency", "authority", "institute", "academy", "court")
)

// detBefore returns the determiner of the noun phrase ending at toks[i]:
// it looks back over up to three modifiers ("the latest", "the Pakistani
// military", "its own"). "" means none.
func detBefore(toks []durand.Token, i int, ms []durand.Mention) string {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		w := toks[k].Norm
		for mi := range ms {
			m := &ms[mi]
			// A noun (an actor or place other than a bare nationality)
			// ends the noun phrase: "the air force bombed" is a verb.
			if k >= m.Tok[0] && k < m.Tok[1] && (m.Kind == durand.ActorMention && (m.Actor != nil || m.Agent != nil) || m.Kind == durand.PlaceMention && m.Nation == "" || m.Kind == durand.TriggerMention) {
				return ""
			}
			// A past tense after a state is its verb: "the evil awful
			// Gondor welcomed", where "the Pakistani attack" is a noun.
			if k == i-1 && m.Kind == durand.ActorMention && m.Tok[1] == i && (strings.HasSuffix(toks[i].Norm, "ed") || irregularPast.has(toks[i].Norm)) {
				return ""
			}
		}
		if determiners.has(w) && !modifierWord.has(w) {
			return w
		}
		if w == "," || w == "." || locatives.has(w) || passiveAux.has(w) || modals.has(w) || w == "and" || w == "to" {
			return ""
		}
	}
	return ""
}

// irregularPast are past tenses of event verbs that do not end in -ed.
var irregularPast = set("held", "met", "fought", "struck", "shot", "hit", "sent", "made", "took", "gave", "began", "broke", "led", "told", "won", "lost", "threw", "drove", "stole", "sought", "brought", "put", "cut", "set", "beat", "bought", "withdrew", "overran", "shut")

// modifierWord are determiners-like adjectives that do not close a noun
// phrase on the left ("the latest attack": look on to "the").
var modifierWord = set("latest", "recent", "deadly", "fresh", "new", "major", "single", "twin", "separate", "coordinated",
	"first", "second", "massive", "powerful", "suspected", "alleged", "fierce", "heavy", "similar", "own")

// isPluralVerbForm reports whether a one-word trigger ends in -s ("attacks",
// "strikes"): a plural noun or a third-person verb.
func isPluralVerbForm(toks []durand.Token, i, end int) bool {
	w := toks[end-1].Norm
	return end-i == 1 && len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's'
}

// coordinatedVerb reports whether the -s form at toks[i:end] is a verb
// after "and" taking an object that opens with an article or a count:
// "launches attacks … and seizes several posts", "and kills three"
// ("attacks and bombings" stays a noun).
func coordinatedVerb(c clause, toks []durand.Token, i, end int) bool {
	if i == c.from || toks[i-1].Norm != "and" || end >= c.to {
		return false
	}
	switch toks[end].Norm {
	case "a", "an", "the", "its", "their", "his", "her":
		return true
	}
	return c.covers(durand.NumberMention, end)
}

// nounPreps are the prepositions that govern a noun phrase and cannot
// open a clause ("after", "before" and "since" can).
var nounPreps = set("over", "in", "at", "on", "near", "from", "of", "for", "about", "against", "amid", "following", "during", "with", "by")

// subjectBefore reports whether an actor mention or a singular event noun
// ends right before token i, making an -s form a verb ("the Taliban
// attacks a post", "Blast hits Pakistan mosque").
func subjectBefore(c clause, toks []durand.Token, i int) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Tok[1] != i {
			continue
		}
		if m.Kind == durand.PlaceMention {
			// A place governed by a preposition modifies the noun:
			// "summons officials over Quetta attacks".
			return !nounPreps.has(wordBefore(toks, m.Tok[0]))
		}
		if m.Kind == durand.ActorMention {
			// So does an actor after "of": "warned of Taliban attacks"
			// (where "concerned over Taliban attacks on security
			// forces" tells of the Taliban attacking).
			return wordBefore(toks, m.Tok[0]) != "of"
		}
		if m.Kind == durand.TriggerMention && m.Trigger.Nominal && !strings.HasSuffix(toks[i-1].Norm, "s") {
			return true
		}
	}
	return false
}

// purpose reports whether the trigger is the aim of a purpose or
// prevention phrase ("in order to stop the attacks", "to prevent raids").
func purpose(toks []durand.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		switch toks[k].Norm {
		case "stop", "prevent", "avert", "deter", "avoid", "counter", "thwart", "foil", "end":
			return true
		case "order":
			if k+1 < len(toks) && toks[k+1].Norm == "to" {
				return true
			}
		case ",", ";":
			return false
		}
	}
	return false
}

// hasPointAnchor reports whether a clause dates an event to a day or week
// or counts its casualties: what a plural event noun needs to be one event.
func hasPointAnchor(c clause, st *state) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		switch m.Kind {
		case durand.NumberMention:
			return true
		case durand.DateMention:
			if d, ok := resolve(m.Date, st.doc.Published, durand.Date{}); ok && (d.Precision == durand.Day || d.Precision == durand.Week || d.Precision == durand.Month && !d.End.Equal(d.Start.AddDate(0, 1, -1))) {
				return true
			}
			if m.Date.EndMonth != 0 || m.Date.EndYear != 0 {
				return true
			}
		}
	}
	return false
}

// hasAnchor reports whether a clause pins an event noun down: a date, a
// place or a count of people.
func hasAnchor(c clause, st *state) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		switch m.Kind {
		case durand.DateMention, durand.NumberMention:
			return true
		case durand.PlaceMention:
			if m.Nation == "" || m.Tok[0] > 0 && m.Tok[0] > c.from && (locatives.has(st.tokens[m.Tok[0]-1].Norm) || st.tokens[m.Tok[0]-1].Norm == ",") {
				return true
			}
		}
	}
	return false
}

func negated(toks []durand.Token, from, i int) bool {
	for k := i - 1; k >= from && k >= i-4; k-- {
		if negations.has(toks[k].Norm) && (toks[k].Norm != "without" || k >= i-3) {
			return true // "without prior warning": the noun after it did not happen
		}
		if toks[k].Norm == "," {
			break
		}
	}
	return false
}

// planned reports whether an event noun names an event still being
// planned: "a planned attack", "attacks involving 34 vehicles are being
// planned", "a plotted bombing"; not "the attack was planned in
// Afghanistan": it happened. *plan is where the clause's "are being
// planned" stands, or -1, worked out at the first call (-2 before).
func planned(c clause, toks []durand.Token, m *durand.Mention, plan *int) bool {
	if i := m.Tok[0]; i > c.from && plannedWords.has(toks[i-1].Norm) {
		return true
	}
	if *plan == -2 {
		*plan = plannedAt(c, toks)
	}
	if *plan < m.Tok[1] || *plan > m.Tok[1]+12 {
		return false
	}
	for k := m.Tok[1]; k < *plan; k++ {
		if c.covers(durand.TriggerMention, k) {
			return false
		}
	}
	return true
}

// plannedAt returns where the clause says something "is" or "is being"
// planned or plotted, or -1.
func plannedAt(c clause, toks []durand.Token) int {
	for k := c.from + 1; k < c.to; k++ {
		if w := toks[k].Norm; w != "" && w[0] == 'p' && plannedWords.has(w) {
			if a := toks[k-1].Norm; a == "is" || a == "are" || a == "being" || a == "be" {
				return k
			}
		}
	}
	return -1
}

var plannedWords = set("planned", "plotted", "planning", "plotting")

// modal returns the modality a modal verb governing the trigger gives it:
// Future for "will", "shall", "is going to"; Hypothetical for the rest
// ("could", "may", "should", "has to"); Asserted when none governs it.
// Threats are exempt: "such incidents can have bad consequences" is the
// threat itself.
func modal(toks []durand.Token, from, i int, t durand.EventType) durand.Modality {
	if t == durand.Threaten {
		return durand.Asserted
	}
	for k := i - 1; k >= from && k >= i-12; k-- {
		w := toks[k].Norm
		if !modalCues.has(w) {
			continue // most words: one lookup, not one per rule below
		}
		if w == ";" || w == "but" || w == "." || clauseStarts.has(w) {
			return durand.Asserted // "demanded action after militants killed 12": the killing happened
		}
		if k < i-5 && w == "," {
			return durand.Asserted
		}
		// What is demanded, urged or called for, as its object, has not
		// happened: "demanded the release of its soldiers", "calls for an
		// immediate ceasefire" (not "demands a probe into the strike").
		if (requests.has(w) && t != durand.Request || w == "for" && k > 0 && appeals.has(toks[k-1].Norm)) && objectAt(toks, k+1, i) {
			return durand.Hypothetical
		}
		if w == "will" || w == "shall" || w == "'ll" || w == "to" && k > 0 && toks[k-1].Norm == "going" {
			return durand.Future
		}
		if modals.has(w) || (w == "to" && k > 0 && (toks[k-1].Norm == "has" || toks[k-1].Norm == "have")) {
			return durand.Hypothetical
		}
		if w == "twice" && k > 0 && toks[k-1].Norm == "think" {
			return durand.Hypothetical
		}
	}
	return durand.Asserted
}

var (
	clauseStarts = set("after", "when", "since", "because", "while", "whereas", "although")
	requests     = set("demanded", "demands", "demand", "demanding", "urged", "urges", "urge", "urging", "sought", "seeks", "seek")
	appeals      = set("calls", "called", "call", "calling", "appealed", "appeals", "appeal", "pressed", "presses", "pushed", "pushes")
	// modalCues are all the words modal's rules look at.
	modalCues = set(append(append(append([]string{";", "but", ".", ",", "for", "will", "shall", "'ll", "to", "twice"},
		clauseStarts.list()...), requests.list()...), modals.list()...)...)
)

// objectAt reports whether the noun at i heads the object that begins at
// from: no more than two modifiers between, and no preposition.
func objectAt(toks []durand.Token, from, i int) bool {
	if i-from > 3 {
		return false
	}
	for k := from; k < i; k++ {
		if w := toks[k].Norm; !toks[k].IsWord() || nonArgPreps.has(w) || locatives.has(w) || w == "into" || w == "against" {
			return false
		}
	}
	return true
}

func conditional(toks []durand.Token, from, i int) bool {
	for k := from; k < i; k++ {
		if toks[k].Norm == "if" || toks[k].Norm == "unless" || toks[k].Norm == "whether" {
			return true
		}
	}
	return false
}

// arguments attaches source and target by position: in the active voice
// the nearest actor before the trigger is the source and the first after
// it the target; in the passive, the actor before is the target and a "by"
// phrase gives the source.
//
// An event noun ("an attack by Osgiliath soldiers") takes its source from
// its "by" phrase, never from the subject of another verb ("Gondor
// condemned an attack"); and a verb of criticism whose object is such a
// noun targets its perpetrator ("condemned the attack by the TTP").
func (a *Assembler) arguments(st *state, s durand.Sentence, c clause, d *draft, t *durand.Mention, passive, noun bool, quoted []bool) {
	toks := s.Tokens
	before, after := (*durand.Mention)(nil), (*durand.Mention)(nil)
	var byAgent, attributive *durand.Mention
	// A participle after a comma ("…, killing three soldiers") or a verb
	// after "and" shares the subject of the verb before it: the object of
	// a violent verb is its victim, not the second verb's agent ("A
	// roadside bomb hit a military convoy, killing three soldiers", "A
	// bomb killed two soldiers and wounded three").
	sharesSubject := t.Tok[0] > c.from && (toks[t.Tok[0]-1].Norm == "," && strings.HasSuffix(toks[t.Tok[0]].Norm, "ing") || toks[t.Tok[0]-1].Norm == "and" && !noun)
	// "The district fell to the Taliban": what falls is taken, by whom
	// it falls to; "recaptured Kunduz from the Taliban" takes it from
	// them.
	// A verb after "and" shares the subject of the clause's first
	// event: "the Afghan forces launched attacks on border posts of
	// Pakistan and seized several posts" (Pakistan seized nothing).
	// An event noun in an opening phrase is not that verb ("Following
	// Pakistani airstrikes …, the Afghan forces launched attacks … and
	// seized several posts"): the first verb is, when there is one.
	firstEvent := -1
	if t.Tok[0] > c.from && toks[t.Tok[0]-1].Norm == "and" && !noun {
		for k := range c.ms {
			if m := &c.ms[k]; m.Kind == durand.TriggerMention && m.Tok[1] < t.Tok[0]-1 && (firstEvent < 0 || !m.Trigger.Nominal) {
				firstEvent = m.Tok[0]
				if !m.Trigger.Nominal {
					break
				}
			}
		}
	}
	// The objects of the verb before a shared-subject participle are not
	// its subject: "The court requests arrest warrants against Taliban
	// leaders, accusing them of crimes" (the court accuses).
	objectsFrom := -1
	if sharesSubject {
		objectsFrom = objectsOfVerbBefore(c, t.Tok[0])
	}
	seize := t.Trigger.Type == durand.Seize
	fallsTo := seize && toks[t.Tok[1]-1].Norm == "to"
	for k := range c.ms {
		m := &c.ms[k]
		if !a.isActor(m, toks, c.ms) || (quoted[m.Tok[0]] && t.Trigger.Type != durand.Threaten) {
			continue
		}
		p := wordBefore(toks, m.Tok[0])
		if p == "(" && m.Tok[1] <= t.Tok[0] {
			// "attached to an Afghan National Army (ANA) vehicle
			// detonated": a gloss in brackets stands where the name it
			// glosses does, no subject after a preposition.
			for mi := range c.ms {
				x := &c.ms[mi]
				if x.Tok[1] == m.Tok[0]-1 && x.Kind == durand.ActorMention {
					p = wordBefore(toks, x.Tok[0])
				}
			}
		}
		if c.from > 0 && clauseOpener(toks, c.from, m.Tok[0]) {
			p = "" // "as the Taliban clashed": "as" opens the clause, it is no preposition
		}
		if p == "of" && m.Agent != nil && quantityOf(c, toks, m.Tok[0]) {
			p = "" // "dozens of militants stormed": the militants are the subject
		}
		if m.Tok[1] <= t.Tok[0] {
			if sharesSubject && objectOfViolence(c, toks, m.Tok[0]) || firstEvent >= 0 && m.Tok[0] > firstEvent || objectsFrom >= 0 && m.Tok[0] >= objectsFrom {
				continue
			}
			// Civilians are victims of violence, not its perpetrators:
			// "one person is killed ... in a car bombing".
			civilian := m.Kind == durand.ActorMention && m.Actor == nil && m.Agent != nil && m.Agent.Code == "CIV"
			if !nonArgPreps.has(p) && !(civilian && family(t.Trigger.Type) == durand.Assault) {
				before = m
			} else if m.Tok[1] == t.Tok[0] && t.Trigger.Harm == durand.NoHarm && !strings.HasSuffix(toks[t.Tok[1]-1].Norm, "ed") && attacker(st, m, t.Trigger) {
				// "killed in Taliban attack", "killed in Pakistan army air
				// strikes": a phrase's armed group right before the event
				// noun is its agent.
				attributive = m
			}
		} else if m.Tok[0] >= t.Tok[1] {
			if m.Kind == durand.ActorMention && m.Agent != nil && m.Actor == nil && weaponAt(c.ms, m.Tok[0]) {
				continue // "fired two artillery shells at": a weapon, not whom it hit
			}
			if p == "by" && byAgent == nil && (passive || !subordinatePassive(toks, t.Tok[1], m.Tok[0])) {
				byAgent = m
				continue
			}
			if after == nil && m.Kind == durand.ActorMention && inBreakdown(c, toks, m.Tok[0]) {
				continue // "eight people are killed, including four attackers, …": among the dead
			}
			// "to" names the recipient of what is not force: "presented
			// credentials to", "handed over to", "appealed to".
			if after == nil && (!nonArgPreps.has(p) || p == "against" || p == "on" || (p == "with" && (withTarget[t.Trigger.Type] || !t.Trigger.Type.Violent())) || (p == "to" && !t.Trigger.Type.Violent()) ||
				p == "from" && seize || fallsTo && m.Tok[0]-t.Tok[1] <= 1) {
				after = m
			}
		}
	}
	if before != nil && qualifiedEvent(c, toks, before.Tok[1], t.Tok[0]) {
		// "Pakistan air base attack mastermind killed": the names before
		// an event word that qualifies a person qualify the event; the
		// person is the subject.
		before = nil
	}
	// A pronoun subject refers to the sentence's first actor: "the
	// Taliban condemned …, but also responded with its own attack".
	if before == nil {
		for k := c.from; k < t.Tok[0]; k++ {
			if pronouns.has(toks[k].Norm) {
				before = a.firstActor(st, s)
				break
			}
			if toks[k].Norm == "group" && k > 0 && toks[k-1].Norm == "the" && st.lastGroup != nil {
				before = st.lastGroup
				break
			}
		}
	}
	if isToll(toks, t) {
		before = nil // "Health official raises death toll to 33": who tells the toll did not kill
	}
	src, tgt := before, after
	switch {
	case fallsTo:
		src, tgt = after, before
	case passive:
		src, tgt = byAgent, before
		if tgt == nil {
			tgt = after
		}
	case noun:
		if before != nil && (verbBetween(c, before.Tok[1], t.Tok[0]) || causeBetween(toks, before.Tok[1], t.Tok[0])) {
			src = nil
		}
		if byAgent != nil {
			src = byAgent
		}
	case byAgent != nil && t.Tok[1] < c.to && toks[t.Tok[1]].Norm == "of" && (strings.HasSuffix(toks[t.Tok[1]-1].Norm, "ing") || detBefore(toks, t.Tok[0], c.ms) != ""):
		// "the killing of two engineers in Kohat by the TTP": the agent
		// of an event noun whose object follows "of".
		src, tgt = byAgent, after
		if after != nil && after.Tok[0] > byAgent.Tok[0] {
			tgt = nil // "… by the Balochistan Liberation Army (BLA)": the agent's gloss
		}
	case byAgent != nil && byAgent.Tok[0]-t.Tok[1] <= 2 && wordBefore(toks, byAgent.Tok[0]) == "by":
		// "an attack by the TTP", "prison attack by Pakistan Taleban":
		// the agent right after the event is its source.
		src = byAgent
		if before != nil && verbBetween(c, before.Tok[1], t.Tok[0]) || !strings.HasSuffix(toks[t.Tok[1]-1].Norm, "ed") {
			tgt = after
		} else {
			tgt = before // "soldiers attacked by militants"
		}
	case byAgent != nil && criticism[t.Trigger.Type] && nounBetween(c, toks, t.Tok[1], byAgent.Tok[0]) && (after == nil || after.Tok[0] > byAgent.Tok[0]):
		tgt = byAgent
	}
	if before != nil && !passive && undergoes(toks, before.Tok[1], t.Tok[0]) {
		// "Former minister escapes suicide attack", "convoy came under
		// attack": the subject is the one attacked.
		src, tgt = byAgent, before
	}
	if attributive != nil && !passive && byAgent == nil {
		src = attributive // the target stays the one after the noun
	}
	if src != nil && src == d.tgtM && d.victims {
		// The dead are not their own attackers; in a fight the other
		// party is ("12 police killed in fight with Taliban").
		src = nil
		if tgt != nil && tgt != d.tgtM && t.Trigger.Type == durand.Fight {
			src = tgt
		}
	}
	if d.srcM == nil && src != nil {
		d.srcM = src
		d.srcCo = a.conjoined(c, toks, src)
	}
	if d.victims && tgt != nil && tgt == after && (wordBefore(toks, tgt.Tok[0]) == "on" || wordBefore(toks, tgt.Tok[0]) == "against" ||
		strings.HasPrefix(toks[t.Tok[0]].Norm, "target") && tgt.Tok[0]-t.Tok[1] <= 2 && headsPhrase(c, toks, tgt)) {
		// "an attack on a police station", "killed in an attack by
		// militants on a police station", "a bombing targeting a Frontier
		// Corps convoy": what was attacked.
		d.attacked = tgt
	}
	if d.tgtM == nil && tgt != nil && tgt != d.srcM {
		d.tgtM = tgt
		d.tgtCo = a.conjoined(c, toks, tgt)
		// "fighting between Pakistani and Afghan forces": the parties
		// act on each other.
		d.between = d.between || betweenParty(toks, tgt)
		d.mutual = d.mutual || d.between
	}
}

// subordinatePassive reports whether toks[from:to] opens a passive
// clause of its own ("detonated the vehicle after being identified and
// shot at by police officers"): a "by" after it names that clause's agent,
// not an active main verb's. (After a passive one it may name both: "freed
// after being detained by the Taliban".)
func subordinatePassive(toks []durand.Token, from, to int) bool {
	for k := from + 1; k < to; k++ {
		if toks[k].Norm == "being" {
			switch toks[k-1].Norm {
			case "after", "before", "while", "when", "despite":
				return true
			}
		}
	}
	return false
}

// undergoes reports whether toks[from:to], the words between a subject and
// an event noun, say the subject suffered the event: "escapes", "survived
// an", "came under", "repulsed a".
func undergoes(toks []durand.Token, from, to int) bool {
	if to-from > 3 {
		return false
	}
	for k := from; k < to; k++ {
		if undergoVerbs.has(toks[k].Norm) || toks[k].Norm == "under" && k > from && comeForms.has(toks[k-1].Norm) {
			return true
		}
	}
	return false
}

var (
	undergoVerbs = set("escape", "escapes", "escaped", "survive", "survives", "survived", "suffer", "suffers", "suffered",
		"repulse", "repulses", "repulsed", "repel", "repels", "repelled", "thwart", "thwarts", "thwarted")
	comeForms = set("come", "comes", "came", "coming")
)

// mentionSector is the sector of an actor mention's actor on day t, or of
// its agent; "" when it has neither.
func mentionSector(m *durand.Mention, t time.Time) string {
	switch {
	case m.Actor != nil:
		if r, ok := m.Actor.At(t); ok {
			return r.Sector
		}
	case m.Agent != nil:
		return m.Agent.Sector
	}
	return ""
}

// attacker reports whether actor m, right before an event noun, is the
// noun's agent: an armed non-state group or its people ("Taliban attack",
// "militant raid"), or a state's forces before a weapon only states use
// ("army air strikes", "US drone attack"). A state's police or soldiers
// before a plain "attack" may be its target ("Pakistan police attack"
// killed policemen).
func attacker(st *state, m *durand.Mention, td *durand.TriggerDef) bool {
	if m.Kind != durand.ActorMention {
		return false
	}
	if m.Actor == nil && m.Agent == nil && m.Nation != "" {
		// "Pakistani airstrikes": a state before a weapon only states use.
		return td.Mode == "aerial" || td.Mode == "drone"
	}
	switch sector := mentionSector(m, st.doc.Published); {
	case durand.ArmedGroupSector(sector):
		return true
	case sector == "military":
		return td.Mode == "aerial" || td.Mode == "drone" || td.Mode == "shelling"
	}
	return groupSomewhere(st, m)
}

// groupSomewhere reports whether an actor mention's name reads as an armed
// group where it fights ("Taliban attack" in Pakistan since 2021: the
// TTP's), whatever the actor is elsewhere.
func groupSomewhere(st *state, m *durand.Mention) bool {
	if m.Actor == nil {
		return false
	}
	name := actorName(m.Span.Text(st.doc.Text), m)
	for _, r := range m.Actor.Roles {
		if r.In == nil {
			continue
		}
		if got, ok := m.Actor.AtIn(st.doc.Published, r.In[0], name); ok && got.In != nil && durand.ArmedGroupSector(got.Sector) {
			return true
		}
	}
	return false
}

// addsToPrevious reports whether the clause opens its sentence with "In
// addition" or "Additionally": what it reports belongs to what came before.
func addsToPrevious(toks []durand.Token, c clause) bool {
	if c.from != 0 || len(toks) < 3 {
		return false
	}
	return toks[0].Norm == "in" && toks[1].Norm == "addition" && toks[2].Norm == "," || toks[0].Norm == "additionally" && toks[1].Norm == ","
}

// quantityOf reports whether the actor at token i follows "of" after a
// count or a collective noun: "dozens of militants", "a group of gunmen"
// (the caller asks it of people, not of a named group: "a splinter group
// of the Pakistani Taliban" is not the Taliban).
func quantityOf(c clause, toks []durand.Token, i int) bool {
	k := i - 1
	for k > c.from && toks[k].Norm != "of" {
		k--
	}
	if k <= c.from || toks[k].Norm != "of" {
		return false
	}
	return c.covers(durand.NumberMention, k-1) || groupNouns.has(toks[k-1].Norm)
}

var groupNouns = set("group", "groups", "band", "gang", "team", "squad", "unit", "convoy", "number", "hundreds", "thousands", "dozens", "scores")

// objectOfViolence reports whether the noun phrase at token i is the
// object of a violent verb before it, over up to two modifiers: "hit a
// military convoy", "attacked the police station".
func objectOfViolence(c clause, toks []durand.Token, i int) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind != durand.TriggerMention || !m.Trigger.Type.Violent() || m.Trigger.Nominal || m.Tok[1] > i || i-m.Tok[1] > 3 {
			continue
		}
		ok := true
		for k := m.Tok[1]; k < i; k++ {
			if c.covers(durand.NumberMention, k) {
				continue // "killed two soldiers": the count is the object's
			}
			if !toks[k].IsWord() || phraseEnds(c, toks, k) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// headsPhrase reports whether mention m ends its noun phrase, or is
// followed by what its people move or hold in: "a police patrol", "a
// Frontier Corps convoy on a highway", not "an army-operated school bus".
func headsPhrase(c clause, toks []durand.Token, m *durand.Mention) bool {
	j := m.Tok[1]
	return j >= c.to || !toks[j].IsWord() || nonArgPreps.has(toks[j].Norm) || locatives.has(toks[j].Norm) || forceMoves.has(toks[j].Norm) || siteNoun(toks[j].Norm)
}

// forceMoves are what an armed body moves in; siteNouns what it holds.
var forceMoves = set("convoy", "convoys", "vehicle", "vehicles", "patrol", "patrols", "van", "truck", "team", "unit", "office", "offices", "building")

// objectsOfVerbBefore returns where the objects of the nearest verb
// trigger before token i begin, when an actor stands before that verb as
// its subject; -1 otherwise.
func objectsOfVerbBefore(c clause, i int) int {
	verb := -1
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Tok[0] >= i {
			break
		}
		if m.Kind == durand.TriggerMention && !m.Trigger.Nominal && m.Tok[1] <= i {
			verb = mi
		}
	}
	if verb < 0 {
		return -1
	}
	for mi := range verb {
		if m := &c.ms[mi]; m.Kind == durand.ActorMention && m.Tok[1] <= c.ms[verb].Tok[0] {
			return c.ms[verb].Tok[1]
		}
	}
	return -1
}

// weaponAt reports whether a trigger naming a heavy weapon covers token
// k ("artillery", "mortars"), which the actor dictionary may also know as
// the unit that fires it.
func weaponAt(ms []durand.Mention, k int) bool {
	for mi := range ms {
		m := &ms[mi]
		if m.Kind == durand.TriggerMention && k >= m.Tok[0] && k < m.Tok[1] {
			switch m.Trigger.Mode {
			case "shelling", "heavy-weapons", "aerial":
				return true
			}
		}
	}
	return false
}

// conjoined returns the actors coordinated with m in the clause: those
// joined to it, directly or through each other, by nothing but commas,
// "and", "or", "nor" and articles ("Mordor, Rohan, Fornost and Bree";
// "between Gondor and Osgiliath").
func (a *Assembler) conjoined(c clause, toks []durand.Token, m *durand.Mention) []*durand.Mention {
	var actors []*durand.Mention
	at := -1
	for k := range c.ms {
		x := &c.ms[k]
		if a.isActor(x, toks, c.ms) {
			if x == m {
				at = len(actors)
			}
			actors = append(actors, x)
		}
	}
	if at < 0 {
		return nil
	}
	joined := func(l, r *durand.Mention) bool {
		if l.Tok[1] > r.Tok[0] {
			return false
		}
		conj, counted, mods := false, false, 0
		for k := l.Tok[1]; k < r.Tok[0]; k++ {
			switch w := toks[k].Norm; w {
			case "and", "or", "nor", ",":
				if mods > 0 {
					return false
				}
				conj = true
			case "the", "both", "either", "neither":
			default:
				if conj && c.covers(durand.NumberMention, k) {
					counted = true
					continue // "three soldiers and 19 insurgents"
				}
				// Up to two modifiers before the next name: "and the
				// evil awful Gondor" (not a preposition, not a trigger);
				// a capitalised one only after a count, right before
				// the name ("and 24 Baloch separatists").
				upper := toks[k].Upper && !(counted && k == r.Tok[0]-1 && c.kinds[k] == 0)
				if !conj || upper || !toks[k].IsWord() || nonArgPreps.has(w) || locatives.has(w) || c.covers(durand.TriggerMention, k) {
					return false
				}
				if mods++; mods > 2 {
					return false
				}
			}
		}
		return conj
	}
	var out []*durand.Mention
	for k := at; k > 0 && joined(actors[k-1], actors[k]); k-- {
		out = append(out, actors[k-1])
	}
	for k := at; k+1 < len(actors) && joined(actors[k], actors[k+1]); k++ {
		out = append(out, actors[k+1])
	}
	return out
}

// criticism types take an event as their object: its perpetrator is
// their target.
var criticism = map[durand.EventType]bool{durand.Accuse: true, durand.Reject: true, durand.Protest: true, durand.Threaten: true}

// verbBetween reports whether a trigger used as a verb lies in
// toks[from:to] of the clause.
func verbBetween(c clause, from, to int) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind == durand.TriggerMention && m.Tok[0] >= from && m.Tok[1] <= to && !m.Trigger.Nominal {
			return true
		}
	}
	return false
}

// causes are the prepositions that name what a statement or act was
// over: "summons officials over Quetta attacks" (the officials attacked
// no one).
var causes = set("over", "regarding", "amid")

// causeBetween reports whether toks[from:to] holds a preposition of
// cause.
func causeBetween(toks []durand.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if causes.has(toks[k].Norm) {
			return true
		}
	}
	return false
}

// nounBetween reports whether an event noun (a trigger after an article
// or possessive) lies in toks[from:to].
func nounBetween(c clause, toks []durand.Token, from, to int) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind == durand.TriggerMention && m.Tok[0] >= from && m.Tok[1] <= to && (m.Trigger.Nominal || detBefore(toks, m.Tok[0], c.ms) != "") {
			return true
		}
	}
	return false
}

// wordBefore returns the word that governs a noun phrase starting at
// toks[i]: the one before it, passing over articles and compass words
// ("by the", "in southern", "in the north-west of"… up to two words).
func wordBefore(toks []durand.Token, i int) string {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].Norm
		if !beforeName.has(w) {
			return w
		}
	}
	return ""
}

// insideActor reports whether the trigger m is a word of a longer actor
// name ("Four female aid workers were killed"): it names people, not an
// event.
func insideActor(ms []durand.Mention, m *durand.Mention) bool {
	for mi := range ms {
		a := &ms[mi]
		if a.Kind == durand.ActorMention && a.Tok[0] <= m.Tok[0] && a.Tok[1] >= m.Tok[1] && a.Tok[1]-a.Tok[0] > m.Tok[1]-m.Tok[0] {
			return true
		}
	}
	return false
}

// ofPhrase reports whether the noun phrase at toks[i] is the object of
// "of", over up to three words of its own, after a counted head: "three
// family members of the deceased journalist", "three of the five
// soldiers" count the three. A head with no count leaves the phrase its
// own: "the bodies of two soldiers", "a total of 12 people".
func ofPhrase(c clause, toks []durand.Token, i int) bool {
	of := -1
	for k := i - 1; k >= c.from && k >= i-4; k-- {
		if toks[k].Norm == "of" {
			of = k
			break
		}
		if !toks[k].IsWord() || phraseEnds(c, toks, k) || c.covers(durand.ActorMention, k) {
			return false
		}
	}
	if of < 0 {
		return false
	}
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind == durand.NumberMention && m.Tok[1] <= of && m.Tok[1] >= of-3 && toks[m.Tok[0]].Norm != "a" && toks[m.Tok[0]].Norm != "an" {
			for k := m.Tok[1]; k < of; k++ {
				if !toks[k].IsWord() || c.covers(durand.TriggerMention, k) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// clauseOpener reports whether the clause's first token, the word that
// opened it, is all that stands before token i but articles.
func clauseOpener(toks []durand.Token, from, i int) bool {
	for k := from + 1; k < i; k++ {
		if !articles.has(toks[k].Norm) && !unidentified.has(toks[k].Norm) {
			return false
		}
	}
	return from < i
}

var (
	articles = set("the", "a", "an")
	// unidentified are the words that say who is not known: "an attack
	// by unidentified militants" is still by militants.
	unidentified = set("unidentified", "unknown", "suspected", "alleged", "masked", "armed")
	compass      = set("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
		"northwest", "northeast", "southwest", "southeast", "north-west", "north-east", "south-west", "south-east",
		"northwestern", "northeastern", "southwestern", "southeastern", "north-western", "north-eastern", "south-western", "south-eastern")
	// beforeName are the words wordBefore passes over, in one set: it
	// runs for every actor of every clause.
	beforeName = set(append(append(articles.list(), compass.list()...), unidentified.list()...)...)
)

// isActor reports whether m can be an actor here: actor mentions always,
// a country or capital when it is not the object of a locative preposition.
//
// ms are the clause's mentions: a state after a comma is a place of an
// address ("Kabul, Afghanistan") unless the name before the comma is
// another state ("Pakistan, China and Afghanistan").
func (a *Assembler) isActor(m *durand.Mention, toks []durand.Token, ms []durand.Mention) bool {
	switch m.Kind {
	case durand.ActorMention:
		return true
	case durand.PlaceMention:
		if m.Nation == "" {
			return false
		}
		if betweenParty(toks, m) {
			return true // "a ceasefire between India and Pakistan": the parties
		}
		if inChain(toks, nil, m) {
			return false // "in southern Pakistan"
		}
		if locatives.has(wordBefore(toks, m.Tok[0])) {
			return false // "in Kabul", "in south Ithilen"
		}
		if m.Tok[0] > 1 && toks[m.Tok[0]-1].Norm == "," && (toks[m.Tok[0]-2].Upper || locWords.has(toks[m.Tok[0]-2].Norm)) && !otherStateEndsAt(ms, m.Tok[0]-1, m.Nation) {
			return false // "Karte-e-Naw neighborhood, Kabul, Afghanistan"
		}
		if beforePlaceNoun(toks, ms, m.Tok[1]) {
			// "Pakistan city", "Blast hits Pakistan mosque", "Pakistan
			// market blast", "Pakistan political rally": a country
			// before a place it holds locates.
			return false
		}
		// "Afghanistan's provinces": a possessive country locates.
		if m.Tok[1] < len(toks) && toks[m.Tok[1]].Norm == "'s" {
			return false
		}
		if beforeBombing(toks, ms, m.Tok[1]) {
			return false // "Pakistan blast kills 20": the blast was in Pakistan
		}
		return true
	}
	return false
}

// bombingModes are the ways of attacking that armed groups use and
// states do not as a rule, unlike air strikes, shelling or gunfire.
var bombingModes = set("explosives", "suicide", "grenade")

// beforeBombing reports whether the trigger at token k names a bombing
// as a noun ("blast", "bomb", "suicide attack", "bombing"): a country
// right before it locates the bombing ("Pakistan blast", "Afghanistan
// suicide bombing"). A state's forces before it stay its agent ("Pakistan
// army blast"), as does a country before "air strike" or "shelling".
//
// "Bombs" and "blasts" are verbs too: the noun is followed by no object,
// but by another event word, a count, a preposition or the clause's end
// ("Pakistan bombs militant hideouts" keeps its agent).
func beforeBombing(toks []durand.Token, ms []durand.Mention, k int) bool {
	for mi := range ms {
		t := &ms[mi]
		if t.Kind != durand.TriggerMention || t.Tok[0] != k {
			continue
		}
		if !bombingModes.has(t.Trigger.Mode) || !t.Trigger.Nominal && !strings.HasSuffix(t.Trigger.Phrase, "ing") {
			return false
		}
		j := t.Tok[1]
		if j >= len(toks) || !toks[j].IsWord() || nonArgPreps.has(toks[j].Norm) || locatives.has(toks[j].Norm) {
			return true
		}
		for ni := range ms {
			if n := &ms[ni]; n.Tok[0] == j && (n.Kind == durand.TriggerMention || n.Kind == durand.NumberMention) {
				return true
			}
		}
		return false
	}
	return false
}

// betweenParty reports whether mention m is one of two parties "between"
// names: "between India and Pakistan", "between Pakistan, India".
func betweenParty(toks []durand.Token, m *durand.Mention) bool {
	w := wordBefore(toks, m.Tok[0])
	return w == "between" || (w == "and" || w == ",") && m.Tok[0] > 2 && wordBefore(toks, m.Tok[0]-2) == "between"
}

// beforePlaceNoun reports whether a place noun follows token k, alone or
// after one or two lower-case words that no mention begins at ("political
// rally", "crowded vegetable market").
func beforePlaceNoun(toks []durand.Token, ms []durand.Mention, k int) bool {
	for j := k; j < len(toks) && j <= k+2; j++ {
		if placeNouns.has(toks[j].Norm) {
			return true
		}
		if toks[j].Upper || !toks[j].IsWord() || mentionAt(ms, j) {
			return false
		}
	}
	return false
}

// mentionAt reports whether a mention starts at token k.
func mentionAt(ms []durand.Mention, k int) bool {
	for mi := range ms {
		m := &ms[mi]
		if m.Tok[0] == k {
			return true
		}
	}
	return false
}

// headNouns follow a name of a body to name its people: "a security
// force member", "police officers".
var headNouns = set("member", "members", "officer", "officers", "official", "officials", "commander", "commanders", "chief", "guard", "guards", "personnel", "man", "men")

// listContinues reports whether toks[from:to] only join the items of a
// list of counts: connectors, and names or nouns of people.
func listContinues(c clause, toks []durand.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if listWords.has(toks[k].Norm) {
			continue
		}
		if !c.covers(durand.ActorMention, k) && !personNouns.has(toks[k].Norm) {
			return false
		}
	}
	return true
}

// harmFollows reports whether the count c.ms[k] is the subject of the
// casualty word right after it, with only a person noun or an auxiliary
// between: "three injured", "six others wounded", "three civilians were
// wounded".
func harmFollows(c clause, toks []durand.Token, k int) bool {
	end := c.ms[k].Tok[1]
	for mi := k + 1; mi < len(c.ms); mi++ {
		m := &c.ms[mi]
		if m.Kind == durand.ActorMention && m.Tok[0] == end && m.Tok[1]-m.Tok[0] <= 2 {
			end = m.Tok[1]
			continue
		}
		if m.Kind != durand.TriggerMention || m.Trigger.Harm == durand.NoHarm {
			break
		}
		for end < m.Tok[0] && (personNouns.has(toks[end].Norm) || passiveAux.has(toks[end].Norm) || toks[end].Norm == "also") {
			end++
		}
		return m.Tok[0] == end
	}
	return false
}

var (
	listWords   = set(",", "and", "including", "plus", "as", "well", "along", "with", "while", "among", "them", "other", "others")
	personNouns = set("people", "persons", "person", "others", "men", "women", "children", "members", "personnel", "passengers", "workers", "guards", "officers", "officials", "civilians", "soldiers", "policemen", "militants", "insurgents", "attackers", "assailants", "fighters", "terrorists", "troops")
)

// otherStateEndsAt reports whether a mention of a state other than nation
// ends at token end.
func otherStateEndsAt(ms []durand.Mention, end int, nation string) bool {
	for mi := range ms {
		x := &ms[mi]
		if x.Tok[1] == end && x.Nation != "" && x.Nation != nation {
			return true
		}
	}
	return false
}

// firstActor returns the first actor mention of the sentence, the usual
// antecedent of a pronoun in news prose.
func (a *Assembler) firstActor(st *state, s durand.Sentence) *durand.Mention {
	// The sentence's events are the last, in the order of their clauses.
	from := len(st.events)
	for from > 0 && st.events[from-1].sent == s.Index {
		from--
	}
	for _, d := range st.events[from:] {
		if d.srcM != nil {
			return d.srcM
		}
	}
	return nil
}

// harm reads the count of people a casualty trigger reports and adds it.
// Active: "killed seven soldiers", "wounded 17"; passive or adjectival:
// "three police officers were killed", "leaving 47 dead".
func (a *Assembler) harm(st *state, s durand.Sentence, c clause, d *draft, t *durand.Mention, passive bool) {
	td := t.Trigger
	forward := !passive && !intransitive(td)
	// The object of an event noun follows "of": "the killing of two
	// militants", "the murders of three journalists".
	obj := t.Tok[1]
	if obj+1 < c.to && s.Tokens[obj].Norm == "of" && (forward && (td.Nominal || strings.HasSuffix(s.Tokens[obj-1].Norm, "ing")) || ofNouns.has(s.Tokens[obj-1].Norm)) {
		obj++
		forward = true
	}
	// A participle with no object is a reduced passive, as headlines
	// write: "Two civilians killed, five injured".
	if forward && obj < len(s.Tokens) && !directObject(c, s.Tokens, obj) {
		forward = false
	}
	nums := st.nums[:0] // handed back at the end
	var victim *durand.Mention
	toll := tollCount(c, s.Tokens, t)
	if n := toll; n != nil {
		// "The death toll rose to 45", "raising the toll to 45": the
		// total so far.
		nums = append(nums, n)
		forward = false
		for k := range c.ms {
			if m := &c.ms[k]; m.Kind == durand.ActorMention && m.Tok[0] >= n.Tok[1] && m.Tok[0] <= n.Tok[1]+1 {
				victim = m // "raises death toll to 33 police trainees"
				break
			}
		}
	}
	if forward {
		// "killed seven soldiers and three civilians": the counts after the
		// trigger, up to the next trigger.
		for k := range c.ms {
			m := &c.ms[k]
			if m.Tok[0] < obj {
				continue
			}
			// The list may run on past ten words while its counts keep
			// coming: "the deaths of all 33 BLA militants, as well as 29
			// passengers, and 8 soldiers".
			limit := obj + 10
			if len(nums) > 0 {
				limit = max(limit, nums[len(nums)-1].Tok[1]+8)
			}
			if m.Kind == durand.TriggerMention || m.Tok[0] > limit || (len(nums) == 0 && m.Tok[0] > obj+3) {
				break
			}
			if m.Kind == durand.NumberMention && !inBreakdown(c, s.Tokens, m.Tok[0]) {
				// A later count belongs to the list only when nothing but
				// names and connectors come between: "killed seven soldiers
				// and three civilians", not "kill two, destroy 25 shops".
				if len(nums) > 0 && !listContinues(c, s.Tokens, nums[len(nums)-1].Tok[1], m.Tok[0]) {
					break
				}
				// A count right before another casualty word is that
				// word's: "kills one soldier, three injured".
				if len(nums) > 0 && harmFollows(c, s.Tokens, k) {
					break
				}
				nums = append(nums, m)
			}
			if m.Kind == durand.ActorMention && victim == nil && wordBefore(s.Tokens, m.Tok[0]) != "by" {
				victim = m // (not the agent: "the hijacking of a train … by the BLA")
			}
		}
	}
	if forward && len(nums) > 0 {
		// "kills policeman, two others": the one named before the
		// others is one more.
		if one := oneBeforeOthers(st.doc.Text, c, s.Tokens, obj, nums[0]); one != nil {
			nums = append(nums, one)
		}
	}
	if forward && len(nums) == 0 {
		// An object with no count is one person per noun phrase: "killed
		// a soldier", "shot the district governor", "killed Hafizullah, a
		// judge", "killed a policeman and a civilian".
		nps := persons(st.doc.Text, c, s.Tokens, obj)
		if np, ok := modifiedPerson(c, s.Tokens, obj); ok && len(nps) == 0 {
			nps = append(nps, np)
		}
		for _, np := range nps {
			sp := durand.Span{Start: s.Tokens[np[0]].Span.Start, End: s.Tokens[np[1]-1].Span.End}
			nums = append(nums, onePerson(sp, np))
		}
		if len(nps) > 0 {
			// "killed the district governor and three others"
			if n := othersAfter(c, s.Tokens, nps[len(nps)-1][1]); n != nil {
				nums = append(nums, n)
			}
		}
		if len(nums) == 0 && victim != nil && singular(s.Tokens, victim, c.ms) && !countedBy(c.ms, victim) {
			nums = append(nums, onePerson(victim.Span, victim.Tok))
		}
	}
	// (Who hijacks or kidnaps with an object of no count, "hijacked a
	// bus", is the subject: no victim stands before the verb.)
	if len(nums) == 0 && !(forward && (victim != nil || td.Mode == "abduct")) && toll == nil {
		// "three officers and one civilian were wounded", "leaving 47
		// dead": the counts before the trigger, back to the previous one.
		lo := backWindow(c, s.Tokens, t.Tok[0], 16)
		for k := len(c.ms) - 1; k >= 0; k-- {
			m := &c.ms[k]
			if m.Tok[0] >= t.Tok[0] {
				continue
			}
			if m.Tok[0] < lo {
				break
			}
			if m.Kind == durand.TriggerMention && (m.Trigger.Harm != durand.NoHarm || m.Tok[1] < t.Tok[0]-1 || eventModifier(c, s.Tokens, m)) {
				// (Before "the attack mastermind killed" the names
				// qualify the attack: the dead is the mastermind.)
				if insideActor(c.ms, m) {
					continue
				}
				break
			}
			if m.Kind == durand.ActorMention && victim == nil {
				victim = m
			}
			if inBreakdown(c, s.Tokens, m.Tok[0]) || beforeAmong(c, s.Tokens, m.Tok[1]) {
				continue // "three people, including two soldiers", "two officers among three": counted in the three
			}
			if m.Kind != durand.TriggerMention && ofPhrase(c, s.Tokens, m.Tok[0]) {
				continue // "three family members of the journalist": the three died
			}
			if m.Kind == durand.NumberMention {
				nums = append(nums, m)
			}
			if m.Kind == durand.ActorMention && singular(s.Tokens, m, c.ms) && !countedBy(c.ms, m) {
				nums = append(nums, onePerson(m.Span, m.Tok))
			}
		}
	}
	auxAt := auxBefore(s.Tokens, t.Tok[0])
	partner := harmPartner(c, s.Tokens, t) // "killed or wounded": one count for both words
	if passive && auxAt > 0 && (s.Tokens[auxAt].Norm == "were" || s.Tokens[auxAt].Norm == "are") {
		// "A doctor and two security guards were killed", "The police
		// chief and a bodyguard were killed": a plural verb after a list
		// of noun phrases counts each, one person for a singular one.
		if list, ok := subjectList(c, s.Tokens, auxAt, false); ok {
			nums = list
		}
		// The people a definite plural refers to, counted earlier:
		// "abducted two police officers … The police officers were shot
		// and killed".
		if len(nums) == 0 {
			if n := st.countedBefore(c, s.Tokens, auxAt); n != nil {
				nums = append(nums, n)
			}
		}
	}
	if auxAt < 0 && (passive || intransitive(td)) && !forward && headlineVerb(s.Tokens[t.Tok[1]-1].Norm) && partner == nil {
		end := t.Tok[0]
		if end > c.from+1 && strings.HasSuffix(s.Tokens[end-1].Norm, "ly") {
			end-- // "mastermind reportedly killed"
		}
		if list, ok := subjectList(c, s.Tokens, end, true); ok {
			nums = list
		}
	}
	// "The district chief was killed", "his wife was killed": a singular
	// passive with no count is one person, whoever the dictionaries know.
	if passive && len(nums) == 0 && auxAt >= 0 && (s.Tokens[auxAt].Norm == "was" || s.Tokens[auxAt].Norm == "is") {
		aux := s.Tokens[auxAt]
		sp := durand.Span{Start: aux.Span.Start, End: t.Span.End}
		nums = append(nums, onePerson(sp, [2]int{auxAt, t.Tok[1]}))
	}
	// "Bullet-riddled body found": one dead.
	if len(nums) == 0 && s.Tokens[t.Tok[0]].Norm == "body" {
		nums = append(nums, onePerson(t.Span, t.Tok))
	}
	if len(nums) == 0 && td.Harm == durand.Killed && d.ev.Abducted.Known() && afterAbduction(c, s.Tokens, t) {
		// "Three tribal leaders were abducted and killed": the people
		// abducted are the dead.
		d.ev.Fatalities = addCount(d.ev.Fatalities, d.ev.Abducted)
		for _, e := range d.ev.Evidence {
			if e.Field == "abducted" {
				a.evidence(st, d, "fatalities", durand.Span{Start: e.Start, End: e.End})
			}
		}
		st.nums = nums[:0]
		return
	}
	cnt := durand.NoCount
	for _, n := range nums {
		if counted(d, n.Span) {
			continue // "kill 48 militants, six civilians die": each count once
		}
		cnt = addCount(cnt, n.Number)
		a.evidence(st, d, fieldFor(td.Harm), n.Span)
	}

	// A toll given "across" several related incidents is shared among
	// them, as ACLED's and GTD's coders divide a combined total evenly:
	// this report's incident gets its share, the total stays the high.
	if n := acrossIncidents(st, s.Tokens); n > 1 {
		cnt = share(cnt, 0, n)
	}
	// "35 Indian troops killed, wounded", "20 people were killed or
	// injured": one count for both words is the casualties together, any
	// number of whom may have died. Neither count is known exactly: each
	// runs from none to all.
	harm := td.Harm
	if harm == durand.Injured && diedLater(s.Tokens, t.Tok[1], c.to) {
		harm = durand.Killed // "was severely injured and later succumbed to his injuries"
	}
	if partner != nil && cnt.Known() {
		both := durand.Count{Best: durand.Unknown, Low: 0, High: cnt.High} // "at least 20": no bound
		for _, n := range nums {
			a.evidence(st, d, fieldFor(partner.Trigger.Harm), n.Span)
		}
		d.ev.Fatalities = addCount(d.ev.Fatalities, both)
		d.ev.Injured = addCount(d.ev.Injured, both)
		harm = durand.NoHarm // counted for both
	}
	switch harm {
	case durand.Killed:
		switch {
		case toll != nil && d.ev.Fatalities.Known():
			// "A bomb killed 20, raising the death toll to 50": a total
			// beyond this event's own count, which it keeps.
		case toll != nil:
			d.ev.Fatalities, d.toll = cnt, true
			d.tollAll = tollOfSeveral(s.Tokens, t, toll)
		case d.toll && cnt.Known():
			d.ev.Fatalities, d.toll = cnt, false // the event's own count beats a total
		default:
			d.ev.Fatalities = addCount(d.ev.Fatalities, cnt)
		}
	case durand.Injured:
		d.ev.Injured = addCount(d.ev.Injured, cnt)
	case durand.Abducted:
		d.ev.Abducted = addCount(d.ev.Abducted, cnt)
	}
	if victim != nil && d.tgtM == nil {
		d.tgtM, d.victims = victim, true
		// Named groups listed as the victims are all targets ("Pakistan
		// Taliban, al-Qaeda affiliates killed"); a breakdown of the dead
		// by side ("two soldiers and three militants") is not.
		// (The conjuncts are read only where they may matter: a named
		// group's list, or a fight's dead.)
		if victim.Actor != nil || fightIn(c) || armedMention(victim) {
			a.victimConjuncts(c, s.Tokens, d, victim)
		}
	}
	st.nums = nums[:0]
}

// victimConjuncts sorts the actors listed with the counted victim: named
// groups are targets with it ("Pakistan Taliban, al-Qaeda affiliates
// killed"), other armed people the fight's other side ("two soldiers and
// three militants").
func (a *Assembler) victimConjuncts(c clause, toks []durand.Token, d *draft, victim *durand.Mention) {
	for _, co := range a.conjoined(c, toks, victim) {
		switch {
		case co.Actor != nil && victim.Actor != nil:
			d.tgtCo = append(d.tgtCo, co)
		case armedMention(co):
			d.sides = append(d.sides, co)
		}
	}
}

// fightIn reports whether the clause names a fight ("in clashes").
func fightIn(c clause) bool {
	for k := range c.ms {
		if m := &c.ms[k]; m.Kind == durand.TriggerMention && m.Trigger.Type == durand.Fight {
			return true
		}
	}
	return false
}

// onePerson is the count a phrase naming one person stands for ("a tribal
// elder", "his wife was killed", "body found").
func onePerson(sp durand.Span, tok [2]int) *durand.Mention {
	return &durand.Mention{Kind: durand.NumberMention, Span: sp, Tok: tok, Number: durand.Exact(1)}
}

// oneBeforeOthers returns one person for a singular object named right
// before the first count n when the count is of "others": "kills
// policeman, two others", "killed a judge and two others". It is nil for
// any other object.
func oneBeforeOthers(text string, c clause, toks []durand.Token, obj int, n *durand.Mention) *durand.Mention {
	sep := n.Tok[0] - 1
	if sep <= obj || n.Tok[1] >= c.to || toks[n.Tok[1]].Norm != "others" || toks[sep].Norm != "," && toks[sep].Norm != "and" {
		return nil
	}
	for k := range c.ms {
		m := &c.ms[k]
		if m.Kind == durand.ActorMention && m.Tok[0] >= obj && m.Tok[0] <= obj+1 && m.Tok[1] == sep && singular(toks, m, c.ms) && !countedBy(c.ms, m) {
			return onePerson(m.Span, m.Tok)
		}
	}
	head := c
	head.to = sep // the phrase ends at the separator
	if nps := persons(text, head, toks, obj); len(nps) == 1 && nps[0][1] == sep {
		return onePerson(durand.Span{Start: toks[nps[0][0]].Span.Start, End: toks[sep-1].Span.End}, nps[0])
	}
	return nil
}

// othersAfter returns the count of "others" that the person phrases
// ending at token end are listed with: "and three others", ", a judge,
// and two others", "and three of his guards". The list may run past an
// appositive, not past a preposition or another event.
func othersAfter(c clause, toks []durand.Token, end int) *durand.Mention {
	for k := end; k+1 < c.to && k <= end+6; k++ {
		w := toks[k].Norm
		if nounPreps.has(w) || c.covers(durand.TriggerMention, k) {
			return nil
		}
		if prev := toks[k-1].Norm; prev != "," && prev != "and" {
			continue
		}
		next := toks[k+1].Norm
		if next != "others" && !(next == "of" && k+2 < c.to && (toks[k+2].Norm == "his" || toks[k+2].Norm == "her" || toks[k+2].Norm == "their")) {
			continue
		}
		for mi := range c.ms {
			if m := &c.ms[mi]; m.Kind == durand.NumberMention && m.Tok[0] == k && m.Tok[1] == k+1 {
				return m
			}
		}
	}
	return nil
}

// sentencedBefore reports whether a conviction ("sentenced", "sentences")
// comes before token i in the clause.
func sentencedBefore(c clause, i int) bool {
	for k := range c.ms {
		if m := &c.ms[k]; m.Kind == durand.TriggerMention && m.Tok[1] <= i && m.Trigger.Mode == "convict" {
			return true
		}
	}
	return false
}

// naturalCause reports whether a clause whose only event words count the
// dead names a disaster, accident or disease (a mine's explosion) as what
// killed, or its sentence names one and the clause no armed actor who
// might have: "killed in flooding", "the death toll from the earthquake",
// "one prisoner is killed during an escape after an earthquake". Such
// deaths are no political violence.
func naturalCause(toks []durand.Token, c clause) bool {
	named := false // in the sentence
	for k := range toks {
		if disasters.has(toks[k].Norm) {
			if k >= c.from && k < c.to {
				return true
			}
			named = true
		}
	}
	for mi := range c.ms {
		if m := &c.ms[mi]; m.Kind == durand.TriggerMention && accidentBlast(c, toks, m) {
			return true // "missing in an explosion at a coal mine, … found dead"
		}
	}
	return named && !armedIn(c)
}

// armedIn reports whether the clause names an armed actor, who may have
// done the killing a disaster named elsewhere in the sentence did not.
func armedIn(c clause) bool {
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind != durand.ActorMention {
			continue
		}
		if armedMention(m) {
			return true
		}
	}
	return false
}

// armedMention reports whether an actor mention names a group or armed
// people: one who may fight or kill.
func armedMention(m *durand.Mention) bool {
	return m.Actor != nil || m.Agent != nil && m.Agent.Armed
}

// namesAccident reports whether a sentence names a disaster or an
// accident: what the dead of the next sentence may have died of.
func namesAccident(in Input) bool {
	// The whole sentence as one clause: any disaster word is in it.
	return naturalCause(in.Sentence.Tokens, clause{to: len(in.Sentence.Tokens), ms: in.Mentions})
}

// accidentBlast reports whether trigger m is a bare explosion in a mine
// or at a store of fireworks or gas ("an explosion at a coal mine in
// Singidi", "an explosion at a fireworks storage facility"), with no armed
// actor named in the clause: an accident. A bomb there ("a bomb blast at
// a coal mine", "militants blew up …") stays an attack.
func accidentBlast(c clause, toks []durand.Token, m *durand.Mention) bool {
	if m.Tok[1]-m.Tok[0] != 1 {
		return false
	}
	switch toks[m.Tok[0]].Norm {
	case "explosion", "explosions", "blast", "blasts":
	default:
		return false
	}
	k := m.Tok[1]
	if k >= c.to || (toks[k].Norm != "at" && toks[k].Norm != "in" && toks[k].Norm != "inside") {
		return false
	}
	for k++; k < c.to && k <= m.Tok[1]+4; k++ {
		w := toks[k].Norm
		switch {
		case w == "mine" || w == "mines" || w == "colliery" || disasters.has(w):
			return !armedIn(c)
		case !toks[k].IsWord() || toks[k].Upper || mentionAt(c.ms, k):
			return false // the phrase ends, or names a place or people
		}
	}
	return false
}

// disasters name what kills without a perpetrator ("celebratory" gunfire
// is fired at no one). Words that also tell of violence ("storm" a
// building, an "outbreak" of fighting) are not among them.
var disasters = set("flood", "floods", "flooding", "earthquake", "earthquakes", "quake", "tremor", "landslide", "landslides",
	"avalanche", "avalanches", "cyclone", "monsoon", "monsoons", "rains", "rainfall", "downpour", "heatwave", "drought",
	"tsunami", "blizzard", "snowfall", "lightning", "accident", "accidents", "crash", "crashed", "collision", "derailed", "derailment",
	"capsized", "drowned", "drowning", "stampede", "cholera", "dengue", "epidemic", "pandemic", "covid", "coronavirus",
	"disease", "famine", "malnutrition", "hypothermia", "overdose", "overturned", "overturns", "overturn", "overturning", "plunged",
	"skidded", "mishap", "collapse", "collapsed", "collapses", "collapsing", "electrocuted", "electrocution", "suffocated",
	"suffocation", "heatstroke", "sank", "sinking", "capsizes", "capsize", "collided", "collides", "colliding", "tanker", "cylinder",
	"cylinders", "boiler", "transformer", "celebratory", "fireworks", "firecrackers", "firecracker")

// policies are the instruments other than force that may target someone.
var policies = set("measures", "measure", "sanctions", "sanction", "policy", "policies", "law", "laws", "legislation", "tariffs",
	"tariff", "restrictions", "ban", "bans", "regulations", "rules", "campaign", "rhetoric", "remarks", "propaganda", "visa", "visas")

// ofNouns are casualty nouns whose dead follow "of": "the bodies of three
// men", "the deaths of two soldiers".
var ofNouns = set("body", "bodies", "death", "deaths")

// tollCount returns the count a toll trigger gives ("death toll rose to
// 45", "has risen to at least 45", "raising the toll to 45", "a death toll
// of 45"): the first count in the clause after "to", "at" or "of" within
// a few words of the trigger, past a rising verb. It is nil for any other
// trigger.
func tollCount(c clause, toks []durand.Token, t *durand.Mention) *durand.Mention {
	if !isToll(toks, t) {
		return nil
	}
	for k := range c.ms {
		m := &c.ms[k]
		if m.Tok[0] < t.Tok[1] {
			continue
		}
		if m.Tok[0] > t.Tok[1]+10 {
			break
		}
		if m.Kind != durand.NumberMention {
			continue
		}
		switch before := toks[m.Tok[0]-1].Norm; before {
		case "to", "at":
			for j := t.Tok[1]; j < m.Tok[0]; j++ {
				if tollVerbs.has(toks[j].Norm) {
					return m
				}
			}
			if m.Tok[0]-1 == t.Tok[1] {
				return m // "raising the toll to 45"
			}
			// A headline drops the verb: "Death toll from Pakistan blast
			// at 25", the count closing the clause.
			if before == "at" && (m.Tok[1] >= c.to || !toks[m.Tok[1]].IsWord()) {
				return m
			}
		default:
			if tollVerbs.has(before) {
				return m // "toll hits 30", "the toll reached 40"
			}
		case "of":
			if m.Tok[0]-1 == t.Tok[1] {
				return m // "a death toll of 45"
			}
		}
		return nil
	}
	return nil
}

// severalIncidents name incidents in the plural, whose toll is theirs
// together. Clashes and strikes are left out: "the toll from the clashes"
// is most often one fight's.
var severalIncidents = set("attacks", "incidents", "bombings", "blasts", "explosions", "assaults", "raids", "shootings", "ambushes")

// tollOfSeveral reports whether the toll that trigger t gives as count n
// counts several incidents: "the toll in the weekend's bomb attacks climbs
// to 52".
func tollOfSeveral(toks []durand.Token, t, n *durand.Mention) bool {
	for j := t.Tok[1]; j < n.Tok[0]; j++ {
		if severalIncidents.has(toks[j].Norm) {
			return true
		}
	}
	return false
}

// isToll reports whether trigger t names a toll ("death toll").
func isToll(toks []durand.Token, t *durand.Mention) bool { return toks[t.Tok[1]-1].Norm == "toll" }

// tollVerbs tell of a toll reaching a new total.
var tollVerbs = set("rose", "rises", "risen", "rise", "rising", "climbed", "climbs", "climb", "climbing", "reached", "reaches", "reach",
	"jumped", "jumps", "mounted", "mounts", "increased", "increases", "stands", "stood", "stand", "hit", "hits", "touched", "crossed")

// participleModifier reports whether the one-word trigger m is a
// participle in -ed that opens a noun phrase and modifies the event noun
// right after it ("Targeted killings rose", "a failed attack"): an
// adjective, no verb.
func participleModifier(c clause, toks []durand.Token, m *durand.Mention) bool {
	j := m.Tok[1]
	if w := toks[m.Tok[0]].Norm; m.Tok[1]-m.Tok[0] != 1 || j >= c.to || len(w) < 5 || !strings.HasSuffix(w, "ed") || !c.covers(durand.TriggerMention, j) {
		return false // ("IED" is no participle)
	}
	// Where a noun phrase opens: the clause's start, after a determiner
	// or a preposition; after a subject it is a verb ("promised aid").
	if i := m.Tok[0]; i > c.from {
		if p := toks[i-1].Norm; !determiners.has(p) && !nonArgPreps.has(p) && !locatives.has(p) {
			return false
		}
	}
	for k := range c.ms {
		if n := &c.ms[k]; n.Kind == durand.TriggerMention && n.Tok[0] == j {
			return n.Trigger.Nominal
		}
	}
	return false
}

// eventModifier reports whether the event word m qualifies a noun for a
// person or proceeding tied to an earlier event ("the Peshawar school
// attack mastermind", "Quetta bombing suspect arrested", "the blast
// case"): it names who or what, and reports no event. After its subject
// the word is a verb ("Police attack suspect").
func eventModifier(c clause, toks []durand.Token, m *durand.Mention) bool {
	j := m.Tok[1]
	if j >= c.to || !eventReferents.has(toks[j].Norm) {
		return false
	}
	w := toks[j-1].Norm
	if m.Trigger.Nominal || strings.HasSuffix(w, "ing") {
		return true
	}
	for k := range c.ms {
		if a := &c.ms[k]; a.Kind == durand.ActorMention && a.Tok[1] == m.Tok[0] {
			return siteNoun(toks[a.Tok[1]-1].Norm) // a post or a base is attacked, no subject
		}
	}
	return true
}

// qualifiedEvent reports whether an event word qualifying a person or
// proceeding (eventModifier) lies in toks[from:to].
func qualifiedEvent(c clause, toks []durand.Token, from, to int) bool {
	for j := from + 1; j < to; j++ {
		if !eventReferents.has(toks[j].Norm) || !c.covers(durand.TriggerMention, j-1) {
			continue // most words: no referent after a trigger
		}
		for k := range c.ms {
			if m := &c.ms[k]; m.Kind == durand.TriggerMention && m.Tok[1] == j && m.Tok[0] >= from && eventModifier(c, toks, m) {
				return true
			}
		}
	}
	return false
}

// eventReferents are nouns an event word may qualify: the people and
// proceedings tied to an event that happened before.
var eventReferents = set("mastermind", "masterminds", "suspect", "suspects", "accused", "planner", "planners", "plotter", "plotters",
	"facilitator", "facilitators", "accomplice", "accomplices", "convict", "convicts", "case", "cases", "trial", "probe", "inquiry", "anniversary")

// harmPartner returns the casualty word of the other kind that t is
// coordinated with, nothing between: "killed or wounded", "killed,
// injured", "wounded and killed"; nil when there is none.
func harmPartner(c clause, toks []durand.Token, t *durand.Mention) *durand.Mention {
	j := t.Tok[1]
	if j+1 >= c.to || !bodily(t.Trigger.Harm) {
		return nil
	}
	switch toks[j].Norm {
	case "or", "and", ",", "/":
	default:
		return nil
	}
	for k := range c.ms {
		m := &c.ms[k]
		if m.Kind == durand.TriggerMention && m.Tok[0] == j+1 && bodily(m.Trigger.Harm) && m.Trigger.Harm != t.Trigger.Harm {
			return m
		}
	}
	return nil
}

// bodily reports whether harm is death or injury.
func bodily(h durand.HarmKind) bool { return h == durand.Killed || h == durand.Injured }

// modifiedPerson returns the noun phrase opening at token i with a
// lower-case modifier and no determiner, as headlines write objects:
// "kill senior Pakistani counter-terrorism officer", "kill local TTP
// commander". ok is false unless its head is one person.
func modifiedPerson(c clause, toks []durand.Token, i int) (np [2]int, ok bool) {
	if i >= c.to || !toks[i].IsWord() || toks[i].Upper || singularDet.has(toks[i].Norm) || phraseEnds(c, toks, i) || notObject.has(toks[i].Norm) {
		return np, false
	}
	j := i + 1
	for j < c.to && j-i < 6 && !phraseEnds(c, toks, j) {
		j++
	}
	last := toks[j-1]
	if j == i+1 || !last.IsWord() || last.Upper || !singularNoun(last.Norm) || orgWords.has(last.Norm) {
		return np, false
	}
	return [2]int{i, j}, true
}

// counted reports whether the draft has counted the people at sp already,
// for another casualty word of its clause: a count that overlaps sp ("a
// cleric" for "cleric").
func counted(d *draft, sp durand.Span) bool {
	for _, e := range d.ev.Evidence {
		if e.Start < sp.End && sp.Start < e.End && (e.Field == "fatalities" || e.Field == "injured" || e.Field == "abducted") {
			return true
		}
	}
	return false
}

// intransitive reports whether a casualty trigger takes no object: the
// people named with it died ("dead", "died", "lost their lives").
func intransitive(td *durand.TriggerDef) bool {
	switch td.Phrase {
	case "dead", "died", "deaths", "death", "bodies", "lost their lives", "lost his life", "die", "dies", "martyred":
		return true
	}
	return false
}

// persons returns the noun phrases, opening at token i, of an object that
// names people one by one with no count: "a tribal elder", "the former
// district governor", "an Afghan National Army (ANA) soldier", "Agha Sayed
// Myah, head of …", "a policeman and a civilian". It returns nothing when
// any phrase's head is plural or collective ("the soldiers", "a group of").
func persons(text string, c clause, toks []durand.Token, i int) [][2]int {
	var out [][2]int
	for i < c.to {
		j := i
		switch w := toks[i].Norm; {
		case singularDet.has(w):
			j = i + 1
			// "of" inside a name does not end the phrase: "a National
			// Directorate of Security (NDS) officer".
			for j < c.to && (!phraseEnds(c, toks, j) || toks[j].Norm == "of" && toks[j-1].Upper && j+1 < c.to && toks[j+1].Upper) {
				j++
			}
			if j == i+1 || !toks[j-1].IsWord() || !singularNoun(toks[j-1].Norm) || toks[j-1].Upper && j-1 > i+1 && !toks[i+1].Upper {
				return nil
			}
		case toks[i].Upper && toks[i].IsWord() && !c.covers(durand.PlaceMention, i) && !c.covers(durand.DateMention, i) && (!mentionAt(c.ms, i) || title(c, toks, i)):
			// A personal name: capitalised words no dictionary knows,
			// with their hyphenated particles ("Khalil-ur-Rahman"), then a
			// pause (", a judge", "in Kabul", the end); a title may open
			// it ("Doctor Khalil-ur-Rahman Narmgo").
			if mentionAt(c.ms, i) {
				j++ // past the title
			}
			for j < c.to && (toks[j].Upper && toks[j].IsWord() || toks[j].Norm == "." && j > i || j > i && durand.Hyphenated(text, toks, j) && toks[j].IsWord()) && !c.covers(durand.ActorMention, j) && !c.covers(durand.PlaceMention, j) {
				j++
			}
			if j == i || j < c.to && !phraseEnds(c, toks, j) {
				return nil
			}
		default:
			return nil
		}
		out = append(out, [2]int{i, j})
		// "a policeman and a civilian": another person joins the list.
		if j+1 < c.to && toks[j].Norm == "and" && (singularDet.has(toks[j+1].Norm) || toks[j+1].Upper) {
			i = j + 1
			continue
		}
		// Anything else ends the object; an appositive ("Hafizullah, a
		// judge") names the same person again.
		break
	}
	return out
}

// claimVerbs claim an attack or the responsibility for it.
var claimVerbs = set("claimed", "claims", "claim", "claiming")

// claimedNoun reports whether the event noun at i is the object of a
// claim, within four words: "claimed responsibility for the Karachi
// military killings", "claims deadly suicide attack".
func claimedNoun(toks []durand.Token, from, i int) bool {
	for k := i - 1; k >= from && k >= i-4; k-- {
		switch w := toks[k].Norm; {
		case claimVerbs.has(w):
			return !negated(toks, from, k)
		case w == "for":
			if k > from && toks[k-1].Norm == "responsibility" {
				return !negated(toks, from, k)
			}
		}
	}
	return false
}

// mutualObject reports whether the object after a verb ending at token
// i is reciprocal: "postponed their meeting", "accused each other",
// "fought one another".
func mutualObject(c clause, toks []durand.Token, i int) bool {
	if i < c.to && toks[i].Norm == "their" {
		return true
	}
	for k := i; k+1 < c.to && k <= i+4; k++ {
		if (toks[k].Norm == "each" || toks[k].Norm == "one") && toks[k+1].Norm == "other" || toks[k].Norm == "one" && toks[k+1].Norm == "another" {
			return true
		}
	}
	return false
}

// attributive reports whether the casualty word at toks[i:end] describes
// the noun after it as harmed before: after a definite determiner ("the
// deceased journalist", "his slain brother") or an adverb of earlier time
// ("a recently assassinated journalist"). Such a phrase names people; it
// reports no harm of its own.
func attributive(c clause, toks []durand.Token, i, end int) bool {
	if i == 0 || end >= c.to || !toks[end].IsWord() || phraseEnds(c, toks, end) || passiveAux.has(toks[end].Norm) || c.covers(durand.PlaceMention, end) {
		return false
	}
	if w := toks[end-1].Norm; !strings.HasSuffix(w, "ed") && w != "dead" && w != "slain" {
		return false // a noun ("the death toll rose", "the killing spree"), no participle
	}
	switch toks[i-1].Norm {
	case "the", "his", "her", "their", "its", "recently", "previously", "formerly", "already":
		return true
	}
	return false
}

// oneOfMany reports whether the event noun at i is counted in "one of
// (the) three (related) attacks".
func oneOfMany(toks []durand.Token, i int) bool {
	for k := i - 1; k >= 1 && k >= i-4; k-- {
		if toks[k].Norm == "of" && toks[k-1].Norm == "one" {
			return true
		}
	}
	return false
}

// subjectList reads the subject that ends before the auxiliary at aux as a
// list of two or more noun phrases joined by "and", each a count ("two
// security guards"), a singular noun phrase ("a bodyguard", "the police
// chief") or a name ("Zaman"), one person each. ok is false for anything
// else, a single phrase included, which the other rules count.
//
// A headline joins its list with commas and has no auxiliary ("Soldier,
// wife die in border shelling", "Pakistani villager, Indian soldier
// killed"): with headline set, aux is the casualty word, commas join
// too, the subject runs back to the clause's start, a bare singular noun
// ("wife", "accomplice") is one person, and one phrase at least must name
// a person the dictionaries know or a count.
func subjectList(c clause, toks []durand.Token, aux int, headline bool) (nums []*durand.Mention, ok bool) {
	start := aux
	for start > c.from && toks[start-1].Norm != ";" && toks[start-1].Norm != ":" && (headline || toks[start-1].Norm != ",") {
		if headline && violentAt(c.ms, start-1) {
			// "Daughter killed, father injured": the subject of
			// "injured" begins after "killed" and its comma.
			if start < aux && toks[start].Norm == "," {
				start++
			}
			break
		}
		start--
	}
	known := !headline
	if start == aux || aux-start > 14 {
		return nil, false
	}
	if !headline && !slices.ContainsFunc(toks[start:aux], func(t durand.Token) bool { return t.Norm == "and" }) {
		return nil, false // one phrase: no list to count ("Eight people are killed")
	}
	phrase := func(i, j int) *durand.Mention {
		if i >= j {
			return nil
		}
		for k := i; k < j; k++ {
			if passiveAux.has(toks[k].Norm) || c.covers(durand.TriggerMention, k) && (!headline || violentAt(c.ms, k)) || c.covers(durand.DateMention, k) {
				return nil // a clause of its own: "four were killed and six members"
			}
		}
		sp := durand.Span{Start: toks[i].Span.Start, End: toks[j-1].Span.End}
		for mi := range c.ms {
			m := &c.ms[mi]
			if m.Kind == durand.NumberMention && m.Tok[0] == i && m.Number.Known() {
				if m.Tok[1] >= j {
					return nil // a bare number: "two and three"
				}
				known = true
				return &durand.Mention{Kind: durand.NumberMention, Span: sp, Tok: [2]int{i, j}, Number: m.Number}
			}
		}
		last := toks[j-1]
		if !last.IsWord() {
			return nil
		}
		switch {
		case headline && j-i == 1 && last.Norm == "another":
			return onePerson(sp, [2]int{i, j}) // "Cop killed, another injured"
		case singularDet.has(toks[i].Norm) && j-i >= 2 && singularNoun(last.Norm):
		case toks[i].Upper && !singularDet.has(toks[i].Norm) && j-i <= 4 && !orgWords.has(last.Norm) && singularNoun(last.Norm) && capitalised(toks, i, j):
		case headline && j-i <= 3 && !last.Upper && !orgWords.has(last.Norm) && singularNoun(last.Norm):
		default:
			return nil
		}
		if headline {
			if j-i > 3 || singularDet.has(last.Norm) || !bareNoun(c, toks, i, j) {
				return nil // "In Karachi, policeman killed"
			}
			for mi := range c.ms {
				m := &c.ms[mi]
				if m.Kind == durand.ActorMention && m.Agent != nil && m.Tok[1] == j && m.Tok[0] >= i {
					known = true
				}
			}
		}
		return onePerson(sp, [2]int{i, j})
	}
	i := start
	for k := start; k <= aux; k++ {
		if k < aux && toks[k].Norm != "and" && (!headline || toks[k].Norm != ",") {
			continue
		}
		m := phrase(i, k)
		if m == nil {
			return nil, false
		}
		nums = append(nums, m)
		i = k + 1
	}
	if !headline && len(nums) >= 2 {
		// A serial list runs back over commas: "A government
		// administrator, two of his guards and a passerby are killed".
		// It ends at a phrase that is no person: "In Bannu, two
		// soldiers and a civilian were killed".
		for end := start - 1; end > c.from && toks[end].Norm == ","; {
			from := end
			for from > c.from && toks[from-1].Norm != "," && toks[from-1].Norm != ";" && toks[from-1].Norm != ":" {
				from--
			}
			if locatives.has(toks[from].Norm) || slices.ContainsFunc(toks[from:end], func(t durand.Token) bool { return !t.IsWord() }) {
				break
			}
			placed := false
			for k := from; k < end; k++ {
				placed = placed || c.covers(durand.PlaceMention, k)
			}
			m := phrase(from, end)
			if m == nil || placed {
				break
			}
			nums = append([]*durand.Mention{m}, nums...)
			end = from - 1
		}
	}
	// A headline's one bare noun before its casualty word is one person
	// too: "Aid worker dies in shelling", "Daughter killed".
	one := headline && len(nums) == 1 && nums[0].Number == durand.Exact(1)
	return nums, len(nums) >= 2 && known || one
}

// groupWords stand for people but name no one person, or join phrases
// ("those", "all", "or"): no word of a headline's one-person noun phrase.
var groupWords = set("those", "these", "all", "some", "many", "several", "others", "both", "who", "which", "that", "or", "and", "nor")

// headlineVerb reports whether a casualty word is a participle or an
// intransitive verb a headline's subject comes before: "killed", "dies",
// "dead" (not the noun "deaths").
func headlineVerb(w string) bool {
	switch w {
	case "die", "dies", "died", "dead", "slain", "hurt", "shot":
		return true
	}
	return strings.HasSuffix(w, "ed")
}

// violentAt reports whether a violent trigger covers token k.
func violentAt(ms []durand.Mention, k int) bool {
	for mi := range ms {
		m := &ms[mi]
		if m.Kind == durand.TriggerMention && m.Tok[0] <= k && k < m.Tok[1] && (m.Trigger.Type.Violent() || m.Trigger.Harm != durand.NoHarm) {
			return true
		}
	}
	return false
}

// capitalised reports whether toks[i:j] are all capitalised words.
func capitalised(toks []durand.Token, i, j int) bool {
	for k := i; k < j; k++ {
		if !toks[k].Upper || !toks[k].IsWord() {
			return false
		}
	}
	return true
}

// bareNoun reports whether toks[i:j] is a noun phrase of a headline list:
// words, no place, date or violent event word. A lower-case head may
// follow only lower-case words or names the dictionaries know as people or
// nations ("Pakistani villager").
func bareNoun(c clause, toks []durand.Token, i, j int) bool {
	lower := !toks[j-1].Upper
	for k := i; k < j; k++ {
		if !toks[k].IsWord() || c.covers(durand.PlaceMention, k) || c.covers(durand.DateMention, k) || c.covers(durand.NumberMention, k) || violentAt(c.ms, k) {
			return false // (an "aid worker" is a person)
		}
		if w := toks[k].Norm; locatives.has(w) || nonArgPreps.has(w) || pronouns.has(w) || groupWords.has(w) {
			return false // "suspects among those killed"
		}
		if lower && toks[k].Upper && k > 0 && !c.covers(durand.ActorMention, k) { // (a sentence's first word is capitalised)
			return false
		}
	}
	return true
}

// diedLater reports whether the wounded of a participle ending at i died
// of their wounds: "injured and later succumbed to his injuries", "wounded
// and died in hospital".
func diedLater(toks []durand.Token, i, to int) bool {
	if i >= to || toks[i].Norm != "and" {
		return false
	}
	for j := i + 1; j < to && j <= i+3; j++ {
		switch toks[j].Norm {
		case "succumbed", "died":
			return true
		case "later", "subsequently", "eventually", "then":
		default:
			return false // another subject: "two were injured and one later died"
		}
	}
	return false
}

// auxBefore returns the index of the passive auxiliary before the
// participle at i, over one adverb ("was also killed", "were critically
// injured"), or -1.
func auxBefore(toks []durand.Token, i int) int {
	j := i - 1
	if j > 0 && (toks[j].Norm == "also" || strings.HasSuffix(toks[j].Norm, "ly")) {
		j--
	}
	if j >= 0 && passiveAux.has(toks[j].Norm) {
		return j
	}
	// The second of two participles: "were shot and beheaded".
	if j >= 2 && toks[j].Norm == "and" && (strings.HasSuffix(toks[j-1].Norm, "ed") || toks[j-1].Norm == "shot") && passiveAux.has(toks[j-2].Norm) {
		return j - 2
	}
	return -1
}

// inBreakdown reports whether token k lies in a breakdown of a count
// given before it: "Three people, including one police officer and two
// civilians, were killed" — the officer and the civilians are among the
// three. The breakdown ends at a comma before a conjunction or a verb
// ("…, including the police chief, and five assailants were killed").
func inBreakdown(c clause, toks []durand.Token, k int) bool {
	for j := k - 1; j >= c.from && j >= k-12; j-- {
		switch toks[j].Norm {
		case "including", "includes", "include":
			return true
		case "was", "were", "is", "are", ";":
			return false
		case "and":
			if j == 0 || toks[j-1].Norm == "," {
				return false // ", and five assailants": the list resumes
			}
		case ",":
			if j+1 < len(toks) && (toks[j+1].Norm == "and" || toks[j+1].Norm == "while" || toks[j+1].Norm == "but") {
				return false
			}
		}
		if c.covers(durand.TriggerMention, j) {
			return false
		}
	}
	return false
}

// beforeAmong reports whether the noun phrase ending at token end is the
// part "among" a count: "Two officers among three killed", "Key
// commander among three militants killed".
func beforeAmong(c clause, toks []durand.Token, end int) bool {
	for k := end; k < c.to && k <= end+3; k++ {
		if toks[k].Norm == "among" {
			return true
		}
		if !toks[k].IsWord() || phraseEnds(c, toks, k) {
			return false
		}
	}
	return false
}

// backWindow returns the first token of the n tokens that a count may
// stand in before token i, not counting a breakdown of that count or a
// parenthesis: "At least four security personnel, including one National
// Directorate of Security (NDS) officer, were killed" counts the four.
func backWindow(c clause, toks []durand.Token, i, n int) int {
	lo, depth := i, 0
	for lo > c.from && n > 0 {
		lo--
		switch toks[lo].Norm {
		case ")":
			depth++
			continue
		case "(":
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 && !inBreakdown(c, toks, lo) {
			n--
		}
	}
	return lo
}

// singularDet open a noun phrase that names one thing.
var singularDet = set("a", "an", "the", "his", "her", "their", "its", "another")

// phraseEnds reports whether a noun phrase ends before token j: at a
// pause, a preposition, a conjunction or a relative, or at another
// mention of an event.
func phraseEnds(c clause, toks []durand.Token, j int) bool {
	switch toks[j].Norm {
	case ",", ".", ";", ":", "in", "on", "at", "of", "from", "near", "with", "by", "during", "while", "inside", "outside", "along", "after", "before", "as", "and", "or", "who", "that", "which", "when", "for", "to", "into":
		return true
	}
	return c.covers(durand.TriggerMention, j) || c.covers(durand.NumberMention, j) || c.covers(durand.DateMention, j)
}

// directObject reports whether the token at i opens a direct object: a
// count, a determiner or an actor ("killed seven soldiers", "wounded 17").
func directObject(c clause, toks []durand.Token, i int) bool {
	switch toks[i].Norm {
	case "a", "an", "the", "his", "her", "their", "its", "at", "more", "over", "about", "around", "nearly", "up", "dozens", "scores", "several", "many":
		return true
	}
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Tok[0] == i && (m.Kind == durand.NumberMention || m.Kind == durand.ActorMention || m.Kind == durand.PlaceMention && m.Nation != "") {
			return true
		}
	}
	// A noun phrase opening with a lower-case word: "kill local TTP
	// commander", "kill anti-Taliban Sikh activist", "killed policemen";
	// not an adverb or a preposition ("killed instantly", "killed there").
	if w := toks[i].Norm; toks[i].IsWord() && !toks[i].Upper && !phraseEnds(c, toks, i) && !passiveAux.has(w) && !nonArgPreps.has(w) &&
		!locatives.has(w) && !notObject.has(w) && !strings.HasSuffix(w, "ly") {
		return true
	}
	// A personal name ("killed Agha Sayed Myah"), unless the clause is a
	// headline in title case, where every word is capitalised.
	return toks[i].Upper && toks[i].IsWord() && !nonArgPreps.has(toks[i].Norm) && !locatives.has(toks[i].Norm) && !mentionAt(c.ms, i) && !durand.TitleCase(toks[c.from:c.to])
}

// notObject are words after a verb that open no object.
var notObject = set("there", "here", "outright", "later", "earlier", "again", "too", "also", "so", "then", "today", "yesterday",
	"tonight", "overnight", "last", "this", "amid", "despite", "near", "inside", "since", "until", "till", "but", "nor", "not", "if",
	"because", "though", "although", "where", "whereas", "whose", "what", "how", "why", "across", "between", "among", "under", "over", "through", "following")

// singular reports whether an actor mention names one person ("a
// soldier", "Police Officer", "police chief"): its head noun is singular.
func singular(toks []durand.Token, m *durand.Mention, ms []durand.Mention) bool {
	if m.Agent == nil {
		return false
	}
	w := toks[m.Tok[1]-1].Norm
	if m.Tok[1] < len(toks) && headNouns.has(toks[m.Tok[1]].Norm) && !mentionAt(ms, m.Tok[1]) {
		w = toks[m.Tok[1]].Norm // "a security force member": the head is "member"
	}
	// A name that modifies a plural noun is not its head: "an unknown
	// number of assailant casualties".
	if n := m.Tok[1]; n < len(toks) && toks[n].IsWord() && !toks[n].Upper && len(toks[n].Norm) > 3 && strings.HasSuffix(toks[n].Norm, "s") &&
		!strings.HasSuffix(toks[n].Norm, "ss") && !mentionAt(ms, n) && !verbLike.has(toks[n].Norm) {
		return false
	}
	return singularNoun(w)
}

// verbLike are third-person verbs that follow a subject and end in s.
var verbLike = set("says", "said", "claims", "dies", "was", "has", "does", "remains", "succumbs", "lies", "stays", "returns", "survives")

// singularNoun reports whether a head noun names one person: not a
// plural, not a collective ("police", "group", "a number of").
func singularNoun(w string) bool {
	switch w {
	case "police", "people", "personnel", "staff", "militia", "family", "army", "military", "government", "forces", "security", "paramilitary", "intelligence", "administration", "authorities", "state", "taliban",
		"group", "unit", "team", "force", "squad", "convoy", "patrol", "battalion", "community", "tribe", "committee", "network", "movement", "organisation", "organization",
		"number", "dozen", "couple", "handful", "lot", "crowd", "gathering", "rally", "procession", "delegation", "caravan", "crew", "party":
		return false // collective nouns name no one person
	}
	if siteNoun(w) || vehicles.has(w) {
		return false // "a military camp", "the police station", "the passenger train": a place or a vehicle, no one
	}
	return !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "men") && !strings.HasSuffix(w, "ren")
}

// vehicles are what a hijacking takes and a bomb hits: no one person.
var vehicles = set("train", "bus", "minibus", "coach", "van", "car", "truck", "lorry", "tanker", "vehicle", "jeep", "plane", "aircraft",
	"airliner", "flight", "helicopter", "boat", "ship", "ferry", "rickshaw", "motorcycle")

// countedBy reports whether a count stands right before the actor ("two
// militants"), so that the actor is not counted as one.
func countedBy(ms []durand.Mention, a *durand.Mention) bool {
	for mi := range ms {
		m := &ms[mi]
		if m.Kind == durand.NumberMention && (m.Tok[1] == a.Tok[0] || m.Tok[1] == a.Tok[0]-1) {
			return true
		}
	}
	return false
}

func fieldFor(h durand.HarmKind) string {
	switch h {
	case durand.Killed:
		return "fatalities"
	case durand.Injured:
		return "injured"
	}
	return "abducted"
}

// fill completes an event's count from a later mention: it takes the
// mention's count when the event has none, and adds it when the mention
// reports more people ("also").
func fill(dst *durand.Count, c durand.Count, more bool) {
	switch {
	case !dst.Known():
		*dst = c
	case more:
		*dst = addCount(*dst, c)
	}
}

// addCount adds two counts of different people; unknown plus known is the
// known one.
func addCount(a, b durand.Count) durand.Count {
	if !a.Known() {
		return b
	}
	if !b.Known() {
		return a
	}
	add := func(x, y int) int {
		if x < 0 || y < 0 {
			return durand.Unknown
		}
		return x + y
	}
	return durand.Count{Best: add(a.Best, b.Best), Low: add(a.Low, b.Low), High: add(a.High, b.High)}
}

// places resolves the clause's place mentions and returns the ones the
// event happened at: the most specific level named, all of them when
// several are listed ("in Khost and Kunar").
func (a *Assembler) places(st *state, s durand.Sentence, c clause, d *draft) []placeRef {
	toks := s.Tokens
	cands := st.cands[:0]
	defer func() { st.cands = cands[:0] }()
	for k := range c.ms {
		m := &c.ms[k]
		if m.Kind != durand.PlaceMention {
			continue
		}
		if m.Nation != "" && a.isActor(m, toks, c.ms) || namesRoute(st.doc.Text, toks, m) {
			continue
		}
		e := a.pick(st, s, c, m)
		if e == nil {
			continue
		}
		prec := e.Precision()
		if m.Tok[0] >= 3 && (toks[m.Tok[0]-1].Norm == "of" && (toks[m.Tok[0]-2].Norm == "outskirts" || toks[m.Tok[0]-2].Norm == "vicinity")) {
			prec = durand.NearPlace
		} else if m.Tok[0] >= 1 && toks[m.Tok[0]-1].Norm == "near" && e.Rank() == 3 {
			prec = durand.NearPlace
		}
		cands = append(cands, placeRef{e: e, m: m, prec: prec})
	}
	if len(cands) == 0 {
		return nil
	}
	// Places in a locative chain ("in Nani, Ghazni, Afghanistan") beat
	// places that only modify a noun ("the Kabul-Kandahar highway").
	// (Both filters work in place on cands: the kept entries never
	// overtake the ones still to be read, and when no place is in a chain
	// nothing was written and cands stands as it was.)
	chain := cands[:0]
	for _, p := range cands {
		if inChain(toks, c.ms, p.m) {
			chain = append(chain, p)
		}
	}
	if len(chain) > 0 {
		cands = chain
	}
	// A named unit constrains the finer places named with it: a town the
	// gazetteer puts elsewhere is another place of the same name, unknown
	// to it ("Sayad area, Mahmud Raqi, Kapisa" is not Sar-e Pol's Sayad).
	var unfit []int // indices into cands, ascending
	for i, p := range cands {
		for _, u := range cands {
			if u.e != p.e && u.e.Rank() < p.e.Rank() && sameList(toks, p.m, u.m) && !p.e.Within(u.e) && !siblingAfter(toks, cands, u) {
				unfit = append(unfit, i)
				break
			}
		}
	}
	if len(unfit) > 0 {
		kept := cands[:0]
		for i, p := range cands {
			if len(unfit) > 0 && unfit[0] == i {
				unfit = unfit[1:]
				continue
			}
			kept = append(kept, p)
		}
		cands = kept
	}
	if len(cands) == 0 {
		return nil
	}
	out := innermost(st.inner[:0], cands)
	st.inner = out[:0]
	// Keep the most specific rank, and among those the first and the ones
	// listed with it.
	best := 0
	for _, p := range out {
		if p.e.Rank() > best {
			best = p.e.Rank()
		}
	}
	// A list keeps its places of every rank: "in Nushki and Kalat
	// District", "in Dera Ismail Khan, North Waziristan, Bannu and
	// Bajaur". Commas alone may be an address ("Shindand district,
	// Herat"): there only the most specific rank is kept.
	lo, hi := listRun(toks, out, slices.IndexFunc(out, func(p placeRef) bool { return p.e.Rank() == best }))
	if wordBefore(toks, out[lo].m.Tok[0]) == "between" {
		hi = lo + 1 // "a shootout between Kurram and North Waziristan": one place, between the two
	}
	list := andList(toks, out[lo:hi])
	// The kept places are cut from the document's shared array: a
	// draft's places live until finish, and no draft outlives it.
	start := len(st.placeRefs)
	for i := lo; i < hi; i++ {
		if list || out[i].e.Rank() == best {
			st.placeRefs = append(st.placeRefs, out[i])
		}
	}
	kept := st.placeRefs[start:len(st.placeRefs):len(st.placeRefs)]
	for i := range kept {
		p := &kept[i]
		a.evidence(st, d, "place", p.m.Span)
		if p.e.Rank() < 3 {
			// A name the gazetteer knows only elsewhere ("Charkh Ab" in
			// Balkh, in "Charkh Ab, Kunduz") is a locality of this unit.
			elsewhere := func(m *durand.Mention) bool {
				if m.Kind != durand.PlaceMention || slices.ContainsFunc(kept, func(q placeRef) bool { return q.m == m }) {
					return false
				}
				for _, id := range m.Places {
					if e := a.lx.Gazetteer.Get(id); e != nil && (e.Within(p.e) || e == p.e) {
						return false
					}
				}
				return true
			}
			if sp, ok := locality(toks, c.ms, p.m, elsewhere); ok {
				p.locality = sp
				a.evidence(st, d, "locality", sp)
			}
		}
	}
	return kept
}

// siblingAfter reports whether unit u is followed, right after a comma,
// by a place no larger than it, apart from it: "Dera Ismail Khan, North
// Waziristan, Bannu and Bajaur" lists districts, where "Sayad area,
// Mahmud Raqi, Kapisa" is an address that grows.
func siblingAfter(toks []durand.Token, cands []placeRef, u placeRef) bool {
	for i, v := range cands {
		if v.e != u.e && v.e.Rank() >= u.e.Rank() && !u.e.Within(v.e) && !v.e.Within(u.e) && listed(toks, u.m, v.m) {
			// … in a list that says it is one.
			lo, hi := listRun(toks, cands, i)
			return andList(toks, cands[lo:hi])
		}
	}
	return false
}

// listRun returns the bounds [lo, hi) of the run of places listed one
// after another ("A, B and C") that holds ps[i].
func listRun(toks []durand.Token, ps []placeRef, i int) (lo, hi int) {
	lo, hi = i, i+1
	for lo > 0 && listed(toks, ps[lo-1].m, ps[lo].m) {
		lo--
	}
	for hi < len(ps) && listed(toks, ps[hi-1].m, ps[hi].m) {
		hi++
	}
	return lo, hi
}

// andList reports whether places listed one after another are joined by
// "and" or "or" somewhere: a list, where commas alone may be an address.
func andList(toks []durand.Token, ps []placeRef) bool {
	for i := 1; i < len(ps); i++ {
		for k := ps[i-1].m.Tok[1]; k < ps[i].m.Tok[0]; k++ {
			if w := toks[k].Norm; w == "and" || w == "or" {
				return true
			}
		}
	}
	return false
}

// innermost appends to out the places of ps that contain no other of
// ps: units give way to the places named inside them ("Feroz Koh, Ghor,
// Afghanistan" keeps Feroz Koh).
func innermost(out, ps []placeRef) []placeRef {
	for _, p := range ps {
		contains := false
		for _, q := range ps {
			if q.e != p.e && q.e.Within(p.e) {
				contains = true
			}
		}
		if !contains {
			out = append(out, p)
		}
	}
	return out
}

// locality finds the name of a place the gazetteer does not know at the
// head of an address that ends in unit u: "in Makin, Khyber Pakhtunkhwa",
// "in Dara-e-Taimoor village, on the outskirts of Feroz Koh". The name is a
// run of capitalised words no mention covers (but a place known only
// elsewhere), between a locative
// preposition and a comma, with at most a place noun after it.
func locality(toks []durand.Token, ms []durand.Mention, u *durand.Mention, elsewhere func(*durand.Mention) bool) (durand.Span, bool) {
	k := u.Tok[0] - 1
	if k < 2 || toks[k].Norm != "," {
		return durand.Span{}, false
	}
	k--
	for k > 0 && locWords.has(toks[k].Norm) && !toks[k].Upper {
		k--
	}
	end := k + 1
	for k >= 0 && end-k <= 4 && (toks[k].Upper || len(toks[k].Norm) <= 2 && toks[k].IsWord() && k > 0 && toks[k-1].Upper) {
		k--
	}
	start := k + 1
	if start >= end || toks[start].Upper == false || k < 0 || !locatives.has(toks[k].Norm) && !(toks[k].Norm == "the" && k > 0 && locatives.has(toks[k-1].Norm)) {
		return durand.Span{}, false
	}
	for mi := range ms {
		m := &ms[mi]
		if m.Tok[0] < end && m.Tok[1] > start && !elsewhere(m) {
			return durand.Span{}, false
		}
	}
	return durand.Span{Start: toks[start].Span.Start, End: toks[end-1].Span.End}, true
}

// namesRoute reports whether a place mention only names a road by its
// ends: "the Kabul-Kandahar highway", "Herat-Farah road", "the Torkham
// road". The event is on the road, not in the towns.
func namesRoute(text string, toks []durand.Token, m *durand.Mention) bool {
	k := m.Tok[1]
	if durand.Hyphenated(text, toks, k) && toks[k].Upper { // the other end, of one word or more: "Herat-Islam Qala highway"
		for k < len(toks) && toks[k].Upper {
			k++
		}
	}
	if k < len(toks) && routeWords.has(toks[k].Norm) {
		return true
	}
	return journeyEnd(toks, m.Tok[0])
}

var routeWords = set("highway", "road", "motorway", "expressway", "railway", "pipeline", "route")

// travels are the words of a journey: "a train traveling from Quetta to
// Peshawar", "a bus bound for Gilgit". Its ends are not where what
// happened on the way happened.
var travels = set("traveling", "travelling", "travelled", "traveled", "heading", "headed", "going", "bound", "plying", "en", "route", "journeying")

// journeyEnd reports whether the place at token i is an end of a journey:
// "traveling from Quetta to Peshawar" (both), "bound for Gilgit".
func journeyEnd(toks []durand.Token, i int) bool {
	if i < 2 {
		return false
	}
	switch toks[i-1].Norm {
	case "from", "for":
		return travels.has(toks[i-2].Norm)
	case "to":
		// The far end of "traveling from Quetta to Peshawar".
		for k := i - 2; k >= 1 && k >= i-6; k-- {
			if toks[k].Norm == "from" {
				return travels.has(toks[k-1].Norm)
			}
		}
		return travels.has(toks[i-2].Norm)
	}
	return false
}

// placeNouns name places and civilian venues: a country right before one
// is where it lies, not an actor. The posts of a state's forces
// ("Pakistan checkpoint", "Afghan army camp") are not among them: the
// country there is the forces'.
var placeNouns = set("city", "province", "district", "town", "village", "region", "valley", "area", "capital",
	"rally", "rallies", "mosque", "mosques", "market", "markets", "bazaar", "school", "schools", "shrine", "church", "temple",
	"hospital", "hotel", "university", "college", "seminary", "madrassa", "mall", "airport", "bus", "train",
	"restaurant", "cafe", "park", "stadium", "camp", "camps", "prison", "jail")

// locWords are nouns for places and parts of places.
var locWords = set("province", "provinces", "district", "districts", "city", "town", "village", "villages", "area", "areas",
	"neighborhood", "neighbourhood", "outskirts", "vicinity", "road", "highway", "market", "bazaar", "square", "camp",
	"region", "valley", "border", "suburb", "suburbs", "outpost", "checkpoint", "locality", "tehsil", "county")

// sameList reports whether unit u follows place p in one comma-separated
// address ("Sayad area, Mahmud Raqi, Kapisa, Afghanistan").
func sameList(toks []durand.Token, p, u *durand.Mention) bool {
	if u.Tok[0] < p.Tok[1] || u.Tok[0]-p.Tok[1] > 10 {
		return false
	}
	for k := p.Tok[1]; k < u.Tok[0]; k++ {
		if w := toks[k].Norm; w != "," && !toks[k].Upper && !locWords.has(w) && w != "the" && w != "of" {
			return false
		}
	}
	return true
}

// inChain reports whether a place mention is the object of a locative
// preposition or follows another place after a comma.
func inChain(toks []durand.Token, ms []durand.Mention, m *durand.Mention) bool {
	for k := m.Tok[0] - 1; k >= 0 && k >= m.Tok[0]-4; k-- {
		w := toks[k].Norm
		if locatives.has(w) && w != "of" && w != "to" {
			return true
		}
		if (nonArgPreps.has(w) || w == "against") && !locatives.has(w) {
			return false // the nearest preposition governs: "on programs with Libya"
		}
		if w == "of" {
			// "provinces of Khost", "outskirts of Feroz Koh"
			return k > 0 && locWords.has(toks[k-1].Norm)
		}
		if w == "," || w == "and" {
			for mi := range ms {
				o := &ms[mi]
				if o.Kind == durand.PlaceMention && o.Tok[1] == k {
					return inChain(toks, ms, o)
				}
			}
			// "in Karte-e-Naw neighborhood, Kabul": after a comma, a place
			// that a locative phrase of names and place nouns precedes.
			for j := k - 1; j >= 0 && j >= k-10; j-- {
				t := toks[j]
				if locatives.has(t.Norm) && t.Norm != "of" {
					return true
				}
				if !(t.Upper || len(t.Norm) <= 2 || locWords.has(t.Norm) || t.Norm == "," || t.Norm == "the" || t.Norm == "of" || isNumeric(t.Norm)) {
					return false
				}
			}
			return false
		}
	}
	return false
}

func isNumeric(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// listed reports whether two place mentions are items of one list ("Khost
// and Kunar", "Khost, Paktika and Paktia").
func listed(toks []durand.Token, a, b *durand.Mention) bool {
	gap := b.Tok[0] - a.Tok[1]
	if gap < 1 || gap > 2 {
		return false
	}
	for k := a.Tok[1]; k < b.Tok[0]; k++ {
		if w := toks[k].Norm; w != "and" && w != "," && w != "or" {
			return false
		}
	}
	return true
}

// pick chooses among a place mention's candidates: the one inside a unit
// named nearby, else in a country the document names, else the first
// (largest, most populous) candidate.
func (a *Assembler) pick(st *state, s durand.Sentence, c clause, m *durand.Mention) *gazetteer.Entry {
	g := a.lx.Gazetteer
	var cands []*gazetteer.Entry
	for _, id := range m.Places {
		if e := g.Get(id); e != nil {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// A subdivision from the world layer of a country the report never
	// names, where places of other countries share the name, is a guess
	// no analyst would pin: "the Gaza war" is neither Bhutan's Gasa nor
	// Mozambique's Gaza province, and "Punjab" with no India named is
	// Pakistan's.
	if len(cands) > 1 && slices.ContainsFunc(cands, func(e *gazetteer.Entry) bool { return e.Country != cands[0].Country }) {
		cands = slices.DeleteFunc(cands, func(e *gazetteer.Entry) bool { return e.WorldLayer() && st.countries[e.Country] == 0 })
		if len(cands) == 0 {
			return nil
		}
	}
	toks := s.Tokens
	next := ""
	if m.Tok[1] < len(toks) {
		next = toks[m.Tok[1]].Norm
	}
	prev := ""
	if m.Tok[0] > 0 {
		prev = toks[m.Tok[0]-1].Norm
	}
	// Words around the name say which kind of place it is.
	want := gazetteer.Kind("")
	switch {
	case next == "province" || next == "provinces" || prev == "provinces" || (prev == "of" && m.Tok[0] > 1 && toks[m.Tok[0]-2].Norm == "provinces"):
		want = gazetteer.Admin1
	case next == "district" || next == "agency" || prev == "district":
		want = gazetteer.Admin2
	case next == "city" || next == "town" || next == "village":
		want = gazetteer.City
	}
	// Other places in the sentence constrain containment.
	var units []*gazetteer.Entry
	var others []*gazetteer.Entry
	isCand := func(e *gazetteer.Entry) bool {
		for _, c := range cands {
			if c == e {
				return true
			}
		}
		return false
	}
	for mi := range c.ms {
		om := &c.ms[mi]
		if om.Kind != durand.PlaceMention || om.Tok == m.Tok || namesRoute(st.doc.Text, toks, om) {
			continue
		}
		for _, id := range om.Places {
			e := g.Get(id)
			// The same name again ("Herat-Islam Qala highway in Ghoryan
			// district, Herat") says nothing about which Herat this is.
			if e == nil || isCand(e) {
				continue
			}
			if e.Rank() < 3 {
				units = append(units, e)
			}
			if om.Tok[1] < m.Tok[0] && m.Tok[0]-om.Tok[1] <= 2 {
				others = append(others, e)
			}
		}
	}
	score := func(e *gazetteer.Entry) float64 {
		sc := 0.0
		switch {
		case want == gazetteer.City && e.Rank() == 3:
			sc += 4
		case want != "" && want != gazetteer.City && e.Kind == want:
			sc += 4
		}
		for _, u := range units {
			if e.Within(u) {
				sc += 3
			}
		}
		// A unit that contains another place of the address is that unit:
		// "Puli Khumri, Baghlan" is the province, not the town. An address
		// runs from small to large, so after a place and a comma a name is
		// more likely a unit than a town ("Charkh Ab, Kunduz").
		for _, o := range others {
			if o.Within(e) {
				sc += 3
				break
			}
		}
		if prev == "," && m.Tok[0] >= 2 && toks[m.Tok[0]-2].Upper && e.Rank() < 3 {
			sc += 1
		}
		if n := st.countries[e.Country]; n > 0 {
			sc += 1
		}
		// A district is mostly named for its central town: without the
		// word "district", the name is the town ("Sufiano neighborhood,
		// Tarin Kot, Uruzgan").
		if want == "" && e.Rank() == 3 {
			for _, o := range cands {
				if o.Kind == gazetteer.Admin2 && e.Within(o) {
					sc += 0.6
					break
				}
			}
		}
		// A bare name is the province, unless a large city shares it.
		switch {
		case e.Kind == gazetteer.Capital || (e.Rank() == 3 && e.Pop >= 100000):
			sc += 1.5
		case e.Kind == gazetteer.Admin1 || e.Kind == gazetteer.Country:
			sc += 1.2
		case e.Kind == gazetteer.Admin2:
			sc += 1.0
		default:
			sc += 0.5
		}
		return sc
	}
	best := cands[0]
	bs := score(best)
	for _, e := range cands[1:] {
		if s := score(e); s > bs {
			best, bs = e, s
		}
	}
	return best
}

// referReach is how many sentences back a definite event noun ("the
// attack") may refer.
const referReach = 3

// refer handles definite event nouns ("the attack", "the blast"): a clause
// that only refers back fills what the earlier event lacks (its casualties,
// its target) instead of making a new event.
func (a *Assembler) refer(st *state, s durand.Sentence, c clause, refs []durand.Mention, quoted []bool, counts bool) bool {
	var ante *draft
	for k := len(st.events) - 1; k >= 0 && s.Index-st.events[k].sent <= referReach; k-- {
		if e := st.events[k]; family(e.ev.Type) == family(refs[0].Trigger.Type) {
			ante = e
			break
		}
	}
	if ante == nil {
		return false
	}
	for mi := range c.ms {
		m := &c.ms[mi]
		// "A rocket fired during the attack hit a house": the weapon of
		// the attack referred to, when its own words named none.
		if m.Kind == durand.TriggerMention && ante.ev.Type == durand.Assault && ante.ev.Mode == "" && m.Trigger.Type == durand.Assault &&
			m.Trigger.Mode != "" && m.Trigger.Mode != "abduct" && !quoted[m.Tok[0]] {
			ante.ev.Mode = m.Trigger.Mode
			a.evidence(st, ante, "mode", m.Span)
		}
		if counts && m.Kind == durand.TriggerMention && m.Trigger.Harm != durand.NoHarm {
			// Fill what the earlier event lacks; a count it has already
			// is the same people reported again, not more of them.
			passive := auxBefore(s.Tokens, m.Tok[0]) >= 0
			tmp := &draft{ev: durand.Event{Fatalities: durand.NoCount, Injured: durand.NoCount, Abducted: durand.NoCount}, tgtM: ante.tgtM}
			a.harm(st, s, c, tmp, m, passive)
			// "A civilian was also killed in the attack": more people.
			also := m.Tok[0] >= 2 && (s.Tokens[m.Tok[0]-1].Norm == "also" || s.Tokens[m.Tok[0]-2].Norm == "also") || addsToPrevious(s.Tokens, c)
			if tmp.toll {
				// A new total of the same dead replaces the count.
				ante.ev.Fatalities, ante.toll = tmp.ev.Fatalities, true
			} else {
				fill(&ante.ev.Fatalities, tmp.ev.Fatalities, also)
			}
			fill(&ante.ev.Injured, tmp.ev.Injured, also)
			fill(&ante.ev.Abducted, tmp.ev.Abducted, also)
			if ante.tgtM == nil {
				ante.tgtM = tmp.tgtM
			}
			ante.ev.Evidence = append(ante.ev.Evidence, tmp.ev.Evidence...)
		}
	}
	if ante.tgtM == nil && !attributedRef(s.Tokens, c, &refs[0]) {
		// "The strikes attempt to hit members of the Hafiz Gul Network":
		// the first actor after the reference is the target.
		for k := range c.ms {
			m := &c.ms[k]
			if m.Tok[0] > refs[0].Tok[1] && a.isActor(m, s.Tokens, c.ms) && !quoted[m.Tok[0]] || (m.Tok[0] > refs[0].Tok[1] && m.Kind == durand.ActorMention) {
				ante.tgtM = m
				a.evidence(st, ante, "target", m.Span)
				break
			}
		}
	}
	// "The incident took place in Quetta": a place named with the
	// reference locates the event, or locates it more precisely when it
	// lies inside the place already known.
	if ps := a.places(st, s, c, ante); len(ps) > 0 && refines(ps, ante.places) {
		ante.places = ps
	}
	return true
}

// attributedRef reports whether the reference ref is the object of an
// attribution: "sources attributed the attack to the Taliban", "blamed
// the bombing on the TTP" name its perpetrator, not its target.
func attributedRef(toks []durand.Token, c clause, ref *durand.Mention) bool {
	for k := ref.Tok[0] - 1; k >= c.from && k >= ref.Tok[0]-3; k-- {
		if attributionVerbs.has(toks[k].Norm) {
			return true
		}
	}
	return false
}

// attributionVerbs lay an attack at someone's door: "sources attributed
// the attack to the Taliban", "blamed the bombing on the TTP".
var attributionVerbs = set("attributed", "attributes", "attribute", "blamed", "blames", "blame")

// refines reports whether places ps may replace an event's places old:
// old is empty, or every new place is finer than and inside an old one.
func refines(ps, old []placeRef) bool {
	for _, p := range ps {
		ok := false
		for _, o := range old {
			if p.e.Rank() > o.e.Rank() && p.e.Within(o.e) {
				ok = true
			}
		}
		if !ok && len(old) > 0 {
			return false
		}
	}
	return true
}

func (a *Assembler) evidence(st *state, d *draft, field string, sp durand.Span) {
	for _, e := range d.ev.Evidence {
		if e.Field == field && e.Start == sp.Start {
			return
		}
	}
	d.ev.Evidence = append(d.ev.Evidence, durand.Evidence{Doc: st.doc.ID, Field: field, Start: sp.Start, End: sp.End, Text: sp.Text(st.doc.Text)})
}

// releasesThing reports whether the object after a release or withdrawal
// verb (at toks[i:]) is a thing, not people or forces: "released a large
// amount of water", "released a statement", "withdrew funds".
func releasesThing(c clause, toks []durand.Token, i int) bool {
	for k := i; k < c.to && k < i+5; k++ {
		if c.covers(durand.ActorMention, k) || c.covers(durand.NumberMention, k) || c.covers(durand.PlaceMention, k) {
			return false
		}
		if releasedThings.has(toks[k].Norm) {
			return true
		}
	}
	return false
}

var releasedThings = set("water", "statement", "statements", "video", "videos", "report", "reports", "funds", "fund", "data",
	"figures", "footage", "details", "document", "documents", "budget", "money", "results", "images", "photos", "pictures",
	"audio", "recording", "findings", "guidelines", "schedule", "list", "names", "tranche", "payment", "payments", "balloons")

// afterAbduction reports whether the casualty word t follows an abduction
// of the same people: "abducted and killed", "kidnapped and later shot
// dead".
func afterAbduction(c clause, toks []durand.Token, t *durand.Mention) bool {
	k := t.Tok[0] - 1
	for k > c.from && (toks[k].Norm == "later" || toks[k].Norm == "then" || toks[k].Norm == "subsequently") {
		k--
	}
	if k <= c.from || toks[k].Norm != "and" {
		return false
	}
	for mi := range c.ms {
		m := &c.ms[mi]
		if m.Kind == durand.TriggerMention && m.Tok[1] == k && m.Trigger.Harm == durand.Abducted {
			return true
		}
	}
	return false
}

// tellsEarlier reports whether the clause tells of what came before the
// rest of its sentence: a sentence's opening subordinate clause, or one
// that opens with "after" or "following".
func (c clause) tellsEarlier(toks []durand.Token) bool {
	return c.opens || c.from < c.to && (toks[c.from].Norm == "after" || toks[c.from].Norm == "following")
}

// ownEvents appends to trigs, as asserted event nouns, the clause's
// trigger mentions that the references refs (copies) were taken from:
// definite nouns that refer to no earlier event name one of their own.
func ownEvents(c clause, refs []durand.Mention, trigs []trig) []trig {
	for _, r := range refs {
		for k := range c.ms {
			if c.ms[k].Tok == r.Tok && c.ms[k].Kind == durand.TriggerMention {
				trigs = append(trigs, trig{m: &c.ms[k], noun: true, mod: durand.Asserted, accuser: -1})
			}
		}
	}
	return trigs
}

// title reports whether token i is a one-word agent written as a title
// before a name no dictionary knows: "Doctor Khalil-ur-Rahman".
func title(c clause, toks []durand.Token, i int) bool {
	if i+1 >= c.to || !toks[i+1].Upper || !toks[i+1].IsWord() || c.kinds[i+1] != 0 || c.covers(durand.ActorMention, i-1) {
		return false
	}
	for k := range c.ms {
		if m := &c.ms[k]; m.Tok[0] == i {
			return m.Kind == durand.ActorMention && m.Tok[1] == i+1 && m.Actor == nil && m.Nation == ""
		}
	}
	return false
}
