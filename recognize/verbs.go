package recognize

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"unicode"

	"github.com/durandhq/durand"
)

// A verb dictionary in PETRARCH's format (CAMEO.2.0.txt and the suites
// built on it) codes a sentence by its verb: a block of synonymous verbs
// with a default CAMEO code, and patterns over the words around the verb
// that refine it ("RESTORE * {DIPLOMATIC TIES}" is 064, restore relations).
// PETRARCH matches the patterns against a constituency parse; durand has
// no parser, so it matches them over the words of the clause, in order,
// with gaps: the words after "*" after the verb, the words before it
// before. The most specific pattern that matches (most words) wins; with
// none, the verb's own code or its block's applies, and "---" codes
// nothing. CAMEO codes become PLOVER types through the CAMEO-to-PLOVER
// table (data/cameo_plover.txt).

// verbDict is a loaded verb dictionary.
type verbDict struct {
	blocks []verbBlock
	// forms maps the first folded word of each verb form to the forms
	// that start with it.
	forms map[string][]verbForm
}

type verbBlock struct {
	code     string // the block's default: "" codes nothing
	patterns []verbPattern
}

// verbForm is one inflected form of a verb of a block: one word, or
// several for a phrasal verb ("cordoned off").
type verbForm struct {
	words []string
	block int32
	// code overrides the block's default when the verb line gives one.
	code    string
	hasCode bool
}

// verbPattern is one "- … * … [CODE]" line.
type verbPattern struct {
	pre, post []patElem
	code      string // "" codes nothing
	line      int
	// anchor is the first words of the pattern's most selective slot:
	// one of them must be in the clause for the pattern to match, a
	// cheap test that spares most patterns the full match.
	anchor []string
}

// patElem is one element of a pattern: a word, a "_"-joined phrase, a
// {noun phrase} or a (preposition phrase). Its slots are matched in order;
// each slot lists alternatives (a synset's members), each a word sequence
// whose words are adjacent. A word or "_"-joined phrase is one slot; the
// slots of a {} or () phrase may have a few modifiers between them ("to
// the border").
type patElem struct {
	slots []patSlot
}

// patSlot is one position of an element: its alternatives, each a word
// sequence, indexed by first word (singular) so that a synset of hundreds
// of currencies costs one lookup per word of the sentence.
type patSlot struct {
	byFirst map[string][][]string
	weight  int
}

func newSlot(alts [][]string) patSlot {
	s := patSlot{byFirst: make(map[string][][]string, len(alts))}
	for _, a := range alts {
		s.byFirst[a[0]] = append(s.byFirst[a[0]], a)
	}
	if len(alts) > 0 {
		s.weight = len(alts[0])
	}
	return s
}

// weight is how many words the element pins down: the specificity that
// ranks patterns.
func (e patElem) weight() int {
	n := 0
	for _, s := range e.slots {
		n += s.weight
	}
	return n
}

// LoadVerbFile adds the verb dictionary of one --verbs argument (a
// PETRARCH verb dictionary such as CAMEO.2.0.txt). Lines that cannot be
// read are reported to warn, with the file and line, and skipped. It
// returns the number of verb forms added.
func (lx *Lexicon) LoadVerbFile(path string, warn func(error)) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("--verbs %s: %w", path, err)
	}
	defer f.Close()
	n, err := lx.AddVerbs(f, func(err error) {
		if warn != nil {
			warn(fmt.Errorf("--verbs %s: %w (skipped)", path, err))
		}
	})
	if err != nil {
		return n, fmt.Errorf("--verbs %s: %w", path, err)
	}
	return n, nil
}

// AddVerbs reads a PETRARCH verb dictionary:
//
//	&TIETYPES             a synonym set: its members on "+" lines
//	+MILITARY
//	--- RESTORE [---] --- a verb block and its default code ("---": none)
//	RESTORE               a verb; regular forms are generated
//	SPEED {SPEEDS SPED}   irregular forms given in full
//	+CORDON_OFF           a phrasal verb: "+" marks the inflected word
//	- * {DIPLOMATIC TIES} [064]   a pattern: words around the verb "*"
//
// Comments ("#", "<!-- -->") are skipped, and so are PETRARCH's
// transformations ("~" lines), which need its parse. Patterns and verbs
// that name an undefined synset or lack a code are reported to warn and
// skipped. Verb dictionaries added later take precedence over the
// built-in trigger lexicon where they code a verb (see Recognize).
func (lx *Lexicon) AddVerbs(r io.Reader, warn func(error)) (int, error) {
	if warn == nil {
		warn = func(error) {}
	}
	if lx.verbs == nil {
		lx.verbs = &verbDict{forms: map[string][]verbForm{}}
	}
	vd := lx.verbs
	synsets := map[string][][]string{}
	var synName string // the synset being read
	synPlural := true
	block := int32(-1)
	added := 0
	err := tabariLines(r, func(n int, line string, _ bool) {
		switch {
		case strings.HasPrefix(line, "---"):
			name := strings.Trim(line, "- \t")
			code, ok := bracketCode(name)
			if !ok {
				warn(fmt.Errorf("line %d: verb block %q has no [code]", n, line))
				code = ""
			}
			vd.blocks = append(vd.blocks, verbBlock{code: code})
			block = int32(len(vd.blocks) - 1)
			synName = ""
		case line[0] == '&':
			name := strings.Fields(line)[0]
			synName, synPlural = strings.TrimSuffix(name, "_"), !strings.HasSuffix(name, "_")
			synsets[synName] = nil
			block = -1
		case line[0] == '~':
			// A transformation: it rewrites parse-tree codings.
		case line[0] == '-':
			if block < 0 {
				warn(fmt.Errorf("line %d: pattern outside a verb block", n))
				return
			}
			p, err := parsePattern(line[1:], synsets)
			if err != nil {
				warn(fmt.Errorf("line %d: %w", n, err))
				return
			}
			p.line = n
			vd.blocks[block].patterns = append(vd.blocks[block].patterns, p)
		case synName != "" && line[0] == '+':
			member := strings.TrimSpace(line[1:])
			phrases, err := expandWord(member, synsets)
			if err != nil {
				warn(fmt.Errorf("line %d: %w", n, err))
				return
			}
			for _, ph := range phrases {
				synsets[synName] = append(synsets[synName], ph)
				if synPlural && !strings.HasSuffix(member, "_") && !strings.HasPrefix(member, "&") {
					synsets[synName] = append(synsets[synName], pluralPhrase(ph))
				}
			}
		case block >= 0:
			forms, code, hasCode, err := parseVerbLine(line)
			if err != nil {
				warn(fmt.Errorf("line %d: %w", n, err))
				return
			}
			for _, f := range forms {
				vf := verbForm{words: f, block: block, code: code, hasCode: hasCode}
				vd.forms[f[0]] = append(vd.forms[f[0]], vf)
				added++
			}
		default:
			warn(fmt.Errorf("line %d: %q is neither a synset, a verb block nor a pattern", n, line))
		}
	})
	if err != nil {
		return added, err
	}
	lx.codeVerbs()
	return added, nil
}

// bracketCode returns the code in the last "[...]" of s: "" for the null
// code "---" (or a code with no digit, which PETRARCH's suites use the
// same way). ok is false when s has no brackets.
func bracketCode(s string) (code string, ok bool) {
	i := strings.LastIndexByte(s, '[')
	j := strings.LastIndexByte(s, ']')
	if i < 0 || j < i {
		return "", false
	}
	code = strings.TrimSpace(s[i+1 : j])
	if strings.Trim(code, "-") == "" {
		return "", true
	}
	return code, true
}

// parseVerbLine reads a verb line: "ATTACK", "SPEED {SPEEDS SPED}",
// "+CORDON_OFF", "WIRE_+TAP {WIRE_+TAPS …} [172]". It returns every form
// as folded words.
func parseVerbLine(line string) (forms [][]string, code string, hasCode bool, err error) {
	if i := strings.IndexByte(line, '['); i >= 0 {
		code, hasCode = bracketCode(line[i:])
		line = line[:i]
	}
	base := line
	var irregular []string
	braced := false
	if i := strings.IndexByte(line, '{'); i >= 0 {
		j := strings.IndexByte(line, '}')
		if j < i {
			return nil, "", false, fmt.Errorf("verb %q: unclosed {", line)
		}
		braced = true
		base = line[:i]
		// "{+WAS_DETERMINED , +BE_DETERMINED}": commas between forms
		// are no forms.
		irregular = strings.FieldsFunc(line[i+1:j], func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	}
	// TABARI wrote phrasal verbs with spaces ("LASH OUT"): as "_".
	base = strings.Join(strings.Fields(base), "_")
	if base == "" {
		return nil, "", false, fmt.Errorf("verb line %q has no verb", line)
	}
	spellings := []string{base}
	if braced {
		spellings = append(spellings, irregular...)
	} else {
		// The inflected word is the one marked "+", or the only one.
		words := strings.Split(base, "_")
		head := 0
		for k, w := range words {
			if strings.HasPrefix(w, "+") {
				head = k
			}
		}
		for _, infl := range verbInflections(strings.TrimPrefix(words[head], "+")) {
			w := append([]string(nil), words...)
			w[head] = infl
			spellings = append(spellings, strings.Join(w, "_"))
		}
	}
	for _, s := range spellings {
		var f []string
		for _, w := range strings.Split(strings.ReplaceAll(s, "+", ""), "_") {
			if w != "" {
				f = append(f, strings.ToLower(w))
			}
		}
		if len(f) > 0 {
			forms = append(forms, f)
		}
	}
	return forms, code, hasCode, nil
}

// verbInflections returns the regular -s, -ed and -ing forms of an English
// verb. A final consonant after one vowel may double ("rob", "robbed"),
// or not ("visit", "visited"): without a syllable count both are made, as
// the wrong one matches no English word.
func verbInflections(v string) []string {
	v = strings.ToUpper(v)
	n := len(v)
	if n < 2 {
		return nil
	}
	vowel := func(c byte) bool { return strings.IndexByte("AEIOU", c) >= 0 }
	last := v[n-1]
	var out []string
	switch {
	case strings.HasSuffix(v, "S") || strings.HasSuffix(v, "SH") || strings.HasSuffix(v, "CH") || strings.HasSuffix(v, "X") || strings.HasSuffix(v, "Z"):
		out = append(out, v+"ES")
	case last == 'Y' && !vowel(v[n-2]):
		out = append(out, v[:n-1]+"IES")
	default:
		out = append(out, v+"S")
	}
	switch {
	case last == 'E':
		out = append(out, v+"D", v[:n-1]+"ING")
		if strings.HasSuffix(v, "EE") {
			out[len(out)-1] = v + "ING"
		}
	case last == 'Y' && !vowel(v[n-2]):
		out = append(out, v[:n-1]+"IED", v+"ING")
	default:
		out = append(out, v+"ED", v+"ING")
		if n >= 3 && !vowel(last) && vowel(v[n-2]) && !vowel(v[n-3]) && strings.IndexByte("WXY", last) < 0 {
			d := v + string(last)
			out = append(out, d+"ED", d+"ING")
		}
	}
	return out
}

// pluralPhrase forms a noun phrase's regular plural on its last word, as
// PETRARCH does for synsets: -S, -IES after a consonant and Y, -ES after SS.
func pluralPhrase(ph []string) []string {
	out := append([]string(nil), ph...)
	w := out[len(out)-1]
	n := len(w)
	switch {
	case n > 1 && w[n-1] == 'y' && strings.IndexByte("aeiou", w[n-2]) < 0:
		w = w[:n-1] + "ies"
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "x"):
		w += "es"
	default:
		w += "s"
	}
	out[len(out)-1] = w
	return out
}

// expandWord reads one "_"-joined word of a synset or pattern into its
// alternatives: "NEW_&TIETYPES_RELATIONS" is "new military relations",
// "new economic relations", …. An undefined synset is an error.
func expandWord(w string, synsets map[string][][]string) ([][]string, error) {
	alts := [][]string{nil}
	for _, part := range strings.Split(w, "_") {
		part = strings.Trim(part, "+$%^")
		if part == "" {
			continue
		}
		var opts [][]string
		if part[0] == '&' {
			members, ok := synsets[part]
			if !ok {
				return nil, fmt.Errorf("undefined synset %s", part)
			}
			opts = members
		} else {
			opts = [][]string{{strings.ToLower(part)}}
		}
		var next [][]string
		for _, a := range alts {
			for _, o := range opts {
				next = append(next, append(append([]string(nil), a...), o...))
			}
		}
		alts = next
	}
	var out [][]string
	for _, a := range alts {
		if len(a) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// parsePattern reads the part of a pattern line after its "-".
func parsePattern(s string, synsets map[string][][]string) (verbPattern, error) {
	var p verbPattern
	i := strings.LastIndexByte(s, '[')
	if i < 0 {
		return p, fmt.Errorf("pattern %q has no [code]", strings.TrimSpace(s))
	}
	p.code, _ = bracketCode(s[i:])
	body := s[:i]
	// "IN_*" and "*_IN" join a word to the verb: the verb is its own
	// element.
	body = strings.ReplaceAll(strings.ReplaceAll(body, "_*", " * "), "*_", " * ")
	verb := false
	for _, tok := range groupFields(body) {
		if tok == "*" {
			if verb {
				return p, fmt.Errorf("pattern %q has two verbs", strings.TrimSpace(s))
			}
			verb = true
			continue
		}
		if strings.Trim(tok, "$+%^") == "" {
			continue // role markers: the parse decides roles here
		}
		e, err := parseElem(tok, synsets)
		if err != nil {
			return p, err
		}
		if len(e.slots) == 0 {
			continue
		}
		if verb {
			p.post = append(p.post, e)
		} else {
			p.pre = append(p.pre, e)
		}
	}
	if !verb {
		return p, fmt.Errorf("pattern %q has no verb *", strings.TrimSpace(s))
	}
	for _, e := range append(append([]patElem(nil), p.pre...), p.post...) {
		for _, sl := range e.slots {
			if p.anchor == nil || len(sl.byFirst) < len(p.anchor) {
				p.anchor = make([]string, 0, len(sl.byFirst))
				for w := range sl.byFirst {
					p.anchor = append(p.anchor, w)
				}
			}
		}
	}
	return p, nil
}

// groupFields splits a pattern body on spaces, keeping "{…}" and "(…)"
// groups whole.
func groupFields(s string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' || c == '(':
			if depth == 0 && start < 0 {
				start = i
			}
			depth++
		case c == '}' || c == ')':
			if depth > 0 {
				depth--
			}
		case (c == ' ' || c == '\t') && depth == 0:
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// parseElem reads one element: WORD, A_B, {A B}, (PREP NOUN), (PREP {A B}).
func parseElem(tok string, synsets map[string][][]string) (patElem, error) {
	var e patElem
	inner := strings.NewReplacer("{", " ", "}", " ", "(", " ", ")", " ").Replace(tok)
	for _, w := range strings.Fields(inner) {
		if strings.Trim(w, "$+%^") == "" {
			continue
		}
		alts, err := expandWord(w, synsets)
		if err != nil {
			return e, err
		}
		// A "_"-joined word is a single slot of adjacent words.
		e.slots = append(e.slots, newSlot(alts))
	}
	return e, nil
}

// verbMatch is a coded verb found in a sentence.
type verbMatch struct {
	start, end int // the verb's tokens
	code       string
}

// matchVerb finds the verb form starting at token i and codes it by the
// best pattern of its block. ok is false when no form starts at i.
func (vd *verbDict) matchVerb(toks []durand.Token, i int) (m verbMatch, ok bool) {
	var form *verbForm
	for k := range vd.forms[toks[i].Norm] {
		f := &vd.forms[toks[i].Norm][k]
		if i+len(f.words) > len(toks) || (form != nil && len(f.words) <= len(form.words)) {
			continue
		}
		same := true
		for j, w := range f.words {
			if toks[i+j].Norm != w {
				same = false
				break
			}
		}
		if same {
			form = f
		}
	}
	if form == nil {
		return m, false
	}
	m = verbMatch{start: i, end: i + len(form.words)}
	b := &vd.blocks[form.block]
	m.code = b.code
	if form.hasCode {
		m.code = form.code
	}
	// The clause around the verb: patterns do not reach across a
	// semicolon, a colon or the sentence's end, nor far.
	lo, hi := i, m.end
	for lo > 0 && lo > i-10 && !clauseStop(toks[lo-1].Norm) {
		lo--
	}
	for hi < len(toks) && hi < m.end+14 && !clauseStop(toks[hi].Norm) {
		hi++
	}
	var words map[string]bool // the clause's words, singular forms too
	best := 0
	for i := range b.patterns {
		p := &b.patterns[i]
		if len(p.anchor) > 0 {
			if words == nil {
				words = make(map[string]bool, 2*(hi-lo))
				for k := lo; k < hi; k++ {
					keys, n := singulars(toks[k].Norm)
					for _, w := range keys[:n] {
						words[w] = true
					}
				}
			}
			found := false
			for _, w := range p.anchor {
				if words[w] {
					found = true
					break
				}
			}
			if !found {
				continue
			}
		}
		w := p.matches(toks, lo, m.start, m.end, hi)
		if w > best {
			best, m.code = w, p.code
		}
	}
	return m, true
}

func clauseStop(w string) bool { return w == ";" || w == ":" || w == "." || w == "!" || w == "?" }

// matches returns the pattern's weight when it matches around a verb at
// toks[start:end] within toks[lo:hi], and 0 when it does not. A pattern
// with no words matches any use of the verb with weight 1.
func (p *verbPattern) matches(toks []durand.Token, lo, start, end, hi int) int {
	post, ok := matchElems(p.post, toks, end, hi)
	if !ok {
		return 0
	}
	// Before the verb, elements in order, the last nearest the verb.
	pre, ok := matchElems(p.pre, toks, lo, start)
	if !ok {
		return 0
	}
	return 1 + post + pre
}

// matchElems matches elements in order within toks[from:to] and returns
// their weight.
func matchElems(elems []patElem, toks []durand.Token, from, to int) (w int, ok bool) {
	at := from
	for _, e := range elems {
		next, found := e.find(toks, at, to)
		if !found {
			return 0, false
		}
		at = next
		w += e.weight()
	}
	return w, true
}

// find returns the end of the first occurrence of e in toks[from:to].
func (e patElem) find(toks []durand.Token, from, to int) (int, bool) {
	for s := from; s < to; s++ {
		if end, ok := e.matchAt(toks, s, to); ok {
			return end, true
		}
	}
	return 0, false
}

// matchAt matches e's slots starting exactly at toks[s]: later slots may
// follow after up to three words ("to the disputed border").
func (e patElem) matchAt(toks []durand.Token, s, to int) (int, bool) {
	at := s
	for k, slot := range e.slots {
		gap := 0
		if k > 0 {
			gap = 3
		}
		found := false
		for g := 0; g <= gap && at+g < to && !found; g++ {
			keys, nk := singulars(toks[at+g].Norm)
			for _, key := range keys[:nk] {
				for _, alt := range slot.byFirst[key] {
					if end, ok := wordsAt(toks, at+g, to, alt); ok {
						at, found = end, true
						break
					}
				}
				if found {
					break
				}
			}
		}
		if !found {
			return 0, false
		}
	}
	return at, true
}

// singulars returns the forms a pattern word may have for a sentence
// word w: w itself, and w without a plural ending ("ties" → "tie",
// "parties" → "party", "taxes" → "tax").
func singulars(w string) (out [4]string, n int) {
	out[0], n = w, 1
	l := len(w)
	if l > 3 && w[l-1] == 's' {
		out[n], n = w[:l-1], n+1
		if w[l-2] == 'e' {
			out[n], n = w[:l-2], n+1
		}
		if l > 4 && strings.HasSuffix(w, "ies") {
			out[n], n = w[:l-3]+"y", n+1
		}
	}
	return out, n
}

// wordsAt matches adjacent words at toks[s]; a word also matches its
// regular plural ("tie" in the pattern, "ties" in the text).
func wordsAt(toks []durand.Token, s, to int, words []string) (int, bool) {
	if s+len(words) > to {
		return 0, false
	}
	for j, w := range words {
		t := toks[s+j].Norm
		if t != w && t != w+"s" && t != w+"es" && !(strings.HasSuffix(w, "y") && t == w[:len(w)-1]+"ies") {
			return 0, false
		}
	}
	return s + len(words), true
}

// codeVerbs makes the trigger of every code the verb dictionary uses, so
// that recognition only reads the lexicon. A code the CAMEO-to-PLOVER
// table gives no type (the suites' 9xx test codes) codes nothing. A
// paired code ("042:043": A visits B, and B hosts A) makes the second
// event too, with the sides swapped (see TriggerDef.Paired).
func (lx *Lexicon) codeVerbs() {
	if lx.cameoTrigs == nil {
		lx.cameoTrigs = map[string]*durand.TriggerDef{}
		lx.mergedTrigs = new(sync.Map)
	}
	add := func(code string) {
		if _, done := lx.cameoTrigs[code]; done || code == "" {
			return
		}
		first, second, paired := strings.Cut(code, ":")
		var td *durand.TriggerDef
		if row, ok := lx.Cameo.Lookup(first); ok {
			td = &durand.TriggerDef{Phrase: "CAMEO " + first, Type: row.Type, Mode: row.Mode, Context: row.Context, CAMEO: first}
			if row2, ok := lx.Cameo.Lookup(second); paired && ok {
				td.Paired = &durand.TriggerDef{Phrase: "CAMEO " + second, Type: row2.Type, Mode: row2.Mode, Context: row2.Context, CAMEO: second}
			}
		}
		lx.cameoTrigs[code] = td
	}
	for _, b := range lx.verbs.blocks {
		add(b.code)
		for _, p := range b.patterns {
			add(p.code)
		}
	}
	for _, fs := range lx.verbs.forms {
		for _, f := range fs {
			add(f.code)
		}
	}
}

// CameoRow is one row of the CAMEO-to-PLOVER table.
type CameoRow struct {
	Type          durand.EventType
	Mode, Context string
}

// CameoTable maps CAMEO codes to PLOVER types and modes.
type CameoTable map[string]CameoRow

// Lookup returns the row of the most specific code the table has for
// code: "0631" falls back to "063", then "06".
func (c CameoTable) Lookup(code string) (CameoRow, bool) {
	for k := len(code); k >= 2; k-- {
		if r, ok := c[code[:k]]; ok {
			return r, true
		}
	}
	return CameoRow{}, false
}

// ReadCameoPlover reads a CAMEO-to-PLOVER table in the format of PLOVER's
// CAMEO2PLOVER-2021.txt: "CODE: TYPE, mode, context # comment" lines. A
// code the table maps to two types (08: CONCEDE and RETREAT) keeps the
// first.
func ReadCameoPlover(r io.Reader) (CameoTable, error) {
	t := CameoTable{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		code, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		parts := strings.Split(rest, ",")
		for len(parts) < 3 {
			parts = append(parts, "")
		}
		code = strings.TrimSpace(code)
		row := CameoRow{Type: durand.EventType(strings.TrimSpace(parts[0])), Mode: strings.TrimSpace(parts[1]), Context: strings.TrimSpace(parts[2])}
		if code == "" || row.Type == "" {
			continue
		}
		if _, dup := t[code]; !dup {
			t[code] = row
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(t) == 0 {
		return nil, fmt.Errorf("no CODE: TYPE lines")
	}
	return t, nil
}

// mergedKey names a verb dictionary's trigger and a built-in trigger over
// the same words.
type mergedKey struct {
	verb    *durand.TriggerDef
	builtin int32
}

// merged is a verb dictionary's violent trigger with what the built-in
// lexicon knows of the same words: that "killed" counts the dead, that
// "shot" is by firearms. The dictionary's type and CAMEO code stand; the
// count's kind, the mode (where the code gives none) and the word's
// limits come from the built-in trigger. Made once per pair, on first use.
func (lx *Lexicon) merged(verb *durand.TriggerDef, builtin int32) *durand.TriggerDef {
	key := mergedKey{verb, builtin}
	if td, ok := lx.mergedTrigs.Load(key); ok {
		return td.(*durand.TriggerDef)
	}
	b := lx.Triggers[builtin]
	td := *verb
	td.Harm, td.OnPeople, td.TotalOnly = b.Harm, b.OnPeople, b.TotalOnly
	if td.Mode == "" {
		td.Mode = b.Mode
	}
	got, _ := lx.mergedTrigs.LoadOrStore(key, &td)
	return got.(*durand.TriggerDef)
}
