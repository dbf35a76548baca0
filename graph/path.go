package graph

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// A Hop is one step of a [Path]: two linked actors and the events that
// link them.
type Hop struct {
	From, To extract.Actor
	Count    int             // events linking them in the view
	Events   []extract.Event // the earliest of them (at most MaxHopEvents), or the one a time-respecting path takes
}

// MaxHopEvents is how many of a hop's events a [Path] carries in full.
const MaxHopEvents = 5

// A Path is a chain of linked actors.
type Path struct {
	Hops []Hop
}

// ErrNoPath is returned, wrapped, when no path joins two actors.
var ErrNoPath = errors.New("graph: no path")

// Paths returns up to k shortest chains (in hops, loopless) from the actor
// a to the actor b through the relations of the events f selects, shortest
// first. Ties are broken by the actor ids along the chain, so the same store
// gives the same paths. Names are resolved with [Store.FindActors]. When
// no chain exists the error matches [ErrNoPath].
func (s *Store) Paths(f Filter, a, b string, k int) ([]Path, error) {
	from, to, v, err := s.endpoints(f, a, b)
	if err != nil {
		return nil, err
	}
	ps := v.KShortest(from, to, max(k, 1))
	if len(ps) == 0 {
		return nil, fmt.Errorf("%w from %s to %s", ErrNoPath, v.ids[from], v.ids[to])
	}
	var out []Path
	for _, p := range ps {
		hops := make([]hopRef, len(p)-1)
		for i := range hops {
			es := v.between(p[i], p[i+1])
			hops[i] = hopRef{p[i], p[i+1], es[:min(len(es), MaxHopEvents)], len(es)}
		}
		path, err := s.fill(v, hops)
		if err != nil {
			return nil, err
		}
		out = append(out, path)
	}
	return out, nil
}

// TimePath returns the earliest-arriving time-respecting chain from the
// actor a to the actor b: a sequence of events, each dated on or after the
// one before it and the first on or after after (YYYY, YYYY-MM or
// YYYY-MM-DD), each joining the actor reached so far to the next. Only
// dated events count; a date coarser than a day counts as its start. When f
// names no types, the meeting types (meet, visit, negotiate, mediate) are
// used. When no chain exists the error matches [ErrNoPath].
func (s *Store) TimePath(f Filter, a, b, after string) (*Path, error) {
	if len(f.Types) == 0 {
		f.Types = meetingTypes
	}
	from, to, v, err := s.endpoints(f, a, b)
	if err != nil {
		return nil, err
	}
	hops := v.EarliestArrival(from, to, after)
	if hops == nil {
		return nil, fmt.Errorf("%w from %s to %s on or after %s", ErrNoPath, v.ids[from], v.ids[to], after)
	}
	p, err := s.fill(v, hops)
	return &p, err
}

// endpoints resolves two names and loads the view of f.
func (s *Store) endpoints(f Filter, a, b string) (from, to int64, v *View, err error) {
	aa, err := s.resolve(a)
	if err != nil {
		return 0, 0, nil, err
	}
	bb, err := s.resolve(b)
	if err != nil {
		return 0, 0, nil, err
	}
	if v, err = s.Load(f); err != nil {
		return 0, 0, nil, err
	}
	var ok bool
	if from, ok = v.Node(aa.ID); !ok {
		return 0, 0, nil, fmt.Errorf("%w: %s has no relations in the selected events", ErrNoPath, aa.Name)
	}
	if to, ok = v.Node(bb.ID); !ok {
		return 0, 0, nil, fmt.Errorf("%w: %s has no relations in the selected events", ErrNoPath, bb.Name)
	}
	return from, to, v, nil
}

type hopRef struct {
	from, to int64
	events   []int32
	count    int
}

// fill reads the actors and events of hops from the store.
func (s *Store) fill(v *View, hops []hopRef) (Path, error) {
	var ids []string
	for _, h := range hops {
		ids = append(ids, v.ids[h.from], v.ids[h.to])
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return Path{}, err
	}
	var p Path
	err = s.db.View(func(txn *badger.Txn) error {
		for _, h := range hops {
			hop := Hop{From: am[v.ids[h.from]], To: am[v.ids[h.to]], Count: h.count}
			for _, ei := range h.events {
				var e extract.Event
				if err := getEvent(tx(txn), v.events[ei].id, &e); err != nil {
					return err
				}
				hop.Events = append(hop.Events, e)
			}
			p.Hops = append(p.Hops, hop)
		}
		return nil
	})
	if err != nil {
		return Path{}, fmt.Errorf("graph: path: %w", err)
	}
	return p, nil
}

// shortest returns a shortest path from s to t by breadth-first search,
// avoiding the nodes and edges marked, visiting neighbours in node order.
func (v *View) shortest(s, t int64, noNode map[int64]bool, noEdge map[[2]int64]bool) []int64 {
	if s == t {
		return []int64{s}
	}
	prev := map[int64]int64{s: s}
	queue := []int64{s}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, nb := range v.adj[u] {
			w := nb.to
			if _, seen := prev[w]; seen || noNode[w] || noEdge[[2]int64{u, w}] {
				continue
			}
			prev[w] = u
			if w == t {
				p := []int64{t}
				for x := t; x != s; {
					x = prev[x]
					p = append(p, x)
				}
				slices.Reverse(p)
				return p
			}
			queue = append(queue, w)
		}
	}
	return nil
}

// KShortest returns up to k loopless shortest paths (in hops) from s to t
// with Yen's algorithm over breadth-first searches, shortest first, ties in
// node order. It gives the same path lengths as gonum's
// path.YenKShortestPaths with unit weights, and the same paths on every run.
func (v *View) KShortest(s, t int64, k int) [][]int64 {
	first := v.shortest(s, t, nil, nil)
	if first == nil {
		return nil
	}
	found := [][]int64{first}
	var cands [][]int64
	for len(found) < k {
		last := found[len(found)-1]
		for i := 0; i < len(last)-1; i++ {
			spur, root := last[i], last[:i+1]
			noEdge := map[[2]int64]bool{}
			for _, p := range found {
				if len(p) > i+1 && slices.Equal(p[:i+1], root) {
					noEdge[[2]int64{p[i], p[i+1]}] = true
					noEdge[[2]int64{p[i+1], p[i]}] = true
				}
			}
			noNode := map[int64]bool{}
			for _, x := range root[:i] {
				noNode[x] = true
			}
			tail := v.shortest(spur, t, noNode, noEdge)
			if tail == nil {
				continue
			}
			p := append(slices.Clone(root[:i]), tail...)
			if !containsPath(cands, p) && !containsPath(found, p) {
				cands = append(cands, p)
			}
		}
		if len(cands) == 0 {
			break
		}
		sort.SliceStable(cands, func(i, j int) bool {
			if len(cands[i]) != len(cands[j]) {
				return len(cands[i]) < len(cands[j])
			}
			return slices.Compare(cands[i], cands[j]) < 0
		})
		found = append(found, cands[0])
		cands = cands[1:]
	}
	return found
}

func containsPath(ps [][]int64, p []int64) bool {
	for _, q := range ps {
		if slices.Equal(p, q) {
			return true
		}
	}
	return false
}

// EarliestArrival returns the hops of a time-respecting path from s to t
// that reaches t as early as possible: events are taken in date order,
// starting on or after after, each joining an actor already reached to the
// others of the event. Events of the same date may follow one another.
// Among equally early chains it takes the one found first in date and id
// order. It returns nil when t cannot be reached.
func (v *View) EarliestArrival(s, t int64, after string) []hopRef {
	type reach struct {
		from  int64
		event int32
	}
	reached := map[int64]reach{s: {from: -1, event: -1}}
	ak := dateKey(after)
	evs := v.events
	// Events are in date-index order: by date key, then id.
	i := sort.Search(len(evs), func(i int) bool { return bytes.Compare(dateKey(evs[i].date), ak) >= 0 })
	for i < len(evs) && Dated(evs[i].date) {
		j := i
		dk := dateKey(evs[i].date)
		for j < len(evs) && bytes.Equal(dateKey(evs[j].date), dk) {
			j++
		}
		// Within one date, spread until nothing changes.
		for changed := true; changed; {
			changed = false
			for ei := i; ei < j; ei++ {
				e := &evs[ei]
				ps := append(slices.Clone(e.src), e.tgt...)
				var via int64 = -1
				for _, p := range ps {
					if _, ok := reached[p]; ok && (via < 0 || p < via) {
						via = p
					}
				}
				if via < 0 {
					continue
				}
				for _, p := range ps {
					if _, ok := reached[p]; !ok {
						reached[p] = reach{via, int32(ei)}
						changed = true
					}
				}
			}
		}
		if _, ok := reached[t]; ok {
			break
		}
		i = j
	}
	if _, ok := reached[t]; !ok || s == t {
		return nil
	}
	var hops []hopRef
	for x := t; x != s; {
		r := reached[x]
		hops = append(hops, hopRef{from: r.from, to: x, events: []int32{r.event}, count: len(v.between(r.from, x))})
		x = r.from
	}
	slices.Reverse(hops)
	return hops
}

// An Ego is the neighbourhood of one actor.
type Ego struct {
	Center    extract.Actor
	Actors    []EgoActor // the center first, then by depth, degree and id
	Relations []Relation // among Actors, as [Store.Relations] derives them
	Truncated bool       // Limit left actors out
}

// An EgoActor is an actor of an [Ego] network.
type EgoActor struct {
	extract.Actor
	Depth  int // hops from the center
	Degree int // distinct actors linked to, in the whole view
}

// Ego returns the actors within depth hops of the actor name in the events f
// selects, and the relations among them. With limit > 0 it keeps the limit
// nearest actors (by depth, then most linked first).
func (s *Store) Ego(f Filter, name string, depth, limit int) (*Ego, error) {
	c, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	v, err := s.Load(f)
	if err != nil {
		return nil, err
	}
	ego := &Ego{Center: c}
	center, ok := v.Node(c.ID)
	if !ok {
		ego.Actors = []EgoActor{{Actor: c}}
		return ego, nil
	}
	dist := map[int64]int{center: 0}
	queue := []int64{center}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if dist[u] == depth {
			continue
		}
		for _, nb := range v.adj[u] {
			if _, ok := dist[nb.to]; !ok {
				dist[nb.to] = dist[u] + 1
				queue = append(queue, nb.to)
			}
		}
	}
	nodes := make([]int64, 0, len(dist))
	for n := range dist {
		nodes = append(nodes, n)
	}
	sort.Slice(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if dist[a] != dist[b] {
			return dist[a] < dist[b]
		}
		if len(v.adj[a]) != len(v.adj[b]) {
			return len(v.adj[a]) > len(v.adj[b])
		}
		return a < b
	})
	if limit > 0 && len(nodes) > limit {
		nodes, ego.Truncated = nodes[:limit], true
	}
	keep := map[int64]bool{}
	var ids []string
	for _, n := range nodes {
		keep[n] = true
		ids = append(ids, v.ids[n])
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		ego.Actors = append(ego.Actors, EgoActor{Actor: am[v.ids[n]], Depth: dist[n], Degree: len(v.adj[n])})
	}
	var evs []extract.Event
	for _, e := range v.events {
		ev := extract.Event{ID: e.id, Type: e.typ, Date: e.date}
		for _, x := range e.src {
			if keep[x] {
				ev.Source = append(ev.Source, v.ids[x])
			}
		}
		for _, x := range e.tgt {
			if keep[x] {
				ev.Target = append(ev.Target, v.ids[x])
			}
		}
		if len(ev.Source)+len(ev.Target) >= 2 {
			evs = append(evs, ev)
		}
	}
	ego.Relations = relations(evs)
	return ego, nil
}
