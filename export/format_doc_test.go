package export

import (
	"os"
	"strings"
	"testing"
)

// TestFormatDocumented: every CSV column is named in docs/format.md.
func TestFormatDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range CSVHeader {
		if !strings.Contains(string(doc), "`"+c+"`") {
			t.Errorf("docs/format.md does not name the CSV column %q", c)
		}
	}
}
