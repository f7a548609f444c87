package dedupe

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/durandhq/durand"
)

func TestMergeCount(t *testing.T) {
	const t1, t2, t3 = 100, 200, 300
	ex := durand.Exact
	for _, c := range []struct {
		name string
		in   []reported
		want durand.Count
	}{
		{"none", nil, durand.NoCount},
		{"unknown", []reported{{durand.NoCount, t1}}, durand.NoCount},
		{"one", []reported{{ex(12), t1}, {durand.NoCount, t2}}, ex(12)},
		{"median of three", []reported{{ex(10), t1}, {ex(12), t1}, {ex(30), t1}}, durand.Count{Best: 12, Low: 10, High: 30}},
		{"lower median of two", []reported{{ex(10), t1}, {ex(14), t1}}, durand.Count{Best: 10, Low: 10, High: 14}},
		{"the toll rises to 15", []reported{{ex(3), t1}, {ex(15), t2}}, ex(15)},
		{"a stale copy after the rise", []reported{{ex(3), t1}, {ex(15), t2}, {ex(3), t3}}, durand.Count{Best: 15, Low: 15, High: 15}},
		{"a toll that falls", []reported{{ex(15), t1}, {ex(3), t2}}, durand.Count{Best: 3, Low: 3, High: 15}},
		{"no publication times: no rise", []reported{{ex(3), 0}, {ex(15), 0}}, durand.Count{Best: 3, Low: 3, High: 15}},
		{"a rise within an earlier range", []reported{{durand.Count{Best: -1, Low: 10, High: 20}, t1}, {ex(12), t2}}, durand.Count{Best: 12, Low: 10, High: 20}},
		{"a rise above a range", []reported{{durand.Count{Best: 8, Low: 6, High: 8}, t1}, {ex(20), t2}}, ex(20)},
		{"dozens and a number", []reported{{durand.Count{Best: -1, Low: 24, High: -1}, t1}, {ex(30), t1}}, durand.Count{Best: 30, Low: 24, High: 30}},
	} {
		if got := mergeCount(c.in); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestMergeFields(t *testing.T) {
	ru := rules(t)
	mk := func(f func(*testReport)) Report {
		r := plain("", "")
		f(&r)
		rep, err := r.report()
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	a := mk(func(r *testReport) {
		r.ID, r.Doc, r.Mode, r.Place = "ev_a", "doc_a", "explosives", northWaz
		r.Source, r.Target = []string{"REB:insurgent"}, []string{"PAK.MIL:military"}
		r.Claimed = "TTP:insurgent"
		r.Modality = "claimed"
	})
	b := mk(func(r *testReport) {
		r.ID, r.Doc, r.Mode, r.Place = "ev_b", "doc_b", "suicide", mirAli
		r.Source, r.Target = []string{"TTP:insurgent"}, []string{"MIL:military", "CIV:civilians"}
		r.Date, r.Prec = "2024-03-15/2024-03-21", "week"
	})
	m, err := ru.Merge([]Report{b, a})
	if err != nil {
		t.Fatal(err)
	}
	ev := m.Event
	for _, c := range []struct {
		field     string
		got, want any
	}{
		{"id", ev.ID, MergedID([]string{"ev_b", "ev_a"})},
		{"members", m.Members, []string{"ev_a", "ev_b"}},
		{"mode: the suicide bomber refines the blast", ev.Mode, "suicide"},
		{"place: the village inside the district", ev.Place.Name, "Mir Ali"},
		{"date: the day, not the week", ev.Date.Precision, durand.Day},
		{"source: the TTP, not militants", codes(ev.Source), []string{"TTP"}},
		{"target: the army, not soldiers; civilians kept", codes(ev.Target), []string{"PAK.MIL", "CIV"}},
		{"modality: asserted over claimed", ev.Modality, durand.Asserted},
		{"claimant kept", ev.ClaimedBy.Code, durand.ActorCode("TTP")},
		{"sources", len(ev.Docs), 2},
		{"links", len(m.Links), 1},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.field, c.got, c.want)
		}
	}
	if one, _ := ru.Merge([]Report{a}); one.Event.ID != "ev_a" || len(one.Links) != 0 {
		t.Errorf("a single report merges into itself: %+v", one)
	}
	if _, err := ru.Merge(nil); !errors.Is(err, ErrNoReports) {
		t.Errorf("merge of nothing: %v", err)
	}
	if _, err := ru.Merge([]Report{a, a}); err == nil {
		t.Error("merge of one event twice: no error")
	}
}

func TestMergedID(t *testing.T) {
	if MergedID([]string{"b", "a", "c"}) != MergedID([]string{"c", "b", "a"}) {
		t.Error("the id depends on the order")
	}
	if MergedID([]string{"a", "b"}) == MergedID([]string{"a", "b", "c"}) {
		t.Error("two sets, one id")
	}
	if MergedID([]string{"ev_x"}) != "ev_x" {
		t.Error("a single event does not keep its id")
	}
}

// TestMergedJSON: a merge's record survives a store's JSON round trip.
func TestMergedJSON(t *testing.T) {
	ru := rules(t)
	reports, _ := readCase(t, "testdata/cases/toll_rises.txtar")
	m, err := ru.Merge(reports)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Merged
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Members, m.Members) || len(back.Links) != len(m.Links) || back.Event.ID != m.Event.ID {
		t.Fatalf("round trip: %+v", back)
	}
	for i, l := range back.Links {
		if l.Match.String() != m.Links[i].Match.String() {
			t.Errorf("link %d: %s, want %s", i, l.Match, m.Links[i].Match)
		}
	}
	var v Match
	if err := json.Unmarshal([]byte(`{"score":0,"fields":{},"veto":"place"}`), &v); err != nil || v.Veto != VetoPlace {
		t.Errorf("veto round trip: %v, %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"score":0,"fields":{"colour":1}}`), &v); err == nil {
		t.Error("an unknown field read without error")
	}
}
