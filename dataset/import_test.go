package dataset_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

var update = flag.Bool("update", false, "rewrite testdata/import/*/*.want from what the importers do")

// TestImportACLED imports ACLED rows with one bad value each, and durand's
// own CSV (ACLED's columns and durand's), into a store.
func TestImportACLED(t *testing.T) {
	for _, c := range []struct{ file, what string }{
		{"counts.csv", "0, 1000000 and empty kept; 1e308, 9…9, NaN, ±Inf, -3, 2.5, 1000001 and words refused"},
		{"coordinates.csv", "NaN, 91, -181, Inf, a decimal comma and a latitude alone refused; no point kept"},
		{"dates.csv", "31 February, month 13, 29 February 2023, 999999999, 1850, 3000, empty and words refused"},
		{"types.csv", "types and sub-types only from acled_types.tsv, in any case; precision and inter codes from the codebook"},
		{"durand.csv", "modality, confidence, precisions, PLOVER type and mode, end before start, bounds refused"},
	} {
		t.Run(c.file, func(t *testing.T) { checkImport(t, "acled", "acled", c.file) })
	}
}

// TestImportUCDP imports UCDP GED rows with one bad value each.
func TestImportUCDP(t *testing.T) {
	for _, c := range []struct{ file, what string }{
		{"counts.csv", "best, low and high: 1e308, NaN, Inf, -1, 999999999999 and 2.5 refused"},
		{"dates.csv", "end before start, 30 February, 1850, 3000, no start and date_prec 9 refused"},
		{"codes.csv", "type_of_violence, where_prec and event_clarity from the codebook; NaN and 95 latitude refused"},
	} {
		t.Run(c.file, func(t *testing.T) { checkImport(t, "ucdp", "ucdp", c.file) })
	}
}

// TestImportGTD imports GTD rows with one bad value each.
func TestImportGTD(t *testing.T) {
	for _, c := range []struct{ file, what string }{
		{"dates.csv", "month 13, year 999999999, -5 and 3000, day 32, 30 February, a day without a month refused"},
		{"counts.csv", "3.0 is 3; -99 hostages unknown; 1e308, NaN, Inf, 2.5 and -4 refused"},
		{"codes.csv", "attack and target types from gtd_types.tsv; specificity, suicide and claimed from the codebook"},
	} {
		t.Run(c.file, func(t *testing.T) { checkImport(t, "gtd", "gtd", c.file) })
	}
}

// TestImportJSONL imports durand's own events with one bad value each.
func TestImportJSONL(t *testing.T) {
	for _, c := range []struct{ file, what string }{
		{"values.jsonl", "counts, coordinates, confidences, enumerations and dates held to the same bounds"},
		{"empty.jsonl", "an empty file says so"},
		{"blank.jsonl", "only blank lines is an empty file"},
		{"gzip.jsonl", "compressed events are refused whole"},
	} {
		t.Run(c.file, func(t *testing.T) { checkImport(t, "jsonl", "jsonl", c.file) })
	}
}

// TestImportHostileCSV reads malformed and mistaken files as CSV.
func TestImportHostileCSV(t *testing.T) {
	for _, c := range []struct{ format, file, what string }{
		{"acled", "bom.csv", "a UTF-8 byte-order mark is not part of the first column's name"},
		{"acled", "bom_quoted.csv", "nor when the header is quoted"},
		{"acled", "ragged.csv", "too few or too many fields, a bare quote: those rows by line, the rest imported"},
		{"acled", "utf8.csv", "invalid UTF-8 or a NUL byte in a field refuses the row; Pashto is kept"},
		{"acled", "latin1.csv", "a Latin-1 letter refuses its row, not the file"},
		{"acled", "empty.csv", "an empty file says so"},
		{"acled", "blank.csv", "so does one of blank lines"},
		{"acled", "header_only.csv", "a header alone says so"},
		{"acled", "gzip.csv", "compressed: refused whole, nothing stored"},
		{"acled", "zip.csv", "a zip archive: refused whole"},
		{"acled", "binary.csv", "random bytes: refused whole"},
		{"acled", "utf16.csv", "UTF-16: refused whole"},
		{"ucdp", "wrong_format.csv", "an ACLED file read as UCDP names the missing column"},
	} {
		t.Run(c.format+"/"+c.file, func(t *testing.T) { checkImport(t, c.format, "csv", c.file) })
	}
}

// checkImport imports testdata/import/dir/file into a new store and
// compares the errors, the number stored and the stored events, read back
// from the store, with file's .want.
func checkImport(t *testing.T, format, dir, file string) {
	t.Helper()
	path := filepath.Join("testdata", "import", dir, file)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "import.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var got strings.Builder
	n, err := im.Import(context.Background(), st, format, bytes.NewReader(raw), file, func(err error) {
		fmt.Fprintln(&got, err)
	})
	if de := (*dataset.Error)(nil); errors.As(err, &de) {
		fmt.Fprintln(&got, err)
	} else if err != nil {
		t.Fatal(err)
	}
	page, err := st.Events(context.Background(), store.Query{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	evs, err := page.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if n != len(evs) {
		t.Errorf("Import says %d stored, the store holds %d", n, len(evs))
	}
	fmt.Fprintf(&got, "-- stored %d\n", len(evs))
	for _, e := range evs {
		fmt.Fprintln(&got, summary(e))
	}
	golden(t, strings.TrimSuffix(path, filepath.Ext(path))+".want", got.String())
}

// summary is one line of the values an importer checks.
func summary(e durand.Event) string {
	place := "no place"
	if p := e.Place; p != nil {
		place = fmt.Sprintf("%s,%s %s %s/%s", ftoa(p.Lat), ftoa(p.Lon), p.Prec, p.Admin1, p.Admin2)
	}
	return fmt.Sprintf("%s %s/%s %s..%s %s killed %s injured %s abducted %s at %s %s %s acled %q/%q",
		e.ID, e.Type, e.Mode, day(e.Date.Start), day(e.Date.End), e.Date.Precision,
		count(e.Fatalities), count(e.Injured), count(e.Abducted), place, e.Modality, ftoa(e.Confidence), e.ACLEDType, e.ACLEDSubtype)
}

func count(c durand.Count) string {
	n := func(v int) string {
		if v == durand.Unknown {
			return "-"
		}
		return strconv.Itoa(v)
	}
	return n(c.Best) + "/" + n(c.Low) + "/" + n(c.High)
}

func day(t interface {
	IsZero() bool
	Format(string) string
}) string {
	if t.IsZero() {
		return "open"
	}
	return t.Format("2006-01-02")
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// golden compares got with the file at path, or writes it there with
// -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// TestImportBadRowNeverAbortsTheFile is the file that used to stop after
// its first 2,000 rows were committed: one NaN confidence in a later
// batch made the store refuse the batch, and the import ended there.
func TestImportBadRowNeverAbortsTheFile(t *testing.T) {
	head := "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,latitude,longitude,fatalities,plover_type,confidence\n"
	var b strings.Builder
	b.WriteString(head)
	const rows, bad = 2*dataset.Batch + 10, dataset.Batch + 50
	for i := 1; i <= rows; i++ {
		conf := "0.9"
		if i == bad {
			conf = "NaN"
		}
		fmt.Fprintf(&b, "E%d,2024-03-16,Battles,Armed clash,Taliban,Afghanistan,34.5,69.2,1,FIGHT,%s\n", i, conf)
	}
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "batch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var errs []string
	n, err := im.Import(context.Background(), st, "acled", strings.NewReader(b.String()), "big.csv", func(err error) { errs = append(errs, err.Error()) })
	if err != nil {
		t.Fatalf("import ended: %v", err)
	}
	want := fmt.Sprintf(`big.csv:%d: confidence "NaN": not a confidence (want 0 to 1)`, bad+1) // +1: the header
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("errors %q, want [%s]", errs, want)
	}
	if s, _ := st.Stats(context.Background()); n != rows-1 || s.Events != rows-1 {
		t.Errorf("%d imported, %d stored; want %d", n, s.Events, rows-1)
	}
	if _, err := st.Event(context.Background(), fmt.Sprintf("acled:E%d", bad)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the bad row was stored: %v", err)
	}
}

// TestImportLongJSONLine skips a line over the limit, naming it, and
// reads on.
func TestImportLongJSONLine(t *testing.T) {
	defer dataset.SetMaxLine(1 << 10)()
	ok, err := os.ReadFile("testdata/import/jsonl/values.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := bytes.Cut(ok, []byte("\n"))
	in := string(first) + "\n" + `{"id":"long","notes":"` + strings.Repeat("x", 5000) + `"}` + "\n" +
		strings.Replace(string(first), `"id": "ok"`, `"id": "after"`, 1) + "\n"
	evs, errs := read(t, "jsonl", "long.jsonl", []byte(in))
	if len(errs) != 1 || errs[0].Error() != "long.jsonl:2: line too long (over 1024 bytes): skipped" {
		t.Errorf("errors %v", errs)
	}
	if len(evs) != 2 || evs[1].ID != "after" {
		t.Errorf("%d events; want ok and after", len(evs))
	}
}

// TestImportLongCSVLine: a CSV line longer than any dataset record (here
// a 2 MiB notes field) stops the file with its line number, the rows
// before it kept; encoding/csv would otherwise hold a field of any size.
func TestImportLongCSVLine(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "import", "acled", "counts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(raw), "\n")
	long := strings.Replace(lines[1], "A made-up clash for the importer tests.", strings.Repeat("x", 2<<20), 1)
	in := lines[0] + lines[1] + strings.Replace(long, "ok-13", "long", 1) + strings.Replace(lines[1], "ok-13", "after", 1)
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "long.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := im.Import(context.Background(), st, "acled", strings.NewReader(in), "long.csv", func(err error) { t.Errorf("row error: %v", err) })
	want := "long.csv:3: line too long: over 1048576 bytes"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want %q…", err, want)
	}
	if n != 1 {
		t.Errorf("%d events stored, want 1 (the row before the long line)", n)
	}
}
