package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"
)

func metCommand() *cli.Command {
	return &cli.Command{
		Name:      "met",
		Usage:     "whom an actor met, when and where",
		ArgsUsage: "NAME [OTHER]",
		Description: "met lists the meetings (meet, visit, negotiate, mediate) of NAME, or of NAME with OTHER,\n" +
			"oldest first: date, the other actor, place, the sentence that reports it and its document.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table or json"},
		},
		Action: runMet,
	}
}

// jsonMeeting is one line of met --format json.
type jsonMeeting struct {
	Date     string `json:"date"`
	Actor    string `json:"actor"`
	Other    string `json:"other"`
	Place    string `json:"place"`
	Type     string `json:"type"`
	Sentence string `json:"sentence"`
	Doc      string `json:"doc"`
	Event    string `json:"event"`
}

func runMet(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, "table", "json"); err != nil {
		return err
	}
	if c.NArg() < 1 || c.NArg() > 2 {
		hint := ""
		for _, a := range c.Args().Slice() {
			if strings.HasPrefix(a, "-") {
				hint = " (flags go before NAME)"
			}
		}
		return fmt.Errorf("met: want NAME [OTHER], got %d arguments%s", c.NArg(), hint)
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	ms, err := s.Met(c.Args().Get(0), c.Args().Get(1))
	if err != nil {
		return err
	}
	rows := make([]jsonMeeting, 0, len(ms))
	for _, m := range ms {
		r := jsonMeeting{Date: m.Event.Date, Actor: m.Actor.Name, Other: m.Other.Name, Place: m.Place, Type: m.Event.Type, Event: m.Event.ID}
		if len(m.Event.Mentions) > 0 {
			r.Sentence = oneLine(m.Event.Mentions[0].Text)
			r.Doc = m.Event.Mentions[0].Doc
		}
		rows = append(rows, r)
	}
	bw := bufio.NewWriter(c.App.Writer)
	if format == "json" {
		b, err := json.MarshalIndent(rows, "", "  ")
		if err != nil {
			return err
		}
		bw.Write(append(b, '\n'))
		return bw.Flush()
	}
	if len(rows) == 0 {
		fmt.Fprintln(bw, "no meetings found")
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tWITH\tPLACE\tSENTENCE\tDOC")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", dash(r.Date), dash(r.Other), dash(r.Place), cut(r.Sentence, 80), r.Doc)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// oneLine collapses white space in s, so a sentence fits one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cut shortens s to about n runes, at a word boundary, with "…".
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	t := string(r[:n])
	if i := strings.LastIndexByte(t, ' '); i > n/2 {
		t = t[:i]
	}
	return t + "…"
}
