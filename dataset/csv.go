package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/durandhq/durand/ingest"
)

// row is one CSV record by column name.
type row struct {
	file string
	line int
	col  map[string]int
	rec  []string
}

func (r row) get(k string) string {
	if i, ok := r.col[k]; ok && i < len(r.rec) {
		return strings.TrimSpace(r.rec[i])
	}
	return ""
}

func (r row) has(k string) bool { _, ok := r.col[k]; return ok }

// Errors about a whole file or record, before any value is read.
var (
	errEmpty     = errors.New("empty file")
	errNoRecords = errors.New("no records after the header")
	errMalformed = errors.New("malformed CSV record")
)

// rows streams a CSV file with a header, checking the required columns.
// A malformed record, or one whose fields are not UTF-8 text, is reported
// to bad, naming its line, and skipped. The file's own faults (empty,
// binary, no header, a missing column, no records) are returned as an
// *Error, before any row when they can be.
func rows(r io.Reader, name string, required []string, fn func(row) error, bad func(error)) error {
	br, err := text(r, "CSV")
	if err != nil {
		return &Error{name, 0, err}
	}
	lim := &lineLimit{r: br, max: maxCSVLine, line: 1}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, col, err := header(cr, name, required)
	if err != nil {
		return err
	}
	records := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		records++
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			bad(&Error{name, pe.StartLine, fmt.Errorf("%w: %v (line %d, column %d)", errMalformed, pe.Err, pe.Line, pe.Column)})
			continue
		case errors.Is(err, errLongLine):
			return &Error{name, lim.line, fmt.Errorf("%w: over %d bytes, which no record of a dataset is; the rest of the file is not read", err, lim.max)}
		case err != nil:
			return &Error{name, 0, err}
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(head) {
			bad(&Error{name, line, fmt.Errorf("%w: %d fields, the header has %d", errMalformed, len(rec), len(head))})
			continue
		}
		if err := checkFields(head, rec); err != nil {
			bad(&Error{name, line, err})
			continue
		}
		if err := fn(row{file: name, line: line, col: col, rec: rec}); err != nil {
			return err
		}
	}
	if records == 0 {
		return &Error{name, 0, errNoRecords}
	}
	return nil
}

// maxCSVLine is the longest line of a CSV file an importer reads. The
// longest fields of ACLED, UCDP or GTD (notes, sources, summaries) are a
// few kilobytes; encoding/csv holds a whole record in memory, so without
// a bound one 100 MB field would take 100 MB.
var maxCSVLine = 1 << 20

// lineLimit reads r until a line is longer than max bytes, then fails
// with errLongLine; line is the number of the line being read.
type lineLimit struct {
	r         io.Reader
	n, max    int // bytes of the current line read so far, and the bound
	line      int
	exhausted bool
}

func (l *lineLimit) Read(p []byte) (int, error) {
	if l.exhausted {
		return 0, errLongLine
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.n = 0
			l.line++
			continue
		}
		if l.n++; l.n > l.max {
			l.exhausted = true
			return i, errLongLine
		}
	}
	return n, err
}

// header reads the column names and checks the required ones are there.
func header(cr *csv.Reader, name string, required []string) (head []string, col map[string]int, err error) {
	head, err = cr.Read()
	switch {
	case err == io.EOF:
		return nil, nil, &Error{name, 0, errEmpty}
	case err != nil:
		return nil, nil, &Error{name, 1, fmt.Errorf("header: %w", err)}
	}
	col = map[string]int{}
	for i, h := range head {
		if err := checkText("header", h); err != nil {
			return nil, nil, &Error{name, 1, err}
		}
		col[strings.TrimSpace(h)] = i
	}
	for _, k := range required {
		if _, ok := col[k]; !ok {
			return nil, nil, &Error{name, 1, fmt.Errorf("no %q column: is this the right --format?", k)}
		}
	}
	// The reader reuses its record: keep a copy of the header.
	return slices.Clone(head), col, nil
}

func checkFields(head, rec []string) error {
	for i, f := range rec {
		if err := checkText(head[i], f); err != nil {
			return err
		}
	}
	return nil
}

// sniffLen is how much of a file text reads ahead to tell text from
// binary data.
const sniffLen = 8 << 10

// advice is what to do with a file of a binary kind (as ingest.Binary
// names it) to import it.
var advice = map[string]string{
	"gzip-compressed data":        ": decompress it first",
	"bzip2-compressed data":       ": decompress it first",
	"xz-compressed data":          ": decompress it first",
	"zstd-compressed data":        ": decompress it first",
	"a zip archive":               " (or an .xlsx workbook): extract or export it as CSV first",
	"a Microsoft Office document": " (an .xls workbook?): export it as CSV first",
}

// text returns r as UTF-8 text without its byte-order mark, or an error
// saying what it is instead: empty, compressed, an archive, UTF-16 or
// other binary data. It reads ahead sniffLen bytes and decides before the
// caller reads a record, so nothing of a refused file is imported.
func text(r io.Reader, kind string) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(head) == 0 {
		return nil, errEmpty
	}
	if what := ingest.Binary(head); what != "" {
		return nil, fmt.Errorf("not %s text but %s%s", kind, what, advice[what])
	}
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return nil, fmt.Errorf("not %s text but UTF-16 text: convert it to UTF-8 first", kind)
	}
	if n := binaryBytes(head); n*10 > len(head) {
		return nil, fmt.Errorf("not %s text but binary data (%d of the first %d bytes are not text)", kind, n, len(head))
	}
	if bytes.HasPrefix(head, []byte("\ufeff")) {
		br.Discard(3) // a byte-order mark is not part of the first column's name
	}
	return br, nil
}

// binaryBytes counts the bytes of b no text has: control characters
// other than tab, line feed, form feed and carriage return, and bytes
// that are not UTF-8. Compressed or random data has about half; text,
// even with a stray Latin-1 letter, almost none, so that a file with
// over 10% is refused whole and a text file with a few bad bytes has
// only the rows that hold them refused.
func binaryBytes(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\f' && r != '\r' || r == 0x7f {
			n += size
		}
		i += size
	}
	return n
}
