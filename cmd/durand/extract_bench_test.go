package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkExtractCommand times `durand extract` as a user runs it, the
// whole command in a process of its own: start-up, reading, decoding,
// extraction on one worker, encoding and writing. The input is the 2025
// current-events items (../shared/data/news), repeated to about 1 MiB
// under new ids. It reports MB/s by wall clock and by CPU time (per
// core), the peak resident memory, and the start-up (one short item).
func BenchmarkExtractCommand(b *testing.B) {
	src := filepath.Join("..", "..", "..", "shared", "data", "news", "current_events_AF_PK_2025.jsonl")
	if _, err := os.Stat(src); err != nil {
		b.Skipf("the current-events items are not beside the repository: %v", err)
	}
	dir := b.TempDir()
	in, size := repeatItems(b, src, filepath.Join(dir, "in.jsonl"), 1<<20)
	empty := filepath.Join(dir, "one.jsonl") // one short item: the start-up and little else
	if err := os.WriteFile(empty, []byte(`{"id":"one","published":"2025-01-01","text":"Nothing happened."}`+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	var wall, cpu, start time.Duration
	var rss int64
	for b.Loop() {
		w, c, r := timeExtract(b, in, filepath.Join(dir, "out.jsonl"))
		wall, cpu, rss = wall+w, cpu+c, max(rss, r)
		s, _, _ := timeExtract(b, empty, filepath.Join(dir, "out.jsonl"))
		start += s
	}
	n := float64(b.N)
	b.ReportMetric(float64(size)/1e6/(wall.Seconds()/n), "MB/s")
	b.ReportMetric(float64(size)/1e6/(cpu.Seconds()/n), "MB/cpu-s")
	b.ReportMetric(float64(rss)/(1<<20), "peak_MB")
	b.ReportMetric(start.Seconds()/n*1000, "startup_ms")
}

// timeExtract runs durand extract on one worker and returns its wall time,
// CPU time and peak resident memory.
func timeExtract(b *testing.B, in, out string) (wall, cpu time.Duration, rss int64) {
	f, err := os.Create(out)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	cmd := exec.Command(os.Args[0], "extract", "--in", "jsonl", "--workers", "1", in)
	cmd.Env = append(os.Environ(), "DURAND_TEST_MAIN=1")
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = f, &stderr
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("durand extract: %v\n%s", err, stderr.String())
	}
	wall = time.Since(t0)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return wall, cpu, ru.Maxrss << 10
}

// repeatItems writes the items of src again and again, each under a new
// id, until the file holds at least size bytes; it returns the file and
// its size.
func repeatItems(b *testing.B, src, dst string, size int) (string, int) {
	raw, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	var items []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var it map[string]any
		if err := json.Unmarshal(sc.Bytes(), &it); err == nil {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		b.Fatalf("%s: no items", src)
	}
	f, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	written := 0
	for round := 0; written < size; round++ {
		for _, it := range items {
			it := maps.Clone(it)
			it["id"] = it["id"].(string) + "-" + strconv.Itoa(round)
			line, _ := json.Marshal(it)
			n, _ := w.Write(append(line, '\n'))
			written += n
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return dst, written
}
