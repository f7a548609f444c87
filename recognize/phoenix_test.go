package recognize

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/sentence"
)

func TestAddPhoenix(t *testing.T) {
	lx, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/phoenix.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := lx.AddPhoenix(f, func(err error) { t.Errorf("warning: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	if n != 8 { // ISILDUR's "+++" adds nothing
		t.Errorf("added %d entries, want 8", n)
	}
	r := New(lx)
	tests := []struct {
		text string
		want string // the first actor mention: actor id, agent code and nation
	}{
		{"Arnor's president spoke.", "agent=~GOV nation=ARN"},
		{"The Arnorian congressmen spoke.", "agent=~LEG nation=ARN"},
		{"Arnor spoke.", "nation=ARN"},
		{"Smeagol spoke.", "actor=phoenix:HOB"},
		{"Ithilen government radio said so.", "actor=phoenix:ITHRAD"},
		{"The attorneys general spoke.", "agent=~JUD"},
		{"The UN spoke.", "actor=phoenix:IGOUNO"},
		{"They will un-do it.", ""}, // short names match only as written
		{"Isildur spoke.", ""},
	}
	for _, tt := range tests {
		s := sentence.Split(durand.Document{Text: tt.text})[0]
		got := ""
		for _, m := range r.Recognize(tt.text, s) {
			if m.Kind != durand.ActorMention {
				continue
			}
			var parts []string
			if m.Actor != nil {
				parts = append(parts, "actor="+m.Actor.ID)
			}
			if m.Agent != nil {
				parts = append(parts, "agent="+string(m.Agent.Code))
			}
			if m.Nation != "" {
				parts = append(parts, "nation="+m.Nation)
			}
			got = strings.Join(parts, " ")
			break
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
	// Dated codes become roles.
	for _, a := range lx.Actors {
		if a.ID != "phoenix:HOB" {
			continue
		}
		for _, c := range []struct {
			day  string
			code durand.ActorCode
		}{{"1994-01-01", "HOB"}, {"1997-01-01", "HOBGOV"}, {"2001-01-01", "HOBREB"}} {
			day, _ := time.Parse("2006-01-02", c.day)
			if r, ok := a.At(day); !ok || r.Code != c.code {
				t.Errorf("Gollum on %s: %q, want %q", c.day, r.Code, c.code)
			}
		}
	}
}

func TestAddPhoenixBadLines(t *testing.T) {
	lx, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	// The last three have no name of words: they added an actor nothing
	// named, or an agent named "S".
	for _, in := range []string{"+ALIAS FIRST\n", "[ABC]\n", "GOLLUM\n\t[HOB < 9506]\n", "GOLLUM\n\t[HOB 19951301 - 19990815]\n",
		"_ [ARN]\n", "- [0]\n", "!X! = _\n!X! [~GOV]\n"} {
		var warned []error
		if n, err := lx.AddPhoenix(strings.NewReader(in), func(err error) { warned = append(warned, err) }); err != nil || n != 0 {
			t.Errorf("AddPhoenix(%q): %d added, %v", in, n, err)
		}
		if len(warned) != 1 || !strings.Contains(warned[0].Error(), "line ") {
			t.Errorf("AddPhoenix(%q) warned %v, want one warning naming the line", in, warned)
		}
	}
}

// FuzzAddPhoenix: any input is read, each line it cannot read reported
// by its number, never a panic; it adds at most an entry a line, and
// names the recognizer finds.
func FuzzAddPhoenix(f *testing.F) {
	b, err := os.ReadFile("testdata/phoenix.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("X [~]\n!A! = \nB!A!C [~GOV]\n<!-- open")
	f.Fuzz(func(t *testing.T, in string) {
		lx := newLexicon() // the shipped one takes 0.7 s to load, and adding changes what its copies share
		ents := len(lx.entities)
		n, err := lx.AddPhoenix(strings.NewReader(in), func(err error) { namesLine(t, in, err) })
		if err != nil {
			return
		}
		if n < 0 || n > strings.Count(in, "\n")+1 || n > 0 && len(lx.entities) == ents {
			t.Fatalf("%d entries added from %d lines, %d names", n, strings.Count(in, "\n")+1, len(lx.entities)-ents)
		}
	})
}

// TestExpandMacros: substituted text is not read again, so a macro defined
// in terms of itself ends (it recursed until the stack overflowed); a
// macro's value uses the macros defined before it; an undefined one is
// dropped; many macros stop at maxExpansions names.
func TestExpandMacros(t *testing.T) {
	macros := map[string][]string{}
	lx := newLexicon()
	_, err := lx.AddPhoenix(strings.NewReader("!A! = X!A!, Y\n!B! = !A!Z\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		defs, name string
		want       []string
	}{
		{"!A! = X!A!, Y", "P!A!Q", []string{"PXQ", "PYQ"}},
		{"!A! = M, N\n!B! = !A!Z", "!B!!A!", []string{"MZM", "NZM", "MZN", "NZN"}},
		{"", "P!U!Q", []string{"PQ"}},
	} {
		clear(macros)
		for _, l := range strings.Split(c.defs, "\n") {
			if m := phoenixMacro.FindStringSubmatch(l); m != nil {
				for _, v := range strings.Split(m[2], ",") {
					macros[m[1]] = append(macros[m[1]], expandMacros(strings.TrimSpace(v), macros)...)
				}
			}
		}
		if got := expandMacros(c.name, macros); !slices.Equal(got, c.want) {
			t.Errorf("%q with %q: %q, want %q", c.name, c.defs, got, c.want)
		}
	}
	clear(macros)
	macros["!M!"] = []string{"a", "b", "c", "d"}
	if n := len(expandMacros(strings.Repeat("!M!", 20), macros)); n != maxExpansions {
		t.Errorf("20 macros of 4: %d names, want %d", n, maxExpansions)
	}
}
