// Package gazetteer holds the places durand can put events on: countries,
// provinces, districts, towns and border crossings, with their alternate
// names, coordinates and containing admin units.
package gazetteer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/durandhq/durand"
)

// Kind is the kind of a place.
type Kind string

// The place kinds, by how much they cover.
const (
	Country  Kind = "country"
	Admin1   Kind = "adm1"
	Admin2   Kind = "adm2"
	Capital  Kind = "capital"
	City     Kind = "city"
	Town     Kind = "town"
	Crossing Kind = "crossing"
	Valley   Kind = "valley"
	// Village is a village or locality from a bulk source: recognised only
	// in an address position ("in Dara-e-Taimoor village, Ghor").
	Village Kind = "village"
	// Border is an international border as a whole ("the Durand Line"):
	// an event on it is placed at precision border.
	Border Kind = "border"
)

// Entry is one place.
type Entry struct {
	ID       durand.PlaceID
	Kind     Kind
	Name     string
	Country  string // ISO 3166-1 alpha-3
	Admin1   string
	Admin2   string
	Lat, Lon float64
	Pop      int
	Names    []string // alternate names, not including Name
}

// Precision is the place precision an event located at e gets.
func (e *Entry) Precision() durand.PlacePrecision {
	switch e.Kind {
	case Country:
		return durand.AtCountry
	case Admin1:
		return durand.AtAdmin1
	case Admin2:
		return durand.AtAdmin2
	case Border:
		return durand.AtBorder
	}
	return durand.AtPlace
}

// WorldLayer reports whether e comes from the world layer of first-level
// subdivisions (ISO 3166-2), coarser than the theatre's own sources.
func (e *Entry) WorldLayer() bool { return strings.HasPrefix(string(e.ID), "iso3166-2:") }

// Rank orders kinds from the largest area (0) to the smallest.
func (e *Entry) Rank() int {
	switch e.Kind {
	case Country:
		return 0
	case Admin1, Border:
		return 1
	case Admin2:
		return 2
	}
	return 3
}

// Within reports whether e lies inside the unit u (a country, province or
// district), by the admin names the gazetteer records.
func (e *Entry) Within(u *Entry) bool {
	if e == u || e.Country != u.Country {
		return false
	}
	switch u.Kind {
	case Country:
		return e.Kind != Country
	case Admin1:
		return e.Kind != Admin1 && e.Admin1 == u.Admin1
	case Admin2:
		return e.Rank() > 2 && e.Admin2 == u.Admin2 && e.Admin1 == u.Admin1
	}
	return false
}

// Place returns the entry as an event place.
func (e *Entry) Place() *durand.Place {
	p := &durand.Place{ID: e.ID, Name: e.Name, Admin1: e.Admin1, Admin2: e.Admin2, Country: e.Country, Lat: e.Lat, Lon: e.Lon, Prec: e.Precision()}
	return p
}

// Gazetteer is a loaded set of places. It is read-only after Load and safe
// for concurrent use.
type Gazetteer struct {
	Entries []Entry
	byID    map[durand.PlaceID]int
	// admin maps a unit's country, kind and name to its entry.
	admin map[unitKey]int
	// country maps an ISO code to the first country entry that has it.
	country map[string]int
}

// Load reads a gazetteer in the TSV format that `go generate ./gazetteer`
// writes (id, kind, name, country, admin1, admin2, lat, lon, pop, names).
// A line that is not an entry is an error naming it: the gazetteer is
// generated, and a wrong line means a wrong generator or a damaged file.
func Load(r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{byID: map[durand.PlaceID]int{}, admin: map[unitKey]int{}, country: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' || strings.HasPrefix(t, "id\t") {
			continue
		}
		e, err := readEntry(t)
		if err == nil && g.Get(e.ID) != nil {
			err = fmt.Errorf("id %q given twice", e.ID)
		}
		if err != nil {
			return nil, fmt.Errorf("gazetteer line %d: %w", line, err)
		}
		g.byID[e.ID] = len(g.Entries)
		switch e.Kind {
		case Country, Admin1, Admin2:
			g.admin[adminKey(e.Country, e.Kind, e.Name)] = len(g.Entries)
		}
		if _, seen := g.country[e.Country]; !seen && e.Kind == Country {
			g.country[e.Country] = len(g.Entries)
		}
		g.Entries = append(g.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer line %d: %w", line+1, err)
	}
	return g, nil
}

// kinds are the place kinds a gazetteer may give.
var kinds = []Kind{Country, Admin1, Admin2, Capital, City, Town, Crossing, Valley, Village, Border}

// readEntry reads one line of a gazetteer: an id, a known kind, a name, a
// point on the globe, a population that is not negative. An empty
// alternate name ("a||b") is dropped.
func readEntry(t string) (Entry, error) {
	c := strings.Split(t, "\t")
	if len(c) < 10 {
		return Entry{}, fmt.Errorf("%d columns, want 10", len(c))
	}
	lat, err1 := strconv.ParseFloat(c[6], 64)
	lon, err2 := strconv.ParseFloat(c[7], 64)
	pop, err3 := strconv.Atoi(c[8])
	e := Entry{ID: durand.PlaceID(c[0]), Kind: Kind(c[1]), Name: c[2], Country: c[3], Admin1: c[4], Admin2: c[5], Lat: lat, Lon: lon, Pop: pop}
	switch {
	case err1 != nil || err2 != nil || err3 != nil:
		return e, errors.New("bad number")
	case !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180): // NaN fails too
		return e, fmt.Errorf("point %s, %s is not on the globe", c[6], c[7])
	case pop < 0:
		return e, fmt.Errorf("population %d", pop)
	case e.ID == "" || e.Name == "":
		return e, errors.New("no id or name")
	case !slices.Contains(kinds, e.Kind):
		return e, fmt.Errorf("kind %q is not one of %v", e.Kind, kinds)
	}
	for n := range strings.SplitSeq(c[9], "|") {
		if n != "" {
			e.Names = append(e.Names, n)
		}
	}
	return e, nil
}

// Get returns the entry with the given id, or nil.
func (g *Gazetteer) Get(id durand.PlaceID) *Entry {
	i, ok := g.byID[id]
	if !ok {
		return nil
	}
	return &g.Entries[i]
}

// Unit returns the admin unit of a kind by country and name, or nil.
func (g *Gazetteer) Unit(country string, kind Kind, name string) *Entry {
	i, ok := g.admin[adminKey(country, kind, name)]
	if !ok {
		return nil
	}
	return &g.Entries[i]
}

// Country returns the entry of the country with an ISO code, or nil.
func (g *Gazetteer) Country(code string) *Entry {
	i, ok := g.country[code]
	if !ok {
		return nil
	}
	return &g.Entries[i]
}

// unitKey names an admin unit; a key of its parts, not a string joining
// them, so that no name holding the separator stands for another unit.
type unitKey struct {
	country string
	kind    Kind
	name    string
}

func adminKey(country string, kind Kind, name string) unitKey {
	return unitKey{country, kind, strings.ToLower(name)}
}
