package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store"
)

// StoreOptions tune Ingest.
type StoreOptions struct {
	// Workers extract in parallel; 0 is one per core.
	Workers int
	// Batch is the most documents written in one transaction (default
	// 64); Flush is the longest a finished document waits for its batch
	// (default 200 ms), so a slow trickle of documents is still written
	// promptly.
	Batch int
	Flush time.Duration
	// Report, when set, is told each document's outcome once it is final:
	// for "stored", after the transaction holding it has committed.
	Report func(Outcome)
}

// Outcome is what became of one document.
type Outcome struct {
	Doc    durand.Document
	Status string // store.Stored, store.Skipped or store.Failed
	Events int
	// Replaced holds the hashes of earlier versions of the document (the
	// same id, other texts) whose events its own replaced.
	Replaced []string
	// Err says why the document failed.
	Err error
}

// Counts tallies an ingest run. Replaced counts the stored documents that
// replaced an earlier version.
type Counts struct {
	Stored, Replaced, Skipped, Failed, Events int
}

// Ingest extracts the events of every document read from docs and stores
// each document with its events. A document whose text is stored already
// is skipped before extraction. Each outcome is logged in the store. It
// returns when docs is closed and everything is written, or on the first
// store error, or when ctx ends; what was reported stored is committed.
func (x *Extractor) Ingest(ctx context.Context, docs <-chan durand.Document, st store.Store, opt StoreOptions) (Counts, error) {
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	if opt.Flush <= 0 {
		opt.Flush = 200 * time.Millisecond
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var mu sync.Mutex
	var counts Counts
	var skipped []store.LogEntry // known texts and failed extractions not yet logged
	report := func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		switch o.Status {
		case store.Stored:
			counts.Stored++
			counts.Events += o.Events
			if len(o.Replaced) > 0 {
				counts.Replaced++
			}
		case store.Skipped:
			counts.Skipped++
		case store.Failed:
			counts.Failed++
		}
		if opt.Report != nil {
			opt.Report(o)
		}
	}

	// Skip known texts before spending extraction on them.
	fresh := make(chan durand.Document, opt.Batch)
	skipErr := make(chan error, 1)
	go func() {
		defer close(fresh)
		for d := range docs {
			known, err := st.HasDocument(ctx, d.Hash)
			if err != nil {
				skipErr <- fmt.Errorf("look up document %q: %w", d.ID, err)
				cancel(err)
				return
			}
			if known {
				// Logged with the next batch: a re-run over stored texts
				// costs a transaction per flush, not one per document.
				mu.Lock()
				skipped = append(skipped, store.LogEntry{Input: string(d.ID), Doc: d.ID, Hash: d.Hash, Status: store.Skipped})
				mu.Unlock()
				report(Outcome{Doc: d, Status: store.Skipped})
				continue
			}
			select {
			case fresh <- d:
			case <-ctx.Done():
				return
			}
		}
	}()

	results := make(chan Result, opt.Batch)
	runErr := make(chan error, 1)
	go func() {
		defer close(results)
		runErr <- x.Run(ctx, fresh, opt.Workers, func(r Result) error {
			select {
			case results <- r:
				return nil
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		})
	}()

	var batch []store.Extracted
	flush := func() error {
		mu.Lock()
		log := skipped
		skipped = nil
		mu.Unlock()
		if len(batch) == 0 && len(log) == 0 {
			return nil
		}
		var res []store.PutResult
		if len(batch) > 0 {
			var err error
			if res, err = st.PutDocuments(ctx, batch); err != nil {
				return fmt.Errorf("store %d documents: %w", len(batch), err)
			}
		}
		// PutDocuments logged its documents in their own transaction;
		// this logs only the texts skipped before extraction.
		outs := make([]Outcome, len(batch))
		for i, b := range batch {
			outs[i] = Outcome{Doc: b.Doc, Status: res[i].Status, Replaced: res[i].Replaced, Err: res[i].Err}
			if res[i].Status == store.Stored {
				outs[i].Events = len(b.Events)
			}
		}
		if err := st.Log(ctx, log...); err != nil {
			return err
		}
		for _, o := range outs {
			report(o)
		}
		batch = batch[:0]
		return nil
	}
	tick := time.NewTicker(opt.Flush)
	defer tick.Stop()
	var err error
loop:
	for {
		select {
		case r, ok := <-results:
			if !ok {
				break loop
			}
			if r.Err != nil {
				// Over its time budget, or stopped: logged with the next
				// batch, and the rest goes on.
				mu.Lock()
				skipped = append(skipped, store.LogEntry{Input: string(r.Doc.ID), Doc: r.Doc.ID, Hash: r.Doc.Hash, Status: store.Failed, Error: r.Err.Error()})
				mu.Unlock()
				report(Outcome{Doc: r.Doc, Status: store.Failed, Err: r.Err})
				break
			}
			batch = append(batch, store.Extracted{Doc: r.Doc, Events: r.Events})
			if len(batch) >= opt.Batch {
				err = flush()
			}
		case <-tick.C:
			err = flush()
		}
		if err != nil {
			cancel(err)
			break
		}
	}
	if err == nil {
		err = flush()
	}
	if rerr := <-runErr; err == nil && rerr != nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	select {
	case serr := <-skipErr:
		if err == nil {
			err = serr
		}
	default:
	}
	if err == nil {
		err = ctx.Err()
	}
	mu.Lock()
	defer mu.Unlock()
	return counts, err
}
