package timeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// snippetLen is the length in runes of the sentence column of the table.
const snippetLen = 80

// WriteOptions tune [WriteWith]. The zero value gives the defaults.
type WriteOptions struct {
	// Lanes is the number of actor lanes of "dot" and "svg": the actors
	// with the most events get one each, the others share a last lane.
	// 0 means [DefaultLanes]; a negative number gives every actor a lane.
	Lanes int
	// Group groups the events of "timelinejs": "type" (the default) or
	// "actor" (the first source).
	Group string
	// Top is the number of actors the actor graph of "html" keeps, as
	// graph.ExportOptions.Top.
	Top int
}

// WriteFormats lists the formats [WriteWith] knows: [Formats] and the
// pictures and pages.
var WriteFormats = []string{"table", "json", "dot", "svg", "timelinejs", "html"}

// DefaultLanes is the number of actor lanes of the timeline pictures.
const DefaultLanes = 12

// Write writes t to w in format with the default [WriteOptions]. See
// [WriteWith].
func Write(w io.Writer, t Timeline, format string) error {
	return WriteWith(w, t, format, WriteOptions{})
}

// WriteWith writes t to w in one of these formats:
//
//   - "table": one line per event, in columns DATE, TYPE, SOURCE → TARGET
//     and the start of the sentence that reports it.
//   - "json": {"entries": [{"date", "score", "summary", "events"}]}, the
//     timeline format of ../shared/eval/FORMAT.md; each event is an object
//     with id, type, source and target (actor ids), date, sentence and
//     document (the first report).
//   - "dot": a Graphviz digraph: dates along the top, left to right, and
//     one lane per actor below them, each holding the actor's events of
//     that date. Dates are bucketed by month or year when there are too
//     many to read, and lanes are cut to the busiest actors.
//   - "svg": the same lanes drawn in Go on a linear time axis, with a
//     tooltip per event; no Graphviz needed.
//   - "timelinejs": the JSON that TimelineJS 3 reads, with dates at their
//     own granularity; undated events are left out.
//   - "html": one self-contained page with the actor graph, the timeline
//     and filters by actor, type and date.
func WriteWith(w io.Writer, t Timeline, format string, o WriteOptions) error {
	if !slices.Contains(WriteFormats, format) {
		return fmt.Errorf("timeline: unknown format %q (want %s)", format, strings.Join(WriteFormats, ", "))
	}
	if o.Group != "" && o.Group != "type" && o.Group != "actor" {
		return fmt.Errorf("timeline: unknown group %q (want type or actor)", o.Group)
	}
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "table":
		err = writeTable(bw, t)
	case "json":
		err = writeJSON(bw, t)
	case "dot":
		err = writeDOT(bw, t, o)
	case "svg":
		err = writeSVG(bw, t, o)
	case "timelinejs":
		err = writeTimelineJS(bw, t, o)
	case "html":
		err = writeHTML(bw, t, o)
	}
	if err != nil {
		return fmt.Errorf("timeline: write %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("timeline: write %s: %w", format, err)
	}
	return nil
}

func dateLabel(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

func writeTable(w io.Writer, t Timeline) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tTYPE\tSOURCE → TARGET\tSENTENCE")
	for _, en := range t.Entries {
		for _, e := range en.Events {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", dateLabel(clean(en.Date)), clean(typeLabel(e)),
				describe(e, t.Actors), cut(sentence(e), snippetLen))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Drop the spaces tabwriter pads an empty last column with.
	for line := range bytes.Lines(buf.Bytes()) {
		if _, err := w.Write(append(bytes.TrimRight(line, " \n"), '\n')); err != nil {
			return err
		}
	}
	return nil
}

type jsonEvent struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Source   []string `json:"source"`
	Target   []string `json:"target"`
	Date     string   `json:"date"`
	Negated  bool     `json:"negated,omitempty"`
	Sentence string   `json:"sentence"`
	Document string   `json:"document"`
}

type jsonEntry struct {
	Date     string      `json:"date"`
	Score    float64     `json:"score"`
	Summary  string      `json:"summary"`
	Mentions int         `json:"mentions,omitempty"` // documents whose text mentions the date
	Events   []jsonEvent `json:"events"`
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func writeJSON(w io.Writer, t Timeline) error {
	out := struct {
		Entries []jsonEntry `json:"entries"`
	}{Entries: []jsonEntry{}}
	for _, en := range t.Entries {
		je := jsonEntry{Date: en.Date, Score: en.Score, Summary: en.Summary, Mentions: en.Mentions, Events: []jsonEvent{}}
		for _, e := range en.Events {
			ev := jsonEvent{ID: e.ID, Type: e.Type, Source: nonNil(e.Source), Target: nonNil(e.Target),
				Date: e.Date, Negated: e.Negated, Sentence: sentence(e)}
			if len(e.Mentions) > 0 {
				ev.Document = e.Mentions[0].Doc
			}
			je.Events = append(je.Events, ev)
		}
		out.Entries = append(out.Entries, je)
	}
	return json.NewEncoder(w).Encode(out)
}

// maxColumns is the number of date columns beyond which the "dot"
// timeline buckets dates by month, then by year.
const maxColumns = 30

// maxCellLines is the number of event lines a cell of the "dot" timeline
// shows; the rest are counted.
const maxCellLines = 4

// A lane is one row of the timeline pictures.
type lane struct {
	id, name, kind string // id "" for the lane of the other actors
	events         []*extract.Event
}

// lanes returns the lanes of t: the n actors with the most events (then by
// id), and a last lane for the events of none of them. An event is in the
// lane of each of its actors that has one.
func lanes(t Timeline, n int) []lane {
	count := map[string]int{}
	var evs []*extract.Event
	for i := range t.Entries {
		for j := range t.Entries[i].Events {
			e := &t.Entries[i].Events[j]
			evs = append(evs, e)
			for _, id := range participants(e) {
				count[id]++
			}
		}
	}
	ids := make([]string, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if count[ids[i]] != count[ids[j]] {
			return count[ids[i]] > count[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if n == 0 {
		n = DefaultLanes
	}
	if n > 0 && len(ids) > n {
		ids = ids[:n]
	}
	idx := map[string]int{}
	out := make([]lane, len(ids))
	for i, id := range ids {
		idx[id] = i
		a := t.Actors[id]
		out[i] = lane{id: id, name: names([]string{id}, t.Actors), kind: a.Kind}
	}
	var other lane
	for _, e := range evs {
		in := false
		for _, id := range participants(e) {
			if i, ok := idx[id]; ok && !slices.ContainsFunc(out[i].events, func(x *extract.Event) bool { return x == e }) {
				out[i].events = append(out[i].events, e)
				in = true
			}
		}
		if !in {
			other.events = append(other.events, e)
		}
	}
	if len(other.events) > 0 {
		other.name = "other actors"
		out = append(out, other)
	}
	return out
}

// participants returns the distinct source, target actors of e.
func participants(e *extract.Event) []string {
	var out []string
	for _, id := range append(slices.Clone(e.Source), e.Target...) {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// bucket returns the column of a date for the unit: the date itself
// ("day"), its month or its year; "" for undated.
func bucket(date, unit string) string {
	if !graph.Dated(date) {
		return ""
	}
	first, _, _ := graph.DateSpan(date)
	switch {
	case unit == "month" && len(date) > 7 && graph.Granularity(date) != "season" && graph.Granularity(date) != "quarter":
		return first[:7]
	case unit == "year":
		return date[:4]
	}
	return date
}

// columns returns the date columns of t, in date order, with undated ("")
// last, and the unit that keeps them at most maxColumns.
func columns(t Timeline) ([]string, string) {
	for _, unit := range []string{"day", "month", "year"} {
		seen := map[string]bool{}
		var cols []string
		for _, en := range t.Entries {
			c := bucket(en.Date, unit)
			if !seen[c] {
				seen[c] = true
				cols = append(cols, c)
			}
		}
		sort.SliceStable(cols, func(i, j int) bool {
			if c := graph.CompareDates(cols[i], cols[j]); c != 0 {
				return c < 0
			}
			return cols[i] < cols[j]
		})
		if len(cols) <= maxColumns || unit == "year" {
			return cols, unit
		}
	}
	panic("unreachable")
}

// eventLine describes e from the point of view of the lane of actor id:
// "meet John Kerry", "not accuse Russia", "statement".
func eventLine(e *extract.Event, id string, actors map[string]extract.Actor) string {
	var others []string
	for _, p := range participants(e) {
		if p != id {
			others = append(others, p)
		}
	}
	s := typeLabel(*e)
	if id == "" {
		return s + " " + describe(*e, actors)
	}
	if len(others) > 0 {
		s += " " + names(others, actors)
	}
	return s
}

// cellLines returns the lines of a cell: distinct event lines with their
// counts, at most maxCellLines, then "+n more".
func cellLines(evs []*extract.Event, id string, actors map[string]extract.Actor) []string {
	var lines []string
	count := map[string]int{}
	for _, e := range evs {
		l := cut(eventLine(e, id, actors), 48)
		if count[l] == 0 {
			lines = append(lines, l)
		}
		count[l]++
	}
	out := []string{}
	for i, l := range lines {
		if i == maxCellLines-1 && len(lines) > maxCellLines {
			out = append(out, fmt.Sprintf("+%d more", len(lines)-i))
			break
		}
		if count[l] > 1 {
			l += fmt.Sprintf(" ×%d", count[l])
		}
		out = append(out, l)
	}
	return out
}

// writeDOT draws t as lanes: rankdir=LR makes each date column one rank,
// flat invisible edges order the nodes of a column (date, then lanes in
// order), and heavy invisible edges along each lane keep it straight.
func writeDOT(w *bufio.Writer, t Timeline, o WriteOptions) error {
	ls := lanes(t, o.Lanes)
	cols, unit := columns(t)
	col := map[string]int{}
	for i, c := range cols {
		col[c] = i
	}
	w.WriteString("digraph timeline {\n")
	w.WriteString("\trankdir=LR;\n\tnewrank=true;\n\tranksep=0.25;\n\tnodesep=0.12;\n")
	w.WriteString("\tnode [fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=white];\n\tedge [style=invis];\n")
	if unit != "day" {
		fmt.Fprintf(w, "\tlabel=%s;\n\tlabelloc=t;\n", graph.DOTQuote("events by "+unit))
	}
	// The header column: the lane names.
	w.WriteString("\taxis [label=\"\", shape=plaintext, style=\"\"];\n")
	head := []string{"axis"}
	for i, l := range ls {
		id := fmt.Sprintf("lane%d", i)
		fmt.Fprintf(w, "\t%s [label=%s, shape=plaintext, style=\"\", fontsize=11];\n", id, graph.DOTQuote(cut(clean(l.name), 32)))
		head = append(head, id)
	}
	// The date columns, and the axis through them.
	for i, c := range cols {
		fmt.Fprintf(w, "\tc%d [label=%s, shape=plaintext, style=\"\"];\n", i, graph.DOTQuote(dateLabel(c)))
	}
	if len(cols) > 0 {
		w.WriteString("\taxis -> c0 [style=solid, arrowhead=none, weight=100];\n")
		for i := 1; i < len(cols); i++ {
			fmt.Fprintf(w, "\tc%d -> c%d [style=solid, weight=100];\n", i-1, i)
		}
	}
	colNodes := make([][]string, len(cols))
	for i := range cols {
		colNodes[i] = []string{fmt.Sprintf("c%d", i)}
	}
	for li, l := range ls {
		byCol := map[int][]*extract.Event{}
		for _, e := range l.events {
			c := col[bucket(e.Date, unit)]
			byCol[c] = append(byCol[c], e)
		}
		prev := fmt.Sprintf("lane%d", li)
		for ci := range cols {
			evs := byCol[ci]
			if len(evs) == 0 {
				continue
			}
			id := fmt.Sprintf("l%d_%d", li, ci)
			var tips []string
			for _, e := range evs {
				tips = append(tips, dateLabel(e.Date)+" "+typeLabel(*e)+": "+cut(sentence(*e), 160))
			}
			fmt.Fprintf(w, "\t%s [label=%s, tooltip=%s];\n", id, graph.DOTQuote(strings.Join(cellLines(evs, l.id, t.Actors), "\n")),
				graph.DOTQuote(strings.Join(tips, "\n")))
			fmt.Fprintf(w, "\t%s -> %s [weight=10];\n", prev, id)
			prev = id
			colNodes[ci] = append(colNodes[ci], id)
		}
	}
	fmt.Fprintf(w, "\t{rank=same; %s;}\n", strings.Join(head, "; "))
	if len(head) > 1 {
		fmt.Fprintf(w, "\t%s;\n", strings.Join(head, " -> "))
	}
	for _, ns := range colNodes {
		fmt.Fprintf(w, "\t{rank=same; %s;}\n", strings.Join(ns, "; "))
		if len(ns) > 1 {
			fmt.Fprintf(w, "\t%s;\n", strings.Join(ns, " -> "))
		}
	}
	w.WriteString("}\n")
	return nil
}

// A tjsDate is a TimelineJS date; fields it does not know stay empty.
type tjsDate struct {
	Year        int    `json:"year"`
	Month       int    `json:"month,omitempty"`
	Day         int    `json:"day,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

type tjsEvent struct {
	StartDate tjsDate  `json:"start_date"`
	EndDate   *tjsDate `json:"end_date,omitempty"`
	Text      tjsText  `json:"text"`
	Group     string   `json:"group,omitempty"`
	UniqueID  string   `json:"unique_id"`
}

// tjsDates returns the TimelineJS start and end dates of a TIMEX3 date at
// its granularity: a day is a day, a month a month, a year a year, and a
// week, quarter or season the span of its days or months.
func tjsDates(v string) (tjsDate, *tjsDate, bool) {
	first, last, ok := graph.DateSpan(v)
	if !ok {
		return tjsDate{}, nil, false
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	y, m, d := atoi(first[:4]), atoi(first[5:7]), atoi(first[8:10])
	ey, em, ed := atoi(last[:4]), atoi(last[5:7]), atoi(last[8:10])
	switch graph.Granularity(v) {
	case "day":
		return tjsDate{Year: y, Month: m, Day: d}, nil, true
	case "month":
		return tjsDate{Year: y, Month: m}, nil, true
	case "year":
		return tjsDate{Year: y}, nil, true
	case "week":
		return tjsDate{Year: y, Month: m, Day: d, DisplayDate: v}, &tjsDate{Year: ey, Month: em, Day: ed}, true
	}
	return tjsDate{Year: y, Month: m, DisplayDate: v}, &tjsDate{Year: ey, Month: em}, true
}

// writeTimelineJS writes the events of t in the JSON format of TimelineJS
// 3 (https://timeline.knightlab.com/docs/json-format.html). TimelineJS
// renders headline and text as HTML, so both are escaped.
func writeTimelineJS(w io.Writer, t Timeline, o WriteOptions) error {
	type slide struct {
		Text tjsText `json:"text"`
	}
	out := struct {
		Title  slide      `json:"title"`
		Events []tjsEvent `json:"events"`
	}{Events: []tjsEvent{}}
	total, undated := 0, 0
	for _, en := range t.Entries {
		for _, e := range en.Events {
			total++
			start, end, ok := tjsDates(e.Date)
			if s, e2, isRange := tjsDates(e.DateEnd); ok && isRange {
				// A range ("from 2011 to 2014") ends with its DateEnd.
				end = e2
				if end == nil {
					end = &s
				}
			}
			if !ok {
				undated++
				continue
			}
			text := html.EscapeString(sentence(e))
			if ds := graph.DocIDs(e); len(ds) > 0 {
				text += "<br><small>" + html.EscapeString(e.ID+" · "+sourcesLabel(ds)) + "</small>"
			}
			group := e.Type
			if o.Group == "actor" && len(e.Source) > 0 {
				group = names(e.Source[:1], t.Actors)
			}
			out.Events = append(out.Events, tjsEvent{
				StartDate: start, EndDate: end, UniqueID: e.ID, Group: html.EscapeString(group),
				Text: tjsText{Headline: html.EscapeString(typeLabel(e) + ": " + describe(e, t.Actors)), Text: text},
			})
		}
	}
	desc := fmt.Sprintf("%d events", total-undated)
	if undated > 0 {
		desc += fmt.Sprintf(" (%d undated events left out)", undated)
	}
	out.Title = slide{Text: tjsText{Headline: "chronograph timeline", Text: html.EscapeString(desc)}}
	return json.NewEncoder(w).Encode(out)
}
