// Command gen builds durand's shipped gazetteer (data/gazetteer.tsv) from
// the public sources under ../shared/data: GeoNames cities500, the Afghan
// province and district list, geoBoundaries polygons, the hand-compiled
// countries and the hand-added places. Each place gets its province and
// district by point in polygon, so a defect in one source's admin columns
// does not reach the output. Run it with `go generate ./gazetteer`.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/pariz/gountries"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
)

type place struct {
	id, kind, name, country, admin1, admin2 string
	lat, lon                                float64
	pop                                     int
	names                                   []string
}

// afProvinces are the 34 Afghan provinces under the names durand reports,
// with the spellings the sources and the press use.
var afProvinces = map[string][]string{
	"Badakhshan": {"Badakshan"}, "Badghis": {"Badgis"}, "Baghlan": nil, "Balkh": nil, "Bamyan": {"Bamiyan", "Bamian"},
	"Daykundi": {"Daikundi", "Daikondi", "Day Kundi"}, "Farah": nil, "Faryab": {"Faryaab"}, "Ghazni": {"Ghanzi", "Ghazna"},
	"Ghor": {"Ghowr", "Ghur"}, "Helmand": {"Hilmand"}, "Herat": {"Hirat", "Harat"}, "Jowzjan": {"Jawzjan", "Jozjan", "Joz jan", "Juzjan"},
	"Kabul": nil, "Kandahar": {"Qandahar", "Kandahar"}, "Kapisa": nil, "Khost": {"Khowst", "Khost"}, "Kunar": {"Konar", "Kunarha"},
	"Kunduz": {"Kundoz", "Qunduz", "Konduz"}, "Laghman": nil, "Logar": {"Lowgar"}, "Nangarhar": {"Ningarhar", "Nangahar"},
	"Nimroz": {"Nimruz", "Nimrooz"}, "Nuristan": {"Nooristan"}, "Paktia": {"Paktya", "Paktiya"}, "Paktika": nil,
	"Panjshir": {"Panjsher", "Panjsheer"}, "Parwan": {"Parvan"}, "Samangan": nil, "Sar-e Pol": {"Sar e pul", "Sari Pul", "Sar-i-Pul", "Saripul", "Sar-e-Pul", "Sar-e Pul", "Sar-e Pol Province"},
	"Takhar": nil, "Uruzgan": {"Urozgan", "Oruzgan", "Orozgan", "Uruzgan"}, "Wardak": {"Maidan Wardak", "Maydan Wardak", "Wardag", "Maidan Wardak Province"},
	"Zabul": {"Zabol"},
}

// pkProvinces are Pakistan's first-level units after the 2018 merger, with
// their old names and the merged FATA resolving to Khyber Pakhtunkhwa.
var pkProvinces = map[string][]string{
	"Khyber Pakhtunkhwa":          {"KP", "KPK", "Khyber-Pakhtunkhwa", "Khyber Pakhtoonkhwa", "NWFP", "North-West Frontier Province", "North West Frontier Province", "Federally Administered Tribal Areas", "FATA", "tribal areas"},
	"Balochistan":                 {"Baluchistan", "Balochistan province"},
	"Punjab":                      nil,
	"Sindh":                       {"Sind"},
	"Islamabad Capital Territory": {"ICT", "Islamabad Capital Territory"},
	"Gilgit-Baltistan":            {"Gilgit Baltistan", "Northern Areas"},
	"Azad Kashmir":                {"Azad Jammu and Kashmir", "Azad Jammu & Kashmir", "AJK", "Pakistan-administered Kashmir"},
}

// fataAgencies were FATA's tribal agencies; "X Agency" still names them.
var fataAgencies = []string{"Bajaur", "Mohmand", "Khyber", "Orakzai", "Kurram", "North Waziristan", "South Waziristan"}

type region struct {
	name string
	geom orb.Geometry
	box  orb.Bound
}

func main() {
	shared := flag.String("shared", "../../shared/data", "the shared data folder")
	dataDir := flag.String("data", "../data", "the project's data folder (hand-written inputs, output)")
	flag.Parse()
	if err := run(*shared, *dataDir); err != nil {
		log.Fatal(err)
	}
}

func run(shared, dataDir string) error {
	afAdm1, err := regions(filepath.Join(shared, "boundaries/geoboundaries_afg_adm1/geoBoundaries-AFG-ADM1_simplified.from-topojson.geojson"), canonicalAF)
	if err != nil {
		return err
	}
	afAdm2, err := regions(filepath.Join(shared, "boundaries/geoboundaries_afg_adm2/geoBoundaries-AFG-ADM2_simplified.geojson"), nil)
	if err != nil {
		return err
	}
	pkAdm1, err := regions(filepath.Join(shared, "boundaries/geoboundaries_pak/geoBoundaries-PAK-ADM1_simplified.geojson"), nil)
	if err != nil {
		return err
	}
	pkAdm2, err := regions(filepath.Join(shared, "boundaries/geoboundaries_pak/geoBoundaries-PAK-ADM2_simplified.from-topojson.geojson"), nil)
	if err != nil {
		return err
	}
	locate := func(p *place) {
		pt := orb.Point{p.lon, p.lat}
		a1, a2 := afAdm1, afAdm2
		if p.country == "PAK" {
			a1, a2 = pkAdm1, pkAdm2
		}
		if p.admin1 == "" {
			p.admin1 = contain(a1, pt)
		}
		if p.admin2 == "" && p.kind != "adm1" {
			p.admin2 = contain(a2, pt)
		}
	}

	var out []place
	countries, err := readCountries(filepath.Join(dataDir, "countries.tsv"))
	if err != nil {
		return err
	}
	out = append(out, countries...)
	world, err := worldPlaces(countries)
	if err != nil {
		return err
	}
	out = append(out, world...)

	// Afghan provinces and districts.
	af, err := readCSV(filepath.Join(shared, "gazetteer/af_villages/af_provinces_districts.csv"))
	if err != nil {
		return err
	}
	seenProv := map[string]bool{}
	for _, r := range af {
		lat, lon := atof(r["latitude"]), atof(r["longitude"])
		names := nonEmpty(r["name_fa"], r["name_ps"])
		switch r["level"] {
		case "province":
			name := canonicalAF(r["name_en"])
			if _, ok := afProvinces[name]; !ok {
				continue // the source's "N/A" row
			}
			seenProv[name] = true
			// The source's province points are off by up to 200 km (Helmand's
			// lies in Nimroz); the polygon's centroid is right.
			for _, reg := range afAdm1 {
				if reg.name == name {
					c := centroid(reg.geom)
					lat, lon = c[1], c[0]
				}
			}
			names = append(names, r["name_en"], name+" province", name+" Province")
			names = append(names, afProvinces[name]...)
			out = append(out, place{id: "afd:p" + r["id"], kind: "adm1", name: name, country: "AFG", admin1: name, lat: lat, lon: lon, names: names})
		case "district":
			if lat == 0 && lon == 0 {
				continue // rows without a point are administrative leftovers ("Provincial")
			}
			p := place{id: "afd:d" + r["id"], kind: "adm2", name: r["name_en"], country: "AFG", lat: lat, lon: lon, names: names}
			p.admin2 = p.name
			locate(&p)
			if prov := canonicalAF(r["province"]); p.admin1 == "" || p.admin1 != prov && nearRegion(afAdm1, prov, orb.Point{lon, lat}, 20) {
				// A district's point may stray over its province's
				// border (Shindand's lies in Farah, Mahmud Raqi's in
				// Parwan): the list's own province holds when the point is
				// within 20 km of it. Farther, the point's polygon is
				// believed (the list puts Barmal in Paktia, 54 km off).
				p.admin1 = prov
			}
			p.names = append(p.names, districtVariants(p.name)...)
			out = append(out, p)
		}
	}
	for name := range afProvinces {
		if !seenProv[name] {
			return fmt.Errorf("province %s missing from af_provinces_districts.csv", name)
		}
	}

	// Pakistani provinces and districts from the post-merger polygons.
	for _, r := range pkAdm1 {
		c := centroid(r.geom)
		names := append([]string{r.name + " province", r.name + " Province"}, pkProvinces[r.name]...)
		out = append(out, place{id: "gb:PAK-ADM1:" + slug(r.name), kind: "adm1", name: r.name, country: "PAK", admin1: r.name, lat: c[1], lon: c[0], names: names})
	}
	for _, r := range pkAdm2 {
		c := centroid(r.geom)
		p := place{id: "gb:PAK-ADM2:" + slug(r.name), kind: "adm2", name: r.name, country: "PAK", admin2: r.name, lat: c[1], lon: c[0]}
		locate(&p)
		p.names = districtVariants(p.name)
		for _, a := range fataAgencies {
			if a == r.name {
				p.names = append(p.names, a+" Agency", a+" tribal district", a+" tribal agency")
			}
		}
		out = append(out, p)
	}

	// Towns and cities from GeoNames.
	gn, err := readGeoNames(filepath.Join(shared, "gazetteer/geonames/cities500_AF_PK.txt"))
	if err != nil {
		return err
	}
	districts := map[string][]place{} // by geoBoundaries ADM2 polygon
	byName := map[string]place{}
	for _, p := range out {
		if p.kind != "adm2" {
			continue
		}
		byName[p.country+"/"+fold(p.name)] = p
		if p.country == "AFG" {
			poly := contain(afAdm2, orb.Point{p.lon, p.lat})
			districts[poly] = append(districts[poly], p)
		}
	}
	// nearestDistrict names an Afghan place's district as the district list
	// does, not as the polygons do: the nearest listed district inside the
	// polygon.
	nearestDistrict := func(p place) string {
		poly := contain(afAdm2, orb.Point{p.lon, p.lat})
		name, best := "", 1e9
		for _, d := range districts[poly] {
			if k := km(p, d); k < best {
				best, name = k, d.admin2
			}
		}
		return name
	}
	for _, p := range gn {
		// A district's seat usually shares its name: trust the name over
		// simplified polygons, which misplace some seats (Bannu).
		if d, ok := byName[p.country+"/"+fold(p.name)]; ok && km(p, d) < 40 {
			p.admin1, p.admin2 = d.admin1, d.admin2
		}
		if p.admin2 == "" && p.country == "AFG" {
			p.admin2 = nearestDistrict(p)
		}
		locate(&p)
		out = append(out, p)
	}

	// Villages and localities: Afghan villages and Pakistani post offices.
	// Many share a name with a person or a common word, so durand matches
	// them only in an address position (kind "village").
	known := map[string][]place{} // by country and folded name
	key := func(p place) string { return p.country + "/" + fold(p.name) }
	remember := func(p place) { known[key(p)] = append(known[key(p)], p) }
	for _, p := range out {
		remember(p)
	}
	isKnown := func(p place) bool {
		for _, q := range known[key(p)] {
			if km(p, q) < 5 {
				return true
			}
		}
		return false
	}
	villages, err := readCSV(filepath.Join(shared, "gazetteer/af_villages/af_villages.csv"))
	if err != nil {
		return err
	}
	for _, r := range villages {
		name := villageName(r["village_name"])
		p := place{id: "afv:" + r["village_no"], kind: "village", name: name, country: "AFG", lat: atof(r["latitude"]), lon: atof(r["longitude"])}
		if !usableVillage(name) || p.lat == 0 || isKnown(p) {
			continue
		}
		p.admin2 = nearestDistrict(p)
		locate(&p)
		remember(p)
		out = append(out, p)
	}
	postal, err := readTSV(filepath.Join(shared, "gazetteer/pk_postal/PK_postal_geonames.tsv"))
	if err != nil {
		return err
	}
	for _, r := range postal {
		// Accuracy 1 is GeoNames' estimate, often another town's point
		// (Sargodha's post offices at Muzaffargarh): only matched points.
		if atoi(r["accuracy"]) < 3 {
			continue
		}
		name := postalName(r["place_name"])
		p := place{id: "pkpost:" + r["postal_code"] + ":" + slug(name), kind: "village", name: name, country: "PAK", lat: atof(r["latitude"]), lon: atof(r["longitude"])}
		// A post office named for a known town but elsewhere has the wrong
		// point ("Gujrat" at Muzaffargarh), or names another place.
		if !usableVillage(name) || p.lat == 0 || len(known[key(p)]) > 0 {
			continue
		}
		locate(&p)
		remember(p)
		out = append(out, p)
	}

	manual, err := readManual(filepath.Join(dataDir, "places_manual.tsv"))
	if err != nil {
		return err
	}
	out = append(out, manual...)

	if err := write(filepath.Join(dataDir, "gazetteer.tsv"), out); err != nil {
		return err
	}
	return writeBoundaries(dataDir, map[string][]region{
		"afg_adm1": afAdm1, "afg_adm2": afAdm2, "pak_adm1": pkAdm1, "pak_adm2": pkAdm2,
	})
}

// writeBoundaries writes each level's polygons, simplified (Douglas–Peucker,
// about 500 m) and rounded to 4 decimals, as GeoJSON for the dashboard map:
// small enough to embed, no tile server needed.
func writeBoundaries(dataDir string, levels map[string][]region) error {
	dir := filepath.Join(dataDir, "boundaries")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, rs := range levels {
		fc := geojson.NewFeatureCollection()
		for _, r := range rs {
			g := simplify.DouglasPeucker(0.005).Simplify(orb.Clone(r.geom))
			g = roundGeom(g)
			f := geojson.NewFeature(g)
			f.Properties["name"] = r.name
			fc.Append(f)
		}
		b, err := fc.MarshalJSON()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name+".geojson"), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func roundGeom(g orb.Geometry) orb.Geometry {
	r := func(p orb.Point) orb.Point { return orb.Point{math.Round(p[0]*1e4) / 1e4, math.Round(p[1]*1e4) / 1e4} }
	switch g := g.(type) {
	case orb.Polygon:
		for _, ring := range g {
			for i := range ring {
				ring[i] = r(ring[i])
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			roundGeom(p)
		}
	}
	return g
}

// canonicalAF maps any spelling of an Afghan province to its durand name.
func canonicalAF(s string) string {
	f := fold(s)
	for name, alts := range afProvinces {
		if fold(name) == f {
			return name
		}
		for _, a := range alts {
			if fold(a) == f {
				return name
			}
		}
	}
	return s
}

// districtVariants gives the spellings a district name is written in:
// without a parenthesised part ("Khost(Matun)" → "Khost Matun", "Matun"),
// and with "District" after it.
func districtVariants(name string) []string {
	var v []string
	if i := strings.IndexByte(name, '('); i > 0 {
		base := strings.TrimSpace(name[:i])
		inner := strings.Trim(name[i:], "() ")
		v = append(v, base, inner)
	}
	v = append(v, name+" district", name+" District")
	return v
}

func regions(path string, canon func(string) string) ([]region, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var rs []region
	for _, f := range fc.Features {
		name, _ := f.Properties["shapeName"].(string)
		if canon != nil {
			name = canon(name)
		}
		rs = append(rs, region{name: name, geom: f.Geometry, box: f.Geometry.Bound()})
	}
	return rs, nil
}

func contain(rs []region, pt orb.Point) string {
	for _, r := range rs {
		if !r.box.Contains(pt) {
			continue
		}
		switch g := r.geom.(type) {
		case orb.Polygon:
			if planar.PolygonContains(g, pt) {
				return r.name
			}
		case orb.MultiPolygon:
			if planar.MultiPolygonContains(g, pt) {
				return r.name
			}
		}
	}
	// Points just outside every simplified polygon (on a border river, say)
	// take the nearest region's name.
	best, bestD := "", 0.15 // degrees, about 15 km
	for _, r := range rs {
		if d := planar.DistanceFrom(r.geom, pt); d < bestD {
			best, bestD = r.name, d
		}
	}
	return best
}

// km is the approximate distance between two places in kilometres.
func km(a, b place) float64 {
	dlat := (a.lat - b.lat) * 111
	dlon := (a.lon - b.lon) * 111 * math.Cos(a.lat*math.Pi/180)
	return math.Sqrt(dlat*dlat + dlon*dlon)
}

// nearRegion reports whether point pt lies within km kilometres of a
// vertex of the region named name.
func nearRegion(rs []region, name string, pt orb.Point, dist float64) bool {
	at := place{lat: pt[1], lon: pt[0]}
	near := false
	visit := func(ring orb.Ring) {
		for _, v := range ring {
			if !near && km(at, place{lat: v[1], lon: v[0]}) <= dist {
				near = true
			}
		}
	}
	for _, r := range rs {
		if r.name != name {
			continue
		}
		switch g := r.geom.(type) {
		case orb.Polygon:
			for _, ring := range g {
				visit(ring)
			}
		case orb.MultiPolygon:
			for _, poly := range g {
				for _, ring := range poly {
					visit(ring)
				}
			}
		}
	}
	return near
}

func centroid(g orb.Geometry) orb.Point {
	c, _ := planar.CentroidArea(g)
	return c
}

func readCountries(path string) ([]place, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var out []place
	for _, r := range rows {
		names := split(r["names"])
		out = append(out, place{id: "iso:" + r["iso3"], kind: "country", name: r["name"], country: r["iso3"],
			lat: atof(r["lat"]), lon: atof(r["lon"]), names: names})
	}
	return out, nil
}

func readManual(path string) ([]place, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var out []place
	for _, r := range rows {
		if r["source"] == "" {
			return nil, fmt.Errorf("%s: %s has no source", path, r["id"])
		}
		out = append(out, place{id: r["id"], kind: r["kind"], name: r["name"], country: r["country"], admin1: r["admin1"], admin2: r["admin2"],
			lat: atof(r["lat"]), lon: atof(r["lon"]), pop: atoi(r["pop"]), names: split(r["names"])})
	}
	return out, nil
}

// readGeoNames reads a GeoNames dump: id, name, asciiname, alternatenames,
// lat, lon, class, code, country, cc2, admin1..4, population, …
func readGeoNames(path string) ([]place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []place
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			continue
		}
		country := map[string]string{"AF": "AFG", "PK": "PAK"}[c[8]]
		if country == "" {
			continue
		}
		kind := "town"
		switch c[7] {
		case "PPLC":
			kind = "capital"
		case "PPLA":
			kind = "city"
		case "PPLA2":
			kind = "town"
		}
		var names []string
		if c[2] != c[1] {
			names = append(names, c[2])
		}
		for _, a := range strings.Split(c[3], ",") {
			if usableAlt(a) {
				names = append(names, a)
			}
		}
		out = append(out, place{id: "geonames:" + c[0], kind: kind, name: c[1], country: country,
			lat: atof(c[4]), lon: atof(c[5]), pop: atoi(c[14]), names: names})
	}
	return out, sc.Err()
}

// postalName turns a post office's name into its place's: "Kotli Gpo
// (Ak)" is Kotli. Offices named for an institution are no place name.
func postalName(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	f := strings.Fields(s)
	for len(f) > 1 {
		switch strings.ToLower(f[len(f)-1]) {
		case "gpo", "g.p.o", "g.p.o.", "city", "cantt", "cantt.", "bazar", "bazaar", "mandi", "town", "post", "office":
			f = f[:len(f)-1]
			continue
		}
		break
	}
	for _, w := range f {
		switch strings.ToLower(w) {
		case "university", "school", "college", "mills", "mill", "base", "board", "power", "station", "hospital", "colony",
			"secretariat", "factory", "office", "complex", "house", "market", "sector", "block", "phase", "road", "p.a.f":
			return ""
		}
	}
	return strings.Join(f, " ")
}

// villageName writes a village name as a name: the source has some in
// lower case ("orup").
func villageName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		if len(r) > 0 && unicode.IsLower(r[0]) {
			r[0] = unicode.ToUpper(r[0])
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}

// usableVillage drops names that cannot be told from ordinary words or
// that are not names: too short, numbered, or a generic place noun alone.
func usableVillage(name string) bool {
	f := fold(name)
	if len([]rune(f)) < 4 || strings.ContainsAny(f, "0123456789()/") || genericPlace[f] {
		return false
	}
	return true
}

// genericPlace are words that villages are named with but that name no
// place on their own.
var genericPlace = map[string]bool{"bazar": true, "bazaar": true, "qala": true, "qalah": true, "kala": true, "kalay": true, "killi": true,
	"deh": true, "karez": true, "kariz": true, "payan": true, "bala": true, "markaz": true, "center": true, "centre": true,
	"city": true, "town": true, "camp": true, "colony": true, "mandi": true, "chowk": true, "gpo": true, "cantt": true,
	"cantonment": true, "station": true, "university": true, "college": true, "hospital": true, "post office": true,
	"model town": true, "new town": true, "old town": true, "main bazar": true, "sadar": true, "saddar": true, "sadder": true}

// usableAlt keeps alternate names in Latin or Arabic script that are long
// enough to be names, dropping codes and other scripts.
func usableAlt(a string) bool {
	if len([]rune(a)) < 3 || strings.ContainsAny(a, "0123456789") {
		return false
	}
	for _, r := range a {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Arabic) {
			return false
		}
	}
	return true
}

func write(path string, ps []place) error {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].id < ps[j].id })
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Generated by `go generate ./gazetteer` from ../shared/data; see data/sources.md. Do not edit.")
	fmt.Fprintln(w, "id\tkind\tname\tcountry\tadmin1\tadmin2\tlat\tlon\tpop\tnames")
	for _, p := range ps {
		names := dedupe(p.name, p.names)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%.5f\t%.5f\t%d\t%s\n", p.id, p.kind, clean(p.name), p.country, clean(p.admin1), clean(p.admin2), p.lat, p.lon, p.pop, strings.Join(names, "|"))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func dedupe(name string, names []string) []string {
	seen := map[string]bool{fold(name): true}
	var out []string
	for _, n := range names {
		n = clean(n)
		if n == "" || seen[fold(n)] {
			continue
		}
		seen[fold(n)] = true
		out = append(out, n)
	}
	return out
}

func clean(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\t", " ", "|", " ", "\n", " ").Replace(s))
}

func fold(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }), " "))
}

func slug(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func atof(s string) float64 { f, _ := strconv.ParseFloat(strings.TrimSpace(s), 64); return f }
func atoi(s string) int     { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n }

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return records(csv.NewReader(f), path)
}

func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.Comment = '#'
	r.LazyQuotes = true
	return records(r, path)
}

func records(r *csv.Reader, path string) ([]map[string]string, error) {
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
}

// worldPlaces returns the countries countries.tsv lacks and the ISO 3166-2
// subdivisions of every country but Afghanistan and Pakistan (whose
// provinces come from better sources), from the gountries package's data
// (MIT; mledoze/countries and ISO 3166-2 names with centroids).
func worldPlaces(have []place) ([]place, error) {
	known := map[string]bool{}
	for _, p := range have {
		known[p.country] = true
	}
	q := gountries.New()
	all := q.FindAllCountries()
	codes := make([]string, 0, len(all))
	for c := range all {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var out []place
	for _, code := range codes {
		c := all[code]
		iso3 := c.Codes.Alpha3
		if iso3 == "" {
			continue
		}
		if !known[iso3] {
			names := []string{c.Name.Official}
			for _, lang := range []string{"fas", "prs", "pus", "urd", "ara"} {
				if n, ok := c.Name.Native[lang]; ok {
					names = append(names, n.Common, n.Official)
				}
			}
			var keep []string
			for _, n := range names {
				if usableAlt(n) {
					keep = append(keep, n)
				}
			}
			out = append(out, place{id: "iso:" + iso3, kind: "country", name: c.Name.Common, country: iso3,
				lat: c.Coordinates.Latitude, lon: c.Coordinates.Longitude, names: keep})
		}
		if iso3 == "AFG" || iso3 == "PAK" {
			continue
		}
		box := c.Coordinates
		// The source's boxes and centroids are both sometimes wrong (China's
		// box is the South China Sea's): a point is plausible inside the
		// box or within 2,500 km of the country's centroid.
		centre := place{lat: box.Latitude, lon: box.Longitude}
		inBox := func(lat, lon float64) bool {
			if lat == 0 && lon == 0 {
				return false
			}
			if lat >= box.MinLatitude-0.5 && lat <= box.MaxLatitude+0.5 && lon >= box.MinLongitude-0.5 && lon <= box.MaxLongitude+0.5 {
				return true
			}
			return km(centre, place{lat: lat, lon: lon}) < 2500
		}
		for _, sd := range c.SubDivisions() {
			sd.Name = strings.ReplaceAll(sd.Name, "¯", "")
			if strings.Contains(sd.Name, "?") {
				// The source lost letters outside its encoding to "?"
				// ("Ar Riya?"): a map must not show that.
				var ok bool
				if sd.Name, ok = repairName(sd.Name, sd.Names); !ok {
					continue
				}
			}
			if !usableWorldName(sd.Name) {
				continue
			}
			// Some centroids in the source are another place's (Iran's
			// West Azerbaijan in Arizona): keep a point only inside the
			// country's box, else the subdivision box's centre if that is.
			if !inBox(sd.Latitude, sd.Longitude) || sd.Latitude == 0 && sd.Longitude == 0 {
				sd.Latitude, sd.Longitude = (sd.MinLatitude+sd.MaxLatitude)/2, (sd.MinLongitude+sd.MaxLongitude)/2
				if !inBox(sd.Latitude, sd.Longitude) || sd.Latitude == 0 && sd.Longitude == 0 {
					continue
				}
			}
			var names []string
			for _, n := range sd.Names {
				n = strings.ReplaceAll(n, "¯", "")
				if usableAlt(n) && usableWorldName(n) && !strings.Contains(n, "?") && n != sd.Name {
					names = append(names, n)
				}
			}
			// Persian "va" is "and": "Sistan va Baluchestan".
			if strings.Contains(sd.Name, " va ") {
				names = append(names, strings.ReplaceAll(sd.Name, " va ", " and "))
			}
			names = append(names, sd.Name+" province", sd.Name+" Province", sd.Name+" state", sd.Name+" State")
			out = append(out, place{id: "iso3166-2:" + sd.CountryAlpha2 + "-" + sd.Code, kind: "adm1", name: sd.Name, country: iso3,
				admin1: sd.Name, lat: sd.Latitude, lon: sd.Longitude, names: names})
		}
	}
	return out, nil
}

// repairName mends a name whose letters outside the source's encoding
// became "?": from an alternative name that matches it letter for letter
// elsewhere ("Ar Riya?" and "ar-Riyad" give "Ar Riyad"), else the first
// alternative without "?" ("?a'il" gives "Hail"). ok is false when no
// alternative will do.
func repairName(name string, alts []string) (string, bool) {
	want := []rune(name)
	for _, a := range alts {
		got := []rune(a)
		if len(got) != len(want) || strings.Contains(a, "?") {
			continue
		}
		out := make([]rune, len(want))
		match := true
		for i, r := range want {
			switch {
			case r == '?':
				out[i] = got[i]
			case fold(string(r)) == fold(string(got[i])) || (r == ' ' || r == '-') && (got[i] == ' ' || got[i] == '-'):
				out[i] = r
			default:
				match = false
			}
			if !match {
				break
			}
		}
		if match {
			return string(out), true
		}
	}
	for _, a := range alts {
		if a = strings.TrimSpace(a); !strings.Contains(a, "?") && usableAlt(a) && usableWorldName(a) {
			return a, true
		}
	}
	return "", false
}

// usableWorldName drops subdivision names that read as ordinary words
// ("Central", "North", "Capital") or are too short to tell from them.
func usableWorldName(n string) bool {
	f := fold(n)
	if len([]rune(f)) < 4 || strings.ContainsAny(f, "0123456789") {
		return false
	}
	for _, w := range strings.Fields(f) {
		if !genericWorld[w] {
			return true
		}
	}
	return false
}

var genericWorld = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`north south east west northern southern eastern western central centre center capital
	upper lower middle coast coastal islands island lakes lake river valley highlands mountain mountains federal district
	territory region province state city new great greater inner outer high plateau border`) {
		m[w] = true
	}
	return m
}()
