package timeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/chronograph/chronograph/graph"
)

// snippetLen is the length in runes of the sentence column of the table.
const snippetLen = 80

// Write writes t to w in one of these formats:
//
//   - "table": one line per event, in columns DATE, TYPE, SOURCE → TARGET
//     and the start of the sentence that reports it.
//   - "json": {"entries": [{"date", "score", "summary", "events"}]}, the
//     timeline format of ../shared/eval/FORMAT.md; each event is an object
//     with id, type, source and target (actor ids), date, sentence and
//     document (the first report).
//   - "dot": a Graphviz digraph laid out left to right: a chain of date
//     nodes in date order, each with its events as boxes below it.
func Write(w io.Writer, t Timeline, format string) error {
	if err := checkFormat(format); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "table":
		err = writeTable(bw, t)
	case "json":
		err = writeJSON(bw, t)
	case "dot":
		writeDOT(bw, t)
	}
	if err != nil {
		return fmt.Errorf("timeline: write %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("timeline: write %s: %w", format, err)
	}
	return nil
}

func dateLabel(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

func writeTable(w io.Writer, t Timeline) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tTYPE\tSOURCE → TARGET\tSENTENCE")
	for _, en := range t.Entries {
		for _, e := range en.Events {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", dateLabel(clean(en.Date)), clean(typeLabel(e)),
				describe(e, t.Actors), cut(sentence(e), snippetLen))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Drop the spaces tabwriter pads an empty last column with.
	for line := range bytes.Lines(buf.Bytes()) {
		if _, err := w.Write(append(bytes.TrimRight(line, " \n"), '\n')); err != nil {
			return err
		}
	}
	return nil
}

type jsonEvent struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Source   []string `json:"source"`
	Target   []string `json:"target"`
	Date     string   `json:"date"`
	Negated  bool     `json:"negated,omitempty"`
	Sentence string   `json:"sentence"`
	Document string   `json:"document"`
}

type jsonEntry struct {
	Date    string      `json:"date"`
	Score   float64     `json:"score"`
	Summary string      `json:"summary"`
	Events  []jsonEvent `json:"events"`
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func writeJSON(w io.Writer, t Timeline) error {
	out := struct {
		Entries []jsonEntry `json:"entries"`
	}{Entries: []jsonEntry{}}
	for _, en := range t.Entries {
		je := jsonEntry{Date: en.Date, Score: en.Score, Summary: en.Summary, Events: []jsonEvent{}}
		for _, e := range en.Events {
			ev := jsonEvent{ID: e.ID, Type: e.Type, Source: nonNil(e.Source), Target: nonNil(e.Target),
				Date: e.Date, Negated: e.Negated, Sentence: sentence(e)}
			if len(e.Mentions) > 0 {
				ev.Document = e.Mentions[0].Doc
			}
			je.Events = append(je.Events, ev)
		}
		out.Entries = append(out.Entries, je)
	}
	return json.NewEncoder(w).Encode(out)
}

func writeDOT(w *bufio.Writer, t Timeline) {
	w.WriteString("digraph timeline {\n")
	w.WriteString("\trankdir=LR;\n\tnode [fontsize=10];\n")
	for i, en := range t.Entries {
		fmt.Fprintf(w, "\td%d [label=%s, shape=plaintext];\n", i, graph.DOTQuote(dateLabel(en.Date)))
		if i > 0 {
			fmt.Fprintf(w, "\td%d -> d%d [weight=100];\n", i-1, i)
		}
		same := fmt.Sprintf("d%d", i)
		prev := same // events hang in a column below their date
		for j, e := range en.Events {
			id := fmt.Sprintf("e%d_%d", i, j)
			label := typeLabel(e) + "\n" + describe(e, t.Actors)
			fmt.Fprintf(w, "\t%s [label=%s, shape=box, tooltip=%s];\n", id, graph.DOTQuote(label), graph.DOTQuote(cut(sentence(e), summaryLen)))
			fmt.Fprintf(w, "\t%s -> %s [arrowhead=none];\n", prev, id)
			same += "; " + id
			prev = id
		}
		fmt.Fprintf(w, "\t{rank=same; %s;}\n", same)
	}
	w.WriteString("}\n")
}
