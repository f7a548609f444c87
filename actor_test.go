package durand

import (
	"testing"
	"time"
)

// TestActorRoles: a role is chosen by day, and a role limited to a place
// only for an event there, named by one of its own names.
func TestActorRoles(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	taliban := ActorDef{ID: "taliban", Roles: []ActorRole{
		{Until: day("2021-08-15"), Code: "TAL"},
		{From: day("2021-08-15"), Code: "AFG.GOV"},
		{From: day("2007-12-14"), Code: "TTP", In: []string{"PAK"}, Names: []string{"Taliban", "Taliban militants"}},
	}}
	tests := []struct {
		day           string // "" for an undated event
		country, name string
		want          ActorCode
	}{
		{"2015-03-02", "", "Taliban", "TAL"},
		{"2025-03-02", "", "Taliban", "AFG.GOV"},
		{"", "", "Taliban", "AFG.GOV"}, // the latest role, not the one limited to a place
		{"2015-03-02", "PAK", "Taliban", "TTP"},
		{"2025-03-02", "PAK", "taliban militants", "TTP"},
		{"2025-03-02", "AFG", "Taliban", "AFG.GOV"},
		{"2025-03-02", "PAK", "Afghan Taliban", "AFG.GOV"},     // a name that says which
		{"2025-03-02", "PAK", "Taliban government", "AFG.GOV"}, // a name that says which
		{"2005-03-02", "PAK", "Taliban", "TAL"},                // before the place's role began
		{"", "PAK", "Taliban", "TTP"},
	}
	for _, tt := range tests {
		var d time.Time
		if tt.day != "" {
			d = day(tt.day)
		}
		r, ok := taliban.AtIn(d, tt.country, tt.name)
		if !ok || r.Code != tt.want {
			t.Errorf("AtIn(%s, %q, %q) = %s, %v; want %s", tt.day, tt.country, tt.name, r.Code, ok, tt.want)
		}
	}
	if r, ok := (&ActorDef{Roles: []ActorRole{{Code: "TTP", In: []string{"PAK"}}}}).At(time.Time{}); ok {
		t.Errorf("At of an actor with only a role limited to a place = %s, want none", r.Code)
	}
}

// TestArmedGroupSector: non-state armed groups' sectors, not a state's
// forces, an opposition or civilians.
func TestArmedGroupSector(t *testing.T) {
	for sector, want := range map[string]bool{"insurgent": true, "separatist": true, "militia": true, "military": false, "opposition": false, "civilians": false} {
		if got := ArmedGroupSector(sector); got != want {
			t.Errorf("ArmedGroupSector(%q) = %v, want %v", sector, got, want)
		}
	}
}
