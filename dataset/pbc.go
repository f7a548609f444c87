package dataset

import (
	"strings"

	"github.com/durandhq/durand"
)

// Pakistan Body Count (PBC) publishes two lists: suicide attacks (a row
// per attack, with "No. of Suicide Blasts") and drone attacks (a row per
// day and place, with "No of Strike"). Each gives the date, the city and
// province, often a point, and killed and injured as a minimum and a
// maximum; neither names a perpetrator.

// pbcKind tells the two PBC lists apart by a column only one has, and
// returns what its rows map to: the record prefix and the event's mode.
func pbcKind(r row) (prefix, mode string, ok bool) {
	switch {
	case r.has("No. of Suicide Blasts"):
		return "suicide", "suicide", true
	case r.has("No of Strike"):
		return "drone", "drone", true
	}
	return "", "", false
}

// pbcLayouts are PBC's ways of writing a day: the suicide list's
// "Sunday-November 19-1995" and the drone list's "Friday, June 18, 2004".
var pbcLayouts = []string{"Monday-January 2-2006", "Monday, January 2, 2006"}

// pbcEvent maps one PBC row. A suicide attack is an ASSAULT in mode
// suicide by an unidentified attacker (UNK, as extraction codes "a suicide
// bomber"), its target type kept in the notes; a drone attack is an
// ASSAULT in mode drone by the US armed forces (USA.MIL) on militants
// (REB), as TBIJ's strikes are coded.
func (im *Importer) pbcEvent(r row) (durand.Event, error) {
	prefix, mode, ok := pbcKind(r)
	if !ok {
		return durand.Event{}, &badValue{"header", "", `no "No. of Suicide Blasts" or "No of Strike" column: is this a Pakistan Body Count list?`}
	}
	id := r.get("S#")
	if id == "" {
		return durand.Event{}, &badValue{"S#", "", "empty"}
	}
	var err error
	s := strings.TrimSpace(r.get("Date"))
	ev := durand.Event{ID: "pbc:" + prefix + "-" + id, Origin: &durand.Origin{Dataset: "pbc", Record: prefix + "-" + id},
		Type: durand.Assault, Mode: mode, Modality: durand.Asserted, Abducted: durand.NoCount, Confidence: 1}
	for _, l := range pbcLayouts {
		if ev.Date.Start, err = im.parseLayout("Date", s, l); err == nil {
			break
		}
	}
	if err != nil {
		return durand.Event{}, err
	}
	ev.Date.End, ev.Date.Precision = ev.Date.Start, durand.Day
	if mode == "suicide" {
		ev.Source = []durand.Actor{{Code: "UNK", Name: "suicide bomber", Sector: "unknown"}}
		ev.Notes = strings.TrimSpace(r.get("Location") + "; target: " + r.get("Target Type"))
		ev.Fatalities, err = minMax(r, "Killed Min", "Killed Max")
	} else {
		ev.Source = []durand.Actor{im.actor("US military", ev.Date.Start, "USA", "military")}
		ev.Target = []durand.Actor{im.actor("militants", ev.Date.Start, "PAK", "insurgent")}
		ev.Notes = strings.TrimSpace(r.get("Location"))
		ev.Fatalities, err = minMax(r, "Total Died Min", "Total Died Mix") // sic: PBC's header
	}
	if err != nil {
		return durand.Event{}, err
	}
	if ev.Injured, err = minMax(r, "Injured Min", "Injured Max"); err != nil {
		return durand.Event{}, err
	}
	lat, lon, hasPoint, err := parsePoint("Latitude", "Longitude", r.get("Latitude"), r.get("Longitude"))
	if err != nil {
		return durand.Event{}, err
	}
	// PBC's point is the city's: near the place, at best; without one, the
	// province is what is sure.
	prec := durand.NearPlace
	if !hasPoint {
		prec = durand.AtAdmin1
	}
	ev.Place = im.place("", r.get("City"), "", pbcProvince(r.get("Province")), "PAK", lat, lon, hasPoint, prec)
	im.x.Derive(&ev)
	return ev, nil
}

// pbcProvinces spells PBC's province codes as the gazetteer does; FATA,
// merged into Khyber Pakhtunkhwa in 2018, is in it, as the shipped polygons
// have it. A name not here is kept as written.
var pbcProvinces = map[string]string{"KPK": "Khyber Pakhtunkhwa", "FATA": "Khyber Pakhtunkhwa",
	"CAPITAL": "Islamabad", "AJK": "Azad Kashmir", "BALUCHISTAN": "Balochistan"}

func pbcProvince(s string) string {
	if p, ok := pbcProvinces[strings.ToUpper(strings.TrimSpace(s))]; ok {
		return p
	}
	return strings.TrimSpace(s)
}
