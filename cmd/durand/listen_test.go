package main

import (
	"bytes"
	"net"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestListenBusyPort: a busy port is refused with a way out when --addr
// was given, and replaced by a free one, with a message, when it was not
// (the demo's first run on a machine where 8080 is taken).
func TestListenBusyPort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()

	given := &cobra.Command{}
	var lf listenFlags
	lf.add(given)
	if err := given.Flags().Set("addr", addr); err != nil {
		t.Fatal(err)
	}
	if _, err := lf.listenOrFree(given); err == nil || !strings.Contains(err.Error(), "choose another with --addr") {
		t.Errorf("--addr %s given and busy: %v", addr, err)
	}

	left := &cobra.Command{}
	var stderr bytes.Buffer
	left.SetErr(&stderr)
	var lf2 listenFlags
	lf2.add(left)
	lf2.addr = addr // as if it were the default
	ln, err := lf2.listenOrFree(left)
	if err != nil {
		t.Fatalf("default address busy: %v", err)
	}
	defer ln.Close()
	if ln.Addr().String() == addr || !strings.Contains(stderr.String(), "is busy: serving on "+ln.Addr().String()) {
		t.Errorf("listening on %s, said %q", ln.Addr(), stderr.String())
	}
}
