// Package pipeline runs durand's stages in order over documents: sentence
// segmentation, recognition, assembly. It is the only package that knows
// the order of the stages and runs them concurrently.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/assemble"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/recognize"
	"github.com/durandhq/durand/sentence"
)

// Extractor turns documents into events. It is safe for concurrent use.
type Extractor struct {
	rec    *recognize.Recognizer
	asm    *assemble.Assembler
	budget time.Duration
	part   int // partBytes, smaller in tests
}

// Options configure an Extractor. The zero value uses the embedded data.
type Options struct {
	// Lexicon overrides the embedded dictionaries when not nil.
	Lexicon *recognize.Lexicon
	// ActorFiles add actors to the dictionaries: files in the format of
	// data/actors.tsv, or "phoenix:FILE" for PETRARCH/Phoenix dictionaries.
	ActorFiles []string
	// VerbFiles add PETRARCH verb dictionaries (CAMEO.2.0.txt format):
	// their verbs and patterns code the verbs they cover, ahead of the
	// built-in trigger lexicon.
	VerbFiles []string
	// Unasserted reports negated, future and hypothetical statements too,
	// as events with that modality.
	Unasserted bool
	// Warn receives problems that do not stop loading (a dictionary line
	// skipped); nil discards them.
	Warn func(error)
	// Budget is the longest the extraction of one document may take in
	// ExtractContext, Run and Ingest: past it, the document fails with
	// ErrBudget and the next is read. 0 is DefaultBudget; negative is no
	// limit.
	Budget time.Duration
}

// DefaultBudget is the time one document may take by default. The
// largest document the readers accept (8 MiB) takes a few seconds of one
// core at the slowest, with every sentence an attack: a minute is ten
// times that, so that only a defect, or a machine starved of CPU, stops
// a document, and one document can no longer hold a core for an hour.
const DefaultBudget = time.Minute

// ErrBudget is the cause of a document's failure when its extraction
// ran over the extractor's time budget.
var ErrBudget = errors.New("time budget exceeded")

// New loads the dictionaries and returns an extractor.
func New(opt Options) (*Extractor, error) {
	lx := opt.Lexicon
	if lx == nil {
		var err error
		if lx, err = recognize.Load(data.FS); err != nil {
			return nil, fmt.Errorf("load dictionaries: %w", err)
		}
	}
	for _, f := range opt.ActorFiles {
		if _, err := lx.LoadActorFile(f, opt.Warn); err != nil {
			return nil, err
		}
	}
	for _, f := range opt.VerbFiles {
		if _, err := lx.LoadVerbFile(f, opt.Warn); err != nil {
			return nil, err
		}
	}
	asm, err := assemble.New(lx, data.FS)
	if err != nil {
		return nil, fmt.Errorf("load ontology: %w", err)
	}
	if opt.Unasserted {
		asm.ReportUnasserted()
	}
	budget := opt.Budget
	if budget == 0 {
		budget = DefaultBudget
	}
	return &Extractor{rec: recognize.New(lx), asm: asm, budget: budget, part: partBytes}, nil
}

// Lexicon returns the dictionaries in use.
func (x *Extractor) Lexicon() *recognize.Lexicon { return x.rec.Lexicon() }

// Extract returns the events of one document, however long it takes.
func (x *Extractor) Extract(doc durand.Document) []durand.Event {
	evs, _ := x.extract(context.Background(), doc)
	return evs
}

// ExtractContext returns the events of one document, or an error naming
// it when ctx ends or the extractor's budget runs out first (errors.Is
// the error ErrBudget, or ctx's error). Both are checked after every
// sentence.
func (x *Extractor) ExtractContext(ctx context.Context, doc durand.Document) ([]durand.Event, error) {
	if x.budget > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, x.budget, ErrBudget)
		defer cancel()
	}
	evs, err := x.extract(ctx, doc)
	switch {
	case errors.Is(err, ErrBudget):
		return nil, fmt.Errorf("doc %s: extraction stopped after %v: %w", doc.ID, x.budget, err)
	case err != nil:
		return nil, fmt.Errorf("doc %s: extraction stopped: %w", doc.ID, err)
	}
	return evs, nil
}

// extract reads doc part by part (see partBytes): the events of each part
// are assembled on their own, and its working arrays given back before
// the next is read, so that a long document holds the memory of one part
// and of its events, not of all its words. It stops with ctx's cause.
func (x *Extractor) extract(ctx context.Context, doc durand.Document) ([]durand.Event, error) {
	var evs []durand.Event
	sents, paras := 0, 0 // numbered on from part to part
	for from, to := 0, 0; ; from = to {
		to = partEnd(doc.Text, from, x.part)
		w := works.Get().(*work)
		in, err := x.inputs(ctx, doc, from, to, w)
		var part []durand.Event
		if err == nil {
			in = renumber(in, sents, paras)
			part, err = x.asm.AssembleContext(ctx, doc, in)
		}
		if n := len(in); n > 0 {
			sents, paras = in[n-1].Sentence.Index+1, in[n-1].Sentence.Paragraph+1
		}
		w.release()
		if err != nil {
			return nil, err
		}
		if evs == nil {
			evs = part // one part, the most documents: no copy
		} else {
			evs = append(evs, part...)
		}
		if to == len(doc.Text) {
			return evs, nil
		}
	}
}

// renumber numbers the sentences and paragraphs of a part on from those
// of the parts before it.
func renumber(in []assemble.Input, sents, paras int) []assemble.Input {
	for i := range in {
		in[i].Sentence.Index += sents
		in[i].Sentence.Paragraph += paras
	}
	return in
}

// work holds a document's sentences, tokens, mentions and assembly inputs
// while it is extracted. They are pooled: events copy what they keep
// (spans, actors, places), so the arrays are free again once Assemble
// returns, and reusing them saves a third of the pipeline's allocation.
type work struct {
	sents []durand.Sentence
	toks  []durand.Token
	ms    []durand.Mention
	in    []assemble.Input
	words sentence.Words
}

var works = sync.Pool{New: func() any { return new(work) }}

// maxPooled bounds the mentions a pooled work keeps: one huge document
// must not pin its arrays for the life of the process.
const maxPooled = 1 << 14

// release clears the work (its mentions point into the lexicon and the
// document) and returns it to the pool unless it grew too large.
func (w *work) release() {
	if cap(w.ms) > maxPooled || cap(w.toks) > 8*maxPooled {
		return
	}
	clear(w.sents)
	clear(w.toks)
	clear(w.ms)
	clear(w.in)
	w.sents, w.toks, w.ms, w.in = w.sents[:0], w.toks[:0], w.ms[:0], w.in[:0]
	works.Put(w)
}

// inputs splits doc.Text[from:to] into sentences and recognises each, in
// w's arrays. It stops with ctx's cause when ctx is done, which it checks
// after each sentence.
func (x *Extractor) inputs(ctx context.Context, doc durand.Document, from, to int, w *work) ([]assemble.Input, error) {
	w.sents, w.toks = sentence.SplitRange(w.sents[:0], w.toks[:0], doc, from, to, &w.words)
	// A few arrays hold the document's mentions; each sentence gets its
	// run, capped so that nothing appended to one runs into the next.
	// A long document's go in chunks: one array grown to hold them all
	// was copied over and over, most of the time spent on a long text.
	ms := w.ms[:0]
	in := w.in[:0]
	first := true
	var err error
	for i, s := range w.sents {
		if i > 0 && ctx.Err() != nil {
			err = context.Cause(ctx)
			break
		}
		if len(ms) >= mentionChunk {
			if first {
				w.ms, first = ms, false
			}
			ms = make([]durand.Mention, 0, mentionChunk+mentionChunk/4)
		}
		n0 := len(ms)
		ms = x.rec.AppendMentions(ms, doc.Text, s)
		in = append(in, assemble.Input{Sentence: s, Mentions: ms[n0:len(ms):len(ms)]})
	}
	if first {
		w.ms = ms
	}
	w.in = in
	if err != nil {
		return nil, err
	}
	return in, nil
}

// mentionChunk is how many mentions an array holds before the next
// sentence's go into a new one.
const mentionChunk = 1 << 13

// Result is the outcome for one document: its events, or the error that
// stopped its extraction (ErrBudget, or the run's context ending), which
// names it.
type Result struct {
	Doc    durand.Document
	Events []durand.Event
	Err    error
}

// Run extracts events from every document read from docs with one worker
// per core (or workers, when positive), and sends the results, in input
// order, to out. A document whose extraction fails (over budget, or
// stopped when ctx ends) is sent with its error, and the next is read.
// It returns when docs is closed and drained or ctx ends.
func (x *Extractor) Run(ctx context.Context, docs <-chan durand.Document, workers int, out func(Result) error) error {
	return run(ctx, docs, workers, func(d durand.Document) Result {
		evs, err := x.ExtractContext(ctx, d)
		return Result{Doc: d, Events: evs, Err: err}
	}, out)
}

// inFlight is how many documents Run may have in flight for each worker:
// taken to be extracted, and not yet sent out.
const inFlight = 4

// run is Run with the extraction of a document given.
func run(ctx context.Context, docs <-chan durand.Document, workers int, extract func(durand.Document) Result, out func(Result) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		doc durand.Document
	}
	type done struct {
		seq int
		res Result
	}
	jobs := make(chan job)
	results := make(chan done, workers)
	// A slow document holds its place in the order, and the results after
	// it wait for it: at most so many, or they would pile up in memory.
	slots := make(chan struct{}, inFlight*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- done{j.seq, extract(j.doc)}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			var d durand.Document
			var ok bool
			select {
			case <-ctx.Done():
				return
			case d, ok = <-docs:
				if !ok {
					return
				}
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{seq, d}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	// Reorder so output follows input.
	pending := map[int]Result{}
	next := 0
	var firstErr error
	for r := range results {
		pending[r.seq] = r.res
		for {
			res, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if firstErr == nil {
				firstErr = out(res)
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// Actor returns the actor a name denotes on day t, by the dictionaries
// extraction uses ("Government of Pakistan" is PAK.GOV, "Taliban" is TAL
// before 15 August 2021 and AFG.GOV after). ok is false when the name
// holds no known actor.
func (x *Extractor) Actor(name string, t time.Time) (durand.Actor, bool) {
	doc := durand.Document{Text: name}
	var ms []durand.Mention
	for _, s := range sentence.Split(doc) {
		ms = x.rec.AppendMentions(ms, doc.Text, s)
	}
	return x.asm.NamedActor(name, ms, t)
}

// Derive fills an event's ACLED and CAMEO codes from its PLOVER type.
func (x *Extractor) Derive(ev *durand.Event) { x.asm.Derive(ev) }

// Gazetteer returns the gazetteer in use.
func (x *Extractor) Gazetteer() *gazetteer.Gazetteer { return x.rec.Lexicon().Gazetteer }

// Locate returns the most specific place the document's text supports,
// whatever its events (see assemble.Assembler.Locate).
func (x *Extractor) Locate(doc durand.Document) *durand.Place {
	w := works.Get().(*work)
	in, _ := x.inputs(context.Background(), doc, 0, len(doc.Text), w)
	p := x.asm.Locate(doc, in)
	w.release()
	return p
}

// Trace is what recognition found in one sentence, for `durand explain`.
type Trace struct {
	Sentence durand.Sentence
	Mentions []durand.Mention
}

// Explain returns the events of one document together with what each
// sentence was found to mention, so that a wrong pin or a missed event can
// be traced to the words that caused it.
func (x *Extractor) Explain(doc durand.Document) ([]Trace, []durand.Event) {
	in, _ := x.inputs(context.Background(), doc, 0, len(doc.Text), new(work)) // not pooled: the traces keep the sentences
	tr := make([]Trace, len(in))
	for i, s := range in {
		tr[i] = Trace{Sentence: s.Sentence, Mentions: append([]durand.Mention(nil), s.Mentions...)}
	}
	return tr, x.asm.Assemble(doc, in)
}
