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
		Usage: "dated entries of a topic, an actor or a pair, scored by how much each date matters",
		Description: "timeline lists the stored events --actor, --pair, --from, --to and --types select, one\n" +
			"entry per date (--by day, week or month), oldest first; undated events come last. Each\n" +
			"entry has a score: documents mentioning the date (more when they were published weeks\n" +
			"after it), documents published on it, and the sources and types of its events.\n" +
			"--key-dates K keeps the K entries that matter most (docs/timelines.md). --format dot and\n" +
			"svg draw one lane per actor along a date axis; html is a page with filters; timelinejs is\n" +
			"for TimelineJS.",
		ArgsUsage: "[--pair A B]",
		Flags: append([]cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: " + strings.Join(timeline.WriteFormats, ", ")},
			&cli.StringSliceFlag{Name: "pair", Usage: "only events between the actors `A B` (--pair A B, or --pair A,B)"},
			&cli.StringFlag{Name: "by", Value: "day", Usage: "entries by `UNIT`: " + strings.Join(timeline.Granularities, ", ")},
			&cli.IntFlag{Name: "key-dates", Usage: "keep the `K` entries with the highest scores (0: all)"},
			&cli.BoolFlag{Name: "undated", Usage: "with --key-dates: let the entry of undated events be a key date"},
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
	pair := c.StringSlice("pair")
	args := c.Args().Slice()
	if len(pair) == 1 && len(args) > 0 {
		pair, args = append(pair, args[0]), args[1:]
	}
	if len(args) > 0 {
		return fmt.Errorf("timeline: unexpected argument %q (use --actor NAME)", args[0])
	}
	if len(pair) > 0 && len(pair) != 2 {
		return fmt.Errorf("--pair: want two actors (--pair A B), got %d", len(pair))
	}
	if g := c.String("group"); g != "" && g != "type" && g != "actor" {
		return fmt.Errorf("--group: unknown value %q (want type or actor)", g)
	}
	if err := checkFormat(c.String("by"), timeline.Granularities...); err != nil {
		return fmt.Errorf("--by: unknown unit %q (want %s)", c.String("by"), strings.Join(timeline.Granularities, ", "))
	}
	if k := c.Int("key-dates"); k < 0 {
		return fmt.Errorf("--key-dates: want a number of dates, got %d", k)
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
	for _, name := range pair {
		id, err := resolveActor(s, name)
		if err != nil {
			return err
		}
		f.Actors = append(f.Actors, id)
	}
	t, err := timeline.New(s, f, timeline.Options{By: c.String("by"), KeyDates: c.Int("key-dates"), Undated: c.Bool("undated")})
	if err != nil {
		return err
	}
	return timeline.WriteWith(c.App.Writer, t, format, timeline.WriteOptions{Lanes: c.Int("lanes"), Group: c.String("group"), Top: c.Int("top")})
}
