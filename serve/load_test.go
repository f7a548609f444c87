package serve_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store/sqlite"
)

// BenchmarkServeLoad stores 100,000 events, then sends GET /api/events
// with typical dashboard filters at a fixed 500 requests/s for 10 s from
// a load generator on loopback (open loop: requests go out on schedule
// whether or not earlier ones have returned), and reports the latency
// percentiles and the errors. Run it with -benchtime 1x.
func BenchmarkServeLoad(b *testing.B) {
	st, err := sqlite.Open(filepath.Join(b.TempDir(), "load.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	actors := []durand.Actor{{Code: "PAK.MIL", Name: "Pakistani military", Country: "PAK", Sector: "military"},
		{Code: "TTP", Name: "TTP", Country: "PAK", Sector: "insurgent"}, {Code: "AFG.GOV", Name: "Taliban", Country: "AFG", Sector: "government"},
		{Code: "BLA", Name: "BLA", Country: "PAK", Sector: "separatist"}, {Code: "CIV", Name: "civilians", Sector: "civilians"}}
	types := []durand.EventType{durand.Assault, durand.Fight, durand.Accuse, durand.Coerce}
	admin1 := []string{"Khyber Pakhtunkhwa", "Balochistan", "Khost", "Kunar", "Punjab", "Nangarhar"}
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch []durand.Event
	for i := range 100000 {
		day := start.AddDate(0, 0, i%3650)
		batch = append(batch, durand.Event{ID: fmt.Sprintf("ev_%07d", i), Type: types[i%4], Modality: durand.Asserted, Confidence: 0.4 + float64(i%6)/10,
			Source: []durand.Actor{actors[i%5]}, Target: []durand.Actor{actors[(i*7+1)%5]},
			Place: &durand.Place{Name: "Place", Admin1: admin1[i%6], Country: "PAK", Lat: 29 + float64(i%600)/100, Lon: 64 + float64(i%900)/100, Prec: durand.AtPlace},
			Date:  durand.Date{Start: day, End: day, Precision: durand.Day}, Fatalities: durand.Exact(i % 9), Injured: durand.NoCount,
			Docs: []durand.DocID{"doc"}, Evidence: []durand.Evidence{{Doc: "doc", Field: "trigger", Start: 10, End: 16, Text: "killed"}}})
		if len(batch) == 10000 {
			if err := st.PutEvents(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	srv := httptest.NewServer(serve.Handler(st, serve.Options{}))
	defer srv.Close()
	queries := []string{
		"/api/events?limit=100&order=desc",
		"/api/events?limit=100&actor=PAK&from=2020-01-01",
		"/api/events?limit=100&type=ASSAULT&from=2023-01-01&to=2023-12-31",
		"/api/events?limit=100&bbox=69,32,71,34&order=desc",
		"/api/events?limit=100&actor=TTP&type=ASSAULT&min_confidence=0.6",
		"/api/events?limit=100&place=Khost&order=desc",
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 5 * time.Second}
	const rate, dur = 500, 10 * time.Second
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		var mu sync.Mutex
		var lat []time.Duration
		errs := 0
		var wg sync.WaitGroup
		tick := time.NewTicker(time.Second / rate)
		end := time.Now().Add(dur)
		for i := 0; time.Now().Before(end); i++ {
			<-tick.C
			wg.Add(1)
			go func(q string) {
				defer wg.Done()
				t0 := time.Now()
				r, err := client.Get(srv.URL + q)
				ok := err == nil && r.StatusCode == 200
				if err == nil {
					io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if !ok {
					errs++
				}
				mu.Unlock()
			}(queries[i%len(queries)])
		}
		tick.Stop()
		wg.Wait()
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		b.ReportMetric(pct(0.50), "p50_ms")
		b.ReportMetric(pct(0.99), "p99_ms")
		b.ReportMetric(pct(1), "max_ms")
		b.ReportMetric(float64(len(lat))/dur.Seconds(), "req/s")
		b.ReportMetric(float64(errs), "errors")
	}
}
