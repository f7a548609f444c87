package dedupe

import (
	"cmp"
	"slices"
	"strings"
)

// Candidate is a stored event that a new report may belong with, and the
// incident it is in now.
type Candidate struct {
	Report
	// Cluster identifies the incident the event is in: its merged event's
	// id, or the event's own id when it is alone.
	Cluster string
	// Size is how many events the incident has, in scope or not.
	Size int
}

// Decision is where Join puts a new report.
type Decision struct {
	// Cluster is the incident the report joins; "" when it stays alone.
	Cluster string `json:"cluster"`
	// Score is the mean of the report's scores with the incident's members.
	Score float64 `json:"score"`
	// Links are the report's matches with each member, in id order: what
	// the merged event records of why the report joined.
	Links []Link `json:"links"`
}

// Join decides which incident a new report joins, without recomputing the
// store: cands are the stored events in ScopeOf the report's key, each
// with its incident. An incident is eligible when all of its members are
// among cands (a member out of scope is too far in time or place to be the
// same incident, so the report cannot join it), none is vetoed or kept
// apart from the report, and the mean score is at least the threshold, as
// in Cluster; the best mean wins, ties to the smaller incident id. A report
// that names no district joins only when the best beats the next by the
// rules' margin, as in Cluster. The report must not be among cands. Join does not bridge two incidents
// that the new report matches both of; a batch Cluster over the block
// would, so the two can differ until the block is clustered again.
func (r *Rules) Join(rep Report, cands []Candidate, apart *CannotLink) Decision {
	if len(cands) == 0 {
		return Decision{}
	}
	bt := r.emptyBatch(1+len(cands), func(i int) *Report {
		if i == 0 {
			return &rep
		}
		return &cands[i-1].Report
	})
	for i := range 1 + len(cands) {
		bt.add(i)
	}
	if !bt.ps[0].keyed {
		return Decision{}
	}
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(strings.Compare(cands[a].Cluster, cands[b].Cluster), strings.Compare(cands[a].Event.ID, cands[b].Event.ID))
	})
	best, second := Decision{Score: -1}, -1.0
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && cands[order[end]].Cluster == cands[order[start]].Cluster {
			end++
		}
		if d, ok := bt.consider(cands, order[start:end], apart); ok {
			switch {
			case d.Score > best.Score:
				best, second = d, best.Score
			case d.Score > second:
				second = d.Score
			}
		}
		start = end
	}
	if best.Cluster == "" || bt.ps[0].coarse && best.Score-second < r.margin {
		return Decision{} // none, or two about as well: neither
	}
	return best
}

// consider scores the new report (the batch's first) against the members
// of one incident (the candidates at positions group; the batch's 1+i is
// candidate i), or says it cannot join.
func (bt *batch) consider(cands []Candidate, group []int, apart *CannotLink) (Decision, bool) {
	first := &cands[group[0]]
	if len(group) < first.Size {
		return Decision{}, false
	}
	p := &bt.ps[0]
	id := bt.event(p).ID
	d := Decision{Cluster: first.Cluster, Links: make([]Link, 0, len(group))}
	for _, i := range group {
		c := &cands[i]
		m := bt.match(p, &bt.ps[1+i])
		if m.Veto == NoVeto && apart.Has(id, c.Event.ID) {
			m = Match{Veto: VetoApart}
		}
		if m.Veto != NoVeto {
			return Decision{}, false
		}
		d.Score += m.Score
		d.Links = append(d.Links, Link{A: id, B: c.Event.ID, Match: m})
	}
	d.Score /= float64(len(group))
	return d, d.Score >= bt.r.Threshold
}
