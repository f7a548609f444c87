package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/storetest"
)

// TestSparseGrid: a series too large to count in an array (days over
// decades by dyad) is counted in a map, with the same buckets.
func TestSparseGrid(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "grid.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.PutEvents(ctx, storetest.RandomEvents(500)); err != nil {
		t.Fatal(err)
	}
	for _, interval := range store.Intervals {
		for _, by := range store.SeriesBy {
			dense, err := s.Series(ctx, store.Query{}, interval, by)
			if err != nil {
				t.Fatal(err)
			}
			maxDense = 0
			sparse, err := s.Series(ctx, store.Query{}, interval, by)
			maxDense = 1 << 20
			if err != nil {
				t.Fatal(err)
			}
			if len(dense) == 0 || !reflect.DeepEqual(dense, sparse) {
				t.Errorf("%s by %s: %d buckets counted in an array, %d in a map, or they differ", interval, by, len(dense), len(sparse))
			}
		}
	}
}
