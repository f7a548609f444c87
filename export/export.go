// Package export writes events in the formats users' tools read: JSON
// lines (the contract of DESIGN.md), CSV with ACLED's columns, CSV with
// UCDP GED's columns, GeoJSON and Parquet.
package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/durandhq/durand"
)

// Writer writes events in one format. Close flushes.
type Writer interface {
	Write(durand.Event) error
	Close() error
}

// Formats are the output formats New knows.
var Formats = []string{"jsonl", "csv", "ucdp", "geojson", "parquet"}

// Options configure a writer.
type Options struct {
	// Countries maps ISO3 codes to country names, for ACLED's country
	// column; without it the code is written.
	Countries map[string]string
}

// New returns a writer for a format of Formats ("acled" is a synonym of
// "csv").
func New(w io.Writer, format string, opt Options) (Writer, error) {
	switch format {
	case "", "jsonl", "json":
		bw := bufio.NewWriter(w)
		return &jsonl{bw: bw}, nil
	case "csv", "acled":
		c := csv.NewWriter(w)
		if err := c.Write(CSVHeader); err != nil {
			return nil, err
		}
		return &csvWriter{c, opt.Countries}, nil
	case "ucdp":
		return newUCDP(w)
	case "geojson":
		return newGeoJSON(w)
	case "parquet":
		return newParquet(w), nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Raw writes an event already encoded in the contract format, so that a
// store's events pass through without decoding; it is false for formats
// that need the decoded event.
func Raw(w Writer) (func([]byte) error, bool) {
	j, ok := w.(*jsonl)
	if !ok {
		return nil, false
	}
	return func(b []byte) error {
		if _, err := j.bw.Write(b); err != nil {
			return err
		}
		return j.bw.WriteByte('\n')
	}, true
}

// jsonl writes each event with AppendJSON into a buffer it reuses: what
// an Encoder writes, without compacting it again.
type jsonl struct {
	bw  *bufio.Writer
	buf []byte
}

func (j *jsonl) Write(e durand.Event) error {
	b, err := e.AppendJSON(j.buf[:0])
	if err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	j.buf = append(b, '\n')
	_, err = j.bw.Write(j.buf)
	return err
}

func (j *jsonl) Close() error { return j.bw.Flush() }

// CSVHeader is the CSV columns: ACLED's names where ACLED has the field,
// durand's own after them.
var CSVHeader = []string{"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1", "admin2",
	"location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
	"plover_type", "plover_mode", "cameo", "actor1_code", "actor2_code", "date_start", "date_end", "date_precision",
	"place_precision", "fatalities_low", "fatalities_high", "injured", "injured_low", "injured_high", "modality", "confidence",
	"iso3", "place_id", "fatalities_best", "dataset", "record", "abducted", "abducted_low", "abducted_high", "targeted"}

// ACLED's geo_precision and time_precision codes.
var (
	acledGeo  = map[durand.PlacePrecision]string{durand.AtPlace: "1", durand.NearPlace: "2", durand.AtAdmin2: "2", durand.AtAdmin1: "3", durand.AtCountry: "3", durand.AtBorder: "3"}
	acledTime = map[durand.DatePrecision]string{durand.Day: "1", durand.Week: "2", durand.Month: "3", durand.Year: "3"}
)

type csvWriter struct {
	c         *csv.Writer
	countries map[string]string
}

// inter is ACLED's actor kind code for a sector.
func inter(as []durand.Actor) string {
	if len(as) == 0 {
		return ""
	}
	switch as[0].Sector {
	case "government", "military", "police", "paramilitary", "intelligence":
		return "1"
	case "insurgent", "separatist", "rebel":
		return "2"
	case "militia":
		return "3"
	case "rioters":
		return "5"
	case "protesters":
		return "6"
	case "civilians", "refugees":
		return "7"
	}
	return "8"
}

func (w *csvWriter) Write(e durand.Event) error {
	a1, a2 := first(e.Source), first(e.Target)
	i1, i2 := inter(e.Source), inter(e.Target)
	interaction := i1 + i2
	if i2 != "" && i2 < i1 {
		interaction = i2 + i1
	}
	var country, iso3, admin1, admin2, loc, lat, lon, prec, gprec, pid string
	if p := e.Place; p != nil {
		iso3, admin1, admin2, loc, pid = p.Country, p.Admin1, p.Admin2, p.Name, string(p.ID)
		country = iso3
		if n := w.countries[iso3]; n != "" {
			country = n
		}
		lat, lon = strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64)
		prec = string(p.Prec)
		gprec = acledGeo[p.Prec]
	}
	tprec := acledTime[e.Date.Precision]
	var notes []string
	for _, ev := range e.Evidence {
		if ev.Field == "trigger" {
			notes = append(notes, ev.Text)
		}
	}
	if e.Notes != "" {
		notes = append([]string{e.Notes}, notes...)
	}
	docs := make([]string, len(e.Docs))
	for i, d := range e.Docs {
		docs[i] = string(d)
	}
	id, dataset, record := e.ID, "durand", ""
	if o := e.Origin; o != nil {
		dataset, record = o.Dataset, o.Record
		if o.Dataset == "acled" {
			id = o.Record
		}
	}
	rec := []string{id, day(e.Date.Start), tprec, e.ACLEDType, e.ACLEDSubtype,
		a1.Name, assoc(e.Source), i1, a2.Name, assoc(e.Target), i2, interaction, country, admin1, admin2,
		loc, lat, lon, gprec, strings.Join(docs, "; "), strings.Join(notes, "; "), num(best0(e.Fatalities)),
		string(e.Type), e.Mode, e.CAMEO, string(a1.Code), string(a2.Code), day(e.Date.Start), day(e.Date.End), string(e.Date.Precision),
		prec, num(e.Fatalities.Low), num(e.Fatalities.High), num(e.Injured.Best), num(e.Injured.Low), num(e.Injured.High),
		string(e.Modality), strconv.FormatFloat(e.Confidence, 'f', -1, 64),
		iso3, pid, num(e.Fatalities.Best), dataset, record,
		num(e.Abducted.Best), num(e.Abducted.Low), num(e.Abducted.High), strconv.FormatBool(e.Targeted)}
	return w.c.Write(rec)
}

func (w *csvWriter) Close() error { w.c.Flush(); return w.c.Error() }

// assoc is ACLED's associated actors: every actor after the first.
func assoc(as []durand.Actor) string {
	var n []string
	for _, a := range as[min(1, len(as)):] {
		n = append(n, a.Name)
	}
	return strings.Join(n, "; ")
}

func first(as []durand.Actor) durand.Actor {
	if len(as) == 0 {
		return durand.Actor{}
	}
	return as[0]
}

// best0 is ACLED's fatalities column: the best estimate, else the low
// bound (ACLED's conservative rule), else 0.
func best0(c durand.Count) int {
	switch {
	case c.Best >= 0:
		return c.Best
	case c.Low >= 0:
		return c.Low
	}
	return 0
}

func num(n int) string {
	if n < 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func day(t interface {
	Format(string) string
	IsZero() bool
}) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
