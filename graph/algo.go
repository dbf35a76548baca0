package graph

import (
	"fmt"
	"hash/fnv"
	"slices"
	"sort"

	"github.com/chronograph/chronograph/extract"
	"gonum.org/v1/gonum/graph/network"
)

// Ranking measures for [Store.Rank].
const (
	ByDegree      = "degree"      // distinct actors linked to
	ByPageRank    = "pagerank"    // PageRank of the directed view, edges weighted by event count
	ByBetweenness = "betweenness" // shortest-path betweenness of the undirected view, in hops
)

// Measures lists the ranking measures.
var Measures = []string{ByDegree, ByPageRank, ByBetweenness}

// ExactBetweennessLimit is the largest view (in linked actors) whose
// betweenness [Store.Rank] computes exactly; above it, it samples sources.
const ExactBetweennessLimit = 4000

// DefaultSamples is the number of source actors sampled for betweenness on
// views larger than [ExactBetweennessLimit].
const DefaultSamples = 256

// Degree returns the number of distinct neighbours of each node.
func (v *View) Degree() []float64 {
	d := make([]float64, len(v.ids))
	for i, l := range v.adj {
		d[i] = float64(len(l))
	}
	return d
}

// PageRank returns the PageRank of each node in the directed view, with
// damping 0.85, edges weighted by event count (gonum network.PageRankSparse).
func (v *View) PageRank() []float64 {
	pr := network.PageRankSparse(v.Directed(), 0.85, 1e-8)
	out := make([]float64, len(v.ids))
	for id, r := range pr {
		out[id] = r
	}
	return out
}

// Betweenness returns the shortest-path betweenness of each node in the
// undirected, unweighted view: each unordered pair of other nodes adds the
// share of its shortest paths through the node (half of what gonum's
// network.Betweenness gives, which counts each pair from both ends). With samples ≤ 0 or at least the
// number of nodes, it is exact (Brandes' algorithm from every node);
// otherwise it runs from that many sources, chosen by a hash of their actor
// ids so the same view gives the same answer, and scales the sums by
// nodes/samples: an unbiased estimate whose ranking of central actors is
// stable. exact reports which it did.
func (v *View) Betweenness(samples int) (scores []float64, exact bool) {
	// Actors without links are on no shortest path: only linked ones
	// count as sources.
	var sources []int32
	for i, l := range v.adj {
		if len(l) > 0 {
			sources = append(sources, int32(i))
		}
	}
	n := len(sources)
	exact = samples <= 0 || samples >= n
	if !exact {
		h := make([]uint64, len(v.ids))
		for _, i := range sources {
			f := fnv.New64a()
			f.Write([]byte(v.ids[i]))
			h[i] = f.Sum64()
		}
		sort.Slice(sources, func(i, j int) bool { return h[sources[i]] < h[sources[j]] })
		sources = sources[:samples]
	}
	bc := brandes(v.adj, sources)
	scale := 0.5 // every unordered pair is counted from both ends
	if !exact {
		scale *= float64(n) / float64(len(sources))
	}
	for i := range bc {
		bc[i] *= scale
	}
	return bc, exact
}

// brandes sums the dependencies of every node on shortest paths from the
// given sources in an unweighted graph (Brandes 2001).
func brandes(adj [][]neighbour, sources []int32) []float64 {
	n := len(adj)
	bc := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int32, n)
	delta := make([]float64, n)
	order := make([]int32, 0, n)
	for i := range dist {
		dist[i] = -1
	}
	for _, s := range sources {
		order = order[:0]
		sigma[s], dist[s] = 1, 0
		order = append(order, s)
		for head := 0; head < len(order); head++ {
			u := order[head]
			for _, nb := range adj[u] {
				w := int32(nb.to)
				if dist[w] < 0 {
					dist[w] = dist[u] + 1
					order = append(order, w)
				}
				if dist[w] == dist[u]+1 {
					sigma[w] += sigma[u]
				}
			}
		}
		for i := len(order) - 1; i >= 0; i-- {
			w := order[i]
			for _, nb := range adj[w] {
				u := int32(nb.to)
				if dist[u] == dist[w]-1 {
					delta[u] += sigma[u] / sigma[w] * (1 + delta[w])
				}
			}
			if w != s {
				bc[w] += delta[w]
			}
		}
		for _, w := range order {
			sigma[w], dist[w], delta[w] = 0, -1, 0
		}
	}
	return bc
}

// Communities partitions the undirected view, edges weighted by event
// count, with the Louvain method at resolution 1 (our own implementation
// over the view's adjacency lists: gonum's community.Modularize took 15 s on
// 8,500 actors; the modularity of both partitions is checked alike in
// tests). The same view gives the same partition. Communities come largest
// first, members by node; q is the modularity.
func (v *View) Communities() (comms [][]int64, q float64) {
	member := louvain(v.adj)
	at := map[int32]int{}
	for i, c := range member {
		j, ok := at[c]
		if !ok {
			j = len(comms)
			at[c] = j
			comms = append(comms, nil)
		}
		comms[j] = append(comms[j], int64(i))
	}
	sort.SliceStable(comms, func(i, j int) bool {
		if len(comms[i]) != len(comms[j]) {
			return len(comms[i]) > len(comms[j])
		}
		return comms[i][0] < comms[j][0]
	})
	return comms, modularity(v.adj, member)
}

// A Score is an actor's place in a ranking.
type Score struct {
	Actor  extract.Actor
	Score  float64
	Degree int // distinct actors linked to
	Events int // events of the view it takes part in
}

// A Ranking is the result of [Store.Rank].
type Ranking struct {
	By     string
	Exact  bool // false when betweenness was estimated from sampled sources
	Actors int  // actors in the view
	Edges  int  // linked pairs in the view
	Scores []Score
}

// RankOptions tune [Store.Rank]. The zero value ranks by degree and keeps
// every actor.
type RankOptions struct {
	By      string // one of [Measures]; "" means degree
	Limit   int    // keep the first Limit actors; 0 keeps all
	Samples int    // betweenness sources; 0 means exact up to ExactBetweennessLimit actors, else DefaultSamples
}

// Rank ranks the actors of the events f selects by a centrality measure,
// highest first (ties by degree, then id).
func (s *Store) Rank(f Filter, o RankOptions) (*Ranking, error) {
	if o.By == "" {
		o.By = ByDegree
	}
	if !slices.Contains(Measures, o.By) {
		return nil, fmt.Errorf("graph: rank: unknown measure %q (want degree, pagerank or betweenness)", o.By)
	}
	v, err := s.Load(f)
	if err != nil {
		return nil, err
	}
	res := &Ranking{By: o.By, Exact: true, Actors: v.Len(), Edges: v.Edges()}
	var score []float64
	switch o.By {
	case ByDegree:
		score = v.Degree()
	case ByPageRank:
		score = v.PageRank()
	case ByBetweenness:
		samples := o.Samples
		if samples == 0 && v.Linked() > ExactBetweennessLimit {
			samples = DefaultSamples
		}
		score, res.Exact = v.Betweenness(samples)
	}
	idx := make([]int, v.Len())
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := idx[i], idx[j]
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		return len(v.adj[a]) > len(v.adj[b])
	})
	if o.Limit > 0 && len(idx) > o.Limit {
		idx = idx[:o.Limit]
	}
	events := v.eventCounts()
	ids := make([]string, len(idx))
	for i, n := range idx {
		ids[i] = v.ids[n]
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return nil, err
	}
	for _, n := range idx {
		res.Scores = append(res.Scores, Score{Actor: am[v.ids[n]], Score: score[n], Degree: len(v.adj[n]), Events: events[n]})
	}
	return res, nil
}

// eventCounts returns the number of events each node takes part in.
func (v *View) eventCounts() []int {
	c := make([]int, len(v.ids))
	for _, e := range v.events {
		seen := map[int64]bool{}
		for _, x := range append(slices.Clone(e.src), e.tgt...) {
			if !seen[x] {
				seen[x] = true
				c[x]++
			}
		}
	}
	return c
}

// A Community is one group found by [Store.Communities].
type Community struct {
	Members []Score // by degree within the whole view, most linked first
	Events  int     // events linking two members
}

// A Partition is the result of [Store.Communities].
type Partition struct {
	Modularity  float64
	Actors      int
	Edges       int
	Communities []Community // largest first
}

// Communities finds groups of actors more linked among themselves than with
// the rest (Louvain, see [View.Communities]) in the events f selects.
// Singletons (actors with no link) are left out.
func (s *Store) Communities(f Filter) (*Partition, error) {
	v, err := s.Load(f)
	if err != nil {
		return nil, err
	}
	comms, q := v.Communities()
	res := &Partition{Modularity: q, Actors: v.Len(), Edges: v.Edges()}
	events := v.eventCounts()
	var ids []string
	for _, c := range comms {
		for _, n := range c {
			ids = append(ids, v.ids[n])
		}
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return nil, err
	}
	for _, c := range comms {
		if len(c) < 2 {
			continue
		}
		in := map[int64]bool{}
		for _, n := range c {
			in[n] = true
		}
		com := Community{}
		inner := map[int32]bool{}
		for _, n := range c {
			com.Members = append(com.Members, Score{Actor: am[v.ids[n]], Score: float64(len(v.adj[n])), Degree: len(v.adj[n]), Events: events[n]})
			for _, nb := range v.adj[n] {
				if in[nb.to] {
					for _, e := range nb.events {
						inner[e] = true
					}
				}
			}
		}
		com.Events = len(inner)
		sort.SliceStable(com.Members, func(i, j int) bool {
			a, b := com.Members[i], com.Members[j]
			if a.Degree != b.Degree {
				return a.Degree > b.Degree
			}
			return a.Actor.ID < b.Actor.ID
		})
		res.Communities = append(res.Communities, com)
	}
	return res, nil
}

// louvain partitions an undirected weighted graph given as adjacency lists
// (each edge in both lists, weights event counts) with the Louvain method
// (Blondel et al. 2008) at resolution 1: nodes move, in node order, to the
// neighbouring community that most increases modularity until none does;
// then communities become the nodes of the next level. Node order and ties
// (the smaller community) make it deterministic. It returns the community
// of each node, numbered from 0.
func louvain(adj [][]neighbour) []int32 {
	n := len(adj)
	// The current level: CSR adjacency without self loops, and the
	// weight of each node's self loop (counted once).
	start := make([]int32, n+1)
	var to []int32
	var w []float64
	for i, l := range adj {
		for _, nb := range l {
			to = append(to, int32(nb.to))
			w = append(w, float64(len(nb.events)))
		}
		start[i+1] = int32(len(to))
	}
	self := make([]float64, n)
	member := make([]int32, n) // original node → node of the current level
	for i := range member {
		member[i] = int32(i)
	}
	for level := 0; level < 32; level++ {
		nn := len(self)
		k := make([]float64, nn)
		m2 := 0.0
		for i := 0; i < nn; i++ {
			k[i] = 2 * self[i]
			for e := start[i]; e < start[i+1]; e++ {
				k[i] += w[e]
			}
			m2 += k[i]
		}
		if m2 == 0 {
			break
		}
		comm := make([]int32, nn)
		tot := make([]float64, nn)
		for i := range comm {
			comm[i] = int32(i)
			tot[i] = k[i]
		}
		wc := make([]float64, nn) // weight from the node being moved to each community
		var touched []int32
		moved := false
		for pass := 0; pass < 100; pass++ {
			moves := 0
			for i := 0; i < nn; i++ {
				c := comm[i]
				touched = touched[:0]
				for e := start[i]; e < start[i+1]; e++ {
					d := comm[to[e]]
					if wc[d] == 0 {
						touched = append(touched, d)
					}
					wc[d] += w[e]
				}
				tot[c] -= k[i]
				best, bestGain := c, wc[c]-tot[c]*k[i]/m2
				for _, d := range touched {
					gain := wc[d] - tot[d]*k[i]/m2
					if gain > bestGain+1e-12 || (gain > bestGain-1e-12 && d < best && best != c) {
						best, bestGain = d, gain
					}
				}
				tot[best] += k[i]
				if best != c {
					comm[i] = best
					moves++
				}
				for _, d := range touched {
					wc[d] = 0
				}
			}
			if moves == 0 {
				break
			}
			moved = true
		}
		if !moved {
			break
		}
		// Renumber communities in order of their first node, and fold them
		// into the nodes of the next level.
		id := make([]int32, nn)
		for i := range id {
			id[i] = -1
		}
		nc := int32(0)
		for i := 0; i < nn; i++ {
			if id[comm[i]] < 0 {
				id[comm[i]] = nc
				nc++
			}
		}
		for i := range member {
			member[i] = id[comm[member[i]]]
		}
		nself := make([]float64, nc)
		agg := make([]map[int32]float64, nc)
		for i := 0; i < nn; i++ {
			ci := id[comm[i]]
			nself[ci] += self[i]
			for e := start[i]; e < start[i+1]; e++ {
				cj := id[comm[to[e]]]
				if cj == ci {
					nself[ci] += w[e] / 2 // each internal edge is seen from both ends
					continue
				}
				if agg[ci] == nil {
					agg[ci] = map[int32]float64{}
				}
				agg[ci][cj] += w[e]
			}
		}
		start = make([]int32, nc+1)
		to, w = to[:0], w[:0]
		for c := int32(0); c < nc; c++ {
			ks := make([]int32, 0, len(agg[c]))
			for d := range agg[c] {
				ks = append(ks, d)
			}
			slices.Sort(ks)
			for _, d := range ks {
				to = append(to, d)
				w = append(w, agg[c][d])
			}
			start[c+1] = int32(len(to))
		}
		self = nself
	}
	return member
}

// modularity returns the modularity (resolution 1) of a partition of an
// undirected weighted graph.
func modularity(adj [][]neighbour, comm []int32) float64 {
	nc := int32(0)
	for _, c := range comm {
		nc = max(nc, c+1)
	}
	in := make([]float64, nc)
	tot := make([]float64, nc)
	m2 := 0.0
	for i, l := range adj {
		for _, nb := range l {
			x := float64(len(nb.events))
			m2 += x
			tot[comm[i]] += x
			if comm[nb.to] == comm[i] {
				in[comm[i]] += x
			}
		}
	}
	if m2 == 0 {
		return 0
	}
	q := 0.0
	for c := range in {
		q += in[c]/m2 - (tot[c]/m2)*(tot[c]/m2)
	}
	return q
}
