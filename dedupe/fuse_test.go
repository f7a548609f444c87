package dedupe

import (
	"testing"

	"github.com/durandhq/durand"
)

// TestFuse: an extracted event links to the dataset record of its
// incident, at most one a dataset, with the fields that drove it; never to
// a record of another incident, never by an imported event.
func TestFuse(t *testing.T) {
	ru := rules(t)
	record := func(dataset, id string, edit func(*testReport)) testReport {
		r := plain(dataset+":"+id, "")
		r.Source, r.Target, r.Killed = []string{"TTP:insurgent"}, []string{"PAK.POL:police"}, []int{12}
		if edit != nil {
			edit(&r)
		}
		return r
	}
	event := plain("ev_report", "doc_report")
	event.Source, event.Target, event.Killed = []string{"REB:insurgent"}, []string{"POL:police"}, []int{12}
	tests := []struct {
		name    string
		event   func(*testReport)
		records []testReport
		want    []string // the linked record events
	}{
		{"the record of the incident", nil, []testReport{record("ucdp", "1", nil)}, []string{"ucdp:1"}},
		{"a record in another district", nil, []testReport{record("ucdp", "1", func(r *testReport) { r.Place = lakki })}, nil},
		{"a record three days later", nil, []testReport{record("ucdp", "1", func(r *testReport) { r.Date = "2024-03-21" })}, nil},
		{"the better of two, one a dataset", nil, []testReport{
			record("ucdp", "1", func(r *testReport) { r.Killed = []int{3} }), record("ucdp", "2", nil),
			record("gtd", "9", nil)}, []string{"gtd:9", "ucdp:2"}},
		{"no district, two records about as good: neither", func(r *testReport) { r.Place = kp },
			[]testReport{record("ucdp", "1", nil), record("ucdp", "2", func(r *testReport) { r.Place = lakki })}, nil},
		{"no district, one record", func(r *testReport) { r.Place = kp }, []testReport{record("ucdp", "1", nil)}, []string{"ucdp:1"}},
		{"an imported event links to nothing", func(r *testReport) { r.ID = "acled:5" }, []testReport{record("ucdp", "1", nil)}, nil},
		{"a report among the records is not one", nil, []testReport{plain("ev_other", "doc_other")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := event
			if tt.event != nil {
				tt.event(&e)
			}
			rep, err := e.report()
			if err != nil {
				t.Fatal(err)
			}
			if rep.Event.ID == "acled:5" {
				rep.Event.Origin = &durand.Origin{Dataset: "acled", Record: "5"}
			}
			var recs []Report
			for _, tr := range tt.records {
				r, err := tr.report()
				if err != nil {
					t.Fatal(err)
				}
				r.Event.Docs = nil
				if tr.Doc == "" {
					ds, id := splitID(tr.ID)
					r.Event.Origin = &durand.Origin{Dataset: ds, Record: id}
				}
				recs = append(recs, r)
			}
			got := ru.Fuse(rep, recs)
			if len(got) != len(tt.want) {
				t.Fatalf("links %+v, want %v", got, tt.want)
			}
			for i, f := range got {
				if f.RecordEvent != tt.want[i] || f.Event != rep.Event.ID || f.Match.Score < ru.Threshold {
					t.Errorf("link %d: %+v, want %s", i, f, tt.want[i])
				}
				if _, ok := f.Match.Fields()["place"]; !ok {
					t.Errorf("link %d: no place in the fields that drove it: %v", i, f.Match)
				}
			}
		})
	}
}

func splitID(id string) (dataset, record string) {
	for i := range id {
		if id[i] == ':' {
			return id[:i], id[i+1:]
		}
	}
	return "", id
}
