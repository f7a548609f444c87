package dedupe

import "github.com/durandhq/durand"

// typeSim compares the types: the same type agrees; a pair data/dedupe.tsv
// lists is one incident coded two ways; any other pair is two incidents.
func (r *Rules) typeSim(a, b *prepared) (float64, Veto) {
	ta, tb := a.ev.Type, b.ev.Type
	switch {
	case ta == "" || tb == "":
		return 0, NoVeto
	case ta == tb:
		return 1, NoVeto
	}
	v, ok := r.types[[2]durand.EventType{ta, tb}]
	if !ok || !r.fightSeenAsAssault(a, b) {
		return 0, VetoType
	}
	return v, NoVeto
}

// fightSeenAsAssault reports whether a FIGHT and an ASSAULT can be one
// incident seen from its two sides: "militants attacked a checkpoint"
// (ASSAULT) and "security forces repulsed the attack, killing five"
// (FIGHT) are one clash; but an attack on civilians is not a fight, so a
// market bombing is never the clash another report tells. It holds for any
// other pair of types.
func (r *Rules) fightSeenAsAssault(a, b *prepared) bool {
	if a.ev.Type == durand.Fight && b.ev.Type == durand.Assault {
		a, b = b, a
	}
	if a.ev.Type != durand.Assault || b.ev.Type != durand.Fight {
		return true
	}
	return !r.allCivilian(a.tgt)
}

// allCivilian reports whether a side is known and every actor on it is a
// civilian.
func (r *Rules) allCivilian(side []actorRef) bool {
	civ := r.kindNames["civilian"]
	for _, x := range side {
		if x.kind != civ {
			return false
		}
	}
	return len(side) > 0
}

// modeSim compares the modes: one unknown says nothing; the same agrees; a
// pair data/dedupe.tsv lists is one attack told two ways ("a drone strike",
// "an air strike"); any other pair of known modes disagrees ("an IED
// blast", "gunmen opened fire"), without a veto, because a complex attack
// is both.
func (r *Rules) modeSim(a, b string) float64 {
	switch {
	case a == "" || b == "":
		return 0
	case a == b:
		return 1
	}
	if v, ok := r.modes[[2]string{a, b}]; ok {
		return v
	}
	return r.modeOther
}

// dateSim compares two dates that are at most Slack days apart, by the
// coarser one's span: two days agree when they are the same ("on Monday")
// and less when they are consecutive ("on Monday night", "on Tuesday"); a
// day within a week or a month says little.
func (r *Rules) dateSim(a, b *prepared) float64 {
	span := max(a.hi-a.lo, b.hi-b.lo) + 1
	switch {
	case span == 1 && a.lo == b.lo:
		return r.sameDay
	case span == 1:
		return r.nextDay
	case span <= 7:
		return r.week
	}
	return r.month
}
