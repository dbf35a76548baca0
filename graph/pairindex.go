package graph

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// Pair index. For every asserted (not negated) event and every ordered pair
// of its distinct participants (x, y), one key
//
//	p/<x> 0 <type> 0 <y> 0 <date:16><event>
//
// whose value is a pair card: how x and y stand in the event, its date, its
// place and its first report (document and sentence). So "whom did x meet"
// is one prefix scan per meeting type over p/<x>␀<type>␀, and "did x meet y"
// one per type over p/<x>␀<type>␀<y>␀, reading neither the events nor the
// events of x of other types. The date part is [dateKey], so the keys of a
// pair come in date order.
//
// The keys are written and deleted with the event's other index keys (see
// putEvent and unindexEvent); [Store.Check] checks them against the events.
var prefixPair = []byte("p/")

// Pair card directions: how the indexed actor stands to its partner.
const (
	pairOut  = 'o' // the actor is a source and the partner a target
	pairIn   = 'i' // the actor is a target and the partner a source
	pairSide = 's' // both on the same side (symmetric types, co-sources)
)

// pairKey returns the pair index key of the actor x, its partner y and e.
func pairKey(x, y string, e *extract.Event) []byte {
	k := make([]byte, 0, len(prefixPair)+len(x)+len(e.Type)+len(y)+3+dateWidth+len(e.ID))
	k = append(k, prefixPair...)
	k = append(k, x...)
	k = append(k, sep)
	k = append(k, e.Type...)
	k = append(k, sep)
	k = append(k, y...)
	k = append(k, sep)
	k = append(k, dateKey(e.Date)...)
	return append(k, e.ID...)
}

// pairValue returns the pair card of x and y in e: direction, date, place,
// and the document and sentence of e's first mention, separated by sep.
func pairValue(x, y string, e *extract.Event) []byte {
	dir := byte(pairSide)
	switch {
	case slices.Contains(e.Source, x) && slices.Contains(e.Target, y):
		dir = pairOut
	case slices.Contains(e.Target, x) && slices.Contains(e.Source, y):
		dir = pairIn
	}
	var doc, text string
	if len(e.Mentions) > 0 {
		doc, text = e.Mentions[0].Doc, e.Mentions[0].Text
	}
	var b bytes.Buffer
	b.Grow(8 + len(e.Date) + len(e.Location) + len(doc) + len(text))
	b.WriteByte('P')
	b.WriteByte(dir)
	for _, s := range []string{e.Date, e.Location, doc} {
		b.WriteString(s)
		b.WriteByte(sep)
	}
	b.WriteString(strings.ReplaceAll(text, "\x00", " "))
	return b.Bytes()
}

// pairs calls fn with the pair index key and value of every ordered pair of
// distinct participants of e, unless e is negated.
func pairs(e *extract.Event, fn func(k, v []byte) error) error {
	if e.Negated {
		return nil
	}
	ps := participants(e)
	for _, x := range ps {
		for _, y := range ps {
			if x == y {
				continue
			}
			if err := fn(pairKey(x, y, e), pairValue(x, y, e)); err != nil {
				return err
			}
		}
	}
	return nil
}

// indexPairs writes the pair index keys of e.
func indexPairs(txn kv, e *extract.Event) error {
	return pairs(e, func(k, v []byte) error { return txn.Set(k, v) })
}

// unindexPairs deletes the pair index keys of e.
func unindexPairs(txn kv, e *extract.Event) error {
	return pairs(e, func(k, _ []byte) error { return txn.Delete(k) })
}

// A pairHit is one pair index entry, parsed.
type pairHit struct {
	Actor, Type, Other, Event string
	dateKey                   []byte
	Dir                       byte
	Date, Place, Doc, Text    string
}

// parsePair parses a pair index key and value. It reports false for a
// malformed one.
func parsePair(k, v []byte, h *pairHit) bool {
	if !bytes.HasPrefix(k, prefixPair) {
		return false
	}
	rest := k[len(prefixPair):]
	var parts [3][]byte
	for i := range parts {
		j := bytes.IndexByte(rest, sep)
		if j < 0 {
			return false
		}
		parts[i], rest = rest[:j], rest[j+1:]
	}
	if len(rest) <= dateWidth || len(v) < 2 || v[0] != 'P' {
		return false
	}
	fields := bytes.SplitN(v[2:], []byte{sep}, 4)
	if len(fields) != 4 {
		return false
	}
	*h = pairHit{
		Actor: string(parts[0]), Type: string(parts[1]), Other: string(parts[2]),
		dateKey: slices.Clone(rest[:dateWidth]), Event: string(rest[dateWidth:]),
		Dir:  v[1],
		Date: string(fields[0]), Place: string(fields[1]), Doc: string(fields[2]), Text: string(fields[3]),
	}
	return true
}

// scanPairs returns the pair index entries of the actor with partners of
// the given types (all types when types is empty), only those with the
// partner other when it is not "", sorted by date (undated last), event id
// and partner id. It reads them with one iterator, seeking from type to
// type.
func scanPairs(txn *badger.Txn, actor string, types []string, other string) ([]pairHit, error) {
	all := pairPrefix(prefixPair, actor)
	prefixes := [][]byte{all}
	if len(types) > 0 {
		prefixes = prefixes[:0]
		for _, t := range types {
			p := key(prefixPair, actor, t)
			if other != "" {
				p = append(append(p, sep), other...)
			}
			prefixes = append(prefixes, append(p, sep))
		}
		slices.SortFunc(prefixes, bytes.Compare)
	}
	o := badger.DefaultIteratorOptions
	o.Prefix = all
	o.PrefetchSize = 16
	it := txn.NewIterator(o)
	defer it.Close()
	var out []pairHit
	for _, p := range prefixes {
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			item := it.Item()
			var h pairHit
			err := item.Value(func(v []byte) error {
				if !parsePair(item.Key(), v, &h) {
					return fmt.Errorf("malformed pair index key %q", item.Key())
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			if other == "" || h.Other == other {
				out = append(out, h)
			}
		}
	}
	slices.SortFunc(out, func(a, b pairHit) int {
		if c := bytes.Compare(a.dateKey, b.dateKey); c != 0 {
			return c
		}
		if c := strings.Compare(a.Event, b.Event); c != 0 {
			return c
		}
		return strings.Compare(a.Other, b.Other)
	})
	return out, nil
}

// checkPairs checks the pair index against the events: every asserted
// event has the pair keys of its participants, with its current card, and
// every pair key is of a stored event.
func (c *checker) checkPairs(txn *badger.Txn, events map[string]*extract.Event) error {
	want := map[string][]byte{}
	for _, id := range sortedKeys(events) {
		pairs(events[id], func(k, v []byte) error {
			want[string(k)] = v
			return nil
		})
	}
	err := scan(txn, prefixPair, func(k, v []byte) error {
		var h pairHit
		if !parsePair(k, v, &h) {
			c.problem("p/ key %q: malformed", k)
			return nil
		}
		w, ok := want[string(k)]
		switch {
		case ok:
			delete(want, string(k))
			if !bytes.Equal(v, w) {
				c.problem("p/ key %s/%s/%s/%s: stale pair card", h.Actor, h.Type, h.Other, h.Event)
			}
		case events[h.Event] == nil:
			c.problem("p/ key %s/%s/%s/%s: event not stored", h.Actor, h.Type, h.Other, h.Event)
		default:
			c.problem("p/ key %s/%s/%s/%s: not a pair of the event", h.Actor, h.Type, h.Other, h.Event)
		}
		return nil
	})
	if err != nil {
		return err
	}
	missing := make([]string, 0, len(want))
	for k := range want {
		missing = append(missing, k)
	}
	slices.Sort(missing)
	for _, k := range missing {
		var h pairHit
		parsePair([]byte(k), want[k], &h)
		c.problem("event %q: no p/ key for its actors %s and %s", h.Event, h.Actor, h.Other)
	}
	return nil
}

// reindexPairs writes the pair index of every stored event, for a store
// written before the index existed. It deletes no stale key: a store
// written by a program that kept the index needs no rebuild.
func (s *Store) reindexPairs(ctx context.Context) error {
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefixEvent, func(_, v []byte) error {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var e extract.Event
			if err := decode(v, &e); err != nil {
				return err
			}
			if err := fillMentions(tx(txn), &e); err != nil {
				return err
			}
			return pairs(&e, func(k, v []byte) error { return wb.Set(k, v) })
		})
	})
	if err != nil {
		return fmt.Errorf("graph: reindex pairs: %w", err)
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("graph: reindex pairs: %w", err)
	}
	return nil
}

// event returns what the pair card tells of its event: id, type, date,
// location, the first report, and the pair as source and target.
func (h *pairHit) event() extract.Event {
	e := extract.Event{ID: h.Event, Type: h.Type, Date: h.Date, Location: h.Place}
	switch h.Dir {
	case pairIn:
		e.Source, e.Target = []string{h.Other}, []string{h.Actor}
	case pairOut:
		e.Source, e.Target = []string{h.Actor}, []string{h.Other}
	default:
		e.Source, e.Target = []string{h.Actor}, []string{h.Other}
		if h.Other < h.Actor {
			e.Source, e.Target = e.Target, e.Source
		}
	}
	if h.Doc != "" || h.Text != "" {
		e.Mentions = []extract.Mention{{Doc: h.Doc, Text: h.Text}}
	}
	return e
}
