package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultMaxBytes is the largest document ReadPaths accepts when
// ReadOptions.MaxBytes is zero: 16 MiB.
const DefaultMaxBytes = 16 << 20

// ReadOptions control how ReadPaths turns inputs into documents.
type ReadOptions struct {
	// Published is a publication date, YYYY-MM-DD, for documents that do
	// not carry one. A date given by the document itself wins.
	Published string
	// MaxBytes is the largest document (or JSON line) accepted, in bytes.
	// Zero means DefaultMaxBytes.
	MaxBytes int64
}

// A ReadError says which input failed and why. Line is the 1-based line of
// a JSON Lines input, or 0 when the error is not about one line.
type ReadError struct {
	Path string
	Line int
	Err  error
}

func (e *ReadError) Error() string {
	var pe *fs.PathError
	if e.Line == 0 && errors.As(e.Err, &pe) && pe.Path == e.Path {
		return pe.Error() // "open missing.txt: no such file or directory"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// ParseDate parses a YYYY-MM-DD calendar date.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return time.Time{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	return t, nil
}

// normDate turns a date or an ISO 8601 timestamp into YYYY-MM-DD.
func normDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ' || s[10] == 't') {
		if _, err := ParseDate(s[:10]); err == nil {
			return s[:10], nil
		}
	}
	if _, err := ParseDate(s); err != nil {
		return "", err
	}
	return s, nil
}

// Input kinds, chosen by file name or, for stdin, by content.
const (
	kindText = iota
	kindHTML
	kindJSONL
	kindJSON
)

// kindOf returns the kind of a file by its name, with gz set for
// gzip-compressed JSON Lines; ok is false for files that are not articles.
func kindOf(name string) (kind int, gz, ok bool) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".jsonl.gz"):
		return kindJSONL, true, true
	case strings.HasSuffix(lower, ".jsonl"):
		return kindJSONL, false, true
	case strings.HasSuffix(lower, ".json"):
		return kindJSON, false, true
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"):
		return kindHTML, false, true
	case strings.HasSuffix(lower, ".txt"), strings.HasSuffix(lower, ".text"):
		return kindText, false, true
	}
	return kindText, false, false
}

// ReadPaths reads documents from paths and calls fn with each, in order.
//
// A path is a file, a directory or "-" for stdin. Files are read by their
// extension: .txt and .text are plain text (one document per file), .html
// and .htm are web pages (main text only), .jsonl, .jsonl.gz and .json hold
// documents in the input shape of ../shared/eval/FORMAT.md. A file with any
// other extension named on its own, and stdin, are read as JSON Lines if the
// first non-space byte is '{', as HTML if it is '<', else as plain text.
// Directories are walked in name order, recursively, following symbolic
// links once; names starting with "." and files with other extensions are
// skipped.
//
// Documents are streamed: memory use does not grow with the input. A bad
// input gives one *ReadError (naming the file, and the line for JSON Lines)
// and reading goes on with the next document. If fn returns an error, or
// ctx is done, ReadPaths stops and returns that error after the read errors
// seen so far.
func ReadPaths(ctx context.Context, paths []string, stdin io.Reader, opts ReadOptions, fn func(Document) error) []error {
	if opts.Published != "" {
		if _, err := ParseDate(opts.Published); err != nil {
			return []error{fmt.Errorf("published: %w", err)}
		}
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	r := &reader{ctx: ctx, opts: opts, fn: fn}
	for _, p := range paths {
		if r.fatal != nil {
			break
		}
		if p == "-" {
			r.readStdin(stdin)
			continue
		}
		r.readPath(p)
	}
	if r.fatal != nil {
		r.errs = append(r.errs, r.fatal)
	}
	return r.errs
}

// A reader holds the state of one ReadPaths call.
type reader struct {
	ctx   context.Context
	opts  ReadOptions
	fn    func(Document) error
	errs  []error
	fatal error // from fn or ctx: stops reading
}

func (r *reader) fail(path string, line int, err error) {
	r.errs = append(r.errs, &ReadError{Path: path, Line: line, Err: err})
}

// emit fills in the publication date and passes doc on. It returns false
// when reading must stop.
func (r *reader) emit(doc Document) bool {
	if err := r.ctx.Err(); err != nil {
		r.fatal = err
		return false
	}
	// A date the input states (a JSON document's "published") stands;
	// --published wins over every date inferred from the document (HTML
	// metadata, a date in the file name, a dateline, which Extract looks
	// for in the text).
	switch {
	case doc.Published != "" && (doc.PublishedFrom == "" || doc.PublishedFrom == "input"):
		doc.PublishedFrom = "input"
	case r.opts.Published != "":
		doc.Published, doc.PublishedFrom = r.opts.Published, "flag"
	case doc.Published != "":
	default:
		doc.PublishedFrom = ""
		if d := fileNameDate(doc.Origin); d != "" {
			doc.Published, doc.PublishedFrom = d, "filename"
		}
	}
	if err := r.fn(doc); err != nil {
		r.fatal = err
		return false
	}
	return true
}

func (r *reader) readPath(p string) {
	// Stat, not Open: opening a named pipe to look at it would consume its
	// writer, and the file is opened again to be read.
	fi, err := os.Stat(p)
	if err != nil {
		if pe, ok := err.(*fs.PathError); ok {
			pe.Op = "open" // as reading it would say
		}
		r.fail(p, 0, err)
		return
	}
	if fi.IsDir() {
		n := r.walk(p, []os.FileInfo{fi})
		if n == 0 && r.fatal == nil {
			r.fail(p, 0, errors.New("no articles (.txt, .html, .jsonl) found"))
		}
		return
	}
	kind, gz, ok := kindOf(p)
	r.readFile(p, kind, gz, !ok)
}

// walk reads the articles in directory dir and below, and returns how many
// article files it found. ancestors are the directories on the way down,
// to stop at symbolic link loops.
func (r *reader) walk(dir string, ancestors []os.FileInfo) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		r.fail(dir, 0, err)
		return 1 // reported: not "no articles"
	}
	n := 0
	for _, e := range entries { // ReadDir sorts by name
		if r.fatal != nil {
			return n
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		isDir := e.IsDir()
		mode := e.Type()
		if e.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				if _, _, ok := kindOf(name); ok {
					r.fail(p, 0, err)
					n++
				}
				continue
			}
			isDir, mode = fi.IsDir(), fi.Mode().Type()
		}
		if isDir {
			fi, err := os.Stat(p)
			if err != nil {
				r.fail(p, 0, err)
				n++
				continue
			}
			if seen(fi, ancestors) {
				continue // a symbolic link loop
			}
			n += r.walk(p, append(ancestors[:len(ancestors):len(ancestors)], fi))
			continue
		}
		kind, gz, ok := kindOf(name)
		if !ok {
			continue
		}
		n++
		if mode&fs.ModeType != 0 {
			// A pipe, socket or device: reading it may wait or never end.
			r.fail(p, 0, errors.New("not a regular file"))
			continue
		}
		r.readFile(p, kind, gz, false)
	}
	return n
}

func seen(fi os.FileInfo, dirs []os.FileInfo) bool {
	for _, d := range dirs {
		if os.SameFile(fi, d) {
			return true
		}
	}
	return false
}

// readFile reads one file of the given kind; sniff means "decide by content".
func (r *reader) readFile(p string, kind int, gz, sniff bool) {
	f, err := os.Open(p)
	if err != nil {
		r.fail(p, 0, err)
		return
	}
	defer f.Close()
	var in io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			r.fail(p, 0, gzipError(err))
			return
		}
		defer zr.Close()
		in = zr
	}
	br := bufio.NewReaderSize(in, 64<<10)
	if sniff {
		kind = sniffKind(br)
	}
	r.read(p, kind, br, gz)
}

func (r *reader) readStdin(stdin io.Reader) {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	br := bufio.NewReaderSize(stdin, 64<<10)
	r.read("stdin", sniffKind(br), br, false)
}

func (r *reader) read(p string, kind int, br *bufio.Reader, gz bool) {
	switch kind {
	case kindJSONL:
		r.readJSONL(p, br, gz)
	case kindJSON:
		r.readJSON(p, br)
	default:
		r.readWhole(p, kind, br)
	}
}

// sniffKind looks at the first non-space byte of br without consuming it.
func sniffKind(br *bufio.Reader) int {
	for n := 512; ; n *= 2 {
		b, err := br.Peek(n)
		b = bytes.TrimPrefix(b, bom)
		t := bytes.TrimLeft(b, " \t\r\n\f\v")
		if len(t) > 0 {
			switch t[0] {
			case '{':
				return kindJSONL
			case '[':
				return kindJSON
			case '<':
				return kindHTML
			}
			return kindText
		}
		if err != nil { // EOF, or the buffer is full of spaces
			return kindText
		}
	}
}

var bom = []byte("\xef\xbb\xbf")

// readAll reads all of in, up to max bytes.
func readAll(in io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(in, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("too large: more than %s", sizeString(max))
	}
	return b, nil
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkText reports binary content and invalid UTF-8 in b.
func checkText(b []byte) error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Errorf("binary file: NUL byte at byte %d", i)
	}
	if i := invalidUTF8(b); i >= 0 {
		return fmt.Errorf("invalid UTF-8 at byte %d", i)
	}
	return nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 byte in b, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// readWhole reads a plain-text or HTML file as one document.
func (r *reader) readWhole(p string, kind int, br *bufio.Reader) {
	b, err := readAll(br, r.opts.MaxBytes)
	if err != nil {
		r.fail(p, 0, err)
		return
	}
	b = bytes.TrimPrefix(b, bom)
	if len(bytes.TrimSpace(b)) == 0 {
		r.fail(p, 0, errors.New("empty file"))
		return
	}
	if err := checkText(b); err != nil {
		r.fail(p, 0, err)
		return
	}
	var doc Document
	if kind == kindHTML {
		doc, err = parseHTML(b)
		if err != nil {
			r.fail(p, 0, err)
			return
		}
	} else {
		doc.Text = string(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")))
	}
	doc.ID = DocID(doc.Text)
	doc.Origin = p
	r.emit(doc)
}

// inputDoc is one document in the input shape of FORMAT.md. Other fields
// (gold annotations) are ignored.
type inputDoc struct {
	ID        *string `json:"id"`
	Published *string `json:"published"`
	Title     *string `json:"title"`
	URL       *string `json:"url"`
	Source    *string `json:"source"`
	Text      *string `json:"text"`
}

// decodeDoc turns one JSON object into a document.
func decodeDoc(b []byte) (Document, error) {
	var in inputDoc
	if err := json.Unmarshal(b, &in); err != nil {
		return Document{}, jsonError(err)
	}
	if in.Text == nil {
		return Document{}, errors.New(`missing "text"`)
	}
	if strings.TrimSpace(*in.Text) == "" {
		return Document{}, errors.New(`empty "text"`)
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	doc := Document{
		ID:     str(in.ID),
		Title:  str(in.Title),
		URL:    str(in.URL),
		Source: str(in.Source),
		Text:   *in.Text,
	}
	if pub := str(in.Published); pub != "" {
		d, err := normDate(pub)
		if err != nil {
			return Document{}, fmt.Errorf(`"published": %w`, err)
		}
		doc.Published, doc.PublishedFrom = d, "input"
	}
	if doc.ID == "" {
		doc.ID = DocID(doc.Text)
	}
	return doc, nil
}

// jsonError rewrites errors of encoding/json for people.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("want a JSON object, got %s", te.Value)
		}
		return fmt.Errorf("%q is %s, want a string", te.Field, article(te.Value))
	}
	return fmt.Errorf("malformed JSON: %v", strings.TrimPrefix(err.Error(), "json: "))
}

func article(s string) string {
	if s == "" {
		return "of the wrong type"
	}
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + s
	}
	return "a " + s
}

func gzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("truncated gzip stream")
	}
	return fmt.Errorf("gzip: %v", strings.TrimPrefix(err.Error(), "gzip: "))
}

// readJSONL reads one document per line. Blank lines are skipped.
func (r *reader) readJSONL(p string, br *bufio.Reader, gz bool) {
	var line []byte
	docs := 0
	for n := 1; ; n++ {
		if r.fatal != nil {
			return
		}
		if err := r.ctx.Err(); err != nil {
			r.fatal = err
			return
		}
		var long bool
		var err error
		line, long, err = readLine(br, line[:0], r.opts.MaxBytes)
		if err != nil && err != io.EOF {
			if gz {
				err = gzipError(err)
			}
			r.fail(p, n, err)
			return
		}
		eof := err == io.EOF
		if n == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		switch {
		case long:
			r.fail(p, n, fmt.Errorf("line too long: more than %s", sizeString(r.opts.MaxBytes)))
			docs++
		case len(bytes.TrimSpace(line)) == 0:
		default:
			docs++
			if n == 1 && bytes.IndexByte(line, 0) >= 0 {
				r.fail(p, 0, errors.New("binary file: not JSON Lines"))
				return
			}
			if i := invalidUTF8(line); i >= 0 {
				r.fail(p, n, fmt.Errorf("invalid UTF-8 at byte %d of the line", i))
				break
			}
			doc, err := decodeDoc(line)
			if err != nil {
				r.fail(p, n, err)
				break
			}
			doc.Origin = fmt.Sprintf("%s:%d", p, n)
			if !r.emit(doc) {
				return
			}
		}
		if eof {
			break
		}
	}
	if docs == 0 {
		r.fail(p, 0, errors.New("empty file"))
	}
}

// readLine appends the next line of br (without its line ending) to buf.
// If the line is longer than max bytes, it is skipped and long is true. err
// is io.EOF with the last line of the input, which may be empty.
func readLine(br *bufio.Reader, buf []byte, max int64) (line []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if int64(len(buf)+len(chunk)) > max+1 { // +1: the newline
				long, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		return buf, long, err
	}
}

// readJSON reads a .json file: a JSON array of documents, or documents one
// per line.
func (r *reader) readJSON(p string, br *bufio.Reader) {
	if sniffKind(br) != kindJSON {
		r.readJSONL(p, br, false)
		return
	}
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		br.Discard(len(bom))
	}
	// Count lines as the decoder reads, for error messages.
	lc := &lineCounter{r: br}
	dec := json.NewDecoder(lc)
	if _, err := dec.Token(); err != nil { // [
		r.fail(p, 0, jsonError(err))
		return
	}
	docs := 0
	for dec.More() {
		if r.fatal != nil {
			return
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			off := dec.InputOffset()
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = se.Offset
			} else if errors.Is(err, io.ErrUnexpectedEOF) {
				off = lc.off // the input ends inside the document
			}
			r.fail(p, lc.lineAt(off), jsonError(err))
			return
		}
		line := lc.lineAt(dec.InputOffset() - int64(len(raw)))
		docs++
		if int64(len(raw)) > r.opts.MaxBytes {
			r.fail(p, line, fmt.Errorf("document too large: more than %s", sizeString(r.opts.MaxBytes)))
			continue
		}
		if i := invalidUTF8(raw); i >= 0 {
			r.fail(p, line, errors.New("invalid UTF-8"))
			continue
		}
		doc, err := decodeDoc(raw)
		if err != nil {
			r.fail(p, line, err)
			continue
		}
		doc.Origin = fmt.Sprintf("%s:%d", p, line)
		if !r.emit(doc) {
			return
		}
	}
	if _, err := dec.Token(); err != nil { // ]
		r.fail(p, lc.lineAt(dec.InputOffset()), jsonError(err))
		return
	}
	if docs == 0 {
		r.fail(p, 0, errors.New("no documents"))
	}
}

// A lineCounter remembers where lines start in what it has read, so that
// a byte offset can be turned into a line number. It keeps only the newline
// offsets, not the text.
type lineCounter struct {
	r     io.Reader
	off   int64
	lines []int64 // offsets just past each newline
}

func (l *lineCounter) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	for i, c := range b[:n] {
		if c == '\n' {
			l.lines = append(l.lines, l.off+int64(i)+1)
		}
	}
	l.off += int64(n)
	return n, err
}

// lineAt returns the 1-based line of byte offset off.
func (l *lineCounter) lineAt(off int64) int {
	return sort.Search(len(l.lines), func(i int) bool { return l.lines[i] > off }) + 1
}

// fileNameDate returns the date written in the base name of a file origin
// ("2016-09-05-syria.txt", "20160905_syria.html"), or "". Origins of
// documents inside a JSON Lines file ("docs.jsonl:3") have none: one file
// name cannot date many documents.
func fileNameDate(origin string) string {
	if origin == "" || origin == "-" || strings.ContainsAny(filepath.Ext(origin), ":") {
		return ""
	}
	if i := strings.LastIndexByte(origin, ':'); i >= 0 && i+1 < len(origin) && isDigits(origin[i+1:]) {
		return ""
	}
	base := filepath.Base(origin)
	for i := 0; i+8 <= len(base); i++ {
		if i > 0 && base[i-1] >= '0' && base[i-1] <= '9' {
			continue
		}
		for _, sep := range []string{"-", "_", ".", ""} {
			n := 8 + 2*len(sep)
			if i+n > len(base) || i+n < len(base) && base[i+n] >= '0' && base[i+n] <= '9' {
				continue
			}
			c := base[i : i+n]
			y, m, d := c[:4], c[4+len(sep):6+len(sep)], c[6+2*len(sep):]
			if sep != "" && (c[4:4+len(sep)] != sep || c[6+len(sep):6+2*len(sep)] != sep) {
				continue
			}
			if !isDigits(y) || !isDigits(m) || !isDigits(d) || y < "1900" || y > "2099" {
				continue
			}
			date := y + "-" + m + "-" + d
			if _, err := ParseDate(date); err == nil {
				return date
			}
		}
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
