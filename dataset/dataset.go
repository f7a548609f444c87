// Package dataset maps the event datasets analysts already use (ACLED,
// UCDP GED, GTD, the Bureau of Investigative Journalism's drone strikes,
// Pakistan Body Count's suicide and drone attacks) into durand's event model, each event keeping its
// dataset and record id, so that they can be stored, queried and fused
// with extracted events; and writes durand events back as UCDP-style rows.
package dataset

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/sentence"
	"github.com/durandhq/durand/store"
)

// Formats are the dataset formats Importer reads.
var Formats = []string{"acled", "ucdp", "gtd", "tbij", "pbc", "jsonl"}

// Importer reads dataset files into events. It names actors with the
// dictionaries extraction uses, so that "Government of Pakistan" in UCDP
// and "Pakistani soldiers" in a report meet as PAK.GOV and PAK.MIL, and it
// names provinces and districts as the gazetteer does.
type Importer struct {
	x      *pipeline.Extractor
	bounds *gazetteer.Boundaries
	acled  map[string]acledType // acledKey(type, sub-type) → its row
	// gtdAttack and gtdTarget map GTD's attack types to a PLOVER mode
	// and its target types to an actor's sector.
	gtdAttack, gtdTarget map[string]string
	iso3                 map[string]string // folded country name → ISO3
	// maxYear is the latest year of an event that happened: next year.
	maxYear int
}

type acledType struct{ typ, sub, plover, mode string }

// New returns an importer using x's dictionaries and the shipped data in
// fsys (data.FS).
func New(x *pipeline.Extractor, fsys fs.FS) (*Importer, error) {
	b, err := gazetteer.LoadBoundaries(fsys)
	if err != nil {
		return nil, err
	}
	im := &Importer{x: x, bounds: b, acled: map[string]acledType{}, gtdAttack: map[string]string{},
		gtdTarget: map[string]string{}, iso3: map[string]string{}, maxYear: time.Now().Year() + 1}
	acled, err := readTSV(fsys, "acled_types.tsv", 4)
	if err != nil {
		return nil, err
	}
	for _, f := range acled {
		im.acled[acledKey(f[0], f[1])] = acledType{f[0], f[1], f[2], f[3]}
	}
	gtd, err := readTSV(fsys, "gtd_types.tsv", 3)
	if err != nil {
		return nil, err
	}
	for _, f := range gtd {
		switch f[0] {
		case "attack":
			im.gtdAttack[f[1]] = f[2]
		case "target":
			im.gtdTarget[f[1]] = f[2]
		default:
			return nil, fmt.Errorf("gtd_types.tsv: kind %q: want attack or target", f[0])
		}
	}
	for code, name := range x.Lexicon().Countries {
		im.iso3[sentence.Fold(name)] = code
	}
	return im, nil
}

// readTSV reads a table of data/: its rows after the comments and the
// header line, each with n fields.
func readTSV(fsys fs.FS, name string, n int) ([][]string, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var out [][]string
	header := true
	for i, l := range strings.Split(string(raw), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != n {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", name, i+1, len(f), n)
		}
		out = append(out, f)
	}
	return out, nil
}

// Read reads a dataset file of the given format and calls emit for each
// event and fail for each bad row, naming the file and line, which it
// skips. A fault of the whole file (empty, binary, only a header, the
// wrong format) is returned as an *Error, before any event is emitted;
// any other error is emit's.
func (im *Importer) Read(format string, r io.Reader, name string, emit func(durand.Event) error, fail func(error)) error {
	checked := func(line int, ev durand.Event) error {
		if err := im.checkEvent(ev); err != nil {
			fail(&Error{name, line, err})
			return nil
		}
		return emit(ev)
	}
	if format == "jsonl" {
		return readJSONL(r, name, checked, fail)
	}
	var required []string
	var mapRow func(row) (durand.Event, error)
	switch format {
	case "acled":
		required, mapRow = []string{"event_id_cnty", "event_date", "event_type"}, im.acledEvent
	case "ucdp":
		required, mapRow = []string{"id", "type_of_violence", "side_a", "side_b", "date_start"}, im.ucdpEvent
	case "gtd":
		required, mapRow = []string{"eventid", "iyear", "imonth", "iday", "attacktype1_txt"}, im.gtdEvent
	case "tbij":
		required, mapRow = []string{"Strike ID", "Date (MM-DD-YYYY)", "Most Specific Lat/Long"}, im.tbijEvent
	case "pbc":
		required, mapRow = []string{"S#", "Date", "City", "Province"}, im.pbcEvent
	default:
		return fmt.Errorf("unknown dataset format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	return rows(r, name, required, func(row row) error {
		ev, err := mapRow(row)
		if err != nil {
			fail(&Error{name, row.line, err})
			return nil
		}
		return checked(row.line, ev)
	}, fail)
}

// Error is a bad row (file, line and reason) or a bad file (Line 0).
type Error struct {
	Input string
	Line  int
	Err   error
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.Input, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.Input, e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// unitSuffix is how datasets spell unit kinds after a name
// ("Khyber Pakhtunkhwa province", "Neelam district").
var unitSuffix = regexp.MustCompile(`(?i)\s+(province|district|agency|division|tehsil|region|state)$`)

// place builds an event place from a dataset's names and point. The
// province and district are those whose polygon holds the point (today's
// units, so FATA records fall in Khyber Pakhtunkhwa, as extracted events
// do); without a polygon, the gazetteer's spelling of the dataset's name,
// else the name as written. A point coded to a province (its centroid)
// names no district.
func (im *Importer) place(id, name, admin2, admin1, country string, lat, lon float64, hasPoint bool, prec durand.PlacePrecision) *durand.Place {
	p := &durand.Place{ID: durand.PlaceID(id), Name: name, Country: country, Prec: prec, Confidence: 1}
	admin1 = unitSuffix.ReplaceAllString(admin1, "")
	admin2 = unitSuffix.ReplaceAllString(admin2, "")
	if hasPoint {
		p.Lat, p.Lon = lat, lon
		if c, a1, a2, ok := im.bounds.Locate(lat, lon); ok && (c == country || country == "") {
			p.Country, p.Admin1 = c, a1
			if prec != durand.AtAdmin1 && prec != durand.AtCountry {
				p.Admin2 = a2
			}
			return p
		}
	}
	g := im.x.Gazetteer()
	p.Admin1, p.Admin2 = admin1, admin2
	if e := g.Unit(country, gazetteer.Admin1, admin1); e != nil {
		p.Admin1 = e.Name
	}
	if e := g.Unit(country, gazetteer.Admin2, admin2); e != nil {
		p.Admin2 = e.Name
	}
	if !hasPoint && name == "" && p.Admin1 == "" && country == "" {
		return nil
	}
	return p
}

// actor names a dataset's actor: its code from the dictionaries, its name
// as the dataset writes it; sector is the fallback when the dictionaries
// do not know the name.
func (im *Importer) actor(name string, on time.Time, country, sector string) durand.Actor {
	name = strings.TrimSpace(name)
	if a, ok := im.x.Actor(name, on); ok && a.Code != "" && !strings.HasPrefix(string(a.Code), ".") {
		a.Name = name
		if a.Country == "" && a.Code != "CIV" {
			a.Country = country
		}
		return a
	}
	return durand.Actor{Code: durand.ActorCode(slug(name)), Name: name, Country: country, Sector: sector}
}

// slug makes a code from a name the dictionaries lack: upper-case words
// joined by "_", so that the same name always gets the same code.
func slug(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(sentence.Fold(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		b.WriteString(strings.ToUpper(w))
	}
	return b.String()
}

// country returns the ISO3 code of a country written as a code or a name.
func (im *Importer) country(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 3 && strings.ToUpper(s) == s {
		return s
	}
	return im.iso3[sentence.Fold(s)]
}

func isoDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Batch is how many imported events Import stores per transaction.
const Batch = 2000

// Import reads a dataset file as Read does and stores its events in st,
// Batch to a transaction; it returns how many it stored. Each event is
// checked before it joins a batch, so a bad row is reported to fail and
// skipped, and cannot make a batch fail. A fault of the whole file is
// found before anything of it is stored. A store error ends the import;
// the batches stored before it stay, and importing the file again
// replaces them.
func (im *Importer) Import(ctx context.Context, st store.Store, format string, r io.Reader, name string, fail func(error)) (int, error) {
	n := 0
	var batch []durand.Event
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := st.PutEvents(ctx, batch); err != nil {
			return fmt.Errorf("%s: store: %w", name, err)
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	}
	err := im.Read(format, r, name, func(ev durand.Event) error {
		batch = append(batch, ev)
		if len(batch) >= Batch {
			return flush()
		}
		return nil
	}, fail)
	var bad *Error
	if err == nil || errors.As(err, &bad) {
		// The rows read before a fault of the input (a read error) are good.
		if ferr := flush(); ferr != nil {
			return n, ferr
		}
	}
	return n, err
}
