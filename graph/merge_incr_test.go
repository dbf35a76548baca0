package graph

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/chronograph/chronograph/extract"
	"github.com/google/go-cmp/cmp"
)

// randomCorpus returns n documents whose events of a few groups fall on
// nearby days, finer and coarser dates, or none, so that undated reports
// attach, detach and move as documents come and go.
func randomCorpus(r *rand.Rand, n int) []*extract.Analysis {
	dates := []string{"", "", "", "2016-09-03", "2016-09-05", "2016-09-05T14:00", "2016-09-08", "2016-09-12", "2016-09", "PAST_REF"}
	pubs := []string{"2016-09-04", "2016-09-06", "2016-09-09", "2016-09-11", "2016-09-14", "2016-09-20", ""}
	people := []string{"a", "b", "c"}
	var as []*extract.Analysis
	for i := range n {
		doc := fmt.Sprintf("doc-%02d", i)
		a := &extract.Analysis{Doc: extract.Document{ID: doc, Published: pubs[r.IntN(len(pubs))], Text: "text of " + doc}}
		for _, p := range people {
			a.Actors = append(a.Actors, extract.Actor{ID: p, Name: p, Kind: extract.KindPerson})
		}
		for j := range 1 + r.IntN(4) {
			src, dst := people[r.IntN(2)], people[2]
			text := fmt.Sprintf("%s met %s (%d)", src, dst, r.IntN(3))
			e := extract.Event{
				ID: fmt.Sprintf("x%d", j), Type: "meet", Source: []string{src}, Target: []string{dst},
				Date: dates[r.IntN(len(dates))], Confidence: float64(r.IntN(10)) / 10,
				Mentions: []extract.Mention{{Sentence: sp(10*j, 10*j+5), Rule: "meet.verb", Text: text}},
			}
			if r.IntN(3) == 0 {
				e.Location = []string{"geneva", "paris"}[r.IntN(2)]
			}
			if r.IntN(4) == 0 {
				e.Mentions[0].Published = pubs[r.IntN(len(pubs)-1)]
			}
			a.Events = append(a.Events, e)
		}
		as = append(as, a)
	}
	return as
}

// wantEvents merges the events of as from scratch, as mergeGroup does.
func wantEvents(as []*extract.Analysis) []string {
	contribs := map[string][]extract.Event{}
	keys := map[string]string{}
	docs := slices.Clone(as)
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.ID < docs[j].Doc.ID })
	for _, a := range docs {
		_, byGroup, ks := groupsOf(mergeDocEvents(a))
		for g, evs := range byGroup {
			contribs[g] = append(contribs[g], evs...)
			keys[g] = ks[g]
		}
	}
	var out []string
	for g, cs := range contribs {
		for _, e := range mergeGroup(keys[g], cs) {
			out = append(out, eventLine(e))
		}
	}
	slices.Sort(out)
	return out
}

func eventLine(e extract.Event) string {
	s := fmt.Sprintf("%s %q %v %v %s %s %.1f", e.ID, e.Date, e.Source, e.Target, e.Location, e.Modality, e.Confidence)
	for _, m := range e.Mentions {
		s += fmt.Sprintf(" [%s %s %d %q]", m.Doc, m.Published, m.Sentence.Start, m.Text)
	}
	return s
}

func storedEvents(t *testing.T, s *Store) []string {
	t.Helper()
	evs, err := s.Events(Filter{IncludeNegated: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, eventLine(e))
	}
	slices.Sort(out)
	return out
}

// TestMergeIncremental ingests and forgets random documents in random
// orders and checks that the events stored incrementally are those merged
// from scratch from the documents present.
func TestMergeIncremental(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 7))
			as := randomCorpus(r, 24)
			s := mustOpen(t)
			present := map[string]bool{}
			for _, i := range r.Perm(len(as)) {
				mustIngest(t, s, as[i:i+1])
				present[as[i].Doc.ID] = true
			}
			for round := range 3 {
				for _, i := range r.Perm(len(as))[:8] {
					id := as[i].Doc.ID
					if present[id] {
						if err := s.Forget(id); err != nil {
							t.Fatal(err)
						}
					} else {
						mustIngest(t, s, as[i:i+1])
					}
					present[id] = !present[id]
				}
				var now []*extract.Analysis
				for _, a := range as {
					if present[a.Doc.ID] {
						now = append(now, a)
					}
				}
				if diff := cmp.Diff(wantEvents(now), storedEvents(t, s)); diff != "" {
					t.Fatalf("round %d: stored events differ from a merge from scratch (-want +got):\n%s", round, diff)
				}
				checkConsistency(t, s)
			}
		})
	}
}
