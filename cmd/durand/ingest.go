package main

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/store"
)

type ingestFlags struct {
	db, in   string
	workers  int
	maxBytes int
	batch    int
	watch    bool
	interval time.Duration
	verbose  bool
}

func newIngest() *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest [--db PATH] [--in text|jsonl|html|feed] [--watch] SOURCE...",
		Short: "Read reports into the store, extracting their events (idempotent)",
		Long: `Ingest reads reports (files, folders, JSON lines, HTML pages, RSS/Atom feeds, http(s) URLs, or - for
standard input), extracts their events and stores each document with its events in one transaction.
A document whose normalised text is stored already is skipped, so running ingest again adds nothing.
Bad inputs are reported with their name and the reason, counted and logged, and the run goes on; the
exit status is 1 when any input failed. With --watch, the sources are read again every --interval
(unchanged files are not re-read; feeds are re-fetched and only new items stored) until interrupted.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runIngest(cmd, args, f) },
	}
	dbFlag(cmd, &f.db)
	cmd.Flags().StringVar(&f.in, "in", "", "input format: text, jsonl, html or feed (default: by extension, else by content)")
	cmd.Flags().IntVar(&f.workers, "workers", 0, "extraction workers (default: one per core)")
	cmd.Flags().IntVar(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest document to read, in bytes")
	cmd.Flags().IntVar(&f.batch, "batch", 64, "documents per transaction")
	cmd.Flags().BoolVar(&f.watch, "watch", false, "poll the sources again every --interval until interrupted")
	cmd.Flags().DurationVar(&f.interval, "interval", 5*time.Minute, "how often --watch polls")
	cmd.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "print each document's outcome on standard output once it is final")
	return cmd
}

func runIngest(cmd *cobra.Command, args []string, f ingestFlags) error {
	format, err := ingest.ParseFormat(f.in)
	if err != nil {
		return fmt.Errorf("--in: %w", err)
	}
	if f.watch && f.interval < time.Second {
		return fmt.Errorf("--interval %v: at least 1s", f.interval)
	}
	st, x, err := openWork(f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := cmd.Context()
	rd := &ingest.Reader{Format: format, MaxBytes: f.maxBytes, Stdin: stdin(cmd), OnlyChanged: f.watch}
	var failed atomic.Int64
	for pass := 1; ; pass++ {
		c, err := ingestOnce(ctx, cmd, x, st, rd, args, f, &failed)
		if err != nil {
			return err
		}
		replaced := ""
		if c.Replaced > 0 {
			replaced = fmt.Sprintf(" (%d replacing an earlier version under the same id)", c.Replaced)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "durand ingest: %d stored (%d events)%s, %d already stored, %d failed; database %s\n",
			c.Stored, c.Events, replaced, c.Skipped, failed.Load(), f.db)
		if !f.watch {
			break
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(f.interval):
		}
	}
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("%d input(s) failed: %w", n, errReported)
	}
	return nil
}

func ingestOnce(ctx context.Context, cmd *cobra.Command, x *pipeline.Extractor, st store.Store, rd *ingest.Reader,
	args []string, f ingestFlags, failed *atomic.Int64) (pipeline.Counts, error) {
	stderr, stdout := cmd.ErrOrStderr(), cmd.OutOrStdout()
	bar := newProgress(ctx, stderr, "ingest", rd.Estimate(args))
	defer bar.done()
	fail := func(err error) {
		failed.Add(1)
		bar.add()
		fmt.Fprintln(stderr, "durand ingest:", err)
		e := store.LogEntry{Input: "?", Status: store.Failed, Error: err.Error()}
		if ie, ok := err.(*ingest.Error); ok {
			e.Input, e.Error = ie.Input, ie.Err.Error()
		}
		if lerr := st.Log(ctx, e); lerr != nil {
			fmt.Fprintln(stderr, "durand ingest: log:", lerr)
		}
	}
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	docs := rd.Stream(readCtx, args, fail)
	c, err := x.Ingest(ctx, docs, st, pipeline.StoreOptions{Workers: f.workers, Batch: f.batch, Report: func(o pipeline.Outcome) {
		bar.add()
		if o.Status == store.Failed {
			// Over its time budget or refused by the store: logged
			// there already; the rest goes on.
			failed.Add(1)
			fmt.Fprintln(stderr, "durand ingest:", o.Err)
		}
		if !f.verbose {
			return
		}
		if len(o.Replaced) > 0 {
			fmt.Fprintf(stdout, "%s\t%s\t%d events\treplaced %s\n", o.Status, o.Doc.ID, o.Events, strings.Join(o.Replaced, " "))
			return
		}
		fmt.Fprintf(stdout, "%s\t%s\t%d events\n", o.Status, o.Doc.ID, o.Events)
	}})
	stopReading()
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(stderr, "durand ingest: interrupted; %d documents stored before it are kept\n", c.Stored)
		return c, nil
	}
	return c, err
}
