package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// TestRoles: who is source and who target, by the general rules of
// arguments: coordination, event nouns and their "by" agents, criticism
// of an attack, "to" and "with" recipients, agents of a state, and lists
// of states that are not addresses.
func TestRoles(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text string
		want string // one event, "TYPE src,src>tgt,tgt"
	}{
		{"Pakistan, China and Afghanistan held talks with Iran in Islamabad on Monday.", "CONSULT AFG.GOV,CHN.GOV,PAK.GOV>IRN.GOV"},
		{"Pakistan condemned an attack by the TTP in Bannu on Monday.", "ACCUSE PAK.GOV>TTP"},
		{"Pakistan condemned an attack by the TTP in Bannu on Monday.", "ASSAULT TTP>"},
		{"Soldiers from Pakistan and the Afghan Taliban clashed in Kurram on Monday.", "FIGHT PAK.MIL,TAL>"},
		{"Police said 243 prisoners escaped in a prison attack by the TTP in Dera Ismail Khan on Monday.", "ASSAULT TTP>"},
		{"Eight militants killed in a raid in Khyber on Monday.", "ASSAULT >REB"}, // a reduced passive: the dead are no source
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)})
		var got []string
		found := false
		for _, e := range evs {
			g := string(e.Type) + " " + sideCodes(e.Source) + ">" + sideCodes(e.Target)
			got = append(got, g)
			found = found || g == tt.want
		}
		if !found {
			t.Errorf("%q:\n got %q\nwant %q among them", tt.text, got, tt.want)
		}
	}
}

func sideCodes(side []durand.Actor) string {
	var out []string
	for _, a := range side {
		out = append(out, string(a.Code))
	}
	// Order is the text's, right to left from the nearest; compare sorted.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return strings.Join(out, ",")
}
