// Package demo builds a demonstration database from the corpus shipped in
// the binary: the 2025 Wikipedia current-events items about Afghanistan
// and Pakistan and the seed op-ed, extracted, and UCDP GED's Pakistan
// events, imported. Sources and licences: corpus/ATTRIBUTION.md.
package demo

//go:generate sh -c "cp ../../shared/data/news/current_events_AF_PK_2025.jsonl corpus/ && gzip -9n < ../../shared/data/ucdp/ged_pakistan_1989_2021Q1.csv > corpus/ged_pakistan_1989_2021Q1.csv.gz && cp ../testdata/seed/article.jsonl corpus/seed_oped.jsonl"

import (
	"compress/gzip"
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/store"
)

//go:embed corpus
var corpus embed.FS

// Attribution is the corpus's sources and licences, to print with it.
func Attribution() string {
	b, _ := fs.ReadFile(corpus, "corpus/ATTRIBUTION.md")
	return string(b)
}

// reports are the shipped reports, read as JSON lines.
var reports = []string{"corpus/seed_oped.jsonl", "corpus/current_events_AF_PK_2025.jsonl"}

// Result tallies a build.
type Result struct {
	Ingest   pipeline.Counts
	Imported int
	Failed   int
}

// Build fills st: the reports are extracted and stored (skipped when
// stored already, so a second build adds nothing), the UCDP file imported
// (its records replaced, not doubled). Problems with single records are
// written to log and counted.
func Build(ctx context.Context, st store.Store, x *pipeline.Extractor, im *dataset.Importer, log io.Writer) (Result, error) {
	var res Result
	docs := make(chan durand.Document, 64)
	fail := func(err error) {
		res.Failed++
		fmt.Fprintln(log, "demo:", err)
	}
	go func() {
		defer close(docs)
		r := &ingest.Reader{Format: ingest.JSONL}
		for _, name := range reports {
			f, err := corpus.Open(name)
			if err != nil {
				fail(err)
				continue
			}
			_ = r.ReadStream(name, f, ingest.SendTo(ctx, docs), fail)
			f.Close()
		}
	}()
	c, err := x.Ingest(ctx, docs, st, pipeline.StoreOptions{})
	res.Ingest = c
	if err != nil {
		return res, fmt.Errorf("demo reports: %w", err)
	}

	f, err := corpus.Open("corpus/ged_pakistan_1989_2021Q1.csv.gz")
	if err != nil {
		return res, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return res, fmt.Errorf("demo UCDP file: %w", err)
	}
	res.Imported, err = im.Import(ctx, st, "ucdp", zr, "ged_pakistan_1989_2021Q1.csv", fail)
	if err != nil {
		return res, fmt.Errorf("demo UCDP import: %w", err)
	}
	return res, nil
}
