package main

import (
	"bufio"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
)

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "analyse articles without storing them",
		ArgsUsage: "PATH... (files, directories, - for stdin)",
		Description: "extract prints one analysis per input document, in input order: with --format jsonl,\n" +
			"the analysis format of shared/eval/FORMAT.md; with --format table, one summary line each.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "jsonl", Usage: "output `FORMAT`: jsonl or table"},
			publishedFlag(),
			lexiconFlag(),
		},
		Action: runExtract,
	}
}

func runExtract(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, "jsonl", "table"); err != nil {
		return err
	}
	opts, err := readOptions(c)
	if err != nil {
		return err
	}
	if c.NArg() == 0 {
		return errors.New("extract: no input: give files, directories or - for stdin")
	}
	x, err := newExtractor(c)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(c.App.Writer)
	var emit func(*extract.Analysis) error
	var tw *tabwriter.Writer
	switch format {
	case "jsonl":
		emit = func(a *extract.Analysis) error { return extract.WriteJSONL(bw, a) }
	case "table":
		tw = tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPUBLISHED\tACTORS\tTIMEXES\tEVENTS\tDISCARDED\tORIGIN")
		emit = func(a *extract.Analysis) error {
			pub := a.Doc.Published
			if pub == "" {
				pub = "-"
			}
			_, err := fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\n", a.Doc.ID, pub, len(a.Actors), len(a.Timexes), len(a.Events), discardSummary(a), a.Doc.Origin)
			return err
		}
	}
	failed, err := analyseWith(c.Context, x, c.Args().Slice(), c.App.Reader, c.App.ErrWriter, opts, emit)
	if tw != nil {
		if ferr := tw.Flush(); err == nil {
			err = ferr
		}
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return failedError(failed)
	}
	return nil
}

// discardSummary says what the discard list kept from yielding events:
// "-", "document (obituary)" or "2 sentences (sports)".
func discardSummary(a *extract.Analysis) string {
	if len(a.Discarded) == 0 {
		return "-"
	}
	var kinds []string
	for _, d := range a.Discarded {
		if !slices.Contains(kinds, d.Kind) {
			kinds = append(kinds, d.Kind)
		}
	}
	if len(a.Discarded) == 1 && a.Discarded[0].Span == a.Doc.Body {
		return "document (" + kinds[0] + ")"
	}
	n := "1 sentence"
	if len(a.Discarded) > 1 {
		n = fmt.Sprintf("%d sentences", len(a.Discarded))
	}
	return n + " (" + strings.Join(kinds, ",") + ")"
}
