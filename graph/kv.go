package graph

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// A kv is what the store writer reads and writes through: a badger
// transaction (txnKV), or a memKV that keeps the writes of a bulk load in
// memory until they are written out as sorted tables (bulk.go).
type kv interface {
	// Get calls fn with the value of k, which is valid only during the
	// call; it returns badger.ErrKeyNotFound when k is not there.
	Get(k []byte, fn func(v []byte) error) error
	// Set and Delete take ownership of k and v: the caller does not
	// change them afterwards.
	Set(k, v []byte) error
	Delete(k []byte) error
	// Scan calls fn with every key that starts with prefix, in key order.
	// prefix ends with sep, and the writer scans only prefixes whose keys
	// have no sep after it (r/<group> 0 <date> 0 <doc>, y/<doc> 0 <event>);
	// k and v are valid only during the call.
	Scan(prefix []byte, fn func(k, v []byte) error) error
}

// txnKV is a badger transaction as a kv.
type txnKV struct{ txn *badger.Txn }

func tx(txn *badger.Txn) txnKV { return txnKV{txn} }

func (t txnKV) Get(k []byte, fn func(v []byte) error) error {
	it, err := t.txn.Get(k)
	if err != nil {
		return err
	}
	return it.Value(fn)
}

func (t txnKV) Set(k, v []byte) error { return t.txn.Set(k, v) }

func (t txnKV) Delete(k []byte) error { return t.txn.Delete(k) }

func (t txnKV) Scan(prefix []byte, fn func(k, v []byte) error) error {
	return scan(t.txn, prefix, fn)
}

// memKV keeps writes in memory, over what the store holds (base; nil for
// an empty store). Keys of the kinds the writer scans (scanned)
// are also filed under their parent (everything up to and with their last
// sep), so that a Scan needs no sorted structure.
type memKV struct {
	base *baseView
	m    map[string]memVal
	kids map[string]map[string]struct{}
	size int // bytes of keys and values held
}

type memVal struct {
	v   []byte
	del bool
	// clean marks a value read from base (del: not there), kept so that
	// the next Get of the key needs no lookup in the store; it is not
	// written out.
	clean bool
}

func newMemKV(base *baseView) *memKV {
	return &memKV{base: base, m: map[string]memVal{}, kids: map[string]map[string]struct{}{}}
}

func (m *memKV) Get(k []byte, fn func(v []byte) error) error {
	if x, ok := m.m[string(k)]; ok {
		if x.del {
			return badger.ErrKeyNotFound
		}
		return fn(x.v)
	}
	if m.base == nil {
		return badger.ErrKeyNotFound
	}
	v, err := m.base.get(k)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		m.keep(k, memVal{del: true, clean: true})
		return err
	case err != nil:
		return err
	}
	m.keep(k, memVal{v: v, clean: true})
	return fn(v)
}

// keep holds a value read from base.
func (m *memKV) keep(k []byte, x memVal) {
	m.m[string(k)] = x
	m.size += len(k) + len(x.v) + 48
}

func (m *memKV) put(k []byte, x memVal) {
	ks := string(k)
	old, ok := m.m[ks]
	if ok {
		m.size -= len(old.v)
	}
	if !ok || old.clean {
		m.size += len(ks) + 48
		if scanned(ks) {
			p := parentOf(ks)
			set := m.kids[p]
			if set == nil {
				set = map[string]struct{}{}
				m.kids[p] = set
			}
			set[ks] = struct{}{}
		}
	}
	m.size += len(x.v)
	m.m[ks] = x
}

func (m *memKV) Set(k, v []byte) error {
	m.put(k, memVal{v: v})
	return nil
}

func (m *memKV) Delete(k []byte) error {
	m.put(k, memVal{del: true})
	return nil
}

// scanned reports whether k is of a kind the writer scans: reports (r/,
// by group and date) and the document index (y/, by document).
func scanned(k string) bool {
	return strings.HasPrefix(k, string(prefixReport)) || strings.HasPrefix(k, string(prefixDocIdx))
}

// parentOf returns the key k is filed under: up to and with its last sep,
// "" when it has none.
func parentOf(k string) string {
	return k[:strings.LastIndexByte(k, sep)+1]
}

func (m *memKV) Scan(prefix []byte, fn func(k, v []byte) error) error {
	if len(prefix) == 0 || prefix[len(prefix)-1] != sep || !scanned(string(prefix)) {
		return fmt.Errorf("graph: memKV: scan of %q, which is no parent of reports or document index keys", prefix)
	}
	// the store's keys, then those written over them
	all := map[string]memVal{}
	if m.base != nil {
		err := m.base.scan(prefix, func(k, v []byte) error {
			if bytes.IndexByte(k[len(prefix):], sep) < 0 { // a child, not a grandchild
				all[string(k)] = memVal{v: slices.Clone(v)}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for k := range m.kids[string(prefix)] {
		all[k] = m.m[k]
	}
	for _, k := range sortedKeys(all) {
		if x := all[k]; !x.del {
			if err := fn([]byte(k), x.v); err != nil {
				return err
			}
		}
	}
	return nil
}

// A baseView reads the store under a bulk load's memKV. Its transaction
// is replaced (around) when a chunk is written: badger's stream writer
// starts a new oracle, and a transaction begun under the old one must end
// before that (badger stops the program if one ends after).
type baseView struct {
	mu  sync.Mutex
	db  *badger.DB
	txn *badger.Txn // nil: the store is empty
}

func (b *baseView) get(k []byte) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.txn == nil {
		return nil, badger.ErrKeyNotFound
	}
	var v []byte
	err := tx(b.txn).Get(k, func(x []byte) error {
		v = slices.Clone(x)
		return nil
	})
	return v, err
}

func (b *baseView) scan(prefix []byte, fn func(k, v []byte) error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.txn == nil {
		return nil
	}
	return scan(b.txn, prefix, fn)
}

// around runs fn with no transaction open, and opens a new one after it.
func (b *baseView) around(fn func() error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.txn != nil {
		b.txn.Discard()
		b.txn = nil
	}
	err := fn()
	b.txn = b.db.NewTransaction(false)
	return err
}

// close ends the view's transaction.
func (b *baseView) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.txn != nil {
		b.txn.Discard()
		b.txn = nil
	}
}
