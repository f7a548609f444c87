package recognize

import (
	"strconv"
	"strings"

	"github.com/durandhq/durand"
)

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]int{"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}

// wordClass marks the words a date or a count can begin with, so that the
// scan over a sentence tries date and number only where one can start:
// most tokens are neither, and the two readers' many small lookups cost
// more than one test of a bit.
type wordClass uint8

const (
	startsDate wordClass = 1 << iota
	startsCount
)

// dateStarts are the words date and absolute can begin with, besides
// digits, month names and weekdays.
var dateStarts = []string{"between", "from", "yesterday", "today", "tonight", "overnight", "earlier", "this", "last",
	"late", "early", "on", "days", "hours", "weeks", "day", "week", "months", "month", "years", "year", "the", "mid"}

// countStarts are the words number can begin with, besides digits and
// the words of units and vague.
var countStarts = []string{"at", "more", "over", "up", "as", "less", "fewer", "about", "around", "nearly", "almost",
	"approximately", "roughly", "some", "another", "estimated", "a"}

// classify numbers the words dates and counts begin with and records
// their classes.
func (lx *Lexicon) classify() {
	set := func(c wordClass, words ...string) {
		for _, w := range words {
			id := lx.vocab.phrase([]string{w})[0]
			for int(id) >= len(lx.class) {
				lx.class = append(lx.class, 0)
			}
			lx.class[id] |= c
		}
	}
	set(startsDate, dateStarts...)
	for w := range monthNames {
		set(startsDate, w)
	}
	for w := range weekdays {
		set(startsDate, w)
	}
	set(startsCount, countStarts...)
	for w := range units {
		set(startsCount, w)
	}
	for w := range vague {
		set(startsCount, w)
	}
}

// may reports whether tok (word number id) can begin a date or count of
// class c: a word of that class, or a digit.
func (lx *Lexicon) may(c wordClass, id int32, tok durand.Token) bool {
	if id >= 0 && int(id) < len(lx.class) && lx.class[id]&c != 0 {
		return true
	}
	return tok.Norm != "" && tok.Norm[0] >= '0' && tok.Norm[0] <= '9'
}

// calendarUnit returns the unit a word names in "this month", "last
// week", "this year".
func calendarUnit(w string) (durand.DatePrecision, bool) {
	switch w {
	case "week":
		return durand.Week, true
	case "month":
		return durand.Month, true
	case "year":
		return durand.Year, true
	}
	return "", false
}

// date reads a date expression at toks[i] of text. It is written by hand
// rather than with a date-parsing library because it must run on every
// sentence at news-stream speed and must return the ranges ("between
// November 2021 and June 2022") and anchors ("days after") that those
// libraries do not parse.
//
// end > i with a zero d is an expression of the calendar or the clock
// that names no day: an impossible one ("31 February 2021",
// "2021-02-31"), digits whose day and month cannot be told apart
// ("05/03/2021"), a time of day ("at 10:30"). The caller covers its
// tokens, so that their digits are never read as counts, and records no
// date.
func date(text string, toks []durand.Token, i int) (end int, d durand.DateExpr) {
	end, d = dateExpr(text, toks, i)
	if end > i && !onCalendar(d) {
		d = durand.DateExpr{}
	}
	return end, d
}

// dateExpr is date before the calendar's check.
func dateExpr(text string, toks []durand.Token, i int) (end int, d durand.DateExpr) {
	n := len(toks)
	w := toks[i].Norm
	at := func(k int) string {
		if k < n {
			return toks[k].Norm
		}
		return ""
	}
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		if end := clock(toks, i); end > i {
			return end, d
		}
	}
	switch w {
	case "between", "from":
		return dateRange(text, toks, i)
	case "yesterday":
		return i + 1, durand.DateExpr{Kind: durand.RelativeDate, Offset: -1, Unit: durand.Day}
	case "today", "tonight":
		return i + 1, durand.DateExpr{Kind: durand.RelativeDate, Offset: 0, Unit: durand.Day}
	case "overnight":
		return i + 1, durand.DateExpr{Kind: durand.RelativeDate, Offset: -1, Window: 1, Unit: durand.Day}
	case "earlier", "this", "last", "late", "early":
		k := i
		if w == "earlier" || w == "late" || w == "early" {
			k++
			if at(k) != "this" && at(k) != "last" {
				break
			}
		}
		if u, ok := calendarUnit(at(k + 1)); ok && (at(k) == "this" || at(k) == "last") {
			// "this month", "last week" ("earlier this year")
			d := durand.DateExpr{Kind: durand.RelativeDate, Unit: u}
			if at(k) == "last" {
				d.Offset = -1
			}
			return k + 2, d
		}
		if w == "last" {
			if wd, ok := weekdays[at(i+1)]; ok {
				return i + 2, durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: wd, Offset: -1}
			}
		}
	case "on":
		if wd, ok := weekdays[at(i+1)]; ok {
			return i + 2, durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: wd}
		}
	case "days", "hours", "weeks", "day", "week", "months", "month", "years", "year":
		// "days after", "a day before", "two weeks after"; the number, if
		// any, precedes and is folded in by the caller's look-back.
		if k := at(i + 1); k == "after" || k == "before" || k == "later" || k == "earlier" || k == "ago" {
			return anchor(toks, i, w, k)
		}
	case "the":
		// "the next day", "the following day", "the previous day", "the
		// day before"
		w1, w2 := at(i+1), at(i+2)
		if w2 == "day" && (w1 == "next" || w1 == "following") {
			return i + 3, durand.DateExpr{Kind: durand.AnchorDate, Offset: 1, Unit: durand.Day}
		}
		if w2 == "day" && w1 == "previous" || w1 == "day" && w2 == "before" {
			return i + 3, durand.DateExpr{Kind: durand.AnchorDate, Offset: -1, Unit: durand.Day}
		}
	}
	if wd, ok := weekdays[w]; ok {
		return i + 1, durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: wd}
	}
	return absolute(text, toks, i)
}

// dateRange reads "between <date> and <date>", "from <date> to <date>",
// and "between 1 and 3 March 2021", whose first day takes the month and
// year of the second. An impossible bound makes the whole range one.
func dateRange(text string, toks []durand.Token, i int) (int, durand.DateExpr) {
	at := func(k int) string {
		if k < len(toks) {
			return toks[k].Norm
		}
		return ""
	}
	e1, a := absolute(text, toks, i+1)
	bareDay := -1
	if day, ok := dayNum(at(i + 1)); ok && e1 == i+1 {
		e1, bareDay = i+2, day
	}
	if e1 == i+1 || at(e1) != "and" && at(e1) != "to" && at(e1) != "until" {
		return i, durand.DateExpr{}
	}
	e2, b := absolute(text, toks, e1+1)
	switch {
	case e2 == e1+1 || bareDay >= 0 && b.Kind != 0 && b.Day == 0:
		return i, durand.DateExpr{} // "from 10 to 12", "between 1 and March"
	case b.Kind == 0:
		return e2, durand.DateExpr{}
	case bareDay >= 0:
		a = b
		a.Day = bareDay
		a = noDay0(a) // "between 0 and 3 March"
	}
	if a.Year == 0 {
		a.Year = b.Year
	}
	r := a
	r.EndYear, r.EndMonth, r.EndDay = b.Year, b.Month, b.Day
	if b.Year == 0 && r.Kind != 0 {
		r.Kind = durand.PartialDate
	}
	return e2, r
}

// anchor reads "days after", "two weeks before", "three days later".
func anchor(toks []durand.Token, i int, unit, dir string) (int, durand.DateExpr) {
	count, window := 1, 0
	switch unit {
	case "days", "weeks", "months", "years", "hours":
		count, window = 1, 1 // "days after": an unknown few
	}
	if i > 0 {
		if _, c := number(toks, i-1); c.Best > 0 {
			count, window = c.Best, 0
		} else if toks[i-1].Norm == "few" || toks[i-1].Norm == "several" {
			window = 1
		}
	}
	per := 1
	p := durand.Day
	switch unit {
	case "week", "weeks":
		per, p = 7, durand.Week
	case "month", "months":
		per, p = 30, durand.Month
	case "year", "years":
		per, p = 365, durand.Year
	case "hours":
		per, p = 0, durand.Day
	}
	if window > 0 && p == durand.Day {
		p = durand.Week // "days after": within a week
	}
	d := durand.DateExpr{Kind: durand.AnchorDate, Offset: count * per, Window: window * 6 * per, Unit: p}
	if dir == "before" || dir == "earlier" || dir == "ago" {
		d.Offset = -d.Offset
	}
	if dir == "ago" {
		d.Kind = durand.RelativeDate
	}
	if unit == "hours" {
		d.Offset, d.Window = 0, 1
		if dir == "before" || dir == "earlier" {
			d.Offset = -1
		}
	}
	return i + 2, d
}

// absolute reads a calendar date: "April 16, 2022", "16 April 2022", "18 of
// March 2024", "March 2024", "in February", "2007", "mid-March", and the
// forms in digits numeric reads ("2021-02-15", "15/02/2021"). Day 0 reads
// as a day, so that "0 February 2021" is an impossible date rather than a
// count before a month.
func absolute(text string, toks []durand.Token, i int) (int, durand.DateExpr) {
	n := len(toks)
	at := func(k int) string {
		if k < n {
			return toks[k].Norm
		}
		return ""
	}
	j := i
	if at(j) == "the" {
		j++
	}
	if at(j) == "mid" || at(j) == "early" || at(j) == "late" {
		j++
	}
	if k, d, ok := numeric(text, toks, j); ok {
		return k, d
	}
	// Day first: "16 April 2022", "18 of March 2024", "18th March".
	if day, ok := dayNum(at(j)); ok {
		k := j + 1
		if at(k) == "of" {
			k++
		}
		if m, ok := monthNames[at(k)]; ok && (day <= 31 || year(at(k+1)) > 0) {
			d := durand.DateExpr{Kind: durand.PartialDate, Month: m, Day: day, Unit: durand.Day}
			k++
			if y := year(at(k)); y > 0 {
				d.Kind, d.Year = durand.AbsoluteDate, y
				k++
			}
			return k, noDay0(d)
		}
	}
	if m, ok := monthNames[at(j)]; ok {
		if !toks[j].Upper {
			return i, durand.DateExpr{} // "may", "march" and "sept" are words too
		}
		k := j + 1
		if at(k) == "." {
			k++
		}
		d := durand.DateExpr{Kind: durand.PartialDate, Month: m, Unit: durand.Month}
		if day, ok := dayNum(at(k)); ok {
			k2 := k + 1
			if at(k2) == "," {
				k2++
			}
			if day <= 31 || year(at(k2)) > 0 {
				d.Day, d.Unit, k = day, durand.Day, k2
			}
		}
		if y := year(at(k)); y > 0 {
			d.Kind, d.Year = durand.AbsoluteDate, y
			k++
		} else if d.Unit == durand.Day && at(k-1) == "," {
			k-- // "April 16, and …": leave the comma
		}
		if d.Unit == durand.Month && d.Year == 0 && len(at(j)) <= 4 && at(j) != "may" && at(j) != "june" && at(j) != "july" {
			// An abbreviation alone is a word of a name more often than a
			// month: "Shamshapur Mar Ghondi", "Dec Bazaar".
			return i, durand.DateExpr{}
		}
		return k, noDay0(d)
	}
	if y := year(at(j)); y > 0 && j == i {
		return j + 1, durand.DateExpr{Kind: durand.AbsoluteDate, Year: y, Unit: durand.Year}
	}
	return i, durand.DateExpr{}
}

// noDay0 returns d, or no date when d reads day 0 ("0 February 2021"):
// in a date expression a 0 day is absent, so the one the text wrote is
// dropped here, where it is still told apart.
func noDay0(d durand.DateExpr) durand.DateExpr {
	if d.Unit == durand.Day && d.Day == 0 {
		return durand.DateExpr{}
	}
	return d
}

// dayNum reads a day of the month as "16", "03" or "16th": one or two
// digits, so that "0 February 2021" and "45 February 2021" are impossible
// dates rather than counts before a month. Its callers take a day over 31
// only with a year after it: "In March 45 people were killed" counts 45.
func dayNum(w string) (int, bool) {
	k := 0
	for k < len(w) && w[k] >= '0' && w[k] <= '9' {
		k++
	}
	if k == 0 || k > 2 {
		return 0, false
	}
	switch w[k:] {
	case "", "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	d, _ := strconv.Atoi(w[:k])
	return d, true
}

func year(w string) int {
	if len(w) != 4 || w[0] < '0' || w[0] > '9' {
		return 0
	}
	y, err := strconv.Atoi(w)
	if err != nil || y < 1900 || y > 2100 {
		return 0
	}
	return y
}

// onCalendar reports whether a calendar expression names days that exist:
// each of its bounds a real day, 29 February possible when the year is
// not given. Relative and anchored expressions are checked when they are
// resolved; an expression of no kind names no day.
func onCalendar(d durand.DateExpr) bool {
	switch d.Kind {
	case durand.RelativeDate, durand.AnchorDate:
		return true
	case durand.AbsoluteDate, durand.PartialDate:
		ranged := d.EndYear != 0 || d.EndMonth != 0 || d.EndDay != 0
		return possibleDay(d.Year, d.Month, d.Day) && (!ranged || possibleDay(d.EndYear, d.EndMonth, d.EndDay))
	}
	return false
}

// possibleDay reports whether year y, month m, day d can be a day, a part
// that is 0 being unknown: 29 February is possible in an unknown year,
// not in 2021.
func possibleDay(y, m, d int) bool {
	if y == 0 {
		y = 2000 // a leap year: the day is possible in some year
	}
	if m == 0 {
		return d == 0 && y >= 1 && y <= 9999
	}
	if d == 0 {
		d = 1
	}
	_, ok := durand.CalendarDay(y, m, d)
	return ok
}

// numeric reads a date written in digits at toks[i]: year first
// ("2021-02-15", "2021/02/15", "2021.02.15"), year last ("15/02/2021",
// "15-02-2021", "15.02.2021"), a year and a month ("2021-02"), a year and
// the next ("2024-25", a fiscal year). ok reports a date's shape, whose
// digits are no count even when it names no day: an impossible one, day
// and month that cannot be told apart, a year of two digits.
func numeric(text string, toks []durand.Token, i int) (end int, d durand.DateExpr, ok bool) {
	g, n, sep, end := digitGroups(text, toks, i)
	num := func(k int) int { v, _ := strconv.Atoi(g[k]); return v }
	short := func(k int) bool { return len(g[k]) == 1 || len(g[k]) == 2 }
	switch {
	case n == 3 && len(g[0]) == 4 && short(1) && short(2):
		return end, dayExpr(num(0), num(1), num(2)), true
	case n == 3 && short(0) && short(1) && len(g[2]) == 4:
		return end, dayFirst(num(2), num(0), num(1), sep), true
	case n == 3 && short(0) && short(1) && len(g[2]) == 2:
		// "05/20/02": the century and the order of all three are guesses.
		return end, durand.DateExpr{}, true
	case n == 2 && len(g[0]) == 4 && len(g[1]) == 2:
		y, x := num(0), num(1)
		switch {
		case x == (y+1)%100:
			return end, durand.DateExpr{Kind: durand.AbsoluteDate, Year: y, EndYear: y + 1, Unit: durand.Year}, true
		case x >= 1 && x <= 12:
			return end, durand.DateExpr{Kind: durand.AbsoluteDate, Year: y, Month: x, Unit: durand.Month}, true
		}
		return end, durand.DateExpr{}, true // "2021-13"
	}
	return i, durand.DateExpr{}, false
}

// dayExpr is the day y-m-d, or no date when there is no such day.
func dayExpr(y, m, d int) durand.DateExpr {
	if _, ok := durand.CalendarDay(y, m, d); !ok {
		return durand.DateExpr{}
	}
	return durand.DateExpr{Kind: durand.AbsoluteDate, Year: y, Month: m, Day: d, Unit: durand.Day}
}

// dayFirst reads a date written a/b/y. The region's press writes the day
// first; American wires the month, so a date impossible day first and
// possible month first ("02/15/2021") is read month first. Dots are only
// ever day first. When both orders name a day and they differ
// ("05/03/2021") the date is not read: a wrong day is worse than none.
func dayFirst(y, a, b int, sep byte) durand.DateExpr {
	dm := dayExpr(y, b, a)
	md := durand.DateExpr{}
	if sep != '.' {
		md = dayExpr(y, a, b)
	}
	switch {
	case dm.Kind != 0 && (md.Kind == 0 || a == b):
		return dm
	case md.Kind != 0 && dm.Kind == 0:
		return md
	}
	return durand.DateExpr{}
}

// digitGroups returns the groups of digits, up to three, that a date in
// digits at toks[i] is written in, their separator and the end token.
// "15.02.2021" is one token; "15/02/2021" is five, the slashes adjacent;
// "2021-02-15" is three, for the tokenizer drops hyphens. n is 0 when
// toks[i] opens no such date, and so is it when a fourth group follows
// (a telephone number, an address).
func digitGroups(text string, toks []durand.Token, i int) (g [3]string, n int, sep byte, end int) {
	if i >= len(toks) {
		return g, 0, 0, i // "between" at the end of a sentence
	}
	w := toks[i].Norm
	if !digits(w) {
		if strings.Count(w, ".") != 2 || !digits(strings.ReplaceAll(w, ".", "")) {
			return g, 0, 0, i
		}
		k := 0
		for part := range strings.SplitSeq(w, ".") {
			if part == "" {
				return g, 0, 0, i
			}
			g[k] = part
			k++
		}
		return g, 3, '.', i + 1
	}
	g[0], n, end = w, 1, i+1
	next := func() bool { // the next group, if any, is read into g[n]
		switch {
		case end+1 < len(toks) && toks[end].Norm == "/" && (sep == 0 || sep == '/') &&
			adjoin(toks, end) && adjoin(toks, end+1) && digits(toks[end+1].Norm):
			sep, end = '/', end+2
		case end < len(toks) && (sep == 0 || sep == '-') && durand.Hyphenated(text, toks, end) && digits(toks[end].Norm):
			sep, end = '-', end+1
		default:
			return false
		}
		return true
	}
	for next() {
		if n == 3 {
			return g, 0, 0, i
		}
		g[n] = toks[end-1].Norm
		n++
	}
	return g, n, sep, end
}

// adjoin reports whether toks[k] follows toks[k-1] with nothing between.
func adjoin(toks []durand.Token, k int) bool { return toks[k].Span.Start == toks[k-1].Span.End }

// digits reports whether w is a run of ASCII digits.
func digits(w string) bool {
	for k := 0; k < len(w); k++ {
		if w[k] < '0' || w[k] > '9' {
			return false
		}
	}
	return w != ""
}

// The words after a time of day: the half of the day, the zone, and
// "hours" after a military time ("0530 hrs").
var (
	meridiems = map[string]bool{"am": true, "pm": true}
	timeZones = map[string]bool{"gmt": true, "utc": true, "pkt": true, "pst": true, "ist": true, "est": true, "edt": true,
		"cet": true, "bst": true, "aft": true}
	military = map[string]bool{"hrs": true, "hours": true}
)

// clock reads a time of day at toks[i] and returns its end, or i when
// there is none: "10:30", "9:05:30 pm", "10:30am", "10 pm", "10 p.m.",
// "10.00 am", "1200 GMT", "0530 hrs". Its digits are no count; its hour
// dates nothing, so it makes no mention. A number alone needs the word
// after it ("10 pm", not "10 hours", a span of time).
func clock(toks []durand.Token, i int) int {
	w := toks[i].Norm
	switch {
	case len(w) <= 2 && digits(w) && i+2 < len(toks) && toks[i+1].Norm == ":" && adjoin(toks, i+1) && adjoin(toks, i+2):
		// "10:30", "9:05:30", the minutes maybe glued to the suffix.
		h, _ := strconv.Atoi(w)
		end := i + 1
		for k := 0; k < 2 && end+1 < len(toks) && toks[end].Norm == ":" && adjoin(toks, end) && adjoin(toks, end+1); k++ {
			m := toks[end+1].Norm
			if len(m) < 2 || !digits(m[:2]) || m[:2] > "59" || len(m) > 2 && !meridiems[m[2:]] && !military[m[2:]] {
				break
			}
			end += 2
			if len(m) > 2 {
				return end
			}
		}
		if end == i+1 || h > 24 {
			return i
		}
		return clockWord(toks, end, true)
	case len(w) <= 2 && digits(w):
		// "10 pm", "10 a.m.", "10 GMT"
		if end := clockWord(toks, i+1, false); end > i+1 {
			return end
		}
	case len(w) == 4 && digits(w) && w[:2] <= "23" && w[2:] <= "59":
		// "1200 GMT", "0530 hrs"
		// Not "am" or "pm": "In 2021 PM Khan said" names a year.
		if end := clockWord(toks, i+1, true); end > i+1 && !meridiems[toks[i+1].Norm] && toks[i+1].Norm != "a" && toks[i+1].Norm != "p" {
			return end
		}
	case len(w) == 4 || len(w) == 5:
		// "10.30 pm", "9.15 am": one token, read as a decimal otherwise.
		if dot := strings.IndexByte(w, '.'); dot > 0 && dot == len(w)-3 && digits(w[:dot]) && digits(w[dot+1:]) && w[dot+1:] <= "59" {
			if end := clockWord(toks, i+1, false); end > i+1 {
				return end
			}
		}
	}
	return i
}

// clockWord returns the end of the word that may follow a time at
// toks[k] ("pm", "p.m.", "GMT", with military "hrs"), or k when there is
// none.
func clockWord(toks []durand.Token, k int, withMilitary bool) int {
	if k >= len(toks) {
		return k
	}
	w := toks[k].Norm
	switch {
	case meridiems[w] || timeZones[w] || withMilitary && military[w]:
		return k + 1
	case (w == "a" || w == "p") && k+2 < len(toks) && toks[k+1].Norm == "." && toks[k+2].Norm == "m":
		if k+3 < len(toks) && toks[k+3].Norm == "." && adjoin(toks, k+3) {
			return k + 4
		}
		return k + 3
	}
	return k
}
