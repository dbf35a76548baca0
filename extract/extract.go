package extract

import (
	"fmt"
	"sync"

	"crypto/sha256"
	"encoding/hex"
	"github.com/chronograph/chronograph/extract/lexicon"
	"strings"
)

// An Extractor turns documents into analyses: actors, time expressions and
// events with provenance. The zero value uses the built-in lexicon.
// An Extractor is safe for concurrent use by multiple goroutines.
type Extractor struct {
	// LexiconFiles are extra lexicon files (see README) that add or override
	// built-in actors and aliases.
	LexiconFiles []string

	once sync.Once
	eng  *engine
	err  error
}

// Init loads the lexicon files. Extract calls it; call it first to see
// errors in user lexicon files.
func (x *Extractor) Init() error {
	x.once.Do(func() {
		if len(x.LexiconFiles) == 0 {
			x.eng = defaultEngine()
			return
		}
		base, err := lexicon.Builtin()
		if err != nil {
			x.err = err
			return
		}
		lex := base.Clone()
		for _, f := range x.LexiconFiles {
			if err := lex.AddFile(f); err != nil {
				x.err = fmt.Errorf("lexicon: %w", err)
				return
			}
		}
		x.eng = newEngine(lex)
	})
	return x.err
}

func (x *Extractor) engine() *engine {
	if err := x.Init(); err != nil {
		return defaultEngine()
	}
	return x.eng
}

// DocID returns the id of a document that has none: a content hash of its
// normalised text.
func DocID(text string) string {
	norm := strings.Join(strings.Fields(text), " ")
	sum := sha256.Sum256([]byte(norm))
	return "doc-" + hex.EncodeToString(sum[:8])
}

// Extract analyses one document. It never fails: a document with no text
// gives an empty analysis.
func (x *Extractor) Extract(doc Document) *Analysis {
	if doc.ID == "" {
		doc.ID = DocID(doc.Text)
	}
	if doc.Body == (Span{}) {
		doc.Body = BodySpan(doc.Text)
	}
	if doc.Published == "" {
		if d := datelineDate(doc.Text); d != "" {
			doc.Published, doc.PublishedFrom = d, "dateline"
		}
	}
	a := &Analysis{Doc: doc}
	sents := Sentences(doc.Text, doc.Body)
	lower := lowerASCIIText(doc.Text)
	a.Timexes = tagTimes(doc.Text, lower, sents, doc.Published)
	x.engine().analyse(a, sents, lower)
	return a
}

// BodySpan returns the span of the article body in text: everything before
// trailing boilerplate such as donation appeals, newsletter prompts and
// copyright footers (the markers are in lexicon/data/words_boilerplate.txt).
func BodySpan(text string) Span {
	markers := boilerplateMarkers()
	minStart := len(text) / 4
	limit := len(text)
	// readers' comments: the first signature ends the body wherever it is,
	// but for a short article before it
	for _, sig := range commentSignatures() {
		if i := strings.Index(text, sig); i >= minComment && i < limit {
			limit = i
		}
	}
	if limit < len(text) {
		b := strings.LastIndexByte(text[:limit], '\n') + 1
		if b < minComment {
			b = limit
		}
		for b > 0 && (text[b-1] == '\n' || text[b-1] == ' ' || text[b-1] == '\r' || text[b-1] == '\t') {
			b--
		}
		text = text[:b]
	}
	for pos := 0; pos < len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		line := strings.TrimSpace(text[pos:end])
		if pos >= minStart && line != "" {
			low := line
			if !isASCII(line) {
				low = strings.ToLower(line)
			}
			for _, m := range markers {
				if hasPrefixASCIIFold(low, m) {
					b := pos
					for b > 0 && (text[b-1] == '\n' || text[b-1] == ' ' || text[b-1] == '\r' || text[b-1] == '\t') {
						b--
					}
					return Span{0, b}
				}
			}
		}
		pos = end + 1
	}
	return Span{0, len(text)}
}

// minComment is how far into a text a comment signature must be to end
// the body: an article comes before its comments.
const minComment = 200

var (
	boilerOnce sync.Once
	boiler     []string
	comments   []string
)

func commentSignatures() []string {
	boilerplateMarkers()
	return comments
}

func boilerplateMarkers() []string {
	boilerOnce.Do(func() {
		lex, err := lexicon.Builtin()
		if err != nil {
			panic("extract: built-in lexicon: " + err.Error())
		}
		for _, w := range lex.Words["boilerplate"] {
			boiler = append(boiler, strings.ToLower(w))
		}
		comments = lex.Words["comments"]
	})
	return boiler
}

// datelineDate returns the publication date a text states in its first
// lines: a date line under the title ("March 01, 2008") or a dateline
// ("MOSCOW, Sept. 5, 2016 (Reuters) -"). Only a full date counts.
func datelineDate(text string) string {
	for n, pos := 0, 0; n < 3 && pos < len(text); n++ {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := text[pos:end]
		if len(line) <= 120 {
			for _, tx := range TagTimes(line, []Span{{0, len(line)}}, "") {
				if tx.Type != "DATE" || !isFullDate(tx.Value) {
					continue
				}
				// the date is the line, or ends the dateline's place part
				rest := strings.TrimSpace(line[tx.Span.End:])
				before := strings.TrimSpace(line[:tx.Span.Start])
				if rest == "" && (before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, "-")) ||
					strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") {
					return tx.Value
				}
			}
		}
		pos = end + 1
	}
	return ""
}

func isFullDate(v string) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	_, err := ParseDate(v)
	return err == nil
}

// hasPrefixASCIIFold is strings.HasPrefix(lowerASCII(s), prefix) for a
// lower-case prefix, without lowering s.
func hasPrefixASCIIFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
