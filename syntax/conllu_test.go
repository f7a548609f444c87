package syntax

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func readFile(t testing.TB, path string, read func(f *os.File) ([]Sentence, error)) []Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := read(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func conllu(f *os.File) ([]Sentence, error) { return ReadCoNLLU(f) }
func iob2(f *os.File) ([]Sentence, error)   { return ReadNames(f) }

func TestReadCoNLLU(t *testing.T) {
	sents := readFile(t, "testdata/small.conllu", conllu)
	if len(sents) != 5 {
		t.Fatalf("%d sentences, want 5", len(sents))
	}
	s := sents[3] // "... but they didn't."
	var forms []string
	for _, w := range s.Words {
		forms = append(forms, w.Form)
	}
	got := strings.Join(forms, " ")
	if !strings.HasSuffix(got, "they did n't .") {
		t.Errorf("words %q: the multiword token should give way to its words", got)
	}
	if w := s.Words[28]; w.Form != "did" || w.UPOS != "AUX" || w.Head != 4 || w.Deprel != "conj" {
		t.Errorf("word 29 = %+v", w)
	}
	if !strings.HasPrefix(s.ID, "weblog-") {
		t.Errorf("ID %q", s.ID)
	}
	for _, w := range sents[4].Words {
		if w.Form == "" || w.Head < 0 || w.Head > len(sents[4].Words) {
			t.Errorf("empty node read as a word: %+v", w)
		}
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"few fields", "1\tHe\the\tPRON\n"},
		{"bad head", "1\tHe\the\tPRON\tPRP\t_\tx\tnsubj\t_\t_\n"},
		{"negative head", "1\tHe\the\tPRON\tPRP\t_\t-1\tnsubj\t_\t_\n"},
		{"head outside", "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"},
		{"own head", "1\tHe\the\tPRON\tPRP\t_\t1\tnsubj\t_\t_\n"},
		{"id gap", "1\tHe\the\tPRON\tPRP\t_\t0\troot\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t1\tdep\t_\t_\n"},
		{"bad id", "x\tHe\the\tPRON\tPRP\t_\t0\troot\t_\t_\n"},
	} {
		_, err := ReadCoNLLU(strings.NewReader(tc.in))
		if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err %v, want ErrFormat", tc.name, err)
		}
	}
}

func TestReadNames(t *testing.T) {
	in := "# sent_id = a\n1\tBob\tB-PER\t-\t-\n2\tin\tO\t-\t-\n3\tNew\tB-LOC\t-\t-\n4\tYork\tI-LOC\t-\t-\n5\tiPhone\tB-OTH\t-\t-\n"
	s, err := ReadNames(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range s[0].Words {
		got = append(got, w.Name)
	}
	if want := "B-PER O B-LOC I-LOC O"; strings.Join(got, " ") != want {
		t.Errorf("names %q, want %q", got, want)
	}
	if _, err := ReadNames(strings.NewReader("1\tBob\tPER\n")); !errors.Is(err, ErrFormat) {
		t.Errorf("tag without B- or I-: err %v", err)
	}
	if n := len(readFile(t, "testdata/small.iob2", iob2)); n != 3 {
		t.Errorf("small.iob2: %d sentences, want 3", n)
	}
}

func TestSpans(t *testing.T) {
	for _, tc := range []struct {
		tags string
		want []nameSpan
	}{
		{"O B-PER I-PER O", []nameSpan{{1, 3, "PER"}}},
		{"B-LOC B-LOC", []nameSpan{{0, 1, "LOC"}, {1, 2, "LOC"}}},
		{"I-ORG I-ORG O", []nameSpan{{0, 2, "ORG"}}},
		{"B-PER I-LOC", []nameSpan{{0, 1, "PER"}, {1, 2, "LOC"}}},
		{"O O", nil},
	} {
		got := spans(strings.Fields(tc.tags))
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.tags, got, tc.want)
			continue
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%s: %v, want %v", tc.tags, got, tc.want)
			}
		}
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	b, err := os.ReadFile("testdata/small.conllu")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n1-2\tx\n1.1\ty\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLLU(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range sents {
			for i, w := range s.Words {
				if w.Head < 0 || w.Head > len(s.Words) || w.Head == i+1 {
					t.Fatalf("head %d of word %d accepted", w.Head, i+1)
				}
			}
		}
		_, _ = ReadNames(strings.NewReader(in))
	})
}
