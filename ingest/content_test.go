package ingest

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func TestNotText(t *testing.T) {
	for _, c := range []struct {
		name, in, want string // want "" for text
	}{
		{"zip", "PK\x03\x04\x14\x00\x08\x00", "not text: looks like a zip archive"},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00", "not text: looks like gzip-compressed data"},
		{"pdf", "%PDF-1.7\n", "not text: looks like a PDF document"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", "not text: looks like a PNG image"},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", "not text: looks like a JPEG image"},
		{"nul", "Two soldiers\x00 were killed.", "not text: NUL byte at offset 12"},
		{"controls", "a\x01\x02b\x03\x04", "not text: 4 of 6 bytes are control characters"},
		{"text", "Two soldiers were killed.\r\n\tA bomb\fexploded.\v", ""},
		{"a few controls", "Two soldiers were killed \x1b[1min Khost\x1b[0m on Monday, officials said.", ""},
		{"utf-16", "\xff\xfeT\x00w\x00o\x00", ""},
		{"latin-1", "caf\xe9", ""},
	} {
		err := notText([]byte(c.in))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want text", c.name, err)
		case c.want != "" && (err == nil || err.Error() != c.want || !errors.Is(err, ErrBinary)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestPageUTF8(t *testing.T) {
	page := func(head, body string) string {
		return "<!DOCTYPE html><html><head>" + head + "</head><body><p>" + body + "</p></body></html>"
	}
	latin1 := func(s string) string { b, _ := charmap.Windows1252.NewEncoder().String(s); return b }
	sjis := func(s string) string { b, _ := japanese.ShiftJIS.NewEncoder().String(s); return b }
	cp1251 := func(s string) string { b, _ := charmap.Windows1251.NewEncoder().String(s); return b }
	utf16 := func(s string) string {
		b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		return b
	}
	ru := "Боевики убили двух полицейских в Джелалабаде, сообщили местные власти. Нападение произошло в понедельник утром возле полицейского участка."
	for _, c := range []struct {
		name, in string
		want     string // a piece of the UTF-8 page
		err      string // or the error
	}{
		{"utf-8", page("", "Jalālābād café"), "Jalālābād café", ""},
		{"declared latin-1", latin1(page(`<meta charset="iso-8859-1">`, "the café")), "the café", ""},
		{"declared in http-equiv", sjis(page(`<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`, "警察官二人")), "警察官二人", ""},
		{"declared latin-1, UTF-8 bytes", page(`<meta charset="iso-8859-1">`, "the café"), "the café", ""},
		{"ascii in a 7-bit charset", page(`<meta charset="iso-2022-jp">`, "\x1b$B4A;z\x1b(B"), "漢字", ""},
		{"undeclared windows-1251", cp1251(page("", ru)), "полицейских", ""},
		{"UTF-8 byte-order mark", "\xef\xbb\xbf" + page("", "café"), "<!DOCTYPE html><html><head></head><body><p>café", ""},
		{"UTF-16 byte-order mark", utf16(page("", "café")), "<!DOCTYPE html><html><head></head><body><p>café", ""},
		{"meta says utf-16", page(`<meta charset="utf-16">`, "café"), "café", ""},
		{"undeclared, mostly UTF-8", page("", "قُتل شرطيان \xff في هجوم"), "", "text is not valid UTF-8: byte 0xff at offset 65"},
		{"declared UTF-8", page(`<meta charset="utf-8">`, "caf\xe9"), "", "text is not valid UTF-8: byte 0xe9 at offset 68"},
		{"invalid shift_jis", page(`<meta charset="shift_jis">`, "\x81\x7f\xa0\xfd"), "", "text is not valid in its character encoding: shift_jis, declared by the page"},
	} {
		got, err := pageUTF8([]byte(c.in))
		switch {
		case c.err != "":
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.name, err)
		case !strings.Contains(string(got), c.want):
			t.Errorf("%s: %q does not hold %q", c.name, got, c.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ name, in, want, err string }{
		{"utf-8", "café", "café", ""},
		{"utf-8 byte-order mark", "\xef\xbb\xbfcafé", "café", ""},
		{"utf-16le", "\xff\xfec\x00a\x00f\x00\xe9\x00", "café", ""},
		{"utf-16be", "\xfe\xff\x00c\x00a\x00f\x00\xe9", "café", ""},
		{"unpaired surrogate", "\xff\xfec\x00\x00\xd8a\x00", "", "text is not valid in its character encoding: utf-16le, by its byte-order mark"},
	} {
		got, err := plainText([]byte(c.in))
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

// FuzzPageUTF8: what a page decodes to is UTF-8, or an error.
func FuzzPageUTF8(f *testing.F) {
	f.Add([]byte(`<meta charset="shift_jis"><p>` + "\x8cx\x8e@\x8a\xaf"))
	f.Add([]byte("<p>caf\xe9</p>"))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := pageUTF8(b)
		if err == nil && !utf8.Valid(out) {
			t.Fatalf("pageUTF8(%q) = %q, not UTF-8", b, out)
		}
	})
}
