package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

var (
	streamMB     = flag.Float64("stream.mb", 0, "TestStreamMemory: `MB` of article text to stream into chronograph ingest - (0 skips the test)")
	streamMaxDoc = flag.Int("stream.maxdoc", 200_000, "TestStreamMemory: leave out articles of more than `N` bytes of text")
	streamMaxRSS = flag.Float64("stream.maxrss", 0, "TestStreamMemory: fail when the peak RSS of ingest exceeds `MB` (0: only report it)")
	streamBulk   = flag.Int("stream.bulk", 0, "TestStreamMemory: load in bulk, `MB` at a time (ingest --bulk --bulk-mb MB; 0: a plain ingest)")
)

// TestStreamMemory pipes a JSON Lines stream of -stream.mb MB of article
// text into "chronograph ingest -" and reports the child's resident memory
// as the input goes in, and its peak (VmHWM). The stream is the Timeline17
// corpus (or generated articles), over and over with new ids, written by a
// goroutine as the command reads it: nothing of it is on disk. Run it as
//
//	go test ./cmd/chronograph -run StreamMemory -v -timeout 2h -stream.mb 300
//
// It checks that every document went in, and with -stream.maxrss that the
// peak stayed under the budget.
func TestStreamMemory(t *testing.T) {
	if *streamMB <= 0 {
		t.Skip("give -stream.mb MB to stream that much text into chronograph ingest")
	}
	arts, real := loadBenchCorpus(t)
	var use []benchArticle
	for _, a := range arts {
		if a.text <= *streamMaxDoc {
			use = append(use, a)
		}
	}
	t.Logf("corpus: %d of %d %s articles (at most %d bytes of text each)", len(use), len(arts), map[bool]string{true: "Timeline17", false: "generated"}[real], *streamMaxDoc)
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "db")

	args := []string{"ingest", "--db", db}
	if *streamBulk > 0 {
		args = append(args, "--bulk", "--bulk-mb", strconv.Itoa(*streamBulk))
	}
	cmd := exec.CommandContext(t.Context(), bin, append(args, "-")...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	// the stream: corpus copies with new ids, until want bytes of text
	want := int64(*streamMB * 1e6)
	var fed, docs atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		defer stdin.Close()
		w := bufio.NewWriterSize(stdin, 1<<20)
		var line []byte
		for i := 0; fed.Load() < want; i++ {
			a := &use[i%len(use)]
			line = a.line(line[:0], i/len(use))
			if _, err := w.Write(line); err != nil {
				return // ingest stopped: its error is reported below
			}
			fed.Add(int64(a.text))
			docs.Add(1)
		}
		w.Flush()
	})

	// resident memory, sampled each second, reported each tenth of the input
	type sample struct {
		at       time.Duration
		fed      int64
		rss, hwm float64
	}
	var samples []sample
	done := make(chan struct{})
	wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		next := int64(0)
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			rss, hwm := procMemory(cmd.Process.Pid)
			if rss == 0 {
				continue // exited
			}
			s := sample{time.Since(start), fed.Load(), rss, hwm}
			samples = append(samples, s)
			if s.fed >= next {
				t.Logf("%6.0f s  %7.1f MB in  RSS %5.0f MB  peak %5.0f MB", s.at.Seconds(), float64(s.fed)/1e6, s.rss, s.hwm)
				next += want / 10
			}
		}
	})
	err = cmd.Wait()
	elapsed := time.Since(start)
	close(done)
	wg.Wait()
	if err != nil {
		t.Fatalf("chronograph ingest -: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}

	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	peak := float64(ru.Maxrss) / 1024 // KB on Linux
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	mb := float64(fed.Load()) / 1e6
	t.Logf("%s", strings.TrimSpace(stdout.String()))
	t.Logf("streamed %.1f MB of text in %d documents in %v (%.2f MB/s, %.0f documents/s; %.2f MB per CPU-second); peak RSS %.0f MB; store %.0f MB",
		mb, docs.Load(), elapsed.Round(time.Second), mb/elapsed.Seconds(), float64(docs.Load())/elapsed.Seconds(), mb/cpu.Seconds(), peak, dirMB(db))
	if n := len(samples); n >= 4 {
		t.Logf("RSS at a quarter, half, three quarters and the end of the run: %.0f, %.0f, %.0f, %.0f MB",
			samples[n/4].rss, samples[n/2].rss, samples[3*n/4].rss, samples[n-1].rss)
	}
	if !strings.HasPrefix(stdout.String(), fmt.Sprintf("ingested %d documents", docs.Load())) {
		t.Errorf("fed %d documents; ingest said %q", docs.Load(), stdout.String())
	}
	if *streamMaxRSS > 0 && peak > *streamMaxRSS {
		t.Errorf("peak RSS %.0f MB, over the budget of %.0f MB", peak, *streamMaxRSS)
	}
}

// procMemory returns the resident and peak resident memory of a process,
// in MB, from /proc/PID/status (zeros where there is no /proc).
func procMemory(pid int) (rss, hwm float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			hwm = kb / 1024
		}
	}
	return rss, hwm
}

// dirMB returns the size of the files under dir in MB.
func dirMB(dir string) float64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return nil
	})
	return float64(n) / 1e6
}

// TestIngestPathsStoreFails checks that when the store fails, ingestPaths
// returns its error at once, without waiting for the rest of the input or
// hanging on the writer.
func TestIngestPathsStoreFails(t *testing.T) {
	paths := articles(t, 300)
	s, err := graph.Open(filepath.Join(t.TempDir(), "db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close() // every write now fails
	done := make(chan struct{})
	var total graph.IngestResult
	go func() {
		defer close(done)
		total, _, err = ingestPaths(t.Context(), new(extract.Extractor), s, paths, nil, io.Discard, extract.ReadOptions{}, nil)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("ingestPaths did not return after the store failed")
	}
	if err == nil || total.Documents != 0 {
		t.Errorf("ingestPaths into a closed store = %+v, %v; want an error and nothing stored", total, err)
	}
}
