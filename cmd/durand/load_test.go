package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store/sqlite"
)

// BenchmarkDashboardLoad is the dashboard under load while reports come
// in, as an operator's week has it: `durand serve` and `durand ingest`
// run as processes of their own on one store of 200,000 events, and 8
// clients send, back to back, what the dashboard asks for when a filter
// changes (events for the table, points for the map, a monthly series,
// the network; now and then one event's detail and the year series the
// filter lists come from), with filters drawn at random. It reports each
// endpoint's latency percentiles, the errors, and the server's peak
// resident memory. DURAND_LOAD_EVENTS and DURAND_LOAD_SECONDS change the
// size (default 200000) and the length (default 30 s). Run it with
// -benchtime 1x.
func BenchmarkDashboardLoad(b *testing.B) {
	n := envInt(b, "DURAND_LOAD_EVENTS", 200000)
	dur := time.Duration(envInt(b, "DURAND_LOAD_SECONDS", 30)) * time.Second
	dir := b.TempDir()
	db := filepath.Join(dir, "load.db")
	fillStore(b, db, n)
	corpus := bigCorpus(b, 20000)

	srv := startChild(b, "serve", "--db", db, "--addr", "127.0.0.1:0")
	addr := srv.listening(b)
	if addr == "" {
		b.Fatalf("serve did not start:\n%s", strings.Join(srv.stderr, "\n"))
	}
	base := "http://" + addr
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}, Timeout: time.Minute}
	for _, warm := range []string{"/api/series?interval=year&by=type", "/api/network"} {
		if code, err := fetch(client, base+warm); err != nil || code != 200 {
			b.Fatalf("warm-up %s: %d %v", warm, code, err)
		}
	}
	ing := startChild(b, "ingest", "--db", db, corpus)
	go func() { // keep its standard error drained
		for l := range ing.lines {
			_ = l
		}
	}()

	for b.Loop() {
		cpu0 := cpuTime(b, srv.cmd.Process.Pid)
		lat, errs := hammer(client, base, 8, dur)
		requests := 0
		for _, ls := range lat {
			requests += len(ls)
		}
		// CPU time per request is what the server spends, whatever else
		// the machine runs; the latencies depend on that too.
		b.ReportMetric(float64((cpuTime(b, srv.cmd.Process.Pid)-cpu0).Microseconds())/1000/float64(requests), "serve_cpu_ms/req")
		for _, ep := range slices.Sorted(maps.Keys(lat)) {
			ls := lat[ep]
			slices.Sort(ls)
			pct := func(p float64) float64 { return float64(ls[int(p*float64(len(ls)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.50), ep+"_p50_ms")
			b.ReportMetric(pct(0.99), ep+"_p99_ms")
			b.ReportMetric(float64(len(ls))/dur.Seconds(), ep+"_req/s")
		}
		b.ReportMetric(float64(errs), "errors")
	}
	if avg, err := os.ReadFile("/proc/loadavg"); err == nil { // how busy the machine was: the latencies depend on it
		if f := strings.Fields(string(avg)); len(f) > 0 {
			load, _ := strconv.ParseFloat(f[0], 64)
			b.ReportMetric(load, "loadavg")
		}
	}
	b.ReportMetric(float64(peakRSS(b, srv.cmd.Process.Pid))/(1<<20), "serve_peak_MB")
	if docs := ingested(b, db); docs == 0 {
		b.Error("the concurrent ingest stored nothing during the run")
	} else {
		b.ReportMetric(float64(docs), "docs_ingested")
	}
}

// hammer runs clients closed-loop for dur and returns each endpoint's
// latencies and the number of failed requests.
func hammer(client *http.Client, base string, clients int, dur time.Duration) (map[string][]time.Duration, int) {
	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	errs := 0
	end := time.Now().Add(dur)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for i := 0; time.Now().Before(end); i++ {
				for _, req := range dashboardRequests(rng, i) {
					t0 := time.Now()
					code, err := fetch(client, base+req.path)
					d := time.Since(t0)
					mu.Lock()
					lat[req.endpoint] = append(lat[req.endpoint], d)
					if err != nil || code != 200 {
						errs++
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return lat, errs
}

type request struct{ endpoint, path string }

// dashboardRequests is what the dashboard asks for on one change of its
// filters (web/src/main.js, refresh), and every tenth time the lists of
// its filter menus (fillSelects) and one event's detail.
func dashboardRequests(rng *rand.Rand, i int) []request {
	f := url.Values{}
	if a := []string{"", "", "PAK", "TTP", "AFG"}[rng.IntN(5)]; a != "" {
		f.Set("actor", a)
	}
	if ty := []string{"", "", "ASSAULT", "FIGHT"}[rng.IntN(4)]; ty != "" {
		f.Set("type", ty)
	}
	if rng.IntN(2) == 0 {
		from := time.Date(2016+rng.IntN(9), time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
		f.Set("from", from.Format(time.DateOnly))
		f.Set("to", from.AddDate(1, 0, 0).Format(time.DateOnly))
	}
	with := func(kv ...string) string {
		v := url.Values{}
		for k, vs := range f {
			v[k] = vs
		}
		for j := 0; j < len(kv); j += 2 {
			v.Set(kv[j], kv[j+1])
		}
		return v.Encode()
	}
	reqs := []request{
		{"events", "/api/events?" + with("limit", "200", "order", "desc")},
		{"points", "/api/points?" + with("limit", "5000", "order", "desc")},
		{"series", "/api/series?" + with("interval", "month", "by", "type")},
		{"network", "/api/network?" + f.Encode()},
	}
	if i%10 == 0 {
		reqs = append(reqs, request{"series", "/api/series?interval=year&by=type"}, request{"network", "/api/network"},
			request{"event", fmt.Sprintf("/api/events/ev_%07d", rng.IntN(1000))})
	}
	return reqs
}

func fetch(client *http.Client, u string) (int, error) {
	r, err := client.Get(u)
	if err != nil {
		return 0, err
	}
	defer r.Body.Close()
	_, err = io.Copy(io.Discard, r.Body)
	return r.StatusCode, err
}

// fillStore writes n synthetic events spread over ten years, five actors,
// four types and the Af-Pak box, in batches.
func fillStore(b *testing.B, path string, n int) {
	st, err := sqlite.Open(path)
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
	for i := range n {
		day := start.AddDate(0, 0, i%3650)
		batch = append(batch, durand.Event{ID: fmt.Sprintf("ev_%07d", i), Type: types[i%4], Modality: durand.Asserted, Confidence: 0.4 + float64(i%6)/10,
			Source: []durand.Actor{actors[i%5]}, Target: []durand.Actor{actors[(i*7+1)%5]},
			Place: &durand.Place{Name: "Place", Admin1: admin1[i%6], Country: "PAK", Lat: 29 + float64(i%600)/100, Lon: 64 + float64(i%900)/100, Prec: durand.AtPlace},
			Date:  durand.Date{Start: day, End: day, Precision: durand.Day}, Fatalities: durand.Exact(i % 9), Injured: durand.NoCount,
			Origin: &durand.Origin{Dataset: "ucdp", Record: strconv.Itoa(i)}, Notes: fmt.Sprintf("Record %d: a clash in %s.", i, admin1[i%6])})
		if len(batch) == 10000 || i == n-1 {
			if err := st.PutEvents(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

// peakRSS reads a process's peak resident memory (VmHWM) in bytes.
func peakRSS(b *testing.B, pid int) int64 {
	body, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Logf("peak memory: %v", err)
		return 0
	}
	for _, l := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTime reads the CPU time a process has used (user and system), from
// /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).
func cpuTime(b *testing.B, pid int) time.Duration {
	body, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Logf("cpu time: %v", err)
		return 0
	}
	_, rest, _ := strings.Cut(string(body), ") ") // the command name may hold spaces
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// ingested counts the documents stored in the file.
func ingested(b *testing.B, path string) int {
	st, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return s.Documents
}

func envInt(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		b.Fatalf("%s=%q: %v", name, s, err)
	}
	return v
}
