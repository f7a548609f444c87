package serve_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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

// TestDashboardInBrowser drives headless Chromium against the dashboard on
// the demo database: the map draws polygons and markers, filtering by
// actor changes the table, clicking an event shows its evidence
// highlighted.
func TestDashboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	exe := chromium(t)
	st, x := demoDB(t)
	srv := newServer(t, st, x, "")
	dir := shots(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	var logs []string
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }))
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

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
	wait := func(expr string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(45*time.Second), chromedp.WithPollingInterval(100*time.Millisecond)))
		if err != nil {
			t.Fatalf("waiting for %s: %v\n%s", expr, err, strings.Join(logs, "\n"))
		}
	}
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%v\n%s", err, strings.Join(logs, "\n"))
		}
	}

	do(chromedp.Navigate(srv.URL + "/"))
	wait(`window.durand && window.durand.mapReady && window.durand.loads > 0`)
	// Drawn, not only fetched: the map's canvas has a size and the map
	// reports the features it rendered.
	wait(`(() => { const c = document.querySelector('#map canvas'); return !!c && c.width > 0; })()`)
	do(chromedp.Sleep(1500 * time.Millisecond))
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
