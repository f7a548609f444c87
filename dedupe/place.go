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

// placeSim compares two places of levels la and lb. One unknown says
// nothing. The same unit agrees, the more the finer it is; a place inside
// the unit the other report names agrees less ("a drone strike in Mir Ali"
// and "a drone strike in North Waziristan"); two points agree in
// proportion to their distance. Two districts, two provinces, two
// countries, or two points more than far-km apart, are two incidents.
func (r *Rules) placeSim(a, b *durand.Place, la, lb level) (float64, Veto) {
	if a == nil || b == nil {
		return 0, NoVeto
	}
	if la > lb {
		a, b, la, lb = b, a, lb, la // a is the finer
	}
	if a.Country != b.Country && a.Country != "" && b.Country != "" ||
		a.Admin1 != "" && b.Admin1 != "" && !strings.EqualFold(a.Admin1, b.Admin1) {
		return 0, VetoPlace
	}
	switch lb {
	case country:
		if la == country {
			return r.same[country], NoVeto
		}
		return r.within[country], NoVeto
	case admin1:
		if la == admin1 {
			return r.localities(a, b, r.same[admin1]), NoVeto
		}
		return r.within[admin1], NoVeto
	case admin2:
		return r.inDistrict(a, b, la)
	}
	return r.points(a, b)
}

// inDistrict compares a place a of level la with district b: the same
// district, or a place the gazetteer puts in it, or, when the gazetteer
// names no district for the place, one within district-km of its point.
func (r *Rules) inDistrict(a, b *durand.Place, la level) (float64, Veto) {
	d := districtOf(b)
	if la == admin2 {
		if !strings.EqualFold(districtOf(a), d) {
			return 0, VetoPlace
		}
		return r.localities(a, b, r.same[admin2]), NoVeto
	}
	switch {
	case a.Admin2 != "" && strings.EqualFold(a.Admin2, d):
		return r.within[admin2], NoVeto
	case a.Admin2 != "":
		return 0, VetoPlace
	case !hasPoint(a) || !hasPoint(b):
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
func (r *Rules) points(a, b *durand.Place) (float64, Veto) {
	if a.ID != "" && a.ID == b.ID {
		return r.same[point], NoVeto
	}
	if !hasPoint(a) || !hasPoint(b) {
		switch {
		case a.Name != "" && strings.EqualFold(a.Name, b.Name):
			return r.same[point], NoVeto
		case a.Admin2 != "" && b.Admin2 != "" && !strings.EqualFold(a.Admin2, b.Admin2):
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
func (r *Rules) localities(a, b *durand.Place, unit float64) float64 {
	switch {
	case a.Locality == "" || b.Locality == "":
		return unit
	case strings.EqualFold(a.Locality, b.Locality):
		return r.same[point]
	}
	return r.far
}

// districtOf is the district a place names: its admin2, or its name when
// it is a district without one.
func districtOf(p *durand.Place) string {
	if p.Admin2 != "" {
		return p.Admin2
	}
	return p.Name
}

// hasPoint reports whether a place has coordinates; (0, 0) is none.
func hasPoint(p *durand.Place) bool { return p.Lat != 0 || p.Lon != 0 }

// earthKM is the mean radius of the Earth.
const earthKM = 6371.0088

// km is the great-circle distance between two places (haversine).
func km(a, b *durand.Place) float64 {
	const rad = math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKM * math.Asin(math.Sqrt(min(1, h)))
}
