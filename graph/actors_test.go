package graph

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chronograph/chronograph/extract"
)

// actorCount is an ActorSummary without the actor's details.
type actorCount struct {
	ID                string
	Documents, Events int
}

func actorCounts(as []ActorSummary) []actorCount {
	out := []actorCount{}
	for _, a := range as {
		out = append(out, actorCount{a.ID, a.Documents, a.Events})
	}
	return out
}

func TestActorSummaries(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	tests := []struct {
		name string
		f    ActorFilter
		want []actorCount
	}{
		{"all", ActorFilter{}, []actorCount{
			{"sergei-lavrov", 2, 5}, // the negated meeting and the undated events count
			{"john-kerry", 2, 3},
			{"russia", 2, 3},
			{"syria", 1, 2},
			{"syrian-opposition", 1, 1}, // named only by an event
			{"united-nations", 1, 1},
			{"united-states", 1, 1},
			{"geneva", 1, 0}, // a place is not a participant
		}},
		{"surname", ActorFilter{Query: "lavrov"}, []actorCount{{"sergei-lavrov", 2, 5}}},
		{"word of two names", ActorFilter{Query: "United"}, []actorCount{{"united-nations", 1, 1}, {"united-states", 1, 1}}},
		{"kinds", ActorFilter{Kinds: []string{extract.KindOrganisation, extract.KindPlace}}, []actorCount{{"united-nations", 1, 1}, {"geneva", 1, 0}}},
		{"query and kind", ActorFilter{Query: "united", Kinds: []string{extract.KindCountry}}, []actorCount{{"united-states", 1, 1}}},
		{"no kind matches", ActorFilter{Query: "Lavrov", Kinds: []string{extract.KindCountry}}, []actorCount{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ActorSummaries(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, actorCounts(got)); diff != "" {
				t.Errorf("ActorSummaries(%+v) mismatch (-want +got):\n%s", tt.f, diff)
			}
		})
	}

	_, err := s.ActorSummaries(ActorFilter{Query: "Nobody"})
	if !errors.Is(err, ErrNotFound) || err.Error() != `graph: no actor matches "Nobody"` {
		t.Errorf("ActorSummaries(Nobody) error = %v, want ErrNotFound", err)
	}
}

func TestActorSummariesAfterForget(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	if err := s.Forget("doc-1"); err != nil {
		t.Fatal(err)
	}
	got, err := s.ActorSummaries(ActorFilter{Query: "Lavrov"})
	if err != nil {
		t.Fatal(err)
	}
	// doc-2 still has the negotiation and the visit
	if diff := cmp.Diff([]actorCount{{"sergei-lavrov", 1, 2}}, actorCounts(got)); diff != "" {
		t.Errorf("ActorSummaries(Lavrov) after Forget mismatch (-want +got):\n%s", diff)
	}
}

func TestProfile(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	p, err := s.Profile("Sergey Lavrov")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := (actorCount{p.Summary.ID, p.Summary.Documents, p.Summary.Events}), (actorCount{"sergei-lavrov", 2, 5}); got != want {
		t.Errorf("Profile counts = %+v, want %+v", got, want)
	}
	if a := p.Summary.Actor; a.Name != "Sergei Lavrov" || a.Code != "RUSGOV" || !slices.Contains(a.Aliases, "Sergey Lavrov") {
		t.Errorf("Profile actor = %+v", a)
	}
	wantEvents := []string{"e-nomeet", "e-meet", "e-negotiate", "e-said", "e-visit"}
	if diff := cmp.Diff(wantEvents, eventIDs(p.Events)); diff != "" {
		t.Errorf("Profile events mismatch (-want +got):\n%s", diff)
	}
	wantRels := []Relation{
		{Source: "john-kerry", Target: "sergei-lavrov", Type: "meet", First: "2016-09-09", Last: "2016-09-09", Count: 1, Events: []string{"e-meet"}},
		{Source: "john-kerry", Target: "sergei-lavrov", Type: "negotiate", First: "2016-10-01", Last: "2016-10-01", Count: 1, Events: []string{"e-negotiate"}},
		{Source: "sergei-lavrov", Target: "syria", Type: "visit", Count: 1, Events: []string{"e-visit"}},
	}
	if diff := cmp.Diff(wantRels, fixtureNames(p.Relations)); diff != "" {
		t.Errorf("Profile relations mismatch (-want +got):\n%s", diff)
	}
	var others []string
	for id, a := range p.Others {
		others = append(others, id+"="+a.Name)
	}
	slices.Sort(others)
	if diff := cmp.Diff([]string{"geneva=Geneva", "john-kerry=John Kerry", "syria=Syria"}, others); diff != "" {
		t.Errorf("Profile others mismatch (-want +got):\n%s", diff)
	}

	_, err = s.Profile("Nobody")
	if !errors.Is(err, ErrNotFound) || err.Error() != `graph: no actor matches "Nobody"` {
		t.Errorf("Profile(Nobody) error = %v, want ErrNotFound", err)
	}
}
