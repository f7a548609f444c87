package dedupe

import (
	"math"
	"strings"

	"github.com/durandhq/durand"
)

// level is how fine a place is, finest first.
type level int8

const (
	point  level = iota // a village, a town, a place near it
	admin2              // a district
	admin1              // a province
	country
	numLevels
)

// placeLevel returns how fine p is: its precision, or, when it has none,
// the finest unit it names.
func placeLevel(p *durand.Place) level {
	switch p.Prec {
	case durand.AtPlace, durand.NearPlace:
		return point
	case durand.AtAdmin2:
		return admin2
	case durand.AtAdmin1:
		return admin1
	case durand.AtCountry:
		return country
	case durand.AtBorder:
		// A stretch of border ("along the Kurram border") is as fine as
		// the province it runs through.
		if p.Admin1 != "" {
			return admin1
		}
		return country
	}
	switch {
	case p.Name != "" && !strings.EqualFold(p.Name, p.Admin2) && !strings.EqualFold(p.Name, p.Admin1) && p.Name != p.Country:
		return point
	case p.Admin2 != "":
		return admin2
	case p.Admin1 != "":
		return admin1
	}
	return country
}

// placeRef is what matching reads of a place: its level, its names,
// its point.
type placeRef struct {
	known                        bool
	level                        level
	hasPoint                     bool // (0, 0) is no point
	country, admin1, admin2      name
	id, name, district, locality name // district: admin2, or the name of a district without one
	lat, lon                     float64
}

func (bt *batch) placeRef(p *durand.Place) placeRef {
	district := p.Admin2
	if district == "" {
		district = p.Name
	}
	return placeRef{
		known: true, level: placeLevel(p), hasPoint: p.Lat != 0 || p.Lon != 0,
		country: bt.name(p.Country), admin1: bt.name(p.Admin1), admin2: bt.name(p.Admin2),
		id: bt.name(string(p.ID)), name: bt.name(p.Name), district: bt.name(district),
		locality: bt.name(p.Locality), lat: p.Lat, lon: p.Lon,
	}
}

// placeSim compares two places. One unknown says nothing. The same unit
// agrees, the more the finer it is; a place inside the unit the other
// report names agrees less ("a drone strike in Mir Ali" and "a drone strike
// in North Waziristan"); two points agree in proportion to their distance.
// Two districts, two provinces, two countries, or two points more than
// far-km apart, are two incidents. Names are compared as the gazetteer
// writes them.
func (r *Rules) placeSim(a, b *placeRef) (float64, Veto) {
	if !a.known || !b.known {
		return 0, NoVeto
	}
	if a.level > b.level {
		a, b = b, a // a is the finer
	}
	if a.country != b.country && a.country != 0 && b.country != 0 ||
		a.admin1 != b.admin1 && a.admin1 != 0 && b.admin1 != 0 {
		return 0, VetoPlace
	}
	switch b.level {
	case country:
		if a.level == country {
			return r.same[country], NoVeto
		}
		return r.within[country], NoVeto
	case admin1:
		if a.level == admin1 {
			return r.localities(a, b, r.same[admin1]), NoVeto
		}
		return r.within[admin1], NoVeto
	case admin2:
		return r.inDistrict(a, b)
	}
	return r.points(a, b)
}

// inDistrict compares a place a with district b: the same district, or a
// place the gazetteer puts in it, or, when the gazetteer names no district
// for the place, one within district-km of its point.
func (r *Rules) inDistrict(a, b *placeRef) (float64, Veto) {
	if a.level == admin2 {
		if a.district != b.district {
			return 0, VetoPlace
		}
		return r.localities(a, b, r.same[admin2]), NoVeto
	}
	switch {
	case a.admin2 != 0 && a.admin2 == b.district:
		return r.within[admin2], NoVeto
	case a.admin2 != 0:
		return 0, VetoPlace
	case !a.hasPoint || !b.hasPoint:
		return 0, NoVeto
	case km(a, b) <= r.districtKM:
		return r.within[admin2], NoVeto
	}
	return 0, VetoPlace
}

// points compares two places that are points: the same gazetteer entry,
// or two within near-km, agree; two at far-km or more are two incidents,
// as two attacks on one day in two villages of a district are; in between,
// in proportion to the distance. Without coordinates, the same name agrees
// and another is taken as far.
func (r *Rules) points(a, b *placeRef) (float64, Veto) {
	if a.id != 0 && a.id == b.id {
		return r.same[point], NoVeto
	}
	if !a.hasPoint || !b.hasPoint {
		switch {
		case a.name != 0 && a.name == b.name:
			return r.same[point], NoVeto
		case a.admin2 != 0 && b.admin2 != 0 && a.admin2 != b.admin2:
			return 0, VetoPlace
		}
		return r.far, NoVeto
	}
	d := km(a, b)
	switch {
	case d <= r.nearKM:
		return r.near, NoVeto
	case d >= r.farKM:
		return 0, VetoPlace
	}
	return r.near + (r.far-r.near)*(d-r.nearKM)/(r.farKM-r.nearKM), NoVeto
}

// localities compares two places of one unit by the localities the
// gazetteer did not know and the texts named in it ("in Makin, Khyber
// Pakhtunkhwa"): the same one is the same place; two different ones are
// far apart; otherwise the unit's similarity stands.
func (r *Rules) localities(a, b *placeRef, unit float64) float64 {
	switch {
	case a.locality == 0 || b.locality == 0:
		return unit
	case a.locality == b.locality:
		return r.same[point]
	}
	return r.far
}

// earthKM is the mean radius of the Earth.
const earthKM = 6371.0088

// km is the great-circle distance between two places (haversine).
func km(a, b *placeRef) float64 {
	const rad = math.Pi / 180
	dLat := (b.lat - a.lat) * rad
	dLon := (b.lon - a.lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.lat*rad)*math.Cos(b.lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKM * math.Asin(math.Sqrt(min(1, h)))
}
