// Command extractdiff compares two runs of scripts/extract-diff: the events
// each document gave, the records each gold set's fields got wrong, and the
// scores. It prints what changed and nothing else.
//
//	go run ./internal/extractdiff BEFORE AFTER
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/durandhq/durand"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: extractdiff BEFORE AFTER")
		os.Exit(2)
	}
	if err := compare(os.Stdout, os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "extractdiff:", err)
		os.Exit(1)
	}
}

// compare writes the differences of every file the two folders share.
func compare(w io.Writer, before, after string) error {
	names, err := fileNames(before, after)
	if err != nil {
		return err
	}
	changed := 0
	for _, name := range names {
		old := filepath.Join(before, name)
		var lines []string
		var err error
		switch {
		case strings.HasSuffix(name, ".events.jsonl"):
			lines, err = diffEvents(old, filepath.Join(after, name))
		case strings.HasSuffix(name, ".misses.jsonl"):
			lines, err = diffMisses(old, filepath.Join(after, name))
		case strings.HasSuffix(name, ".scores.json"):
			lines, err = diffScores(old, filepath.Join(after, name))
		default:
			continue
		}
		if err != nil {
			return err
		}
		if len(lines) > 0 {
			changed++
			fmt.Fprintf(w, "== %s\n%s\n", name, strings.Join(lines, "\n"))
		}
	}
	if changed == 0 {
		fmt.Fprintln(w, "no differences")
	}
	return nil
}

// fileNames is the union of the names of the files in two folders, sorted.
func fileNames(dirs ...string) ([]string, error) {
	seen := map[string]bool{}
	for _, d := range dirs {
		es, err := os.ReadDir(d)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			seen[e.Name()] = true
		}
	}
	return slices.Sorted(maps.Keys(seen)), nil
}

// diffEvents lists, per document, the events only one run gave, each in
// one line; ids are left out, since they hash evidence offsets.
func diffEvents(before, after string) ([]string, error) {
	was, err := eventsByDoc(before)
	if err != nil {
		return nil, err
	}
	now, err := eventsByDoc(after)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, doc := range slices.Sorted(keys(was, now)) {
		gone, added := subtract(was[doc], now[doc]), subtract(now[doc], was[doc])
		if len(gone)+len(added) == 0 {
			continue
		}
		out = append(out, doc)
		for _, l := range gone {
			out = append(out, "  - "+l)
		}
		for _, l := range added {
			out = append(out, "  + "+l)
		}
	}
	return out, nil
}

func eventsByDoc(path string) (map[string][]string, error) {
	out := map[string][]string{}
	err := eachLine(path, func(line []byte) error {
		var e durand.Event
		if err := json.Unmarshal(line, &e); err != nil {
			return err
		}
		doc := ""
		if len(e.Docs) > 0 {
			doc = string(e.Docs[0])
		}
		out[doc] = append(out[doc], describe(&e))
		return nil
	})
	return out, err
}

// describe is an event in one line: what an analyst compares.
func describe(e *durand.Event) string {
	var b strings.Builder
	b.WriteString(string(e.Type))
	if e.Mode != "" {
		b.WriteString("/" + e.Mode)
	}
	fmt.Fprintf(&b, " %s→%s", codes(e.Source), codes(e.Target))
	if e.Place != nil {
		fmt.Fprintf(&b, " @%s (%s, %s)", e.Place.Name, e.Place.Admin1, e.Place.Prec)
	}
	if e.Date.Known() {
		fmt.Fprintf(&b, " %s/%s", e.Date.Start.Format("2006-01-02"), e.Date.Precision)
	}
	fmt.Fprintf(&b, " killed %s injured %s", count(e.Fatalities), count(e.Injured))
	if e.Modality != "" && e.Modality != durand.Asserted {
		fmt.Fprintf(&b, " [%s]", e.Modality)
	}
	return b.String()
}

func codes(as []durand.Actor) string {
	if len(as) == 0 {
		return "-"
	}
	var cs []string
	for _, a := range as {
		cs = append(cs, string(a.Code))
	}
	return strings.Join(cs, "+")
}

func count(c durand.Count) string {
	if !c.Known() {
		return "?"
	}
	return fmt.Sprintf("%d(%d..%d)", c.Best, c.Low, c.High)
}

// diffMisses lists the records a field now gets wrong, and those it now
// gets right.
func diffMisses(before, after string) ([]string, error) {
	was, err := misses(before)
	if err != nil {
		return nil, err
	}
	now, err := misses(after)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, k := range slices.Sorted(keys(was, now)) {
		switch w, n := was[k], now[k]; {
		case w == "" && n != "":
			out = append(out, "  now wrong: "+k+": "+n)
		case w != "" && n == "":
			out = append(out, "  now right: "+k)
		case w != n:
			out = append(out, "  still wrong: "+k+": "+n)
		}
	}
	return out, nil
}

// miss is a line of durand eval --misses.
type miss struct {
	Field, Record, Want, Got string
}

func misses(path string) (map[string]string, error) {
	out := map[string]string{}
	err := eachLine(path, func(line []byte) error {
		var m miss
		if err := json.Unmarshal(line, &m); err != nil {
			return err
		}
		out[m.Field+" | "+m.Record] = fmt.Sprintf("want %s, got %s", m.Want, m.Got)
		return nil
	})
	return out, err
}

// report is the part of durand eval --json that scores are read from.
type report struct {
	Records int
	Scores  []struct {
		Field          string
		Correct, Total int
		Value          float64
	}
}

// diffScores lists the fields whose score moved.
func diffScores(before, after string) ([]string, error) {
	var was, now report
	for path, r := range map[string]*report{before: &was, after: &now} {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if len(b) > 0 {
			if err := json.Unmarshal(b, r); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	old := map[string]string{}
	for _, s := range was.Scores {
		old[s.Field] = fmt.Sprintf("%d/%d = %.3f", s.Correct, s.Total, s.Value)
	}
	var out []string
	for _, s := range now.Scores {
		v := fmt.Sprintf("%d/%d = %.3f", s.Correct, s.Total, s.Value)
		if old[s.Field] != v {
			out = append(out, fmt.Sprintf("  %s: %s → %s", s.Field, orNone(old[s.Field]), v))
		}
	}
	return out, nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// eachLine calls fn with each non-empty line of a file; a file that does
// not exist has none.
func eachLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

// keys is the union of two maps' keys.
func keys[V any](a, b map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range a {
			if !yield(k) {
				return
			}
		}
		for k := range b {
			if _, ok := a[k]; !ok && !yield(k) {
				return
			}
		}
	}
}

// subtract is the lines of a not in b, as multisets.
func subtract(a, b []string) []string {
	left := map[string]int{}
	for _, l := range b {
		left[l]++
	}
	var out []string
	for _, l := range a {
		if left[l] > 0 {
			left[l]--
			continue
		}
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}
