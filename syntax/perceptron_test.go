package syntax

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTables scores features through each layout of table and checks
// the weights come back as they went in (within 16-bit rounding for the
// compact one), and that features() gives them all back.
func TestTables(t *testing.T) {
	for _, tc := range []struct {
		name    string
		classes int
		n       int
	}{
		{"compact", 3, 60000},
		{"small three classes, dense", 3, 100},
		{"dense", 7, 1000},
		{"sparse", 40, 1000},
	} {
		rng := rand.New(rand.NewPCG(1, 2))
		seen := map[uint32]bool{0: true}
		var feats []feature
		for len(feats) < tc.n {
			k := rng.Uint32()
			if seen[k] {
				continue
			}
			seen[k] = true
			f := feature{key: k}
			for c := range tc.classes {
				if rng.IntN(3) == 0 {
					f.ws = append(f.ws, weight{class: uint8(c), w: float32(rng.NormFloat64() * 10)})
				}
			}
			if len(f.ws) == 0 {
				f.ws = append(f.ws, weight{class: 0, w: 1})
			}
			feats = append(feats, f)
		}
		tb := newTable(tc.classes, feats)
		if (tb.compact != nil) != (tc.name == "compact") {
			t.Errorf("%s: compact layout %v", tc.name, tb.compact != nil)
		}
		tol := float64(quantum(feats))
		scores := make([]float32, tc.classes)
		wrong := 0
		for _, f := range feats {
			tb.score([]uint32{f.key}, scores)
			want := make([]float32, tc.classes)
			for _, w := range f.ws {
				want[w.class] = w.w
			}
			for c := range want {
				if math.Abs(float64(scores[c]-want[c])) > tol {
					wrong++
					break
				}
			}
		}
		// A compact table may take one feature for another with the
		// same fingerprint, rarely; the others never.
		if limit := tc.n / 10000; wrong > limit && tc.name == "compact" || wrong > 0 && tc.name != "compact" {
			t.Errorf("%s: %d of %d features scored wrong", tc.name, wrong, tc.n)
		}
		if got := len(tb.features()); got != len(feats) {
			t.Errorf("%s: %d features back, want %d", tc.name, got, len(feats))
		}
		tb.score([]uint32{0x12345678}, scores)
		for c, s := range scores {
			if s != 0 && !seen[0x12345678] {
				t.Errorf("%s: an unknown feature scored %v for class %d", tc.name, s, c)
			}
		}
	}
}
