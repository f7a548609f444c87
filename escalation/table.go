package escalation

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// TableKey is a field a table can be split by.
type TableKey string

// The keys of a table. KeyPlace splits by country and admin1 together,
// since admin1 names repeat across countries (Punjab is in Pakistan and
// in India).
const (
	KeyDyad  TableKey = "dyad"
	KeyType  TableKey = "type"
	KeyMode  TableKey = "mode"
	KeyPlace TableKey = "place"
)

// OtherSide labels the actors of an occurrence that belong to none of a
// table's sides.
const OtherSide = "other"

// TableOptions says how Tabulate groups occurrences.
type TableOptions struct {
	// Period is the length of the time bins; the zero value is Daily.
	Period Period
	// By lists the keys to split each period by; none gives one row per
	// period with the totals.
	By []TableKey
	// Sides group actor codes for KeyDyad: a code belongs to the first
	// side that has it (list PAK.MIL before PAK to split it out), and a
	// code of none is OtherSide. With no sides, a code is grouped by its
	// first segment (PAK.MIL and PAK.POL are PAK).
	Sides []Side
	// From and To bound the days counted; both zero means the span of
	// the occurrences selected.
	From, To int
	// Fill adds a zero row for every key in every period where the key
	// did not occur, so a plot or CSV has no holes. Rows grow as periods
	// times keys: mind daily tables over decades.
	Fill bool
}

// TableRow is one line of a long table: the events of one period and key.
// Key fields the table is not split by are empty; an empty Type, Mode,
// Admin1 or Country in a split table means the events did not say.
type TableRow struct {
	// Start and End are the first and last days of the calendar period;
	// the table's bounds may cut the first and last periods.
	Start, End int
	// Source and Target are the sides of the dyad: several sides joined
	// by "+" when the event names actors of several (see Tabulate),
	// empty when it names none.
	Source, Target  string
	Type            durand.EventType
	Mode            string
	Country, Admin1 string
	Events          int
	// Fatalities sums the known tolls; UnknownTolls counts the events
	// whose toll is unknown, so a zero is not read as peace.
	Fatalities, UnknownTolls int
}

// Table is a long table of events and fatalities per period and key.
// Every selected event is in exactly one row, so the rows of a period
// add up to its totals.
type Table struct {
	Period   Period
	By       []TableKey
	From, To int
	Rows     []TableRow
	// Events, Fatalities and UnknownTolls are the totals over the rows.
	Events, Fatalities, UnknownTolls int
}

// Tabulate counts the occurrences matching f per period and key.
//
// An event naming actors of several sides on one end (sources PAK.MIL
// and AFG.MIL) is counted once, under the joined label "PAK+AFG" (sides
// in the order of opt.Sides, or sorted when grouping by prefix), not
// once per side: a table that counted it under PAK and under AFG would
// add up to more events than happened. Read a joint label as "together".
func Tabulate(occ []Occurrence, f Filter, opt TableOptions) (Table, error) {
	for _, k := range opt.By {
		if !slices.Contains([]TableKey{KeyDyad, KeyType, KeyMode, KeyPlace}, k) {
			return Table{}, fmt.Errorf("table key %q: want dyad, type, mode or place", k)
		}
	}
	if opt.From > opt.To {
		return Table{}, fmt.Errorf("table: from %s is after to %s", DateOf(opt.From).Format(time.DateOnly), DateOf(opt.To).Format(time.DateOnly))
	}
	var sel []Occurrence
	for _, o := range occ {
		if f.Match(o) && (opt.From == 0 && opt.To == 0 || o.Day >= opt.From && o.Day <= opt.To) {
			sel = append(sel, o)
		}
	}
	if len(sel) == 0 {
		return Table{}, errors.New("table: no events selected")
	}
	t := Table{Period: opt.Period, By: opt.By, From: opt.From, To: opt.To}
	if t.From == 0 && t.To == 0 {
		t.From, t.To = sel[0].Day, sel[0].Day
		for _, o := range sel {
			t.From, t.To = min(t.From, o.Day), max(t.To, o.Day)
		}
	}
	rows := map[TableRow]*TableRow{}
	for _, o := range sel {
		k := tableKey(o, opt)
		k.Start = opt.Period.Floor(o.Day)
		k.End = opt.Period.Next(o.Day) - 1
		r := rows[k]
		if r == nil {
			r = &TableRow{}
			*r = k
			rows[k] = r
		}
		r.Events++
		t.Events++
		if o.Fatalities >= 0 {
			r.Fatalities += o.Fatalities
			t.Fatalities += o.Fatalities
		} else {
			r.UnknownTolls++
			t.UnknownTolls++
		}
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, *r)
	}
	if opt.Fill {
		t.Rows = tableFill(t.Rows, opt.Period, t.From, t.To)
	}
	slices.SortFunc(t.Rows, tableCompareRows)
	return t, nil
}

// tableKey is the row o falls in, without its period.
func tableKey(o Occurrence, opt TableOptions) TableRow {
	var k TableRow
	for _, by := range opt.By {
		switch by {
		case KeyDyad:
			k.Source, k.Target = sideLabel(o.Source, opt.Sides), sideLabel(o.Target, opt.Sides)
		case KeyType:
			k.Type = o.Type
		case KeyMode:
			k.Mode = o.Mode
		case KeyPlace:
			k.Country, k.Admin1 = o.Country, o.Admin1
		}
	}
	return k
}

// sideLabel names the sides of codes: those of sides in their order
// (and OtherSide last), or the codes' first segments sorted when sides
// is empty, joined by "+".
func sideLabel(codes []durand.ActorCode, sides []Side) string {
	var labels []string
	if len(sides) == 0 {
		for _, c := range codes {
			head, _, _ := strings.Cut(string(c), ".")
			labels = append(labels, head)
		}
		slices.Sort(labels)
		return strings.Join(slices.Compact(labels), "+")
	}
	seen := make([]bool, len(sides)+1)
	for _, c := range codes {
		i := slices.IndexFunc(sides, func(s Side) bool { return s.Has(c) })
		if i < 0 {
			i = len(sides)
		}
		seen[i] = true
	}
	for i, s := range sides {
		if seen[i] {
			labels = append(labels, string(s))
		}
	}
	if seen[len(sides)] {
		labels = append(labels, OtherSide)
	}
	return strings.Join(labels, "+")
}

// tableFill adds a zero row for each key in each period of [from, to]
// where it has none.
func tableFill(rows []TableRow, p Period, from, to int) []TableRow {
	keys := map[TableRow]bool{}
	have := map[TableRow]bool{}
	for _, r := range rows {
		k := r
		k.Events, k.Fatalities, k.UnknownTolls = 0, 0, 0
		have[k] = true
		k.Start, k.End = 0, 0
		keys[k] = true
	}
	for d := p.Floor(from); d <= to; d = p.Next(d) {
		for k := range keys {
			k.Start, k.End = d, p.Next(d)-1
			if !have[k] {
				rows = append(rows, k)
			}
		}
	}
	return rows
}

func tableCompareRows(a, b TableRow) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target),
		cmp.Compare(a.Type, b.Type), cmp.Compare(a.Mode, b.Mode),
		cmp.Compare(a.Country, b.Country), cmp.Compare(a.Admin1, b.Admin1))
}

// Records is the table as CSV records, a header first: period start and
// end dates, the key columns the table is split by (dyad gives source and
// target, place gives country and admin1), then events, fatalities and
// unknown_tolls.
func (t Table) Records() [][]string {
	head := []string{"period", "end"}
	for _, k := range t.By {
		switch k {
		case KeyDyad:
			head = append(head, "source", "target")
		case KeyPlace:
			head = append(head, "country", "admin1")
		default:
			head = append(head, string(k))
		}
	}
	out := [][]string{append(head, "events", "fatalities", "unknown_tolls")}
	for _, r := range t.Rows {
		rec := []string{DateOf(r.Start).Format(time.DateOnly), DateOf(r.End).Format(time.DateOnly)}
		for _, k := range t.By {
			switch k {
			case KeyDyad:
				rec = append(rec, r.Source, r.Target)
			case KeyType:
				rec = append(rec, string(r.Type))
			case KeyMode:
				rec = append(rec, r.Mode)
			case KeyPlace:
				rec = append(rec, r.Country, r.Admin1)
			}
		}
		rec = append(rec, strconv.Itoa(r.Events), strconv.Itoa(r.Fatalities), strconv.Itoa(r.UnknownTolls))
		out = append(out, rec)
	}
	return out
}
