package syntax

import "math/rand/v2"

// order yields a fresh permutation of the training sentences each epoch,
// the same ones for the same seed, so training is reproducible.
type order struct {
	perm []int
	rng  *rand.Rand
}

func shuffled(n int, seed uint64) *order {
	o := &order{perm: make([]int, n), rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	for i := range o.perm {
		o.perm[i] = i
	}
	return o
}

func (o *order) next() []int {
	o.rng.Shuffle(len(o.perm), func(i, j int) { o.perm[i], o.perm[j] = o.perm[j], o.perm[i] })
	return o.perm
}
