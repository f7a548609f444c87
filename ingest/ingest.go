// Package ingest reads reports into documents: plain-text files, JSON
// lines, HTML pages, RSS/Atom feeds (files or URLs), folders of them,
// standard input. A bad input is reported with
// its name and the reason and skipped; the rest is read.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/sentence"
)

// Format names an input format.
type Format string

// The input formats. Auto picks by file extension (.jsonl and .ndjson are
// JSON lines, .html and .htm HTML, .xml, .rss and .atom feeds, .txt text)
// and otherwise by content.
const (
	Auto  Format = ""
	Text  Format = "text"
	JSONL Format = "jsonl"
	HTML  Format = "html"
	Feed  Format = "feed"
)

// ParseFormat checks a format name given by a user.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Auto, Text, JSONL, HTML, Feed:
		return f, nil
	}
	return "", fmt.Errorf("unknown input format %q (want text, jsonl, html or feed)", s)
}

// DefaultMaxBytes is the largest document read by default. Longer texts
// are not news reports; they are refused with a message rather than
// stalling a worker.
const DefaultMaxBytes = 8 << 20

// Error is a problem with one input: a file, or one line of a file.
type Error struct {
	Input string // file path or "-", with ":line" for JSON lines
	Err   error
}

func (e *Error) Error() string { return e.Input + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Errors returned (wrapped in *Error) for bad documents.
var (
	// ErrEmpty is returned for a document with no text.
	ErrEmpty = errors.New("empty text")
	// ErrInvalidUTF8 is returned for text that is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
	// ErrInvalidEncoding is returned for a page or feed with bytes that
	// are invalid in the charset it declares (or, declaring none, that
	// its bytes look like).
	ErrInvalidEncoding = errors.New("text is not valid in its character encoding")
	// ErrBinary is returned for input that is not text under any charset:
	// an archive, compressed data, an image, NUL bytes, control codes.
	ErrBinary = errors.New("not text")
	// ErrNoDocuments is returned for an input that holds no document: an
	// empty JSON-lines file, a feed without items, an empty folder.
	ErrNoDocuments = errors.New("no documents")
	// ErrTooLarge is returned for a document over the size limit.
	ErrTooLarge = errors.New("document too large")
)

// Reader reads documents from paths.
type Reader struct {
	Format   Format
	MaxBytes int // 0 means DefaultMaxBytes
	Stdin    io.Reader
	// Client fetches URLs; nil uses a client with DefaultTimeout.
	Client *http.Client
	// OnlyChanged makes a Reader that reads the same paths again (as
	// `durand ingest --watch` does) skip files whose size and modification
	// time are unchanged since it last read them.
	OnlyChanged bool
	// Unnamed is for streams with no identity of their own (a request
	// body): their text and HTML documents get ids from their text's
	// hash, as standard input's do, rather than all sharing the stream's
	// name.
	Unnamed bool
	seen    map[string]stamp
}

// docID is the id of a text or HTML document read from the input named
// name: the name (a path or URL) unless the input has no identity, when
// NewDocument makes one from the text.
func (r *Reader) docID(name string) durand.DocID {
	if name == "-" || r.Unnamed {
		return ""
	}
	return durand.DocID(name)
}

type stamp struct {
	size int64
	mod  time.Time
}

// unchanged reports whether path was read before with the same size and
// modification time, and remembers it otherwise.
func (r *Reader) unchanged(path string, info fs.FileInfo) bool {
	if !r.OnlyChanged || info == nil {
		return false
	}
	st := stamp{info.Size(), info.ModTime()}
	if r.seen == nil {
		r.seen = map[string]stamp{}
	}
	if old, ok := r.seen[path]; ok && old == st {
		return true
	}
	r.seen[path] = st
	return false
}

// Estimate counts the documents paths hold, for a progress bar: a JSON
// lines file's lines, one for any other file, nothing for URLs and
// standard input (unknown until read).
func (r *Reader) Estimate(paths []string) int64 {
	var n int64
	count := func(path string) {
		if r.formatOf(path) != JSONL {
			n++
			return
		}
		f, err := os.Open(path)
		if err != nil {
			return
		}
		defer f.Close()
		buf := make([]byte, 1<<16)
		for {
			k, err := f.Read(buf)
			n += int64(bytes.Count(buf[:k], []byte{'\n'}))
			if err != nil {
				return
			}
		}
	}
	for _, p := range paths {
		if p == "-" || isURL(p) {
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			count(p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				count(path)
			}
			return nil
		})
	}
	return n
}

// Read reads every path (a file, a folder, an http(s) URL, or "-" for
// standard input) and calls emit for each document and fail for each bad
// input. It returns an error only when emit does or ctx ends.
func (r *Reader) Read(ctx context.Context, paths []string, emit func(durand.Document) error, fail func(error)) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if err := r.readStream("-", r.Stdin, r.Format, emit, fail); err != nil {
				return err
			}
			continue
		}
		if isURL(p) {
			if err := r.readURL(ctx, p, emit, fail); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			fail(&Error{p, err})
			continue
		}
		if !info.IsDir() {
			if r.unchanged(p, info) {
				continue
			}
			if err := r.readFile(p, emit, fail); err != nil {
				return err
			}
			continue
		}
		files := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fail(&Error{path, err})
				return nil
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			files++
			if err := ctx.Err(); err != nil {
				return err
			}
			if info, err := d.Info(); err == nil && r.unchanged(path, info) {
				return nil
			}
			return r.readFile(path, emit, fail)
		})
		if err != nil {
			return err
		}
		if files == 0 && !r.OnlyChanged { // a watched folder may well be empty until files come
			fail(&Error{p, ErrNoDocuments})
		}
	}
	return nil
}

func (r *Reader) max() int {
	if r.MaxBytes > 0 {
		return r.MaxBytes
	}
	return DefaultMaxBytes
}

func (r *Reader) readFile(path string, emit func(durand.Document) error, fail func(error)) error {
	f, err := os.Open(path)
	if err != nil {
		fail(&Error{path, err})
		return nil
	}
	defer f.Close()
	return r.readStream(path, f, r.formatOf(path), emit, fail)
}

// formatOf is the format of a file: the Reader's, else by extension, else
// Auto (decided by content).
func (r *Reader) formatOf(path string) Format {
	if r.Format != Auto {
		return r.Format
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return JSONL
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".xml", ".rss", ".atom":
		return Feed
	case ".txt", ".text":
		return Text
	}
	return Auto
}

func (r *Reader) readStream(name string, in io.Reader, format Format, emit func(durand.Document) error, fail func(error)) error {
	if in == nil {
		fail(&Error{name, errNoInput})
		return nil
	}
	if format == JSONL {
		return r.readJSONL(name, in, emit, fail)
	}
	b, err := io.ReadAll(io.LimitReader(in, int64(r.max())+1))
	if err != nil {
		fail(&Error{name, err})
		return nil
	}
	if len(b) > r.max() {
		fail(&Error{name, fmt.Errorf("%w: over %d bytes", ErrTooLarge, r.max())})
		return nil
	}
	if len(bytes.TrimSpace(b)) == 0 {
		fail(&Error{name, ErrEmpty})
		return nil
	}
	if err := notText(b); err != nil {
		fail(&Error{name, err})
		return nil
	}
	if format == Auto {
		format = sniff(b, "")
	}
	switch format {
	case HTML:
		return r.readHTML(name, b, emit, fail)
	case Feed:
		return r.readFeed(name, b, emit, fail)
	}
	if b, err = plainText(b); err != nil {
		fail(&Error{name, err})
		return nil
	}
	doc, err := NewDocument(durand.Document{ID: r.docID(name), Text: string(b)})
	if err != nil {
		fail(&Error{name, err})
		return nil
	}
	return emit(doc)
}

// line is one JSON-lines document, as the contract in DESIGN.md gives it.
type line struct {
	ID        json.RawMessage `json:"id"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Source    string          `json:"source"`
	URL       string          `json:"url"`
	Text      *string         `json:"text"`
}

func (r *Reader) readJSONL(name string, in io.Reader, emit func(durand.Document) error, fail func(error)) error {
	br := bufio.NewReaderSize(in, 1<<16)
	n := 0
	told := false // a document emitted or a line reported
	failLine := func(err error) {
		told = true
		fail(err)
	}
	for {
		raw, tooLong, err := readLine(br, r.max()*2)
		if len(raw) == 0 && err != nil {
			switch {
			case err != io.EOF:
				fail(&Error{name, err})
			case !told:
				fail(&Error{name, ErrNoDocuments})
			}
			return nil
		}
		n++
		if n == 1 {
			if raw, err = firstLine(raw); err != nil {
				fail(&Error{name, err})
				return nil
			}
		}
		where := fmt.Sprintf("%s:%d", name, n)
		if tooLong {
			failLine(&Error{where, fmt.Errorf("%w: line over %d bytes", ErrTooLarge, r.max()*2)})
			continue
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		doc, perr := parseLine(raw, where)
		if perr != nil {
			failLine(&Error{where, perr})
			continue
		}
		if len(doc.Text) > r.max() {
			failLine(&Error{where, fmt.Errorf("%w: text of %d bytes, over %d", ErrTooLarge, len(doc.Text), r.max())})
			continue
		}
		if doc, perr = NewDocument(doc); perr != nil {
			failLine(&Error{where, perr})
			continue
		}
		told = true
		if err := emit(doc); err != nil {
			return err
		}
	}
}

// firstLine checks the first line of a JSON-lines stream, which tells
// whether the stream is text at all (a gzipped dump is refused whole, not
// line by line), and drops a UTF-8 byte-order mark.
func firstLine(raw []byte) ([]byte, error) {
	if err := signature(raw); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(raw, []byte(bomUTF8)) {
		return raw[len(bomUTF8):], nil
	}
	if bomLen(raw) > 0 {
		return nil, fmt.Errorf("%w: UTF-16, by its byte-order mark", ErrInvalidUTF8)
	}
	return raw, nil
}

// readLine reads one line, discarding (and reporting) lines over max.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			tooLong = true
		} else {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return []byte{'x'}, true, err
		}
		return buf, false, err
	}
}

func parseLine(raw []byte, where string) (durand.Document, error) {
	if err := invalidUTF8(raw); err != nil {
		return durand.Document{}, err
	}
	var l line
	if err := json.Unmarshal(raw, &l); err != nil {
		return durand.Document{}, fmt.Errorf("bad JSON: %w", err)
	}
	if l.Text == nil {
		return durand.Document{}, errors.New(`no "text" field`)
	}
	doc := durand.Document{Title: l.Title, Source: l.Source, URL: l.URL, Text: *l.Text}
	if len(l.ID) > 0 && string(l.ID) != "null" {
		var s string
		if json.Unmarshal(l.ID, &s) == nil {
			doc.ID = durand.DocID(s)
		} else {
			doc.ID = durand.DocID(strings.TrimSpace(string(l.ID))) // a numeric id, kept as written
		}
	}
	if l.Published != "" {
		t, err := ParseDate(l.Published)
		if err != nil {
			return durand.Document{}, fmt.Errorf("published: %w", err)
		}
		doc.Published = t
	}
	return doc, nil
}

// ParseDate reads an ISO date or date-time and returns its calendar day.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04:05.000", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an ISO date", s)
}

// NewDocument checks a document's text (UTF-8, not empty, not binary: no
// NUL byte, few control codes) and fills its hash, and its id from the
// hash when it has none.
func NewDocument(doc durand.Document) (durand.Document, error) {
	if !utf8.ValidString(doc.Text) {
		return doc, invalidUTF8([]byte(doc.Text))
	}
	if strings.TrimSpace(doc.Text) == "" {
		return doc, ErrEmpty
	}
	if err := binaryText(doc.Text); err != nil {
		return doc, err
	}
	doc.Hash = Hash(doc.Text)
	if doc.ID == "" {
		doc.ID = durand.DocID("doc_" + doc.Hash[:16])
	}
	return doc, nil
}

// Hash is the hex SHA-256 of the normalised text: folded, with runs of
// white space made one space, so that re-ingesting the same text with
// different wrapping is recognised.
func Hash(text string) string {
	h := sha256.New()
	for i, f := range strings.Fields(text) {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(sentence.Fold(f)))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ReadStream reads one input that is not a file path (an embedded file, a
// request body), named name in messages; its format is the Reader's, else
// by name's extension, else by content.
func (r *Reader) ReadStream(name string, in io.Reader, emit func(durand.Document) error, fail func(error)) error {
	return r.readStream(name, in, r.formatOf(name), emit, fail)
}

// Stream reads paths as Read does in a goroutine of its own and sends the
// documents on the returned channel, which is closed when the paths are
// read or ctx ends; cancel ctx to stop reading early.
func (r *Reader) Stream(ctx context.Context, paths []string, fail func(error)) <-chan durand.Document {
	docs := make(chan durand.Document, 64)
	go func() {
		defer close(docs)
		_ = r.Read(ctx, paths, SendTo(ctx, docs), fail)
	}()
	return docs
}

// SendTo returns an emit function for the readers that sends each
// document on docs, and stops with ctx's error once ctx ends.
func SendTo(ctx context.Context, docs chan<- durand.Document) func(durand.Document) error {
	return func(d durand.Document) error {
		select {
		case docs <- d:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
