package dataset_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/export"
	"github.com/durandhq/durand/pipeline"
)

var im = func() *dataset.Importer {
	x, err := pipeline.New(pipeline.Options{})
	if err != nil {
		panic(err)
	}
	im, err := dataset.New(x, data.FS)
	if err != nil {
		panic(err)
	}
	return im
}()

func read(t *testing.T, format, name string, b []byte) ([]durand.Event, []error) {
	t.Helper()
	var evs []durand.Event
	var errs []error
	err := im.Read(format, bytes.NewReader(b), name, func(e durand.Event) error { evs = append(evs, e); return nil },
		func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatal(err)
	}
	return evs, errs
}

func readFile(t *testing.T, format, path string) []durand.Event {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	evs, errs := read(t, format, path, b)
	for _, e := range errs {
		t.Errorf("%s: %v", path, e)
	}
	return evs
}

func write(t *testing.T, format string, evs []durand.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.New(&buf, format, export.Options{Countries: map[string]string{"PAK": "Pakistan", "AFG": "Afghanistan"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func same(t *testing.T, a, b []durand.Event) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d events, then %d", len(a), len(b))
	}
	for i := range a {
		ja, _ := json.Marshal(a[i])
		jb, _ := json.Marshal(b[i])
		if string(ja) != string(jb) {
			t.Errorf("event %d changed in the round trip:\n first %s\nsecond %s", i, ja, jb)
		}
	}
}

// TestRoundTrip imports each sample, exports it in the format its users
// read, imports that again and expects the same events.
func TestRoundTrip(t *testing.T) {
	for _, c := range []struct{ format, file, out string }{
		{"ucdp", "testdata/ucdp_sample.csv", "ucdp"},
		{"acled", "testdata/acled_sample.csv", "csv"},
		{"gtd", "testdata/gtd_sample.csv", "jsonl"},
		{"ucdp", "testdata/ucdp_sample.csv", "csv"}, // UCDP records through the ACLED-style CSV
	} {
		t.Run(c.format+"→"+c.out, func(t *testing.T) {
			first := readFile(t, c.format, c.file)
			if len(first) == 0 {
				t.Fatal("no events")
			}
			in := c.out
			if in == "csv" {
				in = "acled"
			}
			second, errs := read(t, in, "exported", write(t, c.out, first))
			for _, e := range errs {
				t.Error(e)
			}
			same(t, first, second)
		})
	}
}

func find(evs []durand.Event, id string) *durand.Event {
	for i := range evs {
		if evs[i].ID == id {
			return &evs[i]
		}
	}
	return nil
}

func TestUCDPMapping(t *testing.T) {
	evs := readFile(t, "ucdp", "testdata/ucdp_sample.csv")
	for _, e := range evs {
		if e.Origin == nil || e.Origin.Dataset != "ucdp" || "ucdp:"+e.Origin.Record != e.ID {
			t.Errorf("%s: origin %+v", e.ID, e.Origin)
		}
		if e.Place != nil && e.Place.Admin1 == "Federally Administered Tribal Areas" {
			t.Errorf("%s: admin1 FATA, want today's province", e.ID)
		}
		if e.Place != nil && e.Place.Prec == durand.AtAdmin1 && e.Place.Admin2 != "" {
			t.Errorf("%s: a province-level record names district %q", e.ID, e.Place.Admin2)
		}
		if e.Fatalities.Low > e.Fatalities.Best || e.Fatalities.Best > e.Fatalities.High {
			t.Errorf("%s: fatalities %+v out of order", e.ID, e.Fatalities)
		}
	}
	// The first row of the sample: Indian and Pakistani forces at the line of control, 1990.
	e := find(evs, "ucdp:59553")
	if e == nil {
		t.Fatal("ucdp:59553 missing")
	}
	if e.Type != durand.Fight || e.Source[0].Code != "IND.GOV" || e.Target[0].Code != "PAK.GOV" || e.Target[0].Name != "Government of Pakistan" {
		t.Errorf("ucdp:59553 = %s %+v → %+v", e.Type, e.Source, e.Target)
	}
	if e.Place.Prec != durand.NearPlace || e.Date.Precision != durand.Day || e.Fatalities != durand.Exact(2) {
		t.Errorf("ucdp:59553 place %+v date %+v fatalities %+v", e.Place, e.Date, e.Fatalities)
	}
	oneSided := 0
	for _, e := range evs {
		if e.Type == durand.Assault {
			oneSided++
			if len(e.Target) != 1 || e.Target[0].Code != "CIV" || e.ACLEDType != "Violence against civilians" {
				t.Errorf("%s: one-sided violence coded %+v %q", e.ID, e.Target, e.ACLEDType)
			}
		}
	}
	if oneSided == 0 {
		t.Error("no one-sided event in the sample")
	}
}

func TestACLEDMapping(t *testing.T) {
	evs := readFile(t, "acled", "testdata/acled_sample.csv")
	if len(evs) != 6 {
		t.Fatalf("%d events, want 6", len(evs))
	}
	want := []struct {
		id, typ, mode, src, tgt string
		fat                     int
		prec                    durand.DatePrecision
	}{
		{"acled:PAK100001", "FIGHT", "", "PAK.MIL", "TTP", 13, durand.Day},
		{"acled:AFG200002", "ASSAULT", "aerial", "PAK.MIL", "CIV", 8, durand.Day},
		{"acled:PAK100003", "PROTEST", "", "CIV", "", 0, durand.Week},
		{"acled:AFG200004", "ASSAULT", "abduct", "UNIDENTIFIED_ARMED_GROUP_AFGHANISTAN", "CIV", 0, durand.Day},
		{"acled:PAK100005", "ASSAULT", "suicide", "ISKP", "PAK.POL", 5, durand.Day},
		{"acled:PAK100006", "COERCE", "arrest", "PAK.POL", "BLA", 0, durand.Month},
	}
	for i, w := range want {
		e := evs[i]
		tgt := ""
		if len(e.Target) > 0 {
			tgt = string(e.Target[0].Code)
		}
		if e.ID != w.id || string(e.Type) != w.typ || e.Mode != w.mode || string(e.Source[0].Code) != w.src || tgt != w.tgt ||
			e.Fatalities.Best != w.fat || e.Date.Precision != w.prec {
			t.Errorf("event %d = %s %s/%s %s→%s killed %d %s; want %+v", i, e.ID, e.Type, e.Mode, e.Source[0].Code, tgt, e.Fatalities.Best, e.Date.Precision, w)
		}
	}
	if e := evs[4]; len(e.Target) != 2 || e.Target[1].Code != "CIV" {
		t.Errorf("associated actor lost: %+v", e.Target)
	}
	if e := evs[1]; e.Place.Admin1 != "Khost" || e.Place.Country != "AFG" || e.ACLEDSubtype != "Air/drone strike" || e.CAMEO != "19" {
		t.Errorf("strike place %+v types %q/%q cameo %q", e.Place, e.ACLEDType, e.ACLEDSubtype, e.CAMEO)
	}
}

func TestGTDMapping(t *testing.T) {
	evs := readFile(t, "gtd", "testdata/gtd_sample.csv")
	if len(evs) != 3 {
		t.Fatalf("%d events", len(evs))
	}
	if e := evs[0]; e.Modality != durand.Claimed || e.ClaimedBy == nil || e.ClaimedBy.Code != "TTP" || e.Target[0].Code != "PAK.MIL" ||
		e.Fatalities.Best != 7 || e.Injured.Best != 3 || e.Mode != "firearms" {
		t.Errorf("claimed TTP attack: %+v", e)
	}
	if e := evs[1]; len(e.Source) != 0 || e.Date.Precision != durand.Month || e.Fatalities.Known() || e.Injured.Best != 12 {
		t.Errorf("unknown-perpetrator bombing with day 0: source %+v date %+v fat %+v", e.Source, e.Date, e.Fatalities)
	}
	if e := evs[2]; e.Mode != "suicide" || e.Source[0].Code != "BLA" || e.Place.Prec != durand.AtAdmin1 || e.Place.Admin2 != "" {
		t.Errorf("suicide bombing: mode %q source %+v place %+v", e.Mode, e.Source, e.Place)
	}
}

func TestBadRows(t *testing.T) {
	b, _ := os.ReadFile("testdata/acled_sample.csv")
	lines := strings.Split(string(b), "\n")
	lines[2] = "AFG200002,2024-03-18,only,three"                               // too few fields
	lines[3] = strings.Replace(lines[3], "2024-03-20", "sometime in March", 1) // bad date
	lines = append(lines[:5], append([]string{`PAK1,"2024-01-01,unterminated`}, lines[5:]...)...)
	evs, errs := read(t, "acled", "bad.csv", []byte(strings.Join(lines, "\n")))
	if len(errs) < 2 {
		t.Errorf("errors %v", errs)
	}
	for _, e := range errs {
		var de *dataset.Error
		if !errors.As(e, &de) || de.Input != "bad.csv" || de.Line == 0 {
			t.Errorf("error %v does not name file and line", e)
		}
	}
	if len(evs) < 2 || evs[0].ID != "acled:PAK100001" {
		t.Errorf("good rows lost: %d events", len(evs))
	}
	if _, _, err := func() ([]durand.Event, []error, error) {
		return nil, nil, im.Read("ucdp", strings.NewReader("a,b\n1,2\n"), "x.csv", func(durand.Event) error { return nil }, func(error) {})
	}(); err == nil || !strings.Contains(err.Error(), "right --format") {
		t.Errorf("wrong format error = %v", err)
	}
}

// TestSharedData imports the full UCDP and GTD files when ../shared/data
// is beside the checkout.
func TestSharedData(t *testing.T) {
	for _, c := range []struct{ format, path string }{
		{"ucdp", "../../shared/data/ucdp/ged_pakistan_1989_2021Q1.csv"},
		{"gtd", "../../shared/data/gtd/gtd_2021Q1_AF_PK.csv"},
	} {
		if _, err := os.Stat(c.path); err != nil {
			t.Logf("skip %s: %v", c.path, err)
			continue
		}
		evs := readFile(t, c.format, c.path)
		t.Logf("%s: %d events", c.path, len(evs))
		if len(evs) < 600 {
			t.Errorf("%s: only %d events", c.path, len(evs))
		}
	}
}
