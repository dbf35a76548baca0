package timeline

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// corpus is a hand-made story: a strike on 2011-03-19 that articles still
// cite weeks later, a busy news day (2011-03-21) that nobody cites again,
// a truce talked about before it happens (2011-04-02), a meeting dated to
// a month, and a background date long before the first article.
func corpus() ([]extract.Event, []Doc) {
	m := func(v, text string) DateMention {
		return DateMention{Value: v, Text: text, Sentence: "About " + text + ".", Explicit: text != "Monday"}
	}
	docs := []Doc{
		{ID: "a1", Published: "2011-03-19", Mentions: []DateMention{m("2011-03-19", "March 19"), m("1969-09-01", "September 1, 1969")}},
		{ID: "a2", Published: "2011-03-21", Mentions: []DateMention{m("2011-03-21", "Monday"), m("2011-04-02", "April 2")}},
		{ID: "a3", Published: "2011-03-21", Mentions: []DateMention{m("2011-03-21", "Monday")}},
		{ID: "a4", Published: "2011-03-21", Mentions: []DateMention{m("2011-03-21", "Monday"), m("1969-09-01", "1 September 1969")}},
		{ID: "a5", Published: "2011-04-25", Mentions: []DateMention{m("2011-03-19", "March 19"), m("1969-09-01", "September 1, 1969")}},
		{ID: "a6", Published: "2011-05-02", Mentions: []DateMention{m("2011-03-19", "March 19"), m("2011-04-02", "April 2")}},
	}
	events := []extract.Event{
		{ID: "e-strike", Type: "attack", Source: []string{"nato"}, Target: []string{"libya"}, Date: "2011-03-19",
			Mentions: []extract.Mention{{Doc: "a1", Text: "NATO struck Libya on March 19."}}},
		{ID: "e-said", Type: "statement", Source: []string{"libya"}, Date: "2011-03-21",
			Mentions: []extract.Mention{{Doc: "a2", Text: "Libya said on Monday it would fight."}}},
		{ID: "e-talks", Type: "meet", Source: []string{"libya", "turkey"}, Date: "2011-03",
			Mentions: []extract.Mention{{Doc: "a3", Text: "Libya and Turkey met in March."}}},
		{ID: "e-undated", Type: "accuse", Source: []string{"libya"}, Target: []string{"nato"},
			Mentions: []extract.Mention{{Doc: "a4", Text: "Libya accused NATO of killing civilians."}}},
	}
	return events, docs
}

type scored struct {
	Date  string
	Score float64
}

func scores(t Timeline) []scored {
	var out []scored
	for _, en := range t.Entries {
		out = append(out, scored{en.Date, en.Score})
	}
	return out
}

// TestComposeScores checks every score of the hand-made corpus against
// the sums the weights give.
func TestComposeScores(t *testing.T) {
	evs, docs := corpus()
	tl := Compose(evs, nil, docs, false, Options{})
	w := DefaultWeights
	explicit := w.Mention + w.Explicit
	want := []scored{
		// Background: more than 30 days before the first article.
		{"1969-09-01", round2(w.Background * 3 * (explicit + w.Later + w.Week + w.Month))},
		// March 19: published that day, then 37 and 44 days later, and a strike.
		{"2011-03-19", round2(w.Published + explicit + 2*(explicit+w.Later+w.Week+w.Month) + w.Event*TypeWeight("attack"))},
		{"2011-03-21", round2(3*w.Published + 3*w.Mention + w.Event*TypeWeight("statement"))},
		{"2011-04-02", round2(explicit + w.Ahead + explicit + w.Later + w.Week + w.Month)},
		{"2011-04-25", w.Published},
		{"2011-05-02", w.Published},
		{"2011-03", round2(w.Event * TypeWeight("meet"))},
		{"", round2(w.Event * TypeWeight("accuse"))},
	}
	// The month entry sorts before its days, as graph.CompareDates does.
	sortScored := func(s []scored) []scored {
		ds := []string{}
		m := map[string]float64{}
		for _, x := range s {
			ds = append(ds, x.Date)
			m[x.Date] = x.Score
		}
		sortDates(ds)
		out := []scored{}
		for _, d := range ds {
			out = append(out, scored{d, m[d]})
		}
		return out
	}
	if diff := cmp.Diff(sortScored(want), scores(tl)); diff != "" {
		t.Errorf("Compose() scores mismatch (-want +got):\n%s", diff)
	}
	// The key dates: the strike cited weeks later beats the busy day, and
	// the background date loses to both.
	tl = Compose(evs, nil, docs, false, Options{KeyDates: 2})
	if diff := cmp.Diff([]string{"2011-03-19", "2011-04-02"}, dates(tl)); diff != "" {
		t.Errorf("Compose(KeyDates 2) mismatch (-want +got):\n%s", diff)
	}
	if s := tl.Entries[0].Summary; s != "NATO struck Libya on March 19." {
		t.Errorf("summary of 2011-03-19 = %q, want the strike", s)
	}
	if s := tl.Entries[1].Summary; s != "About April 2." {
		t.Errorf("summary of 2011-04-02 = %q, want the sentence of its best mention", s)
	}
	if n := tl.Entries[0].Mentions; n != 3 {
		t.Errorf("mentions of 2011-03-19 = %d, want 3 documents", n)
	}
}

func dates(t Timeline) []string {
	out := []string{}
	for _, en := range t.Entries {
		out = append(out, en.Date)
	}
	return out
}

// TestComposeGranularity checks --by: days become ISO weeks or months,
// a month stays a month, and only entries at the --by precision are key
// dates; the undated entry only when asked for.
func TestComposeGranularity(t *testing.T) {
	evs, docs := corpus()
	for _, tc := range []struct {
		name string
		o    Options
		want []string
	}{
		{"day", Options{}, []string{"1969-09-01", "2011-03", "2011-03-19", "2011-03-21", "2011-04-02", "2011-04-25", "2011-05-02", ""}},
		{"week", Options{By: "week"}, []string{"1969-W36", "2011-03", "2011-W11", "2011-W12", "2011-W13", "2011-W17", "2011-W18", ""}},
		{"month", Options{By: "month"}, []string{"1969-09", "2011-03", "2011-04", "2011-05", ""}},
		{"day key dates", Options{KeyDates: 10}, []string{"1969-09-01", "2011-03-19", "2011-03-21", "2011-04-02", "2011-04-25", "2011-05-02"}},
		{"month key dates", Options{By: "month", KeyDates: 1}, []string{"2011-03"}},
		{"undated key date", Options{KeyDates: 7, Undated: true}, []string{"1969-09-01", "2011-03-19", "2011-03-21", "2011-04-02", "2011-04-25", "2011-05-02", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, dates(Compose(evs, nil, docs, false, tc.o))); diff != "" {
				t.Errorf("dates mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if err := (Options{By: "fortnight"}).check(); err == nil {
		t.Error(`Options{By: "fortnight"} accepted`)
	}
}

func TestEntryDate(t *testing.T) {
	for _, tc := range []struct{ v, by, want string }{
		{"2011-03-19", "day", "2011-03-19"},
		{"2011-03-19T10:00", "day", "2011-03-19"},
		{"2011-03-19", "week", "2011-W11"},
		{"2011-01-01", "week", "2010-W52"},
		{"2011-03-19", "month", "2011-03"},
		{"2011-W11", "day", "2011-W11"},
		{"2011-W13", "month", "2011-03"}, // Monday March 28, Thursday March 31
		{"2011-W09", "month", "2011-03"}, // Monday February 28, Thursday March 3
		{"2011-03", "day", "2011-03"},
		{"2011-Q2", "week", "2011-Q2"},
		{"2011", "month", "2011"},
	} {
		if got := entryDate(tc.v, tc.by); got != tc.want {
			t.Errorf("entryDate(%q, %q) = %q, want %q", tc.v, tc.by, got, tc.want)
		}
	}
}

func TestSentenceAt(t *testing.T) {
	text := []rune("Intro line\nThe war began. On March 19, U.S. and French jets struck. Later, talks.")
	i := len([]rune("Intro line\nThe war began. On "))
	got := sentenceAt(text, extract.Span{Start: i, End: i + len("March 19")})
	if got != "On March 19, U.S. and French jets struck." {
		t.Errorf("sentenceAt() = %q", got)
	}
	if got := sentenceAt(text, extract.Span{Start: 5, End: 500}); got != "" {
		t.Errorf("sentenceAt(out of range) = %q, want empty", got)
	}
}

// storeOf ingests the hand-made corpus into a store, one analysis per
// document, with the events in the documents that report them.
func storeOf(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	evs, docs := corpus()
	names := map[string]string{"nato": "NATO", "libya": "Libya", "turkey": "Turkey"}
	var as []*extract.Analysis
	for _, d := range docs {
		text := ""
		a := &extract.Analysis{Doc: extract.Document{ID: d.ID, Published: d.Published}}
		for _, m := range d.Mentions {
			start := len([]rune(text)) + len("About ")
			text += m.Sentence + " "
			rule := "date.month-day"
			if !m.Explicit {
				rule = "date.weekday"
			}
			a.Timexes = append(a.Timexes, extract.Timex{Text: m.Text, Type: "DATE", Value: m.Value, Rule: rule,
				Span: extract.Span{Start: start, End: start + len([]rune(m.Text))}})
		}
		for _, e := range evs {
			if e.Mentions[0].Doc == d.ID {
				a.Events = append(a.Events, e)
				for _, id := range participants(&e) {
					a.Actors = append(a.Actors, extract.Actor{ID: id, Name: names[id], Kind: extract.KindCountry})
				}
			}
		}
		a.Doc.Text = text
		as = append(as, a)
	}
	if _, err := s.Ingest(t.Context(), as); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestNewStore builds the topic, actor and pair timelines of a real store.
func TestNewStore(t *testing.T) {
	s := storeOf(t)
	for _, tc := range []struct {
		name string
		f    graph.Filter
		o    Options
		want []string
	}{
		{"topic key dates", graph.Filter{}, Options{KeyDates: 2}, []string{"2011-03-19", "2011-04-02"}},
		{"actor", graph.Filter{Actors: []string{"nato"}}, Options{}, []string{"2011-03-19", ""}},
		{"actor key dates", graph.Filter{Actors: []string{"libya"}}, Options{KeyDates: 2}, []string{"2011-03-19", "2011-03-21"}},
		{"pair", graph.Filter{Actors: []string{"libya", "turkey"}}, Options{}, []string{"2011-03"}},
		{"window", graph.Filter{From: "2011-04", To: "2011-04-30"}, Options{}, []string{"2011-04-02", "2011-04-25"}},
		{"window key dates", graph.Filter{From: "2011-03-20", To: "2011-12"}, Options{KeyDates: 1}, []string{"2011-04-02"}},
		{"types", graph.Filter{Types: []string{"statement"}}, Options{By: "week"}, []string{"2011-W12"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl, err := New(s, tc.f, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, dates(tl)); diff != "" {
				t.Errorf("dates mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// The actor timeline counts only the documents that report its events:
	// a5 and a6 cite March 19 but report no NATO event.
	tl, err := New(s, graph.Filter{Actors: []string{"nato"}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := DefaultWeights
	if got, want := tl.Entries[0].Score, round2(w.Published+w.Mention+w.Explicit+w.Event*TypeWeight("attack")); got != want {
		t.Errorf("score of NATO's March 19 = %v, want %v", got, want)
	}
	if _, err := New(s, graph.Filter{}, Options{By: "year"}); err == nil {
		t.Error(`New(By "year") succeeded, want an error`)
	}
}

func TestKeyDatesJSON(t *testing.T) {
	tl, err := New(storeOf(t), graph.Filter{}, Options{KeyDates: 3})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, tl, "json"); err != nil {
		t.Fatal(err)
	}
	golden(t, buf.Bytes())
}
