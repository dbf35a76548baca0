package graph

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chronograph/chronograph/extract"
)

// ExportFormats lists the formats [Store.ExportWith] writes, in the order
// the documentation gives them.
var ExportFormats = []string{"dot", "json", "jsonl", "graphml", "gexf", "nquads", "neo4j", "svg"}

// DefaultTop is the number of actors the pictures ("dot", "svg") keep when
// a graph has more and [ExportOptions.Top] is 0: a reader cannot follow
// more, and Graphviz takes minutes to lay out a few hundred labelled edges.
const DefaultTop = 60

// labelLimit is the number of edges beyond which the pictures aggregate the
// relations of a pair into one edge and move edge labels into tooltips.
const labelLimit = 120

// ExportOptions tune an export. The zero value gives the defaults.
type ExportOptions struct {
	// Top keeps the Top actors with the most relations (then events, then
	// by id) in the pictures ("dot", "svg"); 0 means [DefaultTop], a
	// negative number keeps all. The data formats always keep every actor.
	Top int
	// Cluster groups the actors of a "dot" export into clusters: "country"
	// by the country part of their CAMEO code (the first three letters),
	// "community" by Louvain communities of the undirected relation graph.
	// "" draws no clusters.
	Cluster string
}

// Export writes the events f selects, or the relations derived from them,
// to w in format, with the default [ExportOptions]. See [Store.ExportWith].
func (s *Store) Export(w io.Writer, format string, f Filter) error {
	return s.ExportWith(w, format, f, ExportOptions{})
}

// ExportWith writes the events f selects, or the relations derived from
// them, to w in one of these formats:
//
//   - "dot": a Graphviz digraph, one node per actor (shape by kind) and one
//     edge per [Relation], labelled "type first..last ×count"; symmetric
//     relations are drawn without arrowheads. Big graphs are cut to the
//     top actors (see [ExportOptions]).
//   - "json": node-link JSON as networkx reads it with
//     node_link_graph(data, edges="links"): a directed multigraph whose
//     nodes are actors and whose links are relations, keyed by type.
//   - "jsonl": one JSON object per event and line, with flat columns for
//     pandas (names and codes joined with ";").
//   - "graphml": GraphML for networkx, Gephi and Cytoscape.
//   - "gexf": GEXF 1.3 with dates as spells, for Gephi's timeline.
//   - "nquads": RDF N-Quads in Dgraph's dialect (facets on edges) for
//     dgraph live and dgraph bulk; the schema is [WriteDgraphSchema].
//   - "svg": a picture of the actor graph, laid out in Go.
//
// "neo4j" writes several files: use [Store.ExportFiles]. Negated events
// ("did not meet") make no relations; the event formats ("jsonl", "nquads",
// "neo4j") list them, with negated set, when f.IncludeNegated selects them.
//
// Actor and event ids are the store's ids in every format. The output is
// deterministic: the same store, filter and options give the same bytes.
func (s *Store) ExportWith(w io.Writer, format string, f Filter, o ExportOptions) error {
	if format == "neo4j" {
		return fmt.Errorf("graph: export: format %q writes several files: use ExportFiles", format)
	}
	d, err := s.exportData(format, f)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := WriteExport(bw, format, d, o); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	return nil
}

// ExportData is what an export is written from.
type ExportData struct {
	Events    []extract.Event             // sorted by date, then id
	Actors    map[string]extract.Actor    // at least every actor the events name, by id
	Documents map[string]extract.Document // the documents that report the events, by id; may be nil
}

// exportData loads the events and actors f selects for format.
func (s *Store) exportData(format string, f Filter) (ExportData, error) {
	if !slices.Contains(ExportFormats, format) {
		return ExportData{}, unknownFormat(format)
	}
	evs, err := s.Events(f)
	if err != nil {
		return ExportData{}, err
	}
	var ids []string
	for i := range evs {
		ids = append(append(ids, participants(&evs[i])...), evs[i].Location)
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return ExportData{}, err
	}
	d := ExportData{Events: evs, Actors: am}
	if format == "nquads" || format == "neo4j" {
		d.Documents = map[string]extract.Document{}
		for _, e := range evs {
			for _, id := range DocIDs(e) {
				if _, ok := d.Documents[id]; ok {
					continue
				}
				doc, err := s.Document(id)
				if errors.Is(err, ErrNotFound) {
					doc = extract.Document{ID: id}
				} else if err != nil {
					return ExportData{}, err
				}
				doc.Text = "" // not exported: the sentences carry the provenance
				d.Documents[id] = doc
			}
		}
	}
	return d, nil
}

func unknownFormat(format string) error {
	return fmt.Errorf("graph: export: unknown format %q (want %s)", format, strings.Join(ExportFormats, ", "))
}

// WriteExport writes d to w in format, as [Store.ExportWith] describes. It
// lets a program export events it holds in memory. Formats with several
// files ("neo4j") need [WriteExportFiles].
func WriteExport(w io.Writer, format string, d ExportData, o ExportOptions) error {
	var err error
	switch format {
	case "dot":
		err = writeDOT(w, d, o)
	case "json":
		err = writeNodeLink(w, d)
	case "jsonl":
		err = writeJSONL(w, d)
	case "graphml":
		err = writeGraphML(w, d)
	case "gexf":
		err = writeGEXF(w, d)
	case "nquads":
		err = writeNQuads(w, d)
	case "svg":
		err = WriteSVG(w, d, o)
	case "neo4j":
		return fmt.Errorf("graph: export: format %q writes several files: use ExportFiles", format)
	default:
		return unknownFormat(format)
	}
	if err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	return nil
}

// FileNames returns the names of the files [Store.ExportFiles] writes for
// format: "chronograph.rdf" and "chronograph.schema" for "nquads", the CSV
// files of "neo4j", and "chronograph.<format>" for the others.
func FileNames(format string) []string {
	switch format {
	case "nquads":
		return []string{"chronograph.rdf", "chronograph.schema"}
	case "neo4j":
		return slices.Clone(neo4jFiles)
	case "json":
		return []string{"chronograph.json"}
	}
	return []string{"chronograph." + format}
}

// ExportFiles writes the export of format into the directory dir, which it
// creates if needed, as the files [FileNames] lists; for "nquads" these are
// the N-Quads and the Dgraph schema. Each file is written under a temporary
// name and renamed when complete, so a failed export leaves no half file.
// It returns the paths written.
func (s *Store) ExportFiles(dir, format string, f Filter, o ExportOptions) ([]string, error) {
	d, err := s.exportData(format, f)
	if err != nil {
		return nil, err
	}
	return WriteExportFiles(dir, format, d, o)
}

// WriteExportFiles writes d into dir as [Store.ExportFiles] does.
func WriteExportFiles(dir, format string, d ExportData, o ExportOptions) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("graph: export: %w", err)
	}
	var paths []string
	write := func(name string, fn func(w io.Writer) error) error {
		p := filepath.Join(dir, name)
		if err := WriteFileAtomic(p, fn); err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	}
	var err error
	switch format {
	case "nquads":
		err = write("chronograph.rdf", func(w io.Writer) error { return WriteExport(w, format, d, o) })
		if err == nil {
			err = write("chronograph.schema", WriteDgraphSchema)
		}
	case "neo4j":
		for _, name := range neo4jFiles {
			if err = write(name, func(w io.Writer) error { return writeNeo4j(w, name, d) }); err != nil {
				break
			}
		}
	default:
		if !slices.Contains(ExportFormats, format) {
			return nil, unknownFormat(format)
		}
		err = write(FileNames(format)[0], func(w io.Writer) error { return WriteExport(w, format, d, o) })
	}
	return paths, err
}

// WriteFileAtomic writes a file through fn under a temporary name in the
// same directory, then renames it to path, so that path is either complete
// or untouched.
func WriteFileAtomic(path string, fn func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// DeriveRelations returns the relations of evs as [Store.Relations] derives
// them from the events it selects: negated events give none.
func DeriveRelations(evs []extract.Event) []Relation { return relations(evs) }

// nodes returns the actors taking part in the non-negated events of evs,
// sorted by id.
func nodes(evs []extract.Event, am map[string]extract.Actor) []extract.Actor {
	seen := map[string]bool{}
	var out []extract.Actor
	for i := range evs {
		if evs[i].Negated {
			continue
		}
		for _, id := range participants(&evs[i]) {
			if !seen[id] {
				seen[id] = true
				out = append(out, actorOf(am, id))
			}
		}
	}
	slices.SortFunc(out, func(a, b extract.Actor) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// actorOf returns the actor id of am, or a placeholder named after the id.
func actorOf(am map[string]extract.Actor, id string) extract.Actor {
	if a, ok := am[id]; ok {
		if a.ID == "" {
			a.ID = id
		}
		if a.Name == "" {
			a.Name = id
		}
		return a
	}
	return extract.Actor{ID: id, Name: id, Kind: extract.KindUnknown}
}

// A graphView is the actor graph of an export: the actors of the asserted
// events and their relations, with the documents behind each relation.
type graphView struct {
	nodes   []extract.Actor // sorted by id
	rels    []Relation
	docs    [][]string // docs[i]: distinct documents of rels[i], sorted
	events  map[string]*extract.Event
	dropped int // actors cut by top
}

func newView(d ExportData) *graphView {
	v := &graphView{nodes: nodes(d.Events, d.Actors), rels: relations(d.Events), events: map[string]*extract.Event{}}
	for i := range d.Events {
		v.events[d.Events[i].ID] = &d.Events[i]
	}
	for _, r := range v.rels {
		v.docs = append(v.docs, v.relDocs(r))
	}
	return v
}

func (v *graphView) relDocs(r Relation) []string {
	var ds []string
	for _, id := range r.Events {
		if e := v.events[id]; e != nil {
			for _, d := range DocIDs(*e) {
				if !slices.Contains(ds, d) {
					ds = append(ds, d)
				}
			}
		}
	}
	slices.Sort(ds)
	return ds
}

// span returns the first and last day the dated events of r cover (see
// [EventSpan]), or "" and "" when none is dated.
func (v *graphView) span(r Relation) (first, last string) {
	for _, id := range r.Events {
		if e := v.events[id]; e != nil {
			if f, l, ok := EventSpan(e); ok {
				if first == "" || f < first {
					first = f
				}
				last = max(last, l)
			}
		}
	}
	return first, last
}

// degrees returns the number of relations of each actor.
func (v *graphView) degrees() map[string]int {
	deg := map[string]int{}
	for _, r := range v.rels {
		deg[r.Source] += r.Count
		deg[r.Target] += r.Count
	}
	return deg
}

// top keeps the n actors with the most relation events (then by id) and
// the relations between them.
func (v *graphView) top(n int) {
	if n < 0 || len(v.nodes) <= n {
		return
	}
	deg := v.degrees()
	ranked := slices.Clone(v.nodes)
	slices.SortStableFunc(ranked, func(a, b extract.Actor) int {
		return cmp.Or(cmp.Compare(deg[b.ID], deg[a.ID]), strings.Compare(a.ID, b.ID))
	})
	keep := map[string]bool{}
	for _, a := range ranked[:n] {
		keep[a.ID] = true
	}
	v.dropped = len(v.nodes) - n
	v.nodes = slices.DeleteFunc(v.nodes, func(a extract.Actor) bool { return !keep[a.ID] })
	var rels []Relation
	var docs [][]string
	for i, r := range v.rels {
		if keep[r.Source] && keep[r.Target] {
			rels = append(rels, r)
			docs = append(docs, v.docs[i])
		}
	}
	v.rels, v.docs = rels, docs
}

// pictureTop returns the number of actors the pictures keep.
func pictureTop(o ExportOptions) int {
	if o.Top == 0 {
		return DefaultTop
	}
	return o.Top
}

// DateSpan returns the first and last day (YYYY-MM-DD) of the period a
// TIMEX3 date value covers: a day, a month, a year, an ISO week, a quarter
// or a season. ok is false for values not anchored in the calendar ("",
// PAST_REF, durations).
func DateSpan(v string) (first, last string, ok bool) {
	c := calendarDate(v)
	if c == "" {
		return "", "", false
	}
	y, _ := strconv.Atoi(c[:4])
	var start, end time.Time
	switch {
	case len(v) >= 10 && digits(v[5:7]) && digits(v[8:10]):
		start, _ = time.Parse("2006-01-02", v[:10])
		end = start
	case len(v) >= 8 && v[5] == 'W' && digits(v[6:8]):
		start, _ = time.Parse("2006-01-02", c)
		end = start.AddDate(0, 0, 6)
	case len(v) >= 7 && v[5] == 'Q':
		start, _ = time.Parse("2006-01", c)
		end = start.AddDate(0, 3, -1)
	case len(v) == 7 && (v[5:] == "SP" || v[5:] == "SU" || v[5:] == "FA" || v[5:] == "AU" || v[5:] == "WI"):
		start, _ = time.Parse("2006-01", c)
		end = start.AddDate(0, 3, -1)
	case len(c) == 7:
		start, _ = time.Parse("2006-01", c)
		end = start.AddDate(0, 1, -1)
	default:
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		end = time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if start.IsZero() {
		return "", "", false
	}
	return start.Format(time.DateOnly), end.Format(time.DateOnly), true
}

// EventSpan returns the first and last day an event covers: the period
// of its date, extended to the end of its DateEnd for a range ("from 2011
// to 2014"). ok is false for undated events.
func EventSpan(e *extract.Event) (first, last string, ok bool) {
	first, last, ok = DateSpan(e.Date)
	if !ok {
		return "", "", false
	}
	if _, end, ok := DateSpan(e.DateEnd); ok && end > last {
		last = end
	}
	return first, last, true
}

// Granularity returns "day", "week", "month", "quarter", "season" or
// "year" for a calendar TIMEX3 value, and "" for any other.
func Granularity(v string) string {
	if !Dated(v) {
		return ""
	}
	switch {
	case len(v) >= 10 && digits(v[5:7]):
		return "day"
	case len(v) >= 8 && v[5] == 'W' && digits(v[6:8]):
		return "week"
	case len(v) >= 7 && v[5] == 'Q':
		return "quarter"
	case len(v) == 7 && digits(v[5:7]):
		return "month"
	case len(v) == 7:
		return "season"
	}
	return "year"
}

// DocIDs returns the distinct documents that mention e, in mention order.
func DocIDs(e extract.Event) []string {
	ids := []string{}
	for _, m := range e.Mentions {
		if m.Doc != "" && !slices.Contains(ids, m.Doc) {
			ids = append(ids, m.Doc)
		}
	}
	return ids
}

func symmetric(typ string) bool {
	t, _ := extract.LookupType(typ)
	return t.Symmetric
}

// clean makes s one line of valid UTF-8: invalid bytes replaced, line
// breaks and other control characters turned into spaces.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) {
			return ' '
		}
		return r
	}, s)
}
