package store

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseQuery(t *testing.T) {
	q, err := ParseQuery(url.Values{"from": {"2024-03-01"}, "to": {"2024-03-31"}, "actor": {"PAK.MIL,TTP", "HGB"},
		"type": {"assault"}, "modality": {"asserted,claimed"}, "bbox": {"69,32,71,34"}, "min_confidence": {"0.5"}, "per_report": {"true"}, "limit": {"10"}})
	if err != nil {
		t.Fatal(err)
	}
	if !q.From.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) || len(q.Actors) != 3 || q.Types[0] != "ASSAULT" ||
		len(q.Modalities) != 2 || q.BBox[3] != 34 || q.MinConfidence != 0.5 || !q.PerReport || q.Limit != 10 {
		t.Errorf("parsed %+v", q)
	}
	for _, bad := range []url.Values{
		{"from": {"March 2024"}}, {"from": {"2024-03-02"}, "to": {"2024-03-01"}}, {"modality": {"maybe"}},
		{"bbox": {"1,2,3"}}, {"bbox": {"71,32,69,34"}}, {"min_confidence": {"2"}}, {"limit": {"-1"}}, {"cursor": {"%%%"}},
		// Not as Encode writes them: other padding bits, a line break, a
		// date that is not ISO ("yesterday|ev1").
		{"cursor": {"fGV2MR"}}, {"cursor": {"fGV2\nMQ"}}, {"cursor": {"eWVzdGVyZGF5fGV2MQ"}},
		{"per_report": {"yes"}},
	} {
		if _, err := ParseQuery(bad); err == nil {
			t.Errorf("ParseQuery(%v) accepted", bad)
		} else if k := strings.SplitN(err.Error(), ":", 2)[0]; k == "" {
			t.Errorf("error does not name the parameter: %v", err)
		}
	}
}

// TestParseQueryBounds checks that what the store cannot run, or has no
// use for, is refused by name before it gets there: 499 actors and
// text=%00 were server errors.
func TestParseQueryBounds(t *testing.T) {
	many := func(n int) string { return strings.TrimSuffix(strings.Repeat("PAK,", n), ",") }
	for _, c := range []struct {
		name  string
		v     url.Values
		param string // "" when the query is good
	}{
		{"100 actors", url.Values{"actor": {many(100)}}, ""},
		{"101 actors", url.Values{"actor": {many(101)}}, "actor"},
		{"499 actors", url.Values{"actor": {many(499)}}, "actor"},
		{"101 repeated actors", url.Values{"actor": strings.Split(many(101), ",")}, "actor"},
		{"empty actors do not count", url.Values{"actor": {strings.Repeat(",", 1000)}}, ""},
		{"101 types", url.Values{"type": {many(101)}}, "type"},
		{"long actor", url.Values{"actor": {strings.Repeat("A", 201)}}, "actor"},
		{"NUL text", url.Values{"text": {"\x00"}}, "text"},
		{"NUL in a word", url.Values{"text": {"Khost\x00"}}, "text"},
		{"invalid UTF-8 text", url.Values{"text": {"\xff\xfe"}}, "text"},
		{"text with tab", url.Values{"text": {"Khost\tjets"}}, ""},
		{"long text", url.Values{"text": {strings.Repeat("a ", 501)}}, "text"},
		{"text twice", url.Values{"text": {"a", "b"}}, "text"},
		{"NUL place", url.Values{"place": {"Khost\x00"}}, "place"},
		{"escape in dataset", url.Values{"dataset": {"ucdp\x1b[2J"}}, "dataset"},
		{"NUL actor", url.Values{"actor": {"PAK,\x00"}}, "actor"},
		{"invalid UTF-8 type", url.Values{"type": {"\xc3"}}, "type"},
		{"long cursor", url.Values{"cursor": {strings.Repeat("A", 201)}}, "cursor"},
		{"NaN confidence", url.Values{"min_confidence": {"NaN"}}, "min_confidence"},
		{"NaN bbox", url.Values{"bbox": {"NaN,NaN,NaN,NaN"}}, "bbox"},
		{"infinite bbox", url.Values{"bbox": {"-Inf,0,Inf,1"}}, "bbox"},
		{"longitude past 180", url.Values{"bbox": {"-10,0,190,1"}}, "bbox"},
	} {
		_, err := ParseQuery(c.v)
		switch {
		case c.param == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.param != "" && err == nil:
			t.Errorf("%s: accepted", c.name)
		case c.param != "" && !strings.HasPrefix(err.Error(), c.param+": "):
			t.Errorf("%s: error does not name %s: %v", c.name, c.param, err)
		}
	}
}
