package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/chronograph/chronograph/extract"
	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

func TestBetweennessMatchesGonum(t *testing.T) {
	v := randomView(120, 300, 2)
	got, exact := v.Betweenness(0)
	if !exact {
		t.Fatal("Betweenness(0) is not exact")
	}
	want := network.Betweenness(unweighted(v))
	for i := range got {
		// gonum counts each pair from both ends.
		if math.Abs(2*got[i]-want[int64(i)]) > 1e-6 {
			t.Errorf("Betweenness()[%d] = %g, gonum %g (twice ours)", i, got[i], want[int64(i)])
		}
	}
}

// scaleFreeView returns a view of a preferential-attachment graph: n nodes,
// each linked to m earlier ones chosen in proportion to their degree, as
// news networks have a few hubs and many actors named once.
func scaleFreeView(n, m int, seed uint64) *View {
	r := rand.New(rand.NewPCG(seed, seed))
	var ends []int
	var evs []extract.Event
	for i := 1; i < n; i++ {
		for range min(m, i) {
			j := r.IntN(i)
			if len(ends) > 0 && r.IntN(2) == 0 {
				j = ends[r.IntN(len(ends))]
			}
			ends = append(ends, i, j)
			evs = append(evs, extract.Event{ID: fmt.Sprintf("e%07d", len(evs)), Type: "meet",
				Source: []string{fmt.Sprintf("n%06d", i)}, Target: []string{fmt.Sprintf("n%06d", j)}, Date: "2011"})
		}
	}
	return buildView(evs)
}

// Sampled betweenness finds the same central actors as the exact one.
func TestBetweennessSampled(t *testing.T) {
	v := scaleFreeView(3000, 2, 3)
	exactScores, _ := v.Betweenness(0)
	sampled, exact := v.Betweenness(200)
	if exact {
		t.Fatal("Betweenness(200) claims to be exact")
	}
	top := func(s []float64, k int) map[int]bool {
		idx := make([]int, len(s))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(i, j int) bool { return s[idx[i]] > s[idx[j]] })
		m := map[int]bool{}
		for _, i := range idx[:k] {
			m[i] = true
		}
		return m
	}
	a, b := top(exactScores, 10), top(sampled, 10)
	both := 0
	for i := range a {
		if b[i] {
			both++
		}
	}
	if both < 8 {
		t.Errorf("sampled top 10 shares %d actors with the exact top 10, want ≥ 8", both)
	}
	again, _ := v.Betweenness(200)
	if !cmp.Equal(sampled, again) {
		t.Error("sampled betweenness is not deterministic")
	}
}

func TestRank(t *testing.T) {
	s := meetings(t, handMade...)
	for _, by := range Measures {
		r, err := s.Rank(Filter{}, RankOptions{By: by, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Scores) != 3 || r.Actors != 9 {
			t.Errorf("Rank(%s) = %+v, want 3 of 9 actors", by, r)
			continue
		}
		// b links a, c and d, and lies between a's side and c's.
		if by != ByPageRank && r.Scores[0].Actor.ID != "b" {
			t.Errorf("Rank(%s) first = %s, want b", by, r.Scores[0].Actor.ID)
		}
	}
	// In April only x, y, z and a meet: y is between x and z, x between a and y.
	r, err := s.Rank(Filter{From: "2011-04"}, RankOptions{By: ByBetweenness})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, sc := range r.Scores {
		got[sc.Actor.ID] = sc.Score
	}
	if diff := cmp.Diff(map[string]float64{"a": 0, "x": 2, "y": 2, "z": 0}, got); diff != "" {
		t.Errorf("Rank(betweenness, April) mismatch (-want +got):\n%s", diff)
	}
	if _, err := s.Rank(Filter{}, RankOptions{By: "fame"}); err == nil {
		t.Error("Rank(fame) succeeded")
	}
}

func TestCommunities(t *testing.T) {
	// Two cliques of four, joined by one meeting.
	var ms []string
	for _, clique := range [][]string{{"a", "b", "c", "d"}, {"w", "x", "y", "z"}} {
		for i := range clique {
			for j := i + 1; j < len(clique); j++ {
				ms = append(ms, clique[i]+"-"+clique[j]+" 2011-03-01")
			}
		}
	}
	ms = append(ms, "d-w 2011-05-01")
	s := meetings(t, ms...)
	p, err := s.Communities(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, c := range p.Communities {
		var ids []string
		for _, m := range c.Members {
			ids = append(ids, m.Actor.ID)
		}
		sort.Strings(ids)
		got = append(got, ids)
	}
	if diff := cmp.Diff([][]string{{"a", "b", "c", "d"}, {"w", "x", "y", "z"}}, got); diff != "" {
		t.Errorf("Communities() mismatch (-want +got):\n%s", diff)
	}
	if p.Modularity < 0.3 || p.Communities[0].Events != 6 {
		t.Errorf("Communities() = %+v, want modularity > 0.3 and 6 events within each", p)
	}
	// Before May the bridge is not there.
	p, err = s.Communities(Filter{To: "2011-04"})
	if err != nil || len(p.Communities) != 2 || p.Edges != 12 {
		t.Errorf("Communities(to April) = %+v, %v", p, err)
	}
}

func TestActorRelations(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	a, ls, err := s.ActorRelations(Filter{}, "Russia")
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Type, Dir, Other string }
	var got []row
	for _, l := range ls {
		got = append(got, row{l.Type, l.Direction, l.Other.ID})
	}
	want := []row{
		{"accuse", "out", "united-states"},
		{"cooperate", "both", "united-nations"},
		{"mediate", "out", "syria"},
		{"mediate", "out", "syrian-opposition"},
	}
	if a.ID != "russia" || !cmp.Equal(want, got) {
		t.Errorf("ActorRelations(Russia) mismatch (-want +got):\n%s", cmp.Diff(want, got))
	}
	_, ls, err = s.ActorRelations(Filter{Types: []string{"accuse"}}, "United States")
	if err != nil || len(ls) != 1 || ls[0].Direction != "in" || ls[0].Other.ID != "russia" || ls[0].Sources != 1 {
		t.Errorf("ActorRelations(United States, accuse) = %+v, %v", ls, err)
	}
}

func TestWhy(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, corpus())
	ms, err := s.Met("Lavrov", "Kerry")
	if err != nil || len(ms) == 0 {
		t.Fatal(ms, err)
	}
	ev, err := s.Why(ms[0].Event.ID)
	if err != nil {
		t.Fatal(err)
	}
	// doc-1 and doc-3 date it, doc-4 reports it undated three days later.
	if diff := cmp.Diff([]string{"doc-1", "doc-3", "doc-4"}, DocIDs(ev.Event)); diff != "" {
		t.Errorf("Why() documents mismatch (-want +got):\n%s", diff)
	}
	if ev.Docs["doc-1"].Title != "Talks in Geneva" || ev.Sources != 2 {
		t.Errorf("Why() = %+v, want doc-1's title and 2 sources (doc-3 repeats doc-1's sentence)", ev)
	}
	nomeet, err := s.Events(Filter{IncludeNegated: true, From: "2016-09-05", To: "2016-09-05", Types: []string{"meet"}})
	if err != nil || len(nomeet) != 1 {
		t.Fatal(nomeet, err)
	}
	if ev, err := s.Why(nomeet[0].ID); err != nil || len(ev.Event.Mentions) != 2 {
		t.Errorf("Why(did not meet) = %+v, %v; want two reports", ev, err)
	}
	if _, err := s.Why("ev-nope"); err == nil {
		t.Error("Why(unknown) succeeded")
	}
}

// Our Louvain finds partitions as good as gonum's, and computes modularity
// as gonum does.
func TestLouvainMatchesGonum(t *testing.T) {
	for _, v := range []*View{scaleFreeView(800, 2, 5), randomView(300, 900, 6)} {
		comms, q := v.Communities()
		g := v.Undirected()
		var parts [][]graph.Node
		for _, c := range comms {
			var p []graph.Node
			for _, n := range c {
				p = append(p, simple.Node(n))
			}
			parts = append(parts, p)
		}
		if want := community.Q(g, parts, 1); math.Abs(q-want) > 1e-9 {
			t.Errorf("modularity = %g, gonum's Q of the same partition %g", q, want)
		}
		ref := community.Modularize(g, 1, rand.NewPCG(1, 2))
		if want := community.Q(g, ref.Communities(), 1); q < 0.95*want {
			t.Errorf("modularity = %g, gonum's Louvain finds %g", q, want)
		}
		again, _ := v.Communities()
		if !cmp.Equal(comms, again) {
			t.Error("Communities is not deterministic")
		}
	}
}
