package dataset_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/dataset"
)

// The seeds are one short record a format, so that a failure minimises in
// seconds (a 21 KB seed kept FuzzRead minimising for minutes).
var fuzzSeeds = map[string][]string{
	"acled": {"event_id_cnty,event_date,event_type,sub_event_type,fatalities,latitude,longitude\nA1,2024-03-16,Battles,Armed clash,3,34.5,69.2\n"},
	"ucdp": {"id,type_of_violence,side_a,side_b,date_start,date_end,best,low,high,latitude,longitude\n1,1,Government of Pakistan,TTP,2009-05-10,2009-05-11,5,4,7,34.7,72.3\n",
		"id,type_of_violence,side_a,side_b,date_start,date_end,date_prec,event_clarity,where_prec,best\n2,3,IS,Civilians,2014-01-01,2014-01-31,4,2,6,9\n"},
	"gtd": {"eventid,iyear,imonth,iday,attacktype1_txt,targtype1_txt,nkill,nwound,latitude,longitude\n1,2021,3,16,Armed Assault,Police,7,3.0,32.9,70.3\n",
		"eventid,iyear,imonth,iday,approxdate,attacktype1_txt,suicide,nkill\n2,2021,4,0,April 2021,Bombing/Explosion,1,\n"},
	"tbij": {"Strike ID,Country,Date (MM-DD-YYYY),Location,Area,Most Specific Lat/Long,Minimum total people killed,Maximum total people killed,Minimum reported injured,Maximum reported injured\nT1,Pakistan,03-16-2009,Khel,North Waziristan,\"32.95,70.05\",3,5,-,1\n",
		"Strike ID,Country,Date (MM-DD-YYYY),Village/local area,District,Province,Most Specific Lat/Long,Reportedly drone?,Reported target group?\nA1,Afghanistan,05-02-2017,Abad,Achin,Nangarhar,\"34.1,70.7\",0,ISIS\n"},
	"pbc": {"S#,Date,City,Province,Location,Target Type,Killed Min,Killed Max,Injured Min,Injured Max,No. of Suicide Blasts,Latitude,Longitude\n1,Monday-March 16-2009,Peshawar,KPK,Post,Police,10,12,20,25,1,34.0,71.57\n",
		"S#,Date,City,Province,No of Strike,Total Died Min,Total Died Mix,Longitude,Latitude\n1,\"Monday, March 16, 2009\",North Waziristan,FATA,1,2,3,70.05,32.95\n"},
	"jsonl": {`{"id":"e1","type":"ASSAULT","date":{"start":"2024-03-16","end":"2024-03-17"},"fatalities":{"best":2},"place":{"lat":34.5,"lon":69.2},"modality":"asserted","confidence":0.5}` + "\n"},
}

// FuzzRead reads any bytes as every format and checks what comes out:
// every event within the bounds the importers promise, every bad row and
// file an *Error naming the input.
func FuzzRead(f *testing.F) {
	for _, format := range dataset.Formats {
		for _, s := range fuzzSeeds[format] {
			f.Add([]byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, format := range dataset.Formats {
			checkRead(t, format, b)
		}
	})
}

// One target an importer, each mutating records of its own format.
func FuzzReadACLED(f *testing.F) { fuzzFormat(f, "acled") }
func FuzzReadUCDP(f *testing.F)  { fuzzFormat(f, "ucdp") }
func FuzzReadGTD(f *testing.F)   { fuzzFormat(f, "gtd") }
func FuzzReadTBIJ(f *testing.F)  { fuzzFormat(f, "tbij") }
func FuzzReadPBC(f *testing.F)   { fuzzFormat(f, "pbc") }

func fuzzFormat(f *testing.F, format string) {
	for _, s := range fuzzSeeds[format] {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkRead(t, format, b) })
}

// checkRead reads b as format: each event is within bounds and names its
// dataset and record, each error names the input, and a fault of the
// whole file comes before any event.
func checkRead(t *testing.T, format string, b []byte) {
	t.Helper()
	n := 0
	err := im.Read(format, bytes.NewReader(b), "fuzz", func(e durand.Event) error {
		n++
		if msg := inBounds(e); msg != "" {
			t.Fatalf("%s: event %s: %s", format, e.ID, msg)
		}
		if o := e.Origin; format != "jsonl" && (o == nil || o.Dataset != format || o.Record == "" || e.ID != format+":"+o.Record) {
			t.Fatalf("%s: event %s: origin %+v", format, e.ID, o)
		}
		if d := e.Date; format != "jsonl" && (d.Start.IsZero() || !isDay(d.Start) || !d.End.IsZero() && !isDay(d.End)) {
			t.Fatalf("%s: event %s: date %v is not a calendar day or days", format, e.ID, d)
		}
		return nil
	}, func(err error) { namesInput(t, format, err) })
	if err != nil {
		namesInput(t, format, err)
		if n > 0 {
			t.Fatalf("%s: %d events before the file's error %v", format, n, err)
		}
	}
}

// inBounds says what in e breaks the importers' bounds (dataset/check.go),
// or "".
func inBounds(e durand.Event) string {
	switch {
	case e.ID == "":
		return "no id"
	case !slices.Contains(durand.EventTypes, e.Type):
		return fmt.Sprintf("type %q", e.Type)
	case !slices.Contains(durand.Modalities, e.Modality):
		return fmt.Sprintf("modality %q", e.Modality)
	case strings.IndexFunc(e.Mode, func(r rune) bool { return !strings.ContainsRune("abcdefghijklmnopqrstuvwxyz0123456789-_", r) }) >= 0:
		return fmt.Sprintf("mode %q", e.Mode)
	case !(e.Confidence >= 0 && e.Confidence <= 1):
		return fmt.Sprintf("confidence %v", e.Confidence)
	}
	for _, c := range []durand.Count{e.Fatalities, e.Injured, e.Abducted} {
		for _, n := range []int{c.Best, c.Low, c.High} {
			if n != durand.Unknown && (n < 0 || n > dataset.MaxCount) {
				return fmt.Sprintf("count %+v", c)
			}
		}
	}
	if p := e.Place; p != nil && !(p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180 && p.Confidence >= 0 && p.Confidence <= 1) {
		return fmt.Sprintf("place %v, %v, confidence %v", p.Lat, p.Lon, p.Confidence)
	}
	return dateInBounds(e.Date, e.Modality)
}

// dateInBounds: days from MinYear to next year (2100 for what has not
// happened), the end not before the start.
func dateInBounds(d durand.Date, m durand.Modality) string {
	last := time.Now().Year() + 1
	if m == durand.Future || m == durand.Hypothetical {
		last = 2100
	}
	for _, t := range []time.Time{d.Start, d.End} {
		if !t.IsZero() && (t.Year() < dataset.MinYear || t.Year() > last) {
			return fmt.Sprintf("date %v", d)
		}
	}
	if !d.Start.IsZero() && !d.End.IsZero() && d.End.Before(d.Start) {
		return fmt.Sprintf("date ends before it starts: %v", d)
	}
	return ""
}

func isDay(t time.Time) bool {
	return t.Location() == time.UTC && t.Equal(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
}

func namesInput(t *testing.T, format string, err error) {
	t.Helper()
	var de *dataset.Error
	if !errors.As(err, &de) || de.Input != "fuzz" || de.Line < 0 || de.Err == nil {
		t.Fatalf("%s: error %q does not name the input", format, err)
	}
}

// TestFuzzSeeds: every seed is a good record of its format, so that the
// fuzzer starts from the paths that make events.
func TestFuzzSeeds(t *testing.T) {
	for format, seeds := range fuzzSeeds {
		for i, s := range seeds {
			if evs, errs := read(t, format, "seed", []byte(s)); len(evs) != 1 || len(errs) > 0 {
				t.Errorf("%s seed %d: %d events, errors %v", format, i, len(evs), errs)
			}
		}
	}
}
