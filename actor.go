package durand

import (
	"slices"
	"strings"
	"time"
)

// ActorCode is an actor's code in durand's scheme: a country code and a
// sector for state actors (PAK.MIL, AFG.GOV), a short name for non-state
// groups (TTP, HGB, ISKP), CIV for civilians.
type ActorCode string

// Actor is one side of an event as it appears in the output.
type Actor struct {
	Code    ActorCode `json:"code"`
	Name    string    `json:"name"`
	Country string    `json:"country"` // ISO 3166-1 alpha-3, or "" when stateless
	Sector  string    `json:"sector"`
}

// MarshalJSON writes the actor with null for an absent country or sector.
func (a Actor) MarshalJSON() ([]byte, error) {
	return marshalActor(a)
}

// ArmedGroupSector reports whether sector is one of a non-state armed
// group: insurgents, rebels, separatists, militias, terrorists.
func ArmedGroupSector(sector string) bool {
	switch sector {
	case "insurgent", "rebel", "separatist", "militia", "terrorist":
		return true
	}
	return false
}

// ActorRole is what an actor is during a period: the Afghan Taliban are an
// insurgent group until 15 August 2021 and Afghanistan's de facto
// government after. From and Until bound the period (inclusive From,
// exclusive Until); a zero value leaves that side open.
type ActorRole struct {
	From, Until time.Time
	Code        ActorCode
	Name        string
	Country     string
	Sector      string
	// In, when set, limits the role to violent events in these countries
	// (ISO 3166-1 alpha-3), where it takes precedence over the actor's roles
	// of the same period, and Names are the only names that take it:
	// the ones that do not say which actor is meant. "Taliban militants"
	// fighting in Pakistan are the Pakistani Taliban; "Afghan Taliban"
	// there are still Afghanistan's.
	In    []string
	Names []string
}

// ActorDef is one entry of the actor dictionary: the names it is known by
// and its roles over time.
type ActorDef struct {
	ID    string
	Names []string
	Roles []ActorRole
}

// At returns the role the actor has on day t. A zero t (an undated event)
// takes the latest role. ok is false when no role covers t.
// Roles limited to a place (In) are left out: see AtIn.
func (d *ActorDef) At(t time.Time) (r ActorRole, ok bool) {
	if t.IsZero() {
		for i := len(d.Roles) - 1; i >= 0; i-- {
			if d.Roles[i].In == nil {
				return d.Roles[i], true
			}
		}
		return ActorRole{}, false
	}
	for _, r := range d.Roles {
		if r.In == nil && r.covers(t) {
			return r, true
		}
	}
	return ActorRole{}, false
}

// AtIn returns the role the actor has on day t in an event in country
// when it is named name (the words of the name alone, any case): a role
// limited to that country when one covers t and takes the name, else
// At(t).
func (d *ActorDef) AtIn(t time.Time, country, name string) (r ActorRole, ok bool) {
	if country != "" {
		for _, r := range d.Roles {
			if r.In != nil && slices.Contains(r.In, country) && (t.IsZero() || r.covers(t)) && r.takes(name) {
				return r, true
			}
		}
	}
	return d.At(t)
}

func (r *ActorRole) covers(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.Until.IsZero() || t.Before(r.Until))
}

// takes reports whether name is one of the role's names, in any case;
// any name when the role lists none.
func (r *ActorRole) takes(name string) bool {
	return len(r.Names) == 0 || slices.ContainsFunc(r.Names, func(n string) bool { return strings.EqualFold(n, name) })
}

// Actor returns the role as an output actor.
func (r ActorRole) Actor() Actor {
	return Actor{Code: r.Code, Name: r.Name, Country: r.Country, Sector: r.Sector}
}
