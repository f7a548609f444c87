package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// fill stores n synthetic events spread over five years, two actors'
// dyads, three types and the Af-Pak box, each with evidence.
func fill(b *testing.B, n int) *sqlite.DB {
	b.Helper()
	lastPath = filepath.Join(b.TempDir(), "q.db")
	s, err := sqlite.Open(lastPath)
	if err != nil {
		b.Fatal(err)
	}
	actors := []durand.Actor{{Code: "PAK.MIL", Name: "Pakistani military", Country: "PAK", Sector: "military"},
		{Code: "TTP", Name: "TTP", Country: "PAK", Sector: "insurgent"}, {Code: "AFG.GOV", Name: "Taliban", Country: "AFG", Sector: "government"}}
	types := []durand.EventType{durand.Assault, durand.Fight, durand.Accuse}
	admin1 := []string{"Khyber Pakhtunkhwa", "Balochistan", "Khost", "Kunar"}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var evs []durand.Event
	for i := range n {
		day := start.AddDate(0, 0, i%1800)
		evs = append(evs, durand.Event{ID: fmt.Sprintf("ev_%07d", i), Type: types[i%3], Modality: durand.Asserted, Confidence: 0.5 + float64(i%5)/10,
			Source: []durand.Actor{actors[i%3]}, Target: []durand.Actor{actors[(i+1)%3]},
			Place: &durand.Place{ID: "geonames:1", Name: "Place", Admin1: admin1[i%4], Country: "PAK", Lat: 30 + float64(i%500)/100, Lon: 66 + float64(i%700)/100, Prec: durand.AtPlace},
			Date:  durand.Date{Start: day, End: day, Precision: durand.Day}, Fatalities: durand.Exact(i % 7), Injured: durand.NoCount,
			Docs: []durand.DocID{"doc"}, Evidence: []durand.Evidence{{Doc: "doc", Field: "trigger", Start: 10, End: 16, Text: "killed"},
				{Doc: "doc", Field: "place", Start: 20, End: 25, Text: "Place"}}})
		if len(evs) == 5000 {
			if err := s.PutEvents(context.Background(), evs); err != nil {
				b.Fatal(err)
			}
			evs = evs[:0]
		}
	}
	if err := s.PutEvents(context.Background(), evs); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkQuery10k asks a 100,000-event store for pages of 10,000 events
// by typical filters, the events returned as their contract JSON.
func BenchmarkQuery10k(b *testing.B) {
	s := fill(b, 100000)
	defer s.Close()
	for _, c := range []struct {
		name string
		q    store.Query
	}{
		{"all", store.Query{}},
		{"actor+time", store.Query{Actors: []string{"PAK"}, From: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"type+bbox", store.Query{Types: []durand.EventType{durand.Assault}, BBox: &[4]float64{66, 30, 71, 33}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			c.q.Limit = 10000
			for i := 0; i < b.N; i++ {
				p, err := s.Events(context.Background(), c.q)
				if err != nil {
					b.Fatal(err)
				}
				if len(p.Events) != 10000 {
					b.Fatalf("%d events", len(p.Events))
				}
			}
			b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

var lastPath string

// BenchmarkQuerySelective asks for rare events: a filter few events pass,
// where walking the date index finds them only at the end.
func BenchmarkQuerySelective(b *testing.B) {
	s := fill(b, 100000)
	defer s.Close()
	b.ResetTimer()
	q := store.Query{MinConfidence: 0.95, Types: []durand.EventType{durand.Accuse}, Place: "Kunar", Limit: 500}
	for i := 0; i < b.N; i++ {
		if _, err := s.Events(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAggregates asks a 200,000-event store for what the dashboard
// draws on every change of a filter: series, the network and map points,
// answered from the in-memory summary once it is loaded.
func BenchmarkAggregates(b *testing.B) {
	s := fill(b, 200000)
	defer s.Close()
	ctx := context.Background()
	pak := store.Query{Actors: []string{"PAK"}, From: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := s.Points(ctx, store.Query{Limit: 1}); err != nil { // loads the summary
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"series=month-type", func() error { _, err := s.Series(ctx, store.Query{}, "month", "type"); return err }},
		{"series=month-dyad", func() error { _, err := s.Series(ctx, store.Query{}, "month", "dyad"); return err }},
		{"series=week-type-PAK", func() error { _, err := s.Series(ctx, pak, "week", "type"); return err }},
		{"network=all", func() error { _, err := s.Network(ctx, store.Query{}); return err }},
		{"network=PAK", func() error { _, err := s.Network(ctx, pak); return err }},
		{"points=5000", func() error { _, err := s.Points(ctx, store.Query{Limit: 5000, Desc: true}); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(200000*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
