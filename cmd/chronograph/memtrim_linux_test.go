package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

func TestStoreMapping(t *testing.T) {
	tr := trimmer{dir: []byte("/tmp/x/db/")}
	for _, c := range []struct {
		line   string
		lo, hi uintptr
		ok     bool
	}{
		{"7f0a00000000-7f0a00100000 rw-s 00000000 fd:00 1234                       /tmp/x/db/000123.sst", 0x7f0a00000000, 0x7f0a00100000, true},
		{"7f0a00000000-7f0a00100000 rw-s 00000000 fd:00 1234                       /tmp/x/db/000123.sst (deleted)", 0x7f0a00000000, 0x7f0a00100000, true},
		{"7f0a00000000-7f0a00100000 rw-s 00000000 fd:00 1234                       /tmp/x/db/00001.mem", 0x7f0a00000000, 0x7f0a00100000, true},
		{"7f0a00000000-7f0a00100000 rw-s 00000000 fd:00 1234                       /tmp/x/db/000001.vlog", 0x7f0a00000000, 0x7f0a00100000, true},
		{"7f0a00000000-7f0a00100000 rw-p 00000000 fd:00 1234                       /tmp/x/db/000123.sst", 0, 0, false}, // private
		{"7f0a00000000-7f0a00100000 rw-s 00000000 fd:00 1234                       /tmp/x/db/MANIFEST", 0, 0, false},
		{"7f0a00000000-7f0a00100000 rw-s 00000000 fd:00 1234                       /tmp/x/db/sub/000123.sst", 0, 0, false},
		{"7f0a00000000-7f0a00100000 rw-s 00000000 fd:00 1234                       /tmp/y/db/000123.sst", 0, 0, false},
		{"c000000000-c004000000 rw-p 00000000 00:00 0 ", 0, 0, false},
		{"7ffd1000-7ffd2000 r--p 00000000 00:00 0                          [vvar]", 0, 0, false},
		{"", 0, 0, false},
	} {
		lo, hi, ok := tr.storeMapping([]byte(c.line))
		if lo != c.lo || hi != c.hi || ok != c.ok {
			t.Errorf("storeMapping(%q) = %#x, %#x, %v; want %#x, %#x, %v", c.line, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
}

// TestTrim checks that a pass drops the resident pages of a shared mapping
// of a table file in the store's directory, and only those.
func TestTrim(t *testing.T) {
	dir := t.TempDir()
	mapped := func(name string) []byte {
		t.Helper()
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		const size = 1 << 20
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		b, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { syscall.Munmap(b) })
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		return b
	}
	table, other := mapped("000001.sst"), mapped("other.dat")
	var tr trimmer
	d, _ := filepath.EvalSymlinks(dir)
	tr.dir = []byte(d + "/")
	tr.trim()
	if n := residentPages(t, table); n != 0 {
		t.Errorf("table: %d pages resident after trim, want 0", n)
	}
	if n := residentPages(t, other); n != len(other)/4096 {
		t.Errorf("other file: %d pages resident after trim, want all %d", n, len(other)/4096)
	}
	if table[0] != 1 || table[len(table)-4096] != 1 {
		t.Error("table contents lost")
	}
}

// residentPages returns how many pages of the mapping b are resident in
// this process, from its Rss in /proc/self/smaps (mincore would tell
// whether they are in the page cache, which they stay).
func residentPages(t *testing.T, b []byte) int {
	t.Helper()
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	start := fmt.Sprintf("%x-", uintptr(unsafe.Pointer(&b[0])))
	in := false
	for _, l := range strings.Split(string(smaps), "\n") {
		if f := strings.Fields(l); len(f) > 0 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			in = strings.HasPrefix(l, start)
			continue
		}
		if in && strings.HasPrefix(l, "Rss:") {
			kb, err := strconv.Atoi(strings.Fields(l)[1])
			if err != nil {
				t.Fatal(err)
			}
			return kb / 4
		}
	}
	t.Fatalf("no mapping at %s in /proc/self/smaps", start)
	return 0
}
