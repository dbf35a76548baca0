package timeline

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// checkXML parses b as XML and returns the number of elements by name.
func checkXML(t testing.TB, b []byte) map[string]int {
	t.Helper()
	els := map[string]int{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return els
		}
		if err != nil {
			t.Fatalf("XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			els[se.Name.Local]++
		}
	}
}

// parseHTML parses b as HTML and returns the number of elements by name and
// the texts. It fails the test if an element loads anything (src, href).
func parseHTML(t testing.TB, b []byte) (map[string]int, []string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	els := map[string]int{}
	var texts []string
	for n := range doc.Descendants() {
		switch n.Type {
		case html.ElementNode:
			els[n.Data]++
			for _, a := range n.Attr {
				if a.Key == "src" || a.Key == "href" || a.Key == "xlink:href" {
					t.Errorf("<%s %s=%q> would load something", n.Data, a.Key, a.Val)
				}
			}
		case html.TextNode:
			texts = append(texts, n.Data)
		}
	}
	return els, texts
}

// seedTimeline is the timeline of the seed article (testdata/seed.jsonl),
// extracted and stored as chronograph ingest does.
func seedTimeline(t testing.TB) Timeline {
	t.Helper()
	var x extract.Extractor
	var as []*extract.Analysis
	errs := extract.ReadPaths(context.Background(), []string{"../testdata/seed.jsonl"}, nil, extract.ReadOptions{}, func(d extract.Document) error {
		as = append(as, x.Extract(d))
		return nil
	})
	if len(errs) > 0 {
		t.Fatal(errors.Join(errs...))
	}
	s, err := graph.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Ingest(context.Background(), as); err != nil {
		t.Fatal(err)
	}
	tl, err := Load(s, graph.Filter{IncludeNegated: true})
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// TestWriteSeed writes every format for the seed article.
func TestWriteSeed(t *testing.T) {
	tl := seedTimeline(t)
	for _, format := range WriteFormats {
		t.Run(format, func(t *testing.T) {
			out := write(t, tl, format)
			golden(t, out)
			switch format {
			case "dot":
				renderDOT(t, out)
			case "svg":
				checkXML(t, out)
			case "html":
				parseHTML(t, out)
			}
		})
	}
}

func TestWriteTimelineJS(t *testing.T) {
	evs := append(events(),
		extract.Event{ID: "e-year", Type: "ally", Source: []string{"russia"}, Target: []string{"syria"}, Date: "2015"},
		extract.Event{ID: "e-week", Type: "aid", Source: []string{"russia"}, Target: []string{"syria"}, Date: "2016-W36"},
		extract.Event{ID: "e-winter", Type: "attack", Source: []string{"syria"}, Date: "2016-WI"},
		extract.Event{ID: "e-range", Type: "fight", Source: []string{"syria"}, Date: "2011", DateEnd: "2014-03"},
	)
	var out struct {
		Title  json.RawMessage
		Events []struct {
			StartDate map[string]any `json:"start_date"`
			EndDate   map[string]any `json:"end_date"`
			Text      struct{ Headline, Text string }
			Group     string
			UniqueID  string `json:"unique_id"`
		}
	}
	tl := Build(evs, actors)
	var buf bytes.Buffer
	if err := WriteWith(&buf, tl, "timelinejs", WriteOptions{Group: "actor"}); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range out.Events {
		got[e.UniqueID] = fmt.Sprintf("%v %v %s", e.StartDate, e.EndDate, e.Group)
	}
	want := map[string]string{
		"e-year":    "map[year:2015] map[] Russia",
		"e-nomeet":  "map[day:5 month:9 year:2016] map[] Sergei Lavrov",
		"e-week":    "map[day:5 display_date:2016-W36 month:9 year:2016] map[day:11 month:9 year:2016] Russia",
		"e-accuse":  "map[day:9 month:9 year:2016] map[] Russia",
		"e-meet":    "map[day:9 month:9 year:2016] map[] Sergei Lavrov",
		"e-mediate": "map[month:10 year:2016] map[] Russia",
		"e-winter":  "map[display_date:2016-WI month:12 year:2016] map[month:2 year:2017] Syria",
		"e-range":   "map[year:2011] map[month:3 year:2014] Syria",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timelinejs dates mismatch (-want +got):\n%s", diff)
	}
	if !bytes.Contains(out.Title, []byte("(2 undated events left out)")) {
		t.Errorf("title does not count the undated events: %s", out.Title)
	}
}

// bigTimeline is a generated timeline of n events among 40 actors over two
// years.
func bigTimeline(n int) Timeline {
	as := map[string]extract.Actor{}
	for i := range 40 {
		id := fmt.Sprintf("actor-%02d", i)
		as[id] = extract.Actor{ID: id, Name: fmt.Sprintf("Actor %d", i), Kind: extract.KindCountry}
	}
	types := []string{"meet", "accuse", "aid", "attack", "praise", "negotiate", "statement"}
	var evs []extract.Event
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a, b := (i*7)%40%(1+i%40), (i*13+5)%40
		date := start.AddDate(0, 0, (i*37)%730).Format(time.DateOnly)
		switch i % 10 {
		case 3:
			date = date[:7]
		case 7:
			date = ""
		}
		evs = append(evs, extract.Event{ID: fmt.Sprintf("ev-%04d", i), Type: types[i%len(types)],
			Source: []string{fmt.Sprintf("actor-%02d", a)}, Target: []string{fmt.Sprintf("actor-%02d", b)}, Date: date,
			Mentions: []extract.Mention{{Doc: fmt.Sprintf("doc-%d", i%30), Text: "A sentence about it."}}})
	}
	return Build(evs, as)
}

// TestWriteBig checks that the timeline pictures of 10 and 500 events stay
// readable: at most DefaultLanes lanes plus one, at most maxColumns date
// columns, cells of at most maxCellLines lines; and that Graphviz renders
// the DOT.
func TestWriteBig(t *testing.T) {
	for _, n := range []int{10, 500} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			tl := bigTimeline(n)
			dot := write(t, tl, "dot")
			lanes := regexp.MustCompile(`(?m)^\tlane\d+ \[`).FindAll(dot, -1)
			cols := regexp.MustCompile(`(?m)^\tc\d+ \[`).FindAll(dot, -1)
			if len(lanes) > DefaultLanes+1 || len(cols) > maxColumns+1 {
				t.Errorf("dot has %d lanes and %d columns, want at most %d and %d", len(lanes), len(cols), DefaultLanes+1, maxColumns+1)
			}
			for _, m := range regexp.MustCompile(`(?m)^\tl\d+_\d+ \[label="(.*?)", tooltip`).FindAllSubmatch(dot, -1) {
				if n := strings.Count(string(m[1]), `\n`) + 1; n > maxCellLines {
					t.Errorf("cell %q has %d lines", m[1], n)
				}
			}
			svg := write(t, tl, "svg")
			if els := checkXML(t, svg); els["g"] < n {
				t.Errorf("svg has %d groups, want one per event (%d)", els["g"], n)
			}
			if !testing.Short() {
				renderDOT(t, dot)
			}
		})
	}
}

var bigOnce = sync.OnceValue(func() Timeline { return bigTimeline(500) })

func BenchmarkWrite(b *testing.B) {
	tl := bigOnce()
	for _, format := range []string{"dot", "svg", "timelinejs", "html"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, tl, format); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(500, "events/op")
		})
	}
}

// chromium returns the path of a Chromium or Chrome binary, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium on PATH (Debian packages chromium and chromium-driver)")
	return ""
}

// runChromium runs headless Chromium with args on url.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

// TestHTMLChromium loads the seed article's page in headless Chromium: the
// script runs, counts the events, applies a filter given in the URL, and a
// screenshot is taken.
func TestHTMLChromium(t *testing.T) {
	bin := chromium(t)
	tl := seedTimeline(t)
	page := filepath.Join(t.TempDir(), "timeline.html")
	if err := os.WriteFile(page, write(t, tl, "html"), 0o644); err != nil {
		t.Fatal(err)
	}
	total, meets := 0, 0
	for _, en := range tl.Entries {
		for _, e := range en.Events {
			total++
			if e.Type == "meet" {
				meets++
			}
		}
	}
	shown := regexp.MustCompile(`<span id="shown">(\d+) of (\d+) events shown</span>`)
	for _, tt := range []struct {
		hash string
		want int
	}{{"", total}, {"#type=meet", meets}, {"#from=2030", 0}} {
		dom := runChromium(t, bin, "--dump-dom", "file://"+page+tt.hash)
		m := shown.FindSubmatch(dom)
		if m == nil {
			t.Fatalf("page%s: the script did not count the events:\n%s", tt.hash, dom)
		}
		if got, _ := strconv.Atoi(string(m[1])); got != tt.want || string(m[2]) != strconv.Itoa(total) {
			t.Errorf("page%s shows %s of %s events, want %d of %d", tt.hash, m[1], m[2], tt.want, total)
		}
		if n := bytes.Count(dom, []byte(`<li class="event`)); n != total {
			t.Errorf("page%s has %d events, want %d", tt.hash, n, total)
		}
	}
	// Hostile names and ids neither inject markup nor stop the script.
	evil := filepath.Join(t.TempDir(), "evil.html")
	if err := os.WriteFile(evil, write(t, hostileTimeline(), "html"), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := runChromium(t, bin, "--dump-dom", "file://"+evil+"#actor=evil")
	if m := shown.FindSubmatch(dom); m == nil || string(m[1]) != "1" {
		t.Errorf("hostile page: the script did not filter to the hostile actor's event:\n%s", dom)
	}
	if n := bytes.Count(dom, []byte("<script")); n != 1 || bytes.Contains(dom, []byte("<b>left</b>")) {
		t.Errorf("hostile page has %d script elements, want 1, or injected markup", n)
	}
	png := filepath.Join(t.TempDir(), "timeline.png")
	runChromium(t, bin, "--screenshot="+png, "--window-size=1200,1600", "file://"+page)
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 10000 || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("screenshot is %d bytes, want a PNG of the page", len(b))
	}
	t.Logf("screenshot: %s (%d bytes)", png, len(b))
}

// timelineJS returns the dist directory of the TimelineJS 3 npm package
// (@knight-lab/timelinejs, installed globally or named by
// $CHRONOGRAPH_TIMELINEJS), or skips.
func timelineJS(t *testing.T) string {
	t.Helper()
	var dirs []string
	if d := os.Getenv("CHRONOGRAPH_TIMELINEJS"); d != "" {
		dirs = append(dirs, d)
	}
	if npm, err := exec.LookPath("npm"); err == nil {
		if out, err := exec.CommandContext(t.Context(), npm, "root", "-g").Output(); err == nil {
			dirs = append(dirs, filepath.Join(strings.TrimSpace(string(out)), "@knight-lab", "timelinejs", "dist"))
		}
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "js", "timeline.js")); err == nil {
			return d
		}
	}
	t.Skip("TimelineJS not installed (npm install -g @knight-lab/timelinejs)")
	return ""
}

// TestTimelineJSChromium renders the timelinejs export with TimelineJS 3
// itself in headless Chromium: one slide per dated event plus the title,
// dates at their granularity, and hostile names shown as text.
func TestTimelineJSChromium(t *testing.T) {
	bin := chromium(t)
	dist := timelineJS(t)
	render := func(t *testing.T, tl Timeline) []byte {
		data := write(t, tl, "timelinejs")
		page := fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://%s/css/timeline.css">
<script src="file://%s/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width:100%%;height:600px"></div>
<script>window.tl = new TL.Timeline("timeline-embed", %s, {script_path: "file://%s/js/"});</script>
</body></html>`, dist, dist, data, dist)
		p := filepath.Join(t.TempDir(), "timelinejs.html")
		if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		return runChromium(t, bin, "--virtual-time-budget=5000", "--dump-dom", "file://"+p)
	}
	t.Run("seed", func(t *testing.T) {
		tl := seedTimeline(t)
		dated := 0
		for _, en := range tl.Entries {
			if graph.Dated(en.Date) {
				dated += len(en.Events)
			}
		}
		dom := render(t, tl)
		if n := bytes.Count(dom, []byte(`class="tl-slide tl-slide-`)); n != dated+1 {
			t.Errorf("TimelineJS made %d slides, want %d (the title and %d dated events)", n, dated+1, dated)
		}
		if !bytes.Contains(dom, []byte(`tl-headline-date">February 2016</h3>`)) {
			t.Error("TimelineJS does not show the month-dated events as February 2016")
		}
	})
	t.Run("hostile", func(t *testing.T) {
		dom := render(t, hostileTimeline())
		if bytes.Contains(dom, []byte("<script>alert(1)")) || bytes.Contains(dom, []byte("<b>left</b>")) {
			t.Error("a hostile name or sentence became markup in TimelineJS")
		}
		if !bytes.Contains(dom, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
			t.Error("TimelineJS does not show the hostile name as text")
		}
	})
}

// TestWriteEmpty checks that every format of an empty timeline is
// well-formed.
func TestWriteEmpty(t *testing.T) {
	tl := Build(nil, nil)
	for _, format := range WriteFormats {
		out := write(t, tl, format)
		switch format {
		case "json", "timelinejs":
			if !json.Valid(out) {
				t.Errorf("%s of nothing is not JSON: %s", format, out)
			}
		case "svg":
			checkXML(t, out)
		case "html":
			parseHTML(t, out)
		case "dot":
			renderDOT(t, out)
		}
	}
}
