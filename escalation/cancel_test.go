package escalation

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

// countdownContext is a context whose Err is nil for its first looks and
// context.Canceled after: a cancellation that comes while a model runs,
// at a point the test chooses rather than at a time. It counts the looks
// after, which tell whether the model stopped.
type countdownContext struct {
	context.Context
	left, after atomic.Int64
}

func newCountdown(looks int64) *countdownContext {
	c := &countdownContext{Context: context.Background()}
	c.left.Store(looks)
	return c
}

func (c *countdownContext) Err() error {
	if c.left.Add(-1) >= 0 {
		return nil
	}
	c.after.Add(1)
	return context.Canceled
}

// TestModelsCancel checks that each model returns context.Canceled for a
// context cancelled before the call, and for one cancelled after its
// first looks, and that it then stops: a loop that went on would look
// again at each of its iterations.
func TestModelsCancel(t *testing.T) {
	occ := hawkesReportOccurrences(t)
	fa, fb := Filter{Source: "AAA"}, Filter{Source: "BBB"}
	from, to := 18000, 18729
	times, T, err := HawkesTimes([][]int{Days(occ, fa), Days(occ, fb)}, from, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	fit, err := FitHawkes(times, T, HawkesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := SideProcess("AAA", "")
	b, _ := SideProcess("BBB", "")
	sim := func(ctx context.Context) HawkesSimOptions {
		return HawkesSimOptions{Horizon: 30, Draws: 64, Paths: 8, Context: ctx}
	}
	models := []struct {
		name  string
		looks int64 // looks that pass in the second run
		run   func(ctx context.Context) error
	}{
		{"retaliation", 1, func(ctx context.Context) error {
			_, err := Retaliation(occ, Filter{}, "AAA", "BBB", RetaliationOptions{Context: ctx})
			return err
		}},
		{"retaliation bootstrap", 999/cancelEvery + 2, func(ctx context.Context) error {
			_, err := Retaliation(occ, Filter{}, "AAA", "BBB", RetaliationOptions{Context: ctx})
			return err
		}},
		{"eventstudy", 1, func(ctx context.Context) error {
			_, err := EventStudy(Days(occ, fa), Bin(occ, fb, from, to, 1), EventStudyOptions{KeepOverlapping: true, Context: ctx})
			return err
		}},
		{"fit linear", 5, func(ctx context.Context) error {
			_, err := FitHawkes(times, T, HawkesOptions{Context: ctx})
			return err
		}},
		{"fit softplus", 40, func(ctx context.Context) error {
			_, err := FitHawkes(times, T, HawkesOptions{Link: HawkesSoftplus, Context: ctx})
			return err
		}},
		{"forecast", 3, func(ctx context.Context) error {
			_, err := fit.Forecast(sim(ctx))
			return err
		}},
		{"counterfactual", 3, func(ctx context.Context) error {
			_, err := fit.Counterfactual(1, 0, sim(ctx))
			return err
		}},
		{"hawkes report", 60, func(ctx context.Context) error {
			_, err := Hawkes(occ, []HawkesProcess{a, b}, from, to, HawkesReportOptions{Counterfactuals: []HawkesEffect{{0, 1}}, Context: ctx})
			return err
		}},
	}
	// Parallel loops each look once more before they see the others stop.
	slack := int64(2*runtime.GOMAXPROCS(0) + 2)
	for _, m := range models {
		t.Run(m.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if err := m.run(ctx); !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled before the call: %v, want context.Canceled", err)
			}
			cd := newCountdown(m.looks)
			if err := m.run(cd); !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled after %d looks: %v, want context.Canceled", m.looks, err)
			}
			if n := cd.after.Load(); n > slack {
				t.Errorf("looked %d times after the cancellation: it went on", n)
			}
		})
	}
}
