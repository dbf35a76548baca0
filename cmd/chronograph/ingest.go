package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// ingestBatch is how many analyses go to the store at a time.
const ingestBatch = 64

// ingestMemoryLimit is the soft memory limit of chronograph ingest (unless
// GOMEMLIMIT is set): the collector works harder near it instead of
// letting the heap grow to twice what is live. It leaves room under 300 MB
// for the store's file pages that badger maps in between two drops (up to
// about 100 MB; see trimMappedTables). The live heap (extraction, two
// batches, badger's memtables, table builders and their pool) is 60-200
// MB, mostly badger's.
const ingestMemoryLimit = 160 << 20

// chronograph ingest drops its resident pages of the store's files when
// they pass trimLimit bytes, looking every trimPoll (see trimMappedTables).
const (
	trimPoll  = 5 * time.Millisecond
	trimLimit = 32 << 20
)

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "analyse articles and add them to the store",
		ArgsUsage: "PATH... (files, directories, - for stdin)",
		Description: "ingest extracts events from the inputs and stores them. Ingesting a document\n" +
			"again changes nothing. Inputs that cannot be read are reported; the rest still go in.\n\n" +
			"--bulk makes a new store (the directory must not exist or be empty) several times\n" +
			"faster on large inputs: records are gathered in memory (--bulk-mb at a time) and\n" +
			"written as sorted tables. It is all or nothing: the store appears when the whole\n" +
			"input is in, and an interrupted load leaves none. The store is the one a plain\n" +
			"ingest of the same input makes, and takes plain ingests afterwards.",
		Flags: []cli.Flag{dbFlag(), publishedFlag(), lexiconFlag(),
			&cli.BoolFlag{Name: "bulk", Usage: "load a new store in bulk (faster; all or nothing)"},
			&cli.IntFlag{Name: "bulk-mb", Value: graph.DefaultChunkBytes >> 20,
				Usage: "with --bulk: `MB` of records held in memory before they are written (memory use is about 3x this)"},
		},
		Action: runIngest,
	}
}

func runIngest(c *cli.Context) error {
	opts, err := readOptions(c)
	if err != nil {
		return err
	}
	if c.NArg() == 0 {
		return errors.New("ingest: no input: give files, directories or - for stdin")
	}
	bulk := c.Bool("bulk")
	if c.IsSet("bulk-mb") && !bulk {
		return errors.New("ingest: --bulk-mb goes with --bulk")
	}
	if c.Int("bulk-mb") <= 0 {
		return errors.New("ingest: --bulk-mb: give a positive number of MB")
	}
	if os.Getenv("GOMEMLIMIT") == "" && !bulk {
		debug.SetMemoryLimit(ingestMemoryLimit)
	}
	start := time.Now()
	x, err := newExtractor(c)
	if err != nil {
		return err
	}
	var s storeWriter
	if bulk {
		dir := c.String("db")
		if dir == "" {
			return errors.New("no store directory: give --db DIR or set CHRONOGRAPH_DB")
		}
		b, err := graph.NewBulk(dir, &graph.BulkOptions{ChunkBytes: c.Int("bulk-mb") << 20})
		if err != nil {
			return err
		}
		defer b.Abort()
		s = b
	} else {
		st, err := openStore(c, false)
		if err != nil {
			return err
		}
		defer st.Close()
		s = st
	}

	stopTrim := make(chan struct{})
	defer close(stopTrim)
	go trimMappedTables(s.Dir(), trimPoll, trimLimit, stopTrim)

	prog := newProgress(c.App.ErrWriter)
	defer prog.stop()
	total, failed, err := ingestPaths(c.Context, x, s, c.Args().Slice(), c.App.Reader, prog, opts, prog.set)
	prog.stop()
	if b, ok := s.(*graph.Bulk); ok && err != nil {
		b.Abort() // nothing of a failed bulk load is kept
	} else if cerr := s.Close(); err == nil {
		err = cerr
	}
	if _, ok := s.(*graph.Bulk); ok && err != nil {
		fmt.Fprintf(c.App.ErrWriter, "chronograph: bulk load abandoned after %s: nothing stored\n", plural(total.Documents, "document"))
		return err
	}
	fmt.Fprintf(c.App.Writer, "ingested %s (%d already present), %s, %s in %.2fs\n",
		plural(total.Documents, "document"), total.Skipped, plural(total.Events, "event"), plural(total.Actors, "actor"),
		time.Since(start).Seconds())
	if err != nil {
		return err
	}
	if failed > 0 {
		return failedError(failed)
	}
	return nil
}

// A storeWriter takes analyses: a store, or a bulk load of a new one.
type storeWriter interface {
	Ingest(ctx context.Context, as []*extract.Analysis) (graph.IngestResult, error)
	Dir() string
	Close() error
}

// ingestPaths reads the documents in paths, extracts them with x on all
// cores and stores them in s in input order, ingestBatch documents to a
// transaction batch. The store writes one batch while the extractors work
// on the next, and at most two batches wait for it, so memory does not
// grow with the input. done, if not nil, is called after each batch with
// the totals so far and the bytes of text stored. Unreadable inputs are
// reported to stderr and counted in failed, as in analyseWith.
func ingestPaths(ctx context.Context, x *extract.Extractor, s storeWriter, paths []string, stdin io.Reader, stderr io.Writer,
	opts extract.ReadOptions, done func(total graph.IngestResult, textBytes int64)) (total graph.IngestResult, failed int, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		batches     = make(chan []*extract.Analysis, 1)
		stopped     = make(chan struct{}) // closed when the writer fails
		werr        error
		storeFailed int
		bytes       int64
		wg          sync.WaitGroup
	)
	wg.Go(func() {
		for batch := range batches {
			if werr != nil {
				continue // draining after a failure
			}
			res, err := s.Ingest(ctx, batch)
			total.Documents += res.Documents
			total.Skipped += res.Skipped
			total.Events += res.Events
			total.Actors += res.Actors
			for _, a := range batch[:res.Documents+res.Skipped] {
				bytes += int64(len(a.Doc.Text))
			}
			if done != nil {
				done(total, bytes)
			}
			// a document too large for the store is one failed input:
			// it is reported and the others go on
			if errors.Is(err, graph.ErrTooLarge) {
				for _, e := range unjoin(err) {
					fmt.Fprintf(stderr, "chronograph: %v\n", e)
					storeFailed++
				}
				err = nil
			}
			if err != nil {
				werr = err
				close(stopped)
			}
		}
	})
	send := func(batch []*extract.Analysis) error {
		select {
		case batches <- batch:
			return nil
		case <-stopped:
			return werr
		}
	}
	batch := make([]*extract.Analysis, 0, ingestBatch)
	failed, err = analyseWith(ctx, x, paths, stdin, stderr, opts, func(a *extract.Analysis) error {
		batch = append(batch, a)
		if len(batch) < ingestBatch {
			return nil
		}
		err := send(batch)
		batch = make([]*extract.Analysis, 0, ingestBatch)
		return err
	})
	if err == nil && len(batch) > 0 {
		err = send(batch)
	}
	close(batches)
	wg.Wait()
	failed += storeFailed
	if err == nil {
		err = werr
	}
	return total, failed, err
}

// unjoin returns the errors joined in err, or err itself.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// A progress shows how many documents went in, on one line of a terminal,
// at most a few times a second. On anything else it shows nothing.
type progress struct {
	w       io.Writer
	mu      sync.Mutex
	n       int   // documents
	bytes   int64 // bytes of text
	shown   bool
	done    chan struct{}
	stopped sync.Once
	wg      sync.WaitGroup
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, done: make(chan struct{})}
	if !isTerminal(w) {
		close(p.done)
		return p
	}
	p.wg.Go(func() {
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		start := time.Now()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
				p.mu.Lock()
				if el := time.Since(start).Seconds(); p.n > 0 && el > 1 {
					fmt.Fprintf(p.w, "\r\033[K%s, %.1f MB (%.0f documents/s, %.2f MB/s) …",
						plural(p.n, "document"), float64(p.bytes)/1e6, float64(p.n)/el, float64(p.bytes)/1e6/el)
					p.shown = true
				}
				p.mu.Unlock()
			}
		}
	})
	return p
}

// set records what went into the store so far.
func (p *progress) set(total graph.IngestResult, textBytes int64) {
	p.mu.Lock()
	p.n = total.Documents + total.Skipped
	p.bytes = textBytes
	p.mu.Unlock()
}

// Write writes b (an error message) to the progress writer on a line of
// its own.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
	return p.w.Write(b)
}

// stop ends the progress line. It may be called more than once.
func (p *progress) stop() {
	p.stopped.Do(func() {
		select {
		case <-p.done:
		default:
			close(p.done)
		}
		p.wg.Wait()
		if p.shown {
			fmt.Fprint(p.w, "\r\033[K")
		}
	})
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
