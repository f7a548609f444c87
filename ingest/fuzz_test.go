package ingest

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/durandhq/durand"
)

// FuzzParseDate: a date read is a calendar day at midnight UTC that reads
// back as itself, and an ISO date or date-time gives the day it writes.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021-02-15", "2021-02-15T23:30:00+05:00", "2021-02-30 10:00:00", "Wed, 31 Feb 2021 10:00:00 +0000",
		"Mon, 02 Jan 2006 15:04:05 MST", " 2024-02-29 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.Location() != time.UTC || !d.Equal(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("ParseDate(%q) = %v, not a day", s, d)
		}
		iso := d.Format(time.DateOnly)
		if again, err := ParseDate(iso); err != nil || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %s, which reads back as %v, %v", s, iso, again, err)
		}
		if w := strings.TrimSpace(s); len(w) >= 10 && w[4] == '-' && w[:10] != iso {
			t.Fatalf("ParseDate(%q) = %s, not the day written", s, iso)
		}
	})
}

// FuzzSniff reads any bytes under a name that does not tell their format:
// the format is picked from the first KiB alone, and each document read is
// UTF-8 text with its hash and an id, each error naming the input.
func FuzzSniff(f *testing.F) {
	f.Add([]byte("<?xml version=\"1.0\"?><rss><channel><item><guid>1</guid><description>Two died.</description></item></channel></rss>"), "")
	f.Add([]byte("<!doctype html><title>T</title><p>Militants attacked a post.</p>"), "text/html; charset=utf-8")
	f.Add([]byte("Plain words.\n\nMore words."), "application/rss+xml")
	f.Add([]byte(`{"id":"a","text":"x"}`+"\n"), "application/x-ndjson")
	f.Fuzz(func(t *testing.T, b []byte, ct string) {
		format := sniff(b, ct)
		if !slices.Contains([]Format{Text, JSONL, HTML, Feed}, format) {
			t.Fatalf("sniff: format %q", format)
		}
		if len(b) > 1024 && sniff(b[:1024], ct) != format {
			t.Fatalf("sniff read past the first KiB: %q", format)
		}
		r := &Reader{MaxBytes: 1 << 16}
		r.ReadStream("fuzz", bytes.NewReader(b), func(d durand.Document) error {
			if !utf8.ValidString(d.Text) || strings.TrimSpace(d.Text) == "" || d.ID == "" || d.Hash != Hash(d.Text) {
				t.Fatalf("document %+v", d)
			}
			return nil
		}, func(err error) {
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(e.Input, "fuzz") {
				t.Fatalf("error %q does not name the input", err)
			}
		})
	})
}
