package store

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// QueryParams are the query's parameter names, shared by `durand events`
// flags and the HTTP API: from, to (ISO dates), actor, type, modality
// (repeatable or comma-separated), place, bbox (minLon,minLat,maxLon,maxLat),
// text, min_confidence, dataset, cursor, limit.
var QueryParams = []string{"from", "to", "actor", "type", "modality", "place", "bbox", "text", "min_confidence", "dataset", "order", "cursor", "limit"}

// ParseQuery reads a Query from URL-style parameters, naming the bad
// parameter when one is malformed.
func ParseQuery(v url.Values) (Query, error) {
	var q Query
	var err error
	list := func(k string) []string {
		var out []string
		for _, s := range v[k] {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		}
		return out
	}
	for _, k := range []string{"from", "to"} {
		s := strings.TrimSpace(v.Get(k))
		if s == "" {
			continue
		}
		t, perr := time.Parse(time.DateOnly, s)
		if perr != nil {
			return q, fmt.Errorf("%s: %q is not an ISO date (YYYY-MM-DD)", k, s)
		}
		if k == "from" {
			q.From = t
		} else {
			q.To = t
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, fmt.Errorf("to %s is before from %s", q.To.Format(time.DateOnly), q.From.Format(time.DateOnly))
	}
	q.Actors = list("actor")
	for _, t := range list("type") {
		q.Types = append(q.Types, durand.EventType(strings.ToUpper(t)))
	}
	for _, m := range list("modality") {
		switch mod := durand.Modality(strings.ToLower(m)); mod {
		case durand.Asserted, durand.Claimed, durand.Denied, durand.Negated, durand.Hypothetical, durand.Future:
			q.Modalities = append(q.Modalities, mod)
		default:
			return q, fmt.Errorf("modality: %q is not one of asserted, claimed, denied, negated, hypothetical, future", m)
		}
	}
	q.Place = strings.TrimSpace(v.Get("place"))
	q.Text = strings.TrimSpace(v.Get("text"))
	q.Dataset = strings.TrimSpace(v.Get("dataset"))
	q.Cursor = strings.TrimSpace(v.Get("cursor"))
	if s := v.Get("bbox"); s != "" {
		f := strings.Split(s, ",")
		var bb [4]float64
		if len(f) != 4 {
			return q, fmt.Errorf("bbox: want minLon,minLat,maxLon,maxLat, got %q", s)
		}
		for i, p := range f {
			if bb[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64); err != nil {
				return q, fmt.Errorf("bbox: %q is not a number", p)
			}
		}
		if bb[0] > bb[2] || bb[1] > bb[3] || bb[1] < -90 || bb[3] > 90 {
			return q, fmt.Errorf("bbox: %q is not minLon,minLat,maxLon,maxLat", s)
		}
		q.BBox = &bb
	}
	if s := v.Get("min_confidence"); s != "" {
		if q.MinConfidence, err = strconv.ParseFloat(s, 64); err != nil || q.MinConfidence < 0 || q.MinConfidence > 1 {
			return q, fmt.Errorf("min_confidence: %q is not a number in [0, 1]", s)
		}
	}
	switch o := v.Get("order"); o {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return q, fmt.Errorf("order: %q is not asc or desc", o)
	}
	if s := v.Get("limit"); s != "" {
		if q.Limit, err = strconv.Atoi(s); err != nil || q.Limit < 0 {
			return q, fmt.Errorf("limit: %q is not a non-negative integer", s)
		}
	}
	if q.Cursor != "" {
		if _, err := DecodeCursor(q.Cursor); err != nil {
			return q, fmt.Errorf("cursor: %w", err)
		}
	}
	return q, nil
}
