package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// benchDoc is a news text with its sentences, split once for the benchmarks.
type benchDoc struct {
	text      string
	published string
	sents     []Span
}

var (
	benchOnce sync.Once
	benchDocs []benchDoc
	benchSize int
)

// loadBenchDocs reads about 2 MB of article text from the timeline17
// corpus, or builds news-like text when the corpus is not there.
func loadBenchDocs(b *testing.B) ([]benchDoc, int) {
	b.Helper()
	benchOnce.Do(func() {
		const want = 2 << 20
		var texts []string
		if f, err := os.Open(filepath.Join("..", "..", "shared", "corpus", "timeline17.jsonl.gz")); err == nil {
			defer f.Close()
			if zr, err := gzip.NewReader(f); err == nil {
				sc := bufio.NewScanner(zr)
				sc.Buffer(make([]byte, 1<<20), 1<<26)
				n := 0
				for n < want && sc.Scan() {
					var d struct {
						Text string `json:"text"`
					}
					if json.Unmarshal(sc.Bytes(), &d) == nil && d.Text != "" {
						texts = append(texts, d.Text)
						n += len(d.Text)
					}
				}
			}
		}
		if len(texts) == 0 {
			para := "Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry met on Monday, " +
				"three weeks after a cease-fire brokered in February collapsed. Officials said last week that talks " +
				"would resume on Sept. 15, 2016, and that the past three years of war had killed thousands. " +
				"The third-quarter figures, due next month, will show whether the economy recovered this summer.\n"
			for n := 0; n < want; n += len(para) * 20 {
				texts = append(texts, strings.Repeat(para, 20))
			}
		}
		for _, t := range texts {
			benchDocs = append(benchDocs, benchDoc{t, "2011-03-01", Sentences(t, Span{0, len(t)})})
			benchSize += len(t)
		}
	})
	return benchDocs, benchSize
}

// BenchmarkTagTimes measures TagTimes over real news, its sentences split
// beforehand, in MB/s of text.
func BenchmarkTagTimes(b *testing.B) {
	docs, size := loadBenchDocs(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, d := range docs {
			n += len(TagTimes(d.text, d.sents, d.published))
		}
	}
	b.ReportMetric(float64(n), "timexes/op")
}
