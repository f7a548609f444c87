package escalation

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
)

// MarshalResult encodes v, an analysis result, as indented JSON (with a
// final newline) in the shape `durand analyze --format json` and the
// API's escalation endpoints promise, whatever the model: field names in snake_case (NullMean as null_mean, AICLag as
// aic_lag), NaN and ±Inf as null (the models return NaN for a ratio or
// median that is undefined, and +Inf for a bound not reached), int
// fields named as days are (see analysisDayField) as ISO dates, and
// named numbers that can name themselves (a Period, a criterion) by
// name. The escalation types carry no JSON tags, and encoding/json
// refuses NaN; walking them by reflection keeps every model's output in
// one form without a JSON copy of each result type.
func MarshalResult(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := appendAnalysisJSON(&b, reflect.ValueOf(v), ""); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// analysisDayField reports whether an int field of this name holds a
// day number (days since 1970-01-01, as Occurrence.Day): the
// package names its bounds From, To, Start, End, First and
// Last, and nothing else.
func analysisDayField(name string) bool {
	return slices.Contains([]string{"From", "To", "Start", "End", "First", "Last", "Day"}, name)
}

// appendAnalysisJSON writes v; field is the name of the struct field v
// is the value of, "" elsewhere.
func appendAnalysisJSON(b *bytes.Buffer, v reflect.Value, field string) error {
	if !v.IsValid() {
		b.WriteString("null")
		return nil
	}
	if v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface && v.CanInterface() {
		if m, ok := v.Interface().(encoding.TextMarshaler); ok {
			t, err := m.MarshalText()
			if err != nil {
				return err
			}
			return analysisString(b, string(t))
		}
		if s, ok := v.Interface().(fmt.Stringer); ok && v.Type().PkgPath() != "" && v.Kind() == reflect.Int {
			return analysisString(b, s.String())
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return appendAnalysisJSON(b, v.Elem(), field)
	case reflect.Struct:
		return appendAnalysisStruct(b, v)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("[]")
			return nil
		}
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendAnalysisJSON(b, v.Index(i), ""); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case reflect.Map:
		return appendAnalysisMap(b, v)
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			b.WriteString("null")
			return nil
		}
		enc, err := json.Marshal(f)
		b.Write(enc)
		return err
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Kind() == reflect.Int && analysisDayField(field) {
			return analysisString(b, analysisDate(int(v.Int())))
		}
		fmt.Fprint(b, v.Int())
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		fmt.Fprint(b, v.Uint())
		return nil
	case reflect.Bool:
		fmt.Fprint(b, v.Bool())
		return nil
	case reflect.String:
		return analysisString(b, v.String())
	}
	return fmt.Errorf("cannot write a %s", v.Type())
}

// appendAnalysisStruct writes the exported fields of a struct; a field
// tagged json:"-" is left out and a tagged name is kept as it is.
func appendAnalysisStruct(b *bytes.Buffer, v reflect.Value) error {
	b.WriteByte('{')
	first := true
	for i := range v.NumField() {
		f := v.Type().Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = snakeCase(f.Name)
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		analysisString(b, name)
		b.WriteByte(':')
		if err := appendAnalysisJSON(b, v.Field(i), f.Name); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	b.WriteByte('}')
	return nil
}

// appendAnalysisMap writes a map with string keys, sorted.
func appendAnalysisMap(b *bytes.Buffer, v reflect.Value) error {
	if v.Type().Key().Kind() != reflect.String {
		return fmt.Errorf("cannot write a %s", v.Type())
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		analysisString(b, k.String())
		b.WriteByte(':')
		if err := appendAnalysisJSON(b, v.MapIndex(k), ""); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

func analysisString(b *bytes.Buffer, s string) error {
	enc, err := json.Marshal(s)
	b.Write(enc)
	return err
}

// analysisDate is a day number as an ISO date.
func analysisDate(day int) string { return DateOf(day).Format(time.DateOnly) }

// snakeCase turns a Go field name into snake_case, keeping acronyms in
// one word: NullMean is null_mean, AICLag aic_lag, DF1 df1.
func snakeCase(s string) string {
	r := []rune(s)
	var out strings.Builder
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) {
			prev := r[i-1]
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				out.WriteByte('_')
			}
		}
		out.WriteRune(unicode.ToLower(c))
	}
	return out.String()
}
