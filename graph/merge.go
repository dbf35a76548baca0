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
// its contribution (r/ keys), and the group's stored events follow from all
// its contributions (summed up per event in c/ keys) whenever one is added
// or removed, so the stored
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
//	c/<group> 0 <date>  sums up the documents' events of the group filed
//	                    under its event dated <date> ("" for the undated
//	                    event) as far as merging needs (partRecord)
//	r/<group> 0 <date> 0 <doc>
//	                    one document's events filed there, as extracted
//	                    (docContrib)
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

// A partRecord sums up the reports filed under one event of a group (each
// document's events dated to its date, and the undated ones attached to it,
// or, for the undated event, those attached to no dated event) as far as
// merging them needs: the events themselves are in the documents' r/ keys.
// A report added updates it in constant time; one taken away does too,
// unless it was the earliest, the first with a place or the last with the
// highest confidence, when the part's reports are read again (part.rescan).
type partRecord struct {
	Key      string // the interaction key of the group
	N        int    // events filed
	Dated    int    // of them, with a date
	Asserted int    // of them, with no modality
	// Lead is the earliest reported event (see buildEvent) with only its
	// first mention, LeadOrd its position among its document's events of
	// the group.
	Lead    extract.Event
	LeadOrd int
	// Place is the place of the earliest reported event that names one,
	// PlaceAt and PlaceOrd that event's first mention and position.
	Place    string
	PlaceAt  extract.Mention
	PlaceOrd int
	Conf     float64 // the highest confidence (at least 0)
	ConfN    int     // events with it
}

// before reports whether the event whose first mention is a and position
// ai is reported before the one of b and bi: the order in which buildEvent
// takes a group's events (by first mention, then document and position).
func before(a extract.Mention, ai int, b extract.Mention, bi int) bool {
	if mentionLess(a, b) {
		return true
	}
	if mentionLess(b, a) {
		return false
	}
	return ai < bi
}

func sameMention(a, b extract.Mention) bool {
	return a.Doc == b.Doc && a.Published == b.Published && a.Sentence == b.Sentence && a.Trigger == b.Trigger
}

// add counts event e (of a document, at position ord) in r.
func (r *partRecord) add(e extract.Event, ord int) {
	s := stub(e)
	m := first(s)
	r.N++
	if e.Date != "" {
		r.Dated++
	}
	if e.Modality == "" {
		r.Asserted++
	}
	if r.N == 1 || before(m, ord, first(r.Lead), r.LeadOrd) {
		r.Lead, r.LeadOrd = s, ord
	}
	if e.Location != "" && (r.Place == "" || before(m, ord, r.PlaceAt, r.PlaceOrd)) {
		r.Place, r.PlaceAt, r.PlaceOrd = e.Location, m, ord
	}
	switch {
	case e.Confidence > r.Conf:
		r.Conf, r.ConfN = e.Confidence, 1
	case e.Confidence == r.Conf:
		r.ConfN++
	}
}

// remove takes event e (at position ord) out of r. It reports false when r
// cannot tell the rest without reading the part's reports again.
func (r *partRecord) remove(e extract.Event, ord int) bool {
	m := first(stub(e))
	r.N--
	if e.Date != "" {
		r.Dated--
	}
	if e.Modality == "" {
		r.Asserted--
	}
	ok := true
	if ord == r.LeadOrd && sameMention(m, first(r.Lead)) {
		ok = false
	}
	if e.Location != "" && ord == r.PlaceOrd && sameMention(m, r.PlaceAt) {
		ok = false
	}
	if e.Confidence == r.Conf {
		if r.ConfN--; r.ConfN == 0 {
			ok = false
		}
	}
	if r.N <= 0 {
		*r = partRecord{Key: r.Key}
		return true
	}
	return ok
}

// event returns the merged event the part stands for, with only its first
// mention: what buildEvent gives for all the part's reports but the other
// mentions.
func (r *partRecord) event(date string) extract.Event {
	l := &r.Lead
	e := extract.Event{
		ID: EventID(r.Key, date), Type: l.Type, CAMEO: l.CAMEO, PLOVER: l.PLOVER,
		Source: slices.Clone(l.Source), Target: slices.Clone(l.Target),
		Date: date, Negated: l.Negated, Outcome: l.Outcome, Modality: l.Modality,
		Location: r.Place, Confidence: r.Conf,
		Mentions: slices.Clone(l.Mentions),
	}
	if r.Asserted > 0 {
		e.Modality = ""
	}
	return e
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

// A part is a partRecord being changed by a groupWriter, with the reports
// (r/ keys) of the documents whose filing under it changes.
type part struct {
	d       string
	rec     partRecord
	existed bool
	old     partRecord // the record as read
	dirty   bool
	// rescan says that rec must be made again from all the part's reports.
	rescan bool
	// full holds documents' reports filed under the part, as read from
	// r/ or changed; had whether each had any when read; changed the
	// documents whose r/ key is written (or deleted, when it has no
	// events left).
	full    map[string]*docContrib
	had     map[string]bool
	changed map[string]bool
}

// fullOf returns doc's reports filed under p, empty if it has none.
func (w *groupWriter) fullOf(p *part, doc string) (*docContrib, error) {
	if c := p.full[doc]; c != nil {
		return c, nil
	}
	c := &docContrib{Doc: doc}
	if p.existed {
		err := get(w.txn, key(prefixReport, w.g, p.d, doc), c)
		if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return nil, fmt.Errorf("reports of %s under %s/%q: %w", doc, w.g, p.d, err)
		}
	}
	p.full[doc] = c
	p.had[doc] = len(c.Events) > 0
	return c, nil
}

// remove takes doc's reports out of p and returns them.
func (w *groupWriter) remove(p *part, doc string) (docContrib, bool, error) {
	c, err := w.fullOf(p, doc)
	if err != nil {
		return docContrib{}, false, err
	}
	if len(c.Events) == 0 {
		return docContrib{}, false, nil
	}
	for j, e := range c.Events {
		if !p.rec.remove(e, c.Ords[j]) {
			p.rescan = true
		}
	}
	p.full[doc] = &docContrib{Doc: doc}
	p.changed[doc] = true
	p.dirty = true
	return *c, true, nil
}

// add files an event of doc under p, at position ord among its events of
// the group.
func (w *groupWriter) add(p *part, doc string, e extract.Event, ord int) error {
	c, err := w.fullOf(p, doc)
	if err != nil {
		return err
	}
	j, _ := slices.BinarySearch(c.Ords, ord)
	c.Events = slices.Insert(c.Events, j, e)
	c.Ords = slices.Insert(c.Ords, j, ord)
	p.rec.add(e, ord)
	p.changed[doc] = true
	p.dirty = true
	return nil
}

// stub returns e with only its first mention (in the order of
// sortMentions), which is what ranks it among a group's reports.
func stub(e extract.Event) extract.Event {
	if len(e.Mentions) == 0 {
		return e
	}
	ms := slices.Clone(e.Mentions)
	sortMentions(ms)
	e.Mentions = ms[:1:1]
	return e
}

// summary makes rec again from all the part's reports: those stored, with
// the ones of this writer in place of theirs. It runs an iterator, which in
// an update transaction sorts the transaction's pending writes, so only
// when a report that gave the event its shape went.
func (w *groupWriter) summary(p *part) error {
	prefix := append(key(prefixReport, w.g, p.d), sep)
	all := map[string]*docContrib{}
	err := w.txn.Scan(prefix, func(k, v []byte) error {
		doc := string(k[len(prefix):])
		if _, ok := p.full[doc]; ok {
			return nil
		}
		c := &docContrib{}
		if err := decode(v, c); err != nil {
			return err
		}
		all[doc] = c
		return nil
	})
	if err != nil {
		return err
	}
	for doc, c := range p.full {
		all[doc] = c
	}
	p.rec = partRecord{Key: w.ikey}
	for _, doc := range sortedKeys(all) {
		c := all[doc]
		for j, e := range c.Events {
			p.rec.add(e, c.Ords[j])
		}
	}
	p.rescan = false
	return nil
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
	txn     kv
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
	p := &part{d: d, rec: partRecord{Key: w.ikey}, full: map[string]*docContrib{}, had: map[string]bool{}, changed: map[string]bool{}}
	err := get(w.txn, key(prefixContrib, w.g, d), &p.rec)
	switch {
	case err == nil:
		p.existed = true
		p.old = p.rec
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
	err := w.txn.Get(key(prefixDay, w.g, day), func(v []byte) error { ds = decodeDates(v); return nil })
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
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
func setDocGroup(txn kv, g, ikey, doc string, old *docPart, evs []extract.Event, tr *eventTrack) (*docPart, error) {
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
		if has := p.rec.Dated > 0; has != p.existed {
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
		c, err := w.fullOf(p, ref.Doc)
		if err != nil {
			return err
		}
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
	if p.rescan {
		if err := w.summary(p); err != nil {
			return err
		}
	}
	eid := EventID(w.ikey, d)
	has := p.rec.N > 0
	w.tr.touch(eid, p.existed, has)
	var old, e extract.Event
	if p.existed {
		old = p.old.event(d)
	}
	if has {
		e = p.rec.event(d)
	}
	reindex := !p.existed || !has || !sameShape(&old, &e)
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
		c := p.full[doc]
		var err error
		switch now := len(c.Events) > 0; {
		case now:
			err = put(w.txn, k, c)
		case p.had[doc]:
			err = w.txn.Delete(k)
		}
		if err != nil {
			return err
		}
		// the document index: the documents with reports of the event
		switch now := len(c.Events) > 0; {
		case now && !p.had[doc]:
			err = w.txn.Set(key(prefixDocIdx, doc, eid), nil)
		case !now && p.had[doc]:
			err = w.txn.Delete(key(prefixDocIdx, doc, eid))
		}
		if err != nil {
			return err
		}
	}
	if has {
		if reindex {
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
	return nil
}

// sameShape reports whether two events built from part records store the
// same event record and index keys.
func sameShape(a, b *extract.Event) bool {
	ex, _ := encode(a)
	ey, _ := encode(b)
	return bytes.Equal(ex, ey)
}

// fillMentions gives e, an event as its e/ record stores it (without
// mentions), all its mentions: it merges again the reports filed under it
// (r/ keys), as the writer did.
func fillMentions(txn kv, e *extract.Event) error {
	ikey := InteractionKey(e)
	prefix := append(key(prefixReport, groupID(ikey), e.Date), sep)
	var cs []extract.Event
	err := txn.Scan(prefix, func(_, v []byte) error {
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
func getEvent(txn kv, eid string, e *extract.Event) error {
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
