package serve

import (
	"bufio"
	"math"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/durandhq/durand/store"
)

// points writes {"points": [...]}: the matching events as the map draws
// them, without their bodies, so that a map of thousands of events costs
// what it shows. They are written by hand: encoding/json's reflection
// took most of the request's time at 5,000 points.
func (s *server) points(w http.ResponseWriter, r *http.Request) {
	q, ok := s.query(w, r)
	if !ok {
		return
	}
	pts, err := s.st.Points(r.Context(), q)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := make([]byte, 0, 512)
	bw.WriteString(`{"points":[`)
	for i, p := range pts {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		bw.Write(appendPoint(buf, p))
	}
	bw.WriteString("]}\n")
	bw.Flush()
}

// appendPoint appends p as the JSON object encoding/json would write for
// it (a test holds them to the same values).
func appendPoint(b []byte, p store.Point) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, p.ID)
	b = append(b, `,"date":`...)
	b = appendString(b, p.Date)
	b = append(b, `,"type":`...)
	b = appendString(b, string(p.Type))
	b = append(b, `,"mode":`...)
	b = appendString(b, p.Mode)
	b = append(b, `,"lat":`...)
	b = appendFloat(b, p.Lat)
	b = append(b, `,"lon":`...)
	b = appendFloat(b, p.Lon)
	b = append(b, `,"precision":`...)
	b = appendString(b, string(p.Precision))
	b = append(b, `,"place":`...)
	b = appendString(b, p.Place)
	b = append(b, `,"fatalities":`...)
	b = strconv.AppendInt(b, int64(p.Fatalities), 10)
	b = append(b, `,"source":`...)
	b = appendString(b, p.Source)
	b = append(b, `,"target":`...)
	b = appendString(b, p.Target)
	return append(b, '}')
}

// appendFloat writes a coordinate; a value JSON cannot hold is null.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

// appendString writes s as a JSON string: quotes, backslashes and control
// characters escaped, and each byte that is not UTF-8 replaced by U+FFFD,
// as encoding/json does.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
		}
	}
	return append(b, '"')
}
