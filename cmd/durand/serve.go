package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/recognize"
	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/web"
)

func newServe() *cobra.Command {
	var db, addr, token string
	cmd := &cobra.Command{
		Use:   "serve [--db PATH] [--addr 127.0.0.1:8080] [--token TOKEN]",
		Short: "Serve the JSON API and the dashboard",
		Long: `Serve answers the JSON API (/api/openapi.json describes it) and serves the dashboard at /. It listens on
127.0.0.1:8080 unless --addr says otherwise. POST /api/documents needs "Authorization: Bearer TOKEN" with the
token from --token or DURAND_TOKEN; without one, writes over HTTP are disabled. Interrupt to stop: requests in
flight are finished first.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(db)
			if err != nil {
				return err
			}
			defer st.Close()
			return runServe(cmd.Context(), cmd, st, addr, token)
		},
	}
	dbFlag(cmd, &db)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&token, "token", os.Getenv("DURAND_TOKEN"), "bearer token for POST /api/documents (default $DURAND_TOKEN; empty disables writes)")
	return cmd
}

func runServe(ctx context.Context, cmd *cobra.Command, st store.Store, addr, token string) error {
	countries, err := recognize.Countries(data.FS)
	if err != nil {
		return err
	}
	opt := serve.Options{Token: token, Assets: web.Assets(), Boundaries: data.FS, Countries: countries,
		Log: slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))}
	if token != "" {
		x, err := newExtractor()
		if err != nil {
			return err
		}
		opt.Extractor = x
	}
	return serve.Serve(ctx, addr, serve.Handler(st, opt), func(a net.Addr) {
		fmt.Fprintf(cmd.ErrOrStderr(), "durand serve: dashboard and API on http://%s/ (interrupt to stop)\n", a)
	})
}
