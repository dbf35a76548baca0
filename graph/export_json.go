package graph

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/chronograph/chronograph/extract"
)

type nlNode struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Code    string   `json:"code"`
	Aliases []string `json:"aliases"`
}

type nlLink struct {
	Source    string   `json:"source"`
	Target    string   `json:"target"`
	Key       string   `json:"key"`
	Type      string   `json:"type"`
	First     string   `json:"first"`
	Last      string   `json:"last"`
	Count     int      `json:"count"`
	Sources   int      `json:"sources"`
	Events    []string `json:"events"`
	Documents []string `json:"documents"`
}

type nodeLink struct {
	Directed   bool           `json:"directed"`
	Multigraph bool           `json:"multigraph"`
	Graph      map[string]any `json:"graph"`
	Nodes      []nlNode       `json:"nodes"`
	Links      []nlLink       `json:"links"`
}

func writeNodeLink(w io.Writer, d ExportData) error {
	v := newView(d)
	out := nodeLink{Directed: true, Multigraph: true, Graph: map[string]any{"name": "chronograph"},
		Nodes: []nlNode{}, Links: []nlLink{}}
	for _, a := range v.nodes {
		out.Nodes = append(out.Nodes, nlNode{a.ID, a.Name, a.Kind, a.Code, nonNil(a.Aliases)})
	}
	for i, r := range v.rels {
		out.Links = append(out.Links, nlLink{r.Source, r.Target, r.Type, r.Type, r.First, r.Last, r.Count,
			len(v.docs[i]), r.Events, nonNil(v.docs[i])})
	}
	return json.NewEncoder(w).Encode(out)
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// An eventRow is one line of the "jsonl" export.
type eventRow struct {
	ID          string   `json:"id"`
	Date        string   `json:"date"`
	DateEnd     string   `json:"date_end"`
	FirstDay    string   `json:"first_day"`
	LastDay     string   `json:"last_day"`
	Granularity string   `json:"granularity"`
	Type        string   `json:"type"`
	CAMEO       string   `json:"cameo"`
	PLOVER      string   `json:"plover"`
	Source      string   `json:"source"`
	Target      string   `json:"target"`
	SourceIDs   string   `json:"source_ids"`
	TargetIDs   string   `json:"target_ids"`
	SourceCodes string   `json:"source_codes"`
	TargetCodes string   `json:"target_codes"`
	Negated     bool     `json:"negated"`
	Outcome     string   `json:"outcome"`
	Modality    string   `json:"modality"`
	Location    string   `json:"location"`
	LocationID  string   `json:"location_id"`
	Confidence  float64  `json:"confidence"`
	Documents   []string `json:"documents"`
	Sources     int      `json:"sources"`
	Mentions    int      `json:"mentions"`
	Published   string   `json:"published"`
	Sentence    string   `json:"sentence"`
	Rule        string   `json:"rule"`
}

func join(ids []string, am map[string]extract.Actor, field func(extract.Actor) string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = field(actorOf(am, id))
	}
	return strings.Join(parts, ";")
}

func newEventRow(e *extract.Event, am map[string]extract.Actor) eventRow {
	name := func(a extract.Actor) string { return a.Name }
	code := func(a extract.Actor) string { return a.Code }
	row := eventRow{
		ID: e.ID, Date: e.Date, DateEnd: e.DateEnd, Granularity: Granularity(e.Date), Type: e.Type, CAMEO: e.CAMEO, PLOVER: e.PLOVER,
		Source: join(e.Source, am, name), Target: join(e.Target, am, name),
		SourceIDs: strings.Join(e.Source, ";"), TargetIDs: strings.Join(e.Target, ";"),
		SourceCodes: join(e.Source, am, code), TargetCodes: join(e.Target, am, code),
		Negated: e.Negated, Outcome: e.Outcome, Modality: e.Modality,
		LocationID: e.Location, Confidence: e.Confidence, Documents: DocIDs(*e), Mentions: len(e.Mentions),
	}
	row.FirstDay, row.LastDay, _ = EventSpan(e)
	if e.Location != "" {
		row.Location = actorOf(am, e.Location).Name
	}
	row.Sources = Sources(*e) // independent reports: syndicated copies count once
	if len(e.Mentions) > 0 {
		m := e.Mentions[0]
		row.Published, row.Sentence, row.Rule = m.Published, m.Text, m.Rule
	}
	return row
}

func writeJSONL(w io.Writer, d ExportData) error {
	enc := json.NewEncoder(w)
	for i := range d.Events {
		if err := enc.Encode(newEventRow(&d.Events[i], d.Actors)); err != nil {
			return err
		}
	}
	return nil
}
