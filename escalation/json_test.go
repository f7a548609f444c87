package escalation

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

// TestMarshalResult checks the JSON writer's promises: NaN and
// infinities as null, snake_case names, day numbers as dates.
func TestMarshalResult(t *testing.T) {
	type inner struct{ NullMean, MedianHigh float64 }
	v := struct {
		AICLag    int
		From      int
		Ratio     float64
		Inner     inner
		Names     []string
		DF1       int
		hidden    int
		Criterion fmt.Stringer
	}{AICLag: 2, From: 14610, Ratio: math.NaN(), Inner: inner{NullMean: 0.5, MedianHigh: math.Inf(1)}, DF1: 3}
	b, err := MarshalResult(v)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	want := map[string]any{"aic_lag": 2.0, "from": "2010-01-01", "ratio": nil, "inner": map[string]any{"null_mean": 0.5, "median_high": nil},
		"names": []any{}, "df1": 3.0, "criterion": nil}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
