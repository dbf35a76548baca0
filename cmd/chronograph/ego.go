package main

import (
	"bufio"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

func egoCommand() *cli.Command {
	return &cli.Command{
		Name:      "ego",
		Usage:     "an actor's neighbourhood: the actors within --depth hops and their relations",
		ArgsUsage: "NAME",
		Description: "ego lists the actors within --depth hops of NAME in the events --from, --to and --types\n" +
			"select, nearest and most linked first, at most --limit of them, and the relations among\n" +
			"them. --format dot draws it for Graphviz: dot -Tsvg ego.dot -o ego.svg. --as-of DATE\n" +
			"shows the neighbourhood as it stood on DATE (the events up to it), each actor labelled with\n" +
			"the role it held on DATE.",
		Flags: append(queryFlags("table", "json", "dot"),
			&cli.IntFlag{Name: "depth", Value: 1, Usage: "hops from NAME"},
			&cli.IntFlag{Name: "limit", Value: 50, Usage: "keep the `N` nearest actors (0: all)"},
			asOfFlag("the neighbourhood as it stood on `DATE` (same as --to DATE), actors labelled with their roles then"),
			lexiconFlag(),
		),
		Action: runEgo,
	}
}

type jsonEgoActor struct {
	Actor   string `json:"actor"`
	ActorID string `json:"actor_id"`
	Kind    string `json:"kind"`
	Depth   int    `json:"depth"`
	Degree  int    `json:"degree"`
	Role    string `json:"role,omitempty"` // with --as-of
}

type jsonEgoRelation struct {
	Source string   `json:"source"`
	Target string   `json:"target"`
	Type   string   `json:"type"`
	First  string   `json:"first"`
	Last   string   `json:"last"`
	Count  int      `json:"count"`
	Events []string `json:"events"`
}

func runEgo(c *cli.Context) error {
	s, f, err := queryArgs(c, "NAME", 1, 1, "table", "json", "dot")
	if err != nil {
		return err
	}
	defer s.Close()
	if c.Int("depth") < 1 {
		return fmt.Errorf("--depth: want 1 or more, got %d", c.Int("depth"))
	}
	labels, _, err := newRoleLabels(c)
	if err != nil {
		return err
	}
	if labels.date != "" {
		f.To = labels.date
	}
	ego, err := s.Ego(f, c.Args().First(), c.Int("depth"), c.Int("limit"))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(c.App.Writer)
	switch c.String("format") {
	case "json":
		actors := []jsonEgoActor{}
		for _, a := range ego.Actors {
			actors = append(actors, jsonEgoActor{a.Name, a.ID, a.Kind, a.Depth, a.Degree, labels.of(a.Actor)})
		}
		rels := []jsonEgoRelation{}
		for _, r := range ego.Relations {
			rels = append(rels, jsonEgoRelation{r.Source, r.Target, r.Type, r.First, r.Last, r.Count, r.Events})
		}
		out := map[string]any{"center": ego.Center.ID, "truncated": ego.Truncated, "actors": actors, "relations": rels}
		if labels.date != "" {
			out["as_of"] = labels.date
		}
		if err := printJSON(bw, out); err != nil {
			return err
		}
	case "dot":
		writeEgoDOT(bw, ego)
	default:
		tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
		if labels.date != "" {
			fmt.Fprintln(tw, "DEPTH\tACTOR\tKIND\tDEGREE\tROLE ON "+labels.date)
			for _, a := range ego.Actors {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\n", a.Depth, a.Name, a.Kind, a.Degree, labels.of(a.Actor))
			}
		} else {
			fmt.Fprintln(tw, "DEPTH\tACTOR\tKIND\tDEGREE")
			for _, a := range ego.Actors {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\n", a.Depth, a.Name, a.Kind, a.Degree)
			}
		}
		tw.Flush()
		more := ""
		if ego.Truncated {
			more = fmt.Sprintf(" (the nearest %d; --limit 0 shows all)", len(ego.Actors))
		}
		fmt.Fprintf(bw, "%s%s, %s among them\n", plural(len(ego.Actors), "actor"), more, plural(len(ego.Relations), "relation"))
	}
	return bw.Flush()
}

// writeEgoDOT draws an ego network: the center filled, one edge per
// relation labelled "type first..last ×count", symmetric ones undirected.
func writeEgoDOT(w io.Writer, ego *graph.Ego) {
	fmt.Fprintf(w, "digraph %s {\n\tnode [fontsize=10];\n\tedge [fontsize=8];\n", graph.DOTQuote("ego "+ego.Center.Name))
	for _, a := range ego.Actors {
		style := ""
		if a.ID == ego.Center.ID {
			style = ", style=filled, fillcolor=lightgoldenrod"
		}
		fmt.Fprintf(w, "\t%s [label=%s%s];\n", graph.DOTQuote(a.ID), graph.DOTQuote(a.Name), style)
	}
	for _, r := range ego.Relations {
		dir := ""
		if t, _ := extract.LookupType(r.Type); t.Symmetric {
			dir = ", dir=none"
		}
		fmt.Fprintf(w, "\t%s -> %s [label=%s%s];\n", graph.DOTQuote(r.Source), graph.DOTQuote(r.Target), graph.DOTQuote(graph.EdgeLabel(r)), dir)
	}
	fmt.Fprintln(w, "}")
}
