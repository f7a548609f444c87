package dedupe

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/durandhq/durand"
)

// synth makes synthetic reports of synthetic incidents with the spread of
// a real store: incidents over Years years in Regions provinces (of four
// countries, eight districts each), each told by 1 to MaxReports reports
// that, as real ones do, name the place at different precisions (the
// village, its district, its province, only the country, or none), give the
// date a day late or as a week, call the attackers "militants" instead of
// their name, tell a clash from the other side, leave the toll out or
// raise it later.
type synth struct {
	Years, Regions, MaxReports int
	Seed                       uint64
}

// synthActor is one actor of the pools incidents draw from.
type synthActor struct {
	code, sector, generic string
}

var (
	synthCountries = []string{"AFG", "PAK", "IRN", "IND"}
	synthArmed     = []synthActor{{"TTP", "insurgent", "REB"}, {"BLA", "separatist", "REB"}, {"ISKP", "insurgent", "REB"},
		{"HGB", "insurgent", "REB"}, {"JUA", "insurgent", "REB"}, {"LEJ", "insurgent", "REB"}}
	synthState   = []string{"MIL", "POL", "PAR"}
	synthModes   = []string{"explosives", "firearms", "aerial", "drone", "suicide", "shelling", ""}
	synthSectors = map[string]string{"MIL": "military", "POL": "police", "PAR": "paramilitary"}
)

// synthIncident is the truth a report is drawn from.
type synthIncident struct {
	day              time.Time
	typ              durand.EventType
	mode             string
	region, district int
	lat, lon         float64
	src, tgt         durand.Actor
	srcGen, tgtGen   durand.Actor
	killed           int
}

// Reports returns the reports and, for each, the index of its incident.
// The same synth gives the same reports.
func (s synth) Reports(n int) ([]Report, []int) {
	rng := rand.New(rand.NewPCG(s.Seed, 0x9e3779b97f4a7c15))
	reports := make([]Report, 0, n)
	truth := make([]int, 0, n)
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for inc := 0; len(reports) < n; inc++ {
		in := s.incident(rng, start)
		k := 1 + rng.IntN(s.MaxReports)
		for j := 0; j < k && len(reports) < n; j++ {
			reports = append(reports, s.report(rng, &in, inc, j))
			truth = append(truth, inc)
		}
	}
	return reports, truth
}

func (s synth) incident(rng *rand.Rand, start time.Time) synthIncident {
	in := synthIncident{
		day:    start.AddDate(0, 0, rng.IntN(365*s.Years)),
		region: rng.IntN(s.Regions), district: rng.IntN(8),
		mode: synthModes[rng.IntN(len(synthModes))],
	}
	country := synthCountries[in.region%len(synthCountries)]
	clat, clon := s.district(in.region, in.district)
	in.lat, in.lon = clat+rng.NormFloat64()*0.08, clon+rng.NormFloat64()*0.08
	armed := synthArmed[rng.IntN(len(synthArmed))]
	state := synthState[rng.IntN(len(synthState))]
	stateActor := durand.Actor{Code: durand.ActorCode(country + "." + state), Country: country, Sector: synthSectors[state]}
	armedActor := durand.Actor{Code: durand.ActorCode(armed.code), Sector: armed.sector}
	in.srcGen = durand.Actor{Code: durand.ActorCode(armed.generic), Sector: armed.sector}
	in.tgtGen = durand.Actor{Code: durand.ActorCode(state), Sector: synthSectors[state]}
	in.src, in.tgt = armedActor, stateActor
	switch x := rng.Float64(); {
	case x < 0.6:
		in.typ = durand.Assault
	case x < 0.85:
		in.typ = durand.Fight
		in.mode = "firearms"
	case x < 0.9:
		in.typ = durand.Seize
	default:
		in.typ = durand.Assault
		in.tgt = durand.Actor{Code: "CIV", Sector: "civilians"}
		in.tgtGen = in.tgt
	}
	in.killed = int(math.Floor(rng.ExpFloat64() * 6))
	return in
}

// district returns the point of district d of region r: regions on a grid
// a degree apart, districts a fifth of a degree apart in them.
func (s synth) district(r, d int) (lat, lon float64) {
	return 25 + float64(r/10) + 0.2*float64(d/3), 60 + float64(r%10) + 0.2*float64(d%3)
}

func (s synth) report(rng *rand.Rand, in *synthIncident, inc, j int) Report {
	id := fmt.Sprintf("ev_%07d_%02d", inc, j)
	doc := durand.DocID(fmt.Sprintf("doc_%07d_%02d", inc, j))
	ev := durand.Event{
		ID: id, Type: in.typ, Mode: in.mode, Modality: durand.Asserted, Docs: []durand.DocID{doc},
		Fatalities: durand.NoCount, Injured: durand.NoCount, Abducted: durand.NoCount, Confidence: 0.5 + rng.Float64()/2,
		Evidence: []durand.Evidence{{Doc: doc, Field: "trigger", Start: 10, End: 18, Text: "attacked"}},
	}
	ev.Place = s.place(rng, in)
	ev.Date = durand.Date{Start: in.day, End: in.day, Precision: durand.Day}
	switch x := rng.Float64(); {
	case x < 0.08:
		ev.Date.Start = in.day.AddDate(0, 0, 1) // "on Tuesday" for a Monday night
		ev.Date.End = ev.Date.Start
	case x < 0.12:
		ev.Date = durand.Date{Start: in.day.AddDate(0, 0, -rng.IntN(7)), Precision: durand.Week}
		ev.Date.End = ev.Date.Start.AddDate(0, 0, 6)
	}
	src, tgt := in.src, in.tgt
	if rng.Float64() < 0.3 {
		src = in.srcGen
	}
	if rng.Float64() < 0.3 {
		tgt = in.tgtGen
	}
	switch x := rng.Float64(); {
	case x < 0.1:
	case x < 0.2:
		ev.Source = []durand.Actor{src}
	default:
		ev.Source, ev.Target = []durand.Actor{src}, []durand.Actor{tgt}
	}
	if in.typ == durand.Fight && rng.Float64() < 0.3 {
		ev.Type = durand.Assault // the attacked side's account
		ev.Source, ev.Target = ev.Target, ev.Source
	}
	if ev.Mode == "drone" && rng.Float64() < 0.3 {
		ev.Mode = "aerial"
	}
	if rng.Float64() < 0.2 {
		ev.Mode = ""
	}
	switch x := rng.Float64(); {
	case x < 0.3:
	case x < 0.45 && j > 0:
		ev.Fatalities = durand.Exact(in.killed + j) // the toll rises
	default:
		ev.Fatalities = durand.Exact(in.killed)
	}
	return Report{Event: ev, Published: in.day.Add(time.Duration(8+j) * time.Hour)}
}

// place names the incident's place at one of the precisions reports use.
func (s synth) place(rng *rand.Rand, in *synthIncident) *durand.Place {
	country := synthCountries[in.region%len(synthCountries)]
	admin1 := fmt.Sprintf("Province %d", in.region)
	admin2 := fmt.Sprintf("District %d-%d", in.region, in.district)
	dlat, dlon := s.district(in.region, in.district)
	switch x := rng.Float64(); {
	case x < 0.5:
		return &durand.Place{ID: durand.PlaceID(fmt.Sprintf("v:%.3f:%.3f", in.lat, in.lon)), Name: "village",
			Admin2: admin2, Admin1: admin1, Country: country, Lat: in.lat, Lon: in.lon, Prec: durand.AtPlace}
	case x < 0.75:
		return &durand.Place{ID: durand.PlaceID("d:" + admin2), Name: admin2, Admin2: admin2, Admin1: admin1,
			Country: country, Lat: dlat, Lon: dlon, Prec: durand.AtAdmin2}
	case x < 0.9:
		return &durand.Place{ID: durand.PlaceID("p:" + admin1), Name: admin1, Admin1: admin1, Country: country,
			Lat: dlat, Lon: dlon, Prec: durand.AtAdmin1}
	case x < 0.97:
		return &durand.Place{ID: durand.PlaceID("c:" + country), Name: country, Country: country, Prec: durand.AtCountry}
	}
	return nil
}
