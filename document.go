// Package durand holds the domain types of the durand event extractor: the
// documents it reads, the sentences and mentions it finds in them and the
// events it assembles. Every stage package imports this one; this package
// imports nothing else from the project.
package durand

import "time"

// DocID identifies a document exactly as it came in (a JSON "id", a feed
// item's guid, a file path). It is carried unchanged into every event's
// docs and evidence so callers can join events back to their inputs.
type DocID string

// Document is one report: an article, an op-ed, a wire item, a feed entry.
type Document struct {
	ID     DocID
	Title  string
	Source string
	URL    string
	// Published is the publication date; the zero time means unknown.
	// Relative date expressions resolve against it.
	Published time.Time
	// Text is the body. Every Span in the pipeline is a byte offset into it.
	Text string
	// Hash is the hex SHA-256 of the normalised text, so that the same text
	// ingested twice is recognised as one document.
	Hash string
}

// Span is a half-open byte range [Start, End) into a document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies inside s.
func (s Span) Contains(t Span) bool { return t.Start >= s.Start && t.End <= s.End }

// Text returns the bytes of text the span covers, or "" when the span does
// not fit the text.
func (s Span) Text(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Sentence is one sentence of a document with its tokens.
type Sentence struct {
	Doc       DocID
	Index     int // position in the document, from 0
	Paragraph int // paragraph number, from 0
	Span      Span
	Tokens    []Token
	// Syntax is the syntactic layer, parallel to Tokens: nil until a
	// syntax analyzer fills it (package syntax), so stages that do not
	// read it pay nothing for it.
	Syntax []TokenSyntax
}

// TokenSyntax is what the syntactic layer says of one token: its part of
// speech, the token it depends on and how, and whether it is part of a
// name. The strings are Universal Dependencies' and UNER's.
type TokenSyntax struct {
	Tag  string // universal part of speech: NOUN, VERB, PROPN, …
	Head int    // index in Tokens of the head, -1 for the sentence's root
	Rel  string // dependency relation to the head: nsubj, obj, obl:tmod, root, …
	Name string // name tag in IOB2: B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG or O
}

// Token is one word, number or punctuation mark of a sentence.
type Token struct {
	Span Span
	// Norm is the token lower-cased with diacritics and apostrophes folded,
	// the form every dictionary is matched against.
	Norm string
	// Upper reports whether the token starts with an upper-case letter.
	Upper bool
}

// IsWord reports whether a token is a word rather than punctuation.
func (t Token) IsWord() bool {
	return t.Norm != "" && (t.Norm[0] >= 'a' && t.Norm[0] <= 'z' || t.Norm[0] >= 0x80)
}

// Hyphenated reports whether token k of text is joined to the one before
// it by a hyphen ("Herat-Islam", the "ur" of "Khalil-ur-Rahman"): the
// tokenizer keeps no hyphens, so the gap between the two says it.
func Hyphenated(text string, toks []Token, k int) bool {
	return k > 0 && k < len(toks) && toks[k].Span.Start == toks[k-1].Span.End+1 && text[toks[k-1].Span.End] == '-'
}

// TitleCase reports whether toks are written in title case, as headlines
// are ("Eight Militants Killed In Attack"): no word of more than three
// letters is in lower case.
func TitleCase(toks []Token) bool {
	for _, t := range toks {
		if t.IsWord() && !t.Upper && len(t.Norm) > 3 {
			return false
		}
	}
	return true
}
