package escalation

import (
	"cmp"
	"fmt"
	"slices"
)

// BacktestBy is what a backtest's units are.
type BacktestBy string

// The units a backtest can forecast.
const (
	// ByProvince makes a unit of each country and admin1 ("PAK/Punjab":
	// admin1 names repeat across countries).
	ByProvince BacktestBy = "province"
	// ByCountry makes a unit of each country.
	ByCountry BacktestBy = "country"
	// ByDyad makes a unit of each source side → target side, grouped as
	// Tabulate groups them ("PAK→TTP").
	ByDyad BacktestBy = "dyad"
)

// BacktestUnits groups the occurrences matching f into units, ordered by
// their number of events, most first (ties by name). An occurrence that
// has no unit (no admin1 for ByProvince, no country for ByCountry, no
// source or no target for ByDyad) is left out and counted in left.
// sides groups actor codes for ByDyad as in TableOptions.Sides.
func BacktestUnits(occ []Occurrence, f Filter, by BacktestBy, sides []Side) (units []BacktestUnit, left int, err error) {
	if !slices.Contains([]BacktestBy{ByProvince, ByCountry, ByDyad}, by) {
		return nil, 0, fmt.Errorf("backtest units %q: want province, country or dyad", by)
	}
	idx := map[string]int{}
	for _, o := range occ {
		if !f.Match(o) {
			continue
		}
		name := backtestUnitName(o, by, sides)
		if name == "" {
			left++
			continue
		}
		i, ok := idx[name]
		if !ok {
			i = len(units)
			idx[name] = i
			units = append(units, BacktestUnit{Name: name})
		}
		units[i].Days = append(units[i].Days, o.Day)
	}
	slices.SortFunc(units, func(a, b BacktestUnit) int {
		return cmp.Or(len(b.Days)-len(a.Days), cmp.Compare(a.Name, b.Name))
	})
	return units, left, nil
}

// backtestUnitName is o's unit, "" when it has none.
func backtestUnitName(o Occurrence, by BacktestBy, sides []Side) string {
	switch by {
	case ByProvince:
		if o.Admin1 == "" {
			return ""
		}
		return cmp.Or(o.Country, "?") + "/" + o.Admin1
	case ByCountry:
		return o.Country
	}
	src, tgt := sideLabel(o.Source, sides), sideLabel(o.Target, sides)
	if src == "" || tgt == "" {
		return ""
	}
	return src + "→" + tgt
}
