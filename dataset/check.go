package dataset

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/durandhq/durand"
)

// The bounds every imported value is held to. A value outside them is
// neither clamped nor stored as unknown: its row is refused, naming the
// field, the value and the reason, and the rest of the file goes on.
//
//   - Counts of people (killed, injured, abducted) are whole numbers from
//     0 to MaxCount; an empty cell is unknown.
//   - Latitude is in [-90, 90] and longitude in [-180, 180]; a point has
//     both or neither. NaN and infinities are refused everywhere.
//   - Dates are real calendar days from MinYear to next year (an event
//     of durand's own that is announced or hypothetical, to lastYear),
//     and an end is not before its start.
//   - Confidences are in [0, 1].
//   - Codes and types come from their dataset's codebook: ACLED's event
//     types in data/acled_types.tsv, GTD's attack and target types in
//     data/gtd_types.tsv, the numeric codes beside the maps that say what
//     they mean, durand's own enumerations from the root package.
const (
	// MaxCount is the largest count of people one record may give. A
	// record of ACLED, UCDP GED or GTD is one event (a day's fighting in
	// one place, one attack, one massacre), and even the worst of them,
	// UCDP's records of the Rwandan genocide, whose 500,000 to 800,000
	// victims are spread over many records, stay below it. What it must
	// catch is far above it: a sentinel (999999999), an overflow (1e308),
	// a shifted column (an id or a timestamp read as a count).
	MaxCount = 1_000_000
	// MinYear is the earliest year of an imported date: GTD starts in
	// 1970, and the date recognizer reads no year before 1900 either.
	MinYear = 1900
	// lastYear is the latest year of an event that has not happened
	// (modality future or hypothetical: "elections in 2030"), the date
	// recognizer's own limit. Anything else is dated at most next year: a
	// record of what happened dated later is a typo, and a year of slack
	// spares a record written on 1 January in a time zone ahead of ours.
	lastYear = 2100
)

// badValue is a value the importer refuses: its field (a CSV column, or a
// JSON field of an event), the value as written, and why.
type badValue struct{ field, value, why string }

func (e *badValue) Error() string { return fmt.Sprintf("%s %q: %s", e.field, e.value, e.why) }

var notCount = fmt.Sprintf("not a count (want a whole number from 0 to %d)", MaxCount)

// parseCount reads a count of people, or Unknown from an empty cell. GTD
// writes whole numbers as "3.0"; "2.5" is not a count.
func parseCount(field, s string) (int, error) {
	if s == "" {
		return durand.Unknown, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	// NaN fails f == Trunc(f); infinities fail the bound.
	if err != nil || f != math.Trunc(f) || f < 0 || f > MaxCount {
		return 0, &badValue{field, s, notCount}
	}
	return int(f), nil
}

// parsePoint reads a point from its latitude and longitude cells. Both
// empty is no point; one without the other is an error.
func parsePoint(latCol, lonCol, lat, lon string) (la, lo float64, ok bool, err error) {
	if lat == "" && lon == "" {
		return 0, 0, false, nil
	}
	if la, err = parseDegrees(latCol, lat, 90); err != nil {
		return 0, 0, false, err
	}
	if lo, err = parseDegrees(lonCol, lon, 180); err != nil {
		return 0, 0, false, err
	}
	return la, lo, true, nil
}

func parseDegrees(field, s string, max float64) (float64, error) {
	if s == "" {
		return 0, &badValue{field, s, "empty beside the other coordinate"}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f >= -max && f <= max) { // NaN fails both comparisons
		return 0, &badValue{field, s, fmt.Sprintf("not a coordinate (want -%g to %g)", max, max)}
	}
	return f, nil
}

// parseConfidence reads a confidence in [0, 1].
func parseConfidence(field, s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f >= 0 && f <= 1) {
		return 0, &badValue{field, s, "not a confidence (want 0 to 1)"}
	}
	return f, nil
}

// dateLayouts are the ways datasets write a day.
var dateLayouts = []string{"2006-01-02", "2006-01-02 15:04:05.000", "2006-01-02 15:04:05", time.RFC3339,
	"02 January 2006", "2 January 2006", "2006/01/02", "01/02/2006"}

// parseDay reads a calendar day in one of dateLayouts (which refuse 31
// February) within the years checkYear allows.
func (im *Importer) parseDay(field, s string, unhappened bool) (time.Time, error) {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return day, im.checkYear(field, s, day.Year(), unhappened)
		}
	}
	return time.Time{}, &badValue{field, s, "not a calendar date"}
}

// checkYear refuses a year before MinYear, or after next year (after
// lastYear for an event that has not happened).
func (im *Importer) checkYear(field, value string, y int, unhappened bool) error {
	switch {
	case y < MinYear:
		return &badValue{field, value, fmt.Sprintf("before %d", MinYear)}
	case unhappened && y > lastYear:
		return &badValue{field, value, fmt.Sprintf("after %d", lastYear)}
	case !unhappened && y > im.maxYear:
		return &badValue{field, value, "after next year"}
	}
	return nil
}

// notBefore refuses an end before its start.
func notBefore(endCol, end, startCol, start string, e, s time.Time) error {
	if e.Before(s) {
		return &badValue{endCol, end, fmt.Sprintf("before %s %q", startCol, start)}
	}
	return nil
}

// code returns what a codebook's code means; an empty cell means def.
func code[V any](r row, col string, codes map[string]V, def V) (V, error) {
	s := r.get(col)
	if s == "" {
		return def, nil
	}
	v, ok := codes[s]
	if !ok {
		return def, &badValue{col, s, "want one of " + keys(codes)}
	}
	return v, nil
}

func keys[V any](m map[string]V) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, ", ")
}

// checkText refuses a field that is not UTF-8 text or holds a NUL byte:
// stored, the first would turn into replacement characters and the
// second cut strings short in the tools that read the store.
func checkText(col, s string) error {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return &badValue{col, excerpt(s, i), "a NUL byte in text"}
	}
	if !utf8.ValidString(s) {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return &badValue{col, excerpt(s, i), fmt.Sprintf("not UTF-8 text (byte %d)", i+1)}
	}
	return nil
}

// excerpt is up to 20 bytes either side of s[i], so that an error quotes
// the bad byte of a long note and not the whole note.
func excerpt(s string, i int) string {
	from, to := max(0, i-20), min(len(s), i+20)
	out := s[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(s) {
		out += "…"
	}
	return out
}

// The enumerations of durand's event model an imported event may use.
var (
	datePrecisions  = []durand.DatePrecision{durand.Day, durand.Week, durand.Month, durand.Year, durand.DateUnknown, ""}
	placePrecisions = []durand.PlacePrecision{durand.AtPlace, durand.NearPlace, durand.AtAdmin2, durand.AtAdmin1,
		durand.AtCountry, durand.AtBorder, durand.PrecUnknown}
)

// oneOf refuses v unless it is one of vs.
func oneOf[T ~string](field string, v T, vs []T) error {
	if slices.Contains(vs, v) {
		return nil
	}
	var want []string
	for _, x := range vs {
		if x != "" {
			want = append(want, string(x))
		}
	}
	return &badValue{field, string(v), "want one of " + strings.Join(want, ", ")}
}

// checkMode refuses a mode that is not a word of lower-case letters,
// digits, "-" and "_" ("explosives", "crowd-control", "pro_autocracy"):
// modes are an open list, but never free text.
func checkMode(field, m string) error {
	if len(m) > 40 || strings.IndexFunc(m, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) >= 0 {
		return &badValue{field, m, "not a mode (a word of a-z, 0-9, - and _)"}
	}
	return nil
}

// checkEvent holds an event to the bounds above, whatever format it came
// in: the last guard before the store, and the only one for JSON lines,
// whose fields it names as the contract does.
func (im *Importer) checkEvent(ev durand.Event) error {
	if err := oneOf("type", ev.Type, durand.EventTypes); err != nil {
		return err
	}
	if err := checkMode("mode", ev.Mode); err != nil {
		return err
	}
	if err := oneOf("modality", ev.Modality, durand.Modalities); err != nil {
		return err
	}
	if !(ev.Confidence >= 0 && ev.Confidence <= 1) {
		return &badValue{"confidence", ftoa(ev.Confidence), "not a confidence (want 0 to 1)"}
	}
	if ev.ACLEDType != "" || ev.ACLEDSubtype != "" {
		if _, err := im.acledPair("acled_type", "acled_subtype", ev.ACLEDType, ev.ACLEDSubtype); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		field string
		c     durand.Count
	}{{"fatalities", ev.Fatalities}, {"injured", ev.Injured}, {"abducted", ev.Abducted}} {
		for _, v := range []struct {
			field string
			n     int
		}{{"best", c.c.Best}, {"low", c.c.Low}, {"high", c.c.High}} {
			if v.n != durand.Unknown && (v.n < 0 || v.n > MaxCount) {
				return &badValue{c.field + "." + v.field, strconv.Itoa(v.n), notCount}
			}
		}
	}
	if err := im.checkDate(ev.Date, ev.Modality); err != nil {
		return err
	}
	if p := ev.Place; p != nil {
		if _, _, _, err := parsePoint("place.lat", "place.lon", ftoa(p.Lat), ftoa(p.Lon)); err != nil {
			return err
		}
		if !(p.Confidence >= 0 && p.Confidence <= 1) {
			return &badValue{"place.confidence", ftoa(p.Confidence), "not a confidence (want 0 to 1)"}
		}
		if err := oneOf("place.precision", p.Prec, placePrecisions); err != nil {
			return err
		}
	}
	return nil
}

// checkDate holds an event's date to the years its modality allows, and
// its end to not before its start; an open side is allowed.
func (im *Importer) checkDate(d durand.Date, m durand.Modality) error {
	if err := oneOf("date.precision", d.Precision, datePrecisions); err != nil {
		return err
	}
	unhappened := m == durand.Future || m == durand.Hypothetical
	for _, s := range []struct {
		field string
		t     time.Time
	}{{"date.start", d.Start}, {"date.end", d.End}} {
		if s.t.IsZero() {
			continue
		}
		if err := im.checkYear(s.field, isoDay(s.t), s.t.Year(), unhappened); err != nil {
			return err
		}
	}
	if d.Start.IsZero() || d.End.IsZero() {
		return nil
	}
	return notBefore("date.end", isoDay(d.End), "date.start", isoDay(d.Start), d.End, d.Start)
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
