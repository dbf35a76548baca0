package main

import (
	"bufio"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/graph"
)

func rankCommand() *cli.Command {
	return &cli.Command{
		Name:  "rank",
		Usage: "the most central actors, by degree, PageRank or betweenness",
		Description: "rank scores the actors of the events --from, --to and --types select:\n" +
			"degree counts the actors each is linked to; pagerank runs on the directed relations\n" +
			"weighted by event count; betweenness counts shortest chains through each actor, exactly\n" +
			"up to " + fmt.Sprint(graph.ExactBetweennessLimit) + " actors and from --samples sources above.",
		Flags: append(queryFlags("table", "json"),
			&cli.StringFlag{Name: "by", Value: graph.ByDegree, Usage: "`MEASURE`: " + strings.Join(graph.Measures, ", ")},
			&cli.IntFlag{Name: "limit", Value: 20, Usage: "show the first `N` actors (0: all)"},
			&cli.IntFlag{Name: "samples", Usage: "betweenness from `N` sampled sources (0: exact on small graphs, else 256)"},
		),
		Action: runRank,
	}
}

type jsonScore struct {
	Rank    int     `json:"rank"`
	Actor   string  `json:"actor"`
	ActorID string  `json:"actor_id"`
	Kind    string  `json:"kind"`
	Score   float64 `json:"score"`
	Degree  int     `json:"degree"`
	Events  int     `json:"events"`
}

func runRank(c *cli.Context) error {
	s, f, err := queryArgs(c, "no arguments", 0, 0, "table", "json")
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.Rank(f, graph.RankOptions{By: c.String("by"), Limit: c.Int("limit"), Samples: c.Int("samples")})
	if err != nil {
		return err
	}
	rows := make([]jsonScore, 0, len(r.Scores))
	for i, sc := range r.Scores {
		rows = append(rows, jsonScore{i + 1, sc.Actor.Name, sc.Actor.ID, sc.Actor.Kind, sc.Score, sc.Degree, sc.Events})
	}
	bw := bufio.NewWriter(c.App.Writer)
	if c.String("format") == "json" {
		if err := printJSON(bw, map[string]any{"by": r.By, "exact": r.Exact, "actors": r.Actors, "links": r.Edges, "scores": rows}); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(rows) == 0 {
		fmt.Fprintln(bw, "no linked actors found")
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tACTOR\tKIND\t"+strings.ToUpper(r.By)+"\tDEGREE\tEVENTS")
	for _, x := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\n", x.Rank, x.Actor, x.Kind, score(x.Score, r.By), x.Degree, x.Events)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	note := ""
	if !r.Exact {
		note = ", betweenness estimated from sampled sources"
	}
	fmt.Fprintf(bw, "%s, %s%s\n", plural(r.Actors, "actor"), plural(r.Edges, "link"), note)
	return bw.Flush()
}

func score(v float64, by string) string {
	switch by {
	case graph.ByDegree:
		return fmt.Sprintf("%.0f", v)
	case graph.ByPageRank:
		return fmt.Sprintf("%.4f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
