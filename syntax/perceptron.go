package syntax

import (
	"math"
	"sort"
)

// learner is an averaged perceptron in training: for each feature key
// the classes it has weights for, each with the running total that gives
// the average (the lazy update of Collins 2002 and Daumé's notes: a
// weight's total is brought up to date only when it changes).
type learner struct {
	classes int
	index   map[uint32]int32
	rows    [][]entry
	now     int32 // training instances seen
}

type entry struct {
	class int32
	stamp int32
	w     float32
	total float64
}

func newLearner(classes int) *learner {
	return &learner{classes: classes, index: make(map[uint32]int32)}
}

// score adds the current weights of feats to scores.
func (l *learner) score(feats []uint32, scores []float32) {
	clear(scores)
	for _, f := range feats {
		i, ok := l.index[f]
		if !ok {
			continue
		}
		for _, e := range l.rows[i] {
			scores[e.class] += e.w
		}
	}
}

// update moves the weights of feats towards truth and away from guess.
func (l *learner) update(feats []uint32, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		l.add(f, truth, 1)
		l.add(f, guess, -1)
	}
}

func (l *learner) add(f uint32, class int, d float32) {
	i, ok := l.index[f]
	if !ok {
		i = int32(len(l.rows))
		l.index[f] = i
		l.rows = append(l.rows, nil)
	}
	row := l.rows[i]
	for k := range row {
		if e := &row[k]; e.class == int32(class) {
			e.total += float64(l.now-e.stamp) * float64(e.w)
			e.stamp, e.w = l.now, e.w+d
			return
		}
	}
	l.rows[i] = append(row, entry{class: int32(class), stamp: l.now, w: d})
}

// tick counts one training instance.
func (l *learner) tick() { l.now++ }

// average returns the averaged weights, leaving out those whose
// magnitude is below prune and features left with none.
func (l *learner) average(prune float64) *table {
	keys := make([]uint32, 0, len(l.index))
	for k := range l.index {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	var feats []feature
	n := float64(max(l.now, 1))
	for _, k := range keys {
		var f feature
		f.key = k
		for _, e := range l.rows[l.index[k]] {
			avg := (e.total + float64(l.now-e.stamp)*float64(e.w)) / n
			if math.Abs(avg) >= prune {
				f.ws = append(f.ws, weight{class: uint8(e.class), w: float32(avg)})
			}
		}
		if len(f.ws) > 0 {
			sort.Slice(f.ws, func(a, b int) bool { return f.ws[a].class < f.ws[b].class })
			feats = append(feats, f)
		}
	}
	return newTable(l.classes, feats)
}

// feature is one key's weights, by class; the unit of the model file.
type feature struct {
	key uint32
	ws  []weight
}

type weight struct {
	class uint8
	w     float32
}

// table is a trained classifier's weights for prediction: an
// open-addressing hash table from feature key to its weights, so that a
// lookup is one probe in most cases. With few classes (the parser's moves,
// the name tags) a slot holds the key and every class's weight in one
// cache line (dense); with many, it points to a run of only the classes
// the feature has weights for. Lookups miss the cache more than anything
// else costs, so the layout is what makes the tables fast.
type table struct {
	classes int
	mask    uint32
	feats   int
	// compact, for three classes: a slot is one word, the key's top 16
	// bits (the slot's place says the rest, but for collisions) and the
	// weights as multiples of scale in 16 bits each
	compact []uint64
	scale   float32
	keys    []uint32 // the whole keys of the compact slots, for writing

	// dense: stride words per slot, the key then the weights' bits
	stride int
	dense  []uint32
	// sparse
	slots []slot
	ws    []weight
}

type slot struct {
	key      uint32
	off, end uint32
}

// maxDense is the most classes a dense table holds: a slot of 8 words.
const maxDense = 7

func newTable(classes int, feats []feature) *table {
	size := uint32(16)
	for int(size) < len(feats)*3/2 {
		size *= 2
	}
	t := &table{classes: classes, mask: size - 1, feats: len(feats)}
	if classes <= 3 && size >= 1<<16 {
		t.fillCompact(feats)
		return t
	}
	if classes <= maxDense {
		t.stride = 1 + classes
		for t.stride&(t.stride-1) != 0 {
			t.stride++ // a power of two, so no slot straddles a cache line
		}
		t.dense = make([]uint32, int(size)*t.stride)
		for _, f := range feats {
			i := f.key & t.mask
			for t.dense[int(i)*t.stride] != 0 {
				i = (i + 1) & t.mask
			}
			row := t.dense[int(i)*t.stride : int(i+1)*t.stride]
			row[0] = f.key
			for _, w := range f.ws {
				row[1+int(w.class)] = math.Float32bits(w.w)
			}
		}
		return t
	}
	t.slots = make([]slot, size)
	for _, f := range feats {
		i := f.key & t.mask
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		off := uint32(len(t.ws))
		t.ws = append(t.ws, f.ws...)
		t.slots[i] = slot{key: f.key, off: off, end: uint32(len(t.ws))}
	}
	return t
}

// fillCompact fills the compact slots. The weights are rounded to 16 bits
// of the largest, as the model file stores them.
func (t *table) fillCompact(feats []feature) {
	t.scale = quantum(feats)
	t.compact, t.keys = make([]uint64, int(t.mask)+1), make([]uint32, int(t.mask)+1)
	for _, f := range feats {
		x := uint64(fingerprint(f.key))
		for _, w := range f.ws {
			q := int16(math.Round(float64(w.w / t.scale)))
			x |= uint64(uint16(q)) << (16 * (1 + int(w.class)))
		}
		i := f.key & t.mask
		for t.compact[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.compact[i], t.keys[i] = x, f.key
	}
}

// fingerprint is what a compact slot keeps of a key: 16 bits of another
// hash of it (the slot's place already says the key's low bits), never 0,
// which marks an empty slot. Another feature with the same fingerprint
// on the probe path is taken for the one looked up: about one lookup in
// 100,000.
func fingerprint(key uint32) uint16 {
	if fp := uint16(uint64(key) * 0x9e3779b97f4a7c15 >> 48); fp != 0 {
		return fp
	}
	return 1
}

// quantum is the unit of the 16-bit weights: the largest magnitude of
// feats over the largest int16.
func quantum(feats []feature) float32 {
	var big float32
	for _, f := range feats {
		for _, w := range f.ws {
			big = max(big, float32(math.Abs(float64(w.w))))
		}
	}
	if big == 0 {
		return 1
	}
	return big / 32767
}

// score sets scores to the sum of the weights of feats.
func (t *table) score(feats []uint32, scores []float32) {
	clear(scores)
	if t.compact != nil {
		t.scoreCompact(feats, scores)
		return
	}
	if t.dense != nil {
		t.scoreDense(feats, scores)
		return
	}
	for _, f := range feats {
		i := f & t.mask
		for {
			s := &t.slots[i]
			if s.key == f {
				for _, w := range t.ws[s.off:s.end] {
					scores[w.class] += w.w
				}
				break
			}
			if s.key == 0 {
				break
			}
			i = (i + 1) & t.mask
		}
	}
}

func (t *table) scoreCompact(feats []uint32, scores []float32) {
	var acc [3]int32
	for _, f := range feats {
		fp := uint64(fingerprint(f))
		i := f & t.mask
		for {
			x := t.compact[i]
			if x&0xffff == fp {
				acc[0] += int32(int16(x >> 16))
				acc[1] += int32(int16(x >> 32))
				acc[2] += int32(int16(x >> 48))
				break
			}
			if x == 0 {
				break
			}
			i = (i + 1) & t.mask
		}
	}
	for k := range scores {
		scores[k] = float32(acc[k]) * t.scale
	}
}

func (t *table) scoreDense(feats []uint32, scores []float32) {
	st, c := t.stride, t.classes
	for _, f := range feats {
		i := f & t.mask
		for {
			row := t.dense[int(i)*st : int(i)*st+st]
			if row[0] == f {
				for k, b := range row[1 : 1+c] {
					scores[k] += math.Float32frombits(b)
				}
				break
			}
			if row[0] == 0 {
				break
			}
			i = (i + 1) & t.mask
		}
	}
}

// features lists the table's features in key order, for writing.
func (t *table) features() []feature {
	out := make([]feature, 0, t.feats)
	for i := range int(t.mask) + 1 {
		if t.compact != nil {
			x := t.compact[i]
			if x == 0 {
				continue
			}
			f := feature{key: t.keys[i]}
			for c := range t.classes {
				if q := int16(x >> (16 * (1 + c))); q != 0 {
					f.ws = append(f.ws, weight{class: uint8(c), w: float32(q) * t.scale})
				}
			}
			out = append(out, f)
			continue
		}
		if t.dense != nil {
			row := t.dense[i*t.stride : (i+1)*t.stride]
			if row[0] == 0 {
				continue
			}
			f := feature{key: row[0]}
			for c, b := range row[1 : 1+t.classes] {
				if b != 0 {
					f.ws = append(f.ws, weight{class: uint8(c), w: math.Float32frombits(b)})
				}
			}
			out = append(out, f)
			continue
		}
		if s := t.slots[i]; s.key != 0 {
			out = append(out, feature{key: s.key, ws: t.ws[s.off:s.end]})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].key < out[b].key })
	return out
}

// argmax returns the best-scoring class among those ok allows (all when ok
// is nil), or -1 when none is allowed.
func argmax(scores []float32, ok func(int) bool) int {
	best := -1
	for c, s := range scores {
		if ok != nil && !ok(c) {
			continue
		}
		if best < 0 || s > scores[best] {
			best = c
		}
	}
	return best
}
