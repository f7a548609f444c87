package recognize

import (
	"strconv"

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

// date reads a date expression at toks[i]. It is written by hand rather than
// with a date-parsing library because it must run on every sentence at
// news-stream speed and must return the ranges ("between November 2021 and
// June 2022") and anchors ("days after") that those libraries do not parse.
func date(toks []durand.Token, i int) (end int, d durand.DateExpr) {
	n := len(toks)
	w := toks[i].Norm
	at := func(k int) string {
		if k < n {
			return toks[k].Norm
		}
		return ""
	}
	switch w {
	case "between", "from":
		// A range: between <date> and <date>, from <date> to <date>.
		if e1, a := absolute(toks, i+1); e1 > i+1 && (at(e1) == "and" || at(e1) == "to" || at(e1) == "until") {
			if e2, b := absolute(toks, e1+1); e2 > e1+1 {
				if a.Year == 0 {
					a.Year = b.Year
				}
				r := a
				r.EndYear, r.EndMonth, r.EndDay = b.Year, b.Month, b.Day
				if b.Year == 0 {
					r.Kind = durand.PartialDate
				}
				return e2, r
			}
		}
		return i, d
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
	return absolute(toks, i)
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
// March 2024", "March 2024", "in February", "2007", "mid-March".
func absolute(toks []durand.Token, i int) (int, durand.DateExpr) {
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
	// Day first: "16 April 2022", "18 of March 2024", "18th March".
	if day := dayNum(at(j)); day > 0 {
		k := j + 1
		if at(k) == "of" {
			k++
		}
		if m, ok := monthNames[at(k)]; ok {
			d := durand.DateExpr{Kind: durand.PartialDate, Month: m, Day: day, Unit: durand.Day}
			k++
			if y := year(at(k)); y > 0 {
				d.Kind, d.Year = durand.AbsoluteDate, y
				k++
			}
			return k, d
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
		if day := dayNum(at(k)); day > 0 {
			d.Day, d.Unit = day, durand.Day
			k++
			if at(k) == "," {
				k++
			}
		}
		if y := year(at(k)); y > 0 {
			d.Kind, d.Year = durand.AbsoluteDate, y
			k++
		} else if d.Day > 0 && at(k-1) == "," {
			k-- // "April 16, and …": leave the comma
		}
		if d.Day == 0 && d.Year == 0 && len(at(j)) <= 4 && at(j) != "may" && at(j) != "june" && at(j) != "july" {
			// An abbreviation alone is a word of a name more often than a
			// month: "Shamshapur Mar Ghondi", "Dec Bazaar".
			return i, durand.DateExpr{}
		}
		if j > i && (at(i) == "mid" || at(i) == "early" || at(i) == "late") && d.Day == 0 {
			d.Unit = durand.Month
		}
		return k, d
	}
	if y := year(at(j)); y > 0 && j == i {
		return j + 1, durand.DateExpr{Kind: durand.AbsoluteDate, Year: y, Unit: durand.Year}
	}
	return i, durand.DateExpr{}
}

func dayNum(w string) int {
	k := 0
	for k < len(w) && w[k] >= '0' && w[k] <= '9' {
		k++
	}
	if k == 0 || k > 2 {
		return 0
	}
	switch w[k:] {
	case "", "st", "nd", "rd", "th":
	default:
		return 0
	}
	d, _ := strconv.Atoi(w[:k])
	if d < 1 || d > 31 {
		return 0
	}
	return d
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
