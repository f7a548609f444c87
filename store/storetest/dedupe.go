package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dedupe"
	"github.com/durandhq/durand/store"
)

// incident builds the reports of the de-duplication cases: each report is
// one document with one event, published at an hour of its day.
type incident struct {
	day                    string
	typ                    durand.EventType
	mode                   string
	place                  *durand.Place
	src, tgt               []durand.Actor
	fat                    durand.Count
	trigger, text, doc, id string
	hour                   int
}

var (
	militants = durand.Actor{Code: "REB", Name: "militants", Sector: "insurgent"}
	police    = durand.Actor{Code: "PAK.POL", Name: "police", Country: "PAK", Sector: "police"}
	pakMil    = durand.Actor{Code: "PAK.MIL", Name: "Pakistani military", Country: "PAK", Sector: "military"}
	ttp       = durand.Actor{Code: "TTP", Name: "Tehrik-i-Taliban Pakistan", Country: "PAK", Sector: "insurgent"}
	civilians = durand.Actor{Code: "CIV", Name: "civilians", Sector: "civilians"}
	bannu     = &durand.Place{ID: "gb:PAK-ADM2:bannu", Name: "Bannu", Admin2: "Bannu", Admin1: "Khyber Pakhtunkhwa", Country: "PAK",
		Lat: 32.83134, Lon: 70.65348, Prec: durand.AtAdmin2, Confidence: 0.9}
	khost = &durand.Place{ID: "geonames:1444362", Name: "Khost", Admin1: "Khost", Country: "AFG", Lat: 33.33, Lon: 69.92,
		Prec: durand.AtAdmin1, Confidence: 0.9}
	quetta = &durand.Place{ID: "geonames:1167528", Name: "Quetta", Admin2: "Quetta", Admin1: "Balochistan", Country: "PAK",
		Lat: 30.18, Lon: 66.99, Prec: durand.AtPlace, Confidence: 0.9}
	peshawar = &durand.Place{ID: "geonames:1168197", Name: "Peshawar", Admin2: "Peshawar", Admin1: "Khyber Pakhtunkhwa", Country: "PAK",
		Lat: 34.01, Lon: 71.58, Prec: durand.AtPlace, Confidence: 0.9}
)

// extracted is the report as a document and its event.
func (r incident) extracted() store.Extracted {
	d := day(r.day)
	doc := durand.Document{ID: durand.DocID(r.doc), Title: r.doc, Source: strings.Split(r.doc, ":")[0], Text: r.text,
		Published: d.Add(time.Duration(r.hour) * time.Hour), Hash: "hash-" + r.doc + "-" + fmt.Sprint(len(r.text))}
	start := strings.Index(r.text, r.trigger)
	ev := durand.Event{ID: r.id, Type: r.typ, Mode: r.mode, Place: r.place, Source: r.src, Target: r.tgt,
		Date: durand.Date{Start: d, End: d, Precision: durand.Day}, Fatalities: r.fat, Injured: durand.NoCount, Abducted: durand.NoCount,
		Modality: durand.Asserted, Confidence: 0.8, Docs: []durand.DocID{doc.ID},
		Evidence: []durand.Evidence{{Doc: doc.ID, Field: "trigger", Start: start, End: start + len(r.trigger), Text: r.trigger}}}
	return store.Extracted{Doc: doc, Events: []durand.Event{ev}}
}

// bannuReports are three outlets' reports of one attack on police in
// Bannu: Dawn first with twelve dead, Reuters later with ten and the
// district, AP last with the toll risen to fifteen.
var bannuReports = []incident{
	{day: "2024-03-18", hour: 9, doc: "dawn:bannu", id: "ev_dawn", typ: durand.Assault, place: bannu, src: []durand.Actor{militants},
		tgt: []durand.Actor{police}, fat: durand.Exact(12), trigger: "stormed", text: "Militants stormed a police station in Bannu; twelve policemen were martyred."},
	{day: "2024-03-18", hour: 11, doc: "reuters:bannu", id: "ev_reuters", typ: durand.Assault, place: bannu, src: []durand.Actor{militants},
		tgt: []durand.Actor{police}, fat: durand.Exact(10), trigger: "attacked", text: "Militants attacked a police station in Bannu district, killing 10 officers."},
	{day: "2024-03-18", hour: 20, doc: "ap:bannu", id: "ev_ap", typ: durand.Assault, place: bannu, src: []durand.Actor{militants},
		tgt: []durand.Actor{police}, fat: durand.Exact(15), trigger: "rose", text: "The toll in the attack on a police station in Bannu rose to 15."},
}

// corpus is a few days of reports: three incidents told by two or three
// reports each, and reports of other incidents near them in place or time.
func corpus() []incident {
	out := slices.Clone(bannuReports)
	return append(out,
		incident{day: "2024-03-18", hour: 7, doc: "afp:khost", id: "ev_afp_khost", typ: durand.Assault, mode: "aerial", place: khost,
			src: []durand.Actor{pakMil}, tgt: []durand.Actor{ttp}, fat: durand.Exact(8), trigger: "struck", text: "Pakistani jets struck TTP hideouts in Khost, killing eight."},
		incident{day: "2024-03-18", hour: 10, doc: "tolo:khost", id: "ev_tolo_khost", typ: durand.Assault, mode: "aerial", place: khost,
			src: []durand.Actor{pakMil}, tgt: []durand.Actor{ttp}, fat: durand.Exact(8), trigger: "air strikes", text: "Eight were killed in Pakistani air strikes in Khost."},
		incident{day: "2024-03-19", hour: 8, doc: "dawn:quetta", id: "ev_dawn_quetta", typ: durand.Assault, mode: "explosives", place: quetta,
			tgt: []durand.Actor{civilians}, fat: durand.Exact(5), trigger: "blast", text: "A blast in a Quetta market killed five people."},
		incident{day: "2024-03-19", hour: 12, doc: "geo:quetta", id: "ev_geo_quetta", typ: durand.Assault, mode: "explosives", place: quetta,
			tgt: []durand.Actor{civilians}, fat: durand.Exact(6), trigger: "explosion", text: "An explosion at a Quetta market killed six."},
		incident{day: "2024-03-25", hour: 9, doc: "dawn:bannu2", id: "ev_dawn_bannu2", typ: durand.Assault, place: bannu, src: []durand.Actor{militants},
			tgt: []durand.Actor{police}, fat: durand.Exact(2), trigger: "attacked", text: "Militants attacked a police post in Bannu; two policemen died."},
		incident{day: "2024-03-18", hour: 15, doc: "dawn:peshawar", id: "ev_dawn_peshawar", typ: durand.Assault, place: peshawar,
			src: []durand.Actor{militants}, tgt: []durand.Actor{police}, fat: durand.Exact(3), trigger: "attacked", text: "Militants attacked a police van in Peshawar, killing three."},
	)
}

// OneIncident returns three outlets' reports of one attack on police in
// Bannu, each a document with its one event, in the order they were
// published: Dawn (12 dead), Reuters (10), AP (the toll rose to 15). A
// store merges them into one event.
func OneIncident() []store.Extracted {
	out := make([]store.Extracted, len(bannuReports))
	for i, r := range bannuReports {
		out[i] = r.extracted()
	}
	return out
}

// putEach stores each report in a transaction of its own, in order.
func putEach(t *testing.T, s store.Store, rs []incident) {
	t.Helper()
	for _, r := range rs {
		res, err := s.PutDocuments(context.Background(), []store.Extracted{r.extracted()})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Status != store.Stored {
			t.Fatalf("%s: %+v", r.doc, res[0])
		}
	}
}

// incidents returns the members of each event of the default list
// (one for an event alone), sorted.
func incidents(t *testing.T, s store.Store) [][]string {
	t.Helper()
	evs, err := collect(context.Background(), s, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, ev := range evs {
		m := ev.Members
		if m == nil {
			m = []string{ev.ID}
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// testMerge: reports of one incident from other documents become one
// merged event with every report's documents and evidence and the
// issue's tolls, stored in the transaction of the document that joins it;
// the reports' own events stay, in the per-report list.
func testMerge(t *testing.T, s store.Store) {
	ctx := context.Background()
	putEach(t, s, bannuReports[:2])
	evs, err := collect(ctx, s, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Fatalf("%d events, want one merged event: %v", len(evs), incidents(t, s))
	}
	m := evs[0]
	if m.ID != dedupe.MergedID([]string{"ev_dawn", "ev_reuters"}) || !slices.Equal(m.Members, []string{"ev_dawn", "ev_reuters"}) {
		t.Errorf("merged event %s of %v", m.ID, m.Members)
	}
	if !slices.Equal(m.Docs, []durand.DocID{"dawn:bannu", "reuters:bannu"}) || len(m.Evidence) != 2 {
		t.Errorf("docs %v, evidence %v; want both reports'", m.Docs, m.Evidence)
	}
	// Dawn's twelve, then Reuters' ten: best is the lower middle
	// (median) of the two, low the least, high the greatest.
	if want := (durand.Count{Best: 10, Low: 10, High: 12}); m.Fatalities != want {
		t.Errorf("fatalities %+v, want %+v", m.Fatalities, want)
	}
	if got, err := s.Event(ctx, m.ID); err != nil || !slices.Equal(got.Members, m.Members) {
		t.Errorf("Event(%s) = %v, %v", m.ID, got.Members, err)
	}
	c, err := s.Cluster(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := dedupe.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Links) != 1 || c.Score < rules.Threshold || math.Abs(c.Score-c.Links[0].Match.Score) > 0.001 || c.Rules != rules.Version ||
		c.Links[0].Match.Parts[dedupe.FieldPlace] <= 0 {
		t.Errorf("cluster %+v: want one link at or above the threshold, the place among its fields, rules %s", c, rules.Version)
	}
	// AP's later "toll rose to 15" joins the incident and raises it.
	putEach(t, s, bannuReports[2:])
	evs, err = collect(ctx, s, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || len(evs[0].Members) != 3 || evs[0].Fatalities != durand.Exact(15) {
		t.Fatalf("after the third report: %d events, members %v, fatalities %+v; want one of 3, 15 dead", len(evs), evs[0].Members, evs[0].Fatalities)
	}
	if _, err := s.Event(ctx, m.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the two-report merged event is still stored: %v", err)
	}
	if got := pageAll(t, s, store.Query{PerReport: true}); !slices.Equal(got, []string{"ev_ap", "ev_dawn", "ev_reuters"}) {
		t.Errorf("per-report list %v, want the three reports' events", got)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Events != 1 || st.Merged != 1 || st.Members != 3 || st.ByDataset["durand"] != 1 {
		t.Errorf("stats %+v: want 1 event, merged, of 3 members", st)
	}
	if p, _ := s.Events(ctx, store.Query{Text: "martyred"}); len(ids(t, p)) != 1 || ids(t, p)[0] != evs[0].ID {
		t.Errorf("text search for one report's words finds %v, want the merged event", ids(t, p))
	}
}

// testIncremental: joining each report as it is stored, in any order,
// gives the incidents that clustering the whole corpus at once gives.
func testIncremental(t *testing.T, s store.Store, open Open) {
	rules, err := dedupe.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	reports := corpus()
	var batch []dedupe.Report
	for _, r := range reports {
		x := r.extracted()
		batch = append(batch, dedupe.Report{Event: x.Events[0], Published: x.Doc.Published})
	}
	groups, err := rules.Cluster(batch, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want [][]string
	for _, g := range groups {
		var ids []string
		for _, i := range g {
			ids = append(ids, batch[i].Event.ID)
		}
		slices.Sort(ids)
		want = append(want, ids)
	}
	slices.SortFunc(want, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	if len(want) != 5 {
		t.Fatalf("the corpus clusters into %v, want 3 incidents of several reports and 2 alone", want)
	}
	orders := [][]incident{reports, slices.Clone(reports), slices.Clone(reports)}
	slices.Reverse(orders[1])
	for i := range orders[2] { // every third, then the rest
		j := i * 3 % len(orders[2])
		orders[2][i], orders[2][j] = orders[2][j], orders[2][i]
	}
	for i, order := range orders {
		st := s
		if i > 0 {
			st = open(t)
			defer st.Close()
		}
		putEach(t, st, order)
		if got := incidents(t, st); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("order %d: stored incidents %v\nbatch clustering %v", i, got, want)
		}
	}
}

// testUnmerge: an unmerged event is split into its reports' events, and
// they are never merged again: not when one's document is stored again
// in a new version, not when a new report matches them all.
func testUnmerge(t *testing.T, s store.Store) {
	ctx := context.Background()
	putEach(t, s, bannuReports[:2])
	merged := dedupe.MergedID([]string{"ev_dawn", "ev_reuters"})
	if _, err := s.Unmerge(ctx, "ev_dawn"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Unmerge of a report's event: %v, want ErrNotFound", err)
	}
	members, err := s.Unmerge(ctx, merged)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(members, []string{"ev_dawn", "ev_reuters"}) {
		t.Errorf("Unmerge returned %v", members)
	}
	want := [][]string{{"ev_dawn"}, {"ev_reuters"}}
	if got := incidents(t, s); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("after unmerge %v, want %v", got, want)
	}
	if _, err := s.Cluster(ctx, merged); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Cluster of the unmerged event: %v", err)
	}
	// Reuters corrects its story: a new version, whose event keeps its id.
	again := bannuReports[1]
	again.text += " Officials confirmed the toll."
	putEach(t, s, []incident{again})
	if got := incidents(t, s); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("after a new version of one report %v, want %v", got, want)
	}
	// AP's report matches both: it joins one of them, never both.
	putEach(t, s, bannuReports[2:])
	for _, m := range incidents(t, s) {
		if slices.Contains(m, "ev_dawn") && slices.Contains(m, "ev_reuters") {
			t.Errorf("the split reports were merged again: %v", m)
		}
	}
	if st, _ := s.Stats(ctx); st.Events != 2 || st.Merged != 1 {
		t.Errorf("stats %+v, want two events, one merged (AP with one report)", st)
	}
}

// testNewVersionLeavesIncident: when a new version of a document drops
// the event that joined an incident, the incident is made again from the
// reports that are left.
func testNewVersionLeavesIncident(t *testing.T, s store.Store) {
	ctx := context.Background()
	putEach(t, s, bannuReports)
	x := bannuReports[2].extracted()
	x.Doc.Text += " (corrected: no casualties in Bannu)"
	x.Doc.Hash += "-v2"
	x.Events = nil
	if _, err := s.PutDocuments(ctx, []store.Extracted{x}); err != nil {
		t.Fatal(err)
	}
	evs, err := collect(ctx, s, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || !slices.Equal(evs[0].Members, []string{"ev_dawn", "ev_reuters"}) || evs[0].Fatalities != (durand.Count{Best: 10, Low: 10, High: 12}) {
		t.Fatalf("after AP's event was withdrawn: %v", incidents(t, s))
	}
}
