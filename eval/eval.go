// Package eval scores extraction against gold data: the seed op-ed's hand
// annotation, GTD records (summary text against coded fields) and UCDP GED
// rows (headline against sides, province and deaths).
package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/recognize"
	"github.com/durandhq/durand/sentence"
)

// Extractor is what eval needs of the pipeline.
type Extractor interface {
	Extract(durand.Document) []durand.Event
	// Locate geocodes a text on its own: the most specific place it
	// supports, or nil.
	Locate(durand.Document) *durand.Place
}

// Score is one field's tally.
type Score struct {
	Field   string  `json:"field"`
	Correct int     `json:"correct"`
	Total   int     `json:"total"`
	Value   float64 `json:"value"`
	Note    string  `json:"note,omitempty"`
}

// Report is the result of one evaluation.
type Report struct {
	Gold      string   `json:"gold"`
	Format    string   `json:"format"`
	Records   int      `json:"records"`
	Scores    []Score  `json:"scores"`
	Failures  []string `json:"failures,omitempty"`
	EventsPer float64  `json:"events_per_report"`
	// Clusters lists the incidents de-duplication formed of several
	// items (--format dedupe), one line each, for checking by hand.
	Clusters []string `json:"clusters,omitempty"`
	// Misses lists every record a field scored wrong, so a score can be
	// traced to texts (durand eval --misses FILE); not in --json output.
	Misses []Miss `json:"-"`
}

// Miss is one record a field scored wrong: what the gold set says, what
// durand extracted, and the text it read.
type Miss struct {
	Field  string `json:"field"`
	Record string `json:"record"`
	Want   string `json:"want"`
	Got    string `json:"got"`
	Text   string `json:"text"`
}

// WriteMisses writes the misses as JSON lines, one per scored field.
func (r *Report) WriteMisses(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, m := range r.Misses {
		if err := enc.Encode(m); err != nil {
			return err
		}
	}
	return nil
}

// tally accumulates scores in the order fields are first seen.
type tally struct {
	order  []string
	c, t   map[string]int
	notes  map[string]string
	misses []Miss
	// rec and text name the record being scored, for misses.
	rec, text string
}

func newTally() *tally {
	return &tally{c: map[string]int{}, t: map[string]int{}, notes: map[string]string{}}
}

// record starts scoring a record: misses from now on name it.
func (t *tally) record(id, text string) { t.rec, t.text = id, text }

// check adds a result and, when it is wrong, a miss with what was wanted
// and what was got.
func (t *tally) check(field string, ok bool, want, got any) {
	t.add(field, ok)
	if !ok {
		t.misses = append(t.misses, Miss{Field: field, Record: t.rec, Want: fmt.Sprint(want), Got: fmt.Sprint(got), Text: t.text})
	}
}

func (t *tally) add(field string, ok bool) {
	if _, seen := t.t[field]; !seen {
		t.order = append(t.order, field)
	}
	t.t[field]++
	if ok {
		t.c[field]++
	}
}

func (t *tally) scores() []Score {
	var out []Score
	for _, f := range t.order {
		s := Score{Field: f, Correct: t.c[f], Total: t.t[f], Note: t.notes[f]}
		if s.Total > 0 {
			s.Value = math.Round(float64(s.Correct)/float64(s.Total)*1000) / 1000
		}
		out = append(out, s)
	}
	return out
}

// Get returns the score of a field, or a zero Score.
func (r *Report) Get(field string) Score {
	for _, s := range r.Scores {
		if s.Field == field {
			return s
		}
	}
	return Score{Field: field}
}

// WriteTable writes the report for people.
func (r *Report) WriteTable(w io.Writer) error {
	if r.Format == "conllu" {
		fmt.Fprintf(w, "%s (%s): %d sentences\n", r.Gold, r.Format, r.Records)
	} else {
		fmt.Fprintf(w, "%s (%s): %d records, %.2f events per report\n", r.Gold, r.Format, r.Records, r.EventsPer)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "field\tcorrect\ttotal\tscore\t")
	for _, s := range r.Scores {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t  %s\n", s.Field, s.Correct, s.Total, s.Value, s.Note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range r.Failures {
		fmt.Fprintln(w, "  -", f)
	}
	if len(r.Clusters) > 0 {
		fmt.Fprintf(w, "clusters of several items (%d):\n", len(r.Clusters))
	}
	for _, c := range r.Clusters {
		fmt.Fprintln(w, "  -", c)
	}
	return nil
}

// WriteJSON writes the report for machines (CI floors).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// startDataset opens a gold CSV for a report; malformed rows become the
// report's failures.
func startDataset(path, format string, columns ...string) (*Report, []map[string]string, error) {
	rep := &Report{Gold: path, Format: format}
	rows, err := csvRows(path, func(s string) { rep.Failures = append(rep.Failures, s) })
	if err == nil && len(rows) > 0 {
		for _, c := range columns {
			if _, ok := rows[0][c]; !ok {
				return nil, nil, fmt.Errorf("%s: no %s column: not a %s file", path, c, format)
			}
		}
	}
	return rep, rows, err
}

// finish fills the report's scores and events per report from a tally and
// the number of events extracted.
func (r *Report) finish(t *tally, events int) {
	if r.Records > 0 {
		r.EventsPer = float64(events) / float64(r.Records)
	}
	r.Scores = t.scores()
	r.Misses = t.misses
}

// extractMain extracts a gold record's text and returns its events and the
// main one: the first violent event, which the record's coding describes.
func extractMain(x Extractor, doc durand.Document) ([]durand.Event, *durand.Event) {
	evs := x.Extract(doc)
	for i := range evs {
		if evs[i].Type.Violent() {
			return evs, &evs[i]
		}
	}
	return evs, nil
}

// norm folds a name for comparison: lower case, no diacritics, no
// punctuation or spaces ("Qala-i-Naw" = "qala i naw").
func norm(s string) string { return strings.ReplaceAll(words(s), " ", "") }

// words folds s to its lower-case words and numbers, one space apart.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(sentence.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f)
	}), " ")
}

// admin1Canon maps any known spelling of a first-level unit (including the
// gazetteer's alternate names, "FATA", "NWFP") to its canonical name.
func admin1Canon(lx *recognize.Lexicon) func(string) string {
	// loose also matches gold sets' own spellings ("Khyber Pakhtunkwa"):
	// the transliteration key without h.
	loose := func(s string) string { return strings.ReplaceAll(recognize.Key(s), "h", "") }
	m, ml := map[string]string{}, map[string]string{}
	for i := range lx.Gazetteer.Entries {
		e := &lx.Gazetteer.Entries[i]
		if e.Kind != "adm1" {
			continue
		}
		for _, n := range append([]string{e.Name}, e.Names...) {
			m[norm(n)] = e.Name
			ml[loose(n)] = e.Name
		}
	}
	return func(s string) string {
		s = strings.TrimSpace(s)
		for _, suffix := range []string{" province", " Province"} {
			s = strings.TrimSuffix(s, suffix)
		}
		if c, ok := m[norm(s)]; ok {
			return c
		}
		if c, ok := ml[loose(s)]; ok && len(s) > 6 {
			return c
		}
		return s
	}
}

func sortedKeys(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// km is the great-circle distance in kilometres.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
