package graph

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/chronograph/chronograph/extract"
)

// dumpStore returns every key and value of the store, in key order.
func dumpStore(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("%q = %x", it.Item().Key(), v))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// bulkCorpus is randomCorpus with some documents ingested twice: the same
// analysis (skipped) and a changed one (replacing the first).
func bulkCorpus(seed uint64, n int) []*extract.Analysis {
	r := rand.New(rand.NewPCG(seed, 7))
	as := randomCorpus(r, n)
	again := randomCorpus(r, n/4)
	for i := range again {
		as = append(as, as[r.IntN(len(as))], again[i])
	}
	r.Shuffle(len(as), func(i, j int) { as[i], as[j] = as[j], as[i] })
	return as
}

func TestBulkSameAsIngest(t *testing.T) {
	for _, tc := range []struct {
		name  string
		docs  []*extract.Analysis
		chunk int // bytes; small ones make many incremental chunks
		batch int
	}{
		{"random, one chunk", bulkCorpus(1, 60), 0, 7},
		{"random, many chunks", bulkCorpus(2, 60), 2 << 10, 5},
		{"random, chunk per document", bulkCorpus(3, 40), 1, 3},
		{"generated news", generate(3_000, 200, 5), 16 << 10, 64},
		{"fixture", fixture(), 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			var want IngestResult
			for i := 0; i < len(tc.docs); i += tc.batch {
				want.add(mustIngest(t, s, tc.docs[i:min(i+tc.batch, len(tc.docs))]))
			}
			dir := filepath.Join(t.TempDir(), "bulk")
			b, err := NewBulk(dir, &BulkOptions{ChunkBytes: tc.chunk})
			if err != nil {
				t.Fatal(err)
			}
			var got IngestResult
			for i := 0; i < len(tc.docs); i += tc.batch {
				r, err := b.Ingest(t.Context(), tc.docs[i:min(i+tc.batch, len(tc.docs))])
				if err != nil {
					t.Fatal(err)
				}
				got.add(r)
			}
			if err := b.Close(); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("bulk counted %+v, ingest %+v", got, want)
			}
			if _, err := os.Stat(dir + ".bulk"); !os.IsNotExist(err) {
				t.Errorf("%s.bulk left behind: %v", dir, err)
			}
			bs := mustOpenDir(t, dir)
			checkConsistency(t, bs)
			if res, err := bs.Check(t.Context()); err != nil || !res.OK() {
				t.Errorf("check of the bulk-loaded store: %v %v", err, res)
			}
			w, g := dumpStore(t, s), dumpStore(t, bs)
			if !slices.Equal(w, g) {
				t.Errorf("bulk store differs from ingest's (%d keys against %d):\n%s", len(g), len(w), firstDiff(w, g))
			}
			// the bulk-loaded store takes ordinary ingests and forgets
			more := randomCorpus(rand.New(rand.NewPCG(9, 9)), 5)
			mustIngest(t, bs, more)
			mustIngest(t, s, more)
			for _, id := range []string{more[0].Doc.ID, tc.docs[0].Doc.ID} {
				if _, err := bs.ForgetDocument(id); err != nil {
					t.Fatal(err)
				}
				if _, err := s.ForgetDocument(id); err != nil {
					t.Fatal(err)
				}
			}
			if w, g := dumpStore(t, s), dumpStore(t, bs); !slices.Equal(w, g) {
				t.Errorf("after more ingests and forgets the stores differ:\n%s", firstDiff(w, g))
			}
		})
	}
}

func firstDiff(want, got []string) string {
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			return fmt.Sprintf("key %d: ingest %s\n        bulk   %s", i, w, g)
		}
	}
	return ""
}

func TestBulkRefusesAndCleansUp(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, filepath.Join(dir, "db"))
	s.Close()
	if _, err := NewBulk(filepath.Join(dir, "db"), nil); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("bulk load into an existing store: %v, want it refused", err)
	}
	// an unfinished load is removed; a stranger's directory is not
	os.MkdirAll(filepath.Join(dir, "x.bulk"), 0o755)
	os.WriteFile(filepath.Join(dir, "x.bulk", "notes.txt"), []byte("mine"), 0o644)
	if _, err := NewBulk(filepath.Join(dir, "x"), nil); err == nil || !strings.Contains(err.Error(), "in the way") {
		t.Errorf("bulk load with a foreign x.bulk: %v, want it refused", err)
	}
	b, err := NewBulk(filepath.Join(dir, "y"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Ingest(t.Context(), fixture()); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	if _, err := os.Stat(filepath.Join(dir, "y.bulk")); !os.IsNotExist(err) {
		t.Errorf("abort left y.bulk: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "y")); !os.IsNotExist(err) {
		t.Errorf("abort made y: %v", err)
	}
	// a killed load leaves y.bulk with its marker: the next one starts over
	b, err = NewBulk(filepath.Join(dir, "y"), nil)
	if err != nil {
		t.Fatal(err)
	}
	b.s.Close() // as a kill would leave it
	b, err = NewBulk(filepath.Join(dir, "y"), nil)
	if err != nil {
		t.Fatalf("bulk load after an unfinished one: %v", err)
	}
	if _, err := b.Ingest(t.Context(), fixture()); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpenDir(t, filepath.Join(dir, "y"))
	if n := len(dumpStore(t, s)); n == 0 || !bytes.Contains([]byte(strings.Join(dumpStore(t, s), "\n")), []byte(`"m/"`)) {
		t.Errorf("bulk-loaded store has %d keys and no format key", n)
	}
}
