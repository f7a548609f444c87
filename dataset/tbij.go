package dataset

import (
	"fmt"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// The Bureau of Investigative Journalism (TBIJ) publishes its drone war
// data as one spreadsheet per country. Its Pakistan sheet names the strike's
// place by Location and Area (an agency of the former FATA); its
// Afghanistan sheet by village, District and Province, and adds the kind
// of attack, whether it was reportedly a drone, and the reported target
// group. Both give killed and injured as a minimum and a maximum.

// tbijEvent maps one TBIJ strike: an ASSAULT by the US armed forces
// (USA.MIL, as extraction codes "a US drone strike") on the group TBIJ
// reports, else on unnamed militants (REB, as extraction codes
// "militants"). The mode is drone, unless the Afghanistan sheet says the
// strike was not reportedly a drone (aerial). The date is the day TBIJ
// gives; its place is the most specific point TBIJ gives.
func (im *Importer) tbijEvent(r row) (durand.Event, error) {
	id := r.get("Strike ID")
	if id == "" {
		return durand.Event{}, &badValue{"Strike ID", "", "empty"}
	}
	day, err := im.parseLayout("Date (MM-DD-YYYY)", r.get("Date (MM-DD-YYYY)"), "01-02-2006")
	if err != nil {
		return durand.Event{}, err
	}
	ev := durand.Event{ID: "tbij:" + id, Origin: &durand.Origin{Dataset: "tbij", Record: id}, Type: durand.Assault,
		Mode: "drone", Modality: durand.Asserted, Date: durand.Date{Start: day, End: day, Precision: durand.Day},
		Abducted: durand.NoCount, Confidence: 1, Notes: r.get("Most Specific Location")}
	country := im.country(r.get("Country"))
	if drone := r.get("Reportedly drone?"); drone == "0" {
		ev.Mode = "aerial"
	}
	ev.Source = []durand.Actor{im.actor("US military", day, "USA", "military")}
	ev.Target = []durand.Actor{im.tbijTarget(r.get("Reported target group?"), day, country)}
	if ev.Fatalities, err = minMax(r, "Minimum total people killed", "Maximum total people killed"); err != nil {
		return durand.Event{}, err
	}
	if ev.Injured, err = minMax(r, "Minimum reported injured", "Maximum reported injured"); err != nil {
		return durand.Event{}, err
	}
	if ev.Place, err = im.tbijPlace(r, country); err != nil {
		return durand.Event{}, err
	}
	im.x.Derive(&ev)
	return ev, nil
}

// tbijTarget is the reported target group, when TBIJ names one ("-" and
// "Unknown" are none), else unnamed militants.
func (im *Importer) tbijTarget(group string, day time.Time, country string) durand.Actor {
	g := strings.Trim(group, `" `)
	if g == "" || g == "-" || strings.EqualFold(g, "unknown") {
		g = "militants"
	}
	return im.actor(g, day, country, "insurgent")
}

// tbijPlace reads "Most Specific Lat/Long" ("32.29,69.59"). A strike
// whose village TBIJ does not know is placed at its district's point (its
// area's, in Pakistan), and one whose district it does not know either at
// the province's: the precision says which.
func (im *Importer) tbijPlace(r row, country string) (*durand.Place, error) {
	lat, lon, ok, err := pointPair("Most Specific Lat/Long", r.get("Most Specific Lat/Long"))
	if err != nil {
		return nil, err
	}
	name, admin2, admin1 := known(r.get("Location")), known(r.get("Area")), ""
	if r.has("District") { // the Afghanistan sheet
		name, admin2, admin1 = known(r.get("Village/local area")), known(r.get("District")), known(r.get("Province"))
	}
	prec := durand.NearPlace
	switch {
	case name == "" && admin2 != "":
		name, prec = admin2, durand.AtAdmin2
	case name == "":
		name, prec = admin1, durand.AtAdmin1
	}
	return im.place("", name, admin2, admin1, country, lat, lon, ok, prec), nil
}

// known is a name TBIJ gives, or "" for its "Unknown".
func known(s string) string {
	if strings.EqualFold(s, "unknown") {
		return ""
	}
	return s
}

// pointPair reads a point written "lat,lon" in one cell; an empty cell,
// or TBIJ's "Unknown" or "Remains Unknown", is no point.
func pointPair(col, s string) (lat, lon float64, ok bool, err error) {
	if s == "" || strings.EqualFold(s, "unknown") || strings.EqualFold(s, "remains unknown") {
		return 0, 0, false, nil
	}
	la, lo, found := strings.Cut(s, ",")
	if !found {
		return 0, 0, false, &badValue{col, s, "not a point (want latitude,longitude)"}
	}
	return parsePoint(col, col, strings.TrimSpace(la), strings.TrimSpace(lo))
}

// minMax reads a count given as a minimum and a maximum column: the low
// and high values, and the best only when they agree.
func minMax(r row, minCol, maxCol string) (durand.Count, error) {
	lo, err := parseCount(minCol, dashless(r.get(minCol)))
	if err != nil {
		return durand.Count{}, err
	}
	hi, err := parseCount(maxCol, dashless(r.get(maxCol)))
	if err != nil {
		return durand.Count{}, err
	}
	if lo != durand.Unknown && hi != durand.Unknown && hi < lo {
		return durand.Count{}, &badValue{maxCol, r.get(maxCol), fmt.Sprintf("below %s %q", minCol, r.get(minCol))}
	}
	c := durand.Count{Best: durand.Unknown, Low: lo, High: hi}
	if lo == hi {
		c.Best = lo
	}
	return c, nil
}

// dashless reads "-", which TBIJ writes for a number it does not know, as
// an empty cell.
func dashless(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// parseLayout reads a calendar day written in one layout, within the years
// checkYear allows.
func (im *Importer) parseLayout(field, s, layout string) (time.Time, error) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, &badValue{field, s, "not a calendar date"}
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return day, im.checkYear(field, s, day.Year(), false)
}
