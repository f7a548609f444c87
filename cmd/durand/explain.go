package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/syntax"
)

func newExplain() *cobra.Command {
	var in string
	var maxBytes int
	cmd := &cobra.Command{
		Use:   "explain [--in text|jsonl|html|feed] [FILE|URL|-]...",
		Short: "Show why extraction coded what it did: each sentence's mentions, then the events",
		Long: `Explain reads reports as extract does and writes, for each document, every sentence with its
syntactic layer (each token as word/TAG HEAD RELATION, the head a token number from 1 and 0 for the
root, then the names found), what recognition found in it (actors, places with their gazetteer
candidates best first, dates, counts, triggers), then the events as JSON lines. Use it when a pin
is wrong or an event is missing.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"-"}
			}
			if _, err := ingest.ParseFormat(in); err != nil {
				return fmt.Errorf("--in: %w", err)
			}
			x, err := newExtractor()
			if err != nil {
				return err
			}
			m, err := syntax.Default()
			if err != nil {
				return err
			}
			an := m.Analyzer()
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			r := ingest.Reader{Format: ingest.Format(in), MaxBytes: maxBytes, Stdin: cmd.InOrStdin()}
			failed := 0
			docs := r.Stream(context.Background(), args, func(err error) {
				failed++
				fmt.Fprintln(cmd.ErrOrStderr(), "durand explain:", err)
			})
			for doc := range docs {
				tr, evs := x.Explain(doc)
				for i := range tr {
					tr[i].Sentence.Syntax = an.Annotate(doc.Text, tr[i].Sentence.Tokens)
				}
				if err := writeExplain(out, x.Gazetteer(), doc, tr, evs); err != nil {
					return err
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d inputs failed", failed)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&in, "in", "", "input format: text, jsonl, html or feed (default: by file extension, else by content)")
	cmd.Flags().IntVar(&maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest document to read, in bytes")
	return cmd
}

// writeExplain writes one document's trace for people.
func writeExplain(w io.Writer, g *gazetteer.Gazetteer, doc durand.Document, tr []pipeline.Trace, evs []durand.Event) error {
	fmt.Fprintf(w, "# %s (published %s)\n", doc.ID, doc.Published.Format("2006-01-02"))
	for _, t := range tr {
		fmt.Fprintf(w, "\n[%d] %s\n", t.Sentence.Index, t.Sentence.Span.Text(doc.Text))
		writeSyntax(w, doc.Text, t.Sentence)
		for _, m := range t.Mentions {
			fmt.Fprintf(w, "  %-7s %q @%d-%d %s\n", m.Kind, m.Span.Text(doc.Text), m.Span.Start, m.Span.End, mentionDetail(g, m))
		}
	}
	fmt.Fprintf(w, "\n%d events\n", len(evs))
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range evs {
		if err := enc.Encode(&evs[i]); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// mentionDetail describes what a mention was recognised as.
func mentionDetail(g *gazetteer.Gazetteer, m durand.Mention) string {
	var b strings.Builder
	switch m.Kind {
	case durand.ActorMention:
		if m.Actor != nil {
			fmt.Fprintf(&b, "actor=%s ", m.Actor.ID)
		}
		if m.Agent != nil {
			fmt.Fprintf(&b, "agent=%s/%s ", m.Agent.Name, m.Agent.Sector)
		}
		if m.Nation != "" {
			fmt.Fprintf(&b, "nation=%s", m.Nation)
		}
	case durand.PlaceMention:
		for i, id := range m.Places {
			if i == 6 {
				fmt.Fprintf(&b, "… %d more", len(m.Places)-i)
				break
			}
			if e := g.Get(id); e != nil {
				fmt.Fprintf(&b, "%s:%s(%s/%s/%s) ", e.Kind, e.Name, e.Admin2, e.Admin1, e.Country)
			}
		}
	case durand.DateMention:
		fmt.Fprintf(&b, "%+v", m.Date)
	case durand.NumberMention:
		fmt.Fprintf(&b, "best=%d low=%d high=%d", m.Number.Best, m.Number.Low, m.Number.High)
	case durand.TriggerMention:
		if t := m.Trigger; t != nil {
			fmt.Fprintf(&b, "%s %s harm=%v nominal=%v ref=%v", t.Type, t.Mode, t.Harm, t.Nominal, t.RefOnly)
		}
	}
	return strings.TrimSpace(b.String())
}

// writeSyntax writes a sentence's syntactic layer on two lines: the
// parse, each token as word/TAG HEAD RELATION, heads numbered from 1 as
// in CoNLL-U, and the names.
func writeSyntax(w io.Writer, text string, s durand.Sentence) {
	if len(s.Syntax) != len(s.Tokens) {
		return
	}
	var b strings.Builder
	b.WriteString("  parse  ")
	for i, x := range s.Syntax {
		fmt.Fprintf(&b, " %s/%s %d %s", s.Tokens[i].Span.Text(text), x.Tag, x.Head+1, x.Rel)
		if i < len(s.Syntax)-1 {
			b.WriteString(" ·")
		}
	}
	b.WriteByte('\n')
	names := ""
	for i := 0; i < len(s.Syntax); i++ {
		tag := s.Syntax[i].Name
		if !strings.HasPrefix(tag, "B-") {
			continue
		}
		j := i + 1
		for j < len(s.Syntax) && s.Syntax[j].Name == "I-"+tag[2:] {
			j++
		}
		names += fmt.Sprintf(" [%s %s]", tag[2:], durand.Span{Start: s.Tokens[i].Span.Start, End: s.Tokens[j-1].Span.End}.Text(text))
	}
	if names != "" {
		fmt.Fprintf(&b, "  names  %s\n", names)
	}
	io.WriteString(w, b.String())
}
