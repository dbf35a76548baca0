package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/graph"
)

// queryFlags are the flags of the graph queries: the store, the output
// format and the event window and types.
func queryFlags(formats ...string) []cli.Flag {
	return []cli.Flag{
		dbFlag(),
		&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: " + strings.Join(formats, ", ")},
		&cli.StringFlag{Name: "from", Usage: "only events on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
		&cli.StringFlag{Name: "to", Usage: "only events on or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
		&cli.StringFlag{Name: "types", Aliases: []string{"type"}, Usage: "only events of these `TYPES`, comma-separated (meet,accuse,…)"},
	}
}

// queryArgs checks the format and the number of arguments, and opens the
// store read-only with the filter of c's flags.
func queryArgs(c *cli.Context, usage string, minArgs, maxArgs int, formats ...string) (*graph.Store, graph.Filter, error) {
	if err := checkFormat(c.String("format"), formats...); err != nil {
		return nil, graph.Filter{}, err
	}
	if n := c.NArg(); n < minArgs || n > maxArgs {
		return nil, graph.Filter{}, fmt.Errorf("%s: want %s, got %d arguments", c.Command.Name, usage, n)
	}
	s, err := openStore(c, true)
	if err != nil {
		return nil, graph.Filter{}, err
	}
	f, err := filter(c, s)
	if err != nil {
		s.Close()
		return nil, graph.Filter{}, err
	}
	return s, f, nil
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func relationsCommand() *cli.Command {
	return &cli.Command{
		Name:      "relations",
		Usage:     "an actor's typed, dated relations: allies, accusers, whom it met",
		ArgsUsage: "NAME",
		Description: "relations lists the relations of NAME derived from the events --from, --to and --types\n" +
			"select: type, direction (→ NAME acted, ← NAME was the target, — symmetric), the other actor,\n" +
			"first and last date, number of events and of independent sources (syndicated copies once).\n" +
			"--as-of DATE shows the relations as they stood on DATE (the events up to it), and labels\n" +
			"each actor with the role it held on DATE (from the lexicon, or the code the documents gave\n" +
			"an actor the lexicon does not know).",
		Flags: append(queryFlags("table", "json"),
			asOfFlag("relations as they stood on `DATE` (same as --to DATE), actors labelled with their roles then"),
			lexiconFlag()),
		Action: runRelations,
	}
}

type jsonLink struct {
	Type      string   `json:"type"`
	Direction string   `json:"direction"`
	Other     string   `json:"other"`
	OtherID   string   `json:"other_id"`
	First     string   `json:"first"`
	Last      string   `json:"last"`
	Count     int      `json:"count"`
	Sources   int      `json:"sources"`
	Events    []string `json:"events"`
	OtherRole string   `json:"other_role,omitempty"` // with --as-of
}

var arrows = map[string]string{"out": "→", "in": "←", "both": "—"}

func runRelations(c *cli.Context) error {
	s, f, err := queryArgs(c, "NAME", 1, 1, "table", "json")
	if err != nil {
		return err
	}
	defer s.Close()
	labels, _, err := newRoleLabels(c)
	if err != nil {
		return err
	}
	if labels.date != "" {
		f.To = labels.date
	}
	a, ls, err := s.ActorRelations(f, c.Args().First())
	if err != nil {
		return err
	}
	rows := make([]jsonLink, 0, len(ls))
	for _, l := range ls {
		rows = append(rows, jsonLink{l.Type, l.Direction, l.Other.Name, l.Other.ID, l.First, l.Last, l.Count, l.Sources, l.Events, labels.of(l.Other)})
	}
	bw := bufio.NewWriter(c.App.Writer)
	if c.String("format") == "json" {
		out := map[string]any{"actor": a.Name, "actor_id": a.ID, "relations": rows}
		if labels.date != "" {
			out["as_of"], out["actor_role"] = labels.date, labels.of(a)
		}
		if err := printJSON(bw, out); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(rows) == 0 {
		fmt.Fprintf(bw, "no relations of %s found\n", a.Name)
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
	if labels.date != "" {
		fmt.Fprintf(bw, "relations of %s as of %s: %s\n", a.Name, labels.date, labels.of(a))
		fmt.Fprintln(tw, "TYPE\tDIR\tOTHER\tROLE ON "+labels.date+"\tFIRST\tLAST\tEVENTS\tSOURCES")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", r.Type, arrows[r.Direction], r.Other, r.OtherRole, dash(r.First), dash(r.Last), r.Count, r.Sources)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		return bw.Flush()
	}
	fmt.Fprintf(bw, "relations of %s\n", a.Name)
	fmt.Fprintln(tw, "TYPE\tDIR\tOTHER\tFIRST\tLAST\tEVENTS\tSOURCES")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", r.Type, arrows[r.Direction], r.Other, dash(r.First), dash(r.Last), r.Count, r.Sources)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}
