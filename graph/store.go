package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// ErrNotFound is returned, wrapped, when a document or actor does not exist.
var ErrNotFound = errors.New("graph: not found")

// ErrLocked is returned, wrapped, by [Open] when another process (or another
// [Store] in this process) has the store open.
var ErrLocked = errors.New("graph: store in use by another process")

// notFoundError is an error message that matches [ErrNotFound] with errors.Is.
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }
func (e *notFoundError) Unwrap() error { return ErrNotFound }

// lockedError names the store that is in use and matches [ErrLocked].
type lockedError struct{ dir string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("graph: store %q in use by another process", e.dir)
}
func (e *lockedError) Unwrap() error { return ErrLocked }

// Options configure [Open]. A nil *Options means the defaults.
type Options struct {
	// ReadOnly opens the store for reading only. Several read-only stores
	// may share a directory, but not with a writer.
	ReadOnly bool

	// bulk opens the store for a Bulk: no compactions while it loads
	// (its chunks are written as sorted runs, one level each).
	bulk bool
}

// A Store is a chronograph knowledge graph kept in a badger database.
// A Store is safe for concurrent use by multiple goroutines.
type Store struct {
	db  *badger.DB
	dir string

	closeOnce sync.Once
	closeErr  error

	// writeMu serialises the store's write transactions: concurrent ones
	// that touch the same actors or events conflict, and badger makes the
	// later one fail.
	writeMu sync.Mutex
}

// update runs fn in a read-write transaction, one at a time.
func (s *Store) update(fn func(txn *badger.Txn) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.db.Update(fn)
}

// DefaultDir returns the per-user data directory of the store: $CHRONOGRAPH_DB
// if set, else $XDG_DATA_HOME/chronograph, else ~/.local/share/chronograph.
// It returns "" only when none of these can be determined.
func DefaultDir() string {
	if d := os.Getenv("CHRONOGRAPH_DB"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "chronograph")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "share", "chronograph")
}

// Open opens the store in dir, creating the directory and the store if need
// be (unless opts.ReadOnly). If another process has the store open, Open
// returns an error matching [ErrLocked] at once.
func Open(dir string, opts *Options) (*Store, error) {
	if opts == nil {
		opts = &Options{}
	}
	if dir == "" {
		return nil, errors.New("graph: open: no directory given")
	}
	if err := checkDir(dir, opts.ReadOnly); err != nil {
		return nil, err
	}
	if !opts.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("graph: open %q: %w", dir, err)
		}
		if err := checkSpace(dir); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("graph: open %q: %w", dir, err)
	}
	// Memory: badger keeps the buffers of its table builders in a pool
	// (about the size of the tables built), so the memtables are few and
	// blocks are not compressed (no compressed copy, no block cache
	// needed). Tables are 1 MB at every level: badger's default doubles
	// them at each level below the base, so that in a store of a few GB
	// one compaction read and built over 100 MB, all of it resident for a
	// while; now a compaction reads and builds about 5 MB. A transaction
	// may hold 15% of a memtable, 1.9 MB, in at most 19,660 entries (the
	// count is what limits a document naming thousands of actors: three
	// keys each, and their name keys). Each level is 4 times the one above
	// it, not 10 times: a table moving down is merged with about 4 tables
	// of the next level instead of 10, so a compaction reads, builds and
	// maps less at a time, and the store is rewritten fewer times in all
	// (on a 700 MB stream, 10% less CPU and 24% fewer page faults), for one
	// more level to look in.
	bo := badger.DefaultOptions(dir).
		WithLogger(nil).
		WithReadOnly(opts.ReadOnly).
		WithMemTableSize(12 << 20).
		WithBaseTableSize(1 << 20).
		WithLevelSizeMultiplier(4).
		WithNumMemtables(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(8).
		WithCompression(options.None).
		WithBlockCacheSize(0).
		WithValueLogFileSize(64 << 20).
		WithNumCompactors(2).
		WithMetricsEnabled(false)
	bo.TableSizeMultiplier = 1 // badger has no With method for it
	if opts.bulk {
		bo = bo.WithNumCompactors(0)
	}
	db, err := openRecovering(bo)
	if err != nil {
		// badger formats the flock failure into a string (y.Wrapf does not
		// use %w outside debug builds), so match its message.
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, &lockedError{dir: dir}
		}
		return nil, fmt.Errorf("graph: open %q: %v", dir, err)
	}
	s := &Store{db: db, dir: dir}
	if err := s.checkVersion(opts.ReadOnly); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the store and releases its directory lock. Calling Close
// again does nothing and returns the first call's error.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("graph: close %q: %v", s.dir, err)
		}
	})
	return s.closeErr
}

// Dir returns the directory the store was opened in.
func (s *Store) Dir() string { return s.dir }
