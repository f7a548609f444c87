package syntax

import (
	"strings"

	"github.com/durandhq/durand"
)

// Annotate returns the syntactic layer of toks, the tokens of one
// sentence of text: a part of speech, head, relation and name tag for
// each token.
func (a *Analyzer) Annotate(text string, toks []durand.Token) []durand.TokenSyntax {
	a.forms = treebankForms(a.forms[:0], text, toks)
	a.Analyze(a.forms, &a.out)
	out := make([]durand.TokenSyntax, len(toks))
	for i := range out {
		out[i] = durand.TokenSyntax{
			Tag:  UPOS[a.out.Tags[i]],
			Head: int(a.out.Heads[i]),
			Rel:  a.m.Relation(a.out.Rels[i]),
			Name: NameTags[a.out.Names[i]],
		}
	}
	return out
}

// treebankForms writes the tokens as the treebanks split words: the
// tokenizer's "didn" "'t" become "did" "n't" (and "can" "'t" become "ca"
// "n't", as EWT writes "can't"), and curly apostrophes straight.
func treebankForms(forms []string, text string, toks []durand.Token) []string {
	for i, t := range toks {
		f := t.Span.Text(text)
		if strings.ContainsRune(f, '’') {
			f = strings.ReplaceAll(f, "’", "'")
		}
		if f == "'t" || f == "'T" {
			if i > 0 {
				if p := forms[i-1]; len(p) > 1 && (p[len(p)-1] == 'n' || p[len(p)-1] == 'N') {
					forms[i-1] = p[:len(p)-1]
				}
			}
			f = "n" + f
		}
		forms = append(forms, f)
	}
	return forms
}
