package recognize

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/sentence"
)

// addDateNumSeeds seeds f with the sentences of testdata/dates_numbers.txt.
func addDateNumSeeds(f *testing.F) {
	for _, c := range readDateNumCases(f) {
		f.Add(c.text)
	}
}

// maxFuzz bounds a fuzzed text: a few sentences' worth is what the date
// and number readers see at a time, and the fuzzer spends minutes
// minimising long inputs that add nothing to what short ones cover.
const maxFuzz = 1 << 10

// recognizeAll recognises every sentence of text and checks what holds of
// every mention: its tokens and bytes lie inside its sentence.
func recognizeAll(t *testing.T, r *Recognizer, text string) (sents []durand.Sentence, ms [][]durand.Mention) {
	for _, s := range sentence.Split(durand.Document{Text: text}) {
		got := r.Recognize(text, s)
		for _, m := range got {
			if m.Tok[0] < 0 || m.Tok[0] >= m.Tok[1] || m.Tok[1] > len(s.Tokens) {
				t.Fatalf("%s mention %v outside the sentence's %d tokens", m.Kind, m.Tok, len(s.Tokens))
			}
			if m.Span.Start < s.Span.Start || m.Span.End > s.Span.End || m.Span.Start >= m.Span.End {
				t.Fatalf("%s mention %+v outside the sentence %+v", m.Kind, m.Span, s.Span)
			}
		}
		sents, ms = append(sents, s), append(ms, got)
	}
	return sents, ms
}

// FuzzDates: any text is read without a panic, and every date it yields
// names days the calendar has; so does the date reader at every token.
func FuzzDates(f *testing.F) {
	addDateNumSeeds(f)
	r := testRecognizer(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > maxFuzz {
			return
		}
		sents, ms := recognizeAll(t, r, text)
		for k, s := range sents {
			for _, m := range ms[k] {
				if m.Kind == durand.DateMention && !realDays(m.Date) {
					t.Errorf("%q: date %+v is not on the calendar", text[m.Span.Start:m.Span.End], m.Date)
				}
			}
			for i := range s.Tokens {
				end, d := date(text, s.Tokens, i)
				if end < i || end > len(s.Tokens) {
					t.Fatalf("date at token %d ends at %d of %d", i, end, len(s.Tokens))
				}
				if end > i && d.Kind != 0 && !realDays(d) {
					t.Errorf("date at %q: %+v is not on the calendar", s.Tokens[i].Norm, d)
				}
			}
		}
	})
}

// realDays reports whether the calendar has the days an expression names,
// checked apart from the reader's own check: each bound's year, month and
// day, a year left out being any (a leap year), a day left out the 1st.
func realDays(d durand.DateExpr) bool {
	if d.Kind == durand.RelativeDate || d.Kind == durand.AnchorDate {
		return true
	}
	if d.Kind != durand.AbsoluteDate && d.Kind != durand.PartialDate {
		return false
	}
	ok := func(y, m, day int) bool {
		if y == 0 {
			y = 2024
		}
		if m == 0 {
			return day == 0
		}
		_, ok := durand.CalendarDay(y, m, max(day, 1))
		return ok
	}
	if d.Unit == durand.Day && d.Day == 0 {
		return false
	}
	return ok(d.Year, d.Month, d.Day) && (d.EndYear == 0 && d.EndMonth == 0 && d.EndDay == 0 || ok(d.EndYear, d.EndMonth, d.EndDay))
}

// FuzzNumbers: any text is read without a panic; no count is more than
// the words it is read from can say, and none is read from a date's
// words.
func FuzzNumbers(f *testing.F) {
	addDateNumSeeds(f)
	f.Add("one hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred people")
	r := testRecognizer(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > maxFuzz {
			return
		}
		sents, ms := recognizeAll(t, r, text)
		for k, s := range sents {
			dated := make([]bool, len(s.Tokens))
			for _, m := range ms[k] {
				if m.Kind == durand.DateMention {
					for i := m.Tok[0]; i < m.Tok[1]; i++ {
						dated[i] = true
					}
				}
			}
			for _, m := range ms[k] {
				if m.Kind != durand.NumberMention {
					continue
				}
				words := s.Tokens[m.Tok[0]:m.Tok[1]]
				c, most := m.Number, written(words)
				for _, v := range []int{c.Best, c.Low, c.High} {
					if v < durand.Unknown || float64(v) > most || v > maxValue {
						t.Errorf("%q: count %+v, more than its words say (%v)", text[m.Span.Start:m.Span.End], c, most)
					}
				}
				for i := m.Tok[0]; i < m.Tok[1]; i++ {
					if dated[i] {
						t.Errorf("%q: count %+v read from a date's words", text[m.Span.Start:m.Span.End], c)
					}
				}
			}
		}
	})
}

// written is the most that words can say as a count: the sum of the
// numbers they write, plus one ("more than 20" is 21), times their
// scales.
func written(words []durand.Token) float64 {
	sum, scale := 1.0, 1.0
	for _, w := range words {
		n := w.Norm
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64); err == nil {
			sum += math.Ceil(math.Abs(f))
		} else if u, ok := units[n]; ok {
			sum += float64(u)
		} else if s, ok := scales[n]; ok {
			scale *= float64(s)
		} else if v, ok := vague[n]; ok {
			sum += float64(max(v.Low, v.High))
		}
	}
	return sum * scale
}

// FuzzDateDigits: whatever surrounds a date written in digits or words,
// possible or not, none of its digits is read as a count, and a date read
// from it names that day when it exists.
func FuzzDateDigits(f *testing.F) {
	f.Add("two civilians were killed", uint8(0), 2021, 2, 31, "in Khost")
	f.Add("", uint8(3), 2021, 2, 15, "")
	f.Add("at", uint8(7), 10, 30, 0, "pm")
	r := testRecognizer(f)
	f.Fuzz(func(t *testing.T, before string, form uint8, y, m, d int, after string) {
		if len(before)+len(after) > maxFuzz {
			return
		}
		y, m, d = abs(y)%10000, abs(m)%100, abs(d)%100
		written, exact := dateIn(form, y, m, d)
		text := before + " on " + written + ", " + after
		at := len(before) + len(" on ")
		found := false
		for _, s := range sentence.Split(durand.Document{Text: text}) {
			if s.Span.End <= at || s.Span.Start >= at+len(written) {
				continue
			}
			for _, mn := range r.Recognize(text, s) {
				if mn.Span.End <= at || mn.Span.Start >= at+len(written) {
					continue
				}
				switch mn.Kind {
				case durand.NumberMention:
					t.Errorf("%q: count %+v read from the date %q", text, mn.Number, written)
				case durand.DateMention:
					if !exact {
						break
					}
					found = true
					if mn.Date.Year != y || mn.Date.Month != m || mn.Date.Day != d {
						t.Errorf("%q: date %+v, want %s", text, mn.Date, written)
					}
				}
			}
		}
		if exact && !found {
			t.Errorf("%q: no date read from %q", text, written)
		}
	})
}

// dateIn writes a date, possible or not, in one of the forms durand reads
// (y up to 9999, m and d up to 99). exact reports a form that names year, month and day unambiguously, the
// year first, and a day that exists: read, it must be that day.
func dateIn(form uint8, y, m, d int) (string, bool) {
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	_, real := durand.CalendarDay(y, m, d)
	switch form % 10 {
	case 0:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d), real
	case 1:
		return fmt.Sprintf("%04d/%d/%d", y, m, d), real
	case 2:
		return fmt.Sprintf("%d/%d/%04d", d, m, y), false
	case 3:
		return fmt.Sprintf("%02d.%02d.%04d", d, m, y), false
	case 4:
		return fmt.Sprintf("%d-%d-%04d", d, m, y), false
	case 5:
		return fmt.Sprintf("%d/%d/%02d", d, m, y%100), false
	case 6:
		// Words: a year the reader takes for one (1900 to 2100).
		return fmt.Sprintf("%d %s %d", d, months[m%12], 1900+y%201), false
	case 7:
		return fmt.Sprintf("%d:%02d", y%25, m%60), false
	case 8:
		return fmt.Sprintf("%d:%02d pm", y%13, m%60), false
	}
	return fmt.Sprintf("%s %d, %d", months[m%12], d, 1900+y%201), false
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1) // never negative, even for the least int
	}
	return n
}
