package main

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/want.txt")

// TestCompare: an event whose id alone changed is no difference; a changed
// toll is one event gone and one new; an event of a document no longer
// given is gone; misses now right, now wrong and wrong another way; and
// only the scores that moved.
func TestCompare(t *testing.T) {
	var out bytes.Buffer
	if err := compare(&out, "testdata/before", "testdata/after"); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/want.txt", out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/want.txt")
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
