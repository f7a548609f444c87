package store

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseQuery(t *testing.T) {
	q, err := ParseQuery(url.Values{"from": {"2024-03-01"}, "to": {"2024-03-31"}, "actor": {"PAK.MIL,TTP", "HGB"},
		"type": {"assault"}, "modality": {"asserted,claimed"}, "bbox": {"69,32,71,34"}, "min_confidence": {"0.5"}, "limit": {"10"}})
	if err != nil {
		t.Fatal(err)
	}
	if !q.From.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) || len(q.Actors) != 3 || q.Types[0] != "ASSAULT" ||
		len(q.Modalities) != 2 || q.BBox[3] != 34 || q.MinConfidence != 0.5 || q.Limit != 10 {
		t.Errorf("parsed %+v", q)
	}
	for _, bad := range []url.Values{
		{"from": {"March 2024"}}, {"from": {"2024-03-02"}, "to": {"2024-03-01"}}, {"modality": {"maybe"}},
		{"bbox": {"1,2,3"}}, {"bbox": {"71,32,69,34"}}, {"min_confidence": {"2"}}, {"limit": {"-1"}}, {"cursor": {"%%%"}},
	} {
		if _, err := ParseQuery(bad); err == nil {
			t.Errorf("ParseQuery(%v) accepted", bad)
		} else if k := strings.SplitN(err.Error(), ":", 2)[0]; k == "" {
			t.Errorf("error does not name the parameter: %v", err)
		}
	}
}
