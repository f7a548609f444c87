package eval

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/durandhq/durand/syntax"
)

// Treebank scores the syntactic layer on a CoNLL-U file: parts of speech,
// heads and relations, with the model's own tags and the file's words.
// When names is not "", it is a UNER file (IOB2) of names to score too.
func Treebank(m *syntax.Model, path, names string) (*Report, error) {
	sents, err := syntax.ReadFile(path, syntax.ReadCoNLLU)
	if err != nil {
		return nil, err
	}
	s := m.Evaluate(sents)
	rep := &Report{Gold: path, Format: "conllu", Records: len(sents)}
	rep.Scores = append(rep.Scores,
		Score{Field: "upos", Correct: s.UPOS, Total: s.Words, Value: ratio(s.UPOS, s.Words), Note: "universal part of speech"},
		Score{Field: "uas", Correct: s.UAS, Total: s.Words, Value: ratio(s.UAS, s.Words), Note: "head right"},
		Score{Field: "las", Correct: s.LAS, Total: s.Words, Value: ratio(s.LAS, s.Words), Note: "head and relation right"},
		Score{Field: "las_universal", Correct: s.ULAS, Total: s.Words, Value: ratio(s.ULAS, s.Words), Note: "head and relation right, subtypes ignored (nmod:poss as nmod)"},
	)
	if names == "" {
		return rep, nil
	}
	named, err := syntax.ReadFile(names, syntax.ReadNames)
	if err != nil {
		return nil, err
	}
	n := m.EvaluateNames(named)
	rep.Scores = append(rep.Scores,
		Score{Field: "names_precision", Correct: n.Right, Total: n.Found, Value: n.Precision(), Note: filepath.Base(names)},
		Score{Field: "names_recall", Correct: n.Right, Total: n.Gold, Value: n.Recall()},
		Score{Field: "names_f1", Correct: n.Right, Total: n.Gold + n.Found, Value: n.F1(), Note: "exact words and type"},
	)
	return rep, nil
}

// NamesBeside returns the UNER file that goes with a CoNLL-U file, or ""
// when there is none: the same name ending .iob2, in its folder or in a
// uner/ folder beside it (shared/data/ud/ewt/x.conllu → shared/data/ud/uner/x.iob2).
func NamesBeside(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".conllu") + ".iob2"
	dir := filepath.Dir(path)
	for _, p := range []string{filepath.Join(dir, base), filepath.Join(dir, "..", "uner", base)} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
