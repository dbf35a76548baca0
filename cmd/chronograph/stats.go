package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"
)

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count the documents, actors, events and relations in the store",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table or json"},
		},
		Action: runStats,
	}
}

func runStats(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, "table", "json"); err != nil {
		return err
	}
	if c.NArg() > 0 {
		return fmt.Errorf("stats: unexpected argument %q", c.Args().First())
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats()
	if err != nil {
		return err
	}
	if format == "json" {
		b, err := json.Marshal(st)
		if err != nil {
			return err
		}
		_, err = c.App.Writer.Write(append(b, '\n'))
		return err
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "documents\t%d\n", st.Documents)
	fmt.Fprintf(tw, "actors\t%d\n", st.Actors)
	fmt.Fprintf(tw, "events\t%d\n", st.Events)
	fmt.Fprintf(tw, "relations\t%d\n", st.Relations)
	return tw.Flush()
}
