package syntax

// jackknife tags each sentence of sents with a tagger trained on the
// other folds, so that the parser trains on tags as wrong as the ones it
// will see.
func jackknife(sents []Sentence, folds, epochs int, seed uint64) [][]uint8 {
	out := make([][]uint8, len(sents))
	for k := range folds {
		var rest []Sentence
		for i, s := range sents {
			if i%folds != k {
				rest = append(rest, s)
			}
		}
		tg := trainTagger(rest, epochs, seed+uint64(k), 0)
		var st tagState
		var forms []string
		for i := k; i < len(sents); i += folds {
			forms = formsOf(forms[:0], sents[i])
			out[i] = make([]uint8, len(forms))
			tg.tag(&st, forms, out[i])
		}
	}
	return out
}
