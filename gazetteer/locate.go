package gazetteer

import (
	"fmt"
	"io/fs"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// Boundaries are the province (admin1) and district (admin2) polygons of
// the countries durand ships boundaries for, to name the units a point
// lies in.
type Boundaries struct {
	units []unit
}

type unit struct {
	country, name string
	level         int
	bound         orb.Bound
	geom          orb.Geometry
}

// boundaryFiles are the shipped polygon files: country, level, path.
var boundaryFiles = []struct {
	country string
	level   int
	path    string
}{
	{"AFG", 1, "boundaries/afg_adm1.geojson"}, {"AFG", 2, "boundaries/afg_adm2.geojson"},
	{"PAK", 1, "boundaries/pak_adm1.geojson"}, {"PAK", 2, "boundaries/pak_adm2.geojson"},
}

// LoadBoundaries reads the shipped polygons from fsys (data.FS).
func LoadBoundaries(fsys fs.FS) (*Boundaries, error) {
	b := &Boundaries{}
	for _, f := range boundaryFiles {
		raw, err := fs.ReadFile(fsys, f.path)
		if err != nil {
			return nil, fmt.Errorf("boundaries: %w", err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(raw)
		if err != nil {
			return nil, fmt.Errorf("boundaries %s: %w", f.path, err)
		}
		for _, ft := range fc.Features {
			name, _ := ft.Properties["name"].(string)
			if name == "" || ft.Geometry == nil {
				continue
			}
			b.units = append(b.units, unit{f.country, name, f.level, ft.Geometry.Bound(), ft.Geometry})
		}
	}
	return b, nil
}

// Locate returns the country, province and district holding the point,
// with ok false when it lies in no shipped polygon. The district is ""
// when the point is in a province but in none of its districts (the
// simplified outlines leave slivers).
func (b *Boundaries) Locate(lat, lon float64) (country, admin1, admin2 string, ok bool) {
	pt := orb.Point{lon, lat}
	for _, level := range []int{1, 2} {
		for i := range b.units {
			u := &b.units[i]
			if u.level != level || (level == 2 && u.country != country) || !u.bound.Contains(pt) || !contains(u.geom, pt) {
				continue
			}
			if level == 1 {
				country, admin1, ok = u.country, u.name, true
			} else {
				admin2 = u.name
			}
			break
		}
		if !ok {
			return "", "", "", false
		}
	}
	return country, admin1, admin2, true
}

func contains(g orb.Geometry, pt orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, pt)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, pt)
	}
	return false
}
