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
// Only the events a document's contributions fall in are recomputed when it
// comes or goes, so the contributions are filed by group and event date:
//
//	c/<group> 0 <date> 0 <doc>  a document's events of the group filed under
//	                            the event dated <date> ("" for the undated
//	                            event), as extracted (contribRecord)
//	g/<group> 0 <date>          the group has an event dated <date>; empty value
//	u/<group> 0 <day> 0 <doc>   the document has undated events of the group
//	                            published on <day> ("" if not a day); the
//	                            value lists the dates they are filed under,
//	                            each followed by 0
//
// The events of a group are EventID(key, date) for the dates of its g/ keys.
var (
	prefixContrib = []byte("c/")
	prefixGroup   = []byte("g/")
	prefixUndated = []byte("u/")
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
		cs := make([]extract.Event, len(idx))
		for j, i := range idx {
			cs[j] = contribs[i]
		}
		out = append(out, buildEvent(key, date, cs))
	}
	for _, d := range dates {
		build(d, byDate[d])
	}
	if len(undated) > 0 {
		build("", undated)
	}
	return out
}

// buildEvent returns the event of the group with interaction key key dated
// date, from the contributions filed under it: the earliest reported gives
// its shape, the first with a place its place, and it has all their mentions.
// It sorts contribs.
func buildEvent(key, date string, contribs []extract.Event) extract.Event {
	for i := range contribs {
		sortMentions(contribs[i].Mentions)
	}
	sort.SliceStable(contribs, func(i, j int) bool { return mentionLess(first(contribs[i]), first(contribs[j])) })
	lead := contribs[0]
	e := extract.Event{
		ID: EventID(key, date), Type: lead.Type, CAMEO: lead.CAMEO, PLOVER: lead.PLOVER,
		Source: slices.Clone(lead.Source), Target: slices.Clone(lead.Target),
		Date: date, Negated: lead.Negated, Outcome: lead.Outcome, Modality: lead.Modality,
	}
	for _, c := range contribs {
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
	return e
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

// A contribRecord is one document's events of one group that belong to one
// event of the group: those dated to its date, and the undated ones attached
// to it (or, for the undated event, those attached to no dated event).
type contribRecord struct {
	Key    string // the interaction key of the group
	Events []extract.Event
	// Ords are the events' positions among the document's events of the
	// group, which order a document's contributions the same way whatever
	// event they are filed under.
	Ords []int `json:",omitempty"`
}

// A docPart says where a document's contributions to one group are: the
// dates of its dated events, and the publication days of its undated ones,
// whose u/ keys say which events they are attached to.
type docPart struct {
	G     string   // group id
	Key   string   // interaction key
	Dates []string `json:",omitempty"`
	Days  []string `json:",omitempty"` // "" for a publication date that is not a day
}

// An eventTrack records, for each event a transaction touches, whether it
// existed before the first touch and whether it exists after the last.
type eventTrack struct {
	before, after map[string]bool
}

func newEventTrack() *eventTrack {
	return &eventTrack{before: map[string]bool{}, after: map[string]bool{}}
}

func (tr *eventTrack) touch(eid string, existed, exists bool) {
	if _, ok := tr.before[eid]; !ok {
		tr.before[eid] = existed
	}
	tr.after[eid] = exists
}

// created counts the events that exist now and did not before.
func (tr *eventTrack) created() int {
	n := 0
	for eid, ok := range tr.after {
		if ok && !tr.before[eid] {
			n++
		}
	}
	return n
}

// pubDay returns the publication date p when it is a day (YYYY-MM-DD), else "".
func pubDay(p string) string {
	if _, err := extract.ParseDate(p); err == nil {
		return p
	}
	return ""
}

// dayOf returns the day of a date dated to a day or finer.
func dayOf(d string) (time.Time, bool) {
	if len(d) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", d[:10])
	return t, err == nil
}

// undatedKey is the u/ key of a document's undated events of group g
// published on day; its value lists the events (by date, "" for the
// undated one) they are attached to.
func undatedKey(g, day, doc string) []byte { return key(prefixUndated, g, day, doc) }

func encodeDates(ds []string) []byte {
	var b []byte
	for _, d := range ds {
		b = append(b, d...)
		b = append(b, sep)
	}
	return b
}

func decodeDates(b []byte) []string {
	var ds []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, sep)
		if i < 0 {
			break
		}
		ds = append(ds, string(b[:i]))
		b = b[i+1:]
	}
	return ds
}

func getDates(txn *badger.Txn, k []byte) ([]string, error) {
	it, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ds []string
	err = it.Value(func(v []byte) error { ds = decodeDates(v); return nil })
	return ds, err
}

// groupWriter updates one group of the store for one document. Only the
// events whose contributions change are recomputed: those of the dates the
// document reports, the ones its undated reports are attached to, and, when
// a date comes into or goes out of the group, those of the undated reports
// published in the week after it, which may change their attachment.
type groupWriter struct {
	txn      *badger.Txn
	g, ikey  string
	tr       *eventTrack
	affected map[string]bool
	near     map[string][]string // day → the group's dates in the week up to it
}

// setDocGroup replaces the contributions of doc to group g, described by
// old (nil if none), by evs (none to remove them), and recomputes the
// events that change. It returns where the new contributions are.
func setDocGroup(txn *badger.Txn, g, ikey, doc string, old *docPart, evs []extract.Event, tr *eventTrack) (*docPart, error) {
	w := &groupWriter{txn: txn, g: g, ikey: ikey, tr: tr, affected: map[string]bool{}, near: map[string][]string{}}
	var oldDates []string
	if old != nil {
		oldDates = old.Dates
		for _, d := range old.Dates {
			if err := txn.Delete(key(prefixContrib, g, d, doc)); err != nil {
				return nil, err
			}
			w.affected[d] = true
		}
		for _, day := range old.Days {
			uk := undatedKey(g, day, doc)
			es, err := getDates(txn, uk)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				if err := txn.Delete(key(prefixContrib, g, e, doc)); err != nil {
					return nil, err
				}
				w.affected[e] = true
			}
			if err := txn.Delete(uk); err != nil {
				return nil, err
			}
		}
	}

	part := &docPart{G: g, Key: ikey}
	recs := map[string]*contribRecord{}
	add := func(at string, e extract.Event, ord int) {
		r := recs[at]
		if r == nil {
			r = &contribRecord{Key: ikey}
			recs[at] = r
		}
		r.Events = append(r.Events, e)
		r.Ords = append(r.Ords, ord)
	}
	var undated []int
	for i, e := range evs {
		if e.Date == "" {
			undated = append(undated, i)
			continue
		}
		add(e.Date, e, i)
		if !slices.Contains(part.Dates, e.Date) {
			part.Dates = append(part.Dates, e.Date)
		}
	}
	slices.Sort(part.Dates)

	// The dates that come into or go out of the group.
	var changed []string
	for _, d := range sortedIDs(oldDates, part.Dates) {
		had, err := exists(txn, key(prefixGroup, g, d))
		if err != nil {
			return nil, err
		}
		has := slices.Contains(part.Dates, d)
		if !has {
			if has, err = w.hasDated(d); err != nil {
				return nil, err
			}
		}
		if had == has {
			continue
		}
		changed = append(changed, d)
		if has {
			err = txn.Set(key(prefixGroup, g, d), nil)
		} else {
			err = txn.Delete(key(prefixGroup, g, d))
		}
		if err != nil {
			return nil, err
		}
	}

	// The document's undated events, attached with the new dates.
	at := map[string][]string{}
	for _, i := range undated {
		e := evs[i]
		day := pubDay(first(e).Published)
		to, err := w.attach(first(e).Published, day)
		if err != nil {
			return nil, err
		}
		add(to, e, i)
		if !slices.Contains(at[day], to) {
			at[day] = append(at[day], to)
		}
	}
	for day, es := range at {
		part.Days = append(part.Days, day)
		slices.Sort(es)
		if err := txn.Set(undatedKey(g, day, doc), encodeDates(es)); err != nil {
			return nil, err
		}
	}
	slices.Sort(part.Days)
	for to, r := range recs {
		sortContrib(r)
		if err := put(txn, key(prefixContrib, g, to, doc), r); err != nil {
			return nil, err
		}
		w.affected[to] = true
	}

	// Other documents' undated events published in the week after a date
	// that came or went.
	if err := w.reattach(changed, doc); err != nil {
		return nil, err
	}

	es := make([]string, 0, len(w.affected))
	for e := range w.affected {
		es = append(es, e)
	}
	slices.Sort(es)
	for _, e := range es {
		if err := w.recompute(e); err != nil {
			return nil, err
		}
	}
	return part, nil
}

// sortContrib orders a record's events by their position in the document.
func sortContrib(r *contribRecord) {
	if slices.IsSorted(r.Ords) {
		return
	}
	idx := make([]int, len(r.Ords))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return r.Ords[idx[a]] < r.Ords[idx[b]] })
	evs := make([]extract.Event, len(idx))
	ords := make([]int, len(idx))
	for i, j := range idx {
		evs[i], ords[i] = r.Events[j], r.Ords[j]
	}
	r.Events, r.Ords = evs, ords
}

// partition calls fn with each document's record filed under date d.
func (w *groupWriter) partition(d string, fn func(doc string, r *contribRecord) error) error {
	return scan(w.txn, pairPrefix(prefixContrib, w.g+"\x00"+d), func(k, v []byte) error {
		var r contribRecord
		if err := decode(v, &r); err != nil {
			return err
		}
		return fn(lastPart(k), &r)
	})
}

// hasDated reports whether some document has an event of the group dated d.
func (w *groupWriter) hasDated(d string) (bool, error) {
	found := false
	err := w.partition(d, func(_ string, r *contribRecord) error {
		for _, e := range r.Events {
			if e.Date != "" {
				found = true
			}
		}
		return nil
	})
	return found, err
}

// attach returns the date of the event an undated report published on
// published (whose day is day) joins: see attachDate; "" for the undated event.
func (w *groupWriter) attach(published, day string) (string, error) {
	if day == "" {
		return "", nil
	}
	ds, ok := w.near[day]
	if !ok {
		t, _ := dayOf(day)
		lo := key(prefixGroup, w.g, t.AddDate(0, 0, -attachWindow).Format("2006-01-02"))
		hi := append(key(prefixGroup, w.g, day), 0xFF)
		prefix := pairPrefix(prefixGroup, w.g)
		o := badger.DefaultIteratorOptions
		o.PrefetchValues = false
		o.Prefix = prefix
		it := w.txn.NewIterator(o)
		for it.Seek(lo); it.ValidForPrefix(prefix); it.Next() {
			k := it.Item().Key()
			if bytes.Compare(k, hi) > 0 {
				break
			}
			ds = append(ds, string(k[len(prefix):]))
		}
		it.Close()
		w.near[day] = ds
	}
	d, _ := attachDate(published, ds)
	return d, nil
}

// reattach moves the undated events of documents other than doc that are
// published in the week after one of the changed dates to the event they
// are now attached to.
func (w *groupWriter) reattach(changed []string, doc string) error {
	type udoc struct{ day, doc string }
	var todo []udoc
	seen := map[udoc]bool{}
	for _, d := range changed {
		t, ok := dayOf(d)
		if !ok {
			continue
		}
		for i := 0; i <= attachWindow; i++ {
			day := t.AddDate(0, 0, i).Format("2006-01-02")
			for _, k := range scanKeys(w.txn, pairPrefix(prefixUndated, w.g+"\x00"+day)) {
				u := udoc{day, lastPart(k)}
				if u.doc != doc && !seen[u] {
					seen[u] = true
					todo = append(todo, u)
				}
			}
		}
	}
	for _, u := range todo {
		if err := w.reattachDoc(u.day, u.doc); err != nil {
			return err
		}
	}
	return nil
}

// reattachDoc attaches again doc's undated events of the group published on day.
func (w *groupWriter) reattachDoc(day, doc string) error {
	uk := undatedKey(w.g, day, doc)
	es, err := getDates(w.txn, uk)
	if err != nil {
		return err
	}
	recs := map[string]*contribRecord{}
	load := func(at string) (*contribRecord, error) {
		if r := recs[at]; r != nil {
			return r, nil
		}
		r := &contribRecord{Key: w.ikey}
		err := get(w.txn, key(prefixContrib, w.g, at, doc), r)
		if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return nil, err
		}
		recs[at] = r
		return r, nil
	}
	type moving struct {
		e   extract.Event
		ord int
		to  string
	}
	var ms []moving
	moved := false
	for _, from := range es {
		r, err := load(from)
		if err != nil {
			return err
		}
		var keepE []extract.Event
		var keepO []int
		for i, e := range r.Events {
			if e.Date != "" || pubDay(first(e).Published) != day {
				keepE, keepO = append(keepE, e), append(keepO, r.Ords[i])
				continue
			}
			to, err := w.attach(first(e).Published, day)
			if err != nil {
				return err
			}
			if to != from {
				moved = true
			}
			ms = append(ms, moving{e, r.Ords[i], to})
		}
		r.Events, r.Ords = keepE, keepO
	}
	if !moved {
		return nil
	}
	var now []string
	for _, m := range ms {
		r, err := load(m.to)
		if err != nil {
			return err
		}
		r.Events = append(r.Events, m.e)
		r.Ords = append(r.Ords, m.ord)
		if !slices.Contains(now, m.to) {
			now = append(now, m.to)
		}
	}
	slices.Sort(now)
	for at, r := range recs {
		w.affected[at] = true
		k := key(prefixContrib, w.g, at, doc)
		if len(r.Events) == 0 {
			if err := w.txn.Delete(k); err != nil {
				return err
			}
			continue
		}
		sortContrib(r)
		if err := put(w.txn, k, r); err != nil {
			return err
		}
	}
	return w.txn.Set(uk, encodeDates(now))
}

// recompute rewrites the event of the group dated d ("" for the undated
// one) from the contributions filed under it, with its index keys, or
// deletes it when there are none.
func (w *groupWriter) recompute(d string) error {
	eid := EventID(w.ikey, d)
	var contribs []extract.Event
	err := w.partition(d, func(_ string, r *contribRecord) error {
		contribs = append(contribs, r.Events...)
		return nil
	})
	if err != nil {
		return err
	}
	var old extract.Event
	err = get(w.txn, key(prefixEvent, eid), &old)
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	had := err == nil
	w.tr.touch(eid, had, len(contribs) > 0)
	var oldDocs []string
	if had {
		oldDocs = DocIDs(old)
		if err := unindexEvent(w.txn, &old); err != nil {
			return err
		}
	}
	if len(contribs) == 0 {
		for _, doc := range oldDocs {
			if err := w.txn.Delete(key(prefixDocIdx, doc, eid)); err != nil {
				return err
			}
		}
		if had {
			if err := w.txn.Delete(key(prefixEvent, eid)); err != nil {
				return err
			}
		}
		return w.txn.Delete(key(prefixGroup, w.g, d))
	}
	e := buildEvent(w.ikey, d, contribs)
	if err := putEvent(w.txn, &e); err != nil {
		return err
	}
	newDocs := DocIDs(e)
	for _, doc := range oldDocs {
		if !slices.Contains(newDocs, doc) {
			if err := w.txn.Delete(key(prefixDocIdx, doc, eid)); err != nil {
				return err
			}
		}
	}
	for _, doc := range newDocs {
		if !slices.Contains(oldDocs, doc) {
			if err := w.txn.Set(key(prefixDocIdx, doc, eid), nil); err != nil {
				return err
			}
		}
	}
	if d == "" && !had {
		return w.txn.Set(key(prefixGroup, w.g, d), nil)
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
