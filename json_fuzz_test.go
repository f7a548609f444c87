package durand

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// FuzzJSON reads any bytes as an Event, a Count and a Place: what decodes
// encodes without error and decodes again to the same value, but for what
// the contract writes otherwise on purpose (confidences to 2 decimals,
// coordinates to 5, a negative count as null, an empty date precision as
// unknown, an empty list as []); and a second round changes nothing.
func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"id":"e1","type":"ASSAULT","mode":"drone","contexts":[],"source":[{"code":"USA.MIL","name":"US","country":"USA","sector":null}],` +
		`"target":[],"place":{"id":"pk-1","name":"Mir Ali","admin2":null,"admin1":"KP","country":"PAK","lat":32.95151,"lon":70.3076,"precision":"place","confidence":0.9},` +
		`"date":{"start":"2024-03-16","end":"2024-03-17","precision":"day"},"fatalities":{"best":2,"low":1,"high":null},` +
		`"injured":{"best":null,"low":null,"high":null},"modality":"asserted","confidence":0.55,"docs":["d1"],` +
		`"evidence":[{"doc":"d1","field":"type","start":0,"end":5,"text":"drone"}],"origin":null,"notes":null}`))
	f.Add([]byte(`{"best":3,"low":-5,"high":1e3}`))
	f.Add([]byte(`{"lat":1e308,"lon":-0.000004,"confidence":0.125,"locality":"Makin"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var e Event
		if json.Unmarshal(b, &e) == nil {
			again := roundTrip(t, e)
			want := contractEvent(e)
			if !near(again.Confidence, want.Confidence, 5e-3) {
				t.Fatalf("event confidence %v read back as %v", e.Confidence, again.Confidence)
			}
			want.Confidence = again.Confidence
			if want.Place != nil && again.Place != nil {
				checkPlace(t, *want.Place, *again.Place)
				p := *again.Place
				want.Place = &p
			}
			if !reflect.DeepEqual(again, want) {
				t.Fatalf("event %+v\nread back as %+v\nwant %+v", e, again, want)
			}
			if twice := roundTrip(t, again); !reflect.DeepEqual(twice, again) {
				t.Fatalf("event %+v changed on a second round: %+v", again, twice)
			}
		}
		var c Count
		if json.Unmarshal(b, &c) == nil {
			if again := roundTrip(t, c); again != contractCount(c) {
				t.Fatalf("count %+v read back as %+v", c, again)
			}
		}
		var p Place
		if json.Unmarshal(b, &p) == nil {
			again := roundTrip(t, p)
			checkPlace(t, p, again)
			if twice := roundTrip(t, again); twice != again {
				t.Fatalf("place %+v changed on a second round: %+v", again, twice)
			}
		}
	})
}

// roundTrip encodes v and decodes it again.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%+v does not encode: %v", v, err)
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%+v encodes as %s, which does not decode: %v", v, b, err)
	}
	return out
}

// checkPlace: a place reads back as it was, its coordinates to 5 decimals
// and its confidence to 2.
func checkPlace(t *testing.T, p, again Place) {
	t.Helper()
	want := p
	want.Lat, want.Lon, want.Confidence = again.Lat, again.Lon, again.Confidence
	if !near(again.Lat, p.Lat, 5e-6) || !near(again.Lon, p.Lon, 5e-6) || !near(again.Confidence, p.Confidence, 5e-3) || again != want {
		t.Fatalf("place %+v read back as %+v", p, again)
	}
}

// contractEvent is e as its JSON writes it, but for the rounding of
// numbers, which is checked with a tolerance.
func contractEvent(e Event) Event {
	e.Fatalities, e.Injured, e.Abducted = contractCount(e.Fatalities), contractCount(e.Injured), contractCount(e.Abducted)
	if e.Date.Precision == "" {
		e.Date.Precision = DateUnknown
	}
	if e.Contexts == nil {
		e.Contexts = []string{}
	}
	for _, l := range []*[]Actor{&e.Source, &e.Target} {
		if *l == nil {
			*l = []Actor{}
		}
	}
	if e.Docs == nil {
		e.Docs = []DocID{}
	}
	if e.Evidence == nil {
		e.Evidence = []Evidence{}
	}
	return e
}

func contractCount(c Count) Count {
	for _, n := range []*int{&c.Best, &c.Low, &c.High} {
		if *n < 0 {
			*n = Unknown
		}
	}
	return c
}

// near: a and b differ by at most tol (and a rounding error of it).
func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*(1+1e-9) }
