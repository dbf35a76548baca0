package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/extract"
)

// newExtractor returns the extractor of c's --lexicon flag, with its
// lexicon files loaded: an error names the file (and line).
func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	x := &extract.Extractor{LexiconFiles: c.StringSlice("lexicon")}
	if err := x.Init(); err != nil {
		return nil, err
	}
	return x, nil
}

// analyse is analyseWith the extractor of the built-in lexicon.
func analyse(parent context.Context, paths []string, stdin io.Reader, stderr io.Writer, opts extract.ReadOptions, emit func(*extract.Analysis) error) (failed int, err error) {
	return analyseWith(parent, new(extract.Extractor), paths, stdin, stderr, opts, emit)
}

// analyseWith reads the documents in paths, extracts them with x on all
// cores and calls emit with each analysis in input order. Only a bounded number of
// documents is in memory at a time. Each input that cannot be read is
// reported to stderr as "chronograph: <err>" and counted in failed; the
// others still go through. err is not nil when emit fails or ctx is done.
func analyseWith(parent context.Context, x *extract.Extractor, paths []string, stdin io.Reader, stderr io.Writer, opts extract.ReadOptions, emit func(*extract.Analysis) error) (failed int, err error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	type job struct {
		doc  extract.Document
		done chan *extract.Analysis
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job)
	order := make(chan job, 2*workers) // jobs in input order
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j.done <- x.Extract(j.doc)
			}
		})
	}

	var readErrs []error
	go func() {
		defer close(order)
		defer close(jobs)
		readErrs = extract.ReadPaths(ctx, paths, stdin, opts, func(d extract.Document) error {
			j := job{doc: d, done: make(chan *extract.Analysis, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				// j is queued in order but will never be done: give it an
				// empty analysis so the loop below does not wait for it.
				j.done <- nil
				return ctx.Err()
			}
			return nil
		})
	}()

	for j := range order {
		a := <-j.done
		if err != nil || a == nil {
			continue // draining after a failure
		}
		if err = emit(a); err != nil {
			cancel()
		}
	}
	wg.Wait()

	for _, e := range readErrs {
		var re *extract.ReadError
		switch {
		case errors.As(e, &re):
			fmt.Fprintf(stderr, "chronograph: %v\n", e)
			failed++
		case err == nil:
			err = e
		}
	}
	if parent.Err() != nil {
		return failed, errors.New("interrupted")
	}
	return failed, err
}

// failedError is the error of a command some of whose inputs failed.
func failedError(n int) error {
	if n == 1 {
		return errors.New("1 input failed")
	}
	return fmt.Errorf("%d inputs failed", n)
}
