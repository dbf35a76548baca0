package graph

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/dgraph-io/badger/v4"
)

// Store format versions. The m/ key of a store holds the format version it
// was written with, and every value starts with the version of its record.
//
// FormatVersion is the format this program writes. A store whose version
// lies in [MinFormatVersion, FormatVersion] is read (older records are
// upgraded as they are read); any other is refused by [Open] with an error
// matching [ErrFormat] that says which version the store has and what to do.
const (
	FormatVersion    = formatVersion
	MinFormatVersion = 3
)

// ErrFormat is returned, wrapped, by [Open] for a directory that holds no
// chronograph store, or a store of a format version this program does not
// read.
var ErrFormat = errors.New("graph: unsupported store format")

// A FormatError says why [Open] refused a directory.
type FormatError struct {
	Dir     string
	Version int    // the store's format version, or -1 when it has none
	Reason  string // what is wrong and what to do, for people
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("graph: store %q: %s", e.Dir, e.Reason)
}

func (e *FormatError) Unwrap() error { return ErrFormat }

// checkFormat checks the format version stored in the m/ key of the store
// in dir. have is the value of m/, or nil when the key is missing; empty
// reports whether the store holds no other key.
func checkFormat(dir string, have []byte, empty bool) error {
	switch {
	case have == nil && empty:
		return nil // a new store: Open writes the version
	case have == nil:
		return &FormatError{Dir: dir, Version: -1,
			Reason: "not a chronograph store: a badger database without a chronograph format version"}
	case len(have) != 1:
		return &FormatError{Dir: dir, Version: -1,
			Reason: fmt.Sprintf("unreadable format version %x: not a chronograph store, or a damaged one (restore it from a backup)", have)}
	case int(have[0]) > FormatVersion:
		return &FormatError{Dir: dir, Version: int(have[0]),
			Reason: fmt.Sprintf("format version %d is newer than this chronograph reads (%d to %d): use a newer chronograph", have[0], MinFormatVersion, FormatVersion)}
	case int(have[0]) < MinFormatVersion:
		return &FormatError{Dir: dir, Version: int(have[0]),
			Reason: fmt.Sprintf("format version %d is older than this chronograph reads (%d to %d): ingest the documents again into a new store", have[0], MinFormatVersion, FormatVersion)}
	}
	return nil
}

// checkDir refuses to put a store into a directory that holds other files
// but no badger database, so that a mistyped --db never scatters store
// files among a user's documents. A missing or empty directory is fine
// for a writer; a reader needs a store.
func checkDir(dir string, readOnly bool) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("graph: open %q: %w", dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("graph: open %q: not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("graph: open %q: %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, restoreMarker)); err == nil {
		return &FormatError{Dir: dir, Version: -1,
			Reason: "an interrupted restore: remove the directory and restore again"}
	}
	if len(entries) == 0 {
		if readOnly {
			return fmt.Errorf("graph: open %q: empty directory, no store", dir)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err == nil {
		return nil
	}
	if !readOnly && badgerFiles(entries) {
		// a writer killed while badger created the store, before its
		// MANIFEST: the next writer goes on creating it
		return nil
	}
	return &FormatError{Dir: dir, Version: -1,
		Reason: fmt.Sprintf("not a chronograph store: the directory holds %s and no database", files(len(entries)))}
}

// badgerFiles reports whether every entry is a file badger creates before
// its MANIFEST (the key registry, the lock, the discard stats, the first
// value log and memtable files, and the files it writes the key registry
// and the MANIFEST to before renaming them, which it truncates when it
// starts again).
func badgerFiles(entries []os.DirEntry) bool {
	for _, e := range entries {
		n := e.Name()
		switch {
		case e.IsDir():
			return false
		case n == "KEYREGISTRY", n == "REWRITE-KEYREGISTRY", n == "MANIFEST-REWRITE", n == "LOCK", n == "DISCARD":
		case strings.HasSuffix(n, ".vlog"), strings.HasSuffix(n, ".mem"):
		default:
			return false
		}
	}
	return true
}

func files(n int) string {
	if n == 1 {
		return "1 other file"
	}
	return fmt.Sprintf("%d other files", n)
}

// checkVersion writes the store's format version on first use, and refuses
// a store of a format this program does not read, or a badger database
// that is not a chronograph store.
func (s *Store) checkVersion(readOnly bool) error {
	var have []byte
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		it, err := txn.Get(keyMeta)
		if errors.Is(err, badger.ErrKeyNotFound) {
			o := badger.DefaultIteratorOptions
			o.PrefetchValues = false
			i := txn.NewIterator(o)
			defer i.Close()
			i.Rewind()
			empty = !i.Valid()
			return nil
		}
		if err != nil {
			return err
		}
		have, err = it.ValueCopy(nil)
		if have == nil {
			have = []byte{} // present but empty: not the same as missing
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("graph: open %q: %v", s.dir, err)
	}
	if err := checkFormat(s.dir, have, empty); err != nil {
		return err
	}
	if have == nil && !readOnly {
		return s.db.Update(func(txn *badger.Txn) error {
			return txn.Set(keyMeta, []byte{formatVersion})
		})
	}
	return nil
}

// openRecovering opens a badger database. A writer killed before it closed
// the store leaves its write-ahead log untruncated, which badger replays
// only when it opens the store for writing; a read-only open fails. So a
// read-only open of such a store first recovers it, as the next writer
// would: it opens the store for writing and closes it again (this needs
// the store not to be in use), then opens it read-only.
func openRecovering(bo badger.Options) (*badger.DB, error) {
	db, err := badger.Open(bo)
	if err == nil || !bo.ReadOnly || !strings.Contains(err.Error(), "Log truncate required") {
		return db, err
	}
	w, err := badger.Open(bo.WithReadOnly(false))
	if err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return badger.Open(bo)
}

// minFree is the free space a writer needs on the store's file system:
// badger preallocates its write-ahead log and value log files and writes
// them through memory maps, so a disk that fills under a writer kills it
// (SIGBUS) instead of failing a write. The store survives that as any
// crash, but refusing to start is clearer.
const minFree = 64 << 20

// checkSpace returns an error if the file system of dir has less than
// minFree bytes free for this user. It is cheap enough to call per batch.
func checkSpace(dir string) error {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return nil // unknown: let the writes tell
	}
	free := st.Bavail * uint64(st.Bsize)
	if free < minFree {
		return fmt.Errorf("graph: store %q: disk full: %.1f MiB free, a writer needs %d MiB", dir, float64(free)/(1<<20), minFree>>20)
	}
	return nil
}
