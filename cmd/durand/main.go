// Command durand turns reports about an armed conflict into a located,
// dated, casualty-counted event dataset.
//
// Usage:
//
//	durand extract [--in text|jsonl] [--format jsonl|csv] [FILE|DIR|-]...
//	durand eval --format seed|gtd|ucdp [--json] GOLD
//
// Run "durand help" for the full list.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := newRoot().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "durand:", err)
		os.Exit(1)
	}
}
