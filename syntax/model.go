package syntax

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// Model is a trained tagger, parser and name tagger. It is read-only
// once loaded and safe for concurrent use through an Analyzer per
// goroutine.
type Model struct {
	tagger *Tagger
	parser *Parser
	namer  *Namer
}

// The model file: gzip around a magic line, a format version, and the
// three classifiers' weights as varints. Weights are quantised to 16
// bits of their table's largest magnitude.
const (
	magic   = "durand syntax model\n"
	version = 1
)

// ErrModel is returned, wrapped, when a model file is not one this code
// wrote: another format, another version, or damaged.
var ErrModel = errors.New("bad model file")

// Write writes m in the model file format. The output depends only on
// the model, so that the same training gives the same file.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := &encoder{w: bufio.NewWriter(zw)}
	e.w.WriteString(magic)
	e.uvarint(version)
	e.strings(m.parser.rels)
	e.table(m.tagger.w)
	e.table(m.parser.moves)
	e.table(m.parser.labels)
	e.table(m.namer.w)
	e.map32(m.tagger.amb)
	caps := make(map[uint32]uint32, len(m.namer.caps))
	for k, v := range m.namer.caps {
		caps[k] = uint32(v)
	}
	e.map32(caps)
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uvarint(x uint64) { e.w.Write(binary.AppendUvarint(e.buf[:0], x)) }
func (e *encoder) varint(x int64)   { e.w.Write(binary.AppendVarint(e.buf[:0], x)) }

func (e *encoder) strings(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.uvarint(uint64(len(s)))
		e.w.WriteString(s)
	}
}

func (e *encoder) table(t *table) {
	feats := t.features()
	scale := quantum(feats)
	e.uvarint(uint64(t.classes))
	e.uvarint(uint64(len(feats)))
	e.uvarint(uint64(math.Float32bits(scale)))
	var last uint32
	for _, f := range feats {
		e.uvarint(uint64(f.key - last))
		last = f.key
		e.uvarint(uint64(len(f.ws)))
		for _, w := range f.ws {
			e.w.WriteByte(w.class)
			e.varint(int64(math.Round(float64(w.w / scale))))
		}
	}
}

func (e *encoder) map32(m map[uint32]uint32) {
	keys := make([]uint32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	e.uvarint(uint64(len(keys)))
	var last uint32
	for _, k := range keys {
		e.uvarint(uint64(k - last))
		e.uvarint(uint64(m[k]))
		last = k
	}
}

// Load reads a model written by Write.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load model: %w: %w", ErrModel, err)
	}
	return load(zr)
}

// load reads a model from the stream inside the gzip layer.
func load(r io.Reader) (*Model, error) {
	d := &decoder{r: bufio.NewReader(r)}
	m, err := d.model()
	if err != nil {
		return nil, fmt.Errorf("load model: %w: %w", ErrModel, err)
	}
	return m, nil
}

type decoder struct {
	r *bufio.Reader
}

// Bounds on what a model file may declare, so that a damaged file fails
// instead of asking for gigabytes.
const (
	maxFeatures = 1 << 24
	maxEntries  = 1 << 24
	maxString   = 1 << 10
)

func (d *decoder) model() (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(d.r, head); err != nil || string(head) != magic {
		return nil, errors.New("not a model file")
	}
	if v, err := d.uvarint(); err != nil || v != version {
		return nil, fmt.Errorf("version %d, want %d (%v)", v, version, err)
	}
	rels, err := d.strings()
	if err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	m := &Model{tagger: &Tagger{}, parser: &Parser{rels: rels}, namer: &Namer{}}
	tables := []struct {
		name    string
		t       **table
		classes int
	}{
		{"tagger", &m.tagger.w, len(UPOS)},
		{"moves", &m.parser.moves, nMoves},
		{"labels", &m.parser.labels, len(rels)},
		{"names", &m.namer.w, len(NameTags)},
	}
	for _, tb := range tables {
		t, err := d.table(tb.classes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tb.name, err)
		}
		*tb.t = t
	}
	if m.tagger.amb, err = d.map32(math.MaxUint32); err != nil {
		return nil, fmt.Errorf("ambiguity classes: %w", err)
	}
	for _, v := range m.tagger.amb {
		if v&sure != 0 && int(v>>sureShift&0x1f) >= len(UPOS) {
			return nil, fmt.Errorf("ambiguity class %#x: no such tag", v)
		}
	}
	caps, err := d.map32(3)
	if err != nil {
		return nil, fmt.Errorf("caps classes: %w", err)
	}
	m.namer.caps = make(map[uint32]uint8, len(caps))
	for k, v := range caps {
		m.namer.caps[k] = uint8(v)
	}
	if _, err := d.r.ReadByte(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	if m.parser.rel(rootRel) < 0 {
		return nil, errors.New("no root relation")
	}
	return m, nil
}

func (d *decoder) uvarint() (uint64, error) { return binary.ReadUvarint(d.r) }

func (d *decoder) bounded(limit uint64) (int, error) {
	x, err := d.uvarint()
	if err != nil {
		return 0, err
	}
	if x > limit {
		return 0, fmt.Errorf("count %d over %d", x, limit)
	}
	return int(x), nil
}

func (d *decoder) strings() ([]string, error) {
	n, err := d.bounded(256)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, n)
	for range n {
		l, err := d.bounded(maxString)
		if err != nil {
			return nil, err
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(d.r, b); err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	if !sort.StringsAreSorted(out) {
		return nil, errors.New("relations out of order")
	}
	return out, nil
}

func (d *decoder) table(classes int) (*table, error) {
	c, err := d.bounded(256)
	if err != nil {
		return nil, err
	}
	if c != classes {
		return nil, fmt.Errorf("%d classes, want %d", c, classes)
	}
	n, err := d.bounded(maxFeatures)
	if err != nil {
		return nil, err
	}
	bits, err := d.bounded(math.MaxUint32)
	if err != nil {
		return nil, err
	}
	scale := math.Float32frombits(uint32(bits))
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		return nil, fmt.Errorf("scale %v", scale)
	}
	// Sized for the declared count, within reason: a damaged count
	// must not allocate much before the data runs out.
	feats := make([]feature, 0, min(n, 1<<16))
	ws := make([]weight, 0, min(2*n, 1<<17))
	var key uint32
	for i := range n {
		delta, err := d.bounded(math.MaxUint32)
		if err != nil {
			return nil, err
		}
		if i > 0 && delta == 0 || uint64(key)+uint64(delta) > math.MaxUint32 || key+uint32(delta) == 0 {
			return nil, fmt.Errorf("feature %d: key out of order", i)
		}
		key += uint32(delta)
		k, err := d.bounded(uint64(classes))
		if err != nil {
			return nil, err
		}
		if len(ws)+k > maxEntries {
			return nil, errors.New("too many weights")
		}
		start := len(ws)
		for range k {
			cl, err := d.r.ReadByte()
			if err != nil {
				return nil, err
			}
			q, err := binary.ReadVarint(d.r)
			if err != nil {
				return nil, err
			}
			if int(cl) >= classes || q < math.MinInt16 || q > math.MaxInt16 {
				return nil, fmt.Errorf("feature %d: weight %d of class %d", i, q, cl)
			}
			ws = append(ws, weight{class: cl, w: float32(q) * scale})
		}
		feats = append(feats, feature{key: key, ws: ws[start:len(ws):len(ws)]})
	}
	return newTable(classes, feats), nil
}

func (d *decoder) map32(limit uint64) (map[uint32]uint32, error) {
	n, err := d.bounded(maxFeatures)
	if err != nil {
		return nil, err
	}
	m := make(map[uint32]uint32, min(n, 1<<16))
	var key uint32
	for i := range n {
		delta, err := d.bounded(math.MaxUint32)
		if err != nil {
			return nil, err
		}
		if i > 0 && delta == 0 || uint64(key)+uint64(delta) > math.MaxUint32 {
			return nil, fmt.Errorf("entry %d: key out of order", i)
		}
		key += uint32(delta)
		v, err := d.bounded(limit)
		if err != nil {
			return nil, err
		}
		m[key] = uint32(v)
	}
	return m, nil
}
