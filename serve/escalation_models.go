package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/durandhq/durand/escalation"
)

// maxHawkesEvents is the most events a Hawkes fit is run on, all sides
// together: the fit of ten processes on 100,000 events takes under 2 s
// on two cores.
const maxHawkesEvents = 100_000

// maxPaths bounds the paths simulated per parameter draw of a Hawkes
// forecast or counterfactual.
const maxPaths = 100

func (s *server) retaliation(w http.ResponseWriter, r *http.Request) {
	s.analyze(w, r, parseRetaliation)
}

func (s *server) eventStudy(w http.ResponseWriter, r *http.Request) {
	s.analyze(w, r, parseEventStudy)
}

func (s *server) hawkes(w http.ResponseWriter, r *http.Request) {
	s.analyze(w, r, parseHawkes)
}

// parseRetaliation reads `durand analyze retaliation`'s flags as
// parameters: a, b, where, within, look_back, draws, boot, seed.
func parseRetaliation(v url.Values) (analysis, error) {
	p := &params{v: v}
	a, b := p.side("a"), p.side("b")
	where := p.filter("where", false)
	opt := escalation.RetaliationOptions{Within: p.days("within"), LookBack: p.flag("look_back"),
		Draws: p.num("draws", 0, maxDraws), Boot: p.num("boot", 0, maxDraws), Rand: p.rand()}
	if p.err != nil {
		return nil, p.err
	}
	return func(ctx context.Context, sel *escalation.Selection) (any, error) {
		occ := sel.Occurrences()
		if err := checkSides(occ, map[string]escalation.Side{"a": a, "b": b}); err != nil {
			return nil, err
		}
		for _, d := range [][2]escalation.Side{{a, b}, {b, a}} {
			f := where
			f.Source, f.Target = d[0], d[1]
			if err := atLeast(fmt.Sprintf("%s→%s", d[0], d[1]), len(escalation.Days(occ, f))); err != nil {
				return nil, err
			}
		}
		if sel.From != nil || sel.To != nil {
			opt.From, opt.To = sel.Bounds()
		}
		opt.Context = ctx
		return escalation.Retaliation(occ, where, a, b, opt)
	}, nil
}

// eventStudyAnswer is an event study with the filters it was run on, in
// the shape `durand analyze eventstudy --format json` writes.
type eventStudyAnswer struct {
	Shock, Outcome string
	// ShockEvents counts the events matching the shock filter.
	ShockEvents int
	Study       escalation.EventStudyResult
}

// parseEventStudy reads `durand analyze eventstudy`'s flags as
// parameters: shock, outcome, weekly, before, after, placebos,
// keep_overlapping, independent_placebos, seed.
func parseEventStudy(v url.Values) (analysis, error) {
	p := &params{v: v}
	shock, outcome := p.filter("shock", true), p.filter("outcome", true)
	weekly := p.flag("weekly")
	opt := escalation.EventStudyOptions{Before: p.num("before", 0, 365), After: p.num("after", 0, 365),
		Placebos: p.num("placebos", 0, maxDraws), KeepOverlapping: p.flag("keep_overlapping"),
		IndependentPlacebos: p.flag("independent_placebos"), Rand: p.rand()}
	if p.err != nil {
		return nil, p.err
	}
	ans := eventStudyAnswer{Shock: p.str("shock", true), Outcome: p.str("outcome", true)}
	return func(ctx context.Context, sel *escalation.Selection) (any, error) {
		occ := sel.Occurrences()
		if err := checkSides(occ, map[string]escalation.Side{"shock source": shock.Source, "shock target": shock.Target,
			"outcome source": outcome.Source, "outcome target": outcome.Target}); err != nil {
			return nil, err
		}
		from, to := sel.Bounds()
		step := 1
		if weekly {
			step, from = 7, escalation.Weekly.Floor(from)
		}
		shocks := escalation.Days(occ, shock)
		if err := atLeast("shock "+ans.Shock, len(shocks)); err != nil {
			return nil, err
		}
		var err error
		ans.ShockEvents = len(shocks)
		opt.Context = ctx
		ans.Study, err = escalation.EventStudy(shocks, escalation.Bin(occ, outcome, from, to, step), opt)
		return ans, err
	}, nil
}

// parseHawkes reads `durand analyze hawkes`'s flags for sides as
// parameters: side (2 to MaxSides of them), where, link, horizon, draws,
// paths, counterfactual (SOURCE>TARGET, repeatable), observed,
// min_events and seed. Process i is the events with a source of side i
// (and matching where).
func parseHawkes(v url.Values) (analysis, error) {
	p := &params{v: v}
	ps, err := hawkesSides(v["side"], p.str("where", false))
	if err != nil {
		return nil, err
	}
	opt := escalation.HawkesReportOptions{Horizon: p.num("horizon", 0, 365), Draws: p.num("draws", 0, maxDraws),
		Paths: p.num("paths", 0, maxPaths), Observed: p.flag("observed"), MaxEvents: maxHawkesEvents, Rand: p.rands()}
	if l := p.str("link", false); l != "" {
		if err := opt.Link.UnmarshalText([]byte(l)); err != nil {
			p.fail("link: %q is not linear or softplus", l)
		}
	}
	if opt.Paths == 1 {
		p.fail("paths: 1 path per draw, want at least 2 (or 0 for 20)")
	}
	if opt.MinEvents = p.num("min_events", 0, maxHawkesEvents); opt.MinEvents > 0 && opt.MinEvents < MinAnalysisEvents {
		p.fail("min_events: %d, want at least %d (or 0 for 10 per parameter of a rate)", opt.MinEvents, MinAnalysisEvents)
	}
	cfs := v["counterfactual"]
	if len(cfs) > len(ps)*len(ps) {
		p.fail("counterfactual: %d given, at most %d (one per effect)", len(cfs), len(ps)*len(ps))
	}
	for _, c := range cfs {
		e, err := escalation.ParseHawkesEffect(c, ps)
		if err != nil {
			p.fail("counterfactual: %v", err)
		}
		opt.Counterfactuals = append(opt.Counterfactuals, e)
	}
	if p.err != nil {
		return nil, p.err
	}
	return func(ctx context.Context, sel *escalation.Selection) (any, error) {
		occ := sel.Occurrences()
		for _, pr := range ps {
			if err := escalation.CheckSide(occ, pr.Match.Source); err != nil {
				return nil, fmt.Errorf("side=%s: %w", pr.Name, err)
			}
		}
		from, to := sel.Bounds()
		opt.Context = ctx
		rep, err := escalation.Hawkes(occ, ps, from, to, opt)
		if errors.Is(err, escalation.ErrTooFewEvents) {
			return nil, fmt.Errorf("%w. Widen the period or the filters, give fewer sides, or lower min_events (at least %d) at your own risk", err, MinAnalysisEvents)
		}
		return rep, err
	}, nil
}

// hawkesSides are the processes of the side parameters, narrowed by
// where.
func hawkesSides(sides []string, where string) ([]escalation.HawkesProcess, error) {
	if len(sides) < 2 || len(sides) > MaxSides {
		return nil, fmt.Errorf("side: %d sides given, want 2 to %d (side=PAK&side=TTP)", len(sides), MaxSides)
	}
	var ps []escalation.HawkesProcess
	for _, s := range sides {
		sd, err := sideValue("side", s)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(ps, func(p escalation.HawkesProcess) bool { return p.Name == string(sd) }) {
			return nil, fmt.Errorf("side: %s given twice", sd)
		}
		pr, err := escalation.SideProcess(sd, where)
		if err != nil {
			return nil, fmt.Errorf("where: %v", err)
		}
		ps = append(ps, pr)
	}
	return ps, nil
}

// side reads a required side parameter.
func (p *params) side(k string) escalation.Side {
	s := p.str(k, true)
	if p.err != nil {
		return ""
	}
	sd, err := sideValue(k, s)
	if err != nil {
		p.fail("%v", err)
	}
	return sd
}

// sideValue is a side parameter's value, checked as an actor code
// prefix.
func sideValue(k, s string) (escalation.Side, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 || strings.ContainsAny(s, ",= ") {
		return "", fmt.Errorf("%s: %q is not an actor code prefix such as PAK or TTP", k, s)
	}
	return escalation.Side(strings.ToUpper(s)), nil
}

// days is a comma-separated list of windows in days (1 to 365, at most
// 10 of them); absent is nil, the model's default.
func (p *params) days(k string) []int {
	s := p.str(k, false)
	if s == "" {
		return nil
	}
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 365 {
			p.fail("%s: %q is not a number of days from 1 to 365", k, f)
			return nil
		}
		out = append(out, n)
	}
	if len(out) > 10 {
		p.fail("%s: %d windows, at most 10", k, len(out))
	}
	return out
}
