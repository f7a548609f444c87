package sentence

import (
	"hash/maphash"
	"unicode"
	"unicode/utf8"

	"github.com/durandhq/durand"
)

// Tokenize splits text[sp.Start:sp.End] into tokens. Words are runs of
// letters, digits and marks; a number keeps its inner separators ("1.4",
// "1,400,000"); an apostrophe starts a new token ("Afghanistan" "'s",
// "didn" "'t"); hyphens and spaces separate and are dropped, so
// "Qala-i-Naw" and "Qala i Naw" tokenise alike. Other punctuation is one
// token per mark.
func Tokenize(text string, sp durand.Span) []durand.Token {
	return appendTokens(make([]durand.Token, 0, sp.Len()/5+1), text, sp, nil)
}

// Words interns the folded forms of one goroutine's tokens: a word that
// folding changes ("The", "Taliban", "NDS", "Paktīkā") is folded into a
// new string the first time it is seen and shared after, where Fold would
// allocate for every occurrence. The zero value is ready; it is not safe
// for concurrent use.
//
// The forms are kept in a direct-mapped cache, not a map: a lookup hashes
// the word once and compares it with one entry, which made the whole
// pipeline 3% faster than a map probe did, and the cache's fixed size
// bounds what a stream of names can make it hold. A word whose entry
// another took is folded anew.
type Words struct {
	cache *[wordsCache]string
	seed  maphash.Seed
	buf   []byte
}

// wordsCache is the number of entries of a Words cache: several times the
// capitalised words a news stream uses often.
const wordsCache = 1 << 14

// fold is Fold through the interned forms.
func (w *Words) fold(s string) string {
	i := folded(s)
	switch {
	case i == len(s):
		return s // folded already: most words
	case w == nil:
		return Fold(s)
	}
	w.buf = appendFold(w.buf[:0], s, i)
	if w.cache == nil {
		w.cache, w.seed = new([wordsCache]string), maphash.MakeSeed()
	}
	e := &w.cache[maphash.Bytes(w.seed, w.buf)&(wordsCache-1)]
	if *e != string(w.buf) {
		*e = string(w.buf)
	}
	return *e
}

func appendTokens(toks []durand.Token, text string, sp durand.Span, words *Words) []durand.Token {
	i := sp.Start
	for i < sp.End {
		if c := text[i]; c < utf8.RuneSelf && c != '\'' && c != '-' {
			// ASCII, the common case: a space, a word, or a mark.
			switch {
			case asciiSpace[c]:
				i++
				continue
			case !asciiWord[c]:
				toks = append(toks, token(text, i, i+1, words))
				i++
				continue
			default:
				j := wordEnd(text, i+1, sp.End, c <= '9')
				toks = append(toks, token(text, i, j, words))
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r) || isHyphen(r):
			i += size
		case isApostrophe(r) && i+size < sp.End && isLetterAt(text, i+size) && i > sp.Start && isLetterBefore(text, i):
			// "'s", "'t" after a word: one token with the apostrophe.
			j := i + size
			for j < sp.End {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			toks = append(toks, token(text, i, j, words))
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := wordEnd(text, i+size, sp.End, unicode.IsDigit(r))
			toks = append(toks, token(text, i, j, words))
			i = j
		default:
			toks = append(toks, token(text, i, i+size, words))
			i += size
		}
	}
	return toks
}

// wordEnd returns the end of the word whose rest starts at text[j], before
// end: letters, digits and marks, and after a digit the separators inside
// a number.
func wordEnd(text string, j, end int, digits bool) int {
	for j < end {
		if c := text[j]; c < utf8.RuneSelf && asciiWord[c] {
			j++ // the common case, without decoding a rune
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) {
			j += size
			continue
		}
		// 1.4, 1,400,000 stay one token.
		if digits && (r == '.' || r == ',') && j+1 < end && text[j+1] >= '0' && text[j+1] <= '9' {
			j++
			continue
		}
		break
	}
	return j
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func token(text string, start, end int, words *Words) durand.Token {
	upper := false
	if c := text[start]; c < utf8.RuneSelf {
		upper = 'A' <= c && c <= 'Z'
	} else {
		r, _ := utf8.DecodeRuneInString(text[start:])
		upper = unicode.IsUpper(r)
	}
	norm := words.fold(text[start:end])
	if norm == "" {
		norm = text[start:end] // a lone mark that folds away: keep it as written
	}
	return durand.Token{Span: durand.Span{Start: start, End: end}, Norm: norm, Upper: upper}
}

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '–' || r == '—'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

func isLetterBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
