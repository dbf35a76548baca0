package graph

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
	"github.com/google/go-cmp/cmp"
)

// golden compares got with testdata/<TestName>.golden, or writes it with -update.
func golden(t *testing.T, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func export(t testing.TB, s *Store, format string, f Filter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(&buf, format, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// exportFiles exports format into a temporary directory and returns the
// files by name.
func exportFiles(t testing.TB, s *Store, format string, f Filter) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	paths, err := s.ExportFiles(dir, format, f, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	if got, want := slices.Sorted(maps.Keys(out)), slices.Sorted(slices.Values(FileNames(format))); !slices.Equal(got, want) {
		t.Errorf("ExportFiles(%s) wrote %v, want %v", format, got, want)
	}
	return out
}

// streamFormats are the formats Export writes to one stream.
var streamFormats = slices.DeleteFunc(slices.Clone(ExportFormats), func(f string) bool { return f == "neo4j" })

func TestExport(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	for _, format := range streamFormats {
		t.Run(format, func(t *testing.T) {
			golden(t, export(t, s, format, Filter{}))
		})
	}
	t.Run("jsonl_negated", func(t *testing.T) {
		golden(t, export(t, s, "jsonl", Filter{IncludeNegated: true, From: "2016-09-05", To: "2016-09-05"}))
	})
	for name, b := range exportFiles(t, s, "neo4j", Filter{IncludeNegated: true}) {
		t.Run("neo4j/"+name, func(t *testing.T) { golden(t, b) })
	}
	t.Run("schema", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteDgraphSchema(&buf); err != nil {
			t.Fatal(err)
		}
		golden(t, buf.Bytes())
	})
	for _, c := range []string{"country", "community"} {
		t.Run("dot_"+c, func(t *testing.T) {
			var buf bytes.Buffer
			if err := s.ExportWith(&buf, "dot", Filter{}, ExportOptions{Cluster: c}); err != nil {
				t.Fatal(err)
			}
			golden(t, buf.Bytes())
			renderDOT(t, buf.Bytes())
		})
	}
	if err := s.Export(&bytes.Buffer{}, "xls", Filter{}); err == nil || !strings.Contains(err.Error(), `unknown format "xls"`) {
		t.Errorf("Export(xls) error = %v, want unknown format", err)
	}
	if err := s.Export(&bytes.Buffer{}, "neo4j", Filter{}); err == nil || !strings.Contains(err.Error(), "ExportFiles") {
		t.Errorf("Export(neo4j) error = %v, want a pointer to ExportFiles", err)
	}
}

// seedStore returns a store holding the analysis of the seed article,
// testdata/seed.jsonl, by the extractor.
func seedStore(t testing.TB) *Store {
	t.Helper()
	var x extract.Extractor
	var as []*extract.Analysis
	errs := extract.ReadPaths(t.Context(), []string{"../testdata/seed.jsonl"}, nil, extract.ReadOptions{}, func(d extract.Document) error {
		as = append(as, x.Extract(d))
		return nil
	})
	if len(errs) > 0 {
		t.Fatal(errors.Join(errs...))
	}
	s := mustOpen(t)
	mustIngest(t, s, as)
	return s
}

// TestExportSeed writes every format for the seed article.
func TestExportSeed(t *testing.T) {
	s := seedStore(t)
	all := Filter{IncludeNegated: true}
	for _, format := range streamFormats {
		t.Run(format, func(t *testing.T) {
			golden(t, export(t, s, format, all))
		})
	}
	for name, b := range exportFiles(t, s, "neo4j", all) {
		t.Run("neo4j/"+name, func(t *testing.T) {
			golden(t, b)
			checkNeo4j(t, map[string][]byte{name: b}, false)
		})
	}
	checkNeo4j(t, exportFiles(t, s, "neo4j", all), true)
	checkNQuads(t, exportFiles(t, s, "nquads", all))
	checkXML(t, export(t, s, "graphml", all))
	checkXML(t, export(t, s, "gexf", all))
	checkXML(t, export(t, s, "svg", all))
	renderDOT(t, export(t, s, "dot", all))
}

// TestExportJSONL checks that every line is an object with the columns
// pandas needs.
func TestExportJSONL(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	lines := strings.Split(strings.TrimSuffix(string(export(t, s, "jsonl", Filter{})), "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("got %d lines, want 7", len(lines))
	}
	var row map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &row); err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{"id", "date", "date_end", "first_day", "last_day", "granularity", "type", "cameo", "plover", "source", "target",
		"source_ids", "target_ids", "source_codes", "target_codes", "negated", "outcome", "location", "documents", "sources",
		"mentions", "published", "sentence", "rule"} {
		if _, ok := row[col]; !ok {
			t.Errorf("jsonl row has no %q column: %s", col, lines[0])
		}
	}
}

func TestDateSpan(t *testing.T) {
	tests := []struct{ v, first, last, gran string }{
		{"2016-09-05", "2016-09-05", "2016-09-05", "day"},
		{"2016-09-05T14:00", "2016-09-05", "2016-09-05", "day"},
		{"2016-02", "2016-02-01", "2016-02-29", "month"},
		{"2016", "2016-01-01", "2016-12-31", "year"},
		{"2016-W36", "2016-09-05", "2016-09-11", "week"},
		{"2016-Q4", "2016-10-01", "2016-12-31", "quarter"},
		{"2016-WI", "2016-12-01", "2017-02-28", "season"},
		{"2016-SU", "2016-06-01", "2016-08-31", "season"},
		{"PAST_REF", "", "", ""},
		{"", "", "", ""},
	}
	e := extract.Event{Date: "2011", DateEnd: "2014-03"}
	if first, last, ok := EventSpan(&e); first != "2011-01-01" || last != "2014-03-31" || !ok {
		t.Errorf("EventSpan(2011 to 2014-03) = %q, %q, %v", first, last, ok)
	}
	for _, tt := range tests {
		first, last, ok := DateSpan(tt.v)
		if first != tt.first || last != tt.last || ok != (tt.first != "") || Granularity(tt.v) != tt.gran {
			t.Errorf("DateSpan(%q) = %q, %q, %v, granularity %q; want %q, %q, %q", tt.v, first, last, ok, Granularity(tt.v), tt.first, tt.last, tt.gran)
		}
	}
}

// hostile is an actor whose name tries to break out of DOT and JSON strings
// and into HTML.
var hostile = extract.Actor{
	ID:      `evil"id\`,
	Name:    "\"]; rankdir=LR; x [label=\"\n<script>alert('x')</script>\\\r\nline\x01 two \xff",
	Kind:    extract.KindPerson,
	Code:    `"; DROP`,
	Aliases: []string{"a;b", "<b>bold</b>", `x"y`},
}

func hostileFixture() []*extract.Analysis {
	as := fixture()
	as[0].Doc.Title = "<script>alert(1)</script> \"title\", with; separators\nand lines"
	as[0].Actors = append(as[0].Actors, hostile)
	as[0].Events = append(as[0].Events, extract.Event{
		ID: "e-hostile", Type: "meet", Source: []string{hostile.ID}, Target: []string{"john-kerry"}, Date: "2016-09-07",
		Mentions: []extract.Mention{{Text: "A \"quoted\" sentence\nwith <b>markup</b>, a \\ and ]]> too.", Rule: `r"1`}},
	})
	return as
}

func TestExportHostile(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, hostileFixture())

	dot := export(t, s, "dot", Filter{})
	golden(t, dot)
	for _, line := range strings.Split(string(dot), "\n") {
		if strings.Contains(line, "rankdir") && !strings.Contains(line, `\"]; rankdir=LR; x [label=\"`) {
			t.Errorf("unescaped name in DOT line %q", line)
		}
	}
	if n := strings.Count(string(dot), "\n"); n != 20 {
		t.Errorf("DOT has %d lines, want 20 (a name broke a line):\n%s", n, dot)
	}
	if svg := renderDOT(t, dot); svg != nil {
		if bytes.Contains(svg, []byte("<script")) {
			t.Error("rendered SVG contains a <script> element")
		}
		if n := bytes.Count(svg, []byte(`class="node"`)); n != 8 {
			t.Errorf("rendered SVG has %d nodes, want 8", n)
		}
		if n := bytes.Count(svg, []byte(`class="edge"`)); n != 8 {
			t.Errorf("rendered SVG has %d edges, want 8", n)
		}
	}

	var nl nodeLink
	if err := json.Unmarshal(export(t, s, "json", Filter{}), &nl); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(nl.Nodes, func(n nlNode) bool { return n.ID == hostile.ID })
	if i < 0 {
		t.Fatalf("JSON has no node %q", hostile.ID)
	}
	if want := strings.ToValidUTF8(hostile.Name, "\uFFFD"); nl.Nodes[i].Name != want {
		t.Errorf("JSON node name = %q, want %q", nl.Nodes[i].Name, want)
	}
	jl := export(t, s, "jsonl", Filter{})
	if bytes.Contains(jl, []byte("<script")) || bytes.Contains(jl, []byte("<b>")) {
		t.Error("jsonl export contains raw HTML")
	}

	// The XML formats are well-formed, keep the name (XML cannot hold
	// U+0001: it becomes U+FFFD) and hold no element but their own.
	xmlName := strings.Map(func(r rune) rune {
		if r == 1 {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(hostile.Name, "\uFFFD"))
	for _, format := range []string{"graphml", "gexf", "svg"} {
		t.Run(format, func(t *testing.T) {
			b := export(t, s, format, Filter{})
			golden(t, b)
			els, texts := checkXML(t, b)
			if els["script"] > 0 || els["b"] > 0 {
				t.Errorf("%s has injected elements: %v", format, els)
			}
			if format != "svg" && !slices.Contains(texts, xmlName) {
				t.Errorf("%s does not hold the name %q", format, xmlName)
			}
		})
	}
	checkNQuads(t, exportFiles(t, s, "nquads", Filter{}))
	files := exportFiles(t, s, "neo4j", Filter{})
	checkNeo4j(t, files, true)
	if !bytes.Contains(files["actors.csv"], []byte(`"evil""id\"`)) {
		t.Errorf("actors.csv does not quote the id:\n%s", files["actors.csv"])
	}
}

// checkXML parses b and returns the number of elements by local name and
// the attribute values and texts it holds.
func checkXML(t *testing.T, b []byte) (map[string]int, []string) {
	t.Helper()
	els := map[string]int{}
	var texts []string
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			els[tok.Name.Local]++
			for _, a := range tok.Attr {
				texts = append(texts, a.Value)
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		}
	}
	return els, texts
}

// A grammar for the N-Quads lines of the export, in Dgraph's dialect: the
// W3C N-Quads grammar (https://www.w3.org/TR/n-quads/) restricted to ASCII
// blank node labels, plus Dgraph's facets in parentheses before the dot.
var (
	nqIRI     = "<[^\\x00-\\x20<>\"{}|^`\\\\]*>"
	nqBlank   = `_:[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?`
	nqString  = `"(?:[^"\\\n\r]|\\[tbnrf"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"`
	nqLiteral = nqString + `(?:\^\^` + nqIRI + `|@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)?`
	nqFacet   = `[A-Za-z_][A-Za-z0-9_]*=(?:` + nqString + `|-?[0-9]+(?:\.[0-9]+)?|true|false|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)`
	nqLine    = regexp.MustCompile(`^(` + nqIRI + `|` + nqBlank + `) (` + nqIRI + `) (` + nqIRI + `|` + nqBlank + `|` + nqLiteral + `)` +
		`(?: \(` + nqFacet + `(?:, ` + nqFacet + `)*\))? \.$`)
	schemaLine = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_.]*): (\[?(?:string|int|float|bool|datetime|uid|geo|password)\]?)((?: @[a-z]+(?:\([a-z, ]+\))?)*) \.$`)
)

// checkNQuads checks the N-Quads of files["chronograph.rdf"] against the
// grammar and against the schema in files["chronograph.schema"]: every
// predicate is declared, with a type that fits its objects, and every
// blank node an edge points at is typed.
func checkNQuads(t *testing.T, files map[string][]byte) {
	t.Helper()
	preds := map[string]string{}
	inType := false
	for i, line := range strings.Split(string(files["chronograph.schema"]), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case inType && line == "}":
			inType = false
		case inType:
			if _, ok := preds[line]; !ok {
				t.Errorf("schema:%d: type field %q is not a declared predicate", i+1, line)
			}
		case strings.HasPrefix(line, "type ") && strings.HasSuffix(line, " {"):
			inType = true
		default:
			m := schemaLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("schema:%d: not a schema line: %q", i+1, line)
				continue
			}
			preds[m[1]] = m[2]
		}
	}
	typed := map[string]bool{}
	var objects []string
	lines := strings.Split(strings.TrimSuffix(string(files["chronograph.rdf"]), "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("chronograph.rdf has %d lines", len(lines))
	}
	for i, line := range lines {
		m := nqLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("rdf:%d: not an N-Quad: %q", i+1, line)
			continue
		}
		subj, pred, obj := m[1], strings.Trim(m[2], "<>"), m[3]
		if pred == "dgraph.type" {
			typed[subj] = true
			continue
		}
		typ, ok := preds[pred]
		if !ok {
			t.Errorf("rdf:%d: predicate %q not in the schema", i+1, pred)
			continue
		}
		want := map[string]string{"int": "^^<xs:int>", "float": "^^<xs:float>", "bool": "^^<xs:boolean>", "datetime": "^^<xs:dateTime>"}
		switch base := strings.Trim(typ, "[]"); {
		case base == "uid":
			if !strings.HasPrefix(obj, "_:") {
				t.Errorf("rdf:%d: %s is a uid predicate, object %s", i+1, pred, obj)
			}
			objects = append(objects, obj)
		case base == "string":
			if !strings.HasPrefix(obj, `"`) || !strings.HasSuffix(obj, `"`) {
				t.Errorf("rdf:%d: %s is a string predicate, object %s", i+1, pred, obj)
			}
		default:
			if !strings.HasSuffix(obj, want[base]) {
				t.Errorf("rdf:%d: %s is %s, object %s", i+1, pred, typ, obj)
			}
		}
	}
	for _, o := range objects {
		if !typed[o] {
			t.Errorf("rdf: %s is the object of an edge but has no dgraph.type", o)
		}
	}
}

// neo4jHeader is a header field of neo4j-admin database import.
var neo4jHeader = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)?(?::(ID|START_ID|END_ID)(?:\(([A-Za-z_][A-Za-z0-9_]*)\))?|:(LABEL|TYPE)|:(int|long|float|double|boolean|byte|short|char|string|date|localtime|time|localdatetime|datetime|duration|point)(\[\])?)?$`)

// checkNeo4j checks CSV files as neo4j-admin database import reads them
// with its defaults (',' delimiter, '"' quotes, ';' array delimiter, no
// multi-line fields): the headers, the values of typed columns, unique ids
// in each id space and, when refs is set, that relationships point at
// nodes in the files.
func checkNeo4j(t *testing.T, files map[string][]byte, refs bool) {
	t.Helper()
	ids := map[string]map[string]bool{}
	type ref struct{ file, space, id string }
	var want []ref
	for _, name := range slices.Sorted(maps.Keys(files)) {
		r := csv.NewReader(bytes.NewReader(files[name]))
		rows, err := r.ReadAll()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if bytes.ContainsAny(files[name], "\r") || bytes.Count(files[name], []byte("\n")) != len(rows) {
			t.Errorf("%s: a field spans lines", name)
		}
		head := rows[0]
		kinds := map[string]int{}
		for _, h := range head {
			m := neo4jHeader.FindStringSubmatch(h)
			if m == nil {
				t.Errorf("%s: bad header field %q", name, h)
				continue
			}
			kinds[m[2]+m[4]]++
		}
		node := kinds["ID"] == 1 && kinds["START_ID"] == 0
		rel := kinds["START_ID"] == 1 && kinds["END_ID"] == 1 && kinds["TYPE"] == 1 && kinds["ID"] == 0
		if !node && !rel {
			t.Errorf("%s: header %q is neither a node nor a relationship header", name, head)
		}
		for n, row := range rows[1:] {
			for c, v := range row {
				m := neo4jHeader.FindStringSubmatch(head[c])
				if m == nil {
					continue
				}
				at := fmt.Sprintf("%s:%d: %s", name, n+2, head[c])
				switch {
				case m[2] == "ID":
					if ids[m[3]] == nil {
						ids[m[3]] = map[string]bool{}
					}
					if v == "" || ids[m[3]][v] {
						t.Errorf("%s: empty or duplicate id %q", at, v)
					}
					ids[m[3]][v] = true
				case m[2] == "START_ID" || m[2] == "END_ID":
					want = append(want, ref{at, m[3], v})
				case m[4] == "TYPE":
					if !regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`).MatchString(v) {
						t.Errorf("%s: relationship type %q", at, v)
					}
				case m[4] == "LABEL":
					for _, l := range strings.Split(v, ";") {
						if !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`).MatchString(l) {
							t.Errorf("%s: label %q", at, l)
						}
					}
				case v == "":
				case m[5] == "int":
					if _, err := strconv.ParseInt(v, 10, 64); err != nil {
						t.Errorf("%s: %v", at, err)
					}
				case m[5] == "float":
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						t.Errorf("%s: %v", at, err)
					}
				case m[5] == "boolean":
					if v != "true" && v != "false" {
						t.Errorf("%s: boolean %q", at, v)
					}
				case m[5] == "date":
					if _, err := time.Parse(time.DateOnly, v); err != nil {
						t.Errorf("%s: %v", at, err)
					}
				}
			}
		}
	}
	if refs {
		for _, r := range want {
			if !ids[r.space][r.id] {
				t.Errorf("%s: %q is not an id of %s", r.file, r.id, r.space)
			}
		}
	}
}

// renderDOT runs dot -Tsvg on src and returns the SVG, or nil when dot is not
// installed.
func renderDOT(t testing.TB, src []byte) []byte {
	t.Helper()
	path, err := exec.LookPath("dot")
	if err != nil {
		t.Log("dot not on PATH: not rendering")
		return nil
	}
	cmd := exec.CommandContext(t.Context(), path, "-Tsvg")
	cmd.Stdin = bytes.NewReader(src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("dot -Tsvg: %v\n%s\n%s", err, stderr.Bytes(), src)
	}
	return out
}

func TestExportDOTRenders(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("dot (Debian package graphviz) not on PATH")
	}
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	svg := renderDOT(t, export(t, s, "dot", Filter{}))
	if !bytes.Contains(svg, []byte("Sergei Lavrov")) || !bytes.Contains(svg, []byte("meet 2016&#45;09&#45;09 ×1")) {
		t.Errorf("rendered SVG lacks a label:\n%s", svg)
	}
}

// python returns /usr/bin/python3 (or python3 on PATH) when it imports
// all of modules, and skips the test otherwise.
func python(t *testing.T, modules ...string) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import "+strings.Join(modules, ", ")).Run() == nil {
			return path
		}
	}
	t.Skipf("python3 with %s not available (Debian packages python3-networkx, python3-pandas, python3-rdflib)", strings.Join(modules, ", "))
	return ""
}

// runPython runs the script consumers/name with args and returns its
// output.
func runPython(t *testing.T, py, name string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), py, append([]string{filepath.Join("testdata", "consumers", name)}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return strings.TrimSpace(string(out))
}

// writeTemp writes b to a file named name in a temporary directory.
func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExportNetworkx loads the node-link JSON, GraphML and GEXF exports
// with networkx and checks that they hold the same graph.
func TestExportNetworkx(t *testing.T) {
	py := python(t, "networkx")
	s := mustOpen(t)
	mustIngest(t, s, hostileFixture())
	args := []string{
		writeTemp(t, "g.json", export(t, s, "json", Filter{})),
		writeTemp(t, "g.graphml", export(t, s, "graphml", Filter{})),
		writeTemp(t, "g.gexf", export(t, s, "gexf", Filter{})),
	}
	out := runPython(t, py, "networkx_check.py", args...)
	want := strings.Join([]string{
		"json 8 8 mediate count=1 sources=1 name=Sergei Lavrov evil=True",
		"graphml 8 8 mediate count=1 sources=1 name=Sergei Lavrov evil=True",
		"gexf 8 8 mediate count=1 sources=1 name=Sergei Lavrov evil=True spells=[('2016-10-01', '2016-10-31')]",
	}, "\n")
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("networkx mismatch (-want +got):\n%s", diff)
	}
}

// TestExportRDFLib parses the N-Quads export, its Dgraph facets cut, with
// rdflib's N-Quads parser.
func TestExportRDFLib(t *testing.T) {
	py := python(t, "rdflib")
	s := mustOpen(t)
	mustIngest(t, s, hostileFixture())
	files := exportFiles(t, s, "nquads", Filter{IncludeNegated: true})
	out := runPython(t, py, "rdflib_check.py", writeTemp(t, "g.rdf", files["chronograph.rdf"]))
	// 9 actors (with the place Geneva), 9 events.
	t.Logf("rdflib: %s", out)
	if want := "9 9 Sergei Lavrov True"; !strings.HasSuffix(out, want) {
		t.Errorf("rdflib read %q, want a count of triples and %q", out, want)
	}
}

// TestExportPandas loads the JSONL export into a pandas DataFrame.
func TestExportPandas(t *testing.T) {
	py := python(t, "pandas")
	s := mustOpen(t)
	mustIngest(t, s, hostileFixture())
	out := runPython(t, py, "pandas_check.py", writeTemp(t, "events.jsonl", export(t, s, "jsonl", Filter{IncludeNegated: true})))
	want := "rows=9 negated=1 meet=3 dated=7 sources=9 evil=True"
	if out != want {
		t.Errorf("pandas read %q, want %q", out, want)
	}
}

// TestNotebook runs the notebook lines of docs/exports.md (and of the
// README, when it has them) on the seed article's exports.
func TestNotebook(t *testing.T) {
	py := python(t, "networkx", "pandas")
	s := seedStore(t)
	dir := t.TempDir()
	for name, format := range map[string]string{"graph.json": "json", "events.jsonl": "jsonl"} {
		if err := os.WriteFile(filepath.Join(dir, name), export(t, s, format, Filter{IncludeNegated: true}), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ran := 0
	for _, doc := range []string{"../docs/exports.md", "../README.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		code := notebookCode(b)
		if code == "" {
			t.Logf("%s has no notebook lines", doc)
			continue
		}
		ran++
		cmd := exec.CommandContext(t.Context(), py, "-c", code+"\nprint(g.number_of_nodes(), len(events))\n")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s notebook lines: %v\n%s\n%s(docs/exports.md has lines that work with networkx 2.8 to 3.x)", doc, err, code, out)
			continue
		}
		var n, rows int
		if _, err := fmt.Sscan(string(out), &n, &rows); err != nil || n == 0 || rows == 0 {
			t.Errorf("%s notebook lines printed %q, want a graph and events", doc, out)
		}
	}
	if ran == 0 {
		t.Error("no document has the notebook lines")
	}
}

// notebookCode returns the first ```python block of a Markdown file that
// reads graph.json, or "".
func notebookCode(md []byte) string {
	for _, block := range strings.Split(string(md), "```python\n")[1:] {
		code, _, _ := strings.Cut(block, "```")
		if strings.Contains(code, "graph.json") {
			return code
		}
	}
	return ""
}

// bigData is a generated graph: n actors and about 2n relations, each a
// dated event reported by one document.
func bigData(n int) ExportData {
	d := ExportData{Actors: map[string]extract.Actor{}}
	kinds := []string{extract.KindPerson, extract.KindCountry, extract.KindOrganisation, extract.KindArmedGroup}
	for i := range n {
		id := fmt.Sprintf("actor-%03d", i)
		d.Actors[id] = extract.Actor{ID: id, Name: fmt.Sprintf("Actor number %d", i), Kind: kinds[i%len(kinds)], Code: []string{"RUS", "USA", "SYR"}[i%3] + "GOV"}
	}
	types := []string{"meet", "accuse", "aid", "attack", "praise", "negotiate"}
	for i := range 2 * n {
		// Each actor starts two relations; a few actors are hubs.
		a := i % n
		b := (a + 1 + (i/n)*17 + (i*i)%13) % n
		if i%5 == 0 {
			b = (i / 5) % 10
		}
		if a == b {
			b = (b + 1) % n
		}
		d.Events = append(d.Events, extract.Event{
			ID: fmt.Sprintf("ev-%04d", i), Type: types[i%len(types)],
			Source: []string{fmt.Sprintf("actor-%03d", a)}, Target: []string{fmt.Sprintf("actor-%03d", b)},
			Date:     fmt.Sprintf("2016-%02d-%02d", 1+i%12, 1+i%28),
			Mentions: []extract.Mention{{Doc: fmt.Sprintf("doc-%d", i%50), Text: "A sentence."}},
		})
	}
	return d
}

// TestExportBig checks that a graph of 300 actors and 600 relations is cut
// for the pictures, and that Graphviz renders the cut DOT.
func TestExportBig(t *testing.T) {
	d := bigData(300)
	if rs := relations(d.Events); len(rs) < 500 {
		t.Fatalf("generated %d relations, want about 600", len(rs))
	}
	var dot, svg bytes.Buffer
	if err := WriteExport(&dot, "dot", d, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteExport(&svg, "svg", d, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(dot.String(), "shape="); n != DefaultTop {
		t.Errorf("dot has %d nodes, want %d", n, DefaultTop)
	}
	if !strings.Contains(dot.String(), "240 more left out") {
		t.Errorf("dot does not say how many actors it left out")
	}
	els, _ := checkXML(t, svg.Bytes())
	if els["circle"] < DefaultTop || !strings.Contains(svg.String(), "240 more left out") {
		t.Errorf("svg has %d circles, want %d nodes and a note", els["circle"], DefaultTop)
	}
	// All actors when asked.
	var all bytes.Buffer
	if err := WriteExport(&all, "svg", d, ExportOptions{Top: -1}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(all.String(), `class="node"`); n != 300 {
		t.Errorf("svg with Top -1 has %d nodes, want 300", n)
	}
	if testing.Short() {
		return
	}
	renderDOT(t, dot.Bytes())
}

var bigOnce = sync.OnceValue(func() ExportData { return bigData(300) })

func BenchmarkExport(b *testing.B) {
	d := bigOnce()
	for _, format := range []string{"dot", "svg", "json", "graphml", "gexf", "nquads"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteExport(io.Discard, format, d, ExportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(d.Events)), "events/op")
		})
	}
	b.Run("svg-all", func(b *testing.B) {
		for b.Loop() {
			if err := WriteExport(io.Discard, "svg", d, ExportOptions{Top: -1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestExportDocs checks that docs/exports.md gives the import command of
// the files the neo4j export writes.
func TestExportDocs(t *testing.T) {
	b, err := os.ReadFile("../docs/exports.md")
	if err != nil {
		t.Fatal(err)
	}
	if cmd := Neo4jImportCommand("neo4j", "neo4j"); !bytes.Contains(b, []byte(cmd)) {
		t.Errorf("docs/exports.md lacks the import command\n%s", cmd)
	}
	for _, f := range ExportFormats {
		if !bytes.Contains(b, []byte("| `"+f+"` |")) {
			t.Errorf("docs/exports.md has no row for %s", f)
		}
	}
}

// TestExportEmpty checks that every format of an empty selection is
// well-formed.
func TestExportEmpty(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	none := Filter{From: "2030"}
	for _, format := range streamFormats {
		b := export(t, s, format, none)
		switch format {
		case "json":
			var nl nodeLink
			if err := json.Unmarshal(b, &nl); err != nil || len(nl.Nodes) != 0 {
				t.Errorf("json of nothing = %s, %v", b, err)
			}
		case "jsonl", "nquads":
			if len(b) != 0 {
				t.Errorf("%s of nothing = %q, want nothing", format, b)
			}
		case "graphml", "gexf", "svg":
			checkXML(t, b)
		case "dot":
			renderDOT(t, b)
		}
	}
	checkNeo4j(t, exportFiles(t, s, "neo4j", none), true)
}

// TestExportCommunities checks that the DOT clusters by community are the
// communities chronograph communities finds.
func TestExportCommunities(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, hostileFixture())
	d, err := s.exportData("dot", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Communities(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var want, got [][]string
	for _, c := range p.Communities {
		var ids []string
		for _, m := range c.Members {
			ids = append(ids, m.Actor.ID)
		}
		want = append(want, slices.Sorted(slices.Values(ids)))
	}
	byLabel := map[string][]string{}
	for id, label := range communityGroups(d) {
		byLabel[label] = append(byLabel[label], id)
	}
	for _, ids := range byLabel {
		got = append(got, slices.Sorted(slices.Values(ids)))
	}
	less := func(a, b []string) int { return strings.Compare(a[0], b[0]) }
	slices.SortFunc(want, less)
	slices.SortFunc(got, less)
	if len(want) == 0 {
		t.Fatal("the fixture has no communities")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DOT communities mismatch (-Communities +DOT):\n%s", diff)
	}
}

// TestNeo4jFormulaInjection checks that a name a spreadsheet would run as a
// formula is neutralised in the Neo4j CSV files.
func TestNeo4jFormulaInjection(t *testing.T) {
	for _, in := range []string{"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"} {
		if got := field(in); !strings.HasPrefix(got, "'") {
			t.Errorf("field(%q) = %q, want a leading apostrophe", in, got)
		}
	}
	if got := field("Sergei Lavrov"); got != "Sergei Lavrov" {
		t.Errorf("field(%q) = %q, want it unchanged", "Sergei Lavrov", got)
	}
}
