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
			"oldest first: date, the other actor, place, the sentence that reports it and its document.\n" +
			"--from, --to and --types narrow them down. --as-of DATE shows the meetings up to DATE and\n" +
			"labels both actors with the role they held on DATE (from the lexicon, or the code the\n" +
			"documents gave an actor the lexicon does not know).",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table or json"},
			&cli.StringFlag{Name: "from", Usage: "only meetings on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
			&cli.StringFlag{Name: "to", Usage: "only meetings on or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
			&cli.StringFlag{Name: "types", Aliases: []string{"type"}, Usage: "only meetings of these `TYPES`, comma-separated (meet,visit,negotiate,mediate)"},
			asOfFlag("meetings up to `DATE`, each actor labelled with its role on DATE"),
			lexiconFlag(),
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
	// With --as-of, the roles of the actor and the other on that date.
	ActorRole string `json:"actor_role,omitempty"`
	OtherRole string `json:"other_role,omitempty"`
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
	labels, _, err := newRoleLabels(c)
	if err != nil {
		return err
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
	if labels.date != "" {
		f.To = labels.date
	}
	ms, err := s.Met(c.Args().Get(0), c.Args().Get(1))
	if err != nil {
		return err
	}
	rows := make([]jsonMeeting, 0, len(ms))
	for _, m := range ms {
		if !f.Match(&m.Event) {
			continue
		}
		r := jsonMeeting{Date: m.Event.Date, Actor: m.Actor.Name, Other: m.Other.Name, Place: m.Place, Type: m.Event.Type, Event: m.Event.ID,
			ActorRole: labels.of(m.Actor), OtherRole: labels.of(m.Other)}
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
	if labels.date != "" {
		fmt.Fprintf(bw, "%s as of %s: %s\n", rows[0].Actor, labels.date, rows[0].ActorRole)
		fmt.Fprintln(tw, "DATE\tWITH\tROLE ON "+labels.date+"\tPLACE\tSENTENCE\tDOC")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", dash(r.Date), dash(r.Other), r.OtherRole, dash(r.Place), cut(r.Sentence, 60), r.Doc)
		}
	} else {
		fmt.Fprintln(tw, "DATE\tWITH\tPLACE\tSENTENCE\tDOC")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", dash(r.Date), dash(r.Other), dash(r.Place), cut(r.Sentence, 80), r.Doc)
		}
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
