package dedupe

import (
	"math"
	"strings"

	"github.com/durandhq/durand"
)

// actorRef is what matching reads of one actor.
type actorRef struct {
	code name
	// country and parent are the code up to its first and its last dot
	// (PAK of PAK.MIL.AIR, and PAK.MIL); 0 when it has none.
	country, parent name
	kind            kind
	alias           int16 // index in the rules' alias table; -1 when not in it
	// generic reports that the code names a kind of actor ("militants",
	// REB), not one actor; sim is then its similarity with an actor of
	// its kind.
	generic bool
	sim     float64
}

// actorRefs adds the actors of one side that have a code to the batch's
// actors and returns where they are.
func (bt *batch) actorRefs(as []durand.Actor) span {
	s := span{off: int32(len(bt.actors))}
	for _, a := range as {
		if a.Code != "" {
			bt.actors = append(bt.actors, bt.ref(a))
			s.n++
		}
	}
	return s
}

func (bt *batch) side(s span) []actorRef { return bt.actors[s.off : s.off+s.n] }

func (bt *batch) ref(a durand.Actor) actorRef {
	r := bt.r
	code := string(a.Code)
	x := actorRef{code: bt.name(code), kind: noKind, alias: -1}
	last := code
	if i := strings.LastIndexByte(code, '.'); i >= 0 {
		c, _, _ := strings.Cut(code, ".")
		x.country, x.parent = bt.name(c), bt.name(code[:i])
		last = code[i+1:]
	}
	if k, ok := r.aliasIdx[a.Code]; ok {
		x.alias = k
	}
	if k, ok := r.kinds[a.Sector]; ok {
		x.kind = k
	}
	if g, ok := r.generics[last]; ok {
		if x.kind == noKind {
			x.kind = g.kind // PAK.MIL without a sector is still a military
		}
		// A country makes a state's organ one actor (PAK.MIL), not other
		// kinds (PAK.REB is still "Pakistani militants").
		if last == code || !r.state[g.kind] {
			x.generic, x.kind, x.sim = true, g.kind, g.sim
		}
	}
	return x
}

// actorsSim compares the two events' sides, source with source and target
// with target, and averages them. When either event is a FIGHT, whose
// sides are a matter of who tells it, the sides may also be read the other
// way round ("TTP attacked a post" and "soldiers fought off the TTP"), and
// the better reading counts.
func (bt *batch) actorsSim(a, b *prepared) (float64, Veto) {
	r := bt.r
	s, ok := r.sides(bt.side(a.src), bt.side(b.src), bt.side(a.tgt), bt.side(b.tgt))
	if a.fight || b.fight {
		if t, tok := r.sides(bt.side(a.src), bt.side(b.tgt), bt.side(a.tgt), bt.side(b.src)); tok && (!ok || t > s) {
			s, ok = t, true
		}
	}
	if !ok {
		return 0, VetoActors
	}
	return s, NoVeto
}

// sides compares two pairs of sides and averages them; ok is false when
// either pair conflicts.
func (r *Rules) sides(x1, y1, x2, y2 []actorRef) (float64, bool) {
	s1, ok1 := r.sideSim(x1, y1)
	s2, ok2 := r.sideSim(x2, y2)
	return (s1 + s2) / 2, ok1 && ok2
}

// sideSim compares one side of two events: an unknown side matches any
// ("militants attacked" and "twelve were killed" have one side each); else
// the best pair of actors counts, and the side conflicts only when every
// pair does.
func (r *Rules) sideSim(xs, ys []actorRef) (float64, bool) {
	switch {
	case len(xs) == 0 || len(ys) == 0:
		return 0, true
	case len(xs) == 1 && len(ys) == 1:
		return r.pairSim(&xs[0], &ys[0])
	}
	best, ok := math.Inf(-1), false
	for i := range xs {
		for j := range ys {
			if s, pok := r.pairSim(&xs[i], &ys[j]); pok && s > best {
				best, ok = s, true
			}
		}
	}
	if !ok {
		return 0, false
	}
	return best, true
}

// pairSim compares two actors of one side; ok is false when they are two
// different named actors (the TTP and ISKP; Pakistan's and Afghanistan's
// forces), which no report of one incident would confuse.
func (r *Rules) pairSim(x, y *actorRef) (float64, bool) {
	if x.code == y.code {
		if x.generic {
			return r.actorGen, true
		}
		return r.actorSame, true
	}
	if x.alias >= 0 && y.alias >= 0 {
		if v := r.aliasMat[x.alias][y.alias]; !math.IsNaN(v) {
			return v, true
		}
	}
	if x.generic || y.generic {
		return r.genericSim(x, y), true
	}
	switch {
	case prefixOf(x, y) || prefixOf(y, x):
		return r.actorPre, true
	case r.organsOfOneState(x, y):
		return r.actorState, true
	}
	return 0, false
}

// prefixOf reports whether a's code is b's country or parent, as PAK is
// PAK.MIL's.
func prefixOf(a, b *actorRef) bool {
	return a.code == b.country || a.code == b.parent
}

// organsOfOneState reports whether two actors are organs of one state,
// which reports of one incident name either way: "Pakistan carried out
// strikes" (PAK.GOV) and "Pakistani jets struck" (PAK.MIL).
func (r *Rules) organsOfOneState(x, y *actorRef) bool {
	return x.country != 0 && x.country == y.country && r.state[x.kind] && r.state[y.kind]
}

// genericSim compares two actors of which at least one is generic: a
// generic actor matches an actor of its kind ("militants" and the TTP;
// "police" and Pakistan's police), two generic actors of one kind match
// weakly, and an actor of another kind disagrees without a veto ("twelve
// people" may include the policemen another report names).
func (r *Rules) genericSim(x, y *actorRef) float64 {
	if !x.generic {
		x, y = y, x
	}
	switch {
	case x.kind == anyKind:
		if y.generic && y.kind == anyKind {
			return r.actorGen
		}
		return x.sim
	case y.generic && y.kind == anyKind:
		return y.sim
	case y.kind == noKind:
		return 0
	case x.kind != y.kind:
		return r.actorOther
	case y.generic:
		return r.actorGen
	}
	return x.sim
}
