package store

import (
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/durandhq/durand"
)

// FuzzCursor: a string is a cursor only when it is the one Encode writes
// for an ISO date (or none) and an id, and every such cursor reads back as
// it was written. Cursors were base64 of "date|id" with any date, and
// other padding bits or line breaks read as the same cursor.
func FuzzCursor(f *testing.F) {
	f.Add("MjAyNC0wMy0xNnxldjE", "2024-03-16", "ev1")
	f.Add("fGV2MQ", "", "ev1")
	f.Add("%%%", "2024-02-30", "a|b")
	f.Fuzz(func(t *testing.T, s, date, id string) {
		if c, err := DecodeCursor(s); err == nil {
			if c.ID == "" || !isoOrEmpty(c.Date) || c.Encode() != s {
				t.Fatalf("DecodeCursor(%q) = %+v, encoded %q", s, c, c.Encode())
			}
		}
		// The store writes cursors of its events only: an id and an ISO
		// date or none. (Of a date holding "|", Encode writes another
		// position's cursor.)
		if id == "" || !isoOrEmpty(date) {
			return
		}
		c := Cursor{Date: date, ID: id}
		if got, err := DecodeCursor(c.Encode()); err != nil || got != c {
			t.Fatalf("cursor %+v read back as %+v, %v", c, got, err)
		}
	})
}

func isoOrEmpty(d string) bool {
	t, err := time.Parse(time.DateOnly, d)
	return d == "" || err == nil && t.Format(time.DateOnly) == d
}

// FuzzParseQuery: any query string gives a query within the bounds the
// store relies on, or an error that starts with the parameter's name; a
// query written back as parameters reads as the same query.
func FuzzParseQuery(f *testing.F) {
	f.Add("from=2024-03-01&to=2024-03-31&actor=PAK.MIL,TTP&actor=HGB&type=assault&modality=asserted,claimed")
	f.Add("bbox=69,32,71,34&min_confidence=0.5&limit=10&order=desc&text=Khost&place=Khost&dataset=ucdp")
	f.Add("cursor=MjAyNC0wMy0xNnxldjE&text=%00&actor=" + strings.Repeat("A,", 101))
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		q, err := ParseQuery(v)
		if err != nil {
			if !namesParam(err.Error()) {
				t.Fatalf("ParseQuery(%q): error %q names no parameter", raw, err)
			}
			return
		}
		if msg := outOfBounds(q); msg != "" {
			t.Fatalf("ParseQuery(%q) = %+v: %s", raw, q, msg)
		}
		if !roundTrips(q) {
			return
		}
		again, err := ParseQuery(queryValues(q))
		if err != nil || !reflect.DeepEqual(again, q) {
			t.Fatalf("ParseQuery(%q) = %+v, written back and read %+v, %v", raw, q, again, err)
		}
	})
}

func namesParam(msg string) bool {
	return slices.ContainsFunc(QueryParams, func(k string) bool {
		return strings.HasPrefix(msg, k+":") || strings.HasPrefix(msg, k+" ")
	})
}

// outOfBounds says which of q's values breaks a bound ParseQuery promises.
func outOfBounds(q Query) string {
	lists := [][]string{q.Actors, nil, nil}
	for _, t := range q.Types {
		lists[1] = append(lists[1], string(t))
	}
	for _, m := range q.Modalities {
		lists[2] = append(lists[2], string(m))
	}
	for _, l := range lists {
		if len(l) > MaxValues {
			return "too many values"
		}
		for _, s := range l {
			if s == "" || s != strings.TrimSpace(s) || strings.Contains(s, ",") || !clean(s) {
				return "list value " + strconv.Quote(s)
			}
		}
	}
	for _, s := range []string{q.Place, q.Dataset, q.Cursor, q.Text} {
		if s != strings.TrimSpace(s) || !clean(s) || len(s) > MaxTextBytes {
			return "value " + strconv.Quote(s)
		}
	}
	switch {
	case !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From):
		return "to before from"
	case !(q.MinConfidence >= 0 && q.MinConfidence <= 1):
		return "min_confidence"
	case q.Limit < 0 || q.PageLimit() < 1 || q.PageLimit() > MaxLimit:
		return "limit"
	case q.BBox != nil && !(q.BBox[0] <= q.BBox[2] && q.BBox[1] <= q.BBox[3] && q.BBox[0] >= -180 && q.BBox[2] <= 180 && q.BBox[1] >= -90 && q.BBox[3] <= 90):
		return "bbox"
	}
	if q.Cursor != "" {
		if _, err := DecodeCursor(q.Cursor); err != nil {
			return "cursor"
		}
	}
	return ""
}

func clean(s string) bool { return utf8.ValidString(s) && strings.IndexFunc(s, isControl) < 0 }

// roundTrips: written back, q's values are within MaxValueBytes. Upper-
// casing lengthens some letters (ɐ, 2 bytes, is Ɐ, 3), so a type of 200
// bytes may come back longer than the bound its parameter had.
func roundTrips(q Query) bool {
	return !slices.ContainsFunc(q.Types, func(t durand.EventType) bool { return len(t) > MaxValueBytes })
}

// queryValues writes q as the parameters ParseQuery reads.
func queryValues(q Query) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	if !q.From.IsZero() {
		set("from", q.From.Format(time.DateOnly))
	}
	if !q.To.IsZero() {
		set("to", q.To.Format(time.DateOnly))
	}
	v["actor"] = q.Actors
	for _, t := range q.Types {
		v.Add("type", string(t))
	}
	for _, m := range q.Modalities {
		v.Add("modality", string(m))
	}
	set("place", q.Place)
	set("text", q.Text)
	set("dataset", q.Dataset)
	set("cursor", q.Cursor)
	if b := q.BBox; b != nil {
		g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
		set("bbox", g(b[0])+","+g(b[1])+","+g(b[2])+","+g(b[3]))
	}
	if q.MinConfidence != 0 {
		set("min_confidence", strconv.FormatFloat(q.MinConfidence, 'g', -1, 64))
	}
	if q.Desc {
		set("order", "desc")
	}
	if q.Limit != 0 {
		set("limit", strconv.Itoa(q.Limit))
	}
	return v
}
