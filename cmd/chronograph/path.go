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

func pathCommand() *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "how actor A connects to actor B, with the events behind each hop",
		ArgsUsage: "A B",
		Description: "path prints the shortest chain of relations from A to B and, with --k N, the N shortest\n" +
			"(loopless, in hops), through the events --from, --to and --types select. Each hop shows its\n" +
			"earliest events. --after DATE gives instead a time-respecting chain: meetings (or --types)\n" +
			"in date order, each on or after the one before and the first on or after DATE, that\n" +
			"reaches B as early as possible.",
		Flags: append(queryFlags("table", "json"),
			&cli.IntFlag{Name: "k", Value: 1, Usage: "the `N` shortest paths"},
			&cli.StringFlag{Name: "after", Usage: "a time-respecting chain starting on or after `DATE`"},
		),
		Action: runPath,
	}
}

type jsonHopEvent struct {
	Event    string `json:"event"`
	Date     string `json:"date"`
	Type     string `json:"type"`
	Sentence string `json:"sentence"`
	Doc      string `json:"doc"`
}

type jsonHop struct {
	From   string         `json:"from"`
	To     string         `json:"to"`
	FromID string         `json:"from_id"`
	ToID   string         `json:"to_id"`
	Count  int            `json:"count"`
	Events []jsonHopEvent `json:"events"`
}

func hopRows(p graph.Path) []jsonHop {
	var hops []jsonHop
	for _, h := range p.Hops {
		jh := jsonHop{From: h.From.Name, To: h.To.Name, FromID: h.From.ID, ToID: h.To.ID, Count: h.Count, Events: []jsonHopEvent{}}
		for _, e := range h.Events {
			jh.Events = append(jh.Events, hopEvent(e))
		}
		hops = append(hops, jh)
	}
	return hops
}

func hopEvent(e extract.Event) jsonHopEvent {
	je := jsonHopEvent{Event: e.ID, Date: e.Date, Type: e.Type}
	if len(e.Mentions) > 0 {
		je.Sentence, je.Doc = oneLine(e.Mentions[0].Text), e.Mentions[0].Doc
	}
	return je
}

func runPath(c *cli.Context) error {
	s, f, err := queryArgs(c, "A B", 2, 2, "table", "json")
	if err != nil {
		return err
	}
	defer s.Close()
	a, b := c.Args().Get(0), c.Args().Get(1)
	var paths []graph.Path
	after := c.String("after")
	if after != "" {
		if !validBound(after) {
			return fmt.Errorf("--after: invalid date %q: want YYYY, YYYY-MM or YYYY-MM-DD", after)
		}
		p, err := s.TimePath(f, a, b, after)
		if err != nil {
			return err
		}
		paths = []graph.Path{*p}
	} else if paths, err = s.Paths(f, a, b, c.Int("k")); err != nil {
		return err
	}
	bw := bufio.NewWriter(c.App.Writer)
	if c.String("format") == "json" {
		var out []map[string]any
		for _, p := range paths {
			out = append(out, map[string]any{"hops": hopRows(p)})
		}
		if err := printJSON(bw, map[string]any{"time_respecting": after != "", "after": after, "paths": out}); err != nil {
			return err
		}
		return bw.Flush()
	}
	for i, p := range paths {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		if after != "" {
			last := p.Hops[len(p.Hops)-1].Events[0].Date
			fmt.Fprintf(bw, "time-respecting path, %s, from %s, arriving %s\n", plural(len(p.Hops), "hop"), after, last)
		} else {
			fmt.Fprintf(bw, "path %d: %s\n", i+1, plural(len(p.Hops), "hop"))
		}
		writeHops(bw, p, after != "")
	}
	return bw.Flush()
}

func writeHops(w io.Writer, p graph.Path, timed bool) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "FROM\tTO\tDATE\tTYPE\tEVENTS\tSENTENCE\tDOC")
	for _, h := range p.Hops {
		count := fmt.Sprint(h.Count)
		if timed {
			count = "1 of " + count
		}
		for i, e := range h.Events {
			je := hopEvent(e)
			from, to, n := h.From.Name, h.To.Name, count
			if i > 0 {
				from, to, n = "", "", ""
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", from, to, dash(je.Date), je.Type, n, cut(je.Sentence, 70), je.Doc)
			if i == 1 && !timed {
				break // two events per hop in the table; --format json has more
			}
		}
	}
	tw.Flush()
}
