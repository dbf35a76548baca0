package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "update golden files")

// caseEvent is the readable form of an event in the txtar cases.
type caseEvent struct {
	Type     string   `json:"type"`
	Source   []string `json:"source"`
	Target   []string `json:"target,omitempty"`
	Date     string   `json:"date,omitempty"`
	DateEnd  string   `json:"date_end,omitempty"`
	Negated  bool     `json:"negated,omitempty"`
	Outcome  string   `json:"outcome,omitempty"`
	Location string   `json:"location,omitempty"`
	Rule     string   `json:"rule"`
}

func readable(a *Analysis) []caseEvent {
	name := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if ac := a.Actor(id); ac != nil {
				out = append(out, ac.Name+" ("+ac.Code+")")
			} else {
				out = append(out, id)
			}
		}
		return out
	}
	out := []caseEvent{}
	for _, e := range a.Events {
		ce := caseEvent{Type: e.Type, Source: name(e.Source), Target: name(e.Target), Date: e.Date, DateEnd: e.DateEnd,
			Negated: e.Negated, Outcome: e.Outcome, Rule: e.Mentions[0].Rule}
		if e.Location != "" {
			ce.Location = name([]string{e.Location})[0]
		}
		out = append(out, ce)
	}
	return out
}

// TestCases runs the extractor cases in testdata/cases: each txtar file has
// an article in input.txt (its first line may be "published: YYYY-MM-DD")
// and the expected events in want.json. With -update, want.json is rewritten.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var input, want []byte
			wantAt := -1
			for i, fl := range ar.Files {
				switch fl.Name {
				case "input.txt":
					input = fl.Data
				case "want.json":
					want, wantAt = fl.Data, i
				}
			}
			text := string(input)
			pub := ""
			if strings.HasPrefix(text, "published: ") {
				nl := strings.IndexByte(text, '\n')
				pub, text = strings.TrimSpace(text[len("published: "):nl]), text[nl+1:]
			}
			var x Extractor
			got := readable(x.Extract(Document{ID: "case", Published: pub, Text: text}))
			gotJSON, _ := json.MarshalIndent(got, "", "  ")
			gotJSON = append(gotJSON, '\n')
			if *update {
				if wantAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want.json"})
					wantAt = len(ar.Files) - 1
				}
				ar.Files[wantAt].Data = gotJSON
				if err := os.WriteFile(f, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			var w []caseEvent
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatalf("want.json: %v", err)
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("Extract() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func readSeed(t *testing.T) Document {
	t.Helper()
	b, err := os.ReadFile("../testdata/seed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var d struct{ ID, Published, Title, Text string }
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return Document{ID: d.ID, Published: d.Published, Title: d.Title, Text: d.Text}
}

// TestSeedGolden compares the analysis of the seed article with
// testdata/seed.golden.jsonl.
func TestSeedGolden(t *testing.T) {
	var x Extractor
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, x.Extract(readSeed(t))); err != nil {
		t.Fatal(err)
	}
	golden := "testdata/seed.golden.jsonl"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("seed analysis mismatch (-want +got):\n%s", diff)
	}
}

// TestSeedPlainText checks that the seed as hard-wrapped plain text with a
// given publication date gives the same events as the JSON document.
func TestSeedPlainText(t *testing.T) {
	doc := readSeed(t)
	b, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	var x Extractor
	want := readable(x.Extract(doc))
	got := readable(x.Extract(Document{Published: "2016-09-05", Text: string(b)}))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plain-text seed mismatch (-json +txt):\n%s", diff)
	}
}

// devScore runs ../shared/eval/score.py on a development set and returns
// its figures. It skips when ../shared or python3 is absent.
func devScore(t *testing.T, set string, extra ...string) map[string]any {
	t.Helper()
	gold := filepath.Join("..", "..", "shared", "eval", "dev", set)
	if _, err := os.Stat(gold); err != nil {
		t.Skipf("%s not present: %v", gold, err)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	in, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var x Extractor
	for _, line := range bytes.Split(in, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		// the extractor reads only id, published, title and text
		var d struct{ ID, Published, Title, Text string }
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSONL(&out, x.Extract(Document{ID: d.ID, Published: d.Published, Title: d.Title, Text: d.Text})); err != nil {
			t.Fatal(err)
		}
	}
	outFile := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(outFile, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{filepath.Join("..", "..", "shared", "eval", "score.py"), gold, outFile, "--json"}, extra...)
	res, err := exec.Command(py, args...).Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(res, &m); err != nil {
		t.Fatalf("score.py output: %v", err)
	}
	return m
}

func f1(m map[string]any, key string) float64 {
	v, _ := m[key].(map[string]any)
	f, _ := v["f1"].(float64)
	return f
}

// TestSeedScore scores the seed with the project's scorer.
func TestSeedScore(t *testing.T) {
	m := devScore(t, "seed.jsonl")
	t.Logf("seed: %v", m)
	if got := f1(m, "event_dated"); got < 0.8 {
		t.Errorf("seed event_dated F1 = %.3f, want >= 0.8", got)
	}
	if got := f1(m, "timex_value"); got < 1.0 {
		t.Errorf("seed timex_value F1 = %.3f, want 1.0", got)
	}
	if got, _ := m["events_outside_body"].(float64); got != 0 {
		t.Errorf("seed events_outside_body = %v, want 0", got)
	}
}

func TestDatelineDate(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Boeing wins contract\nMarch 01, 2008\nBoeing has won a contract.", "2008-03-01"},
		{"MOSCOW, September 5, 2016 (Reuters) - Russia and the United States met.", "2016-09-05"},
		{"GENEVA, 9 September 2016 - Kerry and Lavrov met.", "2016-09-09"},
		{"Kerry met Lavrov on September 9, 2016 in Geneva.", ""}, // a date in a sentence is no dateline
		{"MOSCOW, Sept. 5 (Reuters) - no year, no date", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := datelineDate(tt.text); got != tt.want {
			t.Errorf("datelineDate(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	var x Extractor
	a := x.Extract(Document{Text: tests[0].text})
	if a.Doc.Published != "2008-03-01" || a.Doc.PublishedFrom != "dateline" {
		t.Errorf("Extract: published %q from %q, want 2008-03-01 from dateline", a.Doc.Published, a.Doc.PublishedFrom)
	}
}

// TestUserLexiconWins checks that a user lexicon entry wins over a built-in
// one with the same alias.
func TestUserLexiconWins(t *testing.T) {
	dir := t.TempDir()
	orgs := filepath.Join(dir, "newsroom-organisations.tsv")
	if err := os.WriteFile(orgs, []byte("id\tname\tkind\tcode\taliases\nunion-nationale\tUnion Nationale\torganisation\tFRAPTY\tUN\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	x := Extractor{LexiconFiles: []string{orgs}}
	if err := x.Init(); err != nil {
		t.Fatal(err)
	}
	a := x.Extract(Document{Published: "2016-09-05", Text: "The UN praised France on Monday."})
	if a.Actor("union-nationale") == nil || a.Actor("united-nations") != nil {
		t.Errorf("actors = %+v, want the user's union-nationale for UN", a.Actors)
	}
	var plain Extractor
	if a := plain.Extract(Document{Published: "2016-09-05", Text: "The UN praised France on Monday."}); a.Actor("united-nations") == nil {
		t.Errorf("built-in extractor: actors = %+v, want united-nations", a.Actors)
	}
}
