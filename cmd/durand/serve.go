package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/recognize"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
	"github.com/durandhq/durand/web"
)

func newServe() *cobra.Command {
	var db, token string
	var lf listenFlags
	cmd := &cobra.Command{
		Use:   "serve [--db PATH] [--addr 127.0.0.1:8080] [--token TOKEN] [--insecure] [--allowed-hosts NAME,...]",
		Short: "Serve the JSON API and the dashboard",
		Long: `Serve answers the JSON API (/api/openapi.json describes it) and serves the dashboard at /. It listens on
127.0.0.1:8080 unless --addr says otherwise. POST /api/documents needs "Authorization: Bearer TOKEN" with the
token from --token or DURAND_TOKEN; without one, writes over HTTP are disabled. Interrupt or terminate
(SIGTERM) to stop: requests in flight are finished first.

` + listenHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ln, err := lf.listen()
			if err != nil {
				return err
			}
			defer ln.Close()
			st, err := openStoreWith(db, sqlite.Options{PageCache: servePageCache})
			if err != nil {
				return err
			}
			defer st.Close()
			return runServe(cmd.Context(), cmd, st, ln, token, lf.hosts())
		},
	}
	dbFlag(cmd, &db)
	lf.add(cmd)
	cmd.Flags().StringVar(&token, "token", os.Getenv("DURAND_TOKEN"), "bearer token for POST /api/documents (default $DURAND_TOKEN; empty disables writes)")
	return cmd
}

// listenHelp is what serve's and demo's manuals say about --addr,
// --insecure and --allowed-hosts.
const listenHelp = `Reads need no token, so an address other machines can reach (0.0.0.0:8080, :8080, a LAN address) is refused unless
--insecure is given: with it, anyone who can reach the address can read everything stored, through the API and the
dashboard. --insecure permits only that: writes still need --token (sent in clear over plain HTTP: put a TLS proxy
in front), and the Host check stays. A request's Host header must be an IP address, localhost, a name under
.localhost, the name --addr gives, or one of --allowed-hosts (".example.org" allows the names under it, "*" any
name); others are answered 421, so that a page whose DNS name is rebound to this address cannot read the API from
its visitors' browsers. Behind a proxy that passes on the public Host, give that name in --allowed-hosts.`

// listenFlags are serve's and demo's flags about where to listen.
type listenFlags struct {
	addr         string
	insecure     bool
	allowedHosts []string
}

func (f *listenFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().BoolVar(&f.insecure, "insecure", false, "allow an --addr other machines can reach: they can read everything stored")
	cmd.Flags().StringSliceVar(&f.allowedHosts, "allowed-hosts", nil, "more names the Host header may give (comma-separated; .example.org allows the names under it, * any)")
}

// listen listens on --addr, refusing an address other machines can reach
// without --insecure.
func (f *listenFlags) listen() (net.Listener, error) {
	ln, err := serve.Listen(f.addr, f.insecure)
	if errors.Is(err, serve.ErrNotLoopback) {
		return nil, fmt.Errorf("%w; give --insecure to accept that (writes still need --token), or listen on 127.0.0.1 behind a proxy that authenticates", err)
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%w: another program listens there; choose another with --addr, such as --addr 127.0.0.1:0 for any free port", err)
	}
	return ln, err
}

// listenOrFree is listen, but when --addr was left at its default and that
// port is busy, it listens on a free port of the same address and says so:
// a first demo should not fail on a port some other program holds.
func (f *listenFlags) listenOrFree(cmd *cobra.Command) (net.Listener, error) {
	ln, err := f.listen()
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) || cmd.Flags().Changed("addr") {
		return ln, err
	}
	host, port, _ := net.SplitHostPort(f.addr)
	busy := f.addr
	f.addr = net.JoinHostPort(host, "0")
	if ln, err = f.listen(); err != nil {
		return nil, err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "durand: port %s of %s is busy: serving on %s instead (--addr chooses)\n", port, busy, ln.Addr())
	return ln, nil
}

// hosts are the names the Host header may give: --allowed-hosts and the
// name --addr gives, if it gives one.
func (f *listenFlags) hosts() []string {
	h, _, err := net.SplitHostPort(f.addr)
	if err != nil || h == "" || net.ParseIP(strings.Trim(h, "[]")) != nil {
		return f.allowedHosts
	}
	return append(slices.Clip(f.allowedHosts), h)
}

// runServe serves st on ln until ctx ends or SIGTERM comes (a service
// manager's stop), then finishes the requests in flight.
func runServe(ctx context.Context, cmd *cobra.Command, st store.Store, ln net.Listener, token string, hosts []string) error {
	countries, err := recognize.Countries(data.FS)
	if err != nil {
		return err
	}
	out := cmd.ErrOrStderr()
	opt := serve.Options{Token: token, Assets: web.Assets(), Boundaries: data.FS, Countries: countries, AllowedHosts: hosts,
		Log: slog.New(slog.NewTextHandler(out, nil))}
	if token != "" {
		x, err := newExtractor()
		if err != nil {
			return err
		}
		opt.Extractor = x
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	served := make(chan struct{})
	defer close(served)
	go func() {
		select {
		case <-ctx.Done():
			fmt.Fprintln(out, "durand serve: stopping: finishing the requests in flight")
		case <-served:
		}
	}()
	a := ln.Addr().(*net.TCPAddr)
	if !a.IP.IsLoopback() {
		fmt.Fprintf(out, "durand serve: listening on %s with --insecure: anyone who can reach it can read everything stored\n", a)
	}
	fmt.Fprintf(out, "durand serve: dashboard and API on http://%s/ (interrupt to stop)\n", a)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	// The first series, network or map points load the store's summary
	// of every event (seconds at 200,000 events): load it now, not in
	// the first visitor's request.
	go st.Points(ctx, store.Query{Limit: 1})
	return serve.Serve(ctx, ln, serve.Handler(st, opt))
}

// servePageCache is each SQLite connection's page cache in a server.
const servePageCache = 8 << 20

// serveMemoryLimit is the Go heap a server aims to stay under unless
// GOMEMLIMIT says otherwise: its live data is the summary of the events
// (about 330 bytes an event, 63 MB at 200,000) and the responses in
// flight, and by default the collector lets the heap reach twice the live
// data before it runs; SQLite's page caches (8 MiB a connection) come on
// top.
const serveMemoryLimit = 200 << 20
