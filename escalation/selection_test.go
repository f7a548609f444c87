package escalation

import (
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// selectionPages yields the events in pages of two, then err if given.
func selectionPages(evs []durand.Event, err error) iter.Seq2[[]durand.Event, error] {
	return func(yield func([]durand.Event, error) bool) {
		for i := 0; i < len(evs); i += 2 {
			if !yield(evs[i:min(i+2, len(evs))], nil) {
				return
			}
		}
		if err != nil {
			yield(nil, err)
		}
	}
}

func selectionEvent(id, date string, prec durand.DatePrecision, src, tgt durand.ActorCode) durand.Event {
	ev := durand.Event{ID: id, Type: durand.Assault, Source: []durand.Actor{{Code: src}}, Target: []durand.Actor{{Code: tgt}}}
	if date != "" {
		d, _ := time.Parse(time.DateOnly, date)
		ev.Date = durand.Date{Start: d, End: d, Precision: prec}
	}
	return ev
}

func TestSelect(t *testing.T) {
	evs := []durand.Event{
		selectionEvent("c", "2020-03-05", durand.Day, "TTP", "PAK.POL"),
		selectionEvent("a", "2020-01-02", durand.Day, "PAK.MIL", "TTP"),
		selectionEvent("m", "2020-02-01", durand.Month, "PAK.MIL", "TTP"),
		selectionEvent("u", "", "", "TTP", "PAK.MIL"),
		selectionEvent("w", "2020-02-10", durand.Week, "TTP", "CIV"),
	}
	day := func(s string) int { d, _ := time.Parse(time.DateOnly, s); return DayOf(d) }
	from, _ := time.Parse(time.DateOnly, "2019-12-01")
	broken := errors.New("disk on fire")
	for _, c := range []struct {
		name       string
		opt        SelectOptions
		err        error
		wantErr    error
		kept, left int
		first      string
		bounds     [2]string
	}{
		{name: "day", opt: SelectOptions{}, kept: 2, left: 3, first: "2020-01-02", bounds: [2]string{"2020-01-02", "2020-03-05"}},
		{name: "month", opt: SelectOptions{Coarsest: durand.Month, From: from}, kept: 4, left: 1, first: "2020-01-02", bounds: [2]string{"2019-12-01", "2020-03-05"}},
		{name: "too many", opt: SelectOptions{Max: 3}, wantErr: ErrTooManyEvents},
		{name: "exactly max", opt: SelectOptions{Max: 5}, kept: 2, left: 3, first: "2020-01-02", bounds: [2]string{"2020-01-02", "2020-03-05"}},
		{name: "bad precision", opt: SelectOptions{Coarsest: durand.Year}, wantErr: errors.New("")},
		{name: "store fails", opt: SelectOptions{}, err: broken, wantErr: broken},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Select(selectionPages(evs, c.err), c.opt)
			if c.wantErr != nil {
				if err == nil || (c.wantErr.Error() != "" && !errors.Is(err, c.wantErr)) {
					t.Fatalf("err %v, want %v", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Events != len(evs) || s.Kept != c.kept || s.LeftOut != c.left || s.First != day(c.first) {
				t.Errorf("events %d kept %d left %d first %d, want %d %d %d %d", s.Events, s.Kept, s.LeftOut, s.First, len(evs), c.kept, c.left, day(c.first))
			}
			if f, l := s.Bounds(); f != day(c.bounds[0]) || l != day(c.bounds[1]) {
				t.Errorf("bounds %d–%d, want %s–%s", f, l, c.bounds[0], c.bounds[1])
			}
			occ := s.Occurrences()
			for i := 1; i < len(occ); i++ {
				if occ[i].Day < occ[i-1].Day {
					t.Errorf("occurrences out of order: %v", occ)
				}
			}
		})
	}
	if _, err := Select(selectionPages(evs[3:4], nil), SelectOptions{}); !errors.Is(err, ErrNoEvents) {
		t.Errorf("only an undated event: err %v, want ErrNoEvents", err)
	}
}

func TestCheckSide(t *testing.T) {
	occ, _ := Occurrences([]durand.Event{selectionEvent("a", "2020-01-02", durand.Day, "PAK.MIL", "TTP")}, durand.Day)
	for _, c := range []struct {
		side Side
		ok   bool
	}{{"PAK", true}, {"PAK.MIL", true}, {"TTP", true}, {"", true}, {"PA", false}, {"AFG", false}} {
		err := CheckSide(occ, c.side)
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrNoSide)) {
			t.Errorf("side %q: err %v, want ok=%v", c.side, err, c.ok)
		}
	}
	if err := CheckSide(occ, "AFG"); err == nil || err.Error() != "none of the 1 events read has an actor of side AFG (sides there: PAK, TTP)" {
		t.Errorf("message: %v", err)
	}
}
