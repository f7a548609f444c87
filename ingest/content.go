package ingest

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// signatures are the opening bytes of the binary and compressed formats
// that turn up under text names (a zip saved as .html, a gzipped dump
// named .jsonl), with what to call them in the message.
var signatures = []struct {
	magic, kind string
}{
	{"PK\x03\x04", "a zip archive"},
	{"PK\x05\x06", "a zip archive"},
	{"\x1f\x8b", "gzip-compressed data"},
	{"BZh", "bzip2-compressed data"},
	{"\xfd7zXZ\x00", "xz-compressed data"},
	{"\x28\xb5\x2f\xfd", "zstd-compressed data"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"%PDF-", "a PDF document"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"\x7fELF", "an executable"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// notText returns an error when b is not text in any charset: a known
// binary format, a NUL byte, or too many control characters. UTF-16 (with
// its byte-order mark) is text, and is decoded later.
func notText(b []byte) error {
	if err := signature(b); err != nil {
		return err
	}
	if bomLen(b) > 0 {
		return nil
	}
	return binaryText(b)
}

// signature returns an error when b opens like a binary format.
func signature(b []byte) error {
	if kind := Binary(b); kind != "" {
		return fmt.Errorf("%w: looks like %s", ErrBinary, kind)
	}
	return nil
}

// Binary names the binary or compressed format b opens with ("a zip
// archive", "gzip-compressed data"), or returns "" when it opens with
// none of them. The importers refuse the same files.
func Binary(b []byte) string {
	for _, s := range signatures {
		if bytes.HasPrefix(b, []byte(s.magic)) {
			return s.kind
		}
	}
	return ""
}

// binaryText returns an error when text holds a NUL byte or is more than
// one part in ten control characters (other than white space): no report
// does, and stores and sentence splitters should not see them.
func binaryText[T ~string | ~[]byte](text T) error {
	n := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == 0:
			return fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)
		case c < ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v', c == 0x7f:
			n++
		}
	}
	if n*10 > len(text) {
		return fmt.Errorf("%w: %d of %d bytes are control characters", ErrBinary, n, len(text))
	}
	return nil
}

// invalidUTF8 returns ErrInvalidUTF8 with the first byte of b that is
// not UTF-8 and its offset, or nil when all of it is.
func invalidUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return fmt.Errorf("%w: byte %#02x at offset %d", ErrInvalidUTF8, b[i], i)
		}
		i += n
	}
	return nil
}

// The byte-order marks, and the charsets they mark.
const (
	bomUTF8    = "\xef\xbb\xbf"
	bomUTF16LE = "\xff\xfe"
	bomUTF16BE = "\xfe\xff"
)

func bomLen(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte(bomUTF8)):
		return len(bomUTF8)
	case bytes.HasPrefix(b, []byte(bomUTF16LE)), bytes.HasPrefix(b, []byte(bomUTF16BE)):
		return 2
	}
	return 0
}

// plainText returns a text file's bytes as UTF-8: without a UTF-8
// byte-order mark, decoded from UTF-16 when one marks it. Other text is
// returned as it is, to be checked as UTF-8.
func plainText(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte(bomUTF8)):
		return b[len(bomUTF8):], nil
	case bytes.HasPrefix(b, []byte(bomUTF16LE)):
		return decodeStrict(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le, by its byte-order mark", b[2:])
	case bytes.HasPrefix(b, []byte(bomUTF16BE)):
		return decodeStrict(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be, by its byte-order mark", b[2:])
	}
	return b, nil
}

// pageUTF8 returns an HTML page's bytes as UTF-8. A page whose bytes are
// UTF-8 (with some beyond ASCII) is read as UTF-8 whatever it declares:
// pages that declare Latin-1 and are UTF-8 are common, Latin-1 text that
// is valid UTF-8 by chance is not. Any other page is read in the charset
// its byte-order mark or <meta> declares, else in the one its bytes look
// like. A page that is mostly UTF-8 with a few bytes that are not, or
// whose bytes are invalid in its charset, is an error, not mojibake.
func pageUTF8(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte(bomUTF8)):
		b = b[len(bomUTF8):]
		return b, invalidUTF8(b)
	case bomLen(b) > 0:
		return plainText(b)
	}
	declared := metaCharset(b)
	valid := utf8.Valid(b)
	if valid && (declared == "" || !ascii(b)) {
		return b, nil
	}
	if enc, name := charset.Lookup(declared); enc != nil {
		if name == "utf-8" || strings.HasPrefix(name, "utf-16") { // a <meta> cannot declare UTF-16: browsers read UTF-8
			return b, invalidUTF8(b)
		}
		return decodeStrict(enc, name+", declared by the page", b)
	}
	if valid {
		return b, nil
	}
	if looksUTF8(b) {
		return nil, invalidUTF8(b)
	}
	enc, name := detectCharset(b)
	return decodeStrict(enc, name+", detected", b)
}

// metaCharset returns the charset a page's <meta> declares in its first
// 1024 bytes, where browsers look for it, or "".
func metaCharset(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b[:min(len(b), 1024)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var cs, content string
			pragma := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					pragma = strings.EqualFold(string(v), "content-type")
				case "content":
					content = string(v)
				}
			}
			if _, params, err := mime.ParseMediaType(content); cs == "" && pragma && err == nil {
				cs = params["charset"]
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return cs
			}
		}
	}
}

// looksUTF8 reports whether b, which is not valid UTF-8, is still mostly
// UTF-8: more of its non-ASCII characters are UTF-8 sequences than are
// stray bytes. Text in a legacy charset seldom holds a valid sequence.
func looksUTF8(b []byte) bool {
	multi, stray := 0, 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			stray++
		case n > 1:
			multi++
		}
		i += n
	}
	return multi > stray
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// detectCharset guesses the charset of a page that declares none from its
// text's byte statistics, as go-trafilatura did before durand decoded
// pages itself; Windows-1252 (the web's default) when nothing fits.
func detectCharset(b []byte) (encoding.Encoding, string) {
	if res, err := chardet.NewHtmlDetector().DetectBest(b); err == nil {
		if enc, name := charset.Lookup(res.Charset); enc != nil {
			return enc, name
		}
	}
	return charmap.Windows1252, "windows-1252"
}

// xmlDecl is an XML declaration that names an encoding.
var xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']`)

// feedCharset returns the charset a feed's XML declaration names, by its
// WHATWG name, when it is a known one other than UTF-8; else "".
func feedCharset(b []byte) string {
	m := xmlDecl.FindSubmatch(b[:min(len(b), 256)])
	if m == nil {
		return ""
	}
	if _, name := charset.Lookup(string(m[1])); name != "utf-8" {
		return name
	}
	return ""
}

// normalize returns what go-trafilatura did to a page before parsing it:
// composed Unicode (NFC), without soft hyphens, which only mark where a
// word may break.
func normalize() transform.Transformer {
	return transform.Chain(runes.Remove(runes.Predicate(func(r rune) bool { return r == '\u00ad' })), norm.NFC)
}

// decodeStrict decodes b to UTF-8, and refuses it when any byte is invalid
// in the charset: the x/text decoders write U+FFFD for such bytes. (Only
// UTF-16 and GB18030 can encode U+FFFD itself, and a report that holds
// the replacement character is as broken as one with a bad byte.)
func decodeStrict(enc encoding.Encoding, which string, b []byte) ([]byte, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err == nil && bytes.ContainsRune(out, utf8.RuneError) {
		err = ErrInvalidEncoding
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s", err, which)
	}
	return out, nil
}
