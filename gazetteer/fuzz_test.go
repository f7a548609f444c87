package gazetteer_test

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/durandhq/durand/gazetteer"
)

// FuzzLoad reads any text as a gazetteer: it is refused naming a line, or
// every entry has a unique id, a known kind, a point on the globe and a
// population, is found by its id (and an admin unit by its name), and the
// entries written back read as the same entries.
func FuzzLoad(f *testing.F) {
	f.Add("# comment\nid\tkind\tname\tcountry\tadmin1\tadmin2\tlat\tlon\tpop\tnames\n" +
		"afd:d1\tadm2\tArghanj Khwa\tAFG\tBadakhshan\tArghanj Khwa\t37.36658\t70.97067\t0\tارغنجخواه|Arghanj Khwa district\n" +
		"c:pak\tcountry\tPakistan\tPAK\t\t\t30\t70\t240000000\t\n")
	f.Add("x\tadm1\tName\tAFG\t\t\tNaN\t1\t0\ta||b\nx\ttown\tT\tAFG\t\t\t1\t2\t-3\t\n")
	lineErr := regexp.MustCompile(`^gazetteer line (\d+): `)
	f.Fuzz(func(t *testing.T, in string) {
		g, err := gazetteer.Load(strings.NewReader(in))
		if err != nil {
			m := lineErr.FindStringSubmatch(err.Error())
			if n, _ := strconv.Atoi(m[1]); m == nil || n < 1 || n > strings.Count(in, "\n")+1 {
				t.Fatalf("error %q names no line of the input", err)
			}
			return
		}
		for i := range g.Entries {
			checkEntry(t, g, &g.Entries[i])
		}
		again, err := gazetteer.Load(strings.NewReader(write(g)))
		if err != nil || !reflect.DeepEqual(again.Entries, g.Entries) {
			t.Fatalf("entries %+v written back read as %+v, %v", g.Entries, again, err)
		}
	})
}

func checkEntry(t *testing.T, g *gazetteer.Gazetteer, e *gazetteer.Entry) {
	t.Helper()
	switch {
	case e.ID == "" || e.Name == "" || g.Get(e.ID) != e:
		t.Fatalf("entry %+v: not found by its id", e)
	case !(e.Lat >= -90 && e.Lat <= 90 && e.Lon >= -180 && e.Lon <= 180) || e.Pop < 0:
		t.Fatalf("entry %+v: point or population out of bounds", e)
	case e.Precision() == "" || e.Rank() < 0:
		t.Fatalf("entry %+v: kind", e)
	}
	for _, n := range e.Names {
		if n == "" {
			t.Fatalf("entry %+v: an empty name", e)
		}
	}
	switch e.Kind {
	case gazetteer.Country, gazetteer.Admin1, gazetteer.Admin2:
		if u := g.Unit(e.Country, e.Kind, e.Name); u == nil || u.Country != e.Country || u.Kind != e.Kind || !strings.EqualFold(u.Name, e.Name) {
			t.Fatalf("entry %+v: unit by its name is %+v", e, u)
		}
	}
	if e.Kind == gazetteer.Country {
		if c := g.Country(e.Country); c == nil || c.Kind != gazetteer.Country || c.Country != e.Country {
			t.Fatalf("entry %+v: country by its code is %+v", e, c)
		}
	}
}

// write writes g in the format Load reads.
func write(g *gazetteer.Gazetteer) string {
	var b strings.Builder
	ff := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, e := range g.Entries {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", e.ID, e.Kind, e.Name, e.Country, e.Admin1, e.Admin2,
			ff(e.Lat), ff(e.Lon), e.Pop, strings.Join(e.Names, "|"))
	}
	return b.String()
}
