package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
)

// synthetic returns the fixture's documents under new ids, with actors of
// their own (so that interaction groups stay small), event dates moved by
// i days and a long text, so that a store grows quickly.
func synthetic(i int, textBytes int) []*extract.Analysis {
	as := fixture()
	rename := func(id string) string {
		if id == "" {
			return ""
		}
		return fmt.Sprintf("%s-%d", id, i)
	}
	for j, a := range as {
		a.Doc.ID = fmt.Sprintf("syn-%06d-%d", i, j)
		for k := range a.Actors {
			a.Actors[k].ID = rename(a.Actors[k].ID)
		}
		a.Doc.Text += filler(uint64(i*2+j), textBytes)
		for k := range a.Events {
			e := &a.Events[k]
			for x := range e.Source {
				e.Source[x] = rename(e.Source[x])
			}
			for x := range e.Target {
				e.Target[x] = rename(e.Target[x])
			}
			e.Location = rename(e.Location)
			if Dated(e.Date) && len(e.Date) == 10 {
				d, _ := time.Parse(time.DateOnly, e.Date)
				e.Date = d.AddDate(0, 0, i%400).Format(time.DateOnly)
			}
		}
	}
	return as
}

// filler returns about n bytes of words that do not compress, as a store
// compresses its tables.
func filler(seed uint64, n int) string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for b.Len() < n {
		b.WriteByte(' ')
		for range 3 + rng.IntN(8) {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
	}
	return b.String()
}

// Child processes of the tests below: GRAPH_CRASH_CHILD=DIR,N,TEXT ingests
// N synthetic batches with TEXT bytes of text each into the store in DIR,
// printing the number of each batch once it is in, and exits 0 when done.
func crashChild() {
	arg := os.Getenv("GRAPH_CRASH_CHILD")
	if arg == "" {
		return
	}
	parts := strings.Split(arg, ",")
	n, _ := strconv.Atoi(parts[1])
	text, _ := strconv.Atoi(parts[2])
	s, err := Open(parts[0], nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	for i := range n {
		if _, err := s.Ingest(context.Background(), synthetic(i, text)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Fprintln(w, i)
		w.Flush()
	}
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(4)
	}
	os.Exit(0)
}

// startChild starts a child ingesting into dir and returns it with a
// channel of the batch numbers it reports.
func startChild(t *testing.T, dir string, n, text int) (*exec.Cmd, <-chan int, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("GRAPH_CRASH_CHILD=%s,%d,%d", dir, n, text))
	stderr := &strings.Builder{}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1<<16)
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			i, _ := strconv.Atoi(sc.Text())
			done <- i
		}
	}()
	return cmd, done, stderr
}

// TestCrashChild is the child process of the crash tests; run alone it
// does nothing.
func TestCrashChild(t *testing.T) { crashChild() }

// TestCrashReadOnly kills a writer with SIGKILL in the middle of an ingest
// and opens the store it left read-only (which badger alone refuses until
// a writer has replayed its log): the store opens, passes its check, and
// holds every batch the writer reported and no half document.
func TestCrashReadOnly(t *testing.T) {
	dir := t.TempDir()
	cmd, done, stderr := startChild(t, dir, 100000, 200)
	reported := 0
	for i := range done {
		reported = i + 1
		if reported == 40 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	for i := range done { // what it reported before it died
		reported = i + 1
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || !ee.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
		t.Fatalf("child: %v, want killed\n%s", err, stderr)
	}
	s, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open() after a crash: %v", err)
	}
	res := mustCheck(t, s)
	// Each batch is two documents; the batch being written may be in, half
	// in (its first document), or not.
	if res.Documents < 2*reported || res.Documents > 2*reported+2 {
		t.Errorf("after a crash the store holds %d documents; the writer reported %d batches", res.Documents, reported)
	}
	s.Close()

	// A writer completes what the crashed one began, with the counts of a
	// clean run.
	w := mustOpenDir(t, dir)
	for i := range reported + 5 {
		mustIngest(t, w, synthetic(i, 200))
	}
	got := mustCheck(t, w)
	c := mustOpen(t)
	for i := range reported + 5 {
		mustIngest(t, c, synthetic(i, 200))
	}
	want := mustCheck(t, c)
	if got.Documents != want.Documents || got.Events != want.Events || got.Actors != want.Actors || got.Keys != want.Keys {
		t.Errorf("after the crash and a re-run: %+v, clean run: %+v", got, want)
	}
}

// TestFullDisk puts a store on a small tmpfs. With too little room a writer
// is refused at once with a clear error. With room to start, it ingests
// until the disk is full and stops (with an error, or killed by SIGBUS when
// badger touches a memory-mapped page the disk has no room for); then, with
// room again, the store opens, passes its check, and a re-run completes.
// It needs root, to mount the file system.
func TestFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("full disk test: mounts a tmpfs")
	}
	if os.Getuid() != 0 {
		t.Skip("full disk test: needs root to mount a tmpfs")
	}
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=6m"); err != nil {
		t.Skipf("full disk test: mount tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
	dir := filepath.Join(mnt, "db")
	_, err := Open(dir, nil)
	if err == nil || !strings.HasPrefix(err.Error(), `graph: store "`+dir+`": disk full: `) {
		t.Fatalf("Open() on a disk with 6 MB free: %v, want a disk full error", err)
	}
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, "size=72m"); err != nil {
		t.Fatalf("remount: %v", err)
	}

	cmd, done, stderr := startChild(t, dir, 100000, 20000)
	stop := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	reported := 0
	for i := range done {
		reported = i + 1
	}
	err = cmd.Wait()
	if !stop.Stop() {
		t.Fatalf("the writer did not fill 72 MB in a minute (%d batches)", reported)
	}
	if err == nil {
		t.Fatalf("ingest of 100000 batches into 72 MB succeeded")
	}
	msg := strings.TrimSpace(stderr.String())
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	t.Logf("writer stopped after %d batches: %v: %s", reported, err, msg)
	if !strings.Contains(msg, "no space left on device") && !strings.Contains(msg, "fault") {
		t.Errorf("writer on a full disk: %v, stderr %q; want an error naming the full disk, or a fault", err, msg)
	}

	// Room again: the store opens and passes its check.
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, "size=512m"); err != nil {
		t.Fatalf("remount: %v", err)
	}
	s := mustOpenDir(t, dir)
	res := mustCheck(t, s)
	if res.Documents < 2*reported || res.Documents > 2*reported+2 {
		t.Errorf("after a full disk the store holds %d documents; the writer reported %d batches", res.Documents, reported)
	}
	for i := range reported + 2 {
		mustIngest(t, s, synthetic(i, 20000))
	}
	if res := mustCheck(t, s); res.Documents != 2*(reported+2) {
		t.Errorf("after a re-run: %d documents, want %d", res.Documents, 2*(reported+2))
	}
}
