package pipeline

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/assemble"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/gazetteer"
	"github.com/durandhq/durand/ingest"
	"github.com/durandhq/durand/recognize"
	"github.com/durandhq/durand/sentence"
)

// benchCorpus is the fixed benchmark corpus: Wikipedia's current-events
// items of 2025 on Afghanistan and Pakistan, one to three sentences each,
// nearly every one reporting an event (the assembler's worst case).
const benchCorpus = "../testdata/bench/corpus.jsonl"

// articleCorpus is ten full Wikinews articles of 2019–2020 on any subject:
// news as it is written, where most sentences report no event.
const articleCorpus = "../../shared/data/news/wikinews_2019_2020.jsonl"

// corpus loads the fixed benchmark corpus, repeated to about 1 MB.
func corpus(b *testing.B) ([]durand.Document, int) {
	return corpusFrom(b, benchCorpus)
}

// corpusFrom loads a JSON-lines corpus, repeated to about 1 MB.
func corpusFrom(b *testing.B, path string) ([]durand.Document, int) {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var docs []durand.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l struct{ ID, Published, Text string }
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			b.Fatal(err)
		}
		pub, _ := ingest.ParseDate(l.Published)
		docs = append(docs, durand.Document{ID: durand.DocID(l.ID), Published: pub, Text: l.Text})
	}
	var all []durand.Document
	size := 0
	for size < 1<<20 {
		for _, d := range docs {
			all = append(all, d)
			size += len(d.Text)
		}
	}
	return all, size
}

func countSentences(docs []durand.Document) int {
	n := 0
	for _, d := range docs {
		n += len(sentence.Split(d))
	}
	return n
}

func report(b *testing.B, sents int) {
	b.ReportMetric(float64(sents)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

func BenchmarkStage(b *testing.B) {
	docs, size := corpus(b)
	sents := countSentences(docs)
	lx, err := recognize.Load(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	rec := recognize.New(lx)
	asm, err := assemble.New(lx, data.FS)
	if err != nil {
		b.Fatal(err)
	}
	split := make([][]durand.Sentence, len(docs))
	inputs := make([][]assemble.Input, len(docs))
	for i, d := range docs {
		split[i] = sentence.Split(d)
		for _, s := range split[i] {
			inputs[i] = append(inputs[i], assemble.Input{Sentence: s, Mentions: rec.Recognize(d.Text, s)})
		}
	}
	b.Run("stage=sentence", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				sentence.Split(d)
			}
		}
		report(b, sents)
	})
	b.Run("stage=recognize", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for i, d := range docs {
				for _, s := range split[i] {
					rec.Recognize(d.Text, s)
				}
			}
		}
		report(b, sents)
	})
	b.Run("stage=recognize+geocode", func(b *testing.B) {
		// Recognition and the geocoder on its own (assemble.Locate), as
		// issue 3 measures them.
		b.SetBytes(int64(size))
		b.ReportAllocs()
		in := make([]assemble.Input, 0, 64)
		for b.Loop() {
			for i, d := range docs {
				in = in[:0]
				for _, s := range split[i] {
					in = append(in, assemble.Input{Sentence: s, Mentions: rec.Recognize(d.Text, s)})
				}
				asm.Locate(d, in)
			}
		}
		report(b, sents)
	})
	b.Run("stage=assemble", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for i, d := range docs {
				asm.Assemble(d, inputs[i])
			}
		}
		report(b, sents)
	})
	b.Run("stage=ingest-hash", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				ingest.Hash(d.Text)
			}
		}
	})
}

// BenchmarkPipeline is the whole extraction, one document after another
// on one core.
func BenchmarkPipeline(b *testing.B) {
	benchExtract(b, newExtractor(b).Extractor)
}

// BenchmarkPipelineArticles is the whole extraction of full news articles
// (read from ../shared/data, skipped when it is absent).
func BenchmarkPipelineArticles(b *testing.B) {
	if _, err := os.Stat(articleCorpus); err != nil {
		b.Skipf("%s is absent: %v", articleCorpus, err)
	}
	benchExtractFrom(b, newExtractor(b).Extractor, articleCorpus)
}

// benchExtract extracts the corpus with x, one document after another.
func benchExtract(b *testing.B, x *Extractor) {
	benchExtractFrom(b, x, benchCorpus)
}

func benchExtractFrom(b *testing.B, x *Extractor, path string) {
	docs, size := corpusFrom(b, path)
	sents := countSentences(docs)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			x.Extract(d)
		}
	}
	report(b, sents)
}

// BenchmarkPipelineCAMEO is the whole extraction with PETRARCH's CAMEO
// verb dictionary (CAMEO.2.0.txt, 15,000 verb forms and patterns) loaded
// as --verbs loads it: what coding by a user's dictionary costs.
func BenchmarkPipelineCAMEO(b *testing.B) {
	const dict = "../../shared/data/petrarch2/CAMEO.2.0.txt"
	if _, err := os.Stat(dict); err != nil {
		b.Skipf("%s is absent: %v", dict, err)
	}
	x, err := New(Options{VerbFiles: []string{dict}})
	if err != nil {
		b.Fatal(err)
	}
	benchExtract(b, x)
}

// BenchmarkLoad is the start-up cost: dictionaries and gazetteer.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGazetteerLoad is the gazetteer alone: parsing data/gazetteer.tsv
// (issue 3 wants it ready in under 100 ms).
func BenchmarkGazetteerLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f, err := data.FS.Open("gazetteer.tsv")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := gazetteer.Load(f); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}
