package dedupe

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/durandhq/durand"
)

// RulesFile is the name of the rules table in the data file system.
const RulesFile = "dedupe.tsv"

// Rules are the de-duplication stage's vocabulary and weights: which types,
// modes, places and actors agree and how much each field counts, read from
// data/dedupe.tsv (whose comments say why each value is what it is). A
// *Rules is read-only after Load, so one may serve many goroutines.
type Rules struct {
	// Version names the rules table: "sha256:" and the first 12 hex
	// digits of its bytes' SHA-256. A store records it with each merge, so
	// that a merge made under other rules can be told apart.
	Version string
	// Threshold is the score from which two reports are one incident, and
	// the mean score from which a report joins a cluster.
	Threshold float64
	// margin is how much better a report that names no district must
	// match one incident than any other to join it.
	margin float64

	weight [NumFields]float64

	types       map[[2]durand.EventType]float64 // both orders
	typeRefines map[[2]durand.EventType]bool    // {a, b}: a refines b
	modes       map[[2]string]float64           // both orders
	modeOther   float64                         // two known, different, unlisted modes
	modeRefines map[[2]string]bool

	sameDay, nextDay, week, month float64

	same, within         [numLevels]float64
	near, far            float64
	nearKM, farKM        float64
	districtKM           float64
	countSame, countLap  float64
	countRise, countDiff float64
	countRatio           float64

	// Compiled from the maps above, for matching without hashing
	// strings: each listed type, mode and alias code has an index.
	typeIdx  map[durand.EventType]int16
	typeMat  [][]float64 // NaN: never one incident
	modeIdx  map[string]int16
	modeMat  [][]float64
	aliasIdx map[durand.ActorCode]int16
	aliasMat [][]float64 // NaN: no alias
	// typeClass maps each listed type to the least type it can be one
	// incident with, directly or through others: types of two classes
	// never match, so clustering blocks by class too.
	typeClass map[durand.EventType]durand.EventType

	kinds      map[string]kind    // sector → kind
	kindNames  map[string]kind    // kind name → kind
	state      map[kind]bool      // kinds that are organs of a state
	generics   map[string]generic // generic code → its kind and similarity
	aliases    map[[2]durand.ActorCode]float64
	actorSame  float64
	actorPre   float64
	actorState float64
	actorGen   float64
	actorOther float64
}

// kind is a class of actors ("armed", "security", "civilian"); anyKind
// matches every kind, noKind is an actor whose sector says nothing.
type kind int8

const (
	noKind  kind = -1
	anyKind kind = 0
)

type generic struct {
	kind kind
	sim  float64
}

// Load reads the rules from RulesFile in fsys (data.FS).
func Load(fsys fs.FS) (*Rules, error) {
	f, err := fsys.Open(RulesFile)
	if err != nil {
		return nil, fmt.Errorf("dedupe rules: %w", err)
	}
	defer f.Close()
	return Parse(f, RulesFile)
}

// Parse reads rules in the format of data/dedupe.tsv from r; name is the
// file's name for errors, which give its line. Every rule the stage needs
// must be there, and the weights must sum to 1.
func Parse(r io.Reader, name string) (*Rules, error) {
	ru := &Rules{
		types: map[[2]durand.EventType]float64{}, typeRefines: map[[2]durand.EventType]bool{},
		modes: map[[2]string]float64{}, modeRefines: map[[2]string]bool{},
		kinds: map[string]kind{}, kindNames: map[string]kind{"*": anyKind}, state: map[kind]bool{},
		generics: map[string]generic{}, aliases: map[[2]durand.ActorCode]float64{},
	}
	p := parser{ru: ru, seen: map[string]bool{}}
	h := sha256.New()
	sc := bufio.NewScanner(io.TeeReader(r, h))
	header := true
	for line := 1; sc.Scan(); line++ {
		l := strings.TrimSuffix(sc.Text(), "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if header {
			if l != "kind\ta\tb\tvalue" {
				return nil, fmt.Errorf("%s:%d: header %q, want kind, a, b, value", name, line, l)
			}
			header = false
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 4 (kind, a, b, value)", name, line, len(f))
		}
		if err := p.row(f[0], f[1], f[2], f[3]); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if header {
		return nil, fmt.Errorf("%s: no rules", name)
	}
	if err := p.complete(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	ru.Version = "sha256:" + hex.EncodeToString(h.Sum(nil))[:12]
	return ru, nil
}

// parser reads one rules table; seen records the single-valued rules read
// so far, to refuse a repeat and to find what is missing.
type parser struct {
	ru   *Rules
	seen map[string]bool
}

// scalar returns where the single-valued rule key ("kind a", or "kind a b"
// for place rules) is kept.
func (p *parser) scalar(key string) (*float64, bool) {
	v, ok := p.table()[key]
	return v, ok
}

// table maps each single-valued rule to where it is kept.
func (p *parser) table() map[string]*float64 {
	ru := p.ru
	m := map[string]*float64{
		"param threshold":      &ru.Threshold,
		"param margin":         &ru.margin,
		"param near-km":        &ru.nearKM,
		"param far-km":         &ru.farKM,
		"param district-km":    &ru.districtKM,
		"param count-ratio":    &ru.countRatio,
		"date same-day":        &ru.sameDay,
		"date next-day":        &ru.nextDay,
		"date week":            &ru.week,
		"date month":           &ru.month,
		"place same place":     &ru.same[point],
		"place same admin2":    &ru.same[admin2],
		"place same admin1":    &ru.same[admin1],
		"place same country":   &ru.same[country],
		"place within admin2":  &ru.within[admin2],
		"place within admin1":  &ru.within[admin1],
		"place within country": &ru.within[country],
		"place near":           &ru.near,
		"place far":            &ru.far,
		"actor same":           &ru.actorSame,
		"actor prefix":         &ru.actorPre,
		"actor state":          &ru.actorState,
		"actor generic":        &ru.actorGen,
		"actor other-kind":     &ru.actorOther,
		"count same":           &ru.countSame,
		"count overlap":        &ru.countLap,
		"count rise":           &ru.countRise,
		"count differ":         &ru.countDiff,
	}
	for f := range NumFields {
		m["weight "+f.String()] = &ru.weight[f]
	}
	return m
}

func (p *parser) row(kindCol, a, b, value string) error {
	switch kindCol {
	case "type", "type-refines", "mode", "mode-refines":
		return p.typeOrMode(kindCol, a, b, value)
	case "sector":
		p.ru.kinds[a] = p.kind(b)
		return nil
	case "state":
		p.ru.state[p.kind(a)] = true
		return nil
	case "generic":
		v, err := similarity(value)
		p.ru.generics[a] = generic{p.kind(b), v}
		return err
	case "alias":
		v, err := similarity(value)
		ca, cb := durand.ActorCode(a), durand.ActorCode(b)
		p.ru.aliases[[2]durand.ActorCode{ca, cb}], p.ru.aliases[[2]durand.ActorCode{cb, ca}] = v, v
		return err
	}
	return p.scalarRow(kindCol, a, b, value)
}

// typeOrMode reads a rule of two types or two modes: their similarity, or
// which refines which.
func (p *parser) typeOrMode(kindCol, a, b, value string) error {
	ru := p.ru
	if kindCol == "type" || kindCol == "type-refines" {
		for _, t := range []string{a, b} {
			if !slices.Contains(durand.EventTypes, durand.EventType(t)) {
				return fmt.Errorf("%s: %q is not an event type", kindCol, t)
			}
		}
	}
	ta, tb := durand.EventType(a), durand.EventType(b)
	switch kindCol {
	case "type-refines":
		ru.typeRefines[[2]durand.EventType{ta, tb}] = true
		return nil
	case "mode-refines":
		ru.modeRefines[[2]string{a, b}] = true
		return nil
	}
	v, err := similarity(value)
	switch {
	case err != nil:
		return err
	case kindCol == "type":
		ru.types[[2]durand.EventType{ta, tb}], ru.types[[2]durand.EventType{tb, ta}] = v, v
	case a == "*" && b == "*":
		ru.modeOther = v
		p.seen["mode *"] = true
	default:
		ru.modes[[2]string{a, b}], ru.modes[[2]string{b, a}] = v, v
	}
	return nil
}

// scalarRow reads a single-valued rule: a weight, a parameter, a
// similarity.
func (p *parser) scalarRow(kindCol, a, b, value string) error {
	key := kindCol + " " + a
	if b != "" {
		key += " " + b
	}
	dst, ok := p.scalar(key)
	if !ok {
		return fmt.Errorf("unknown rule %q", strings.TrimSpace(kindCol+" "+a+" "+b))
	}
	if p.seen[key] {
		return fmt.Errorf("rule %q given twice", key)
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s: value %q is not a number", key, value)
	}
	if kindCol != "param" && kindCol != "weight" && (v < -1 || v > 1) {
		return fmt.Errorf("%s: similarity %v outside [-1, 1]", key, v)
	}
	*dst = v
	p.seen[key] = true
	return nil
}

// kind returns the kind named name, numbering a new one.
func (p *parser) kind(name string) kind {
	k, ok := p.ru.kindNames[name]
	if !ok {
		k = kind(len(p.ru.kindNames))
		p.ru.kindNames[name] = k
	}
	return k
}

func similarity(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < -1 || v > 1 {
		return 0, fmt.Errorf("similarity %q: want a number in [-1, 1]", s)
	}
	return v, nil
}

// complete checks that every single-valued rule was given and that the
// parameters make sense together.
func (p *parser) complete() error {
	var missing []string
	for _, key := range scalarKeys() {
		if !p.seen[key] {
			missing = append(missing, key)
		}
	}
	if !p.seen["mode *"] {
		missing = append(missing, "mode * *")
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing rules: %s", strings.Join(missing, ", "))
	}
	ru := p.ru
	sum := 0.0
	for _, w := range ru.weight {
		if w < 0 {
			return fmt.Errorf("negative weight %v", w)
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("weights sum to %v, want 1", sum)
	}
	if ru.Threshold <= 0 || ru.Threshold > 1 {
		return fmt.Errorf("threshold %v outside (0, 1]", ru.Threshold)
	}
	if ru.nearKM < 0 || ru.farKM <= ru.nearKM || ru.districtKM <= 0 || ru.countRatio <= 1 {
		return fmt.Errorf("want 0 <= near-km < far-km, district-km > 0 and count-ratio > 1")
	}
	ru.typeIdx, ru.typeMat = compile(ru.types, math.NaN())
	ru.modeIdx, ru.modeMat = compile(ru.modes, ru.modeOther)
	ru.aliasIdx, ru.aliasMat = compile(ru.aliases, math.NaN())
	ru.typeClass = classes(ru.types)
	return nil
}

// classes returns the connected parts of a table of pairs, each value
// mapped to the least value of its part.
func classes[T ~string](pairs map[[2]T]float64) map[T]T {
	class := map[T]T{}
	find := func(v T) T {
		for {
			c, ok := class[v]
			if !ok || c == v {
				return v
			}
			v = c
		}
	}
	for p := range pairs {
		a, b := find(p[0]), find(p[1])
		class[a], class[b] = min(a, b), min(a, b)
	}
	for v := range class {
		class[v] = find(v)
	}
	return class
}

// compile numbers the values of a table of pairs and lays the table out as
// a matrix; pairs it does not list hold other, a value with itself 1.
func compile[T ~string](pairs map[[2]T]float64, other float64) (map[T]int16, [][]float64) {
	idx := map[T]int16{}
	var names []T
	for p := range pairs {
		for _, v := range p {
			if _, ok := idx[v]; !ok {
				idx[v] = 0
				names = append(names, v)
			}
		}
	}
	slices.Sort(names)
	for i, v := range names {
		idx[v] = int16(i)
	}
	mat := make([][]float64, len(names))
	for i := range mat {
		mat[i] = make([]float64, len(names))
		for j := range mat[i] {
			mat[i][j] = other
		}
		mat[i][i] = 1
	}
	for p, v := range pairs {
		mat[idx[p[0]]][idx[p[1]]] = v
	}
	return idx, mat
}

// scalarKeys lists the single-valued rules, sorted.
func scalarKeys() []string {
	p := parser{ru: &Rules{}}
	var keys []string
	for key := range p.table() {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}
