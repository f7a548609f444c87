package durand

import (
	"encoding/json"
	"math"
)

// PlaceID identifies a gazetteer entry, as "source:id" (geonames:1444362).
type PlaceID string

// PlacePrecision is how precisely an event's place is known, after UCDP's
// where_prec: the place itself, near it, only its district (admin2), only
// its province (admin1), only the country, or a stretch of border.
type PlacePrecision string

// The place precisions, finest first.
const (
	AtPlace     PlacePrecision = "place"
	NearPlace   PlacePrecision = "near"
	AtAdmin2    PlacePrecision = "admin2"
	AtAdmin1    PlacePrecision = "admin1"
	AtCountry   PlacePrecision = "country"
	AtBorder    PlacePrecision = "border"
	PrecUnknown PlacePrecision = ""
)

// Place is where an event happened.
type Place struct {
	ID      PlaceID        `json:"id"`
	Name    string         `json:"name"`
	Admin2  string         `json:"admin2"`
	Admin1  string         `json:"admin1"`
	Country string         `json:"country"`
	Lat     float64        `json:"lat"`
	Lon     float64        `json:"lon"`
	Prec    PlacePrecision `json:"precision"`
	// Confidence that this is the place the text means, in [0, 1].
	Confidence float64 `json:"confidence"`
	// Locality is a place the text names inside this one that the
	// gazetteer does not know ("Makin" in "in Makin, Khyber Pakhtunkhwa"):
	// the event is there, but its point is the unit's, and Prec says so.
	Locality string `json:"locality,omitempty"`
}

// MarshalJSON writes the place with null for absent names.
func (p Place) MarshalJSON() ([]byte, error) {
	if !finite(p.Lat, p.Lon, p.Confidence) {
		return nil, errNotFinite
	}
	return p.appendJSON(nil), nil
}

// UnmarshalJSON reads a place written by MarshalJSON.
func (p *Place) UnmarshalJSON(b []byte) error {
	type plain Place
	var q plain
	if err := json.Unmarshal(b, &q); err != nil {
		return err
	}
	*p = Place(q)
	return nil
}

func marshalActor(a Actor) ([]byte, error) { return a.appendJSON(nil), nil }

// round rounds x to digits decimals. A number too large to have digits
// there is left as it is, rather than through an integer it overflows
// (1e308 came out as -9.2e13).
func round(x float64, digits int) float64 {
	p := math.Pow10(digits)
	if math.Abs(x*p) >= 1<<52 {
		return x
	}
	return math.Round(x*p) / p
}
