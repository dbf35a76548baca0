package timeline

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// A TimexSource walks stored documents with the time expressions found in
// them. *graph.Store implements it.
type TimexSource interface {
	WalkTimexes(fn func(doc extract.Document, timexes []extract.Timex) error) error
}

var _ TimexSource = (*graph.Store)(nil)

// A Doc is one document as [Compose] sees it: when it was published and
// which dates its text mentions.
type Doc struct {
	ID        string
	Published string // YYYY-MM-DD, or "" when unknown
	Mentions  []DateMention
}

// A DateMention is one DATE time expression of a document.
type DateMention struct {
	Value    string // TIMEX3 value: 2011-03-19, 2011-03, 2011-W12, …
	Text     string // the expression as written: "March 19", "Saturday"
	Sentence string // the sentence around it, for summaries
	// Explicit is set when the expression names its date ("March 19",
	// "3/19/2011", "the same day" after one) rather than counting from
	// the publication date ("Saturday", "yesterday").
	Explicit bool
}

// Weights weigh the evidence that a date matters. See [DefaultWeights].
type Weights struct {
	// Mention is what one document mentioning the date adds; Explicit is
	// added when it writes the date out ("March 19", not "Saturday").
	Mention, Explicit float64
	// Later, Week and Month are added when the document was published at
	// least 2, 7 or 30 days after the date: a date still cited weeks later
	// ("since the March 19 strikes") mattered. Ahead is added when it was
	// published before the date (announcements; usually negative).
	Later, Week, Month, Ahead float64
	// Published is what each document published on the date adds.
	Published float64
	// Event is what each independent source of an event dated on the date
	// adds, times the weight of the event's type (see [TypeWeight]).
	Event float64
	// Actor is what each distinct actor of the date's events adds.
	Actor float64
	// Background multiplies the score of dates more than 30 days before the
	// first document or after the last one: the background of a story,
	// not its course.
	Background float64
}

// DefaultWeights were tuned on the 15 development timelines of Timeline17
// (see docs/timelines.md); mentions of a date in the articles' text carry
// most of the signal.
var DefaultWeights = Weights{
	Mention: 1, Explicit: 0.75,
	Later: 0.25, Week: 1.5, Month: 3, Ahead: -1,
	Published:  0.25,
	Event:      0.1,
	Actor:      0,
	Background: 0.25,
}

// typeWeights weigh event types: force and coercion most, agreements and
// meetings next, words least.
var typeWeights = map[string]float64{
	"attack": 2, "fight": 2, "arrest": 1.5, "sanction": 1.5, "mobilize": 1.5, "protest": 1.5,
	"ceasefire": 1.5, "withdraw": 1.5, "agree": 1.25, "mediate": 1.25, "negotiate": 1, "meet": 1,
	"visit": 1, "aid": 1, "cooperate": 1, "pledge": 1, "investigate": 1, "threaten": 0.75, "reject": 0.75,
	"accuse": 0.5, "criticize": 0.5, "deny": 0.5, "demand": 0.5, "appeal": 0.5, "praise": 0.5, "ally": 0.5,
	"statement": 0.25,
}

// TypeWeight returns the weight of an event type in a date's score: 2 for
// attack and fight down to 0.25 for statement; 0.5 for unknown types.
func TypeWeight(typ string) float64 {
	if w, ok := typeWeights[typ]; ok {
		return w
	}
	return 0.5
}

// Granularities lists the values of [Options.By].
var Granularities = []string{"day", "week", "month"}

// Options tune [New] and [Compose]. The zero value gives every entry, day
// by day, scored with [DefaultWeights].
type Options struct {
	// By buckets day-precision dates by "day" (the default), "week"
	// (ISO weeks, 2011-W11) or "month". Coarser dates keep their own
	// precision: an event dated 2011-03 is a March entry, never March 1st.
	By string
	// KeyDates keeps the K entries with the highest scores (0: all),
	// listed in date order. Only entries at the By precision compete;
	// the undated entry competes only when Undated is set.
	KeyDates int
	Undated  bool
	// Weights weigh the evidence; nil means [DefaultWeights].
	Weights *Weights
}

func (o Options) check() error {
	if o.By != "" && !slices.Contains(Granularities, o.By) {
		return fmt.Errorf("timeline: unknown granularity %q (want %s)", o.By, strings.Join(Granularities, ", "))
	}
	if o.KeyDates < 0 {
		return fmt.Errorf("timeline: negative number of key dates %d", o.KeyDates)
	}
	return nil
}

// New builds the scored timeline of the events src selects with f. When
// src is also a [TimexSource], the dates its documents mention count as
// evidence (see [Compose]).
func New(src Source, f graph.Filter, o Options) (Timeline, error) {
	if err := o.check(); err != nil {
		return Timeline{}, err
	}
	evs, m, err := load(src, f)
	if err != nil {
		return Timeline{}, err
	}
	filtered := len(f.Actors) > 0 || len(f.Types) > 0
	// A filtered timeline counts the dates only the documents of its
	// events mention; of the others Compose needs the publication date.
	inScope := map[string]bool{}
	for _, e := range evs {
		for _, id := range graph.DocIDs(e) {
			inScope[id] = true
		}
	}
	var docs []Doc
	if ts, ok := src.(TimexSource); ok {
		err := ts.WalkTimexes(func(d extract.Document, txs []extract.Timex) error {
			if filtered && !inScope[d.ID] {
				docs = append(docs, Doc{ID: d.ID, Published: d.Published})
				return nil
			}
			docs = append(docs, docOf(d, txs))
			return nil
		})
		if err != nil {
			return Timeline{}, err
		}
	}
	k := o.KeyDates
	o.KeyDates = 0
	t := Compose(evs, m, docs, filtered, o)
	if f.From != "" || f.To != "" {
		t.Entries = slices.DeleteFunc(t.Entries, func(en Entry) bool {
			return en.Date == "" || !within(en.Date, f.From, f.To)
		})
	}
	if k > 0 {
		t.Entries = keyDates(t.Entries, cmp.Or(o.By, "day"), k, o.Undated)
	}
	return t, nil
}

// docOf keeps what Compose needs of a stored document: its publication
// date and its DATE expressions anchored in the calendar, each with its
// sentence.
func docOf(d extract.Document, txs []extract.Timex) Doc {
	out := Doc{ID: d.ID, Published: d.Published}
	var runes []rune
	for _, tx := range txs {
		if tx.Type != "DATE" || !graph.Dated(tx.Value) {
			continue
		}
		if runes == nil {
			runes = []rune(d.Text)
		}
		out.Mentions = append(out.Mentions, DateMention{Value: tx.Value, Text: tx.Text, Sentence: sentenceAt(runes, tx.Span), Explicit: explicit(tx)})
	}
	return out
}

// explicitRules are the rules of the extract package's time tagger whose
// expressions name a date or point at one named nearby, as opposed to
// deictic ones (weekdays, "yesterday", "three days ago").
var explicitRules = []string{"date.month-day", "date.weekday-date", "date.numeric", "date.day-before-date", "date.anchored"}

// explicit reports whether tx names its date: by its rule, or when the
// rule is unknown, by having a digit.
func explicit(tx extract.Timex) bool {
	if tx.Rule == "" {
		return strings.ContainsFunc(tx.Text, unicode.IsDigit)
	}
	base, _, _ := strings.Cut(tx.Rule, "+")
	return slices.Contains(explicitRules, base)
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = []string{"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Jan",
	"Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Co", "No", "vs"}

// stop reports whether text[i] ends a sentence: ! or ?, or a period not
// after an initial ("U.N.") or an abbreviation ("Gen.").
func stop(text []rune, i int) bool {
	switch text[i] {
	case '!', '?':
		return true
	case '.':
		j := i
		for j > 0 && unicode.IsLetter(text[j-1]) {
			j--
		}
		w := string(text[j:i])
		return utf8.RuneCountInString(w) != 1 && !slices.Contains(abbreviations, w)
	}
	return false
}

// sentenceAt returns the sentence of text around the span s (offsets in
// code points): from the end of the previous sentence or line to the end
// of this one.
func sentenceAt(text []rune, s extract.Span) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	start := s.Start
	for start > 0 {
		r := text[start-1]
		if r == '\n' || (unicode.IsSpace(r) && start >= 2 && stop(text, start-2)) {
			break
		}
		start--
	}
	end := s.End
	for end < len(text) && text[end] != '\n' {
		end++
		if stop(text, end-1) && (end == len(text) || unicode.IsSpace(text[end])) {
			break
		}
	}
	return clean(string(text[start:end]))
}

// Compose builds a scored timeline from events and the documents that
// report them. Entries are the dates of the events and, unless filtered
// is set (the events are those of some actors or types), the dates the
// documents mention. Each entry's Score adds, with the weights of
// o.Weights:
//
//   - for each document mentioning the date (once per document): Mention,
//     plus Explicit if written out, plus Later, Week and Month if
//     published 2, 7 and 30 days after it, or Ahead if published before;
//   - Published for each document published on it;
//   - Event × the type weight × the independent sources ([graph.Sources])
//     of each event on it, and Actor for each distinct actor.
//
// Scores of dates more than 30 days before the first document or after
// the last one are multiplied by Background. When filtered is set, only
// the documents that report the events count. Undated events form the
// entry "", scored by their events alone. A Summary is the first sentence
// of the event with the most weighted sources, or, for a date without
// events, the sentence of its best mention.
func Compose(events []extract.Event, actors map[string]extract.Actor, docs []Doc, filtered bool, o Options) Timeline {
	w := DefaultWeights
	if o.Weights != nil {
		w = *o.Weights
	}
	by := o.By
	if by == "" {
		by = "day"
	}
	t := Timeline{Entries: []Entry{}, Actors: actors}
	if t.Actors == nil {
		t.Actors = map[string]extract.Actor{}
	}
	type acc struct {
		events  []extract.Event
		score   float64
		docs    int     // documents mentioning the date
		best    float64 // weight of the best mention
		bestDoc Doc
		bestSen string
	}
	entries := map[string]*acc{}
	get := func(k string) *acc {
		a := entries[k]
		if a == nil {
			a = &acc{best: -1}
			entries[k] = a
		}
		return a
	}
	inScope := map[string]bool{}
	for _, e := range events {
		k := ""
		if graph.Dated(e.Date) {
			k = entryDate(e.Date, by)
		}
		get(k).events = append(get(k).events, e)
		for _, id := range graph.DocIDs(e) {
			inScope[id] = true
		}
	}
	first, last := "", ""
	for _, d := range docs {
		if len(d.Published) < 10 {
			continue
		}
		p := d.Published[:10]
		if first == "" || p < first {
			first = p
		}
		if p > last {
			last = p
		}
	}
	for _, d := range docs {
		if filtered && !inScope[d.ID] {
			continue
		}
		pub, pubOK := parseDay(d.Published)
		if pubOK {
			if a, ok := entries[entryDate(d.Published[:10], by)]; ok || !filtered {
				if a == nil {
					a = get(entryDate(d.Published[:10], by))
				}
				a.score += w.Published
			}
		}
		seen := map[string]int{} // bucket → index in weights
		var ws []float64
		var ms []DateMention
		for _, m := range d.Mentions {
			k := entryDate(m.Value, by)
			if filtered {
				if _, ok := entries[k]; !ok {
					continue
				}
			}
			mw := w.Mention
			if m.Explicit {
				mw += w.Explicit
			}
			if pubOK {
				start, end := span(m.Value)
				switch lag := int(pub.Sub(end).Hours() / 24); {
				case pub.Before(start):
					mw += w.Ahead
				default:
					if lag >= 2 {
						mw += w.Later
					}
					if lag >= 7 {
						mw += w.Week
					}
					if lag >= 30 {
						mw += w.Month
					}
				}
			}
			if i, ok := seen[k]; ok {
				if mw > ws[i] {
					ws[i], ms[i] = mw, m
				}
				continue
			}
			seen[k] = len(ws)
			ws = append(ws, mw)
			ms = append(ms, m)
		}
		for k, i := range seen {
			a := get(k)
			a.score += ws[i]
			a.docs++
			if ws[i] > a.best || (ws[i] == a.best && earlier(d, a.bestDoc)) {
				a.best, a.bestDoc, a.bestSen = ws[i], d, ms[i].Sentence
			}
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sortDates(keys)
	for _, k := range keys {
		a := entries[k]
		evs := a.events
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })
		score := a.score
		ids := map[string]bool{}
		best, bestW := -1, 0.0
		for i, e := range evs {
			ew := TypeWeight(e.Type) * float64(graph.Sources(e))
			score += w.Event * ew
			for _, id := range participants(&e) {
				ids[id] = true
			}
			if best < 0 || ew > bestW || (ew == bestW && len(e.Mentions) > len(evs[best].Mentions)) {
				best, bestW = i, ew
			}
		}
		score += w.Actor * float64(len(ids))
		if k != "" && first != "" && background(k, first, last) {
			score *= w.Background
		}
		en := Entry{Date: k, Score: round2(score), Events: evs, Mentions: a.docs}
		if en.Events == nil {
			en.Events = []extract.Event{}
		}
		switch {
		case best >= 0 && (a.bestSen == "" || bestW >= TypeWeight("meet")):
			en.Summary = summary(evs[best], t.Actors)
		case a.bestSen != "":
			en.Summary = cut(a.bestSen, summaryLen)
		case best >= 0:
			en.Summary = summary(evs[best], t.Actors)
		}
		t.Entries = append(t.Entries, en)
	}
	if o.KeyDates > 0 {
		t.Entries = keyDates(t.Entries, by, o.KeyDates, o.Undated)
	}
	return t
}

// earlier reports whether a was published before b (then by id), for a
// stable choice of summary sentence.
func earlier(a, b Doc) bool {
	if a.Published != b.Published {
		return a.Published < b.Published
	}
	return a.ID < b.ID
}

// keyDates keeps the k entries with the highest scores among those at the
// precision by (and the undated one if undated is set), in date order.
func keyDates(es []Entry, by string, k int, undated bool) []Entry {
	var idx []int
	for i, en := range es {
		if (en.Date == "" && undated) || (en.Date != "" && precision(en.Date) == by) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return es[idx[a]].Score > es[idx[b]].Score })
	if len(idx) > k {
		idx = idx[:k]
	}
	sort.Ints(idx)
	out := make([]Entry, 0, len(idx))
	for _, i := range idx {
		out = append(out, es[i])
	}
	return out
}

// sortDates sorts entry dates as [graph.CompareDates] does, "" last.
func sortDates(ds []string) {
	sort.Slice(ds, func(i, j int) bool {
		if c := graph.CompareDates(ds[i], ds[j]); c != 0 {
			return c < 0
		}
		return ds[i] < ds[j]
	})
}

func round2(x float64) float64 {
	if x < 0 {
		return -round2(-x)
	}
	return float64(int64(x*100+0.5)) / 100
}

// precision returns "day", "week", "month" or the coarser granularity of
// an entry date.
func precision(d string) string { return graph.Granularity(d) }

// entryDate returns the entry date of a calendar TIMEX3 value v at the
// precision by: a day stays a day, or becomes its ISO week or its month;
// coarser values keep their own precision.
func entryDate(v, by string) string {
	switch graph.Granularity(v) {
	case "day":
		d := v[:10]
		switch by {
		case "week":
			t, ok := parseDay(d)
			if !ok {
				return d
			}
			y, w := t.ISOWeek()
			return fmt.Sprintf("%04d-W%02d", y, w)
		case "month":
			return d[:7]
		}
		return d
	case "week":
		if by == "month" {
			start, _ := span(v[:8])
			// The month of the week's Thursday, as ISO weeks belong to
			// the year of their Thursday.
			return start.AddDate(0, 0, 3).Format("2006-01")
		}
		return v[:8]
	case "month", "quarter", "season":
		return v[:7]
	case "year":
		return v[:4]
	}
	return v
}

func parseDay(d string) (time.Time, bool) {
	if len(d) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", d[:10])
	return t, err == nil
}

// span returns the first and last day of a calendar value: a day, an ISO
// week, a month, a quarter, a season (spring is March to May) or a year.
func span(v string) (time.Time, time.Time) {
	if t, ok := parseDay(v); ok {
		return t, t
	}
	year, err := time.Parse("2006", v[:min(4, len(v))])
	if err != nil {
		return time.Time{}, time.Time{}
	}
	months := func(from, n int) (time.Time, time.Time) {
		s := year.AddDate(0, from-1, 0)
		return s, s.AddDate(0, n, -1)
	}
	switch g := graph.Granularity(v); g {
	case "week":
		var w int
		if _, err := fmt.Sscanf(v[6:8], "%d", &w); err != nil {
			return months(1, 12)
		}
		// ISO week 1 holds January 4th.
		jan4 := year.AddDate(0, 0, 3)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		return monday, monday.AddDate(0, 0, 6)
	case "month":
		var m int
		if _, err := fmt.Sscanf(v[5:7], "%d", &m); err == nil && m >= 1 && m <= 12 {
			return months(m, 1)
		}
	case "quarter":
		if q := int(v[6] - '0'); q >= 1 && q <= 4 {
			return months(3*q-2, 3)
		}
	case "season":
		switch v[5:7] {
		case "SP":
			return months(3, 3)
		case "SU":
			return months(6, 3)
		case "FA":
			return months(9, 3)
		case "WI":
			return months(12, 3)
		}
	}
	return months(1, 12)
}

// background reports whether the entry date d lies more than 30 days
// before first or after last (publication days).
func background(d, first, last string) bool {
	start, end := span(d)
	f, ok1 := parseDay(first)
	l, ok2 := parseDay(last)
	if !ok1 || !ok2 || start.IsZero() {
		return false
	}
	return end.Before(f.AddDate(0, 0, -30)) || start.After(l)
}

// within reports whether the entry date d overlaps the window [from, to]
// (YYYY, YYYY-MM or YYYY-MM-DD; "" is open).
func within(d, from, to string) bool {
	start, end := span(d)
	if from != "" {
		f, _ := span(from)
		if end.Before(f) {
			return false
		}
	}
	if to != "" {
		_, t := span(to)
		if start.After(t) {
			return false
		}
	}
	return true
}
