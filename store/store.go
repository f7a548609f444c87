// Package store keeps documents, the events coded from them, imported
// dataset records and the ingest log. Store is the interface every backend
// implements (SQLite in store/sqlite; PostgreSQL later); storetest holds
// the conformance suite they all run.
package store

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/dedupe"
)

// ErrNotFound is returned when a document or event does not exist.
var ErrNotFound = errors.New("not found")

// Store is a durand database.
type Store interface {
	// PutDocuments stores each document with its events, each document in
	// one piece: either it, all its events and its ingest-log entry are
	// stored, or nothing of it. A document whose hash is stored already
	// is skipped and its events are not written again, so ingesting the
	// same text twice adds nothing. A document whose id is stored with
	// another text is a new version of it: its events replace the old
	// version's (which is kept, marked replaced, so that reading it again
	// is skipped too). A document that cannot be stored fails alone
	// (Failed, with its error) and the others are stored; err is for a
	// failure of the whole call.
	PutDocuments(ctx context.Context, docs []Extracted) (res []PutResult, err error)
	// HasDocument reports whether a document with this text hash is stored.
	HasDocument(ctx context.Context, hash string) (bool, error)
	// Document returns the current version of a stored document by its id.
	Document(ctx context.Context, id durand.DocID) (durand.Document, error)

	// PutEvents stores events that come without a document (imported
	// dataset records). An event whose id is stored already is replaced,
	// so importing a file twice leaves one copy.
	PutEvents(ctx context.Context, events []durand.Event) error
	// Event returns one event with its evidence.
	Event(ctx context.Context, id string) (durand.Event, error)
	// Events returns the events matching q, ordered by start date and id,
	// at most q.Limit of them, and the cursor of the next page ("" at the
	// end).
	Events(ctx context.Context, q Query) (Page, error)

	// Cluster returns how the merged event id was made: its members and
	// the matches that joined them. ErrNotFound when no merged event has
	// the id.
	Cluster(ctx context.Context, id string) (Cluster, error)
	// Unmerge splits the merged event id back into its reports' events and
	// records that every two of them must stay apart, so that no later
	// ingest merges them again. It returns the members' ids; ErrNotFound
	// when no merged event has the id.
	Unmerge(ctx context.Context, id string) ([]string, error)

	// Series counts the events matching q (and their fatalities) per
	// period of the interval ("day", "week", "month", "year") and per key
	// of by ("type", "dataset", "dyad": first source → first target).
	Series(ctx context.Context, q Query, interval, by string) ([]Bucket, error)
	// Network counts the events matching q per source and target actor.
	Network(ctx context.Context, q Query) ([]Edge, error)
	// Points returns the events matching q that have a place with a
	// point, as the map draws them: in q's order (latest first when
	// q.Desc), at most q.PageLimit() of them.
	Points(ctx context.Context, q Query) ([]Point, error)

	// Log records the outcomes of ingesting inputs, in one transaction.
	Log(ctx context.Context, entries ...LogEntry) error
	// Stats summarises what the store holds.
	Stats(ctx context.Context) (Stats, error)

	Close() error
}

// Cluster is a merged event as the store made it: one incident told by
// several reports, whose events (Members) it keeps beside it.
type Cluster struct {
	// ID is the merged event's id (dedupe.MergedID of the members).
	ID string `json:"id"`
	// Members are the reports' events' ids, sorted.
	Members []string `json:"members"`
	// Score is the mean score of Links.
	Score float64 `json:"score"`
	// Links say why the members are one incident: a spanning tree of
	// their strongest matches, each with the fields that drove it.
	Links []dedupe.Link `json:"links"`
	// Rules is the version of the rules that made the merge
	// (dedupe.Rules.Version).
	Rules string `json:"rules"`
	// At is when the merge was made.
	At time.Time `json:"at"`
}

// Extracted is a document and the events extracted from it.
type Extracted struct {
	Doc    durand.Document
	Events []durand.Event
	// Input names where the document was read ("file.jsonl:12"), for the
	// ingest log; empty logs the document's id.
	Input string
}

// PutResult is what became of one document given to PutDocuments.
type PutResult struct {
	// Status is Stored, Skipped (its text is stored already) or Failed.
	Status string
	// Replaced holds the hashes of the earlier versions of the document
	// (stored under the same id with other texts) whose events its own
	// replaced.
	Replaced []string
	// Err says why the document failed.
	Err error
}

// Query selects events. The zero value selects every event.
type Query struct {
	// From and To bound the event's date (inclusive days): an event is
	// selected when its date range overlaps [From, To]. Zero is open.
	From, To time.Time
	// Actors selects events with a source, target or claimant whose code
	// is one of these or starts with one followed by "." ("PAK" selects
	// PAK.MIL and PAK.GOV).
	Actors []string
	// Types selects PLOVER event types.
	Types []durand.EventType
	// Place matches the place's name, admin2, admin1 or country code,
	// case-insensitively.
	Place string
	// BBox is min lon, min lat, max lon, max lat; nil selects everywhere.
	BBox *[4]float64
	// Text is a full-text search over the events' documents and notes.
	Text string
	// Modalities selects modalities; empty selects all.
	Modalities []durand.Modality
	// MinConfidence drops events below this overall confidence.
	MinConfidence float64
	// Dataset selects events by origin: "durand" for extracted events,
	// or a dataset name ("ucdp", "acled", "gtd"); empty selects all.
	Dataset string
	// PerReport selects each report's own event, as extracted, instead of
	// the incidents: by default the events of several reports that tell
	// one incident are selected as their one merged event.
	PerReport bool
	// Desc returns the latest events first.
	Desc bool
	// Cursor continues from a page's Next.
	Cursor string
	// Limit caps the page; 0 means DefaultLimit, and it never exceeds
	// MaxLimit.
	Limit int
}

// Paging limits.
const (
	DefaultLimit = 1000
	MaxLimit     = 100000
)

// PageLimit is q.Limit bounded to [1, MaxLimit].
func (q Query) PageLimit() int {
	switch {
	case q.Limit <= 0:
		return DefaultLimit
	case q.Limit > MaxLimit:
		return MaxLimit
	}
	return q.Limit
}

// Page is one page of events: each as its contract JSON (so a caller that
// only passes them on does not decode them) and the cursor of the next.
type Page struct {
	Events [][]byte
	Next   string
}

// Decode decodes the page's events.
func (p Page) Decode() ([]durand.Event, error) {
	out := make([]durand.Event, len(p.Events))
	for i, b := range p.Events {
		if err := out[i].UnmarshalJSON(b); err != nil {
			return nil, fmt.Errorf("event %d of page: %w", i, err)
		}
	}
	return out, nil
}

// Bucket is one cell of a series: a period (its first day, ISO), a key,
// the events and their fatalities (best, else low, else 0).
type Bucket struct {
	Period     string `json:"period"`
	Key        string `json:"key"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

// Edge is who acted on whom, how often, at what cost.
type Edge struct {
	Source     string `json:"source"`
	SourceName string `json:"source_name"`
	Target     string `json:"target"`
	TargetName string `json:"target_name"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

// Point is an event as a map draws it: where, when, what, how deadly, and
// who acted on whom (the first source and target codes, "" when none).
type Point struct {
	ID         string                `json:"id"`
	Date       string                `json:"date"` // the start day, ISO; "" when undated
	Type       durand.EventType      `json:"type"`
	Mode       string                `json:"mode"`
	Lat        float64               `json:"lat"`
	Lon        float64               `json:"lon"`
	Precision  durand.PlacePrecision `json:"precision"`
	Place      string                `json:"place"`
	Fatalities int                   `json:"fatalities"` // best, else low; -1 unknown
	Source     string                `json:"source"`
	Target     string                `json:"target"`
}

// Intervals and series keys Series accepts.
var (
	Intervals = []string{"day", "week", "month", "year"}
	SeriesBy  = []string{"type", "dataset", "dyad"}
)

// Cursor is a position in the event order: the start date (ISO, "" when
// undated) and the id of the last event of a page.
type Cursor struct {
	Date, ID string
}

// Encode returns the cursor as an opaque URL-safe string.
func (c Cursor) Encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.Date + "|" + c.ID))
}

// DecodeCursor reads a cursor written by Encode, and only one: the date
// is "" or ISO, and the string is the one Encode gives, so that one
// position has one cursor (base64 alone lets other padding bits and line
// breaks through).
func DecodeCursor(s string) (Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, fmt.Errorf("bad cursor: %w", err)
	}
	d, id, ok := strings.Cut(string(b), "|")
	if !ok || id == "" {
		return Cursor{}, errors.New("bad cursor")
	}
	if d != "" {
		if t, err := time.Parse(time.DateOnly, d); err != nil || t.Format(time.DateOnly) != d {
			return Cursor{}, fmt.Errorf("bad cursor: date %q is not ISO", d)
		}
	}
	c := Cursor{d, id}
	if c.Encode() != s {
		return Cursor{}, errors.New("bad cursor: not as written")
	}
	return c, nil
}

// LogEntry is the outcome of ingesting one input.
type LogEntry struct {
	At     time.Time
	Input  string // file path, URL or "file:line"
	Doc    durand.DocID
	Hash   string
	Status string // "stored", "skipped" (already stored) or "failed"
	Events int
	Error  string
	// Replaced is the hash of the earlier version a stored document
	// replaced ("" when none).
	Replaced string
}

// The ingest statuses.
const (
	Stored  = "stored"
	Skipped = "skipped"
	Failed  = "failed"
)

// Stats summarises a store.
type Stats struct {
	// Documents counts current documents; Replaced, the earlier
	// versions they replaced (kept, without events).
	Documents, Replaced int
	// Events counts the events as queries select them by default: a
	// merged event once, not its reports' events. Merged counts the
	// merged events among them, Members the reports' events they were
	// made of: a per-report count is Events - Merged + Members.
	Events, Merged, Members int
	// ByDataset counts events by origin ("durand" for extracted), as
	// Events does.
	ByDataset map[string]int
	// First and Last are the earliest and latest event start dates.
	First, Last time.Time
	Logged      map[string]int // ingest log entries by status
}

// FTSQuery turns user words into a full-text query that matches documents
// holding all of them: each word is quoted, so that FTS syntax in user
// text ("AND", "*", a stray quote) is read as words, never as operators.
func FTSQuery(text string) string {
	var b strings.Builder
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, `.,;:!?()[]{}"'`)
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
	}
	return b.String()
}
