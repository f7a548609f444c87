package recognize

import (
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/sentence"
)

func loadTestVerbs(t *testing.T) (*Lexicon, []string) {
	t.Helper()
	lx, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/verbs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var warnings []string
	if _, err := lx.AddVerbs(f, func(err error) { warnings = append(warnings, err.Error()) }); err != nil {
		t.Fatal(err)
	}
	return lx, warnings
}

func TestAddVerbs(t *testing.T) {
	lx, warnings := loadTestVerbs(t)
	wantWarn := []string{"undefined synset &UNDEFINED", "has no [code]"}
	if len(warnings) != len(wantWarn) {
		t.Fatalf("warnings %q, want %d", warnings, len(wantWarn))
	}
	for i, w := range wantWarn {
		if !strings.Contains(warnings[i], w) || !strings.Contains(warnings[i], "line ") {
			t.Errorf("warning %q: want it to name the line and say %q", warnings[i], w)
		}
	}
	r := New(lx)
	tests := []struct {
		text string
		want string // "verb words=CAMEO code/PLOVER type" of each coded verb
	}{
		{"Arnor will restore diplomatic ties with Gondor.", "restore=064/COOPERATE"},
		{"Arnor renewed its military ties with Gondor.", "renewed=064/COOPERATE"},
		{"Arnor restored relations with Gondor.", ""}, // the block codes nothing alone
		{"Arnor contributed a million rupees to Gondor.", "contributed=071/AID"},
		{"Arnor contributes golden galleons.", "contributes=071/AID"},
		{"Arnor contributes food.", "contributes=070/AID"},
		{"Arnor's troops sped to the disputed border.", "sped=154/MOBILIZE"},
		{"The troops speeded up.", ""}, // irregular forms are given in full
		{"Soldiers cordoned off the roads.", "cordoned off=172/COERCE"},
		{"Soldiers wire tapped the lines.", "wire tapped=1711/COERCE"},
		{"The minister lashed out at Gondor.", "lashed out=111/ACCUSE"},
		{"He called for a renew of talks.", ""},                             // a verb form after an article is a noun
		{"Arnor's king visited Gondor.", "visited=042/CONSULT+043/CONSULT"}, // a paired code: B hosts A
		{"Arnor was determined, Gondor said.", "was determined=030/AGREE"},  // the comma is no verb
		// The built-in lexicon's knowledge of the same words stays: what
		// "killed" counts, what "shot" was fired with (checked below).
		{"Three soldiers were killed in Arnor.", "killed=190/ASSAULT"},
		{"Gunmen shot a soldier in Arnor.", "shot=190/ASSAULT"},
		// A longer built-in phrase says more than the verb inside it.
		{"A suicide car bombing hit Arnor.", ""},
		{"Gunmen shot dead a soldier in Arnor.", ""},
	}
	for _, tt := range tests {
		s := sentence.Split(durand.Document{Text: tt.text})[0]
		var got []string
		for _, m := range r.Recognize(tt.text, s) {
			if m.Kind == durand.TriggerMention && m.Trigger.CAMEO != "" {
				g := tt.text[m.Span.Start:m.Span.End] + "=" + m.Trigger.CAMEO + "/" + string(m.Trigger.Type)
				if p := m.Trigger.Paired; p != nil {
					g += "+" + p.CAMEO + "/" + string(p.Type)
				}
				got = append(got, g)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: coded %q, want %q", tt.text, g, tt.want)
		}
	}
}

// TestVerbsKeepHarm: a verb dictionary's violent verb keeps what the
// built-in lexicon knows of the same words, so that its events still count
// their dead and name their weapon; the code stays the dictionary's.
func TestVerbsKeepHarm(t *testing.T) {
	lx, _ := loadTestVerbs(t)
	r := New(lx)
	tests := []struct {
		text, verb string
		harm       durand.HarmKind
		mode       string
	}{
		{"Three soldiers were killed in Arnor.", "killed", durand.Killed, ""},
		{"Gunmen shot a soldier in Arnor.", "shot", durand.NoHarm, "firearms"},
	}
	for _, tt := range tests {
		s := sentence.Split(durand.Document{Text: tt.text})[0]
		found := false
		for _, m := range r.Recognize(tt.text, s) {
			if m.Kind != durand.TriggerMention || tt.text[m.Span.Start:m.Span.End] != tt.verb {
				continue
			}
			found = true
			if m.Trigger.CAMEO != "190" || m.Trigger.Harm != tt.harm || m.Trigger.Mode != tt.mode {
				t.Errorf("%q: %q is CAMEO %q harm %d mode %q, want 190, %d, %q", tt.text, tt.verb, m.Trigger.CAMEO, m.Trigger.Harm, m.Trigger.Mode, tt.harm, tt.mode)
			}
		}
		if !found {
			t.Errorf("%q: %q not recognised", tt.text, tt.verb)
		}
	}
}

func TestVerbInflections(t *testing.T) {
	tests := map[string][]string{
		"ATTACK":  {"ATTACKS", "ATTACKED", "ATTACKING"},
		"RESTORE": {"RESTORES", "RESTORED", "RESTORING"},
		"CARRY":   {"CARRIES", "CARRIED", "CARRYING"},
		"PRESS":   {"PRESSES", "PRESSED", "PRESSING"},
		"AGREE":   {"AGREES", "AGREED", "AGREEING"},
		"ROB":     {"ROBS", "ROBED", "ROBING", "ROBBED", "ROBBING"},
	}
	for v, want := range tests {
		if got := verbInflections(v); !reflect.DeepEqual(got, want) {
			t.Errorf("verbInflections(%s) = %v, want %v", v, got, want)
		}
	}
}

func TestReadCameoPlover(t *testing.T) {
	tab, err := ReadCameoPlover(strings.NewReader("# comment\n04: CONSULT\n042: CONSULT, visit,  # Make a visit\n08: CONCEDE\n08: RETREAT\n"))
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]CameoRow{"0421": {Type: "CONSULT", Mode: "visit"}, "045": {Type: "CONSULT"}, "08": {Type: "CONCEDE"}} {
		if got, ok := tab.Lookup(code); !ok || got != want {
			t.Errorf("Lookup(%s) = %+v, %v; want %+v", code, got, ok, want)
		}
	}
	if _, ok := tab.Lookup("19"); ok {
		t.Error("Lookup(19) found a row the table lacks")
	}
	if _, err := ReadCameoPlover(strings.NewReader("nothing here\n")); err == nil {
		t.Error("a table with no rows read without error")
	}
}

// FuzzAddVerbs: any input is read, or reported naming a line of it,
// never a panic; it adds as many verb forms as it says, each of words
// and in a block, with every code a CAMEO code the table maps or none;
// and what loads codes sentences without a panic.
func FuzzAddVerbs(f *testing.F) {
	seed, err := os.ReadFile("testdata/verbs.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("--- X [010] ---\nX {\n- * ( [011]\n- {A (B} * [012]\n&S\n+&S\n")
	f.Add("- * [1]\n+A\n&\n--- [] ---\n*\n")
	base, err := Load(data.FS)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, dict string) {
		lx := *base
		lx.verbs, lx.cameoTrigs, lx.mergedTrigs = nil, nil, nil
		n, err := lx.AddVerbs(strings.NewReader(dict), func(err error) { namesLine(t, dict, err) })
		if err != nil {
			return
		}
		forms := 0
		for _, fs := range lx.verbs.forms {
			for _, vf := range fs {
				forms++
				if len(vf.words) == 0 || slices.Contains(vf.words, "") || vf.block < 0 || int(vf.block) >= len(lx.verbs.blocks) {
					t.Fatalf("verb form %+v", vf)
				}
			}
		}
		if forms != n {
			t.Fatalf("AddVerbs says %d forms, added %d", n, forms)
		}
		for code, td := range lx.cameoTrigs {
			if _, ok := lx.Cameo.Lookup(strings.Split(code, ":")[0]); ok != (td != nil) {
				t.Fatalf("code %q coded as %+v", code, td)
			}
		}
		text := "Arnor x restore a attack with speed sped to the border, cordoned off."
		s := sentence.Split(durand.Document{Text: text})[0]
		New(&lx).Recognize(text, s)
	})
}

// namesLine fails t unless err names a line of in ("line N: ").
func namesLine(t *testing.T, in string, err error) {
	t.Helper()
	rest, ok := strings.CutPrefix(err.Error(), "line ")
	num, _, _ := strings.Cut(rest, ":")
	if n, nerr := strconv.Atoi(num); !ok || nerr != nil || n < 1 || n > strings.Count(in, "\n")+1 {
		t.Fatalf("warning %q names no line of the input", err)
	}
}
