package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/recognize"
)

// ploverRecord is one record of PLOVER's gold-standard file
// (PLOVER_GSR_CAMEO.txt): a CAMEO manual example coded in PLOVER 0.5.
type ploverRecord struct {
	ID     string          `json:"id"`
	Date   string          `json:"date"`
	Text   string          `json:"text"`
	Event  string          `json:"event"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
	Dead   string          `json:"dead"`
}

// ploverActor is one coded actor of a record: its CAMEO code.
type ploverActor struct {
	Code string `json:"code"`
}

// ploverTypes translates the gold file's PLOVER 0.5 categories to the
// PLOVER types durand codes, after the manual's table of CAMEO cue
// categories (PLOVER_MANUAL.tex, "CAMEO to PLOVER translation"): DEMAND
// became REQUEST; DISAPPROVE and INVESTIGATE became ACCUSE (its modes
// disapprove and investigate); CAMEO's FIGHT became ASSAULT, and durand
// keeps FIGHT for combat between two armed sides, so either is right for
// both; a seizure is COERCE 'seize' in the manual and SEIZE in durand.
var ploverTypes = map[string][]durand.EventType{
	"DEMAND":      {durand.Request},
	"DISAPPROVE":  {durand.Accuse},
	"INVESTIGATE": {durand.Accuse},
	"FIGHT":       {durand.Assault, durand.Fight},
	"ASSAULT":     {durand.Assault, durand.Fight},
	"COERCE":      {durand.Coerce, durand.Seize},
}

// wantTypes is the durand types that code a gold category.
func wantTypes(event string) []durand.EventType {
	if t, ok := ploverTypes[event]; ok {
		return t
	}
	return []durand.EventType{durand.EventType(event)}
}

// Plover scores event typing on PLOVER's gold-standard records: whether
// durand codes the record's category (translated to current PLOVER), with
// its source and target states, and its dead where the record counts
// them. The records are examples from the CAMEO manual, from all over the
// world and every category: a measure of how general the trigger lexicon
// and the role rules are, not of the first theatre.
func Plover(x Extractor, lx *recognize.Lexicon, path string) (*Report, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var recs []ploverRecord
	if err := json.Unmarshal(raw, &recs); err != nil {
		return nil, fmt.Errorf("%s: not a PLOVER gold-standard file (a JSON array of records): %w", path, err)
	}
	rep := &Report{Gold: path, Format: "plover"}
	t := newTally()
	total := 0
	for _, r := range recs {
		if r.Text == "" {
			continue // the file's DOCUMENT record
		}
		day, err := time.Parse("2006-01-02", r.Date)
		if err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s: %s: date %q: %v", path, r.ID, r.Date, err))
			continue
		}
		// Two examples are wrapped in braces, markup of the manual.
		text := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(r.Text), "{"), "}")
		evs := x.Extract(durand.Document{ID: durand.DocID("plover:" + r.ID), Text: text, Published: day})
		total += len(evs)
		rep.Records++
		t.record(r.ID, text)
		types := wantTypes(r.Event)
		got := make([]string, 0, len(evs))
		var typed []*durand.Event // the events of the gold category
		for i := range evs {
			e := &evs[i]
			got = append(got, fmt.Sprintf("%s %s→%s", e.Type, codes(e.Source), codes(e.Target)))
			if slices.Contains(types, e.Type) {
				typed = append(typed, e)
			}
		}
		gotText := strings.Join(got, "; ")
		if len(gotText) == 0 {
			gotText = "no event"
		}
		t.check("event found", len(evs) > 0, r.Event, gotText)
		t.check("category found (any event of the sentence)", len(typed) > 0, r.Event, gotText)
		t.check("category of the first event", len(evs) > 0 && slices.Contains(types, evs[0].Type), r.Event, gotText)
		t.add("category found, "+r.Event, len(typed) > 0)
		// The sides, where the record codes a state durand knows: an event
		// of the category with one of the coded states on that side.
		src, tgt := states(lx, r.Source), states(lx, r.Target)
		if len(src) > 0 {
			t.check("source state (events of the category)", hasState(typed, src, true), fmt.Sprintf("%s %v", r.Event, src), gotText)
		}
		if len(tgt) > 0 {
			t.check("target state (events of the category)", hasState(typed, tgt, false), fmt.Sprintf("%s →%v", r.Event, tgt), gotText)
		}
		if dead, err := strconv.Atoi(strings.TrimSpace(r.Dead)); err == nil {
			// The count durand gives, or its range: "at least three
			// civilians killed in a suicide bombing" is 3 to unbounded,
			// best 4 with the bomber, where the record codes 3.
			ok, got := false, "no count"
			for _, e := range typed {
				if f := e.Fatalities; f.Known() {
					ok = ok || best0(f) == dead || f.Low >= 0 && f.Low <= dead && (f.High < 0 || dead <= f.High)
					got = fmt.Sprintf("%d (%d..%d)", best0(f), f.Low, f.High)
				}
			}
			t.check("killed, best or within low..high (where coded)", ok, dead, got)
		}
	}
	t.notes["category found (any event of the sentence)"] = "PLOVER 0.5 categories read as current PLOVER (DEMAND = REQUEST, DISAPPROVE and INVESTIGATE = ACCUSE)"
	t.notes["source state (events of the category)"] = "records whose source is a state's code (not IGO, NGO)"
	// The per-category rows after the overall ones, in a fixed order.
	var overall, cats []string
	for _, f := range t.order {
		if strings.HasPrefix(f, "category found, ") {
			cats = append(cats, f)
		} else {
			overall = append(overall, f)
		}
	}
	slices.Sort(cats)
	t.order = append(overall, cats...)
	rep.finish(t, total)
	return rep, nil
}

// states reads a record's coded actors (a list, or a string where the
// file leaves the side empty) and keeps the codes of states durand knows.
func states(lx *recognize.Lexicon, raw json.RawMessage) []string {
	var as []ploverActor
	if json.Unmarshal(raw, &as) != nil {
		return nil
	}
	var out []string
	for _, a := range as {
		if _, ok := lx.Countries[a.Code]; ok && !slices.Contains(out, a.Code) {
			out = append(out, a.Code)
		}
	}
	return out
}

// hasState reports whether an event has one of the states on its source
// (or target) side.
func hasState(evs []*durand.Event, want []string, source bool) bool {
	for _, e := range evs {
		side := e.Target
		if source {
			side = e.Source
		}
		for _, a := range side {
			if slices.Contains(want, a.Country) {
				return true
			}
		}
	}
	return false
}
