package graph

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
	"github.com/google/go-cmp/cmp"
)

// article returns a one-event analysis: doc reports that actors met on date
// (or, with negated, that they did not), in sentence text.
func article(doc, published, date string, negated bool, text string, actors ...string) *extract.Analysis {
	var as []extract.Actor
	for _, a := range actors {
		as = append(as, extract.Actor{ID: a, Name: a, Kind: extract.KindPerson})
	}
	return &extract.Analysis{
		Doc:    extract.Document{ID: doc, Published: published, Text: text},
		Actors: as,
		Events: []extract.Event{{
			// Extractor ids are scoped to their document.
			ID: "x-" + doc, Type: "meet", CAMEO: "040", PLOVER: "CONSULT", Source: actors[:1], Target: actors[1:],
			Date: date, Negated: negated, Confidence: 0.8,
			Mentions: []extract.Mention{{Sentence: sp(0, len(text)), Rule: "meet.verb", Text: text}},
		}},
	}
}

// dump returns every stored event with its documents and source count, in
// store order, and the actor ids.
func dump(t testing.TB, s *Store) string {
	t.Helper()
	evs, err := s.Events(Filter{IncludeNegated: true})
	if err != nil {
		t.Fatal(err)
	}
	out := ""
	for _, e := range evs {
		out += fmt.Sprintf("%s %s %s neg=%v %v %v docs=%v sources=%d\n", e.ID, e.Date, e.Type, e.Negated, e.Source, e.Target, DocIDs(e), Sources(e))
		for _, m := range e.Mentions {
			out += fmt.Sprintf("  %s %s %q\n", m.Doc, m.Published, m.Text)
		}
	}
	as, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		out += a.ID + " "
	}
	return out + "\n"
}

func TestMergeTwoArticlesOneMeeting(t *testing.T) {
	s := mustOpen(t)
	res := mustIngest(t, s, []*extract.Analysis{
		article("a", "2016-09-10", "2016-09-09", false, "Lavrov met Kerry in Geneva on Friday.", "lavrov", "kerry"),
		// The other article names them the other way round.
		article("b", "2016-09-11", "2016-09-09", false, "Kerry and Lavrov held talks on Friday, officials said.", "kerry", "lavrov"),
	})
	if res.Events != 1 {
		t.Errorf("Ingest() = %+v, want 1 event", res)
	}
	evs, err := s.Events(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Fatalf("Events() = %d events, want 1:\n%s", len(evs), dump(t, s))
	}
	e := evs[0]
	if diff := cmp.Diff([]string{"a", "b"}, DocIDs(e)); diff != "" {
		t.Errorf("DocIDs() mismatch (-want +got):\n%s", diff)
	}
	if got := Sources(e); got != 2 {
		t.Errorf("Sources() = %d, want 2", got)
	}
	if want := EventID("meet|kerry,lavrov", "2016-09-09"); e.ID != want {
		t.Errorf("event id = %s, want %s", e.ID, want)
	}
	// The earliest report gives the event its shape.
	if !slices.Equal(e.Source, []string{"lavrov"}) || e.Mentions[0].Doc != "a" {
		t.Errorf("event = %+v, want a's shape first", e)
	}
	ms, err := s.Met("lavrov", "kerry")
	if err != nil || len(ms) != 1 {
		t.Errorf("Met() = %d meetings, %v; want 1", len(ms), err)
	}
}

func TestMergeSyndication(t *testing.T) {
	s := mustOpen(t)
	wire := "GENEVA (Reuters) - Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry on Friday to discuss a ceasefire."
	reprint := "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry on Friday to discuss a ceasefire, Reuters reported."
	own := "Lavrov and Kerry spent twelve hours in a Geneva hotel before announcing the deal."
	mustIngest(t, s, []*extract.Analysis{
		article("wire", "2016-09-09", "2016-09-09", false, wire, "lavrov", "kerry"),
		article("reprint-1", "2016-09-10", "2016-09-09", false, reprint, "lavrov", "kerry"),
		article("reprint-2", "2016-09-10", "2016-09-09", false, wire, "lavrov", "kerry"),
		article("own", "2016-09-10", "2016-09-09", false, own, "lavrov", "kerry"),
	})
	evs, err := s.Events(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || len(DocIDs(evs[0])) != 4 {
		t.Fatalf("want one event from four documents:\n%s", dump(t, s))
	}
	if got := Sources(evs[0]); got != 2 {
		t.Errorf("Sources() = %d, want 2 (the wire story and its reprints once, the own report once)", got)
	}
}

func TestMergeConflictingReports(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, []*extract.Analysis{
		article("a", "2016-09-10", "2016-09-09", false, "Lavrov met Kerry on Friday.", "lavrov", "kerry"),
		article("b", "2016-09-10", "2016-09-09", true, "Lavrov did not meet Kerry on Friday.", "lavrov", "kerry"),
	})
	evs, err := s.Events(Filter{IncludeNegated: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Negated == evs[1].Negated {
		t.Fatalf("want the report and the denial side by side:\n%s", dump(t, s))
	}
	evs, err = s.Events(Filter{})
	if err != nil || len(evs) != 1 || evs[0].Negated {
		t.Errorf("Events() without negated = %v, %v", eventIDs(evs), err)
	}
}

func TestMergeUndated(t *testing.T) {
	tests := []struct {
		name  string
		docs  []*extract.Analysis
		dates []string // dates of the stored events
	}{
		{"joins the dated event of its week", []*extract.Analysis{
			article("a", "2016-09-10", "2016-09-09", false, "Lavrov met Kerry on Friday.", "lavrov", "kerry"),
			article("b", "2016-09-12", "", false, "Lavrov met Kerry.", "lavrov", "kerry"),
		}, []string{"2016-09-09"}},
		{"too late", []*extract.Analysis{
			article("a", "2016-09-10", "2016-09-09", false, "Lavrov met Kerry on Friday.", "lavrov", "kerry"),
			article("b", "2016-09-20", "", false, "Lavrov met Kerry.", "lavrov", "kerry"),
		}, []string{"2016-09-09", ""}},
		{"two candidates", []*extract.Analysis{
			article("a", "2016-09-10", "2016-09-09", false, "Lavrov met Kerry on Friday.", "lavrov", "kerry"),
			article("c", "2016-09-10", "2016-09-07", false, "Lavrov met Kerry on Wednesday.", "lavrov", "kerry"),
			article("b", "2016-09-10", "", false, "Lavrov met Kerry.", "lavrov", "kerry"),
		}, []string{"2016-09-07", "2016-09-09", ""}},
		{"no publication date", []*extract.Analysis{
			article("a", "2016-09-10", "2016-09-09", false, "Lavrov met Kerry on Friday.", "lavrov", "kerry"),
			article("b", "", "", false, "Lavrov met Kerry.", "lavrov", "kerry"),
		}, []string{"2016-09-09", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Either order gives the same events.
			var dumps []string
			for _, order := range [][]*extract.Analysis{tt.docs, reversed(tt.docs)} {
				s := mustOpen(t)
				mustIngest(t, s, order)
				evs, err := s.Events(Filter{})
				if err != nil {
					t.Fatal(err)
				}
				var dates []string
				for _, e := range evs {
					dates = append(dates, e.Date)
				}
				if diff := cmp.Diff(tt.dates, dates); diff != "" {
					t.Errorf("event dates mismatch (-want +got):\n%s\n%s", diff, dump(t, s))
				}
				dumps = append(dumps, dump(t, s))
			}
			if diff := cmp.Diff(dumps[0], dumps[1]); diff != "" {
				t.Errorf("ingest order changes the graph (-forward +reversed):\n%s", diff)
			}
		})
	}
}

func reversed[T any](s []T) []T {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

// corpus returns the fixture plus articles that share its events, so that
// forgetting and order matter.
func corpus() []*extract.Analysis {
	as := fixture()
	as = append(as,
		article("doc-3", "2016-09-10", "2016-09-09", false, "Lavrov and Kerry met in Geneva on Friday.", "sergei-lavrov", "john-kerry"),
		article("doc-4", "2016-09-12", "", false, "Lavrov met Kerry, a diplomat said.", "john-kerry", "sergei-lavrov"),
		article("doc-5", "2016-09-06", "2016-09-05", true, "Lavrov did not meet Kerry on Monday.", "sergei-lavrov", "john-kerry"),
	)
	return as
}

func TestForgetReingest(t *testing.T) {
	for _, doc := range []string{"doc-1", "doc-2", "doc-3", "doc-4", "doc-5"} {
		t.Run(doc, func(t *testing.T) {
			s := mustOpen(t)
			mustIngest(t, s, corpus())
			want := dump(t, s)
			wantStats, err := s.Stats()
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.ForgetDocument(doc)
			if err != nil {
				t.Fatal(err)
			}
			after := dump(t, s)
			if after == want {
				t.Errorf("ForgetDocument(%s) changed nothing", doc)
			}
			if res.Events+res.Kept == 0 {
				t.Errorf("ForgetDocument(%s) = %+v, want events removed or kept", doc, res)
			}
			checkNoTrace(t, s, doc)
			var again *extract.Analysis
			for _, a := range corpus() {
				if a.Doc.ID == doc {
					again = a
				}
			}
			r := mustIngest(t, s, []*extract.Analysis{again})
			if r.Events != res.Events-res.Created {
				t.Errorf("re-ingest = %+v, want %d new events (forget: %+v)", r, res.Events-res.Created, res)
			}
			if diff := cmp.Diff(want, dump(t, s)); diff != "" {
				t.Errorf("forget and re-ingest changed the graph (-want +got):\n%s", diff)
			}
			st, err := s.Stats()
			if err != nil {
				t.Fatal(err)
			}
			if st != wantStats {
				t.Errorf("Stats() = %+v, want %+v", st, wantStats)
			}
		})
	}
}

// checkNoTrace checks that no key of the store names doc.
func checkNoTrace(t *testing.T, s *Store, doc string) {
	t.Helper()
	evs, err := s.Events(Filter{IncludeNegated: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if slices.Contains(DocIDs(e), doc) {
			t.Errorf("event %s still has a mention from %s", e.ID, doc)
		}
	}
	err = s.db.View(func(txn *badger.Txn) error {
		for _, p := range [][]byte{prefixDoc, prefixDocIdx} {
			if ks := scanKeys(txn, key(p, doc)); len(ks) > 0 {
				t.Errorf("keys left for %s: %q", doc, ks)
			}
		}
		for _, k := range scanKeys(txn, prefixContrib) {
			if lastPart(k) == doc {
				t.Errorf("contribution left: %q", k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOrderIndependence(t *testing.T) {
	as := corpus()
	orders := [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 4, 0, 3, 1}}
	var want string
	for i, order := range orders {
		s := mustOpen(t)
		for _, j := range order {
			mustIngest(t, s, corpus()[j:j+1])
		}
		// Ingesting everything again changes nothing.
		if r := mustIngest(t, s, corpus()); r.Skipped != len(as) {
			t.Errorf("second ingest = %+v, want all skipped", r)
		}
		got := dump(t, s)
		if i == 0 {
			want = got
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("order %v gives another graph (-want +got):\n%s", order, diff)
		}
	}
}

func TestInteractionKey(t *testing.T) {
	tests := []struct {
		e    extract.Event
		want string
	}{
		{extract.Event{Type: "meet", Source: []string{"b", "a"}}, "meet|a,b"},
		{extract.Event{Type: "meet", Source: []string{"b"}, Target: []string{"a"}}, "meet|a,b"},
		{extract.Event{Type: "meet", Source: []string{"b"}, Target: []string{"a"}, Negated: true}, "meet|not|a,b"},
		{extract.Event{Type: "accuse", Source: []string{"b"}, Target: []string{"a"}}, "accuse|b|a"},
		{extract.Event{Type: "mediate", Source: []string{"m"}, Target: []string{"y", "x"}}, "mediate|m|x,y"},
		{extract.Event{Type: "statement", Source: []string{"a"}}, "statement|a|"},
	}
	for _, tt := range tests {
		if got := InteractionKey(&tt.e); got != tt.want {
			t.Errorf("InteractionKey(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestEdgeValue(t *testing.T) {
	e := extract.Event{Type: "mediate", Source: []string{"m"}, Target: []string{"x", "y"}, Negated: true, Date: "2016-W36"}
	var got extract.Event
	if !parseEdgeValue(edgeValue(&e), &got) {
		t.Fatal("parseEdgeValue failed")
	}
	if diff := cmp.Diff(e, got); diff != "" {
		t.Errorf("edge value round trip mismatch (-want +got):\n%s", diff)
	}
	if parseEdgeValue(nil, &got) {
		t.Error("parseEdgeValue(nil) succeeded")
	}
}
