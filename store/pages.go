package store

import (
	"context"
	"fmt"
	"iter"

	"github.com/durandhq/durand"
)

// Pages reads every event matching q, from q.Cursor on, a page of
// q.PageLimit() events at a time, decoded. It stops at the first error,
// which it yields with a nil page; a consumer that stops early reads no
// further page.
func Pages(ctx context.Context, st Store, q Query) iter.Seq2[[]durand.Event, error] {
	return func(yield func([]durand.Event, error) bool) {
		for {
			page, err := st.Events(ctx, q)
			if err != nil {
				yield(nil, fmt.Errorf("read events: %w", err))
				return
			}
			evs, err := page.Decode()
			if err != nil {
				yield(nil, fmt.Errorf("read events: %w", err))
				return
			}
			if !yield(evs, nil) || page.Next == "" {
				return
			}
			q.Cursor = page.Next
		}
	}
}
