package graph

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// An ActorSummary is a stored actor with how much the store knows of it.
type ActorSummary struct {
	extract.Actor
	Documents int // documents that mention the actor
	Events    int // stored events it takes part in, negated ones included
}

// An ActorFilter selects actors. The zero ActorFilter selects every actor.
type ActorFilter struct {
	Query string   // matched as by [Store.FindActors]; "" matches every actor
	Kinds []string // actor kinds (extract.KindPerson, …); empty means all
}

// ActorSummaries returns the actors f selects with their counts, sorted by
// event count (most first), then id. A query that matches no actor gives
// an error matching [ErrNotFound]; kinds that leave none give no actors.
func (s *Store) ActorSummaries(f ActorFilter) ([]ActorSummary, error) {
	var as []extract.Actor
	var err error
	if f.Query == "" {
		as, err = s.Actors()
	} else {
		as, err = s.FindActors(f.Query)
		if err == nil && len(as) == 0 {
			err = &notFoundError{fmt.Sprintf("graph: no actor matches %q", f.Query)}
		}
	}
	if err != nil {
		return nil, err
	}
	var out []ActorSummary
	var ids []string
	for _, a := range as {
		if len(f.Kinds) == 0 || slices.Contains(f.Kinds, a.Kind) {
			out = append(out, ActorSummary{Actor: a})
			ids = append(ids, a.ID)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	if f.Query == "" {
		ids = nil // every actor: one scan of each index beats one per actor
	}
	counts, err := s.countActors(ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		c := counts[out[i].ID]
		out[i].Documents, out[i].Events = c[0], c[1]
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// countActors returns the number of documents (z/ keys) and events (x/
// keys) of each actor of ids, by id, with one prefix scan per actor and
// index; nil ids counts every actor with one scan of each index.
func (s *Store) countActors(ids []string) (map[string][2]int, error) {
	counts := map[string][2]int{}
	err := s.db.View(func(txn *badger.Txn) error {
		for i, prefix := range [][]byte{prefixSeen, prefixActorIdx} {
			if ids == nil {
				countKeys(txn, prefix, func(k []byte) {
					actor, _, ok := bytes.Cut(k[len(prefix):], []byte{sep})
					if ok {
						c := counts[string(actor)]
						c[i]++
						counts[string(actor)] = c
					}
				})
				continue
			}
			for _, id := range ids {
				c := counts[id]
				countKeys(txn, pairPrefix(prefix, id), func([]byte) { c[i]++ })
				counts[id] = c
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: count actors: %w", err)
	}
	return counts, nil
}

// countKeys calls fn with each key with the given prefix, without reading
// values. The key is only valid during the call.
func countKeys(txn *badger.Txn, prefix []byte, fn func(k []byte)) {
	o := badger.DefaultIteratorOptions
	o.PrefetchValues = false
	o.Prefix = prefix
	it := txn.NewIterator(o)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		fn(it.Item().Key())
	}
}

// An ActorProfile is what the store knows of one actor.
type ActorProfile struct {
	Summary ActorSummary
	// Events are the events the actor takes part in, negated ones
	// included, sorted by date (undated last), then id.
	Events []extract.Event
	// Relations are the relations with the actor as source or target,
	// derived from the events that are not negated; see [Store.Relations].
	Relations []Relation
	// Others holds the other actors and places that Events and Relations
	// name, by id. An id the store lacks gets a placeholder named after it.
	Others map[string]extract.Actor
}

// Profile returns the profile of the actor name, resolved with
// [Store.FindActors] taking the first match. An unknown name gives an error
// matching [ErrNotFound].
func (s *Store) Profile(name string) (*ActorProfile, error) {
	a, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	counts, err := s.countActors([]string{a.ID})
	if err != nil {
		return nil, err
	}
	p := &ActorProfile{Summary: ActorSummary{Actor: a, Documents: counts[a.ID][0], Events: counts[a.ID][1]}}
	if p.Events, err = s.Events(Filter{Actors: []string{a.ID}, IncludeNegated: true}); err != nil {
		return nil, err
	}
	for _, r := range relations(p.Events) {
		if r.Source == a.ID || r.Target == a.ID {
			p.Relations = append(p.Relations, r)
		}
	}
	var ids []string
	for i := range p.Events {
		ids = append(append(ids, participants(&p.Events[i])...), p.Events[i].Location)
	}
	if p.Others, err = s.actorMap(ids); err != nil {
		return nil, err
	}
	delete(p.Others, a.ID)
	return p, nil
}
