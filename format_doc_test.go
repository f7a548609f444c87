package durand

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// TestFormatDocumented: every field an event's JSON has is named in
// docs/format.md, so the page cannot fall behind the contract.
func TestFormatDocumented(t *testing.T) {
	doc, err := os.ReadFile("docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC)
	e := Event{Place: &Place{Locality: "x"}, ClaimedBy: &Actor{}, Origin: &Origin{}, Members: []string{"a", "b"},
		Source: []Actor{{}}, Evidence: []Evidence{{}}, Date: Date{Start: day, End: day, Precision: Day}}
	var fields map[string]json.RawMessage
	b, _ := json.Marshal(e)
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatal(err)
	}
	inner := map[string]any{}
	for _, k := range []string{"place", "date", "fatalities", "origin", "claimed_by"} {
		var m map[string]json.RawMessage
		if json.Unmarshal(fields[k], &m) == nil {
			for f := range m {
				inner[f] = nil
			}
		}
	}
	for k := range fields {
		inner[k] = nil
	}
	for f := range inner {
		if !strings.Contains(string(doc), "`"+f+"`") && !strings.Contains(string(doc), `"`+f+`"`) {
			t.Errorf("docs/format.md does not name the field %q", f)
		}
	}
}
