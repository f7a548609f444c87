// Package syntax is durand's syntactic layer: a part-of-speech tagger, a
// dependency parser and a name tagger for English, trained in the project
// from Universal Dependencies English-EWT, GUM and UNER English-EWT, with
// the weights embedded (model/en.model; CC BY-SA 4.0, see model/NOTICE).
//
// All three are greedy and linear in the sentence's length, each an
// averaged perceptron over hashed feature templates:
//
//   - the tagger (Tagger) gives universal parts of speech, left to right;
//   - the parser (Parser) is arc-hybrid with the root at the buffer's end,
//     trained with a dynamic oracle on jackknifed tags; a second perceptron
//     labels each arc when it is made;
//   - the name tagger (Namer) gives IOB2 tags of persons, places and
//     organisations, never an I- tag that continues nothing.
//
// Default loads the embedded model; Model.Analyzer gives a goroutine its
// analyzer; Analyzer.Annotate fills durand.Sentence.Syntax from a
// sentence's tokens. Train rebuilds a model (durand train); Evaluate and
// EvaluateNames score one (durand eval --format conllu).
//
// Features, learner and weights are apart, as in Honnibal's parser and
// UDPipe: the templates are code (tagger.go, parser_features.go,
// names.go), the learner is perceptron.go, and the weights are data,
// written by Model.Write in a format of this package (model.go).
package syntax
