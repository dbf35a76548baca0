package graph

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Backups.
//
// A backup is one header line, "chronograph backup 1\n", followed by
// badger's backup stream (see badger's DB.Backup): frames of an 8-byte
// little-endian length and a protobuf list of key-value pairs. The store's
// format version travels in the stream as its m/ key, so [Restore] refuses
// a backup of a store this program does not read, as [Open] does. To load
// the stream with badger's own tools, cut the header line off first.
const backupHeader = "chronograph backup 1\n"

// restoreMarker is the file [Restore] keeps in the directory while it
// loads a backup; [Open] refuses a directory that holds it, so a killed
// restore is never taken for a store.
const restoreMarker = "RESTORE-INCOMPLETE"

// ErrBackup is returned, wrapped, by [Restore] for input that is not a
// complete chronograph backup.
var ErrBackup = errors.New("graph: not a chronograph backup")

// maxFrame bounds the frame length [Restore] accepts from an input of
// unknown size, so that a damaged length does not allocate gigabytes.
const maxFrame = 1 << 30

// Backup writes a full backup of the store to w, as of one moment: writes
// that commit while it runs are not in it. It returns how many bytes it
// wrote. A store opened read-only can be backed up.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	if _, err := io.WriteString(cw, backupHeader); err != nil {
		return cw.n, fmt.Errorf("graph: backup: %w", err)
	}
	stream := s.db.NewStream()
	stream.LogPrefix = "chronograph backup"
	// Stream.Backup runs to completion; stop it by failing its writes.
	cw.ctx = ctx
	if _, err := stream.Backup(cw, 0); err != nil {
		if cw.err != nil {
			err = cw.err
		}
		return cw.n, fmt.Errorf("graph: backup: %w", err)
	}
	return cw.n, nil
}

// A countWriter counts the bytes written to w, keeps the first write
// error, and fails writes once ctx is done.
type countWriter struct {
	w   io.Writer
	ctx context.Context
	n   int64
	err error
}

func (c *countWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.ctx != nil {
		if err := c.ctx.Err(); err != nil {
			c.err = err
			return 0, err
		}
	}
	n, err := c.w.Write(b)
	c.n += int64(n)
	if err != nil {
		c.err = err
	}
	return n, err
}

// Restore creates a store in dir from a backup read from r. dir must not
// exist or be an empty directory; Restore never writes into an existing
// store. size is the length of r in bytes, or -1 if unknown; it bounds the
// frame lengths Restore believes. The restored store must pass [Store.Check]
// and have a format this program reads; otherwise, or if r is not a whole
// backup (an error matching [ErrBackup]), Restore removes what it created
// and returns the error.
func Restore(ctx context.Context, dir string, r io.Reader, size int64) (err error) {
	if dir == "" {
		return errors.New("graph: restore: no directory given")
	}
	created, err := prepareRestoreDir(dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			removeRestored(dir, created)
		}
	}()

	if err := os.WriteFile(filepath.Join(dir, restoreMarker), []byte("chronograph restore in progress\n"), 0o644); err != nil {
		return fmt.Errorf("graph: restore: %w", err)
	}

	br := bufio.NewReaderSize(r, 64<<10)
	head := make([]byte, len(backupHeader))
	if n, err := io.ReadFull(br, head); err != nil || string(head) != backupHeader {
		if strings.HasPrefix(string(head[:n]), "chronograph backup ") {
			return fmt.Errorf("%w: unknown backup version %q", ErrBackup, strings.TrimSpace(string(head[:n])))
		}
		return fmt.Errorf("%w: no backup header", ErrBackup)
	}
	if size >= 0 {
		size -= int64(len(backupHeader))
	}

	db, err := badger.Open(badger.DefaultOptions(dir).
		WithLogger(nil).
		WithMemTableSize(16 << 20).
		WithValueLogFileSize(64 << 20).
		WithNumCompactors(2).
		WithMetricsEnabled(false))
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return &lockedError{dir: dir}
		}
		return fmt.Errorf("graph: restore %q: %v", dir, err)
	}
	fr := &frameReader{r: br, ctx: ctx, left: size}
	lerr := db.Load(fr, 16)
	if fr.err != nil {
		lerr = fr.err
	}
	if cerr := db.Close(); lerr == nil && cerr != nil {
		lerr = cerr
	}
	if lerr != nil {
		if errors.Is(lerr, io.ErrUnexpectedEOF) || errors.Is(lerr, errFrame) || isProtoError(lerr) {
			return fmt.Errorf("%w: %v", ErrBackup, lerr)
		}
		return fmt.Errorf("graph: restore %q: %w", dir, lerr)
	}
	if err := os.Remove(filepath.Join(dir, restoreMarker)); err != nil {
		return fmt.Errorf("graph: restore: %w", err)
	}

	s, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Check(ctx)
	if err != nil {
		return err
	}
	if res.Keys == 0 {
		return fmt.Errorf("%w: the backup holds no store", ErrBackup)
	}
	if !res.OK() {
		return fmt.Errorf("graph: restore %q: the restored store fails its check: %s", dir, strings.Join(res.Problems, "; "))
	}
	return s.Close()
}

// isProtoError reports whether err comes from decoding a protobuf frame.
func isProtoError(err error) bool {
	return strings.HasPrefix(err.Error(), "proto:")
}

var errFrame = errors.New("damaged frame length")

// A frameReader passes badger's backup stream through, checking each
// frame's length against what is left of the input before badger
// allocates for it, and stopping when ctx is done.
type frameReader struct {
	r    io.Reader
	ctx  context.Context
	left int64 // bytes left in the input, or -1 if unknown

	hdr     [8]byte
	hdrN    int   // bytes of the current length read
	payload int64 // bytes of the current frame still to pass
	err     error
}

func (f *frameReader) Read(b []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	if err := f.ctx.Err(); err != nil {
		f.err = err
		return 0, err
	}
	if f.payload == 0 {
		// In a length: pass at most the rest of it, and check it once whole.
		b = b[:min(len(b), 8-f.hdrN)]
	} else {
		b = b[:min(int64(len(b)), f.payload)]
	}
	n, err := f.r.Read(b)
	if f.payload == 0 {
		copy(f.hdr[f.hdrN:], b[:n])
		f.hdrN += n
		if f.left >= 0 {
			f.left -= int64(n)
		}
		if f.hdrN == 8 {
			f.hdrN = 0
			sz := binary.LittleEndian.Uint64(f.hdr[:])
			if sz > maxFrame || (f.left >= 0 && sz > uint64(f.left)) {
				f.err = fmt.Errorf("%w: frame of %d bytes", errFrame, sz)
				return 0, f.err
			}
			f.payload = int64(sz)
		}
	} else {
		f.payload -= int64(n)
		if f.left >= 0 {
			f.left -= int64(n)
		}
	}
	if err == io.EOF && (f.hdrN != 0 || f.payload != 0) {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// prepareRestoreDir checks that dir is missing or empty and creates it.
// created says whether Restore made the directory.
func prepareRestoreDir(dir string) (created bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("graph: restore: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("graph: restore: %w", err)
	case len(entries) > 0:
		return false, fmt.Errorf("graph: restore: %q is not empty: restore into a new directory", dir)
	}
	return false, nil
}

// removeRestored removes what a failed restore wrote: the directory if it
// created it, else the files in it.
func removeRestored(dir string, created bool) {
	if created {
		os.RemoveAll(dir)
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}
