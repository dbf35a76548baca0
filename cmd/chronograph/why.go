package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/graph"
)

func whyCommand() *cli.Command {
	return &cli.Command{
		Name:      "why",
		Usage:     "the reports behind an event, or behind the relations of two actors",
		ArgsUsage: "EVENT | A B",
		Description: "why EVENT prints every report of the event (ids as other commands print them): the\n" +
			"document, its title and publication date, the sentence and the rule that found it, with the\n" +
			"number of independent sources and any report that says the opposite. why A B does so for\n" +
			"every event of A with B that --from, --to and --types select, denials included.",
		Flags:  queryFlags("table", "json"),
		Action: runWhy,
	}
}

type jsonMention struct {
	Doc       string `json:"doc"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Sentence  string `json:"sentence"`
	Rule      string `json:"rule"`
}

type jsonEvidence struct {
	Event     string        `json:"event"`
	Date      string        `json:"date"`
	Type      string        `json:"type"`
	Negated   bool          `json:"negated"`
	Source    []string      `json:"source"`
	Target    []string      `json:"target"`
	Documents int           `json:"documents"`
	Sources   int           `json:"sources"`
	Disputed  []string      `json:"disputed"`
	Mentions  []jsonMention `json:"mentions"`
}

func runWhy(c *cli.Context) error {
	s, f, err := queryArgs(c, "EVENT or A B", 1, 2, "table", "json")
	if err != nil {
		return err
	}
	defer s.Close()
	var ids []string
	if c.NArg() == 1 {
		ids = []string{c.Args().First()}
	} else {
		for _, name := range c.Args().Slice() {
			id, err := resolveActor(s, name)
			if err != nil {
				return err
			}
			f.Actors = append(f.Actors, id)
		}
		f.IncludeNegated = true
		evs, err := s.Events(f)
		if err != nil {
			return err
		}
		for _, e := range evs {
			ids = append(ids, e.ID)
		}
	}
	var out []jsonEvidence
	for _, id := range ids {
		ev, err := s.Why(id)
		if err != nil {
			return err
		}
		out = append(out, evidence(ev))
	}
	bw := bufio.NewWriter(c.App.Writer)
	if c.String("format") == "json" {
		if out == nil {
			out = []jsonEvidence{}
		}
		if err := printJSON(bw, out); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(out) == 0 {
		fmt.Fprintln(bw, "no events found")
	}
	for i, e := range out {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		verb := e.Type
		if e.Negated {
			verb = "not " + verb
		}
		fmt.Fprintf(bw, "%s  %s  %s  %s", e.Event, dash(e.Date), verb, strings.Join(e.Source, ", "))
		if len(e.Target) > 0 {
			fmt.Fprintf(bw, " → %s", strings.Join(e.Target, ", "))
		}
		fmt.Fprintf(bw, "\n  %s, %s\n", plural(e.Documents, "document"), plural(e.Sources, "independent source"))
		for _, d := range e.Disputed {
			fmt.Fprintf(bw, "  disputed by %s (the opposite report, same date)\n", d)
		}
		for _, m := range e.Mentions {
			title := ""
			if m.Title != "" {
				title = " " + cut(m.Title, 50)
			}
			fmt.Fprintf(bw, "  %s  %s%s [%s]\n    %q\n", dash(m.Published), m.Doc, title, m.Rule, cut(m.Sentence, 160))
		}
	}
	return bw.Flush()
}

func evidence(ev *graph.Evidence) jsonEvidence {
	e := ev.Event
	names := func(ids []string) []string {
		out := []string{}
		for _, id := range ids {
			out = append(out, ev.Actors[id].Name)
		}
		return out
	}
	je := jsonEvidence{Event: e.ID, Date: e.Date, Type: e.Type, Negated: e.Negated,
		Source: names(e.Source), Target: names(e.Target), Documents: len(graph.DocIDs(e)),
		Sources: ev.Sources, Disputed: ev.Disputed, Mentions: []jsonMention{}}
	if je.Disputed == nil {
		je.Disputed = []string{}
	}
	for _, m := range e.Mentions {
		d := ev.Docs[m.Doc]
		je.Mentions = append(je.Mentions, jsonMention{m.Doc, oneLine(d.Title), d.Source, m.Published, oneLine(m.Text), m.Rule})
	}
	return je
}
