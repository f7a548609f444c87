package serve

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store"
)

// TestAppendPoint: a point written by hand decodes to the point, as the
// one encoding/json writes does, whatever its strings hold.
func TestAppendPoint(t *testing.T) {
	for _, p := range []store.Point{
		{ID: "ev_1", Date: "2024-03-18", Type: durand.Assault, Mode: "aerial", Lat: 33.33, Lon: 69.92, Precision: durand.AtPlace,
			Place: "Khost", Fatalities: 8, Source: "PAK.MIL", Target: "TTP"},
		{ID: "q\"uote\\back", Place: "جلال\u200cآباد <b>&amp;</b>", Fatalities: -1, Lat: -1e-7, Lon: 1e21},
		{ID: "ctl\x00\x1f\n\t", Place: "bad \xff\xfe utf8", Mode: "\u2028\u2029"},
	} {
		var got, want store.Point
		if err := json.Unmarshal(appendPoint(nil, p), &got); err != nil {
			t.Fatalf("%q: not JSON: %v: %s", p.ID, err, appendPoint(nil, p))
		}
		std, _ := json.Marshal(p)
		json.Unmarshal(std, &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("by hand %+v\nencoding/json %+v", got, want)
		}
	}
	if got := string(appendFloat(nil, math.NaN())); got != "null" {
		t.Errorf("NaN written %s", got)
	}
}
