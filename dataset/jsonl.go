package dataset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/durandhq/durand"
)

// maxLine is the longest JSON line readJSONL reads; a longer one is
// reported and skipped without being held in memory.
var maxLine = 64 << 20

var errLongLine = errors.New("line too long")

// readJSONL reads durand's own events, one contract object a line (the
// output of `durand extract` or `durand events --format jsonl`), and
// calls emit with each and its line.
func readJSONL(r io.Reader, name string, emit func(int, durand.Event) error, fail func(error)) error {
	br, err := text(r, "JSON lines")
	if err != nil {
		return &Error{name, 0, err}
	}
	events := 0
	for line := 1; ; line++ {
		b, err := readLine(br, maxLine)
		switch {
		case err == io.EOF:
			if events == 0 {
				return &Error{name, 0, errEmpty}
			}
			return nil
		case errors.Is(err, errLongLine):
			events++
			fail(&Error{name, line, fmt.Errorf("%w (over %d bytes): skipped", err, maxLine)})
			continue
		case err != nil:
			return &Error{name, line, err}
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		events++
		if err := checkText("line", string(b)); err != nil {
			fail(&Error{name, line, err})
			continue
		}
		var ev durand.Event
		if err := ev.UnmarshalJSON(b); err != nil {
			fail(&Error{name, line, fmt.Errorf("bad event JSON: %w", err)})
			continue
		}
		if ev.ID == "" {
			fail(&Error{name, line, &badValue{"id", "", "empty"}})
			continue
		}
		if err := emit(line, ev); err != nil {
			return err
		}
	}
}

// readLine returns the next line of br without its end, or errLongLine
// (having skipped the line) when it is longer than max bytes, or io.EOF
// at the end.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > max {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, errLongLine
		}
		line = append(line, chunk...)
		switch {
		case err == bufio.ErrBufferFull:
		case err == nil:
			return bytes.TrimSuffix(line, []byte("\n")), nil
		case err == io.EOF && len(line) > 0:
			return line, nil
		default:
			return nil, err
		}
	}
}
