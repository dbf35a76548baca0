package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// ingestBatch is how many analyses go to the store at a time.
const ingestBatch = 64

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "analyse articles and add them to the store",
		ArgsUsage: "PATH... (files, directories, - for stdin)",
		Description: "ingest extracts events from the inputs and stores them. Ingesting a document\n" +
			"again changes nothing. Inputs that cannot be read are reported; the rest still go in.",
		Flags:  []cli.Flag{dbFlag(), publishedFlag(), lexiconFlag()},
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
	start := time.Now()
	x, err := newExtractor(c)
	if err != nil {
		return err
	}
	s, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer s.Close()

	prog := newProgress(c.App.ErrWriter)
	defer prog.stop()
	var total graph.IngestResult
	batch := make([]*extract.Analysis, 0, ingestBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := s.Ingest(c.Context, batch)
		total.Documents += res.Documents
		total.Skipped += res.Skipped
		total.Events += res.Events
		total.Actors += res.Actors
		batch = batch[:0]
		prog.set(total.Documents + total.Skipped)
		return err
	}
	failed, err := analyseWith(c.Context, x, c.Args().Slice(), c.App.Reader, prog, opts, func(a *extract.Analysis) error {
		batch = append(batch, a)
		if len(batch) == ingestBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	prog.stop()
	if cerr := s.Close(); err == nil {
		err = cerr
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

// A progress shows how many documents went in, on one line of a terminal,
// at most a few times a second. On anything else it shows nothing.
type progress struct {
	w       io.Writer
	mu      sync.Mutex
	n       int
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
				if p.n > 0 && time.Since(start) > time.Second {
					fmt.Fprintf(p.w, "\r%s …", plural(p.n, "document"))
					p.shown = true
				}
				p.mu.Unlock()
			}
		}
	})
	return p
}

func (p *progress) set(n int) {
	p.mu.Lock()
	p.n = n
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
