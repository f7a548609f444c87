package syntax

import (
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

// words tokenises text at spaces, as a stand-in for package sentence.
func words(text string) []durand.Token {
	var toks []durand.Token
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' {
			if i > start {
				toks = append(toks, durand.Token{Span: durand.Span{Start: start, End: i}})
			}
			start = i + 1
		}
	}
	return toks
}

func TestTreebankForms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"they didn 't", "they did n't"},
		{"we can 't go", "we ca n't go"},
		{"it won ’t", "it wo n't"},
		{"Kabul ’s mayor", "Kabul 's mayor"},
		{"'t", "n't"},
	} {
		got := treebankForms(nil, tc.in, words(tc.in))
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAnnotate(t *testing.T) {
	m := defaultModel(t)
	text := "Gunmen killed three police officers in Kabul on Monday ."
	got := m.Analyzer().Annotate(text, words(text))
	if len(got) != 10 {
		t.Fatalf("%d tokens annotated, want 10", len(got))
	}
	heads := make([]int32, len(got))
	for i, x := range got {
		heads[i] = int32(x.Head)
	}
	checkTree(t, heads)
	// The sentence is plain enough that a model scoring near its floors
	// gets these right ("in Kabul" may attach to the verb or the officers).
	for _, c := range []struct {
		i              int
		tag, rel, name string
	}{
		{1, "VERB", "root", "O"},
		{4, "NOUN", "obj", "O"},
		{6, "PROPN", "", "B-LOC"},
		{9, "PUNCT", "punct", "O"},
	} {
		x := got[c.i]
		if x.Tag != c.tag || c.rel != "" && x.Rel != c.rel || x.Name != c.name {
			t.Errorf("token %d %q: %+v, want %s %s %s", c.i, words(text)[c.i].Span.Text(text), x, c.tag, c.rel, c.name)
		}
	}
}
