package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name string
		page string
		want Document
	}{
		{
			name: "longest article wins over related stories",
			page: `<body><article><p>Short teaser.</p></article>` +
				`<article><h1>Main</h1><p>The main story is the longest one on the page.</p></article></body>`,
			want: Document{Title: "Main", Text: "Main\n\nThe main story is the longest one on the page."},
		},
		{
			name: "main when there is no article",
			page: `<body><div class="menu">Menu</div><main><p>Inside main.</p></main><div>After.</div></body>`,
			want: Document{Text: "Inside main."},
		},
		{
			name: "body when there is neither",
			page: `<body><header>Site</header><div>One</div><div>Two <span>parts</span></div><footer>(c)</footer></body>`,
			want: Document{Text: "One\n\nTwo parts"},
		},
		{
			name: "pre keeps its spacing",
			page: "<body><p>Code:</p><pre>a  b\n  c</pre></body>",
			want: Document{Text: "Code:\n\na  b\n  c"},
		},
		{
			name: "entities and non-breaking spaces",
			page: "<body><p>Tom&nbsp;&amp;&nbsp;Jerry &ldquo;met&rdquo;.</p></body>",
			want: Document{Text: "Tom & Jerry \u201cmet\u201d."},
		},
		{
			name: "skipped elements nested in text",
			page: `<body><p>Before <script>alert(1)</script><noscript>enable JS</noscript>after.</p><aside><p>Ad</p></aside></body>`,
			want: Document{Text: "Before after."},
		},
		{
			name: "title over og:title over h1, canonical over og:url",
			page: `<head><title> Page  title </title><meta property="og:title" content="OG"><meta property="og:url" content="https://e.org/og">` +
				`<link rel="alternate canonical" href="https://e.org/c"></head><body><h1>H1</h1><p>Text.</p></body>`,
			want: Document{Title: "Page title", URL: "https://e.org/c", Text: "H1\n\nText."},
		},
		{
			name: "meta date wins over time element; bad dates are ignored",
			page: `<head><meta name="date" content="last week"><meta itemprop="datePublished" content="2017-03-02"></head>` +
				`<body><p>On <time datetime="2010-01-01">then</time>.</p></body>`,
			want: Document{Published: "2017-03-02", PublishedFrom: "html-meta", Text: "On then."},
		},
		{
			name: "JSON-LD list",
			page: `<head><script type="application/ld+json">[{"@type":"Organization"},{"@type":"NewsArticle","author":{"name":"X"},"datePublished":"2021-11-30"}]</script></head><body><p>T.</p></body>`,
			want: Document{Published: "2021-11-30", PublishedFrom: "html-meta", Text: "T."},
		},
		{
			name: "too deep for the parser: tokenizer fallback",
			page: "<html><head><title>Deep</title><script>x = '<p>no</p>'</script></head><body>" +
				strings.Repeat("<div>", 600) + "<p>First.</p><nav>menu</nav><p>Second<br>line.</p>" + strings.Repeat("</div>", 600) + "</body></html>",
			want: Document{Title: "Deep", Text: "First.\n\nSecond\nline."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHTML([]byte(tt.page))
			if err != nil {
				t.Fatalf("parseHTML() error: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseHTML() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseHTMLNoText(t *testing.T) {
	for _, page := range []string{
		"<html><head><title>T</title></head><body></body></html>",
		"<body><nav>Only</nav><footer>chrome</footer></body>",
		strings.Repeat("<div>", 1000) + "<script>x()</script>",
	} {
		if _, err := parseHTML([]byte(page)); err == nil || err.Error() != "no article text found in HTML" {
			t.Errorf("parseHTML(%.40q) error = %v, want no article text found in HTML", page, err)
		}
	}
}
