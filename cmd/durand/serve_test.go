package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// child is durand running in a process of its own, its standard error
// read line by line.
type child struct {
	cmd    *exec.Cmd
	lines  chan string // closed when standard error ends
	stderr []string    // the lines read so far
}

// startChild runs durand with args in a child process; it is killed when
// the test ends, if it has not exited by then.
func startChild(t testing.TB, args ...string) *child {
	t.Helper()
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	c := &child{cmd: exec.Command(os.Args[0], args...), lines: make(chan string)}
	c.cmd.Env = append(os.Environ(), "DURAND_TEST_MAIN=1", "DURAND_TOKEN=")
	errp, err := c.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	go func() {
		defer close(c.lines)
		sc := bufio.NewScanner(errp)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
	}()
	return c
}

// waitFor reads standard error until a line holds s, and returns it; it
// returns "" when standard error ends first. The deadline only keeps a
// hung child from hanging the test.
func (c *child) waitFor(t testing.TB, s string) string {
	t.Helper()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				return ""
			}
			c.stderr = append(c.stderr, l)
			if strings.Contains(l, s) {
				return l
			}
		case <-deadline:
			t.Fatalf("%v: no %q on standard error in 2 minutes:\n%s", c.cmd.Args[1:], s, strings.Join(c.stderr, "\n"))
		}
	}
}

// exit waits for the child to end and returns its exit status (-1 when a
// signal killed it).
func (c *child) exit(t testing.TB) int {
	t.Helper()
	for range c.lines {
	}
	c.cmd.Wait()
	return c.cmd.ProcessState.ExitCode()
}

// listening waits for serve's "dashboard and API on http://ADDR/" line
// and returns ADDR, or "" when the child ended without listening.
func (c *child) listening(t testing.TB) string {
	t.Helper()
	l := c.waitFor(t, "dashboard and API on http://")
	if l == "" {
		return ""
	}
	_, addr, _ := strings.Cut(l, "http://")
	addr, _, _ = strings.Cut(addr, "/")
	return addr
}

// TestServeRefusesNetworkAddress checks that serve and demo refuse an
// address other machines can reach unless --insecure is given, and say
// why; they used to start without a word.
func TestServeRefusesNetworkAddress(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	for _, c := range []struct {
		args   []string
		refuse bool
	}{
		{[]string{"serve", "--addr", "0.0.0.0:0"}, true},
		{[]string{"serve", "--addr", ":0"}, true},
		{[]string{"serve", "--addr", "[::]:0"}, true},
		{[]string{"serve", "--addr", "0.0.0.0:0", "--token", "s3cret"}, true},
		{[]string{"demo", "--addr", "0.0.0.0:0"}, true},
		{[]string{"serve", "--addr", "0.0.0.0:0", "--insecure"}, false},
		{[]string{"serve", "--addr", "127.0.0.1:0"}, false},
		{[]string{"serve", "--addr", "localhost:0"}, false},
	} {
		args := append(c.args, "--db", db)
		ch := startChild(t, args...)
		addr := ch.listening(t)
		stderr := strings.Join(ch.stderr, "\n")
		switch {
		case c.refuse && addr != "":
			t.Errorf("%v: listening on %s, want a refusal", c.args, addr)
		case c.refuse && (!strings.Contains(stderr, "not a loopback address") || !strings.Contains(stderr, "--insecure")):
			t.Errorf("%v: the refusal does not say why and what to do:\n%s", c.args, stderr)
		case c.refuse && strings.Contains(stderr, "built in"):
			t.Errorf("%v: the demo was built before the address was refused:\n%s", c.args, stderr)
		case !c.refuse && addr == "":
			t.Errorf("%v: not listening:\n%s", c.args, stderr)
		}
		if addr != "" {
			ch.cmd.Process.Signal(syscall.SIGTERM)
		}
		code := ch.exit(t)
		if want := map[bool]int{true: 1, false: 0}[c.refuse]; code != want {
			t.Errorf("%v: exit status %d, want %d:\n%s", c.args, code, want, strings.Join(ch.stderr, "\n"))
		}
	}
}

// TestServeDrainsOnSIGTERM sends SIGTERM to serve while a request is in
// its handler: the request must complete and serve exit 0. SIGTERM used
// to kill it at once (exit 143), the request lost.
func TestServeDrainsOnSIGTERM(t *testing.T) {
	ch := startChild(t, "serve", "--db", filepath.Join(t.TempDir(), "s.db"), "--addr", "127.0.0.1:0", "--token", "s3cret")
	addr := ch.listening(t)
	if addr == "" {
		t.Fatalf("serve did not start:\n%s", strings.Join(ch.stderr, "\n"))
	}
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"id":"term","text":"Gunmen killed two guards in Quetta on Monday."}` + "\n"
	// Expect: 100-continue makes the server say when its handler starts
	// reading the body: from then on the request is in flight.
	fmt.Fprintf(conn, "POST /api/documents HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer s3cret\r\n"+
		"Content-Type: application/x-ndjson\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", addr, len(body))
	rd := bufio.NewReader(conn)
	if l, err := rd.ReadString('\n'); err != nil || !strings.Contains(l, "100 Continue") {
		t.Fatalf("want 100 Continue, got %q %v", l, err)
	}
	rd.ReadString('\n') // the blank line after it
	if err := ch.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if ch.waitFor(t, "stopping") == "" {
		t.Fatalf("serve ended on SIGTERM without draining (exit status %d):\n%s", ch.exit(t), strings.Join(ch.stderr, "\n"))
	}
	conn.Write([]byte(body))
	r, err := http.ReadResponse(rd, nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	var m map[string]any
	json.NewDecoder(r.Body).Decode(&m)
	r.Body.Close()
	if r.StatusCode != 200 || m["stored"] != 1.0 {
		t.Errorf("the request in flight: %d %v", r.StatusCode, m)
	}
	if code := ch.exit(t); code != 0 {
		t.Errorf("exit status %d after SIGTERM, want 0:\n%s", code, strings.Join(ch.stderr, "\n"))
	}
	if _, err := net.Dial("tcp", addr); err == nil {
		t.Error("still listening after exit")
	}
}
