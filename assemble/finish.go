package assemble

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
)

// talibanTakeover is when Afghanistan's government became the Taliban's:
// country names and capitals act for the government of their day.
var talibanTakeover = time.Date(2021, 8, 15, 0, 0, 0, 0, time.UTC)

var sectorCode = map[string]string{
	"military": "MIL", "police": "POL", "government": "GOV", "paramilitary": "PAR", "intelligence": "INT",
	"insurgent": "REB", "civilians": "CIV", "refugees": "CIV", "protesters": "CIV", "unknown": "UNK", "opposition": "OPP",
}

// actor turns an actor mention into an output actor for an event on day t
// in country where ("" when it has none, or several).
func (a *Assembler) actor(st *state, m *durand.Mention, t time.Time, where string) durand.Actor {
	name := m.Span.Text(st.doc.Text)
	if m.Actor != nil {
		r, ok := m.Actor.AtIn(t, where, actorName(name, m))
		if !ok {
			r, _ = m.Actor.At(time.Time{})
		}
		act := r.Actor()
		sector := ""
		switch {
		case m.Agent != nil && (m.Agent.Sector == "military" || m.Agent.Sector == "police"):
			sector = m.Agent.Sector // "Afghan Taliban forces" since 2021: the state's forces
		case m.Agent == nil && strings.IndexByte(name, ' ') > 0 && armedNoun(lastWord(name)):
			sector = "military" // "Taliban fighters", one name of the dictionary
		}
		if sector != "" && r.Sector == "government" {
			act.Sector = sector
			if c, ok := strings.CutSuffix(string(act.Code), ".GOV"); ok {
				act.Code = durand.ActorCode(c + "." + sectorCode[sector])
			}
		}
		return act
	}
	if m.Agent != nil {
		sector := m.Agent.Sector
		country := m.Nation
		code := string(m.Agent.Code)
		if suffix, ok := strings.CutPrefix(code, "~"); ok {
			// A dictionary agent that appends its code to the actor's
			// (CAMEO: ARN + GOV): the country's when one is named.
			if country != "" {
				code = country + "." + suffix
			} else {
				code = suffix
			}
			return durand.Actor{Code: durand.ActorCode(code), Name: name, Country: country, Sector: sector}
		}
		if country != "" {
			if c, ok := sectorCode[sector]; ok && c != "REB" && c != "UNK" {
				if c == "CIV" {
					code = "CIV"
				} else {
					code = country + "." + c
				}
			} else {
				code = country + "." + sectorCode[sector]
			}
		}
		if code == "" {
			code = strings.ToUpper(sectorCode[sector])
		}
		return durand.Actor{Code: durand.ActorCode(code), Name: name, Country: country, Sector: sector}
	}
	// A state: a country name, capital or nationality alone.
	country := m.Nation
	act := durand.Actor{Code: durand.ActorCode(country + ".GOV"), Name: "Government of " + a.lx.Countries[country], Country: country, Sector: "government"}
	if country == "AFG" && !t.IsZero() && !t.Before(talibanTakeover) {
		act.Name = "Taliban (Afghan de facto government)"
	}
	if m.Kind == durand.ActorMention && m.Nation != "" && m.Agent == nil {
		// "the Pakistani attack": the state's forces when it acts by force.
		act.Name = name
	}
	return act
}

// actorName is the words of a mention's actor name, without the agent
// that may follow it ("Taliban" in "Taliban commander").
func actorName(text string, m *durand.Mention) string {
	if m.Agent != nil && m.Tok[1]-m.Tok[0] > 1 {
		if i := strings.LastIndexByte(text, ' '); i > 0 && strings.EqualFold(text[i+1:], m.Agent.Name) {
			return text[:i]
		}
	}
	return text
}

// placeRoles reports whether an actor has a role limited to a place.
func placeRoles(def *durand.ActorDef) bool {
	return slices.ContainsFunc(def.Roles, func(r durand.ActorRole) bool { return r.In != nil })
}

// fightingIn is the country where a draft's violent event took place, for
// the roles limited to a place ("Taliban militants" fighting in
// Pakistan): the country of all its places or, when it names none, of all
// the document's located violent events, so that one name reads the same
// in every event of a report. It is "" when the event is not violent (a
// threat or a statement names the country it addresses), or when no
// single country holds the places.
func (st *state) fightingIn(d *draft) string {
	if !d.ev.Type.Violent() {
		return ""
	}
	if len(d.places) > 0 {
		c, _ := placesCountry("", d.places)
		return c
	}
	// The events no later sentence can change are folded once (a report
	// of thousands of events would otherwise be read again for each
	// claim); the others, of the last few sentences, each time.
	for st.settled < len(st.events) && st.events[st.settled].sent < st.sent-referReach {
		st.fought.add(st.events[st.settled])
		st.settled++
	}
	f := st.fought
	for _, e := range st.events[st.settled:] {
		f.add(e)
	}
	return f.country()
}

// countryFold is the country of the places of violent events: "" until
// one is placed, and for good once two countries are named.
type countryFold struct {
	c     string
	mixed bool
}

// add folds in the places of e when it is violent.
func (f *countryFold) add(e *draft) {
	if f.mixed || !e.ev.Type.Violent() {
		return
	}
	c, ok := placesCountry(f.c, e.places)
	f.c, f.mixed = c, !ok
}

func (f countryFold) country() string {
	if f.mixed {
		return ""
	}
	return f.c
}

// placesCountry returns c, or the country of the places when c is "",
// and whether all the places with a country are in it.
func placesCountry(c string, places []placeRef) (string, bool) {
	for _, p := range places {
		switch {
		case p.e == nil || p.e.Country == "":
		case c == "":
			c = p.e.Country
		case c != p.e.Country:
			return "", false
		}
	}
	return c, true
}

func (a *Assembler) resolveActors(st *state, d *draft) {
	t := d.ev.Date.Start
	if t.IsZero() {
		t = st.doc.Published
	}
	if d.srcM != nil && d.ev.Type.Violent() && site(st.doc.Text, d.srcM) && len(d.srcCo) == 0 {
		// "Police station attack kills five", "Checkpoint attack kills
		// three soldiers": a post or a base is attacked; it attacks no
		// one.
		if d.tgtM == nil {
			d.tgtM = d.srcM
		}
		d.srcM = nil
	}
	if d.srcM != nil && d.tgtM != nil && slices.Contains(d.srcCo, d.tgtM) {
		// "clashes between the TTP and Pakistani troops": one
		// coordination read as both sides' conjuncts. In a reciprocal
		// event it is the dyad below; otherwise each side keeps its own
		// and loses the other's.
		both := func(m *durand.Mention) bool { return m == d.srcM || m == d.tgtM }
		if reciprocal[d.ev.Type] || d.mutual {
			d.srcCo = slices.DeleteFunc(d.srcCo, both)
			for _, m := range d.tgtCo {
				if !both(m) && !slices.Contains(d.srcCo, m) {
					d.srcCo = append(d.srcCo, m)
				}
			}
			d.srcCo = append(d.srcCo, d.tgtM)
			d.tgtM, d.tgtCo = nil, nil
		} else {
			d.srcCo = slices.DeleteFunc(d.srcCo, both)
			d.tgtCo = slices.DeleteFunc(d.tgtCo, both)
		}
	}
	if d.srcM == nil && d.victims && len(d.sides) > 0 && d.ev.Type == durand.Fight && armedMention(d.tgtM) {
		// "three soldiers and 19 Taliban insurgents were killed in
		// clashes": the dead by side name the fight's sides.
		d.tgtCo = append(d.tgtCo, d.sides...)
	}
	if d.victims && d.attacked != nil && d.tgtM != nil && d.tgtM != d.attacked && anyone(d.tgtM) && len(d.sides) == 0 {
		// "Eight people are killed in a suicide attack on a military
		// post", "three people killed in a bombing on a police vehicle":
		// the dead are counted, the post is what was attacked.
		d.tgtM, d.tgtCo = d.attacked, nil
	}
	state := func(m *durand.Mention) bool { return stateSectors[mentionSector(m, t)] }
	if d.srcM == nil && d.victims && len(d.sides) > 0 && d.ev.Type == durand.Assault && d.attacked != nil && state(d.attacked) {
		// "seven police officers and six militants were killed in an
		// attack on a police training centre": of the dead by side of an
		// attack on a state's forces, the armed non-state ones were the
		// attackers.
		nonState := func(m *durand.Mention) bool { return armedMention(m) && !state(m) }
		switch i := slices.IndexFunc(d.sides, state); {
		case nonState(d.tgtM) && i >= 0:
			d.srcM, d.tgtM = d.tgtM, d.sides[i]
		case state(d.tgtM):
			if i := slices.IndexFunc(d.sides, nonState); i >= 0 {
				d.srcM = d.sides[i]
			}
		}
	}
	if d.srcM == nil && d.tgtM != nil && len(d.tgtCo) > 0 && (d.mutual || d.victims && d.ev.Type == durand.Fight) {
		// "fighting between Pakistani and Afghan forces", "two soldiers
		// and three militants were killed in clashes": parties acting on
		// each other, or a fight's dead by side, with no one else named,
		// are the dyad too.
		d.srcM, d.srcCo, d.tgtM, d.tgtCo = d.tgtM, d.tgtCo, nil, nil
	}
	if d.between && d.ev.Type == durand.Assault && d.srcM != nil && (d.tgtM != nil || len(d.srcCo) > 0) {
		// "artillery firing between Pakistan and India": two sides
		// firing at each other fight.
		d.ev.Type = durand.Fight
	}
	if d.srcM != nil && d.tgtM == nil && len(d.srcCo) > 0 && (reciprocal[d.ev.Type] || d.mutual) {
		// "Gondor and Osgiliath renewed ties", "the army and the Taliban
		// clashed", "A and B postponed their meeting": with no one else
		// named, the first actor's other side is the rest, as a dyad, not
		// a crowd of sources.
		all := append([]*durand.Mention{d.srcM}, d.srcCo...)
		first := 0
		for k, m := range all {
			if m.Tok[0] < all[first].Tok[0] {
				first = k
			}
		}
		d.srcM = all[first]
		d.srcCo = nil
		d.tgtM = nil
		for k, m := range all {
			if k == first {
				continue
			}
			if d.tgtM == nil {
				d.tgtM = m
			} else {
				d.tgtCo = append(d.tgtCo, m)
			}
		}
	}
	if d.srcM != nil && d.tgtM != nil && d.srcM.Span == d.tgtM.Span && d.ev.Type.Violent() {
		// One mention on both sides: whoever it is was attacked ("An
		// explosive device attached to the vehicle of the district police
		// chief detonated"), as no one is their own attacker.
		d.srcM, d.srcCo = nil, nil
	}
	if d.srcM != nil {
		d.ev.Source = a.side(st, d, d.srcM, d.srcCo, t, byForce(&d.ev), "source")
	}
	if d.tgtM != nil {
		// "India and Pakistan clashed": both sides' forces fought.
		d.ev.Target = a.side(st, d, d.tgtM, d.tgtCo, t, d.ev.Type == durand.Fight, "target")
	}
	if len(d.ev.Source) == 1 && len(d.ev.Target) == 1 && sameActor(d.ev.Source[0], d.ev.Target[0]) && d.ev.Type == durand.Assault {
		// No one attacks themselves: two mentions of one actor on both
		// sides ("the Tajik government says drone strikes killed two
		// Tajik citizens") leave the attacker unknown.
		d.ev.Source = d.ev.Source[:0]
	}
}

// anyone reports whether an actor mention names people of no kind:
// "people", "persons", "others".
func anyone(m *durand.Mention) bool {
	if m.Actor != nil || m.Nation != "" || m.Agent == nil {
		return false
	}
	switch strings.ToLower(m.Agent.Name) {
	case "people", "persons", "person", "others":
		return true
	}
	return false
}

// side resolves the actors of one side of an event, first and those
// conjoined with it, on day t, with their evidence under field; a state
// named alone is its forces when force is set.
func (a *Assembler) side(st *state, d *draft, first *durand.Mention, co []*durand.Mention, t time.Time, force bool, field string) []durand.Actor {
	out := cut(&st.actors, 1+len(co))
	where, placed := "", false // worked out for the first actor whose role depends on it
	for k := -1; k < len(co); k++ {
		m := first
		if k >= 0 {
			m = co[k]
		}
		if !placed && m.Actor != nil && placeRoles(m.Actor) {
			where, placed = st.fightingIn(d), true
		}
		act := a.actor(st, m, t, where)
		if force && m.Agent == nil {
			act = armed(act)
		}
		out = addActor(out, act)
		a.evidence(st, d, field, m.Span)
	}
	return out
}

// armedPeople end the names of a movement's armed men: when the movement
// governs, they are its state's forces.
var armedPeople = []string{"fighters", "forces", "troops", "soldiers", "militants", "insurgents", "gunmen", "guards", "commandos"}

// armedNoun reports whether a word, in any case, is one of armedPeople.
func armedNoun(w string) bool { return foldIn(armedPeople, w) }

// foldIn reports whether w is one of words, in any case, without copying
// it to lower case.
func foldIn(words []string, w string) bool {
	return slices.ContainsFunc(words, func(n string) bool { return strings.EqualFold(w, n) })
}

// lastWord returns the last word of a name.
func lastWord(name string) string {
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// sameActor reports whether two actors are one: one state's body, or one
// group or kind of people by name.
func sameActor(a, b durand.Actor) bool {
	return a.Code == b.Code && (a.Country != "" && a.Country == b.Country || a.Name == b.Name)
}

// stateSectors are the sectors of a state's armed forces.
var stateSectors = map[string]bool{"military": true, "police": true, "paramilitary": true, "intelligence": true}

// site reports whether an actor mention names the forces by a place
// they hold ("police station", "checkpoint", "army post", "air base").
func site(text string, m *durand.Mention) bool {
	if m.Agent == nil {
		return false
	}
	return siteNoun(lastWord(m.Span.Text(text)))
}

// siteNoun reports whether a word, in any case, names a place that forces
// hold.
func siteNoun(w string) bool { return foldIn(siteNouns, w) }

var siteNouns = []string{"station", "post", "checkpoint", "base", "airbase", "outpost", "camp", "camps", "cantonment",
	"headquarters", "compound", "embassy", "consulate", "hideout", "hideouts"}

// armed returns a state acting by force as its military: a government
// named for the state it runs.
func armed(act durand.Actor) durand.Actor {
	if act.Sector != "government" {
		return act
	}
	act.Sector = "military"
	if code, ok := strings.CutSuffix(string(act.Code), ".GOV"); ok {
		act.Code = durand.ActorCode(code + ".MIL")
	}
	if country, ok := strings.CutPrefix(act.Name, "Government of "); ok {
		act.Name = "Armed forces of " + country
	}
	return act
}

// reciprocal are the types whose coordinated subjects act on each other:
// talks, cooperation, agreement and clashes.
var reciprocal = map[durand.EventType]bool{durand.Consult: true, durand.Cooperate: true, durand.Agree: true, durand.Fight: true}

// addActor appends act unless the side has its code already.
func addActor(side []durand.Actor, act durand.Actor) []durand.Actor {
	for _, x := range side {
		if x.Code == act.Code {
			return side
		}
	}
	return append(side, act)
}

// finish merges restatements into the events they restate, splits events
// listed at several places, and fills the derived fields.
func (a *Assembler) finish(st *state) []durand.Event {
	// Resolve actors now that references and claims have had their say.
	// Every event is settled for fightingIn: resolving changes no place,
	// and an attack made a fight is violent still.
	st.sent = math.MaxInt
	for _, d := range st.events {
		a.resolveActors(st, d)
	}
	st.events = mergeComplements(st.events)
	var kept, led []*draft // led: the lede's events that headline events merged into
	for i, d := range st.events {
		var host *draft
		beside := false // d counts the host's attackers, dead beside its victims
		if d.sent == 0 && st.headline {
			// What the headline names and the lede leaves out (the
			// place, the attacker) is the event's.
			// Where both say it, the finer place and the exact count
			// win: "Blast in Peshawar kills three" over "A blast near a
			// mosque in Pakistan killed at least three".
			if host = lede(st, d); host != nil {
				if len(d.places) > 0 && (len(host.places) == 0 || d.places[0].e != host.places[0].e && d.places[0].e.Within(host.places[0].e)) {
					host.places = d.places
				}
				if len(host.ev.Source) == 0 {
					host.ev.Source, host.srcM = d.ev.Source, d.srcM
				}
				host.ev.Fatalities = exacter(host.ev.Fatalities, d.ev.Fatalities)
				host.ev.Injured = exacter(host.ev.Injured, d.ev.Injured)
				if !slices.Contains(led, host) {
					led = append(led, host)
				}
			}
		}
		if host == nil {
			host, beside = a.subsumer(st, i)
		}
		if host != nil {
			d.into, host.tookIn = host, true
			host.ev.Evidence = append(host.ev.Evidence, d.ev.Evidence...)
			switch {
			case d.toll && !d.tollAll && !host.toll:
				// The running total replaces the first count. A toll only
				// rises: one below the count is an earlier report.
				if d.ev.Fatalities.Best >= host.ev.Fatalities.Best {
					host.ev.Fatalities = d.ev.Fatalities
				}
				host.toll = true
			case beside:
				host.ev.Fatalities = addCount(host.ev.Fatalities, d.ev.Fatalities)
			case host.toll && !d.tollAll && d.ev.Fatalities.Best > host.ev.Fatalities.Best:
				// Of two reports of one running total ("the toll rises to
				// 25", "the toll climbs to 43", "bombers kill 78") the
				// higher is the later.
				host.ev.Fatalities = d.ev.Fatalities
			default:
				fill(&host.ev.Fatalities, d.ev.Fatalities, false)
			}
			fill(&host.ev.Injured, d.ev.Injured, false)
			fill(&host.ev.Abducted, d.ev.Abducted, false)
			host.ev.Targeted = host.ev.Targeted || d.ev.Targeted
			if host.ev.Mode == "" && host.ev.Type == d.ev.Type {
				// The restatement names the weapon the host's words did
				// not: "assailants attacked …; a rocket fired during the
				// attack hit a house".
				host.ev.Mode = d.ev.Mode
			}
			if len(host.ev.Target) == 0 {
				// Not the host's own named side: the hijackers among the
				// dead the report goes on to count are not their own
				// target. (Bare "civilians", "militants" may be other
				// people of the same kind.)
				for _, act := range d.ev.Target {
					if string(act.Code) == sectorCode[act.Sector] || !slices.ContainsFunc(host.ev.Source, func(s durand.Actor) bool { return s.Code == act.Code }) {
						host.ev.Target = append(host.ev.Target, act)
					}
				}
			}
			continue
		}
		kept = append(kept, d)
	}
	if len(led) > 0 {
		// The events the headline announced come first, where it stood
		// (unless they restated another event in turn).
		led = slices.DeleteFunc(led, func(d *draft) bool { return d.into != nil })
		kept = slices.DeleteFunc(kept, func(d *draft) bool { return slices.Contains(led, d) })
		kept = append(led, kept...)
	}
	// The events merged and the places headlines gave are folded anew.
	st.fought, st.settled = countryFold{}, 0
	for _, d := range st.unasserted {
		a.resolveActors(st, d)
	}
	kept = append(kept, st.unasserted...)
	var out []durand.Event
	if len(kept) > 0 {
		out = make([]durand.Event, 0, len(kept))
	}
	for _, d := range kept {
		if len(d.ev.Source) == 0 && len(d.ev.Target) == 0 && !d.ev.Type.Violent() {
			continue // "the talks led to a ceasefire": nobody to code
		}
		if len(d.ev.Source) == 0 && len(d.ev.Target) == 0 && !d.ev.Fatalities.Known() && !d.ev.Injured.Known() && !d.ev.Abducted.Known() && len(d.places) == 0 {
			continue
		}
		if sp, ok := suicideAttacker(st, d); ok {
			// UCDP, ACLED and GTD all count the suicide attacker among an
			// attack's dead. A report that gives the victims' toll and
			// says nothing of the attacker's fate ("Suicide bomber kills
			// eight") adds one to the best estimate and the high; the low
			// stays the text's own count.
			d.ev.Fatalities = addCount(d.ev.Fatalities, durand.Count{Best: 1, Low: 0, High: 1})
			a.evidence(st, d, "fatalities", sp)
		}
		out = a.split(out, st, d)
	}
	return out
}

// localSectors are the forces that serve the state they stand in: bare
// "police", "soldiers", "security forces" at a place in Pakistan are
// Pakistan's, as ACLED codes them ("Police Forces of Pakistan"). A bare
// "government" or "officials" is left alone: statements come from abroad.
var localSectors = map[string]bool{"military": true, "police": true, "paramilitary": true}

// localForces returns side with its bare forces (no country named) made
// the forces of country, where the event took place; side itself when
// none is bare, else a copy.
func localForces(st *state, side []durand.Actor, country string) []durand.Actor {
	bare := func(a durand.Actor) bool { // an opposition, too, opposes where it stands
		return a.Country == "" && (localSectors[a.Sector] || a.Sector == "opposition") && string(a.Code) == sectorCode[a.Sector]
	}
	if !slices.ContainsFunc(side, bare) {
		return side
	}
	out := cut(&st.actors, len(side))
	for _, a := range side {
		if bare(a) {
			a.Country, a.Code = country, durand.ActorCode(country+"."+string(a.Code))
		}
		out = append(out, a)
	}
	return out
}

// evidenceAt copies the evidence of an event at place p (all of it when p
// names no place; else all but the other places' names) into an array cut
// to its length from the document's shared one.
func evidenceAt(st *state, all []durand.Evidence, p placeRef) []durand.Evidence {
	keep := func(e *durand.Evidence) bool {
		return p.e == nil || e.Field != "place" && e.Field != "locality" || e.Start == p.m.Span.Start || e.Start == p.locality.Start && p.locality.End > 0
	}
	n := 0
	for i := range all {
		if keep(&all[i]) {
			n++
		}
	}
	out := cut(&st.evidence, n)
	for i := range all {
		if keep(&all[i]) {
			out = append(out, all[i])
		}
	}
	return out
}

// suicideAttacker returns the trigger naming the one suicide attacker of a
// suicide attack whose toll the text gives and whose attacker's fate it
// leaves unsaid, so that the toll leaves the attacker out: ok is false
// when the text counts or tells of the attacker ("in addition to the
// assailant", "the bomber was killed", "including the bomber", "six
// soldiers and six militants are killed"), names
// several attackers, or gives no toll.
func suicideAttacker(st *state, d *draft) (durand.Span, bool) {
	if d.ev.Mode != "suicide" || d.ev.Type != durand.Assault || !d.ev.Fatalities.Known() || !d.ev.Modality.Reported() {
		return durand.Span{}, false
	}
	var sp durand.Span
	for _, e := range d.ev.Evidence {
		if e.Field == "trigger" && len(e.Text) >= len("suicide") && strings.EqualFold(e.Text[:len("suicide")], "suicide") {
			sp = durand.Span{Start: e.Start, End: e.End}
			break
		}
	}
	if name := sp.Text(st.doc.Text); sp == (durand.Span{}) || strings.HasSuffix(name, "s") && !strings.HasSuffix(name, "ss") {
		return durand.Span{}, false // "suicide bombers", "suicide attacks": how many attackers is unsaid
	}
	if st.attackerTold == 0 {
		// Read once per document: read for each attack, the text made
		// extraction quadratic in its length.
		st.attackerTold = 1
		if attackerTold(st.text.Text(st.doc.Text)) {
			st.attackerTold = 2
		}
	}
	return sp, st.attackerTold == 1
}

// attackerTold reports whether a text tells of an attacker's fate ("the
// bomber was killed", "the assailant died") or lists an attacker with
// others ("including the bomber", "six soldiers and six militants").
func attackerTold(text string) bool {
	// One pass over the words, lower-cased in a small buffer (no
	// allocation).
	var buf [16]byte
	listed := false   // the last word that is no determiner or count opens a list of the dead
	attacker := false // the word before is an attacker noun
	for i := 0; i < len(text); {
		if !asciiLetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && asciiLetter(text[j]) {
			j++
		}
		w := text[i:j]
		i = j
		if len(w) > len(buf) {
			listed, attacker = false, false
			continue
		}
		lw := buf[:copy(buf[:], w)]
		for k, c := range lw {
			if 'A' <= c && c <= 'Z' {
				lw[k] = c + 'a' - 'A'
			}
		}
		// What the text says of the attacker's fate, after the noun or
		// before it (past "the", "suicide" and counts).
		if attacker && attackerFate[string(lw)] {
			return true
		}
		attacker = attackerNouns[string(lw)]
		if attacker && listed {
			return true
		}
		if !attackerSkip[string(lw)] {
			listed = attackerListed[string(lw)]
		}
	}
	return false
}

func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

var (
	attackerNouns = map[string]bool{"bomber": true, "bombers": true, "assailant": true, "assailants": true, "attacker": true, "attackers": true, "perpetrator": true, "perpetrators": true,
		"militant": true, "militants": true, "insurgent": true, "insurgents": true, "terrorist": true, "terrorists": true}
	attackerFate   = map[string]bool{"was": true, "were": true, "is": true, "are": true, "also": true, "died": true, "dies": true, "survived": true, "escaped": true, "fled": true, "had": true}
	attackerSkip   = map[string]bool{"the": true, "a": true, "an": true, "suicide": true, "one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "both": true, "his": true}
	attackerListed = map[string]bool{"including": true, "to": true, "besides": true, "plus": true, "and": true, "of": true}
)

// subsumer returns an event that event i merely restates in less detail
// (same type family, compatible actors and dates, no place of its own or a
// place containing the other's), or nil. Headlines and summary sentences
// ("Islamabad has attacked targets in Afghanistan before") restate.
func (a *Assembler) subsumer(st *state, i int) (*draft, bool) {
	d := st.events[i]
	// A report with a place of its own is an event of its own, unless it
	// gives a running total: "Quetta blast toll rises to 84" restates
	// "Bomb kills 64 in Quetta".
	placed := len(d.places) > 0 && d.places[0].e.Rank() > 0
	if d.explicit || placed && (!d.toll || d.tookIn) {
		return nil, false // (an event that took in a toll is no restatement itself)
	}
	fam := family(d.ev.Type)
	if fam != durand.Assault && d.ev.Date.Precision != durand.DateUnknown {
		return nil, false // separate statements on one day are separate events
	}
	own := attackersDead(st, d)
	from := max(0, i-narrativeReach)
	for j, h := range st.events[from:] {
		j += from
		if j > i && h.sent-d.sent > 1 && d.sent > 0 {
			break // a restatement looks back, or is the headline (the events are in the order of their sentences)
		}
		for h.into != nil {
			h = h.into // merged already: the restatement is of its host
		}
		if j == i || h == d || family(h.ev.Type) != fam {
			continue
		}
		if own && j < i && d.sent-h.sent <= 1 && h.ev.Date.Overlaps(d.ev.Date) && attackOnState(h) {
			return h, true // its attackers' dead
		}
		specific := len(h.places) > 0 && h.places[0].e.Rank() > 0 || h.explicit || h.ev.Date.Precision != durand.DateUnknown && d.ev.Date.Precision == durand.DateUnknown
		// The next sentence's placeless report by the same side goes on
		// about an event placed in a country: "The Jaffar Express … in
		// Pakistan is hijacked by the BLA … The BLA claims it killed more
		// than 30 soldiers."
		specific = specific || len(h.places) > 0 && d.sent == h.sent+1 && len(d.ev.Source) > 0 && len(d.places) == 0 &&
			d.ev.Type == h.ev.Type && (d.ev.Mode == "" || d.ev.Mode == h.ev.Mode)
		if !specific || !h.ev.Date.Overlaps(d.ev.Date) || d.ev.Fatalities.Known() && h.ev.Fatalities.Known() && !d.toll && !h.toll {
			continue
		}
		if !sameSide(d.ev.Source, h.ev.Source) || d.ev.Type == durand.Assault && h.ev.Type == durand.Assault && twoWeapons(d.ev.Mode, h.ev.Mode) {
			continue // one shot dead is not among an air strike's dead
		}
		if placed {
			if len(h.places) != 1 || h.places[0].e != d.places[0].e {
				continue // a toll at a place restates the one event there
			}
		} else if len(d.places) > 0 && len(h.places) > 0 && !h.places[0].e.Within(d.places[0].e) {
			continue
		}
		return h, false
	}
	return nil, false
}

// standOff are the modes of attack from afar, by air or by guns; inHand
// those of attackers at hand. An attack told with one of each is two
// events. Bombs go off in both, a targeted killing may be by drone, and
// in a fight "fire" may be the guns' ("exchange artillery fire").
var (
	standOff = map[string]bool{"aerial": true, "drone": true, "shelling": true}
	inHand   = map[string]bool{"firearms": true, "primitive": true, "abduct": true, "beat": true, "torture": true, "sexual": true}
)

// twoWeapons reports whether modes a and b cannot be one attack's.
func twoWeapons(a, b string) bool {
	return standOff[a] && inHand[b] || inHand[a] && standOff[b]
}

// attackerWords name the people who carry out an attack.
var attackerWords = set("attacker", "attackers", "assailant", "assailants", "gunman", "gunmen", "bomber", "bombers", "militant",
	"militants", "terrorist", "terrorists", "insurgent", "insurgents", "hijacker", "hijackers")

// attackersDead reports whether d only counts attackers dead, with no one
// said to have killed them and no place of its own: "Four attackers are
// killed", after the attack they carried out. They are that attack's
// dead, beside its victims.
func attackersDead(st *state, d *draft) bool {
	if family(d.ev.Type) != durand.Assault || !d.victims || d.tgtM == nil || len(d.ev.Source) > 0 || len(d.places) > 0 || !d.ev.Fatalities.Known() {
		return false
	}
	name := d.tgtM.Span.Text(st.doc.Text)
	if k := strings.LastIndexByte(name, ' '); k >= 0 {
		name = name[k+1:]
	}
	return attackerWords.has(strings.ToLower(name))
}

// attackOnState reports whether h is an attack by non-state attackers
// (or unnamed ones) on a state's forces or on civilians: one whose
// attackers a report may go on to count among the dead.
func attackOnState(h *draft) bool {
	if h.ev.Type != durand.Assault || len(h.ev.Target) == 0 { // (a fight's dead are of both sides already)
		return false
	}
	ofState := func(a durand.Actor) bool { return a.Country != "" || localSectors[a.Sector] } // bare "police" take their country later
	for _, t := range h.ev.Target {
		if !ofState(t) && t.Code != "CIV" {
			return false
		}
	}
	return !slices.ContainsFunc(h.ev.Source, ofState)
}

// lede returns the event of the lede (the first two sentences after the
// headline) that the headline's event d announces: "Pakistani troops kill
// 12 militants in North Waziristan" over "Pakistani security forces killed
// 12 militants in an operation in North Waziristan on Sunday". Nothing the
// two say may disagree: the type's family, either side, the place (one
// within the other) and the counts.
func lede(st *state, d *draft) *draft {
	for _, h := range st.events {
		if h.sent > 2 {
			break // (the events are in the order of their sentences)
		}
		if h.sent == 0 || family(h.ev.Type) != family(d.ev.Type) || !h.ev.Date.Overlaps(d.ev.Date) || !samePlace(d, h) {
			continue
		}
		if !agreeingSides(d.ev.Source, h.ev.Source) || !agreeingSides(d.ev.Target, h.ev.Target) {
			continue
		}
		if !agreeingCounts(d.ev.Fatalities, h.ev.Fatalities) || !agreeingCounts(d.ev.Injured, h.ev.Injured) || !agreeingCounts(d.ev.Abducted, h.ev.Abducted) {
			continue
		}
		return h
	}
	return nil
}

// exacter returns b when it is an exact count and a is not (a range, a
// lower bound), else a.
func exacter(a, b durand.Count) durand.Count {
	exact := func(c durand.Count) bool { return c.Best >= 0 && c.Low == c.Best && c.High == c.Best }
	if exact(b) && !exact(a) {
		return b
	}
	return a
}

// agreeingSides reports whether two reports of an event name the same
// side, or one of them names none.
func agreeingSides(a, b []durand.Actor) bool {
	return len(a) == 0 || len(b) == 0 || sameSide(a, b)
}

// agreeingCounts reports whether two counts of the same people can both
// be right: one is unknown, or their ranges meet.
func agreeingCounts(a, b durand.Count) bool {
	if !a.Known() || !b.Known() {
		return true
	}
	lo := func(c durand.Count) int {
		if c.Low >= 0 {
			return c.Low
		}
		return max(c.Best, 0)
	}
	hi := func(c durand.Count) int {
		if c.High >= 0 {
			return c.High
		}
		if c.Best >= 0 && c.Low < 0 {
			return c.Best
		}
		return math.MaxInt
	}
	return lo(a) <= hi(b) && lo(b) <= hi(a)
}

// mergeComplements joins events of one type from one sentence when one
// has the source the other lacks: "the Taliban condemned the attack while
// accusing Islamabad" is one accusation.
func mergeComplements(ds []*draft) []*draft {
	out := ds[:0] // filtered in place: the kept never overtake the ones still to be read
	from := 0     // out[from:] are the kept of d's sentence (ds is in the order of the sentences)
	for _, d := range ds {
		if len(out) > 0 && out[len(out)-1].sent != d.sent {
			from = len(out)
		}
		merged := false
		for _, o := range out[from:] {
			if o.ev.Type != d.ev.Type || d.ev.Type.Violent() {
				continue
			}
			if (len(o.ev.Source) == 0 || len(d.ev.Source) == 0 || o.ev.Source[0].Code == d.ev.Source[0].Code) &&
				(len(o.ev.Target) == 0 || len(d.ev.Target) == 0) {
				if len(o.ev.Source) == 0 {
					o.ev.Source, o.srcM = d.ev.Source, d.srcM
				}
				if len(o.ev.Target) == 0 {
					o.ev.Target, o.tgtM = d.ev.Target, d.tgtM
				}
				o.ev.Evidence = append(o.ev.Evidence, d.ev.Evidence...)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, d)
		}
	}
	return out
}

func sameSide(a, b []durand.Actor) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == 0
	}
	return a[0].Code == b[0].Code || (a[0].Country != "" && a[0].Country == b[0].Country && a[0].Sector != "insurgent" && b[0].Sector != "insurgent")
}

// split appends to out one event per place when a report lists several, dividing
// the casualties so that their sum is the reported total: no death is
// counted twice.
func (a *Assembler) split(out []durand.Event, st *state, d *draft) []durand.Event {
	places := d.places
	if len(places) == 0 {
		places = []placeRef{{}}
	}
	n := len(places)
	for k, p := range places {
		ev := d.ev
		ev.Docs = append(cut(&st.docIDs, 1), st.doc.ID)
		// The draft's evidence array is reused by the next document's
		// drafts: the event keeps a copy of the evidence for its place.
		ev.Evidence = evidenceAt(st, d.ev.Evidence, p)
		if p.e != nil {
			ev.Place = p.place(st.doc.Text)
		} else if d.ev.Type.Violent() {
			ev.Place = a.defaultPlace(d)
		}
		if ev.Place != nil && ev.Place.Country != "" {
			ev.Source = localForces(st, ev.Source, ev.Place.Country)
			ev.Target = localForces(st, ev.Target, ev.Place.Country)
		}
		if len(ev.Target) == 0 && ev.Place != nil && ev.Place.Country != "" && towardPlace[ev.Type] &&
			(len(ev.Source) == 0 || ev.Source[0].Country != ev.Place.Country) {
			// "invested $35 million in Iran's Chabahar Port": the other
			// side is the state where it went.
			ev.Target = []durand.Actor{{Code: durand.ActorCode(ev.Place.Country + ".GOV"), Name: a.lx.Countries[ev.Place.Country], Country: ev.Place.Country, Sector: "government"}}
		}
		if n > 1 {
			ev.Fatalities = share(d.ev.Fatalities, k, n)
			ev.Injured = share(d.ev.Injured, k, n)
			ev.Abducted = share(d.ev.Abducted, k, n)
		}
		a.derive(&ev)
		if c := d.trig.Trigger.CAMEO; c != "" {
			ev.CAMEO = c // the user's verb dictionary coded it
		}
		id := ""
		if ev.Place != nil {
			id = string(ev.Place.ID)
		}
		ev.ID = eventID(st.doc, d.trig.Span, id)
		ev.Confidence = confidence(&ev, d)
		out = append(out, ev)
		if p := d.trig.Trigger.Paired; p != nil && len(ev.Source) > 0 && len(ev.Target) > 0 {
			// A paired code: the other side's event, sides swapped.
			rev := ev
			rev.Source, rev.Target = ev.Target, ev.Source
			rev.Type, rev.Mode, rev.Contexts = p.Type, p.Mode, nil
			if p.Context != "" {
				rev.Contexts = []string{p.Context}
			}
			a.derive(&rev)
			rev.CAMEO = p.CAMEO
			rev.ID = eventID(st.doc, d.trig.Span, id+"/"+p.CAMEO)
			out = append(out, rev)
		}
	}
	return out
}

// towardPlace are the types whose unnamed other side is the state of the
// place: investment, aid, visits.
var towardPlace = map[durand.EventType]bool{durand.Cooperate: true, durand.Aid: true, durand.Consult: true}

// share gives place k of n its part of a count reported for all n: the
// best estimates add up to the total, and each place's range runs from 0
// to the total.
func share(c durand.Count, k, n int) durand.Count {
	if !c.Known() {
		return c
	}
	out := durand.Count{Best: durand.Unknown, Low: 0, High: c.High}
	if c.Best >= 0 {
		out.Best = c.Best / n
		if k < c.Best%n {
			out.Best++
		}
	}
	if out.High < 0 && c.Best >= 0 {
		out.High = c.Best
	}
	return out
}

// defaultPlace places a violent event the text does not locate in the
// target's country (an attack on Pakistani soldiers happened in Pakistan,
// or on its border), at country precision and low confidence.
func (a *Assembler) defaultPlace(d *draft) *durand.Place {
	for _, t := range d.ev.Target {
		if t.Country == "" {
			continue
		}
		if e := a.lx.Gazetteer.Country(t.Country); e != nil {
			p := e.Place()
			p.Confidence = 0.3
			return p
		}
	}
	return nil
}

// derive fills the ACLED and CAMEO codes from the ontology table.
func (a *Assembler) derive(ev *durand.Event) {
	civ := len(ev.Target) > 0
	for _, t := range ev.Target {
		if t.Code != "CIV" {
			civ = false
		}
	}
	for _, r := range a.onto {
		if r.typ != string(ev.Type) || (r.mode != "*" && r.mode != ev.Mode) || (r.target == "civilian" && !civ) {
			continue
		}
		ev.ACLEDType, ev.ACLEDSubtype, ev.CAMEO = r.acledType, r.acledSub, r.cameo
		return
	}
}

// confidence scores an event by how much the text pinned down.
func confidence(ev *durand.Event, d *draft) float64 {
	c := 0.5
	if len(ev.Source) > 0 {
		c += 0.15
	}
	if len(ev.Target) > 0 {
		c += 0.1
	}
	if ev.Place != nil && ev.Place.Confidence >= 0.5 {
		c += 0.1
	}
	if d.explicit {
		c += 0.1
	}
	if c > 0.95 {
		c = 0.95
	}
	return c
}

// Derive fills an event's ACLED type and sub-type and CAMEO root code
// from its PLOVER type and mode, as extraction does; importers use it for
// records that come with a type of their own scheme.
func (a *Assembler) Derive(ev *durand.Event) { a.derive(ev) }

// NamedActor returns the actor that a name alone denotes on day t ("TTP",
// "Government of Pakistan", "Pakistani soldiers"): the widest actor
// mention recognised in text, resolved as extraction resolves it. ok is
// false when the name holds no actor.
func (a *Assembler) NamedActor(text string, ms []durand.Mention, t time.Time) (act durand.Actor, ok bool) {
	var best *durand.Mention
	for i := range ms {
		m := &ms[i]
		if m.Kind != durand.ActorMention {
			continue
		}
		if best == nil || m.Span.Len() > best.Span.Len() {
			best = m
		}
	}
	if best == nil {
		return durand.Actor{}, false
	}
	if best.Agent != nil && best.Actor == nil && best.Nation == "" {
		// "Government of Pakistan", "Police Forces of Pakistan (2018-)":
		// the country named after the agent is its nationality.
		for i := range ms {
			if c := a.nationOf(&ms[i]); c != "" {
				m := *best
				m.Nation = c
				best = &m
				break
			}
		}
	}
	st := &state{doc: durand.Document{Text: text}}
	return a.actor(st, best, t, ""), true
}

// nationOf returns the country a mention names on its own (a country name
// or a nationality), or "".
func (a *Assembler) nationOf(m *durand.Mention) string {
	switch m.Kind {
	case durand.ActorMention:
		if m.Agent == nil && m.Actor == nil {
			return m.Nation
		}
	case durand.PlaceMention:
		if len(m.Places) > 0 {
			if e := a.lx.Gazetteer.Get(m.Places[0]); e != nil && e.Kind == gazetteer.Country {
				return e.Country
			}
		}
	}
	return ""
}

// Locate returns the most specific place a document's text supports,
// whatever its events: the geocoder on its own, for scoring it against a
// dataset's location fields and for texts that only say where. Places
// that contain another named place give way to it; among the finest, the
// last named wins. It returns nil when the text names no place.
func (a *Assembler) Locate(doc durand.Document, in []Input) *durand.Place {
	st := a.newState(doc, in)
	defer a.put(st)
	var refs []placeRef
	for _, s := range in {
		st.tokens = s.Sentence.Tokens
		d := &draft{}
		refs = append(refs, a.places(st, s.Sentence, newClause(0, len(s.Sentence.Tokens), len(s.Sentence.Tokens), s.Mentions, nil), d)...)
	}
	var best *placeRef
	refs = innermost(nil, refs)
	for i := range refs {
		if p := &refs[i]; best == nil || p.e.Rank() >= best.e.Rank() {
			best = p
		}
	}
	if best == nil {
		return nil
	}
	return best.place(doc.Text)
}

// place is the event place a resolved mention gives: less confident when
// the name had several candidates.
func (p *placeRef) place(text string) *durand.Place {
	pl := p.e.Place()
	pl.Prec = p.prec
	pl.Confidence = 0.8
	if len(p.m.Places) > 1 {
		pl.Confidence = 0.65
	}
	if p.locality.End > 0 {
		pl.Locality = p.locality.Text(text)
	}
	return pl
}

// byForce reports whether a state named as an event's source acts by its
// forces: "Pakistan shelled …" and "Tajikistan reinforces its border" are
// its military; one that expels, bans, censors, cuts off services or
// declares an emergency acts as its government.
func byForce(e *durand.Event) bool {
	return e.Type == durand.Mobilize || e.Type.Violent() && !administrative.has(e.Mode)
}

// administrative are the modes of coercion a government decrees.
var administrative = set("expel", "ban", "censor", "withhold", "martial-law")
