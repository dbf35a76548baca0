package graph

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A span is a closed interval of days, YYYY-MM-DD.
type span struct{ start, end string }

// spells returns the merged date spans of the events ids, and false when
// one of them is undated: such an element is shown at all times.
func (v *graphView) spells(ids []string) ([]span, bool) {
	var ss []span
	for _, id := range ids {
		e := v.events[id]
		if e == nil {
			continue
		}
		s, t, ok := EventSpan(e)
		if !ok {
			return nil, false
		}
		ss = append(ss, span{s, t})
	}
	slices.SortFunc(ss, func(a, b span) int { return strings.Compare(a.start, b.start) })
	var out []span
	for _, s := range ss {
		if n := len(out); n > 0 && s.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out, len(out) > 0
}

// writeGEXF writes the actor graph as GEXF 1.3 in dynamic mode: each actor
// and relation carries spells, the days of its events, so that Gephi's
// timeline shows it when it happened. Elements with an undated event have
// no spells and are always shown.
func writeGEXF(w io.Writer, d ExportData) error {
	v := newView(d)
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>chronograph</creator>
    <description>actors and the typed, dated relations between them</description>
  </meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">
    <attributes class="node" mode="static">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="code" title="code" type="string"/>
      <attribute id="aliases" title="aliases" type="string"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="type" title="type" type="string"/>
      <attribute id="first" title="first" type="string"/>
      <attribute id="last" title="last" type="string"/>
      <attribute id="count" title="count" type="integer"/>
      <attribute id="sources" title="sources" type="integer"/>
      <attribute id="events" title="events" type="string"/>
      <attribute id="documents" title="documents" type="string"/>
    </attributes>
`)
	att := func(key, val string) {
		fmt.Fprintf(bw, "          <attvalue for=\"%s\" value=\"%s\"/>\n", key, XMLEscape(val))
	}
	writeSpells := func(ss []span) {
		if len(ss) == 0 {
			return
		}
		bw.WriteString("        <spells>\n")
		for _, s := range ss {
			fmt.Fprintf(bw, "          <spell start=\"%s\" end=\"%s\"/>\n", s.start, s.end)
		}
		bw.WriteString("        </spells>\n")
	}
	nodeEvents := map[string][]string{}
	for _, r := range v.rels {
		nodeEvents[r.Source] = append(nodeEvents[r.Source], r.Events...)
		nodeEvents[r.Target] = append(nodeEvents[r.Target], r.Events...)
	}
	bw.WriteString("    <nodes>\n")
	for _, a := range v.nodes {
		fmt.Fprintf(bw, "      <node id=\"%s\" label=\"%s\">\n        <attvalues>\n", XMLEscape(a.ID), XMLEscape(a.Name))
		att("kind", a.Kind)
		att("code", a.Code)
		att("aliases", strings.Join(a.Aliases, ";"))
		bw.WriteString("        </attvalues>\n")
		ss, _ := v.spells(nodeEvents[a.ID])
		writeSpells(ss)
		bw.WriteString("      </node>\n")
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	for i, r := range v.rels {
		fmt.Fprintf(bw, "      <edge id=\"%s\" source=\"%s\" target=\"%s\" label=\"%s\" kind=\"%s\" weight=\"%d\">\n        <attvalues>\n",
			XMLEscape(r.Source+"|"+r.Type+"|"+r.Target), XMLEscape(r.Source), XMLEscape(r.Target),
			XMLEscape(EdgeLabel(r)), XMLEscape(r.Type), r.Count)
		att("type", r.Type)
		att("first", r.First)
		att("last", r.Last)
		att("count", fmt.Sprint(r.Count))
		att("sources", fmt.Sprint(len(v.docs[i])))
		att("events", strings.Join(r.Events, ";"))
		att("documents", strings.Join(v.docs[i], ";"))
		bw.WriteString("        </attvalues>\n")
		ss, _ := v.spells(r.Events)
		writeSpells(ss)
		bw.WriteString("      </edge>\n")
	}
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}
