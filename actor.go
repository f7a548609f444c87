package durand

import "time"

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
func (d *ActorDef) At(t time.Time) (r ActorRole, ok bool) {
	if len(d.Roles) == 0 {
		return ActorRole{}, false
	}
	if t.IsZero() {
		return d.Roles[len(d.Roles)-1], true
	}
	for _, r := range d.Roles {
		if (r.From.IsZero() || !t.Before(r.From)) && (r.Until.IsZero() || t.Before(r.Until)) {
			return r, true
		}
	}
	return ActorRole{}, false
}

// Actor returns the role as an output actor.
func (r ActorRole) Actor() Actor {
	return Actor{Code: r.Code, Name: r.Name, Country: r.Country, Sector: r.Sector}
}
