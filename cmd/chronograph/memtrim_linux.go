package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// trimMappedTables keeps this process's resident pages of the store's
// files (the tables, *.sst in dir, the memtable logs, *.mem, and the value
// logs, *.vlog) under about limit bytes, until stop is closed. Every poll
// it reads how many file pages are resident (/proc/self/statm, a few
// microseconds), and when they are limit above the least seen after a
// drop (the program's own text and libraries), it drops the store's.
//
// badger writes and reads its tables through shared memory maps, so every
// table it builds or a compaction reads stays resident, and RSS grows
// with the store, although those pages are the file's, kept in the page
// cache. madvise(MADV_DONTNEED) on a shared file mapping only unmaps them:
// the next read faults them in again from the page cache or the file, and
// dirty pages stay dirty in the page cache.
func trimMappedTables(dir string, poll time.Duration, limit int64, stop <-chan struct{}) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d // /proc/self/maps shows the real path
	}
	statm, err := os.Open("/proc/self/statm")
	if err != nil {
		return
	}
	defer statm.Close()
	var tr trimmer
	tr.dir = []byte(dir + "/")
	page := int64(os.Getpagesize())
	floor := int64(-1)
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		file := fileResident(statm, page)
		if file < 0 || (floor >= 0 && file < floor+limit) {
			continue
		}
		tr.trim()
		if after := fileResident(statm, page); after >= 0 && (floor < 0 || after < floor) {
			floor = after
		}
	}
}

// fileResident returns the bytes of shared (file and shared memory) pages
// resident in this process, from f, /proc/self/statm, or -1.
func fileResident(f *os.File, page int64) int64 {
	var b [128]byte
	n, err := f.ReadAt(b[:], 0)
	if n == 0 && err != nil {
		return -1
	}
	// size resident shared text lib data dt, in pages
	fs := bytes.Fields(b[:n])
	if len(fs) < 3 {
		return -1
	}
	shared, err := strconv.ParseInt(string(fs[2]), 10, 64)
	if err != nil {
		return -1
	}
	return shared * page
}

// A trimmer drops the pages of the store's shared mappings. It reuses its
// buffers, so that a pass allocates nothing (an allocating goroutine may be
// made to help the collector, and a pass should be quick).
type trimmer struct {
	dir  []byte // absolute, with a final slash
	buf  []byte // /proc/self/maps
	runs [][2]uintptr
}

// trim reads /proc/self/maps and calls madvise(MADV_DONTNEED) once on each
// run of adjacent shared mappings of the store's files (badger maps its
// tables next to each other, so a run often holds many), not once per
// table: every system call may cost the goroutine its turn on a processor.
func (tr *trimmer) trim() {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	tr.buf = tr.buf[:0]
	for {
		if len(tr.buf) == cap(tr.buf) {
			tr.buf = append(tr.buf, 0)[:len(tr.buf)]
		}
		n, err := f.Read(tr.buf[len(tr.buf):cap(tr.buf)])
		tr.buf = tr.buf[:len(tr.buf)+n]
		if err == io.EOF || (n == 0 && err == nil) {
			break
		}
		if err != nil {
			f.Close()
			return
		}
	}
	f.Close()
	tr.runs = tr.runs[:0]
	for b := tr.buf; len(b) > 0; {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		lo, hi, ok := tr.storeMapping(line)
		if !ok {
			continue
		}
		if n := len(tr.runs); n > 0 && tr.runs[n-1][1] == lo {
			tr.runs[n-1][1] = hi
		} else {
			tr.runs = append(tr.runs, [2]uintptr{lo, hi})
		}
	}
	for _, r := range tr.runs {
		syscall.Syscall(syscall.SYS_MADVISE, r[0], r[1]-r[0], syscall.MADV_DONTNEED)
	}
}

// storeMapping parses a line of /proc/self/maps,
//
//	7f…-7f… rw-s 00000000 08:01 1234   /path/db/000123.sst
//
// and returns the range of a shared mapping of a store file in tr.dir.
func (tr *trimmer) storeMapping(line []byte) (lo, hi uintptr, ok bool) {
	i := bytes.IndexByte(line, ' ')
	if i < 0 || len(line) < i+5 || line[i+4] != 's' {
		return 0, 0, false
	}
	j := bytes.Index(line, tr.dir)
	if j < 0 {
		return 0, 0, false
	}
	name := bytes.TrimSuffix(line[j+len(tr.dir):], []byte(" (deleted)"))
	if bytes.IndexByte(name, '/') >= 0 || !storeFile(name) {
		return 0, 0, false
	}
	a, b, found := bytes.Cut(line[:i], []byte("-"))
	if !found {
		return 0, 0, false
	}
	l, err1 := parseHex(a)
	h, err2 := parseHex(b)
	if !err1 || !err2 || h <= l {
		return 0, 0, false
	}
	return l, h, true
}

// parseHex parses a hexadecimal address without allocating.
func parseHex(b []byte) (uintptr, bool) {
	if len(b) == 0 || len(b) > 16 {
		return 0, false
	}
	var v uintptr
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | uintptr(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | uintptr(c-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// storeFile reports whether name is a file badger maps shared: a table, a
// memtable log or a value log.
func storeFile(name []byte) bool {
	return bytes.HasSuffix(name, []byte(".sst")) || bytes.HasSuffix(name, []byte(".mem")) || bytes.HasSuffix(name, []byte(".vlog"))
}
