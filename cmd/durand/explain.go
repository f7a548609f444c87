package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/syntax"
)

func newExplain() *cobra.Command {
	var in, db string
	var maxBytes int
	cmd := &cobra.Command{
		Use:   "explain [--in text|jsonl|html|feed] [--db PATH] [FILE|URL|-|EVENT-ID]...",
		Short: "Show why extraction coded what it did, or why a stored event merges several reports",
		Long: `Explain reads reports as extract does and writes, for each document, every sentence with its
syntactic layer (each token as word/TAG HEAD RELATION, the head a token number from 1 and 0 for the
root, then the names found), what recognition found in it (actors, places with their gazetteer
candidates best first, dates, counts, triggers), then the events as JSON lines. Use it when a pin
is wrong or an event is missing.

An argument that is not a file, a URL or - is the id of an event stored in --db: for a merged event,
explain writes its merge score and the matches that joined its reports, each with the fields that drove
it (type, mode, date, place, actors, fatalities, injured and their signed parts of the score), then its
reports' events and the merged event as JSON.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			inputs, ids := splitExplainArgs(args)
			if len(ids) > 0 {
				if err := explainStored(cmd, db, ids); err != nil {
					return err
				}
				if len(inputs) == 0 {
					return nil
				}
			}
			args = inputs
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
	dbFlag(cmd, &db)
	return cmd
}

// splitExplainArgs tells the inputs (files, URLs, -) from stored events'
// ids among explain's arguments.
func splitExplainArgs(args []string) (inputs, ids []string) {
	for _, a := range args {
		if _, err := os.Stat(a); err == nil || a == "-" || strings.Contains(a, "://") {
			inputs = append(inputs, a)
		} else {
			ids = append(ids, a)
		}
	}
	return inputs, ids
}

// explainStored writes, for each stored event id, how it was made.
func explainStored(cmd *cobra.Command, db string, ids []string) error {
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("%s is neither a file nor an event of --db %s: %w", ids[0], db, err)
	}
	st, err := openStore(db)
	if err != nil {
		return err
	}
	defer st.Close()
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	for _, id := range ids {
		if err := explainEvent(cmd.Context(), out, st, id); err != nil {
			return err
		}
	}
	return nil
}

// explainEvent writes one stored event: for a merged event, its score, its
// links with the fields that drove each, and its members.
func explainEvent(ctx context.Context, w io.Writer, st store.Store, id string) error {
	ev, err := st.Event(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s is neither a file nor a stored event: %w", id, err)
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	c, err := st.Cluster(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(w, "# event %s: one report's event, not merged\n", id)
		if err := enc.Encode(&ev); err != nil {
			return err
		}
		_, err = fmt.Fprintln(w)
		return err
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "# event %s: %d reports of one incident, merged %s under rules %s\n", id, len(c.Members), c.At.Format(time.DateOnly), c.Rules)
	fmt.Fprintf(w, "score %.2f, the mean of the matches that joined them:\n", c.Score)
	for _, l := range c.Links {
		fmt.Fprintf(w, "  %s ~ %s  %s\n", l.A, l.B, l.Match)
	}
	fmt.Fprintln(w, "reports:")
	for _, m := range c.Members {
		r, err := st.Event(ctx, m)
		if err != nil {
			return fmt.Errorf("member %s of %s: %w", m, id, err)
		}
		place := "no place"
		if r.Place != nil {
			place = r.Place.Name
		}
		fmt.Fprintf(w, "  %s  %v  %s %s, %s, %s dead\n", m, r.Docs, r.Type, explainDate(r.Date), place, explainCount(r.Fatalities))
	}
	if err := enc.Encode(&ev); err != nil {
		return err
	}
	_, err = fmt.Fprintln(w)
	return err
}

// explainDate is a date as explain prints it: its first day, or "undated".
func explainDate(d durand.Date) string {
	if d.Start.IsZero() {
		return "undated"
	}
	return d.Start.Format(time.DateOnly)
}

// explainCount is a count as explain prints it: "12", "10-15", "?".
func explainCount(c durand.Count) string {
	switch {
	case c.Best >= 0:
		return fmt.Sprint(c.Best)
	case c.Low >= 0 && c.High >= 0:
		return fmt.Sprintf("%d-%d", c.Low, c.High)
	case c.Low >= 0:
		return fmt.Sprintf("%d or more", c.Low)
	case c.High >= 0:
		return fmt.Sprintf("up to %d", c.High)
	}
	return "?"
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
