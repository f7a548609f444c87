package dataset

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// GTD specificity: 1 the place, 2 near it (a small region's centroid), 3
// the district, 4 the province, 5 unknown below the country.
var gtdSpecificity = map[string]durand.PlacePrecision{"1": durand.AtPlace, "2": durand.NearPlace, "3": durand.AtAdmin2,
	"4": durand.AtAdmin1, "5": durand.AtCountry}

// gtdMode maps GTD's first attack type to a PLOVER mode.
var gtdMode = map[string]string{"Bombing/Explosion": "explosives", "Armed Assault": "firearms", "Assassination": "firearms",
	"Hostage Taking (Kidnapping)": "abduct", "Hostage Taking (Barricade Incident)": "abduct", "Hijacking": "abduct",
	"Facility/Infrastructure Attack": "", "Unarmed Assault": "", "Unknown": ""}

// gtdTarget maps GTD's first target type to a sector of the attacked
// country's actors.
var gtdTarget = map[string]string{"Military": "military", "Police": "police", "Government (General)": "government",
	"Government (Diplomatic)": "government", "Private Citizens & Property": "civilians", "Educational Institution": "civilians",
	"Journalists & Media": "civilians", "Religious Figures/Institutions": "civilians", "Business": "civilians",
	"Transportation": "civilians", "NGO": "civilians", "Tourists": "civilians"}

// gtdEvent maps one GTD row: an ASSAULT by gname (none when "Unknown") on
// the target type's actor, with GTD's counts as exact.
func (im *Importer) gtdEvent(r row) (durand.Event, error) {
	id := r.get("eventid")
	y, err1 := strconv.Atoi(r.get("iyear"))
	m, err2 := strconv.Atoi(r.get("imonth"))
	d, err3 := strconv.Atoi(r.get("iday"))
	if id == "" || err1 != nil || err2 != nil || err3 != nil || y == 0 {
		return durand.Event{}, fmt.Errorf("bad eventid or date (%q %q/%q/%q)", id, r.get("iyear"), r.get("imonth"), r.get("iday"))
	}
	ev := durand.Event{ID: "gtd:" + id, Origin: &durand.Origin{Dataset: "gtd", Record: id}, Type: durand.Assault,
		Modality: durand.Asserted, Notes: r.get("summary"), Confidence: 1, Abducted: durand.NoCount}
	switch {
	case m == 0:
		ev.Date = durand.Date{Start: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), Precision: durand.Year}
	case d == 0:
		s := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		ev.Date = durand.Date{Start: s, End: s.AddDate(0, 1, -1), Precision: durand.Month}
	default:
		s := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		ev.Date = durand.Date{Start: s, End: s, Precision: durand.Day}
	}
	at := r.get("attacktype1_txt")
	ev.Mode = gtdMode[at]
	if r.get("suicide") == "1" {
		ev.Mode = "suicide"
	}
	country := im.country(r.get("country_txt"))
	if g := r.get("gname"); g != "" && g != "Unknown" {
		ev.Source = []durand.Actor{im.actor(g, ev.Date.Start, country, "insurgent")}
		if r.get("claimed") == "1" {
			ev.Modality = durand.Claimed
			c := ev.Source[0]
			ev.ClaimedBy = &c
		}
	}
	if sector, ok := gtdTarget[r.get("targtype1_txt")]; ok {
		a := durand.Actor{Code: durand.ActorCode(country + "." + map[string]string{"military": "MIL", "police": "POL", "government": "GOV"}[sector]),
			Name: r.get("targtype1_txt"), Country: country, Sector: sector}
		if sector == "civilians" {
			a.Code, a.Country = "CIV", ""
		}
		ev.Target = []durand.Actor{a}
	}
	var err error
	k, err := count(r.get("nkill"))
	if err != nil {
		return durand.Event{}, fmt.Errorf("nkill: %w", err)
	}
	w, err := count(r.get("nwound"))
	if err != nil {
		return durand.Event{}, fmt.Errorf("nwound: %w", err)
	}
	ev.Fatalities, ev.Injured = durand.Count{Best: k, Low: k, High: k}, durand.Count{Best: w, Low: w, High: w}
	// Hostages (the full GTD's nhostkid; -99 is GTD's unknown) and
	// assassinations, under any of the three attack types GTD records.
	if h, err := strconv.ParseFloat(strings.TrimSpace(r.get("nhostkid")), 64); err == nil && h >= 0 {
		ev.Abducted = durand.Exact(int(h))
	}
	for _, col := range []string{"attacktype1_txt", "attacktype2_txt", "attacktype3_txt"} {
		if r.get(col) == "Assassination" {
			ev.Targeted = true
		}
	}
	lat, lon, hasPoint := coord(r.get("latitude"), r.get("longitude"))
	sp, ok := gtdSpecificity[r.get("specificity")]
	if !ok {
		sp = durand.AtPlace
	}
	ev.Place = im.place("", r.get("city"), "", r.get("provstate"), country, lat, lon, hasPoint, sp)
	im.x.Derive(&ev)
	return ev, nil
}
