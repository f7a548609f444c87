package recognize

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/sentence"
)

// entity is the payload of a name in the entity dictionary. One name may
// carry several roles: "Pakistan" is a place and a state.
type entity struct {
	actor   *durand.ActorDef
	agent   *durand.Agent
	nation  string // ISO3 of a country name, capital or demonym
	demonym bool   // "Pakistani": modifies the next actor or event
	capital bool   // "Islamabad": may stand for its government
	place   int32  // gazetteer index, or -1
	// surface, when set, must equal the matched text exactly: short
	// all-capital aliases ("FC", "ANA", "ISI") must not match ordinary words.
	surface string
}

// Lexicon is the loaded dictionaries. It is read-only after Load and safe
// for concurrent use.
type Lexicon struct {
	Gazetteer *gazetteer.Gazetteer
	Actors    []*durand.ActorDef
	Agents    []*durand.Agent
	Triggers  []*durand.TriggerDef
	// Countries maps ISO3 to the country's name.
	Countries map[string]string

	entities []entity
	vocab    vocab // the words of ents' and trigs' phrases, and of wordClasses
	// class holds each word number's wordClass bits.
	class []wordClass
	ents  *trie
	trigs *trie
	// fuzzy maps a transliteration key (see Key) to gazetteer indexes, for
	// spellings no source lists ("Feroz Koh" for "Firozkoh").
	fuzzy map[string][]int32
	// exact maps a name's letters, folded ("dataekhel" for "Datta Khel"),
	// to gazetteer indexes: how villages, which are not in the trie, are
	// found in address positions.
	exact map[string][]int32
	// placeEnt maps a gazetteer index to its entity index.
	placeEnt map[int32]int32

	// Cameo maps CAMEO codes to PLOVER types (cameo_plover.txt).
	Cameo CameoTable
	// verbs is the users' PETRARCH verb dictionaries (--verbs), nil
	// without one; cameoTrigs holds the trigger of each of their codes.
	verbs      *verbDict
	cameoTrigs map[string]*durand.TriggerDef
	// mergedTrigs holds the verb triggers merged with built-in ones
	// (mergedKey → *durand.TriggerDef; see merged), made with cameoTrigs.
	mergedTrigs *sync.Map
}

// Load reads the dictionaries from fsys: gazetteer.tsv, countries.tsv,
// actors.tsv, agents.tsv and triggers.tsv (the layout of package data).
func Load(fsys fs.FS) (*Lexicon, error) {
	lx := newLexicon()
	f, err := fsys.Open("gazetteer.tsv")
	if err != nil {
		return nil, err
	}
	lx.Gazetteer, err = gazetteer.Load(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	steps := []struct {
		file string
		load func([]map[string]string) error
	}{
		{"countries.tsv", lx.loadCountries},
		{"demonyms.tsv", lx.loadDemonyms},
		{"actors.tsv", lx.loadActors},
		{"agents.tsv", lx.loadAgents},
		{"triggers.tsv", lx.loadTriggers},
	}
	for _, s := range steps {
		rows, err := readTSV(fsys, s.file)
		if err != nil {
			return nil, err
		}
		if err := s.load(rows); err != nil {
			return nil, fmt.Errorf("%s: %w", s.file, err)
		}
	}
	cp, err := fsys.Open("cameo_plover.txt")
	if err != nil {
		return nil, err
	}
	lx.Cameo, err = ReadCameoPlover(cp)
	cp.Close()
	if err != nil {
		return nil, fmt.Errorf("cameo_plover.txt: %w", err)
	}
	lx.loadPlaces()
	lx.classify()
	for i := range lx.Gazetteer.Entries {
		if e := &lx.Gazetteer.Entries[i]; e.Kind == gazetteer.Country && lx.Countries[e.Country] == "" {
			lx.Countries[e.Country] = e.Name
		}
	}
	return lx, nil
}

// newLexicon returns an empty lexicon, ready to be added to.
func newLexicon() *Lexicon {
	return &Lexicon{ents: newRoot(), trigs: newRoot(), Countries: map[string]string{}, fuzzy: map[string][]int32{},
		exact: map[string][]int32{}, placeEnt: map[int32]int32{}}
}

// AddActors reads more actors in the actors.tsv format, for --actors FILE.
func (lx *Lexicon) AddActors(r io.Reader) error {
	rows, err := readRows(r, "actors")
	if err != nil {
		return err
	}
	return lx.loadActors(rows)
}

func (lx *Lexicon) addEntity(name string, e entity) {
	lx.addEntityCase(name, e, isAcronym(name))
}

// addEntityCase adds a name; exact makes it match only as written (short
// all-capital aliases such as "FC" must not match ordinary words).
func (lx *Lexicon) addEntityCase(name string, e entity, exact bool) {
	words := words(name)
	if len(words) == 0 {
		return
	}
	if exact {
		e.surface = name
	}
	lx.entities = append(lx.entities, e)
	lx.ents.add(lx.vocab.phrase(words), int32(len(lx.entities)-1))
}

// loadDemonyms adds the demonyms of the countries countries.tsv lacks.
func (lx *Lexicon) loadDemonyms(rows []map[string]string) error {
	for i, r := range rows {
		if len(r["iso3"]) != 3 {
			return fmt.Errorf("row %d: iso3 %q is no ISO 3166-1 alpha-3 code", i+2, r["iso3"])
		}
		lx.addDemonyms(r["iso3"], r["demonyms"])
	}
	return nil
}

// addDemonyms adds a country's demonyms, |-separated.
func (lx *Lexicon) addDemonyms(iso, demonyms string) {
	for _, d := range split(demonyms) {
		lx.addEntity(d, entity{nation: iso, demonym: true, place: -1})
	}
}

func (lx *Lexicon) loadCountries(rows []map[string]string) error {
	for _, r := range rows {
		iso := r["iso3"]
		lx.Countries[iso] = r["name"]
		// Country names are added with the gazetteer's places (they are
		// entries there); here the demonyms and foreign capitals.
		lx.addDemonyms(iso, r["demonyms"])
		if c := r["capital"]; c != "" && iso != "AFG" && iso != "PAK" {
			// Afghan and Pakistani capitals are gazetteer places already.
			lx.addEntity(c, entity{nation: iso, capital: true, place: -1})
		}
	}
	return nil
}

// actorRow is one row of an actor dictionary, read and checked.
type actorRow struct {
	id    string
	role  durand.ActorRole
	names []string
}

// loadActors adds the actors of rows, all of them or, when a row is
// wrong, none: a dictionary refused halfway left its first rows loaded.
func (lx *Lexicon) loadActors(rows []map[string]string) error {
	parsed := make([]actorRow, 0, len(rows))
	for i, r := range rows {
		a, err := readActorRow(r)
		if err != nil {
			return fmt.Errorf("row %d: %w", i+2, err)
		}
		parsed = append(parsed, a)
	}
	byID := map[string]*durand.ActorDef{}
	for _, a := range lx.Actors {
		byID[a.ID] = a
	}
	for _, a := range parsed {
		def := byID[a.id]
		if def == nil {
			def = &durand.ActorDef{ID: a.id}
			byID[a.id] = def
			lx.Actors = append(lx.Actors, def)
		}
		def.Roles = append(def.Roles, a.role)
		for _, n := range a.names {
			if slices.Contains(def.Names, n) {
				continue // a place's role repeats names of the actor's own
			}
			def.Names = append(def.Names, n)
			lx.addEntity(n, entity{actor: def, place: -1})
		}
	}
	return nil
}

// readActorRow reads one row of an actor dictionary. A role's period
// ends after it starts: one that does not would never be taken.
func readActorRow(r map[string]string) (actorRow, error) {
	a := actorRow{id: r["id"], names: split(r["names"]),
		role: durand.ActorRole{Code: durand.ActorCode(r["code"]), Name: r["name"], Country: r["country"], Sector: r["sector"]}}
	if a.id == "" || a.role.Code == "" {
		return a, errors.New("id and code are required")
	}
	var err error
	if a.role.From, err = optDate(r["from"]); err != nil {
		return a, fmt.Errorf("from: %w", err)
	}
	if a.role.Until, err = optDate(r["until"]); err != nil {
		return a, fmt.Errorf("until: %w", err)
	}
	if !a.role.From.IsZero() && !a.role.Until.IsZero() && !a.role.Until.After(a.role.From) {
		return a, fmt.Errorf("until %s is not after from %s", r["until"], r["from"])
	}
	if in := split(r["in"]); len(in) > 0 {
		if len(a.names) == 0 {
			return a, errors.New("a role limited to a place (in) lists the names that take it")
		}
		a.role.In, a.role.Names = in, a.names
	}
	return a, nil
}

func (lx *Lexicon) loadAgents(rows []map[string]string) error {
	for _, r := range rows {
		names := split(r["names"])
		if len(names) == 0 {
			continue
		}
		a := &durand.Agent{Name: names[0], Sector: r["sector"], Code: durand.ActorCode(r["code"]), Armed: r["armed"] == "yes"}
		lx.Agents = append(lx.Agents, a)
		for _, n := range names {
			ag := *a
			ag.Name = n
			lx.addEntity(n, entity{agent: &ag, place: -1})
		}
	}
	return nil
}

func (lx *Lexicon) loadTriggers(rows []map[string]string) error {
	for i, r := range rows {
		t := durand.EventType(r["type"])
		if t == "" {
			return fmt.Errorf("row %d: no type", i+2)
		}
		flags := r["flags"]
		for _, form := range split(r["forms"]) {
			d := &durand.TriggerDef{Phrase: form, Type: t, Mode: r["mode"], Context: r["context"], Nominal: strings.Contains(flags, "n"), RefOnly: strings.Contains(flags, "r"), OnPeople: strings.Contains(flags, "p"), TotalOnly: strings.Contains(flags, "t")}
			switch {
			case strings.Contains(flags, "k"):
				d.Harm = durand.Killed
			case strings.Contains(flags, "i"):
				d.Harm = durand.Injured
			case strings.Contains(flags, "a"):
				d.Harm = durand.Abducted
			}
			lx.Triggers = append(lx.Triggers, d)
			lx.trigs.add(lx.vocab.phrase(words(form)), int32(len(lx.Triggers)-1))
		}
	}
	return nil
}

// loadPlaces adds every gazetteer name. Country entries and capitals also
// carry their nation, so that "Pakistan" and "Islamabad" can act.
func (lx *Lexicon) loadPlaces() {
	for i := range lx.Gazetteer.Entries {
		e := &lx.Gazetteer.Entries[i]
		ent := entity{place: int32(i)}
		switch e.Kind {
		case gazetteer.Country:
			ent.nation = e.Country
		case gazetteer.Capital:
			ent.nation, ent.capital = e.Country, true
		}
		// One entity per place, shared by all its names.
		lx.entities = append(lx.entities, ent)
		idx := int32(len(lx.entities) - 1)
		lx.placeEnt[int32(i)] = idx
		var seen [8]string // folded names already added for this entry
		nseen := 0
	names:
		for k := -1; k < len(e.Names); k++ {
			n := e.Name
			if k >= 0 {
				n = e.Names[k]
			}
			f := sentence.Fold(n)
			if placeStopwords[f] {
				continue
			}
			// "X province" and "X Province" fold alike: add once.
			for _, s := range seen[:nseen] {
				if s == f {
					continue names
				}
			}
			if nseen < len(seen) {
				seen[nseen] = f
				nseen++
			}
			if e.Kind != gazetteer.Village {
				if w := words(n); len(w) > 0 {
					lx.ents.add(lx.vocab.phrase(w), idx)
				}
			}
			if k := Key(n); len(k) >= 6 {
				lx.fuzzy[k] = addIndex(lx.fuzzy[k], int32(i))
			}
			if e.Kind == gazetteer.Village {
				if k := letters(n); len(k) >= 4 {
					lx.exact[k] = addIndex(lx.exact[k], int32(i))
				}
			}
		}
	}
}

func addIndex(l []int32, i int32) []int32 {
	if len(l) == 0 || l[len(l)-1] != i {
		return append(l, i)
	}
	return l
}

// letters folds a name to its lower-case letters: "Datta Khel" and
// "Datta-Khel" are "dattakhel".
func letters(name string) string {
	f := sentence.Fold(name)
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if c := f[i]; c >= 'a' && c <= 'z' || c >= 0x80 {
			b = append(b, c)
		}
	}
	return string(b)
}

// Key is a transliteration key for Afghan and Pakistani names: letters
// only, vowels reduced to three classes, doubled letters and the
// ezafe joints collapsed, q as k. "Feroz Koh" and "Firozkoh", "Pul-e Khumri"
// and "Puli Khumri", "Mahmood" and "Mahmud" share a key.
func Key(name string) string {
	f := sentence.Fold(name)
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c >= 'a' && c <= 'z':
		default:
			continue
		}
		switch c {
		case 'e', 'i', 'y':
			c = 'i'
		case 'o', 'u', 'w':
			c = 'u'
		case 'q':
			c = 'k'
		}
		if n := len(b); n > 0 && b[n-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// placeStopwords are gazetteer names that are also common English words;
// as places they would fire on ordinary text.
var placeStopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`now bar police center centre central new said will one may can more most east west north south
	upper lower city town village district province area road bridge camp market station school college hospital mosque
	post gate valley river lake hill hills mountain mountains border line point kot army
	state islamic republic island sea port airport base data general major chief head deh kala qala pul bazar bazaar
	sar shah khan mir kili killi garhi dera darya ghar gul bagh abad nawa karez kalay kalai banda dag band chak
	afghan pakistani taliban`) {
		m[w] = true
	}
	return m
}()

// placeEntity returns the entity index of gazetteer entry i.
func (lx *Lexicon) placeEntity(i int32) int32 { return lx.placeEnt[i] }

// words folds and tokenises a dictionary phrase the way sentences are.
func words(phrase string) []string {
	toks := sentence.Tokenize(phrase, durand.Span{Start: 0, End: len(phrase)})
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, t.Norm)
	}
	return out
}

// isAcronym reports whether a name is short and written in capitals
// ("FC", "ISI", "LeT", "IS-K"): such names match only as written.
func isAcronym(s string) bool {
	if len(s) > 6 || strings.Contains(s, " ") {
		return false
	}
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

func optDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse("2006-01-02", s)
}

func split(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func readTSV(fsys fs.FS, name string) ([]map[string]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readRows(f, name)
}

func readRows(r io.Reader, name string) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.Comment = '#'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", name)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(recs[0]))
		for i, h := range recs[0] {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// Countries reads countries.tsv from fsys and returns ISO3 → name, for
// callers that need names without loading the whole lexicon.
func Countries(fsys fs.FS) (map[string]string, error) {
	rows, err := readTSV(fsys, "countries.tsv")
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r["iso3"]] = r["name"]
	}
	// The countries countries.tsv lacks are in the gazetteer, by name.
	f, err := fsys.Open("gazetteer.tsv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "iso:") {
			c := strings.SplitN(l, "\t", 5)
			if len(c) >= 4 && c[1] == string(gazetteer.Country) && out[c[3]] == "" {
				out[c[3]] = c[2]
			}
		}
	}
	return out, sc.Err()
}
