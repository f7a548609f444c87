package dedupe

import (
	"math"
	"testing"

	"github.com/durandhq/durand"
)

// Places of the field rules' cases.
var (
	bannu      = &durand.Place{ID: "gb:PAK-ADM2:bannu", Name: "Bannu", Admin2: "Bannu", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.83134, Lon: 70.65348, Prec: durand.AtAdmin2}
	lakki      = &durand.Place{ID: "gb:PAK-ADM2:lakki-marwat", Name: "Lakki Marwat", Admin2: "Lakki Marwat", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.52508, Lon: 70.82981, Prec: durand.AtAdmin2}
	northWaz   = &durand.Place{ID: "gb:PAK-ADM2:north-waziristan", Name: "North Waziristan", Admin2: "North Waziristan", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.92096, Lon: 70.09394, Prec: durand.AtAdmin2}
	mirAli     = &durand.Place{ID: "durand:mir-ali", Name: "Mir Ali", Admin2: "North Waziristan", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.987, Lon: 70.272, Prec: durand.AtPlace}
	mirAliPost = &durand.Place{ID: "pkpost:28170:mir-ali", Name: "Mir Ali", Admin2: "North Waziristan", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.994, Lon: 70.280, Prec: durand.AtPlace}
	miranShah  = &durand.Place{ID: "geonames:1170367", Name: "Miran Shah", Admin2: "North Waziristan", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 33.00059, Lon: 70.07117, Prec: durand.AtPlace}
	razmak     = &durand.Place{ID: "pkpost:28270:razmak", Name: "Razmak", Admin2: "North Waziristan", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.6893, Lon: 69.8343, Prec: durand.AtPlace}
	kp         = &durand.Place{ID: "gb:PAK-ADM1:kp", Name: "Khyber Pakhtunkhwa", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 34.5, Lon: 72, Prec: durand.AtAdmin1}
	pakistan   = &durand.Place{ID: "country:PAK", Name: "Pakistan", Country: "PAK", Lat: 30, Lon: 70, Prec: durand.AtCountry}
	// A village the gazetteer puts in no district, 20 km from Bannu's
	// point, and one 60 km away.
	nearBannu = &durand.Place{ID: "v:1", Name: "Jani Khel", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.83134 + 0.18, Lon: 70.65348, Prec: durand.AtPlace}
	farBannu  = &durand.Place{ID: "v:2", Name: "Far Khel", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.83134 + 0.54, Lon: 70.65348, Prec: durand.AtPlace}
	makin     = &durand.Place{ID: "gb:PAK-ADM2:south-waziristan", Name: "South Waziristan", Admin2: "South Waziristan", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.3, Lon: 69.8, Prec: durand.AtAdmin2, Locality: "Makin"}
	ladha     = &durand.Place{ID: "gb:PAK-ADM2:south-waziristan", Name: "South Waziristan", Admin2: "South Waziristan", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.3, Lon: 69.8, Prec: durand.AtAdmin2, Locality: "Ladha"}
	khost     = &durand.Place{ID: "afd:p9", Name: "Khost", Admin1: "Khost", Country: "AFG", Lat: 33.36258, Lon: 69.84633, Prec: durand.AtAdmin1}
)

// fieldCase is two reports that differ from a plain one (an ASSAULT on 18
// March 2024, in Bannu district, from two documents) as the case says, and
// what the rule under test makes of them: the field's similarity, or a
// veto.
type fieldCase struct {
	name  string
	a, b  func(*testReport)
	field Field
	sim   float64
	veto  Veto
}

func plain(id, doc string) testReport {
	return testReport{ID: id, Doc: doc, Type: "ASSAULT", Date: "2024-03-18", Place: bannu, Published: "2024-03-18T10:00:00Z"}
}

func runFieldCases(t *testing.T, cases []fieldCase) {
	t.Helper()
	ru := rules(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := plain("ev_a", "doc_a"), plain("ev_b", "doc_b")
			if c.a != nil {
				c.a(&a)
			}
			if c.b != nil {
				c.b(&b)
			}
			ra, err := a.report()
			if err != nil {
				t.Fatal(err)
			}
			rb, err := b.report()
			if err != nil {
				t.Fatal(err)
			}
			m := ru.Match(ra, rb)
			if m.Veto != c.veto {
				t.Fatalf("veto %q, want %q (%s)", m.Veto, c.veto, m)
			}
			if c.veto != NoVeto {
				return
			}
			if got := m.Parts[c.field] / ru.weight[c.field]; math.Abs(got-c.sim) > 1e-9 {
				t.Errorf("%s similarity %.4f, want %.4f (%s)", c.field, got, c.sim, m)
			}
		})
	}
}

func TestTypeAndModeRules(t *testing.T) {
	fight := func(r *testReport) { r.Type = "FIGHT" }
	runFieldCases(t, []fieldCase{
		{"same type", nil, nil, FieldType, 1, NoVeto},
		// "Militants attacked a checkpoint" / "security forces repulsed the attack".
		{"a fight and an attack on a post", fight, func(r *testReport) { r.Target = []string{"PAK.MIL:military"} }, FieldType, 0.5, NoVeto},
		{"a fight and an attack on civilians", fight, func(r *testReport) { r.Target = []string{"CIV:civilians"} }, 0, 0, VetoType},
		{"an attack and a protest", nil, func(r *testReport) { r.Type = "PROTEST" }, 0, 0, VetoType},
		{"no type", nil, func(r *testReport) { r.Type = "" }, 0, 0, VetoType},
		{"a drone strike, an air strike", func(r *testReport) { r.Mode = "drone" }, func(r *testReport) { r.Mode = "aerial" }, FieldMode, 0.7, NoVeto},
		{"an IED blast, a shooting", func(r *testReport) { r.Mode = "explosives" }, func(r *testReport) { r.Mode = "firearms" }, FieldMode, -1, NoVeto},
		{"a mode and none", func(r *testReport) { r.Mode = "drone" }, nil, FieldMode, 0, NoVeto},
	})
}

func TestDateRules(t *testing.T) {
	date := func(d, prec string) func(*testReport) {
		return func(r *testReport) { r.Date, r.Prec = d, prec }
	}
	runFieldCases(t, []fieldCase{
		{"same day", nil, nil, FieldDate, 1, NoVeto},
		{"Monday night, Tuesday", nil, date("2024-03-19", ""), FieldDate, 0.5, NoVeto},
		{"two days apart", nil, date("2024-03-20", ""), 0, 0, VetoDate},
		{"a day in a week", nil, date("2024-03-15/2024-03-21", "week"), FieldDate, 0.3, NoVeto},
		{"a day a day after a week", nil, date("2024-03-11/2024-03-17", "week"), 0, 0, VetoDate},
		// Orakzai, October 2025: "this week" in items published a week apart.
		{"two weeks end to end", date("2025-10-02/2025-10-08", "week"), date("2025-10-09/2025-10-15", "week"), 0, 0, VetoDate},
		{"two weeks that overlap", date("2025-10-02/2025-10-08", "week"), date("2025-10-08/2025-10-14", "week"), FieldDate, 0.3, NoVeto},
		{"a day in a month", nil, date("2024-03-01/2024-03-31", "month"), FieldDate, 0.1, NoVeto},
		{"a year", nil, date("2024-01-01/2024-12-31", "year"), 0, 0, VetoUnkeyed},
	})
}

func TestPlaceRules(t *testing.T) {
	at := func(p *durand.Place) func(*testReport) { return func(r *testReport) { r.Place = p } }
	runFieldCases(t, []fieldCase{
		{"same district", nil, nil, FieldPlace, 0.8, NoVeto},
		{"two districts", nil, at(lakki), 0, 0, VetoPlace},
		{"a village in the district", at(mirAli), at(northWaz), FieldPlace, 0.6, NoVeto},
		{"a village of another district", at(mirAli), nil, 0, 0, VetoPlace},
		{"a village without district near it", at(nearBannu), nil, FieldPlace, 0.6, NoVeto},
		{"a village without district far from it", at(farBannu), nil, 0, 0, VetoPlace},
		{"the same village", at(mirAli), at(mirAli), FieldPlace, 1, NoVeto},
		{"one village, two gazetteer entries", at(mirAli), at(mirAliPost), FieldPlace, 0.8, NoVeto},
		// Mir Ali and Miran Shah are 18.8 km apart: between near (0.8 at
		// 2 km) and far (-0.5 at 25 km), in proportion.
		{"two villages 19 km apart", at(mirAli), at(miranShah), FieldPlace, 0.8 - 1.3*(km(ref(mirAli), ref(miranShah))-2)/23, NoVeto},
		{"two villages 50 km apart", at(mirAli), at(razmak), 0, 0, VetoPlace},
		{"a district in its province", nil, at(kp), FieldPlace, 0.3, NoVeto},
		{"a district in its country", nil, at(pakistan), FieldPlace, 0.1, NoVeto},
		{"no place", nil, at(nil), FieldPlace, 0, NoVeto},
		{"same locality", at(makin), at(makin), FieldPlace, 1, NoVeto},
		{"two localities of a district", at(makin), at(ladha), FieldPlace, -0.5, NoVeto},
		{"two countries", nil, at(khost), 0, 0, VetoRegion},
	})
}

// ref prepares a place alone, for the distance of a case.
func ref(p *durand.Place) *placeRef {
	bt := (&Rules{}).emptyBatch(0, nil)
	r := bt.placeRef(p)
	return &r
}

func TestActorRules(t *testing.T) {
	src := func(codes ...string) func(*testReport) { return func(r *testReport) { r.Source = codes } }
	tgt := func(codes ...string) func(*testReport) { return func(r *testReport) { r.Target = codes } }
	both := func(s, g string) func(*testReport) {
		return func(r *testReport) { r.Source, r.Target = []string{s}, []string{g} }
	}
	// The field averages the two sides; with one side unknown, a side's
	// similarity counts half.
	runFieldCases(t, []fieldCase{
		{"the same named attacker", src("TTP:insurgent"), src("TTP:insurgent"), FieldActors, 0.5, NoVeto},
		{"a country and its military", src("PAK:government"), src("PAK.MIL:military"), FieldActors, 0.35, NoVeto},
		{"Pakistan and its jets", src("PAK.GOV:government"), src("PAK.MIL:military"), FieldActors, 0.2, NoVeto},
		{"militants and the TTP", src("REB:insurgent"), src("TTP:insurgent"), FieldActors, 0.3, NoVeto},
		{"Pakistani militants and the TTP", src("PAK.REB:insurgent"), src("TTP:insurgent"), FieldActors, 0.3, NoVeto},
		{"militants and militants", src("REB:insurgent"), src("REB:insurgent"), FieldActors, 0.25, NoVeto},
		{"gunmen and the TTP", src("UNK:unknown"), src("TTP:insurgent"), FieldActors, 0.15, NoVeto},
		{"Jamaat-ul-Ahrar and the TTP", src("JUA:insurgent"), src("TTP:insurgent"), FieldActors, 0.3, NoVeto},
		{"people and police", tgt("CIV:civilians"), tgt("PAK.POL:police"), FieldActors, -0.25, NoVeto},
		{"the TTP and ISKP", src("TTP:insurgent"), src("ISKP:insurgent"), 0, 0, VetoActors},
		{"Pakistan's forces and Afghanistan's", src("PAK.MIL:military"), src("AFG.MIL:military"), 0, 0, VetoActors},
		{"an unknown side", src("TTP:insurgent"), nil, FieldActors, 0, NoVeto},
		{"one of two attackers", src("TTP:insurgent", "HGB:insurgent"), src("HGB:insurgent"), FieldActors, 0.5, NoVeto},
		{"an attack told from both sides", both("TTP:insurgent", "PAK.MIL:military"), both("PAK.MIL:military", "TTP:insurgent"), 0, 0, VetoActors},
		{"a clash told from both sides", func(r *testReport) { both("TTP:insurgent", "PAK.MIL:military")(r); r.Type = "FIGHT" },
			both("PAK.MIL:military", "TTP:insurgent"), FieldActors, 1, NoVeto},
	})
}

func TestCountRules(t *testing.T) {
	killed := func(n []int, published string) func(*testReport) {
		return func(r *testReport) { r.Killed, r.Published = n, published }
	}
	early, late := "2024-03-18T08:00:00Z", "2024-03-19T08:00:00Z"
	runFieldCases(t, []fieldCase{
		{"the same toll", killed([]int{12}, early), killed([]int{12}, late), FieldFatalities, 1, NoVeto},
		{"a toll in a range", killed([]int{12}, early), killed([]int{-1, 10, 15}, late), FieldFatalities, 0.5, NoVeto},
		{"the toll rises to 15", killed([]int{3}, early), killed([]int{15}, late), FieldFatalities, 0, NoVeto},
		{"a toll falls fourfold", killed([]int{15}, early), killed([]int{3}, late), FieldFatalities, -1, NoVeto},
		{"3 and 5 at once", killed([]int{3}, early), killed([]int{5}, early), FieldFatalities, -math.Log(6.0/4) / math.Log(4), NoVeto},
		{"a toll and none", killed([]int{3}, early), nil, FieldFatalities, 0, NoVeto},
	})
}

func TestVetoRules(t *testing.T) {
	runFieldCases(t, []fieldCase{
		{"one document", nil, func(r *testReport) { r.Doc = "doc_a" }, 0, 0, VetoDocument},
		{"asserted and claimed", nil, func(r *testReport) { r.Modality = "claimed" }, FieldType, 1, NoVeto},
		{"asserted and denied", nil, func(r *testReport) { r.Modality = "denied" }, 0, 0, VetoModality},
	})
	ru := rules(t)
	a, _ := plain("ev_a", "doc_a").report()
	b, _ := plain("ev_b", "doc_b").report()
	b.Event.Origin = &durand.Origin{Dataset: "ucdp", Record: "59553"}
	if m := ru.Match(a, b); m.Veto != VetoUnkeyed {
		t.Errorf("an imported record: %s, want vetoed: unkeyed", m)
	}
}

// TestThreshold: the scores data/dedupe.tsv sets its threshold between.
func TestThreshold(t *testing.T) {
	ru := rules(t)
	a, _ := plain("ev_a", "doc_a").report()
	b, _ := plain("ev_b", "doc_b").report()
	a.Event.Place, b.Event.Place = nil, nil
	// Two reports that agree only on the type and the day.
	if m := ru.Match(a, b); math.Abs(m.Score-0.35) > 1e-9 || m.Score >= ru.Threshold {
		t.Errorf("type and day alone: %s, want 0.35, under the threshold %v", m, ru.Threshold)
	}
}
