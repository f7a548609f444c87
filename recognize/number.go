package recognize

import (
	"strconv"
	"strings"

	"github.com/durandhq/durand"
)

var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1, "both": 2, "dozen": 12,
	"couple": 2,
}

var scales = map[string]int{"hundred": 100, "thousand": 1000, "million": 1000000, "lakh": 100000, "crore": 10000000}

// vague are counts that name no number. ACLED's conservative rule and
// UCDP's low/high give the bounds; Best stays unknown, so a vague count is
// never reported as an exact one.
var vague = map[string]durand.Count{
	"few":      {Best: durand.Unknown, Low: 2, High: 5},
	"several":  {Best: durand.Unknown, Low: 3, High: 9},
	"dozens":   {Best: durand.Unknown, Low: 24, High: 99},
	"scores":   {Best: durand.Unknown, Low: 40, High: 99},
	"hundreds": {Best: durand.Unknown, Low: 200, High: 999},
	"many":     {Best: durand.Unknown, Low: 2, High: durand.Unknown},
	"numerous": {Best: durand.Unknown, Low: 2, High: durand.Unknown},
	"some":     {Best: durand.Unknown, Low: 2, High: durand.Unknown},
}

// number reads a count of people at toks[i]: "seven", "47", "at least
// five", "more than 20", "about 1.4 million", "a few", "dozens",
// "twenty-five", "two to three". It returns the end token (exclusive); end
// is i when there is no number.
func number(toks []durand.Token, i int) (end int, c durand.Count) {
	j := i
	mod := ""
	if j+1 < len(toks) {
		if mod = boundBy(toks[j].Norm, toks[j+1].Norm); mod != "" {
			j += 2
			if mod == "as many" && j < len(toks) && toks[j].Norm == "as" {
				j++
			}
		}
	}
	if mod == "" && j < len(toks) {
		switch toks[j].Norm {
		case "about", "around", "nearly", "almost", "approximately", "roughly", "some", "over", "another", "estimated":
			if j+1 < len(toks) && isNumberWord(toks[j+1].Norm) {
				mod = toks[j].Norm
				j++
			}
		}
	}
	if j < len(toks) {
		w := toks[j].Norm
		if w == "a" && j+1 < len(toks) && (toks[j+1].Norm == "few" || toks[j+1].Norm == "dozen" || toks[j+1].Norm == "couple") {
			if toks[j+1].Norm == "few" {
				return j + 2, vague["few"]
			}
			j++
			w = toks[j].Norm
		}
		if v, ok := vague[w]; ok && mod == "" {
			if w == "some" || w == "many" {
				return i, durand.NoCount // too weak to count on their own
			}
			end := j + 1
			if end+1 < len(toks) && toks[end].Norm == "of" && w != "few" {
				end++ // "dozens of"
			}
			return end, v
		}
	}
	n, e := value(toks, j)
	if e == j {
		return i, durand.NoCount
	}
	// "two to three", "10-12"
	if e+1 < len(toks) && (toks[e].Norm == "to" || toks[e].Norm == "or") {
		if m, e2 := value(toks, e+1); e2 > e+1 && m > n {
			return e2, durand.Count{Best: durand.Unknown, Low: n, High: m}
		}
	}
	switch mod {
	case "at least", "over", "more than":
		low := n
		if mod != "at least" {
			low = n + 1
		}
		return e, durand.Count{Best: low, Low: low, High: durand.Unknown}
	case "up to", "as many", "at most", "less than", "fewer than":
		return e, durand.Count{Best: durand.Unknown, Low: durand.Unknown, High: n}
	}
	return e, durand.Exact(n)
}

// boundBy returns the two words w1 w2 as one bound of a count ("at
// least", "more than", "up to"), or "" when they are none. It compares
// the words one by one: number runs on every "a" and "at" of a text, and
// joining the pair first cost a string concatenation each time.
func boundBy(w1, w2 string) string {
	switch {
	case w1 == "at" && w2 == "least":
		return "at least"
	case w1 == "at" && w2 == "most":
		return "at most"
	case w1 == "more" && w2 == "than":
		return "more than"
	case w1 == "less" && w2 == "than":
		return "less than"
	case w1 == "fewer" && w2 == "than":
		return "fewer than"
	case w1 == "up" && w2 == "to":
		return "up to"
	case w1 == "as" && w2 == "many":
		return "as many"
	}
	return ""
}

func isNumberWord(w string) bool {
	if _, ok := units[w]; ok && w != "a" && w != "an" {
		return true
	}
	return len(w) > 0 && w[0] >= '0' && w[0] <= '9'
}

// maxValue is the largest cardinal value reads: more than anyone counts
// people in, and far from where an int overflows ("one hundred hundred
// hundred …" multiplied past it into a count of 7.7e18).
const maxValue = 1e9

// value reads a cardinal in digits or words at toks[i].
func value(toks []durand.Token, i int) (int, int) {
	if i >= len(toks) {
		return 0, i
	}
	w := toks[i].Norm
	if w == "" {
		return 0, i
	}
	if w[0] >= '0' && w[0] <= '9' {
		f, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64)
		if err != nil || f > maxValue {
			return 0, i
		}
		j := i + 1
		if j < len(toks) {
			if s, ok := scales[toks[j].Norm]; ok {
				f *= float64(s)
				j++
			}
		}
		if f != float64(int(f)) || f > maxValue {
			return 0, i // "1.4" alone is not a head count
		}
		return int(f), j
	}
	total, cur, j := 0, 0, i
	for j < len(toks) {
		t := toks[j].Norm
		if u, ok := units[t]; ok {
			if (t == "a" || t == "an") && j != i {
				break
			}
			cur += u
			j++
			continue
		}
		if s, ok := scales[t]; ok && j > i {
			if cur == 0 {
				cur = 1
			}
			cur *= s
			if s >= 1000 {
				total += cur
				cur = 0
			}
			if cur > maxValue || total > maxValue {
				return 0, i
			}
			j++
			continue
		}
		if t == "and" && j > i && j+1 < len(toks) {
			if _, ok := units[toks[j+1].Norm]; ok && cur >= 100 {
				j++
				continue
			}
		}
		break
	}
	if j == i || (j == i+1 && (w == "a" || w == "an")) {
		return 0, i
	}
	return total + cur, j
}
