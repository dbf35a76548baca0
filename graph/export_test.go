package graph

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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

func export(t *testing.T, s *Store, format string, f Filter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(&buf, format, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExport(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	for _, format := range []string{"dot", "json", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			golden(t, export(t, s, format, Filter{}))
		})
	}
	t.Run("jsonl_negated", func(t *testing.T) {
		golden(t, export(t, s, "jsonl", Filter{IncludeNegated: true, From: "2016-09-05", To: "2016-09-05"}))
	})
	if err := s.Export(&bytes.Buffer{}, "gexf", Filter{}); err == nil || !strings.Contains(err.Error(), `unknown format "gexf"`) {
		t.Errorf("Export(gexf) error = %v, want unknown format", err)
	}
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
	for _, col := range []string{"id", "date", "type", "cameo", "plover", "source", "target", "source_ids", "target_ids",
		"source_codes", "target_codes", "negated", "outcome", "location", "documents", "sources", "published", "sentence", "rule"} {
		if _, ok := row[col]; !ok {
			t.Errorf("jsonl row has no %q column: %s", col, lines[0])
		}
	}
}

// hostile is an actor whose name tries to break out of DOT and JSON strings
// and into HTML.
var hostile = extract.Actor{
	ID:   `evil"id\`,
	Name: "\"]; rankdir=LR; x [label=\"\n<script>alert('x')</script>\\\r\nline\x01 two \xff",
	Kind: extract.KindPerson,
	Code: `"; DROP`,
}

func hostileFixture() []*extract.Analysis {
	as := fixture()
	as[0].Actors = append(as[0].Actors, hostile)
	as[0].Events = append(as[0].Events, extract.Event{
		ID: "e-hostile", Type: "meet", Source: []string{hostile.ID}, Target: []string{"john-kerry"}, Date: "2016-09-07",
		Mentions: []extract.Mention{{Text: "A \"quoted\" sentence\nwith <b>markup</b>."}},
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
	svg := renderDOT(t, dot)
	if svg != nil {
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
	found := false
	for _, n := range nl.Nodes {
		if n.ID == hostile.ID {
			found = true
			if want := strings.ToValidUTF8(hostile.Name, "\uFFFD"); n.Name != want {
				t.Errorf("JSON node name = %q, want %q", n.Name, want)
			}
		}
	}
	if !found {
		t.Errorf("JSON has no node %q", hostile.ID)
	}
	jl := export(t, s, "jsonl", Filter{})
	if bytes.Contains(jl, []byte("<script")) || bytes.Contains(jl, []byte("<b>")) {
		t.Error("jsonl export contains raw HTML")
	}
}

// renderDOT runs dot -Tsvg on src and returns the SVG, or nil when dot is not
// installed.
func renderDOT(t *testing.T, src []byte) []byte {
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
		t.Skip("dot not on PATH")
	}
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	svg := renderDOT(t, export(t, s, "dot", Filter{}))
	if !bytes.Contains(svg, []byte("Sergei Lavrov")) || !bytes.Contains(svg, []byte("meet 2016&#45;09&#45;09 ×1")) {
		t.Errorf("rendered SVG lacks a label:\n%s", svg)
	}
}

// TestExportNetworkx loads the JSON export with networkx when python3 has it.
func TestExportNetworkx(t *testing.T) {
	var py string
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import networkx").Run() == nil {
			py = path
			break
		}
	}
	if py == "" {
		t.Skip("python3 with networkx not available")
	}
	s := mustOpen(t)
	mustIngest(t, s, hostileFixture())
	file := filepath.Join(t.TempDir(), "g.json")
	if err := os.WriteFile(file, export(t, s, "json", Filter{}), 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `
import json, sys, networkx as nx
data = json.load(open(sys.argv[1]))
try:
    g = nx.node_link_graph(data, edges="links")
except TypeError:
    g = nx.node_link_graph(data, link="links")
assert g.is_directed() and g.is_multigraph()
d = g.get_edge_data("russia", "syria")
print(g.number_of_nodes(), g.number_of_edges(), d["mediate"]["count"], g.nodes["sergei-lavrov"]["name"])
`
	out, err := exec.CommandContext(t.Context(), py, "-c", script, file).CombinedOutput()
	if err != nil {
		t.Fatalf("networkx: %v\n%s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), "8 8 1 Sergei Lavrov"; got != want {
		t.Errorf("networkx read %q, want %q", got, want)
	}
}
