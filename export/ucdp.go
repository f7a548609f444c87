package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/durandhq/durand"
)

// UCDPHeader is the columns WriteUCDP writes: the GED columns a UCDP
// script reads, under GED's names.
var UCDPHeader = []string{"id", "year", "type_of_violence", "side_a", "side_b", "source_headline", "where_prec",
	"where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "iso3", "event_clarity", "date_prec",
	"date_start", "date_end", "best", "high", "low"}

// UCDPWriter writes events as UCDP GED rows.
type UCDPWriter struct{ c *csv.Writer }

// newUCDP writes the header and returns the writer.
func newUCDP(w io.Writer) (*UCDPWriter, error) {
	c := csv.NewWriter(w)
	return &UCDPWriter{c}, c.Write(UCDPHeader)
}

var ucdpWhereCode = map[durand.PlacePrecision]string{durand.AtPlace: "1", durand.NearPlace: "2", durand.AtAdmin2: "3",
	durand.AtAdmin1: "4", durand.AtBorder: "5", durand.AtCountry: "6"}

var ucdpDateCode = map[durand.DatePrecision]string{durand.Day: "1", durand.Week: "3", durand.Month: "4", durand.Year: "5"}

// Write writes one event. The violence type is 3 (one-sided) for an
// assault on civilians only, 1 when either side is a state, else 2. An
// imported UCDP event keeps its GED id; others keep theirs.
func (w *UCDPWriter) Write(e durand.Event) error {
	id := e.ID
	if e.Origin != nil && e.Origin.Dataset == "ucdp" {
		id = e.Origin.Record
	}
	tv := "2"
	civ := len(e.Target) > 0
	for _, t := range e.Target {
		civ = civ && t.Code == "CIV"
	}
	switch {
	case e.Type == durand.Assault && civ:
		tv = "3"
	case state(e.Source) || state(e.Target):
		tv = "1"
	}
	var name, a1, a2, lat, lon, country, wp string
	if p := e.Place; p != nil {
		name, a1, a2, country, wp = p.Name, p.Admin1, p.Admin2, p.Country, ucdpWhereCode[p.Prec]
		lat, lon = strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64)
	}
	clarity := "1"
	if e.Confidence < 0.9 {
		clarity = "2"
	}
	year := ""
	if !e.Date.Start.IsZero() {
		year = strconv.Itoa(e.Date.Start.Year())
	}
	return w.c.Write([]string{id, year, tv, names(e.Source), names(e.Target), e.Notes, wp, name, a1, a2, lat, lon,
		country, country, clarity, ucdpDateCode[e.Date.Precision], day(e.Date.Start), day(e.Date.End),
		num(e.Fatalities.Best), num(e.Fatalities.High), num(e.Fatalities.Low)})
}

// Close flushes.
func (w *UCDPWriter) Close() error { w.c.Flush(); return w.c.Error() }

// state reports whether any of the actors is a state's (ACLED inter code 1).
func state(as []durand.Actor) bool {
	for i := range as {
		if inter(as[i:i+1]) == "1" {
			return true
		}
	}
	return false
}

func names(as []durand.Actor) string {
	var n []string
	for _, a := range as {
		n = append(n, a.Name)
	}
	return strings.Join(n, "; ")
}
