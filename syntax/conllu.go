package syntax

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentence is one annotated sentence of a treebank: its syntactic words in
// order. Multiword tokens ("don't" over "do" and "n't") and empty nodes
// are left out, as the basic dependency tree leaves them out.
type Sentence struct {
	ID    string // the sent_id comment, or ""
	Words []Word
}

// Word is one syntactic word of a treebank sentence. Head is the 1-based
// index of the head word, 0 for the root; Name is a name tag in IOB2
// ("B-PER", "I-LOC", "O"), set by ReadNames.
type Word struct {
	Form, UPOS, Deprel, Name string
	Head                     int
}

// ErrFormat is returned, wrapped with the line number, when a line of a
// CoNLL-U or IOB2 file does not have the fields the format requires.
var ErrFormat = errors.New("malformed line")

// ReadCoNLLU reads the sentences of a CoNLL-U file: form, UPOS, head and
// relation of every word. A sentence whose heads do not point inside it
// is an error.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	return readColumns(r, 10, func(w *Word, f []string) error {
		h, err := strconv.Atoi(f[6])
		if err != nil || h < 0 {
			return fmt.Errorf("head %q", f[6])
		}
		w.Form, w.UPOS, w.Head, w.Deprel = f[1], f[3], h, f[7]
		return nil
	}, checkHeads)
}

// ReadNames reads a UNER file (IOB2, the columns id, form, tag, and
// annotator notes). Tags other than PER, LOC and ORG (the 2022 release's
// OTH) read as O.
func ReadNames(r io.Reader) ([]Sentence, error) {
	return readColumns(r, 3, func(w *Word, f []string) error {
		tag := f[2]
		if !validName(tag) {
			return fmt.Errorf("tag %q", tag)
		}
		if t := tag[min(2, len(tag)):]; t != "PER" && t != "LOC" && t != "ORG" {
			tag = "O"
		}
		w.Form, w.Name = f[1], tag
		return nil
	}, nil)
}

func validName(tag string) bool {
	return tag == "O" || len(tag) > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-'
}

// readColumns reads tab-separated word lines of at least n fields, blank
// lines between sentences and # comments, calling fill for each word line
// whose id is a plain integer and check on each finished sentence.
func readColumns(r io.Reader, n int, fill func(*Word, []string) error, check func(Sentence) error) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var out []Sentence
	var cur Sentence
	line := 0
	flush := func() error {
		if len(cur.Words) == 0 {
			cur = Sentence{}
			return nil
		}
		if check != nil {
			if err := check(cur); err != nil {
				return fmt.Errorf("line %d: sentence %q: %w", line, cur.ID, err)
			}
		}
		out = append(out, cur)
		cur = Sentence{}
		return nil
	}
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		switch {
		case s == "":
			if err := flush(); err != nil {
				return out, err
			}
			continue
		case s[0] == '#':
			if id, ok := strings.CutPrefix(s, "# sent_id = "); ok {
				cur.ID = id
			}
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < n {
			return out, fmt.Errorf("line %d: %d fields, want %d: %w", line, len(f), n, ErrFormat)
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			if strings.ContainsAny(f[0], "-.") {
				continue // a multiword token or an empty node
			}
			return out, fmt.Errorf("line %d: id %q: %w", line, f[0], ErrFormat)
		}
		if id != len(cur.Words)+1 {
			return out, fmt.Errorf("line %d: id %d after %d words: %w", line, id, len(cur.Words), ErrFormat)
		}
		var w Word
		if err := fill(&w, f); err != nil {
			return out, fmt.Errorf("line %d: %w: %w", line, err, ErrFormat)
		}
		cur.Words = append(cur.Words, w)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("line %d: %w", line, err)
	}
	return out, flush()
}

// checkHeads refuses a sentence with a head outside it.
func checkHeads(s Sentence) error {
	for i, w := range s.Words {
		if w.Head > len(s.Words) || w.Head == i+1 {
			return fmt.Errorf("word %d: head %d: %w", i+1, w.Head, ErrFormat)
		}
	}
	return nil
}
