package graph

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// neo4jFiles are the files of the "neo4j" export, nodes first.
var neo4jFiles = []string{"actors.csv", "events.csv", "documents.csv", "relations.csv", "roles.csv", "reports.csv"}

// Neo4jImportCommand returns the neo4j-admin command that imports the
// "neo4j" export from dir into the database db (Neo4j 5).
func Neo4jImportCommand(dir, db string) string {
	p := func(name string) string { return dir + "/" + name }
	return fmt.Sprintf("neo4j-admin database import full --nodes=%s --nodes=%s --nodes=%s "+
		"--relationships=%s --relationships=%s --relationships=%s %s",
		p("actors.csv"), p("events.csv"), p("documents.csv"), p("relations.csv"), p("roles.csv"), p("reports.csv"), db)
}

// label returns an actor kind as a Neo4j label: "armed group" is
// "ArmedGroup".
func label(kind string) string {
	var b strings.Builder
	up := true
	for _, r := range kind {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "Unknown"
	}
	return b.String()
}

// relType returns an event type as a Neo4j relationship type: "MEET".
func relType(t string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, t)
}

// field makes s one CSV field Neo4j reads without --multiline-fields:
// valid UTF-8, line breaks and control characters as spaces.
//
// A text that a spreadsheet would run as a formula ("=cmd|' /C calc'!A0",
// "+1", "@SUM(…)") gets a leading apostrophe, the OWASP defence against
// CSV injection: the CSV files are meant for neo4j-admin, but people open
// them in spreadsheets too.
func field(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// array joins ss as a Neo4j string[] field, with the default array
// delimiter ";"; a ";" inside an element becomes ",".
func array(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ReplaceAll(field(s), ";", ",")
	}
	return strings.Join(out, ";")
}

// writeNeo4j writes one file of the "neo4j" export: CSV with the headers
// of neo4j-admin database import. Actors, events and documents are nodes
// in the id spaces Actor, Event and Document; relations link actors, roles
// link events to their actors (SOURCE, TARGET, LOCATION) and reports link
// events to the documents that report them.
func writeNeo4j(w io.Writer, name string, d ExportData) error {
	cw := csv.NewWriter(w)
	v := newView(d)
	var rows [][]string
	switch name {
	case "actors.csv":
		rows = append(rows, []string{"id:ID(Actor)", "name", "kind", "code", "aliases:string[]", ":LABEL"})
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
			rows = append(rows, []string{field(id), field(a.Name), a.Kind, a.Code, array(a.Aliases), "Actor;" + label(a.Kind)})
		}
	case "events.csv":
		rows = append(rows, []string{"id:ID(Event)", "type", "cameo", "plover", "date", "date_end", "first_day:date", "last_day:date",
			"granularity", "negated:boolean", "outcome", "modality", "confidence:float", "sources:int", "mentions:int",
			"documents:string[]", "sentence", "rule", ":LABEL"})
		for i := range d.Events {
			e := &d.Events[i]
			first, last, _ := EventSpan(e)
			sentence, rule := "", ""
			if len(e.Mentions) > 0 {
				sentence, rule = e.Mentions[0].Text, e.Mentions[0].Rule
			}
			ds := DocIDs(*e)
			rows = append(rows, []string{field(e.ID), e.Type, e.CAMEO, e.PLOVER, field(e.Date), field(e.DateEnd), first, last,
				Granularity(e.Date), strconv.FormatBool(e.Negated), field(e.Outcome), field(e.Modality),
				strconv.FormatFloat(e.Confidence, 'g', -1, 64), strconv.Itoa(len(ds)), strconv.Itoa(len(e.Mentions)),
				array(ds), field(sentence), field(rule), "Event"})
		}
	case "documents.csv":
		rows = append(rows, []string{"id:ID(Document)", "title", "url", "outlet", "published", ":LABEL"})
		var ids []string
		for _, e := range d.Events {
			ids = append(ids, DocIDs(e)...)
		}
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			doc := d.Documents[id]
			rows = append(rows, []string{field(id), field(doc.Title), field(doc.URL), field(doc.Source), doc.Published, "Document"})
		}
	case "relations.csv":
		rows = append(rows, []string{":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "type", "first", "last",
			"first_day:date", "last_day:date", "count:int", "sources:int", "events:string[]", "documents:string[]", "symmetric:boolean"})
		for i, r := range v.rels {
			first, last := v.span(r)
			rows = append(rows, []string{field(r.Source), field(r.Target), relType(r.Type), r.Type, r.First, r.Last,
				first, last, strconv.Itoa(r.Count), strconv.Itoa(len(v.docs[i])), array(r.Events), array(v.docs[i]),
				strconv.FormatBool(symmetric(r.Type))})
		}
	case "roles.csv":
		rows = append(rows, []string{":START_ID(Event)", ":END_ID(Actor)", ":TYPE"})
		for _, e := range d.Events {
			for _, a := range e.Source {
				rows = append(rows, []string{field(e.ID), field(a), "SOURCE"})
			}
			for _, a := range e.Target {
				rows = append(rows, []string{field(e.ID), field(a), "TARGET"})
			}
			if e.Location != "" {
				rows = append(rows, []string{field(e.ID), field(e.Location), "LOCATION"})
			}
		}
	case "reports.csv":
		rows = append(rows, []string{":START_ID(Event)", ":END_ID(Document)", ":TYPE", "sentence", "rule", "published"})
		for _, e := range d.Events {
			seen := map[string]bool{}
			for _, m := range e.Mentions {
				if m.Doc == "" || seen[m.Doc] {
					continue
				}
				seen[m.Doc] = true
				rows = append(rows, []string{field(e.ID), field(m.Doc), "REPORTED_IN", field(m.Text), field(m.Rule), m.Published})
			}
		}
	default:
		return fmt.Errorf("no neo4j file %q", name)
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return nil
}
