package dataset

import (
	"fmt"
	"strings"

	"github.com/durandhq/durand"
)

// ACLED's inter codes: the kind of actor; 0 is no actor.
var acledInter = map[string]string{"0": "", "1": "government", "2": "insurgent", "3": "militia", "4": "militia",
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
		return durand.Event{}, &badValue{"event_id_cnty", "", "empty"}
	}
	ev := durand.Event{ID: "acled:" + id, Origin: &durand.Origin{Dataset: "acled", Record: id}, Modality: durand.Asserted,
		Notes: r.get("notes"), Confidence: 1, Injured: durand.NoCount, Abducted: durand.NoCount}
	switch ds := r.get("dataset"); ds {
	case "", "acled":
	case "durand":
		// durand's own CSV of extracted events: they keep their ids.
		ev.ID, ev.Origin = id, nil
	default:
		// durand's CSV of another dataset's records.
		ev.ID, ev.Origin = id, &durand.Origin{Dataset: ds, Record: r.get("record")}
	}
	var err error
	if err = acledJudgement(r, &ev); err != nil {
		return durand.Event{}, err
	}
	if ev.Date, err = im.acledDate(r, ev.Modality); err != nil {
		return durand.Event{}, err
	}
	if err = im.acledTypes(r, &ev); err != nil {
		return durand.Event{}, err
	}
	country := im.country(r.get("country"))
	if country == "" {
		country = im.country(r.get("iso3"))
	}
	if ev.Source, err = im.acledSide(r, "1", country, ev.Date); err != nil {
		return durand.Event{}, err
	}
	if ev.Target, err = im.acledSide(r, "2", country, ev.Date); err != nil {
		return durand.Event{}, err
	}
	if err = acledCounts(r, &ev); err != nil {
		return durand.Event{}, err
	}
	if ev.Place, err = im.acledPlace(r, country); err != nil {
		return durand.Event{}, err
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

// acledJudgement reads the modality and confidence of durand's CSV.
func acledJudgement(r row, ev *durand.Event) error {
	if m := durand.Modality(r.get("modality")); m != "" {
		if err := oneOf("modality", m, durand.Modalities); err != nil {
			return err
		}
		ev.Modality = m
	}
	if c := r.get("confidence"); c != "" {
		var err error
		if ev.Confidence, err = parseConfidence("confidence", c); err != nil {
			return err
		}
	}
	return nil
}

// acledDate reads the event's day, with durand's CSV's end and precision.
func (im *Importer) acledDate(r row, m durand.Modality) (durand.Date, error) {
	unhappened := m == durand.Future || m == durand.Hypothetical
	start := r.get("event_date")
	day, err := im.parseDay("event_date", start, unhappened)
	if err != nil {
		return durand.Date{}, err
	}
	prec, err := code(r, "time_precision", acledTime, durand.Day)
	if err != nil {
		return durand.Date{}, err
	}
	d := durand.Date{Start: day, End: day, Precision: prec}
	if s := r.get("date_end"); s != "" {
		if d.End, err = im.parseDay("date_end", s, unhappened); err != nil {
			return durand.Date{}, err
		}
		if err := notBefore("date_end", s, "event_date", start, d.End, d.Start); err != nil {
			return durand.Date{}, err
		}
	}
	if p := durand.DatePrecision(r.get("date_precision")); p != "" {
		if err := oneOf("date_precision", p, datePrecisions); err != nil {
			return durand.Date{}, err
		}
		d.Precision = p
	}
	return d, nil
}

// acledTypes sets the event's types. durand's CSV gives the PLOVER type
// and mode, and the ACLED pair derived from them (empty for a type ACLED
// lacks); ACLED's own export gives the ACLED pair, which
// data/acled_types.tsv maps to PLOVER.
func (im *Importer) acledTypes(r row, ev *durand.Event) error {
	typ, sub := r.get("event_type"), r.get("sub_event_type")
	if t := durand.EventType(r.get("plover_type")); t != "" {
		if err := oneOf("plover_type", t, durand.EventTypes); err != nil {
			return err
		}
		if err := checkMode("plover_mode", r.get("plover_mode")); err != nil {
			return err
		}
		ev.Type, ev.Mode = t, r.get("plover_mode")
		if typ == "" && sub == "" {
			return nil
		}
	}
	a, err := im.acledPair("event_type", "sub_event_type", typ, sub)
	if err != nil {
		return err
	}
	ev.ACLEDType, ev.ACLEDSubtype = a.typ, a.sub
	if ev.Type == "" {
		ev.Type, ev.Mode = durand.EventType(a.plover), a.mode
	}
	return nil
}

// acledPair returns the row of data/acled_types.tsv for an ACLED event
// type and sub-type, in any case; a pair that is not there is an error
// naming the field at fault.
func (im *Importer) acledPair(typeField, subField, typ, sub string) (acledType, error) {
	if a, ok := im.acled[acledKey(typ, sub)]; ok {
		return a, nil
	}
	for _, a := range im.acled {
		if strings.EqualFold(a.typ, typ) {
			return acledType{}, &badValue{subField, sub, fmt.Sprintf("not a sub-event type of ACLED's %q", a.typ)}
		}
	}
	return acledType{}, &badValue{typeField, typ, "not an ACLED event type"}
}

func acledKey(typ, sub string) string { return strings.ToLower(typ) + "\x00" + strings.ToLower(sub) }

// acledSide reads actor n ("1" or "2") and its associated actors; durand's
// CSV gives the first one's code.
func (im *Importer) acledSide(r row, n, country string, d durand.Date) ([]durand.Actor, error) {
	sector, err := code(r, "inter"+n, acledInter, "")
	if err != nil {
		return nil, err
	}
	var out []durand.Actor
	for i, name := range append([]string{r.get("actor" + n)}, splitList(r.get("assoc_actor_"+n))...) {
		if name == "" {
			continue
		}
		a := im.actor(name, d.Start, country, sector)
		if c := r.get("actor" + n + "_code"); i == 0 && c != "" {
			a.Code = durand.ActorCode(c)
		}
		out = append(out, a)
	}
	return out, nil
}

// acledCounts reads ACLED's fatalities, or durand's CSV's best, low and
// high of the killed and injured.
func acledCounts(r row, ev *durand.Event) error {
	fat, err := parseCount("fatalities", r.get("fatalities"))
	if err != nil {
		return err
	}
	ev.Fatalities = durand.Count{Best: fat, Low: fat, High: fat}
	if !r.has("fatalities_low") {
		return nil
	}
	for _, f := range []struct {
		col string
		to  *int
	}{{"fatalities_best", &ev.Fatalities.Best}, {"fatalities_low", &ev.Fatalities.Low}, {"fatalities_high", &ev.Fatalities.High},
		{"injured", &ev.Injured.Best}, {"injured_low", &ev.Injured.Low}, {"injured_high", &ev.Injured.High}} {
		if *f.to, err = parseCount(f.col, r.get(f.col)); err != nil {
			return err
		}
	}
	return nil
}

// acledPlace reads the point, its precision and the names around it.
func (im *Importer) acledPlace(r row, country string) (*durand.Place, error) {
	lat, lon, hasPoint, err := parsePoint("latitude", "longitude", r.get("latitude"), r.get("longitude"))
	if err != nil {
		return nil, err
	}
	gp, err := code(r, "geo_precision", acledGeo, durand.AtPlace)
	if err != nil {
		return nil, err
	}
	if p := durand.PlacePrecision(r.get("place_precision")); p != "" {
		if err := oneOf("place_precision", p, placePrecisions); err != nil {
			return nil, err
		}
		gp = p
	}
	return im.place(r.get("place_id"), r.get("location"), r.get("admin2"), r.get("admin1"), country, lat, lon, hasPoint, gp), nil
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
