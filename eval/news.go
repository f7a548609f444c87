package eval

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/recognize"
)

// newsItem is one item of a news corpus: a short report with its day.
type newsItem struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// newsGold is the hand annotation of one item (../shared/data/news/README.md
// gives the guide): its events, none when it reports nothing codable.
type newsGold struct {
	ID        string      `json:"id"`
	Published string      `json:"published"`
	Events    []newsEvent `json:"events"`
	Notes     string      `json:"notes"`
}

type newsEvent struct {
	Type      string      `json:"type"`
	Mode      *string     `json:"mode"`
	Source    []newsActor `json:"source"`
	Target    []newsActor `json:"target"`
	ClaimedBy *string     `json:"claimed_by"`
	Country   *string     `json:"country"`
	Admin1    *string     `json:"admin1"`
	Place     *string     `json:"place"`
	Date      *string     `json:"date"`
	Killed    *newsCount  `json:"killed"`
	Injured   *newsCount  `json:"injured"`
	Evidence  string      `json:"evidence"`
	// Update marks a casualty tally of earlier fighting, which is left out
	// of recall and precision both.
	Update bool `json:"update"`
}

type newsActor struct {
	Name    string  `json:"name"`
	Country *string `json:"country"`
	Kind    string  `json:"kind"`
}

type newsCount struct {
	Best *int `json:"best"`
	Low  *int `json:"low"`
	High *int `json:"high"`
}

// News scores extraction on a hand-annotated news set: each item's
// events found (recall), the events extracted that the annotation has
// (precision), and the fields of the events matched. Events are matched
// within an item by type family (durand's FIGHT is PLOVER's ASSAULT, its
// SEIZE PLOVER's COERCE), those whose evidence overlaps the annotated
// quote first. The texts are read from the corpus beside the gold file
// (its name without ".gold").
func News(x Extractor, lx *recognize.Lexicon, goldPath string) (*Report, error) {
	textPath := strings.Replace(goldPath, ".gold.jsonl", ".jsonl", 1)
	if textPath == goldPath {
		return nil, fmt.Errorf("%s: a news gold file is named CORPUS.gold.jsonl, beside CORPUS.jsonl", goldPath)
	}
	items, err := readJSONLines[newsItem](textPath)
	if err != nil {
		return nil, err
	}
	golds, err := readJSONLines[newsGold](goldPath)
	if err != nil {
		return nil, err
	}
	texts := map[string]newsItem{}
	for _, it := range items {
		texts[it.ID] = it
	}
	rep := &Report{Gold: goldPath, Format: "news"}
	t := newTally()
	sc := newsScorer{t: t, admin1: admin1Canon(lx), agents: genericWords(lx)}
	total := 0
	for _, g := range golds {
		it, ok := texts[g.ID]
		if !ok {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s: item %s: not in %s", goldPath, g.ID, textPath))
			continue
		}
		day, err := time.Parse(time.DateOnly, it.Published)
		if err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s: item %s: published %q: %v", textPath, it.ID, it.Published, err))
			continue
		}
		evs := x.Extract(durand.Document{ID: durand.DocID("news:" + it.ID), Text: it.Text, Published: day})
		total += len(evs)
		rep.Records++
		t.record(it.ID, it.Text)
		sc.item(it.Text, g.Events, evs)
	}
	sc.notes()
	rep.finish(t, total)
	return rep, nil
}

// readJSONLines reads a file of JSON objects, one a line.
func readJSONLines[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// newsScorer scores items into a tally.
type newsScorer struct {
	t      *tally
	admin1 func(string) string
	// agents holds the words of the generic actor nouns ("militants",
	// "forces"): an annotated name made only of them names no group.
	agents map[string]bool
}

// pair is a candidate match of an annotated and an extracted event.
type pair struct{ g, e, score int }

// item scores one item: matches its events, then each matched pair's
// fields.
func (sc *newsScorer) item(text string, gold []newsEvent, evs []durand.Event) {
	quotes := make([][2]int, len(gold))
	for i := range gold {
		quotes[i] = quoteSpan(text, gold[i].Evidence)
	}
	usedG, matchedTo := make([]bool, len(gold)), make([]int, len(evs))
	for ei := range matchedTo {
		matchedTo[ei] = -1
	}
	// Events first, then tallies of earlier fighting: an extracted event
	// that is one of those is neither right nor wrong.
	for _, updates := range []bool{false, true} {
		var pairs []pair
		for gi := range gold {
			if gold[gi].Update != updates {
				continue
			}
			for ei := range evs {
				if slices.Contains(wantTypes(gold[gi].Type), evs[ei].Type) {
					pairs = append(pairs, pair{gi, ei, sc.affinity(&gold[gi], quotes[gi], &evs[ei])})
				}
			}
		}
		slices.SortStableFunc(pairs, func(a, b pair) int { return cmp.Compare(b.score, a.score) })
		for _, p := range pairs {
			if usedG[p.g] || matchedTo[p.e] >= 0 {
				continue
			}
			usedG[p.g], matchedTo[p.e] = true, p.g
			if !updates {
				sc.fields(&gold[p.g], &evs[p.e])
			}
		}
	}
	for gi := range gold {
		if !gold[gi].Update {
			sc.t.check("event recall", usedG[gi], gold[gi].Type+": "+gold[gi].Evidence, summarize(evs))
		}
	}
	for ei := range evs {
		if g := matchedTo[ei]; g < 0 || !gold[g].Update {
			sc.t.check("event precision", g >= 0, "no such event", describe(&evs[ei]))
		}
	}
}

// affinity ranks candidate matches: overlapping evidence above all, then
// agreeing place and toll.
func (sc *newsScorer) affinity(g *newsEvent, quote [2]int, e *durand.Event) int {
	score := 0
	for _, ev := range e.Evidence {
		if quote[1] > quote[0] && ev.Start < quote[1] && quote[0] < ev.End {
			score += 4
			break
		}
	}
	if g.Place != nil && samePlace(*g.Place, e.Place) {
		score++
	}
	if g.Killed != nil && sameCount(*g.Killed, e.Fatalities) {
		score++
	}
	return score
}

// fields scores the fields the annotation gives of a matched pair.
func (sc *newsScorer) fields(g *newsEvent, e *durand.Event) {
	t := sc.t
	got := describe(e)
	if g.Mode != nil {
		t.check("mode", e.Mode == *g.Mode, *g.Mode, got)
	}
	if named := sc.named(g.Source); len(named) > 0 {
		t.check("source (perpetrator or initiator)", sc.anyActor(named, e.Source), actorNames(named), got)
	}
	if named := sc.named(g.Target); len(named) > 0 {
		t.check("target", sc.anyActor(named, e.Target), actorNames(named), got)
	}
	if g.ClaimedBy != nil {
		ok := e.ClaimedBy != nil && sc.sameActor(newsActor{Name: *g.ClaimedBy, Kind: "insurgent"}, *e.ClaimedBy)
		t.check("claimed by", ok, *g.ClaimedBy, got)
	}
	if g.Country != nil {
		t.check("country", e.Place != nil && e.Place.Country == *g.Country, *g.Country, got)
	}
	if g.Admin1 != nil {
		t.check("admin1", e.Place != nil && sc.admin1(e.Place.Admin1) == sc.admin1(*g.Admin1), *g.Admin1, got)
	}
	if g.Place != nil {
		t.check("place", samePlace(*g.Place, e.Place), *g.Place, got)
	}
	if g.Date != nil {
		ok := e.Date.Precision == durand.Day && e.Date.Start.Format(time.DateOnly) == *g.Date
		t.check("date (the day)", ok, *g.Date, got)
		day, err := time.Parse(time.DateOnly, *g.Date)
		holds := err == nil && e.Date.Known() && e.Date.Overlaps(durand.Date{Start: day, End: day})
		t.check("date (its range holds the day)", holds, *g.Date, got)
	}
	if g.Killed != nil {
		t.check("killed (best, low, high)", sameCount(*g.Killed, e.Fatalities), countString(*g.Killed), got)
	}
	if g.Injured != nil {
		t.check("injured (best, low, high)", sameCount(*g.Injured, e.Injured), countString(*g.Injured), got)
	}
}

func (sc *newsScorer) notes() {
	n := sc.t.notes
	n["event recall"] = "annotated events (casualty updates aside) matched by an extracted event of the type family within the item"
	n["event precision"] = "extracted events matched to an annotated event; those matched to a casualty update are left out"
	n["source (perpetrator or initiator)"] = "matched events whose annotated source names an actor (not 'unknown'): any of them"
	n["date (the day)"] = "day precision and the annotated day"
	n["date (its range holds the day)"] = "an undated report's event is dated to the week up to publication"
}

// quoteSpan finds an annotated quote in the item's text: its byte span,
// or an empty one.
func quoteSpan(text, quote string) [2]int {
	if quote == "" {
		return [2]int{}
	}
	if i := strings.Index(text, quote); i >= 0 {
		return [2]int{i, i + len(quote)}
	}
	if i := strings.Index(strings.ToLower(text), strings.ToLower(quote)); i >= 0 && len(strings.ToLower(text)) == len(text) {
		return [2]int{i, i + len(quote)}
	}
	return [2]int{}
}

// samePlace reports whether an extracted place is the annotated one: the
// same name at any level, folded, or one name inside the other ("North
// Waziristan" and "North Waziristan District").
func samePlace(want string, p *durand.Place) bool {
	if p == nil {
		return false
	}
	w := norm(want)
	for _, name := range []string{p.Locality, p.Name, p.Admin2} {
		n := norm(name)
		if n == "" {
			continue
		}
		if n == w || len(w) >= 4 && len(n) >= 4 && (strings.Contains(n, w) || strings.Contains(w, n)) {
			return true
		}
	}
	return false
}

// sameCount reports whether an extracted count is the annotated one.
func sameCount(want newsCount, c durand.Count) bool {
	v := func(p *int) int {
		if p == nil {
			return durand.Unknown
		}
		return *p
	}
	return c.Best == v(want.Best) && c.Low == v(want.Low) && c.High == v(want.High)
}

func countString(c newsCount) string {
	v := func(p *int) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf("%s (%s..%s)", v(c.Best), v(c.Low), v(c.High))
}

// named keeps the annotated actors that are identified: an unidentified
// perpetrator ("gunmen") is a name the extractor is not asked for.
func (sc *newsScorer) named(as []newsActor) []newsActor {
	var out []newsActor
	for _, a := range as {
		if a.Kind != "unknown" {
			out = append(out, a)
		}
	}
	return out
}

func (sc *newsScorer) anyActor(want []newsActor, got []durand.Actor) bool {
	for _, w := range want {
		for _, g := range got {
			if sc.sameActor(w, g) {
				return true
			}
		}
	}
	return false
}

// sameActor reports whether an extracted actor is the annotated one: a
// state's organ by its country, civilians as civilians, an armed group by
// a word of its name or its code (any armed group where the annotation
// names none, as in "militants").
func (sc *newsScorer) sameActor(w newsActor, a durand.Actor) bool {
	switch w.Kind {
	case "state", "military", "government", "police":
		return w.Country != nil && a.Country == *w.Country && !durand.ArmedGroupSector(a.Sector) && a.Code != "CIV"
	case "civilians":
		return strings.HasPrefix(string(a.Code), "CIV")
	}
	distinct := sc.distinctWords(w.Name)
	if len(distinct) == 0 {
		return durand.ArmedGroupSector(a.Sector)
	}
	have := strings.Fields(words(a.Name + " " + string(a.Code)))
	for _, d := range distinct {
		if slices.Contains(have, d) {
			return true
		}
	}
	return false
}

// distinctWords are the words of a name that are not a generic actor
// noun, nor shorter than three letters.
func (sc *newsScorer) distinctWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(words(name)) {
		if len(w) >= 3 && !sc.agents[w] && w != "the" && w != "and" {
			out = append(out, w)
		}
	}
	return out
}

// genericWords collects the words of the lexicon's generic actor nouns.
func genericWords(lx *recognize.Lexicon) map[string]bool {
	m := map[string]bool{}
	for _, a := range lx.Agents {
		for _, w := range strings.Fields(words(a.Name)) {
			m[w] = true
		}
	}
	return m
}

func actorNames(as []newsActor) string {
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	return strings.Join(names, ", ")
}

// describe is an extracted event in one line, for misses.
func describe(e *durand.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", e.Type)
	if e.Mode != "" {
		fmt.Fprintf(&b, "/%s", e.Mode)
	}
	fmt.Fprintf(&b, " %s→%s", codes(e.Source), codes(e.Target))
	if e.Place != nil {
		fmt.Fprintf(&b, " @%s", e.Place.Name)
	}
	if e.Date.Precision != "" && e.Date.Precision != durand.DateUnknown {
		fmt.Fprintf(&b, " %s/%s", e.Date.Start.Format(time.DateOnly), e.Date.Precision)
	}
	if e.Fatalities.Known() {
		fmt.Fprintf(&b, " killed %d (%d..%d)", e.Fatalities.Best, e.Fatalities.Low, e.Fatalities.High)
	}
	return b.String()
}

func summarize(evs []durand.Event) string {
	if len(evs) == 0 {
		return "no event"
	}
	var out []string
	for i := range evs {
		out = append(out, describe(&evs[i]))
	}
	return strings.Join(out, "; ")
}
