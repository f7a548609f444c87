// Package export writes events in the formats users' tools read: JSON
// lines (the contract of DESIGN.md) and CSV with ACLED-like columns.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
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

// New returns a writer for format "jsonl" or "csv".
func New(w io.Writer, format string) (Writer, error) {
	switch format {
	case "", "jsonl", "json":
		bw := bufio.NewWriter(w)
		return &jsonl{bw: bw, enc: json.NewEncoder(bw)}, nil
	case "csv":
		c := csv.NewWriter(w)
		if err := c.Write(CSVHeader); err != nil {
			return nil, err
		}
		return &csvWriter{c}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want jsonl or csv)", format)
}

type jsonl struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func (j *jsonl) Write(e durand.Event) error { return j.enc.Encode(e) }
func (j *jsonl) Close() error               { return j.bw.Flush() }

// CSVHeader is the CSV columns: ACLED's names where ACLED has the field,
// durand's own after them.
var CSVHeader = []string{"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1", "admin2",
	"location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
	"plover_type", "plover_mode", "cameo", "actor1_code", "actor2_code", "date_start", "date_end", "date_precision",
	"place_precision", "fatalities_low", "fatalities_high", "injured", "injured_low", "injured_high", "modality", "confidence"}

type csvWriter struct{ c *csv.Writer }

func (w *csvWriter) Write(e durand.Event) error {
	a1, a2 := first(e.Source), first(e.Target)
	var country, admin1, admin2, loc, lat, lon, prec, gprec string
	if p := e.Place; p != nil {
		country, admin1, admin2, loc = p.Country, p.Admin1, p.Admin2, p.Name
		lat, lon = strconv.FormatFloat(p.Lat, 'f', 4, 64), strconv.FormatFloat(p.Lon, 'f', 4, 64)
		prec = string(p.Prec)
		gprec = map[durand.PlacePrecision]string{durand.AtPlace: "1", durand.NearPlace: "2", durand.AtAdmin2: "2", durand.AtAdmin1: "3", durand.AtCountry: "3", durand.AtBorder: "3"}[p.Prec]
	}
	tprec := map[durand.DatePrecision]string{durand.Day: "1", durand.Week: "2", durand.Month: "3", durand.Year: "3"}[e.Date.Precision]
	var notes []string
	for _, ev := range e.Evidence {
		if ev.Field == "trigger" {
			notes = append(notes, ev.Text)
		}
	}
	docs := make([]string, len(e.Docs))
	for i, d := range e.Docs {
		docs[i] = string(d)
	}
	rec := []string{e.ID, day(e.Date.Start), tprec, e.ACLEDType, e.ACLEDSubtype,
		a1.Name, "", "", a2.Name, "", "", "", country, admin1, admin2,
		loc, lat, lon, gprec, strings.Join(docs, "; "), strings.Join(notes, "; "), num(best0(e.Fatalities)),
		string(e.Type), e.Mode, e.CAMEO, string(a1.Code), string(a2.Code), day(e.Date.Start), day(e.Date.End), string(e.Date.Precision),
		prec, num(e.Fatalities.Low), num(e.Fatalities.High), num(e.Injured.Best), num(e.Injured.Low), num(e.Injured.High),
		string(e.Modality), strconv.FormatFloat(e.Confidence, 'f', 2, 64)}
	return w.c.Write(rec)
}

func (w *csvWriter) Close() error { w.c.Flush(); return w.c.Error() }

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
