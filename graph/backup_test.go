package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/go-cmp/cmp"
)

// backupOf returns a backup of a store holding the fixture.
func backupOf(t *testing.T) ([]byte, *Store) {
	t.Helper()
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	var buf bytes.Buffer
	n, err := s.Backup(t.Context(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) || !bytes.HasPrefix(buf.Bytes(), []byte(backupHeader)) {
		t.Fatalf("Backup() wrote %d bytes, says %d; starts %q", buf.Len(), n, buf.Bytes()[:min(buf.Len(), 30)])
	}
	return buf.Bytes(), s
}

// contents returns everything a store answers: counts, events, relations
// and actors.
func contents(t *testing.T, s *Store) []any {
	t.Helper()
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.Relations(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	as, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.Document("doc-1")
	if err != nil {
		t.Fatal(err)
	}
	return []any{st, evs, rs, as, doc}
}

func TestBackupRestore(t *testing.T) {
	b, s := backupOf(t)
	want := contents(t, s)

	for _, size := range []int64{int64(len(b)), -1} {
		dir := filepath.Join(t.TempDir(), "restored")
		if err := Restore(t.Context(), dir, bytes.NewReader(b), size); err != nil {
			t.Fatalf("Restore(size %d): %v", size, err)
		}
		r := mustOpenDir(t, dir)
		if diff := cmp.Diff(want, contents(t, r)); diff != "" {
			t.Errorf("restored store (-want +got):\n%s", diff)
		}
		mustCheck(t, r)
		// The restored store takes writes, and ingesting the same
		// documents again changes nothing.
		if res := mustIngest(t, r, fixture()); res.Skipped != 2 || res.Documents != 0 {
			t.Errorf("Ingest() into the restored store = %+v, want 2 skipped", res)
		}
		as := fixture()
		as[1].Doc.ID = "doc-3"
		if res := mustIngest(t, r, as[1:]); res.Documents != 1 {
			t.Errorf("Ingest(new document) into the restored store = %+v", res)
		}
		mustCheck(t, r)
	}

	// A backup of a read-only store is the same store.
	dir := t.TempDir()
	w, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustIngest(t, w, fixture())
	w.Close()
	ro, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var buf bytes.Buffer
	if _, err := ro.Backup(t.Context(), &buf); err != nil {
		t.Fatalf("Backup(read-only store): %v", err)
	}
	dir2 := filepath.Join(t.TempDir(), "r")
	if err := Restore(t.Context(), dir2, &buf, -1); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, contents(t, mustOpenDir(t, dir2))); diff != "" {
		t.Errorf("restored store of a read-only backup (-want +got):\n%s", diff)
	}
}

// TestRestoreRefuses feeds Restore what is not a whole backup of a store
// it reads, and places it must not write to. Each is refused with a clear
// error and leaves nothing behind.
func TestRestoreRefuses(t *testing.T) {
	b, _ := backupOf(t)
	hdr := len(backupHeader)
	huge := append([]byte(backupHeader), make([]byte, 8)...)
	binary.LittleEndian.PutUint64(huge[hdr:], 1<<40)
	garbage := append([]byte(backupHeader), 3, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff)

	// A backup of a store of a newer format.
	s := mustOpen(t)
	mustIngest(t, s, fixture())
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyMeta, []byte{FormatVersion + 1}) }); err != nil {
		t.Fatal(err)
	}
	var newer bytes.Buffer
	if _, err := s.Backup(t.Context(), &newer); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyMeta, []byte{FormatVersion}) }); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		in      []byte
		want    string
		backup  bool // the error matches ErrBackup
		unknown bool // restore with size -1
	}{
		{"empty", nil, "graph: not a chronograph backup: no backup header", true, false},
		{"a text file", []byte("Lavrov met Kerry in Geneva on Friday.\n"), "no backup header", true, false},
		{"raw badger stream", b[hdr:], "no backup header", true, false},
		{"a later backup version", []byte("chronograph backup 9\nxx"), `unknown backup version "chronograph backup 9"`, true, false},
		{"header only", []byte(backupHeader), "the backup holds no store", true, false},
		{"truncated in a length", b[:hdr+4], "unexpected EOF", true, false},
		{"truncated in a frame", b[:len(b)-10], "graph: not a chronograph backup", true, false},
		{"truncated, size unknown", b[:len(b)-10], "graph: not a chronograph backup", true, true},
		{"a frame longer than the file", huge, "damaged frame length: frame of 1099511627776 bytes", true, false},
		{"a frame longer than any, size unknown", huge, "damaged frame length", true, true},
		{"garbage frame", garbage, "graph: not a chronograph backup", true, false},
		{"a store of a newer format", newer.Bytes(), fmt.Sprintf("format version %d is newer than this chronograph reads", FormatVersion+1), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			size := int64(len(tt.in))
			if tt.unknown {
				size = -1
			}
			err := Restore(t.Context(), dir, bytes.NewReader(tt.in), size)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Restore() error = %v, want one containing %q", err, tt.want)
			}
			if errors.Is(err, ErrBackup) != tt.backup {
				t.Errorf("Restore() error %q: errors.Is(ErrBackup) = %v", err, !tt.backup)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("Restore() left %s behind (%v)", dir, err)
			}
		})
	}

	// Restore never writes into an existing store or a directory in use.
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "keep.txt"), []byte("mine"), 0o644)
	err := Restore(t.Context(), full, bytes.NewReader(b), int64(len(b)))
	if err == nil || !strings.Contains(err.Error(), "is not empty: restore into a new directory") {
		t.Errorf("Restore(non-empty dir) error = %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(full, "keep.txt")); string(got) != "mine" {
		t.Errorf("Restore(non-empty dir) changed keep.txt")
	}
	// An empty directory given by the user is kept, emptied, on failure.
	empty := t.TempDir()
	if err := Restore(t.Context(), empty, bytes.NewReader(b[:len(b)-10]), -1); err == nil {
		t.Error("Restore(truncated) succeeded")
	}
	if es, err := os.ReadDir(empty); err != nil || len(es) != 0 {
		t.Errorf("after a failed restore the empty directory holds %d entries (%v)", len(es), err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := Restore(ctx, filepath.Join(t.TempDir(), "c"), bytes.NewReader(b), -1); !errors.Is(err, context.Canceled) {
		t.Errorf("Restore(canceled) error = %v", err)
	}
}

// TestBackupWriteError backs up to a writer that fails, as a full disk
// does: the error says so, and the store is unharmed.
func TestBackupWriteError(t *testing.T) {
	_, s := backupOf(t)
	for _, after := range []int{0, 30, 200} {
		w := &failWriter{after: after}
		_, err := s.Backup(t.Context(), w)
		if !errors.Is(err, errDiskFull) {
			t.Errorf("Backup(writer failing after %d bytes) error = %v, want the write error", after, err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Backup(ctx, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Backup(canceled) error = %v", err)
	}
	mustCheck(t, s)
}

var errDiskFull = errors.New("no space left on device")

// A failWriter accepts after bytes, then fails every write.
type failWriter struct {
	after, n int
}

func (w *failWriter) Write(b []byte) (int, error) {
	if w.n+len(b) > w.after {
		k := w.after - w.n
		w.n = w.after
		return k, errDiskFull
	}
	w.n += len(b)
	return len(b), nil
}

// TestRestoreInterrupted opens a directory a killed restore left behind:
// Open refuses it instead of taking half a store for a whole one.
func TestRestoreInterrupted(t *testing.T) {
	b, _ := backupOf(t)
	dir := filepath.Join(t.TempDir(), "r")
	if err := Restore(t.Context(), dir, bytes.NewReader(b), int64(len(b))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, restoreMarker)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a finished restore left its marker: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, restoreMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		_, err := Open(dir, &Options{ReadOnly: ro})
		want := `graph: store "` + dir + `": an interrupted restore: remove the directory and restore again`
		if err == nil || err.Error() != want || !errors.Is(err, ErrFormat) {
			t.Errorf("Open(read-only %v) error = %v, want %q", ro, err, want)
		}
	}
}
