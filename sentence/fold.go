package sentence

import (
	"unicode"
	"unicode/utf8"
)

// Fold returns s in the form dictionaries are matched in: lower case, Latin
// diacritics removed (Paktīkā → paktika, Kunaṟ → kunar), typographic
// apostrophes and quotes made plain. Other scripts (Dari, Pashto, Urdu)
// are lower-cased only. Fold does not allocate when s is already folded.
func Fold(s string) string {
	i := folded(s)
	if i == len(s) {
		return s
	}
	return string(appendFold(make([]byte, 0, len(s)), s, i))
}

// folded returns the length of s's prefix that Fold leaves as it is:
// lower-case ASCII.
func folded(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			break
		}
		i++
	}
	return i
}

// appendFold appends the folded form of s to dst, given that its first i
// bytes are already folded.
func appendFold(dst []byte, s string, i int) []byte {
	dst = append(dst, s[:i]...)
	for _, r := range s[i:] {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		if f, ok := foldTable[r]; ok {
			dst = append(dst, f...)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // a combining mark left by decomposed input
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// foldTable maps the non-ASCII Latin letters and punctuation seen in
// transliterated place and person names, and typographic marks, to ASCII.
var foldTable = func() map[rune]string {
	m := map[rune]string{
		'’': "'", '‘': "'", 'ʼ': "'", 'ʻ': "'", '`': "'", '´': "'", '′': "'",
		'“': "\"", '”': "\"", '„': "\"", '«': "\"", '»': "\"",
		'–': "-", '—': "-", '‐': "-", '‑': "-", '−': "-",
		'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
		'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ħ': "h", 'ı': "i", 'ʿ': "", 'ʾ': "",
		'\u00a0': " ",
	}
	groups := map[string]string{
		"a": "àáâãäåāăąǎȁȃạảấầẩẫậắằẳẵặ", "c": "çćĉċč", "d": "ďḍḏ", "e": "èéêëēĕėęěȅȇẹẻẽếềểễệ",
		"g": "ĝğġģǧ", "h": "ĥḥḫẖ", "i": "ìíîïĩīĭįǐȉȋỉị", "j": "ĵǰ", "k": "ķǩḳ", "l": "ĺļľŀḷ",
		"n": "ñńņňṅṇ", "o": "òóôõöōŏőǒȍȏọỏốồổỗộớờởỡợ", "r": "ŕŗřṛṟ", "s": "śŝşšṣș",
		"t": "ţťṭṯț", "u": "ùúûüũūŭůűųǔȕȗụủứừửữự", "w": "ŵẁẃẅ", "y": "ýÿŷỳỵỷỹ", "z": "źżžẓẕ",
	}
	for to, from := range groups {
		for _, r := range from {
			m[r] = to
			m[unicode.ToUpper(r)] = to
		}
	}
	return m
}()
