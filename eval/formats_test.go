package eval

import "testing"

// TestHeadlines: a row's headlines, from UCDP GED's source_headline or from
// the quoted titles in the Afghanistan subset's source_art.
func TestHeadlines(t *testing.T) {
	tests := []struct {
		row  map[string]string
		want string
	}{
		{map[string]string{"source_headline": " Bomb kills 5;Taliban claim attack "}, "Bomb kills 5;Taliban claim attack"},
		{map[string]string{"source_art": `"Xinhua News Agency,2015-05-25,Infighting between Taliban, IS claim 27 lives";"Associated Press Newswires,2015-05-25,Afghan official: 19 police dead"`},
			"Infighting between Taliban, IS claim 27 lives;Afghan official: 19 police dead"},
		{map[string]string{"source_art": `Reuters 2005-10-11 /(3)AFP 11 Oct 2005 "Eighteen policemen killed in ambush" /(4)AFP 12 Oct 2005 "Toll rises; 20 dead`},
			"Eighteen policemen killed in ambush;Toll rises, 20 dead"},
		{map[string]string{"source_art": `Reuters 2005-10-11`}, ""},
	}
	for _, tt := range tests {
		if got := headlines(tt.row); got != tt.want {
			t.Errorf("headlines(%v) = %q, want %q", tt.row, got, tt.want)
		}
	}
}

// TestWrongFormat: a gold file of another format is refused with the
// column it lacks, not scored as zero records.
func TestWrongFormat(t *testing.T) {
	if _, err := GTD(nil, nil, "testdata/ucdp_sides.csv"); err == nil {
		t.Error("a UCDP file read as GTD: no error")
	}
}
