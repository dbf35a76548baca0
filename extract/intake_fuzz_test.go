package extract

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadJSONL checks that no JSON Lines input makes the reader panic,
// that every error is a *ReadError with a line, and that every document
// it lets through has text and a valid date.
func FuzzReadJSONL(f *testing.F) {
	for _, name := range []string{"testdata/intake/bad.jsonl", "testdata/intake/corpus/more/docs.jsonl"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint16(0))
	}
	f.Add([]byte(`{"id":"x","published":"2016-09-05T10:00:00Z","text":"A met B."}`+"\n"+`{"text":""}`), uint16(40))
	f.Add([]byte("\ufeff{\"text\":\"caf\xe9\"}\r\n\x00"), uint16(0))
	f.Add([]byte(`{"text":"\ud800","published":"2016-02-30"}`), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, max uint16) {
		var docs []Document
		r := &reader{ctx: t.Context(), opts: ReadOptions{MaxBytes: int64(max)}, fn: func(d Document) error {
			docs = append(docs, d)
			return nil
		}}
		if r.opts.MaxBytes == 0 {
			r.opts.MaxBytes = DefaultMaxBytes
		}
		r.readJSONL("in.jsonl", bufio.NewReaderSize(bytes.NewReader(data), 16), false)
		if r.fatal != nil {
			t.Fatalf("fatal error %v", r.fatal)
		}
		for _, err := range r.errs {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T) is not a *ReadError", err, err)
			}
			if re.Path != "in.jsonl" || !strings.HasPrefix(err.Error(), "in.jsonl") {
				t.Errorf("error %q does not name the file", err)
			}
		}
		for _, d := range docs {
			if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) {
				t.Errorf("document %q: text %q", d.ID, d.Text)
			}
			if d.ID == "" || !strings.HasPrefix(d.Origin, "in.jsonl:") {
				t.Errorf("document %+v: no id or origin", d)
			}
			if d.Published != "" {
				if _, err := ParseDate(d.Published); err != nil {
					t.Errorf("document %q: %v", d.ID, err)
				}
			}
		}
	})
}
