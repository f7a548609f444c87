package recognize

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/sentence"
)

// dateNumCase is one line of testdata/dates_numbers.txt.
type dateNumCase struct {
	line               int
	text, date, counts string
}

func readDateNumCases(tb testing.TB) []dateNumCase {
	const name = "testdata/dates_numbers.txt"
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var cases []dateNumCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			tb.Fatalf("%s:%d: %d fields, want 3", name, n, len(f))
		}
		cases = append(cases, dateNumCase{n, f[0], f[1], f[2]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return cases
}

var (
	loadOnce sync.Once
	loaded   *Lexicon
	loadErr  error
)

// testRecognizer is a recognizer over the shipped dictionaries, loaded
// once for all the tests and fuzz targets that need one.
func testRecognizer(tb testing.TB) *Recognizer {
	loadOnce.Do(func() { loaded, loadErr = Load(data.FS) })
	if loadErr != nil {
		tb.Fatal(loadErr)
	}
	return New(loaded)
}

// TestDatesAndCounts: every form of date durand reads, possible or not,
// beside counts; a date's digits never count people, and an impossible
// calendar day ("31 February 2021", "2021-02-31") is no date at all.
func TestDatesAndCounts(t *testing.T) {
	r := testRecognizer(t)
	for _, tt := range readDateNumCases(t) {
		s := sentence.Split(durand.Document{Text: tt.text})[0]
		date, counts := "-", []string(nil)
		for _, m := range r.Recognize(tt.text, s) {
			switch m.Kind {
			case durand.DateMention:
				if date == "-" {
					date = exprString(m.Date)
				}
			case durand.NumberMention:
				counts = append(counts, countString(m.Number))
			}
		}
		got := strings.Join(counts, ",")
		if got == "" {
			got = "-"
		}
		if date != tt.date || got != tt.counts {
			t.Errorf("line %d: %q: date %s, counts %s; want %s, %s", tt.line, tt.text, date, got, tt.date, tt.counts)
		}
	}
}

// exprString writes a calendar date expression as the test data does.
func exprString(d durand.DateExpr) string {
	if d.Kind != durand.AbsoluteDate && d.Kind != durand.PartialDate {
		return fmt.Sprintf("%+v", d)
	}
	s := fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	if d.EndYear != 0 || d.EndMonth != 0 || d.EndDay != 0 {
		s += fmt.Sprintf("..%04d-%02d-%02d", d.EndYear, d.EndMonth, d.EndDay)
	}
	return s + " " + string(d.Unit)
}

func countString(c durand.Count) string {
	if c.Best == c.Low && c.Low == c.High {
		return fmt.Sprint(c.Best)
	}
	v := func(n int) string {
		if n == durand.Unknown {
			return "?"
		}
		return fmt.Sprint(n)
	}
	return v(c.Best) + "/" + v(c.Low) + "/" + v(c.High)
}
