package recognize

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// seedActors are actors the fuzzed ones add to.
const seedActors = "id\tcode\tnames\ngondor\tGON\tGondor|Men of Gondor\n"

// FuzzAddActors reads any text as an --actors file in the actors.tsv
// format: it is refused whole, naming the row, and the lexicon is as it
// was; or every row is an actor's role, with the row's code, names and a
// period that ends after it starts, and each name finds its actor.
func FuzzAddActors(f *testing.F) {
	const head = "id\tfrom\tuntil\tcode\tcountry\tsector\tname\tnames\tin\n"
	f.Add(head + "gondor\t\t\tGON\tGON\tinsurgent\tGondor\tGondor|Gondorian rebels|Men of Gondor\n" +
		"gondor\t3019-03-15\t\tOSG\tOSG\tinsurgent\tOsgiliath militia\tGondor\tOSG|ITH\n")
	f.Add(head + "arnor\t2020-01-01\t2019-01-01\tARN\t\t\tArnor\tArnor\n")
	f.Add(head + "x\t\t\t\t\t\t\tX\n\"quoted\ttab\"\t2021-02-31\n")
	rowErr := regexp.MustCompile(`^(row (\d+): |actors: )`)
	f.Fuzz(func(t *testing.T, in string) {
		// An empty lexicon: loading the shipped one takes 0.7 s, and
		// adding to it changes tries that copies of it share.
		lx := newLexicon()
		if err := lx.AddActors(strings.NewReader(seedActors)); err != nil {
			t.Fatal(err)
		}
		before, ents := len(lx.Actors), len(lx.entities)
		err := lx.AddActors(strings.NewReader(in))
		if err != nil {
			m := rowErr.FindStringSubmatch(err.Error())
			if n, _ := strconv.Atoi(m[2]); m == nil || m[2] != "" && (n < 2 || n > strings.Count(in, "\n")+1) {
				t.Fatalf("error %q names no row of the input", err)
			}
			if len(lx.Actors) != before || len(lx.entities) != ents {
				t.Fatalf("refused, yet %d actors and %d names were added", len(lx.Actors)-before, len(lx.entities)-ents)
			}
			return
		}
		rows, _ := readRows(strings.NewReader(in), "actors")
		for _, r := range rows {
			checkActorRow(t, lx, r)
		}
	})
}

// checkActorRow: the actor of r's id has r's role and names, and a name of
// it that a sentence can hold is recognized as one of its actors.
func checkActorRow(t *testing.T, lx *Lexicon, r map[string]string) {
	t.Helper()
	i := slices.IndexFunc(lx.Actors, func(a *durand.ActorDef) bool { return a.ID == r["id"] })
	if i < 0 {
		t.Fatalf("row %q: no actor %q", r, r["id"])
	}
	def := lx.Actors[i]
	if !slices.ContainsFunc(def.Roles, func(role durand.ActorRole) bool {
		return string(role.Code) == r["code"] && role.Name == r["name"] && role.Country == r["country"] && role.Sector == r["sector"] &&
			(role.From.IsZero() || role.Until.IsZero() || role.Until.After(role.From)) &&
			role.From.Equal(day(r["from"])) && role.Until.Equal(day(r["until"]))
	}) {
		t.Fatalf("row %q: actor %q has roles %+v", r, r["id"], def.Roles)
	}
	for _, n := range split(r["names"]) {
		if !slices.Contains(def.Names, n) {
			t.Fatalf("row %q: name %q missing from %q", r, n, def.Names)
		}
		ws := words(n)
		if len(ws) == 0 || slices.Contains(ws, "_") {
			continue // no words to find, or any word
		}
		end, vals := lx.ents.longest(lx.vocab.phrase(ws), 0, nil)
		if end != len(ws) || !slices.ContainsFunc(vals, func(v int32) bool { return lx.entities[v].actor == def }) {
			t.Fatalf("row %q: name %q (words %q) does not find actor %q", r, n, ws, def.ID)
		}
	}
}

// day is an ISO date, zero for none.
func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}
