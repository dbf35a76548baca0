package graph

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/chronograph/chronograph/extract"
)

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

// A pairEdge is the relations of an unordered pair of actors, drawn as
// one edge when a graph has too many to label.
type pairEdge struct {
	a, b  string
	count int
	types []string // "meet ×2", in relation order
}

// pairEdges aggregates rels by unordered pair.
func pairEdges(rels []Relation) []pairEdge {
	idx := map[[2]string]int{}
	var out []pairEdge
	for _, r := range rels {
		a, b := min(r.Source, r.Target), max(r.Source, r.Target)
		i, ok := idx[[2]string{a, b}]
		if !ok {
			i = len(out)
			idx[[2]string{a, b}] = i
			out = append(out, pairEdge{a: a, b: b})
		}
		out[i].count += r.Count
		out[i].types = append(out[i].types, fmt.Sprintf("%s ×%d", r.Type, r.Count))
	}
	return out
}

func writeDOT(w io.Writer, d ExportData, o ExportOptions) error {
	v := newView(d)
	v.top(pictureTop(o))
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph chronograph {\n")
	if v.dropped > 0 {
		fmt.Fprintf(bw, "\tlabel=%s;\n\tlabelloc=t;\n", DOTQuote(fmt.Sprintf("the %d actors with the most relations; %d more left out", len(v.nodes), v.dropped)))
	}
	bw.WriteString("\tnode [fontsize=10];\n\tedge [fontsize=8];\n")
	node := func(indent string, a extract.Actor) {
		fmt.Fprintf(bw, "%s%s [label=%s, shape=%s];\n", indent, DOTQuote(a.ID), DOTQuote(a.Name), shape(a.Kind))
	}
	clusters, rest := clustersOf(v, d, o.Cluster)
	for i, c := range clusters {
		fmt.Fprintf(bw, "\tsubgraph cluster_%d {\n\t\tlabel=%s;\n\t\tstyle=rounded;\n", i, DOTQuote(c.label))
		for _, a := range c.members {
			node("\t\t", a)
		}
		bw.WriteString("\t}\n")
	}
	for _, a := range rest {
		node("\t", a)
	}
	if len(v.rels) <= labelLimit {
		for _, r := range v.rels {
			fmt.Fprintf(bw, "\t%s -> %s [label=%s", DOTQuote(r.Source), DOTQuote(r.Target), DOTQuote(EdgeLabel(r)))
			if symmetric(r.Type) {
				bw.WriteString(", dir=none")
			}
			bw.WriteString("];\n")
		}
	} else {
		// Too many edges to label: one edge per pair, its relations in the
		// tooltip, its width by the number of events.
		for _, p := range pairEdges(v.rels) {
			fmt.Fprintf(bw, "\t%s -> %s [dir=none, penwidth=%.1f, tooltip=%s];\n", DOTQuote(p.a), DOTQuote(p.b),
				1+math.Log2(float64(p.count)), DOTQuote(strings.Join(p.types, ", ")))
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

type cluster struct {
	label   string
	members []extract.Actor
}

// clustersOf groups the nodes of v by country code or community; clusters
// of one actor (among the nodes kept) are left out. It returns the clusters, ordered by label,
// and the actors in none.
func clustersOf(v *graphView, d ExportData, by string) ([]cluster, []extract.Actor) {
	var group map[string]string // actor id → cluster label
	switch by {
	case "country":
		group = countryGroups(v.nodes, d.Actors)
	case "community":
		group = communityGroups(d)
	default:
		return nil, v.nodes
	}
	byLabel := map[string][]extract.Actor{}
	for _, a := range v.nodes {
		if g, ok := group[a.ID]; ok {
			byLabel[g] = append(byLabel[g], a)
		}
	}
	var out []cluster
	in := map[string]bool{}
	for g, as := range byLabel {
		if len(as) < 2 {
			continue
		}
		out = append(out, cluster{g, as})
		for _, a := range as {
			in[a.ID] = true
		}
	}
	slices.SortFunc(out, func(a, b cluster) int { return strings.Compare(a.label, b.label) })
	var rest []extract.Actor
	for _, a := range v.nodes {
		if !in[a.ID] {
			rest = append(rest, a)
		}
	}
	return out, rest
}

// countryOf returns the country part of a CAMEO-style code ("RUS" of
// "RUSGOV"), or "".
func countryOf(code string) string {
	if len(code) < 3 {
		return ""
	}
	for _, c := range code[:3] {
		if c < 'A' || c > 'Z' {
			return ""
		}
	}
	return code[:3]
}

// countryGroups labels actors by the country of their code, named after
// the country actor with that code when there is one.
func countryGroups(ns []extract.Actor, am map[string]extract.Actor) map[string]string {
	names := map[string]string{}
	for _, a := range am {
		if a.Kind == extract.KindCountry && len(a.Code) == 3 {
			if n, ok := names[a.Code]; !ok || a.Name < n {
				names[a.Code] = a.Name
			}
		}
	}
	out := map[string]string{}
	for _, a := range ns {
		c := countryOf(a.Code)
		if c == "" {
			continue
		}
		if n, ok := names[c]; ok {
			out[a.ID] = n + " (" + c + ")"
		} else {
			out[a.ID] = c
		}
	}
	return out
}

// communityGroups labels actors by their community as [View.Communities]
// finds it over the asserted events of d, the partition chronograph
// communities prints, and names each community after its member with the
// most relation events.
func communityGroups(d ExportData) map[string]string {
	var asserted []extract.Event
	for _, e := range d.Events {
		if !e.Negated {
			asserted = append(asserted, e)
		}
	}
	view := buildView(asserted)
	comms, _ := view.Communities()
	deg := newView(ExportData{Events: asserted, Actors: d.Actors}).degrees()
	out := map[string]string{}
	for _, c := range comms {
		if len(c) < 2 {
			continue
		}
		ids := make([]string, len(c))
		for i, n := range c {
			ids[i] = view.ActorID(n)
		}
		slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(deg[b], deg[a]), strings.Compare(a, b)) })
		for _, id := range ids {
			out[id] = "community of " + actorOf(d.Actors, ids[0]).Name
		}
	}
	return out
}
