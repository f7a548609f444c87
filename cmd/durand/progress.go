package main

import (
	"context"
	"io"
	"os"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// progress is a documents bar with rate and ETA on a terminal, and
// nothing at all when standard error is a pipe or a file.
type progress struct {
	p   *mpb.Progress
	bar *mpb.Bar
	n   int64
	max int64
}

// newProgress starts a bar for total items (0 when unknown) if w is a
// terminal.
func newProgress(ctx context.Context, w io.Writer, name string, total int64) *progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	p := mpb.NewWithContext(ctx, mpb.WithOutput(w), mpb.WithWidth(32))
	bar := p.AddBar(max(total, 1),
		mpb.PrependDecorators(decor.Name(name+" "), decor.CountersNoUnit("%d/%d docs")),
		mpb.AppendDecorators(decor.AverageSpeed(0, " %.0f docs/s"), decor.Name("  ETA "), decor.AverageETA(decor.ET_STYLE_MMSS)))
	return &progress{p: p, bar: bar, max: max(total, 1)}
}

// add counts one more document; past a total that was a guess, the total
// grows with it.
func (p *progress) add() {
	if p.bar == nil {
		return
	}
	p.n++
	if p.n >= p.max {
		p.max = p.n + 1
		p.bar.SetTotal(p.max, false)
	}
	p.bar.Increment()
}

// done completes the bar and waits for its last draw.
func (p *progress) done() {
	if p.bar == nil {
		return
	}
	p.bar.SetTotal(-1, true)
	p.p.Wait()
}
