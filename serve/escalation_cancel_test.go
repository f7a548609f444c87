package serve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/escalation"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// TestAnalysisStopsAtDeadline checks that an analysis whose request
// ends while it runs is stopped and answered errBusy (503) with the
// analysis slot free, so that the next request is served: the analysis
// ends its own request's context from within, as a deadline passing
// after its first iteration would.
func TestAnalysisStopsAtDeadline(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "cancel.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var evs []durand.Event
	for i := range 20 {
		d := time.Date(2020, 1, 1+i, 0, 0, 0, 0, time.UTC)
		evs = append(evs, durand.Event{ID: fmt.Sprintf("ev%d", i), Type: durand.Assault, Source: []durand.Actor{{Code: "TTP"}},
			Target: []durand.Actor{{Code: "PAK.POL"}}, Date: durand.Date{Start: d, End: d, Precision: durand.Day},
			Modality: durand.Asserted, Fatalities: durand.NoCount, Injured: durand.NoCount})
	}
	if err := st.PutEvents(context.Background(), evs); err != nil {
		t.Fatal(err)
	}
	s := &server{st: st, opt: Options{MaxAnalysisEvents: DefaultMaxAnalysisEvents}, an: newAnalyses()}
	kept := 0
	keep := func([]byte) { kept++ }

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopped := func(ctx context.Context, _ *escalation.Selection) (any, error) {
		cancel()
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if _, _, err := s.runAnalysis(ctx, store.Query{}, durand.Day, stopped, keep); !errors.Is(err, errBusy) {
		t.Fatalf("an analysis past its request's end: %v, want errBusy (503)", err)
	}
	select {
	case s.an.slot <- struct{}{}:
		<-s.an.slot
	default:
		t.Fatal("the analysis slot is still held after the 503")
	}
	quick := func(_ context.Context, sel *escalation.Selection) (any, error) { return len(sel.Occurrences()), nil }
	b, code, err := s.runAnalysis(context.Background(), store.Query{}, durand.Day, quick, keep)
	if err != nil || code != 200 || kept != 1 {
		t.Fatalf("the next request: %d %v, %d answers kept\n%s", code, err, kept, b)
	}
}
