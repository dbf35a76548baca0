package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// dbFlag is the --db flag every store command takes.
func dbFlag() *cli.StringFlag {
	return &cli.StringFlag{
		Name:    "db",
		Usage:   "store directory",
		EnvVars: []string{"CHRONOGRAPH_DB"},
		Value:   graph.DefaultDir(),
	}
}

func publishedFlag() *cli.StringFlag {
	return &cli.StringFlag{
		Name:  "published",
		Usage: "publication date `YYYY-MM-DD` for documents that carry none",
	}
}

// lexiconFlag is the --lexicon flag of the commands that extract or show
// actors: user lexicon files that add to or override the built-in lexicon.
func lexiconFlag() *cli.StringSliceFlag {
	return &cli.StringSliceFlag{
		Name:  "lexicon",
		Usage: "user lexicon `FILE` (people.tsv, organisations.tsv, …; see docs/lexicon.md); repeatable",
	}
}

// filterFlags select events by actor, date and type.
func filterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "actor", Usage: "only events of the actor `NAME` (repeat for events of all of them)"},
		&cli.StringFlag{Name: "from", Usage: "only events on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
		&cli.StringFlag{Name: "to", Usage: "only events on or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
		&cli.StringFlag{Name: "types", Usage: "only events of these `TYPES`, comma-separated (meet,accuse,…)"},
	}
}

// readOptions returns the intake options of c's flags.
func readOptions(c *cli.Context) (extract.ReadOptions, error) {
	pub := c.String("published")
	if pub != "" {
		if _, err := extract.ParseDate(pub); err != nil {
			return extract.ReadOptions{}, fmt.Errorf("--published: %w", err)
		}
	}
	return extract.ReadOptions{Published: pub}, nil
}

// checkFormat returns an error unless format is one of formats.
func checkFormat(format string, formats ...string) error {
	if !slices.Contains(formats, format) {
		return fmt.Errorf("--format: unknown format %q (want %s)", format, strings.Join(formats, ", "))
	}
	return nil
}

// openStore opens the store of c's --db flag; read commands open it
// read-only and need it to exist.
func openStore(c *cli.Context, readOnly bool) (*graph.Store, error) {
	dir := c.String("db")
	if dir == "" {
		return nil, errors.New("no store directory: give --db DIR or set CHRONOGRAPH_DB")
	}
	if readOnly {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s (run chronograph ingest --db %s first)", dir, dir)
		}
	}
	return graph.Open(dir, &graph.Options{ReadOnly: readOnly})
}

// filter returns the event filter of c's flags, resolving actor names with s.
func filter(c *cli.Context, s *graph.Store) (graph.Filter, error) {
	var f graph.Filter
	for _, name := range c.StringSlice("actor") {
		id, err := resolveActor(s, name)
		if err != nil {
			return f, err
		}
		f.Actors = append(f.Actors, id)
	}
	for _, flag := range []string{"from", "to"} {
		d := c.String(flag)
		if d != "" && !validBound(d) {
			return f, fmt.Errorf("--%s: invalid date %q: want YYYY, YYYY-MM or YYYY-MM-DD", flag, d)
		}
	}
	f.From, f.To = c.String("from"), c.String("to")
	if n := min(len(f.From), len(f.To)); n > 0 && f.From[:n] > f.To[:n] {
		return f, fmt.Errorf("--from %s is after --to %s", f.From, f.To)
	}
	for _, t := range strings.Split(c.String("types"), ",") {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if _, ok := extract.LookupType(t); !ok {
			return f, fmt.Errorf("--types: unknown event type %q", t)
		}
		f.Types = append(f.Types, t)
	}
	return f, nil
}

// resolveActor returns the id of the actor best matching name.
func resolveActor(s *graph.Store, name string) (string, error) {
	as, err := s.FindActors(name)
	if err != nil {
		return "", err
	}
	if len(as) == 0 {
		return "", fmt.Errorf("no actor matches %q", name)
	}
	return as[0].ID, nil
}

// validBound reports whether d is YYYY, YYYY-MM or YYYY-MM-DD.
func validBound(d string) bool {
	switch len(d) {
	case 4:
		_, err := extract.ParseDate(d + "-01-01")
		return err == nil
	case 7:
		_, err := extract.ParseDate(d + "-01")
		return err == nil
	case 10:
		_, err := extract.ParseDate(d)
		return err == nil
	}
	return false
}

// plural returns "1 document" or "2 documents".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
