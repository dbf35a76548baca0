package timeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// A Source gives the events and actors a timeline is built from.
// *graph.Store implements it.
type Source interface {
	Events(f graph.Filter) ([]extract.Event, error)
	Actors() ([]extract.Actor, error)
}

// An Entry is one date of a timeline with the events on it.
type Entry struct {
	Date    string  // TIMEX3 date of the events, or "" for undated events
	Score   float64 // how much the date matters: events plus distinct documents
	Summary string  // the sentence of the entry's weightiest event, trimmed
	Events  []extract.Event
	// Mentions is the number of documents whose text mentions the date
	// (see [Compose]); 0 from [Build].
	Mentions int
}

// A Timeline is a list of dated entries, with the actors their events name.
type Timeline struct {
	Entries []Entry
	Actors  map[string]extract.Actor // by id
}

// Load builds the timeline of the events src selects with f.
func Load(src Source, f graph.Filter) (Timeline, error) {
	evs, m, err := load(src, f)
	if err != nil {
		return Timeline{}, err
	}
	return Build(evs, m), nil
}

// An ActorSource gives the actors with the given ids. *graph.Store
// implements it; [Load] and [New] then read only the actors of the
// events they show, not every actor.
type ActorSource interface {
	ActorsByID(ids []string) (map[string]extract.Actor, error)
}

var _ ActorSource = (*graph.Store)(nil)

// load returns the events src selects with f and their actors by id: those
// of the events and their places when src is an [ActorSource], else all.
func load(src Source, f graph.Filter) ([]extract.Event, map[string]extract.Actor, error) {
	evs, err := src.Events(f)
	if err != nil {
		return nil, nil, err
	}
	if as, ok := src.(ActorSource); ok {
		var ids []string
		for i := range evs {
			ids = append(append(append(ids, evs[i].Source...), evs[i].Target...), evs[i].Location)
		}
		m, err := as.ActorsByID(ids)
		return evs, m, err
	}
	as, err := src.Actors()
	if err != nil {
		return nil, nil, err
	}
	m := make(map[string]extract.Actor, len(as))
	for _, a := range as {
		m[a.ID] = a
	}
	return evs, m, nil
}

// summaryLen is the length in runes beyond which a summary is cut.
const summaryLen = 200

// Build groups events by date, in date order as [graph.CompareDates] sorts
// them. Events with no calendar date ("" or PAST_REF) go in a last entry
// with the date "". Within an entry events are sorted by id. An entry's
// Score is its number of events plus the number of distinct documents that
// report them; its Summary is the first sentence reporting the event with
// the most documents (then the most mentions), cut to about 200 characters.
func Build(events []extract.Event, actors map[string]extract.Actor) Timeline {
	byDate := map[string][]extract.Event{}
	for _, e := range events {
		d := e.Date
		if !graph.Dated(d) {
			d = ""
		}
		byDate[d] = append(byDate[d], e)
	}
	dates := make([]string, 0, len(byDate))
	for d := range byDate {
		dates = append(dates, d)
	}
	sort.Slice(dates, func(i, j int) bool {
		if c := graph.CompareDates(dates[i], dates[j]); c != 0 {
			return c < 0
		}
		return dates[i] < dates[j]
	})
	t := Timeline{Entries: []Entry{}, Actors: actors}
	if t.Actors == nil {
		t.Actors = map[string]extract.Actor{}
	}
	for _, d := range dates {
		evs := byDate[d]
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })
		docs := map[string]bool{}
		best, bestDocs := -1, 0
		for i, e := range evs {
			ids := graph.DocIDs(e)
			for _, id := range ids {
				docs[id] = true
			}
			if best < 0 || len(ids) > bestDocs || (len(ids) == bestDocs && len(e.Mentions) > len(evs[best].Mentions)) {
				best, bestDocs = i, len(ids)
			}
		}
		t.Entries = append(t.Entries, Entry{
			Date:    d,
			Score:   float64(len(evs) + len(docs)),
			Summary: summary(evs[best], t.Actors),
			Events:  evs,
		})
	}
	return t
}

// summary returns the sentence of e cut to summaryLen, or a description
// made of its type and actors when no sentence is known.
func summary(e extract.Event, actors map[string]extract.Actor) string {
	if s := sentence(e); s != "" {
		return cut(s, summaryLen)
	}
	return cut(describe(e, actors), summaryLen)
}

// sentence returns the first mention's text of e with white space collapsed.
func sentence(e extract.Event) string {
	if len(e.Mentions) == 0 {
		return ""
	}
	return clean(e.Mentions[0].Text)
}

// clean makes s safe for one line of output: invalid UTF-8 replaced, control
// characters and runs of white space turned into single spaces.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cut shortens s to at most n runes, at a word boundary if one is near, and
// marks the cut with an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(rs), ' '); i > len(string(rs))*3/4 {
		return strings.TrimRight(string(rs)[:i], " ,;:") + "…"
	}
	return string(rs) + "…"
}

// names returns the names of the actors with the given ids, joined by ", ".
func names(ids []string, actors map[string]extract.Actor) string {
	ns := make([]string, 0, len(ids))
	for _, id := range ids {
		n := id
		if a, ok := actors[id]; ok && a.Name != "" {
			n = a.Name
		}
		ns = append(ns, clean(n))
	}
	return strings.Join(ns, ", ")
}

// describe returns "Source → Target" (or only the source) for e.
func describe(e extract.Event, actors map[string]extract.Actor) string {
	s := names(e.Source, actors)
	if len(e.Target) > 0 {
		s += " → " + names(e.Target, actors)
	}
	return s
}

// typeLabel returns e's type, marked when negated.
func typeLabel(e extract.Event) string {
	if e.Negated {
		return "not " + e.Type
	}
	return e.Type
}

// Formats lists the formats [Write] knows.
var Formats = []string{"table", "json", "dot"}

func checkFormat(format string) error {
	if !slices.Contains(Formats, format) {
		return fmt.Errorf("timeline: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	return nil
}
