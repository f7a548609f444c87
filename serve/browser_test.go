package serve_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// chromium finds Debian's Chromium, or skips: .ci/run installs it.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("DURAND_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	t.Skip("no Chromium (apt-get install chromium): the dashboard is not tested in a browser")
	return ""
}

// shots is where screenshots go: $DURAND_SCREENSHOTS, else the test's
// temporary directory.
func shots(t *testing.T) string {
	if d := os.Getenv("DURAND_SCREENSHOTS"); d != "" {
		os.MkdirAll(d, 0o755)
		return d
	}
	return t.TempDir()
}

// tab is a headless Chromium tab for a test, with the browser's log.
type tab struct {
	t    *testing.T
	ctx  context.Context
	logs []string
}

// newTab starts headless Chromium, or skips the test when there is none;
// it is stopped when the test ends.
func newTab(t *testing.T) *tab {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	b := &tab{t: t}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(func(f string, a ...any) { b.logs = append(b.logs, fmt.Sprintf(f, a...)) }))
	t.Cleanup(cancel)
	b.ctx, cancel = context.WithTimeout(ctx, 4*time.Minute) // only against a hung browser: a loaded machine is slow
	t.Cleanup(cancel)
	return b
}

// wait polls until the JavaScript expression is true.
func (b *tab) wait(expr string) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(2*time.Minute), chromedp.WithPollingInterval(100*time.Millisecond)))
	if err != nil {
		b.t.Fatalf("waiting for %s: %v\n%s", expr, err, strings.Join(b.logs, "\n"))
	}
}

// do runs the steps.
func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%v\n%s", err, strings.Join(b.logs, "\n"))
	}
}

// TestDashboardInBrowser drives headless Chromium against the dashboard on
// the demo database: the map draws polygons and markers, filtering by
// actor changes the table, clicking an event shows its evidence
// highlighted.
func TestDashboardInBrowser(t *testing.T) {
	b := newTab(t)
	st, x := demoDB(t)
	srv := newServer(t, st, x, "")
	dir := shots(t)
	ctx, wait, do := b.ctx, b.wait, b.do

	shot := func(name string) {
		t.Helper()
		b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	do(chromedp.Navigate(srv.URL + "/"))
	wait(`window.durand && window.durand.mapReady && window.durand.loads > 0`)
	// Drawn, not only fetched: the map's canvas has a size and the map
	// reports the features it rendered.
	wait(`(() => { const c = document.querySelector('#map canvas'); return !!c && c.width > 0; })()`)
	// Rendering takes its time on a busy machine: wait for the first
	// features rather than a fixed pause.
	wait(`window.durand.rendered('adm1-fill') > 0 && window.durand.rendered('events-points') + window.durand.rendered('events-clusters') > 0`)
	do(chromedp.Sleep(500 * time.Millisecond))
	polygons := eval[int](t, ctx, `window.durand.polygons`)
	markers := eval[int](t, ctx, `window.durand.markers`)
	renderedPolys := eval[int](t, ctx, `window.durand.rendered('adm1-fill')`)
	renderedMarks := eval[int](t, ctx, `window.durand.rendered('events-points') + window.durand.rendered('events-clusters')`)
	rowsBefore := eval[int](t, ctx, `window.durand.rows`)
	summary := eval[string](t, ctx, `document.querySelector('#summary').textContent`)
	shot("dashboard.png")
	t.Logf("summary %q; %d polygons (%d rendered), %d markers (%d rendered), %d rows", summary, polygons, renderedPolys, markers, renderedMarks, rowsBefore)
	if polygons < 500 || markers < 100 || rowsBefore < 100 || renderedPolys < 30 || renderedMarks < 10 {
		t.Errorf("drawn: %d polygons (%d rendered), %d markers (%d rendered), %d table rows", polygons, renderedPolys, markers, renderedMarks, rowsBefore)
	}

	// Filter by actor: every row must name it, and the URL keeps it.
	eval[bool](t, ctx, `(() => { const s = document.querySelector('select[name=actor]'); s.value = 'TTP'; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	wait(`window.durand.loads > 1 && document.querySelector('#summary').textContent.indexOf('Loading') < 0`)
	rowsAfter := eval[int](t, ctx, `window.durand.rows`)
	summaryAfter := eval[string](t, ctx, `document.querySelector('#summary').textContent`)
	cells := eval[[]string](t, ctx, `[...document.querySelectorAll('#events tbody tr td:nth-child(3)')].map(td => td.textContent)`)
	url := eval[string](t, ctx, `location.href`)
	shot("filtered-ttp.png")
	if rowsAfter == 0 || summaryAfter == summary {
		t.Errorf("filtering by TTP: %d rows, summary %q before, %q after", rowsAfter, summary, summaryAfter)
	}
	for _, c := range cells {
		if !strings.Contains(c, "TTP") {
			t.Errorf("row %q does not involve TTP", c)
			break
		}
	}
	if !strings.Contains(url, "actor=TTP") {
		t.Errorf("the filter is not in the URL: %s", url)
	}

	// Clear undoes the filter: the URL, the form and the counts are
	// as at first.
	loads := eval[int](t, ctx, `window.durand.loads`)
	do(chromedp.Click("#clear"))
	wait(fmt.Sprintf(`window.durand.loads > %d && document.querySelector('#summary').textContent.indexOf('Loading') < 0`, loads))
	cleared := eval[string](t, ctx, `document.querySelector('#summary').textContent`)
	actor := eval[string](t, ctx, `document.querySelector('select[name=actor]').value`)
	url = eval[string](t, ctx, `location.href`)
	if cleared != summary || actor != "" || strings.Contains(url, "actor=") {
		t.Errorf("after Clear: summary %q (first %q), actor %q, URL %s", cleared, summary, actor, url)
	}

	// Open an extracted event from a bookmarked view: its evidence is
	// highlighted in its sentence.
	do(chromedp.Navigate(srv.URL + "/?dataset=durand&text=Waziristan"))
	wait(`window.durand && window.durand.loads > 0 && window.durand.rows > 0`)
	do(chromedp.Click("#events tbody tr"))
	wait(`!!window.durand.detail && !document.querySelector('#detail').hidden`)
	marks := eval[int](t, ctx, `document.querySelectorAll('#detail .evidence mark').length`)
	detail := eval[string](t, ctx, `document.querySelector('#detail').innerText`)
	shot("evidence.png")
	if marks == 0 || !strings.Contains(detail, "Evidence") {
		t.Errorf("detail shows %d highlighted spans:\n%s", marks, detail)
	}
	t.Logf("screenshots in %s", dir)
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// TestDashboardShowsMarkupAsText stores an imported event whose type,
// actors, place, record and notes are HTML, and a document whose title,
// link and text are, and checks that the dashboard shows them as text:
// no element of theirs is created, no script of theirs runs, the markup
// is shown literally and the link is not followed. The legend put an
// event's type into innerHTML.
func TestDashboardShowsMarkupAsText(t *testing.T) {
	b := newTab(t)
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "markup.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events := readEvents(t, "testdata/markup/events.jsonl")
	if err := st.PutEvents(context.Background(), events); err != nil {
		t.Fatal(err)
	}
	text := `Militants <b class=xss>attacked</b> a checkpoint in Bannu on Wednesday, killing three policemen.`
	doc, err := ingest.NewDocument(durand.Document{ID: "doc-<b class=xss>", Title: `<img src=x class=xss onerror=window.xss=13>`,
		URL: "javascript:window.xss=14", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
	at := strings.Index(text, "attacked")
	ev := durand.Event{ID: "ev-doc", Type: durand.Assault, Modality: durand.Asserted, Confidence: 0.7,
		Source: []durand.Actor{{Code: "UNK", Name: "Militants"}}, Target: []durand.Actor{{Code: "PAK.POL", Name: "policemen"}},
		Place: &durand.Place{Name: "Bannu", Admin1: "Khyber Pakhtunkhwa", Country: "PAK", Lat: 32.98, Lon: 70.6, Prec: durand.AtPlace},
		Date:  durand.Date{Start: day, End: day, Precision: durand.Day}, Fatalities: durand.Exact(3), Injured: durand.NoCount,
		Docs: []durand.DocID{doc.ID}, Evidence: []durand.Evidence{{Doc: doc.ID, Field: "<i class=xss>trigger</i>", Start: at, End: at + 8, Text: "attacked"}}}
	if _, err := st.PutDocuments(context.Background(), []store.Extracted{{Doc: doc, Events: []durand.Event{ev}}}); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, st, nil, "")

	b.do(chromedp.Navigate(srv.URL + "/"))
	b.wait(`window.durand && window.durand.loads > 0 && window.durand.rows == 2`)
	imported := events[0]
	for _, want := range []string{string(imported.Type), "nearby events grouped"} {
		if legend := eval[string](t, b.ctx, `document.querySelector('#legend').textContent`); !strings.Contains(legend, want) {
			t.Errorf("the legend does not show %q: %q", want, legend)
		}
	}
	rows := eval[string](t, b.ctx, `document.querySelector('#events tbody').textContent`)
	for _, want := range []string{string(imported.Type), string(imported.Source[0].Code), string(imported.Target[0].Code), imported.Place.Name} {
		if !strings.Contains(rows, want) {
			t.Errorf("the table does not show %q:\n%s", want, rows)
		}
	}
	for _, c := range []struct {
		id   string
		want []string
	}{
		{imported.ID, []string{imported.Source[0].Name, imported.Target[0].Name, imported.Place.Name, imported.Place.Locality,
			imported.ClaimedBy.Name, imported.Origin.Record, imported.Notes, imported.ACLEDType}},
		{ev.ID, []string{doc.Title, "attacked"}},
	} {
		id, _ := json.Marshal(c.id)
		eval[bool](t, b.ctx, fmt.Sprintf(`(() => { [...document.querySelectorAll('#events tbody tr')].find(tr => tr.dataset.id === %s).click(); return true; })()`, id))
		b.wait(fmt.Sprintf(`!!window.durand.detail && window.durand.detail.id === %s && !document.querySelector('#detail').hidden`, id))
		detail := eval[string](t, b.ctx, `document.querySelector('#detail').textContent`)
		for _, w := range c.want {
			if !strings.Contains(detail, w) {
				t.Errorf("the detail of %s does not show %q:\n%s", c.id, w, detail)
			}
		}
		if links := eval[[]string](t, b.ctx, `[...document.querySelectorAll('#detail a')].map(a => a.href)`); c.id == ev.ID && len(links) > 0 {
			t.Errorf("the document's javascript: URL is a link: %q", links)
		}
	}
	if n := eval[int](t, b.ctx, `document.querySelectorAll('.xss').length`); n > 0 {
		html := eval[string](t, b.ctx, `[...document.querySelectorAll('.xss')].map(e => e.parentElement.outerHTML.slice(0, 300)).join('\n')`)
		t.Errorf("%d elements made from stored text:\n%s", n, html)
	}
	if ran := eval[bool](t, b.ctx, `window.xss !== undefined`); ran {
		t.Error("a script from stored text ran")
	}

	// The escalation view, its sides the stored codes: the pickers and
	// the server's refusals show them as text.
	q := url.Values{"view": {"escalation"}, "a": {string(imported.Source[0].Code)}, "b": {string(imported.Target[0].Code)}}
	b.do(chromedp.Navigate(srv.URL + "/?" + q.Encode()))
	b.wait(`window.durand && window.durand.escalation && window.durand.escalation.loads > 0`)
	options := eval[string](t, b.ctx, `document.querySelector('#sides').textContent`)
	errs := eval[string](t, b.ctx, `document.querySelector('#escalation-view').textContent`)
	if !strings.Contains(options, string(imported.Source[0].Code)) || !strings.Contains(errs, string(imported.Source[0].Code)) {
		t.Errorf("the escalation view does not show the code %q as text:\n%s\n%s", imported.Source[0].Code, options, errs)
	}
	if n := eval[int](t, b.ctx, `document.querySelectorAll('.xss').length`); n > 0 {
		t.Errorf("the escalation view made %d elements from stored text", n)
	}
	if ran := eval[bool](t, b.ctx, `window.xss !== undefined`); ran {
		t.Error("a script from stored text ran in the escalation view")
	}
}

// readEvents reads events in the contract JSON, one a line.
func readEvents(t *testing.T, path string) []durand.Event {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []durand.Event
	for i, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e durand.Event
		if err := e.UnmarshalJSON([]byte(l)); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, e)
	}
	return out
}

// TestEscalationViewInBrowser opens the escalation view on the made-up
// exchange of the escalation tests: the retaliation table shows both
// directions with percentages, the event-study curve and its band are
// drawn with points, the excitation matrix has a number in each cell, and
// swapping the sides asks again.
func TestEscalationViewInBrowser(t *testing.T) {
	b := newTab(t)
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "escalation.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutEvents(context.Background(), escalationEvents()); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, st, nil, "")
	ctx := b.ctx

	b.do(chromedp.Navigate(srv.URL + "/?view=escalation&a=PAK&b=TTP&keep_overlapping=true"))
	b.wait(`window.durand && window.durand.escalation && window.durand.escalation.loads > 0`)
	got := eval[map[string]any](t, ctx, `window.durand.escalation`)
	if got["rows"].(float64) < 12 || got["points"].(float64) < 10 || got["cells"].(float64) < 4 || len(got["errors"].([]any)) > 0 {
		t.Errorf("drawn: %v", got)
	}
	table := eval[string](t, ctx, `document.querySelector('#retaliation').textContent`)
	for _, want := range []string{"PAK→TTP events answered by TTP→PAK", "TTP→PAK events answered by PAK→TTP", "same day", "30 days", "Median lag"} {
		if !strings.Contains(table, want) {
			t.Errorf("the retaliation table does not say %q:\n%s", want, table)
		}
	}
	shares := eval[[]string](t, ctx, `[...document.querySelectorAll('#retaliation tbody td:nth-child(3)')].map(td => td.textContent)`)
	for _, sh := range shares {
		if !strings.HasSuffix(sh, "%") || sh == "n/a" {
			t.Errorf("a share reads %q, not a percentage", sh)
		}
	}
	line := eval[string](t, ctx, `document.querySelector('#eventstudy svg polyline.observed').getAttribute('points')`)
	band := eval[string](t, ctx, `document.querySelector('#eventstudy svg polygon.band').getAttribute('points')`)
	if strings.Count(line, ",") < 10 || strings.Contains(line, "NaN") || strings.Count(band, ",") < 20 || strings.Contains(band, "NaN") {
		t.Errorf("event study: curve %q, band %q", line, band)
	}
	if study := eval[string](t, ctx, `document.querySelector('#eventstudy').textContent`); !strings.Contains(study, "shocks studied") ||
		!strings.Contains(study, "on this measure") && !strings.Contains(study, "neither deterrence") && !strings.Contains(study, "too few") {
		t.Errorf("the event study says no verdict:\n%s", study)
	}
	cells := eval[[]string](t, ctx, `[...document.querySelectorAll('#hawkes td.cell')].map(td => td.textContent)`)
	for _, c := range cells {
		if !strings.ContainsAny(c, "0123456789") {
			t.Errorf("a matrix cell reads %q", c)
		}
	}
	if hk := eval[string](t, ctx, `document.querySelector('#hawkes').textContent`); !strings.Contains(hk, "set off by one event") ||
		!strings.Contains(hk, "Expected in the 30 days after 2021-12-31: PAK") || strings.Contains(hk, "NaN") {
		t.Errorf("the Hawkes panel does not read the matrix in events per event with the forecast:\n%s", hk)
	}
	b.do(chromedp.Click("#swap"))
	b.wait(`window.durand.escalation.loads > 1`)
	first := eval[string](t, ctx, `document.querySelector('#retaliation h3').textContent`)
	href := eval[string](t, ctx, `location.href`)
	if first != "TTP→PAK events answered by PAK→TTP" || !strings.Contains(href, "a=TTP") || !strings.Contains(href, "view=escalation") {
		t.Errorf("after the swap: first table %q, URL %s", first, href)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dir := shots(t)
	if err := os.WriteFile(filepath.Join(dir, "escalation.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("drawn %v; screenshot in %s", got, dir)
}
