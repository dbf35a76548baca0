package extract

import (
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// TagTimes finds TIMEX3 time expressions in the given sentences of text and
// normalises them against the publication date published (YYYY-MM-DD, or ""
// when unknown). Spans are byte offsets into text.
//
// The timexes come out sorted by start, without overlaps, each inside one
// of sents. Relative expressions ("Monday", "in February", "last week")
// are resolved against published and the tense of their sentence; anaphoric
// ones ("the next day", "a year earlier") against the last date mentioned
// before them. Without a publication date, relative expressions keep an
// underspecified value such as XXXX-02 or XXXX-WXX-1.
func TagTimes(text string, sents []Span, published string) []Timex {
	return tagTimes(text, lowerASCIIText(text), sents, published)
}

// tagTimes is TagTimes with lower = lowerASCIIText(text).
func tagTimes(text, lower string, sents []Span, published string) []Timex {
	tg := tagger{text: text, lx: loadTimeLexicon()}
	if p, _ := ttokPool.Get().(*[]ttok); p != nil {
		tg.toks = *p
	}
	defer func() {
		// the timexes keep no token
		b := tg.toks[:cap(tg.toks)]
		clear(b)
		b = b[:0]
		ttokPool.Put(&b)
	}()
	if t, err := time.Parse("2006-01-02", published); err == nil {
		tg.dct, tg.hasDCT = t, true
	}
	var out []Timex
	for _, s := range sents {
		s.Start = max(s.Start, 0)
		s.End = min(s.End, len(text))
		if s.Start >= s.End {
			continue
		}
		tg.toks = tokenizeTimeLower(text, lower, s, tg.toks[:0])
		out = tg.sentence(out)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	// sentences given out of order or overlapping could still overlap here
	kept := out[:0]
	for _, x := range out {
		if len(kept) > 0 && kept[len(kept)-1].Span.End > x.Span.Start {
			continue
		}
		kept = append(kept, x)
	}
	return kept
}

// ttokPool holds the token buffers of TagTimes calls for reuse.
var ttokPool sync.Pool

// Token kinds.
const (
	tkWord = iota + 1
	tkNum
	tkPunct
)

// A ttok is one token of a sentence.
type ttok struct {
	s, e int    // byte span in the text
	w    string // lower-cased text
	kind uint8
	cap  bool // starts with an upper-case letter
	gap  bool // white space (or the sentence start) before it
}

// tokenizeTime splits text[s.Start:s.End] into words (letter runs), numbers
// (digit runs) and single punctuation characters, appending them to toks.
func tokenizeTime(text string, s Span, toks []ttok) []ttok {
	return tokenizeTimeLower(text, lowerASCIIText(text[:s.End]), s, toks)
}

// tokenizeTimeLower is tokenizeTime with lower = lowerASCIIText(text): an
// ASCII word's lower-case form is a slice of lower.
func tokenizeTimeLower(text, lower string, s Span, toks []ttok) []ttok {
	gap := true
	for i := s.Start; i < s.End; {
		c := text[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			gap = true
			i++
			continue
		case c >= '0' && c <= '9':
			j := i + 1
			for j < s.End && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			toks = append(toks, ttok{s: i, e: j, w: text[i:j], kind: tkNum, gap: gap})
			i = j
		case c < utf8.RuneSelf && !isASCIILetter(c):
			toks = append(toks, ttok{s: i, e: i + 1, w: text[i : i+1], kind: tkPunct, gap: gap})
			i++
		default:
			j, upper, isCap, ascii := i, false, false, true
			for j < s.End {
				b := text[j]
				if b < utf8.RuneSelf {
					if !isASCIILetter(b) {
						break
					}
					if b >= 'A' && b <= 'Z' {
						upper = true
						if j == i {
							isCap = true
						}
					}
					j++
					continue
				}
				r, size := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				ascii = false
				if unicode.IsUpper(r) {
					upper = true
					if j == i {
						isCap = true
					}
				}
				j += size
			}
			if j == i { // a non-letter, non-ASCII rune: punctuation or space
				r, size := utf8.DecodeRuneInString(text[i:])
				if unicode.IsSpace(r) {
					gap = true
					i += size
					continue
				}
				toks = append(toks, ttok{s: i, e: i + size, w: normPunct(r, text[i:i+size]), kind: tkPunct, gap: gap})
				i += size
				break
			}
			w := text[i:j]
			if upper && ascii {
				w = lower[i:j]
			} else if upper {
				w = lowerWord(w)
			}
			toks = append(toks, ttok{s: i, e: j, w: w, kind: tkWord, cap: isCap, gap: gap})
			i = j
		}
		gap = false
	}
	return toks
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// normPunct maps typographic quotes and dashes to their ASCII forms.
func normPunct(r rune, s string) string {
	switch r {
	case '’', '‘':
		return "'"
	case '–', '—':
		return "-"
	}
	return s
}

func lowerWord(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += size
	}
	return string(b)
}

// A tagger holds the state of one TagTimes call.
type tagger struct {
	text   string
	lx     *timeLexicon
	dct    time.Time
	hasDCT bool
	toks   []ttok
	// anchor is the last date mentioned, for "the next day", "that year";
	// sentAnchor is the last one in the current sentence.
	anchor, sentAnchor tpoint
	// lastEnd is the token index just past the last match in the sentence.
	lastEnd int
}

// relativeRules name the rules whose dates are counted from another date
// ("a year earlier", "the year-ago quarter"): they do not become the date
// in focus for the expressions after them.
var relativeRules = map[string]bool{
	"date.ago": true, "date.anchored-offset": true, "date.year-ago": true, "date.quarter-year-ago": true,
	"date.day-before": true,
}

// A tmatch is a rule's finding: tokens [start, end) and what they mean.
type tmatch struct {
	start, end int
	typ, value string
	rule       string
	point      tpoint // the date it denotes, when it is one
}

func (tg *tagger) sentence(out []Timex) []Timex {
	toks := tg.toks
	first := len(out)
	tg.sentAnchor, tg.lastEnd = tpoint{}, -1
	for i := 0; i < len(toks); {
		m, ok := tg.matchAt(i)
		if !ok {
			i++
			continue
		}
		out = append(out, Timex{
			Text:  tg.text[toks[m.start].s:toks[m.end-1].e],
			Span:  Span{toks[m.start].s, toks[m.end-1].e},
			Type:  m.typ,
			Value: m.value,
			Rule:  m.rule,
		})
		if m.point.valid() && (m.typ == "DATE" || m.typ == "TIME") && !relativeRules[m.rule] {
			tg.anchor, tg.sentAnchor = m.point, m.point
		}
		i, tg.lastEnd = m.end, m.end
	}
	// A line holding nothing but the publication date is the dateline, not
	// a time expression of the text (TimeML keeps it apart as the DCT).
	if len(out) == first+1 && tg.hasDCT {
		x, dct := out[first], (tpoint{t: tg.dct, g: gDay}).value()
		if x.Value == dct && x.Span.Start == toks[0].s &&
			(x.Span.End == toks[len(toks)-1].e || toks[len(toks)-1].kind == tkPunct && x.Span.End == toks[len(toks)-2].e) {
			out = out[:first]
		}
	}
	return out
}

// matchAt runs every rule at token i, when a time expression can start
// there, and keeps the longest match; among equally long ones, the first
// rule wins.
func (tg *tagger) matchAt(i int) (tmatch, bool) {
	rules := tg.rulesFor(i)
	var best tmatch
	found := false
	for _, r := range rules {
		m, ok := r(tg, i)
		if !ok || m.end <= i {
			continue
		}
		m.start = i
		if !found || m.end > best.end {
			best, found = m, true
		}
	}
	return best, found
}

// rulesFor returns the rules that can match starting at token i, in the
// order of timeRules (see timex_hot.go); none when no time expression can
// start there.
func (tg *tagger) rulesFor(i int) []timeRule {
	switch t := &tg.toks[i]; t.kind {
	case tkWord:
		if !tg.lx.startsFilter.mayContain(t.w) {
			return nil
		}
		r, ok := tg.lx.startRules[t.w]
		if !ok || t.w == "the" && tg.noMatchAfterThe(i) {
			return nil
		}
		return r
	case tkPunct:
		if t.w != "'" && t.w != "-" {
			return nil
		}
		if r := tg.lx.rulesAt(t.w); r != nil {
			return r
		}
	case tkNum:
		return tg.lx.numRules
	}
	return timeRules
}

// Token helpers. Out-of-range indexes read as empty tokens.

func (tg *tagger) w(i int) string {
	if i < 0 || i >= len(tg.toks) {
		return ""
	}
	return tg.toks[i].w
}

func (tg *tagger) tok(i int) ttok {
	if i < 0 || i >= len(tg.toks) {
		return ttok{}
	}
	return tg.toks[i]
}

// adjacent reports whether token i follows token i-1 without white space.
func (tg *tagger) adjacent(i int) bool {
	return i > 0 && i < len(tg.toks) && !tg.toks[i].gap
}

func (tg *tagger) is(i int, words ...string) bool {
	w := tg.w(i)
	for _, x := range words {
		if w == x {
			return true
		}
	}
	return false
}

// clauseBreak holds the words that open a new clause: tense cues past
// them belong to another verb.
var clauseBreak = map[string]bool{"that": true, "which": true, "who": true, "whom": true, "whose": true,
	";": true, "but": true, "while": true, "because": true, "although": true, "when": true, "where": true,
	"saying": true}

// Tense cues, as tense returns them.
const (
	tenseReport = -3 // a reporting verb: past, but a date close by wins
	tenseWeak   = -2 // a verb in "-ed": past, but a date close by wins
	tensePast   = -1
	tenseNone   = 0
	tenseFuture = 1
	// "to", "until", "by" before a date: a deadline, ahead unless it is
	// close to publication
	tenseDeadline = 2
)

// tense tells which way the clause around tokens [i, j) looks (one of the
// tense constants). The nearest cue word within tenseWindow tokens wins;
// "to", "until" or "by" right before the expression mark a deadline.
// Without a cue, a verb in "-ed" before it that is not passive
// or infinitive ("brokered", not "be returned") is a weak past cue.
func (tg *tagger) tense(i, j int) int {
	if tg.is(i-1, "to", "until", "till", "by") && !tg.is(i-2, "contrast", "addition", "prior") {
		from := false
		for k := max(0, i-5); k < i-1; k++ {
			from = from || tg.toks[k].w == "from" || tg.toks[k].w == "between"
		}
		if !from { // not a range: "from Aug. 26 to Oct. 20"
			return tenseDeadline
		}
	}
	return tg.cues(i, j)
}

// cues is tense without the deadline check: the nearest cue word around
// tokens [i, j).
func (tg *tagger) cues(i, j int) int {
	const tenseWindow = 10
	best, dist := tenseNone, 1<<30
	weak, weakDist := tenseNone, 1<<30
	// the cues after the expression end where its clause does: "decided
	// on Feb. 11 that a ground war would be necessary"
	end := min(len(tg.toks), j+tenseWindow)
	for k := j; k < end; k++ {
		if clauseBreak[tg.toks[k].w] {
			end = k
		}
	}
	start := max(0, i-tenseWindow)
	for k := i - 1; k >= start; k-- {
		if clauseBreak[tg.toks[k].w] {
			start = k + 1
			break
		}
	}
	for k := start; k < end; k++ {
		t := tg.toks[k]
		if k >= i && k < j || t.kind != tkWord || tg.w(k-1) == "-" && !t.gap {
			continue // the expression itself, or part of a compound: "lower-than-expected"
		}
		d := i - k
		if k >= j {
			d = k - j + 1
		}
		switch {
		case d >= dist:
		case t.w == "set" && !tg.is(k+1, "to", "for"):
			// "set to resume" looks ahead; "a record set on Aug. 6" does not
		case (t.w == "plan" || t.w == "plans" || t.w == "planned") && k < i &&
			!tg.is(k-1, "as", "previously", "the", "a", "an", "its", "their", "his", "her", "our", "this", "that"):
			// a date after "planned" is when the plan is for: "planned to
			// leave on Thursday", "planned a rally on Saturday" (but "On
			// Friday, it planned to pay", "as planned")
			best, dist = tenseFuture, d
		case t.w == "early" && tg.w(k-1) == "as" && tg.w(k+1) == "as" && k < i:
			best, dist = tenseFuture, d // "as early as Tuesday": the soonest it can be
		case tg.lx.future[t.w] && tg.pastPerfect(k):
			// a plan seen from the past: "it had been due to expire Friday";
			// a date close by still wins, as after a reporting verb
			best, dist = tenseReport, d
		case tg.lx.future[t.w]:
			best, dist = tenseFuture, d
		case tg.lx.past[t.w]:
			best, dist = tensePast, d
		case tg.lx.report[t.w]:
			best, dist = tenseReport, d
		case d < weakDist && tg.lx.weakPast[t.w] && !tg.is(k-1, "to", "will", "would", "must", "can", "could", "should", "may", "might"):
			weak, weakDist = tenseWeak, d // "In January, American Medical brought in a new chief"
		case d < weakDist && k < i && len(t.w) > 4 && strings.HasSuffix(t.w, "ed") && !t.cap &&
			!tg.is(k-1, "be", "been", "being", "is", "are", "to", "will", "would", "must", "can", "could", "should", "may", "might",
				"the", "a", "an", "in", "of", "for", "with", "its", "their", "his", "her", "our", "your", "my"):
			weak, weakDist = tenseWeak, d
		}
	}
	if best == tenseNone {
		return weak
	}
	return best
}

// pastPerfect reports whether the verb group ending at token k is in the
// past perfect: "had been scheduled to expire".
func (tg *tagger) pastPerfect(k int) bool {
	for h := k - 1; h >= max(0, k-4); h-- {
		switch tg.toks[h].w {
		case "had":
			return true
		case "been", "to", "due", "scheduled", "expected", "set", "slated", "going", "planning":
			continue
		}
		return false
	}
	return false
}
