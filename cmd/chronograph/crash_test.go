package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds chronograph into a temporary directory, once per test.
func buildBinary(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build chronograph: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "chronograph")
	cmd := exec.CommandContext(t.Context(), goBin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Names the generated corpus draws on: people, countries and places the
// lexicon knows, so that the extractor finds actors, dates and events.
var (
	corpusPeople = []string{
		"Russian Foreign Minister Sergei Lavrov", "U.S. Secretary of State John Kerry",
		"Syrian President Bashar al-Assad", "Turkish President Recep Tayyip Erdogan",
		"German Chancellor Angela Merkel", "French President Francois Hollande",
		"Iranian Foreign Minister Mohammad Javad Zarif", "UN envoy Staffan de Mistura",
	}
	corpusCountries = []string{"Russia", "the United States", "Turkey", "Iran", "Germany", "France", "Syria", "Israel"}
	corpusPlaces    = []string{"Geneva", "Moscow", "Ankara", "Vienna", "Berlin", "Paris", "Tehran", "Beirut"}
	corpusDays      = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	corpusFrames    = []string{
		"%[1]s met %[2]s in %[5]s on %[6]s.",
		"%[3]s accused %[4]s of violating the truce on %[6]s.",
		"%[1]s visited %[5]s on %[6]s, officials said.",
		"%[3]s and %[4]s signed an agreement in %[5]s on %[6]s.",
		"%[1]s criticised %[4]s on %[6]s.",
		"%[2]s held talks with %[1]s in %[5]s on %[6]s.",
	}
)

// writeCorpus writes n generated articles, as JSON Lines, to a file in dir
// and returns its path. The same seed gives the same file.
func writeCorpus(t *testing.T, dir string, n int, seed uint64) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	p := filepath.Join(dir, "corpus.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		var text strings.Builder
		for j := range 3 + rng.IntN(3) {
			if j > 0 {
				text.WriteString(" ")
			}
			a, b := pick(corpusPeople), pick(corpusPeople)
			for b == a {
				b = pick(corpusPeople)
			}
			c, d := pick(corpusCountries), pick(corpusCountries)
			for d == c {
				d = pick(corpusCountries)
			}
			fmt.Fprintf(&text, pick(corpusFrames), a, b, c, d, pick(corpusPlaces), pick(corpusDays))
		}
		err := enc.Encode(map[string]string{
			"id":        fmt.Sprintf("crash-%05d", i),
			"published": start.AddDate(0, 0, i%700).Format(time.DateOnly),
			"text":      text.String(),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// chronograph runs the binary to completion and returns its stdout; a
// non-zero exit fails the test.
func chronograph(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chronograph %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// TestCrash kills ingest with SIGKILL at 20 random (seeded) moments of a
// stream on its stdin. After
// each kill the store opens, check passes, and ingesting the same input
// again gives exactly the counts of a clean run: a document is in the store
// wholly or not at all, and ingest is idempotent. It then kills restore a
// few times: an interrupted restore is refused, not taken for a store.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: builds chronograph and kills it 25 times (run without -short)")
	}
	bin := buildBinary(t)
	work := t.TempDir()
	input := writeCorpus(t, work, 500, 9)

	cleanDB := filepath.Join(work, "clean")
	start := time.Now()
	chronograph(t, bin, "ingest", "--db", cleanDB, input)
	clean := time.Since(start)
	want := chronograph(t, bin, "stats", "--db", cleanDB, "--format", "json")
	chronograph(t, bin, "check", "--db", cleanDB)
	t.Logf("clean ingest: %v, %s", clean.Round(time.Millisecond), strings.TrimSpace(want))

	docs, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(docs, []byte("\n"))
	rng := rand.New(rand.NewPCG(20, 26))
	killed := 0
	for i := range 20 {
		db := filepath.Join(work, fmt.Sprintf("db%02d", i))
		// The input comes through a pipe that stays open, so the ingest
		// cannot end before the kill whatever the machine's load: after a
		// random number of documents are written, a random pause lets it
		// be anywhere in extracting, batching or committing them.
		n := 1 + rng.IntN(len(lines)-1)
		after := time.Duration(rng.Int64N(int64(200 * time.Millisecond)))
		cmd := exec.Command(bin, "ingest", "--db", db, "-")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		written := make(chan struct{})
		go func() {
			defer close(written)
			for _, l := range lines[:n] {
				if _, err := stdin.Write(l); err != nil {
					return
				}
			}
		}()
		<-written
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		err = cmd.Wait()
		stdin.Close()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
			killed++
		} else if err != nil {
			t.Fatalf("kill %d: ingest failed on its own: %v\n%s", i, err, stderr.String())
		}
		// The store opens and passes its check (unless the kill came
		// before ingest created it).
		if _, err := os.Stat(filepath.Join(db, "MANIFEST")); err == nil {
			out := chronograph(t, bin, "check", "--db", db, "--format", "json")
			var res struct{ Documents int }
			json.Unmarshal([]byte(out), &res)
			t.Logf("kill %2d after %d documents sent and %v: %d documents in, check ok", i, n, after.Round(time.Millisecond), res.Documents)
		} else {
			t.Logf("kill %2d after %d documents sent and %v: no store yet", i, n, after.Round(time.Millisecond))
		}
		// A re-run completes with the counts of the clean run.
		chronograph(t, bin, "ingest", "--db", db, input)
		if got := chronograph(t, bin, "stats", "--db", db, "--format", "json"); got != want {
			t.Errorf("kill %d after %v: stats after re-run\n%s\nwant (clean run)\n%s", i, after, got, want)
		}
		chronograph(t, bin, "check", "--db", db)
		os.RemoveAll(db)
	}
	if killed < 20 {
		t.Errorf("only %d of 20 ingests were killed before they ended", killed)
	}

	// Bulk loads: killed at random moments while a chunk fills or is
	// written (4 MB chunks: several per run), they leave no store, or the
	// whole one; a new bulk load of the same directory starts over and
	// ends with the counts of the clean run.
	start = time.Now()
	chronograph(t, bin, "ingest", "--bulk", "--bulk-mb", "4", "--db", filepath.Join(work, "bulkclean"), input)
	bulkTime := time.Since(start)
	if got := chronograph(t, bin, "stats", "--db", filepath.Join(work, "bulkclean"), "--format", "json"); got != want {
		t.Errorf("bulk load: stats\n%s\nwant (plain ingest)\n%s", got, want)
	}
	for i := range 5 {
		db := filepath.Join(work, fmt.Sprintf("b%02d", i))
		after := time.Duration(rng.Int64N(int64(bulkTime)))
		cmd := exec.Command(bin, "ingest", "--bulk", "--bulk-mb", "4", "--db", db, input)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if _, err := os.Stat(db); err == nil {
			// it ended before the kill: the whole store
			if got := chronograph(t, bin, "stats", "--db", db, "--format", "json"); got != want {
				t.Errorf("bulk load killed after %v left a store with\n%s", after, got)
			}
			t.Logf("bulk load killed after %v: it had ended", after.Round(time.Millisecond))
			continue
		}
		t.Logf("bulk load killed after %v: no store", after.Round(time.Millisecond))
		chronograph(t, bin, "ingest", "--bulk", "--bulk-mb", "4", "--db", db, input)
		if got := chronograph(t, bin, "stats", "--db", db, "--format", "json"); got != want {
			t.Errorf("bulk load after a killed one: stats\n%s\nwant\n%s", got, want)
		}
		if _, err := os.Stat(db + ".bulk"); !os.IsNotExist(err) {
			t.Errorf("%s.bulk left after a completed bulk load: %v", db, err)
		}
	}

	// Restore: killed at random moments, the directory is either refused
	// as an interrupted restore or a whole store.
	bak := filepath.Join(work, "clean.bak")
	chronograph(t, bin, "backup", "--db", cleanDB, "-o", bak)
	start = time.Now()
	chronograph(t, bin, "restore", "--db", filepath.Join(work, "restored"), bak)
	restore := time.Since(start)
	for i := range 5 {
		db := filepath.Join(work, fmt.Sprintf("r%02d", i))
		after := time.Duration(rng.Int64N(int64(restore)))
		cmd := exec.Command(bin, "restore", "--db", db, bak)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if _, err := os.Stat(db); err != nil {
			continue // killed before it made the directory
		}
		var stdout, stderr bytes.Buffer
		check := exec.Command(bin, "stats", "--db", db, "--format", "json")
		check.Stdout, check.Stderr = &stdout, &stderr
		err := check.Run()
		switch {
		case err == nil && stdout.String() == want:
			t.Logf("restore killed after %v: whole store", after.Round(time.Millisecond))
		case err != nil && strings.Contains(stderr.String(), "interrupted restore"):
			t.Logf("restore killed after %v: refused as an interrupted restore", after.Round(time.Millisecond))
		case err != nil && strings.Contains(stderr.String(), "empty directory, no store"):
			t.Logf("restore killed after %v: empty directory", after.Round(time.Millisecond))
		default:
			t.Errorf("restore killed after %v: stats gives %v\n%s%s", after, err, stdout.String(), stderr.String())
		}
	}
}

// fullWriter fails every write, as a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestFullStdout runs the commands that write to stdout with a stdout that
// cannot take a byte: each exits 1 with an error naming the cause, and
// the store is unharmed.
func TestFullStdout(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"chronograph", "ingest", "--db", db, "--published", "2016-09-05", "../../testdata/seed.txt"}, &stdout, &stderr); code != 0 {
		t.Fatalf("ingest: %d\n%s", code, stderr.String())
	}
	for _, args := range [][]string{
		{"stats", "--db", db},
		{"check", "--db", db},
		{"backup", "--db", db},
		{"export", "--db", db, "--format", "json"},
		{"timeline", "--db", db},
		{"extract", "../../testdata/seed.txt"},
	} {
		stderr.Reset()
		code := run(append([]string{"chronograph"}, args...), fullWriter{}, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("chronograph %s with a full stdout: exit %d, stderr %q; want 1 and the write error", strings.Join(args, " "), code, stderr.String())
		}
	}
	stderr.Reset()
	if code := run([]string{"chronograph", "check", "--db", db}, &stdout, &stderr); code != 0 {
		t.Errorf("check after the failed writes: %d\n%s", code, stderr.String())
	}
}

// TestSecondWriter runs commands beside an ingest in another process: a
// second ingest and the read commands fail at once with a clear error
// instead of waiting, and all of them work once the writer is done.
func TestSecondWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("second writer test: builds chronograph")
	}
	bin := buildBinary(t)
	work := t.TempDir()
	input := writeCorpus(t, work, 300, 3)
	db := filepath.Join(work, "db")
	first := exec.Command(bin, "ingest", "--db", db, input)
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(filepath.Join(db, "MANIFEST")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first ingest made no store in 10s")
		}
	}
	want := `chronograph: graph: store "` + db + `" in use by another process` + "\n"
	for _, args := range [][]string{
		{"ingest", "--db", db, input},
		{"stats", "--db", db},
		{"check", "--db", db},
		{"backup", "--db", db, "-o", filepath.Join(work, "b.bak")},
	} {
		var stdout, stderr bytes.Buffer
		start := time.Now()
		code := run(append([]string{"chronograph"}, args...), &stdout, &stderr)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("chronograph %s beside a writer took %v", args[0], took)
		}
		if code != 1 || !strings.HasSuffix(stderr.String(), want) {
			t.Errorf("chronograph %s beside a writer: exit %d, stderr %q; want 1 and %q", args[0], code, stderr.String(), want)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "b.bak")); err == nil {
		t.Error("backup beside a writer left a file")
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first ingest: %v\n%s", err, firstErr.String())
	}
	chronograph(t, bin, "check", "--db", db)
	chronograph(t, bin, "stats", "--db", db)
}
