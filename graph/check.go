package graph

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// A CheckResult is what [Store.Check] found: the counts of records and
// index keys, and each inconsistency, sorted.
type CheckResult struct {
	Format    int      `json:"format"` // store format version, -1 if none
	Documents int      `json:"documents"`
	Actors    int      `json:"actors"`
	Events    int      `json:"events"`
	Keys      int      `json:"keys"` // all keys, records and indexes
	Problems  []string `json:"problems"`
}

// OK reports whether the check found no problem.
func (r *CheckResult) OK() bool { return len(r.Problems) == 0 }

// maxProblems bounds how many problems a check lists; the count of the
// rest is given in the last one.
const maxProblems = 100

// Check reads the whole store in one transaction and checks that records
// and indexes agree:
//
//   - the format version is present and one this program reads;
//   - every record decodes and carries its key's id;
//   - a document's actors exist and index it (z/), and its interaction
//     groups hold its contributions (c/ under its dates, u/ for its undated
//     events and the c/ records these name);
//   - an actor's document count is the number of its z/ keys;
//   - an event has mentions, its date key (t/, with the right edge value),
//     an actor key (x/) per participant, a document key (y/) per document
//     that reports it, and a group key (g/) for its date; its actors and
//     documents exist; a contribution is filed under the event of its date;
//   - an asserted event has a pair key (p/) per ordered pair of its
//     actors, with its current card, and every p/ key is of such a pair;
//   - every index key points at the records it joins.
//
// Check returns an error only when the store cannot be read; problems go
// in the result. It holds the keys of the store in memory.
func (s *Store) Check(ctx context.Context) (*CheckResult, error) {
	res := &CheckResult{Format: -1}
	c := &checker{res: res}
	err := s.db.View(func(txn *badger.Txn) error {
		return c.run(ctx, txn)
	})
	if err != nil {
		return nil, fmt.Errorf("graph: check %q: %w", s.dir, err)
	}
	if c.dropped > 0 {
		res.Problems = append(res.Problems, fmt.Sprintf("… and %d more problems", c.dropped))
	}
	return res, nil
}

type checker struct {
	res     *CheckResult
	dropped int
}

func (c *checker) problem(format string, args ...any) {
	if len(c.res.Problems) >= maxProblems {
		c.dropped++
		return
	}
	c.res.Problems = append(c.res.Problems, fmt.Sprintf(format, args...))
}

// split2 splits the part of k after prefix at the separator.
func split2(k, prefix []byte) (string, string, bool) {
	a, b, ok := bytes.Cut(k[len(prefix):], []byte{sep})
	return string(a), string(b), ok
}

func (c *checker) run(ctx context.Context, txn *badger.Txn) error {
	// Pass 1: every key, and the records, decoded.
	docs := map[string]*docRecord{}
	actors := map[string]*actorRecord{}
	events := map[string]*extract.Event{}
	parts := map[keyPair]*partRecord{}     // c/ group, date
	reports := map[contribAt]*docContrib{} // r/ group, date, doc
	undated := map[contribAt][]string{}    // u/ group, day, doc → dates
	days := map[keyPair][]string{}         // n/ group, day → dates
	seen := map[keyPair]bool{}             // z/ actor, doc
	actorIdx := map[keyPair]bool{}         // x/ actor, event
	docIdx := map[keyPair]bool{}           // y/ doc, event
	groupIdx := map[keyPair]bool{}         // g/ group, date
	dateIdx := map[string][]byte{}
	dateVal := map[string][]byte{}

	o := badger.DefaultIteratorOptions
	it := txn.NewIterator(o)
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		item := it.Item()
		k := item.KeyCopy(nil)
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		c.res.Keys++
		switch {
		case bytes.Equal(k, keyMeta):
			if len(v) == 1 {
				c.res.Format = int(v[0])
			}
			if err := checkFormat("", v, false); err != nil {
				c.problem("format version: %s", err.(*FormatError).Reason)
			}
		case bytes.HasPrefix(k, prefixDoc):
			id := string(k[len(prefixDoc):])
			var r docRecord
			if err := decode(v, &r); err != nil {
				c.problem("document %q: %v", id, err)
				continue
			}
			if r.Doc.ID != id {
				c.problem("document %q: record has id %q", id, r.Doc.ID)
			}
			docs[id] = &r
		case bytes.HasPrefix(k, prefixActor):
			id := string(k[len(prefixActor):])
			var r actorRecord
			if err := decode(v, &r); err != nil {
				c.problem("actor %q: %v", id, err)
				continue
			}
			if r.Actor.ID != id {
				c.problem("actor %q: record has id %q", id, r.Actor.ID)
			}
			actors[id] = &r
		case bytes.HasPrefix(k, prefixEvent):
			id := string(k[len(prefixEvent):])
			var e extract.Event
			if err := decode(v, &e); err != nil {
				c.problem("event %q: %v", id, err)
				continue
			}
			if e.ID != id {
				c.problem("event %q: record has id %q", id, e.ID)
			}
			events[id] = &e
		case bytes.HasPrefix(k, prefixContrib):
			g, d, ok := split2(k, prefixContrib)
			var r partRecord
			if err := decode(v, &r); !ok || err != nil {
				c.problem("contribution key %q: malformed or undecodable (%v)", k, err)
				continue
			}
			parts[keyPair{g, d}] = &r
		case bytes.HasPrefix(k, prefixReport):
			at, ok := split3(k, prefixReport)
			var r docContrib
			if err := decode(v, &r); !ok || err != nil {
				c.problem("report key %q: malformed or undecodable (%v)", k, err)
				continue
			}
			if r.Doc != at[2] {
				c.problem("report key %q: record of document %q", k, r.Doc)
			}
			reports[at] = &r
		case bytes.HasPrefix(k, prefixUndated):
			g, day, ok := split2(k, prefixUndated)
			var r undatedRecord
			if err := decode(v, &r); !ok || err != nil {
				c.problem("undated key %q: malformed or undecodable (%v)", k, err)
				continue
			}
			for _, ref := range r.Docs {
				undated[contribAt{g, day, ref.Doc}] = ref.At
			}
		case bytes.HasPrefix(k, prefixDay):
			g, day, ok := split2(k, prefixDay)
			if !ok || len(v) == 0 || v[0] != formatVersion {
				c.problem("day key %q: malformed", k)
				continue
			}
			days[keyPair{g, day}] = decodeDates(v)
		case bytes.HasPrefix(k, prefixDate):
			if len(k) <= len(prefixDate)+dateWidth {
				c.problem("date index key %q: too short", k)
				continue
			}
			eid := string(k[len(prefixDate)+dateWidth:])
			dateIdx[eid] = k
			dateVal[eid] = v
		default:
			var m map[keyPair]bool
			var p []byte
			switch {
			case bytes.HasPrefix(k, prefixSeen):
				m, p = seen, prefixSeen
			case bytes.HasPrefix(k, prefixActorIdx):
				m, p = actorIdx, prefixActorIdx
			case bytes.HasPrefix(k, prefixDocIdx):
				m, p = docIdx, prefixDocIdx
			case bytes.HasPrefix(k, prefixGroup):
				g, d, ok := split2(k, prefixGroup)
				if !ok || g == "" {
					c.problem("index key %q: malformed", k)
				} else {
					groupIdx[keyPair{g, d}] = true
				}
				continue
			default:
				continue // a record kind this check does not know: not judged
			}
			a, b, ok := split2(k, p)
			if !ok || a == "" || b == "" {
				c.problem("index key %q: malformed", k)
				continue
			}
			m[keyPair{a, b}] = true
		}
	}
	c.res.Documents, c.res.Actors, c.res.Events = len(docs), len(actors), len(events)
	if c.res.Keys > 0 && c.res.Format == -1 {
		c.problem("format version: missing")
	}

	// Pass 2: the joins, in key order.
	contribs := map[contribAt]*docContrib{} // group, date, doc
	for at, r := range reports {
		if parts[keyPair{at[0], at[1]}] != nil {
			contribs[at] = r
		}
	}
	for _, id := range sortedKeys(docs) {
		r := docs[id]
		for _, a := range r.Actors {
			if actors[a] == nil {
				c.problem("document %q: actor %q not stored", id, a)
			}
			if !seen[keyPair{a, id}] {
				c.problem("document %q: no z/ key for its actor %q", id, a)
			}
		}
		if r.Groups != nil && len(r.Parts) != len(r.Groups) {
			c.problem("document %q: %d groups but %d parts", id, len(r.Groups), len(r.Parts))
		}
		for _, p := range r.Parts {
			if !slices.Contains(r.Groups, p.G) {
				c.problem("document %q: part of group %s it does not list", id, p.G)
			}
			for _, d := range p.Dates {
				if contribs[contribAt{p.G, d, id}] == nil {
					c.problem("document %q: no contribution to its group %s", id, p.G)
				}
			}
			for _, day := range p.Days {
				es, ok := undated[contribAt{p.G, day, id}]
				if !ok {
					c.problem("document %q: no u/ key of its group %s for day %q", id, p.G, day)
				}
				for _, d := range es {
					if contribs[contribAt{p.G, d, id}] == nil {
						c.problem("document %q: no contribution to its group %s", id, p.G)
					}
				}
			}
			if len(p.Dates) == 0 && len(p.Days) == 0 {
				c.problem("document %q: no contribution to its group %s", id, p.G)
			}
		}
	}
	docsOf := map[string]int{}
	for _, p := range sortedPairKeys(seen) {
		a, d := p[0], p[1]
		docsOf[a]++
		switch {
		case actors[a] == nil:
			c.problem("z/ key %s/%s: actor not stored", a, d)
		case docs[d] == nil:
			c.problem("z/ key %s/%s: document not stored", a, d)
		case !slices.Contains(docs[d].Actors, a):
			c.problem("z/ key %s/%s: the document does not list the actor", a, d)
		}
	}
	for _, id := range sortedKeys(actors) {
		if got := docsOf[id]; actors[id].Docs != got {
			c.problem("actor %q: document count %d, but %d documents index it", id, actors[id].Docs, got)
		}
	}
	// The events with their mentions, merged again from their reports.
	filedUnder := map[keyPair][]extract.Event{}
	sums := map[keyPair]*partRecord{}
	for _, at := range sortedContribs(reports) {
		gd := keyPair{at[0], at[1]}
		r := reports[at]
		filedUnder[gd] = append(filedUnder[gd], r.Events...)
		h := parts[gd]
		if h == nil {
			c.problem("report %s/%q/%s: no part record", at[0], at[1], at[2])
			continue
		}
		if sums[gd] == nil {
			sums[gd] = &partRecord{Key: h.Key}
		}
		for j, e := range r.Events {
			if j < len(r.Ords) {
				sums[gd].add(e, r.Ords[j])
			}
		}
	}
	for _, gd := range sortedPairKeys(parts) {
		want := sums[gd]
		if want == nil {
			c.problem("part record %s/%q: no reports", gd[0], gd[1])
			continue
		}
		a, _ := encode(want)
		b, _ := encode(parts[gd])
		if !bytes.Equal(a, b) {
			c.problem("part record %s/%q: does not sum up its reports", gd[0], gd[1])
		}
	}
	for _, id := range sortedKeys(events) {
		e := events[id]
		ikey := InteractionKey(e)
		cs := filedUnder[keyPair{groupID(ikey), e.Date}]
		if len(cs) == 0 {
			c.problem("event %q: no reports filed under it", id)
			continue
		}
		full := buildEvent(ikey, e.Date, slices.Clone(cs))
		shape := full
		shape.Mentions = nil
		if a, b := mustEncode(&shape), mustEncode(e); !bytes.Equal(a, b) {
			c.problem("event %q: record does not match the merge of its reports", id)
		}
		events[id] = &full
	}
	for _, id := range sortedKeys(events) {
		e := events[id]
		if len(e.Mentions) == 0 {
			c.problem("event %q: no mentions", id)
		}
		if k, ok := dateIdx[id]; !ok {
			c.problem("event %q: no date index key", id)
		} else {
			if !bytes.Equal(k, dateIndexKey(e.Date, id)) {
				c.problem("event %q: date index key %q does not match its date %q", id, k, e.Date)
			}
			// An empty value is a store's from before edge values: Load
			// reads the event record instead.
			if v := dateVal[id]; len(v) > 0 && !bytes.Equal(v, edgeValue(e)) {
				c.problem("event %q: stale edge value in its date index key", id)
			}
		}
		for _, a := range participants(e) {
			if !actorIdx[keyPair{a, id}] {
				c.problem("event %q: no x/ key for its actor %q", id, a)
			}
			if actors[a] == nil {
				c.problem("event %q: actor %q not stored", id, a)
			}
		}
		for _, d := range DocIDs(*e) {
			if !docIdx[keyPair{d, id}] {
				c.problem("event %q: no y/ key for its document %q", id, d)
			}
			if docs[d] == nil {
				c.problem("event %q: document %q not stored", id, d)
			}
		}
		if g := groupID(InteractionKey(e)); !groupIdx[keyPair{g, e.Date}] && !legacy(e, docs) {
			c.problem("event %q: no g/ key for its group %s", id, g)
		}
	}
	for eid := range dateIdx {
		if events[eid] == nil {
			c.problem("date index key for missing event %q", eid)
		}
	}
	for _, p := range sortedPairKeys(actorIdx) {
		if e := events[p[1]]; e == nil {
			c.problem("x/ key %s/%s: event not stored", p[0], p[1])
		} else if !slices.Contains(participants(e), p[0]) {
			c.problem("x/ key %s/%s: the actor takes no part in the event", p[0], p[1])
		}
	}
	for _, p := range sortedPairKeys(docIdx) {
		if e := events[p[1]]; e == nil {
			c.problem("y/ key %s/%s: event not stored", p[0], p[1])
		} else if !slices.Contains(DocIDs(*e), p[0]) {
			c.problem("y/ key %s/%s: the event has no mention from the document", p[0], p[1])
		}
	}
	filed := map[keyPair]bool{} // group, date with contributions
	for _, at := range sortedContribs(contribs) {
		r := contribs[at]
		g, date, doc := at[0], at[1], at[2]
		filed[keyPair{g, date}] = true
		ikey := parts[keyPair{g, date}].Key
		d := docs[doc]
		if d == nil {
			c.problem("contribution %s/%s/%s: document not stored", g, date, doc)
		} else if !slices.Contains(d.Groups, g) {
			c.problem("contribution %s/%s/%s: the document does not list the group", g, date, doc)
		}
		if groupID(ikey) != g {
			c.problem("contribution %s/%s/%s: interaction key %q is not of the group", g, date, doc, ikey)
		}
		if len(r.Events) == 0 || len(r.Ords) != len(r.Events) {
			c.problem("contribution %s/%s/%s: %d events, %d positions", g, date, doc, len(r.Events), len(r.Ords))
		}
		for _, e := range r.Events {
			if e.Date != "" && e.Date != date {
				c.problem("contribution %s/%s/%s: an event dated %q", g, date, doc, e.Date)
			}
			if e.Date == "" && !slices.Contains(undated[contribAt{g, pubDay(first(e).Published), doc}], date) {
				c.problem("contribution %s/%s/%s: an undated event its u/ record does not name", g, date, doc)
			}
		}
		if !groupIdx[keyPair{g, date}] {
			c.problem("contribution %s/%s/%s: no g/ key for the date", g, date, doc)
		}
		if events[EventID(ikey, date)] == nil {
			c.problem("contribution %s/%s/%s: event %s not stored", g, date, doc, EventID(ikey, date))
		}
	}
	for gd := range groupIdx {
		if _, ok := dayOf(gd[1]); ok && !slices.Contains(days[keyPair{gd[0], gd[1][:10]}], gd[1]) {
			c.problem("g/ key %s/%q: not in the k/ key of its day", gd[0], gd[1])
		}
	}
	for gd, ds := range days {
		for _, d := range ds {
			if !groupIdx[keyPair{gd[0], d}] || d[:10] != gd[1] {
				c.problem("k/ key %s/%s: date %q without a g/ key", gd[0], gd[1], d)
			}
		}
	}
	for _, p := range sortedPairKeys(groupIdx) {
		if !filed[p] {
			c.problem("g/ key %s/%q: the group has no contributions for the date", p[0], p[1])
		}
	}
	for at, es := range undated {
		for _, d := range es {
			if contribs[contribAt{at[0], d, at[2]}] == nil {
				c.problem("u/ key %s/%q/%s: no contribution under %q", at[0], at[1], at[2], d)
			}
		}
	}
	err := c.checkPairs(txn, events)
	slices.Sort(c.res.Problems)
	return err
}

func sortedPairKeys[V any](m map[keyPair]V) []keyPair {
	ps := make([]keyPair, 0, len(m))
	for p := range m {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b keyPair) int {
		if c := bytes.Compare([]byte(a[0]), []byte(b[0])); c != 0 {
			return c
		}
		return bytes.Compare([]byte(a[1]), []byte(b[1]))
	})
	return ps
}

func mustEncode(e *extract.Event) []byte {
	b, _ := encode(e)
	return b
}

// legacy reports whether e was stored before events were merged across
// documents: all its documents have records without groups.
func legacy(e *extract.Event, docs map[string]*docRecord) bool {
	for _, d := range DocIDs(*e) {
		if r := docs[d]; r == nil || r.Groups != nil {
			return false
		}
	}
	return true
}

// split3 splits the part of k after prefix into its three parts.
func split3(k, prefix []byte) (contribAt, bool) {
	parts := bytes.Split(k[len(prefix):], []byte{sep})
	if len(parts) != 3 || len(parts[0]) == 0 || len(parts[2]) == 0 {
		return contribAt{}, false
	}
	return contribAt{string(parts[0]), string(parts[1]), string(parts[2])}, true
}

// A contribAt is where a contribution is filed: group, date (or day), document.
type contribAt [3]string

func sortedContribs(m map[contribAt]*docContrib) []contribAt {
	ks := make([]contribAt, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b contribAt) int {
		for i := range a {
			if c := bytes.Compare([]byte(a[i]), []byte(b[i])); c != 0 {
				return c
			}
		}
		return 0
	})
	return ks
}

// A keyPair is the two ids an index key joins.
type keyPair [2]string

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
