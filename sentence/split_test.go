package sentence

import (
	"os"
	"strings"
	"testing"

	"github.com/durandhq/durand"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"simple", "Two died. Three were hurt.", []string{"Two died.", "Three were hurt."}},
		{"abbreviation", "Col. Hamidullah was shot. He died.", []string{"Col. Hamidullah was shot.", "He died."}},
		{"decimal", "About 1.4 million left. They went.", []string{"About 1.4 million left.", "They went."}},
		{"quote", "He said “it will end.” Then he left.", []string{"He said “it will end.”", "Then he left."}},
		{"lowercase next", "The U.S. army left. e.g. this stays.", []string{"The U.S. army left. e.g. this stays."}},
		{"title line", "A Title\n\nBody one. Body two.", []string{"A Title", "Body one.", "Body two."}},
		{"initial", "Abdul G. Khan spoke.", []string{"Abdul G. Khan spoke."}},
		{"month abbreviation", "On Mar. 18 they struck.", []string{"On Mar. 18 they struck."}},
		{"empty", "", nil},
		{"spaces", "   \n\n  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := durand.Document{Text: tt.text}
			var got []string
			for _, s := range Split(doc) {
				got = append(got, s.Span.Text(tt.text))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSplitLong checks that a run of text with no sentence end is cut
// into sentences of at most MaxTokens tokens, after a comma where there is
// one, losing no token.
func TestSplitLong(t *testing.T) {
	tests := []struct {
		name, text string
		lastWord   string // the last token of every piece but the last
	}{
		{"clauses", strings.Repeat("militants attacked a post in Bannu, ", 200) + "and left.", ","},
		{"no commas", strings.Repeat("word ", 1000), "word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := Split(durand.Document{Text: tt.text})
			if len(sents) < 2 {
				t.Fatalf("%d sentences, want the text cut", len(sents))
			}
			var got []durand.Token
			for i, s := range sents {
				if len(s.Tokens) > MaxTokens || len(s.Tokens) < MaxTokens/2 && i < len(sents)-1 {
					t.Errorf("sentence %d: %d tokens, want %d..%d", i, len(s.Tokens), MaxTokens/2, MaxTokens)
				}
				if s.Index != i || s.Paragraph != 0 {
					t.Errorf("sentence %d: index %d, paragraph %d", i, s.Index, s.Paragraph)
				}
				if last := s.Tokens[len(s.Tokens)-1]; i < len(sents)-1 && (last.Norm != tt.lastWord || last.Span.End != s.Span.End) {
					t.Errorf("sentence %d ends %q at %d, span ends at %d, want %q", i, last.Norm, last.Span.End, s.Span.End, tt.lastWord)
				}
				got = append(got, s.Tokens...)
			}
			want := Tokenize(tt.text, durand.Span{Start: 0, End: len(tt.text)})
			if len(got) != len(want) {
				t.Fatalf("%d tokens in the sentences, %d in the text", len(got), len(want))
			}
			for k := range want {
				if got[k] != want[k] {
					t.Fatalf("token %d: %+v, want %+v", k, got[k], want[k])
				}
			}
		})
	}
}

// TestSplitRange checks that a text read in two ranges cut at a blank line
// has the sentences it has read whole.
func TestSplitRange(t *testing.T) {
	b, err := os.ReadFile("../testdata/seed/article.txt")
	if err != nil {
		t.Skip("seed article absent:", err)
	}
	doc := durand.Document{Text: string(b)}
	cut := strings.Index(doc.Text[len(doc.Text)/2:], "\n\n") + len(doc.Text)/2 + 2
	whole := Split(doc)
	first, _ := SplitRange(nil, nil, doc, 0, cut, nil)
	second, _ := SplitRange(nil, nil, doc, cut, len(doc.Text), nil)
	if len(first) == 0 || len(second) == 0 || len(first)+len(second) != len(whole) {
		t.Fatalf("%d + %d sentences in the ranges, %d in the whole", len(first), len(second), len(whole))
	}
	for i, s := range append(first, second...) {
		w := whole[i]
		if s.Span != w.Span || len(s.Tokens) != len(w.Tokens) {
			t.Errorf("sentence %d: %v with %d tokens, want %v with %d", i, s.Span, len(s.Tokens), w.Span, len(w.Tokens))
		}
	}
	if second[0].Index != 0 || second[0].Paragraph != 0 {
		t.Errorf("second range numbered from sentence %d, paragraph %d, want 0, 0", second[0].Index, second[0].Paragraph)
	}
}

func TestTokenize(t *testing.T) {
	text := "Afghanistan’s Qala-i-Naw didn’t see $35 million or 1,400,000 (Paktīkā)."
	var got []string
	for _, tok := range Tokenize(text, durand.Span{Start: 0, End: len(text)}) {
		got = append(got, tok.Norm)
	}
	want := "afghanistan|'s|qala|i|naw|didn|'t|see|$|35|million|or|1,400,000|(|paktika|)|."
	if strings.Join(got, "|") != want {
		t.Errorf("Tokenize = %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestSplitSeedParagraphs(t *testing.T) {
	b, err := os.ReadFile("../testdata/seed/article.txt")
	if err != nil {
		t.Skip("seed article absent:", err)
	}
	sents := Split(durand.Document{Text: string(b)})
	if len(sents) < 35 || len(sents) > 60 {
		t.Errorf("seed article: %d sentences, want 35..60", len(sents))
	}
	for _, s := range sents {
		if strings.HasPrefix(s.Span.Text(string(b)), "Khost") {
			t.Errorf("sentence starts mid-phrase: %q", s.Span.Text(string(b)))
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("Two died. Three were hurt.\n\nA new paragraph “quoted.” Col. X left.")
	f.Add("\xff\xfe bad utf8. More.")
	f.Add("The TALIBAN said. The Taliban’s NDS Paktīkā.")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Split(durand.Document{Text: text}) {
			if s.Span.Start < prev || s.Span.End > len(text) || s.Span.Start >= s.Span.End {
				t.Fatalf("bad span %v in %q", s.Span, text)
			}
			prev = s.Span.End
			if len(s.Tokens) > MaxTokens {
				t.Fatalf("sentence of %d tokens, more than %d", len(s.Tokens), MaxTokens)
			}
			for _, tok := range s.Tokens {
				if !s.Span.Contains(tok.Span) || tok.Span.Len() == 0 {
					t.Fatalf("token %v outside sentence %v", tok.Span, s.Span)
				}
			}
		}
		// Interned folding gives the tokens plain folding gives, twice
		// over (the second time from the interned forms).
		plain, _ := SplitInto(nil, nil, durand.Document{Text: text}, nil)
		var words Words
		for range 2 {
			interned, _ := SplitInto(nil, nil, durand.Document{Text: text}, &words)
			if len(interned) != len(plain) {
				t.Fatalf("%d sentences interned, %d plain", len(interned), len(plain))
			}
			for i := range plain {
				for k, tok := range plain[i].Tokens {
					if got := interned[i].Tokens[k]; got != tok {
						t.Fatalf("token %d of sentence %d: interned %+v, plain %+v", k, i, got, tok)
					}
				}
			}
		}
	})
}
