package assemble

import (
	"testing"

	"github.com/durandhq/durand"
)

func TestAgreeingCounts(t *testing.T) {
	u := durand.Unknown
	tests := []struct {
		a, b durand.Count
		want bool
	}{
		{durand.Exact(12), durand.Exact(12), true},
		{durand.Exact(10), durand.Exact(9), false},
		{durand.Exact(10), durand.Count{Best: 9, Low: 9, High: u}, true}, // "at least 9"
		{durand.Exact(3), durand.Count{Best: u, Low: u, High: 2}, false}, // "up to 2"
		{durand.Exact(4), durand.Count{Best: u, Low: 2, High: 5}, true},  // "a few"
		{durand.NoCount, durand.Exact(7), true},
	}
	for _, tt := range tests {
		if got := agreeingCounts(tt.a, tt.b); got != tt.want || agreeingCounts(tt.b, tt.a) != tt.want {
			t.Errorf("agreeingCounts(%+v, %+v) = %v, want %v both ways", tt.a, tt.b, got, tt.want)
		}
	}
	if got := exacter(durand.Count{Best: 3, Low: 3, High: u}, durand.Exact(4)); got != durand.Exact(4) {
		t.Errorf("exacter kept the lower bound: %+v", got)
	}
	if got := exacter(durand.Exact(3), durand.Exact(4)); got != durand.Exact(3) {
		t.Errorf("exacter replaced an exact count: %+v", got)
	}
}
