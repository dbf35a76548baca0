package main

import (
	"bufio"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/extract/lexicon"
	"github.com/chronograph/chronograph/graph"
)

// asOfFlag is the --as-of flag of the queries that label actors with the
// role they held on a date.
func asOfFlag(usage string) *cli.StringFlag {
	return &cli.StringFlag{Name: "as-of", Usage: usage}
}

// asOf returns c's --as-of date, checked, or "".
func asOf(c *cli.Context) (string, error) {
	d := c.String("as-of")
	if d != "" && !validBound(d) {
		return "", fmt.Errorf("--as-of: invalid date %q: want YYYY, YYYY-MM or YYYY-MM-DD", d)
	}
	return d, nil
}

// roleLabels labels actors with their roles on a date, from the built-in
// lexicon and c's --lexicon files. Its zero value labels nothing.
type roleLabels struct {
	date  string
	roles *graph.Roles
}

// newRoleLabels returns the labels of c's --as-of date; without one they
// are all "".
func newRoleLabels(c *cli.Context) (roleLabels, *lexicon.Lexicon, error) {
	date, err := asOf(c)
	if err != nil || date == "" {
		return roleLabels{}, nil, err
	}
	lex, err := userLexicon(c.StringSlice("lexicon"))
	if err != nil {
		return roleLabels{}, nil, err
	}
	return roleLabels{date: date, roles: graph.NewRoles(lex)}, lex, nil
}

// of returns a's roles on the date, for a table or JSON: "" without
// --as-of, "-" when a held none then.
func (l roleLabels) of(a extract.Actor) string {
	if l.roles == nil {
		return ""
	}
	return dash(l.roles.Label(a, l.date))
}

// onOrBefore reports whether the event date d lies on or before the bound
// (YYYY, YYYY-MM or YYYY-MM-DD), compared on their common prefix as --to
// does. Undated events are not.
func onOrBefore(d, bound string) bool {
	if !graph.Dated(d) {
		return false
	}
	n := min(len(d), len(bound))
	return d[:n] <= bound[:n]
}

// countryCode returns the ISO alpha-3 code of a country given by its code,
// name or alias, ignoring case, or s itself when lex does not know it.
func countryCode(lex *lexicon.Lexicon, s string) string {
	if lex == nil {
		return s
	}
	for _, c := range lex.Countries {
		if strings.EqualFold(c.Code, s) || strings.EqualFold(c.Name, s) {
			return c.Code
		}
		for _, a := range c.Aliases {
			if strings.EqualFold(a, s) {
				return c.Code
			}
		}
	}
	return s
}

// roleJSON returns r as actor and actors print it.
func roleJSON(r graph.Role) jsonRole {
	j := jsonRole{Country: r.Country, Office: r.Office, Code: r.Code, From: r.From, To: r.To}
	if r.FromDocuments {
		j.Source = "documents"
	}
	return j
}

// jsonHolder is one row of actors --as-of: an actor with a role on the
// date, and its counts in the store (0 when the store does not have it).
type jsonHolder struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	jsonRole
	Documents int  `json:"documents"`
	Events    int  `json:"events"`
	Stored    bool `json:"stored"`
}

// runActorsAsOf is actors --as-of DATE [--office O] [--country C] [QUERY];
// runActors has checked the format and the arguments.
func runActorsAsOf(c *cli.Context) error {
	format := c.String("format")
	labels, lex, err := newRoleLabels(c)
	if err != nil {
		return err
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	stored, err := s.ActorSummaries(graph.ActorFilter{})
	if err != nil {
		return err
	}
	byID := map[string]graph.ActorSummary{}
	for _, a := range stored {
		byID[a.ID] = a
	}
	country := countryCode(lex, c.String("country"))
	query := strings.ToLower(c.Args().First())
	matches := func(id, name string) bool {
		return query == "" || strings.Contains(strings.ToLower(id), query) || strings.Contains(strings.ToLower(name), query)
	}
	rows := []jsonHolder{}
	for _, h := range labels.roles.Holders(labels.date, c.String("office"), country) {
		if !matches(h.ID, h.Name) {
			continue
		}
		r := jsonHolder{ID: h.ID, Name: h.Name, jsonRole: roleJSON(h.Role)}
		if a, ok := byID[h.ID]; ok {
			r.Documents, r.Events, r.Stored = a.Documents, a.Events, true
		}
		rows = append(rows, r)
	}
	if country != "" && c.String("office") == "" {
		// stored actors of the country the lexicon gives no role
		for _, a := range stored {
			if _, known := labels.roles.Person(a.ID); known || !strings.HasPrefix(a.Code, strings.ToUpper(country)) || !matches(a.ID, a.Name) {
				continue
			}
			for _, role := range labels.roles.On(a.Actor, labels.date) {
				rows = append(rows, jsonHolder{ID: a.ID, Name: a.Name, jsonRole: roleJSON(role),
					Documents: a.Documents, Events: a.Events, Stored: true})
			}
		}
	}
	bw := bufio.NewWriter(c.App.Writer)
	if format == "json" {
		if err := writeJSON(bw, rows); err != nil {
			return err
		}
		return bw.Flush()
	}
	if len(rows) == 0 {
		fmt.Fprintf(bw, "no one held such an office on %s\n", labels.date)
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCOUNTRY\tOFFICE\tCODE\tFROM\tTO\tDOCS\tEVENTS")
	for _, r := range rows {
		office, docs, events := dash(r.Office), "-", "-"
		if r.Source == "documents" {
			office = "(code from documents)"
		}
		if r.Stored {
			docs, events = fmt.Sprint(r.Documents), fmt.Sprint(r.Events)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, dash(r.Country), office, dash(r.Code),
			dash(r.From), dash(r.To), docs, events)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}
