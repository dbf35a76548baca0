package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var (
	extractBenchOnce sync.Once
	extractBenchDocs []Document
	extractBenchSize int
)

// extractBenchCorpus returns about 8 MB of news: the Timeline17 articles of
// ../shared/corpus when present, else copies of the test articles.
func extractBenchCorpus(tb testing.TB) ([]Document, int) {
	extractBenchOnce.Do(func() {
		const want = 8 << 20
		if f, err := os.Open(filepath.Join("..", "..", "shared", "corpus", "timeline17.jsonl.gz")); err == nil {
			defer f.Close()
			if zr, err := gzip.NewReader(f); err == nil {
				sc := bufio.NewScanner(zr)
				sc.Buffer(make([]byte, 1<<20), 1<<26)
				for sc.Scan() && extractBenchSize < want {
					var d struct{ ID, Published, Text string }
					if json.Unmarshal(sc.Bytes(), &d) == nil && d.Text != "" {
						extractBenchDocs = append(extractBenchDocs, Document{ID: d.ID, Published: d.Published, Text: d.Text})
						extractBenchSize += len(d.Text)
					}
				}
			}
		}
		if len(extractBenchDocs) > 0 {
			return
		}
		// no corpus: the seed and the case articles, over and over
		var texts []string
		if b, err := os.ReadFile("../testdata/seed.txt"); err == nil {
			texts = append(texts, string(b))
		}
		files, _ := filepath.Glob("testdata/cases/*.txtar")
		for _, f := range files {
			if ar, err := txtar.ParseFile(f); err == nil {
				for _, fl := range ar.Files {
					if fl.Name == "input.txt" {
						t := string(fl.Data)
						if i := strings.IndexByte(t, '\n'); strings.HasPrefix(t, "published:") && i > 0 {
							t = t[i+1:]
						}
						texts = append(texts, t)
					}
				}
			}
		}
		for i := 0; extractBenchSize < want && len(texts) > 0; i++ {
			t := texts[i%len(texts)]
			extractBenchDocs = append(extractBenchDocs, Document{Published: "2016-09-05", Text: t})
			extractBenchSize += len(t)
		}
	})
	if len(extractBenchDocs) == 0 {
		tb.Skip("no benchmark corpus")
	}
	return extractBenchDocs, extractBenchSize
}

// BenchmarkExtract measures the whole extractor on real news, on one core
// and on all cores, in MB/s, sentences/s and events per document.
func BenchmarkExtract(b *testing.B) {
	docs, size := extractBenchCorpus(b)
	var x Extractor
	x.Extract(docs[0]) // load the lexicon outside the timing
	sents := 0
	for _, d := range docs[:min(len(docs), 200)] {
		sents += len(Sentences(d.Text, BodySpan(d.Text)))
	}
	sentsPerByte := float64(sents) / float64(sumLen(docs[:min(len(docs), 200)]))
	b.Run("1core", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		events := 0
		cpu0 := cpuSeconds()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				events += len(x.Extract(d).Events)
			}
		}
		// CPU time, not wall time: the figure a shared, busy machine does
		// not distort (it includes the garbage collector's work)
		b.ReportMetric(float64(size)*float64(b.N)/1e6/(cpuSeconds()-cpu0), "MB/cpu-s")
		b.ReportMetric(float64(size)*sentsPerByte*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
		b.ReportMetric(float64(events)/float64(b.N)/float64(len(docs)), "events/doc")
	})
	b.Run("allcores", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var wg sync.WaitGroup
			next := make(chan Document)
			for w := 0; w < max(1, runtimeProcs()); w++ {
				wg.Go(func() {
					for d := range next {
						x.Extract(d)
					}
				})
			}
			for _, d := range docs {
				next <- d
			}
			close(next)
			wg.Wait()
		}
		b.ReportMetric(float64(size)*sentsPerByte*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
	})
}

func sumLen(docs []Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Text)
	}
	return n
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

// cpuSeconds returns the user and system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
