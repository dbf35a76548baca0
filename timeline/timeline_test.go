package timeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "update golden files")

var _ Source = (*graph.Store)(nil)

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

var actors = map[string]extract.Actor{
	"sergei-lavrov": {ID: "sergei-lavrov", Name: "Sergei Lavrov", Kind: extract.KindPerson},
	"john-kerry":    {ID: "john-kerry", Name: "John Kerry", Kind: extract.KindPerson},
	"russia":        {ID: "russia", Name: "Russia", Kind: extract.KindCountry},
	"united-states": {ID: "united-states", Name: "United States", Kind: extract.KindCountry},
	"syria":         {ID: "syria", Name: "Syria", Kind: extract.KindCountry},
}

func mention(doc, text string) extract.Mention {
	return extract.Mention{Doc: doc, Published: "2016-09-10", Text: text}
}

func events() []extract.Event {
	long := strings.Repeat("The ministers talked about the ceasefire and the aid convoys again. ", 5)
	return []extract.Event{
		{ID: "e-said", Type: "statement", Source: []string{"sergei-lavrov"},
			Mentions: []extract.Mention{mention("doc-1", "Lavrov said the talks were useful.")}},
		{ID: "e-meet", Type: "meet", Source: []string{"sergei-lavrov", "john-kerry"}, Date: "2016-09-09",
			Mentions: []extract.Mention{mention("doc-1", "Lavrov and Kerry met in Geneva on Friday."), mention("doc-2", "They met.")}},
		{ID: "e-accuse", Type: "accuse", Source: []string{"russia"}, Target: []string{"united-states"}, Date: "2016-09-09",
			Mentions: []extract.Mention{mention("doc-1", "Moscow accused\nWashington of hypocrisy.")}},
		{ID: "e-nomeet", Type: "meet", Source: []string{"sergei-lavrov"}, Target: []string{"john-kerry"}, Date: "2016-09-05", Negated: true,
			Mentions: []extract.Mention{mention("doc-1", "Lavrov did not meet Kerry on Monday.")}},
		{ID: "e-mediate", Type: "mediate", Source: []string{"russia"}, Target: []string{"syria", "syrian-opposition"}, Date: "2016-10",
			Mentions: []extract.Mention{mention("doc-2", long)}},
		{ID: "e-past", Type: "visit", Source: []string{"john-kerry"}, Target: []string{"syria"}, Date: "PAST_REF"},
	}
}

func TestBuild(t *testing.T) {
	tl := Build(events(), actors)
	type entry struct {
		Date   string
		Score  float64
		Events []string
	}
	var got []entry
	for _, en := range tl.Entries {
		var ids []string
		for _, e := range en.Events {
			ids = append(ids, e.ID)
		}
		got = append(got, entry{en.Date, en.Score, ids})
	}
	want := []entry{
		{"2016-09-05", 2, []string{"e-nomeet"}},
		{"2016-09-09", 4, []string{"e-accuse", "e-meet"}},
		{"2016-10", 2, []string{"e-mediate"}},
		{"", 3, []string{"e-past", "e-said"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Build() mismatch (-want +got):\n%s", diff)
	}
	if s := tl.Entries[1].Summary; s != "Lavrov and Kerry met in Geneva on Friday." {
		t.Errorf("summary of 2016-09-09 = %q, want the meeting reported twice", s)
	}
	if s := tl.Entries[2].Summary; len([]rune(s)) > summaryLen || !strings.HasSuffix(s, "…") {
		t.Errorf("summary of 2016-10 = %q, want at most %d runes ending in …", s, summaryLen)
	}
	if s := tl.Entries[3].Summary; s != "Lavrov said the talks were useful." {
		t.Errorf("summary of undated = %q", s)
	}
	if got := Build(nil, nil); len(got.Entries) != 0 || got.Actors == nil {
		t.Errorf("Build(nil, nil) = %+v, want no entries and an empty actor map", got)
	}
}

func write(t *testing.T, tl Timeline, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, tl, format); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWrite(t *testing.T) {
	tl := Build(events(), actors)
	for _, format := range WriteFormats {
		t.Run(format, func(t *testing.T) {
			golden(t, write(t, tl, format))
		})
	}
	if err := Write(&bytes.Buffer{}, tl, "xml"); err == nil || !strings.Contains(err.Error(), `unknown format "xml"`) {
		t.Errorf("Write(xml) error = %v, want unknown format", err)
	}
	if err := WriteWith(&bytes.Buffer{}, tl, "timelinejs", WriteOptions{Group: "colour"}); err == nil {
		t.Error("WriteWith(group colour) succeeded, want an error")
	}
}

// TestWriteJSON checks the shape FORMAT.md asks for.
func TestWriteJSON(t *testing.T) {
	var out struct {
		Entries []struct {
			Date    string            `json:"date"`
			Score   float64           `json:"score"`
			Summary string            `json:"summary"`
			Events  []json.RawMessage `json:"events"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(write(t, Build(events(), actors), "json"), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Entries) != 4 || out.Entries[1].Date != "2016-09-09" || out.Entries[1].Score != 4 || len(out.Entries[1].Events) != 2 {
		t.Errorf("json entries = %+v", out.Entries)
	}
	var ev map[string]any
	if err := json.Unmarshal(out.Entries[1].Events[1], &ev); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "type", "source", "target", "date", "sentence", "document"} {
		if _, ok := ev[k]; !ok {
			t.Errorf("json event has no %q: %v", k, ev)
		}
	}
	if got := write(t, Build(nil, nil), "json"); string(got) != "{\"entries\":[]}\n" {
		t.Errorf("empty timeline as json = %q", got)
	}
}

// hostile is an actor whose name tries to break out of table lines, DOT
// strings and JSON.
var hostile = extract.Actor{ID: "evil", Name: "\"]; rankdir=TB; x [label=\"\n<script>alert(1)</script>\\\tz\r\n\x00"}

func hostileTimeline() Timeline {
	m := map[string]extract.Actor{"evil": hostile}
	for k, v := range actors {
		m[k] = v
	}
	evs := append(events(), extract.Event{ID: "e-\"evil\"\n", Type: "accuse\"", Source: []string{"evil"}, Target: []string{"john-kerry"}, Date: "2016-09-06",
		Mentions: []extract.Mention{mention("doc-\"3", "Evil said \"hi\"\\\nthen <b>left</b>\x1b[31m.")}})
	return Build(evs, m)
}

func TestWriteHostile(t *testing.T) {
	tl := hostileTimeline()
	for _, format := range WriteFormats {
		t.Run(format, func(t *testing.T) {
			out := write(t, tl, format)
			golden(t, out)
			switch format {
			case "table":
				if n := strings.Count(string(out), "\n"); n != 8 {
					t.Errorf("table has %d lines, want 8 (a name broke a line)", n)
				}
				if bytes.ContainsAny(out, "\r\t\x00\x1b") {
					t.Errorf("table contains control characters: %q", out)
				}
			case "json":
				var v struct {
					Entries []struct {
						Events []struct{ ID, Sentence string }
					}
				}
				if err := json.Unmarshal(out, &v); err != nil {
					t.Fatal(err)
				}
				if got := v.Entries[1].Events[0]; got.ID != "e-\"evil\"\n" {
					t.Errorf("json event id = %q", got.ID)
				}
			case "dot":
				if svg := renderDOT(t, out); svg != nil && bytes.Contains(svg, []byte("<script")) {
					t.Error("rendered SVG contains a <script> element")
				}
			case "svg":
				if els := checkXML(t, out); els["script"] > 0 || els["b"] > 0 {
					t.Errorf("svg has injected elements: %v", els)
				}
			case "timelinejs":
				if bytes.Contains(out, []byte("<script")) || bytes.Contains(out, []byte("<b>")) {
					t.Error("timelinejs holds unescaped HTML")
				}
			case "html":
				els, texts := parseHTML(t, out)
				if els["script"] != 1 || els["b"] > 0 {
					t.Errorf("html has injected elements: %v", els)
				}
				if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, "<script>alert(1)</script>") }) {
					t.Error("html does not show the hostile name as text")
				}
			}
		})
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

func TestWriteDOTRenders(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("dot (Debian package graphviz) not on PATH")
	}
	svg := renderDOT(t, write(t, Build(events(), actors), "dot"))
	// 1 axis start, 6 lane names, 4 date columns and 12 cells: an event is
	// in the lane of each of its actors.
	if n := bytes.Count(svg, []byte(`class="node"`)); n != 23 {
		t.Errorf("rendered SVG has %d nodes, want 23", n)
	}
}

type fakeSource struct {
	evs []extract.Event
	err error
}

func (f fakeSource) Events(graph.Filter) ([]extract.Event, error) { return f.evs, f.err }
func (f fakeSource) Actors() ([]extract.Actor, error) {
	var as []extract.Actor
	for _, a := range actors {
		as = append(as, a)
	}
	return as, nil
}

func TestLoad(t *testing.T) {
	tl, err := Load(fakeSource{evs: events()}, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Build(events(), actors), tl); diff != "" {
		t.Errorf("Load() mismatch (-want +got):\n%s", diff)
	}
	boom := errors.New("boom")
	if _, err := Load(fakeSource{err: boom}, graph.Filter{}); !errors.Is(err, boom) {
		t.Errorf("Load() error = %v, want boom", err)
	}
}

// TestLoadStore builds a timeline from a real store.
func TestLoadStore(t *testing.T) {
	s, err := graph.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := &extract.Analysis{Doc: extract.Document{ID: "doc-1", Published: "2016-09-10"}, Events: events()}
	for _, id := range []string{"sergei-lavrov", "john-kerry", "russia", "united-states", "syria"} {
		a.Actors = append(a.Actors, actors[id])
	}
	if _, err := s.Ingest(t.Context(), []*extract.Analysis{a}); err != nil {
		t.Fatal(err)
	}
	tl, err := Load(s, graph.Filter{From: "2016-09", To: "2016-09"})
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, en := range tl.Entries {
		dates = append(dates, en.Date)
	}
	if diff := cmp.Diff([]string{"2016-09-09"}, dates); diff != "" {
		t.Errorf("Load(store, September) dates mismatch (-want +got):\n%s", diff)
	}
}
