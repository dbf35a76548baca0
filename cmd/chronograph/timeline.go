package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/timeline"
)

func timelineCommand() *cli.Command {
	return &cli.Command{
		Name:  "timeline",
		Usage: "events in date order, by date",
		Description: "timeline lists the stored events --actor, --from, --to and --types select, one entry\n" +
			"per date, oldest first; undated events come last.",
		Flags: append([]cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table, json or dot"},
		}, filterFlags()...),
		Action: runTimeline,
	}
}

func runTimeline(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, timeline.Formats...); err != nil {
		return err
	}
	if c.NArg() > 0 {
		return fmt.Errorf("timeline: unexpected argument %q (use --actor NAME)", c.Args().First())
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := filter(c, s)
	if err != nil {
		return err
	}
	t, err := timeline.Load(s, f)
	if err != nil {
		return err
	}
	return timeline.Write(c.App.Writer, t, format)
}
