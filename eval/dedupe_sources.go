package eval

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/dedupe"
)

// scoreSeedCopies reads the seed op-ed whole and each of its paragraphs as
// if another outlet had printed it, clusters all their events, and scores
// each event of the whole text that tells a gold incident (its trigger in
// the gold evidence): its copies from the paragraphs (the paragraph's
// event with the same trigger, and the same place when the trigger gave
// several) must be in its cluster, and nothing from another incident
// must. It returns the number of events extracted.
func scoreSeedCopies(t *tally, x Extractor, ru *dedupe.Rules, path string) (int, error) {
	var g seedGold
	raw, err := readFileString(path)
	if err != nil {
		return 0, err
	}
	if err := json.Unmarshal([]byte(raw), &g); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	text, err := readFileString(filepath.Join(filepath.Dir(path), g.Document.File))
	if err != nil {
		return 0, err
	}
	pub, err := time.Parse("2006-01-02", g.Document.Published)
	if err != nil {
		return 0, fmt.Errorf("%s: published: %w", path, err)
	}
	whole := reportsOf(x, durand.Document{ID: durand.DocID(g.Document.ID), Published: pub, Text: text})
	all := slices.Clone(whole)
	starts := make([]int, len(whole)) // each report's trigger in the whole text
	for i := range whole {
		starts[i] = triggerStart(&whole[i].Event)
	}
	off := 0
	for k, para := range strings.Split(text, "\n\n") {
		doc := durand.Document{ID: durand.DocID(fmt.Sprintf("%s#p%d", g.Document.ID, k)), Published: pub, Text: para}
		for _, r := range reportsOf(x, doc) {
			all = append(all, r)
			starts = append(starts, off+triggerStart(&r.Event))
		}
		off += len(para) + 2
	}
	groups, err := ru.Cluster(all, nil)
	if err != nil {
		return 0, err
	}
	of := dedupeGroupsOf(len(all), groups)
	owner := seedOwners(all, starts, len(whole))
	for _, ge := range g.Events {
		lo := strings.Index(text, ge.Evidence)
		if lo < 0 || ge.Evidence == "" {
			continue
		}
		for w := range whole {
			if starts[w] < lo || starts[w] >= lo+len(ge.Evidence) {
				continue
			}
			t.record(ge.Key, ge.Evidence)
			copies, joined, foreign := 0, 0, 0
			for i := len(whole); i < len(all); i++ {
				switch {
				case owner[i] == w:
					copies++
					if of[i] == of[w] {
						joined++
					}
				case of[i] == of[w]:
					foreign++
				}
			}
			t.check("seed: paragraph copies joined to their event", joined == copies, fmt.Sprintf("%d copies", copies), fmt.Sprintf("%d joined", joined))
			t.check("seed: incident told once, nothing of another joined", joined == copies && foreign == 0,
				"its copies and nothing else", fmt.Sprintf("%d of %d copies, %d other events", joined, copies, foreign))
		}
	}
	t.notes["seed: paragraph copies joined to their event"] = "events of the whole text in a gold incident's evidence"
	return len(all), nil
}

// seedOwners returns, for each paragraph report (index ≥ nWhole), the
// whole-text report it copies: the one with the same trigger and, when the
// trigger gave several, the same place; -1 when none.
func seedOwners(all []dedupe.Report, starts []int, nWhole int) []int {
	owner := make([]int, len(all))
	for i := range owner {
		owner[i] = -1
	}
	for i := nWhole; i < len(all); i++ {
		var same []int
		for w := range nWhole {
			if starts[w] >= 0 && starts[w] == starts[i] {
				same = append(same, w)
			}
		}
		if len(same) == 1 {
			owner[i] = same[0]
			continue
		}
		for _, w := range same {
			if placeID(all[w].Event.Place) == placeID(all[i].Event.Place) {
				owner[i] = w
			}
		}
	}
	return owner
}

func placeID(p *durand.Place) durand.PlaceID {
	if p == nil {
		return ""
	}
	return p.ID
}

// oneIncidentNote finds the gold notes that say an item tells the
// incident of another ("follow-up on", "same incident as").
var oneIncidentNote = regexp.MustCompile(`(?i)follow-up|same (incident|attack|event) as|reported (earlier|previously)`)

// newsClusters extracts the current-events items, clusters their events,
// and returns the clusters that join items (one line each) and the number
// of events; it tallies the items the gold notes tie to another and whether
// durand put them with it.
func newsClusters(t *tally, x Extractor, ru *dedupe.Rules, itemsPath, goldPath string) ([]string, int, error) {
	items, err := readJSONLines[newsItem](itemsPath)
	if err != nil {
		return nil, 0, err
	}
	var all []dedupe.Report
	for _, it := range items {
		pub, err := time.Parse("2006-01-02", it.Published)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: item %s: published: %w", itemsPath, it.ID, err)
		}
		all = append(all, reportsOf(x, durand.Document{ID: durand.DocID(it.ID), Published: pub, Text: it.Text})...)
	}
	groups, err := ru.Cluster(all, nil)
	if err != nil {
		return nil, 0, err
	}
	var lines []string
	multi := 0
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		multi++
		var parts []string
		for _, i := range g {
			e := &all[i].Event
			parts = append(parts, fmt.Sprintf("%s %s", e.Docs[0], describe(e)))
		}
		lines = append(lines, strings.Join(parts, " | "))
	}
	t.notes["news: events in a cluster of several items"] = fmt.Sprintf("%d items, %d events, %d clusters, %d of several items",
		len(items), len(all), len(groups), multi)
	of := dedupeGroupsOf(len(all), groups)
	for i := range all {
		t.add("news: events in a cluster of several items", len(groups[of[i]]) > 1)
	}
	if goldPath != "" {
		if err := newsNotes(t, goldPath); err != nil {
			return nil, 0, err
		}
	}
	return lines, len(all), nil
}

// newsNotes counts the gold items whose notes say they tell an incident of
// another item: the annotation's only word on which items are one
// incident.
func newsNotes(t *tally, goldPath string) error {
	gold, err := readJSONLines[newsGold](goldPath)
	if err != nil {
		return err
	}
	n, coded := 0, 0
	for _, g := range gold {
		if oneIncidentNote.MatchString(g.Notes) {
			n++
			if len(g.Events) > 0 {
				coded++
			}
		}
	}
	t.notes["news: events in a cluster of several items"] += fmt.Sprintf("; gold notes tie %d items to another, %d of them with a coded event", n, coded)
	return nil
}
