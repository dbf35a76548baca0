package timeline

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// The benchmarks run on the store -timeline.db names, opened read-only:
// the 1M-event store graph's benchmarks build with
// "go test ./graph -bench Met -graph.big -graph.dir DIR", for instance.
// Without it they build a store of 20k events among 2k actors.
var benchDB = flag.String("timeline.db", "", "benchmark on the store in `DIR` (read-only)")

var bench struct {
	once    sync.Once
	s       *graph.Store
	actors  []string    // actor ids, in id order
	pairs   [][2]string // actor pairs with an event
	windows [][2]string // a week each
	err     error
}

func benchStore(b *testing.B) *graph.Store {
	b.Helper()
	bench.once.Do(func() {
		if *benchDB != "" {
			bench.s, bench.err = graph.Open(*benchDB, &graph.Options{ReadOnly: true})
		} else {
			bench.s, bench.err = smallStore(b)
		}
		if bench.err != nil {
			return
		}
		as, err := bench.s.Actors()
		if err != nil {
			bench.err = err
			return
		}
		for _, a := range as {
			bench.actors = append(bench.actors, a.ID)
		}
		r := rand.New(rand.NewPCG(3, 3))
		evs, err := bench.s.Events(graph.Filter{From: "2010-03", To: "2010-03"})
		if err != nil || len(evs) == 0 {
			bench.err = fmt.Errorf("no events in March 2010 to pick pairs from: %v", err)
			return
		}
		for len(bench.pairs) < 256 {
			e := evs[r.IntN(len(evs))]
			if len(e.Source) > 0 && len(e.Target) > 0 && e.Source[0] != e.Target[0] {
				bench.pairs = append(bench.pairs, [2]string{e.Source[0], e.Target[0]})
			}
		}
		day0 := time.Date(2009, 1, 5, 0, 0, 0, 0, time.UTC)
		for range 256 {
			from := day0.AddDate(0, 0, 7*r.IntN(150))
			bench.windows = append(bench.windows, [2]string{from.Format("2006-01-02"), from.AddDate(0, 0, 6).Format("2006-01-02")})
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.s
}

// smallStore generates documents of ten events each, among actors whose
// popularity follows a Zipf law, with a date mentioned in each document's
// text, and ingests them into a temporary store.
func smallStore(b *testing.B) (*graph.Store, error) {
	dir, err := os.MkdirTemp("", "timeline-bench-")
	if err != nil {
		return nil, err
	}
	s, err := graph.Open(dir, nil)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(1, 2))
	const events, actors = 20_000, 2_000
	z := rand.NewZipf(r, 1.2, 4, actors-1)
	actor := func() string { return fmt.Sprintf("a%05d", z.Uint64()) }
	types := []string{"meet", "visit", "accuse", "praise", "attack", "statement"}
	day0 := time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []*extract.Analysis
	for n := 0; n < events; n += 10 {
		pub := day0.AddDate(0, 0, r.IntN(3*365))
		a := &extract.Analysis{Doc: extract.Document{ID: fmt.Sprintf("doc%06d", len(docs)), Published: pub.Format("2006-01-02")}}
		cited := pub.AddDate(0, 0, -r.IntN(60))
		a.Doc.Text = fmt.Sprintf("It began on %s.", cited.Format("January 2"))
		a.Timexes = []extract.Timex{{Text: cited.Format("January 2"), Type: "DATE", Value: cited.Format("2006-01-02"),
			Span: extract.Span{Start: 12, End: 12 + len(cited.Format("January 2"))}, Rule: "date.month-day"}}
		seen := map[string]bool{}
		for i := range 10 {
			src, tgt := actor(), actor()
			for tgt == src {
				tgt = actor()
			}
			text := fmt.Sprintf("%s and %s, event %d of the generated news.", src, tgt, n+i)
			a.Events = append(a.Events, extract.Event{ID: fmt.Sprintf("x%d", i), Type: types[r.IntN(len(types))],
				Source: []string{src}, Target: []string{tgt}, Date: pub.AddDate(0, 0, -r.IntN(4)).Format("2006-01-02"),
				Confidence: 0.8, Mentions: []extract.Mention{{Text: text, Rule: "bench", Sentence: extract.Span{Start: i * 60, End: i*60 + 50}}}})
			for _, x := range []string{src, tgt} {
				if !seen[x] {
					seen[x] = true
					a.Actors = append(a.Actors, extract.Actor{ID: x, Name: "Actor " + x, Kind: extract.KindPerson})
				}
			}
		}
		docs = append(docs, a)
	}
	if _, err := s.Ingest(b.Context(), docs); err != nil {
		return nil, err
	}
	return s, nil
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if bench.s != nil {
		bench.s.Close()
		if *benchDB == "" {
			os.RemoveAll(bench.s.Dir())
		}
	}
	os.Exit(code)
}

// BenchmarkTimeline builds the timeline of an actor chosen at random, of a
// pair of actors with an event in March 2010, and of a week, as
// "chronograph timeline" does (New) and without the dates the documents
// mention (Load), and reports the wall-clock and CPU time percentiles.
func BenchmarkTimeline(b *testing.B) {
	s := benchStore(b)
	queries := map[string]func(r *rand.Rand) graph.Filter{
		"actor": func(r *rand.Rand) graph.Filter {
			return graph.Filter{Actors: []string{bench.actors[r.IntN(len(bench.actors))]}}
		},
		"pair": func(r *rand.Rand) graph.Filter {
			p := bench.pairs[r.IntN(len(bench.pairs))]
			return graph.Filter{Actors: p[:]}
		},
		"week": func(r *rand.Rand) graph.Filter {
			w := bench.windows[r.IntN(len(bench.windows))]
			return graph.Filter{From: w[0], To: w[1]}
		},
	}
	builds := map[string]func(f graph.Filter) (Timeline, error){
		"Load": func(f graph.Filter) (Timeline, error) { return Load(s, f) },
		"New":  func(f graph.Filter) (Timeline, error) { return New(s, f, Options{}) },
	}
	for _, q := range []string{"actor", "pair", "week"} {
		for _, how := range []string{"Load", "New"} {
			b.Run(q+"/"+how, func(b *testing.B) {
				r := rand.New(rand.NewPCG(5, 5))
				var wall, cpu []time.Duration
				evs := 0
				b.ReportAllocs()
				for b.Loop() {
					f := queries[q](r)
					runtime.LockOSThread()
					start, c0 := time.Now(), threadCPU()
					t, err := builds[how](f)
					wall = append(wall, time.Since(start))
					if c := threadCPU(); c > 0 {
						cpu = append(cpu, c-c0)
					}
					runtime.UnlockOSThread()
					if err != nil {
						b.Fatal(err)
					}
					for _, en := range t.Entries {
						evs += len(en.Events)
					}
				}
				percentiles(b, wall, "")
				percentiles(b, cpu, "-cpu")
				b.ReportMetric(float64(evs)/float64(b.N), "events/op")
			})
		}
	}
}

// percentiles reports the 50th and 99th percentile of ds in ms.
func percentiles(b *testing.B, ds []time.Duration, unit string) {
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
