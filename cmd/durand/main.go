// Command durand turns reports about an armed conflict into a located,
// dated, casualty-counted event dataset.
//
// Usage:
//
//	durand extract [--in text|jsonl] [--format jsonl|csv] [FILE|DIR|-]...
//	durand eval --format seed|gtd|ucdp [--json] GOLD
//	durand analyze series|retaliation|eventstudy|var|hawkes|backtest|claims [filters] [--format table|json|csv] [--plot FILE.svg|.png]
//
// A usage error (a bad flag or flag value) exits with status 2; any other
// failure exits with status 1.
//
// Run "durand help" for the full list.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// A service manager stops with SIGTERM: every command then ends as on
	// an interrupt (ingest keeps what it committed, serve drains).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRoot().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "durand:", err)
		if errors.As(err, new(usageError)) {
			fmt.Fprintln(os.Stderr, "durand: run 'durand help' or 'durand COMMAND --help' for how to call it")
			os.Exit(2)
		}
		os.Exit(1)
	}
}
