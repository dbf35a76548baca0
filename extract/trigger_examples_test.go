package extract

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chronograph/chronograph/extract/lexicon"
)

const triggerExamplesFile = "testdata/trigger_examples.tsv"

// A triggerExample is one line of testdata/trigger_examples.tsv: a sentence
// that the trigger pattern rule must find as an event of type want.
type triggerExample struct {
	line      int
	rule      string
	published string
	sentence  string
	// want is "type source>target" with comma-separated actor ids, or "-"
	// when rule may find no event of its own type in the sentence.
	want      string
	knownFail string // reason from a "# KNOWN-FAIL: why" line right above
}

func (e triggerExample) name() string {
	return fmt.Sprintf("%s:%d", triggerExamplesFile, e.line)
}

func readTriggerExamples(t *testing.T) []triggerExample {
	t.Helper()
	f, err := os.Open(triggerExamplesFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		exs       []triggerExample
		knownFail string
		header    bool
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
			knownFail = ""
			continue
		case strings.HasPrefix(line, "#"):
			if why, ok := strings.CutPrefix(line, "# KNOWN-FAIL:"); ok {
				knownFail = strings.TrimSpace(why)
			}
			continue
		case !header:
			header = true
			if line != "rule\tpublished\tsentence\twant" {
				t.Fatalf("%s:%d: header %q, want rule, published, sentence, want", triggerExamplesFile, n, line)
			}
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 4 {
			t.Fatalf("%s:%d: %d columns, want 4", triggerExamplesFile, n, len(c))
		}
		exs = append(exs, triggerExample{line: n, rule: c[0], published: c[1], sentence: c[2], want: c[3], knownFail: knownFail})
		knownFail = ""
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return exs
}

// baseRule is the trigger id of a mention's rule: "agree.agreed>pledge" was
// found by agree.agreed and re-typed.
func baseRule(rule string) string {
	id, _, _ := strings.Cut(rule, ">")
	return id
}

func hasRule(ev Event, rule string) bool {
	for _, m := range ev.Mentions {
		if m.Rule == rule || baseRule(m.Rule) == rule {
			return true
		}
	}
	return false
}

// parseWant splits "type a,b>c" into its type and sorted actor ids.
func parseWant(want string) (typ string, source, target []string, err error) {
	typ, args, ok := strings.Cut(want, " ")
	if !ok {
		return "", nil, nil, fmt.Errorf("want %q: no actors, want \"type source>target\"", want)
	}
	src, tgt, ok := strings.Cut(args, ">")
	if !ok {
		return "", nil, nil, fmt.Errorf("want %q: no \">\" between source and target", want)
	}
	return typ, splitIDs(src), splitIDs(tgt), nil
}

func splitIDs(s string) []string {
	var ids []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func sortedIDs(ids []string) []string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

func describeEvents(evs []Event) string {
	if len(evs) == 0 {
		return "  (no events)"
	}
	var b strings.Builder
	for _, ev := range evs {
		var rules []string
		for _, m := range ev.Mentions {
			rules = append(rules, m.Rule)
		}
		fmt.Fprintf(&b, "  %s %s>%s rule %s negated=%v\n", ev.Type,
			strings.Join(ev.Source, ","), strings.Join(ev.Target, ","), strings.Join(rules, ","), ev.Negated)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestTriggerExamples runs the extractor on one example sentence per line of
// testdata/trigger_examples.tsv and checks that the line's trigger pattern
// finds the wanted event, or, for want "-", no event of the rule's type.
// A line marked "# KNOWN-FAIL: why" is skipped while it fails and is an
// error once it passes, so that the mark goes when the extractor is fixed.
func TestTriggerExamples(t *testing.T) {
	lex, err := lexicon.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, tr := range lex.Triggers {
		types[tr.ID] = tr.Type
	}
	exs := readTriggerExamples(t)
	if len(exs) == 0 {
		t.Fatalf("%s: no examples", triggerExamplesFile)
	}
	for _, ex := range exs {
		t.Run(fmt.Sprintf("line%d_%s", ex.line, ex.rule), func(t *testing.T) {
			typ, ok := types[ex.rule]
			if !ok {
				t.Fatalf("%s: rule %s is not a trigger of the built-in lexicon", ex.name(), ex.rule)
			}
			err := checkTriggerExample(ex, typ)
			switch {
			case ex.knownFail != "" && err != nil:
				t.Skipf("%s: KNOWN-FAIL: %s\n%v", ex.name(), ex.knownFail, err)
			case ex.knownFail != "":
				t.Errorf("%s: rule %s passes now: remove its KNOWN-FAIL mark", ex.name(), ex.rule)
			case err != nil:
				t.Error(err)
			}
		})
	}
}

// checkTriggerExample runs the extractor on ex.sentence and reports how the
// events of ex.rule differ from ex.want; ruleType is the rule's event type.
func checkTriggerExample(ex triggerExample, ruleType string) error {
	var x Extractor
	a := x.Extract(Document{ID: "case", Published: ex.published, Text: ex.sentence})
	var found []Event
	for _, ev := range a.Events {
		if hasRule(ev, ex.rule) {
			found = append(found, ev)
		}
	}
	if ex.want == "-" {
		// an event re-typed by the engine ("meet.verb>refused") is no
		// event of the rule's own type
		found = slices.DeleteFunc(found, func(ev Event) bool { return ev.Type != ruleType })
		if len(found) > 0 {
			return fmt.Errorf("%s: rule %s: want no %s event, got:\n%s", ex.name(), ex.rule, ruleType, describeEvents(found))
		}
		return nil
	}
	typ, source, target, err := parseWant(ex.want)
	if err != nil {
		return fmt.Errorf("%s: %v", ex.name(), err)
	}
	for _, ev := range found {
		if ev.Type == typ && !ev.Negated &&
			slices.Equal(sortedIDs(ev.Source), source) && slices.Equal(sortedIDs(ev.Target), target) {
			return nil
		}
	}
	return fmt.Errorf("%s: rule %s: want %s, got:\n%s", ex.name(), ex.rule, ex.want, describeEvents(a.Events))
}

// TestTriggerCoverage checks that every trigger pattern of the built-in
// lexicon has an example in testdata/trigger_examples.tsv.
func TestTriggerCoverage(t *testing.T) {
	lex, err := lexicon.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, ex := range readTriggerExamples(t) {
		if ex.want != "-" {
			covered[ex.rule] = true
		}
	}
	for _, tr := range lex.Triggers {
		if !covered[tr.ID] {
			t.Errorf("trigger %s (triggers.tsv:%d) has no positive example in %s", tr.ID, tr.Line, triggerExamplesFile)
		}
	}
	known := map[string]bool{}
	for _, tr := range lex.Triggers {
		known[tr.ID] = true
	}
	for _, ex := range readTriggerExamples(t) {
		if !known[ex.rule] {
			t.Errorf("%s: rule %s is not a trigger of the built-in lexicon", ex.name(), ex.rule)
		}
	}
}
