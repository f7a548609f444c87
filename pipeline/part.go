package pipeline

import (
	"strings"
	"unicode/utf8"
)

// partBytes is the length past which a document is read in parts, each
// assembled as a narrative of its own: the working memory of a document
// (its tokens, mentions and drafts, some hundred bytes for each byte of
// an event-dense text) is then that of a part, and only its events
// accumulate. A report is far shorter (the longest of the corpora durand
// is scored on is 21 KB), so a part is a text of hundreds of reports run
// together, whose narrative does not carry across a megabyte anyway.
// spaCy bounds its documents for the same reason (nlp.max_length).
const partBytes = 1 << 20

// partEnd returns where the part of text that starts at from ends, for
// parts of about size bytes: at the end of the text when no more than a
// part and a quarter is left, else at the first paragraph break (a blank
// line) past size bytes, or, in text with none near, at a line break,
// after a full stop, at a space, or anywhere between two characters.
func partEnd(text string, from, size int) int {
	if len(text)-from <= size+size/4 {
		return len(text)
	}
	at := from + size
	near := text[at : at+size/4]
	if i := blankLine(near); i >= 0 {
		return at + i
	}
	for _, sep := range []string{"\n", ". ", " "} {
		if i := strings.Index(near, sep); i >= 0 {
			return at + i + len(sep)
		}
	}
	for at > from && !utf8.RuneStart(text[at]) {
		at--
	}
	return at
}

// blankLine returns the index just past the first blank line in s (a line
// break, spaces or tabs, a line break), or -1.
func blankLine(s string) int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return -1
		}
		k := i + j + 1
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r') {
			k++
		}
		if k < len(s) && s[k] == '\n' {
			return k + 1
		}
		i = i + j + 1
	}
}
