package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzExtract checks properties of the whole extractor on any text: no
// panic, spans inside the text and on rune boundaries, actor and event
// references that resolve, and deterministic output.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, fn := range files {
		ar, err := txtar.ParseFile(fn)
		if err != nil {
			f.Fatal(err)
		}
		for _, fl := range ar.Files {
			if fl.Name == "input.txt" {
				f.Add(string(fl.Data), "2016-09-05")
			}
		}
	}
	if b, err := os.ReadFile("../testdata/seed.txt"); err == nil {
		f.Add(string(b), "2016-09-05")
	}
	f.Add("", "")
	f.Add("U.S. U.S. ... “ ” \" ' 's Mr. . . ,", "")
	f.Fuzz(func(t *testing.T, text, published string) {
		if !utf8.ValidString(text) {
			return
		}
		var x Extractor
		doc := Document{ID: "fuzz", Published: published, Text: text}
		a := x.Extract(doc)
		inText := func(s Span, what string) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("%s span %v outside text of %d bytes", what, s, len(text))
			}
			if !utf8.RuneStart(text[s.Start]) && s.Start < len(text) || s.End < len(text) && !utf8.RuneStart(text[s.End]) {
				t.Fatalf("%s span %v not on rune boundaries", what, s)
			}
		}
		for _, ac := range a.Actors {
			for _, m := range ac.Mentions {
				inText(m, "actor "+ac.ID)
			}
		}
		for _, tx := range a.Timexes {
			inText(tx.Span, "timex")
		}
		for _, e := range a.Events {
			for _, id := range append(append([]string(nil), e.Source...), e.Target...) {
				if a.Actor(id) == nil {
					t.Fatalf("event %s names unknown actor %q", e.ID, id)
				}
			}
			if _, ok := LookupType(e.Type); !ok {
				t.Fatalf("event type %q not in the vocabulary", e.Type)
			}
			for _, m := range e.Mentions {
				inText(m.Sentence, "sentence")
				inText(m.Trigger, "trigger")
				if !m.Sentence.Contains(m.Trigger) {
					t.Fatalf("trigger %v outside its sentence %v", m.Trigger, m.Sentence)
				}
			}
		}
		var b1, b2 bytes.Buffer
		if err := WriteJSONL(&b1, a); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSONL(&b2, x.Extract(doc)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Fatal("output differs between two runs")
		}
	})
}
