package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"

	"github.com/durandhq/durand"
)

// geoJSON writes a FeatureCollection, one Point feature per event whose
// properties are the event's contract JSON; an event without a place has
// a null geometry, as RFC 7946 allows, so nothing is dropped.
type geoJSON struct {
	bw *bufio.Writer
	n  int
}

func newGeoJSON(w io.Writer) (*geoJSON, error) {
	bw := bufio.NewWriter(w)
	_, err := bw.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	return &geoJSON{bw: bw}, err
}

func (g *geoJSON) Write(e durand.Event) error {
	props, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if g.n > 0 {
		g.bw.WriteString(",\n")
	}
	g.n++
	g.bw.WriteString(`{"type":"Feature","id":`)
	id, _ := json.Marshal(e.ID)
	g.bw.Write(id)
	g.bw.WriteString(`,"geometry":`)
	if p := e.Place; p != nil && (p.Lat != 0 || p.Lon != 0) {
		g.bw.WriteString(`{"type":"Point","coordinates":[` + strconv.FormatFloat(p.Lon, 'f', -1, 64) + "," + strconv.FormatFloat(p.Lat, 'f', -1, 64) + "]}")
	} else {
		g.bw.WriteString("null")
	}
	g.bw.WriteString(`,"properties":`)
	_, err = g.bw.Write(props)
	g.bw.WriteString("}")
	return err
}

func (g *geoJSON) Close() error {
	g.bw.WriteString("\n]}\n")
	return g.bw.Flush()
}
