package dataset

import (
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

// event_clarity 1 clear, 2 unclear (the confidence durand gives it).
var ucdpClarity = map[string]float64{"1": 1, "2": 0.6}

// type_of_violence 1 state-based, 2 non-state, 3 one-sided: the PLOVER
// type and the sectors of side_a and side_b.
var ucdpViolence = map[string]struct {
	typ      durand.EventType
	src, tgt string
}{"1": {durand.Fight, "government", "insurgent"}, "2": {durand.Fight, "insurgent", "insurgent"},
	"3": {durand.Assault, "insurgent", "civilians"}}

// ucdpEvent maps one GED row. Violence types 1 (state-based) and 2
// (non-state) are PLOVER FIGHT between side_a and side_b; type 3
// (one-sided) is ASSAULT by side_a on civilians.
func (im *Importer) ucdpEvent(r row) (durand.Event, error) {
	id := r.get("id")
	if id == "" {
		return durand.Event{}, &badValue{"id", "", "empty"}
	}
	date, err := im.ucdpDate(r)
	if err != nil {
		return durand.Event{}, err
	}
	ev := durand.Event{ID: "ucdp:" + id, Origin: &durand.Origin{Dataset: "ucdp", Record: id}, Modality: durand.Asserted,
		Date: date, Injured: durand.NoCount, Abducted: durand.NoCount, Notes: r.get("source_headline")}
	country := im.country(r.get("iso3"))
	if country == "" {
		country = im.country(r.get("country"))
	}
	v, ok := ucdpViolence[r.get("type_of_violence")]
	if !ok {
		return durand.Event{}, &badValue{"type_of_violence", r.get("type_of_violence"), "want one of 1, 2, 3"}
	}
	ev.Type = v.typ
	if a := r.get("side_a"); a != "" {
		ev.Source = []durand.Actor{im.actor(a, date.Start, country, v.src)}
	}
	if b := r.get("side_b"); b != "" {
		ev.Target = []durand.Actor{im.actor(b, date.Start, country, v.tgt)}
	}
	for _, f := range []struct {
		col string
		to  *int
	}{{"best", &ev.Fatalities.Best}, {"low", &ev.Fatalities.Low}, {"high", &ev.Fatalities.High}} {
		if *f.to, err = parseCount(f.col, r.get(f.col)); err != nil {
			return durand.Event{}, err
		}
	}
	if ev.Place, err = im.ucdpPlace(r, country); err != nil {
		return durand.Event{}, err
	}
	if ev.Confidence, err = code(r, "event_clarity", ucdpClarity, 1); err != nil {
		return durand.Event{}, err
	}
	im.x.Derive(&ev)
	return ev, nil
}

// ucdpDate reads date_start, date_end (the start when empty) and their
// precision; without date_prec, a range is a week.
func (im *Importer) ucdpDate(r row) (durand.Date, error) {
	s := r.get("date_start")
	start, err := im.parseDay("date_start", s, false)
	if err != nil {
		return durand.Date{}, err
	}
	end := start
	if e := r.get("date_end"); e != "" {
		if end, err = im.parseDay("date_end", e, false); err != nil {
			return durand.Date{}, err
		}
		if err := notBefore("date_end", e, "date_start", s, end, start); err != nil {
			return durand.Date{}, err
		}
	}
	def := durand.Day
	if !end.Equal(start) {
		def = durand.Week
	}
	prec, err := code(r, "date_prec", ucdpDate, def)
	return durand.Date{Start: start, End: end, Precision: prec}, err
}

func (im *Importer) ucdpPlace(r row, country string) (*durand.Place, error) {
	lat, lon, hasPoint, err := parsePoint("latitude", "longitude", r.get("latitude"), r.get("longitude"))
	if err != nil {
		return nil, err
	}
	wp, err := code(r, "where_prec", ucdpWhere, durand.AtPlace)
	if err != nil {
		return nil, err
	}
	return im.place("", r.get("where_coordinates"), r.get("adm_2"), r.get("adm_1"), country, lat, lon, hasPoint, wp), nil
}
