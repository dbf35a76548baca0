package graph

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
)

// shared returns n documents that all report the same few interactions
// (the fixture's actors, on a handful of dates), so that concurrent
// ingests touch the same actors and groups and their transactions
// conflict.
func shared(n int) []*extract.Analysis {
	var as []*extract.Analysis
	for i := range n {
		for j, a := range fixture() {
			a.Doc.ID = fmt.Sprintf("shared-%03d-%d", i, j)
			a.Doc.Published = fmt.Sprintf("2016-%02d-10", 1+i%12)
			for k := range a.Events {
				if a.Events[k].Date != "" {
					a.Events[k].Date = fmt.Sprintf("2016-%02d-0%d", 1+i%12, 1+i%3)
				}
			}
			as = append(as, a)
		}
	}
	return as
}

// TestConcurrentIngest ingests the same documents from several goroutines
// in different orders while others query the store. Every ingest succeeds
// (conflicting transactions are retried), every read sees a consistent
// store, and the result is the store a single sequential ingest makes.
// Run it with -race.
func TestConcurrentIngest(t *testing.T) {
	docs := shared(12)
	want := mustOpen(t)
	mustIngest(t, want, docs)
	wantRes := mustCheck(t, want)
	wantStats, err := want.Stats()
	if err != nil {
		t.Fatal(err)
	}

	s := mustOpen(t)
	const writers, readers = 4, 3
	var wg sync.WaitGroup
	errs := make(chan error, writers+readers)
	stop := make(chan struct{})
	for w := range writers {
		order := make([]*extract.Analysis, len(docs))
		copy(order, docs)
		rand.New(rand.NewPCG(uint64(w), 1)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wg.Go(func() {
			// Small batches, so that the writers interleave.
			for i := 0; i < len(order); i += 3 {
				if _, err := s.Ingest(t.Context(), order[i:min(i+3, len(order))]); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		})
	}
	var rg sync.WaitGroup
	for r := range readers {
		rg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				switch r {
				case 0:
					_, err = s.Stats()
				case 1:
					_, err = s.Met("Lavrov", "Kerry")
					if errors.Is(err, ErrNotFound) {
						err = nil // not ingested yet
					}
				case 2:
					var res *CheckResult
					res, err = s.Check(t.Context())
					if err == nil && !res.OK() {
						err = fmt.Errorf("check during ingest: %v", res.Problems)
					}
				}
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := mustCheck(t, s)
	gotStats, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if got.Documents != wantRes.Documents || got.Events != wantRes.Events || got.Keys != wantRes.Keys || gotStats != wantStats {
		t.Errorf("concurrent ingest: %+v %+v; sequential: %+v %+v", got, gotStats, wantRes, wantStats)
	}
	evs, err := s.Events(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	wantEvs, err := want.Events(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != len(wantEvs) {
		t.Errorf("concurrent ingest: %d events, sequential %d", len(evs), len(wantEvs))
	}
}

// TestConcurrentReaders opens the store read-only several times at once
// and queries it from many goroutines.
func TestConcurrentReaders(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustIngest(t, w, fixture())
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			r, err := Open(dir, &Options{ReadOnly: true})
			if err != nil {
				t.Errorf("reader %d: %v", i, err)
				return
			}
			defer r.Close()
			var inner sync.WaitGroup
			for range 4 {
				inner.Go(func() {
					st, err := r.Stats()
					if err != nil || st.Documents != 2 {
						t.Errorf("reader %d: Stats() = %+v, %v", i, st, err)
					}
					if _, err := r.Met("Lavrov", ""); err != nil {
						t.Errorf("reader %d: Met(): %v", i, err)
					}
				})
			}
			inner.Wait()
		})
	}
	wg.Wait()
	// No writer while the readers are open; one after they closed.
	r, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Open(dir, nil)
	if !errors.Is(err, ErrLocked) || time.Since(start) > 2*time.Second {
		t.Errorf("writer beside a reader: %v after %v, want ErrLocked at once", err, time.Since(start))
	}
	r.Close()
	w2 := mustOpenDir(t, dir)
	mustCheck(t, w2)
}
