package main

import "testing"

// TestRepairName: names whose letters the source lost to "?" are mended
// from an alternative that matches elsewhere, else replaced by one with
// no "?", else dropped.
func TestRepairName(t *testing.T) {
	tests := []struct {
		name string
		alts []string
		want string // "" when no alternative will do
	}{
		{"Ar Riya?", []string{"ar-Riyad", "Riyadh"}, "Ar Riyad"},
		{"Dar?a", []string{"Dara", "Darʿa", "Deraa"}, "Darʿa"},
		{"?a'il", []string{"Hail"}, "Hail"},
		{"Al ?izam al Akh?ar", []string{"Al ?izam al Akh?ar"}, ""},
	}
	for _, tt := range tests {
		got, ok := repairName(tt.name, tt.alts)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("repairName(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}
