package eval

import (
	"testing"

	"github.com/durandhq/durand"
)

// TestGTDAttackType: GTD's hierarchy decides the attack type of an event
// that is several at once.
func TestGTDAttackType(t *testing.T) {
	tests := []struct {
		name string
		ev   durand.Event
		want string
	}{
		{"bombing", durand.Event{Mode: "explosives", Abducted: durand.NoCount}, "Bombing/Explosion"},
		{"bombing aimed at a person", durand.Event{Mode: "explosives", Targeted: true, Abducted: durand.NoCount}, "Assassination"},
		{"shooting of a person", durand.Event{Mode: "assassinate", Abducted: durand.NoCount}, "Assassination"},
		{"attack with hostages taken", durand.Event{Mode: "firearms", Abducted: durand.Exact(3)}, "Hostage Taking (Kidnapping)"},
		{"bombing, nobody taken", durand.Event{Mode: "explosives", Abducted: durand.Exact(0)}, "Bombing/Explosion"},
		{"kidnapping", durand.Event{Mode: "abduct", Abducted: durand.NoCount}, "Hostage Taking (Kidnapping)"},
		{"hijacking", durand.Event{Mode: "abduct", Abducted: durand.Exact(45), Evidence: []durand.Evidence{{Field: "trigger", Text: "hijacked"}}}, "Hijacking"},
		{"arson", durand.Event{Mode: "destroy", Abducted: durand.NoCount}, "Facility/Infrastructure Attack"},
		{"no weapon named", durand.Event{Abducted: durand.NoCount}, "Armed Assault"},
	}
	for _, tt := range tests {
		if got := gtdAttackType(&tt.ev); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
