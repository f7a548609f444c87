package eval

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/recognize"
	"github.com/durandhq/durand/sentence"
)

// UCDP scores extraction of UCDP GED headlines (source_headline; several
// are joined by ";") against the row's province, deaths and sides.
func UCDP(x Extractor, lx *recognize.Lexicon, path string) (*Report, error) {
	rep, rows, err := startDataset(path, "ucdp", "id", "date_start")
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 {
		_, full := rows[0]["source_headline"]
		_, art := rows[0]["source_art"]
		if !full && !art {
			return nil, fmt.Errorf("%s: no source_headline or source_art column: not a UCDP GED file", path)
		}
	}
	canon := admin1Canon(lx)
	perp := actorCanon(lx)
	rec := recognize.New(lx)
	t := newTally()
	total := 0
	// UCDP splits one reported incident into several events (by dyad,
	// by day) that cite the same headline; the headline's number is then
	// their sum. sums holds each headline's summed low and high.
	type lowHigh struct{ low, high int }
	sums := map[string]lowHigh{}
	heads := make([]string, len(rows)) // each row's headlines, read once
	for i, r := range rows {
		head := headlines(r)
		heads[i] = head
		low, _ := strconv.Atoi(r["low"])
		high, _ := strconv.Atoi(r["high"])
		sum := sums[head]
		sums[head] = lowHigh{sum.low + low, sum.high + high}
	}
	for i, r := range rows {
		head := heads[i]
		if head == "" {
			continue
		}
		day, err := time.Parse("2006-01-02", strings.Fields(r["date_start"] + " x")[0])
		if err != nil {
			continue
		}
		text := strings.Join(strings.Split(head, ";"), "\n\n")
		doc := durand.Document{ID: durand.DocID("ucdp:" + r["id"]), Published: day.AddDate(0, 0, 1), Text: text}
		evs, main := extractMain(x, doc)
		total += len(evs)
		rep.Records++
		t.record(r["id"], text)
		t.check("detection", main != nil, "a violent event", len(evs))
		// Deaths: the largest count among the headlines' events (they
		// report one incident several times), within UCDP's low..high.
		low, _ := strconv.Atoi(r["low"])
		high, _ := strconv.Atoi(r["high"])
		got := -1
		for _, e := range evs {
			if n := best0(e.Fatalities); e.Fatalities.Known() && n > got {
				got = n
			}
		}
		// A file without UCDP's low and high (the Afghanistan subset has
		// only the sides' own dead) scores no deaths.
		_, ranged := r["high"]
		if got >= 0 && ranged {
			t.check("deaths within low-high (headline gives a number)", got >= low && got <= high, fmt.Sprintf("%d..%d", low, high), got)
		}
		if ranged {
			t.add("deaths within low-high (all)", got >= low && got <= high || got < 0 && low == 0)
		}
		if got >= 0 && ranged {
			// The ceiling of reading the text: some number the headlines
			// give falls in the row's range. Where none does, UCDP's row
			// counts what no headline says (a split by dyad or day, a
			// later toll), and no extraction of the text can match it.
			// The sum of the rows citing the headlines counts too, so this
			// bounds both lines above.
			sum := sums[head]
			reach := got >= low && got <= high || got >= sum.low && got <= sum.high
			for _, c := range textCounts(rec, doc) {
				reach = reach || meets(c, low, high) || meets(c, sum.low, sum.high)
			}
			t.check("ceiling: durand's count or any number the headlines give within either", reach,
				fmt.Sprintf("%d..%d (sum %d..%d)", low, high, sum.low, sum.high), got)
			t.check("deaths within low-high, or the sum of the rows citing the headline", got >= low && got <= high || got >= sum.low && got <= sum.high,
				fmt.Sprintf("%d..%d (sum %d..%d)", low, high, sum.low, sum.high), got)
		}
		_, hasAdm1 := r["adm_1"]
		if main != nil && main.Place != nil && main.Place.Admin1 != "" && hasAdm1 {
			t.add("admin1 (when located)", canon(main.Place.Admin1) == canon(r["adm_1"]))
		}
		if wd := strings.TrimSpace(r["where_description"]); wd != "" {
			// UCDP's own location text read with the headline, as issue 3
			// scores the geocoder: "Sui town", "Khaisura and Dossali areas
			// of North Waziristan District".
			doc2 := doc
			doc2.Text = text + "\n\nThe incident took place in " + wd + "."
			_, m2 := extractMain(x, doc2)
			t.record(r["id"], doc2.Text)
			var p2 *durand.Place
			if m2 != nil {
				p2 = m2.Place
			}
			t.check("admin1 of the event (headline + where_description)", p2 != nil && canon(p2.Admin1) == canon(r["adm_1"]), r["adm_1"], placeString(p2))
			// The geocoder alone: the most specific place the two texts
			// support, whether or not an event was detected in them.
			doc3 := doc
			doc3.Text = doc2.Text
			p3 := x.Locate(doc3)
			t.record(r["id"], doc3.Text)
			t.check("admin1 geocoded (headline + where_description)", p3 != nil && canon(p3.Admin1) == canon(r["adm_1"]), r["adm_1"], placeString(p3))
			t.record(r["id"], text)
		}
		located := main != nil && main.Place != nil && main.Place.Admin1 != ""
		if hasAdm1 {
			t.add("admin1 (all)", located && canon(main.Place.Admin1) == canon(r["adm_1"]))
		}
		// The non-government side: when the headline names a group, durand
		// must name it; when it names none, durand must name none.
		sideB := perp(r["side_b"])
		if strings.HasPrefix(r["side_a"], "Government of") == false {
			sideB = perp(r["side_a"])
		}
		// The side is named when one of its names stands as whole words
		// in a headline ("BLA" is not in "blasts"). SATP's index pages
		// ("Incidents and Statements involving TTP: 2014") are cited as
		// headlines but report no incident: a group named only there is
		// scored on its own line.
		named, indexed := false, false
		if sideB != "Unknown" {
			for _, line := range strings.Split(head, ";") {
				if !namesActor(lx, sideB, line) {
					continue
				}
				if satpIndex(line) {
					indexed = true
				} else {
					named = true
				}
			}
		}
		// Only a non-state armed group counts: the state's forces,
		// officials and the UN are not "a side invented" ("India,
		// Pakistan trade fire" names two governments). When durand names
		// several groups ("Islamic State, Pakistani Taliban claim
		// killing"), the side is found if it is among them.
		groups := make([]string, 0, 2)
		for _, e := range evs {
			for _, a := range append(append([]durand.Actor{}, e.Source...), e.Target...) {
				if !durand.ArmedGroupSector(a.Sector) {
					continue
				}
				if g := perp(string(a.Code)); g != "Unknown" && g != "taliban" || a.Code == "TAL" {
					if !slices.Contains(groups, g) {
						groups = append(groups, g)
					}
				}
			}
		}
		gotGroup := strings.Join(groups, ",")
		if gotGroup == "" {
			gotGroup = "Unknown"
		}
		switch {
		case named:
			t.check("named side found", slices.Contains(groups, sideB), sideB, gotGroup)
		case indexed:
			t.check("named side found, named only in an SATP index title", slices.Contains(groups, sideB), sideB, gotGroup)
		default:
			// Invented is a group the headline does not name: one named
			// there that UCDP coded otherwise ("Taliban" where UCDP has
			// the TTP, a rival in a clash) is the text's, not durand's.
			invented := ""
			for _, g := range groups {
				if !namesActor(lx, g, head) && !readsAs(lx, perp, g, head) {
					invented = g
				}
			}
			t.check("no side invented", invented == "", "none the headline does not name", gotGroup)
		}
	}
	rep.finish(t, total)
	return rep, nil
}

// textCounts returns every number the recognizer reads in doc's text
// ("three", "at least 20", "dozens"), whatever it counts.
func textCounts(rec *recognize.Recognizer, doc durand.Document) []durand.Count {
	var out []durand.Count
	for _, s := range sentence.Split(doc) {
		for _, m := range rec.Recognize(doc.Text, s) {
			if m.Kind == durand.NumberMention {
				out = append(out, m.Number)
			}
		}
	}
	return out
}

// meets reports whether count c's range meets low..high; an open upper
// bound ("at least 20") runs on.
func meets(c durand.Count, low, high int) bool {
	lo, hi := c.Low, c.High
	if lo < 0 {
		lo = c.Best
	}
	if hi < 0 {
		hi = math.MaxInt
	}
	return lo <= high && hi >= low
}

// namesActor reports whether one of actor id's names stands in text as
// whole words, case and diacritics aside.
func namesActor(lx *recognize.Lexicon, id, text string) bool {
	padded := " " + words(text) + " "
	for _, a := range lx.Actors {
		if a.ID == id && standsIn(padded, a.Names) {
			return true
		}
	}
	return false
}

// standsIn reports whether one of names stands as whole words in padded,
// a text's words with a space at each end.
func standsIn(padded string, names []string) bool {
	for _, n := range names {
		if w := words(n); len(w) > 2 && strings.Contains(padded, " "+w+" ") {
			return true
		}
	}
	return false
}

// readsAs reports whether a name standing in text reads as group id
// through a role limited to a place: "Taliban" fighting in Pakistan are
// the TTP (data/actors.tsv, column in). perp maps a role's code to its
// group.
func readsAs(lx *recognize.Lexicon, perp func(string) string, id, text string) bool {
	padded := " " + words(text) + " "
	for _, a := range lx.Actors {
		for _, r := range a.Roles {
			if r.In != nil && perp(string(r.Code)) == id && standsIn(padded, r.Names) {
				return true
			}
		}
	}
	return false
}

// satpIndex reports whether a cited headline is the title of one of the
// South Asia Terrorism Portal's yearly index pages, "Incidents and
// Statements involving Lashkar-e-Jhangvi: 2014".
func satpIndex(line string) bool {
	return strings.Contains(strings.ToLower(line), "incidents and statements involving")
}

// headlines returns a row's headlines joined by ";": UCDP GED's
// source_headline, or the quoted titles inside source_art as the
// third-party Afghanistan subset gives them — "Agency,2015-05-25,Title"
// items, or a citation such as `AFP 11 Nov 2001 "Title` (cut at 254
// characters, so a quote may stay open).
func headlines(r map[string]string) string {
	if h, ok := r["source_headline"]; ok {
		return strings.TrimSpace(h)
	}
	var out []string
	art := r["source_art"]
	for {
		i := strings.IndexByte(art, '"')
		if i < 0 {
			break
		}
		art = art[i+1:]
		title := art
		if j := strings.IndexByte(art, '"'); j >= 0 {
			title, art = art[:j], art[j+1:]
		} else {
			art = ""
		}
		title = strings.TrimSpace(citedPrefix.ReplaceAllString(title, ""))
		if title != "" {
			out = append(out, strings.ReplaceAll(title, ";", ","))
		}
	}
	return strings.Join(out, ";")
}

// citedPrefix is the source and date before a title in source_art.
var citedPrefix = regexp.MustCompile(`^[^,]{1,80},\d{4}-\d{2}-\d{2},`)
