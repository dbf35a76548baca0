package graph

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "update golden files")

// mustOpen opens a fresh store in a temporary directory. At cleanup it checks
// the store's consistency, then closes it.
func mustOpen(t testing.TB) *Store {
	t.Helper()
	return mustOpenDir(t, t.TempDir())
}

func mustOpenDir(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		checkConsistency(t, s)
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// checkConsistency checks that the indexes and the records agree: every
// event has its date, actor and document keys, every index key points at a
// stored record, and every event's actors exist.
func checkConsistency(t testing.TB, s *Store) {
	t.Helper()
	if s.db.IsClosed() {
		return
	}
	err := s.db.View(func(txn *badger.Txn) error {
		has := func(k []byte) bool {
			ok, err := exists(tx(txn), k)
			if err != nil {
				t.Error(err)
			}
			return ok
		}
		err := scan(txn, prefixEvent, func(k, v []byte) error {
			var e extract.Event
			if err := decode(v, &e); err != nil {
				return err
			}
			if err := fillMentions(tx(txn), &e); err != nil {
				t.Errorf("event %s: %v", e.ID, err)
			}
			if !has(dateIndexKey(e.Date, e.ID)) {
				t.Errorf("event %s: no date index key", e.ID)
			}
			for _, a := range participants(&e) {
				if !has(key(prefixActorIdx, a, e.ID)) {
					t.Errorf("event %s: no actor index key for %s", e.ID, a)
				}
				if !has(key(prefixActor, a)) {
					t.Errorf("event %s: actor %s not stored", e.ID, a)
				}
			}
			if len(e.Mentions) == 0 {
				t.Errorf("event %s: no mentions", e.ID)
			}
			for _, d := range DocIDs(e) {
				if !has(key(prefixDocIdx, d, e.ID)) {
					t.Errorf("event %s: no document index key for %s", e.ID, d)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range scanKeys(txn, prefixDate) {
			if eid := string(k[len(prefixDate)+dateWidth:]); !has(key(prefixEvent, eid)) {
				t.Errorf("date index key for missing event %s", eid)
			}
		}
		for _, p := range [][]byte{prefixActorIdx, prefixDocIdx} {
			for _, k := range scanKeys(txn, p) {
				if eid := lastPart(k); !has(key(prefixEvent, eid)) {
					t.Errorf("index key %q for missing event", k)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// Fixture: two documents about Lavrov and Kerry.
func fixture() []*extract.Analysis {
	lavrov := extract.Actor{ID: "sergei-lavrov", Name: "Sergei Lavrov", Kind: extract.KindPerson, Code: "RUSGOV", Aliases: []string{"Lavrov"}}
	kerry := extract.Actor{ID: "john-kerry", Name: "John Kerry", Kind: extract.KindPerson, Code: "USAGOV", Aliases: []string{"Kerry"}}
	russia := extract.Actor{ID: "russia", Name: "Russia", Kind: extract.KindCountry, Code: "RUS", Aliases: []string{"Moscow"}}
	us := extract.Actor{ID: "united-states", Name: "United States", Kind: extract.KindCountry, Code: "USA", Aliases: []string{"Washington"}}
	geneva := extract.Actor{ID: "geneva", Name: "Geneva", Kind: extract.KindPlace}
	syria := extract.Actor{ID: "syria", Name: "Syria", Kind: extract.KindCountry, Code: "SYR"}
	un := extract.Actor{ID: "united-nations", Name: "United Nations", Kind: extract.KindOrganisation, Code: "IGOUNO", Aliases: []string{"UN"}}

	s1 := "Lavrov and Kerry met in Geneva on Friday."
	s2 := "Moscow accused Washington of hypocrisy on Thursday."
	s3 := "Lavrov did not meet Kerry on Monday."
	s4 := "Lavrov said the talks were useful."
	doc1 := &extract.Analysis{
		Doc:    extract.Document{ID: "doc-1", Title: "Talks in Geneva", Source: "wire", Published: "2016-09-10", Text: strings.Join([]string{s1, s2, s3, s4}, " ")},
		Actors: []extract.Actor{lavrov, kerry, russia, us, geneva},
		Events: []extract.Event{
			{ID: "e-meet", Type: "meet", CAMEO: "040", PLOVER: "CONSULT", Source: []string{"sergei-lavrov", "john-kerry"}, Date: "2016-09-09", Location: "geneva",
				Mentions: []extract.Mention{{Sentence: sp(0, 41), Trigger: sp(17, 20), Rule: "meet/coord", Text: s1}}},
			{ID: "e-accuse", Type: "accuse", CAMEO: "112", PLOVER: "DISAPPROVE", Source: []string{"russia"}, Target: []string{"united-states"}, Date: "2016-09-08",
				Mentions: []extract.Mention{{Sentence: sp(42, 93), Trigger: sp(49, 56), Rule: "accuse/active", Text: s2}}},
			{ID: "e-nomeet", Type: "meet", CAMEO: "040", PLOVER: "CONSULT", Source: []string{"sergei-lavrov"}, Target: []string{"john-kerry"}, Date: "2016-09-05", Negated: true,
				Mentions: []extract.Mention{{Sentence: sp(94, 130), Trigger: sp(110, 114), Rule: "meet/active", Text: s3}}},
			{ID: "e-said", Type: "statement", CAMEO: "010", Source: []string{"sergei-lavrov"},
				Mentions: []extract.Mention{{Sentence: sp(131, 165), Trigger: sp(138, 142), Rule: "statement/said", Text: s4}}},
		},
	}

	t1 := "Kerry negotiated with Sergey Lavrov on Saturday."
	t2 := "Russia mediated between Syria and the opposition in October."
	t3 := "Lavrov visited Syria."
	t4 := "The UN and Russia agreed to cooperate in 2016."
	lavrov2 := lavrov
	lavrov2.Aliases = []string{"Sergey Lavrov", "Lavrov"}
	doc2 := &extract.Analysis{
		Doc:    extract.Document{ID: "doc-2", Title: "Syria talks", Published: "2016-10-02", Text: strings.Join([]string{t1, t2, t3, t4}, " ")},
		Actors: []extract.Actor{lavrov2, kerry, russia, syria, un},
		Events: []extract.Event{
			{ID: "e-negotiate", Type: "negotiate", CAMEO: "046", PLOVER: "CONSULT", Source: []string{"john-kerry"}, Target: []string{"sergei-lavrov"}, Date: "2016-10-01",
				Mentions: []extract.Mention{{Sentence: sp(0, 48), Trigger: sp(6, 16), Rule: "negotiate/with", Text: t1}}},
			{ID: "e-mediate", Type: "mediate", CAMEO: "045", PLOVER: "CONSULT", Source: []string{"russia"}, Target: []string{"syria", "syrian-opposition"}, Date: "2016-10",
				Mentions: []extract.Mention{{Sentence: sp(49, 109), Trigger: sp(56, 64), Rule: "mediate/between", Text: t2}}},
			{ID: "e-visit", Type: "visit", CAMEO: "042", PLOVER: "CONSULT", Source: []string{"sergei-lavrov"}, Target: []string{"syria"},
				Mentions: []extract.Mention{{Sentence: sp(110, 131), Trigger: sp(117, 124), Rule: "visit/active", Text: t3}}},
			{ID: "e-cooperate", Type: "cooperate", CAMEO: "050", PLOVER: "COOPERATE", Source: []string{"united-nations", "russia"}, Date: "2016",
				Mentions: []extract.Mention{{Sentence: sp(132, 178), Trigger: sp(157, 166), Rule: "cooperate/agree-to", Text: t4}}},
		},
	}
	return []*extract.Analysis{doc1, doc2}
}

func mustIngest(t testing.TB, s *Store, as []*extract.Analysis) IngestResult {
	t.Helper()
	res, err := s.Ingest(t.Context(), as)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// eventIDs returns the ids of es, with the stored ids of the fixture's
// events (see [EventID]) given back as the fixture's names ("e-meet").
func eventIDs(es []extract.Event) []string {
	ids := []string{}
	for _, e := range es {
		ids = append(ids, fixtureName(e.ID))
	}
	return ids
}

// fixtureName returns the fixture's name of a stored event id, or id.
func fixtureName(id string) string {
	for _, a := range fixture() {
		for _, e := range a.Events {
			if EventID(InteractionKey(&e), e.Date) == id {
				return e.ID
			}
		}
	}
	return id
}

// fixtureNames returns rs with their event ids as fixture names.
func fixtureNames(rs []Relation) []Relation {
	for i := range rs {
		for j, id := range rs[i].Events {
			rs[i].Events[j] = fixtureName(id)
		}
	}
	return rs
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir)
	res := mustIngest(t, s, fixture())
	if want := (IngestResult{Documents: 2, Events: 8, Actors: 8}); res != want {
		t.Errorf("Ingest() = %+v, want %+v", res, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpenDir(t, dir)
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Documents: 2, Actors: 8, Events: 8, Relations: 7}); st != want {
		t.Errorf("Stats() = %+v, want %+v", st, want)
	}

	evs, err := s.Events(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"e-cooperate", "e-accuse", "e-meet", "e-mediate", "e-negotiate", "e-said", "e-visit"}
	if diff := cmp.Diff(want, eventIDs(evs)); diff != "" {
		t.Errorf("Events() mismatch (-want +got):\n%s", diff)
	}
	if m := evs[2].Mentions[0]; m.Doc != "doc-1" || m.Published != "2016-09-10" || m.Text == "" {
		t.Errorf("Events()[2].Mentions[0] = %+v, want doc-1 published 2016-09-10 with text", m)
	}
	evs, err = s.Events(Filter{IncludeNegated: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids := eventIDs(evs); len(ids) != 8 || ids[0] != "e-cooperate" || ids[1] != "e-nomeet" {
		t.Errorf("Events(IncludeNegated) = %v", eventIDs(evs))
	}

	ms, err := s.Met("Lavrov", "Kerry")
	if err != nil {
		t.Fatal(err)
	}
	type meet struct{ Actor, Other, Event, Place string }
	var got []meet
	for _, m := range ms {
		got = append(got, meet{m.Actor.ID, m.Other.ID, fixtureName(m.Event.ID), m.Place})
	}
	wantMet := []meet{
		{"sergei-lavrov", "john-kerry", "e-meet", "Geneva"},
		{"sergei-lavrov", "john-kerry", "e-negotiate", ""},
	}
	if diff := cmp.Diff(wantMet, got); diff != "" {
		t.Errorf("Met(Lavrov, Kerry) mismatch (-want +got):\n%s", diff)
	}
	ms, err = s.Met("sergei lavrov", "")
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, m := range ms {
		got = append(got, meet{m.Actor.ID, m.Other.ID, fixtureName(m.Event.ID), m.Place})
	}
	wantMet = append(wantMet, meet{"sergei-lavrov", "syria", "e-visit", ""})
	if diff := cmp.Diff(wantMet, got); diff != "" {
		t.Errorf("Met(sergei lavrov, \"\") mismatch (-want +got):\n%s", diff)
	}

	rs, err := s.Relations(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	wantRel := []Relation{
		{Source: "john-kerry", Target: "sergei-lavrov", Type: "meet", First: "2016-09-09", Last: "2016-09-09", Count: 1, Events: []string{"e-meet"}},
		{Source: "john-kerry", Target: "sergei-lavrov", Type: "negotiate", First: "2016-10-01", Last: "2016-10-01", Count: 1, Events: []string{"e-negotiate"}},
		{Source: "russia", Target: "syria", Type: "mediate", First: "2016-10", Last: "2016-10", Count: 1, Events: []string{"e-mediate"}},
		{Source: "russia", Target: "syrian-opposition", Type: "mediate", First: "2016-10", Last: "2016-10", Count: 1, Events: []string{"e-mediate"}},
		{Source: "russia", Target: "united-nations", Type: "cooperate", First: "2016", Last: "2016", Count: 1, Events: []string{"e-cooperate"}},
		{Source: "russia", Target: "united-states", Type: "accuse", First: "2016-09-08", Last: "2016-09-08", Count: 1, Events: []string{"e-accuse"}},
		{Source: "sergei-lavrov", Target: "syria", Type: "visit", Count: 1, Events: []string{"e-visit"}},
	}
	if diff := cmp.Diff(wantRel, fixtureNames(rs)); diff != "" {
		t.Errorf("Relations() mismatch (-want +got):\n%s", diff)
	}

	doc, err := s.Document("doc-1")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Talks in Geneva" || doc.Published != "2016-09-10" || doc.Text != fixture()[0].Doc.Text {
		t.Errorf("Document(doc-1) = %+v", doc)
	}
	if _, err := s.Document("doc-9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(doc-9) error = %v, want ErrNotFound", err)
	}

	as, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range as {
		ids = append(ids, a.ID)
		if a.ID == "sergei-lavrov" {
			if diff := cmp.Diff([]string{"Lavrov", "Sergey Lavrov"}, a.Aliases); diff != "" {
				t.Errorf("Lavrov's aliases mismatch (-want +got):\n%s", diff)
			}
			if a.Kind != extract.KindPerson || a.Code != "RUSGOV" || len(a.Mentions) != 0 {
				t.Errorf("Lavrov = %+v", a)
			}
		}
		if a.ID == "syrian-opposition" && a.Kind != extract.KindUnknown {
			t.Errorf("placeholder actor = %+v, want kind unknown", a)
		}
	}
	if diff := cmp.Diff([]string{"geneva", "john-kerry", "russia", "sergei-lavrov", "syria", "syrian-opposition", "united-nations", "united-states"}, ids); diff != "" {
		t.Errorf("Actors() ids mismatch (-want +got):\n%s", diff)
	}
}

func TestIngestIdempotent(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	before, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	res := mustIngest(t, s, fixture())
	if want := (IngestResult{Skipped: 2}); res != want {
		t.Errorf("second Ingest() = %+v, want %+v", res, want)
	}
	// A document read from another place is the same document.
	as := fixture()
	as[0].Doc.Origin = "elsewhere.txt:3"
	if res := mustIngest(t, s, as[:1]); res.Skipped != 1 {
		t.Errorf("Ingest() of the same document from another origin = %+v, want skipped", res)
	}
	after, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("Stats() after second ingest = %+v, want %+v", after, before)
	}
	evs, err := s.Events(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if len(e.Mentions) != 1 {
			t.Errorf("event %s has %d mentions after ingesting twice, want 1", e.ID, len(e.Mentions))
		}
	}
}

func TestIngestReplaceAndForget(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())

	// The extractor changed its mind about doc-2: no more visit.
	as := fixture()
	as[1].Events = slices.DeleteFunc(as[1].Events, func(e extract.Event) bool { return e.ID == "e-visit" })
	res := mustIngest(t, s, as[1:])
	if res.Documents != 1 || res.Events != 0 {
		t.Errorf("Ingest() of a changed document = %+v, want 1 document, 0 new events", res)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Documents: 2, Actors: 8, Events: 7, Relations: 6}); st != want {
		t.Errorf("Stats() after replace = %+v, want %+v", st, want)
	}

	if err := s.Forget("doc-2"); err != nil {
		t.Fatal(err)
	}
	st, err = s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	// Left: doc-1's 4 events and 5 actors; Lavrov keeps the alias doc-2 taught.
	if want := (Stats{Documents: 1, Actors: 5, Events: 4, Relations: 2}); st != want {
		t.Errorf("Stats() after Forget = %+v, want %+v", st, want)
	}
	if err := s.Forget("doc-2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Forget(doc-2) again: error = %v, want ErrNotFound", err)
	}
}

// An event reported by two documents keeps both mentions, and survives
// forgetting one of them.
func TestIngestSharedEvent(t *testing.T) {
	s := mustOpen(t)
	as := fixture()
	ev := as[0].Events[0]
	ev.Mentions = []extract.Mention{{Sentence: sp(0, 10), Rule: "meet/coord", Text: "Lavrov and Kerry met."}}
	as[1].Events = append(as[1].Events, ev)
	mustIngest(t, s, as)
	evs, err := s.Events(Filter{Types: []string{"meet"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || cmp.Diff([]string{"doc-1", "doc-2"}, DocIDs(evs[0])) != "" {
		t.Fatalf("Events(meet) = %+v, want e-meet from doc-1 and doc-2", evs)
	}
	if err := s.Forget("doc-1"); err != nil {
		t.Fatal(err)
	}
	evs, err = s.Events(Filter{Types: []string{"meet"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || cmp.Diff([]string{"doc-2"}, DocIDs(evs[0])) != "" {
		t.Fatalf("Events(meet) after Forget(doc-1) = %+v, want e-meet from doc-2", evs)
	}
}

func TestIngestCanceled(t *testing.T) {
	s := mustOpen(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	res, err := s.Ingest(ctx, fixture())
	if !errors.Is(err, context.Canceled) || res != (IngestResult{}) {
		t.Errorf("Ingest(canceled) = %+v, %v; want nothing, context.Canceled", res, err)
	}
}

func TestOpenLocked(t *testing.T) {
	s := mustOpen(t)
	done := make(chan error, 1)
	go func() {
		s2, err := Open(s.Dir(), nil)
		if err == nil {
			s2.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second Open() error = %v, want ErrLocked", err)
		}
		want := `graph: store "` + s.Dir() + `" in use by another process`
		if err.Error() != want {
			t.Errorf("second Open() error = %q, want %q", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("second Open() hangs")
	}
	if _, err := Open(s.Dir(), &Options{ReadOnly: true}); !errors.Is(err, ErrLocked) {
		t.Errorf("read-only Open() beside a writer: error = %v, want ErrLocked", err)
	}
}

// TestOpenLockedProcess opens the store from a second process.
func TestOpenLockedProcess(t *testing.T) {
	if dir := os.Getenv("GRAPH_TEST_OPEN"); dir != "" {
		_, err := Open(dir, nil)
		if errors.Is(err, ErrLocked) {
			os.Exit(3)
		}
		os.Exit(0)
	}
	s := mustOpen(t)
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestOpenLockedProcess$")
	cmd.Env = append(os.Environ(), "GRAPH_TEST_OPEN="+s.Dir())
	cmd.WaitDelay = 10 * time.Second
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Errorf("Open() in a second process: %v, want exit status 3 (ErrLocked)", err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustIngest(t, s, fixture())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r1, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("second read-only Open(): %v", err)
	}
	defer r2.Close()
	st, err := r2.Stats()
	if err != nil || st.Events != 8 {
		t.Errorf("read-only Stats() = %+v, %v", st, err)
	}
	if _, err := Open(filepath.Join(dir, "missing"), &Options{ReadOnly: true}); err == nil {
		t.Error("read-only Open() of a missing directory succeeded")
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("CHRONOGRAPH_DB", "")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if got := DefaultDir(); got != filepath.Join("/xdg", "chronograph") {
		t.Errorf("DefaultDir() with XDG_DATA_HOME = %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/u")
	if got := DefaultDir(); got != filepath.Join("/home/u", ".local", "share", "chronograph") {
		t.Errorf("DefaultDir() = %q", got)
	}
	t.Setenv("CHRONOGRAPH_DB", "/db")
	if got := DefaultDir(); got != "/db" {
		t.Errorf("DefaultDir() with CHRONOGRAPH_DB = %q", got)
	}
}

func TestEventsFilter(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all", Filter{}, []string{"e-cooperate", "e-accuse", "e-meet", "e-mediate", "e-negotiate", "e-said", "e-visit"}},
		{"day", Filter{From: "2016-09-09", To: "2016-09-09"}, []string{"e-cooperate", "e-meet"}},
		{"month", Filter{From: "2016-09", To: "2016-09"}, []string{"e-cooperate", "e-accuse", "e-meet"}},
		{"from", Filter{From: "2016-09-09"}, []string{"e-cooperate", "e-meet", "e-mediate", "e-negotiate"}},
		{"to", Filter{To: "2016-09-08"}, []string{"e-cooperate", "e-accuse"}},
		{"year", Filter{From: "2016", To: "2016"}, []string{"e-cooperate", "e-accuse", "e-meet", "e-mediate", "e-negotiate"}},
		{"empty window", Filter{From: "2017"}, nil},
		{"before", Filter{To: "2015-12-31"}, nil},
		{"negated", Filter{From: "2016-09-05", To: "2016-09-05", IncludeNegated: true}, []string{"e-cooperate", "e-nomeet"}},
		{"types", Filter{Types: []string{"meet", "visit"}}, []string{"e-meet", "e-visit"}},
		{"actor", Filter{Actors: []string{"syria"}}, []string{"e-mediate", "e-visit"}},
		{"actors", Filter{Actors: []string{"john-kerry", "sergei-lavrov"}}, []string{"e-meet", "e-negotiate"}},
		{"actors and window", Filter{Actors: []string{"sergei-lavrov"}, From: "2016-10"}, []string{"e-negotiate"}},
		{"unknown actor", Filter{Actors: []string{"nobody"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := s.Events(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			got := eventIDs(evs)
			if len(got) == 0 {
				got = nil
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Events(%+v) mismatch (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

func TestFindActors(t *testing.T) {
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	tests := []struct{ query, first string }{
		{"Lavrov", "sergei-lavrov"},
		{"lavrov", "sergei-lavrov"},
		{"  SERGEI   lavrov ", "sergei-lavrov"},
		{"sergei-lavrov", "sergei-lavrov"},
		{"Sergey Lavrov", "sergei-lavrov"},
		{"Kerry", "john-kerry"},
		{"Washington", "united-states"},
		{"UN", "united-nations"},
		{"states", "united-states"},
		{"nobody", ""},
		{"", ""},
	}
	for _, tt := range tests {
		as, err := s.FindActors(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(as) > 0 {
			got = as[0].ID
		}
		if got != tt.first {
			t.Errorf("FindActors(%q)[0] = %q, want %q", tt.query, got, tt.first)
		}
	}
	// "United" is a word of two names: both match, the more documented first.
	as, err := s.FindActors("united")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"united-nations", "united-states"}, eventActorIDs(as)); diff != "" {
		t.Errorf("FindActors(united) mismatch (-want +got):\n%s", diff)
	}

	_, err = s.Met("Nobody", "")
	if !errors.Is(err, ErrNotFound) || err.Error() != `graph: no actor matches "Nobody"` {
		t.Errorf("Met(Nobody) error = %v, want ErrNotFound", err)
	}
	_, err = s.Met("Lavrov", "Nobody")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("Met(Lavrov, Nobody) error = %v, want ErrNotFound", err)
	}
}

func eventActorIDs(as []extract.Actor) []string {
	var ids []string
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}

func TestDateKey(t *testing.T) {
	order := []string{"2015", "2016", "2016-Q1", "2016-02", "2016-09", "2016-FA", "2016-W36", "2016-09-05", "2016-09-05T14:00", "2016-09-06", "2016-10", "PAST_REF", ""}
	for i := 1; i < len(order); i++ {
		if bytes.Compare(dateKey(order[i-1]), dateKey(order[i])) > 0 {
			t.Errorf("dateKey(%q) > dateKey(%q)", order[i-1], order[i])
		}
	}
	for _, v := range []string{"", "PAST_REF", "P3D", "PRESENT_REF"} {
		if !bytes.Equal(dateKey(v), bytes.Repeat([]byte{0xFF}, dateWidth)) {
			t.Errorf("dateKey(%q) = %q, want undated", v, dateKey(v))
		}
	}
	if got := calendarDate("2016-W36"); got != "2016-09-05" {
		t.Errorf("calendarDate(2016-W36) = %q, want 2016-09-05", got)
	}
}

func sp(start, end int) extract.Span { return extract.Span{Start: start, End: end} }
