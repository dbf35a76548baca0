package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// A docRecord is the stored form of one ingested document.
type docRecord struct {
	Doc    extract.Document
	Hash   string   // content hash of the analysis the document came with
	Actors []string // ids of the actors the document mentions or its events name
	// Groups are the interaction groups (see merge.go) the document's
	// events belong to. Nil in records written before events were merged
	// across documents.
	Groups  []string        `json:",omitempty"`
	Timexes []extract.Timex `json:",omitempty"`
	// Parts say where the document's contributions to each of its groups
	// are filed, in the order of Groups.
	Parts []docPart `json:",omitempty"`
}

// An actorRecord is the stored form of an actor merged across documents.
type actorRecord struct {
	Actor extract.Actor // Mentions are not stored
	Docs  int           // number of documents that mention the actor
}

// IngestResult counts what [Store.Ingest] did.
type IngestResult struct {
	Documents int // documents newly stored (or replaced by a changed analysis)
	Skipped   int // documents already present with the same content hash
	Events    int // events new to the store
	Actors    int // actors new to the store
}

// maxRetries bounds how often a document's transaction is retried when a
// concurrent ingest touched the same actors.
const maxRetries = 5

// batchDocs is how many documents Ingest tries to store in one badger
// transaction.
const batchDocs = 16

// Ingest stores analyses. Each document is in the store wholly or not at
// all: several go in one badger transaction, and when that fails (too large,
// or a conflict), each in its own. A document already present with the
// same content is skipped; one present with a different analysis (same id,
// new extractor output) replaces the old one. Ingest stops between
// transactions when ctx is done, and returns what it stored so far with the
// error.
func (s *Store) Ingest(ctx context.Context, as []*extract.Analysis) (IngestResult, error) {
	var res IngestResult
	var tooLarge []error
	// A document without an id stops the ingest; those before it go in.
	noID := slices.IndexFunc(as, func(a *extract.Analysis) bool { return a != nil && a.Doc.ID == "" })
	if noID >= 0 {
		as = as[:noID]
	}
	hashes := make([]string, len(as))
	for i, a := range as {
		if a == nil {
			continue
		}
		h, err := contentHash(a)
		if err != nil {
			return res, err
		}
		hashes[i] = h
	}
	for i := 0; i < len(as); i += batchDocs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		j := min(i+batchDocs, len(as))
		var r IngestResult
		err := errors.New("one at a time")
		if j-i > 1 {
			err = s.update(func(txn *badger.Txn) error {
				r = IngestResult{}
				cache, t := newActorCache(), tx(txn)
				for k := i; k < j; k++ {
					if as[k] != nil {
						if err := ingestDoc(t, as[k], hashes[k], &r, cache); err != nil {
							return err
						}
					}
				}
				return cache.flush(t)
			})
		}
		if err == nil {
			res.add(r)
			continue
		}
		for k := i; k < j; k++ {
			if k > i {
				if err := ctx.Err(); err != nil {
					return res, err
				}
			}
			a := as[k]
			if a == nil {
				continue
			}
			r, err := s.ingestOne(a, hashes[k])
			if errors.Is(err, badger.ErrTxnTooBig) {
				// this document cannot go in whole; the others still do
				tooLarge = append(tooLarge, fmt.Errorf("graph: ingest %s: %w", a.Doc.ID, ErrTooLarge))
				continue
			}
			if err != nil {
				return res, fmt.Errorf("graph: ingest %s: %w", a.Doc.ID, err)
			}
			res.add(r)
		}
	}
	if noID >= 0 {
		return res, errors.New("graph: ingest: document has no id")
	}
	return res, errors.Join(tooLarge...)
}

// ingestOne stores one document in its own transaction, retried when a
// concurrent ingest touched the same records.
func (s *Store) ingestOne(a *extract.Analysis, hash string) (IngestResult, error) {
	var r IngestResult
	var err error
	for try := 0; ; try++ {
		r = IngestResult{}
		err = s.update(func(txn *badger.Txn) error {
			cache, t := newActorCache(), tx(txn)
			if err := ingestDoc(t, a, hash, &r, cache); err != nil {
				return err
			}
			return cache.flush(t)
		})
		if !errors.Is(err, badger.ErrConflict) || try == maxRetries {
			return r, err
		}
	}
}

func (r *IngestResult) add(o IngestResult) {
	r.Documents += o.Documents
	r.Skipped += o.Skipped
	r.Events += o.Events
	r.Actors += o.Actors
}

// ErrTooLarge is returned, wrapped and joined, for each document of an
// Ingest that does not fit in one transaction. Ingest goes on with the
// other documents; only such errors are joined, so errors.Is(err,
// ErrTooLarge) means that every other document went in.
var ErrTooLarge = errors.New("document too large for one transaction")

// Forget removes a document and exactly what only it supported: its mentions
// of events, events none of whose mentions come from another document, and
// actors no other document mentions. Events it shares with other documents
// are recomputed from their remaining reports, so ingesting the document
// again restores the same events. Aliases the document contributed to
// surviving actors are kept. An unknown document gives an error matching
// [ErrNotFound]. [Store.ForgetDocument] also says what went.
func (s *Store) Forget(docID string) error {
	_, err := s.ForgetDocument(docID)
	return err
}

// ForgetDocument is [Store.Forget], and counts what it removed.
func (s *Store) ForgetDocument(docID string) (ForgetResult, error) {
	var res ForgetResult
	err := s.update(func(txn *badger.Txn) error {
		var rec docRecord
		if err := get(tx(txn), key(prefixDoc, docID), &rec); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				return &notFoundError{fmt.Sprintf("graph: no document %q", docID)}
			}
			return err
		}
		var err error
		cache := newActorCache()
		if res, err = removeDoc(tx(txn), &rec, newEventTrack(), cache); err != nil {
			return err
		}
		return cache.flush(tx(txn))
	})
	if errors.Is(err, badger.ErrTxnTooBig) {
		return ForgetResult{}, fmt.Errorf("graph: forget %s: too many events for one transaction", docID)
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return ForgetResult{}, fmt.Errorf("graph: forget %s: %w", docID, err)
	}
	return res, err
}

// An actorCache holds the actor records a transaction reads and changes, so
// that the documents of one transaction that name the same actor decode and
// write its record once.
type actorCache struct {
	recs  map[string]*actorRecord // nil: not stored
	dirty map[string]bool
	// names holds the name and aliases of an actor as read, so that flush
	// writes name keys (n/) only for an actor whose names changed, and
	// then only the new ones.
	names map[string][]string
}

func newActorCache() *actorCache {
	return &actorCache{recs: map[string]*actorRecord{}, dirty: map[string]bool{}, names: map[string][]string{}}
}

// get returns the record of actor aid, nil if there is none. The caller
// may change it, and then calls set.
func (c *actorCache) get(txn kv, aid string) (*actorRecord, error) {
	if r, ok := c.recs[aid]; ok {
		return r, nil
	}
	r := &actorRecord{}
	err := get(txn, key(prefixActor, aid), r)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		r = nil
	case err != nil:
		return nil, err
	}
	c.recs[aid] = r
	if r != nil {
		c.names[aid] = append([]string{r.Actor.Name}, r.Actor.Aliases...)
	} else {
		c.names[aid] = nil
	}
	return r, nil
}

// size is about how many bytes the cache holds.
func (c *actorCache) size() int { return 256 * len(c.recs) }

// set records the new record of aid, nil to delete it (the caller deletes
// its name keys).
func (c *actorCache) set(aid string, r *actorRecord) {
	c.recs[aid] = r
	c.dirty[aid] = true
	if r == nil {
		c.names[aid] = nil
	}
}

// flush writes the changed records, with the name keys of those stored.
func (c *actorCache) flush(txn kv) error {
	ids := make([]string, 0, len(c.dirty))
	for aid := range c.dirty {
		ids = append(ids, aid)
	}
	sort.Strings(ids)
	for _, aid := range ids {
		r := c.recs[aid]
		if r == nil {
			if err := txn.Delete(key(prefixActor, aid)); err != nil {
				return err
			}
			continue
		}
		if err := put(txn, key(prefixActor, aid), r); err != nil {
			return err
		}
		was := c.names[aid]
		if len(was) > 0 && was[0] == r.Actor.Name && slices.Equal(was[1:], r.Actor.Aliases) {
			continue // the same names: the same name keys
		}
		had := map[string]bool{}
		if len(was) > 0 {
			old := extract.Actor{ID: aid, Name: was[0], Aliases: was[1:]}
			for _, k := range nameKeys(&old) {
				had[string(k)] = true
			}
		}
		for _, k := range nameKeys(&r.Actor) {
			if had[string(k)] {
				continue
			}
			if err := txn.Set(k, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// contentHash hashes everything of an analysis that is stored, but not where
// the document was read from.
func contentHash(a *extract.Analysis) (string, error) {
	doc := a.Doc
	doc.Origin = ""
	b, err := json.Marshal(struct {
		D extract.Document
		A []extract.Actor
		T []extract.Timex
		E []extract.Event
	}{doc, a.Actors, a.Timexes, a.Events})
	if err != nil {
		return "", fmt.Errorf("graph: hash %s: %v", a.Doc.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

func get(t kv, k []byte, v any) error {
	return t.Get(k, func(b []byte) error { return decode(b, v) })
}

func put(t kv, k []byte, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	return t.Set(k, b)
}

func exists(t kv, k []byte) (bool, error) {
	err := t.Get(k, func([]byte) error { return nil })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// keysUnder returns the keys a kv scan of prefix gives.
func keysUnder(t kv, prefix []byte) ([][]byte, error) {
	var ks [][]byte
	err := t.Scan(prefix, func(k, _ []byte) error {
		ks = append(ks, slices.Clone(k))
		return nil
	})
	return ks, err
}

// scanKeys returns the keys with the given prefix.
func scanKeys(txn *badger.Txn, prefix []byte) [][]byte {
	o := badger.DefaultIteratorOptions
	o.PrefetchValues = false
	o.Prefix = prefix
	it := txn.NewIterator(o)
	defer it.Close()
	var ks [][]byte
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		ks = append(ks, it.Item().KeyCopy(nil))
	}
	return ks
}

func ingestDoc(txn kv, a *extract.Analysis, hash string, r *IngestResult, cache *actorCache) error {
	id := a.Doc.ID
	var old docRecord
	// had holds the actors of a document being replaced, so that putting
	// them back does not count them as new; tr does the same for events.
	had := map[string]bool{}
	tr := newEventTrack()
	events := mergeDocEvents(a)
	groups, byGroup, keys := groupsOf(events)
	err := get(txn, key(prefixDoc, id), &old)
	switch {
	case err == nil && old.Hash == hash:
		r.Skipped++
		return nil
	case err == nil:
		for _, aid := range old.Actors {
			had["a/"+aid] = true
		}
		if _, err := removeDoc(txn, &old, tr, cache); err != nil {
			return err
		}
	case !errors.Is(err, badger.ErrKeyNotFound):
		return err
	}

	// The actors of the document: those it lists, plus any its events name
	// without listing them.
	actors := map[string]extract.Actor{}
	for _, ac := range a.Actors {
		if ac.ID == "" {
			continue
		}
		if prev, ok := actors[ac.ID]; ok {
			prev.Aliases = mergeAliases(prev.Aliases, ac.Name, ac.Aliases)
			actors[ac.ID] = prev
			continue
		}
		ac.Mentions = nil
		ac.Aliases = slices.Clone(ac.Aliases)
		actors[ac.ID] = ac
	}
	need := func(aid string) {
		if _, ok := actors[aid]; aid != "" && !ok {
			actors[aid] = extract.Actor{ID: aid, Name: aid, Kind: extract.KindUnknown}
		}
	}
	for _, e := range events {
		for _, x := range e.Source {
			need(x)
		}
		for _, x := range e.Target {
			need(x)
		}
		need(e.Location)
	}

	ids := make([]string, 0, len(actors))
	for aid := range actors {
		ids = append(ids, aid)
	}
	sort.Strings(ids)
	for _, aid := range ids {
		ac := actors[aid]
		rec, err := cache.get(txn, aid)
		switch {
		case err != nil:
			return err
		case rec == nil:
			rec = &actorRecord{Actor: ac}
			rec.Actor.Aliases = mergeAliases(nil, "", ac.Aliases)
			if !had["a/"+aid] {
				r.Actors++
			}
		default:
			rec.Actor.Aliases = mergeAliases(rec.Actor.Aliases, ac.Name, ac.Aliases)
			if rec.Actor.Kind == extract.KindUnknown && ac.Kind != extract.KindUnknown && ac.Kind != "" {
				// A placeholder made from an event reference learns its real name.
				rec.Actor.Kind, rec.Actor.Code = ac.Kind, ac.Code
				if rec.Actor.Name == aid {
					rec.Actor.Name = ac.Name
				}
			}
		}
		rec.Actor.Aliases = slices.DeleteFunc(rec.Actor.Aliases, func(s string) bool { return s == rec.Actor.Name })
		rec.Docs++
		cache.set(aid, rec)
		if err := txn.Set(key(prefixSeen, aid, id), nil); err != nil {
			return err
		}
	}

	parts := make([]docPart, 0, len(groups))
	for _, g := range groups {
		p, err := setDocGroup(txn, g, keys[g], id, nil, byGroup[g], tr)
		if err != nil {
			return err
		}
		parts = append(parts, *p)
	}
	r.Events += tr.created()

	r.Documents++
	if groups == nil {
		groups = []string{} // not nil: nil marks a record written before groups
	}
	return put(txn, key(prefixDoc, id), &docRecord{Doc: a.Doc, Hash: hash, Actors: ids, Groups: groups, Timexes: a.Timexes, Parts: parts})
}

// mergeDocEvents returns the events of an analysis with duplicate ids merged,
// and every mention carrying its document id and publication date. An event
// with no mention gets one, so that its support can be tracked.
func mergeDocEvents(a *extract.Analysis) []extract.Event {
	var out []extract.Event
	at := map[string]int{}
	for _, e := range a.Events {
		if e.ID == "" {
			continue
		}
		ms := make([]extract.Mention, 0, len(e.Mentions))
		for _, m := range e.Mentions {
			m.Doc = a.Doc.ID
			if m.Published == "" {
				m.Published = a.Doc.Published
			}
			ms = append(ms, m)
		}
		if len(ms) == 0 {
			ms = append(ms, extract.Mention{Doc: a.Doc.ID, Published: a.Doc.Published})
		}
		if i, ok := at[e.ID]; ok {
			out[i].Mentions = append(out[i].Mentions, ms...)
			continue
		}
		e.Source = slices.Clone(e.Source)
		e.Target = slices.Clone(e.Target)
		e.Mentions = ms
		at[e.ID] = len(out)
		out = append(out, e)
	}
	for i := range out {
		sortMentions(out[i].Mentions)
	}
	return out
}

// sortMentions orders mentions earliest reported first (unknown publication
// dates last), then by document and position.
func sortMentions(ms []extract.Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if (a.Published == "") != (b.Published == "") {
			return b.Published == ""
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		return a.Sentence.Start < b.Sentence.Start
	})
}

// mergeAliases adds name and more to aliases, keeping first-seen order and
// dropping duplicates and empty strings.
func mergeAliases(aliases []string, name string, more []string) []string {
	add := func(s string) {
		if s != "" && !slices.Contains(aliases, s) {
			aliases = append(aliases, s)
		}
	}
	add(name)
	for _, s := range more {
		add(s)
	}
	return aliases
}

// participants returns the distinct actor ids of e's source and target.
func participants(e *extract.Event) []string {
	var ids []string
	for _, x := range append(slices.Clone(e.Source), e.Target...) {
		if x != "" && !slices.Contains(ids, x) {
			ids = append(ids, x)
		}
	}
	return ids
}

// putEvent writes e's record, without its mentions (see fillMentions), and
// its index keys.
func putEvent(txn kv, e *extract.Event) error {
	rec := *e
	rec.Mentions = nil
	if err := put(txn, key(prefixEvent, e.ID), &rec); err != nil {
		return err
	}
	if err := txn.Set(dateIndexKey(e.Date, e.ID), edgeValue(e)); err != nil {
		return err
	}
	for _, x := range participants(e) {
		if err := txn.Set(key(prefixActorIdx, x, e.ID), edgeValue(e)); err != nil {
			return err
		}
	}
	return indexPairs(txn, e)
}

// unindexEvent deletes the date and actor index keys of e.
func unindexEvent(txn kv, e *extract.Event) error {
	if err := txn.Delete(dateIndexKey(e.Date, e.ID)); err != nil {
		return err
	}
	for _, x := range participants(e) {
		if err := txn.Delete(key(prefixActorIdx, x, e.ID)); err != nil {
			return err
		}
	}
	return unindexPairs(txn, e)
}

// A ForgetResult counts what [Store.Forget] removed.
type ForgetResult struct {
	Events  int // events no other document supports, removed
	Kept    int // events other documents also report, kept without the document's mentions
	Actors  int // actors no other document mentions, removed
	Created int // events split off from one that went (an undated report left without its dated event)
}

// removeDoc deletes a document and what only it supported. tr records
// the events it touches.
func removeDoc(txn kv, rec *docRecord, tr *eventTrack, cache *actorCache) (ForgetResult, error) {
	var res ForgetResult
	id := rec.Doc.ID
	supported := map[string]bool{}
	ks, err := keysUnder(txn, pairPrefix(prefixDocIdx, id))
	if err != nil {
		return res, err
	}
	for _, k := range ks {
		supported[lastPart(k)] = true
	}
	if rec.Groups == nil {
		if err := removeLegacyEvents(txn, id); err != nil {
			return res, err
		}
	}
	for i := range rec.Parts {
		p := &rec.Parts[i]
		if _, err := setDocGroup(txn, p.G, p.Key, id, p, nil, tr); err != nil {
			return res, err
		}
	}
	res.Created = tr.created()
	for eid := range supported {
		ok, err := exists(txn, key(prefixEvent, eid))
		if err != nil {
			return res, err
		}
		if ok {
			res.Kept++
		} else {
			res.Events++
		}
	}
	for _, aid := range rec.Actors {
		seen, err := exists(txn, key(prefixSeen, aid, id))
		if err != nil {
			return res, err
		}
		if !seen {
			continue
		}
		if err := txn.Delete(key(prefixSeen, aid, id)); err != nil {
			return res, err
		}
		ar, err := cache.get(txn, aid)
		if err != nil {
			return res, err
		}
		if ar == nil {
			continue
		}
		ar.Docs--
		if ar.Docs <= 0 {
			cache.set(aid, nil)
			for _, k := range nameKeys(&ar.Actor) {
				if err := txn.Delete(k); err != nil {
					return res, err
				}
			}
			res.Actors++
			continue
		}
		cache.set(aid, ar)
	}
	return res, txn.Delete(key(prefixDoc, id))
}

// removeLegacyEvents removes a document's mentions from events stored
// before events were merged across documents, deleting those left with none.
func removeLegacyEvents(txn kv, id string) error {
	ks, err := keysUnder(txn, pairPrefix(prefixDocIdx, id))
	if err != nil {
		return err
	}
	for _, k := range ks {
		eid := lastPart(k)
		var e extract.Event
		err := get(txn, key(prefixEvent, eid), &e)
		if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		if err == nil {
			e.Mentions = slices.DeleteFunc(e.Mentions, func(m extract.Mention) bool { return m.Doc == id })
			if len(e.Mentions) == 0 {
				if err := unindexEvent(txn, &e); err != nil {
					return err
				}
				if err := txn.Delete(key(prefixEvent, eid)); err != nil {
					return err
				}
			} else if err := put(txn, key(prefixEvent, eid), &e); err != nil {
				return err
			}
		}
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
