package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/export"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
)

func newExtract() *cobra.Command {
	var in, format string
	var workers, maxBytes int
	cmd := &cobra.Command{
		Use:   "extract [--in text|jsonl|html|feed] [--format jsonl|csv|geojson] [FILE|DIR|URL|-]...",
		Short: "Extract events from reports to standard output, without a database",
		Long: `Extract reads reports (plain text files, JSON lines with {"id","title","published","source","url","text"},
HTML pages, RSS/Atom feeds, folders of them, http(s) URLs, or - for standard input) and writes one event per line in the contract format of DESIGN.md.
A bad input is reported on standard error with its name and the reason, and the rest is read; the exit
status is 1 when any input failed.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"-"}
			}
			return runExtract(cmd, args, ingest.Format(in), format, workers, maxBytes)
		},
	}
	cmd.Flags().StringVar(&in, "in", "", "input format: text, jsonl, html or feed (default: by file extension, else by content)")
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl, csv (ACLED columns), ucdp, geojson or parquet")
	cmd.Flags().IntVar(&workers, "workers", 0, "extraction workers (default: one per core)")
	cmd.Flags().IntVar(&maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest document to read, in bytes")
	return cmd
}

func runExtract(cmd *cobra.Command, args []string, in ingest.Format, format string, workers, maxBytes int) error {
	if _, err := ingest.ParseFormat(string(in)); err != nil {
		return fmt.Errorf("--in: %w", err)
	}
	x, err := newExtractor()
	if err != nil {
		return err
	}
	w, err := export.New(cmd.OutOrStdout(), format, export.Options{Countries: x.Lexicon().Countries})
	if err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	var failed atomic.Int64
	fail := func(err error) {
		failed.Add(1)
		fmt.Fprintln(stderr, "durand extract:", err)
	}
	readCtx, stopReading := context.WithCancel(cmd.Context())
	defer stopReading()
	rd := &ingest.Reader{Format: in, MaxBytes: maxBytes, Stdin: stdin(cmd)}
	docs := rd.Stream(readCtx, args, fail)
	err = x.Run(cmd.Context(), docs, workers, func(r pipeline.Result) error {
		if r.Err != nil {
			fail(r.Err) // over its time budget: the rest goes on
			return nil
		}
		for _, ev := range r.Events {
			if err := w.Write(ev); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("%d input(s) failed: %w", n, errReported)
	}
	return nil
}

func stdin(cmd *cobra.Command) io.Reader {
	if r := cmd.InOrStdin(); r != nil {
		return r
	}
	return os.Stdin
}
