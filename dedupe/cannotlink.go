package dedupe

import (
	"cmp"
	"slices"
	"strings"
)

// CannotLink is a set of pairs of event ids that must never share an
// incident, however well they match: what an analyst's unmerge leaves
// behind, so that the next ingest does not merge them again. Cluster and
// Join respect it. The zero value is empty and ready to use; a nil
// *CannotLink is empty too.
type CannotLink struct {
	pairs map[[2]string]struct{}
}

func pairOf(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

// Add records that the events a and b must stay apart.
func (c *CannotLink) Add(a, b string) {
	if a == b {
		return
	}
	if c.pairs == nil {
		c.pairs = map[[2]string]struct{}{}
	}
	c.pairs[pairOf(a, b)] = struct{}{}
}

// Split records that every two of ids must stay apart: the unmerge of an
// incident into its reports' events.
func (c *CannotLink) Split(ids ...string) {
	for i := range ids {
		for _, b := range ids[i+1:] {
			c.Add(ids[i], b)
		}
	}
}

// Has reports whether a and b must stay apart.
func (c *CannotLink) Has(a, b string) bool {
	if c == nil || len(c.pairs) == 0 {
		return false
	}
	_, ok := c.pairs[pairOf(a, b)]
	return ok
}

// Len is the number of pairs.
func (c *CannotLink) Len() int {
	if c == nil {
		return 0
	}
	return len(c.pairs)
}

// Pairs returns the pairs, each in order and all sorted, for a store to
// keep.
func (c *CannotLink) Pairs() [][2]string {
	if c == nil {
		return nil
	}
	out := make([][2]string, 0, len(c.pairs))
	for p := range c.pairs {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	return out
}
