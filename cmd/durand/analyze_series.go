package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/durandhq/durand/escalation"
)

func newAnalyzeSeries(a *analyzeFlags) *cobra.Command {
	var period, where string
	var by, sides []string
	var fill bool
	cmd := &cobra.Command{
		Use:   "series [--period day|week|month] [--by dyad,type,mode,place] [--sides PAK,TTP,AFG] [--where FILTER] [--fill]",
		Short: "Events and fatalities per period, split by dyad, type, mode or place",
		Long: `Series counts the events and their known fatalities per calendar period (a day, an ISO week from Monday, a
calendar month) and per key: dyad (source side → target side), type, mode and place (country and province). A
dyad's sides are those of --sides, in order (list PAK.MIL before PAK to split it out; codes of no side are
"other"), or, without --sides, each code's first segment. An event naming actors of several sides on one end is
counted once, under the sides joined by "+". --where narrows the events with a FILTER. --fill writes a zero row
for every key in every period it did not occur in. unknown_tolls counts the events whose toll is not known, so
that a zero is not read as peace. The plot draws events and fatalities per period, a line per key (the 8 keys
with most events; the rest summed as "all other keys").`,
		Args: analyzeNoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := escalation.ParsePeriod(period)
			if err != nil {
				return usagef("--period: %v", err)
			}
			opt := escalation.TableOptions{Period: p, Fill: fill}
			for _, k := range splitList(by) {
				if !slices.Contains([]string{"dyad", "type", "mode", "place"}, k) {
					return usagef("--by %q: want dyad, type, mode or place", k)
				}
				opt.By = append(opt.By, escalation.TableKey(k))
			}
			d, err := a.load(cmd)
			if err != nil {
				return err
			}
			for _, s := range splitList(sides) {
				if err := d.sideCheck("--sides", escalation.Side(s)); err != nil {
					return err
				}
				opt.Sides = append(opt.Sides, escalation.Side(s))
			}
			f, err := d.filterFlag("--where", where)
			if err != nil {
				return err
			}
			if !d.query.From.IsZero() || !d.query.To.IsZero() {
				opt.From, opt.To = d.bounds()
			}
			t, err := escalation.Tabulate(d.occ, f, opt)
			if err != nil {
				return err
			}
			return a.write(cmd, d, analysisReport{
				JSON:    t,
				Records: t.Records(),
				Table:   func(w io.Writer) error { return seriesTable(w, t) },
				Figure:  func() (*figure, error) { return seriesFigure(t) },
			})
		},
	}
	cmd.Flags().StringVar(&period, "period", "month", "period: day, week or month")
	cmd.Flags().StringSliceVar(&by, "by", []string{"dyad"}, "split by: dyad, type, mode, place (comma-separated; none: totals per period)")
	cmd.Flags().StringSliceVar(&sides, "sides", nil, "sides of the dyads, actor code prefixes in order (default: each code's first segment)")
	cmd.Flags().StringVar(&where, "where", "", "count only the events matching FILTER (source=,target=,type=,mode=,place=)")
	cmd.Flags().BoolVar(&fill, "fill", false, "write zero rows for keys absent in a period")
	return cmd
}

// seriesTable writes the table as aligned columns under a line of totals.
func seriesTable(w io.Writer, t escalation.Table) error {
	by := "totals"
	if len(t.By) > 0 {
		var keys []string
		for _, k := range t.By {
			keys = append(keys, string(k))
		}
		by = "by " + strings.Join(keys, ", ")
	}
	fmt.Fprintf(w, "%d events, %d fatalities (%d events of unknown toll), per %s from %s to %s, %s.\n\n",
		t.Events, t.Fatalities, t.UnknownTolls, t.Period, analysisDate(t.From), analysisDate(t.To), by)
	tw := newTable(w)
	for _, rec := range t.Records() {
		fmt.Fprintln(tw, strings.Join(rec, "\t"))
	}
	return tw.Flush()
}

// seriesMaxKeys is the number of keys the series plot draws a line for;
// more would be a tangle no legend could name.
const seriesMaxKeys = 8

// seriesFigure draws events and fatalities per period, a line per key.
func seriesFigure(t escalation.Table) (*figure, error) {
	var starts []int
	for d := t.Period.Floor(t.From); d <= t.To; d = t.Period.Next(d) {
		starts = append(starts, d)
	}
	idx := make(map[int]int, len(starts))
	xs := make([]float64, len(starts))
	for i, d := range starts {
		idx[d] = i
		xs[i] = float64(escalation.DateOf(d).Unix())
	}
	keys, events, deaths := seriesLines(t, idx, len(starts))
	unit := t.Period.String()
	var plots [][]*plot.Plot
	for _, panel := range []struct {
		what   string
		values [][]float64
	}{{"events", events}, {"fatalities", deaths}} {
		p := newPlot(fmt.Sprintf("%s per %s", strings.ToUpper(panel.what[:1])+panel.what[1:], unit),
			fmt.Sprintf("%s (start of the %s)", "date", unit), fmt.Sprintf("%s per %s", panel.what, unit))
		p.X.Tick.Marker = calendarTicks{}
		p.Legend.Left = false
		top := 0.0
		for i, k := range keys {
			c := plotColor(i)
			if k == seriesRest {
				c = plotNull
			}
			if err := addLine(p, k, xs, panel.values[i], c, false); err != nil {
				return nil, err
			}
			top = max(top, slices.Max(panel.values[i]))
		}
		// Room above the lines for the legend, a row per key.
		p.Y.Min, p.Y.Max = 0, max(1, top)*(1+0.09*float64(len(keys)))
		plots = append(plots, []*plot.Plot{p})
	}
	return gridFigure("", plots, 9*vg.Inch, 4*vg.Inch), nil
}

// seriesRest labels the line of the keys past the first few.
const seriesRest = "all other keys"

// seriesLines is the label and the events and fatalities per period of
// each key the plot draws, most events first.
func seriesLines(t escalation.Table, idx map[int]int, n int) (keys []string, events, deaths [][]float64) {
	total := map[string]int{}
	for _, r := range t.Rows {
		total[seriesKey(r, t.By)] += r.Events
	}
	for k := range total {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int { return cmp.Or(total[y]-total[x], strings.Compare(x, y)) })
	if len(keys) > seriesMaxKeys {
		keys = append(keys[:seriesMaxKeys-1], seriesRest)
	}
	pos := map[string]int{}
	for i, k := range keys {
		pos[k] = i
		events = append(events, make([]float64, n))
		deaths = append(deaths, make([]float64, n))
	}
	for _, r := range t.Rows {
		i, ok := pos[seriesKey(r, t.By)]
		if !ok {
			i = pos[seriesRest]
		}
		events[i][idx[r.Start]] += float64(r.Events)
		deaths[i][idx[r.Start]] += float64(r.Fatalities)
	}
	return keys, events, deaths
}

// seriesKey names a row's key for a legend: "PAK→TTP ASSAULT aerial
// PAK/Khyber Pakhtunkhwa", "all" for a table of totals.
func seriesKey(r escalation.TableRow, by []escalation.TableKey) string {
	var parts []string
	or := func(s string) string { return cmp.Or(s, "?") }
	for _, k := range by {
		switch k {
		case escalation.KeyDyad:
			parts = append(parts, or(r.Source)+"→"+or(r.Target))
		case escalation.KeyType:
			parts = append(parts, or(string(r.Type)))
		case escalation.KeyMode:
			parts = append(parts, or(r.Mode))
		case escalation.KeyPlace:
			parts = append(parts, or(r.Country)+"/"+or(r.Admin1))
		}
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, " ")
}
