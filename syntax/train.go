package syntax

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// TrainOptions says what to train on and how long. The zero value of a
// field means its default.
type TrainOptions struct {
	// Dir holds the treebanks: ewt/, uner/ and gum/ as in shared/data/ud.
	Dir string
	// GUM adds the GUM files of gum/ to the tagger's and parser's
	// training text.
	GUM bool
	// Epochs of the tagger, the parser and the name tagger (5, 15, 10).
	TagEpochs, ParseEpochs, NameEpochs int
	// Folds of the jackknife that gives the parser and the name tagger
	// predicted tags to train on (4).
	Folds int
	// Seed fixes the order of the training sentences and the parser's
	// exploration; the same seed and data give the same model.
	Seed uint64
	// Prune drops averaged weights of smaller magnitude (1): half the
	// features, for a tenth of a point of attachment score on EWT's
	// development file, and tables half the size are faster.
	Prune float64
	// NamePrune is Prune for the name tagger (0.01): its table is small,
	// and pruning it at 1 cost 2.4 points of F1 on UNER's development file.
	NamePrune float64
	// Log, when set, is told what training is doing.
	Log func(format string, args ...any)
}

func (o *TrainOptions) defaults() {
	def := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	def(&o.TagEpochs, 5)
	def(&o.ParseEpochs, 15)
	def(&o.NameEpochs, 10)
	def(&o.Folds, 4)
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Prune == 0 {
		o.Prune = 1
	}
	if o.NamePrune == 0 {
		o.NamePrune = 0.01
	}
	if o.Log == nil {
		o.Log = func(string, ...any) {}
	}
}

// Train trains a model on the treebanks in opts.Dir: the tagger and
// parser on EWT's training file (and GUM's, if asked), the name tagger on
// UNER's. Independent parts train in parallel; the result does not
// depend on their timing.
func Train(opts TrainOptions) (*Model, error) {
	opts.defaults()
	text, err := ReadFile(filepath.Join(opts.Dir, "ewt", "en_ewt-ud-train.conllu"), ReadCoNLLU)
	if err != nil {
		return nil, err
	}
	if opts.GUM {
		files, err := filepath.Glob(filepath.Join(opts.Dir, "gum", "*.conllu"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			s, err := ReadFile(f, ReadCoNLLU)
			if err != nil {
				return nil, err
			}
			text = append(text, s...)
		}
	}
	named, err := ReadFile(filepath.Join(opts.Dir, "uner", "en_ewt-ud-train.iob2"), ReadNames)
	if err != nil {
		return nil, err
	}
	opts.Log("training on %d sentences, names on %d", len(text), len(named))
	m := &Model{}
	var tags [][]uint8
	parallel(
		func() { tags = jackknife(text, opts.Folds, opts.TagEpochs, opts.Seed) },
		func() { m.tagger = trainTagger(text, opts.TagEpochs, opts.Seed, opts.Prune) },
	)
	opts.Log("tagger: %d features", m.tagger.w.feats)
	parallel(
		func() { m.parser = trainParser(text, tags, opts.ParseEpochs, opts.Seed, opts.Prune) },
		func() {
			m.namer = trainNamer(named, namedTags(named, text, tags, m.tagger), text, opts.NameEpochs, opts.Seed, opts.NamePrune)
		},
	)
	opts.Log("parser: %d move and %d label features; names: %d features", m.parser.moves.feats, m.parser.labels.feats, m.namer.w.feats)
	return m, nil
}

// ReadFile reads the file at path with read (ReadCoNLLU or ReadNames),
// naming the file in an error.
func ReadFile(path string, read func(io.Reader) ([]Sentence, error)) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func parallel(fs ...func()) {
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Go(f)
	}
	wg.Wait()
}

// namedTags gives the name tagger's training sentences the jackknifed
// tags of the same sentence of the treebank (UNER annotates EWT's
// sentences), or the tagger's where the words differ.
func namedTags(named, text []Sentence, tags [][]uint8, tg *Tagger) [][]uint8 {
	byID := make(map[string]int, len(text))
	for i, s := range text {
		if s.ID != "" {
			byID[s.ID] = i
		}
	}
	out := make([][]uint8, len(named))
	var st tagState
	var forms []string
	for i, s := range named {
		if j, ok := byID[s.ID]; ok && sameForms(s, text[j]) {
			out[i] = tags[j]
			continue
		}
		forms = formsOf(forms[:0], s)
		out[i] = make([]uint8, len(forms))
		tg.tag(&st, forms, out[i])
	}
	return out
}

func sameForms(a, b Sentence) bool {
	if len(a.Words) != len(b.Words) {
		return false
	}
	for i := range a.Words {
		if a.Words[i].Form != b.Words[i].Form {
			return false
		}
	}
	return true
}
