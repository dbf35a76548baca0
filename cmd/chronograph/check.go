package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "check that the store's records and indexes agree",
		Description: "check reads the whole store and checks its format version, that every record\n" +
			"decodes, and that documents, actors, events and their indexes point at each other.\n" +
			"It prints the counts and each problem found; the exit status is 1 if there is one.\n" +
			"It needs the store not to be in use by a writer.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table or json"},
		},
		Action: runCheck,
	}
}

func runCheck(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, "table", "json"); err != nil {
		return err
	}
	if c.NArg() > 0 {
		return fmt.Errorf("check: unexpected argument %q", c.Args().First())
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Check(c.Context)
	if err != nil {
		return err
	}
	if format == "json" {
		if res.Problems == nil {
			res.Problems = []string{}
		}
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		if _, err := c.App.Writer.Write(append(b, '\n')); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(c.App.Writer, 0, 8, 2, ' ', 0)
		fmt.Fprintf(tw, "format\t%d\n", res.Format)
		fmt.Fprintf(tw, "documents\t%d\n", res.Documents)
		fmt.Fprintf(tw, "actors\t%d\n", res.Actors)
		fmt.Fprintf(tw, "events\t%d\n", res.Events)
		fmt.Fprintf(tw, "keys\t%d\n", res.Keys)
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, p := range res.Problems {
			fmt.Fprintf(c.App.Writer, "problem: %s\n", p)
		}
		if res.OK() {
			fmt.Fprintln(c.App.Writer, "ok")
		}
	}
	if !res.OK() {
		return fmt.Errorf("check: %s in %s", plural(len(res.Problems), "problem"), s.Dir())
	}
	return nil
}
