package graph

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

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

// memKV keeps writes in memory, over what a read-only transaction of the
// store sees (base; nil for an empty store). Keys are also filed under
// their parent (everything up to and with their last sep), so that a Scan
// needs no sorted structure.
type memKV struct {
	base *badger.Txn
	m    map[string]memVal
	kids map[string]map[string]struct{}
	size int // bytes of keys and values held
}

type memVal struct {
	v   []byte
	del bool
}

func newMemKV(base *badger.Txn) *memKV {
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
	return tx(m.base).Get(k, fn)
}

func (m *memKV) put(k []byte, x memVal) {
	ks := string(k)
	if old, ok := m.m[ks]; ok {
		m.size -= len(old.v)
	} else {
		m.size += len(ks) + 48
		p := parentOf(ks)
		set := m.kids[p]
		if set == nil {
			set = map[string]struct{}{}
			m.kids[p] = set
		}
		set[ks] = struct{}{}
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

// parentOf returns the key k is filed under: up to and with its last sep,
// "" when it has none.
func parentOf(k string) string {
	return k[:strings.LastIndexByte(k, sep)+1]
}

func (m *memKV) Scan(prefix []byte, fn func(k, v []byte) error) error {
	if len(prefix) == 0 || prefix[len(prefix)-1] != sep {
		return fmt.Errorf("graph: memKV: scan of %q, which does not end with a separator", prefix)
	}
	var mine []string
	for k := range m.kids[string(prefix)] {
		mine = append(mine, k)
	}
	slices.Sort(mine)
	emit := func(k string) error {
		x := m.m[k]
		if x.del {
			return nil
		}
		return fn([]byte(k), x.v)
	}
	if m.base != nil {
		err := scan(m.base, prefix, func(k, v []byte) error {
			if bytes.IndexByte(k[len(prefix):], sep) >= 0 {
				return nil // a grandchild: not this parent's
			}
			for len(mine) > 0 && mine[0] < string(k) {
				if err := emit(mine[0]); err != nil {
					return err
				}
				mine = mine[1:]
			}
			if _, ok := m.m[string(k)]; ok {
				return nil // ours, emitted in its turn
			}
			return fn(k, v)
		})
		if err != nil {
			return err
		}
	}
	for _, k := range mine {
		if err := emit(k); err != nil {
			return err
		}
	}
	return nil
}
