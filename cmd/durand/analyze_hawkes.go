package main

import (
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

// hawkesProcess is one process of the model: its name and what selects
// its events.
type hawkesProcess struct {
	Name, Filter string
	filter       escalation.Filter
}

// hawkesCF is a --counterfactual: the effect of Source on Target set to
// zero, by index into the processes.
type hawkesCF struct{ source, target int }

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
func (h *hawkesFlags) processes(d *analysisData) ([]hawkesProcess, error) {
	where, err := escalation.ParseFilter(h.where)
	if err != nil {
		return nil, usagef("--where: %v", err)
	}
	var out []hawkesProcess
	for _, s := range h.sides {
		if err := d.sideCheck("--side", escalation.Side(s)); err != nil {
			return nil, err
		}
		f := where
		f.Source = escalation.Side(s)
		out = append(out, hawkesProcess{Name: s, Filter: "source=" + s + hawkesWhere(h.where), filter: f})
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
		if slices.ContainsFunc(out, func(p hawkesProcess) bool { return p.Name == names[i] }) {
			return nil, usagef("--series: the name %q is a --side's", names[i])
		}
		out = append(out, hawkesProcess{Name: names[i], Filter: s, filter: f})
	}
	return out, nil
}

// hawkesWhere is --where as it narrows a side's filter, "" or ",FILTER".
func hawkesWhere(where string) string {
	if strings.TrimSpace(where) == "" {
		return ""
	}
	return "," + where
}

// counterfactualsOf parses the --counterfactual flags against the
// processes' names.
func (h *hawkesFlags) counterfactualsOf(ps []hawkesProcess) ([]hawkesCF, error) {
	index := func(name string) int {
		return slices.IndexFunc(ps, func(p hawkesProcess) bool { return p.Name == strings.TrimSpace(name) })
	}
	var out []hawkesCF
	for _, c := range h.counterfactuals {
		src, tgt, ok := strings.Cut(c, ">")
		if !ok {
			return nil, usagef("--counterfactual %q: want SOURCE>TARGET (quoted: '>' redirects in a shell)", c)
		}
		cf := hawkesCF{source: index(src), target: index(tgt)}
		if cf.source < 0 || cf.target < 0 {
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			return nil, usagef("--counterfactual %q: name two processes (processes: %s)", c, strings.Join(names, ", "))
		}
		out = append(out, cf)
	}
	return out, nil
}

// minimum is the events a process needs among d processes: 10 per
// parameter of its rate (a baseline, d effects on it, a decay) unless
// --min-events says otherwise.
func (h *hawkesFlags) minimum(d int) int {
	switch {
	case h.minEvents < 0:
		return 0
	case h.minEvents > 0:
		return h.minEvents
	}
	return hawkesPerParameter * (d + 2)
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
	days := make([][]int, len(ps))
	for i, p := range ps {
		for _, day := range escalation.Days(d.occ, p.filter) {
			if day >= from && day <= to {
				days[i] = append(days[i], day)
			}
		}
		if need := h.minimum(len(ps)); len(days[i]) < need {
			return fmt.Errorf("hawkes: %s has %d events from %s to %s, fewer than the %d a process needs among %d "+
				"(10 per parameter of its rate: a baseline, %d effects, a decay): its intervals would rest on a normal "+
				"approximation its events do not support. Widen the period or the filters, model fewer processes, or "+
				"lower --min-events (-1: no minimum) at your own risk",
				p.Name, len(days[i]), analysisDate(from), analysisDate(to), need, len(ps), len(ps))
		}
	}
	rep, err := h.fit(a, ps, days, from, to, link, cfs)
	if err != nil {
		return err
	}
	return a.write(cmd, d, analysisReport{JSON: rep, Records: rep.records(), Table: rep.table, Figure: func() (*figure, error) { return rep.figure(a) }})
}

// fit fits the model to the processes' days and simulates its forecast
// and counterfactuals.
func (h *hawkesFlags) fit(a *analyzeFlags, ps []hawkesProcess, days [][]int, from, to int, link escalation.HawkesLink, cfs []hawkesCF) (*hawkesReport, error) {
	times, T, err := escalation.HawkesTimes(days, from, to, a.rand())
	if err != nil {
		return nil, err
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	fit, err := escalation.FitHawkes(times, T, escalation.HawkesOptions{Link: link, Names: names})
	if err != nil {
		return nil, err
	}
	rep := &hawkesReport{Processes: ps, From: from, To: to, Fit: fit, Observed: h.observed}
	rep.Horizon.Days, rep.Horizon.From, rep.Horizon.To = h.horizon, to+1, to+h.horizon
	for i := range ps {
		row := make([]escalation.Estimate, len(ps))
		for j := range ps {
			if row[j], err = fit.Triggered(i, j); err != nil {
				return nil, err
			}
		}
		rep.Triggered = append(rep.Triggered, row)
	}
	sim := escalation.HawkesSimOptions{Horizon: float64(h.horizon), Draws: h.draws, Paths: h.paths, Rand: a.rand()}
	if rep.Forecast, err = fit.Forecast(sim); err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	sim.Observed = h.observed
	for _, c := range cfs {
		sim.Rand = a.rand()
		cf, err := fit.Counterfactual(c.target, c.source, sim)
		if err != nil {
			return nil, fmt.Errorf("counterfactual %s>%s: %w (a shorter window, --horizon without --observed, or the linear link may not)", names[c.source], names[c.target], err)
		}
		rep.Counterfactuals = append(rep.Counterfactuals, cf)
	}
	rep.sim = sim
	return rep, nil
}
