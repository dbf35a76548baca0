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
// event's type and actors, so loading a million events takes seconds.
func (s *Store) Load(f Filter) (*View, error) {
	f.IncludeNegated = false
	var evs []extract.Event
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
		for it.Seek(start); it.ValidForPrefix(prefixDate); it.Next() {
			item := it.Item()
			k := item.Key()
			if len(k) < len(prefixDate)+dateWidth {
				continue
			}
			d := k[len(prefixDate) : len(prefixDate)+dateWidth]
			date := ""
			if d[0] != 0xFF {
				date = string(bytes.TrimRight(d, "\x00"))
			} else if window {
				break // undated events sort last
			}
			if f.To != "" && date != "" && cmpPrefix(date, f.To) > 0 {
				break
			}
			e := extract.Event{ID: string(k[len(prefixDate)+dateWidth:])}
			err := item.Value(func(v []byte) error {
				if parseEdgeValue(v, &e) {
					return nil
				}
				// A store written before edge values: read the event.
				err := get(txn, key(prefixEvent, e.ID), &e)
				if errors.Is(err, badger.ErrKeyNotFound) {
					return nil
				}
				return err
			})
			if err != nil {
				return err
			}
			if f.match(&e) {
				evs = append(evs, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: load: %w", err)
	}
	return buildView(evs), nil
}

// buildView builds a view of evs, which must be sorted as the date index is.
func buildView(evs []extract.Event) *View {
	v := &View{node: map[string]int64{}}
	for i := range evs {
		for _, id := range participants(&evs[i]) {
			if _, ok := v.node[id]; !ok {
				v.node[id] = 0
				v.ids = append(v.ids, id)
			}
		}
	}
	sort.Strings(v.ids)
	for i, id := range v.ids {
		v.node[id] = int64(i)
	}
	n := len(v.ids)
	adj := make([]map[int64][]int32, n)
	out := make([]map[int64][]int32, n)
	add := func(m []map[int64][]int32, a, b int64, ev int32) {
		if m[a] == nil {
			m[a] = map[int64][]int32{}
		}
		if es := m[a][b]; len(es) == 0 || es[len(es)-1] != ev {
			m[a][b] = append(es, ev)
		}
	}
	for i := range evs {
		e := &evs[i]
		ve := viewEvent{id: e.ID, date: e.Date, typ: e.Type}
		for _, x := range e.Source {
			if x != "" {
				ve.src = append(ve.src, v.node[x])
			}
		}
		for _, x := range e.Target {
			if x != "" {
				ve.tgt = append(ve.tgt, v.node[x])
			}
		}
		ev := int32(len(v.events))
		v.events = append(v.events, ve)
		link := func(a, b int64, both bool) {
			if a == b {
				return
			}
			add(adj, a, b, ev)
			add(adj, b, a, ev)
			add(out, a, b, ev)
			if both {
				add(out, b, a, ev)
			}
		}
		if t, _ := extract.LookupType(e.Type); t.Symmetric {
			ps := participants(e)
			for x := range ps {
				for y := x + 1; y < len(ps); y++ {
					link(v.node[ps[x]], v.node[ps[y]], true)
				}
			}
			continue
		}
		for _, a := range ve.src {
			for _, b := range ve.tgt {
				link(a, b, false)
			}
		}
	}
	flatten := func(m []map[int64][]int32) [][]neighbour {
		lists := make([][]neighbour, n)
		for a, nb := range m {
			l := make([]neighbour, 0, len(nb))
			for b, es := range nb {
				l = append(l, neighbour{b, es})
			}
			slices.SortFunc(l, func(x, y neighbour) int { return int(x.to - y.to) })
			lists[a] = l
		}
		return lists
	}
	v.adj, v.out = flatten(adj), flatten(out)
	return v
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
