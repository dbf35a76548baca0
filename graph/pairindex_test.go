package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
	"github.com/google/go-cmp/cmp"
)

// metLine is what a meeting says, for comparing Met with the events.
type metLine struct {
	Other, Event, Type, Date, Place, Doc, Text string
}

// metFromEvents is what Met answered before the pair index: the meetings
// of id found by reading its events.
func metFromEvents(t *testing.T, s *Store, id string) []metLine {
	t.Helper()
	evs, err := s.Events(Filter{Actors: []string{id}, Types: meetingTypes})
	if err != nil {
		t.Fatal(err)
	}
	out := []metLine{}
	for _, e := range evs {
		others := participants(&e)
		slices.Sort(others)
		for _, o := range others {
			if o == id {
				continue
			}
			l := metLine{Other: o, Event: e.ID, Type: e.Type, Date: e.Date}
			if e.Location != "" {
				l.Place = e.Location
			}
			if len(e.Mentions) > 0 {
				l.Doc, l.Text = e.Mentions[0].Doc, e.Mentions[0].Text
			}
			out = append(out, l)
		}
	}
	return out
}

func metLines(t *testing.T, s *Store, id string) []metLine {
	t.Helper()
	ms, err := s.Met(id, "")
	if err != nil {
		t.Fatal(err)
	}
	out := []metLine{}
	for _, m := range ms {
		if m.Actor.ID != id {
			t.Fatalf("Met(%q) answered for %q", id, m.Actor.ID)
		}
		l := metLine{Other: m.Other.ID, Event: m.Event.ID, Type: m.Event.Type, Date: m.Event.Date, Place: m.Event.Location}
		if len(m.Event.Mentions) > 0 {
			l.Doc, l.Text = m.Event.Mentions[0].Doc, m.Event.Mentions[0].Text
		}
		out = append(out, l)
	}
	return out
}

// pairCorpus is the merge corpus plus a meeting of three and a visit.
func pairCorpus() []*extract.Analysis {
	as := corpus()
	three := article("doc-6", "2016-09-12", "2016-09-11", false, "Lavrov, Kerry and de Mistura met.", "sergei-lavrov", "john-kerry", "staffan-de-mistura")
	three.Events[0].Location = "geneva"
	visit := article("doc-7", "2016-09-13", "2016-09-13", false, "Kerry visited Lavrov.", "john-kerry", "sergei-lavrov")
	visit.Events[0].Type = "visit"
	return append(as, three, visit)
}

// TestPairIndex checks that Met, answered from the pair index, says what
// the events say, after ingesting and after forgetting each document.
func TestPairIndex(t *testing.T) {
	for _, forget := range []string{"", "doc-1", "doc-3", "doc-4", "doc-5", "doc-6", "doc-7"} {
		t.Run("forget="+forget, func(t *testing.T) {
			s := mustOpen(t)
			mustIngest(t, s, pairCorpus())
			if forget != "" {
				if err := s.Forget(forget); err != nil {
					t.Fatal(err)
				}
			}
			as, err := s.Actors()
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				if diff := cmp.Diff(metFromEvents(t, s, a.ID), metLines(t, s, a.ID)); diff != "" {
					t.Errorf("Met(%q) mismatch with the events (-events +pair index):\n%s", a.ID, diff)
				}
			}
			mustCheck(t, s)
		})
	}
}

func TestMetPair(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, pairCorpus())
	tests := []struct {
		a, b string
		want []string // other, type, date
	}{
		// the "did not meet" of doc-5 is no meeting
		{"Lavrov", "Kerry", []string{"john-kerry meet 2016-09-09", "john-kerry meet 2016-09-11", "john-kerry visit 2016-09-13", "john-kerry negotiate 2016-10-01"}},
		{"Lavrov", "de Mistura", []string{"staffan-de-mistura meet 2016-09-11"}},
		{"de Mistura", "", []string{"john-kerry meet 2016-09-11", "sergei-lavrov meet 2016-09-11"}},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			ms, err := s.Met(tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Other.ID+" "+m.Event.Type+" "+m.Event.Date)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Met(%q, %q) mismatch (-want +got):\n%s", tt.a, tt.b, diff)
			}
		})
	}
	ms, err := s.Met("Kerry", "Lavrov")
	if err != nil {
		t.Fatal(err)
	}
	v := ms[len(ms)-2]
	if v.Event.Type != "visit" || !slices.Equal(v.Event.Source, []string{"john-kerry"}) || !slices.Equal(v.Event.Target, []string{"sergei-lavrov"}) {
		t.Errorf("Met(Kerry, Lavrov) last = %+v, want Kerry's visit to Lavrov", v.Event)
	}
}

func TestCheckPairs(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, pairCorpus())
	var stray []byte
	err := s.db.Update(func(txn *badger.Txn) error {
		ks := scanKeys(txn, prefixPair)
		if len(ks) == 0 {
			t.Fatal("no pair index keys")
		}
		if err := txn.Delete(ks[0]); err != nil {
			return err
		}
		stray = append(slices.Clone(ks[1][:len(ks[1])-3]), "xyz"...)
		return txn.Set(stray, []byte("Ps\x00\x00\x00"))
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var pairProblems []string
	for _, p := range res.Problems {
		if strings.Contains(p, "p/ key") {
			pairProblems = append(pairProblems, p)
		}
	}
	if len(pairProblems) != 2 {
		t.Errorf("Check() problems = %q, want a missing and a stray p/ key", res.Problems)
	}
	// Put the store right for the cleanup's consistency check.
	err = s.db.Update(func(txn *badger.Txn) error { return txn.Delete(stray) })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.reindexPairs(t.Context()); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s)
}
