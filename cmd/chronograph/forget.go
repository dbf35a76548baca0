package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"
)

func forgetCommand() *cli.Command {
	return &cli.Command{
		Name:      "forget",
		Usage:     "remove documents and exactly what only they supported",
		ArgsUsage: "DOC...",
		Description: "forget removes each document DOC (its id, as ingest stored it), its reports of events,\n" +
			"the events no other document reports and the actors no other document names. Events other\n" +
			"documents also report stay, with their remaining reports. Ingesting DOC again restores the\n" +
			"same graph.",
		Flags:  []cli.Flag{dbFlag()},
		Action: runForget,
	}
}

func runForget(c *cli.Context) error {
	if c.NArg() == 0 {
		return errors.New("forget: want DOC..., got no arguments")
	}
	s, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	failed := 0
	for _, doc := range c.Args().Slice() {
		res, err := s.ForgetDocument(doc)
		if err != nil {
			fmt.Fprintf(c.App.ErrWriter, "chronograph: %v\n", err)
			failed++
			continue
		}
		fmt.Fprintf(c.App.Writer, "forgot %s: %s removed, %d kept with other reports, %s removed\n",
			doc, plural(res.Events, "event"), res.Kept, plural(res.Actors, "actor"))
	}
	if err := s.Close(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%s not found", plural(failed, "document"))
	}
	return nil
}
