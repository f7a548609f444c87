package escalation

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// Errors of Select and CheckSide, for a caller that answers them apart
// (the API with 400, the command with a usage error).
var (
	// ErrNoEvents is returned by Select when no event read can be put on
	// a day.
	ErrNoEvents = errors.New("no events to analyze")
	// ErrTooManyEvents is returned by Select when more events match than
	// SelectOptions.Max allows.
	ErrTooManyEvents = errors.New("too many events to analyze")
	// ErrNoSide is returned by CheckSide for a side no occurrence has an
	// actor of.
	ErrNoSide = errors.New("no event has an actor of the side")
)

// SelectOptions say how Select reduces events to occurrences.
type SelectOptions struct {
	// Coarsest is the coarsest date precision kept (Day, Week or Month;
	// "" is Day): an event of a week or a month is put on its first day.
	Coarsest durand.DatePrecision
	// From and To are the bounds of the query that selected the events,
	// zero when open. They become the period the analyses cover (see
	// Selection.Bounds).
	From, To time.Time
	// Max refuses a selection of more than Max events, read or left out,
	// with ErrTooManyEvents, before the rest is read; 0 is no bound.
	Max int
}

// Selection is the events an analysis reads, as occurrences in date
// order, and what they are: it says what an answer rests on, and opens
// every JSON answer (of `durand analyze` and of the API) as its "data".
type Selection struct {
	// Events counts the events read; LeftOut those of them left out for
	// a date coarser than Coarsest or none, Kept the rest.
	Events, LeftOut, Kept int
	Coarsest              durand.DatePrecision
	// First and Last are the days of the first and last events kept.
	First, Last int
	// From and To are the query's bounds, nil when open.
	From, To *int

	occ []Occurrence
}

// Select reads pages of events (a store's, see store.Pages) and keeps
// each only as an occurrence, so that a selection of hundreds of
// thousands of events is held in a few bytes each. It stops at the first
// error of pages.
func Select(pages iter.Seq2[[]durand.Event, error], opt SelectOptions) (*Selection, error) {
	if opt.Coarsest == "" {
		opt.Coarsest = durand.Day
	}
	if !slices.Contains([]durand.DatePrecision{durand.Day, durand.Week, durand.Month}, opt.Coarsest) {
		return nil, fmt.Errorf("coarsest date precision %q: want day, week or month", opt.Coarsest)
	}
	s := &Selection{Coarsest: opt.Coarsest}
	if !opt.From.IsZero() {
		s.From = new(DayOf(opt.From))
	}
	if !opt.To.IsZero() {
		s.To = new(DayOf(opt.To))
	}
	for evs, err := range pages {
		if err != nil {
			return nil, err
		}
		s.Events += len(evs)
		if opt.Max > 0 && s.Events > opt.Max {
			return nil, fmt.Errorf("%w: more than %d events match the filters", ErrTooManyEvents, opt.Max)
		}
		occ, left := Occurrences(evs, opt.Coarsest)
		s.occ = append(s.occ, occ...)
		s.LeftOut += left
	}
	if len(s.occ) == 0 {
		return nil, fmt.Errorf("%w: %d events match the filters, %d of them left out for their dates", ErrNoEvents, s.Events, s.LeftOut)
	}
	slices.SortStableFunc(s.occ, func(x, y Occurrence) int { return x.Day - y.Day })
	s.Kept = len(s.occ)
	s.First, s.Last = s.occ[0].Day, s.occ[len(s.occ)-1].Day
	return s, nil
}

// Occurrences are the events kept, in date order. The caller must not
// change them.
func (s *Selection) Occurrences() []Occurrence { return s.occ }

// Bounds are the days an analysis covers: the query's From and To where
// given, else the first and last events kept.
func (s *Selection) Bounds() (from, to int) {
	from, to = s.First, s.Last
	if s.From != nil {
		from = *s.From
	}
	if s.To != nil {
		to = *s.To
	}
	return from, to
}

// Summary is one sentence saying what an analysis rests on.
func (s *Selection) Summary() string {
	return fmt.Sprintf("%d events read, dated %s to %s; %d more left out for a date coarser than a %s or none.",
		s.Kept, DateOf(s.First).Format(time.DateOnly), DateOf(s.Last).Format(time.DateOnly), s.LeftOut, s.Coarsest)
}

// CheckSide returns an error wrapping ErrNoSide when no occurrence has an
// actor of side s (most likely a mistyped code), naming the sides there
// are (the first part of each code, at most 30). The empty side holds
// every actor.
func CheckSide(occ []Occurrence, s Side) error {
	if s == "" {
		return nil
	}
	heads := map[string]bool{}
	for _, o := range occ {
		for _, c := range slices.Concat(o.Source, o.Target) {
			if s.Has(c) {
				return nil
			}
			head, _, _ := strings.Cut(string(c), ".")
			heads[head] = true
		}
	}
	seen := slices.Sorted(func(yield func(string) bool) {
		for h := range heads {
			if !yield(h) {
				return
			}
		}
	})
	if len(seen) > 30 {
		seen = append(seen[:30], "…")
	}
	return noSideError(fmt.Sprintf("none of the %d events read has an actor of side %s (sides there: %s)",
		len(occ), s, strings.Join(seen, ", ")))
}

// noSideError is ErrNoSide with its message alone, so that a caller can
// put the side's flag or parameter before it.
type noSideError string

func (e noSideError) Error() string { return string(e) }
func (e noSideError) Unwrap() error { return ErrNoSide }
