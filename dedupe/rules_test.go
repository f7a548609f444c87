package dedupe

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/durandhq/durand/data"
)

// TestParseErrors: a bad rules table is refused with its line and the
// reason, never half read.
func TestParseErrors(t *testing.T) {
	good, err := fs.ReadFile(data.FS, RulesFile)
	if err != nil {
		t.Fatal(err)
	}
	header := "kind\ta\tb\tvalue\n"
	for _, c := range []struct {
		name, text, want string
	}{
		{"empty", "", "dedupe.tsv: no rules"},
		{"wrong header", "id\tname\n", "dedupe.tsv:1: header"},
		{"three fields", header + "weight\ttype\t0.1\n", "dedupe.tsv:2: 3 fields, want 4"},
		{"unknown rule", header + "weight\tcolour\t\t0.1\n", `dedupe.tsv:2: unknown rule "weight colour"`},
		{"not a number", header + "param\tthreshold\t\thalf\n", `dedupe.tsv:2: param threshold: value "half" is not a number`},
		{"similarity out of range", header + "date\tsame-day\t\t2\n", "dedupe.tsv:2: date same-day: similarity 2 outside [-1, 1]"},
		{"twice", header + "param\tthreshold\t\t0.5\nparam\tthreshold\t\t0.5\n", `dedupe.tsv:3: rule "param threshold" given twice`},
		{"unknown type", header + "type\tASSUALT\tFIGHT\t0.5\n", `dedupe.tsv:2: type: "ASSUALT" is not an event type`},
		{"bad mode similarity", header + "mode\tdrone\taerial\tmuch\n", `dedupe.tsv:2: similarity "much"`},
		{"missing rules", header + "param\tthreshold\t\t0.5\n", "dedupe.tsv: missing rules: "},
		{"weights", strings.Replace(string(good), "weight\tinjured\t\t0.03", "weight\tinjured\t\t0.5", 1), "weights sum to"},
		{"threshold", strings.Replace(string(good), "param\tthreshold\t\t0.45", "param\tthreshold\t\t0", 1), "threshold 0 outside (0, 1]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(strings.NewReader(c.text), RulesFile)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to say %q", err, c.want)
			}
			if r != nil {
				t.Error("rules returned with an error")
			}
		})
	}
}

// TestLoad: the shipped rules load, with CRLF line ends too.
func TestLoad(t *testing.T) {
	ru := rules(t)
	if ru.Threshold != 0.45 {
		t.Errorf("threshold %v", ru.Threshold)
	}
	b, _ := fs.ReadFile(data.FS, RulesFile)
	crlf, err := Parse(bytes.NewReader(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))), RulesFile)
	if err != nil {
		t.Fatal(err)
	}
	// The version names the bytes: the same rules written otherwise are
	// another table.
	if !strings.HasPrefix(ru.Version, "sha256:") || len(ru.Version) != len("sha256:")+12 || crlf.Version == ru.Version {
		t.Errorf("versions %q and, with CRLF, %q", ru.Version, crlf.Version)
	}
}

// FuzzParse: any text is read into rules or refused with an error, never a
// panic.
func FuzzParse(f *testing.F) {
	good, _ := fs.ReadFile(data.FS, RulesFile)
	f.Add(string(good))
	f.Add("kind\ta\tb\tvalue\nweight\ttype\t\t1\n")
	f.Fuzz(func(t *testing.T, text string) {
		r, err := Parse(strings.NewReader(text), RulesFile)
		if (r == nil) == (err == nil) {
			t.Fatalf("rules %v and error %v", r != nil, err)
		}
	})
}
