package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// trimMappedTables asks the kernel, every interval until stop is closed, to
// drop this process's pages of the store's table files (*.sst in dir), and
// of its memtable logs (*.mem) and value logs (*.vlog).
// badger writes and reads its tables through shared memory maps, so every
// table it builds stays resident, and RSS grows with the store, although
// those pages are the file's, kept in the page cache. madvise(MADV_DONTNEED)
// on a shared file mapping only unmaps them: the next read faults them in
// again from the page cache or the file, and dirty pages stay dirty in the
// page cache.
func trimMappedTables(dir string, interval time.Duration, stop <-chan struct{}) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		trimOnce(dir)
	}
}

func trimOnce(dir string) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 7f…-7f… rw-s 00000000 08:01 1234   /path/db/000123.sst
		fs := strings.Fields(sc.Text())
		if len(fs) < 6 || !storeFile(fs[5]) || filepath.Dir(fs[5]) != dir || !strings.HasSuffix(fs[1], "s") {
			continue
		}
		lo, hi, ok := strings.Cut(fs[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
	}
}

// storeFile reports whether name is a file badger maps shared: a table, a
// memtable log or a value log.
func storeFile(name string) bool {
	return strings.HasSuffix(name, ".sst") || strings.HasSuffix(name, ".mem") || strings.HasSuffix(name, ".vlog")
}
