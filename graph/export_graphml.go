package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// graphMLKeys declares the attributes of the "graphml" export: id, for,
// name and type.
var graphMLKeys = [][4]string{
	{"label", "node", "label", "string"},
	{"name", "node", "name", "string"},
	{"kind", "node", "kind", "string"},
	{"code", "node", "code", "string"},
	{"aliases", "node", "aliases", "string"},
	{"type", "edge", "type", "string"},
	{"elabel", "edge", "label", "string"},
	{"first", "edge", "first", "string"},
	{"last", "edge", "last", "string"},
	{"first_day", "edge", "first_day", "string"},
	{"last_day", "edge", "last_day", "string"},
	{"count", "edge", "count", "int"},
	{"weight", "edge", "weight", "double"},
	{"sources", "edge", "sources", "int"},
	{"events", "edge", "events", "string"},
	{"documents", "edge", "documents", "string"},
	{"symmetric", "edge", "symmetric", "boolean"},
}

// writeGraphML writes the actor graph as GraphML: nodes are actors, edges
// relations with the edge id "source|type|target"; list attributes are
// joined with ";".
func writeGraphML(w io.Writer, d ExportData) error {
	v := newView(d)
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, k := range graphMLKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k[0], k[1], k[2], k[3])
	}
	bw.WriteString("  <graph id=\"chronograph\" edgedefault=\"directed\">\n")
	data := func(key, val string) {
		if val != "" {
			fmt.Fprintf(bw, "      <data key=\"%s\">%s</data>\n", key, XMLEscape(val))
		}
	}
	for _, a := range v.nodes {
		fmt.Fprintf(bw, "    <node id=\"%s\">\n", XMLEscape(a.ID))
		data("label", a.Name)
		data("name", a.Name)
		data("kind", a.Kind)
		data("code", a.Code)
		data("aliases", strings.Join(a.Aliases, ";"))
		bw.WriteString("    </node>\n")
	}
	for i, r := range v.rels {
		fmt.Fprintf(bw, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n",
			XMLEscape(r.Source+"|"+r.Type+"|"+r.Target), XMLEscape(r.Source), XMLEscape(r.Target))
		data("type", r.Type)
		data("elabel", EdgeLabel(r))
		data("first", r.First)
		data("last", r.Last)
		first, last := v.span(r)
		data("first_day", first)
		data("last_day", last)
		data("count", fmt.Sprint(r.Count))
		data("weight", fmt.Sprint(r.Count))
		data("sources", fmt.Sprint(len(v.docs[i])))
		data("events", strings.Join(r.Events, ";"))
		data("documents", strings.Join(v.docs[i], ";"))
		data("symmetric", fmt.Sprint(symmetric(r.Type)))
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}
