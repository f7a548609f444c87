package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/escalation"
)

// hawkesFlags are the flags of `durand analyze hawkes`.
type hawkesFlags struct {
	sides, series, names, counterfactuals []string
	where, link                           string
	horizon, draws, paths, minEvents      int
	observed                              bool
}

func newAnalyzeHawkes(a *analyzeFlags) *cobra.Command {
	h := &hawkesFlags{}
	cmd := &cobra.Command{
		Use:   "hawkes --side SIDE --side SIDE... [--series [NAME=]FILTER]... [--link linear|softplus] [--horizon 30] [--counterfactual A>B]...",
		Short: "Who triggers whom, event by event: a multivariate Hawkes process with intervals, forecast and counterfactuals",
		Long: `Hawkes fits a multivariate Hawkes process to the events of each process: a --side SIDE is the events with a source
of that side (narrowed by --where: type=, mode=, place=), a --series [NAME=]FILTER the events matching FILTER (named
as in var); the --side processes come first, in order, then the --series ones. Each process has a baseline rate, and each of its events raises every process's rate by an effect that
decays at the affected process's own rate; the decays are estimated. --link linear (the default) is the classical
model, whose effects are counts of events set off (≥ 0); --link softplus lets an effect be negative, so that an
event can lower another side's rate (deterrence), its effects then on the scale of the rate's predictor.

The table gives each process's baseline rate, decay (and mean lag) and the time-rescaling test of its fit
(Kolmogorov–Smirnov: a small p rejects the model for that process); the effects with 95% intervals from the
observed information; for the softplus link the same effects as events set off (−: prevented) per event at the
affected process's baseline; the branching ratio (events one event sets off down its chain; below 1 the process
is stationary; for the softplus link, of its positive effects, above 1 the process runs away once rates are high); a forecast of each process's events in the --horizon days after the period, from its history, with
the interval of the expected count (parameter uncertainty, --draws parameter sets of --paths paths) and the
predictive interval of the count; and, for each --counterfactual A>B, the events of each process with and without
A's effect on B, and their difference with its interval, over the same --horizon days (or, --observed, over the
period itself, re-simulated from an empty history).

Events are known to the day: each is spread at random within its day (--seed draws another spread), so decays
faster than a day are not identified. A process needs --min-events events in the period (default 10 per
parameter of its rate, 10×(D+2) for D processes), else the command refuses: below that its intervals rest on a
normal approximation its events do not support. The plot is the matrix of effects as a heat map, in events per
event, beside the forecast fan.`,
		Args: analyzeNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return h.run(cmd, a) },
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&h.sides, "side", nil, "a process: the events with a source of SIDE, an actor code prefix (repeat for each)")
	fl.StringArrayVar(&h.series, "series", nil, "a process: events matching FILTER, or NAME=FILTER (repeat for each)")
	fl.StringSliceVar(&h.names, "names", nil, "names of the --series, in the order given")
	fl.StringVar(&h.where, "where", "", "only events matching FILTER in the --side processes (type=, mode=, place=)")
	fl.StringVar(&h.link, "link", "linear", "linear (effects ≥ 0) or softplus (effects may be negative)")
	fl.IntVar(&h.horizon, "horizon", 30, "days after the period the forecast and counterfactuals cover")
	fl.StringArrayVar(&h.counterfactuals, "counterfactual", nil, "A>B: the events with and without A's effect on B (repeatable)")
	fl.BoolVar(&h.observed, "observed", false, "counterfactuals over the period itself, re-simulated, instead of the horizon")
	fl.IntVar(&h.draws, "draws", 0, "parameter sets drawn for the forecast and counterfactuals (0: 100)")
	fl.IntVar(&h.paths, "paths", 0, "paths simulated per parameter set, at least 2 (0: 20)")
	fl.IntVar(&h.minEvents, "min-events", 0, "events a process needs (0: 10 per parameter of its rate; -1: no minimum)")
	return cmd
}

// parse checks the flags before any data is read.
func (h *hawkesFlags) parse() (escalation.HawkesLink, error) {
	var link escalation.HawkesLink
	if err := link.UnmarshalText([]byte(h.link)); err != nil {
		return link, usagef("--link %q: want linear or softplus", h.link)
	}
	switch {
	case len(h.sides)+len(h.series) == 0:
		return link, usagef("hawkes: give the processes, --side SIDE or --series [NAME=]FILTER (e.g. --side PAK --side TTP)")
	case h.horizon < 1:
		return link, usagef("--horizon %d: want at least 1 day", h.horizon)
	case h.paths == 1 || h.paths < 0:
		return link, usagef("--paths %d: want at least 2 (or 0 for 20)", h.paths)
	case h.draws < 0:
		return link, usagef("--draws %d: want at least 1 (or 0 for 100)", h.draws)
	}
	return link, nil
}

// processes are the --side and --series processes, sides first, their
// filters and sides checked against the data read.
func (h *hawkesFlags) processes(d *analysisData) ([]escalation.HawkesProcess, error) {
	var out []escalation.HawkesProcess
	for _, s := range h.sides {
		if err := d.sideCheck("--side", escalation.Side(s)); err != nil {
			return nil, err
		}
		p, err := escalation.SideProcess(escalation.Side(s), h.where)
		if err != nil {
			return nil, usagef("--where: %v", err)
		}
		out = append(out, p)
	}
	names, filters, err := seriesSpecs("--series", h.series, h.names)
	if err != nil {
		return nil, err
	}
	for i, s := range filters {
		f, err := d.filterFlag("--series", s)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(out, func(p escalation.HawkesProcess) bool { return p.Name == names[i] }) {
			return nil, usagef("--series: the name %q is a --side's", names[i])
		}
		out = append(out, escalation.HawkesProcess{Name: names[i], Filter: s, Match: f})
	}
	return out, nil
}

// counterfactualsOf parses the --counterfactual flags against the
// processes' names.
func (h *hawkesFlags) counterfactualsOf(ps []escalation.HawkesProcess) ([]escalation.HawkesEffect, error) {
	var out []escalation.HawkesEffect
	for _, c := range h.counterfactuals {
		e, err := escalation.ParseHawkesEffect(c, ps)
		if err != nil {
			if !strings.Contains(c, ">") {
				return nil, usagef("--counterfactual %v (quoted: '>' redirects in a shell)", err)
			}
			return nil, usagef("--counterfactual %v", err)
		}
		out = append(out, e)
	}
	return out, nil
}

func (h *hawkesFlags) run(cmd *cobra.Command, a *analyzeFlags) error {
	link, err := h.parse()
	if err != nil {
		return err
	}
	d, err := a.load(cmd)
	if err != nil {
		return err
	}
	ps, err := h.processes(d)
	if err != nil {
		return err
	}
	cfs, err := h.counterfactualsOf(ps)
	if err != nil {
		return err
	}
	from, to := d.bounds()
	res, err := escalation.Hawkes(d.occ, ps, from, to, escalation.HawkesReportOptions{Link: link, Horizon: h.horizon,
		Draws: h.draws, Paths: h.paths, Observed: h.observed, Counterfactuals: cfs, MinEvents: h.minEvents, Rand: a.rand,
		Context: cmd.Context()})
	if errors.Is(err, escalation.ErrTooFewEvents) {
		return fmt.Errorf("%w. Widen the period or the filters, model fewer processes, or lower --min-events (-1: no minimum) at your own risk", err)
	}
	if err != nil {
		return err
	}
	rep := hawkesReport{res, cmd.Context()}
	return a.write(cmd, d, analysisReport{JSON: res, Records: rep.records(), Table: rep.table, Figure: func() (*figure, error) { return rep.figure(a) }})
}
