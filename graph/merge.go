package graph

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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
//	c/<group> 0 <date>  the documents' events of the group filed under its
//	                    event dated <date> ("" for the undated event), as
//	                    extracted (partRecord)
//	g/<group> 0 <date>  the group has an event dated <date>; empty value
//	k/<group> 0 <day>   the group's dates on <day> (YYYY-MM-DD), each
//	                    followed by 0, after the version byte
//	u/<group> 0 <day>   the documents with undated events of the group
//	                    published on <day> ("" if not a day), and the dates
//	                    they are filed under (undatedRecord)
//
// The events of a group are EventID(key, date) for the dates of its g/ keys.
var (
	prefixContrib = []byte("c/")
	prefixGroup   = []byte("g/")
	prefixDay     = []byte("k/")
	prefixUndated = []byte("u/")
	prefixReport  = []byte("r/")
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

// A partRecord holds the contributions filed under one event of a group:
// each document's events dated to its date, and the undated ones attached
// to it (or, for the undated event, those attached to no dated event).
type partRecord struct {
	Key  string       // the interaction key of the group
	Docs []docContrib // by document id
}

// A docContrib is one document's events of a group filed under one event.
type docContrib struct {
	Doc    string
	Events []extract.Event
	// Ords are the events' positions among the document's events of the
	// group, which order a document's contributions the same way whatever
	// event they are filed under.
	Ords []int
}

// An undatedRecord lists the documents with undated events of a group
// published on one day, and the dates of the events they are filed under
// ("" for the undated event).
type undatedRecord struct {
	Docs []undatedRef // by document id
}

type undatedRef struct {
	Doc string
	At  []string
}

// A docPart says where a document's contributions to one group are: the
// dates of its dated events, and the publication days of its undated ones,
// whose u/ record says which events they are filed under.
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

func encodeDates(ds []string) []byte {
	b := []byte{formatVersion}
	for _, d := range ds {
		b = append(b, d...)
		b = append(b, sep)
	}
	return b
}

func decodeDates(b []byte) []string {
	if len(b) > 0 {
		b = b[1:]
	}
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

// A part is a partRecord being changed by a groupWriter. Its record (c/)
// holds each document's events filed under one event as stubs (see stub);
// the events as extracted, with all their mentions, are in the document's
// own r/ key, read only when the document's filing there changes.
type part struct {
	d       string
	rec     partRecord
	existed bool
	old     []docContrib // the contributions as read
	dirty   bool
	// full holds the documents' contributions with their mentions, as
	// read from r/ or changed; changed the documents whose r/ key is
	// written (or deleted, when it has no events left).
	full    map[string]*docContrib
	changed map[string]bool
}

func (p *part) find(doc string) (int, bool) {
	return sort.Find(len(p.rec.Docs), func(i int) int { return strings.Compare(doc, p.rec.Docs[i].Doc) })
}

// fullOf returns doc's contribution to p with its mentions, empty if it
// has none.
func (w *groupWriter) fullOf(p *part, doc string) (*docContrib, error) {
	if c := p.full[doc]; c != nil {
		return c, nil
	}
	c := &docContrib{Doc: doc}
	if _, ok := p.find(doc); ok {
		if err := get(w.txn, key(prefixReport, w.g, p.d, doc), c); err != nil {
			return nil, fmt.Errorf("reports of %s under %s/%q: %w", doc, w.g, p.d, err)
		}
	}
	p.full[doc] = c
	return c, nil
}

// remove takes doc's contributions out and returns them, with their
// mentions.
func (w *groupWriter) remove(p *part, doc string) (docContrib, bool, error) {
	i, ok := p.find(doc)
	if !ok {
		return docContrib{}, false, nil
	}
	c, err := w.fullOf(p, doc)
	if err != nil {
		return docContrib{}, false, err
	}
	p.rec.Docs = slices.Delete(slices.Clone(p.rec.Docs), i, i+1)
	p.full[doc] = &docContrib{Doc: doc}
	p.changed[doc] = true
	p.dirty = true
	return *c, true, nil
}

// add files an event of doc, at position ord among its events of the group.
func (w *groupWriter) add(p *part, doc string, e extract.Event, ord int) error {
	c, err := w.fullOf(p, doc)
	if err != nil {
		return err
	}
	i, ok := p.find(doc)
	if !ok {
		p.rec.Docs = slices.Insert(slices.Clone(p.rec.Docs), i, docContrib{Doc: doc})
	}
	h := &p.rec.Docs[i]
	j, _ := slices.BinarySearch(h.Ords, ord)
	h.Events = slices.Insert(slices.Clone(h.Events), j, stub(e))
	h.Ords = slices.Insert(slices.Clone(h.Ords), j, ord)
	c.Events = slices.Insert(c.Events, j, e)
	c.Ords = slices.Insert(c.Ords, j, ord)
	p.changed[doc] = true
	p.dirty = true
	return nil
}

// stub returns e as a part record keeps it: without its mentions but the
// first (in the order of sortMentions), and that without its text and
// rule. That is all buildEvent needs to give a merged event its shape.
func stub(e extract.Event) extract.Event {
	if len(e.Mentions) == 0 {
		return e
	}
	ms := slices.Clone(e.Mentions)
	sortMentions(ms)
	m := ms[0]
	m.Text, m.Rule = "", ""
	e.Mentions = []extract.Mention{m}
	return e
}

func (p *part) hasDated() bool {
	for _, c := range p.rec.Docs {
		for _, e := range c.Events {
			if e.Date != "" {
				return true
			}
		}
	}
	return false
}

func contribEvents(cs []docContrib) []extract.Event {
	var evs []extract.Event
	for _, c := range cs {
		evs = append(evs, c.Events...)
	}
	return evs
}

// groupWriter updates one group of the store for one document. Only the
// events whose contributions change are recomputed: those of the dates the
// document reports, the ones its undated reports are filed under, and, when
// a date comes into or goes out of the group, those of the undated reports
// published in the week after it, which may change their attachment. It
// reads records with point lookups only (an iterator in an update
// transaction sorts all its pending writes), keeps them, and writes the
// changed ones at the end.
type groupWriter struct {
	txn     *badger.Txn
	g, ikey string
	tr      *eventTrack
	parts   map[string]*part
	unds    map[string]*undatedRecord
	undDirt map[string]bool
	days    map[string][]string // day → the group's dates on that day
	dayDirt map[string]bool
}

func (w *groupWriter) part(d string) (*part, error) {
	if p := w.parts[d]; p != nil {
		return p, nil
	}
	p := &part{d: d, rec: partRecord{Key: w.ikey}, full: map[string]*docContrib{}, changed: map[string]bool{}}
	err := get(w.txn, key(prefixContrib, w.g, d), &p.rec)
	switch {
	case err == nil:
		p.existed = true
		p.old = slices.Clone(p.rec.Docs)
	case !errors.Is(err, badger.ErrKeyNotFound):
		return nil, err
	}
	w.parts[d] = p
	return p, nil
}

func (w *groupWriter) und(day string) (*undatedRecord, error) {
	if u := w.unds[day]; u != nil {
		return u, nil
	}
	u := &undatedRecord{}
	err := get(w.txn, key(prefixUndated, w.g, day), u)
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return nil, err
	}
	w.unds[day] = u
	return u, nil
}

// setUndated records where doc's undated events published on day are
// filed (none: at is empty), and returns where they were.
func (w *groupWriter) setUndated(day, doc string, at []string) ([]string, error) {
	u, err := w.und(day)
	if err != nil {
		return nil, err
	}
	w.undDirt[day] = true
	i, ok := sort.Find(len(u.Docs), func(i int) int { return strings.Compare(doc, u.Docs[i].Doc) })
	var was []string
	if ok {
		was = u.Docs[i].At
		if len(at) == 0 {
			u.Docs = slices.Delete(u.Docs, i, i+1)
		} else {
			u.Docs[i].At = at
		}
	} else if len(at) > 0 {
		u.Docs = slices.Insert(u.Docs, i, undatedRef{Doc: doc, At: at})
	}
	return was, nil
}

// datesOn returns the group's dates on day.
func (w *groupWriter) datesOn(day string) ([]string, error) {
	if ds, ok := w.days[day]; ok {
		return ds, nil
	}
	var ds []string
	it, err := w.txn.Get(key(prefixDay, w.g, day))
	switch {
	case err == nil:
		err = it.Value(func(v []byte) error { ds = decodeDates(v); return nil })
		if err != nil {
			return nil, err
		}
	case !errors.Is(err, badger.ErrKeyNotFound):
		return nil, err
	}
	w.days[day] = ds
	return ds, nil
}

// attach returns the date of the event an undated report published on
// published joins (see attachDate), or "" for the undated event.
func (w *groupWriter) attach(published string) (string, error) {
	day := pubDay(published)
	if day == "" {
		return "", nil
	}
	t, _ := dayOf(day)
	var near []string
	for i := 0; i <= attachWindow; i++ {
		ds, err := w.datesOn(t.AddDate(0, 0, -i).Format("2006-01-02"))
		if err != nil {
			return "", err
		}
		near = append(near, ds...)
	}
	d, _ := attachDate(published, near)
	return d, nil
}

// setDocGroup replaces the contributions of doc to group g, described by
// old (nil if none), by evs (none to remove them), and recomputes the
// events that change. It returns where the new contributions are.
func setDocGroup(txn *badger.Txn, g, ikey, doc string, old *docPart, evs []extract.Event, tr *eventTrack) (*docPart, error) {
	w := &groupWriter{txn: txn, g: g, ikey: ikey, tr: tr,
		parts: map[string]*part{}, unds: map[string]*undatedRecord{}, undDirt: map[string]bool{},
		days: map[string][]string{}, dayDirt: map[string]bool{}}
	var oldDates []string
	if old != nil {
		oldDates = old.Dates
		for _, d := range old.Dates {
			p, err := w.part(d)
			if err != nil {
				return nil, err
			}
			if _, _, err := w.remove(p, doc); err != nil {
				return nil, err
			}
		}
		for _, day := range old.Days {
			at, err := w.setUndated(day, doc, nil)
			if err != nil {
				return nil, err
			}
			for _, d := range at {
				p, err := w.part(d)
				if err != nil {
					return nil, err
				}
				if _, _, err := w.remove(p, doc); err != nil {
					return nil, err
				}
			}
		}
	}

	np := &docPart{G: g, Key: ikey}
	var undated []int
	for i, e := range evs {
		if e.Date == "" {
			undated = append(undated, i)
			continue
		}
		p, err := w.part(e.Date)
		if err != nil {
			return nil, err
		}
		if err := w.add(p, doc, e, i); err != nil {
			return nil, err
		}
		if !slices.Contains(np.Dates, e.Date) {
			np.Dates = append(np.Dates, e.Date)
		}
	}
	slices.Sort(np.Dates)

	// The dates that come into or go out of the group.
	var changed []string
	for _, d := range sortedIDs(oldDates, np.Dates) {
		p := w.parts[d]
		if has := p.hasDated(); has != p.existed {
			changed = append(changed, d)
			if err := w.setDay(d, has); err != nil {
				return nil, err
			}
		}
	}

	// The document's undated events, attached with the new dates.
	at := map[string][]string{}
	for _, i := range undated {
		e := evs[i]
		to, err := w.attach(first(e).Published)
		if err != nil {
			return nil, err
		}
		p, err := w.part(to)
		if err != nil {
			return nil, err
		}
		if err := w.add(p, doc, e, i); err != nil {
			return nil, err
		}
		day := pubDay(first(e).Published)
		if !slices.Contains(at[day], to) {
			at[day] = append(at[day], to)
		}
	}
	for day, ds := range at {
		np.Days = append(np.Days, day)
		slices.Sort(ds)
		if _, err := w.setUndated(day, doc, ds); err != nil {
			return nil, err
		}
	}
	slices.Sort(np.Days)

	// Other documents' undated events published in the week after a date
	// that came or went.
	for _, d := range changed {
		t, ok := dayOf(d)
		if !ok {
			continue
		}
		for i := 0; i <= attachWindow; i++ {
			day := t.AddDate(0, 0, i).Format("2006-01-02")
			u, err := w.und(day)
			if err != nil {
				return nil, err
			}
			for _, ref := range slices.Clone(u.Docs) {
				if ref.Doc == doc {
					continue
				}
				if err := w.reattach(day, ref); err != nil {
					return nil, err
				}
			}
		}
	}
	return np, w.flush()
}

// setDay adds date d to the group's dates of its day, or removes it.
func (w *groupWriter) setDay(d string, has bool) error {
	if _, ok := dayOf(d); !ok {
		return nil
	}
	day := d[:10]
	ds, err := w.datesOn(day)
	if err != nil {
		return err
	}
	ds = slices.DeleteFunc(slices.Clone(ds), func(x string) bool { return x == d })
	if has {
		ds = append(ds, d)
		slices.Sort(ds)
	}
	w.days[day] = ds
	w.dayDirt[day] = true
	return nil
}

// reattach files again a document's undated events published on day.
func (w *groupWriter) reattach(day string, ref undatedRef) error {
	type moving struct {
		e    extract.Event
		ord  int
		from string
		to   string
	}
	var ms []moving
	moved := false
	for _, from := range ref.At {
		p, err := w.part(from)
		if err != nil {
			return err
		}
		i, ok := p.find(ref.Doc)
		if !ok {
			continue
		}
		c := p.rec.Docs[i]
		for j, e := range c.Events {
			if e.Date != "" || pubDay(first(e).Published) != day {
				continue
			}
			to, err := w.attach(first(e).Published)
			if err != nil {
				return err
			}
			moved = moved || to != from
			ms = append(ms, moving{e, c.Ords[j], from, to})
		}
	}
	if !moved {
		return nil
	}
	// The events that move, with their mentions, by position.
	full := map[int]extract.Event{}
	for _, from := range ref.At {
		p := w.parts[from]
		c, ok, err := w.remove(p, ref.Doc)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		for j, e := range c.Events { // keep what does not move
			if e.Date != "" || pubDay(first(e).Published) != day {
				if err := w.add(p, ref.Doc, e, c.Ords[j]); err != nil {
					return err
				}
			} else {
				full[c.Ords[j]] = e
			}
		}
	}
	var now []string
	for _, m := range ms {
		p, err := w.part(m.to)
		if err != nil {
			return err
		}
		if err := w.add(p, ref.Doc, full[m.ord], m.ord); err != nil {
			return err
		}
		if !slices.Contains(now, m.to) {
			now = append(now, m.to)
		}
	}
	slices.Sort(now)
	_, err := w.setUndated(day, ref.Doc, now)
	return err
}

// flush writes the changed records and recomputes the events of the
// changed parts.
func (w *groupWriter) flush() error {
	ds := make([]string, 0, len(w.parts))
	for d, p := range w.parts {
		if p.dirty {
			ds = append(ds, d)
		}
	}
	slices.Sort(ds)
	for _, d := range ds {
		if err := w.recompute(d, w.parts[d]); err != nil {
			return err
		}
	}
	for day := range w.undDirt {
		k := key(prefixUndated, w.g, day)
		var err error
		if u := w.unds[day]; len(u.Docs) == 0 {
			err = w.txn.Delete(k)
		} else {
			err = put(w.txn, k, u)
		}
		if err != nil {
			return err
		}
	}
	for day := range w.dayDirt {
		k := key(prefixDay, w.g, day)
		var err error
		if ds := w.days[day]; len(ds) == 0 {
			err = w.txn.Delete(k)
		} else {
			err = w.txn.Set(k, encodeDates(ds))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// recompute writes the part filed under date d ("" for the undated event)
// and the r/ keys of the documents whose filing there changed, and rewrites
// the event, with its index keys, when its shape changes (not when a report
// joins or leaves an event whose type, actors, date, place, confidence and
// first report stay the same); it deletes them all when the part is empty.
func (w *groupWriter) recompute(d string, p *part) error {
	eid := EventID(w.ikey, d)
	has := len(p.rec.Docs) > 0
	w.tr.touch(eid, p.existed, has)
	var old, e extract.Event
	var oldDocs, newDocs []string
	if p.existed {
		// The stored event is the one built from the part as read.
		old = buildEvent(w.ikey, d, cloneStubs(p.old))
		oldDocs = DocIDs(old)
	}
	if has {
		e = buildEvent(w.ikey, d, cloneStubs(p.rec.Docs))
		newDocs = DocIDs(e)
	}
	reindex := !p.existed || !has || !sameShape(&old, &e) || p.changed[e.Mentions[0].Doc]
	if reindex && p.existed {
		if err := unindexEvent(w.txn, &old); err != nil {
			return err
		}
	}
	docs := make([]string, 0, len(p.changed))
	for doc := range p.changed {
		docs = append(docs, doc)
	}
	slices.Sort(docs)
	for _, doc := range docs {
		k := key(prefixReport, w.g, d, doc)
		var err error
		if c := p.full[doc]; len(c.Events) == 0 {
			err = w.txn.Delete(k)
		} else {
			err = put(w.txn, k, c)
		}
		if err != nil {
			return err
		}
	}
	if has {
		if reindex {
			// the first report's sentence, for the pair index
			m := &e.Mentions[0]
			c, err := w.fullOf(p, m.Doc)
			if err != nil {
				return err
			}
			m.Text, m.Rule = firstText(c, m)
			if err := putEvent(w.txn, &e); err != nil {
				return err
			}
		}
		if err := put(w.txn, key(prefixContrib, w.g, d), &p.rec); err != nil {
			return err
		}
		if !p.existed {
			if err := w.txn.Set(key(prefixGroup, w.g, d), nil); err != nil {
				return err
			}
		}
	} else if p.existed {
		for _, k := range [][]byte{key(prefixEvent, eid), key(prefixContrib, w.g, d), key(prefixGroup, w.g, d)} {
			if err := w.txn.Delete(k); err != nil {
				return err
			}
		}
	}
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
	return nil
}

// cloneStubs returns the events of cs, with mention slices of their own
// (buildEvent sorts them).
func cloneStubs(cs []docContrib) []extract.Event {
	evs := contribEvents(cs)
	for i := range evs {
		evs[i].Mentions = slices.Clone(evs[i].Mentions)
	}
	return evs
}

// sameShape reports whether two events built from stubs store the same
// event record and index keys: all but the mentions after the first.
func sameShape(a, b *extract.Event) bool {
	x, y := *a, *b
	x.Mentions, y.Mentions = x.Mentions[:min(1, len(x.Mentions))], y.Mentions[:min(1, len(y.Mentions))]
	ex, _ := encode(&x)
	ey, _ := encode(&y)
	return bytes.Equal(ex, ey)
}

// firstText returns the text and rule of the mention of c that m is the
// stub of.
func firstText(c *docContrib, m *extract.Mention) (string, string) {
	for _, e := range c.Events {
		for _, x := range e.Mentions {
			if x.Doc == m.Doc && x.Published == m.Published && x.Sentence == m.Sentence && x.Trigger == m.Trigger {
				return x.Text, x.Rule
			}
		}
	}
	return "", ""
}

// fillMentions gives e, an event as its e/ record stores it (without
// mentions), all its mentions: it merges again the reports filed under it
// (r/ keys), as the writer did.
func fillMentions(txn *badger.Txn, e *extract.Event) error {
	ikey := InteractionKey(e)
	prefix := append(key(prefixReport, groupID(ikey), e.Date), sep)
	var cs []extract.Event
	err := scan(txn, prefix, func(_, v []byte) error {
		var c docContrib
		if err := decode(v, &c); err != nil {
			return err
		}
		cs = append(cs, c.Events...)
		return nil
	})
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		return fmt.Errorf("event %s: no reports filed under it", e.ID)
	}
	id := e.ID
	*e = buildEvent(ikey, e.Date, cs)
	if e.ID != id {
		return fmt.Errorf("event %s: its reports make event %s", id, e.ID)
	}
	return nil
}

// getEvent reads the event eid with all its mentions.
func getEvent(txn *badger.Txn, eid string, e *extract.Event) error {
	if err := get(txn, key(prefixEvent, eid), e); err != nil {
		return err
	}
	return fillMentions(txn, e)
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
