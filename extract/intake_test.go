package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readDocs runs ReadPaths and returns the documents and the error messages.
func readDocs(t *testing.T, paths []string, stdin io.Reader, opts ReadOptions) ([]Document, []string) {
	t.Helper()
	var docs []Document
	errs := ReadPaths(t.Context(), paths, stdin, opts, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	var msgs []string
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	return docs, msgs
}

// writeFiles writes files (name → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func gzipped(s string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.String()
}

// truncated returns the first half of s.
func truncated(s string) string { return s[:len(s)/2] }

// numbers returns "0 1 2 … n-1": text that does not compress much.
func numbers(n int) string {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "%d ", i*7919%10007)
	}
	return sb.String()
}

func TestReadPathsCorpus(t *testing.T) {
	t.Chdir("testdata/intake")
	talks := "Foreign ministers of Norland and Estmark met in Geneva on Monday to discuss\n" +
		"the fishing dispute that has strained ties between the two neighbours.\n\n" +
		"Norland's minister, Ada Lind, said the talks were \"frank and useful\".\n"
	page := "Estmark and Norland agree to new talks\n\n" +
		"Estmark and Norland agreed on Tuesday to hold a second round of talks on fishing rights.\n\n" +
		"The ministers will meet again in May, officials said."
	want := []Document{
		{ID: "doc-a", Published: "2019-05-10", PublishedFrom: "input", Title: "A", URL: "https://example.org/a",
			Text: "Ada Lind visited Estmark on Friday.", Origin: "corpus/more/docs.jsonl:1"},
		{ID: "doc-b", Published: "2019-05-11", PublishedFrom: "input",
			Text: "Estmark accused Norland of overfishing.", Origin: "corpus/more/docs.jsonl:3"},
		{ID: DocID("Norland rejected the accusation on Sunday."), Published: "2019-06-01", PublishedFrom: "flag",
			Text: "Norland rejected the accusation on Sunday.", Origin: "corpus/more/docs.jsonl:4"},
		{ID: DocID(page), Title: "Estmark and Norland agree to new talks", URL: "https://example.org/news/talks",
			// --published wins over a date inferred from HTML metadata
			Source: "The Harbour Post", Published: "2019-06-01", PublishedFrom: "flag",
			Text: page, Origin: "corpus/page.html"},
		{ID: DocID(talks), Published: "2019-06-01", PublishedFrom: "flag", Text: talks, Origin: "corpus/talks.txt"},
	}
	docs, errs := readDocs(t, []string{"corpus"}, nil, ReadOptions{Published: "2019-06-01"})
	if len(errs) > 0 {
		t.Errorf("ReadPaths() errors: %q", errs)
	}
	if diff := cmp.Diff(want, docs); diff != "" {
		t.Errorf("ReadPaths() mismatch (-want +got):\n%s", diff)
	}
}

func TestReadPathsBadJSONL(t *testing.T) {
	t.Chdir("testdata/intake")
	docs, errs := readDocs(t, []string{"bad.jsonl"}, nil, ReadOptions{})
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if diff := cmp.Diff([]string{"ok-1", "ok-2"}, ids); diff != "" {
		t.Errorf("documents read (-want +got):\n%s", diff)
	}
	wantErrs := []string{
		"bad.jsonl:2: malformed JSON: unexpected end of JSON input",
		`bad.jsonl:3: "id" is a number, want a string`,
		`bad.jsonl:4: missing "text"`,
		`bad.jsonl:5: "published": invalid date "2019-02-30": want YYYY-MM-DD`,
		"bad.jsonl:6: want a JSON object, got array",
	}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestReadPaths(t *testing.T) {
	const article = "Norland and Estmark signed a truce on Monday.\n"
	tests := []struct {
		name     string
		files    map[string]string // written to a temporary directory; "x/" makes a directory
		paths    []string
		stdin    string
		opts     ReadOptions
		want     []Document // only the fields set here are compared, with Text
		wantErrs []string
	}{
		// Good inputs.
		{
			name:  "text keeps spacing, drops BOM and CR",
			files: map[string]string{"a.txt": "\ufeffFirst line\r\n\r\n  Second  line\r\n"},
			paths: []string{"a.txt"},
			want:  []Document{{Text: "First line\n\n  Second  line\n", Origin: "a.txt"}},
		},
		{
			name:  "text with --published",
			files: map[string]string{"a.text": article},
			paths: []string{"a.text"},
			opts:  ReadOptions{Published: "2016-09-05"},
			want:  []Document{{Text: article, Published: "2016-09-05", PublishedFrom: "flag", Origin: "a.text"}},
		},
		{
			name:  "document date wins over --published",
			files: map[string]string{"d.jsonl": `{"id":"x","published":"2016-09-04","text":"Hi."}` + "\n" + `{"id":"y","published":"","text":"Ho."}`},
			paths: []string{"d.jsonl"},
			opts:  ReadOptions{Published: "2016-09-05"},
			want: []Document{
				{ID: "x", Text: "Hi.", Published: "2016-09-04", PublishedFrom: "input", Origin: "d.jsonl:1"},
				{ID: "y", Text: "Ho.", Published: "2016-09-05", PublishedFrom: "flag", Origin: "d.jsonl:2"},
			},
		},
		{
			name:  "jsonl text is kept exactly, CRLF lines",
			files: map[string]string{"d.jsonl": "{\"id\":\"x\",\"text\":\"a\\r\\nb \"}\r\n\r\n"},
			paths: []string{"d.jsonl"},
			want:  []Document{{ID: "x", Text: "a\r\nb ", Origin: "d.jsonl:1"}},
		},
		{
			name:  "gzip jsonl",
			files: map[string]string{"d.jsonl.gz": gzipped(`{"id":"x","text":"Hi."}` + "\n")},
			paths: []string{"d.jsonl.gz"},
			want:  []Document{{ID: "x", Text: "Hi.", Origin: "d.jsonl.gz:1"}},
		},
		{
			name:  "json array",
			files: map[string]string{"d.json": "[\n {\"id\":\"x\",\"text\":\"Hi.\"},\n {\"id\":\"y\",\n  \"text\":\"Ho.\"}\n]\n"},
			paths: []string{"d.json"},
			want: []Document{
				{ID: "x", Text: "Hi.", Origin: "d.json:2"},
				{ID: "y", Text: "Ho.", Origin: "d.json:3"},
			},
		},
		{
			name:  "stdin text",
			paths: []string{"-"},
			stdin: "\n  " + article,
			want:  []Document{{Text: "\n  " + article, Origin: "stdin"}},
		},
		{
			name:  "stdin jsonl",
			paths: []string{"-"},
			stdin: "  {\"id\":\"x\",\"text\":\"Hi.\"}\n{\"id\":\"y\",\"text\":\"Ho.\"}\n",
			want: []Document{
				{ID: "x", Text: "Hi.", Origin: "stdin:1"},
				{ID: "y", Text: "Ho.", Origin: "stdin:2"},
			},
		},
		{
			name:  "stdin html",
			paths: []string{"-"},
			stdin: "<html><head><title>T</title></head><body><p>One.</p><p>Two.</p></body></html>",
			want:  []Document{{Title: "T", Text: "One.\n\nTwo.", Origin: "stdin"}},
		},
		{
			name:  "unknown extension is sniffed",
			files: map[string]string{"article": "<p>Hello.</p>", "lines": `{"id":"x","text":"Hi."}`},
			paths: []string{"article", "lines"},
			want: []Document{
				{Text: "Hello.", Origin: "article"},
				{ID: "x", Text: "Hi.", Origin: "lines:1"},
			},
		},
		{
			name:  "directory walk is sorted and recursive, skips other files",
			files: map[string]string{"d/b.txt": "B.", "d/a/z.htm": "<p>Z.</p>", "d/c.csv": "x", "d/.hidden.txt": "H."},
			paths: []string{"d"},
			want:  []Document{{Text: "Z.", Origin: "d/a/z.htm"}, {Text: "B.", Origin: "d/b.txt"}},
		},
		{
			name: "html: og:title, og:url, JSON-LD date, main",
			files: map[string]string{"p.html": `<html><head><meta property="og:title" content="OG"><meta property="og:url" content="https://e.org/x">` +
				`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2020-01-31T10:00:00+01:00"}]}</script></head>` +
				`<body><div>menu</div><main><h2>Head</h2><p>Body <b>text</b>.<br>Next line.</p><ul><li>one</li><li>two</li></ul></main></body></html>`},
			paths: []string{"p.html"},
			want: []Document{{Title: "OG", URL: "https://e.org/x", Published: "2020-01-31", PublishedFrom: "html-meta",
				Text: "Head\n\nBody text.\nNext line.\n\none\n\ntwo", Origin: "p.html"}},
		},
		{
			name:  "html: itemprop and time dates, h1 title",
			files: map[string]string{"p.html": `<body><h1>Big  news</h1><p>Text <time itemprop="datePublished" datetime="2018-07-04">July 4</time>.</p></body>`},
			paths: []string{"p.html"},
			want: []Document{{Title: "Big news", Published: "2018-07-04", PublishedFrom: "html-meta",
				Text: "Big news\n\nText July 4.", Origin: "p.html"}},
		},
		{
			name:  "html: deeply nested",
			files: map[string]string{"deep.html": strings.Repeat("<div>", 100000) + "Deep." + strings.Repeat("</div>", 100000)},
			paths: []string{"deep.html"},
			want:  []Document{{Text: "Deep.", Origin: "deep.html"}},
		},
		{
			name:  "jsonl: long line within the limit",
			files: map[string]string{"d.jsonl": `{"text":"` + strings.Repeat("a", 200000) + `"}`},
			paths: []string{"d.jsonl"},
			want:  []Document{{Text: strings.Repeat("a", 200000), Origin: "d.jsonl:1"}},
		},

		// Bad inputs: one error each, the other documents still go in.
		{
			name:     "missing file",
			files:    map[string]string{"a.txt": article},
			paths:    []string{"missing.txt", "a.txt"},
			want:     []Document{{Text: article, Origin: "a.txt"}},
			wantErrs: []string{"open missing.txt: no such file or directory"},
		},
		{
			name:     "invalid UTF-8",
			files:    map[string]string{"bad.txt": "Hello \xff world", "a.txt": article},
			paths:    []string{"bad.txt", "a.txt"},
			want:     []Document{{Text: article, Origin: "a.txt"}},
			wantErrs: []string{"bad.txt: invalid UTF-8 at byte 6"},
		},
		{
			name:     "binary file",
			files:    map[string]string{"bin.txt": "PK\x03\x04\x00\x00\x01"},
			paths:    []string{"bin.txt"},
			wantErrs: []string{"bin.txt: binary file: NUL byte at byte 4"},
		},
		{
			name:     "empty file",
			files:    map[string]string{"empty.txt": ""},
			paths:    []string{"empty.txt"},
			wantErrs: []string{"empty.txt: empty file"},
		},
		{
			name:     "blank file",
			files:    map[string]string{"blank.txt": "\ufeff \n\t\r\n"},
			paths:    []string{"blank.txt"},
			wantErrs: []string{"blank.txt: empty file"},
		},
		{
			name:     "oversized file",
			files:    map[string]string{"big.txt": strings.Repeat("word ", 10), "a.txt": "ok"},
			paths:    []string{"big.txt", "a.txt"},
			opts:     ReadOptions{MaxBytes: 20},
			want:     []Document{{Text: "ok", Origin: "a.txt"}},
			wantErrs: []string{"big.txt: too large: more than 20 bytes"},
		},
		{
			name:     "directory without articles",
			files:    map[string]string{"notes/readme.md": "x", "notes/sub/data.csv": "y"},
			paths:    []string{"notes"},
			wantErrs: []string{"notes: no articles (.txt, .html, .jsonl) found"},
		},
		{
			name:     "empty directory",
			files:    map[string]string{"void/": ""},
			paths:    []string{"void"},
			wantErrs: []string{"void: no articles (.txt, .html, .jsonl) found"},
		},
		{
			name:     "jsonl: malformed line",
			files:    map[string]string{"d.jsonl": `{"id":"x","text":"Hi."}` + "\n" + `{"id":"y", text: "Ho."}` + "\n" + `{"id":"z","text":"Hu."}` + "\n"},
			paths:    []string{"d.jsonl"},
			want:     []Document{{ID: "x", Text: "Hi.", Origin: "d.jsonl:1"}, {ID: "z", Text: "Hu.", Origin: "d.jsonl:3"}},
			wantErrs: []string{"d.jsonl:2: malformed JSON: invalid character 't' looking for beginning of object key string"},
		},
		{
			name:     "jsonl: trailing garbage",
			files:    map[string]string{"d.jsonl": `{"text":"Hi."} x`},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{"d.jsonl:1: malformed JSON: invalid character 'x' after top-level value"},
		},
		{
			name:     "jsonl: wrong type",
			files:    map[string]string{"d.jsonl": `{"text":["Hi."]}` + "\n" + `{"text":"Ho.","title":3}`},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "text" is an array, want a string`, `d.jsonl:2: "title" is a number, want a string`},
		},
		{
			name:     "jsonl: not an object",
			files:    map[string]string{"d.jsonl": `"text"` + "\n" + `null`},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{"d.jsonl:1: want a JSON object, got string", `d.jsonl:2: missing "text"`},
		},
		{
			name:     "jsonl: empty text",
			files:    map[string]string{"d.jsonl": `{"id":"x","text":"  \n "}`},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: empty "text"`},
		},
		{
			name:     "jsonl: bad published format",
			files:    map[string]string{"d.jsonl": `{"text":"Hi.","published":"May 5, 2019"}` + "\n" + `{"text":"Ho.","published":"2019-5-05"}`},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "published": invalid date "May 5, 2019": want YYYY-MM-DD`, `d.jsonl:2: "published": invalid date "2019-5-05": want YYYY-MM-DD`},
		},
		{
			name:     "jsonl: published not a calendar date",
			files:    map[string]string{"d.jsonl": `{"text":"Hi.","published":"2016-13-01"}` + "\n" + `{"text":"Ho.","published":"2015-02-29T10:00:00Z"}`},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{`d.jsonl:1: "published": invalid date "2016-13-01": want YYYY-MM-DD`, `d.jsonl:2: "published": invalid date "2015-02-29T10:00:00Z": want YYYY-MM-DD`},
		},
		{
			name:     "jsonl: line too long",
			files:    map[string]string{"d.jsonl": `{"text":"` + strings.Repeat("a", 100) + `"}` + "\n" + `{"text":"Hi."}`},
			paths:    []string{"d.jsonl"},
			opts:     ReadOptions{MaxBytes: 50},
			want:     []Document{{Text: "Hi.", Origin: "d.jsonl:2"}},
			wantErrs: []string{"d.jsonl:1: line too long: more than 50 bytes"},
		},
		{
			name:     "jsonl: invalid UTF-8",
			files:    map[string]string{"d.jsonl": "{\"text\":\"caf\xe9\"}\n{\"text\":\"Hi.\"}"},
			paths:    []string{"d.jsonl"},
			want:     []Document{{Text: "Hi.", Origin: "d.jsonl:2"}},
			wantErrs: []string{"d.jsonl:1: invalid UTF-8 at byte 12 of the line"},
		},
		{
			name:     "jsonl: binary",
			files:    map[string]string{"d.jsonl": "\x1f\x8b\x08\x00\x00\x00\x00\x00"},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{"d.jsonl: binary file: not JSON Lines"},
		},
		{
			name:     "jsonl: empty",
			files:    map[string]string{"d.jsonl": "\n\n"},
			paths:    []string{"d.jsonl"},
			wantErrs: []string{"d.jsonl: empty file"},
		},
		{
			name:     "gzip: truncated",
			files:    map[string]string{"d.jsonl.gz": truncated(gzipped(`{"text":"Hi."}` + "\n" + `{"text":"` + numbers(2000) + `"}` + "\n"))},
			paths:    []string{"d.jsonl.gz"},
			want:     []Document{{Text: "Hi.", Origin: "d.jsonl.gz:1"}},
			wantErrs: []string{"d.jsonl.gz:2: truncated gzip stream"},
		},
		{
			name:     "gzip: not gzip",
			files:    map[string]string{"d.jsonl.gz": `{"text":"Hi."}`},
			paths:    []string{"d.jsonl.gz"},
			wantErrs: []string{"d.jsonl.gz: gzip: invalid header"},
		},
		{
			name:     "json: bad element",
			files:    map[string]string{"d.json": "[\n{\"text\":\"Hi.\"},\n{\"text\":1},\n{\"text\":\"Ho.\"}\n]"},
			paths:    []string{"d.json"},
			want:     []Document{{Text: "Hi.", Origin: "d.json:2"}, {Text: "Ho.", Origin: "d.json:4"}},
			wantErrs: []string{`d.json:3: "text" is a number, want a string`},
		},
		{
			name:     "json: malformed",
			files:    map[string]string{"d.json": "[\n{\"text\":\"Hi.\"},\n{\"text\" \"Ho.\"}\n]"},
			paths:    []string{"d.json"},
			want:     []Document{{Text: "Hi.", Origin: "d.json:2"}},
			wantErrs: []string{"d.json:3: malformed JSON: invalid character '\"' after object key"},
		},
		{
			name:     "html: no text",
			files:    map[string]string{"p.html": "<html><head><title>T</title><script>x()</script></head><body><nav>menu</nav></body></html>"},
			paths:    []string{"p.html"},
			wantErrs: []string{"p.html: no article text found in HTML"},
		},
		{
			name:     "html: invalid UTF-8",
			files:    map[string]string{"p.htm": "<p>caf\xe9</p>"},
			paths:    []string{"p.htm"},
			wantErrs: []string{"p.htm: invalid UTF-8 at byte 6"},
		},
		{
			name:     "stdin: empty",
			paths:    []string{"-"},
			wantErrs: []string{"stdin: empty file"},
		},
		{
			name:     "bad --published",
			files:    map[string]string{"a.txt": article},
			paths:    []string{"a.txt"},
			opts:     ReadOptions{Published: "2016-02-30"},
			wantErrs: []string{`published: invalid date "2016-02-30": want YYYY-MM-DD`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFiles(t, ".", tt.files)
			docs, errs := readDocs(t, tt.paths, strings.NewReader(tt.stdin), tt.opts)
			// Compare what the case sets; IDs default to the content hash.
			for i := range tt.want {
				if tt.want[i].ID == "" {
					tt.want[i].ID = DocID(tt.want[i].Text)
				}
			}
			for i := range docs {
				if i < len(tt.want) {
					if tt.want[i].Title == "" {
						docs[i].Title = ""
					}
					if tt.want[i].URL == "" {
						docs[i].URL = ""
					}
				}
			}
			if diff := cmp.Diff(tt.want, docs); diff != "" {
				t.Errorf("ReadPaths() documents mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErrs, errs); diff != "" {
				t.Errorf("ReadPaths() errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadPathsPermission(t *testing.T) {
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		t.Skip("file modes do not stop this user")
	}
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"secret.txt": "Hidden."})
	if err := os.Chmod("secret.txt", 0); err != nil {
		t.Fatal(err)
	}
	_, errs := readDocs(t, []string{"secret.txt"}, nil, ReadOptions{})
	if diff := cmp.Diff([]string{"open secret.txt: permission denied"}, errs); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestReadPathsSymlinkLoop(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"d/a.txt": "A.", "d/sub/b.txt": "B."})
	for _, l := range []struct{ target, name string }{{"..", "d/sub/up"}, {".", "d/self"}, {"nowhere", "d/dangling.txt"}} {
		if err := os.Symlink(l.target, l.name); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	docs, errs := readDocs(t, []string{"d"}, nil, ReadOptions{})
	var origins []string
	for _, d := range docs {
		origins = append(origins, d.Origin)
	}
	if diff := cmp.Diff([]string{"d/a.txt", "d/sub/b.txt"}, origins); diff != "" {
		t.Errorf("documents mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"stat d/dangling.txt: no such file or directory"}, errs); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestReadPathsStops(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"a.txt": "A.", "b.txt": "B.", "c.jsonl": "{\"text\":\"C.\"}\n{\"text\":\"D.\"}\n"})
	stop := errors.New("stop")
	for _, n := range []int{1, 3} {
		var got int
		errs := ReadPaths(t.Context(), []string{"a.txt", "c.jsonl", "b.txt"}, nil, ReadOptions{}, func(Document) error {
			got++
			if got == n {
				return stop
			}
			return nil
		})
		if got != n || len(errs) != 1 || errs[0] != stop {
			t.Errorf("fn fails at document %d: read %d documents, errors %v", n, got, errs)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	errs := ReadPaths(ctx, []string{"a.txt"}, nil, ReadOptions{}, func(Document) error {
		t.Error("fn called after cancel")
		return nil
	})
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("cancelled: errors %v", errs)
	}
}

func TestReadErrorUnwrap(t *testing.T) {
	t.Chdir(t.TempDir())
	errs := ReadPaths(t.Context(), []string{"missing.txt"}, nil, ReadOptions{}, func(Document) error { return nil })
	var re *ReadError
	if len(errs) != 1 || !errors.As(errs[0], &re) || re.Path != "missing.txt" || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("errors %v: want one *ReadError for missing.txt wrapping os.ErrNotExist", errs)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2016-09-05", "2000-02-29"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "2016-13-01", "2015-02-29", "2016-9-5", "05/09/2016", "2016-09-05T10:00:00Z", " 2016-09-05"} {
		_, err := ParseDate(s)
		want := `invalid date "` + s + `": want YYYY-MM-DD`
		if err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) = %v, want %s", s, err, want)
		}
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	var buf bytes.Buffer
	for i := range 1000 {
		fmt.Fprintf(&buf, `{"id":"doc-%d","published":"2016-09-05","title":"T","text":%q}`+"\n", i, strings.Repeat("Norland and Estmark met in Geneva on Monday. ", 40))
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	docs := 0
	for b.Loop() {
		r := &reader{ctx: b.Context(), opts: ReadOptions{MaxBytes: DefaultMaxBytes}, fn: func(Document) error {
			docs++
			return nil
		}}
		r.readJSONL("bench.jsonl", bufio.NewReader(bytes.NewReader(data)), false)
		if len(r.errs) > 0 {
			b.Fatal(r.errs[0])
		}
	}
	b.ReportMetric(float64(docs)/float64(b.N), "docs/op")
}

func TestFileNameDate(t *testing.T) {
	tests := []struct{ origin, want string }{
		{"2016-09-05-syria.txt", "2016-09-05"},
		{"news/20160905_syria.html", "2016-09-05"},
		{"syria.2016.09.05.txt", "2016-09-05"},
		{"docs.jsonl:3", ""},            // one file name cannot date many documents
		{"2016-09-05-docs.jsonl:3", ""}, // nor a line of it
		{"2016-13-05-x.txt", ""},        // no such month
		{"120160905.txt", ""},           // part of a longer number
		{"-", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := fileNameDate(tt.origin); got != tt.want {
			t.Errorf("fileNameDate(%q) = %q, want %q", tt.origin, got, tt.want)
		}
	}
}
