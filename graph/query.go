package graph

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// Stats counts the records of a store.
type Stats struct {
	Documents int `json:"documents"`
	Actors    int `json:"actors"`
	Events    int `json:"events"`
	Relations int `json:"relations"` // distinct (source, target, type) edges, see [Store.Relations]
}

// Stats counts documents, actors, events and relations.
func (s *Store) Stats() (Stats, error) {
	var st Stats
	err := s.db.View(func(txn *badger.Txn) error {
		st.Documents = len(scanKeys(txn, prefixDoc))
		st.Actors = len(scanKeys(txn, prefixActor))
		st.Events = len(scanKeys(txn, prefixEvent))
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("graph: stats: %v", err)
	}
	rs, err := s.Relations(Filter{})
	if err != nil {
		return Stats{}, err
	}
	st.Relations = len(rs)
	return st, nil
}

// scan calls fn with the value of every key with the given prefix.
func scan(txn *badger.Txn, prefix []byte, fn func(k, v []byte) error) error {
	o := badger.DefaultIteratorOptions
	o.Prefix = prefix
	it := txn.NewIterator(o)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		if err := item.Value(func(v []byte) error { return fn(item.Key(), v) }); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) actorRecords() ([]actorRecord, error) {
	var recs []actorRecord
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefixActor, func(_, v []byte) error {
			var r actorRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			recs = append(recs, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("graph: actors: %w", err)
	}
	return recs, nil
}

// Actors returns all actors sorted by id, with their aliases merged across
// documents and no mentions.
func (s *Store) Actors() ([]extract.Actor, error) {
	recs, err := s.actorRecords()
	if err != nil {
		return nil, err
	}
	out := make([]extract.Actor, len(recs))
	for i, r := range recs {
		out[i] = r.Actor
	}
	return out, nil
}

// FindActors returns the actors whose id, name or alias matches query,
// ignoring case: exact matches first, then matches of a whole word ("Lavrov"
// finds "Sergei Lavrov"), then substring matches. Within each group, actors
// seen in more documents come first, then by id.
func (s *Store) FindActors(query string) ([]extract.Actor, error) {
	q := strings.ToLower(strings.Join(strings.Fields(query), " "))
	if q == "" {
		return nil, nil
	}
	recs, err := s.actorRecords()
	if err != nil {
		return nil, err
	}
	hits := rankActors(q, recs)
	out := make([]extract.Actor, len(hits))
	for i, h := range hits {
		out[i] = h.rec.Actor
	}
	return out, nil
}

type actorHit struct {
	tier int // 0 exact, 1 whole word, 2 substring
	rec  actorRecord
}

// rankActors returns the actors of recs that match the lower-cased query
// q, in the order FindActors gives.
func rankActors(q string, recs []actorRecord) []actorHit {
	if q == "" {
		return nil
	}
	slug := strings.ReplaceAll(q, " ", "-")
	var hits []actorHit
	for _, r := range recs {
		tier := 3 // no match
		consider := func(t int) { tier = min(tier, t) }
		switch id := strings.ToLower(r.Actor.ID); {
		case id == q || id == slug:
			consider(0)
		case strings.Contains(id, slug):
			consider(2)
		}
		for _, n := range append([]string{r.Actor.Name}, r.Actor.Aliases...) {
			switch n = strings.ToLower(n); {
			case n == q:
				consider(0)
			case slices.Contains(words(n), q):
				consider(1)
			case strings.Contains(n, q):
				consider(2)
			}
		}
		if tier < 3 {
			hits = append(hits, actorHit{tier, r})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.tier != b.tier {
			return a.tier < b.tier
		}
		if a.rec.Docs != b.rec.Docs {
			return a.rec.Docs > b.rec.Docs
		}
		return a.rec.Actor.ID < b.rec.Actor.ID
	})
	return hits
}

// words splits a lower-cased name into words at spaces, hyphens and dots.
func words(n string) []string {
	return strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '-' || r == '.' || r == ',' })
}

// resolve returns the first actor FindActors finds for name. It looks the
// name up in the name index first: when some actor's id, name or alias
// equals it or has it as a word, the best of those is what FindActors would
// put first, found without reading every actor.
func (s *Store) resolve(name string) (extract.Actor, error) {
	q := strings.ToLower(strings.Join(strings.Fields(name), " "))
	var cands []actorRecord
	err := s.db.View(func(txn *badger.Txn) error {
		seen := map[string]bool{}
		ks := scanKeys(txn, pairPrefix(prefixName, q))
		if slug := strings.ReplaceAll(q, " ", "-"); slug != q {
			ks = append(ks, scanKeys(txn, pairPrefix(prefixName, slug))...)
		}
		for _, k := range ks {
			id := lastPart(k)
			if seen[id] {
				continue
			}
			seen[id] = true
			var r actorRecord
			err := get(tx(txn), key(prefixActor, id), &r)
			if errors.Is(err, badger.ErrKeyNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			cands = append(cands, r)
		}
		return nil
	})
	if err != nil {
		return extract.Actor{}, fmt.Errorf("graph: actors: %w", err)
	}
	if hits := rankActors(q, cands); len(hits) > 0 && hits[0].tier <= 1 {
		return hits[0].rec.Actor, nil
	}
	as, err := s.FindActors(name)
	if err != nil {
		return extract.Actor{}, err
	}
	if len(as) == 0 {
		return extract.Actor{}, &notFoundError{fmt.Sprintf("graph: no actor matches %q", name)}
	}
	return as[0], nil
}

// Name index: n/<word or whole name, lower case> 0 <actor> for the id,
// name and aliases of every actor, so that resolving a name reads only the
// actors it may mean. Keys of names an actor no longer has are harmless:
// resolve checks what it finds.
var prefixName = []byte("n/")

// nameKeys returns the name index keys of an actor.
func nameKeys(a *extract.Actor) [][]byte {
	seen := map[string]bool{}
	var ks [][]byte
	add := func(n string) {
		n = strings.ToLower(strings.Join(strings.Fields(n), " "))
		if n == "" || seen[n] || len(n) > 200 || strings.IndexByte(n, sep) >= 0 {
			return
		}
		seen[n] = true
		ks = append(ks, key(prefixName, n, a.ID))
	}
	for _, n := range append([]string{a.ID, a.Name}, a.Aliases...) {
		add(n)
		for _, w := range words(strings.ToLower(n)) {
			add(w)
		}
	}
	return ks
}

// A Filter selects events. The zero Filter selects every asserted event.
type Filter struct {
	Actors []string // actor ids: events with all of them as source or target
	// From and To bound the event date, inclusive, as YYYY, YYYY-MM or
	// YYYY-MM-DD. Dates compare on their common prefix, so an event dated
	// "2016" lies within From "2016-09". Undated events are excluded when
	// either is set.
	From, To       string
	Types          []string // event types; empty means all
	IncludeNegated bool     // also select negated events ("did not meet")
}

// Match reports whether f selects the event e.
func (f *Filter) Match(e *extract.Event) bool { return f.match(e) }

func (f *Filter) match(e *extract.Event) bool {
	if e.Negated && !f.IncludeNegated {
		return false
	}
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	if !inWindow(e.Date, f.From, f.To) {
		return false
	}
	ps := participants(e)
	for _, a := range f.Actors {
		if !slices.Contains(ps, a) {
			return false
		}
	}
	return true
}

// Events returns the events f selects, sorted by date (undated last), then id.
func (s *Store) Events(f Filter) ([]extract.Event, error) {
	var out []extract.Event
	err := s.db.View(func(txn *badger.Txn) error {
		load := func(eid string) error {
			var e extract.Event
			if err := get(tx(txn), key(prefixEvent, eid), &e); err != nil {
				if errors.Is(err, badger.ErrKeyNotFound) {
					return nil
				}
				return err
			}
			if f.match(&e) {
				if err := fillMentions(tx(txn), &e); err != nil {
					return err
				}
				out = append(out, e)
			}
			return nil
		}
		switch {
		case len(f.Actors) > 0:
			// The actor index values are edge values: events the filter
			// rejects by type, date, negation or actors are not read.
			var ids []string
			err := scan(txn, pairPrefix(prefixActorIdx, f.Actors[0]), func(k, v []byte) error {
				var e extract.Event
				if parseEdgeValue(v, &e) && !f.match(&e) {
					return nil
				}
				ids = append(ids, lastPart(k))
				return nil
			})
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := load(id); err != nil {
					return err
				}
			}
		case f.From != "" || f.To != "":
			for _, eid := range dateRange(txn, f.From, f.To) {
				if err := load(eid); err != nil {
					return err
				}
			}
		default:
			var evs []extract.Event
			err := scan(txn, prefixEvent, func(_, v []byte) error {
				var e extract.Event
				if err := decode(v, &e); err != nil {
					return err
				}
				if f.match(&e) {
					evs = append(evs, e)
				}
				return nil
			})
			if err != nil {
				return err
			}
			for i := range evs {
				if err := fillMentions(tx(txn), &evs[i]); err != nil {
					return err
				}
			}
			out = evs
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: events: %w", err)
	}
	sortEvents(out)
	return out, nil
}

// dateRange returns the ids of the dated events in [from, to] with one scan
// of the date index, from the start of from's year.
func dateRange(txn *badger.Txn, from, to string) []string {
	o := badger.DefaultIteratorOptions
	o.PrefetchValues = false
	o.Prefix = prefixDate
	it := txn.NewIterator(o)
	defer it.Close()
	start := slices.Clone(prefixDate)
	if len(from) >= 4 {
		start = append(start, from[:4]...)
	}
	var ids []string
	for it.Seek(start); it.ValidForPrefix(prefixDate); it.Next() {
		k := it.Item().Key()
		if len(k) < len(prefixDate)+dateWidth {
			continue
		}
		d := k[len(prefixDate) : len(prefixDate)+dateWidth]
		if d[0] == 0xFF {
			break // undated events sort last
		}
		date := string(bytes.TrimRight(d, "\x00"))
		if to != "" && cmpPrefix(date, to) > 0 {
			break
		}
		if inWindow(date, from, to) {
			ids = append(ids, string(k[len(prefixDate)+dateWidth:]))
		}
	}
	return ids
}

// sortEvents orders events by date (undated last), then id.
func sortEvents(es []extract.Event) {
	sort.SliceStable(es, func(i, j int) bool {
		if c := bytes.Compare(dateKey(es[i].Date), dateKey(es[j].Date)); c != 0 {
			return c < 0
		}
		return es[i].ID < es[j].ID
	})
}

// Document returns the stored document with the given id.
func (s *Store) Document(id string) (extract.Document, error) {
	var rec docRecord
	err := s.db.View(func(txn *badger.Txn) error { return get(tx(txn), key(prefixDoc, id), &rec) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return extract.Document{}, &notFoundError{fmt.Sprintf("graph: no document %q", id)}
	}
	if err != nil {
		return extract.Document{}, fmt.Errorf("graph: document %q: %w", id, err)
	}
	return rec.Doc, nil
}

// ActorsByID returns the stored actors with the given ids, by id, each
// read with one lookup. An id with no stored actor gets a placeholder named
// after it, of kind unknown; "" is left out.
func (s *Store) ActorsByID(ids []string) (map[string]extract.Actor, error) {
	return s.actorMap(ids)
}

// actorMap returns the stored actors with the given ids; unknown ids get a
// placeholder named after the id.
func (s *Store) actorMap(ids []string) (map[string]extract.Actor, error) {
	m := make(map[string]extract.Actor, len(ids))
	err := s.db.View(func(txn *badger.Txn) error {
		for _, id := range ids {
			if _, ok := m[id]; ok || id == "" {
				continue
			}
			var r actorRecord
			err := get(tx(txn), key(prefixActor, id), &r)
			if errors.Is(err, badger.ErrKeyNotFound) {
				m[id] = extract.Actor{ID: id, Name: id, Kind: extract.KindUnknown}
				continue
			}
			if err != nil {
				return err
			}
			m[id] = r.Actor
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: actors: %w", err)
	}
	return m, nil
}

// A Meeting is one event in which Actor met Other.
type Meeting struct {
	Actor, Other extract.Actor
	// Event is the meeting's event as the pair index gives it: its id,
	// type, date, location and first report (one mention, with its
	// document and sentence), with Actor and Other as its source and
	// target in the event's direction. [Store.Event] or [Store.Why] give
	// all its actors and reports.
	Event extract.Event
	Place string // name of the event's location, or ""
}

// meetingTypes are the event types that bring two actors together.
var meetingTypes = []string{"meet", "visit", "negotiate", "mediate"}

// Met returns the meetings (meet, visit, negotiate and mediate events that
// were not negated) of the actor a with b, or with anyone when b is "". Both
// are resolved with [Store.FindActors], taking the first match; an unknown
// name gives an error matching [ErrNotFound]. An event with several other
// participants gives one Meeting each. Meetings are sorted by date (undated
// last), event id and the other actor's id.
//
// Met reads the pair index (p/ keys) of a: one prefix scan per meeting
// type, and the records of the actors met, but no event.
func (s *Store) Met(a, b string) ([]Meeting, error) {
	actor, err := s.resolve(a)
	if err != nil {
		return nil, err
	}
	var other extract.Actor
	if b != "" {
		if other, err = s.resolve(b); err != nil {
			return nil, err
		}
	}
	var hits []pairHit
	err = s.db.View(func(txn *badger.Txn) error {
		hits, err = scanPairs(txn, actor.ID, meetingTypes, other.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("graph: met: %w", err)
	}
	ids := make([]string, 0, 2*len(hits))
	for _, h := range hits {
		ids = append(ids, h.Other, h.Place)
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return nil, err
	}
	out := make([]Meeting, 0, len(hits))
	for _, h := range hits {
		m := Meeting{Actor: actor, Other: am[h.Other], Event: h.event()}
		if h.Place != "" {
			m.Place = am[h.Place].Name
		}
		out = append(out, m)
	}
	return out, nil
}

// A Relation is a typed, dated edge between two actors derived from events.
type Relation struct {
	Source, Target string   // actor ids; for symmetric types Source < Target
	Type           string   // event type
	First, Last    string   // earliest and latest event date, "" if all undated
	Count          int      // number of events
	Events         []string // event ids in date order
}

// Relations derives edges from the non-negated events f selects: one edge per
// (source, target) pair of each event, grouped by (source, target, type).
// For symmetric types (meet, negotiate, ally, …) each unordered pair of
// participants gives one edge, from the smaller id to the larger, so "A and
// B met" is one edge, and a symmetric event with a single actor gives none.
// Relations are sorted by source, target and type.
func (s *Store) Relations(f Filter) ([]Relation, error) {
	f.IncludeNegated = false
	evs, err := s.Events(f)
	if err != nil {
		return nil, err
	}
	return relations(evs), nil
}

type relKey struct{ s, t, typ string }

func relations(evs []extract.Event) []Relation {
	idx := map[relKey]int{}
	var out []Relation
	add := func(src, tgt string, e *extract.Event) {
		k := relKey{src, tgt, e.Type}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Relation{Source: src, Target: tgt, Type: e.Type})
		}
		r := &out[i]
		r.Count++
		r.Events = append(r.Events, e.ID)
		if d := calendarDate(e.Date); d != "" {
			if r.First == "" || bytes.Compare(dateKey(e.Date), dateKey(r.First)) < 0 {
				r.First = e.Date
			}
			if r.Last == "" || bytes.Compare(dateKey(e.Date), dateKey(r.Last)) > 0 {
				r.Last = e.Date
			}
		}
	}
	for i := range evs {
		e := &evs[i]
		if e.Negated {
			continue
		}
		t, _ := extract.LookupType(e.Type)
		if t.Symmetric {
			ps := participants(e)
			slices.Sort(ps)
			for x := 0; x < len(ps); x++ {
				for y := x + 1; y < len(ps); y++ {
					add(ps[x], ps[y], e)
				}
			}
			continue
		}
		seen := map[[2]string]bool{}
		for _, src := range e.Source {
			for _, tgt := range e.Target {
				if src == tgt || src == "" || tgt == "" || seen[[2]string{src, tgt}] {
					continue
				}
				seen[[2]string{src, tgt}] = true
				add(src, tgt, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Type < b.Type
	})
	return out
}

// A Link is a [Relation] seen from one of its actors.
type Link struct {
	Relation
	Other extract.Actor
	// Direction is "out" when the actor is the relation's source, "in" when
	// it is its target, and "both" for symmetric types (meet, ally, …).
	Direction string
	// Sources counts the independent reports of the relation's events,
	// syndicated copies once (see [Sources]).
	Sources int
}

// ActorRelations returns the relations of the actor name (resolved with
// [Store.FindActors]) in the events f selects: its allies, accusers, those
// it accused, met or mediated between, with first and last dates and counts.
// They are sorted by type, then most events first, then the other actor's id.
func (s *Store) ActorRelations(f Filter, name string) (extract.Actor, []Link, error) {
	a, err := s.resolve(name)
	if err != nil {
		return a, nil, err
	}
	f.Actors = append([]string{a.ID}, f.Actors...)
	f.IncludeNegated = false
	evs, err := s.Events(f)
	if err != nil {
		return a, nil, err
	}
	byID := map[string]*extract.Event{}
	var ids []string
	for i := range evs {
		byID[evs[i].ID] = &evs[i]
		ids = append(ids, participants(&evs[i])...)
	}
	am, err := s.actorMap(ids)
	if err != nil {
		return a, nil, err
	}
	var out []Link
	for _, r := range relations(evs) {
		l := Link{Relation: r}
		switch {
		case isSymmetric(r.Type) && (r.Source == a.ID || r.Target == a.ID):
			l.Direction = "both"
			l.Other = am[r.Source]
			if r.Source == a.ID {
				l.Other = am[r.Target]
			}
		case r.Source == a.ID:
			l.Direction, l.Other = "out", am[r.Target]
		case r.Target == a.ID:
			l.Direction, l.Other = "in", am[r.Source]
		default:
			continue // between two others of an event with the actor
		}
		var all extract.Event
		for _, id := range r.Events {
			all.Mentions = append(all.Mentions, byID[id].Mentions...)
		}
		l.Sources = Sources(all)
		out = append(out, l)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		if x.Count != y.Count {
			return x.Count > y.Count
		}
		return x.Other.ID < y.Other.ID
	})
	return a, out, nil
}

// Event returns the stored event with the given id, with all its mentions.
// An unknown id gives an error matching [ErrNotFound].
func (s *Store) Event(id string) (extract.Event, error) {
	var e extract.Event
	err := s.db.View(func(txn *badger.Txn) error { return getEvent(tx(txn), id, &e) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return e, &notFoundError{fmt.Sprintf("graph: no event %q", id)}
	}
	if err != nil {
		return e, fmt.Errorf("graph: event %q: %w", id, err)
	}
	return e, nil
}

// Evidence is why the store holds an event: every report of it.
type Evidence struct {
	Event   extract.Event
	Actors  map[string]extract.Actor // the event's actors and place, by id
	Docs    map[string]extract.Document
	Sources int // independent reports, see [Sources]
	// Disputed holds the events that report the opposite (the same actors
	// and type, negated or not) on the same date.
	Disputed []string
}

// Why returns the evidence of the event with the given id: each mention with
// its document (title, source, publication date) and sentence, how many
// independent reports there are, and any contradicting report.
func (s *Store) Why(id string) (*Evidence, error) {
	e, err := s.Event(id)
	if err != nil {
		return nil, err
	}
	ev := &Evidence{Event: e, Docs: map[string]extract.Document{}, Sources: Sources(e)}
	if ev.Actors, err = s.actorMap(append(participants(&e), e.Location)); err != nil {
		return nil, err
	}
	other := e
	other.Negated = !e.Negated
	opp := EventID(InteractionKey(&other), e.Date)
	if _, err := s.Event(opp); err == nil {
		ev.Disputed = append(ev.Disputed, opp)
	}
	err = s.db.View(func(txn *badger.Txn) error {
		for _, d := range DocIDs(e) {
			var rec docRecord
			if err := get(tx(txn), key(prefixDoc, d), &rec); err != nil {
				if errors.Is(err, badger.ErrKeyNotFound) {
					continue
				}
				return err
			}
			rec.Doc.Text = ""
			ev.Docs[d] = rec.Doc
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: why %s: %w", id, err)
	}
	return ev, nil
}

func isSymmetric(typ string) bool {
	t, _ := extract.LookupType(typ)
	return t.Symmetric
}
