package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := newRoot()
	var out, errb bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetArgs(args)
	err = cmd.Execute()
	return out.String(), errb.String(), err
}

func TestExtractSeed(t *testing.T) {
	out, _, err := run(t, "", "extract", "../../testdata/seed/article.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 12 {
		t.Fatalf("%d events", len(lines))
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		if m["docs"].([]any)[0] != "seed-oped-2024-03" {
			t.Errorf("docs %v: the input id must be kept", m["docs"])
		}
	}
}

func TestExtractBadInputsGoOn(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte("{\"id\":\"bad\"\n{\"id\":\"ok\",\"published\":\"2021-01-04\",\"text\":\"Gunmen killed two police officers in Jalalabad, Nangarhar.\"}\n"), 0o644)
	out, stderr, err := run(t, "", "extract", in, filepath.Join(dir, "nope.txt"))
	if err == nil {
		t.Error("exit status 0 with failed inputs")
	}
	if !strings.Contains(stderr, "in.jsonl:1") || !strings.Contains(stderr, "nope.txt") {
		t.Errorf("stderr does not name the inputs: %s", stderr)
	}
	if !strings.Contains(out, `"ok"`) {
		t.Errorf("the good document was not extracted: %s", out)
	}
}

// TestExtractBudgetGoesOn checks that a document over --budget is
// reported with its name and the reason, the exit status is 1, and the
// next document is extracted (a one-sentence one: the budget is checked
// after each sentence).
func TestExtractBudgetGoesOn(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.jsonl")
	long := strings.Repeat("Gunmen killed two police officers in Jalalabad. ", 20)
	os.WriteFile(in, []byte(`{"id":"long","published":"2021-01-04","text":"`+long+`"}`+"\n"+
		`{"id":"ok","published":"2021-01-04","text":"Gunmen killed two police officers in Jalalabad, Nangarhar."}`+"\n"), 0o644)
	out, stderr, err := run(t, "", "extract", "--budget", "1ns", in)
	if err == nil {
		t.Error("exit status 0 with a document over its budget")
	}
	if !strings.Contains(stderr, "doc long:") || !strings.Contains(stderr, "time budget exceeded") {
		t.Errorf("stderr does not name the document and the reason: %s", stderr)
	}
	if !strings.Contains(out, `"ok"`) || strings.Contains(out, `"long"`) {
		t.Errorf("want the next document's events only: %s", out)
	}
}

func TestExtractCSVFromStdin(t *testing.T) {
	out, _, err := run(t, "Gunmen killed two police officers in Jalalabad, Nangarhar, on Monday.", "extract", "--format", "csv", "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "event_id_cnty,event_date") || strings.Count(out, "\n") != 2 {
		t.Errorf("csv:\n%s", out)
	}
}

func TestEvalFloors(t *testing.T) {
	_, _, err := run(t, "", "eval", "--format", "seed", "--floor", "type=1.01", "../../testdata/seed/gold.json")
	if err == nil || !strings.Contains(err.Error(), "below floor") {
		t.Errorf("floor above the score passed: %v", err)
	}
	if _, _, err := run(t, "", "eval", "--format", "seed", "--floor", "type=0.9", "../../testdata/seed/gold.json"); err != nil {
		t.Error(err)
	}
}

func TestExtractHugeDocumentReportedAndSkipped(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("Militants attacked a post in Khost. "), 50<<20/36), 0o644); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("Gunmen killed two police officers in Jalalabad, Nangarhar."), 0o644)
	out, stderr, err := run(t, "", "extract", big, small)
	if err == nil || !strings.Contains(stderr, "big.txt: document too large") {
		t.Errorf("50 MB document: err %v, stderr %q", err, stderr)
	}
	if !strings.Contains(out, "small.txt") {
		t.Errorf("the next input was not read: %q", out)
	}
}

// TestExtractWithPhoenixActors codes actors from a PETRARCH/Phoenix
// dictionary given with --actors phoenix:FILE, and reports a bad line of
// it without stopping.
func TestExtractWithPhoenixActors(t *testing.T) {
	dict := filepath.Join(t.TempDir(), "actors.txt")
	if err := os.WriteFile(dict, []byte("ARNOR [ARN]\nPRESIDENT [~GOV]\nGOLLUM\n\t[HOB 19951301 - 19990815]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "Arnor's president condemned the attack on Khost.", "extract", "--actors", "phoenix:"+dict, "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"code":"ARN.GOV"`) {
		t.Errorf("extract with --actors: no ARN.GOV actor in %s", out)
	}
	if _, _, err := run(t, "x", "extract", "--actors", "phoenix:"+dict+".missing", "-"); err == nil {
		t.Error("a missing --actors file is not an error")
	}
}
