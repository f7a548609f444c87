package eval

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The alignment of GTD and UCDP GED records of one incident, by their coded
// fields only (never their texts): the gold pairs the de-duplication and
// fusion evaluation scores against. Its rules, each below, are stated in
// eval/testdata/dedupe/README.md; `go generate ./eval` writes the pairs.
const (
	// alignDays: the GTD day lies within the UCDP row's date range
	// widened by this many days on each side.
	alignDays = 1
	// alignKM: the two points are this close, when they are not in one
	// district.
	alignKM = 25
	// alignDeathShare: GTD's dead lie within UCDP's low..high widened by
	// this share of each end (at least one death) on each side.
	alignDeathShare = 0.2
	// alignWherePrec: the coarsest UCDP location kept (3, a district);
	// rows located to a province or country are never aligned.
	alignWherePrec = 3
)

// AlignRecord is what the alignment reads of a GTD or UCDP row.
type AlignRecord struct {
	ID       string
	Lo, Hi   time.Time // the date range: one day for GTD
	Lat, Lon float64
	District string // the district the point lies in ("" when unknown)
	// Killed is GTD's nkill, -1 when GTD gives none; Low and High are
	// UCDP's deaths.
	Killed, Low, High int
}

// AlignPair is one gold pair and the coded fields that matched.
type AlignPair struct {
	GTD, UCDP string
	Days      int     // days between the GTD day and the UCDP range (0 inside it)
	KM        float64 // distance between the two points
	District  string  // the district both points lie in, or ""
	Killed    int     // GTD's dead
	Low, High int     // UCDP's range
}

// Locator names the district a point lies in (gazetteer.Boundaries.Locate).
type Locator func(lat, lon float64) (country, admin1, admin2 string, ok bool)

// Align pairs GTD and UCDP records of one incident: date within alignDays,
// same district or within alignKM, deaths compatible; where a record has
// several candidates, one-to-one, best first (see alignOrder). It also
// returns how many candidate pairs met the rules before that choice.
func Align(gtd, ucdp []AlignRecord) (pairs []AlignPair, candidates int) {
	var cands []AlignPair
	for _, g := range gtd {
		for _, u := range ucdp {
			if p, ok := alignPair(g, u); ok {
				cands = append(cands, p)
			}
		}
	}
	slices.SortFunc(cands, alignOrder)
	usedG, usedU := map[string]bool{}, map[string]bool{}
	for _, p := range cands {
		if usedG[p.GTD] || usedU[p.UCDP] {
			continue
		}
		usedG[p.GTD], usedU[p.UCDP] = true, true
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b AlignPair) int { return cmp.Or(cmp.Compare(a.GTD, b.GTD), cmp.Compare(a.UCDP, b.UCDP)) })
	return pairs, len(cands)
}

// alignOrder ranks candidate pairs for the one-to-one choice: the nearer
// date first, then the closer toll (GTD's dead against UCDP's best), then
// the same district, then the shorter distance, then the ids.
func alignOrder(a, b AlignPair) int {
	return cmp.Or(cmp.Compare(a.Days, b.Days), cmp.Compare(a.tollGap(), b.tollGap()),
		cmp.Compare(boolInt(a.District == ""), boolInt(b.District == "")), cmp.Compare(a.KM, b.KM),
		cmp.Compare(a.GTD, b.GTD), cmp.Compare(a.UCDP, b.UCDP))
}

func (p AlignPair) tollGap() int {
	switch {
	case p.Killed < p.Low:
		return p.Low - p.Killed
	case p.Killed > p.High:
		return p.Killed - p.High
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// alignPair applies the rules to one GTD and one UCDP record.
func alignPair(g, u AlignRecord) (AlignPair, bool) {
	p := AlignPair{GTD: g.ID, UCDP: u.ID, Killed: g.Killed, Low: u.Low, High: u.High}
	switch day := g.Lo; {
	case day.Before(u.Lo):
		p.Days = int(u.Lo.Sub(day).Hours() / 24)
	case day.After(u.Hi):
		p.Days = int(day.Sub(u.Hi).Hours() / 24)
	}
	if p.Days > alignDays {
		return p, false
	}
	p.KM = math.Round(km(g.Lat, g.Lon, u.Lat, u.Lon)*10) / 10
	if g.District != "" && g.District == u.District {
		p.District = g.District
	}
	if p.District == "" && p.KM > alignKM {
		return p, false
	}
	return p, deathsCompatible(g.Killed, u.Low, u.High)
}

// deathsCompatible: GTD's dead within UCDP's low..high widened by
// alignDeathShare of each end (at least one) on each side. GTD's none
// meets only a row whose low is 0: UCDP records deaths, so a row with a
// death is not a GTD record that has none. GTD's unknown meets nothing.
func deathsCompatible(killed, low, high int) bool {
	if killed < 0 {
		return false
	}
	if killed == 0 {
		return low == 0
	}
	widen := func(n int) int { return max(1, int(math.Round(alignDeathShare*float64(n)))) }
	return killed >= low-widen(low) && killed <= high+widen(high)
}

// ReadGTDAlign reads the GTD records of a country and quarter for the
// alignment; district names the district of a point ("" when unknown).
func ReadGTDAlign(path, country string, from, to time.Time, district func(lat, lon float64) string) ([]AlignRecord, error) {
	rows, err := csvRows(path, func(string) {})
	if err != nil {
		return nil, err
	}
	var out []AlignRecord
	for _, r := range rows {
		y, _ := strconv.Atoi(r["iyear"])
		m, _ := strconv.Atoi(r["imonth"])
		d, _ := strconv.Atoi(r["iday"])
		day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		lat, err1 := strconv.ParseFloat(r["latitude"], 64)
		lon, err2 := strconv.ParseFloat(r["longitude"], 64)
		if r["country_txt"] != country || m == 0 || d == 0 || day.Before(from) || !day.Before(to) || err1 != nil || err2 != nil {
			continue
		}
		killed := -1
		if n, err := strconv.ParseFloat(r["nkill"], 64); err == nil {
			killed = int(n)
		}
		out = append(out, AlignRecord{ID: r["eventid"], Lo: day, Hi: day, Lat: lat, Lon: lon,
			District: district(lat, lon), Killed: killed})
	}
	return out, nil
}

// ReadUCDPAlign reads the UCDP GED rows that start in [from, to) and are
// located to a district or finer.
func ReadUCDPAlign(path string, from, to time.Time, district func(lat, lon float64) string) ([]AlignRecord, error) {
	rows, err := csvRows(path, func(string) {})
	if err != nil {
		return nil, err
	}
	var out []AlignRecord
	for _, r := range rows {
		lo, err1 := time.Parse("2006-01-02", strings.Fields(r["date_start"] + " x")[0])
		hi, err2 := time.Parse("2006-01-02", strings.Fields(r["date_end"] + " x")[0])
		prec, _ := strconv.Atoi(r["where_prec"])
		lat, err3 := strconv.ParseFloat(r["latitude"], 64)
		lon, err4 := strconv.ParseFloat(r["longitude"], 64)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || lo.Before(from) || !lo.Before(to) || prec > alignWherePrec {
			continue
		}
		low, _ := strconv.Atoi(r["low"])
		high, _ := strconv.Atoi(r["high"])
		out = append(out, AlignRecord{ID: r["id"], Lo: lo, Hi: hi, Lat: lat, Lon: lon,
			District: district(lat, lon), Killed: -1, Low: low, High: high})
	}
	return out, nil
}

// alignHeader is the alignment file's column line.
const alignHeader = "gtd\tucdp\tdays\tkm\tdistrict\tgtd_killed\tucdp_low\tucdp_high"

// WriteAlignment writes pairs as the TSV the evaluation reads, after
// comment lines (each prefixed "# ").
func WriteAlignment(w io.Writer, comments []string, pairs []AlignPair) error {
	bw := bufio.NewWriter(w)
	for _, c := range comments {
		fmt.Fprintln(bw, "# "+c)
	}
	fmt.Fprintln(bw, alignHeader)
	for _, p := range pairs {
		fmt.Fprintf(bw, "%s\t%s\t%d\t%.1f\t%s\t%d\t%d\t%d\n", p.GTD, p.UCDP, p.Days, p.KM, p.District, p.Killed, p.Low, p.High)
	}
	return bw.Flush()
}

// ReadAlignment reads a file WriteAlignment wrote.
func ReadAlignment(path string) ([]AlignPair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseAlignment(f, path)
}

func parseAlignment(r io.Reader, path string) ([]AlignPair, error) {
	var out []AlignPair
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if strings.HasPrefix(t, "#") || t == alignHeader || t == "" {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 8 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 8", path, line, len(f))
		}
		p := AlignPair{GTD: f[0], UCDP: f[1], District: f[4]}
		var errs [5]error
		p.Days, errs[0] = strconv.Atoi(f[2])
		p.KM, errs[1] = strconv.ParseFloat(f[3], 64)
		p.Killed, errs[2] = strconv.Atoi(f[5])
		p.Low, errs[3] = strconv.Atoi(f[6])
		p.High, errs[4] = strconv.Atoi(f[7])
		for _, e := range errs {
			if e != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, e)
			}
		}
		out = append(out, p)
	}
	return out, sc.Err()
}
