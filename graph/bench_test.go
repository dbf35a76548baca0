package graph

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
	"github.com/dgraph-io/badger/v4"
)

// The benchmarks run on a generated store: -graph.big makes it 1M events
// among 100k actors (it takes minutes to build); the default is 100k events
// among 10k actors. -graph.dir keeps the store in a directory, so that a
// second run reuses it.
var (
	benchBig = flag.Bool("graph.big", false, "benchmark on 1M events and 100k actors")
	benchDir = flag.String("graph.dir", "", "build (or reuse) the benchmark store in `DIR`")
)

var bench struct {
	once   sync.Once
	s      *Store
	v      *View
	actors int
	err    error
	dir    string
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if bench.s != nil {
		bench.s.Close()
	}
	if bench.dir != "" && *benchDir == "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// hasKeys reports whether s has a key with the given prefix.
func hasKeys(s *Store, prefix []byte) bool {
	found := false
	s.db.View(func(txn *badger.Txn) error {
		o := badger.DefaultIteratorOptions
		o.PrefetchValues = false
		o.Prefix = prefix
		it := txn.NewIterator(o)
		defer it.Close()
		it.Seek(prefix)
		found = it.ValidForPrefix(prefix)
		return nil
	})
	return found
}

// benchStore returns the generated store and its view, building them once.
func benchStore(b *testing.B) (*Store, *View, int) {
	b.Helper()
	bench.once.Do(func() {
		events, actors := 100_000, 10_000
		if *benchBig {
			events, actors = 1_000_000, 100_000
		}
		bench.actors = actors
		dir := *benchDir
		if dir == "" {
			if dir, bench.err = os.MkdirTemp("", "graph-bench-"); bench.err != nil {
				return
			}
		}
		bench.dir = dir
		if bench.s, bench.err = Open(dir, nil); bench.err != nil {
			return
		}
		if !hasKeys(bench.s, prefixDoc) {
			start := time.Now()
			docs := generate(events, actors, 1)
			for i := 0; i < len(docs); i += 256 {
				if _, bench.err = bench.s.Ingest(b.Context(), docs[i:min(i+256, len(docs))]); bench.err != nil {
					return
				}
			}
			fmt.Fprintf(os.Stderr, "built %d documents, %d events, %d actors in %v\n", len(docs), events, actors, time.Since(start).Round(time.Second))
		} else if !hasKeys(bench.s, prefixPair) {
			start := time.Now()
			if bench.err = bench.s.reindexPairs(b.Context()); bench.err != nil {
				return
			}
			fmt.Fprintf(os.Stderr, "pair index of a store built before it: %v\n", time.Since(start).Round(time.Second))
		}
		start := time.Now()
		bench.v, bench.err = bench.s.Load(Filter{})
		if bench.err == nil {
			fmt.Fprintf(os.Stderr, "view: %d actors (%d linked), %d links, %d events, loaded in %v\n",
				bench.v.Len(), bench.v.Linked(), bench.v.Edges(), bench.v.Events(), time.Since(start).Round(time.Millisecond))
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.s, bench.v, bench.actors
}

var benchTypes = []string{"meet", "meet", "meet", "visit", "negotiate", "accuse", "criticize", "ally", "cooperate", "praise"}

// generate returns documents of ten events each among actors whose
// popularity follows a Zipf law, as in the news: a few hubs, many actors
// seldom named. One event in ten is a report of an earlier document's
// event (same type, actors and date), one in twenty of those a wire copy.
func generate(events, actors int, seed uint64) []*extract.Analysis {
	r := rand.New(rand.NewPCG(seed, seed+1))
	z := rand.NewZipf(r, 1.2, 4, uint64(actors-1))
	actor := func() string { return fmt.Sprintf("a%06d", z.Uint64()) }
	day0 := time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []*extract.Analysis
	var prev []extract.Event
	for n := 0; n < events; n += 10 {
		pub := day0.AddDate(0, 0, r.IntN(3*365))
		a := &extract.Analysis{Doc: extract.Document{ID: fmt.Sprintf("doc%07d", len(docs)), Published: pub.Format("2006-01-02")}}
		seen := map[string]bool{}
		for i := range 10 {
			var e extract.Event
			if len(prev) > 0 && r.IntN(10) == 0 {
				e = prev[r.IntN(len(prev))]
				e.Mentions = slices.Clone(e.Mentions)
			} else {
				src, tgt := actor(), actor()
				for tgt == src {
					tgt = actor()
				}
				e = extract.Event{Type: benchTypes[r.IntN(len(benchTypes))], Source: []string{src}, Target: []string{tgt},
					Date: pub.AddDate(0, 0, -r.IntN(4)).Format("2006-01-02"), Confidence: 0.8}
				text := fmt.Sprintf("%s and %s, event %d of the generated news.", src, tgt, n+i)
				e.Mentions = []extract.Mention{{Text: text, Rule: "bench"}}
			}
			e.ID = fmt.Sprintf("x%d", i)
			e.Mentions[0].Sentence = extract.Span{Start: i * 60, End: i*60 + 50}
			if r.IntN(20) != 0 && len(prev) > 0 && e.Mentions[0].Doc != "" {
				e.Mentions[0].Text += fmt.Sprintf(" Reported again in %s.", a.Doc.ID)
			}
			for _, x := range append(slices.Clone(e.Source), e.Target...) {
				if !seen[x] {
					seen[x] = true
					a.Actors = append(a.Actors, extract.Actor{ID: x, Name: "Actor " + x, Kind: extract.KindPerson})
				}
			}
			a.Events = append(a.Events, e)
			e.Mentions[0].Doc = a.Doc.ID
			if len(prev) < 10_000 {
				prev = append(prev, e)
			} else {
				prev[r.IntN(len(prev))] = e
			}
		}
		docs = append(docs, a)
	}
	return docs
}

// percentiles reports the 50th and 99th percentile of ds in ms.
func percentiles(b *testing.B, ds []time.Duration) {
	reportPercentiles(b, ds, "")
}

func reportPercentiles(b *testing.B, ds []time.Duration, unit string) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	p := func(q float64) float64 {
		return float64(ds[min(len(ds)-1, int(q*float64(len(ds))))]) / 1e6
	}
	b.ReportMetric(p(0.50), "p50"+unit+"-ms")
	b.ReportMetric(p(0.99), "p99"+unit+"-ms")
}

// A latencies records the wall-clock and CPU time of each query of a
// benchmark. On a shared machine the wall-clock percentiles include the
// time the query waited for a core; the CPU ones (cpu-p50, cpu-p99) do not.
type latencies struct {
	wall, cpu []time.Duration
	t0, c0    time.Duration
	start     time.Time
}

// begin locks the goroutine to its thread, so that threadCPU measures it.
func (l *latencies) begin() {
	runtime.LockOSThread()
	l.start, l.c0 = time.Now(), threadCPU()
}

func (l *latencies) end() {
	l.wall = append(l.wall, time.Since(l.start))
	if c := threadCPU(); c > 0 {
		l.cpu = append(l.cpu, c-l.c0)
	}
	runtime.UnlockOSThread()
}

func (l *latencies) report(b *testing.B) {
	reportPercentiles(b, l.wall, "")
	reportPercentiles(b, l.cpu, "-cpu")
}

// BenchmarkMet asks whom stored actors met, chosen at random (a name no
// actor has costs a scan of all actors for substring matches instead).
func BenchmarkMet(b *testing.B) {
	s, v, _ := benchStore(b)
	r := rand.New(rand.NewPCG(7, 7))
	var l latencies
	meetings := 0
	b.ReportAllocs()
	for b.Loop() {
		name := v.ActorID(int64(r.IntN(v.Len())))
		l.begin()
		ms, err := s.Met(name, "")
		l.end()
		if err != nil && !isNotFound(err) {
			b.Fatal(err)
		}
		meetings += len(ms)
	}
	l.report(b)
	b.ReportMetric(float64(meetings)/float64(b.N), "meetings/op")
}

func isNotFound(err error) bool { return err != nil && errors.Is(err, ErrNotFound) }

func BenchmarkLoad(b *testing.B) {
	s, _, _ := benchStore(b)
	b.ReportAllocs()
	for b.Loop() {
		v, err := s.Load(Filter{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(v.Events()), "events/op")
	}
}

func BenchmarkLoadWindow(b *testing.B) {
	s, _, _ := benchStore(b)
	for b.Loop() {
		v, err := s.Load(Filter{From: "2010-03", To: "2010-03"})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(v.Events()), "events/op")
	}
}

// benchPairs returns pairs of linked actors of v, chosen at random.
func benchPairs(v *View, n int) [][2]int64 {
	r := rand.New(rand.NewPCG(9, 9))
	var ps [][2]int64
	for len(ps) < n {
		a, c := int64(r.IntN(v.Len())), int64(r.IntN(v.Len()))
		if a != c && len(v.adj[a]) > 0 && len(v.adj[c]) > 0 {
			ps = append(ps, [2]int64{a, c})
		}
	}
	return ps
}

func BenchmarkPath(b *testing.B) {
	_, v, _ := benchStore(b)
	for _, k := range []int{1, 3} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			ps := benchPairs(v, 64)
			var ds []time.Duration
			i := 0
			for b.Loop() {
				p := ps[i%len(ps)]
				i++
				start := time.Now()
				v.KShortest(p[0], p[1], k)
				ds = append(ds, time.Since(start))
			}
			percentiles(b, ds)
		})
	}
}

// BenchmarkStorePath is what "chronograph path A B" does: resolve both
// names, load the view of every event, search, and read the events of
// each hop.
func BenchmarkStorePath(b *testing.B) {
	s, v, _ := benchStore(b)
	ps := benchPairs(v, 64)
	var l latencies
	i := 0
	for b.Loop() {
		p := ps[i%len(ps)]
		i++
		l.begin()
		_, err := s.Paths(Filter{}, v.ActorID(p[0]), v.ActorID(p[1]), 1)
		l.end()
		if err != nil && !errors.Is(err, ErrNoPath) {
			b.Fatal(err)
		}
	}
	l.report(b)
}

// BenchmarkMetPair asks whether two actors with an event met.
func BenchmarkMetPair(b *testing.B) {
	s, v, _ := benchStore(b)
	ps := benchPairs(v, 256)
	var l latencies
	i := 0
	for b.Loop() {
		p := ps[i%len(ps)]
		i++
		l.begin()
		_, err := s.Met(v.ActorID(p[0]), v.ActorID(p[1]))
		l.end()
		if err != nil {
			b.Fatal(err)
		}
	}
	l.report(b)
}

func BenchmarkTimePath(b *testing.B) {
	_, v, _ := benchStore(b)
	ps := benchPairs(v, 64)
	i := 0
	for b.Loop() {
		p := ps[i%len(ps)]
		i++
		v.EarliestArrival(p[0], p[1], "2009-06")
	}
}

func BenchmarkPageRank(b *testing.B) {
	_, v, _ := benchStore(b)
	for b.Loop() {
		v.PageRank()
	}
}

func BenchmarkLouvain(b *testing.B) {
	_, v, _ := benchStore(b)
	for b.Loop() {
		cs, q := v.Communities()
		b.ReportMetric(float64(len(cs)), "communities")
		b.ReportMetric(q, "modularity")
	}
}

func BenchmarkBetweenness(b *testing.B) {
	_, v, _ := benchStore(b)
	for _, k := range []int{64, DefaultSamples} {
		b.Run(fmt.Sprintf("samples=%d", k), func(b *testing.B) {
			for b.Loop() {
				v.Betweenness(k)
			}
		})
	}
}

// BenchmarkRank is what "chronograph rank --by pagerank" does: load the
// view from the store, rank, name the top 20.
func BenchmarkRank(b *testing.B) {
	s, _, _ := benchStore(b)
	for b.Loop() {
		if _, err := s.Rank(Filter{}, RankOptions{By: ByPageRank, Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngest ingests 1,000 generated documents (10,000 events), in
// calls of 256 as chronograph ingest does: into an empty store (empty), and
// into a store that already holds 20,000 documents (200,000 events) about
// the same actors (full), each iteration 1,000 more, which is where the
// cost of merging with stored reports shows.
func BenchmarkIngest(b *testing.B) {
	var cpu float64 // CPU seconds of the process in the timed ingests
	ingest := func(b *testing.B, s *Store, docs []*extract.Analysis) {
		cpu0 := cpuSeconds()
		for i := 0; i < len(docs); i += 256 {
			if _, err := s.Ingest(b.Context(), docs[i:min(i+256, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		cpu += cpuSeconds() - cpu0
	}
	b.Run("empty", func(b *testing.B) {
		docs := generate(10_000, 5_000, 2)
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			s, err := Open(b.TempDir(), nil)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			ingest(b, s, docs)
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "events/s")
		b.ReportMetric(float64(10_000*b.N)/cpu, "events/cpu-s")
	})
	// bulk and bulk200k load a new store with a Bulk (Close, which writes
	// the last chunk and moves the store into place, included).
	bulk := func(b *testing.B, n int) {
		docs := generate(n, 5_000, 2)
		b.ReportAllocs()
		cpu = 0
		for b.Loop() {
			b.StopTimer()
			bl, err := NewBulk(filepath.Join(b.TempDir(), "db"), nil)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			cpu0 := cpuSeconds()
			for i := 0; i < len(docs); i += 256 {
				if _, err := bl.Ingest(b.Context(), docs[i:min(i+256, len(docs))]); err != nil {
					b.Fatal(err)
				}
			}
			if err := bl.Close(); err != nil {
				b.Fatal(err)
			}
			cpu += cpuSeconds() - cpu0
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
		b.ReportMetric(float64(n*b.N)/cpu, "events/cpu-s")
	}
	b.Run("bulk", func(b *testing.B) { bulk(b, 10_000) })
	b.Run("bulk200k", func(b *testing.B) { bulk(b, 200_000) })
	b.Run("full", func(b *testing.B) {
		const base, batch, rounds = 20_000, 1_000, 20
		docs := generate((base+rounds*batch)*10, 5_000, 2)
		s, err := Open(b.TempDir(), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		start := time.Now()
		ingest(b, s, docs[:base])
		b.Logf("built %d documents in %v", base, time.Since(start).Round(time.Millisecond))
		b.ReportAllocs()
		b.ResetTimer()
		cpu = 0
		n := 0
		for b.Loop() {
			if n == rounds {
				b.Fatalf("more than %d rounds: use -benchtime %dx or less", rounds, rounds)
			}
			ingest(b, s, docs[base+n*batch:base+(n+1)*batch])
			n++
		}
		b.ReportMetric(float64(batch*10*b.N)/b.Elapsed().Seconds(), "events/s")
		b.ReportMetric(float64(batch*10*b.N)/cpu, "events/cpu-s")
	})
}

// cpuSeconds returns the user and system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
