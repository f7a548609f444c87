package dedupe

import "math"

// typeSim compares the types: the same type agrees; a pair data/dedupe.tsv
// lists is one incident coded two ways; any other pair is two incidents,
// and so is an event without a type.
func (bt *batch) typeSim(a, b *prepared) (float64, Veto) {
	switch {
	case a.typ == 0 || b.typ == 0:
		return 0, VetoType
	case a.typ == b.typ:
		return 1, NoVeto
	case a.typeRule < 0 || b.typeRule < 0:
		return 0, VetoType
	}
	v := bt.r.typeMat[a.typeRule][b.typeRule]
	if math.IsNaN(v) || !bt.fightSeenAsAssault(a, b) {
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
func (bt *batch) fightSeenAsAssault(a, b *prepared) bool {
	if a.fight && b.assault {
		a, b = b, a
	}
	if !a.assault || !b.fight {
		return true
	}
	return !bt.allCivilian(a.tgt)
}

// allCivilian reports whether a side is known and every actor on it is a
// civilian.
func (bt *batch) allCivilian(side span) bool {
	civ := bt.r.kindNames["civilian"]
	for _, x := range bt.side(side) {
		if x.kind != civ {
			return false
		}
	}
	return side.n > 0
}

// modeSim compares the modes: one unknown says nothing; the same agrees; a
// pair data/dedupe.tsv lists is one attack told two ways ("a drone strike",
// "an air strike"); any other pair of known modes disagrees ("an IED
// blast", "gunmen opened fire"), without a veto, because a complex attack
// is both.
func (r *Rules) modeSim(a, b *prepared) float64 {
	switch {
	case a.mode == 0 || b.mode == 0:
		return 0
	case a.mode == b.mode:
		return 1
	case a.modeRule < 0 || b.modeRule < 0:
		return r.modeOther
	}
	return r.modeMat[a.modeRule][b.modeRule]
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
