package recognize

import (
	"slices"
	"strings"
	"testing"

	"github.com/durandhq/durand/data"
)

// TestAddActorsIn: a role limited to a place keeps its own names and adds
// no second entry for the names the actor has already; one that lists no
// names is refused, as it would take every name, "Afghan Taliban"
// included.
func TestAddActorsIn(t *testing.T) {
	const head = "id\tfrom\tuntil\tcode\tcountry\tsector\tname\tnames\tin\n"
	lx, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	n := len(lx.Actors)
	err = lx.AddActors(strings.NewReader(head +
		"gondor\t\t\tGON\tGON\tinsurgent\tGondor\tGondor|Gondorian rebels|Men of Gondor\n" +
		"gondor\t3019-03-15\t\tOSG\tOSG\tinsurgent\tOsgiliath militia\tGondor|Gondorian rebels\tOSG|ITH\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.Actors) != n+1 {
		t.Fatalf("%d actors added, want 1", len(lx.Actors)-n)
	}
	a := lx.Actors[n]
	if want := []string{"Gondor", "Gondorian rebels", "Men of Gondor"}; !slices.Equal(a.Names, want) {
		t.Errorf("names %q, want %q", a.Names, want)
	}
	if r := a.Roles[1]; !slices.Equal(r.In, []string{"OSG", "ITH"}) || !slices.Equal(r.Names, []string{"Gondor", "Gondorian rebels"}) {
		t.Errorf("role limited to a place: in %q, names %q", r.In, r.Names)
	}
	if r := a.Roles[0]; r.In != nil || r.Names != nil {
		t.Errorf("role for everywhere: in %q, names %q; want none", r.In, r.Names)
	}
	err = lx.AddActors(strings.NewReader(head + "gondor\t\t\tOSG\tOSG\tinsurgent\tOsgiliath militia\t\tOSG\n"))
	if err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("a role limited to a place with no names: error %v, want one for row 2", err)
	}
}

// TestAddActorsRefusedWhole: a dictionary with a bad row adds nothing (its
// rows before the bad one were loaded), and a role whose period ends
// before it starts, which would never be taken, is a bad row.
func TestAddActorsRefusedWhole(t *testing.T) {
	const head = "id\tfrom\tuntil\tcode\tnames\n"
	for _, c := range []struct{ name, rows, err string }{
		{"bad third row", "arnor\t\t\tARN\tArnor\nrohan\t\t\tROH\tRohan\nmordor\t\t\t\tMordor\n", "row 4: id and code are required"},
		{"bad date", "arnor\t\t\tARN\tArnor\nrohan\t2021-02-31\t\tROH\tRohan\n", "row 3: from: "},
		{"period backwards", "arnor\t\t\tARN\tArnor\nrohan\t2021-01-01\t2020-01-01\tROH\tRohan\n", "row 3: until 2020-01-01 is not after from 2021-01-01"},
		{"empty period", "rohan\t2021-01-01\t2021-01-01\tROH\tRohan\n", "row 2: until 2021-01-01 is not after from 2021-01-01"},
	} {
		lx := newLexicon()
		err := lx.AddActors(strings.NewReader(head + c.rows))
		if err == nil || !strings.HasPrefix(err.Error(), c.err) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		}
		if len(lx.Actors) != 0 || len(lx.entities) != 0 {
			t.Errorf("%s: refused, yet %d actors and %d names added", c.name, len(lx.Actors), len(lx.entities))
		}
	}
}
