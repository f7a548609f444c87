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
