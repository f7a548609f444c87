package dataset

import (
	"testing"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/pipeline"
)

// TestOntologyPairsAreACLEDTypes checks that every ACLED type and
// sub-type extraction derives (data/ontology.tsv) is one the importers
// accept (data/acled_types.tsv), so that durand's own events always
// import again.
func TestOntologyPairsAreACLEDTypes(t *testing.T) {
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	im, err := New(x, data.FS)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := readTSV(data.FS, "ontology.tsv", 6)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r[3] == "" && r[4] == "" {
			continue
		}
		if _, err := im.acledPair("acled_type", "acled_subtype", r[3], r[4]); err != nil {
			t.Errorf("ontology.tsv %v: %v", r, err)
		}
	}
}
