package recognize

import (
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/sentence"
)

func toks(s string) []durand.Token { return sentence.Tokenize(s, durand.Span{Start: 0, End: len(s)}) }

func TestNumber(t *testing.T) {
	u := durand.Unknown
	tests := []struct {
		in   string
		want durand.Count
	}{
		{"seven soldiers", durand.Exact(7)},
		{"47 dead", durand.Exact(47)},
		{"at least five", durand.Count{Best: 5, Low: 5, High: u}},
		{"more than 20", durand.Count{Best: 21, Low: 21, High: u}},
		{"a few soldiers", durand.Count{Best: u, Low: 2, High: 5}},
		{"dozens of people", durand.Count{Best: u, Low: 24, High: 99}},
		{"several", durand.Count{Best: u, Low: 3, High: 9}},
		{"twenty-five", durand.Exact(25)},
		{"two to three", durand.Count{Best: u, Low: 2, High: 3}},
		{"about 1.4 million", durand.Exact(1400000)},
		{"one hundred and twenty", durand.Exact(120)},
		{"a dozen", durand.Exact(12)},
		{"at most 12", durand.Count{Best: u, Low: u, High: 12}},
		{"up to 30", durand.Count{Best: u, Low: u, High: 30}},
		{"as many as 40", durand.Count{Best: u, Low: u, High: 40}},
		{"fewer than ten", durand.Count{Best: u, Low: u, High: 10}},
		{"less than 5", durand.Count{Best: u, Low: u, High: 5}},
		{"at the", durand.NoCount},
		{"soldiers", durand.NoCount},
		{"some", durand.NoCount},
	}
	for _, tt := range tests {
		_, got := number(toks(tt.in), 0)
		if got != tt.want {
			t.Errorf("number(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		in   string
		want durand.DateExpr
	}{
		{"On April 16, 2022", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2022, Month: 4, Day: 16, Unit: durand.Day}},
		{"the 18 of March 2024", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2024, Month: 3, Day: 18, Unit: durand.Day}},
		{"In February", durand.DateExpr{Kind: durand.PartialDate, Month: 2, Unit: durand.Month}},
		{"between November 2021 and June 2022", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2021, Month: 11, EndYear: 2022, EndMonth: 6, Unit: durand.Month}},
		{"earlier this month", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Month}},
		{"last week", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Week, Offset: -1}},
		{"yesterday", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Offset: -1}},
		{"this year", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Year}},
		{"late last month", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Month, Offset: -1}},
		{"the next day", durand.DateExpr{Kind: durand.AnchorDate, Offset: 1, Unit: durand.Day}},
		{"the following day", durand.DateExpr{Kind: durand.AnchorDate, Offset: 1, Unit: durand.Day}},
		{"the previous day", durand.DateExpr{Kind: durand.AnchorDate, Offset: -1, Unit: durand.Day}},
		{"the day before", durand.DateExpr{Kind: durand.AnchorDate, Offset: -1, Unit: durand.Day}},
		{"on Tuesday", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: 2}},
		{"last Tuesday", durand.DateExpr{Kind: durand.RelativeDate, Unit: durand.Day, Weekday: 2, Offset: -1}},
		{"days after", durand.DateExpr{Kind: durand.AnchorDate, Offset: 1, Window: 6, Unit: durand.Week}},
		{"two days before", durand.DateExpr{Kind: durand.AnchorDate, Offset: -2, Unit: durand.Day}},
		{"on Mar 4", durand.DateExpr{Kind: durand.PartialDate, Month: 3, Day: 4, Unit: durand.Day}},
		{"in Sept. 2021", durand.DateExpr{Kind: durand.AbsoluteDate, Year: 2021, Month: 9, Unit: durand.Month}},
	}
	for _, tt := range tests {
		tk := toks(tt.in)
		var got durand.DateExpr
		for i := range tk {
			if end, d := date(tt.in, tk, i); end > i {
				got = d
				break
			}
		}
		if got != tt.want {
			t.Errorf("date(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	// "may" and "march" are words too.
	// An abbreviation with neither day nor year is a word of a name.
	for _, s := range []string{"they may strike", "the march ended", "in Shamshapur Mar Ghondi", "Dec Bazaar"} {
		tk := toks(s)
		for i := range tk {
			if end, _ := date(s, tk, i); end > i {
				t.Errorf("%q: found a date at %q", s, tk[i].Norm)
			}
		}
	}
}

// TestAffiliation: the words that make armed people a group's.
func TestAffiliation(t *testing.T) {
	tests := []struct {
		between string // the words between the people and the group
		want    bool
	}{
		{"of", true},
		{"of the", true},
		{"belonging to the", true},
		{"linked to", true},
		{"affiliated with", true},
		{"working for", true},
		{"loyal to the", true},
		{"in", false},
		{"fighting against", false},
		{"and the", false},
		{"the", false},
		{"", false},
	}
	for _, tt := range tests {
		ts := toks(tt.between)
		if got := affiliation(ts, 0, len(ts)); got != tt.want {
			t.Errorf("affiliation(%q) = %v, want %v", tt.between, got, tt.want)
		}
	}
}
