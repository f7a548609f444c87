package dedupe

import (
	"cmp"
	"slices"

	"github.com/durandhq/durand"
)

// Fusion links an event durand extracted to a dataset record (UCDP, ACLED,
// GTD) of the same incident. The two are linked, never merged: each keeps
// its own fields, so an analyst sees "also UCDP 12345" beside the event,
// can compare their counts, and can find the events no dataset has yet.
type Fusion struct {
	// Event is the extracted event's id.
	Event string `json:"event"`
	// Record is the linked dataset record, and RecordEvent its id as an
	// imported event ("ucdp:12345").
	Record      durand.Origin `json:"record"`
	RecordEvent string        `json:"record_event"`
	// Match is the score and the fields that drove it.
	Match Match `json:"match"`
}

// Fuse links an extracted event to the records of its incident among
// records: the imported events in ScopeOf the event's key (a store fetches
// them as it fetches Join's candidates). Each record is scored by the
// rules of Match, as a report would be, except the rule that keeps
// imported records out of merges; a record links when it scores at least
// the threshold. At most one record of each dataset links: the best (ties
// to the smaller id), since one dataset codes an incident once; and an
// event that names no district links only when the best beats the next of
// its dataset by the rules' margin, as in Join. The result is in dataset
// order. An imported event, or one with no usable date, links to nothing.
func (r *Rules) Fuse(ev Report, records []Report) []Fusion {
	if ev.Event.Origin != nil || len(records) == 0 {
		return nil
	}
	bt := r.emptyBatch(1+len(records), func(i int) *Report {
		if i == 0 {
			return &ev
		}
		return &records[i-1]
	})
	for i := range 1 + len(records) {
		key, keyed := KeyOf(bt.report(i).Event)
		bt.addKeyed(i, key, keyed)
		// A record is keyed for fusion, which links it, as a report is
		// for a merge; a report among records is not a record.
		bt.ps[i].keyed = keyed && (i == 0 || records[i-1].Event.Origin != nil)
	}
	if !bt.ps[0].keyed {
		return nil
	}
	type scored struct {
		i int
		m Match
	}
	byDataset := map[string][]scored{}
	for i := range records {
		if m := bt.match(&bt.ps[0], &bt.ps[1+i]); m.Veto == NoVeto && m.Score >= r.Threshold {
			d := records[i].Event.Origin.Dataset
			byDataset[d] = append(byDataset[d], scored{i, m})
		}
	}
	var out []Fusion
	for _, d := range sortedDatasets(byDataset) {
		s := byDataset[d]
		slices.SortFunc(s, func(a, b scored) int {
			return cmp.Or(cmp.Compare(b.m.Score, a.m.Score), cmp.Compare(records[a.i].Event.ID, records[b.i].Event.ID))
		})
		if bt.ps[0].coarse && len(s) > 1 && s[0].m.Score-s[1].m.Score < r.margin {
			continue // two records about as well: neither
		}
		rec := &records[s[0].i].Event
		out = append(out, Fusion{Event: ev.Event.ID, Record: *rec.Origin, RecordEvent: rec.ID, Match: s[0].m})
	}
	return out
}

// FuseMatch returns the match Fuse scores an event and a record by, linked
// or not: an explanation of why a record was not linked.
func (r *Rules) FuseMatch(ev, rec Report) Match {
	bt := r.newBatch([]Report{ev, rec})
	for i := range bt.ps {
		_, keyed := KeyOf(bt.report(i).Event)
		bt.ps[i].keyed = keyed && (bt.report(i).Event.Origin == nil) == (i == 0)
	}
	return bt.match(&bt.ps[0], &bt.ps[1])
}

func sortedDatasets[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
