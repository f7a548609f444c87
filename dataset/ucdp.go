package dataset

import (
	"fmt"

	"github.com/durandhq/durand"
)

// UCDP GED precision codes (codebook 23.1): where_prec 1 exact place, 2
// within 25 km, 3 district, 4 province, 5 a linear feature or a vague
// region (a border, a road), 6 country, 7 international waters or air.
var ucdpWhere = map[string]durand.PlacePrecision{"1": durand.AtPlace, "2": durand.NearPlace, "3": durand.AtAdmin2,
	"4": durand.AtAdmin1, "5": durand.AtBorder, "6": durand.AtCountry, "7": durand.AtCountry}

// date_prec 1 exact day, 2 within 2–6 days, 3 the week, 4 the month
// (8–30 days), 5 the year (31–365 days).
var ucdpDate = map[string]durand.DatePrecision{"1": durand.Day, "2": durand.Week, "3": durand.Week, "4": durand.Month, "5": durand.Year}

// ucdpEvent maps one GED row. Violence types 1 (state-based) and 2
// (non-state) are PLOVER FIGHT between side_a and side_b; type 3
// (one-sided) is ASSAULT by side_a on civilians.
func (im *Importer) ucdpEvent(r row) (durand.Event, error) {
	id := r.get("id")
	if id == "" {
		return durand.Event{}, fmt.Errorf("no id")
	}
	start, err := date(r.get("date_start"))
	if err != nil {
		return durand.Event{}, err
	}
	end := start
	if s := r.get("date_end"); s != "" {
		if end, err = date(s); err != nil {
			return durand.Event{}, err
		}
	}
	prec, ok := ucdpDate[r.get("date_prec")]
	if !ok {
		prec = durand.Day
		if !end.Equal(start) {
			prec = durand.Week
		}
	}
	ev := durand.Event{ID: "ucdp:" + id, Origin: &durand.Origin{Dataset: "ucdp", Record: id}, Modality: durand.Asserted,
		Date: durand.Date{Start: start, End: end, Precision: prec}, Injured: durand.NoCount, Abducted: durand.NoCount, Notes: r.get("source_headline")}
	country := im.country(r.get("iso3"))
	if country == "" {
		country = im.country(r.get("country"))
	}
	var srcSector, tgtSector string
	switch r.get("type_of_violence") {
	case "1":
		ev.Type, srcSector, tgtSector = durand.Fight, "government", "insurgent"
	case "2":
		ev.Type, srcSector, tgtSector = durand.Fight, "insurgent", "insurgent"
	case "3":
		ev.Type, srcSector, tgtSector = durand.Assault, "insurgent", "civilians"
	default:
		return durand.Event{}, fmt.Errorf("type_of_violence %q: want 1, 2 or 3", r.get("type_of_violence"))
	}
	if a := r.get("side_a"); a != "" {
		ev.Source = []durand.Actor{im.actor(a, start, country, srcSector)}
	}
	if b := r.get("side_b"); b != "" {
		ev.Target = []durand.Actor{im.actor(b, start, country, tgtSector)}
	}
	for _, f := range []struct {
		col string
		to  *int
	}{{"best", &ev.Fatalities.Best}, {"low", &ev.Fatalities.Low}, {"high", &ev.Fatalities.High}} {
		if *f.to, err = count(r.get(f.col)); err != nil {
			return durand.Event{}, fmt.Errorf("%s: %w", f.col, err)
		}
	}
	lat, lon, hasPoint := coord(r.get("latitude"), r.get("longitude"))
	wp, ok := ucdpWhere[r.get("where_prec")]
	if !ok {
		wp = durand.AtPlace
	}
	ev.Place = im.place("", r.get("where_coordinates"), r.get("adm_2"), r.get("adm_1"), country, lat, lon, hasPoint, wp)
	ev.Confidence = 1
	if r.get("event_clarity") == "2" {
		ev.Confidence = 0.6
	}
	im.x.Derive(&ev)
	return ev, nil
}
