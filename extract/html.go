package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipHTML are elements whose text is never article text.
var skipHTML = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Noscript: true,
	atom.Iframe: true, atom.Template: true, atom.Svg: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Head: true, atom.Title: true,
}

// blockHTML are elements that start and end a block of text.
var blockHTML = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true,
	atom.Pre: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Figcaption: true, atom.Td: true, atom.Th: true,
	atom.Tr: true, atom.Dd: true, atom.Dt: true, atom.Ul: true, atom.Ol: true,
	atom.Table: true, atom.Hr: true, atom.Body: true, atom.Figure: true,
	atom.Address: true, atom.Dl: true,
}

// parseHTML returns the document in an HTML page: its main text, title,
// canonical URL, site name and publication date. b must be valid UTF-8.
func parseHTML(b []byte) (Document, error) {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		// The parser gives up on pages nested deeper than 512 elements.
		doc, err := flatHTML(b)
		if err == nil && strings.TrimSpace(doc.Text) == "" {
			err = errors.New("no article text found in HTML")
		}
		return doc, err
	}
	var (
		doc              Document
		title, ogTitle   string
		h1               string
		canonical, ogURL string
		metaDate, ldDate string
		propDate, tmDate string
		article, main    *html.Node
		articleLen       int
		body             *html.Node
	)
	// Walk the tree without recursion: pages can be nested very deeply.
	for n := range preorder(root) {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Title:
			if title == "" {
				title = collapse(textOf(n, false))
			}
		case atom.Meta:
			key := strings.ToLower(attr(n, "property"))
			if key == "" {
				key = strings.ToLower(attr(n, "name"))
			}
			content := attr(n, "content")
			switch key {
			case "og:title":
				ogTitle = content
			case "og:url":
				ogURL = content
			case "og:site_name":
				doc.Source = content
			case "article:published_time", "datepublished", "pubdate", "publishdate", "dc.date.issued", "dcterms.issued", "date":
				if metaDate == "" {
					metaDate = content
				}
			}
			if propDate == "" && attr(n, "itemprop") == "datePublished" {
				propDate = content
			}
		case atom.Link:
			if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				canonical = attr(n, "href")
			}
		case atom.Script:
			if ldDate == "" && strings.Contains(attr(n, "type"), "ld+json") {
				ldDate = jsonLDDate(textOf(n, false))
			}
		case atom.Time:
			if attr(n, "itemprop") == "datePublished" && propDate == "" {
				propDate = attr(n, "datetime")
			}
			if tmDate == "" {
				tmDate = attr(n, "datetime")
			}
		case atom.H1:
			if h1 == "" {
				h1 = collapse(textOf(n, true))
			}
		case atom.Article:
			// Prefer the longest <article>: pages list related ones too.
			if l := len(textOf(n, true)); article == nil || l > articleLen {
				article, articleLen = n, l
			}
		case atom.Main:
			if main == nil {
				main = n
			}
		case atom.Body:
			if body == nil {
				body = n
			}
		}
		if propDate == "" && n.DataAtom != atom.Meta && n.DataAtom != atom.Time && attr(n, "itemprop") == "datePublished" {
			propDate = attr(n, "content")
		}
	}
	content := article
	if content == nil {
		content = main
	}
	if content == nil {
		content = body
	}
	if content == nil {
		content = root
	}
	doc.Text = blocks(content)
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, errors.New("no article text found in HTML")
	}
	doc.Title = firstOf(title, strings.TrimSpace(ogTitle), h1)
	doc.URL = strings.TrimSpace(firstOf(canonical, ogURL))
	for _, d := range []string{metaDate, ldDate, propDate, tmDate} {
		if d, err := normDate(d); err == nil {
			doc.Published, doc.PublishedFrom = d, "html-meta"
			break
		}
	}
	return doc, nil
}

// preorder yields the nodes under root in document order, without recursion.
func preorder(root *html.Node) func(yield func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		n := root
		for n != nil {
			if !yield(n) {
				return
			}
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			for n != root && n.NextSibling == nil {
				n = n.Parent
			}
			if n == root {
				return
			}
			n = n.NextSibling
		}
	}
}

// textOf returns the text under n; with visible set, the text of skipped
// elements is left out.
func textOf(n *html.Node, visible bool) string {
	var sb strings.Builder
	walk(n, func(c *html.Node, enter bool) bool {
		if c.Type == html.ElementNode && visible && skipHTML[c.DataAtom] && c != n {
			return false
		}
		if enter && c.Type == html.TextNode {
			sb.WriteString(c.Data)
		}
		return true
	})
	return sb.String()
}

// walk calls fn on entering and leaving each node under root, without
// recursion. If fn returns false on entering a node, its children are
// skipped and fn is not called on leaving it.
func walk(root *html.Node, fn func(n *html.Node, enter bool) bool) {
	n := root
	for {
		if fn(n, true) {
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			fn(n, false)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			fn(n, false)
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// A blockWriter joins text into blocks: white space is collapsed within a
// block (except in <pre>) and blocks are separated by "\n\n".
type blockWriter struct {
	out, block strings.Builder
	pre        int // depth of <pre>
}

func (w *blockWriter) text(s string) {
	if w.pre > 0 {
		w.block.WriteString(s)
		return
	}
	w.block.WriteString(collapseKeep(s, endsSpace(&w.block)))
}

func (w *blockWriter) br() { w.block.WriteString("\n") }

// tag handles an element's start or end.
func (w *blockWriter) tag(a atom.Atom, start bool) {
	switch {
	case a == atom.Br:
		if start {
			w.br()
		}
	case blockHTML[a]:
		if a == atom.Pre {
			if start {
				w.pre++
			} else if w.pre > 0 {
				w.pre--
			}
		}
		w.flush()
	}
}

func (w *blockWriter) flush() {
	t := strings.TrimSpace(w.block.String())
	w.block.Reset()
	if t == "" {
		return
	}
	if w.out.Len() > 0 {
		w.out.WriteString("\n\n")
	}
	w.out.WriteString(t)
}

func (w *blockWriter) String() string {
	w.flush()
	return w.out.String()
}

// blocks returns the visible text under n: one block per paragraph,
// heading, list item and the like.
func blocks(n *html.Node) string {
	var w blockWriter
	walk(n, func(c *html.Node, enter bool) bool {
		switch c.Type {
		case html.TextNode:
			if enter {
				w.text(c.Data)
			}
		case html.ElementNode:
			if c != n && skipHTML[c.DataAtom] {
				return false
			}
			w.tag(c.DataAtom, enter)
		}
		return true
	})
	return w.String()
}

// flatHTML returns the visible text and title of a page using the
// tokenizer alone, for pages the parser rejects as nested too deeply.
func flatHTML(b []byte) (Document, error) {
	var (
		doc   Document
		w     blockWriter
		title strings.Builder
		skip  int
		inTtl bool
	)
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return Document{}, z.Err()
			}
			doc.Text = w.String()
			doc.Title = collapse(title.String())
			return doc, nil
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt != html.EndTagToken
			if skipHTML[a] {
				if a == atom.Title {
					inTtl = start && tt != html.SelfClosingTagToken
				}
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip == 0 {
				w.tag(a, start)
			}
		case html.TextToken:
			switch {
			case inTtl:
				title.Write(z.Text())
			case skip == 0:
				w.text(string(z.Text()))
			}
		}
	}
}

func endsSpace(sb *strings.Builder) bool {
	s := sb.String()
	return s == "" || s[len(s)-1] == ' ' || s[len(s)-1] == '\n'
}

// collapseKeep collapses runs of white space in s to single spaces; a
// leading space is dropped when the text so far already ends in one.
func collapseKeep(s string, afterSpace bool) string {
	var sb strings.Builder
	space := afterSpace
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			if !space {
				sb.WriteByte(' ')
				space = true
			}
		default:
			sb.WriteRune(r)
			space = false
		}
	}
	return sb.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// jsonLDDate returns the first "datePublished" in a JSON-LD script.
func jsonLDDate(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	// Breadth-first, without recursion.
	queue := []any{v}
	for len(queue) > 0 {
		v, queue = queue[0], queue[1:]
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["datePublished"].(string); ok {
				return s
			}
			for _, k := range sortedKeys(v) {
				queue = append(queue, v[k])
			}
		case []any:
			queue = append(queue, v...)
		}
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
