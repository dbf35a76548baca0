package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/chronograph/chronograph/extract"
)

// A Bulk builds a new store from many documents faster than [Store.Ingest].
// It runs the same writer, on records kept in memory instead of in badger
// transactions; when they reach a size (BulkOptions.ChunkBytes), it writes
// them out sorted, as tables, with badger's stream writer, which bypasses
// badger's memtables and write-ahead log. So a record that many documents
// change (an actor, a much-reported event) is written once per chunk, not
// once per document, and the store it makes is the one Ingest would make
// of the same documents in the same order (the same keys and values).
//
// The store is built in a directory beside the target (its name with
// ".bulk" appended) and moved into place by Close, so a load that fails or
// is killed leaves no half-built store; the target must not exist or be an
// empty directory. Documents are not individually in or out until Close:
// it is all or nothing. Memory grows with ChunkBytes (about three times
// it), not with the input.
type Bulk struct {
	dir, tmp string
	s        *Store
	view     *baseView
	mem      *memKV
	cache    *actorCache
	opt      BulkOptions
	chunks   int // chunks written out
	closed   bool
	err      error // the first failure: the load is lost
}

// BulkOptions tune a Bulk.
type BulkOptions struct {
	// ChunkBytes is how many bytes of keys and values are kept in memory
	// before they are written out (0: DefaultChunkBytes).
	ChunkBytes int
}

// DefaultChunkBytes is the default BulkOptions.ChunkBytes.
const DefaultChunkBytes = 256 << 20

// bulkMarker is the file that marks a directory as a bulk load's, which a
// later bulk load of the same target may remove.
const bulkMarker = "CHRONOGRAPH-BULK-LOAD"

// NewBulk starts a bulk load of a new store at dir.
func NewBulk(dir string, opts *BulkOptions) (*Bulk, error) {
	b := &Bulk{dir: filepath.Clean(dir), tmp: filepath.Clean(dir) + ".bulk"}
	if opts != nil {
		b.opt = *opts
	}
	if b.opt.ChunkBytes <= 0 {
		b.opt.ChunkBytes = DefaultChunkBytes
	}
	if des, err := os.ReadDir(b.dir); err == nil && len(des) > 0 {
		return nil, fmt.Errorf("graph: bulk load into %q: it is not empty; a bulk load makes a new store (ingest adds to one)", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("graph: bulk load into %q: %w", dir, err)
	}
	if des, err := os.ReadDir(b.tmp); err == nil {
		if _, err := os.Stat(filepath.Join(b.tmp, bulkMarker)); err != nil && len(des) > 0 {
			return nil, fmt.Errorf("graph: bulk load into %q: %q is in the way (and not a bulk load's directory)", dir, b.tmp)
		}
		if err := os.RemoveAll(b.tmp); err != nil {
			return nil, fmt.Errorf("graph: bulk load into %q: removing an unfinished load: %w", dir, err)
		}
	}
	s, err := Open(b.tmp, &Options{bulk: true})
	if err != nil {
		os.RemoveAll(b.tmp)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(b.tmp, bulkMarker), []byte("an unfinished bulk load of "+b.dir+"\n"), 0o644); err != nil {
		s.Close()
		os.RemoveAll(b.tmp)
		return nil, fmt.Errorf("graph: bulk load into %q: %w", dir, err)
	}
	b.s = s
	b.view = &baseView{db: s.db}
	b.mem = newMemKV(b.view)
	b.mem.Set(slices.Clone(keyMeta), []byte{formatVersion})
	b.cache = newActorCache()
	return b, nil
}

// Dir returns the directory the store is being built in.
func (b *Bulk) Dir() string { return b.tmp }

// Ingest adds analyses to the load, as [Store.Ingest] would to a store.
// A document without an id stops it, as there.
func (b *Bulk) Ingest(ctx context.Context, as []*extract.Analysis) (IngestResult, error) {
	var res IngestResult
	if b.closed {
		return res, errors.New("graph: bulk load: already closed")
	}
	if b.err != nil {
		return res, b.err
	}
	for _, a := range as {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if a == nil {
			continue
		}
		if a.Doc.ID == "" {
			return res, errors.New("graph: ingest: document has no id")
		}
		h, err := contentHash(a)
		if err != nil {
			return res, err
		}
		if err := ingestDoc(b.mem, a, h, &res, b.cache); err != nil {
			b.err = fmt.Errorf("graph: ingest %s: %w", a.Doc.ID, err)
			return res, b.err
		}
		if b.mem.size+b.cache.size() >= b.opt.ChunkBytes {
			if err := b.handOff(); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

// handOff writes the records held in memory out, and starts a new chunk.
func (b *Bulk) handOff() error {
	if err := b.cache.flush(b.mem); err != nil {
		b.err = err
		return err
	}
	first := b.chunks == 0
	b.chunks++
	if err := b.writeOut(b.mem, first); err != nil {
		b.err = err
		return err
	}
	b.mem = newMemKV(b.view)
	b.cache = newActorCache()
	return nil
}

// writeOut writes the records of chunk into the store as sorted tables.
func (b *Bulk) writeOut(chunk *memKV, first bool) error {
	type entry struct {
		k string
		memVal
	}
	es := make([]entry, 0, len(chunk.m))
	for k, x := range chunk.m {
		if x.clean {
			continue // read, not written
		}
		if x.del && first {
			continue // nothing to delete in an empty store
		}
		es = append(es, entry{k, x})
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.k, b.k) })
	db := b.s.db
	version := db.MaxVersion() + 1
	sw := db.NewStreamWriter()
	var err error
	if first {
		err = sw.Prepare()
	} else {
		err = sw.PrepareIncremental()
	}
	fail := func(err error) error {
		sw.Cancel()
		return fmt.Errorf("graph: bulk load: %w", err)
	}
	if err != nil {
		return fail(err)
	}
	buf := z.NewBuffer(8<<20, "chronograph.bulk")
	defer buf.Release()
	var kv pb.KV
	for _, x := range es {
		kv = pb.KV{Key: []byte(x.k), Value: x.v, Version: version}
		if x.del {
			kv.Value = nil
			kv.Meta = []byte{bitDelete}
		}
		badger.KVToBuffer(&kv, buf)
		if buf.LenNoPadding() >= 4<<20 {
			if err := sw.Write(buf); err != nil {
				return fail(err)
			}
			buf.Reset()
		}
	}
	if err := sw.Write(buf); err != nil {
		return fail(err)
	}
	// Flush starts a new oracle: no transaction may be open across it.
	if err := b.view.around(sw.Flush); err != nil {
		return fmt.Errorf("graph: bulk load: %w", err)
	}
	return nil
}

// bitDelete is badger's mark of a deleted key (unexported there).
const bitDelete = 1

// Close writes what is left and moves the store into place. After a
// failure nothing is stored, and Close says why.
func (b *Bulk) Close() error {
	if b.closed {
		return b.err
	}
	if b.err == nil {
		b.handOff() // a failure is kept in b.err
	}
	b.closed = true
	b.view.close()
	err := b.err
	if cerr := b.s.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Remove(filepath.Join(b.tmp, bulkMarker))
	}
	if err == nil {
		os.Remove(b.dir) // an empty directory, or none
		err = os.Rename(b.tmp, b.dir)
	}
	if err != nil {
		os.RemoveAll(b.tmp)
		b.err = fmt.Errorf("graph: bulk load into %q: %w", b.dir, err)
		return b.err
	}
	return nil
}

// Abort abandons the load: nothing is stored. It does nothing after Close.
func (b *Bulk) Abort() {
	if b.closed {
		return
	}
	b.closed = true
	b.view.close()
	b.s.Close()
	os.RemoveAll(b.tmp)
}
