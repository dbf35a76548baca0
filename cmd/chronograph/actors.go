package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/extract/lexicon"
	"github.com/chronograph/chronograph/graph"
)

// actorKinds are the values --kind takes.
var actorKinds = []string{
	extract.KindPerson, extract.KindCountry, extract.KindGovernment, extract.KindOrganisation,
	extract.KindArmedGroup, extract.KindMedia, extract.KindPlace, extract.KindUnknown,
}

func actorsCommand() *cli.Command {
	return &cli.Command{
		Name:      "actors",
		Usage:     "list the actors in the store",
		ArgsUsage: "[QUERY]",
		Description: "actors lists the stored actors, or those whose id, name or alias matches QUERY (a\n" +
			"surname finds the person), with the documents that mention them and the events they take\n" +
			"part in, most events first.\n\n" +
			"--as-of DATE lists instead who held an office on DATE: the people of the lexicon (the\n" +
			"built-in one and --lexicon files) with a role then, narrowed by --office and --country\n" +
			"(ISO code or name), with their documents and events when the store has them. With\n" +
			"--country and no --office, stored actors the lexicon gives no role are listed too, with\n" +
			"the code the documents gave them:\n" +
			"  chronograph actors --as-of 2011-02-20 --office \"foreign minister\" --country Libya",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table or json"},
			&cli.StringSliceFlag{Name: "kind", Usage: "only actors of these `KINDS`, comma-separated (" + strings.Join(actorKinds, ", ") + ")"},
			asOfFlag("who held an office on `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"),
			&cli.StringFlag{Name: "office", Usage: "with --as-of: only holders of the `OFFICE` (\"foreign minister\", president, …)"},
			&cli.StringFlag{Name: "country", Usage: "with --as-of: only offices of the `COUNTRY` (LBY or Libya)"},
			lexiconFlag(),
		},
		Action: runActors,
	}
}

// jsonActor is one element of actors --format json.
type jsonActor struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Code      string   `json:"code"`
	Aliases   []string `json:"aliases"`
	Documents int      `json:"documents"`
	Events    int      `json:"events"`
}

func runActors(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, "table", "json"); err != nil {
		return err
	}
	if c.NArg() > 1 {
		return fmt.Errorf("actors: want at most one QUERY, got %d arguments (quote a name of several words)", c.NArg())
	}
	if c.String("as-of") != "" {
		return runActorsAsOf(c)
	}
	for _, name := range []string{"office", "country"} {
		if c.String(name) != "" {
			return fmt.Errorf("--%s: needs --as-of DATE", name)
		}
	}
	f := graph.ActorFilter{Query: c.Args().First()}
	for _, k := range c.StringSlice("kind") {
		k = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(k), "-", " "), "_", " ")
		if !slices.Contains(actorKinds, k) {
			return fmt.Errorf("--kind: unknown actor kind %q (want %s)", k, strings.Join(actorKinds, ", "))
		}
		f.Kinds = append(f.Kinds, k)
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	as, err := s.ActorSummaries(f)
	if err != nil {
		return err
	}
	rows := make([]jsonActor, 0, len(as))
	for _, a := range as {
		rows = append(rows, jsonActor{ID: a.ID, Name: a.Name, Kind: a.Kind, Code: a.Code,
			Aliases: nonNil(a.Aliases), Documents: a.Documents, Events: a.Events})
	}
	bw := bufio.NewWriter(c.App.Writer)
	if format == "json" {
		if err := writeJSON(bw, rows); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(rows) == 0 {
		fmt.Fprintln(bw, "no actors found")
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tKIND\tCODE\tDOCS\tEVENTS\tALIASES")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", r.ID, r.Name, r.Kind, dash(r.Code), r.Documents, r.Events,
			dash(cut(strings.Join(r.Aliases, ", "), 60)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

func actorCommand() *cli.Command {
	return &cli.Command{
		Name:      "actor",
		Usage:     "show one actor: roles, events and relations",
		ArgsUsage: "NAME",
		Description: "actor shows the actor best matching NAME (an id, name, alias or surname): its code,\n" +
			"aliases, its dated roles from the lexicon (the built-in one and --lexicon files), the\n" +
			"events it takes part in, oldest first, and its relations with other actors. --as-of DATE\n" +
			"shows only the roles it held on DATE; an actor the lexicon gives no role shows the code\n" +
			"the documents gave it.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table or json"},
			lexiconFlag(),
			asOfFlag("only the roles held on `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"),
		},
		Action: runActor,
	}
}

// jsonProfile is the output of actor --format json.
type jsonProfile struct {
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	Kind      string         `json:"kind"`
	Code      string         `json:"code"`
	Aliases   []string       `json:"aliases"`
	Documents int            `json:"documents"`
	AsOf      string         `json:"as_of,omitempty"` // --as-of: Roles are those held then
	Roles     []jsonRole     `json:"roles"`
	Events    []jsonEvent    `json:"events"`
	Relations []jsonRelation `json:"relations"`
}

// jsonRole is a dated role of a person in the lexicon; from and to are
// YYYY-MM-DD, "" when open.
type jsonRole struct {
	Country string `json:"country"`
	Office  string `json:"office"`
	Code    string `json:"code"`
	From    string `json:"from"`
	To      string `json:"to"`
	// Source is "documents" for the code the documents gave an actor the
	// lexicon knows no role of (actor --as-of); empty for lexicon roles.
	Source string `json:"source,omitempty"`
}

// jsonEvent is an event of actor --format json, seen from the actor: its
// role ("source", "target" or, in symmetric events, "party") and the other
// participants by name.
type jsonEvent struct {
	Date     string   `json:"date"`
	Type     string   `json:"type"`
	Role     string   `json:"role"`
	With     []string `json:"with"`
	Negated  bool     `json:"negated"`
	Place    string   `json:"place,omitempty"`
	Sentence string   `json:"sentence"`
	Doc      string   `json:"doc"`
	Event    string   `json:"event"`
}

// jsonRelation is a relation of actor --format json: direction is "out"
// (the actor is the source), "in" (the target) or "both" (symmetric types).
type jsonRelation struct {
	Type      string `json:"type"`
	With      string `json:"with"`
	Direction string `json:"direction"`
	First     string `json:"first"`
	Last      string `json:"last"`
	Count     int    `json:"count"`
}

func runActor(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, "table", "json"); err != nil {
		return err
	}
	if c.NArg() != 1 {
		return fmt.Errorf("actor: want one NAME, got %d arguments (quote a name of several words)", c.NArg())
	}
	date, err := asOf(c)
	if err != nil {
		return err
	}
	lex, err := userLexicon(c.StringSlice("lexicon"))
	if err != nil {
		return err
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.Profile(c.Args().First())
	if err != nil {
		return err
	}
	out := profileJSON(p, lex)
	if date != "" {
		out.AsOf, out.Roles = date, []jsonRole{}
		for _, r := range graph.NewRoles(lex).On(p.Summary.Actor, date) {
			out.Roles = append(out.Roles, roleJSON(r))
		}
	}
	bw := bufio.NewWriter(c.App.Writer)
	if format == "json" {
		if err := writeJSON(bw, out); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := writeProfile(bw, out); err != nil {
		return err
	}
	return bw.Flush()
}

// userLexicon returns the built-in lexicon with the user lexicon files
// added; an error names the file (and line).
func userLexicon(files []string) (*lexicon.Lexicon, error) {
	lex, err := lexicon.Builtin()
	if err != nil || len(files) == 0 {
		return lex, err
	}
	lex = lex.Clone()
	for _, f := range files {
		if err := lex.AddFile(f); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", f, err)
		}
	}
	return lex, nil
}

// profileJSON returns p as actor prints it, with the roles lex gives the
// actor (a person of the same id) in date order.
func profileJSON(p *graph.ActorProfile, lex *lexicon.Lexicon) jsonProfile {
	a := p.Summary
	out := jsonProfile{ID: a.ID, Name: a.Name, Kind: a.Kind, Code: a.Code, Aliases: nonNil(a.Aliases),
		Documents: a.Documents, Roles: []jsonRole{}, Events: []jsonEvent{}, Relations: []jsonRelation{}}
	for _, person := range lex.People {
		if person.ID == a.ID {
			for _, r := range person.Roles {
				out.Roles = append(out.Roles, jsonRole{Country: r.Country, Office: r.Office, Code: r.Code, From: r.From, To: r.To})
			}
		}
	}
	sort.SliceStable(out.Roles, func(i, j int) bool { return out.Roles[i].From < out.Roles[j].From })
	name := func(id string) string {
		if o, ok := p.Others[id]; ok {
			return o.Name
		}
		return id
	}
	for _, e := range p.Events {
		je := jsonEvent{Date: e.Date, Type: e.Type, Negated: e.Negated, With: []string{}, Event: e.ID}
		t, _ := extract.LookupType(e.Type)
		var others []string
		switch {
		case t.Symmetric:
			je.Role = "party"
			others = append(slices.Clone(e.Source), e.Target...)
		case slices.Contains(e.Source, a.ID):
			je.Role = "source"
			others = e.Target
		default:
			je.Role = "target"
			others = e.Source
		}
		for _, id := range others {
			if id != a.ID && id != "" && !slices.Contains(je.With, name(id)) {
				je.With = append(je.With, name(id))
			}
		}
		if e.Location != "" {
			je.Place = name(e.Location)
		}
		if len(e.Mentions) > 0 {
			je.Sentence = oneLine(e.Mentions[0].Text)
			je.Doc = e.Mentions[0].Doc
		}
		out.Events = append(out.Events, je)
	}
	for _, r := range p.Relations {
		jr := jsonRelation{Type: r.Type, First: r.First, Last: r.Last, Count: r.Count}
		t, _ := extract.LookupType(r.Type)
		switch {
		case t.Symmetric:
			jr.Direction = "both"
			jr.With = name(r.Source)
			if r.Source == a.ID {
				jr.With = name(r.Target)
			}
		case r.Source == a.ID:
			jr.Direction, jr.With = "out", name(r.Target)
		default:
			jr.Direction, jr.With = "in", name(r.Source)
		}
		out.Relations = append(out.Relations, jr)
	}
	// most frequent relations first, then by type and name
	sort.SliceStable(out.Relations, func(i, j int) bool {
		x, y := out.Relations[i], out.Relations[j]
		if x.Count != y.Count {
			return x.Count > y.Count
		}
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		return x.With < y.With
	})
	return out
}

// writeProfile writes p as a table: the actor's fields, then its roles,
// events and relations, each section left out when empty.
func writeProfile(w io.Writer, p jsonProfile) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "id\t%s\n", p.ID)
	fmt.Fprintf(tw, "name\t%s\n", p.Name)
	fmt.Fprintf(tw, "kind\t%s\n", p.Kind)
	fmt.Fprintf(tw, "code\t%s\n", dash(p.Code))
	fmt.Fprintf(tw, "aliases\t%s\n", dash(strings.Join(p.Aliases, ", ")))
	fmt.Fprintf(tw, "documents\t%d\n", p.Documents)
	fmt.Fprintf(tw, "events\t%d\n", len(p.Events))
	if err := tw.Flush(); err != nil {
		return err
	}
	if p.AsOf != "" && len(p.Roles) == 0 {
		fmt.Fprintf(tw, "\nROLES ON %s\nnone\n", p.AsOf)
	}
	if len(p.Roles) > 0 {
		if p.AsOf != "" {
			fmt.Fprintf(tw, "\nROLES ON %s\nFROM\tTO\tCOUNTRY\tOFFICE\tCODE\n", p.AsOf)
		} else {
			fmt.Fprint(tw, "\nROLES\nFROM\tTO\tCOUNTRY\tOFFICE\tCODE\n")
		}
		for _, r := range p.Roles {
			office := dash(r.Office)
			if r.Source == "documents" {
				office = "(code from documents)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", dash(r.From), dash(r.To), dash(r.Country), office, dash(r.Code))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(p.Events) > 0 {
		fmt.Fprint(tw, "\nEVENTS\nDATE\tTYPE\tWITH\tSENTENCE\tDOC\n")
		for _, e := range p.Events {
			typ := e.Type
			if e.Negated {
				typ = "not " + typ
			}
			with := strings.Join(e.With, ", ")
			switch {
			case with == "":
			case e.Role == "source":
				with = "→ " + with
			case e.Role == "target":
				with = "← " + with
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", dateOrUndated(e.Date), typ, dash(with), cut(e.Sentence, 70), dash(e.Doc))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(p.Relations) > 0 {
		fmt.Fprint(tw, "\nRELATIONS\nTYPE\tWITH\tDATES\tCOUNT\n")
		for _, r := range p.Relations {
			with := r.With
			switch r.Direction {
			case "out":
				with = "→ " + with
			case "in":
				with = "← " + with
			}
			dates := "undated"
			switch {
			case r.First != "" && r.First == r.Last:
				dates = r.First
			case r.First != "":
				dates = r.First + ".." + r.Last
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", r.Type, with, dates, r.Count)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// dateOrUndated returns d, or "undated" when d is not a calendar date, as
// timeline prints it.
func dateOrUndated(d string) string {
	if !graph.Dated(d) {
		return "undated"
	}
	return d
}

// writeJSON writes v as indented JSON and a newline.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// nonNil returns ss, or an empty slice for nil, so that JSON shows [].
func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
