package main

import (
	"bufio"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"
)

func communitiesCommand() *cli.Command {
	return &cli.Command{
		Name:  "communities",
		Usage: "groups of actors more linked among themselves than with the rest (Louvain)",
		Description: "communities partitions the actors of the events --from, --to and --types select\n" +
			"with the Louvain method, largest group first. Use --types to find camps: e.g.\n" +
			"--types meet,negotiate,ally,cooperate,agree,praise,aid.",
		Flags: append(queryFlags("table", "json"),
			&cli.IntFlag{Name: "limit", Value: 10, Usage: "show the `N` largest communities (0: all)"},
			&cli.IntFlag{Name: "members", Value: 8, Usage: "name the `N` most linked members of each in the table"},
		),
		Action: runCommunities,
	}
}

type jsonMember struct {
	Actor   string `json:"actor"`
	ActorID string `json:"actor_id"`
	Degree  int    `json:"degree"`
	Events  int    `json:"events"`
}

type jsonCommunity struct {
	ID      int          `json:"id"`
	Size    int          `json:"size"`
	Events  int          `json:"events"`
	Members []jsonMember `json:"members"`
}

func runCommunities(c *cli.Context) error {
	s, f, err := queryArgs(c, "no arguments", 0, 0, "table", "json")
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.Communities(f)
	if err != nil {
		return err
	}
	cs := p.Communities
	if n := c.Int("limit"); n > 0 && len(cs) > n {
		cs = cs[:n]
	}
	rows := make([]jsonCommunity, 0, len(cs))
	for i, com := range cs {
		jc := jsonCommunity{ID: i + 1, Size: len(com.Members), Events: com.Events}
		for _, m := range com.Members {
			jc.Members = append(jc.Members, jsonMember{m.Actor.Name, m.Actor.ID, m.Degree, m.Events})
		}
		rows = append(rows, jc)
	}
	bw := bufio.NewWriter(c.App.Writer)
	if c.String("format") == "json" {
		if err := printJSON(bw, map[string]any{"modularity": p.Modularity, "actors": p.Actors, "links": p.Edges, "communities": rows}); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(rows) == 0 {
		fmt.Fprintln(bw, "no communities found")
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSIZE\tEVENTS\tMOST LINKED MEMBERS")
	for _, r := range rows {
		var names []string
		for _, m := range r.Members[:min(len(r.Members), c.Int("members"))] {
			names = append(names, m.Actor)
		}
		more := ""
		if len(r.Members) > len(names) {
			more = ", …"
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s%s\n", r.ID, r.Size, r.Events, strings.Join(names, ", "), more)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(bw, "%s in %s, %s; modularity %.3f\n", plural(p.Actors, "actor"), fmt.Sprintf("%d communities", len(p.Communities)), plural(p.Edges, "link"), p.Modularity)
	return bw.Flush()
}
