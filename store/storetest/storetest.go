// Package storetest is the conformance suite every store.Store backend
// runs unchanged: the same documents, events and queries, the same
// answers.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store"
)

// Open returns a new, empty store for one test; the suite closes it.
type Open func(t *testing.T) store.Store

// Run runs the suite against the backend that open makes.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"Documents", testDocuments},
		{"DocumentFailsAlone", testFailsAlone},
		{"DocumentVersions", testVersions},
		{"EventIDsNeverShared", testNoSharedIDs},
		{"EventRoundTrip", testRoundTrip},
		{"Query", testQuery},
		{"Paging", testPaging},
		{"SeriesAndNetwork", testSeriesNetwork},
		{"LongDateRange", testLongRange},
		{"ReplaceEvents", testReplace},
		{"AggregatesAgreeWithEvents", testAggregatesAgree},
		{"LogAndStats", testLogStats},
		{"ConcurrentWriters", testConcurrent},
		{"MergeReportsOfOneIncident", testMerge},
		{"IncrementalEqualsBatch", func(t *testing.T, s store.Store) { testIncremental(t, s, open) }},
		{"UnmergeIsRemembered", testUnmerge},
		{"NewVersionLeavesIncident", testNewVersionLeavesIncident},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Doc returns a document with its hash set (the store does not hash).
func Doc(id, text string) durand.Document {
	return durand.Document{ID: durand.DocID(id), Title: "Title of " + id, Source: "wire", URL: "https://example.org/" + id,
		Published: day("2025-10-12"), Text: text, Hash: fmt.Sprintf("hash-%s-%d", id, len(text))}
}

// fixture is a small, varied event set: each query below selects a known
// subset of it.
func fixture() []store.Extracted {
	pak := durand.Actor{Code: "PAK.MIL", Name: "Pakistani military", Country: "PAK", Sector: "military"}
	ttp := durand.Actor{Code: "TTP", Name: "Tehrik-i-Taliban Pakistan", Country: "PAK", Sector: "insurgent"}
	afg := durand.Actor{Code: "AFG.GOV", Name: "Taliban (Afghan de facto government)", Country: "AFG", Sector: "government"}
	civ := durand.Actor{Code: "CIV", Name: "civilians", Sector: "civilians"}
	place := func(id, name, a2, a1, c string, lat, lon float64, p durand.PlacePrecision) *durand.Place {
		return &durand.Place{ID: durand.PlaceID(id), Name: name, Admin2: a2, Admin1: a1, Country: c, Lat: lat, Lon: lon, Prec: p, Confidence: 0.9}
	}
	khost := place("geonames:1444362", "Khost", "", "Khost", "AFG", 33.33, 69.92, durand.AtAdmin1)
	mirali := place("geonames:1170425", "Mir Ali", "North Waziristan", "Khyber Pakhtunkhwa", "PAK", 32.95, 70.31, durand.AtPlace)
	kabul := place("geonames:1138958", "Kabul", "Kabul", "Kabul", "AFG", 34.53, 69.17, durand.AtPlace)
	ev := func(id string, typ durand.EventType, src, tgt []durand.Actor, p *durand.Place, start string, fat durand.Count, mod durand.Modality, conf float64, doc string) durand.Event {
		e := durand.Event{ID: id, Type: typ, Source: src, Target: tgt, Place: p, Fatalities: fat, Injured: durand.NoCount,
			Modality: mod, Confidence: conf, Docs: []durand.DocID{durand.DocID(doc)},
			Evidence: []durand.Evidence{{Doc: durand.DocID(doc), Field: "trigger", Start: 4, End: 11, Text: "clashed"}}}
		if start != "" {
			e.Date = durand.Date{Start: day(start), End: day(start), Precision: durand.Day}
		} else {
			e.Date = durand.Date{Precision: durand.DateUnknown}
		}
		if typ == durand.Assault {
			e.Mode, e.ACLEDType, e.ACLEDSubtype, e.CAMEO = "aerial", "Explosions/Remote violence", "Air/drone strike", "19"
		}
		return e
	}
	return []store.Extracted{
		{Doc: Doc("d1", "Forces clashed near the Durand Line after air strikes on Khost."), Events: []durand.Event{
			ev("e1", durand.Assault, []durand.Actor{pak}, []durand.Actor{ttp}, khost, "2024-03-18", durand.Exact(8), durand.Asserted, 0.9, "d1"),
			ev("e2", durand.Fight, []durand.Actor{afg}, []durand.Actor{pak}, nil, "2025-10-11", durand.Count{Best: durand.Unknown, Low: 2, High: 5}, durand.Asserted, 0.6, "d1"),
		}},
		{Doc: Doc("d2", "Gunmen killed seven civilians in Mir Ali, North Waziristan."), Events: []durand.Event{
			ev("e3", durand.Assault, nil, []durand.Actor{civ}, mirali, "2024-03-16", durand.Exact(7), durand.Asserted, 0.8, "d2"),
		}},
		{Doc: Doc("d3", "The Pakistani Taliban claimed the bombing in Kabul."), Events: []durand.Event{
			func() durand.Event {
				e := ev("e4", durand.Assault, []durand.Actor{ttp}, nil, kabul, "2022-04-16", durand.NoCount, durand.Claimed, 0.7, "d3")
				e.ClaimedBy = &ttp
				return e
			}(),
			ev("e5", durand.Accuse, []durand.Actor{pak}, []durand.Actor{afg}, nil, "", durand.NoCount, durand.Asserted, 0.4, "d3"),
		}},
	}
}

func put(t *testing.T, s store.Store) []store.Extracted {
	t.Helper()
	fx := fixture()
	res, err := s.PutDocuments(context.Background(), fx)
	if err != nil {
		t.Fatalf("PutDocuments: %v", err)
	}
	for i, r := range res {
		if r.Status != store.Stored {
			t.Fatalf("document %d not stored on first put: %+v", i, r)
		}
	}
	return fx
}

// statuses returns the status of each document of a put.
func statuses(res []store.PutResult) []string {
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = r.Status
	}
	return out
}

func testDocuments(t *testing.T, s store.Store) {
	ctx := context.Background()
	fx := put(t, s)
	again, err := s.PutDocuments(ctx, fx)
	if err != nil {
		t.Fatalf("second PutDocuments: %v", err)
	}
	if got := statuses(again); slices.Contains(got, store.Stored) || slices.Contains(got, store.Failed) {
		t.Errorf("second put gave %v, want every document skipped (same hashes)", got)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 3 || st.Events != 5 {
		t.Errorf("after two puts: %d documents, %d events; want 3, 5", st.Documents, st.Events)
	}
	ok, err := s.HasDocument(ctx, fx[1].Doc.Hash)
	if err != nil || !ok {
		t.Errorf("HasDocument(stored) = %v, %v", ok, err)
	}
	if ok, _ := s.HasDocument(ctx, "no-such-hash"); ok {
		t.Error("HasDocument(unknown) = true")
	}
	got, err := s.Document(ctx, "d2")
	if err != nil {
		t.Fatal(err)
	}
	if want := fx[1].Doc; got != want {
		t.Errorf("Document(d2) = %+v\nwant %+v", got, want)
	}
	if _, err := s.Document(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(unknown) error = %v, want ErrNotFound", err)
	}
}

// testFailsAlone: a document that cannot be stored (here, an event
// without an id) fails whole and alone, and its failure is logged in the
// same transaction as the others' success.
func testFailsAlone(t *testing.T, s store.Store) {
	ctx := context.Background()
	good := store.Extracted{Doc: Doc("ok", "A stored text."), Events: fixture()[1].Events}
	bad := store.Extracted{Doc: Doc("bad", "A text whose second event is broken."), Input: "in.jsonl:2",
		Events: []durand.Event{{ID: "fine", Type: durand.Assault, Modality: durand.Asserted}, {Type: durand.Assault}}}
	res, err := s.PutDocuments(ctx, []store.Extracted{good, bad})
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(res); !slices.Equal(got, []string{store.Stored, store.Failed}) || res[1].Err == nil {
		t.Fatalf("statuses %v (%+v), want stored, failed with its reason", got, res[1])
	}
	if ok, _ := s.HasDocument(ctx, bad.Doc.Hash); ok {
		t.Error("the failed document is stored")
	}
	if _, err := s.Event(ctx, "fine"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("event of a failed document: %v, want ErrNotFound", err)
	}
	if _, err := s.Event(ctx, good.Events[0].ID); err != nil {
		t.Errorf("event of the good document: %v", err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Logged[store.Stored] != 1 || st.Logged[store.Failed] != 1 {
		t.Errorf("ingest log %v, want one stored and one failed", st.Logged)
	}
}

// testVersions: a new text under a stored id is a new version of that
// document. Its events replace the old version's; the old text is kept
// (reading it again is skipped); the document read back is the new one.
func testVersions(t *testing.T, s store.Store) {
	ctx := context.Background()
	ev := func(id string, d durand.Document) durand.Event {
		return durand.Event{ID: id, Type: durand.Assault, Modality: durand.Asserted, Docs: []durand.DocID{d.ID},
			Evidence: []durand.Evidence{{Doc: d.ID, Field: "trigger", Start: 0, End: 6, Text: d.Text[:6]}}}
	}
	v1, v2 := Doc("same", "Gunmen killed two police officers."), Doc("same", "Gunmen killed three police officers in Bannu.")
	other := Doc("other", "A blast wounded four people.")
	first := []store.Extracted{{Doc: v1, Events: []durand.Event{ev("v1-a", v1), ev("v1-b", v1)}}, {Doc: other, Events: []durand.Event{ev("o", other)}}}
	if _, err := s.PutDocuments(ctx, first); err != nil {
		t.Fatal(err)
	}
	res, err := s.PutDocuments(ctx, []store.Extracted{{Doc: v2, Events: []durand.Event{ev("v2-a", v2)}}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != store.Stored || !slices.Equal(res[0].Replaced, []string{v1.Hash}) {
		t.Errorf("new version: %+v, want stored, replacing %s", res[0], v1.Hash)
	}
	for id, want := range map[string]bool{"v1-a": false, "v1-b": false, "v2-a": true, "o": true} {
		if _, err := s.Event(ctx, id); (err == nil) != want {
			t.Errorf("event %s stored = %v, want %v", id, err == nil, want)
		}
	}
	if got, err := s.Document(ctx, "same"); err != nil || got.Hash != v2.Hash {
		t.Errorf("Document(same) = %q, %v; want the new version", got.Text, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Replaced != 1 || st.Events != 2 {
		t.Errorf("%d documents, %d replaced, %d events; want 2, 1, 2", st.Documents, st.Replaced, st.Events)
	}
	if ok, _ := s.HasDocument(ctx, v1.Hash); !ok {
		t.Error("the replaced version is forgotten: reading it again would replace the new one")
	}
	p, err := s.Events(ctx, store.Query{Text: "Bannu"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(t, p); !slices.Equal(got, []string{"v2-a"}) {
		t.Errorf("text search for the new version's words: %v, want [v2-a]", got)
	}
	if p, _ = s.Events(ctx, store.Query{Text: "two"}); len(p.Events) != 0 {
		t.Errorf("text search for words only the replaced version has found %d events", len(p.Events))
	}
}

// testNoSharedIDs: an event id stored from one document is never taken
// over by another's event: the second document fails, the first keeps its
// event.
func testNoSharedIDs(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, b := Doc("a", "Gunmen killed two police officers."), Doc("b", "A blast wounded four people.")
	evA := durand.Event{ID: "shared", Type: durand.Assault, Modality: durand.Asserted, Docs: []durand.DocID{a.ID}}
	evB := evA
	evB.Type, evB.Docs = durand.Coerce, []durand.DocID{b.ID}
	res, err := s.PutDocuments(ctx, []store.Extracted{{Doc: a, Events: []durand.Event{evA}}, {Doc: b, Events: []durand.Event{evB}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(res); !slices.Equal(got, []string{store.Stored, store.Failed}) {
		t.Errorf("statuses %v, want stored, failed", got)
	}
	got, err := s.Event(ctx, "shared")
	if err != nil || got.Type != durand.Assault || !slices.Equal(got.Docs, evA.Docs) {
		t.Errorf("event shared = %+v, %v; want document a's", got, err)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	fx := put(t, s)
	for _, x := range fx {
		for _, want := range x.Events {
			got, err := s.Event(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			gb, _ := json.Marshal(got)
			wb, _ := json.Marshal(want)
			if string(gb) != string(wb) {
				t.Errorf("event %s:\n got %s\nwant %s", want.ID, gb, wb)
			}
		}
	}
	if _, err := s.Event(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event(unknown) error = %v, want ErrNotFound", err)
	}
}

func ids(t *testing.T, p store.Page) []string {
	t.Helper()
	evs, err := p.Decode()
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, e := range evs {
		out = append(out, e.ID)
	}
	return out
}

func testQuery(t *testing.T, s store.Store) {
	put(t, s)
	// Order: by start date, undated first, then id.
	tests := []struct {
		name string
		q    store.Query
		want []string
	}{
		{"all", store.Query{}, []string{"e5", "e4", "e3", "e1", "e2"}},
		{"from", store.Query{From: day("2024-03-17")}, []string{"e1", "e2"}},
		{"to", store.Query{To: day("2024-03-17")}, []string{"e4", "e3"}},
		{"range", store.Query{From: day("2024-01-01"), To: day("2024-12-31")}, []string{"e3", "e1"}},
		{"type", store.Query{Types: []durand.EventType{durand.Fight, durand.Accuse}}, []string{"e5", "e2"}},
		{"actor code", store.Query{Actors: []string{"TTP"}}, []string{"e4", "e1"}},
		{"actor prefix", store.Query{Actors: []string{"PAK"}}, []string{"e5", "e1", "e2"}},
		{"actor prefix is whole segments", store.Query{Actors: []string{"PA"}}, []string{}},
		{"actor like is escaped", store.Query{Actors: []string{"%"}}, []string{}},
		{"place admin2", store.Query{Place: "north waziristan"}, []string{"e3"}},
		{"place admin1", store.Query{Place: "Khost"}, []string{"e1"}},
		{"place country", store.Query{Place: "AFG"}, []string{"e4", "e1"}},
		{"bbox", store.Query{BBox: &[4]float64{69.5, 32.5, 71, 33.5}}, []string{"e3", "e1"}},
		{"text", store.Query{Text: "Waziristan"}, []string{"e3"}},
		{"text all words", store.Query{Text: "air strikes"}, []string{"e1", "e2"}},
		{"text operators are words", store.Query{Text: `Kabul OR "NEAR(`}, []string{}},
		{"modality", store.Query{Modalities: []durand.Modality{durand.Claimed}}, []string{"e4"}},
		{"confidence", store.Query{MinConfidence: 0.75}, []string{"e3", "e1"}},
		{"dataset", store.Query{Dataset: "durand"}, []string{"e5", "e4", "e3", "e1", "e2"}},
		{"other dataset", store.Query{Dataset: "ucdp"}, []string{}},
		{"combined", store.Query{Actors: []string{"PAK.MIL"}, Types: []durand.EventType{durand.Assault}, From: day("2024-01-01")}, []string{"e1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.Events(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(t, p); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if p.Next != "" {
				t.Errorf("Next = %q on a short result", p.Next)
			}
		})
	}
}

// pageAll reads every page of q, Limit at a time.
func pageAll(t *testing.T, s store.Store, q store.Query) []string {
	t.Helper()
	var all []string
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		p, err := s.Events(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ids(t, p)...)
		if p.Next == "" {
			return all
		}
		q.Cursor = p.Next
	}
}

func testPaging(t *testing.T, s store.Store) {
	put(t, s)
	if got, want := pageAll(t, s, store.Query{Limit: 2}), []string{"e5", "e4", "e3", "e1", "e2"}; !slices.Equal(got, want) {
		t.Errorf("pages gave %v, want %v", got, want)
	}
	if got, want := pageAll(t, s, store.Query{Limit: 2, Desc: true}), []string{"e2", "e1", "e3", "e4", "e5"}; !slices.Equal(got, want) {
		t.Errorf("descending pages gave %v, want %v", got, want)
	}
	if _, err := s.Events(context.Background(), store.Query{Cursor: "!!not a cursor"}); err == nil {
		t.Error("a bad cursor was accepted")
	}
}

func testReplace(t *testing.T, s store.Store) {
	ctx := context.Background()
	ev := durand.Event{ID: "ucdp:1", Type: durand.Fight, Modality: durand.Asserted, Confidence: 1,
		Source:     []durand.Actor{{Code: "PAK.GOV", Name: "Government of Pakistan", Country: "PAK", Sector: "government"}},
		Target:     []durand.Actor{{Code: "TTP", Name: "TTP", Country: "PAK", Sector: "insurgent"}},
		Date:       durand.Date{Start: day("2020-01-02"), End: day("2020-01-02"), Precision: durand.Day},
		Fatalities: durand.Count{Best: 3, Low: 2, High: 4}, Injured: durand.NoCount,
		Origin: &durand.Origin{Dataset: "ucdp", Record: "1"}, Notes: "Three militants killed in Bajaur"}
	if err := s.PutEvents(ctx, []durand.Event{ev}); err != nil {
		t.Fatal(err)
	}
	ev.Target = []durand.Actor{{Code: "BLA", Name: "BLA", Country: "PAK", Sector: "separatist"}}
	ev.Notes = "Three separatists killed in Kech"
	if err := s.PutEvents(ctx, []durand.Event{ev}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    store.Query
		want []string
	}{
		{store.Query{Actors: []string{"TTP"}}, []string{}},
		{store.Query{Actors: []string{"BLA"}}, []string{"ucdp:1"}},
		{store.Query{Text: "Bajaur"}, []string{}},
		{store.Query{Text: "Kech"}, []string{"ucdp:1"}},
		{store.Query{Dataset: "ucdp"}, []string{"ucdp:1"}},
	} {
		p, err := s.Events(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(t, p); !slices.Equal(got, c.want) {
			t.Errorf("after replace, %+v gave %v, want %v", c.q, got, c.want)
		}
	}
	got, err := s.Event(ctx, "ucdp:1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Origin == nil || *got.Origin != *ev.Origin || got.Notes != ev.Notes {
		t.Errorf("replaced event origin %+v notes %q", got.Origin, got.Notes)
	}
}

func testLogStats(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s)
	for _, e := range []store.LogEntry{
		{Input: "a.txt", Doc: "a.txt", Hash: "h1", Status: store.Stored, Events: 2},
		{Input: "a.txt", Doc: "a.txt", Hash: "h1", Status: store.Skipped},
		{Input: "b.jsonl:3", Status: store.Failed, Error: "bad JSON"},
	} {
		if err := s.Log(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// put's three documents are logged stored by PutDocuments itself.
	if st.Logged[store.Stored] != 4 || st.Logged[store.Skipped] != 1 || st.Logged[store.Failed] != 1 {
		t.Errorf("Logged = %v, want 4 stored, 1 skipped, 1 failed", st.Logged)
	}
	if st.ByDataset["durand"] != 5 {
		t.Errorf("ByDataset = %v", st.ByDataset)
	}
	if !st.First.Equal(day("2022-04-16")) || !st.Last.Equal(day("2025-10-11")) {
		t.Errorf("First, Last = %v, %v", st.First, st.Last)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	const writers, each = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := fmt.Sprintf("w%d-%d", w, i)
				d := Doc(id, "Text number "+id)
				ev := durand.Event{ID: "ev-" + id, Type: durand.Assault, Modality: durand.Asserted, Docs: []durand.DocID{d.ID}}
				if _, err := s.PutDocuments(ctx, []store.Extracted{{Doc: d, Events: []durand.Event{ev}}}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != writers*each || st.Events != writers*each {
		t.Errorf("%d documents, %d events after concurrent writes; want %d each", st.Documents, st.Events, writers*each)
	}
}

func testSeriesNetwork(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s)
	got, err := s.Series(ctx, store.Query{}, "month", "type")
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Bucket{{Period: "2022-04-01", Key: "ASSAULT", Events: 1, Fatalities: 0}, {Period: "2024-03-01", Key: "ASSAULT", Events: 2, Fatalities: 15}, {Period: "2025-10-01", Key: "FIGHT", Events: 1, Fatalities: 2}}
	if !slices.Equal(got, want) {
		t.Errorf("monthly by type = %v, want %v (undated events are left out)", got, want)
	}
	got, err = s.Series(ctx, store.Query{Actors: []string{"PAK"}}, "week", "dyad")
	if err != nil {
		t.Fatal(err)
	}
	want = []store.Bucket{{Period: "2024-03-18", Key: "PAK.MIL → TTP", Events: 1, Fatalities: 8}, {Period: "2025-10-06", Key: "AFG.GOV → PAK.MIL", Events: 1, Fatalities: 2}}
	if !slices.Equal(got, want) {
		t.Errorf("weekly by dyad for PAK = %v, want %v", got, want)
	}
	for _, bad := range [][2]string{{"fortnight", "type"}, {"month", "colour"}} {
		if _, err := s.Series(ctx, store.Query{}, bad[0], bad[1]); err == nil {
			t.Errorf("Series(%q, %q) accepted", bad[0], bad[1])
		}
	}
	edges, err := s.Network(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != 3 || edges[0].Events != 1 {
		t.Errorf("network = %+v", edges)
	}
	for _, e := range edges {
		if e.Source == "PAK.MIL" && e.Target == "TTP" && (e.Fatalities != 8 || e.SourceName == "" || e.TargetName == "") {
			t.Errorf("PAK.MIL → TTP edge = %+v", e)
		}
	}
}

// testLongRange: an event known only to its year overlaps a query that
// starts in its middle.
func testLongRange(t *testing.T, s store.Store) {
	ctx := context.Background()
	ev := durand.Event{ID: "year", Type: durand.Assault, Modality: durand.Asserted, Fatalities: durand.NoCount, Injured: durand.NoCount,
		Date: durand.Date{Start: day("2024-01-01"), End: day("2024-12-31"), Precision: durand.Year}}
	day1 := durand.Event{ID: "day", Type: durand.Assault, Modality: durand.Asserted, Fatalities: durand.NoCount, Injured: durand.NoCount,
		Date: durand.Date{Start: day("2024-05-30"), End: day("2024-05-30"), Precision: durand.Day}}
	if err := s.PutEvents(ctx, []durand.Event{ev, day1}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Events(ctx, store.Query{From: day("2024-06-01"), To: day("2024-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(t, p); !slices.Equal(got, []string{"year"}) {
		t.Errorf("June 2024 gave %v, want [year]", got)
	}
}

// testAggregatesAgree: series, network and map points count exactly the
// events the events query selects, for random events and filters.
func testAggregatesAgree(t *testing.T, s store.Store) {
	ctx := context.Background()
	var docs []store.Extracted
	var imported []durand.Event
	for i, ev := range RandomEvents(300) {
		if i%2 == 0 {
			d := Doc(fmt.Sprintf("doc%d", i), fmt.Sprintf("Report %d tells of a %s in %s.", i, []string{"raid", "bombing"}[i%4/2], []string{"spring", "winter"}[i%3%2]))
			ev.Docs, ev.Origin = []durand.DocID{d.ID}, nil
			docs = append(docs, store.Extracted{Doc: d, Events: []durand.Event{ev}})
			if i%6 == 0 { // a second outlet's report of it, to be merged
				d2 := Doc(fmt.Sprintf("doc%d-again", i), "Another outlet: "+d.Text)
				again := ev
				again.ID, again.Docs = ev.ID+"-again", []durand.DocID{d2.ID}
				docs = append(docs, store.Extracted{Doc: d2, Events: []durand.Event{again}})
			}
			continue
		}
		imported = append(imported, ev)
	}
	if _, err := s.PutDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := s.PutEvents(ctx, imported); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Merged == 0 {
		t.Fatalf("stats %+v: no report was merged, so the default and per-report lists are one", st)
	}
	queries := []store.Query{{}, {PerReport: true}, {PerReport: true, Actors: []string{"PAK"}}, {Actors: []string{"PAK"}}, {Actors: []string{"TTP", "CIV"}}, {From: day("2021-03-01")}, {To: day("2021-03-01")},
		{From: day("2021-01-01"), To: day("2021-06-30"), Types: []durand.EventType{durand.Assault}}, {Place: "khost"}, {Place: "PAK"},
		{BBox: &[4]float64{64, 30, 69, 34}}, {MinConfidence: 0.5}, {Dataset: "durand"}, {Dataset: "ucdp"}, {Dataset: "gtd"},
		{Modalities: []durand.Modality{durand.Claimed}}, {Text: "bombing"}, {Text: "winter raid", Actors: []string{"PAK.MIL"}}}
	for _, q := range queries {
		q.Desc, q.Limit = true, store.MaxLimit
		evs, err := collect(ctx, s, q)
		if err != nil {
			t.Fatal(err)
		}
		var wantPoints []string
		dated, pairs := 0, 0
		for _, ev := range evs {
			if ev.Place != nil {
				wantPoints = append(wantPoints, ev.ID)
			}
			if !ev.Date.Start.IsZero() {
				dated++
			}
			pairs += len(distinctCodes(ev.Source)) * len(distinctCodes(ev.Target))
		}
		pts, err := s.Points(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var gotPoints []string
		for _, p := range pts {
			gotPoints = append(gotPoints, p.ID)
		}
		if !slices.Equal(gotPoints, wantPoints) {
			t.Errorf("%+v: points %v\nwant the events with a place, in order: %v", q, gotPoints, wantPoints)
		}
		buckets, err := s.Series(ctx, q, "month", "dyad")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range buckets {
			n += b.Events
		}
		if n != dated {
			t.Errorf("%+v: series counts %d events, the query gives %d dated", q, n, dated)
		}
		edges, err := s.Network(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		n = 0
		for _, e := range edges {
			n += e.Events
		}
		if n != pairs {
			t.Errorf("%+v: network counts %d source-target pairs, the query's events have %d", q, n, pairs)
		}
	}
}

// RandomEvents returns n imported events (ids r000…) with random types,
// modes, modalities, confidences, actors (zero to two a side, some
// repeated), tolls, dates (a fifth undated) and places (a quarter none),
// the same every time.
func RandomEvents(n int) []durand.Event {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(vals ...string) string { return vals[rng.IntN(len(vals))] }
	actor := func() []durand.Actor {
		var as []durand.Actor
		for range rng.IntN(3) {
			as = append(as, durand.Actor{Code: durand.ActorCode(pick("PAK.MIL", "PAK.GOV", "TTP", "AFG.GOV", "CIV", "PAKISTAN")), Name: "someone"})
		}
		return as
	}
	var out []durand.Event
	for i := range n {
		ev := durand.Event{ID: fmt.Sprintf("r%03d", i), Type: durand.EventType(pick("ASSAULT", "FIGHT", "ACCUSE")), Mode: pick("", "aerial"),
			Modality: durand.Modality(pick("asserted", "claimed")), Confidence: float64(rng.IntN(10)) / 10,
			Source: actor(), Target: actor(), Fatalities: durand.NoCount, Injured: durand.NoCount,
			Origin: &durand.Origin{Dataset: pick("ucdp", "acled"), Record: fmt.Sprint(i)}}
		if rng.IntN(4) > 0 {
			ev.Fatalities = durand.Exact(rng.IntN(20))
		}
		if rng.IntN(5) > 0 {
			d := day("2020-01-01").AddDate(0, 0, rng.IntN(1500))
			ev.Date = durand.Date{Start: d, End: d.AddDate(0, 0, rng.IntN(3)*15), Precision: durand.Day}
		}
		if rng.IntN(4) > 0 {
			ev.Place = &durand.Place{Name: pick("Khost", "Mir Ali", "Quetta"), Admin1: pick("Khost", "Balochistan", "Khyber Pakhtunkhwa"),
				Country: pick("AFG", "PAK"), Lat: 28 + rng.Float64()*8, Lon: 62 + rng.Float64()*10, Prec: durand.AtPlace}
		}
		out = append(out, ev)
	}
	return out
}

// collect reads every page of q.
func collect(ctx context.Context, s store.Store, q store.Query) ([]durand.Event, error) {
	var out []durand.Event
	for {
		p, err := s.Events(ctx, q)
		if err != nil {
			return nil, err
		}
		evs, err := p.Decode()
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
		if p.Next == "" {
			return out, nil
		}
		q.Cursor = p.Next
	}
}

func distinctCodes(as []durand.Actor) []durand.ActorCode {
	var out []durand.ActorCode
	for _, a := range as {
		if a.Code != "" && !slices.Contains(out, a.Code) {
			out = append(out, a.Code)
		}
	}
	return out
}
