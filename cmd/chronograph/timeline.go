package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/graph"
	"github.com/chronograph/chronograph/timeline"
)

func timelineCommand() *cli.Command {
	return &cli.Command{
		Name:  "timeline",
		Usage: "events in date order, by date",
		Description: "timeline lists the stored events --actor, --from, --to and --types select, one entry\n" +
			"per date, oldest first; undated events come last. --format dot and svg draw one lane\n" +
			"per actor along a date axis; html is a page with filters; timelinejs is for TimelineJS.",
		Flags: append([]cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: " + strings.Join(timeline.WriteFormats, ", ")},
			&cli.IntFlag{Name: "lanes", Usage: fmt.Sprintf("dot, svg: `N` actor lanes, the busiest actors (0: %d, -1: all)", timeline.DefaultLanes)},
			&cli.StringFlag{Name: "group", Usage: "timelinejs: group events by `BY`: type or actor"},
			&cli.IntFlag{Name: "top", Usage: fmt.Sprintf("html: the actor graph keeps the `N` actors with the most relations (0: %d, -1: all)", graph.DefaultTop)},
		}, filterFlags()...),
		Action: runTimeline,
	}
}

func runTimeline(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, timeline.WriteFormats...); err != nil {
		return err
	}
	if c.NArg() > 0 {
		return fmt.Errorf("timeline: unexpected argument %q (use --actor NAME)", c.Args().First())
	}
	if g := c.String("group"); g != "" && g != "type" && g != "actor" {
		return fmt.Errorf("--group: unknown value %q (want type or actor)", g)
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
	return timeline.WriteWith(c.App.Writer, t, format, timeline.WriteOptions{Lanes: c.Int("lanes"), Group: c.String("group"), Top: c.Int("top")})
}
