package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandConventions runs durand as a user would and checks the exit
// status and what standard error says: a bad flag of any command is a
// usage error (2) with a pointer to the help; a database that does not
// exist is refused by the commands that read one, and not made; --version
// prints a version.
func TestCommandConventions(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	missing := filepath.Join(t.TempDir(), "missing.db")
	for _, c := range []struct {
		args   []string
		status int
		stderr string // a part of it; for status 0, of standard output
	}{
		{[]string{"events", "--bogus"}, 2, "durand COMMAND --help"},
		{[]string{"extract", "--workers", "x"}, 2, "--workers"},
		{[]string{"ingest", "--nope"}, 2, "unknown flag"},
		{[]string{"events", "--db", missing}, 1, "no such database"},
		{[]string{"analyze", "series", "--db", missing}, 1, "no such database"},
		{[]string{"--version"}, 0, "durand version"},
	} {
		cmd := exec.Command(os.Args[0], c.args...)
		cmd.Env = append(os.Environ(), "DURAND_TEST_MAIN=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		if got := cmd.ProcessState.ExitCode(); got != c.status {
			t.Errorf("durand %v: exit status %d, want %d\n%s", c.args, got, c.status, stderr.String())
		}
		said := stderr.String()
		if c.status == 0 {
			said = stdout.String()
		}
		if !strings.Contains(said, c.stderr) {
			t.Errorf("durand %v said %q, want it to say %q", c.args, said, c.stderr)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("reading a database that does not exist made %s", missing)
	}
}
