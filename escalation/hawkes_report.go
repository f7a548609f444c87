package escalation

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// HawkesPerParameter is the events a Hawkes process needs per parameter
// of its rate (a baseline, an effect of each process, a decay): below
// about ten, its intervals, from the observed information, rest on a
// normal approximation the events do not support, and a decay is often
// not identified at all.
const HawkesPerParameter = 10

// ErrTooFewEvents is returned (wrapped, in an error that says which
// process and how many events it needed) by Hawkes when a process has
// fewer events than HawkesReportOptions.MinEvents.
var ErrTooFewEvents = errors.New("too few events")

// HawkesProcess is one process of a Hawkes analysis: the occurrences
// matching its filter.
type HawkesProcess struct {
	Name string
	// Filter is the filter as written, which the report shows.
	Filter string
	// Match is Filter read: what selects the process's occurrences.
	Match Filter `json:"-"`
}

// SideProcess is the process of a side: the occurrences with a source
// of the side, narrowed by where, a FILTER ("type=ASSAULT,place=AFG")
// that names no source of its own.
func SideProcess(side Side, where string) (HawkesProcess, error) {
	f, err := ParseFilter(where)
	if err != nil {
		return HawkesProcess{}, err
	}
	if f.Source != "" {
		return HawkesProcess{}, fmt.Errorf("filter %q names a source: a side's process is the events with a source of the side", where)
	}
	f.Source = side
	filter := "source=" + string(side)
	if w := strings.TrimSpace(where); w != "" {
		filter += "," + w
	}
	return HawkesProcess{Name: string(side), Filter: filter, Match: f}, nil
}

// HawkesEffect is one effect of a Hawkes model: that of process
// Source's events on process Target's rate, by index into the
// processes.
type HawkesEffect struct{ Source, Target int }

// ParseHawkesEffect reads an effect written "SOURCE>TARGET" with the
// processes' names.
func ParseHawkesEffect(s string, ps []HawkesProcess) (HawkesEffect, error) {
	src, tgt, ok := strings.Cut(s, ">")
	if !ok {
		return HawkesEffect{}, fmt.Errorf("%q: want SOURCE>TARGET", s)
	}
	index := func(name string) int {
		return slices.IndexFunc(ps, func(p HawkesProcess) bool { return p.Name == strings.TrimSpace(name) })
	}
	e := HawkesEffect{Source: index(src), Target: index(tgt)}
	if e.Source < 0 || e.Target < 0 {
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = p.Name
		}
		return e, fmt.Errorf("%q: name two processes (processes: %s)", s, strings.Join(names, ", "))
	}
	return e, nil
}

// HawkesReportOptions say what Hawkes fits and simulates. The zero value
// fits the linear model and forecasts the 30 days after the period.
type HawkesReportOptions struct {
	Link HawkesLink
	// Horizon is the days after the period the forecast covers, and
	// the counterfactuals unless Observed; zero is 30.
	Horizon int
	// Draws and Paths are the simulations' parameter sets and paths per
	// set (see HawkesSimOptions; zero: its defaults).
	Draws, Paths int
	// Observed re-simulates the period itself, from an empty history,
	// for the counterfactuals instead of the Horizon.
	Observed bool
	// Counterfactuals are the effects each set to zero in turn.
	Counterfactuals []HawkesEffect
	// MinEvents is the fewest events a process may have in the period:
	// zero is HawkesPerParameter per parameter of its rate, 10×(D+2)
	// for D processes; negative is no minimum.
	MinEvents int
	// MaxEvents refuses, with ErrTooManyEvents, processes of more events
	// than this together; zero is no bound.
	MaxEvents int
	// Rand gives a generator for each random step: the spreading of
	// events within their days, the forecast and each counterfactual,
	// in that order. Nil, or a nil generator, is each step's fixed seed.
	Rand func() *rand.Rand
	// Context stops the fit and the simulations when it is done, and
	// Hawkes returns its error; nil is never.
	Context context.Context
}

// HawkesReport is a Hawkes process fitted to the processes' events on
// the days From to To, with its effects in events per event, its
// forecast and counterfactuals: the answer of `durand analyze hawkes`
// and of the API's /api/escalation/hawkes.
type HawkesReport struct {
	Processes []HawkesProcess
	// From and To are the period's first and last days.
	From, To int
	Fit      *HawkesFit
	// Triggered[i][j] is the events of i one event of j sets off
	// directly at i's baseline (HawkesFit.Triggered): Fit.Alpha for the
	// linear link, the softplus effects in events per event.
	Triggered [][]Estimate
	// Horizon is the window after the period the forecast covers, and
	// the counterfactuals unless Observed.
	Horizon  struct{ Days, From, To int }
	Forecast *HawkesForecast
	// Observed is true when the counterfactuals re-simulate the period
	// itself from an empty history.
	Observed        bool
	Counterfactuals []*HawkesCounterfactual
}

// Hawkes fits a Hawkes process to the occurrences of each process on
// the days from to to, each event spread at random within its day (see
// HawkesTimes), and simulates its forecast and counterfactuals.
func Hawkes(occ []Occurrence, ps []HawkesProcess, from, to int, opt HawkesReportOptions) (*HawkesReport, error) {
	days, err := hawkesDays(occ, ps, from, to, opt)
	if err != nil {
		return nil, err
	}
	horizon := opt.Horizon
	if horizon == 0 {
		horizon = 30
	}
	if horizon < 1 {
		return nil, fmt.Errorf("hawkes: horizon of %d days: want at least 1", horizon)
	}
	rng := func() *rand.Rand {
		if opt.Rand == nil {
			return nil
		}
		return opt.Rand()
	}
	times, T, err := HawkesTimes(days, from, to, rng())
	if err != nil {
		return nil, err
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	fit, err := FitHawkes(times, T, HawkesOptions{Link: opt.Link, Names: names, Context: opt.Context})
	if err != nil {
		return nil, err
	}
	rep := &HawkesReport{Processes: ps, From: from, To: to, Fit: fit, Observed: opt.Observed}
	rep.Horizon.Days, rep.Horizon.From, rep.Horizon.To = horizon, to+1, to+horizon
	if rep.Triggered, err = fit.triggeredAll(); err != nil {
		return nil, err
	}
	sim := HawkesSimOptions{Horizon: float64(horizon), Draws: opt.Draws, Paths: opt.Paths, Rand: rng(), Context: opt.Context}
	if rep.Forecast, err = fit.Forecast(sim); err != nil {
		return nil, fmt.Errorf("hawkes forecast: %w", err)
	}
	sim.Observed = opt.Observed
	for _, e := range opt.Counterfactuals {
		sim.Rand = rng()
		cf, err := fit.Counterfactual(e.Target, e.Source, sim)
		if cerr := cancelled(opt.Context, 0); cerr != nil {
			return nil, cerr
		}
		if err != nil {
			return nil, fmt.Errorf("hawkes counterfactual %s>%s: %w (a shorter window, the horizon rather than the period, or the linear link may not)",
				names[e.Source], names[e.Target], err)
		}
		rep.Counterfactuals = append(rep.Counterfactuals, cf)
	}
	return rep, nil
}

// hawkesDays are the days of each process's occurrences from from to
// to, refused when a process has fewer than opt.MinEvents or all more
// than opt.MaxEvents.
func hawkesDays(occ []Occurrence, ps []HawkesProcess, from, to int, opt HawkesReportOptions) ([][]int, error) {
	if len(ps) == 0 {
		return nil, errors.New("hawkes: no processes")
	}
	need := opt.MinEvents
	if need == 0 {
		need = HawkesPerParameter * (len(ps) + 2)
	}
	days := make([][]int, len(ps))
	total := 0
	for i, p := range ps {
		for _, day := range Days(occ, p.Match) {
			if day >= from && day <= to {
				days[i] = append(days[i], day)
			}
		}
		if len(days[i]) < need {
			return nil, tooFewError(fmt.Sprintf("hawkes: %s has %d events from %s to %s, fewer than the %d a process needs among %d "+
				"(%d per parameter of its rate: a baseline, %d effects, a decay): its intervals would rest on a normal "+
				"approximation its events do not support", p.Name, len(days[i]), DateOf(from).Format(time.DateOnly),
				DateOf(to).Format(time.DateOnly), need, len(ps), HawkesPerParameter, len(ps)))
		}
		total += len(days[i])
	}
	if opt.MaxEvents > 0 && total > opt.MaxEvents {
		return nil, fmt.Errorf("%w: the processes have %d events, a Hawkes fit takes at most %d: narrow the filters", ErrTooManyEvents, total, opt.MaxEvents)
	}
	return days, nil
}

// tooFewError is ErrTooFewEvents with what was too few.
type tooFewError string

func (e tooFewError) Error() string { return string(e) }
func (e tooFewError) Unwrap() error { return ErrTooFewEvents }

// triggeredAll is Triggered for every pair: [target][source].
func (f *HawkesFit) triggeredAll() ([][]Estimate, error) {
	D := len(f.Names)
	out := make([][]Estimate, D)
	for i := range D {
		out[i] = make([]Estimate, D)
		for j := range D {
			var err error
			if out[i][j], err = f.Triggered(i, j); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
