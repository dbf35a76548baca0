package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

var benchMB = flag.Float64("ingest.mb", 8, "BenchmarkIngest: `MB` of article text to ingest (the Timeline17 corpus has 28; more repeats it with new ids)")

// corpusPath is the Timeline17 corpus of ../shared/corpus, seen from this
// package's directory.
var corpusPath = filepath.Join("..", "..", "..", "shared", "corpus", "timeline17.jsonl.gz")

// A benchArticle is one article of the benchmark corpus: its id, and the
// rest of its JSON line after the id, so that copies with new ids are cheap
// to write.
type benchArticle struct {
	id   string
	rest []byte // `,"published":…,"text":…}` and the newline
	text int    // bytes of text
}

// line appends the JSON line of the article, its id suffixed with copy
// when copy > 0, to buf.
func (a *benchArticle) line(buf []byte, copy int) []byte {
	id := a.id
	if copy > 0 {
		id = fmt.Sprintf("%s#%d", id, copy)
	}
	q, _ := json.Marshal(id)
	buf = append(buf, `{"id":`...)
	buf = append(buf, q...)
	return append(buf, a.rest...)
}

var (
	benchCorpusOnce sync.Once
	benchCorpus     []benchArticle
	benchCorpusReal bool
)

// loadBenchCorpus returns the articles of the Timeline17 corpus when it is
// present (about 28 MB of text in 3,971 articles), else 4,000 generated
// news-like articles, and whether they are real.
func loadBenchCorpus(tb testing.TB) ([]benchArticle, bool) {
	tb.Helper()
	benchCorpusOnce.Do(func() {
		add := func(id, published, text string) {
			rest, _ := json.Marshal(struct {
				Published string `json:"published"`
				Text      string `json:"text"`
			}{published, text})
			rest[0] = ','
			benchCorpus = append(benchCorpus, benchArticle{id: id, rest: append(rest, '\n'), text: len(text)})
		}
		if f, err := os.Open(corpusPath); err == nil {
			defer f.Close()
			if zr, err := gzip.NewReader(f); err == nil {
				sc := bufio.NewScanner(zr)
				sc.Buffer(make([]byte, 1<<20), 1<<26)
				for sc.Scan() {
					var d struct{ ID, Published, Text string }
					if json.Unmarshal(sc.Bytes(), &d) == nil && d.Text != "" {
						add(d.ID, d.Published, d.Text)
					}
				}
			}
		}
		if len(benchCorpus) > 0 {
			benchCorpusReal = true
			return
		}
		rng := rand.New(rand.NewPCG(17, 17))
		for i := range 4000 {
			add(fmt.Sprintf("gen-%05d", i), time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700).Format(time.DateOnly),
				generatedArticle(rng))
		}
	})
	return benchCorpus, benchCorpusReal
}

// generatedArticle returns a news-like article of about 7 kB (the mean
// Timeline17 article) built from the crash test's sentence frames, with
// filler sentences no rule fires on.
func generatedArticle(rng *rand.Rand) string {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	filler := []string{
		"The talks were expected to last several days, according to people familiar with the matter.",
		"Officials declined to comment on the details of the proposal, citing the sensitivity of the negotiations.",
		"Analysts said the outcome remained uncertain and that much depended on the coming weeks.",
		"Residents of the city described long queues for bread and fuel, and sporadic shelling at night.",
	}
	var t strings.Builder
	for t.Len() < 7000 {
		if t.Len() > 0 {
			t.WriteString(" ")
		}
		if rng.IntN(3) == 0 {
			a, b := pick(corpusPeople), pick(corpusPeople)
			c, d := pick(corpusCountries), pick(corpusCountries)
			fmt.Fprintf(&t, pick(corpusFrames), a, b, c, d, pick(corpusPlaces), pick(corpusDays))
		} else {
			t.WriteString(pick(filler))
		}
		if rng.IntN(6) == 0 {
			t.WriteString("\n")
		}
	}
	return t.String()
}

// benchInput returns the JSON Lines of the first articles of the corpus
// whose text adds up to about want bytes, and their number and text size.
func benchInput(tb testing.TB, want int) (input []byte, docs, text int) {
	arts, _ := loadBenchCorpus(tb)
	var buf []byte
	for i := 0; text < want; i++ {
		a := &arts[i%len(arts)]
		buf = a.line(buf, i/len(arts))
		docs++
		text += a.text
	}
	return buf, docs, text
}

// BenchmarkIngest measures chronograph ingest end to end, the function the
// command runs (read JSON Lines from stdin, extract on GOMAXPROCS workers,
// store in order in batches) on about 8 MB (-ingest.mb) of real news text (Timeline17,
// else generated), into a new store each time: documents/s, MB/s of text,
// stored events/s, and MB of text per CPU-second (the figure a busy machine
// does not distort). Run it with -cpu 1,2 for one core and all cores.
// plain is chronograph ingest, bulk chronograph ingest --bulk.
func BenchmarkIngest(b *testing.B) {
	input, docs, text := benchInput(b, int(*benchMB*(1<<20)))
	x := new(extract.Extractor)
	if err := x.Init(); err != nil {
		b.Fatal(err)
	}
	for _, bulk := range []bool{false, true} {
		b.Run(map[bool]string{false: "plain", true: "bulk"}[bulk], func(b *testing.B) {
			b.SetBytes(int64(text))
			b.ReportAllocs()
			var (
				events  int
				elapsed time.Duration
				cpu     float64
			)
			for b.Loop() {
				b.StopTimer()
				dir, err := os.MkdirTemp("", "chronograph-bench-")
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start, cpu0 := time.Now(), cpuSeconds()
				var s storeWriter
				if bulk {
					s, err = graph.NewBulk(filepath.Join(dir, "db"), nil)
				} else {
					s, err = graph.Open(dir, nil)
				}
				if err != nil {
					b.Fatal(err)
				}
				total, failed, err := ingestPaths(b.Context(), x, s, []string{"-"}, bytes.NewReader(input), io.Discard, extract.ReadOptions{}, nil)
				if err != nil || failed > 0 {
					b.Fatalf("ingest: %d failed, %v", failed, err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
				cpu += cpuSeconds() - cpu0
				b.StopTimer()
				if total.Documents != docs {
					b.Fatalf("stored %d documents, want %d", total.Documents, docs)
				}
				events += total.Events
				os.RemoveAll(dir)
				b.StartTimer()
			}
			sec := elapsed.Seconds()
			b.ReportMetric(float64(docs*b.N)/sec, "docs/s")
			b.ReportMetric(float64(events)/sec, "events/s")
			b.ReportMetric(float64(text*b.N)/1e6/cpu, "MB/cpu-s")
			b.ReportMetric(float64(events)/float64(b.N), "events/op")
		})
	}
}

// cpuSeconds returns the user and system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
