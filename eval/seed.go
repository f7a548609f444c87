package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// seedGold is the hand annotation format of seed/gold.json.
type seedGold struct {
	Document struct {
		ID        string `json:"id"`
		File      string `json:"file"`
		Published string `json:"published"`
	} `json:"document"`
	Events         []goldEvent `json:"events"`
	MustNotExtract []string    `json:"must_not_extract"`
}

type goldEvent struct {
	Key           string          `json:"key"`
	Evidence      string          `json:"evidence"`
	Date          *string         `json:"date"`
	DatePrecision string          `json:"date_precision"`
	DateRange     []string        `json:"date_range"`
	Plover        *string         `json:"plover"`
	AnyOfType     []string        `json:"any_of_type"`
	Source        *goldActor      `json:"source_actor"`
	Place         *goldPlace      `json:"place"`
	Fatalities    json.RawMessage `json:"fatalities"`
	Injured       *int            `json:"injured"`
	Optional      bool            `json:"optional"`
}

type goldActor struct {
	Country string `json:"country"`
}

type goldPlace struct {
	Country string   `json:"country"`
	Admin1  string   `json:"admin1"`
	Admin2  string   `json:"admin2"`
	AnyOf   []string `json:"any_of"`
}

// group is the events extracted from one trigger: one event, or one per
// place when the report listed several places.
type group struct {
	evs     []durand.Event
	matched bool
}

// Seed scores extraction of the seed op-ed against its annotation at path.
func Seed(x Extractor, path string) (*Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g seedGold
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	text, err := os.ReadFile(filepath.Join(filepath.Dir(path), g.Document.File))
	if err != nil {
		return nil, err
	}
	pub, err := time.Parse("2006-01-02", g.Document.Published)
	if err != nil {
		return nil, fmt.Errorf("%s: published: %w", path, err)
	}
	doc := durand.Document{ID: durand.DocID(g.Document.ID), Published: pub, Text: string(text)}
	evs := x.Extract(doc)

	var groups []*group
	byTrig := map[int]*group{}
	for _, e := range evs {
		k := -1
		for _, ev := range e.Evidence {
			if ev.Field == "trigger" {
				k = ev.Start
				break
			}
		}
		if gr, ok := byTrig[k]; ok && k >= 0 {
			gr.evs = append(gr.evs, e)
			continue
		}
		gr := &group{evs: []durand.Event{e}}
		byTrig[k] = gr
		groups = append(groups, gr)
	}

	t := newTally()
	rep := &Report{Gold: path, Format: "seed", Records: 1, EventsPer: float64(len(evs))}
	fail := func(f string, a ...any) { rep.Failures = append(rep.Failures, fmt.Sprintf(f, a...)) }
	allFour := 0
	required := 0
	used := map[*durand.Event]bool{}
	for _, ge := range g.Events {
		var best *group
		var bestEv *durand.Event
		bestScore := -1
		var bestChecks [4]bool
		for _, gr := range groups {
			for k := range gr.evs {
				ev := &gr.evs[k]
				if used[ev] {
					continue
				}
				c := checkSeed(ge, &group{evs: []durand.Event{*ev}})
				if !c[0] {
					continue
				}
				n := 0
				for _, ok := range c {
					if ok {
						n++
					}
				}
				if n > bestScore {
					best, bestEv, bestScore, bestChecks = gr, ev, n, c
				}
			}
		}
		if best != nil {
			best.matched = true
			used[bestEv] = true
			// A split event's siblings share its gold event.
			if ge.Place != nil && len(ge.Place.AnyOf) > 1 && strings.Contains(ge.Place.Admin1, " and ") {
				for k := range best.evs {
					used[&best.evs[k]] = true
				}
			}
		}
		if ge.Optional {
			continue
		}
		required++
		t.add("detected", best != nil)
		t.add("type", bestChecks[0])
		t.add("date", bestChecks[1])
		t.add("province", bestChecks[2])
		t.add("source country", bestChecks[3])
		if bestChecks == [4]bool{true, true, true, true} {
			allFour++
		} else {
			fail("%s: type %v, date %v, province %v, source country %v", ge.Key, bestChecks[0], bestChecks[1], bestChecks[2], bestChecks[3])
		}
		if best == nil {
			continue
		}
		checkFields(ge, best, t, fail)
	}
	t.add("events with all four right", allFour >= required-1)
	t.notes["events with all four right"] = fmt.Sprintf("%d of %d (need %d)", allFour, required, required-1)
	extra := 0
	for _, gr := range groups {
		for k := range gr.evs {
			if !used[&gr.evs[k]] && !(gr.matched && len(gr.evs) > 1 && sameIncident(gr)) {
				extra++
				fail("extra event: %s %s", gr.evs[k].Type, trigText(gr.evs[k]))
			}
		}
	}
	t.add("at most two extra events", extra <= 2)
	t.notes["at most two extra events"] = fmt.Sprintf("%d extra", extra)
	for _, s := range g.MustNotExtract {
		onlyType := ""
		if i := strings.Index(s, " (as an "); i > 0 {
			onlyType = strings.Fields(s[i+8:])[0]
			onlyType = strings.TrimRight(onlyType, ":")
			s = s[:i]
		}
		at := strings.Index(doc.Text, s)
		ok := true
		for _, e := range evs {
			if onlyType != "" && string(e.Type) != onlyType {
				continue
			}
			for _, ev := range e.Evidence {
				if ev.Field == "trigger" && at >= 0 && ev.Start >= at && ev.End <= at+len(s) {
					ok = false
				}
			}
		}
		t.add("opinions not extracted", ok)
		if !ok {
			fail("opinion extracted: %q", s)
		}
	}
	rep.Scores = t.scores()
	return rep, nil
}

// checkFields scores the counts, the undated rule and the evidence of a
// matched event.
func checkFields(ge goldEvent, gr *group, t *tally, fail func(string, ...any)) {
	sum := func(f func(durand.Event) durand.Count) durand.Count {
		c := durand.Count{Best: 0, Low: 0, High: 0}
		for _, e := range gr.evs {
			x := f(e)
			for _, p := range []struct {
				a *int
				b int
			}{{&c.Best, x.Best}, {&c.Low, x.Low}, {&c.High, x.High}} {
				if p.b < 0 || *p.a < 0 {
					*p.a = durand.Unknown
				} else {
					*p.a += p.b
				}
			}
		}
		return c
	}
	if len(ge.Fatalities) > 0 && string(ge.Fatalities) != "null" {
		var n int
		var rng struct{ Low, High int }
		got := sum(func(e durand.Event) durand.Count { return e.Fatalities })
		if json.Unmarshal(ge.Fatalities, &n) == nil {
			ok := got.Best == n
			t.add("fatalities", ok)
			if !ok {
				fail("%s: fatalities %+v, want %d (counted once across places)", ge.Key, got, n)
			}
		} else if json.Unmarshal(ge.Fatalities, &rng) == nil {
			f := gr.evs[0].Fatalities
			ok := f.Best < 0 && f.Low >= 0 && f.High > f.Low
			t.add("vague count as range", ok)
			if !ok {
				fail("%s: fatalities %+v, want a range without a best value", ge.Key, f)
			}
		}
	}
	if ge.Injured != nil {
		got := sum(func(e durand.Event) durand.Count { return e.Injured })
		ok := got.Best == *ge.Injured
		t.add("injured", ok)
		if !ok {
			fail("%s: injured %+v, want %d", ge.Key, got, *ge.Injured)
		}
	}
	if ge.DatePrecision == "unknown" {
		d := gr.evs[0].Date
		ok := d.Precision == durand.DateUnknown || d.Precision == durand.Year
		t.add("undated left undated", ok)
	}
	for _, e := range gr.evs {
		ok := len(e.Evidence) > 0
		for _, ev := range e.Evidence {
			if ev.End <= ev.Start || ev.Text == "" {
				ok = false
			}
		}
		t.add("evidence spans", ok)
	}
}

// checkSeed returns type, date, province and source country checks.
func checkSeed(ge goldEvent, gr *group) [4]bool {
	var c [4]bool
	e := gr.evs[0]
	if ge.Plover != nil && string(e.Type) == *ge.Plover {
		c[0] = true
	}
	for _, t := range ge.AnyOfType {
		if string(e.Type) == t {
			c[0] = true
		}
	}
	c[1] = dateOK(ge, e.Date)
	c[2] = placeOK(ge.Place, gr.evs)
	if ge.Source == nil || ge.Source.Country == "" {
		c[3] = true
	} else {
		for _, s := range e.Source {
			if s.Country == ge.Source.Country {
				c[3] = true
			}
		}
	}
	return c
}

func dateOK(ge goldEvent, d durand.Date) bool {
	parse := func(s string) time.Time {
		for _, l := range []string{"2006-01-02", "2006-01"} {
			if t, err := time.Parse(l, s); err == nil {
				return t
			}
		}
		return time.Time{}
	}
	var lo, hi time.Time
	switch {
	case ge.DatePrecision == "unknown":
		return d.Precision == durand.DateUnknown || d.Start.IsZero()
	case len(ge.DateRange) == 2:
		lo, hi = parse(ge.DateRange[0]), parse(ge.DateRange[1])
	case ge.Date != nil:
		lo = parse(*ge.Date)
		switch ge.DatePrecision {
		case "day":
			hi = lo
		case "week":
			lo, hi = lo.AddDate(0, 0, -7), lo.AddDate(0, 0, 7)
		case "month":
			hi = lo.AddDate(0, 1, -1)
		default:
			hi = lo.AddDate(1, 0, -1)
		}
	default:
		return true
	}
	if d.Start.IsZero() || d.End.IsZero() {
		return false
	}
	// Within the gold interval, and no coarser than the gold precision.
	return !d.Start.Before(lo) && !d.End.After(hi)
}

func placeOK(gp *goldPlace, evs []durand.Event) bool {
	if gp == nil {
		return true
	}
	names := append([]string{gp.Admin1}, gp.AnyOf...)
	for _, e := range evs {
		p := e.Place
		if p == nil || p.Country != gp.Country {
			continue
		}
		if gp.Admin1 == "" {
			return true
		}
		for _, n := range names {
			if n != "" && norm(n) == norm(p.Admin1) {
				return gp.Admin2 == "" || norm(gp.Admin2) == norm(p.Admin2)
			}
		}
	}
	return false
}

// sameIncident reports whether a group's events are one incident split by
// place (they share the casualty total), not separate gold events.
func sameIncident(gr *group) bool {
	return gr.evs[0].Fatalities.Known() && gr.evs[0].Fatalities.Low == 0
}

func trigText(e durand.Event) string {
	for _, ev := range e.Evidence {
		if ev.Field == "trigger" {
			return fmt.Sprintf("%q at %d", ev.Text, ev.Start)
		}
	}
	return ""
}
