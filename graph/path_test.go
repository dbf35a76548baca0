package graph

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/chronograph/chronograph/extract"
	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// meetings stores one article per "a-b date" meeting and returns the store.
func meetings(t testing.TB, ms ...string) *Store {
	t.Helper()
	s := mustOpen(t)
	var as []*extract.Analysis
	for i, m := range ms {
		f := strings.Fields(m)
		pair := strings.Split(f[0], "-")
		as = append(as, article(fmt.Sprintf("d%02d", i), f[1], f[1], false, pair[0]+" met "+pair[1]+".", pair[0], pair[1]))
	}
	mustIngest(t, s, as)
	return s
}

// hopNames returns "a-b@date" for each hop of p.
func hopNames(p Path) []string {
	var out []string
	for _, h := range p.Hops {
		s := h.From.ID + "-" + h.To.ID
		if len(h.Events) > 0 {
			s += "@" + h.Events[0].Date
		}
		out = append(out, s)
	}
	return out
}

// The static shortest chain from a to e goes through c, but b met c before a
// met b: in time, news from a reaches c only through d.
var handMade = []string{
	"a-b 2011-03-01",
	"b-c 2011-02-15",
	"b-d 2011-03-05",
	"d-c 2011-03-10",
	"c-e 2011-03-12",
	"e-f 2011-03-11", // too early to carry on from e
	// Same-day chains are allowed, whatever the order of their ids.
	"x-y 2011-04-01",
	"a-x 2011-04-01",
	"y-z 2011-04-01",
}

func TestTimePath(t *testing.T) {
	s := meetings(t, handMade...)
	tests := []struct {
		from, to, after string
		want            []string // nil: no path
	}{
		{"a", "c", "2011-03-01", []string{"a-b@2011-03-01", "b-d@2011-03-05", "d-c@2011-03-10"}},
		{"a", "e", "2011-03-01", []string{"a-b@2011-03-01", "b-d@2011-03-05", "d-c@2011-03-10", "c-e@2011-03-12"}},
		{"a", "e", "2011-03", []string{"a-b@2011-03-01", "b-d@2011-03-05", "d-c@2011-03-10", "c-e@2011-03-12"}},
		{"a", "f", "2011-03-01", nil},
		{"a", "c", "2011-03-02", nil}, // a's only early meeting is before
		{"b", "c", "2011-01-01", []string{"b-c@2011-02-15"}},
		{"a", "z", "2011-03-02", []string{"a-x@2011-04-01", "x-y@2011-04-01", "y-z@2011-04-01"}},
		{"c", "a", "2011-03-10", nil}, // a met no one after
	}
	for _, tt := range tests {
		t.Run(tt.from+"-"+tt.to+"-"+tt.after, func(t *testing.T) {
			p, err := s.TimePath(Filter{}, tt.from, tt.to, tt.after)
			if tt.want == nil {
				if !errors.Is(err, ErrNoPath) {
					t.Errorf("TimePath() = %v, %v; want ErrNoPath", p, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, hopNames(*p)); diff != "" {
				t.Errorf("TimePath() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPaths(t *testing.T) {
	s := meetings(t, handMade...)
	ps, err := s.Paths(Filter{}, "a", "e", 3)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, p := range ps {
		got = append(got, hopNames(p))
	}
	want := [][]string{
		{"a-b@2011-03-01", "b-c@2011-02-15", "c-e@2011-03-12"},
		{"a-b@2011-03-01", "b-d@2011-03-05", "d-c@2011-03-10", "c-e@2011-03-12"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Paths(a, e, 3) mismatch (-want +got):\n%s", diff)
	}
	// A window leaves out b-c.
	ps, err = s.Paths(Filter{From: "2011-03"}, "a", "e", 1)
	if err != nil || len(ps) != 1 || len(ps[0].Hops) != 4 {
		t.Errorf("Paths(from 2011-03) = %v, %v; want the 4-hop chain", ps, err)
	}
	// Types: no accusation links them.
	if _, err := s.Paths(Filter{Types: []string{"accuse"}}, "a", "e", 1); !errors.Is(err, ErrNoPath) {
		t.Errorf("Paths(accuse) error = %v, want ErrNoPath", err)
	}
	if _, err := s.Paths(Filter{}, "a", "nobody", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("Paths(a, nobody) error = %v, want ErrNotFound", err)
	}
}

// randomView returns a view of a random graph with n nodes and m meetings.
func randomView(n, m int, seed uint64) *View {
	r := rand.New(rand.NewPCG(seed, seed))
	var evs []extract.Event
	for i := range m {
		a, b := r.IntN(n), r.IntN(n)
		if a == b {
			continue
		}
		evs = append(evs, extract.Event{ID: fmt.Sprintf("e%06d", i), Type: "meet",
			Source: []string{fmt.Sprintf("n%04d", a)}, Target: []string{fmt.Sprintf("n%04d", b)}, Date: "2011"})
	}
	return buildView(evs)
}

func unweighted(v *View) *simple.UndirectedGraph {
	g := simple.NewUndirectedGraph()
	for i := range v.ids {
		g.AddNode(simple.Node(i))
	}
	for a, l := range v.adj {
		for _, nb := range l {
			if int64(a) < nb.to {
				g.SetEdge(simple.Edge{F: simple.Node(a), T: simple.Node(nb.to)})
			}
		}
	}
	return g
}

// KShortest finds paths as long as gonum's Yen.
func TestKShortestMatchesGonum(t *testing.T) {
	v := randomView(60, 120, 1)
	g := unweighted(v)
	for _, pair := range [][2]int64{{0, 1}, {2, 40}, {5, 59}, {10, 11}} {
		got := v.KShortest(pair[0], pair[1], 4)
		want := path.YenKShortestPaths(g, 4, math.Inf(1), simple.Node(pair[0]), simple.Node(pair[1]))
		if len(got) != len(want) {
			t.Errorf("KShortest(%v) gives %d paths, gonum %d", pair, len(got), len(want))
			continue
		}
		for i := range got {
			if len(got[i]) != len(want[i]) {
				t.Errorf("KShortest(%v)[%d] has %d nodes, gonum's %d", pair, i, len(got[i]), len(want[i]))
			}
			for j := 1; j < len(got[i]); j++ {
				if v.between(got[i][j-1], got[i][j]) == nil {
					t.Errorf("KShortest(%v)[%d] = %v is no path", pair, i, got[i])
				}
			}
		}
	}
	// The same view gives the same paths.
	if a, b := v.KShortest(2, 40, 4), v.KShortest(2, 40, 4); !slices.EqualFunc(a, b, slices.Equal) {
		t.Errorf("KShortest is not deterministic: %v, %v", a, b)
	}
}

func TestEgo(t *testing.T) {
	s := meetings(t, handMade...)
	ego, err := s.Ego(Filter{}, "b", 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range ego.Actors {
		got = append(got, fmt.Sprintf("%s/%d", a.ID, a.Depth))
	}
	if diff := cmp.Diff([]string{"b/0", "c/1", "a/1", "d/1"}, got); diff != "" {
		t.Errorf("Ego(b, 1) mismatch (-want +got):\n%s", diff)
	}
	// a-b, b-c, b-d and d-c: the relations among them.
	if len(ego.Relations) != 4 {
		t.Errorf("Ego(b, 1) relations = %+v, want 4", ego.Relations)
	}
	ego, err = s.Ego(Filter{}, "b", 2, 0)
	if err != nil || len(ego.Actors) != 6 { // + e and x
		t.Errorf("Ego(b, 2) = %+v, %v; want 6 actors", ego, err)
	}
	ego, err = s.Ego(Filter{To: "2011-02"}, "b", 2, 0)
	if err != nil || len(ego.Actors) != 2 {
		t.Errorf("Ego(b, 2, to 2011-02) = %+v, %v; want b and c", ego, err)
	}
	ego, err = s.Ego(Filter{}, "b", 2, 3)
	if err != nil || len(ego.Actors) != 3 || !ego.Truncated {
		t.Errorf("Ego(b, 2, limit 3) = %+v, %v; want 3 actors, truncated", ego, err)
	}
}
