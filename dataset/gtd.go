package dataset

import (
	"fmt"
	"strconv"
	"time"

	"github.com/durandhq/durand"
)

// GTD specificity: 1 the place, 2 near it (a small region's centroid), 3
// the district, 4 the province, 5 unknown below the country.
var gtdSpecificity = map[string]durand.PlacePrecision{"1": durand.AtPlace, "2": durand.NearPlace, "3": durand.AtAdmin2,
	"4": durand.AtAdmin1, "5": durand.AtCountry}

// GTD's yes/no codes (suicide, claimed), with -9 unknown, read as no.
var gtdYes = map[string]bool{"1": true, "0": false, "-9": false}

// gtdUnknown are GTD's codes for an unknown number in the hostage
// columns (nhostkid).
var gtdUnknown = map[string]bool{"-99": true, "-9": true}

// gtdSectorCode is the code of a state's actor of a sector.
var gtdSectorCode = map[string]string{"military": "MIL", "police": "POL", "government": "GOV"}

// gtdEvent maps one GTD row: an ASSAULT by gname (none when "Unknown") on
// the target type's actor, with GTD's counts as exact.
func (im *Importer) gtdEvent(r row) (durand.Event, error) {
	id := r.get("eventid")
	if id == "" {
		return durand.Event{}, &badValue{"eventid", "", "empty"}
	}
	date, err := im.gtdDate(r)
	if err != nil {
		return durand.Event{}, err
	}
	ev := durand.Event{ID: "gtd:" + id, Origin: &durand.Origin{Dataset: "gtd", Record: id}, Type: durand.Assault,
		Modality: durand.Asserted, Date: date, Notes: r.get("summary"), Confidence: 1}
	if err := im.gtdAttackTypes(r, &ev); err != nil {
		return durand.Event{}, err
	}
	country := im.country(r.get("country_txt"))
	claimed, err := code(r, "claimed", gtdYes, false)
	if err != nil {
		return durand.Event{}, err
	}
	if g := r.get("gname"); g != "" && g != "Unknown" {
		ev.Source = []durand.Actor{im.actor(g, date.Start, country, "insurgent")}
		if claimed {
			ev.Modality = durand.Claimed
			c := ev.Source[0]
			ev.ClaimedBy = &c
		}
	}
	if ev.Target, err = im.gtdTargets(r, country); err != nil {
		return durand.Event{}, err
	}
	if err := gtdCounts(r, &ev); err != nil {
		return durand.Event{}, err
	}
	lat, lon, hasPoint, err := parsePoint("latitude", "longitude", r.get("latitude"), r.get("longitude"))
	if err != nil {
		return durand.Event{}, err
	}
	sp, err := code(r, "specificity", gtdSpecificity, durand.AtPlace)
	if err != nil {
		return durand.Event{}, err
	}
	ev.Place = im.place("", r.get("city"), "", r.get("provstate"), country, lat, lon, hasPoint, sp)
	im.x.Derive(&ev)
	return ev, nil
}

// gtdDate reads iyear, imonth and iday: a month of 0 is an unknown month
// (the date is the year), a day of 0 an unknown day (the month).
func (im *Importer) gtdDate(r row) (durand.Date, error) {
	y, err := strconv.Atoi(r.get("iyear"))
	if err != nil {
		return durand.Date{}, &badValue{"iyear", r.get("iyear"), "not a year"}
	}
	if err := im.checkYear("iyear", r.get("iyear"), y, false); err != nil {
		return durand.Date{}, err
	}
	m, err := strconv.Atoi(r.get("imonth"))
	if err != nil || m < 0 || m > 12 {
		return durand.Date{}, &badValue{"imonth", r.get("imonth"), "not a month (want 1 to 12, or 0 for unknown)"}
	}
	d, err := strconv.Atoi(r.get("iday"))
	first := time.Date(y, time.Month(max(m, 1)), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	switch {
	case err != nil || d < 0 || d > last:
		return durand.Date{}, &badValue{"iday", r.get("iday"), fmt.Sprintf("not a day of %s (want 1 to %d, or 0 for unknown)", first.Format("January 2006"), last)}
	case m == 0 && d != 0:
		return durand.Date{}, &badValue{"iday", r.get("iday"), "a day of an unknown month (imonth 0)"}
	case m == 0:
		return durand.Date{Start: first, End: first.AddDate(1, 0, -1), Precision: durand.Year}, nil
	case d == 0:
		return durand.Date{Start: first, End: first.AddDate(0, 1, -1), Precision: durand.Month}, nil
	}
	day := first.AddDate(0, 0, d-1)
	return durand.Date{Start: day, End: day, Precision: durand.Day}, nil
}

// gtdAttackTypes reads the attack types: the first's mode (suicide when GTD
// says so), and whether any was an assassination.
func (im *Importer) gtdAttackTypes(r row, ev *durand.Event) error {
	for i, col := range []string{"attacktype1_txt", "attacktype2_txt", "attacktype3_txt"} {
		at := r.get(col)
		if at == "" && i > 0 {
			continue
		}
		mode, ok := im.gtdAttack[at]
		if !ok {
			return &badValue{col, at, "not a GTD attack type (data/gtd_types.tsv)"}
		}
		if i == 0 {
			ev.Mode = mode
		}
		if at == "Assassination" {
			ev.Targeted = true
		}
	}
	suicide, err := code(r, "suicide", gtdYes, false)
	if suicide {
		ev.Mode = "suicide"
	}
	return err
}

// gtdTargets returns the actor the first target type names, if any.
func (im *Importer) gtdTargets(r row, country string) ([]durand.Actor, error) {
	tt := r.get("targtype1_txt")
	if tt == "" {
		return nil, nil
	}
	sector, ok := im.gtdTarget[tt]
	switch {
	case !ok:
		return nil, &badValue{"targtype1_txt", tt, "not a GTD target type (data/gtd_types.tsv)"}
	case sector == "":
		return nil, nil
	case sector == "civilians":
		return []durand.Actor{{Code: "CIV", Name: tt, Sector: sector}}, nil
	}
	return []durand.Actor{{Code: durand.ActorCode(country + "." + gtdSectorCode[sector]), Name: tt, Country: country, Sector: sector}}, nil
}

// gtdCounts reads the killed, the wounded and the hostages (the full
// GTD's nhostkid, whose -99 and -9 are unknown).
func gtdCounts(r row, ev *durand.Event) error {
	k, err := parseCount("nkill", r.get("nkill"))
	if err != nil {
		return err
	}
	w, err := parseCount("nwound", r.get("nwound"))
	if err != nil {
		return err
	}
	ev.Fatalities, ev.Injured, ev.Abducted = durand.Exact(k), durand.Exact(w), durand.NoCount
	if h := r.get("nhostkid"); !gtdUnknown[h] {
		if h, err := parseCount("nhostkid", h); err != nil {
			return err
		} else if h != durand.Unknown {
			ev.Abducted = durand.Exact(h)
		}
	}
	return nil
}
