// Package dataset maps the event datasets analysts already use (ACLED,
// UCDP GED, GTD) into durand's event model, each event keeping its
// dataset and record id, so that they can be stored, queried and fused
// with extracted events; and writes durand events back as UCDP-style rows.
package dataset

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/sentence"
	"github.com/durandhq/durand/store"
)

// Formats are the dataset formats Importer reads.
var Formats = []string{"acled", "ucdp", "gtd", "jsonl"}

// Importer reads dataset files into events. It names actors with the
// dictionaries extraction uses, so that "Government of Pakistan" in UCDP
// and "Pakistani soldiers" in a report meet as PAK.GOV and PAK.MIL, and it
// names provinces and districts as the gazetteer does.
type Importer struct {
	x      *pipeline.Extractor
	bounds *gazetteer.Boundaries
	acled  []acledType
	iso3   map[string]string // folded country name → ISO3
}

type acledType struct{ typ, sub, plover, mode string }

// New returns an importer using x's dictionaries and the shipped data in
// fsys (data.FS).
func New(x *pipeline.Extractor, fsys fs.FS) (*Importer, error) {
	b, err := gazetteer.LoadBoundaries(fsys)
	if err != nil {
		return nil, err
	}
	im := &Importer{x: x, bounds: b, iso3: map[string]string{}}
	raw, err := fs.ReadFile(fsys, "acled_types.tsv")
	if err != nil {
		return nil, err
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "acled_type\t") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("acled_types.tsv: bad line %q", l)
		}
		im.acled = append(im.acled, acledType{f[0], f[1], f[2], f[3]})
	}
	for code, name := range x.Lexicon().Countries {
		im.iso3[sentence.Fold(name)] = code
	}
	return im, nil
}

// Read reads a dataset file of the given format and calls emit for each
// event and fail for each bad row (naming the file and line). It returns
// an error only for an unreadable file or when emit fails.
func (im *Importer) Read(format string, r io.Reader, name string, emit func(durand.Event) error, fail func(error)) error {
	if format == "jsonl" {
		return readJSONL(r, name, emit, fail)
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
	default:
		return fmt.Errorf("unknown dataset format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	return rows(r, name, required, func(row row) error {
		ev, err := mapRow(row)
		if err != nil {
			fail(row.errorf("%v", err))
			return nil
		}
		return emit(ev)
	}, fail)
}

// Error is a bad row: file, line and reason.
type Error struct {
	Input string
	Line  int
	Err   error
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %v", e.Input, e.Line, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// row is one CSV record by column name.
type row struct {
	file string
	line int
	col  map[string]int
	rec  []string
}

func (r row) get(k string) string {
	if i, ok := r.col[k]; ok && i < len(r.rec) {
		return strings.TrimSpace(r.rec[i])
	}
	return ""
}

func (r row) has(k string) bool { _, ok := r.col[k]; return ok }

func (r row) errorf(format string, args ...any) error {
	return &Error{r.file, r.line, fmt.Errorf(format, args...)}
}

// rows streams a CSV file with a header, checking the required columns.
// A malformed record is reported to bad, naming its line, and skipped.
func rows(r io.Reader, name string, required []string, fn func(row) error, bad func(error)) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, k := range required {
		if _, ok := col[k]; !ok {
			return fmt.Errorf("%s: no %q column: is this the right --format?", name, k)
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line := 0
		if err == nil && len(rec) > 0 {
			line, _ = cr.FieldPos(0)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			bad(&Error{name, line, fmt.Errorf("%w: %v", errMalformed, err)})
			continue
		}
		if len(rec) != len(head) {
			bad(&Error{name, line, fmt.Errorf("%w: %d fields, the header has %d", errMalformed, len(rec), len(head))})
			continue
		}
		if err := fn(row{file: name, line: line, col: col, rec: rec}); err != nil {
			return err
		}
	}
}

var errMalformed = errors.New("malformed CSV record")

// date reads the date layouts datasets use.
func date(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range []string{"2006-01-02", "2006-01-02 15:04:05.000", "2006-01-02 15:04:05", time.RFC3339, "02 January 2006", "2 January 2006", "2006/01/02", "01/02/2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q not understood", s)
}

// count reads a non-negative integer, or Unknown for an empty cell.
func count(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return durand.Unknown, nil
	}
	f, err := strconv.ParseFloat(s, 64) // GTD writes "3.0"
	if err != nil || f < 0 {
		return 0, fmt.Errorf("count %q is not a non-negative number", s)
	}
	return int(f), nil
}

func coord(lat, lon string) (float64, float64, bool) {
	la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return 0, 0, false
	}
	return la, lo, true
}

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
// Batch at a time; it returns how many were stored. Bad rows go to fail.
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
	if err == nil {
		err = flush()
	}
	return n, err
}
