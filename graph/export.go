package graph

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/chronograph/chronograph/extract"
)

// Export writes the events f selects, or the relations derived from them, to
// w in one of these formats:
//
//   - "dot": a Graphviz digraph, one node per actor taking part in the
//     events and one edge per [Relation], labelled "type first..last ×count";
//     symmetric relations are drawn without arrowheads.
//   - "json": node-link JSON as networkx reads it with
//     node_link_graph(data, edges="links"): a directed multigraph whose
//     nodes are actors and whose links are relations, keyed by type.
//   - "jsonl": one JSON object per event and line, with flat columns for
//     pandas (names and codes joined with ";").
//
// The output is deterministic: the same store and filter give the same bytes.
func (s *Store) Export(w io.Writer, format string, f Filter) error {
	switch format {
	case "dot", "json":
		f.IncludeNegated = false
	case "jsonl":
	default:
		return fmt.Errorf("graph: export: unknown format %q (want dot, json or jsonl)", format)
	}
	evs, err := s.Events(f)
	if err != nil {
		return err
	}
	var ids []string
	for i := range evs {
		ids = append(ids, participants(&evs[i])...)
		if format == "jsonl" {
			ids = append(ids, evs[i].Location)
		}
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	switch format {
	case "dot":
		writeDOT(bw, nodes(evs, am), relations(evs))
	case "json":
		err = writeNodeLink(bw, nodes(evs, am), relations(evs))
	case "jsonl":
		err = writeJSONL(bw, evs, am)
	}
	if err != nil {
		return fmt.Errorf("graph: export %s: %v", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	return nil
}

// nodes returns the actors taking part in evs, sorted by id.
func nodes(evs []extract.Event, am map[string]extract.Actor) []extract.Actor {
	seen := map[string]bool{}
	var out []extract.Actor
	for i := range evs {
		for _, id := range participants(&evs[i]) {
			if !seen[id] {
				seen[id] = true
				out = append(out, am[id])
			}
		}
	}
	slices.SortFunc(out, func(a, b extract.Actor) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// shapes maps actor kinds to Graphviz node shapes.
var shapes = map[string]string{
	extract.KindPerson:       "ellipse",
	extract.KindCountry:      "box",
	extract.KindGovernment:   "box3d",
	extract.KindOrganisation: "hexagon",
	extract.KindArmedGroup:   "octagon",
	extract.KindMedia:        "note",
	extract.KindPlace:        "house",
}

func shape(kind string) string {
	if s, ok := shapes[kind]; ok {
		return s
	}
	return "ellipse"
}

// DOTQuote returns s as a Graphviz double-quoted string: backslashes and
// quotes escaped, line breaks as \n, other control characters as spaces and
// invalid UTF-8 replaced, so no input can end the string early.
func DOTQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7F:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// EdgeLabel returns the label of a relation: "type first..last ×count", with
// one date when first and last agree and none when the events are undated.
func EdgeLabel(r Relation) string {
	var b strings.Builder
	b.WriteString(r.Type)
	switch {
	case r.First == "" && r.Last == "":
	case r.First == r.Last:
		b.WriteString(" " + r.First)
	default:
		b.WriteString(" " + r.First + ".." + r.Last)
	}
	fmt.Fprintf(&b, " ×%d", r.Count)
	return b.String()
}

func symmetric(typ string) bool {
	t, _ := extract.LookupType(typ)
	return t.Symmetric
}

func writeDOT(w *bufio.Writer, ns []extract.Actor, rs []Relation) {
	w.WriteString("digraph chronograph {\n")
	w.WriteString("\tnode [fontsize=10];\n\tedge [fontsize=8];\n")
	for _, a := range ns {
		fmt.Fprintf(w, "\t%s [label=%s, shape=%s];\n", DOTQuote(a.ID), DOTQuote(a.Name), shape(a.Kind))
	}
	for _, r := range rs {
		fmt.Fprintf(w, "\t%s -> %s [label=%s", DOTQuote(r.Source), DOTQuote(r.Target), DOTQuote(EdgeLabel(r)))
		if symmetric(r.Type) {
			w.WriteString(", dir=none")
		}
		w.WriteString("];\n")
	}
	w.WriteString("}\n")
}

type nlNode struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Code string `json:"code"`
}

type nlLink struct {
	Source string   `json:"source"`
	Target string   `json:"target"`
	Key    string   `json:"key"`
	Type   string   `json:"type"`
	First  string   `json:"first"`
	Last   string   `json:"last"`
	Count  int      `json:"count"`
	Events []string `json:"events"`
}

type nodeLink struct {
	Directed   bool           `json:"directed"`
	Multigraph bool           `json:"multigraph"`
	Graph      map[string]any `json:"graph"`
	Nodes      []nlNode       `json:"nodes"`
	Links      []nlLink       `json:"links"`
}

func writeNodeLink(w io.Writer, ns []extract.Actor, rs []Relation) error {
	out := nodeLink{Directed: true, Multigraph: true, Graph: map[string]any{},
		Nodes: []nlNode{}, Links: []nlLink{}}
	for _, a := range ns {
		out.Nodes = append(out.Nodes, nlNode{a.ID, a.Name, a.Kind, a.Code})
	}
	for _, r := range rs {
		out.Links = append(out.Links, nlLink{r.Source, r.Target, r.Type, r.Type, r.First, r.Last, r.Count, r.Events})
	}
	return json.NewEncoder(w).Encode(out)
}

// An eventRow is one line of the "jsonl" export.
type eventRow struct {
	ID          string   `json:"id"`
	Date        string   `json:"date"`
	Type        string   `json:"type"`
	CAMEO       string   `json:"cameo"`
	PLOVER      string   `json:"plover"`
	Source      string   `json:"source"`
	Target      string   `json:"target"`
	SourceIDs   string   `json:"source_ids"`
	TargetIDs   string   `json:"target_ids"`
	SourceCodes string   `json:"source_codes"`
	TargetCodes string   `json:"target_codes"`
	Negated     bool     `json:"negated"`
	Outcome     string   `json:"outcome"`
	Modality    string   `json:"modality"`
	Location    string   `json:"location"`
	LocationID  string   `json:"location_id"`
	Confidence  float64  `json:"confidence"`
	Documents   []string `json:"documents"`
	Sources     int      `json:"sources"`
	Published   string   `json:"published"`
	Sentence    string   `json:"sentence"`
	Rule        string   `json:"rule"`
}

func join(ids []string, am map[string]extract.Actor, field func(extract.Actor) string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = field(am[id])
	}
	return strings.Join(parts, ";")
}

func writeJSONL(w io.Writer, evs []extract.Event, am map[string]extract.Actor) error {
	enc := json.NewEncoder(w)
	name := func(a extract.Actor) string { return a.Name }
	code := func(a extract.Actor) string { return a.Code }
	for _, e := range evs {
		row := eventRow{
			ID: e.ID, Date: e.Date, Type: e.Type, CAMEO: e.CAMEO, PLOVER: e.PLOVER,
			Source: join(e.Source, am, name), Target: join(e.Target, am, name),
			SourceIDs: strings.Join(e.Source, ";"), TargetIDs: strings.Join(e.Target, ";"),
			SourceCodes: join(e.Source, am, code), TargetCodes: join(e.Target, am, code),
			Negated: e.Negated, Outcome: e.Outcome, Modality: e.Modality,
			LocationID: e.Location, Confidence: e.Confidence, Documents: DocIDs(e),
		}
		if e.Location != "" {
			row.Location = am[e.Location].Name
		}
		row.Sources = len(row.Documents)
		if len(e.Mentions) > 0 {
			m := e.Mentions[0]
			row.Published, row.Sentence, row.Rule = m.Published, m.Text, m.Rule
		}
		if !utf8.ValidString(row.Sentence) {
			row.Sentence = strings.ToValidUTF8(row.Sentence, "\uFFFD")
		}
		if err := enc.Encode(row); err != nil {
			return err
		}
	}
	return nil
}

// DocIDs returns the distinct documents that mention e, in mention order.
func DocIDs(e extract.Event) []string {
	ids := []string{}
	for _, m := range e.Mentions {
		if m.Doc != "" && !slices.Contains(ids, m.Doc) {
			ids = append(ids, m.Doc)
		}
	}
	return ids
}
