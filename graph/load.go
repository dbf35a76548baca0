package graph

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
	"gonum.org/v1/gonum/graph/simple"
)

// A View is an in-memory graph of the actors and relations of the events a
// [Filter] selects, loaded with [Store.Load] for the algorithms: paths,
// rankings, communities and ego networks. Nodes are numbered 0…n-1 in actor
// id order, so the same events give the same numbering. An edge joins two
// actors when an event links them as a [Relation] does (each pair of
// participants of a symmetric event, each source and target of another);
// its weight is the number of such events.
//
// A View does not change when the store does, and is safe for concurrent
// reads.
type View struct {
	ids    []string         // node → actor id
	node   map[string]int64 // actor id → node
	events []viewEvent      // in date order (undated last), then id
	// adj[n] lists the neighbours of n with the events of each pair,
	// sorted by neighbour.
	adj [][]neighbour
	// out[n] lists the targets of n's directed edges (symmetric events
	// count both ways) with their event counts.
	out [][]neighbour
}

type viewEvent struct {
	id, date, typ string
	src, tgt      []int64
}

// A neighbour is one end of an edge and the events behind it, as indexes
// into View.events, in date order.
type neighbour struct {
	to     int64
	events []int32
}

// Load reads the events f selects (negated ones never) and builds a
// [View] of them. It reads only the date index, whose values carry each
// event's type, actors and date, so loading a million events takes seconds.
func (s *Store) Load(f Filter) (*View, error) {
	f.IncludeNegated = false
	b := newViewBuilder()
	var want []int32 // f.Actors as builder names
	for _, a := range f.Actors {
		want = append(want, b.name([]byte(a)))
	}
	types := map[string]bool{}
	for _, t := range f.Types {
		types[t] = true
	}
	err := s.db.View(func(txn *badger.Txn) error {
		o := badger.DefaultIteratorOptions
		o.Prefix = prefixDate
		it := txn.NewIterator(o)
		defer it.Close()
		start := slices.Clone(prefixDate)
		if len(f.From) >= 4 {
			start = append(start, f.From[:4]...)
		}
		window := f.From != "" || f.To != ""
		var legacy extract.Event
		for it.Seek(start); it.ValidForPrefix(prefixDate); it.Next() {
			item := it.Item()
			k := item.Key()
			if len(k) < len(prefixDate)+dateWidth {
				continue
			}
			d := k[len(prefixDate) : len(prefixDate)+dateWidth]
			if d[0] == 0xFF && window {
				break // undated events sort last
			}
			if f.To != "" && d[0] != 0xFF && cmpPrefix(string(bytes.TrimRight(d, "\x00")), f.To) > 0 {
				break
			}
			id := k[len(prefixDate)+dateWidth:]
			err := item.Value(func(v []byte) error {
				if !b.addEdgeValue(id, v, f, types, want) {
					// A store written before edge values: read the event.
					legacy = extract.Event{}
					err := get(tx(txn), key(prefixEvent, string(id)), &legacy)
					if errors.Is(err, badger.ErrKeyNotFound) {
						return nil
					}
					if err != nil {
						return err
					}
					if f.match(&legacy) {
						b.addEvent(&legacy)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: load: %w", err)
	}
	return b.build(), nil
}

// buildView builds a view of evs, which must be sorted as the date index is.
func buildView(evs []extract.Event) *View {
	b := newViewBuilder()
	for i := range evs {
		b.addEvent(&evs[i])
	}
	return b.build()
}

// A viewBuilder collects events with actors numbered as they come, then
// numbers the actors in id order and builds the adjacency lists.
type viewBuilder struct {
	names  map[string]int32
	ids    []string
	types  map[string]string
	events []viewEvent
	symm   map[string]bool
}

func newViewBuilder() *viewBuilder {
	b := &viewBuilder{names: map[string]int32{}, types: map[string]string{}, symm: map[string]bool{}}
	for _, t := range extract.Types {
		b.types[t.Name] = t.Name
		b.symm[t.Name] = t.Symmetric
	}
	return b
}

func (b *viewBuilder) name(id []byte) int32 {
	if n, ok := b.names[string(id)]; ok {
		return n
	}
	n := int32(len(b.ids))
	b.ids = append(b.ids, string(id))
	b.names[b.ids[n]] = n
	return n
}

func (b *viewBuilder) typ(t []byte) string {
	if s, ok := b.types[string(t)]; ok {
		return s
	}
	s := string(t)
	b.types[s] = s
	return s
}

// addEdgeValue adds the event of an edge value if f selects it. It reports
// false when v is no edge value.
func (b *viewBuilder) addEdgeValue(id, v []byte, f Filter, types map[string]bool, want []int32) bool {
	if len(v) == 0 || v[0] != 'E' {
		return false
	}
	var parts [5][]byte
	rest := v[1:]
	for i := range 4 {
		j := bytes.IndexByte(rest, 0)
		if j < 0 {
			return false
		}
		parts[i], rest = rest[:j], rest[j+1:]
	}
	parts[4] = rest
	if len(parts[1]) == 1 && parts[1][0] == '1' {
		return true // negated
	}
	if len(types) > 0 && !types[string(parts[0])] {
		return true
	}
	date := string(parts[4])
	if !inWindow(date, f.From, f.To) {
		return true
	}
	e := viewEvent{id: string(id), date: date, typ: b.typ(parts[0])}
	e.src = b.names32(parts[2], e.src)
	e.tgt = b.names32(parts[3], e.tgt)
	for _, a := range want {
		if !slices.Contains(e.src, int64(a)) && !slices.Contains(e.tgt, int64(a)) {
			return true
		}
	}
	b.events = append(b.events, e)
	return true
}

func (b *viewBuilder) names32(list []byte, dst []int64) []int64 {
	for len(list) > 0 {
		j := bytes.IndexByte(list, 1)
		part := list
		if j >= 0 {
			part, list = list[:j], list[j+1:]
		} else {
			list = nil
		}
		if len(part) > 0 {
			dst = append(dst, int64(b.name(part)))
		}
	}
	return dst
}

func (b *viewBuilder) addEvent(e *extract.Event) {
	ve := viewEvent{id: e.ID, date: e.Date, typ: b.typ([]byte(e.Type))}
	for _, x := range e.Source {
		if x != "" {
			ve.src = append(ve.src, int64(b.name([]byte(x))))
		}
	}
	for _, x := range e.Target {
		if x != "" {
			ve.tgt = append(ve.tgt, int64(b.name([]byte(x))))
		}
	}
	b.events = append(b.events, ve)
}

type arc struct {
	a, b int32
	ev   int32
}

// build numbers the actors that take part in the events in id order and
// builds the adjacency lists.
func (b *viewBuilder) build() *View {
	used := make([]bool, len(b.ids))
	for _, e := range b.events {
		for _, x := range e.src {
			used[x] = true
		}
		for _, x := range e.tgt {
			used[x] = true
		}
	}
	v := &View{node: map[string]int64{}, events: b.events}
	for i, id := range b.ids {
		if used[i] {
			v.ids = append(v.ids, id)
		}
	}
	sort.Strings(v.ids)
	for i, id := range v.ids {
		v.node[id] = int64(i)
	}
	remap := make([]int64, len(b.ids))
	for i, id := range b.ids {
		remap[i] = v.node[id]
	}
	var und, out []arc
	var ps []int64
	for i := range v.events {
		e := &v.events[i]
		for j, x := range e.src {
			e.src[j] = remap[x]
		}
		for j, x := range e.tgt {
			e.tgt[j] = remap[x]
		}
		ev := int32(i)
		link := func(x, y int64, both bool) {
			if x == y {
				return
			}
			und = append(und, arc{int32(x), int32(y), ev}, arc{int32(y), int32(x), ev})
			out = append(out, arc{int32(x), int32(y), ev})
			if both {
				out = append(out, arc{int32(y), int32(x), ev})
			}
		}
		if b.symm[e.typ] {
			ps = ps[:0]
			for _, x := range append(e.src, e.tgt...) {
				if !slices.Contains(ps, x) {
					ps = append(ps, x)
				}
			}
			for x := range ps {
				for y := x + 1; y < len(ps); y++ {
					link(ps[x], ps[y], true)
				}
			}
			continue
		}
		for _, x := range e.src {
			for _, y := range e.tgt {
				link(x, y, false)
			}
		}
	}
	v.adj = lists(len(v.ids), und)
	v.out = lists(len(v.ids), out)
	return v
}

// lists groups arcs into sorted adjacency lists, one neighbour per pair
// with its distinct events in order.
func lists(n int, arcs []arc) [][]neighbour {
	slices.SortFunc(arcs, func(x, y arc) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		if x.b != y.b {
			return int(x.b - y.b)
		}
		return int(x.ev - y.ev)
	})
	out := make([][]neighbour, n)
	for i := 0; i < len(arcs); {
		j := i
		var evs []int32
		for ; j < len(arcs) && arcs[j].a == arcs[i].a && arcs[j].b == arcs[i].b; j++ {
			if len(evs) == 0 || evs[len(evs)-1] != arcs[j].ev {
				evs = append(evs, arcs[j].ev)
			}
		}
		out[arcs[i].a] = append(out[arcs[i].a], neighbour{int64(arcs[i].b), evs})
		i = j
	}
	return out
}

// Len returns the number of actors in v.
func (v *View) Len() int { return len(v.ids) }

// Linked returns the number of actors linked to at least one other.
func (v *View) Linked() int {
	n := 0
	for _, l := range v.adj {
		if len(l) > 0 {
			n++
		}
	}
	return n
}

// Events returns the number of events in v.
func (v *View) Events() int { return len(v.events) }

// Edges returns the number of undirected edges (linked pairs of actors).
func (v *View) Edges() int {
	n := 0
	for _, l := range v.adj {
		n += len(l)
	}
	return n / 2
}

// ActorID returns the actor id of node n.
func (v *View) ActorID(n int64) string { return v.ids[n] }

// Node returns the node of an actor id.
func (v *View) Node(actorID string) (int64, bool) {
	n, ok := v.node[actorID]
	return n, ok
}

// Undirected returns v as a gonum undirected graph whose edge weights are
// event counts.
func (v *View) Undirected() *simple.WeightedUndirectedGraph {
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range v.ids {
		g.AddNode(simple.Node(i))
	}
	for a, l := range v.adj {
		for _, nb := range l {
			if int64(a) < nb.to {
				g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(a), simple.Node(nb.to), float64(len(nb.events))))
			}
		}
	}
	return g
}

// Directed returns v as a gonum directed graph: an edge from each source to
// each target, both ways for symmetric events, weighted by event count.
func (v *View) Directed() *simple.WeightedDirectedGraph {
	g := simple.NewWeightedDirectedGraph(0, 0)
	for i := range v.ids {
		g.AddNode(simple.Node(i))
	}
	for a, l := range v.out {
		for _, nb := range l {
			g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(a), simple.Node(nb.to), float64(len(nb.events))))
		}
	}
	return g
}

// between returns the events that link a and b, in date order.
func (v *View) between(a, b int64) []int32 {
	l := v.adj[a]
	i, ok := slices.BinarySearchFunc(l, b, func(x neighbour, t int64) int { return int(x.to - t) })
	if !ok {
		return nil
	}
	return l[i].events
}
