package syntax

import "strings"

// Scores counts a model's agreement with a treebank, over every word
// (punctuation included, as the CoNLL 2018 shared task counts), with
// the model's own tags: UPOS the tags right, UAS the heads right, LAS
// heads and relations right, ULAS heads and the relations' universal part
// (before the colon: nmod for nmod:poss) right.
type Scores struct {
	Words, UPOS, UAS, LAS, ULAS int
}

// Evaluate analyses the words of sents and scores the result.
func (m *Model) Evaluate(sents []Sentence) Scores {
	var s Scores
	a := m.Analyzer()
	var out Analysis
	var forms []string
	for _, sent := range sents {
		forms = formsOf(forms[:0], sent)
		a.Parse(forms, &out)
		for i, w := range sent.Words {
			s.Words++
			if UPOS[out.Tags[i]] == w.UPOS {
				s.UPOS++
			}
			if int(out.Heads[i]) != w.Head-1 {
				continue
			}
			s.UAS++
			rel := m.Relation(out.Rels[i])
			if rel == w.Deprel {
				s.LAS++
			}
			if universal(rel) == universal(w.Deprel) {
				s.ULAS++
			}
		}
	}
	return s
}

func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// NameScores counts names found and wanted: a name is right when its
// words and its type are.
type NameScores struct {
	Gold, Found, Right int
}

// Precision, Recall and F1 of the names, 0 when undefined.
func (s NameScores) Precision() float64 { return ratio(s.Right, s.Found) }
func (s NameScores) Recall() float64    { return ratio(s.Right, s.Gold) }
func (s NameScores) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EvaluateNames names the words of sents (read by ReadNames) and scores
// the names against theirs.
func (m *Model) EvaluateNames(sents []Sentence) NameScores {
	var s NameScores
	a := m.Analyzer()
	var out Analysis
	var forms, want, got []string
	for _, sent := range sents {
		forms = formsOf(forms[:0], sent)
		a.Analyze(forms, &out)
		want, got = want[:0], got[:0]
		for i, w := range sent.Words {
			want = append(want, w.Name)
			got = append(got, NameTags[out.Names[i]])
		}
		g, f := spans(want), spans(got)
		s.Gold += len(g)
		s.Found += len(f)
		for k := range f {
			if g[k] {
				s.Right++
			}
		}
	}
	return s
}

// nameSpan is one name: its first word, its end and its type.
type nameSpan struct {
	start, end int
	typ        string
}

// spans reads the names of IOB2 tags; an I- tag that continues nothing
// starts a name, as conlleval reads it.
func spans(tags []string) map[nameSpan]bool {
	out := make(map[nameSpan]bool)
	start, typ := -1, ""
	for i := 0; i <= len(tags); i++ {
		t := "O"
		if i < len(tags) {
			t = tags[i]
		}
		cont := strings.HasPrefix(t, "I-") && t[2:] == typ && start >= 0
		if cont {
			continue
		}
		if start >= 0 {
			out[nameSpan{start, i, typ}] = true
			start, typ = -1, ""
		}
		if t != "O" && len(t) > 2 {
			start, typ = i, t[2:]
		}
	}
	return out
}
