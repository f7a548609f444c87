package eval

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/recognize"
)

// csvRows reads a CSV file with a header into maps, reporting (and
// skipping) malformed rows.
func csvRows(path string, bad func(string)) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	h, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	var out []map[string]string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			bad(fmt.Sprintf("%s:%d: %v", path, line, err))
			continue
		}
		if len(rec) != len(h) {
			bad(fmt.Sprintf("%s:%d: %d fields, want %d", path, line, len(rec), len(h)))
			continue
		}
		m := make(map[string]string, len(h))
		for i, k := range h {
			m[k] = rec[i]
		}
		out = append(out, m)
	}
}

// GTD scores extraction of GTD summaries against GTD's coded fields. The
// summary's "MM/DD/YYYY: " prefix is cut and the event date + 1 day is
// the publication date, so that the date field is tested.
func GTD(x Extractor, lx *recognize.Lexicon, path string) (*Report, error) {
	rep, rows, err := startDataset(path, "gtd", "eventid", "summary", "iyear", "imonth", "iday")
	if err != nil {
		return nil, err
	}
	canon := admin1Canon(lx)
	perp := actorCanon(lx)
	t := newTally()
	total := 0
	for _, r := range rows {
		sum := r["summary"]
		if i := strings.Index(sum, ": "); i == 10 {
			sum = sum[i+2:]
		}
		y, _ := strconv.Atoi(r["iyear"])
		m, _ := strconv.Atoi(r["imonth"])
		d, _ := strconv.Atoi(r["iday"])
		if y == 0 || m == 0 || d == 0 || strings.TrimSpace(sum) == "" {
			continue
		}
		day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		doc := durand.Document{ID: durand.DocID("gtd:" + r["eventid"]), Published: day.AddDate(0, 0, 1), Text: sum}
		evs, main := extractMain(x, doc)
		if main == nil {
			main = disrupted(evs)
		}
		total += len(evs)
		rep.Records++
		t.record(r["eventid"], sum)
		t.check("detection", main != nil, "a violent event", len(evs))
		if main == nil {
			continue
		}
		p := main.Place
		t.check("admin1", p != nil && canon(p.Admin1) == canon(r["provstate"]), r["provstate"], placeString(p))
		if r["city"] != "" && r["city"] != "Unknown" {
			ok := false
			if p != nil {
				// The place's names and its district's, in any spelling
				// the gazetteer knows.
				names := []string{p.Name, p.Admin2}
				if e := lx.Gazetteer.Get(p.ID); e != nil {
					names = append(names, e.Names...)
				}
				if d := lx.Gazetteer.Unit(p.Country, "adm2", p.Admin2); d != nil {
					names = append(names, d.Names...)
				}
				city := norm(r["city"])
				// Spellings differ between GTD and the sources ("Gaday
				// Qala", "Gadaiqala"): the transliteration key decides too.
				key := recognize.Key(strings.TrimSuffix(r["city"], " district"))
				for _, n := range names {
					if k := recognize.Key(strings.TrimSuffix(n, " district")); len(k) >= 4 && k == key {
						ok = true
					}
					if n := norm(n); n != "" && (n == city || strings.HasPrefix(n, city) || strings.HasPrefix(city, n)) {
						ok = true
					}
				}
			}
			t.check("city or district", ok, r["city"], placeString(p))
			// The same, also crediting a locality the gazetteer does not
			// know but the text names (its point is the unit's).
			if p != nil && p.Locality != "" && !ok {
				ok = norm(p.Locality) == norm(r["city"]) || recognize.Key(p.Locality) == recognize.Key(r["city"])
			}
			t.check("city or district named (incl. localities not in the gazetteer)", ok, r["city"], placeString(p))
		}
		if lat, err1 := strconv.ParseFloat(r["latitude"], 64); err1 == nil {
			lon, _ := strconv.ParseFloat(r["longitude"], 64)
			t.check("within 25 km", p != nil && (p.Lat != 0 || p.Lon != 0) && km(lat, lon, p.Lat, p.Lon) <= 25,
				fmt.Sprintf("%s %.4f,%.4f", r["city"], lat, lon), placeString(p))
		}
		t.check("date", !main.Date.Start.IsZero() && !main.Date.Start.After(day) && !main.Date.End.Before(day) && main.Date.End.Sub(main.Date.Start) <= 7*24*time.Hour,
			day.Format("2006-01-02"), fmt.Sprintf("%s..%s", main.Date.Start.Format("2006-01-02"), main.Date.End.Format("2006-01-02")))
		killed, wounded := 0, 0
		for _, e := range evs {
			killed += best0(e.Fatalities)
			wounded += best0(e.Injured)
		}
		if n, err := strconv.ParseFloat(r["nkill"], 64); err == nil {
			t.check("killed exact", killed == int(n), int(n), killed)
		}
		if n, err := strconv.ParseFloat(r["nwound"], 64); err == nil {
			t.check("wounded exact", wounded == int(n), int(n), wounded)
		}
		want := perp(r["gname"])
		got := "Unknown"
		switch {
		case main.Mode == "disrupt":
			// The perpetrator of a foiled attack is the side it was
			// foiled against, not the forces who foiled it.
			if len(main.Target) > 0 {
				got = perp(string(main.Target[0].Code))
			}
		case len(main.Source) > 0:
			got = perp(string(main.Source[0].Code))
		}
		t.check("perpetrator", got == want, r["gname"], got)
		if at := r["attacktype1_txt"]; at != "Unknown" && at != "" {
			t.check("attack type", gtdAttackType(main) == at, at, gtdAttackType(main)+" ("+string(main.Type)+")")
		}
	}
	t.notes["attack type"] = "rows GTD codes other than Unknown"
	t.notes["date"] = "range holds the day, at most a week wide"
	rep.finish(t, total)
	return rep, nil
}

func best0(c durand.Count) int {
	if c.Best >= 0 {
		return c.Best
	}
	if c.Low >= 0 {
		return c.Low
	}
	return 0
}

// disrupted returns the first event of evs that reports an attack
// foiled (a bomb defused, a vehicle bomb intercepted), ACLED's "Disrupted
// weapons use": GTD records such attempts as incidents of their own.
func disrupted(evs []durand.Event) *durand.Event {
	for i := range evs {
		if evs[i].Mode == "disrupt" {
			return &evs[i]
		}
	}
	return nil
}

// gtdAttackType maps an event to GTD's attack types, by GTD's hierarchy
// (codebook, "Attack Information"): an assassination outranks hostage
// taking (a hijacking first), which outranks bombing, armed assault and
// facility attack, so a bombing aimed at a governor is an Assassination
// and an attack in which soldiers were taken hostage a Kidnapping.
func gtdAttackType(e *durand.Event) string {
	if e.Mode == "disrupt" {
		return "Bombing/Explosion" // an attempted bombing
	}
	if e.Targeted || e.Mode == "assassinate" {
		return "Assassination"
	}
	if e.Mode == "abduct" {
		// A hijacking, taking control of a vehicle, ranks above hostage
		// taking.
		for _, ev := range e.Evidence {
			if ev.Field == "trigger" && strings.HasPrefix(strings.ToLower(ev.Text), "hijack") {
				return "Hijacking"
			}
		}
	}
	if e.Mode == "abduct" || e.Abducted.Known() && max(e.Abducted.Best, e.Abducted.Low) > 0 {
		return "Hostage Taking (Kidnapping)"
	}
	switch e.Mode {
	case "explosives", "suicide", "grenade", "aerial", "drone", "shelling":
		return "Bombing/Explosion"
	case "destroy":
		return "Facility/Infrastructure Attack"
	}
	for _, ev := range e.Evidence {
		if ev.Field == "trigger" && strings.HasPrefix(strings.ToLower(ev.Text), "assassinat") {
			return "Assassination"
		}
	}
	return "Armed Assault"
}

// actorCanon maps a perpetrator name or actor code to one label: the
// dictionary actor it names, or "Unknown" for unnamed and unknown actors.
func actorCanon(lx *recognize.Lexicon) func(string) string {
	byName := map[string]string{}
	for _, a := range lx.Actors {
		for _, n := range a.Names {
			byName[norm(n)] = a.ID
		}
		for _, r := range a.Roles {
			if r.In == nil { // "TTP" is the TTP's, not the Taliban's read in Pakistan
				byName[norm(string(r.Code))] = a.ID
			}
		}
	}
	return func(s string) string {
		s = strings.TrimSpace(s)
		if i := strings.Index(s, " ("); i > 0 {
			s = s[:i]
		}
		if id, ok := byName[norm(s)]; ok {
			if id == "mujahid" {
				return "taliban"
			}
			return id
		}
		if strings.HasSuffix(s, ".GOV") && strings.HasPrefix(s, "AFG") {
			return "taliban"
		}
		return "Unknown"
	}
}

// placeString describes an extracted place for a miss.
func placeString(p *durand.Place) string {
	if p == nil {
		return "no place"
	}
	loc := ""
	if p.Locality != "" {
		loc = " locality " + p.Locality
	}
	return fmt.Sprintf("%s (%s, %s, %s) %s %.4f,%.4f%s", p.Name, p.Admin2, p.Admin1, p.Country, p.Prec, p.Lat, p.Lon, loc)
}
