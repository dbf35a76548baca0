package graph

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/chronograph/chronograph/extract"
)

// The SVG picture is laid out here rather than by Graphviz, so that users
// without Graphviz get one, and so that it takes milliseconds: a
// Fruchterman-Reingold force layout from a deterministic start (a spiral,
// the actors with the most relations in the middle), a fixed number of
// steps, then labels placed greedily, the busiest actors first, only where
// they do not overlap a label already placed.

const (
	svgWidth     = 960.0
	svgHeight    = 720.0
	svgMargin    = 40.0
	svgHeader    = 28.0
	svgSteps     = 300
	svgFont      = 11.0
	svgCharWidth = 6.2 // average advance of an 11 px sans-serif glyph
	svgLabelLen  = 28  // runes of a node label
	svgEdgeLabel = 40  // edges beyond which edges get no labels
)

// KindColors are the fill colours of actors by kind, shared by the
// pictures of this package and of package timeline.
var KindColors = map[string]string{
	extract.KindPerson:       "#4e79a7",
	extract.KindCountry:      "#f28e2b",
	extract.KindGovernment:   "#e15759",
	extract.KindOrganisation: "#76b7b2",
	extract.KindArmedGroup:   "#59a14f",
	extract.KindMedia:        "#edc948",
	extract.KindPlace:        "#b07aa1",
}

func kindColor(kind string) string {
	if c, ok := KindColors[kind]; ok {
		return c
	}
	return "#9c9c9c"
}

// TypeClass returns the CAMEO quad class of an event type: "verbal
// cooperation" (CAMEO 01–05), "material cooperation" (06–08), "verbal
// conflict" (09–13) or "material conflict" (14–20).
func TypeClass(typ string) string {
	t, _ := extract.LookupType(typ)
	switch c := t.CAMEO; {
	case c == "":
		return "verbal cooperation"
	case c < "06":
		return "verbal cooperation"
	case c < "09":
		return "material cooperation"
	case c < "14":
		return "verbal conflict"
	}
	return "material conflict"
}

// ClassColors are the stroke colours of the CAMEO quad classes.
var ClassColors = map[string]string{
	"verbal cooperation":   "#4e79a7",
	"material cooperation": "#59a14f",
	"verbal conflict":      "#f28e2b",
	"material conflict":    "#e15759",
}

// Classes lists the quad classes in CAMEO order.
var Classes = []string{"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

// A svgEdge is the relations of an unordered pair of actors.
type svgEdge struct {
	a, b     int // node indexes, a < b by id
	count    int
	forward  bool // some relation runs a → b (directed)
	backward bool // some relation runs b → a (directed)
	sym      bool // some relation is symmetric
	class    string
	types    []string
	lines    []string // tooltip lines
}

// svgLayout is the laid out picture.
type svgLayout struct {
	nodes   []extract.Actor
	deg     []int
	x, y    []float64
	r       []float64
	edges   []svgEdge
	dropped int
	rels    int
}

func layoutGraph(d ExportData, o ExportOptions) *svgLayout {
	v := newView(d)
	v.top(pictureTop(o))
	L := &svgLayout{nodes: v.nodes, dropped: v.dropped, rels: len(v.rels)}
	n := len(v.nodes)
	idx := make(map[string]int, n)
	for i, a := range v.nodes {
		idx[a.ID] = i
	}
	deg := v.degrees()
	L.deg = make([]int, n)
	for i, a := range v.nodes {
		L.deg[i] = deg[a.ID]
	}
	// Edges by unordered pair, classed by the class with the most events.
	pair := map[[2]int]int{}
	classCount := []map[string]int{}
	for i, r := range v.rels {
		s, t := idx[r.Source], idx[r.Target]
		a, b := min(s, t), max(s, t)
		k, ok := pair[[2]int{a, b}]
		if !ok {
			k = len(L.edges)
			pair[[2]int{a, b}] = k
			L.edges = append(L.edges, svgEdge{a: a, b: b})
			classCount = append(classCount, map[string]int{})
		}
		e := &L.edges[k]
		e.count += r.Count
		switch {
		case symmetric(r.Type):
			e.sym = true
		case s == a:
			e.forward = true
		default:
			e.backward = true
		}
		classCount[k][TypeClass(r.Type)] += r.Count
		e.types = append(e.types, fmt.Sprintf("%s ×%d", r.Type, r.Count))
		line := fmt.Sprintf("%s → %s: %s (%d sources)", v.nodes[s].Name, v.nodes[t].Name, EdgeLabel(r), len(v.docs[i]))
		if symmetric(r.Type) {
			line = fmt.Sprintf("%s – %s: %s (%d sources)", v.nodes[s].Name, v.nodes[t].Name, EdgeLabel(r), len(v.docs[i]))
		}
		e.lines = append(e.lines, line)
	}
	for k := range L.edges {
		best := ""
		for _, c := range Classes {
			if classCount[k][c] > classCount[k][best] || best == "" && classCount[k][c] > 0 {
				best = c
			}
		}
		L.edges[k].class = best
	}
	L.r = make([]float64, n)
	for i := range L.r {
		L.r[i] = 4 + 1.5*math.Sqrt(float64(L.deg[i]))
	}
	L.x, L.y = forceLayout(n, L.edges, L.deg)
	return L
}

// forceLayout places n nodes in [0,1]² with Fruchterman and Reingold's
// algorithm, from a golden-angle spiral with the highest degrees in the
// middle.
func forceLayout(n int, edges []svgEdge, deg []int) (xs, ys []float64) {
	xs, ys = make([]float64, n), make([]float64, n)
	if n == 0 {
		return
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(deg[b], deg[a]) })
	golden := math.Pi * (3 - math.Sqrt(5))
	for rank, i := range order {
		rad := math.Sqrt((float64(rank) + 0.5) / float64(n))
		xs[i] = rad * math.Cos(float64(rank)*golden)
		ys[i] = rad * math.Sin(float64(rank)*golden)
	}
	k := math.Sqrt(4.0 / float64(n)) // ideal distance in a 2×2 square
	dx, dy := make([]float64, n), make([]float64, n)
	temp := 0.2
	for step := 0; step < svgSteps; step++ {
		clear(dx)
		clear(dy)
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				ddx, ddy := xs[i]-xs[j], ys[i]-ys[j]
				d2 := ddx*ddx + ddy*ddy
				if d2 < 1e-9 {
					ddx, ddy, d2 = 1e-3*float64(i-j), 1e-3, 1e-6
				}
				f := k * k / d2 // repulsion k²/d along the unit vector
				dx[i] += ddx * f
				dy[i] += ddy * f
				dx[j] -= ddx * f
				dy[j] -= ddy * f
			}
		}
		for _, e := range edges {
			ddx, ddy := xs[e.a]-xs[e.b], ys[e.a]-ys[e.b]
			d := math.Sqrt(ddx*ddx + ddy*ddy)
			f := d / k * (1 + math.Log(float64(e.count))/4) // attraction d²/k
			dx[e.a] -= ddx * f
			dy[e.a] -= ddy * f
			dx[e.b] += ddx * f
			dy[e.b] += ddy * f
		}
		for i := 0; i < n; i++ {
			// Gravity keeps components together.
			dx[i] -= xs[i] * k * 2
			dy[i] -= ys[i] * k * 2
			d := math.Sqrt(dx[i]*dx[i] + dy[i]*dy[i])
			if d > 0 {
				m := math.Min(d, temp)
				xs[i] += dx[i] / d * m
				ys[i] += dy[i] / d * m
			}
		}
		temp = math.Max(temp*0.985, 0.002)
	}
	// Scale to [0,1]².
	minX, maxX, minY, maxY := xs[0], xs[0], ys[0], ys[0]
	for i := range xs {
		minX, maxX = math.Min(minX, xs[i]), math.Max(maxX, xs[i])
		minY, maxY = math.Min(minY, ys[i]), math.Max(maxY, ys[i])
	}
	for i := range xs {
		xs[i] = norm(xs[i], minX, maxX)
		ys[i] = norm(ys[i], minY, maxY)
	}
	return xs, ys
}

func norm(v, lo, hi float64) float64 {
	if hi-lo < 1e-9 {
		return 0.5
	}
	return (v - lo) / (hi - lo)
}

// A box is a rectangle, for label placement.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) overlaps(c box) bool { return b.x0 < c.x1 && c.x0 < b.x1 && b.y0 < c.y1 && c.y0 < b.y1 }

// Cut shortens s to n runes, ending it with "…" when it was longer; it
// also makes s one line of valid UTF-8.
func Cut(s string, n int) string {
	s = strings.Join(strings.Fields(clean(s)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// TextWidth estimates the width in pixels of s in an 11 px sans-serif font.
func TextWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * svgCharWidth * size / svgFont
}

// WriteSVG writes a picture of the actor graph of d as a standalone SVG
// document: actors as circles sized by their number of relation events
// and coloured by kind, one line per pair of actors coloured by the CAMEO
// class of most of its events, with arrowheads where all its relations
// run one way. Graphs with more actors than [ExportOptions.Top] are cut to
// the top actors. Each node and edge has a tooltip (<title>), a class
// ("node", "edge") and data attributes (data-id, data-types) for scripts.
func WriteSVG(w io.Writer, d ExportData, o ExportOptions) error {
	L := layoutGraph(d, o)
	bw := bufio.NewWriter(w)
	height := svgHeight
	if len(L.nodes) <= 12 {
		height = 480
	}
	plotW, plotH := svgWidth-2*svgMargin-140, height-2*svgMargin-svgHeader
	px := func(i int) float64 { return svgMargin + L.x[i]*plotW }
	py := func(i int) float64 { return svgMargin + svgHeader + L.y[i]*plotH }
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" font-family="sans-serif" font-size="%g">`+"\n",
		svgWidth, height, svgWidth, height, svgFont)
	bw.WriteString("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#555\"/></marker></defs>\n")
	bw.WriteString("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
	title := fmt.Sprintf("%d actors, %d relations", len(L.nodes), L.rels)
	if L.dropped > 0 {
		title = fmt.Sprintf("the %d actors with the most relations (%d more left out), %d relations", len(L.nodes), L.dropped, L.rels)
	}
	fmt.Fprintf(bw, "<text x=\"%g\" y=\"%g\" font-size=\"14\">%s</text>\n", svgMargin, svgMargin, XMLEscape(title))

	// Edges under nodes.
	bw.WriteString("<g class=\"edges\" stroke-opacity=\"0.7\">\n")
	for _, e := range L.edges {
		x1, y1, x2, y2 := px(e.a), py(e.a), px(e.b), py(e.b)
		marker := ""
		if !e.sym && e.forward != e.backward {
			if e.backward { // draw from b to a
				x1, y1, x2, y2 = x2, y2, x1, y1
			}
			// Stop at the target's rim.
			tr := L.r[e.b]
			if e.backward {
				tr = L.r[e.a]
			}
			if l := math.Hypot(x2-x1, y2-y1); l > tr {
				x2 -= (x2 - x1) / l * tr
				y2 -= (y2 - y1) / l * tr
			}
			marker = ` marker-end="url(#arrow)"`
		}
		types := make([]string, 0, len(e.types))
		for _, t := range e.types {
			types = append(types, strings.Fields(t)[0])
		}
		fmt.Fprintf(bw, "<g class=\"edge\" data-source=\"%s\" data-target=\"%s\" data-types=\"%s\"><title>%s</title>"+
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/></g>\n",
			XMLEscape(L.nodes[e.a].ID), XMLEscape(L.nodes[e.b].ID), XMLEscape(strings.Join(types, " ")),
			XMLEscape(strings.Join(e.lines, "\n")), x1, y1, x2, y2, ClassColors[e.class],
			1+math.Log2(float64(e.count)), marker)
	}
	bw.WriteString("</g>\n")

	// Labels: nodes first, busiest first, then edge labels in small graphs.
	var placed []box
	for i := range L.nodes {
		placed = append(placed, box{px(i) - L.r[i], py(i) - L.r[i], px(i) + L.r[i], py(i) + L.r[i]})
	}
	fits := func(b box, skip int) bool {
		if b.x0 < 0 || b.x1 > svgWidth || b.y0 < svgHeader || b.y1 > height {
			return false
		}
		for j, p := range placed {
			if j != skip && b.overlaps(p) {
				return false
			}
		}
		return true
	}
	order := make([]int, len(L.nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(L.deg[b], L.deg[a]) })
	labels := make([]string, len(L.nodes))
	for _, i := range order {
		s := Cut(L.nodes[i].Name, svgLabelLen)
		wd := TextWidth(s, svgFont)
		b := box{px(i) + L.r[i] + 2, py(i) - svgFont/2 - 1, px(i) + L.r[i] + 2 + wd, py(i) + svgFont/2 + 1}
		if !fits(b, i) {
			b = box{px(i) - L.r[i] - 2 - wd, b.y0, px(i) - L.r[i] - 2, b.y1} // try the left side
			if !fits(b, i) {
				continue
			}
		}
		placed = append(placed, b)
		labels[i] = fmt.Sprintf("<text x=\"%.1f\" y=\"%.1f\">%s</text>", b.x0, py(i)+4, XMLEscape(s))
	}
	var edgeLabels []string
	if len(L.edges) <= svgEdgeLabel {
		for _, e := range L.edges {
			s := Cut(strings.Join(e.types, ", "), 36)
			wd := TextWidth(s, 9)
			cx, cy := (px(e.a)+px(e.b))/2, (py(e.a)+py(e.b))/2
			b := box{cx - wd/2, cy - 6, cx + wd/2, cy + 5}
			if !fits(b, -1) {
				continue
			}
			placed = append(placed, b)
			edgeLabels = append(edgeLabels, fmt.Sprintf("<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\" fill=\"#444\">%s</text>", cx, cy+3, XMLEscape(s)))
		}
	}
	bw.WriteString("<g class=\"edge-labels\">\n")
	for _, l := range edgeLabels {
		bw.WriteString(l + "\n")
	}
	bw.WriteString("</g>\n<g class=\"nodes\">\n")
	for i, a := range L.nodes {
		tip := fmt.Sprintf("%s\n%s %s, %d relation events", a.Name, a.Kind, a.Code, L.deg[i])
		fmt.Fprintf(bw, "<g class=\"node\" data-id=\"%s\"><title>%s</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>%s</g>\n",
			XMLEscape(a.ID), XMLEscape(tip), px(i), py(i), L.r[i], kindColor(a.Kind), labels[i])
	}
	bw.WriteString("</g>\n")
	writeLegend(bw, L)
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// writeLegend draws the kinds and classes present, top right.
func writeLegend(bw *bufio.Writer, L *svgLayout) {
	x, y := svgWidth-150, svgMargin+svgHeader
	kinds := map[string]bool{}
	for _, a := range L.nodes {
		kinds[a.Kind] = true
	}
	classes := map[string]bool{}
	for _, e := range L.edges {
		classes[e.class] = true
	}
	bw.WriteString("<g class=\"legend\" font-size=\"10\">\n")
	for _, k := range append(slices.Sorted(maps.Keys(KindColors)), extract.KindUnknown) {
		if !kinds[k] {
			continue
		}
		fmt.Fprintf(bw, "<circle cx=\"%g\" cy=\"%g\" r=\"5\" fill=\"%s\"/><text x=\"%g\" y=\"%g\">%s</text>\n", x, y, kindColor(k), x+10, y+4, XMLEscape(k))
		y += 16
	}
	y += 6
	for _, c := range Classes {
		if !classes[c] {
			continue
		}
		fmt.Fprintf(bw, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"%s\" stroke-width=\"3\"/><text x=\"%g\" y=\"%g\">%s</text>\n", x-5, y, x+5, y, ClassColors[c], x+10, y+4, c)
		y += 16
	}
	bw.WriteString("</g>\n")
}
