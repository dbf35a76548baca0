package graph

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/chronograph/chronograph/extract"
)

// BlankNode returns the N-Quads blank node label of a record: "_:" then
// kind, "_" and the id with every byte other than a letter, a digit or a
// hyphen written as "_" and two hex digits, so any id gives a valid label
// and different ids give different labels.
func BlankNode(kind, id string) string {
	var b strings.Builder
	b.WriteString("_:" + kind + "_")
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}

// RDFQuote returns s as an N-Quads string literal: quotes, backslashes and
// line breaks escaped, other control characters as \uXXXX and invalid
// UTF-8 replaced.
func RDFQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7F:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// nq writes N-Quads in Dgraph's dialect.
type nq struct{ w *bufio.Writer }

func (q nq) str(subj, pred, val string) {
	if val != "" {
		fmt.Fprintf(q.w, "%s <%s> %s .\n", subj, pred, RDFQuote(val))
	}
}

func (q nq) typed(subj, pred, val, typ string) {
	fmt.Fprintf(q.w, "%s <%s> %s^^<%s> .\n", subj, pred, RDFQuote(val), typ)
}

func (q nq) edge(subj, pred, obj string, facets ...string) {
	fmt.Fprintf(q.w, "%s <%s> %s", subj, pred, obj)
	if len(facets) > 0 {
		fmt.Fprintf(q.w, " (%s)", strings.Join(facets, ", "))
	}
	q.w.WriteString(" .\n")
}

func strFacet(k, v string) string { return k + "=" + RDFQuote(v) }

func dateTime(day string) string { return day + "T00:00:00Z" }

// writeNQuads writes actors, events, documents and relations as RDF in
// Dgraph's N-Quads dialect. Each record is a blank node with its store id
// in <xid>; relations are edges between actors named after their type,
// with their dates, counts and number of sources as facets; events link to
// their actors and, with the sentence and rule as facets, to the
// documents that report them.
func writeNQuads(w io.Writer, d ExportData) error {
	bw := bufio.NewWriter(w)
	q := nq{bw}
	v := newView(d)
	var ids []string
	for i := range d.Events {
		ids = append(ids, participants(&d.Events[i])...)
		if d.Events[i].Location != "" {
			ids = append(ids, d.Events[i].Location)
		}
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		a := actorOf(d.Actors, id)
		s := BlankNode("actor", id)
		q.str(s, "dgraph.type", "Actor")
		q.str(s, "xid", id)
		q.str(s, "name", a.Name)
		q.str(s, "kind", a.Kind)
		q.str(s, "code", a.Code)
		for _, al := range a.Aliases {
			q.str(s, "alias", al)
		}
	}
	for i, r := range v.rels {
		facets := []string{strFacet("first", r.First), strFacet("last", r.Last)}
		if first, last := v.span(r); first != "" {
			facets = append(facets, "first_day="+dateTime(first), "last_day="+dateTime(last))
		}
		facets = append(facets, fmt.Sprintf("count=%d", r.Count), fmt.Sprintf("sources=%d", len(v.docs[i])))
		q.edge(BlankNode("actor", r.Source), r.Type, BlankNode("actor", r.Target), facets...)
	}
	var docs []string
	for i := range d.Events {
		e := &d.Events[i]
		s := BlankNode("event", e.ID)
		q.str(s, "dgraph.type", "Event")
		q.str(s, "xid", e.ID)
		q.str(s, "event_type", e.Type)
		q.str(s, "cameo", e.CAMEO)
		q.str(s, "plover", e.PLOVER)
		q.str(s, "date", e.Date)
		q.str(s, "date_end", e.DateEnd)
		if first, last, ok := EventSpan(e); ok {
			q.typed(s, "first_day", dateTime(first), "xs:dateTime")
			q.typed(s, "last_day", dateTime(last), "xs:dateTime")
			q.str(s, "granularity", Granularity(e.Date))
		}
		q.typed(s, "negated", strconv.FormatBool(e.Negated), "xs:boolean")
		q.str(s, "outcome", e.Outcome)
		q.str(s, "modality", e.Modality)
		q.typed(s, "confidence", strconv.FormatFloat(e.Confidence, 'g', -1, 64), "xs:float")
		ds := DocIDs(*e)
		q.typed(s, "sources", strconv.Itoa(len(ds)), "xs:int")
		q.typed(s, "mentions", strconv.Itoa(len(e.Mentions)), "xs:int")
		for _, a := range e.Source {
			q.edge(s, "source", BlankNode("actor", a))
		}
		for _, a := range e.Target {
			q.edge(s, "target", BlankNode("actor", a))
		}
		if e.Location != "" {
			q.edge(s, "location", BlankNode("actor", e.Location))
		}
		seen := map[string]bool{}
		for _, m := range e.Mentions {
			if m.Doc == "" || seen[m.Doc] {
				continue
			}
			seen[m.Doc] = true
			docs = append(docs, m.Doc)
			q.edge(s, "reported_in", BlankNode("doc", m.Doc), strFacet("sentence", m.Text), strFacet("rule", m.Rule))
		}
	}
	slices.Sort(docs)
	for _, id := range slices.Compact(docs) {
		doc := d.Documents[id]
		s := BlankNode("doc", id)
		q.str(s, "dgraph.type", "Document")
		q.str(s, "xid", id)
		q.str(s, "title", doc.Title)
		q.str(s, "url", doc.URL)
		q.str(s, "outlet", doc.Source)
		q.str(s, "published", doc.Published)
	}
	return bw.Flush()
}

// WriteDgraphSchema writes the Dgraph schema of the "nquads" export: the
// predicates with their types and indexes, and the types Actor, Event and
// Document. Give it to dgraph live with -s and to dgraph bulk with -s.
func WriteDgraphSchema(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`# Dgraph schema of chronograph's nquads export.
xid: string @index(exact) @upsert .
name: string @index(exact, term) .
kind: string @index(exact) .
code: string @index(exact) .
alias: [string] @index(term) .
event_type: string @index(exact) .
cameo: string @index(exact) .
plover: string @index(exact) .
date: string @index(exact) .
date_end: string @index(exact) .
first_day: datetime @index(day) .
last_day: datetime @index(day) .
granularity: string .
negated: bool @index(bool) .
outcome: string .
modality: string .
confidence: float .
sources: int @index(int) .
mentions: int .
source: [uid] @reverse .
target: [uid] @reverse .
location: uid @reverse .
reported_in: [uid] @reverse .
title: string @index(term) .
url: string @index(exact) .
outlet: string @index(exact) .
published: string @index(exact) .
`)
	var rels []string
	for _, t := range extract.Types {
		fmt.Fprintf(bw, "%s: [uid] @reverse .\n", t.Name)
		rels = append(rels, t.Name)
	}
	fmt.Fprintf(bw, "\ntype Actor {\n\txid\n\tname\n\tkind\n\tcode\n\talias\n\t%s\n}\n", strings.Join(rels, "\n\t"))
	bw.WriteString(`
type Event {
	xid
	event_type
	cameo
	plover
	date
	date_end
	first_day
	last_day
	granularity
	negated
	outcome
	modality
	confidence
	sources
	mentions
	source
	target
	location
	reported_in
}

type Document {
	xid
	title
	url
	outlet
	published
}
`)
	return bw.Flush()
}
