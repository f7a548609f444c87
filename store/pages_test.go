package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

func TestPages(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "pages.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var evs []durand.Event
	for i := range 7 {
		d := day.AddDate(0, 0, i)
		evs = append(evs, durand.Event{ID: fmt.Sprintf("ev%d", i), Type: durand.Assault, Modality: durand.Asserted,
			Date: durand.Date{Start: d, End: d, Precision: durand.Day}, Fatalities: durand.NoCount, Injured: durand.NoCount})
	}
	if err := st.PutEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		limit, stopAfter int
		sizes            []int
	}{
		{limit: 3, sizes: []int{3, 3, 1}},
		{limit: 7, sizes: []int{7}},
		{limit: 100, sizes: []int{7}},
		{limit: 3, stopAfter: 1, sizes: []int{3}},
	} {
		var sizes []int
		var ids []string
		for page, err := range store.Pages(ctx, st, store.Query{Limit: c.limit}) {
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, len(page))
			for _, e := range page {
				ids = append(ids, e.ID)
			}
			if len(sizes) == c.stopAfter {
				break
			}
		}
		if fmt.Sprint(sizes) != fmt.Sprint(c.sizes) {
			t.Errorf("limit %d: pages of %v, want %v", c.limit, sizes, c.sizes)
		}
		if c.stopAfter == 0 && fmt.Sprint(ids) != "[ev0 ev1 ev2 ev3 ev4 ev5 ev6]" {
			t.Errorf("limit %d: events %v", c.limit, ids)
		}
	}
	rev, err := st.Revision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutEvents(ctx, evs[:1]); err != nil {
		t.Fatal(err)
	}
	if rev2, err := st.Revision(ctx); err != nil || rev2 <= rev {
		t.Errorf("revision %d after a write, %d before (%v)", rev2, rev, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, err := range store.Pages(cancelled, st, store.Query{}) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled: err %v", err)
		}
	}
}
