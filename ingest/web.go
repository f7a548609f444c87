package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	nurl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/text/transform"

	"github.com/durandhq/durand"
)

// readHTML extracts an article's main text (dropping navigation, adverts
// and comments) with go-trafilatura, a port of the trafilatura library
// news-crawling projects use, and its title and date from the page's
// metadata. The page is decoded to UTF-8 here (see pageUTF8), not by
// go-trafilatura, which guesses a charset from byte statistics alone and
// turns bytes that fit none into mojibake.
func (r *Reader) readHTML(name string, b []byte, emit func(durand.Document) error, fail func(error)) error {
	b, err := pageUTF8(b)
	if err != nil {
		fail(&Error{name, err})
		return nil
	}
	page, err := html.Parse(transform.NewReader(bytes.NewReader(b), normalize()))
	if err != nil {
		fail(&Error{name, fmt.Errorf("parse HTML: %w", err)})
		return nil
	}
	opts := trafilatura.Options{ExcludeComments: true, EnableFallback: true}
	if u, err := nurl.Parse(name); err == nil && u.Scheme != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(page, opts)
	if err != nil {
		fail(&Error{name, fmt.Errorf("extract article text: %w", err)})
		return nil
	}
	var text string
	if res != nil && res.ContentNode != nil {
		// The content tree, not ContentText: ContentText runs paragraphs
		// together, and the sentence splitter needs their breaks.
		var b strings.Builder
		if err := html.Render(&b, res.ContentNode); err == nil {
			text = htmlText(b.String())
		}
	}
	if strings.TrimSpace(text) == "" {
		fail(&Error{name, fmt.Errorf("%w: no article text found in the page", ErrEmpty)})
		return nil
	}
	// The page's headline comes back as the first block; it is the title,
	// not a sentence of the report (read as one, it codes the event twice).
	if first, rest, ok := strings.Cut(text, "\n\n"); ok && strings.EqualFold(strings.TrimSpace(first), strings.TrimSpace(res.Metadata.Title)) {
		text = rest
	}
	doc := durand.Document{ID: r.docID(name), Title: res.Metadata.Title, Source: res.Metadata.Sitename, Text: text}
	if isURL(name) {
		doc.URL = name
	} else if res.Metadata.URL != "" {
		doc.URL = res.Metadata.URL
	}
	if !res.Metadata.Date.IsZero() {
		doc.Published = day(res.Metadata.Date)
	}
	doc, err = NewDocument(doc)
	if err != nil {
		fail(&Error{name, err})
		return nil
	}
	return emit(doc)
}

// readFeed reads an RSS, Atom or JSON feed with gofeed: each item is one
// document whose id is the item's guid (else its link), whose text is the
// item's content (else its description) turned from HTML into text.
func (r *Reader) readFeed(name string, b []byte, emit func(durand.Document) error, fail func(error)) error {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		fail(&Error{name, fmt.Errorf("not a readable RSS, Atom or JSON feed: %w", err)})
		return nil
	}
	if len(f.Items) == 0 {
		fail(&Error{name, ErrNoDocuments})
		return nil
	}
	legacy := feedCharset(b)
	for i, it := range f.Items {
		where := fmt.Sprintf("%s#%d", name, i+1)
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		doc := durand.Document{ID: durand.DocID(it.GUID), Title: htmlText(it.Title), Source: f.Title, URL: it.Link, Text: htmlText(body)}
		if doc.ID == "" {
			doc.ID = durand.DocID(it.Link)
		}
		if t := it.PublishedParsed; t != nil {
			doc.Published = day(*t)
		} else if t := it.UpdatedParsed; t != nil {
			doc.Published = day(*t)
		}
		if strings.TrimSpace(doc.Text) == "" && doc.Title != "" {
			doc.Text = doc.Title // headline-only items are still reports
		}
		// The feed was decoded by gofeed, which writes U+FFFD for bytes
		// invalid in the charset the feed declares.
		if legacy != "" && strings.ContainsRune(doc.Title+doc.Text, utf8.RuneError) {
			fail(&Error{where, fmt.Errorf("%w: %s, declared by the feed", ErrInvalidEncoding, legacy)})
			continue
		}
		if len(doc.Text) > r.max() {
			fail(&Error{where, fmt.Errorf("%w: text of %d bytes, over %d", ErrTooLarge, len(doc.Text), r.max())})
			continue
		}
		if doc, err = NewDocument(doc); err != nil {
			fail(&Error{where, err})
			continue
		}
		if err := emit(doc); err != nil {
			return err
		}
	}
	return nil
}

// block elements end a paragraph of text.
var block = map[string]bool{"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "tr": true, "section": true, "article": true, "pre": true}

// htmlText returns the text of an HTML fragment, a blank line between
// blocks; text that is not HTML comes back with its spacing tidied.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidyText(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	brk := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n\n") {
			b.WriteString("\n\n")
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style":
				skip++
			case block[n]:
				brk()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style":
				if skip > 0 {
					skip--
				}
			case block[n]:
				brk()
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := strings.Join(strings.Fields(string(z.Text())), " ")
			if t == "" {
				continue
			}
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
	}
}

// tidyText tidies text that is not HTML the way htmlText tidies HTML, so
// that a feed's items read alike whichever they are: words one space apart,
// its line breaks kept, a run of blank lines one blank line (a paragraph
// break), nothing at either end.
func tidyText(s string) string {
	var b strings.Builder
	blank := false
	for line := range strings.Lines(s) {
		t := strings.Join(strings.Fields(line), " ")
		switch {
		case t == "":
			blank = b.Len() > 0
			continue
		case blank:
			b.WriteString("\n\n")
		case b.Len() > 0:
			b.WriteByte('\n')
		}
		b.WriteString(t)
		blank = false
	}
	return b.String()
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// DefaultTimeout bounds one fetch of a URL.
const DefaultTimeout = 30 * time.Second

// readURL reads one http(s) URL. Its format is the Reader's, else by the
// extension of its path, else by its media type and content. JSON lines
// are read as they arrive, each line under the size limit; any other body
// is one document or feed under it.
func (r *Reader) readURL(ctx context.Context, url string, emit func(durand.Document) error, fail func(error)) error {
	body, ct, err := r.fetch(ctx, url)
	if err != nil {
		fail(&Error{url, err})
		return nil
	}
	defer body.Close()
	format := r.Format
	if u, err := nurl.Parse(url); err == nil {
		format = r.formatOf(u.Path)
	}
	in := io.Reader(body)
	if format == Auto {
		br := bufio.NewReaderSize(body, 1024)
		head, _ := br.Peek(1024) // a shorter body is sniffed whole; a failed read is reported by readStream
		format, in = sniff(head, ct), br
	}
	return r.readStream(url, in, format, emit, fail)
}

// fetch gets a URL and returns its body, which the caller closes, and its
// media type.
func (r *Reader) fetch(ctx context.Context, url string) (io.ReadCloser, string, error) {
	c := r.Client
	if c == nil {
		c = &http.Client{Timeout: DefaultTimeout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "durand (+https://github.com/durandhq/durand)")
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, "", fmt.Errorf("HTTP %s", resp.Status)
	}
	return resp.Body, resp.Header.Get("Content-Type"), nil
}

// sniff picks a format for content with no telling name: by its media
// type when that names one, else a feed when it opens like one, HTML when
// it has tags, else text.
func sniff(b []byte, contentType string) Format {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || strings.Contains(ct, "feed+json"):
		return Feed
	case strings.Contains(ct, "html"):
		return HTML
	case strings.Contains(ct, "ndjson") || strings.Contains(ct, "jsonl"):
		return JSONL
	}
	head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 1024)]))
	switch {
	case bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf")):
		return Feed
	case bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html")):
		return HTML
	case strings.Contains(ct, "xml") || bytes.HasPrefix(head, []byte("<?xml")):
		return Feed
	}
	return Text
}

var errNoInput = errors.New("no input")
