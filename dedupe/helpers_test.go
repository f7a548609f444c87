package dedupe

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
)

// rules loads the shipped rules.
func rules(tb testing.TB) *Rules {
	tb.Helper()
	r, err := Load(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// testReport is a report as the scenario files write it: the event's
// fields that matter here, compactly.
type testReport struct {
	ID        string        `json:"id"`
	Doc       string        `json:"doc"`
	Published string        `json:"published"`
	Type      string        `json:"type"`
	Mode      string        `json:"mode"`
	Date      string        `json:"date"` // "2024-03-18", or "2024-03-18/2024-03-24"
	Prec      string        `json:"prec"` // date precision; day by default
	Place     *durand.Place `json:"place"`
	Source    []string      `json:"source"` // "CODE:sector"
	Target    []string      `json:"target"`
	Killed    []int         `json:"killed"` // [n] or [best, low, high]; -1 unknown
	Injured   []int         `json:"injured"`
	Modality  string        `json:"modality"`
	Claimed   string        `json:"claimed_by"`
	Evidence  string        `json:"evidence"`
}

func (t testReport) report() (Report, error) {
	ev := durand.Event{
		ID: t.ID, Type: durand.EventType(t.Type), Mode: t.Mode, Place: t.Place,
		Modality: durand.Modality(t.Modality), Docs: []durand.DocID{durand.DocID(t.Doc)},
		Fatalities: count(t.Killed), Injured: count(t.Injured), Abducted: durand.NoCount, Confidence: 0.8,
	}
	if ev.Modality == "" {
		ev.Modality = durand.Asserted
	}
	if t.Evidence != "" {
		ev.Evidence = []durand.Evidence{{Doc: durand.DocID(t.Doc), Field: "trigger", Text: t.Evidence}}
	}
	if t.Claimed != "" {
		a := actor(t.Claimed)
		ev.ClaimedBy = &a
	}
	for _, s := range t.Source {
		ev.Source = append(ev.Source, actor(s))
	}
	for _, s := range t.Target {
		ev.Target = append(ev.Target, actor(s))
	}
	start, end, _ := strings.Cut(t.Date, "/")
	var err error
	if ev.Date.Start, err = time.Parse(time.DateOnly, start); err != nil {
		return Report{}, fmt.Errorf("%s: date: %w", t.ID, err)
	}
	ev.Date.End = ev.Date.Start
	if end != "" {
		if ev.Date.End, err = time.Parse(time.DateOnly, end); err != nil {
			return Report{}, fmt.Errorf("%s: date: %w", t.ID, err)
		}
	}
	ev.Date.Precision = durand.DatePrecision(t.Prec)
	if t.Prec == "" {
		ev.Date.Precision = durand.Day
	}
	rep := Report{Event: ev}
	if t.Published != "" {
		if rep.Published, err = time.Parse(time.RFC3339, t.Published); err != nil {
			return Report{}, fmt.Errorf("%s: published: %w", t.ID, err)
		}
	}
	return rep, nil
}

// actor reads "CODE:sector".
func actor(s string) durand.Actor {
	code, sector, _ := strings.Cut(s, ":")
	country, _, _ := strings.Cut(code, ".")
	if !strings.Contains(code, ".") {
		country = ""
	}
	return durand.Actor{Code: durand.ActorCode(code), Name: strings.ToLower(code), Country: country, Sector: sector}
}

func count(v []int) durand.Count {
	switch len(v) {
	case 1:
		return durand.Exact(v[0])
	case 3:
		return durand.Count{Best: v[0], Low: v[1], High: v[2]}
	}
	return durand.NoCount
}

// readReports reads one JSON report a line.
func readReports(text string) ([]Report, error) {
	var out []Report
	for i, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		var t testReport
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		r, err := t.report()
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, r)
	}
	return out, nil
}
