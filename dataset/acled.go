package dataset

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/durandhq/durand"
)

// ACLED's inter codes: the kind of actor.
var acledInter = map[string]string{"1": "government", "2": "insurgent", "3": "militia", "4": "militia",
	"5": "rioters", "6": "protesters", "7": "civilians", "8": "other"}

// ACLED time_precision 1 day, 2 week, 3 month; geo_precision 1 the place,
// 2 near it or its district, 3 the province.
var acledTime = map[string]durand.DatePrecision{"1": durand.Day, "2": durand.Week, "3": durand.Month}
var acledGeo = map[string]durand.PlacePrecision{"1": durand.AtPlace, "2": durand.NearPlace, "3": durand.AtAdmin1}

// acledEvent maps one ACLED row. It reads ACLED's own export and durand's
// ACLED-compatible CSV, whose extra columns (actor codes, PLOVER type,
// fatality bounds, modality) it prefers when present.
func (im *Importer) acledEvent(r row) (durand.Event, error) {
	id := r.get("event_id_cnty")
	if id == "" {
		return durand.Event{}, fmt.Errorf("no event_id_cnty")
	}
	day, err := date(r.get("event_date"))
	if err != nil {
		return durand.Event{}, err
	}
	ev := durand.Event{ID: "acled:" + id, Origin: &durand.Origin{Dataset: "acled", Record: id}, Modality: durand.Asserted,
		ACLEDType: r.get("event_type"), ACLEDSubtype: r.get("sub_event_type"), Notes: r.get("notes"), Confidence: 1,
		Injured: durand.NoCount, Abducted: durand.NoCount}
	switch ds := r.get("dataset"); ds {
	case "", "acled":
	case "durand":
		// durand's own CSV of extracted events: they keep their ids.
		ev.ID, ev.Origin = id, nil
	default:
		// durand's CSV of another dataset's records.
		ev.ID, ev.Origin = id, &durand.Origin{Dataset: ds, Record: r.get("record")}
	}
	prec, ok := acledTime[r.get("time_precision")]
	if !ok {
		prec = durand.Day
	}
	ev.Date = durand.Date{Start: day, End: day, Precision: prec}
	if s := r.get("date_end"); s != "" {
		if ev.Date.End, err = date(s); err != nil {
			return durand.Event{}, err
		}
	}
	if p := r.get("date_precision"); p != "" {
		ev.Date.Precision = durand.DatePrecision(p)
	}
	if t := r.get("plover_type"); t != "" {
		ev.Type, ev.Mode = durand.EventType(t), r.get("plover_mode")
	} else {
		ev.Type, ev.Mode = im.acledPLOVER(ev.ACLEDType, ev.ACLEDSubtype)
		if ev.Type == "" {
			return durand.Event{}, fmt.Errorf("event type %q / %q is not an ACLED type", ev.ACLEDType, ev.ACLEDSubtype)
		}
	}
	country := im.country(r.get("country"))
	if country == "" {
		country = im.country(r.get("iso3"))
	}
	side := func(name, assoc, inter, code string) []durand.Actor {
		var out []durand.Actor
		for i, n := range append([]string{name}, splitList(assoc)...) {
			if n == "" {
				continue
			}
			a := im.actor(n, day, country, acledInter[inter])
			if i == 0 && code != "" {
				a.Code = durand.ActorCode(code)
			}
			out = append(out, a)
		}
		return out
	}
	ev.Source = side(r.get("actor1"), r.get("assoc_actor_1"), r.get("inter1"), r.get("actor1_code"))
	ev.Target = side(r.get("actor2"), r.get("assoc_actor_2"), r.get("inter2"), r.get("actor2_code"))

	fat, err := count(r.get("fatalities"))
	if err != nil {
		return durand.Event{}, fmt.Errorf("fatalities: %w", err)
	}
	ev.Fatalities = durand.Count{Best: fat, Low: fat, High: fat}
	if r.has("fatalities_low") {
		// durand's CSV: best, low and high each in a column.
		for _, f := range []struct {
			col string
			to  *int
		}{{"fatalities_best", &ev.Fatalities.Best}, {"fatalities_low", &ev.Fatalities.Low}, {"fatalities_high", &ev.Fatalities.High},
			{"injured", &ev.Injured.Best}, {"injured_low", &ev.Injured.Low}, {"injured_high", &ev.Injured.High}} {
			if *f.to, err = count(r.get(f.col)); err != nil {
				return durand.Event{}, fmt.Errorf("%s: %w", f.col, err)
			}
		}
	}
	lat, lon, hasPoint := coord(r.get("latitude"), r.get("longitude"))
	gp, ok := acledGeo[r.get("geo_precision")]
	if p := r.get("place_precision"); p != "" {
		gp, ok = durand.PlacePrecision(p), true
	}
	if !ok {
		gp = durand.AtPlace
	}
	ev.Place = im.place(r.get("place_id"), r.get("location"), r.get("admin2"), r.get("admin1"), country, lat, lon, hasPoint, gp)
	if m := r.get("modality"); m != "" {
		ev.Modality = durand.Modality(m)
	}
	if c := r.get("confidence"); c != "" {
		if ev.Confidence, err = strconv.ParseFloat(c, 64); err != nil {
			return durand.Event{}, fmt.Errorf("confidence %q: %w", c, err)
		}
	}
	if ev.ACLEDType == "" {
		im.x.Derive(&ev)
	} else {
		t, s := ev.ACLEDType, ev.ACLEDSubtype
		im.x.Derive(&ev) // for the CAMEO code
		ev.ACLEDType, ev.ACLEDSubtype = t, s
	}
	return ev, nil
}

// acledPLOVER maps an ACLED type and sub-type to PLOVER by the table in
// acled_types.tsv.
func (im *Importer) acledPLOVER(typ, sub string) (durand.EventType, string) {
	for _, t := range im.acled {
		if strings.EqualFold(t.typ, typ) && (t.sub == "*" || strings.EqualFold(t.sub, sub)) {
			return durand.EventType(t.plover), t.mode
		}
	}
	return "", ""
}

// splitList splits ACLED's "; "-separated associated actors.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
