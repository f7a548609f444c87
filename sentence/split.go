// Package sentence segments a document into paragraphs, sentences and
// tokens, keeping byte offsets into the document's text.
package sentence

import (
	"unicode"
	"unicode/utf8"

	"github.com/durandhq/durand"
)

// Split breaks doc.Text into sentences with their tokens. Every Span
// indexes doc.Text. Blank lines separate paragraphs; a line break ends a
// sentence when the line ends in terminal punctuation or is short enough
// to be a title, dateline or list item.
func Split(doc durand.Document) []durand.Sentence {
	sents, _ := SplitInto(nil, nil, doc, nil)
	return sents
}

// SplitInto is Split appending to sents, with every sentence's tokens
// appended to toks (each sentence's Tokens is its capped run of that
// array), so that a caller splitting document after document can reuse
// both arrays instead of allocating per sentence, and words, when not nil,
// folds the tokens through the forms it has interned. It returns the
// extended slices.
func SplitInto(sents []durand.Sentence, toks []durand.Token, doc durand.Document, words *Words) ([]durand.Sentence, []durand.Token) {
	return SplitRange(sents, toks, doc, 0, len(doc.Text), words)
}

// SplitRange is SplitInto over the text doc.Text[from:to] alone, so that a
// long document can be read part by part: spans index doc.Text, and
// sentences and paragraphs are numbered from 0 in the range. A range that
// begins and ends at paragraph breaks (blank lines) has the sentences
// SplitInto finds there.
func SplitRange(sents []durand.Sentence, toks []durand.Token, doc durand.Document, from, to int, words *Words) ([]durand.Sentence, []durand.Token) {
	text := doc.Text[:to]
	out := sents
	n0 := len(sents)
	if cap(toks)-len(toks) < (to-from)/5 {
		// About one token per five bytes of news text: grow once.
		toks = append(make([]durand.Token, 0, len(toks)+(to-from)/5+1), toks...)
	}
	para := 0
	start := -1 // start of the current sentence, -1 between sentences
	lineStart := from
	emit := func(end int) {
		if start < 0 {
			return
		}
		for end > start && isSpace(text[end-1]) {
			end--
		}
		if end > start {
			sp := durand.Span{Start: start, End: end}
			t0 := len(toks)
			toks = appendTokens(toks, text, sp, words)
			for len(toks)-t0 > MaxTokens {
				t1 := t0 + cutAt(toks[t0:t0+MaxTokens])
				piece := durand.Span{Start: sp.Start, End: toks[t1-1].Span.End}
				out = append(out, durand.Sentence{Doc: doc.ID, Index: len(out) - n0, Paragraph: para, Span: piece, Tokens: toks[t0:t1:t1]})
				sp.Start, t0 = toks[t1].Span.Start, t1
			}
			out = append(out, durand.Sentence{Doc: doc.ID, Index: len(out) - n0, Paragraph: para, Span: sp, Tokens: toks[t0:len(toks):len(toks)]})
		}
		start = -1
	}
	for i := from; i < len(text); {
		if start >= 0 {
			// Inside a sentence only a line break or a terminal mark
			// can end it: skip to the next.
			for i < len(text) && !sentenceStop[text[i]] {
				i++
			}
			if i == len(text) {
				break
			}
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n':
			// A blank line ends the paragraph.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			blank := j < len(text) && text[j] == '\n'
			if blank || lineBreaks(text[lineStart:i]) {
				emit(i)
			}
			if blank && len(out) > n0 && out[len(out)-1].Paragraph == para {
				para++
			}
			lineStart = i + 1
		case r == '.' || r == '!' || r == '?':
			end := i + size
			for end < len(text) && isCloser(text[end:]) {
				_, s := utf8.DecodeRuneInString(text[end:])
				end += s
			}
			if start >= 0 && sentenceEnds(text, start, i, end) {
				emit(end)
			}
			i = end
			continue
		case start < 0 && !unicode.IsSpace(r):
			start = i
		}
		i += size
	}
	emit(len(text))
	return out, toks
}

// MaxTokens is the most tokens a sentence has. A longer run of text with
// no sentence end (a list, a table flattened to text, hostile input) is
// cut into pieces, after a comma, semicolon or colon in the second half of
// the piece when there is one: the stages after relate the words of a
// sentence to one another, and one sentence as long as the document made
// them quadratic in its length. The longest sentence of the corpora that
// durand is scored on has 184 tokens.
const MaxTokens = 320

// cutAt returns where to end a piece of the MaxTokens tokens ts of an
// overlong sentence: after its last comma, semicolon or colon past the
// middle, else after them all.
func cutAt(ts []durand.Token) int {
	for k := len(ts) - 1; k >= len(ts)/2; k-- {
		switch ts[k].Norm {
		case ",", ";", ":":
			return k + 1
		}
	}
	return len(ts)
}

// sentenceStop marks the bytes that may end a sentence: a line break and
// the terminal marks.
var sentenceStop = [256]bool{'\n': true, '.': true, '!': true, '?': true}

// lineBreaks reports whether a line ends its sentence at the line break.
func lineBreaks(line string) bool {
	j := len(line)
	for j > 0 && isSpace(line[j-1]) {
		j--
	}
	if j == 0 {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(line[:j])
	switch last {
	case '.', '!', '?', ':', '"', '”', '’', ')':
		return true
	}
	return j < 80
}

// sentenceEnds decides whether the terminal mark at dot ends a sentence
// that began at start; after is the first byte past the mark and any
// closing quotes.
func sentenceEnds(text string, start, dot, after int) bool {
	if after < len(text) && !isSpace(text[after]) {
		return false // "1.4", "U.S.", "example.com"
	}
	// The next non-space character must be able to start a sentence.
	j := after
	for j < len(text) && isSpace(text[j]) {
		j++
	}
	if j == len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[j:])
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isOpener(next) || next > 0x0600) {
		return false
	}
	if text[dot] != '.' {
		return true
	}
	// The word before the period: an abbreviation or an initial does not
	// end a sentence.
	w := dot
	for w > start {
		r, s := utf8.DecodeLastRuneInString(text[:w])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		w -= s
	}
	word := Fold(text[w:dot])
	if abbreviations[word] {
		return false
	}
	if months[word] && unicode.IsDigit(next) {
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(next) {
		r, _ := utf8.DecodeRuneInString(text[w:])
		if unicode.IsUpper(r) {
			return false // an initial: "Abdul G. Khan"
		}
	}
	return true
}

var abbreviations = set("mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
	"brig", "adm", "cmdr", "gov", "sen", "rep", "st", "no", "vs", "etc.", "e.g", "i.e", "u.s", "u.n", "u.k", "inc", "ltd", "co",
	"jr", "sr", "approx", "dept", "est", "fig", "incl", "mt", "ft", "km", "gen.", "u.s.a")

var months = set("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isCloser(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«':
		return true
	}
	return false
}
