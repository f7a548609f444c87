package serve_test

import (
	"testing"
)

// TestPointsAPI: /api/points gives the map the placed events of a filter,
// latest first, in the order and selection of /api/events.
func TestPointsAPI(t *testing.T) {
	st, x := demoDB(t)
	srv := newServer(t, st, x, "")
	var pts struct {
		Points []struct {
			ID   string  `json:"id"`
			Lat  float64 `json:"lat"`
			Lon  float64 `json:"lon"`
			Date string  `json:"date"`
		} `json:"points"`
	}
	if code := get(t, srv.URL+"/api/points?actor=TTP&order=desc&limit=40", &pts); code != 200 || len(pts.Points) != 40 {
		t.Fatalf("status %d, %d points; want 200, 40", code, len(pts.Points))
	}
	var p page
	get(t, srv.URL+"/api/events?actor=TTP&order=desc&limit=200", &p)
	var want []string
	for _, e := range p.Events {
		if e["place"] != nil && len(want) < 40 {
			want = append(want, e["id"].(string))
		}
	}
	for i, pt := range pts.Points {
		if i < len(want) && pt.ID != want[i] {
			t.Errorf("point %d is %s, want %s (the events query's order)", i, pt.ID, want[i])
		}
		if pt.Lat == 0 && pt.Lon == 0 {
			t.Errorf("point %s has no coordinates", pt.ID)
		}
	}
	if code := get(t, srv.URL+"/api/points?from=yesterday", nil); code != 400 {
		t.Errorf("a bad date: status %d, want 400", code)
	}
}
