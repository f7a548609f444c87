package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestImportEventsFormats imports the UCDP sample and exports it in every
// format, checking each is what its readers expect.
func TestImportEventsFormats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	_, stderr, err := run(t, "", "import", "--db", db, "--format", "ucdp", "../../dataset/testdata/ucdp_sample.csv")
	if err != nil || !strings.Contains(stderr, "40 events imported, 0 rows failed") {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	// Again: replaced, not doubled.
	if _, _, err := run(t, "", "import", "--db", db, "--format", "ucdp", "../../dataset/testdata/ucdp_sample.csv"); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "", "events", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 40 {
		t.Errorf("jsonl: %d lines after importing twice, want 40", n)
	}

	out, _, err = run(t, "", "events", "--db", db, "--format", "csv", "--from", "2000-01-01", "--actor", "PAK")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("csv: %v, %d records", err, len(recs))
	}
	if recs[0][0] != "event_id_cnty" || recs[0][1] != "event_date" || recs[1][12] != "Pakistan" {
		t.Errorf("csv header %v, first row %v", recs[0][:3], recs[1])
	}
	for _, r := range recs[1:] {
		if r[1] < "2000-01-01" {
			t.Errorf("--from ignored: %v", r[1])
		}
		if !strings.HasPrefix(r[25], "PAK") && !strings.HasPrefix(r[26], "PAK") {
			t.Errorf("--actor PAK ignored: %s / %s", r[25], r[26])
		}
	}

	out, _, err = run(t, "", "events", "--db", db, "--format", "geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry *struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatalf("geojson: %v", err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 40 || fc.Features[0].Geometry == nil || fc.Features[0].Geometry.Coordinates[0] < 60 {
		t.Errorf("geojson: %s with %d features, first %+v", fc.Type, len(fc.Features), fc.Features[0].Geometry)
	}

	pq := filepath.Join(dir, "e.parquet")
	if _, stderr, err = run(t, "", "events", "--db", db, "--format", "parquet", "-o", pq); err != nil {
		t.Fatalf("%v %s", err, stderr)
	}
	type pqRow struct {
		ID        string   `parquet:"id"`
		Dataset   string   `parquet:"dataset"`
		Lat       *float64 `parquet:"lat,optional"`
		DateStart *int32   `parquet:"date_start,optional,date"`
	}
	rows, err := parquet.ReadFile[pqRow](pq)
	if err != nil {
		t.Fatalf("parquet: %v", err)
	}
	if len(rows) != 40 || rows[0].Dataset != "ucdp" || rows[0].Lat == nil || rows[0].DateStart == nil || !strings.HasPrefix(rows[0].ID, "ucdp:") {
		t.Errorf("parquet: %d rows, first %v", len(rows), rows[0])
	}

	out, _, err = run(t, "", "events", "--db", db, "--format", "ucdp", "--limit", "5")
	if err != nil {
		t.Fatal(err)
	}
	if recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); len(recs) != 6 || recs[0][0] != "id" {
		t.Errorf("ucdp csv with --limit 5: %d records", len(recs))
	}

	if _, _, err := run(t, "", "events", "--db", db, "--from", "last week"); err == nil || !strings.Contains(err.Error(), "--from") {
		t.Errorf("bad --from: %v", err)
	}
}

func TestImportBadRows(t *testing.T) {
	dir := t.TempDir()
	b, _ := os.ReadFile("../../dataset/testdata/acled_sample.csv")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, append(b, []byte("PAK9,2024-13-45,2024,1,x,Battles,Armed clash,A,,1,B,,2,12,,586,r,Pakistan,a,b,c,d,1,2,1,s,n,notes,0,,1\n")...), 0o644)
	_, stderr, err := run(t, "", "import", "--db", filepath.Join(dir, "b.db"), "--format", "acled", bad)
	if err == nil || !strings.Contains(stderr, "bad.csv:8") || !strings.Contains(stderr, "6 events imported, 1 rows failed") {
		t.Errorf("err %v, stderr %s", err, stderr)
	}
	_, stderr, err = run(t, "", "import", "--db", filepath.Join(dir, "b.db"), "--format", "gtd", bad)
	if err == nil || !strings.Contains(stderr, "right --format") {
		t.Errorf("wrong format: %v %s", err, stderr)
	}
}

func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo database")
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	_, stderr, err := run(t, "", "demo", "--db", db, "--serve=false")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"218 stored now", "6273 records imported", "1989-01-25 to 2025-12-17"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	_, stderr, err = run(t, "", "demo", "--db", db, "--serve=false")
	if err != nil || !strings.Contains(stderr, "0 stored now (0 events), 218 stored before") {
		t.Errorf("second demo: %v\n%s", err, stderr)
	}
	out, _, _ := run(t, "", "demo", "--attribution")
	if !strings.Contains(out, "CC BY-SA 4.0") || !strings.Contains(out, "CC BY 4.0") {
		t.Errorf("attribution: %s", out)
	}
}
