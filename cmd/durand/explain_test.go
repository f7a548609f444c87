package main

import (
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

func TestWriteSyntax(t *testing.T) {
	text := "Police in New York said"
	tok := func(s, e int) durand.Token { return durand.Token{Span: durand.Span{Start: s, End: e}} }
	s := durand.Sentence{
		Tokens: []durand.Token{tok(0, 6), tok(7, 9), tok(10, 13), tok(14, 18), tok(19, 23)},
		Syntax: []durand.TokenSyntax{
			{Tag: "NOUN", Head: 4, Rel: "nsubj", Name: "O"},
			{Tag: "ADP", Head: 2, Rel: "case", Name: "O"},
			{Tag: "PROPN", Head: 0, Rel: "nmod", Name: "B-LOC"},
			{Tag: "PROPN", Head: 2, Rel: "flat", Name: "I-LOC"},
			{Tag: "VERB", Head: -1, Rel: "root", Name: "O"},
		},
	}
	var b strings.Builder
	writeSyntax(&b, text, s)
	want := "  parse   Police/NOUN 5 nsubj · in/ADP 3 case · New/PROPN 1 nmod · York/PROPN 3 flat · said/VERB 0 root\n" +
		"  names   [LOC New York]\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	writeSyntax(&b, text, durand.Sentence{Tokens: s.Tokens})
	if b.Len() != 0 {
		t.Errorf("a sentence without its layer wrote %q", b.String())
	}
}
