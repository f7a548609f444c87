package recognize

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/durandhq/durand"
)

// LoadActorFile adds the actors of one --actors argument: "phoenix:FILE"
// is a PETRARCH/Phoenix (TABARI-format) actor or agent dictionary, any
// other FILE is in the format of data/actors.tsv. It returns how many
// entries were added.
// Lines of a Phoenix dictionary that cannot be read are skipped and
// reported to warn (which may be nil), naming the file and line.
func (lx *Lexicon) LoadActorFile(spec string, warn func(error)) (int, error) {
	path, phoenix := strings.CutPrefix(spec, "phoenix:")
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("--actors %s: %w", spec, err)
	}
	defer f.Close()
	if phoenix {
		n, err := lx.AddPhoenix(f, func(err error) {
			if warn != nil {
				warn(fmt.Errorf("--actors %s: %w (skipped)", spec, err))
			}
		})
		if err != nil {
			return n, fmt.Errorf("--actors %s: %w", spec, err)
		}
		return n, nil
	}
	before := len(lx.Actors)
	if err := lx.AddActors(f); err != nil {
		return 0, fmt.Errorf("--actors %s: %w", spec, err)
	}
	return len(lx.Actors) - before, nil
}

// phoenixEntry is one dictionary entry being read: its names, and its codes
// with the periods they hold.
type phoenixEntry struct {
	line  int
	names []string
	codes []phoenixCode
	// plurals are an agent's plural forms: nil when the entry gives none
	// (the regular plural is formed), empty for "{}" (no plural).
	plurals []string
}

type phoenixCode struct {
	code        string
	from, until time.Time
}

var (
	phoenixMacro = regexp.MustCompile(`^(![A-Z0-9_]+!)\s*=\s*(.+)$`)
	// A code block: "[ARN]", "[~GOV]", "[HOB < 950601]",
	// "[HOBGOV 19950601 - 19990815]", "[AFGELI 320101-331108]".
	phoenixCodeRe = regexp.MustCompile(`\[\s*([^\]\s<>]*)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?\s*\]`)
)

// AddPhoenix reads a PETRARCH/Phoenix dictionary in the TABARI format that
// PETRARCH2 and the Phoenix pipeline share:
//
//	GONDOR [GON]          an actor; "_" joins the words of a name
//	+MINAS_TIRITH         another name of the entry above
//	GOLLUM                codes on their own lines, with periods
//		[HOB < 950601]
//		[HOBGOV 19950601 - 19990815]
//	PRESIDENT [~GOV]      an agent: its code is appended to a country's
//	!PERSON! = MAN, MEN   a substitution used in names: CONGRESS!PERSON!
//
// Comments (# to the end of the line, <!-- blocks -->) are skipped. A
// three-letter code with no period names a country-like actor, which
// combines with agents as a state does ("Arnor's president" → ARN.GOV).
// Codes "---" and "+++" (no actor) and discard codes are skipped. A line
// that cannot be read (a malformed date, an alias before any entry) is
// reported to warn with its number and skipped; the error is for reading.
func (lx *Lexicon) AddPhoenix(r io.Reader, warn func(error)) (int, error) {
	if warn == nil {
		warn = func(error) {}
	}
	macros := map[string][]string{}
	var cur *phoenixEntry
	added := 0
	flush := func() {
		if cur != nil {
			ok, err := lx.addPhoenixEntry(cur, macros)
			if err != nil {
				warn(fmt.Errorf("line %d: %w", cur.line, err))
			}
			if ok {
				added++
			}
		}
		cur = nil
	}
	err := tabariLines(r, func(n int, line string, indented bool) {
		if m := phoenixMacro.FindStringSubmatch(line); m != nil {
			var vals []string
			for _, v := range strings.Split(m[2], ",") {
				if v = strings.TrimSpace(v); v != "" {
					vals = append(vals, expandMacros(v, macros)...)
				}
			}
			macros[m[1]] = append(macros[m[1]], vals...)
			if len(macros[m[1]]) > maxExpansions {
				macros[m[1]] = macros[m[1]][:maxExpansions]
			}
			return
		}
		switch {
		case line[0] == '+':
			if cur == nil {
				warn(fmt.Errorf("line %d: alias %q before any entry", n, line))
				return
			}
			cur.names = append(cur.names, strings.TrimSpace(line[1:]))
		case line[0] == '[' || indented && strings.HasPrefix(line, "["):
			if cur == nil {
				warn(fmt.Errorf("line %d: code %q before any entry", n, line))
				return
			}
			codes, err := phoenixCodes(line)
			if err == nil && len(codes) == 0 {
				err = fmt.Errorf("unreadable code block %q", line)
			}
			if err != nil {
				warn(fmt.Errorf("line %d: %w", n, err))
				return
			}
			cur.codes = append(cur.codes, codes...)
		default:
			flush()
			cur = &phoenixEntry{line: n}
			name := line
			if i := strings.IndexAny(name, "[{"); i >= 0 {
				name = line[:i]
			}
			cur.names = []string{strings.TrimSpace(name)}
			if i, j := strings.IndexByte(line, '{'), strings.IndexByte(line, '}'); i >= 0 && j > i {
				cur.plurals = []string{}
				for _, p := range strings.Fields(line[i+1 : j]) {
					cur.plurals = append(cur.plurals, p)
				}
			}
			codes, err := phoenixCodes(line)
			if err != nil {
				warn(fmt.Errorf("line %d: %w", n, err))
			}
			cur.codes = codes
		}
	})
	flush()
	return added, err
}

// tabariLines calls fn with each line of a TABARI-format dictionary
// (PETRARCH's actors, agents and verbs), its number, and whether it was
// indented, with comments ("#" to the end of the line, "<!-- -->" over
// any number of lines) removed, trimmed, blank lines skipped.
func tabariLines(r io.Reader, fn func(n int, line string, indented bool)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	inComment := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if inComment {
			i := strings.Index(line, "-->")
			if i < 0 {
				continue
			}
			line, inComment = line[i+3:], false
		}
		for {
			i := strings.Index(line, "<!--")
			if i < 0 {
				break
			}
			j := strings.Index(line[i:], "-->")
			if j < 0 {
				line, inComment = line[:i], true
				break
			}
			line = line[:i] + line[i+j+3:]
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		indented := len(line) > 0 && (line[0] == ' ' || line[0] == '\t')
		if line = strings.TrimSpace(line); line != "" {
			fn(n, line, indented)
		}
	}
	return sc.Err()
}

// phoenixCodes reads the code blocks of a line.
func phoenixCodes(line string) ([]phoenixCode, error) {
	var out []phoenixCode
	for _, m := range phoenixCodeRe.FindAllStringSubmatch(line, -1) {
		c := phoenixCode{code: m[1]}
		var err error
		switch {
		case m[2] == "<":
			c.until, err = phoenixDate(m[3])
		case m[2] == ">":
			c.from, err = phoenixDate(m[3])
		case m[4] != "":
			if c.from, err = phoenixDate(m[4]); err == nil {
				c.until, err = phoenixDate(m[5])
			}
		}
		if err != nil {
			return out, fmt.Errorf("code block %q: %w", m[0], err)
		}
		out = append(out, c)
	}
	return out, nil
}

// phoenixDate reads YYYYMMDD or TABARI's YYMMDD (years up to 30 are 20YY).
func phoenixDate(s string) (time.Time, error) {
	if len(s) == 6 {
		if s[:2] <= "30" {
			s = "20" + s
		} else {
			s = "19" + s
		}
	}
	return time.Parse("20060102", s)
}

// phoenixSectors maps CAMEO agent codes to durand's sectors.
var phoenixSectors = map[string]string{
	"GOV": "government", "MIL": "military", "COP": "police", "POL": "police", "SPY": "intelligence",
	"REB": "insurgent", "INS": "insurgent", "SEP": "separatist", "CVL": "civilians", "REF": "refugees",
	"JUD": "government", "LEG": "government", "ELI": "government", "OPP": "opposition", "MED": "media",
	"BUS": "business", "REL": "religious", "LAB": "labour", "EDU": "education", "HLH": "health", "NGO": "ngo",
}

var armedCodes = map[string]bool{"MIL": true, "COP": true, "POL": true, "REB": true, "INS": true, "SEP": true, "SPY": true}

// addPhoenixEntry adds one entry; it reports whether anything was added.
// An entry with codes but no name of words ("_ [ARN]", "- [ARN]") is an
// error: it added an actor nothing could name, and an agent named "S",
// its plural.
func (lx *Lexicon) addPhoenixEntry(e *phoenixEntry, macros map[string][]string) (bool, error) {
	var codes []phoenixCode
	for _, c := range e.codes {
		switch c.code {
		case "", "---", "+++", "###":
			continue
		}
		codes = append(codes, c)
	}
	if len(codes) == 0 {
		return false, nil
	}
	var names []string
	for _, n := range e.names {
		for _, x := range expandMacros(n, macros) {
			if len(words(phoenixName(x))) > 0 {
				names = append(names, x)
			}
		}
	}
	if len(names) == 0 {
		return false, fmt.Errorf("entry %q has no name", e.names)
	}
	// Agents: "[~GOV]" (appended to the actor) or "[GOV~]".
	if c := codes[0].code; strings.Contains(c, "~") {
		suffix := strings.Trim(c, "~")
		sector := phoenixSectors[suffix]
		if sector == "" {
			sector = strings.ToLower(suffix)
		}
		forms := names
		for _, n := range names {
			switch {
			case e.plurals == nil:
				forms = append(forms, pluralOf(n))
			}
		}
		for _, p := range e.plurals {
			forms = append(forms, expandMacros(p, macros)...)
		}
		a := &durand.Agent{Name: phoenixName(names[0]), Sector: sector, Code: durand.ActorCode("~" + suffix), Armed: armedCodes[suffix]}
		lx.Agents = append(lx.Agents, a)
		for _, f := range forms {
			ag := *a
			ag.Name = phoenixName(f)
			lx.addPhoenixName(ag.Name, entity{agent: &ag, place: -1})
		}
		return true, nil
	}
	// A country-like actor: one three-letter code for all time.
	if len(codes) == 1 && len(codes[0].code) == 3 && codes[0].from.IsZero() && codes[0].until.IsZero() {
		iso := strings.ToUpper(codes[0].code)
		if lx.Countries[iso] == "" {
			lx.Countries[iso] = phoenixName(names[0])
		}
		for _, n := range names {
			lx.addPhoenixName(phoenixName(n), entity{nation: iso, place: -1})
		}
		return true, nil
	}
	def := &durand.ActorDef{ID: "phoenix:" + codes[0].code}
	for _, c := range codes {
		code := strings.ToUpper(c.code)
		role := durand.ActorRole{From: c.from, Until: c.until, Code: durand.ActorCode(code), Name: phoenixName(names[0])}
		if len(code) >= 3 {
			role.Country = code[:3]
		}
		if len(code) >= 6 {
			role.Sector = phoenixSectors[code[3:6]]
		}
		def.Roles = append(def.Roles, role)
	}
	for _, n := range names {
		def.Names = append(def.Names, phoenixName(n))
		lx.addPhoenixName(phoenixName(n), entity{actor: def, place: -1})
	}
	lx.Actors = append(lx.Actors, def)
	return true, nil
}

// phoenixName writes a dictionary phrase as words: "MINAS_TIRITH_" is
// "MINAS TIRITH" (the trailing "_", TABARI's end-of-word mark, is how
// durand matches every name anyway).
func phoenixName(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")
}

// maxExpansions bounds the names one name's macros expand to: each macro
// multiplies them, and a few dozen macros of a few alternatives each would
// fill memory; names beyond it are dropped.
const maxExpansions = 1024

// expandMacros substitutes each !MACRO! in a name with its alternatives,
// left to right, and an undefined one with nothing. What is substituted is
// not read again: a macro defined in terms of itself ("!A! = X!A!")
// recursed until the stack overflowed. A macro's own value may use the
// macros defined before it, expanded when it is defined.
func expandMacros(name string, macros map[string][]string) []string {
	i := strings.IndexByte(name, '!')
	if i < 0 {
		return []string{name}
	}
	j := strings.IndexByte(name[i+1:], '!')
	if j < 0 {
		return []string{name}
	}
	alts, ok := macros[name[i:i+j+2]]
	if !ok {
		alts = []string{""}
	}
	var out []string
	for _, rest := range expandMacros(name[i+j+2:], macros) {
		for _, a := range alts {
			if len(out) == maxExpansions {
				return out
			}
			out = append(out, name[:i]+a+rest)
		}
	}
	return out
}

// pluralOf forms the regular English plural of an agent phrase's last
// word, as TABARI does when the entry gives none.
func pluralOf(s string) string {
	s = strings.TrimRight(s, "_ ")
	u := strings.ToUpper(s)
	switch {
	case strings.HasSuffix(u, "Y") && len(u) > 1 && !strings.ContainsRune("AEIOU", rune(u[len(u)-2])):
		return s[:len(s)-1] + "IES"
	case strings.HasSuffix(u, "S"), strings.HasSuffix(u, "X"), strings.HasSuffix(u, "CH"), strings.HasSuffix(u, "SH"):
		return s + "ES"
	case strings.HasSuffix(u, "MAN"):
		return s[:len(s)-3] + "MEN"
	}
	return s + "S"
}

// addPhoenixName adds a dictionary name. The dictionaries are written in
// capitals and matched regardless of case, except names of up to three
// letters, which are acronyms ("UN", "IMF") and must match as written.
func (lx *Lexicon) addPhoenixName(name string, e entity) {
	lx.addEntityCase(name, e, len(name) <= 3)
}
