package timeline

import (
	"bufio"
	"fmt"
	"time"

	"github.com/chronograph/chronograph/graph"
)

const (
	svgWidth    = 960.0
	svgLeft     = 150.0 // lane names
	svgUndated  = 110.0 // the undated column, when there is one
	svgTop      = 56.0  // title and axis
	svgLane     = 26.0
	svgRight    = 16.0
	svgFontSize = 10.0
)

// tick steps, finest first.
var ticks = []struct {
	months, days int
	layout       string
}{
	{0, 1, "2006-01-02"}, {0, 7, "2006-01-02"}, {1, 0, "2006-01"}, {3, 0, "2006-01"},
	{12, 0, "2006"}, {60, 0, "2006"}, {120, 0, "2006"}, {600, 0, "2006"},
}

func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// writeSVG draws t as lanes on a linear time axis: each event is a dot on
// its day, or a bar over its month, week, quarter or year; undated events
// sit in a column on the right. Event types are labelled where the lane
// has room; every mark has a tooltip with the sentence.
func writeSVG(w *bufio.Writer, t Timeline, o WriteOptions) error {
	ls := lanes(t, o.Lanes)
	var lo, hi time.Time
	undated := 0
	for _, en := range t.Entries {
		for _, e := range en.Events {
			first, last, ok := graph.EventSpan(&e)
			if !ok {
				undated++
				continue
			}
			if lo.IsZero() || day(first).Before(lo) {
				lo = day(first)
			}
			if day(last).After(hi) {
				hi = day(last)
			}
		}
	}
	hi = hi.AddDate(0, 0, 1) // the end of the last day
	if !lo.IsZero() && hi.Sub(lo) < 48*time.Hour {
		lo, hi = lo.AddDate(0, 0, -1), hi.AddDate(0, 0, 1)
	}
	right := svgWidth - svgRight
	if undated > 0 {
		right -= svgUndated
	}
	x := func(d time.Time) float64 {
		return svgLeft + float64(d.Sub(lo))/float64(hi.Sub(lo))*(right-svgLeft)
	}
	height := svgTop + float64(len(ls))*svgLane + 24
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" font-family="sans-serif" font-size="%g">`+"\n",
		svgWidth, height, svgWidth, height, svgFontSize)
	w.WriteString("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
	total := 0
	for _, en := range t.Entries {
		total += len(en.Events)
	}
	fmt.Fprintf(w, "<text x=\"8\" y=\"18\" font-size=\"13\">%s</text>\n", graph.XMLEscape(fmt.Sprintf("%d events, %d lanes", total, len(ls))))

	// Axis and grid.
	axisY := svgTop - 8
	w.WriteString("<g class=\"axis\" fill=\"#555\">\n")
	if !lo.IsZero() {
		fmt.Fprintf(w, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#999\"/>\n", svgLeft, axisY, right, axisY)
		step := ticks[len(ticks)-1]
		for _, s := range ticks {
			n := 0
			for d := lo; d.Before(hi) && n <= 10; d = d.AddDate(0, s.months, s.days) {
				n++
			}
			if n <= 10 {
				step = s
				break
			}
		}
		// Start ticks at a round date.
		d := lo
		switch {
		case step.months >= 12:
			d = time.Date(lo.Year()-lo.Year()%(step.months/12), 1, 1, 0, 0, 0, 0, time.UTC)
		case step.months > 0:
			d = time.Date(lo.Year(), lo.Month()-(lo.Month()-1)%time.Month(step.months), 1, 0, 0, 0, 0, time.UTC)
		}
		for ; d.Before(hi); d = d.AddDate(0, step.months, step.days) {
			if d.Before(lo) {
				continue
			}
			tx := x(d)
			fmt.Fprintf(w, "<line x1=\"%.1f\" y1=\"%g\" x2=\"%.1f\" y2=\"%g\" stroke=\"#eee\"/>", tx, axisY, tx, height-20)
			fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\">%s</text>\n", tx, axisY-5, d.Format(step.layout))
		}
	}
	if undated > 0 {
		fmt.Fprintf(w, "<text x=\"%g\" y=\"%g\">undated</text>\n", right+10, axisY-5)
		fmt.Fprintf(w, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#ccc\"/>\n", right+4, axisY-14, right+4, height-20)
	}
	w.WriteString("</g>\n")

	for li, l := range ls {
		y0 := svgTop + float64(li)*svgLane
		cy := y0 + svgLane/2
		if li%2 == 0 {
			fmt.Fprintf(w, "<rect x=\"0\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"#f6f6f6\"/>\n", y0, svgWidth, svgLane)
		}
		fmt.Fprintf(w, "<g class=\"lane\" data-id=\"%s\">", graph.XMLEscape(l.id))
		fmt.Fprintf(w, "<text x=\"8\" y=\"%g\" font-size=\"11\">%s</text>\n", cy+4, graph.XMLEscape(graph.Cut(l.name, 22)))
		lastEnd := svgLeft
		ux := right + 10
		for _, e := range l.events {
			tip := graph.XMLEscape(fmt.Sprintf("%s %s: %s\n%s\n%s, %d sources", dateLabel(e.Date), typeLabel(*e),
				describe(*e, t.Actors), cut(sentence(*e), 300), e.ID, len(graph.DocIDs(*e))))
			color := graph.ClassColors[graph.TypeClass(e.Type)]
			fill := color
			if e.Negated {
				fill = "white"
			}
			first, last, ok := graph.EventSpan(e)
			var mx, mend float64
			fmt.Fprintf(w, "<g class=\"event\" data-id=\"%s\"><title>%s</title>", graph.XMLEscape(e.ID), tip)
			switch {
			case !ok:
				if ux > svgWidth-svgRight-4 {
					w.WriteString("</g>\n")
					continue
				}
				mx, mend = ux, ux+4
				fmt.Fprintf(w, "<circle cx=\"%.1f\" cy=\"%g\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>", ux, cy, fill, color)
				ux += 11
			case first == last:
				mx = (x(day(first)) + x(day(first).AddDate(0, 0, 1))) / 2
				mend = mx + 4
				fmt.Fprintf(w, "<circle cx=\"%.1f\" cy=\"%g\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>", mx, cy, fill, color)
			default:
				x0, x1 := x(day(first)), x(day(last).AddDate(0, 0, 1))
				mx, mend = x0, x1
				fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%g\" width=\"%.1f\" height=\"8\" rx=\"3\" fill=\"%s\" fill-opacity=\"0.45\" stroke=\"%s\"/>",
					x0, cy-4, max(x1-x0, 2), fill, color)
			}
			if ok {
				label := typeLabel(*e)
				wd := graph.TextWidth(label, 9)
				lx := max(mx, mend) + 3
				if first != last {
					lx = mx + 2
				}
				if lx >= lastEnd && lx+wd <= right && (first == last || mend-mx >= wd+4) {
					fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%g\" font-size=\"9\" fill=\"#333\">%s</text>", lx, cy-6, graph.XMLEscape(label))
					lastEnd = lx + wd + 4
				}
			}
			w.WriteString("</g>\n")
		}
		w.WriteString("</g>\n")
	}
	// Legend.
	lx := svgLeft
	ly := height - 8
	for _, c := range graph.Classes {
		fmt.Fprintf(w, "<circle cx=\"%g\" cy=\"%g\" r=\"4\" fill=\"%s\"/><text x=\"%g\" y=\"%g\">%s</text>", lx, ly-3, graph.ClassColors[c], lx+8, ly, c)
		lx += graph.TextWidth(c, svgFontSize) + 30
	}
	fmt.Fprintf(w, "<circle cx=\"%g\" cy=\"%g\" r=\"4\" fill=\"white\" stroke=\"#555\"/><text x=\"%g\" y=\"%g\">negated</text>\n", lx, ly-3, lx+8, ly)
	w.WriteString("</svg>\n")
	return nil
}
