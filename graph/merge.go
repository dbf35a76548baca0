package graph

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// Cross-document merging.
//
// The extractor gives each event an id scoped to its document. The store
// merges the events of all documents by their interaction key: the event
// type, whether it is negated, and the actors (one sorted set for symmetric
// types, else sorted sources and sorted targets). Events with the same key
// form a group. Each document's events of a group are kept as they came, as
// its contribution (c/ keys), and the group's stored events are recomputed
// from all its contributions whenever one is added or removed, so the stored
// events are a function of the set of documents alone: the order of
// ingestion does not matter, and forgetting a document and ingesting it again
// gives the same events.
//
// Within a group, contributions with the same TIMEX3 date are one event. An
// undated contribution joins the group's dated event when exactly one of them
// is dated to a day in the week up to its publication date (the six days
// before it and the day itself); otherwise it joins the group's undated event.
// Negated reports ("did not meet") are a group of their own, so they stand
// beside the reports of the meeting instead of overwriting them.
//
//	c/<group> 0 <doc>     a document's events of the group, as extracted
//	g/<group> 0 <event>   the stored events of the group
var (
	prefixContrib = []byte("c/")
	prefixGroup   = []byte("g/")
)

// attachWindow is how many days before its publication date an undated
// report may be about a dated event of its group.
const attachWindow = 6

// InteractionKey returns the key by which events of different documents are
// merged: type, negation and actors, without the date. Two events with the
// same key and date are the same interaction.
func InteractionKey(e *extract.Event) string {
	var b strings.Builder
	b.WriteString(e.Type)
	if e.Negated {
		b.WriteString("|not")
	}
	t, _ := extract.LookupType(e.Type)
	if t.Symmetric {
		b.WriteString("|" + strings.Join(sortedIDs(e.Source, e.Target), ","))
	} else {
		b.WriteString("|" + strings.Join(sortedIDs(e.Source), ","))
		b.WriteString("|" + strings.Join(sortedIDs(e.Target), ","))
	}
	return b.String()
}

// EventID returns the stored id of the interaction with the given key and
// TIMEX3 date ("" for the undated event of the key).
func EventID(key, date string) string {
	h := sha256.Sum256([]byte(key + "\x00" + date))
	return "ev-" + hex.EncodeToString(h[:8])
}

func groupID(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:8])
}

// sortedIDs returns the distinct non-empty ids of lists, sorted.
func sortedIDs(lists ...[]string) []string {
	var ids []string
	for _, l := range lists {
		for _, x := range l {
			if x != "" && !slices.Contains(ids, x) {
				ids = append(ids, x)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// mergeGroup computes the stored events of a group from its contributions.
// The result does not depend on the order of contribs.
func mergeGroup(key string, contribs []extract.Event) []extract.Event {
	for i := range contribs {
		sortMentions(contribs[i].Mentions)
	}
	// Lead order: earliest reported first, so the oldest report gives an
	// event its shape (source and target order, codes).
	sort.SliceStable(contribs, func(i, j int) bool { return mentionLess(first(contribs[i]), first(contribs[j])) })
	byDate := map[string][]int{}
	var dates []string
	for i, c := range contribs {
		if c.Date == "" {
			continue
		}
		if _, ok := byDate[c.Date]; !ok {
			dates = append(dates, c.Date)
		}
		byDate[c.Date] = append(byDate[c.Date], i)
	}
	var undated []int
	for i, c := range contribs {
		if c.Date != "" {
			continue
		}
		if d, ok := attachDate(first(c).Published, dates); ok {
			byDate[d] = append(byDate[d], i)
			continue
		}
		undated = append(undated, i)
	}
	slices.Sort(dates)
	var out []extract.Event
	build := func(date string, idx []int) {
		sort.Ints(idx)
		lead := contribs[idx[0]]
		e := extract.Event{
			ID: EventID(key, date), Type: lead.Type, CAMEO: lead.CAMEO, PLOVER: lead.PLOVER,
			Source: slices.Clone(lead.Source), Target: slices.Clone(lead.Target),
			Date: date, Negated: lead.Negated, Outcome: lead.Outcome, Modality: lead.Modality,
		}
		for _, i := range idx {
			c := contribs[i]
			if e.Location == "" {
				e.Location = c.Location
			}
			if c.Modality == "" {
				e.Modality = ""
			}
			e.Confidence = max(e.Confidence, c.Confidence)
			e.Mentions = append(e.Mentions, c.Mentions...)
		}
		sortMentions(e.Mentions)
		out = append(out, e)
	}
	for _, d := range dates {
		build(d, byDate[d])
	}
	if len(undated) > 0 {
		build("", undated)
	}
	return out
}

func first(e extract.Event) extract.Mention {
	if len(e.Mentions) == 0 {
		return extract.Mention{}
	}
	return e.Mentions[0]
}

// attachDate returns the one date of dates that is a day in the week up to
// published, if there is exactly one.
func attachDate(published string, dates []string) (string, bool) {
	p, err := extract.ParseDate(published)
	if err != nil {
		return "", false
	}
	found := ""
	for _, d := range dates {
		if len(d) < 10 {
			continue
		}
		t, err := time.Parse("2006-01-02", d[:10])
		if err != nil {
			continue
		}
		if days := p.Sub(t).Hours() / 24; days < 0 || days > attachWindow {
			continue
		}
		if found != "" {
			return "", false
		}
		found = d
	}
	return found, found != ""
}

// A contribRecord is one document's events of one group.
type contribRecord struct {
	Key    string // the interaction key of the group
	Events []extract.Event
}

// A groupState is a group read into memory: its key, each document's
// events of it, and the ids of its stored events. A transaction reads the
// groups it will touch before it writes anything, because an iterator in a
// badger update transaction sorts all the transaction's pending writes.
type groupState struct {
	key    string
	docs   map[string][]extract.Event
	events []string
}

// loadGroups reads the groups of ids that states lacks into states.
func loadGroups(txn *badger.Txn, ids []string, states map[string]*groupState) error {
	for _, g := range ids {
		if _, ok := states[g]; ok {
			continue
		}
		st := &groupState{docs: map[string][]extract.Event{}}
		err := scan(txn, pairPrefix(prefixContrib, g), func(k, v []byte) error {
			var c contribRecord
			if err := decode(v, &c); err != nil {
				return err
			}
			st.key = c.Key
			st.docs[lastPart(k)] = c.Events
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range scanKeys(txn, pairPrefix(prefixGroup, g)) {
			st.events = append(st.events, lastPart(k))
		}
		states[g] = st
	}
	return nil
}

// groupsOf returns the groups of events, by id, with their keys.
func groupsOf(events []extract.Event) (ids []string, byGroup map[string][]extract.Event, keys map[string]string) {
	byGroup = map[string][]extract.Event{}
	keys = map[string]string{}
	for _, e := range events {
		k := InteractionKey(&e)
		g := groupID(k)
		if _, ok := byGroup[g]; !ok {
			ids = append(ids, g)
		}
		keys[g] = k
		byGroup[g] = append(byGroup[g], e)
	}
	sort.Strings(ids)
	return ids, byGroup, keys
}

// setDoc stores a document's events of group g, or removes them when evs
// is empty, and recomputes the group's events.
func (st *groupState) setDoc(txn *badger.Txn, g, doc, ikey string, evs []extract.Event) error {
	if len(evs) == 0 {
		delete(st.docs, doc)
		if err := txn.Delete(key(prefixContrib, g, doc)); err != nil {
			return err
		}
	} else {
		st.key = ikey
		st.docs[doc] = evs
		if err := put(txn, key(prefixContrib, g, doc), &contribRecord{Key: ikey, Events: evs}); err != nil {
			return err
		}
	}
	return st.recompute(txn, g)
}

// recompute rewrites the stored events of group g from its documents'
// events, with their indexes.
func (st *groupState) recompute(txn *badger.Txn, g string) error {
	for _, eid := range st.events {
		if err := deleteEvent(txn, eid); err != nil {
			return err
		}
		if err := txn.Delete(key(prefixGroup, g, eid)); err != nil {
			return err
		}
	}
	docs := make([]string, 0, len(st.docs))
	for d := range st.docs {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	var contribs []extract.Event
	for _, d := range docs {
		for _, e := range st.docs[d] {
			e.Mentions = slices.Clone(e.Mentions)
			contribs = append(contribs, e)
		}
	}
	st.events = nil
	for _, e := range mergeGroup(st.key, contribs) {
		if err := putEvent(txn, &e); err != nil {
			return err
		}
		for _, d := range DocIDs(e) {
			if err := txn.Set(key(prefixDocIdx, d, e.ID), nil); err != nil {
				return err
			}
		}
		if err := txn.Set(key(prefixGroup, g, e.ID), nil); err != nil {
			return err
		}
		st.events = append(st.events, e.ID)
	}
	return nil
}

// deleteEvent deletes a stored event with its date, actor and document
// index keys. A missing event is not an error.
func deleteEvent(txn *badger.Txn, eid string) error {
	var e extract.Event
	err := get(txn, key(prefixEvent, eid), &e)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := unindexEvent(txn, &e); err != nil {
		return err
	}
	for _, d := range DocIDs(e) {
		if err := txn.Delete(key(prefixDocIdx, d, eid)); err != nil {
			return err
		}
	}
	return txn.Delete(key(prefixEvent, eid))
}

// Syndication.

// syndicationJaccard is how alike (the Jaccard index of their word sets) two
// sentences must be for one to count as a copy of the other.
const syndicationJaccard = 0.8

// Sources returns the number of independent reports of e: its documents,
// where documents that report it in the same or nearly the same sentence (a
// wire story and its reprints, with their datelines) count once. Documents
// whose mentions carry no text count one each.
func Sources(e extract.Event) int {
	docs := DocIDs(e)
	if len(docs) <= 1 {
		return len(docs)
	}
	at := map[string]int{}
	for i, d := range docs {
		at[d] = i
	}
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	type sent struct {
		doc   int
		words []string
	}
	var ss []sent
	for _, m := range e.Mentions {
		if w := wordSet(m.Text); len(w) > 0 {
			ss = append(ss, sent{at[m.Doc], w})
		}
	}
	for i := range ss {
		for j := i + 1; j < len(ss); j++ {
			a, b := find(ss[i].doc), find(ss[j].doc)
			if a != b && jaccard(ss[i].words, ss[j].words) >= syndicationJaccard {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	n := 0
	for i := range parent {
		if find(i) == i {
			n++
		}
	}
	return n
}

// wordSet returns the distinct lower-cased words of s, sorted.
func wordSet(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// jaccard returns |a∩b| / |a∪b| of two sorted sets.
func jaccard(a, b []string) float64 {
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			both++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// Edge values. The date index value of an event holds what loading a graph
// view needs (type, negation, actors), so Load reads no event records:
//
//	'E' type 0 negated('0'|'1') 0 source 1 source … 0 target 1 target … 0 date
//
// An empty value (a store written before these values existed) makes Load
// read the event record instead.
func edgeValue(e *extract.Event) []byte {
	var b bytes.Buffer
	b.WriteByte('E')
	b.WriteString(e.Type)
	b.WriteByte(0)
	if e.Negated {
		b.WriteByte('1')
	} else {
		b.WriteByte('0')
	}
	b.WriteByte(0)
	b.WriteString(strings.Join(e.Source, "\x01"))
	b.WriteByte(0)
	b.WriteString(strings.Join(e.Target, "\x01"))
	b.WriteByte(0)
	b.WriteString(e.Date)
	return b.Bytes()
}

// parseEdgeValue parses an edge value into e's Type, Negated, Source,
// Target and Date. It reports false for an empty or malformed value.
func parseEdgeValue(v []byte, e *extract.Event) bool {
	if len(v) == 0 || v[0] != 'E' {
		return false
	}
	parts := bytes.Split(v[1:], []byte{0})
	if len(parts) != 5 {
		return false
	}
	e.Type = string(parts[0])
	e.Negated = len(parts[1]) == 1 && parts[1][0] == '1'
	e.Source = splitIDs(parts[2])
	e.Target = splitIDs(parts[3])
	e.Date = string(parts[4])
	return true
}

func splitIDs(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	parts := bytes.Split(b, []byte{1})
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = string(p)
	}
	return out
}

// mentionLess orders mentions as [sortMentions] does.
func mentionLess(a, b extract.Mention) bool {
	if (a.Published == "") != (b.Published == "") {
		return b.Published == ""
	}
	if a.Published != b.Published {
		return a.Published < b.Published
	}
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	if a.Sentence.Start != b.Sentence.Start {
		return a.Sentence.Start < b.Sentence.Start
	}
	return a.Trigger.Start < b.Trigger.Start
}
