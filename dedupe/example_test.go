package dedupe_test

import (
	"fmt"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dedupe"
)

// Two outlets' reports of one attack: Reuters names the district and no
// toll, Dawn gives the toll and no place. They are one incident.
func Example() {
	rules, err := dedupe.Load(data.FS)
	if err != nil {
		panic(err)
	}
	day := time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC)
	militants := durand.Actor{Code: "REB", Name: "militants", Sector: "insurgent"}
	reuters := dedupe.Report{Published: day.Add(8 * time.Hour), Event: durand.Event{
		ID: "ev_reuters", Type: durand.Assault, Modality: durand.Asserted, Docs: []durand.DocID{"reuters-bannu"},
		Date:   durand.Date{Start: day, End: day, Precision: durand.Day},
		Place:  &durand.Place{Name: "Bannu", Admin2: "Bannu", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.83, Lon: 70.65, Prec: durand.AtAdmin2},
		Source: []durand.Actor{militants}, Target: []durand.Actor{{Code: "PAK.POL", Country: "PAK", Sector: "police"}},
		Fatalities: durand.NoCount, Injured: durand.NoCount, Abducted: durand.NoCount,
	}}
	dawn := dedupe.Report{Published: day.Add(11 * time.Hour), Event: durand.Event{
		ID: "ev_dawn", Type: durand.Assault, Modality: durand.Asserted, Docs: []durand.DocID{"dawn-bannu"},
		Date:   durand.Date{Start: day, End: day, Precision: durand.Day},
		Source: []durand.Actor{militants}, Target: []durand.Actor{{Code: "POL", Sector: "police"}},
		Fatalities: durand.Exact(12), Injured: durand.NoCount, Abducted: durand.NoCount,
	}}
	reports := []dedupe.Report{reuters, dawn}
	groups, err := rules.Cluster(reports, nil)
	if err != nil {
		panic(err)
	}
	for _, g := range groups {
		var members []dedupe.Report
		for _, i := range g {
			members = append(members, reports[i])
		}
		m, err := rules.Merge(members)
		if err != nil {
			panic(err)
		}
		fmt.Println(m.Members, m.Event.Place.Name, m.Event.Fatalities.Best, "dead,", len(m.Event.Docs), "sources")
		for _, l := range m.Links {
			fmt.Println(l.A, "~", l.B, l.Match)
		}
	}
	// Output:
	// [ev_dawn ev_reuters] Bannu 12 dead, 2 sources
	// ev_dawn ~ ev_reuters 0.46 (type +0.1, date +0.25, actors +0.11)
}
