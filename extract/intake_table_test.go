//go:build linux

package extract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestReadPathsBadInput is the table of bad inputs: each case is read
// together with a good article, and must give exactly the errors listed
// (naming the file, and the line where there is one) while every good
// document, the article included, still comes through.
func TestReadPathsBadInput(t *testing.T) {
	const good = "Lavrov met Kerry in Geneva on Friday.\n"
	big := strings.Repeat("word ", 50<<20/5) // 50 MB
	gzBig := gzipped(`{"text":"` + big + `"}` + "\n" + `{"id":"after","text":"Still read."}` + "\n")
	corrupt := []byte(gzipped(`{"id":"x","text":"` + numbers(2000) + `"}` + "\n"))
	for i := 40; i < len(corrupt)-12; i += 7 {
		corrupt[i] ^= 0x5a
	}
	nested := "<html><body>" + strings.Repeat("<div>", 100000) + "<p>Deep text.</p>" + strings.Repeat("</div>", 100000) + "</body></html>"

	tests := []struct {
		name     string
		files    map[string]string
		paths    []string           // read before good.txt
		setup    func(t *testing.T) // after the files are written, in their directory
		fn       func(d Document)   // called with each document read
		asUser   bool               // read as an unprivileged user
		want     []string           // origins of the documents, before good.txt
		wantErrs []string
	}{
		// Binary and encodings.
		{name: "binary file", files: map[string]string{"a.txt": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, paths: []string{"a.txt"},
			wantErrs: []string{"a.txt: binary file: NUL byte at byte 8"}},
		{name: "invalid UTF-8", files: map[string]string{"a.txt": "Caf\xe9 talks.\n"}, paths: []string{"a.txt"},
			wantErrs: []string{"a.txt: invalid UTF-8 at byte 3"}},
		{name: "NUL byte in a text", files: map[string]string{"a.txt": "Talks\x00 ended.\n"}, paths: []string{"a.txt"},
			wantErrs: []string{"a.txt: binary file: NUL byte at byte 5"}},
		{name: "UTF-16 text", files: map[string]string{"a.txt": "\xff\xfeT\x00a\x00"}, paths: []string{"a.txt"},
			wantErrs: []string{"a.txt: binary file: NUL byte at byte 3"}},
		{name: "invalid UTF-8 on one JSON line", files: map[string]string{"d.jsonl": `{"id":"1","text":"One."}` + "\n" + "{\"id\":\"2\",\"text\":\"Caf\xe9\"}\n" + `{"id":"3","text":"Three."}` + "\n"}, paths: []string{"d.jsonl"},
			want: []string{"d.jsonl:1", "d.jsonl:3"}, wantErrs: []string{"d.jsonl:2: invalid UTF-8 at byte 21 of the line"}},
		{name: "NUL byte on a later JSON line", files: map[string]string{"d.jsonl": `{"id":"1","text":"One."}` + "\n" + "{\"id\":\"2\",\"text\":\"T\x00wo\"}\n"}, paths: []string{"d.jsonl"},
			want: []string{"d.jsonl:1"}, wantErrs: []string{"d.jsonl:2: malformed JSON: invalid character '\\x00' in string literal"}},
		{name: "binary file named .jsonl", files: map[string]string{"d.jsonl": "\x00\x01\x02{"}, paths: []string{"d.jsonl"},
			wantErrs: []string{"d.jsonl: binary file: not JSON Lines"}},

		// Sizes.
		{name: "a 50 MB JSON line", files: map[string]string{"d.jsonl": `{"text":"` + big + `"}` + "\n" + `{"id":"after","text":"Still read."}` + "\n"}, paths: []string{"d.jsonl"},
			want: []string{"d.jsonl:2"}, wantErrs: []string{"d.jsonl:1: line too long: more than 16 MiB"}},
		{name: "a 50 MB text", files: map[string]string{"a.txt": big}, paths: []string{"a.txt"},
			wantErrs: []string{"a.txt: too large: more than 16 MiB"}},
		{name: "a 50 MB line in gzip", files: map[string]string{"d.jsonl.gz": gzBig}, paths: []string{"d.jsonl.gz"},
			want: []string{"d.jsonl.gz:2"}, wantErrs: []string{"d.jsonl.gz:1: line too long: more than 16 MiB"}},
		{name: "empty text", files: map[string]string{"a.txt": ""}, paths: []string{"a.txt"},
			wantErrs: []string{"a.txt: empty file"}},
		{name: "only spaces and a BOM", files: map[string]string{"a.txt": "\ufeff \r\n\t\n"}, paths: []string{"a.txt"},
			wantErrs: []string{"a.txt: empty file"}},
		{name: "empty JSON Lines", files: map[string]string{"d.jsonl": "\n\n"}, paths: []string{"d.jsonl"},
			wantErrs: []string{"d.jsonl: empty file"}},
		{name: "empty JSON array", files: map[string]string{"d.json": "[]"}, paths: []string{"d.json"},
			wantErrs: []string{"d.json: no documents"}},

		// Compression.
		{name: "truncated gzip", files: map[string]string{"d.jsonl.gz": truncated(gzipped(`{"id":"x","text":"` + numbers(2000) + `"}` + "\n"))}, paths: []string{"d.jsonl.gz"},
			wantErrs: []string{"d.jsonl.gz:1: truncated gzip stream"}},
		{name: "gzip header cut", files: map[string]string{"d.jsonl.gz": "\x1f\x8b\x08"}, paths: []string{"d.jsonl.gz"},
			wantErrs: []string{"d.jsonl.gz: truncated gzip stream"}},
		{name: "not gzip at all", files: map[string]string{"d.jsonl.gz": `{"text":"plain"}`}, paths: []string{"d.jsonl.gz"},
			wantErrs: []string{"d.jsonl.gz: gzip: invalid header"}},
		{name: "corrupt gzip", files: map[string]string{"d.jsonl.gz": string(corrupt)}, paths: []string{"d.jsonl.gz"},
			wantErrs: []string{"d.jsonl.gz:1: gzip: flate: corrupt input before offset 31"}},

		// JSON of the wrong shape.
		{name: "text is a number", files: map[string]string{"d.jsonl": `{"text":5}` + "\n" + `{"id":"ok","text":"Fine."}`}, paths: []string{"d.jsonl"},
			want: []string{"d.jsonl:2"}, wantErrs: []string{`d.jsonl:1: "text" is a number, want a string`}},
		{name: "published is a number", files: map[string]string{"d.jsonl": `{"text":"A.","published":20160905}`}, paths: []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "published" is a number, want a string`}},
		{name: "id is an object", files: map[string]string{"d.jsonl": `{"id":{"x":1},"text":"A."}`}, paths: []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "id" is an object, want a string`}},
		{name: "a line is an array", files: map[string]string{"d.jsonl": `{"text":"A."}` + "\n" + `["text","B."]` + "\n"}, paths: []string{"d.jsonl"},
			want: []string{"d.jsonl:1"}, wantErrs: []string{"d.jsonl:2: want a JSON object, got array"}},
		{name: "a line is null", files: map[string]string{"d.jsonl": "null\n"}, paths: []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: missing "text"`}},
		{name: "empty text field", files: map[string]string{"d.jsonl": `{"id":"e","text":"  "}`}, paths: []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: empty "text"`}},
		{name: "unterminated JSON", files: map[string]string{"d.jsonl": `{"text":"A.` + "\n" + `{"text":"B."}`}, paths: []string{"d.jsonl"},
			want: []string{"d.jsonl:2"}, wantErrs: []string{"d.jsonl:1: malformed JSON: unexpected end of JSON input"}},
		{name: "array with a bad element", files: map[string]string{"d.json": "[\n{\"text\":\"A.\"},\n{\"text\":7},\n{\"text\":\"C.\"}\n]"}, paths: []string{"d.json"},
			want: []string{"d.json:2", "d.json:4"}, wantErrs: []string{`d.json:3: "text" is a number, want a string`}},
		{name: "truncated JSON array", files: map[string]string{"d.json": "[\n{\"text\":\"A.\"},\n{\"text\":\"B"}, paths: []string{"d.json"},
			want: []string{"d.json:2"}, wantErrs: []string{"d.json:3: malformed JSON: unexpected EOF"}},

		// Dates.
		{name: "February 30th", files: map[string]string{"d.jsonl": `{"text":"A.","published":"2016-02-30"}`}, paths: []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "published": invalid date "2016-02-30": want YYYY-MM-DD`}},
		{name: "month 13", files: map[string]string{"d.jsonl": `{"text":"A.","published":"2016-13-01T10:00:00Z"}`}, paths: []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "published": invalid date "2016-13-01T10:00:00Z": want YYYY-MM-DD`}},
		{name: "a date in words", files: map[string]string{"d.jsonl": `{"text":"A.","published":"yesterday"}`}, paths: []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "published": invalid date "yesterday": want YYYY-MM-DD`}},

		// HTML.
		{name: "deeply nested HTML", files: map[string]string{"p.html": nested}, paths: []string{"p.html"},
			want: []string{"p.html"}},
		{name: "HTML with only a script", files: map[string]string{"p.html": "<html><body><script>alert(1)</script></body></html>"}, paths: []string{"p.html"},
			wantErrs: []string{"p.html: no article text found in HTML"}},

		// The file system.
		{name: "missing file", paths: []string{"gone.txt"},
			wantErrs: []string{"open gone.txt: no such file or directory"}},
		{name: "a file that disappears during the walk", files: map[string]string{"d/a.txt": "A.", "d/b.txt": "B.", "d/c.txt": "C."}, paths: []string{"d"},
			fn: func(d Document) {
				if d.Origin == "d/a.txt" {
					os.Remove("d/b.txt")
				}
			},
			want: []string{"d/a.txt", "d/c.txt"}, wantErrs: []string{"open d/b.txt: no such file or directory"}},
		{name: "a file cut short while read", paths: []string{"cut.jsonl"},
			setup: func(t *testing.T) {
				// A pipe whose writer stops in the middle of a line.
				if err := syscall.Mkfifo("cut.jsonl", 0o644); err != nil {
					t.Skipf("mkfifo: %v", err)
				}
				go func() {
					f, err := os.OpenFile("cut.jsonl", os.O_WRONLY, 0)
					if err != nil {
						return
					}
					f.WriteString(`{"id":"whole","text":"Whole."}` + "\n" + `{"id":"half","te`)
					f.Close()
				}()
			},
			want: []string{"cut.jsonl:1"}, wantErrs: []string{"cut.jsonl:2: malformed JSON: unexpected end of JSON input"}},
		{name: "a pipe in a directory is skipped, not waited for", files: map[string]string{"d/a.txt": "A."}, paths: []string{"d"},
			setup: func(t *testing.T) {
				if err := syscall.Mkfifo("d/pipe.txt", 0o644); err != nil {
					t.Skipf("mkfifo: %v", err)
				}
			},
			want: []string{"d/a.txt"}, wantErrs: []string{"d/pipe.txt: not a regular file"}},
		{name: "a loop of symbolic links", files: map[string]string{"d/a.txt": "A.", "d/sub/b.txt": "B."}, paths: []string{"d"},
			setup: func(t *testing.T) {
				for _, l := range [][2]string{{"..", "d/sub/up"}, {"../sub", "d/sub/again"}, {"loop2.txt", "d/loop1.txt"}, {"loop1.txt", "d/loop2.txt"}} {
					if err := os.Symlink(l[0], l[1]); err != nil {
						t.Skipf("symlink: %v", err)
					}
				}
			},
			want: []string{"d/a.txt", "d/sub/b.txt"},
			wantErrs: []string{
				"stat d/loop1.txt: too many levels of symbolic links",
				"stat d/loop2.txt: too many levels of symbolic links",
			}},
		{name: "permission denied", files: map[string]string{"secret.txt": "Hidden.", "locked/a.txt": "A."}, paths: []string{"secret.txt", "locked"},
			setup: func(t *testing.T) {
				os.Chmod("secret.txt", 0)
				os.Chmod("locked", 0)
				t.Cleanup(func() { os.Chmod("locked", 0o755) })
			},
			asUser:   true,
			wantErrs: []string{"open secret.txt: permission denied", "open locked: permission denied"}},
		{name: "a directory without articles", files: map[string]string{"notes/todo.md": "x", "notes/.hidden.txt": "y"}, paths: []string{"notes"},
			wantErrs: []string{"notes: no articles (.txt, .html, .jsonl) found"}},
	}
	if len(tests) < 30 {
		t.Fatalf("the table has %d cases, want at least 30", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFiles(t, ".", tt.files)
			writeFiles(t, ".", map[string]string{"good.txt": good})
			if tt.setup != nil {
				tt.setup(t)
			}
			var origins []string
			var errs []string
			read := func() {
				for _, err := range ReadPaths(t.Context(), append(tt.paths, "good.txt"), nil, ReadOptions{}, func(d Document) error {
					if tt.fn != nil {
						tt.fn(d)
					}
					if strings.TrimSpace(d.Text) == "" || d.ID == "" {
						t.Errorf("document %q from %s: no text or id", d.ID, d.Origin)
					}
					origins = append(origins, d.Origin)
					return nil
				}) {
					errs = append(errs, err.Error())
				}
			}
			if tt.asUser && os.Getuid() == 0 {
				asNobody(t, read)
			} else {
				read()
			}
			if diff := cmp.Diff(append(tt.want, "good.txt"), origins); diff != "" {
				t.Errorf("documents read (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErrs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// asNobody runs fn on a thread whose file system user is nobody, so that
// file modes stop it even when the test runs as root. The thread is not
// given back to the scheduler: it ends with the goroutine.
func asNobody(t *testing.T, fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
		if err := syscall.Setfsuid(65534); err != nil {
			t.Errorf("setfsuid: %v", err)
		}
		fn()
	}()
	<-done
}

// FuzzReadInput reads arbitrary bytes as every kind of input (stdin, which
// sniffs; a .txt, .html, .json and .jsonl.gz file): no panic, no hang,
// every error names the input, and every document has text, an id and a
// valid date. Seeds are the intake test files.
func FuzzReadInput(f *testing.F) {
	for _, name := range []string{"testdata/intake/bad.jsonl", "testdata/intake/corpus/more/docs.jsonl", "../testdata/seed.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("[\n{\"text\":\"A.\"},\n{\"text\":7}\n]"))
	f.Add([]byte("<html><head><title>T</title><meta property=\"article:published_time\" content=\"2016-02-30\"></head><body><p>One.</p></body></html>"))
	f.Add([]byte(gzipped(`{"id":"x","text":"Hi."}` + "\n")))
	f.Add([]byte("\ufeff\x00\xff"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		hang := time.AfterFunc(10*time.Second, func() { panic("ReadPaths hangs: a hang is a crasher") })
		defer hang.Stop()
		paths := []string{"-"}
		for _, name := range []string{"in.txt", "in.html", "in.json", "in.jsonl.gz"} {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		errs := ReadPaths(t.Context(), paths, bytes.NewReader(data), ReadOptions{MaxBytes: 1 << 16}, func(d Document) error {
			if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) || d.ID == "" || d.Origin == "" {
				t.Errorf("document %q from %q: text %q", d.ID, d.Origin, d.Text)
			}
			if d.Published != "" {
				if _, err := ParseDate(d.Published); err != nil {
					t.Errorf("document %q from %s: %v", d.ID, d.Origin, err)
				}
			}
			return nil
		})
		for _, err := range errs {
			var re *ReadError
			if !errors.As(err, &re) || (re.Path != "stdin" && !strings.HasPrefix(re.Path, dir)) {
				t.Errorf("error %v (%T) does not name its input", err, err)
			}
		}
	})
}
