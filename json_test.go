package durand

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The oracle: the contract written with encoding/json and plain structs,
// as MarshalJSON wrote it before AppendJSON.
type refActor struct {
	Code    ActorCode `json:"code"`
	Name    string    `json:"name"`
	Country *string   `json:"country"`
	Sector  *string   `json:"sector"`
}

type refPlace struct {
	ID         *string        `json:"id"`
	Name       *string        `json:"name"`
	Admin2     *string        `json:"admin2"`
	Admin1     *string        `json:"admin1"`
	Country    *string        `json:"country"`
	Lat        float64        `json:"lat"`
	Lon        float64        `json:"lon"`
	Prec       PlacePrecision `json:"precision"`
	Confidence float64        `json:"confidence"`
	Locality   string         `json:"locality,omitempty"`
}

type refCount struct {
	Best *int `json:"best"`
	Low  *int `json:"low"`
	High *int `json:"high"`
}

type refDate struct {
	Start     *string       `json:"start"`
	End       *string       `json:"end"`
	Precision DatePrecision `json:"precision"`
}

type refEvent struct {
	ID           string     `json:"id"`
	Type         EventType  `json:"type"`
	Mode         *string    `json:"mode"`
	Contexts     []string   `json:"contexts"`
	ACLEDType    *string    `json:"acled_type"`
	ACLEDSubtype *string    `json:"acled_subtype"`
	CAMEO        *string    `json:"cameo"`
	Source       []refActor `json:"source"`
	Target       []refActor `json:"target"`
	Place        *refPlace  `json:"place"`
	Date         refDate    `json:"date"`
	Fatalities   refCount   `json:"fatalities"`
	Injured      refCount   `json:"injured"`
	Abducted     refCount   `json:"abducted"`
	Targeted     bool       `json:"targeted"`
	Modality     Modality   `json:"modality"`
	ClaimedBy    *refActor  `json:"claimed_by"`
	Confidence   float64    `json:"confidence"`
	Docs         []DocID    `json:"docs"`
	Sources      int        `json:"sources"`
	Evidence     []Evidence `json:"evidence"`
	Origin       *Origin    `json:"origin"`
	Notes        *string    `json:"notes"`
	Members      []string   `json:"members,omitempty"`
}

func reference(e Event) ([]byte, error) {
	actors := func(as []Actor) []refActor {
		out := []refActor{}
		for _, a := range as {
			out = append(out, refActor{a.Code, a.Name, nullable(a.Country), nullable(a.Sector)})
		}
		return out
	}
	count := func(c Count) refCount { return refCount{nonNeg(c.Best), nonNeg(c.Low), nonNeg(c.High)} }
	prec := e.Date.Precision
	if prec == "" {
		prec = DateUnknown
	}
	r := refEvent{
		ID: e.ID, Type: e.Type, Mode: nullable(e.Mode), Contexts: e.Contexts,
		ACLEDType: nullable(e.ACLEDType), ACLEDSubtype: nullable(e.ACLEDSubtype), CAMEO: nullable(e.CAMEO),
		Source: actors(e.Source), Target: actors(e.Target),
		Date:       refDate{isoDate(e.Date.Start), isoDate(e.Date.End), prec},
		Fatalities: count(e.Fatalities), Injured: count(e.Injured), Abducted: count(e.Abducted),
		Targeted: e.Targeted, Modality: e.Modality, Confidence: round(e.Confidence, 2),
		Docs: e.Docs, Sources: len(e.Docs), Evidence: e.Evidence, Origin: e.Origin, Notes: nullable(e.Notes), Members: e.Members,
	}
	if p := e.Place; p != nil {
		r.Place = &refPlace{nullable(string(p.ID)), nullable(p.Name), nullable(p.Admin2), nullable(p.Admin1), nullable(p.Country),
			round(p.Lat, 5), round(p.Lon, 5), p.Prec, round(p.Confidence, 2), p.Locality}
	}
	if e.ClaimedBy != nil {
		c := actors([]Actor{*e.ClaimedBy})[0]
		r.ClaimedBy = &c
	}
	if r.Contexts == nil {
		r.Contexts = []string{}
	}
	if r.Docs == nil {
		r.Docs = []DocID{}
	}
	if r.Evidence == nil {
		r.Evidence = []Evidence{}
	}
	return json.Marshal(r)
}

// checkSame fails when AppendJSON and the oracle write different bytes, or
// one fails where the other does not.
func checkSame(t *testing.T, e Event) {
	t.Helper()
	want, werr := reference(e)
	got, gerr := e.AppendJSON(nil)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("encoding/json: %v; AppendJSON: %v", werr, gerr)
	}
	if werr == nil && !bytes.Equal(got, want) {
		t.Fatalf("AppendJSON\n%s\nencoding/json\n%s", got, want)
	}
	if werr == nil {
		var enc bytes.Buffer // and an Encoder, as durand extract writes, adds only the newline
		if err := json.NewEncoder(&enc).Encode(e); err != nil || !bytes.Equal(enc.Bytes(), append(want, '\n')) {
			t.Fatalf("Encode: %v\n%s", err, enc.Bytes())
		}
	}
}

// TestAppendJSONMatchesEncodingJSON: every event of the extraction tests'
// golden files, and made-up ones with every awkward string and number,
// are written byte for byte as encoding/json writes the contract.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob("pipeline/testdata/golden/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	n := 0
	for _, f := range files {
		for _, raw := range goldenEvents(t, f) {
			var e Event
			if err := json.Unmarshal(raw, &e); err != nil {
				continue // a long document's digest
			}
			checkSame(t, e)
			n++
		}
	}
	if n < 400 {
		t.Errorf("only %d golden events", n)
	}
	for _, e := range awkwardEvents() {
		checkSame(t, e)
	}
}

func goldenEvents(t *testing.T, path string) []json.RawMessage {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []json.RawMessage
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var c struct{ Events []json.RawMessage }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, c.Events...)
	}
	return out
}

func awkwardEvents() []Event {
	day := time.Date(2021, 2, 3, 0, 0, 0, 0, time.UTC)
	odd := "<b>&\"\\\x00\x1f\b\f\n\r\t\x7f é \u2028\u2029 \xff\xfe 🇵🇰"
	return []Event{
		{},
		{ID: odd, Type: EventType(odd), Mode: odd, Contexts: []string{odd, ""}, Notes: odd,
			Source: []Actor{{Code: ActorCode(odd), Name: odd, Country: odd, Sector: odd}}, Target: []Actor{},
			ClaimedBy: &Actor{Code: "X"}, Docs: []DocID{DocID(odd)}, Evidence: []Evidence{{Doc: "d", Field: odd, Start: -1, End: 1 << 40, Text: odd}},
			Origin: &Origin{Dataset: odd, Record: odd}, Date: Date{Start: day, Precision: Month},
			Fatalities: Count{5, -1, 1 << 40}, Confidence: 0.005},
		{Place: &Place{Lat: 1e-7, Lon: -1e21, Confidence: 1e308}, Confidence: 123456789.123, Members: []string{"ev_1", odd}},
		{Place: &Place{Lat: 33.123456789, Lon: -0.000001, Locality: odd, Prec: AtAdmin2}, Confidence: -0.0},
		{Place: &Place{Lat: 5e-324, Lon: 1.7976931348623157e308}, Confidence: 1e20},
		{Confidence: nan()},
		{Place: &Place{Lat: inf()}},
	}
}

func nan() float64 { z := 0.0; return z / z }
func inf() float64 { z := 0.0; return 1 / z }

// FuzzAppendJSON: any strings and numbers are written as encoding/json
// writes them.
func FuzzAppendJSON(f *testing.F) {
	f.Add("Quetta <b>", "\xff", 0.5, 33.1, -1e-7, 3, -1)
	f.Fuzz(func(t *testing.T, s1, s2 string, conf, lat, lon float64, best, low int) {
		e := Event{ID: s1, Notes: s2, Contexts: []string{s2}, Source: []Actor{{Code: ActorCode(s2), Name: s1}},
			Place: &Place{Name: s1, Lat: lat, Lon: lon, Confidence: conf}, Confidence: conf,
			Fatalities: Count{best, low, -1}, Evidence: []Evidence{{Text: s2, Start: best}}}
		checkSame(t, e)
	})
}
