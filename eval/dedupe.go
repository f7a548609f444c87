package eval

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/dedupe"
)

// alignment is the committed gold alignment (testdata/dedupe/README.md).
//
//go:embed testdata/dedupe/align_gtd_ucdp_pak_2021q1.tsv
var alignment string

// DedupeSets are the gold sets durand eval --format dedupe reads.
type DedupeSets struct {
	// GTD and UCDP are the GTD and UCDP GED CSVs whose texts are clustered
	// and whose records Alignment pairs; an empty Alignment is the one
	// committed for the shared sets (eval/testdata/dedupe).
	GTD, UCDP, Alignment string
	// Country and From, To select the records: GTD's country_txt and the
	// days [From, To).
	Country  string
	From, To time.Time
	// Seed is the seed op-ed's gold.json; News the current-events items
	// (JSON lines) and NewsGold their annotation. An empty path skips its
	// part.
	Seed, News, NewsGold string
	// ImportUCDP reads a UCDP GED CSV as imported events (package dataset),
	// for fusion; nil skips it.
	ImportUCDP func(path string) ([]durand.Event, error)
}

// DedupeDefaults are the sets under the shared data folder.
func DedupeDefaults(shared string) DedupeSets {
	return DedupeSets{
		GTD:      filepath.Join(shared, "gtd", "gtd_2021Q1_AF_PK.csv"),
		UCDP:     filepath.Join(shared, "ucdp", "ged_pakistan_1989_2021Q1.csv"),
		Country:  "Pakistan",
		From:     time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC),
		To:       time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC),
		Seed:     filepath.Join(shared, "..", "seed", "gold.json"),
		News:     filepath.Join(shared, "news", "current_events_AF_PK_2025.jsonl"),
		NewsGold: filepath.Join(shared, "news", "current_events_AF_PK_2025.gold.jsonl"),
	}
}

// Dedupe scores the de-duplication stage on real texts: the GTD summaries
// and UCDP headlines of one quarter clustered as text against the gold
// alignment of their records; the seed op-ed whole and paragraph by
// paragraph; the clusters formed among the current-events items; and the
// fusion of extracted GTD events with imported UCDP records.
func Dedupe(x Extractor, ru *dedupe.Rules, sets DedupeSets) (*Report, error) {
	rep := &Report{Gold: sets.GTD + " + " + sets.UCDP, Format: "dedupe"}
	gold, err := parseAlignment(strings.NewReader(alignment), "the committed alignment")
	if sets.Alignment != "" {
		gold, err = ReadAlignment(sets.Alignment)
	}
	if err != nil {
		return nil, fmt.Errorf("alignment: %w", err)
	}
	gtd, err := gtdDocs(sets)
	if err != nil {
		return nil, err
	}
	ucdp, err := ucdpDocs(sets)
	if err != nil {
		return nil, err
	}
	t := newTally()
	var gtdReports, all []dedupe.Report
	for _, d := range gtd {
		gtdReports = append(gtdReports, reportsOf(x, d)...)
	}
	all = append(all, gtdReports...)
	for _, d := range ucdp {
		all = append(all, reportsOf(x, d)...)
	}
	rep.Records = len(gtd) + len(ucdp)
	total := len(all)
	groups, err := ru.Cluster(all, nil)
	if err != nil {
		return nil, err
	}
	pred := crossPairs(all, groups)
	scorePairs(t, "text clustering", pred, gold, explainer(ru, all, all))
	// The ceiling of reading the texts: a pair one of whose texts gives
	// no event (an index page cited as a UCDP headline) cannot cluster.
	told := map[durand.DocID]bool{}
	for _, r := range all {
		told[r.Event.Docs[0]] = true
	}
	for _, p := range gold {
		if told[durand.DocID("gtd:"+p.GTD)] && told[durand.DocID("ucdp:"+p.UCDP)] {
			t.add("text clustering pairs: recall where both texts give an event", pred[p.GTD+" "+p.UCDP])
		}
	}
	t.notes["text clustering pairs: recall"] = fmt.Sprintf("%d GTD texts, %d UCDP headlines, %d events, %d clusters", len(gtd), len(ucdp), len(all), len(groups))
	if sets.ImportUCDP != nil {
		if err := scoreFusion(t, ru, sets, gtdReports, gold); err != nil {
			return nil, err
		}
	}
	if sets.Seed != "" {
		n, err := scoreSeedCopies(t, x, ru, sets.Seed)
		if err != nil {
			return nil, err
		}
		total += n
	}
	if sets.News != "" {
		lines, n, err := newsClusters(t, x, ru, sets.News, sets.NewsGold)
		if err != nil {
			return nil, err
		}
		rep.Clusters = lines
		total += n
	}
	rep.finish(t, total)
	return rep, nil
}

// reportsOf extracts a document's events as reports published with it.
func reportsOf(x Extractor, d durand.Document) []dedupe.Report {
	var out []dedupe.Report
	for _, e := range x.Extract(d) {
		out = append(out, dedupe.Report{Event: e, Published: d.Published})
	}
	return out
}

// gtdDocs reads the GTD summaries of the country and days as documents
// "gtd:EVENTID", published the day after the incident. The summary keeps
// its "MM/DD/YYYY: " prefix: it is the summary's own dateline, as a news
// report has one.
func gtdDocs(sets DedupeSets) ([]durand.Document, error) {
	_, rows, err := startDataset(sets.GTD, "gtd", "eventid", "summary", "iyear", "imonth", "iday", "country_txt")
	if err != nil {
		return nil, err
	}
	var out []durand.Document
	for _, r := range rows {
		y, _ := strconv.Atoi(r["iyear"])
		m, _ := strconv.Atoi(r["imonth"])
		d, _ := strconv.Atoi(r["iday"])
		day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		sum := r["summary"]
		if r["country_txt"] != sets.Country || m == 0 || d == 0 || day.Before(sets.From) || !day.Before(sets.To) || strings.TrimSpace(sum) == "" {
			continue
		}
		out = append(out, durand.Document{ID: durand.DocID("gtd:" + r["eventid"]), Published: day.AddDate(0, 0, 1), Text: sum})
	}
	return out, nil
}

// ucdpDocs reads the UCDP GED headlines of the days as documents
// "ucdp:ID", one headline a paragraph, published the day after the
// event's start.
func ucdpDocs(sets DedupeSets) ([]durand.Document, error) {
	_, rows, err := startDataset(sets.UCDP, "ucdp", "id", "date_start", "source_headline")
	if err != nil {
		return nil, err
	}
	var out []durand.Document
	for _, r := range rows {
		day, err := time.Parse("2006-01-02", strings.Fields(r["date_start"] + " x")[0])
		head := headlines(r)
		if err != nil || day.Before(sets.From) || !day.Before(sets.To) || head == "" {
			continue
		}
		text := strings.Join(strings.Split(head, ";"), "\n\n")
		out = append(out, durand.Document{ID: durand.DocID("ucdp:" + r["id"]), Published: day.AddDate(0, 0, 1), Text: text})
	}
	return out, nil
}

// recordOf returns the dataset and record id of a document "gtd:ID".
func recordOf(doc durand.DocID) (dataset, id string) {
	dataset, id, _ = strings.Cut(string(doc), ":")
	return dataset, id
}

// crossPairs returns the GTD-UCDP record pairs whose events share a
// cluster, as "GTD UCDP".
func crossPairs(reports []dedupe.Report, groups [][]int) map[string]bool {
	out := map[string]bool{}
	for _, g := range groups {
		var gs, us []string
		for _, i := range g {
			for _, d := range reports[i].Event.Docs {
				switch ds, id := recordOf(d); ds {
				case "gtd":
					gs = append(gs, id)
				case "ucdp":
					us = append(us, id)
				}
			}
		}
		for _, a := range gs {
			for _, b := range us {
				out[a+" "+b] = true
			}
		}
	}
	return out
}

// scorePairs scores predicted GTD-UCDP pairs against the alignment:
// pairwise precision and recall, each wrong or missed pair a miss that
// explain describes.
func scorePairs(t *tally, what string, got map[string]bool, gold []AlignPair, explain func(pair string) string) {
	want := map[string]bool{}
	for _, p := range gold {
		want[p.GTD+" "+p.UCDP] = true
	}
	for _, k := range sortedKeys(boolCounts(got)) {
		t.record(k, explain(k))
		t.check(what+" pairs: precision", want[k], "a pair of the alignment", k)
	}
	for _, k := range sortedKeys(boolCounts(want)) {
		t.record(k, explain(k))
		t.check(what+" pairs: recall", got[k], k, "not paired")
	}
}

func boolCounts(m map[string]bool) map[string]int {
	out := make(map[string]int, len(m))
	for k := range m {
		out[k] = 1
	}
	return out
}

// scoreFusion links each event extracted from a GTD summary to the UCDP
// records imported from the same file, and scores the links against the
// alignment.
func scoreFusion(t *tally, ru *dedupe.Rules, sets DedupeSets, gtd []dedupe.Report, gold []AlignPair) error {
	evs, err := sets.ImportUCDP(sets.UCDP)
	if err != nil {
		return fmt.Errorf("import %s: %w", sets.UCDP, err)
	}
	var records []dedupe.Report
	for _, e := range evs {
		if !e.Date.Start.Before(sets.From) && e.Date.Start.Before(sets.To) && e.Origin != nil {
			records = append(records, dedupe.Report{Event: e})
		}
	}
	got := map[string]bool{}
	for _, r := range gtd {
		key, ok := dedupe.KeyOf(r.Event)
		if !ok {
			continue
		}
		scope := dedupe.ScopeOf(key)
		var cands []dedupe.Report
		for _, rec := range records {
			if k, ok := dedupe.KeyOf(rec.Event); ok && scope.Contains(k) {
				cands = append(cands, rec)
			}
		}
		_, g := recordOf(r.Event.Docs[0])
		for _, f := range ru.Fuse(r, cands) {
			got[g+" "+f.Record.Record] = true
		}
	}
	scorePairs(t, "fusion", got, gold, explainer(ru, gtd, records))
	t.notes["fusion pairs: recall"] = fmt.Sprintf("%d imported UCDP records", len(records))
	return nil
}

// explainer describes a pair "GTD UCDP" for a miss: each event of the GTD
// record's text against each of the UCDP record's (its text's events, or
// the imported record), with their match.
func explainer(ru *dedupe.Rules, gtd, ucdp []dedupe.Report) func(string) string {
	of := func(reports []dedupe.Report, dataset, id string) []dedupe.Report {
		var out []dedupe.Report
		for _, r := range reports {
			o := r.Event.Origin
			if o != nil && o.Dataset == dataset && o.Record == id {
				out = append(out, r)
				continue
			}
			if len(r.Event.Docs) > 0 && r.Event.Docs[0] == durand.DocID(dataset+":"+id) {
				out = append(out, r)
			}
		}
		return out
	}
	return func(pair string) string {
		g, u, _ := strings.Cut(pair, " ")
		gs, us := of(gtd, "gtd", g), of(ucdp, "ucdp", u)
		var b strings.Builder
		fmt.Fprintf(&b, "gtd %s: %d events; ucdp %s: %d events", g, len(gs), u, len(us))
		for i := range gs {
			for j := range us {
				m := ru.Match(gs[i], us[j])
				if us[j].Event.Origin != nil {
					m = ru.FuseMatch(gs[i], us[j])
				}
				fmt.Fprintf(&b, "\n  %s\n  %s\n  => %s", describe(&gs[i].Event), describe(&us[j].Event), m)
			}
		}
		return b.String()
	}
}

// dedupeGroupsOf maps each report to its group's index.
func dedupeGroupsOf(n int, groups [][]int) []int {
	out := make([]int, n)
	for gi, g := range groups {
		for _, i := range g {
			out[i] = gi
		}
	}
	return out
}

// triggerStart returns where an event's trigger starts in its document,
// or -1.
func triggerStart(e *durand.Event) int {
	for _, ev := range e.Evidence {
		if ev.Field == "trigger" {
			return ev.Start
		}
	}
	return -1
}

// readFileString reads a whole file.
func readFileString(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}
