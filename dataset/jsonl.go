package dataset

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/durandhq/durand"
)

// readJSONL reads durand's own events, one contract object a line (the
// output of `durand extract` or `durand events --format jsonl`).
func readJSONL(r io.Reader, name string, emit func(durand.Event) error, fail func(error)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if strings.TrimSpace(string(b)) == "" {
			continue
		}
		var ev durand.Event
		if err := ev.UnmarshalJSON(b); err != nil {
			fail(&Error{name, line, fmt.Errorf("bad event JSON: %w", err)})
			continue
		}
		if ev.ID == "" || ev.Type == "" {
			fail(&Error{name, line, fmt.Errorf("event without id or type")})
			continue
		}
		if err := emit(ev); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
