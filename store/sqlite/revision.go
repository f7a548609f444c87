package sqlite

import (
	"context"
	"fmt"
)

// Revision is the store's revision: it grows with every write of events,
// by this process or another (see migration 0007), so that a reader can
// keep what it computed from the events until it changes.
func (s *DB) Revision(ctx context.Context) (int64, error) {
	var rev int64
	if err := s.db.QueryRowContext(ctx, "SELECT rev FROM revision").Scan(&rev); err != nil {
		return 0, fmt.Errorf("read revision: %w", err)
	}
	return rev, nil
}
