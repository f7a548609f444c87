package syntax

import (
	"unicode"
	"unicode/utf8"
)

// lexeme holds the hashed views of one word that feature templates read,
// computed once per word so that no template hashes a string.
type lexeme struct {
	form  uint64 // as written
	word  uint64 // lower-cased, digits as 0
	shape uint64 // Xxxx → Xx, 1990 → dddd, capped runs
	pre   [3]uint64
	suf   [4]uint64
	flags uint64 // bits: upper first, all caps, has digit, has hyphen, title-case rest
}

const (
	flagUpper = 1 << iota
	flagAllCaps
	flagDigit
	flagHyphen
)

// fnv hashes b (FNV-1a, 64 bits).
func fnv(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func fnvString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix scrambles x (the splitmix64 finaliser), so that keys built from
// small numbers spread over the whole table.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Feature keys: template t with one to four values. A key is 32 bits,
// never 0; a collision between two features costs a little accuracy and
// nothing else.
func k1(t, a uint64) uint32          { return fin(mix(t<<56 ^ a)) }
func k2(t, a, b uint64) uint32       { return fin(mix(mix(t<<56^a) ^ b)) }
func k3(t, a, b, c uint64) uint32    { return fin(mix(mix(mix(t<<56^a)^b) ^ c)) }
func k4(t, a, b, c, d uint64) uint32 { return fin(mix(mix(mix(mix(t<<56^a)^b)^c) ^ d)) }

func fin(x uint64) uint32 {
	k := uint32(x>>32) ^ uint32(x)
	if k == 0 {
		k = 1
	}
	return k
}

// lexer computes lexemes, reusing its buffers between sentences.
type lexer struct {
	low, shp []byte
}

// lexeme returns the hashed views of form.
func (lx *lexer) lexeme(form string) lexeme {
	low, shp := lx.low[:0], lx.shp[:0]
	var flags uint64
	upper, lower := 0, 0
	var last byte
	run := 0
	for i, r := range form {
		var s byte
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			low, s = append(low, byte(r)), 'x'
			lower++
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			low, s = append(low, byte(r)+'a'-'A'), 'X'
			upper++
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			low, s = append(low, '0'), 'd'
			flags |= flagDigit
		case r < utf8.RuneSelf:
			low, s = append(low, byte(r)), byte(r)
			if r == '-' {
				flags |= flagHyphen
			}
		case unicode.IsUpper(r):
			low, s = utf8.AppendRune(low, unicode.ToLower(r)), 'X'
			upper++
		case unicode.IsLetter(r):
			low, s = utf8.AppendRune(low, r), 'x'
			lower++
		default:
			low, s = utf8.AppendRune(low, r), 'o'
		}
		if i == 0 && s == 'X' {
			flags |= flagUpper
		}
		if s == last {
			run++
		} else {
			run, last = 0, s
		}
		if run < 3 {
			shp = append(shp, s)
		}
	}
	if upper > 1 && lower == 0 {
		flags |= flagAllCaps
	}
	lx.low, lx.shp = low, shp
	x := lexeme{form: fnvString(form), word: fnv(low), shape: fnv(shp), flags: flags}
	for k := range x.pre {
		if k < len(low) {
			x.pre[k] = fnv(low[:k+1])
		}
	}
	for k := range x.suf {
		if k < len(low) {
			x.suf[k] = fnv(low[len(low)-k-1:])
		}
	}
	return x
}
