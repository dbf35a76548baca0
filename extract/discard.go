package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// The discard list (lexicon/data/discard.tsv): sports results, obituaries and
// historical chronologies are not news of events. Their sentences, or whole
// documents, yield no events; actors and time expressions are still found,
// and the analysis lists each discard with its rule id.

// A Discard is text the extractor coded no events from, and why.
type Discard struct {
	Kind string // sports, obituary, chronology
	Rule string // id of the discard pattern
	Span Span   // the sentence, or the whole body for a document
}

// discardGap is how many tokens ".." may skip.
const discardGap = 6

type discardRule struct {
	id, kind, scope string
	anchored        bool
	year            int        // token position of an anchored <old-year>, or -1
	toks            [][]string // alternatives per position; "#", "#-#", "..", "<old-year>" are special
}

type discardSet struct {
	title, head, sentence []*discardRule
	// first indexes the sentence rules by the literal words
	// that may start them; rules that start with a number, score or year
	// are tried on tokens that start with a digit.
	first   map[string][]*discardRule
	numeric []*discardRule
	// firstFilter is a filter of the keys of first, in front of it
	firstFilter *wordFilter
}

func compileDiscards(lex *lexicon.Lexicon) *discardSet {
	ds := &discardSet{}
	for _, d := range lex.Discards {
		r := &discardRule{id: d.ID, kind: d.Kind, scope: d.Scope, year: -1}
		for i, p := range d.Pattern {
			if i == 0 && p == "^" {
				r.anchored = true
				continue
			}
			if p == "<old-year>" && r.anchored && !slices.Contains(d.Pattern[:i], "..") {
				r.year = len(r.toks)
			}
			r.toks = append(r.toks, strings.Split(p, "|"))
		}
		if len(r.toks) == 0 {
			continue
		}
		switch d.Scope {
		case "title":
			ds.title = append(ds.title, r)
			continue
		case "head":
			ds.head = append(ds.head, r)
			continue
		default:
			ds.sentence = append(ds.sentence, r)
		}
		if ds.first == nil {
			ds.first = map[string][]*discardRule{}
		}
		for _, a := range r.toks[0] {
			switch a {
			case "#", "#-#", "<old-year>", "..":
				if !slices.Contains(ds.numeric, r) {
					ds.numeric = append(ds.numeric, r)
				}
			default:
				ds.first[a] = append(ds.first[a], r)
			}
		}
	}
	if ds.first != nil {
		ds.firstFilter = newWordFilter(ds.first)
	}
	return ds
}

// scan returns the first sentence rule (in file order) that matches toks,
// trying only the rules that can start at each token.
func (ds *discardSet) scan(toks []token, old int) *discardRule {
	var best *discardRule
	for i, tk := range toks {
		try := func(r *discardRule) {
			if best != nil && slices.Index(ds.sentence, r) >= slices.Index(ds.sentence, best) {
				return
			}
			if r.anchored && i > 0 {
				return
			}
			if r.matchAt(toks, i, 0, old) {
				best = r
			}
		}
		if ds.firstFilter != nil && ds.firstFilter.mayContain(tk.lower) {
			for _, r := range ds.first[tk.lower] {
				try(r)
			}
		}
		if tk.lower != "" && tk.lower[0] >= '0' && tk.lower[0] <= '9' {
			for _, r := range ds.numeric {
				try(r)
			}
		}
	}
	return best
}

// numberTok reports whether w is a number, possibly ordinal ("3", "89th").
func numberTok(w string) bool {
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	if n == 0 {
		return false
	}
	switch w[n:] {
	case "", "st", "nd", "rd", "th":
		return true
	}
	return false
}

// scoreTok reports whether w is a score such as "3-1" (numbers under 100).
func scoreTok(w string) bool {
	i := strings.IndexAny(w, "-–")
	if i <= 0 {
		return false
	}
	a, b := w[:i], strings.TrimLeft(w[i:], "-–")
	small := func(s string) bool {
		return len(s) >= 1 && len(s) <= 2 && strings.Trim(s, "0123456789") == ""
	}
	return small(a) && small(b)
}

// tokMatches reports whether token w fits pattern position alts.
func tokMatches(alts []string, w string, oldYear int) bool {
	for _, a := range alts {
		switch a {
		case "#":
			if numberTok(w) {
				return true
			}
		case "#-#":
			if scoreTok(w) {
				return true
			}
		case "<old-year>":
			if len(w) == 4 && oldYear > 0 {
				if y, err := strconv.Atoi(w); err == nil && y >= 1000 && y <= oldYear {
					return true
				}
			}
		default:
			if w == a {
				return true
			}
		}
	}
	return false
}

// match reports whether the rule matches the tokens.
func (r *discardRule) match(toks []token, oldYear int) bool {
	last := len(toks) - 1
	if r.anchored {
		last = 0
	}
	for i := 0; i <= last && i < len(toks); i++ {
		if r.matchAt(toks, i, 0, oldYear) {
			return true
		}
	}
	return false
}

func (r *discardRule) matchAt(toks []token, i, p int, oldYear int) bool {
	if p == len(r.toks) {
		return true
	}
	if len(r.toks[p]) == 1 && r.toks[p][0] == ".." {
		for g := 0; g <= discardGap && i+g <= len(toks); g++ {
			if r.matchAt(toks, i+g, p+1, oldYear) {
				return true
			}
		}
		return false
	}
	if i >= len(toks) || !tokMatches(r.toks[p], toks[i].lower, oldYear) {
		return false
	}
	return r.matchAt(toks, i+1, p+1, oldYear)
}

// clockTime reports whether a four-digit token could be a 24-hour clock
// time (hhmm).
func clockTime(w string) bool {
	if len(w) != 4 {
		return false
	}
	n, err := strconv.Atoi(w)
	return err == nil && n/100 < 24 && n%100 < 60
}

// oldYear returns the latest year a chronology line may start with: two
// years before publication (0 when the publication date is unknown, so
// that no year counts as old).
func oldYear(published string) int {
	if len(published) < 4 {
		return 0
	}
	y, err := strconv.Atoi(published[:4])
	if err != nil {
		return 0
	}
	return y - 2
}

// discards finds the discarded parts of a document. It returns the rule that
// discards the whole document, if any, and the rule of each sentence.
func (ds *discardSet) discards(doc *Document, ctxs []*sentenceCtx) (*discardRule, []*discardRule) {
	if ds == nil {
		return nil, nil
	}
	old := oldYear(doc.Published)
	var title []token
	if doc.Title != "" {
		title = tokenize(doc.Title, Span{0, len(doc.Title)})
	}
	for _, r := range ds.title {
		if title != nil && r.match(title, old) {
			return r, nil
		}
	}
	for _, r := range ds.head {
		if title != nil && r.match(title, old) {
			return r, nil
		}
		for _, c := range ctxs[:min(2, len(ctxs))] {
			if r.match(c.toks, old) {
				return r, nil
			}
		}
	}
	var per []*discardRule
	clockOnly, years := true, 0
	for i, c := range ctxs {
		if r := ds.scan(c.toks, old); r != nil {
			if per == nil {
				per = make([]*discardRule, len(ctxs))
			}
			per[i] = r
			if r.year >= 0 && r.year < len(c.toks) {
				years++
				clockOnly = clockOnly && clockTime(c.toks[r.year].lower)
			}
		}
	}
	// "1910: …", "2005: …" on a live page are clock times, not years
	if years > 0 && clockOnly {
		for i, r := range per {
			if r != nil && r.year >= 0 {
				per[i] = nil
			}
		}
	}
	return nil, per
}
