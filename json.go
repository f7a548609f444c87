package durand

import (
	"errors"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// Writing events is most of what `durand extract` does after extraction:
// with encoding/json each event was six nested MarshalJSON calls, each
// output validated and compacted again by its caller. AppendJSON writes the
// same bytes in one pass; TestAppendJSONMatchesEncodingJSON holds it to
// encoding/json's output, byte for byte.

// errNotFinite is what encoding/json says of a NaN or infinite number.
var errNotFinite = errors.New("json: unsupported value: NaN or Inf")

// AppendJSON appends the event in the contract format (what MarshalJSON
// writes) to dst. It fails only on a number JSON cannot hold.
func (e *Event) AppendJSON(dst []byte) ([]byte, error) {
	if !finiteEvent(e) {
		return dst, errNotFinite
	}
	b := append(dst, `{"id":`...)
	b = appendString(b, e.ID)
	b = append(b, `,"type":`...)
	b = appendString(b, string(e.Type))
	b = append(b, `,"mode":`...)
	b = appendNullable(b, e.Mode)
	b = append(b, `,"contexts":`...)
	b = appendStrings(b, e.Contexts)
	b = append(b, `,"acled_type":`...)
	b = appendNullable(b, e.ACLEDType)
	b = append(b, `,"acled_subtype":`...)
	b = appendNullable(b, e.ACLEDSubtype)
	b = append(b, `,"cameo":`...)
	b = appendNullable(b, e.CAMEO)
	b = append(b, `,"source":`...)
	b = appendActors(b, e.Source)
	b = append(b, `,"target":`...)
	b = appendActors(b, e.Target)
	b = append(b, `,"place":`...)
	if e.Place == nil {
		b = append(b, "null"...)
	} else {
		b = e.Place.appendJSON(b)
	}
	b = append(b, `,"date":`...)
	b = e.Date.appendJSON(b)
	b = append(b, `,"fatalities":`...)
	b = e.Fatalities.appendJSON(b)
	b = append(b, `,"injured":`...)
	b = e.Injured.appendJSON(b)
	b = append(b, `,"abducted":`...)
	b = e.Abducted.appendJSON(b)
	b = append(b, `,"targeted":`...)
	b = strconv.AppendBool(b, e.Targeted)
	b = append(b, `,"modality":`...)
	b = appendString(b, string(e.Modality))
	b = append(b, `,"claimed_by":`...)
	if e.ClaimedBy == nil {
		b = append(b, "null"...)
	} else {
		b = e.ClaimedBy.appendJSON(b)
	}
	b = append(b, `,"confidence":`...)
	b = appendFloat(b, round(e.Confidence, 2))
	b = e.appendProvenance(b)
	return append(b, '}'), nil
}

// appendProvenance appends the fields that say where the event comes
// from: documents, evidence, dataset record and notes.
func (e *Event) appendProvenance(b []byte) []byte {
	b = append(b, `,"docs":[`...)
	for i, d := range e.Docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, string(d))
	}
	b = append(b, `],"sources":`...)
	b = strconv.AppendInt(b, int64(len(e.Docs)), 10)
	b = append(b, `,"evidence":[`...)
	for i := range e.Evidence {
		if i > 0 {
			b = append(b, ',')
		}
		b = e.Evidence[i].appendJSON(b)
	}
	b = append(b, `],"origin":`...)
	if e.Origin == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"dataset":`...)
		b = appendString(b, e.Origin.Dataset)
		b = append(b, `,"record":`...)
		b = appendString(b, e.Origin.Record)
		b = append(b, '}')
	}
	b = append(b, `,"notes":`...)
	b = appendNullable(b, e.Notes)
	if len(e.Members) > 0 { // a merged event's reports; one report's event has none
		b = append(b, `,"members":`...)
		b = appendStrings(b, e.Members)
	}
	return b
}

// finiteEvent reports whether every number of the event can be written.
func finiteEvent(e *Event) bool {
	return finite(e.Confidence) && (e.Place == nil || finite(e.Place.Lat, e.Place.Lon, e.Place.Confidence))
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func (ev *Evidence) appendJSON(b []byte) []byte {
	b = append(b, `{"doc":`...)
	b = appendString(b, string(ev.Doc))
	b = append(b, `,"field":`...)
	b = appendString(b, ev.Field)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(ev.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(ev.End), 10)
	b = append(b, `,"text":`...)
	b = appendString(b, ev.Text)
	return append(b, '}')
}

func (p *Place) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendNullable(b, string(p.ID))
	b = append(b, `,"name":`...)
	b = appendNullable(b, p.Name)
	b = append(b, `,"admin2":`...)
	b = appendNullable(b, p.Admin2)
	b = append(b, `,"admin1":`...)
	b = appendNullable(b, p.Admin1)
	b = append(b, `,"country":`...)
	b = appendNullable(b, p.Country)
	b = append(b, `,"lat":`...)
	b = appendFloat(b, round(p.Lat, 5))
	b = append(b, `,"lon":`...)
	b = appendFloat(b, round(p.Lon, 5))
	b = append(b, `,"precision":`...)
	b = appendString(b, string(p.Prec))
	b = append(b, `,"confidence":`...)
	b = appendFloat(b, round(p.Confidence, 2))
	if p.Locality != "" {
		b = append(b, `,"locality":`...)
		b = appendString(b, p.Locality)
	}
	return append(b, '}')
}

func (a *Actor) appendJSON(b []byte) []byte {
	b = append(b, `{"code":`...)
	b = appendString(b, string(a.Code))
	b = append(b, `,"name":`...)
	b = appendString(b, a.Name)
	b = append(b, `,"country":`...)
	b = appendNullable(b, a.Country)
	b = append(b, `,"sector":`...)
	b = appendNullable(b, a.Sector)
	return append(b, '}')
}

func appendActors(b []byte, as []Actor) []byte {
	b = append(b, '[')
	for i := range as {
		if i > 0 {
			b = append(b, ',')
		}
		b = as[i].appendJSON(b)
	}
	return append(b, ']')
}

func (d *Date) appendJSON(b []byte) []byte {
	p := d.Precision
	if p == "" {
		p = DateUnknown
	}
	b = append(b, `{"start":`...)
	b = appendDay(b, d.Start)
	b = append(b, `,"end":`...)
	b = appendDay(b, d.End)
	b = append(b, `,"precision":`...)
	b = appendString(b, string(p))
	return append(b, '}')
}

// appendDay appends an ISO date, quoted, or null for the zero time.
func appendDay(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	return appendString(b, t.Format(dateLayout))
}

func (c *Count) appendJSON(b []byte) []byte {
	b = append(b, `{"best":`...)
	b = appendCount(b, c.Best)
	b = append(b, `,"low":`...)
	b = appendCount(b, c.Low)
	b = append(b, `,"high":`...)
	b = appendCount(b, c.High)
	return append(b, '}')
}

func appendCount(b []byte, n int) []byte {
	if n < 0 {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(n), 10)
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendNullable appends s quoted, or null when it is empty.
func appendNullable(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendFloat appends a number as encoding/json writes a float64.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString appends s as encoding/json quotes it: HTML's <, > and &
// escaped, invalid UTF-8 replaced by U+FFFD, U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
