package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// goldDoc is one document of a TIMEX3 gold set (../shared/eval/FORMAT.md).
type goldDoc struct {
	ID        string      `json:"id"`
	Published string      `json:"published"`
	Text      string      `json:"text"`
	Timexes   []goldTimex `json:"timexes"`
}

type goldTimex struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Rule  string `json:"rule,omitempty"`
}

func readGold(t testing.TB, path string) []goldDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("gold set not available: %v", err)
	}
	defer f.Close()
	var docs []goldDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var d goldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// tagGold runs TagTimes over a gold document and returns the timexes with
// code-point offsets, as the scorer reads them. When scope > 0, only the
// first scope sentences are tagged: the part of the text the gold covers.
func tagGold(d goldDoc, scope int) []goldTimex {
	sents := Sentences(d.Text, Span{0, len(d.Text)})
	if scope > 0 && len(sents) > scope {
		sents = sents[:scope]
	}
	xs := TagTimes(d.Text, sents, d.Published)
	out := make([]goldTimex, 0, len(xs))
	for _, x := range xs {
		s := utf8.RuneCountInString(d.Text[:x.Span.Start])
		e := s + utf8.RuneCountInString(d.Text[x.Span.Start:x.Span.End])
		out = append(out, goldTimex{Text: x.Text, Start: s, End: e, Type: x.Type, Value: x.Value, Rule: x.Rule})
	}
	return out
}

type prf struct{ tp, pred, gold int }

func (c prf) f1() float64 {
	if c.pred == 0 || c.gold == 0 || c.tp == 0 {
		return 0
	}
	p, r := float64(c.tp)/float64(c.pred), float64(c.tp)/float64(c.gold)
	return 2 * p * r / (p + r)
}

// scoreTimexes scores as ../shared/eval/score.py does: greedy one-to-one
// matching, strict (same span) and value (overlapping span, same value).
func scoreTimexes(gold, pred []goldTimex) (strict, value prf) {
	match := func(ok func(g, p goldTimex) bool) prf {
		used := make([]bool, len(pred))
		c := prf{pred: len(pred), gold: len(gold)}
		for _, g := range gold {
			for i, p := range pred {
				if !used[i] && ok(g, p) {
					used[i] = true
					c.tp++
					break
				}
			}
		}
		return c
	}
	strict = match(func(g, p goldTimex) bool { return g.Start == p.Start && g.End == p.End })
	value = match(func(g, p goldTimex) bool { return g.Start < p.End && p.Start < g.End && g.Value == p.Value })
	return strict, value
}

// TestTimexGold checks the tagger against the shared TIMEX3 gold sets, when
// they are there. With TIMEX_OUT=dir it also writes each set's output as
// JSON Lines for ../shared/eval/score.py.
func TestTimexGold(t *testing.T) {
	sets := []struct {
		file          string
		strict, value float64
		// scope is how many leading sentences the gold annotates (0: all).
		// MEANTIME annotates only the title, the dateline and the first
		// sentences of each article; time expressions further on are not
		// in its gold, so tagging them would count as false hits.
		scope int
	}{
		{"tempeval3-train.jsonl", 0.85, 0.82, 0},
		{"meantime.jsonl", 0.85, 0.82, 6},
		{"seed.jsonl", 1, 1, 0},
	}
	for _, set := range sets {
		t.Run(set.file, func(t *testing.T) {
			docs := readGold(t, filepath.Join("..", "..", "shared", "eval", "dev", set.file))
			var strict, value prf
			var w *bufio.Writer
			if dir := os.Getenv("TIMEX_OUT"); dir != "" {
				f, err := os.Create(filepath.Join(dir, set.file))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				w = bufio.NewWriter(f)
				defer w.Flush()
			}
			for _, d := range docs {
				pred := tagGold(d, set.scope)
				s, v := scoreTimexes(d.Timexes, pred)
				strict.tp, strict.pred, strict.gold = strict.tp+s.tp, strict.pred+s.pred, strict.gold+s.gold
				value.tp, value.pred, value.gold = value.tp+v.tp, value.pred+v.pred, value.gold+v.gold
				if w != nil {
					b, _ := json.Marshal(map[string]any{"id": d.ID, "timexes": pred})
					w.Write(append(b, '\n'))
				}
			}
			t.Logf("%s: strict F1 %.3f, value F1 %.3f", set.file, strict.f1(), value.f1())
			if strict.f1() < set.strict-1e-9 {
				t.Errorf("%s: timex strict F1 = %.3f, want >= %.2f", set.file, strict.f1(), set.strict)
			}
			if value.f1() < set.value-1e-9 {
				t.Errorf("%s: timex value F1 = %.3f, want >= %.2f", set.file, value.f1(), set.value)
			}
		})
	}
}
