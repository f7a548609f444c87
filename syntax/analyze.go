package syntax

// Analysis is the syntactic layer of one sentence, word by word: the tag
// (an index into UPOS), the head (a word index, -1 for the root), the
// relation (see Model.Relation) and the name tag (an index into NameTags).
type Analysis struct {
	Tags  []uint8
	Heads []int32
	Rels  []uint8
	Names []uint8
}

// Analyzer tags, parses and names sentences with one model. It keeps
// scratch space between sentences, so it is not safe for concurrent use:
// give each goroutine its own.
type Analyzer struct {
	m  *Model
	ts tagState
	ps parseState
	ns nameState
	// for Annotate
	forms []string
	out   Analysis
}

// Analyzer returns an analyzer of the model.
func (m *Model) Analyzer() *Analyzer { return &Analyzer{m: m} }

// Relation returns the name of relation r of an Analysis.
func (m *Model) Relation(r uint8) string {
	if int(r) < len(m.parser.rels) {
		return m.parser.rels[r]
	}
	return ""
}

// Analyze sets out to the analysis of the words forms, reusing out's
// slices. Words are as a treebank splits them ("did" "n't").
func (a *Analyzer) Analyze(forms []string, out *Analysis) {
	a.Tag(forms, out)
	a.m.parser.parse(&a.ps, a.ts.lx, out.Tags, out.Heads, out.Rels)
	a.m.namer.name(&a.ns, &a.ts.tokens, out.Tags, out.Names)
}

// Tag sets out's tags of forms only, and sizes its other slices.
func (a *Analyzer) Tag(forms []string, out *Analysis) {
	n := len(forms)
	out.Tags, out.Heads, out.Rels, out.Names = resize(out.Tags, n), resize(out.Heads, n), resize(out.Rels, n), resize(out.Names, n)
	a.m.tagger.tag(&a.ts, forms, out.Tags)
}

// Parse sets out's tags, heads and relations, without names.
func (a *Analyzer) Parse(forms []string, out *Analysis) {
	a.Tag(forms, out)
	a.m.parser.parse(&a.ps, a.ts.lx, out.Tags, out.Heads, out.Rels)
}
