package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/recognize"
)

// petrarchRecord is one sentence of PETRARCH2's validation suite
// (PETR.UnitTest.records.jsonl) with the codings it expects.
type petrarchRecord struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	Text     string `json:"text"`
	Expected []struct {
		Source   string `json:"sourcecode"`
		Target   string `json:"targetcode"`
		Event    string `json:"eventcode"`
		NoEvents any    `json:"noevents"`
		Error    any    `json:"error"`
	} `json:"expected"`
}

// Petrarch scores extraction on PETRARCH2's unit-test records: the share of
// expected codings (source, target, CAMEO event) that an extracted event
// reproduces, with the event compared at the level both schemes share —
// the expected CAMEO code's PLOVER type by the CAMEO-to-PLOVER table
// (cameoPlover, "CODE: TYPE, mode, context" lines) against durand's type —
// and actor codes compared without durand's dots (ARN.GOV is ARNGOV). The
// suite's actors are fictional: the caller loads its dictionaries.
func Petrarch(x Extractor, path, cameoPlover string) (*Report, error) {
	table, err := readCameoPlover(cameoPlover)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep := &Report{Gold: path, Format: "petrarch"}
	t := newTally()
	total := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var r petrarchRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s:%d: %v", path, n, err))
			continue
		}
		day, err := time.Parse("20060102", r.Date)
		if err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s:%d: date %q: %v", path, n, r.Date, err))
			continue
		}
		evs := x.Extract(durand.Document{ID: durand.DocID("petr:" + r.ID), Text: r.Text, Published: day})
		total += len(evs)
		rep.Records++
		t.record(r.ID, r.Text)
		got := make([]string, 0, len(evs))
		for _, e := range evs {
			got = append(got, fmt.Sprintf("%s %s→%s", e.Type, codes(e.Source), codes(e.Target)))
		}
		for _, want := range r.Expected {
			if want.NoEvents != nil {
				t.check("no event where none is expected", len(evs) == 0, "no event", strings.Join(got, "; "))
				// A CAMEO coding is a triple: PETRARCH codes nothing that
				// lacks a source or a target, where durand keeps the event.
				dyadic := 0
				for _, e := range evs {
					if len(e.Source) > 0 && len(e.Target) > 0 {
						dyadic++
					}
				}
				t.check("no coding (source and target) where none is expected", dyadic == 0, "no coding", strings.Join(got, "; "))
				continue
			}
			if want.Event == "" {
				continue // the suite's "error" records test the parser
			}
			row, _ := table.Lookup(want.Event)
			typ := string(row.Type)
			ok := false
			for _, e := range evs {
				if string(e.Type) == typ && sameCode(e.Source, want.Source) && sameCode(e.Target, want.Target) {
					ok = true
				}
			}
			desc := fmt.Sprintf("%s %s→%s (CAMEO %s)", typ, want.Source, want.Target, want.Event)
			t.check("codings reproduced", ok, desc, strings.Join(got, "; "))
			if typ != "" {
				t.check("codings reproduced, CAMEO codes with a PLOVER type", ok, desc, strings.Join(got, "; "))
			}
			hasType := false
			for _, e := range evs {
				hasType = hasType || string(e.Type) == typ && typ != ""
			}
			if typ != "" {
				t.check("event type found (any actors)", hasType, desc, strings.Join(got, "; "))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t.notes["codings reproduced"] = "source, target and PLOVER type of the CAMEO code all right"
	t.notes["codings reproduced, CAMEO codes with a PLOVER type"] = "leaving out codes the table does not map (01, 02, the suite's 9x test codes)"
	rep.finish(t, total)
	return rep, nil
}

// sameCode reports whether an event side is the expected PETRARCH code:
// "---" expects no actor there.
func sameCode(side []durand.Actor, want string) bool {
	if want == "---" || want == "" {
		return len(side) == 0
	}
	for _, a := range side {
		// durand codes a state named alone as its government (ARN.GOV),
		// or its forces when it acts by force (PRK.MIL); CAMEO as the
		// bare country (ARN): the country decides.
		if len(want) == 3 && a.Country == want && (a.Sector == "government" || a.Sector == "military") {
			return true
		}
		// A dictionary code joined with "/" names several actors at once
		// ("THE_SHIRE [FRO/BIL/SAM]"); PETRARCH codes an event for each.
		for code := range strings.SplitSeq(string(a.Code), "/") {
			if strings.ReplaceAll(code, ".", "") == want {
				return true
			}
		}
	}
	return false
}

func codes(side []durand.Actor) string {
	var out []string
	for _, a := range side {
		out = append(out, string(a.Code))
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, ",")
}

// readCameoPlover reads the CAMEO-to-PLOVER table at path.
func readCameoPlover(path string) (recognize.CameoTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("CAMEO to PLOVER table: %w", err)
	}
	defer f.Close()
	t, err := recognize.ReadCameoPlover(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}
