package extract

import (
	"strconv"
	"strings"
	"time"
)

// A timeRule tries to recognise a time expression starting at token i.
// It returns the end of the match (exclusive) and what it means.
type timeRule func(tg *tagger, i int) (tmatch, bool)

// timeRules are tried at every token that can start a time expression
// (timeLexicon.starts); the longest match wins, and among
// equally long matches the earlier rule. SET rules come first so that "a
// year" in "$1 billion a year" is a rate, not a duration.
var timeRules []timeRule

func init() {
	timeRules = []timeRule{
		ruleSet,
		ruleRef,
		ruleWeekday,
		ruleMonth,
		ruleNumericDate,
		ruleYear,
		ruleCentury,
		ruleQuarter,
		ruleRelUnit,
		ruleYearAgo,
		ruleYearEnd,
		ruleThen,
		ruleHoliday,
		ruleClock,
		rulePointMod,
		ruleDuration,
	}
}

// Word sets used by the rules: grammar words, not knowledge about time.
var (
	timeModals = map[string]bool{"will": true, "would": true, "can": true, "could": true, "may": true, "might": true,
		"shall": true, "should": true, "must": true}
	// contentNouns are what an amount of time can measure: "75 hours of
	// video" is a quantity of content, not a period of time.
	contentNouns = map[string]bool{"video": true, "audio": true, "footage": true, "recording": true,
		"recordings": true, "programming": true, "playback": true, "battery": true, "talk": true, "pay": true,
		"salary": true, "wages": true, "rent": true, "severance": true}

	relBefore = map[string]bool{"in": true, "since": true, "by": true, "from": true, "until": true, "till": true,
		"through": true, "to": true, "of": true, "for": true, "during": true, "before": true, "after": true,
		"and": true, "or": true, "between": true, "early": true, "late": true, "mid": true, "around": true,
		"about": true, "fiscal": true, "the": true, "on": true, "at": true, "last": true, "next": true, "this": true,
		"that": true, "-": true, "(": true, ",": true, "its": true, "s": true, "year": true, "than": true, "circa": true}
	ordSuffix = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}
)

// ---- numbers and units ----

// num reads a quantity at token i: digits ("3", "2.5", "2 1/2", "1,000"),
// number words ("twenty four", "twenty-four", "a hundred"), "a"/"an" when
// allowA, "a couple of", and vague quantities ("several", "a few"), which
// give n = -1.
func (tg *tagger) num(i int, allowA bool) (n float64, end int, ok bool) {
	t := tg.tok(i)
	switch t.kind {
	case tkNum:
		if p := tg.tok(i - 1); i > 0 && !t.gap && (p.w == "," || p.w == "." || p.w == "$" || p.kind == tkWord) {
			return 0, i, false // inside a larger number, an amount or a code
		}
		v, _ := strconv.Atoi(t.w)
		if len(t.w) > 6 {
			return 0, i, false
		}
		k := i + 1
		for tg.w(k) == "," && tg.adjacent(k) && tg.tok(k+1).kind == tkNum && len(tg.w(k+1)) == 3 && tg.adjacent(k+1) {
			x, _ := strconv.Atoi(tg.w(k + 1))
			v = v*1000 + x
			k += 2
		}
		n = float64(v)
		if tg.w(k) == "." && tg.adjacent(k) && tg.tok(k+1).kind == tkNum && tg.adjacent(k+1) {
			f, err := strconv.ParseFloat(tg.w(k-1)+"."+tg.w(k+1), 64)
			if err == nil && k == i+1 {
				n = f
			}
			k += 2
		}
		// "2 1/2"
		if tg.tok(k).kind == tkNum && tg.w(k+1) == "/" && tg.adjacent(k+1) && tg.tok(k+2).kind == tkNum && tg.adjacent(k+2) {
			a, _ := strconv.Atoi(tg.w(k))
			b, _ := strconv.Atoi(tg.w(k + 2))
			if b > 0 && a < b {
				n += float64(a) / float64(b)
				k += 3
			}
		}
		return n, tg.half(k, n), true
	case tkWord:
	default:
		return 0, i, false
	}
	lx := tg.lx
	switch t.w {
	case "a", "an":
		if !allowA {
			return 0, i, false
		}
		switch w := tg.w(i + 1); {
		case w == "couple" && tg.w(i+2) == "of":
			return 2, i + 3, true
		case w == "couple":
			return 2, i + 2, true
		case w == "few":
			return -1, i + 2, true
		case w == "dozen" || w == "hundred" || w == "thousand":
			v := float64(lexVal(lx, lx.numbers, w))
			return v, tg.half(i+2, v), true
		case w == "number" && tg.w(i+2) == "of":
			return -1, i + 3, true
		}
		return 1, tg.half(i+1, 1), true
	case "half":
		if tg.is(i+1, "a", "an") {
			return 0.5, i + 2, true
		}
		return 0, i, false
	case "several", "few", "many", "numerous", "some":
		return -1, i + 1, true
	case "couple":
		if tg.w(i+1) == "of" {
			return 2, i + 2, true
		}
		return 0, i, false
	case "dozens", "hundreds", "thousands":
		if tg.w(i+1) == "of" {
			return -1, i + 2, true
		}
		return 0, i, false
	}
	total, cur, k := 0, 0, i
	for k-i < 8 { // "two thousand one hundred and twenty-five" at most
		v, ok := lexGet(lx, lx.numbers, tg.w(k))
		if !ok || tg.tok(k).kind != tkWord || tg.w(k) == "couple" {
			break
		}
		switch {
		case v == 100:
			cur = max(cur, 1) * 100
		case v == 1000:
			total += max(cur, 1) * 1000
			cur = 0
		case v == 12 && tg.w(k) == "dozen":
			cur = max(cur, 1) * 12
		default:
			cur += v
		}
		k++
		if tg.w(k) == "-" && tg.adjacent(k) && tg.adjacent(k+1) {
			if _, ok := lexGet(lx, lx.numbers, tg.w(k+1)); ok {
				k++
			}
		}
		if tg.w(k) == "and" {
			if _, ok := lexGet(lx, lx.numbers, tg.w(k+1)); ok && (cur >= 100 || total > 0) {
				k++
			}
		}
	}
	if k == i {
		return 0, i, false
	}
	n = float64(total + cur)
	return n, tg.half(k, n), true
}

// half extends a quantity ending at k by "and a half".
func (tg *tagger) half(k int, n float64) int {
	if tg.w(k) == "and" && tg.is(k+1, "a", "one") && tg.w(k+2) == "half" {
		return k + 3
	}
	return k
}

func (tg *tagger) halfValue(start, end int, n float64) float64 {
	if end-start >= 3 && tg.w(end-1) == "half" && tg.w(end-3) == "and" {
		return n + 0.5
	}
	return n
}

// unit reads a time unit word at token i.
func (tg *tagger) unit(i int) (code string, plural bool, ok bool) {
	t := tg.tok(i)
	if t.kind != tkWord {
		return "", false, false
	}
	code, ok = lexGet(tg.lx, tg.lx.units, t.w)
	if !ok {
		return "", false, false
	}
	plural = strings.HasSuffix(t.w, "s") || t.w == "centuries" || t.w == "millennia"
	return code, plural, true
}

// smallNum reads a digit token of at most two digits with value in [lo, hi],
// optionally followed by an ordinal suffix ("5th").
func (tg *tagger) smallNum(i, lo, hi int) (int, int, bool) {
	t := tg.tok(i)
	if t.kind != tkNum || len(t.w) > 2 {
		return 0, i, false
	}
	v, _ := strconv.Atoi(t.w)
	if v < lo || v > hi {
		return 0, i, false
	}
	k := i + 1
	if ordSuffix[tg.w(k)] && tg.adjacent(k) {
		k++
	}
	// not a clock time, a decimal or a score
	if n := tg.w(k); (n == ":" || n == "." || n == "/" || n == "-") && tg.adjacent(k) && tg.tok(k+1).kind == tkNum && tg.adjacent(k+1) {
		return 0, i, false
	}
	return v, k, true
}

// year reads a four-digit year at token i.
func (tg *tagger) year(i int) (int, int, bool) {
	t := tg.tok(i)
	if t.kind != tkNum || len(t.w) != 4 {
		return 0, i, false
	}
	v, _ := strconv.Atoi(t.w)
	if v < 1000 || v > 2999 {
		return 0, i, false
	}
	if p := tg.tok(i - 1); i > 0 && (p.w == "$" || p.w == "#" || p.w == "£" || p.w == "€" || p.w == "no" && p.cap ||
		!t.gap && (p.w == "," || p.w == "." || p.kind == tkWord || p.kind == tkNum)) {
		return 0, i, false
	}
	k := i + 1
	if n := tg.w(k); (n == "," || n == "." || n == ":" || n == "/") && tg.adjacent(k) && tg.tok(k+1).kind == tkNum && tg.adjacent(k+1) {
		return 0, i, false
	}
	if n := tg.w(k); (n == "%" || n == "-" && tg.adjacent(k) && tg.w(k+1) == "percent") && tg.adjacent(k) {
		return 0, i, false
	}
	return v, k, true
}

// yearAny reads a year in digits ("1994") or in words ("nineteen
// ninety-four").
func (tg *tagger) yearAny(i int) (int, int, bool) {
	if y, e, ok := tg.year(i); ok {
		return y, e, true
	}
	if tg.w(i) != "nineteen" {
		return 0, i, false
	}
	tens, ok := lexGet(tg.lx, tg.lx.numbers, tg.w(i+1))
	if !ok || tens < 20 || tens%10 != 0 || tens >= 100 {
		return 0, i, false
	}
	y, e := 1900+tens, i+2
	if tg.w(e) == "-" && tg.adjacent(e) {
		if u, ok := lexGet(tg.lx, tg.lx.numbers, tg.w(e+1)); ok && u < 10 {
			y += u
			e += 2
		}
	}
	return y, e, true
}

// ---- resolution against the publication date ----

// direction gives the way to resolve an expression spanning tokens [i, j):
// explicit (-1 last, +1 next) or the sentence's tense; past by default.
func (tg *tagger) direction(i, j int) int {
	d := tg.tense(i, j)
	if d == tenseDeadline && tg.cues(i-1, j) == tensePast {
		return -1 // "had filed reports by Wednesday"
	}
	if d != 0 {
		return max(-1, min(1, d))
	}
	return -1
}

// resolveYear picks the year of a yearly recurring period (a month, a
// day, a quarter) seen from the publication date; span(y) gives its first
// day and the day after it. dir < 0 picks the latest one begun by the
// publication date, dir > 0 the first one not over by then, and 0 the
// nearest one, with a lead of pastBias for the past: news mostly reports
// what has happened. After a reporting verb (tenseReport) or before a
// deadline (tenseDeadline), a date within closeBy of publication is taken
// as it is.
const (
	pastBias = 91 * 24 * time.Hour
	// closeBy is how near a date must be to the publication date to win
	// over the tense: "extended to Nov. 6", said in late October.
	closeBy = 45 * 24 * time.Hour
)

func (tg *tagger) resolveYear(dir int, span func(y int) (time.Time, time.Time)) int {
	y0 := tg.dct.Year()
	near, nearD, nearRaw := y0, time.Duration(1<<62), time.Duration(0)
	past, future := y0-1, y0+1
	for y := y0 - 1; y <= y0+1; y++ {
		s, e := span(y)
		if !s.After(tg.dct) {
			past = y
		}
		if e.After(tg.dct) && future == y0+1 && y <= y0 {
			future = y
		}
		var raw, d time.Duration
		if tg.dct.Before(s) {
			raw = s.Sub(tg.dct)
			d = raw
		} else if !tg.dct.Before(e) {
			raw = tg.dct.Sub(e) + 24*time.Hour
			d = max(0, raw-pastBias)
		}
		if d < nearD {
			near, nearD, nearRaw = y, d, raw
		}
	}
	switch {
	case dir == tenseNone || nearRaw <= closeBy && (dir == tenseReport || dir == tenseDeadline):
		return near
	case dir < 0:
		return past
	}
	return future
}

// resolveMonth places month m (and day d, or 0 for the whole month) in a
// year, looking in direction dir from the publication date.
func (tg *tagger) resolveMonth(m, d, dir int) time.Time {
	y := tg.resolveYear(dir, func(y int) (time.Time, time.Time) {
		if d > 0 {
			t := mkday(y, m, d)
			return t, t.AddDate(0, 0, 1)
		}
		t := mkday(y, m, 1)
		return t, t.AddDate(0, 1, 0)
	})
	return mkday(y, m, max(d, 1))
}

// base is the point anaphoric expressions count from: the last date
// mentioned, else the publication date.
func (tg *tagger) base() (tpoint, bool) {
	if tg.anchor.valid() {
		return tg.anchor, true
	}
	if tg.hasDCT {
		return tpoint{t: tg.dct, g: gDay}, true
	}
	return tpoint{}, false
}

func dateMatch(end int, p tpoint, rule string) (tmatch, bool) {
	return tmatch{end: end, typ: "DATE", value: p.value(), rule: rule, point: p}, true
}

// ---- rules ----

// ruleRef finds fixed phrases from time_refs.txt: "now", "recently",
// "the future", "today", "yesterday", "tonight".
func ruleRef(tg *tagger, i int) (tmatch, bool) {
	end, ref := longestPhrase(tg, tg.lx.refs, i)
	if end == i {
		return tmatch{}, false
	}
	switch tg.w(i) {
	case "soon":
		if tg.is(end, "after", "as", "-") || tg.w(i-1) == "as" {
			return tmatch{}, false
		}
		if c := tg.cues(i, end); c == tensePast || c == tenseWeak {
			return tmatch{}, false // "he was soon released": soon after, in the story
		}
	case "now":
		if tg.w(end) == "-" || tg.w(i-1) == "-" {
			return tmatch{}, false
		}
		// "can now take part", "will now receive": as a result, not at
		// present
		if end == i+1 && timeModals[tg.w(i-1)] {
			return tmatch{}, false
		}
	case "recent":
		if tg.w(i-1) == "most" {
			return tmatch{}, false // "their most recent model": the latest
		}
		fallthrough
	case "current", "future":
		if tg.w(end) == "-" || tg.w(i-1) == "-" {
			return tmatch{}, false
		}
	}
	if tg.w(end-1) == "future" && tg.w(end) == "of" {
		return tmatch{}, false // "the future of our peoples": a fate, not a time
	}
	return tg.refValue(i, end, ref)
}

func (tg *tagger) refValue(i, end int, ref timeRef) (tmatch, bool) {
	v := ref.value
	if strings.HasPrefix(v, "D") || strings.HasPrefix(v, "TD") {
		f := strings.Fields(v)
		off, _ := strconv.Atoi(strings.TrimLeft(f[0], "TD"))
		part := ""
		if len(f) > 1 {
			part = "T" + f[1]
		}
		// "today's" and "yesterday's" stay one expression
		if !tg.hasDCT {
			return tmatch{end: end, typ: ref.typ, value: "XXXX-XX-XX" + part, rule: "date.ref-day"}, true
		}
		p := tpoint{t: tg.dct.AddDate(0, 0, off), g: gDay}
		// "yesterday morning", "today at noon": a part of the day
		if part == "" {
			if dp, ok := lexGet(tg.lx, tg.lx.dayparts, tg.w(end)); ok && len(dp) == 2 && tg.w(i) != "today" {
				return tmatch{end: end + 1, typ: "TIME", value: p.value() + "T" + dp, rule: "time.ref-daypart", point: p}, true
			}
		}
		return tmatch{end: end, typ: ref.typ, value: p.value() + part, rule: "date.ref-day", point: p}, true
	}
	rule := "date.ref"
	if ref.typ == "DURATION" {
		rule = "duration.ref"
	}
	return tmatch{end: end, typ: ref.typ, value: v, rule: rule}, true
}

// ruleWeekday finds "Monday", "last Friday", "next Tuesday", "Thursday
// evening", "Tuesday, March 8".
func ruleWeekday(tg *tagger, i int) (tmatch, bool) {
	k, dir, explicit := i, 0, false
	switch tg.w(k) {
	case "last", "past", "previous":
		dir, explicit = -1, true
		k++
	case "next", "coming":
		dir, explicit = 1, true
		k++
	case "the":
		if !tg.is(k+1, "previous", "following", "next") {
			return tmatch{}, false
		}
		if _, ok := lexGet(tg.lx, tg.lx.weekdays, tg.w(k+2)); !ok || !tg.hasDCT {
			return tmatch{}, false
		}
		// counted from the date in focus: "the following Monday"
		b, _ := tg.base()
		wd := lexVal(tg.lx, tg.lx.weekdays, tg.w(k+2))
		cur := isoWeekday(b.t)
		var t time.Time
		if tg.w(k+1) == "previous" {
			back := (cur - wd + 7) % 7
			if back == 0 {
				back = 7
			}
			t = b.t.AddDate(0, 0, -back)
		} else {
			fwd := (wd - cur + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			t = b.t.AddDate(0, 0, fwd)
		}
		return dateMatch(k+3, tpoint{t: t, g: gDay}, "date.weekday-anchored")
	case "this":
		explicit = true
		k++
		if tg.w(k) == "coming" || tg.w(k) == "past" {
			dir = map[string]int{"coming": 1, "past": -1}[tg.w(k)]
			k++
		}
	}
	wd, ok := lexGet(tg.lx, tg.lx.weekdays, tg.w(k))
	if !ok {
		return tmatch{}, false
	}
	k++
	// an explicit date after it: "Tuesday, March 8, 1998"
	j := k
	if tg.w(j) == "," {
		j++
	}
	if m, ok := ruleMonth(tg, j); ok && m.point.g == gDay {
		m.rule = "date.weekday-date"
		return m, true
	}
	part := ""
	if dp, ok := lexGet(tg.lx, tg.lx.dayparts, tg.w(k)); ok && len(dp) == 2 {
		part = "T" + dp
		k++
	}
	typ := "DATE"
	if part != "" {
		typ = "TIME"
	}
	if !tg.hasDCT {
		return tmatch{end: k, typ: typ, value: "XXXX-WXX-" + strconv.Itoa(wd) + part, rule: "date.weekday"}, true
	}
	cur := isoWeekday(tg.dct)
	var t time.Time
	switch {
	case explicit && dir == 0: // "this Monday": in this week
		t = tg.dct.AddDate(0, 0, wd-cur)
	case explicit && dir < 0:
		back := (cur - wd + 7) % 7
		if back == 0 {
			back = 7
		}
		t = tg.dct.AddDate(0, 0, -back)
	case explicit && dir > 0:
		fwd := (wd - cur + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		t = tg.dct.AddDate(0, 0, fwd)
	default:
		// "Wednesday's ruling": what a day is said to own has happened
		possessive := tg.w(k) == "'" && tg.w(k+1) == "s" && tg.adjacent(k)
		if !possessive && tg.direction(i, k) > 0 {
			t = tg.dct.AddDate(0, 0, (wd-cur+7)%7)
		} else {
			t = tg.dct.AddDate(0, 0, -((cur - wd + 7) % 7))
		}
	}
	p := tpoint{t: t, g: gDay}
	return tmatch{end: k, typ: typ, value: p.value() + part, rule: "date.weekday", point: p}, true
}

// monthAt reads a month name at token i, with the checks that keep "may",
// "march" and abbreviations from matching ordinary words.
func (tg *tagger) monthAt(i int) (int, int, bool) {
	t := tg.tok(i)
	m, ok := lexGet(tg.lx, tg.lx.months, t.w)
	if !ok || t.kind != tkWord || !t.cap {
		return 0, i, false
	}
	k := i + 1
	dot := tg.w(k) == "." && tg.adjacent(k)
	nextNum := tg.tok(k).kind == tkNum || dot && tg.tok(k+1).kind == tkNum
	full := len(t.w) > 4 || t.w == "june" || t.w == "july"
	switch {
	case t.w == "may" || t.w == "march":
		if !nextNum && !relBefore[tg.w(i-1)] {
			return 0, i, false
		}
		if i > 0 && tg.tok(i-1).cap && tg.tok(i-1).kind == tkWord && !relBefore[tg.w(i-1)] {
			return 0, i, false // "Theresa May"
		}
	case !full:
		if !dot && !nextNum {
			return 0, i, false
		}
	}
	if dot && !(tg.tok(k).kind == tkPunct && k == len(tg.toks)-1) {
		k++
	}
	return m, k, true
}

// ruleMonth finds month-based dates: "Sept. 5", "Sept. 5, 2016",
// "5 September 2016", "August 1988", "July of 1997", "February", "last
// April", "June last year".
func ruleMonth(tg *tagger, i int) (tmatch, bool) {
	k, dir, explicit := i, 0, false
	switch tg.w(k) {
	case "last", "past":
		dir, explicit = -1, true
		k++
	case "next", "coming":
		dir, explicit = 1, true
		k++
	case "this":
		explicit = true
		k++
	}
	day := 0
	if d, e, ok := tg.smallNum(k, 1, 31); ok {
		j := e
		if tg.w(j) == "of" {
			j++
		}
		if _, _, ok := tg.monthAt(j); ok {
			day, k = d, j
		}
	} else if tg.w(k) == "the" {
		if d, e, ok := tg.smallNum(k+1, 1, 31); ok && ordSuffix[tg.w(e-1)] && tg.w(e) == "of" {
			if _, _, ok := tg.monthAt(e + 1); ok {
				day, k = d, e+1
			}
		}
	}
	m, k, ok := tg.monthAt(k)
	if !ok {
		return tmatch{}, false
	}
	if day == 0 {
		if d, e, ok := tg.smallNum(k, 1, 31); ok {
			day, k = d, e
		} else if v, ok := lexGet(tg.lx, tg.lx.ordinals, tg.w(k)); ok && tg.tok(k).kind == tkWord {
			day, k = v, k+1
		}
	}
	yr := 0
	j := k
	if tg.w(j) == "," || tg.w(j) == "of" && day == 0 {
		j++
	}
	if y, e, ok := tg.yearAny(j); ok {
		yr, k = y, e
	} else if tg.is(k, "last", "this", "next") && tg.w(k+1) == "year" && tg.hasDCT {
		yr = tg.dct.Year() + map[string]int{"last": -1, "this": 0, "next": 1}[tg.w(k)]
		k += 2
	}
	if day > 0 && yr > 0 && day > time.Date(yr, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return tmatch{}, false
	}
	g := gMonth
	if day > 0 {
		g = gDay
	}
	rule := "date.month-name"
	if day > 0 {
		rule = "date.month-day"
	}
	if yr > 0 {
		return dateMatch(k, tpoint{t: mkday(yr, m, max(day, 1)), g: g}, rule)
	}
	if !tg.hasDCT {
		v := "XXXX-" + pad(m, 2)
		if day > 0 {
			v += "-" + pad(day, 2)
		}
		return tmatch{end: k, typ: "DATE", value: v, rule: rule}, true
	}
	var t time.Time
	switch {
	case explicit && dir == 0:
		t = mkday(tg.dct.Year(), m, max(day, 1))
	case explicit:
		t = mkday(tg.dct.Year(), m, max(day, 1))
		if dir < 0 && t.After(tg.dct) {
			t = t.AddDate(-1, 0, 0)
		} else if dir > 0 && !t.After(tg.dct) {
			t = t.AddDate(1, 0, 0)
		}
		if t.Year() == tg.dct.Year() && m == int(tg.dct.Month()) && day == 0 { // "last September" in September
			t = t.AddDate(dir, 0, 0)
		}
	default:
		t = tg.resolveMonth(m, day, tg.tense(i, k))
	}
	return dateMatch(k, tpoint{t: t, g: g}, rule)
}

// ruleNumericDate finds "2016-09-05", "09/05/2016" and "7/8/07".
func ruleNumericDate(tg *tagger, i int) (tmatch, bool) {
	a, b, c := tg.tok(i), tg.tok(i+2), tg.tok(i+4)
	if a.kind != tkNum || b.kind != tkNum || c.kind != tkNum || tg.w(i+1) != tg.w(i+3) ||
		!tg.adjacent(i+1) || !tg.adjacent(i+2) || !tg.adjacent(i+3) || !tg.adjacent(i+4) {
		return tmatch{}, false
	}
	if sep := tg.w(i + 1); sep != "-" && sep != "/" && sep != "." {
		return tmatch{}, false
	}
	if tg.adjacent(i+5) && (tg.tok(i+5).kind == tkNum || tg.w(i+5) == tg.w(i+1)) {
		return tmatch{}, false
	}
	x, _ := strconv.Atoi(a.w)
	y, _ := strconv.Atoi(b.w)
	z, _ := strconv.Atoi(c.w)
	var yr, m, d int
	switch {
	case len(a.w) == 4:
		yr, m, d = x, y, z
	case len(c.w) == 4 || len(c.w) == 2:
		yr, m, d = z, x, y
		if tg.w(i+1) == "." || m > 12 { // European order
			m, d = d, m
		}
		if len(c.w) == 2 {
			yr += 1900
			if z < 50 {
				yr += 100
			}
		}
	default:
		return tmatch{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > time.Date(yr, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() || yr < 1000 {
		return tmatch{}, false
	}
	return dateMatch(i+5, tpoint{t: mkday(yr, m, d), g: gDay}, "date.numeric")
}

// ruleYear finds years and decades: "1990", "fiscal 1989", "the year two
// thousand", "nineteen ninety-six", "the 1990s", "the '90s", "the nineties".
func ruleYear(tg *tagger, i int) (tmatch, bool) {
	k := i
	the := tg.w(k) == "the"
	if the {
		k++
	}
	fiscal := false
	if tg.w(k) == "fiscal" {
		fiscal = true
		k++
		if tg.w(k) == "year" {
			k++
		}
	} else if tg.w(k) == "year" && the {
		k++
		if n, e, ok := tg.num(k, false); ok && n >= 1000 && n < 3000 && n == float64(int(n)) {
			return dateMatch(e, tpoint{t: mkday(int(n), 1, 1), g: gYear}, "date.year")
		}
		if y, e, ok := tg.year(k); ok {
			return dateMatch(e, tpoint{t: mkday(y, 1, 1), g: gYear}, "date.year")
		}
		return tmatch{}, false
	}
	// decades: "1990s", "'90s", "nineties"
	if tg.w(k) == "'" && tg.tok(k+1).kind == tkNum && len(tg.w(k+1)) == 2 && tg.w(k+2) == "s" && tg.adjacent(k+2) {
		v, _ := strconv.Atoi(tg.w(k + 1))
		if v%10 == 0 {
			return dateMatch(k+3, tpoint{t: mkday(1900+v, 1, 1), g: gDecade}, "date.decade")
		}
	}
	if d, ok := lexGet(tg.lx, tg.lx.decades, tg.w(k)); ok && the {
		return dateMatch(k+1, tpoint{t: mkday(1900+d, 1, 1), g: gDecade}, "date.decade")
	}
	y, e, ok := tg.year(k)
	if !ok {
		// "nineteen ninety-six"
		if tg.w(k) == "nineteen" {
			if tens, ok := lexGet(tg.lx, tg.lx.numbers, tg.w(k+1)); ok && tens >= 20 && tens%10 == 0 && tens < 100 {
				e = k + 2
				y = 1900 + tens
				if tg.w(e) == "-" && tg.adjacent(e) {
					if u, ok := lexGet(tg.lx, tg.lx.numbers, tg.w(e+1)); ok && u < 10 {
						y += u
						e += 2
					}
				}
				return dateMatch(e, tpoint{t: mkday(y, 1, 1), g: gYear}, "date.year-words")
			}
		}
		return tmatch{}, false
	}
	if tg.w(e) == "s" && tg.adjacent(e) && y%10 == 0 {
		g := gDecade
		if y%100 == 0 && tg.w(i-1) != "mid" && false {
			g = gCentury
		}
		return dateMatch(e+1, tpoint{t: mkday(y, 1, 1), g: g}, "date.decade")
	}
	if the && !fiscal {
		return tmatch{}, false // "the 1990 budget": let the year alone match
	}
	// "2000 troops": a number, not a year
	if nt := tg.tok(e); !fiscal && nt.kind == tkWord && !nt.cap && len(nt.w) > 3 && strings.HasSuffix(nt.w, "s") &&
		!strings.HasSuffix(nt.w, "ss") && !relBefore[tg.w(i-1)] && lexVal(tg.lx, tg.lx.units, nt.w) == "" {
		return tmatch{}, false
	}
	rule := "date.year"
	if fiscal {
		rule = "date.fiscal-year"
	}
	return dateMatch(e, tpoint{t: mkday(y, 1, 1), g: gYear}, rule)
}

// ruleCentury finds "the 19th century", "the nineteenth century".
func ruleCentury(tg *tagger, i int) (tmatch, bool) {
	k := i
	if tg.w(k) == "the" {
		k++
	}
	n := 0
	if v, e, ok := tg.smallNum(k, 1, 30); ok && e == k+2 {
		n, k = v, e
	} else if v, ok := lexGet(tg.lx, tg.lx.ordinals, tg.w(k)); ok {
		n, k = v, k+1
	} else {
		return tmatch{}, false
	}
	if tg.w(k) == "-" && tg.adjacent(k) {
		k++
	}
	if tg.w(k) != "century" {
		return tmatch{}, false
	}
	return dateMatch(k+1, tpoint{t: mkday((n-1)*100, 1, 1), g: gCentury}, "date.century")
}

// ruleQuarter finds quarters: "the third quarter", "third-quarter", "the
// fourth quarter of 1989", "the latest quarter", "the year-ago quarter",
// "fiscal first quarter", "this year's third quarter", "the 1988 period",
// "the same period last year".
func ruleQuarter(tg *tagger, i int) (tmatch, bool) {
	k := i
	yr, yearOff, hasYearOff := 0, 0, false
	switch {
	case tg.w(k) == "the":
		k++
	case tg.is(k, "this", "last", "next") && tg.w(k+1) == "year" && tg.w(k+2) == "'" && tg.w(k+3) == "s":
		yearOff, hasYearOff = map[string]int{"this": 0, "last": -1, "next": 1}[tg.w(k)], true
		k += 4
	}
	q, rel, yearAgo, hyphen, fiscal := 0, "", false, false, false
	for start := k; k < len(tg.toks) && k-start < 8; k++ {
		w := tg.w(k)
		if v, ok := lexGet(tg.lx, tg.lx.ordinals, w); ok && v <= 4 && q == 0 {
			q = v
			continue
		}
		if v, e, ok := tg.smallNum(k, 1, 4); ok && e == k+2 && q == 0 {
			q, k = v, k+1
			continue
		}
		if y, e, ok := tg.year(k); ok && yr == 0 && tg.w(i) == "the" && k == i+1 {
			yr, k = y, e-1
			continue
		}
		switch w {
		case "-":
			if tg.adjacent(k) {
				hyphen = true
				continue
			}
		case "fiscal":
			fiscal = true
			continue
		case "calendar":
			continue
		case "latest", "last", "current", "next", "previous", "recent", "same", "comparable", "corresponding", "prior", "this", "final":
			rel = w
			continue
		case "year":
			if tg.w(k+1) == "-" && tg.is(k+2, "ago", "earlier") {
				yearAgo = true
				k += 2
				continue
			}
		}
		break
	}
	isPeriod := tg.w(k) == "period" && (yearAgo || yr > 0 || rel == "latest" || rel == "comparable" || rel == "same" || rel == "corresponding")
	if tg.w(k) != "quarter" && !isPeriod {
		return tmatch{}, false
	}
	if q == 0 && rel == "" && !yearAgo && yr == 0 && tg.w(i) != "the" {
		return tmatch{}, false
	}
	if tg.w(i) == "the" && hyphen && q > 0 && rel == "" && yr == 0 {
		return tmatch{}, false // "the third-quarter loss": "third-quarter"
	}
	if tg.w(k+1) == "-" && tg.adjacent(k+1) {
		return tmatch{}, false // "quarter-to-quarter"
	}
	k++
	j := k
	if tg.w(j) == "of" || tg.w(j) == "," {
		j++
	}
	if tg.w(j) == "fiscal" {
		j++
	}
	if y, e, ok := tg.year(j); ok && yr == 0 {
		yr, k = y, e
	} else if yr == 0 && !hasYearOff {
		switch {
		case tg.w(k) == "last" && tg.w(k+1) == "year":
			yearAgo, k = true, k+2
		case tg.w(k) == "a" && tg.w(k+1) == "year" && tg.is(k+2, "ago", "earlier"):
			yearAgo, k = true, k+3
		}
	}
	if !tg.hasDCT && yr == 0 {
		v := "XXXX-QX"
		if q > 0 {
			v = "XXXX-Q" + strconv.Itoa(q)
		}
		return tmatch{end: k, typ: "DATE", value: v, rule: "date.quarter"}, true
	}
	if q == 0 && yr > 0 && tg.anchor.g == gQuarter {
		q = (int(tg.anchor.t.Month())-1)/3 + 1
	} else if q == 0 && yr > 0 && tg.w(k-1) == "quarter" && tg.hasDCT {
		// "the 1988 quarter": the same quarter as the one just reported
		q = (int(floor(tg.dct, gQuarter).AddDate(0, -3, 0).Month())-1)/3 + 1
	}
	var t time.Time
	switch {
	case yr > 0 && q == 0:
		return dateMatch(k, tpoint{t: mkday(yr, 1, 1), g: gYear}, "date.quarter")
	case yr > 0:
		t = mkday(yr, q*3-2, 1)
	case hasYearOff && q > 0:
		t = mkday(tg.dct.Year()+yearOff, q*3-2, 1)
	case q > 0 && fiscal:
		// fiscal years start in different months: keep the label
		t = mkday(tg.dct.Year(), q*3-2, 1)
	case q > 0:
		// results are reported after the quarter: no tense, the nearest
		y := tg.resolveYear(0, func(y int) (time.Time, time.Time) {
			t := mkday(y, q*3-2, 1)
			return t, t.AddDate(0, 3, 0)
		})
		t = mkday(y, q*3-2, 1)
	default:
		ended, endOK := tmatch{}, false
		if tg.is(k, "ended", "ending") {
			ended, endOK = ruleMonth(tg, k+1)
		}
		switch {
		case endOK && ended.point.g == gDay:
			// "the quarter ended July 31": the calendar quarter that holds
			// most of its three months
			t = floor(floor(ended.point.t, gMonth).AddDate(0, -1, 0), gQuarter)
		case rel == "current" || rel == "this":
			t = floor(tg.dct, gQuarter)
		case rel == "next":
			t = floor(tg.dct, gQuarter).AddDate(0, 3, 0)
		case tg.anchor.g == gQuarter && rel != "latest" && rel != "last":
			t = tg.anchor.t
		default: // the quarter just ended: "the latest quarter"
			t = floor(tg.dct, gQuarter).AddDate(0, -3, 0)
		}
		if hasYearOff {
			t = mkday(tg.dct.Year()+yearOff, int(t.Month()), 1)
		}
	}
	if yearAgo {
		return dateMatch(k, tpoint{t: t.AddDate(-1, 0, 0), g: gQuarter}, "date.quarter-year-ago")
	}
	return dateMatch(k, tpoint{t: t, g: gQuarter}, "date.quarter")
}

// ruleRelUnit finds units relative to the publication date or to the last
// date mentioned: "last week", "this month", "next year", "this summer",
// "the weekend", "the next day", "the following year", "that day".
func ruleRelUnit(tg *tagger, i int) (tmatch, bool) {
	k := i
	the := tg.w(k) == "the"
	if the {
		k++
	}
	mod := ""
	switch w := tg.w(k); w {
	case "last", "this", "next", "past", "coming", "current", "previous", "following", "same", "that", "latest", "prior", "upcoming", "present":
		mod = w
		k++
		if w == "this" && tg.is(k, "past", "coming") { // "this past spring"
			mod = tg.w(k)
			k++
		}
		if w == "that" && tg.w(k) == "same" { // "that same day"
			k++
		}
	}
	if tg.is(k, "fiscal", "full", "calendar") && tg.w(k+1) == "year" {
		k++
	}
	if the && (mod == "this" || mod == "that") || !the && mod == "" {
		return tmatch{}, false
	}
	w := tg.w(k)
	// "the next morning", "that night": a part of the day counted from the
	// date in focus
	if dp, ok := lexGet(tg.lx, tg.lx.dayparts, w); ok && len(dp) == 2 && (the && (mod == "next" || mod == "following" || mod == "previous") || mod == "that" || mod == "same") && tg.hasDCT {
		b, _ := tg.base()
		if b.g != gDay {
			b = tpoint{t: tg.dct, g: gDay}
		}
		n := map[string]int{"next": 1, "following": 1, "previous": -1}[mod]
		return dateMatch(k+1, tpoint{t: b.t.AddDate(0, 0, n), g: gDay}, "date.anchored")
	}
	if tg.tok(k).kind != tkWord {
		return tmatch{}, false
	}
	if season, ok := lexGet(tg.lx, tg.lx.seasons, w); ok {
		return tg.season(i, k+1, mod, season)
	}
	u, plural, ok := tg.unit(k)
	if !ok || plural || u == "Q" || u == "H" || u == "MIN" || u == "S" || u == "FN" {
		return tmatch{}, false
	}
	if tg.tok(k).cap && k > 0 {
		return tmatch{}, false // a title: ABC's "This Week"
	}
	k++
	if tg.w(k) == "-" && tg.adjacent(k) {
		return tmatch{}, false // "the year-ago results"
	}
	g := unitGran(u)
	// "the day before last Tuesday's hearing", "the day after his death":
	// a day counted from a date, or from the date in focus
	if the && mod == "" && g == gDay && tg.is(k, "after", "before") && tg.hasDCT && !strings.HasSuffix(tg.w(k+1), "ing") {
		if tg.w(i-1) == "," && tg.lastEnd == i-1 && tg.sentAnchor.g == gDay {
			// "Oct. 12, the day before the plunge": the date itself
			return dateMatch(k, tg.sentAnchor, "date.day-before")
		}
		n := 1
		if tg.w(k) == "before" {
			n = -1
		}
		for _, r := range []timeRule{ruleWeekday, ruleMonth, ruleRelUnit, ruleRef} {
			if m, ok := r(tg, k+1); ok && m.point.g == gDay && m.typ == "DATE" {
				// the date named stays the one in focus
				return tmatch{end: m.end, typ: "DATE", value: tpoint{t: m.point.t.AddDate(0, 0, n), g: gDay}.value(),
					rule: "date.day-before-date", point: m.point}, true
			}
		}
		if b, _ := tg.base(); b.g == gDay && tg.anchor.valid() {
			p := tpoint{t: b.t.AddDate(0, 0, n), g: gDay}
			return tmatch{end: k, typ: "DATE", value: p.value(), rule: "date.day-before", point: p}, true
		}
	}
	// "the week of March 6": the week that holds the day
	if the && mod == "" && g == gWeek && tg.w(k) == "of" {
		if m, ok := ruleMonth(tg, k+1); ok && m.point.g == gDay {
			return dateMatch(m.end, tpoint{t: m.point.t, g: gWeek}, "date.week-of")
		}
	}
	if the && (mod == "coming" || mod == "present" || (mod == "past" || mod == "last") && g != gYear) && g != gDay && g != gWeekend {
		return tmatch{}, false // "the past week": a duration
	}
	if !tg.hasDCT {
		return tmatch{end: k, typ: "DATE", value: vague(g), rule: "date.relative-unit"}, true
	}
	dct := tpoint{t: floor(tg.dct, g), g: g}
	switch {
	case mod == "" || mod == "same" || mod == "that":
		// "the day", "the same month", "that year": the date in focus
		if g == gWeekend && mod == "" {
			return tg.weekend(k, tg.direction(i, k))
		}
		if g == gYear && tg.is(k, "ended", "ending") {
			return tmatch{end: k, typ: "DURATION", value: "P1Y", rule: "duration.the-year-ended"}, true
		}
		if tg.w(k-2) == "fiscal" || tg.w(k-2) == "full" {
			return dateMatch(k, dct, "date.fiscal-year")
		}
		b, _ := tg.base()
		if b.g > g && mod == "" {
			b = tpoint{t: tg.dct, g: gDay}
		}
		if b.g > g {
			return tmatch{}, false
		}
		return dateMatch(k, tpoint{t: floor(b.t, g), g: g}, "date.anchored")
	case the && (mod == "next" || mod == "following" || mod == "previous" || mod == "prior"):
		b, _ := tg.base()
		n := 1
		if mod == "previous" || mod == "prior" {
			n = -1
		}
		if b.g > g {
			b = tpoint{t: b.t, g: g}
		}
		return dateMatch(k, tpoint{t: shift(floor(b.t, g), g, n), g: g}, "date.anchored")
	case mod == "last" || mod == "past" || mod == "previous" || mod == "prior" || mod == "latest":
		if g == gWeekend {
			return tg.weekend(k, -2)
		}
		return dateMatch(k, tpoint{t: shift(dct.t, g, -1), g: g}, "date.relative-unit")
	case mod == "next" || mod == "coming" || mod == "upcoming" || mod == "following":
		if g == gWeekend {
			return tg.weekend(k, 2)
		}
		return dateMatch(k, tpoint{t: shift(dct.t, g, 1), g: g}, "date.relative-unit")
	default: // this, current, present
		if g == gWeekend {
			return tg.weekend(k, 0)
		}
		return dateMatch(k, dct, "date.relative-unit")
	}
}

// weekendEvents are the nouns "a weekend" modifies as a date ("a weekend
// meeting" was last weekend's), not as an amount of time.
var weekendEvents = map[string]bool{"meeting": true, "meetings": true, "visit": true, "summit": true, "talks": true,
	"session": true, "attack": true, "attacks": true, "raid": true, "raids": true, "rally": true, "protest": true,
	"protests": true, "trip": true, "gathering": true, "conference": true, "vote": true, "clashes": true, "offensive": true}

// weekend resolves "the weekend": dir -1 the last one on or before the
// publication date, -2 the one before the current week's, +1/+2 the next,
// 0 the current week's.
func (tg *tagger) weekend(end, dir int) (tmatch, bool) {
	if !tg.hasDCT {
		return tmatch{end: end, typ: "DATE", value: "XXXX-WXX-WE", rule: "date.weekend"}, true
	}
	sat := floor(tg.dct, gWeekend)
	switch {
	case dir == -1 && sat.After(tg.dct), dir == -2:
		sat = sat.AddDate(0, 0, -7)
	case dir == 2:
		sat = sat.AddDate(0, 0, 7)
	}
	return dateMatch(end, tpoint{t: sat, g: gWeekend}, "date.weekend")
}

var seasonOrder = map[string]int{"WI": 0, "SP": 1, "SU": 2, "FA": 3}

// season resolves "this summer", "last fall", "next spring", "summer 2016",
// "the winter of 1994".
func (tg *tagger) season(i, k int, mod, code string) (tmatch, bool) {
	j := k
	if tg.w(j) == "of" {
		j++
	}
	if y, e, ok := tg.yearAny(j); ok {
		return dateMatch(e, tpoint{t: mkday(y, 1, 1), g: gSeason, season: code}, "date.season")
	}
	if mod == "that" || mod == "same" || mod == "following" || mod == "previous" {
		return tmatch{}, false
	}
	if !tg.hasDCT {
		return tmatch{end: k, typ: "DATE", value: "XXXX-" + code, rule: "date.season"}, true
	}
	y := tg.dct.Year()
	m := int(tg.dct.Month())
	cur := (m % 12) / 3 // Dec-Feb 0, Mar-May 1, ...
	s := seasonOrder[code]
	dir := 0
	switch mod {
	case "last", "past", "previous", "prior":
		dir = -1
	case "next", "coming", "upcoming":
		dir = 1
	case "this", "current":
		dir = 0
	default:
		if tg.w(i) != "the" && mod == "" {
			return tmatch{}, false
		}
		dir = tg.direction(i, k)
	}
	if dir < 0 && s >= cur {
		y--
	} else if dir > 0 && s <= cur {
		y++
	}
	return dateMatch(k, tpoint{t: mkday(y, 1, 1), g: gSeason, season: code}, "date.season")
}

// ruleYearAgo finds "year-earlier" and "year-ago" used as adjectives: the
// year before publication, or the quarter a year before the one in focus.
func ruleYearAgo(tg *tagger, i int) (tmatch, bool) {
	if tg.w(i) != "year" || tg.w(i+1) != "-" || !tg.is(i+2, "earlier", "ago") || !tg.adjacent(i+1) {
		return tmatch{}, false
	}
	if !tg.hasDCT {
		return tmatch{end: i + 3, typ: "DATE", value: "XXXX", rule: "date.year-ago"}, true
	}
	if tg.anchor.g == gQuarter {
		return dateMatch(i+3, tpoint{t: tg.anchor.t.AddDate(-1, 0, 0), g: gQuarter}, "date.year-ago")
	}
	return dateMatch(i+3, tpoint{t: shift(floor(tg.dct, gYear), gYear, -1), g: gYear}, "date.year-ago")
}

// ruleYearEnd finds "year-end", "year end", "year's end", "around year
// end": the end of the current year, or of the last one after "since".
func ruleYearEnd(tg *tagger, i int) (tmatch, bool) {
	k := i
	if tg.w(k) == "around" {
		k++
	}
	if tg.w(k) != "year" {
		return tmatch{}, false
	}
	switch {
	case tg.w(k+1) == "-" && tg.w(k+2) == "end" && tg.adjacent(k+1) && tg.adjacent(k+2):
		k += 3
	case tg.w(k+1) == "end":
		k += 2
	case tg.w(k+1) == "'" && tg.w(k+2) == "s" && tg.w(k+3) == "end":
		k += 4
	default:
		return tmatch{}, false
	}
	if tg.w(i-1) == "the" || tg.w(k) == "-" {
		return tmatch{}, false // "the year-end dividend"
	}
	if !tg.hasDCT {
		return tmatch{end: k, typ: "DATE", value: "XXXX", rule: "date.year-end"}, true
	}
	y := tg.dct.Year()
	if tg.w(i-1) == "since" {
		y--
	}
	return dateMatch(k, tpoint{t: mkday(y, 12, 31), g: gYear}, "date.year-end")
}

// ruleThen finds "then" as a date after "until" or "by": the date in
// focus.
func ruleThen(tg *tagger, i int) (tmatch, bool) {
	// "since then" is not annotated as a time expression in TimeML news
	if tg.w(i) != "then" || !tg.is(i-1, "until", "by", "till") {
		return tmatch{}, false
	}
	b, ok := tg.base()
	if !ok || !tg.anchor.valid() {
		return tmatch{}, false
	}
	return tmatch{end: i + 1, typ: "DATE", value: b.value(), rule: "date.then", point: b}, true
}

// ruleClock finds clock times: "10:35 a.m.", "10 p.m. Wednesday", "noon
// Thursday", "18:00 UTC", "around 7:15 p.m.", "4 in the morning".
func ruleClock(tg *tagger, i int) (tmatch, bool) {
	k := i
	if tg.is(k, "around", "approximately") {
		k++
	}
	h, mi := -1, 0
	t := tg.tok(k)
	switch {
	case t.kind == tkNum && len(t.w) <= 2 && tg.w(k+1) == ":" && tg.adjacent(k+1) && tg.tok(k+2).kind == tkNum && len(tg.w(k+2)) == 2 && tg.adjacent(k+2):
		h, _ = strconv.Atoi(t.w)
		mi, _ = strconv.Atoi(tg.w(k + 2))
		k += 3
		if h > 24 || mi > 59 {
			return tmatch{}, false
		}
		if p := tg.tok(i - 1); i > 0 && !t.gap && (p.kind == tkNum || p.w == ":") {
			return tmatch{}, false
		}
	case t.kind == tkNum && len(t.w) <= 2:
		h, _ = strconv.Atoi(t.w)
		if h < 1 || h > 12 {
			return tmatch{}, false
		}
		k++
	case t.kind == tkWord:
		if v, ok := lexGet(tg.lx, tg.lx.dayparts, t.w); ok && len(v) == 5 && tg.w(k-1) != "high" { // not "High Noon"
			h, _ = strconv.Atoi(v[:2])
			k++
			if tg.w(i) != t.w && tg.w(i) != "around" {
				return tmatch{}, false
			}
		} else {
			return tmatch{}, false
		}
	default:
		return tmatch{}, false
	}
	clockWord := t.kind == tkWord
	ampm := ""
	switch {
	case tg.is(k, "am", "pm"):
		ampm = tg.w(k)
		k++
	case tg.is(k, "a", "p") && tg.w(k+1) == "." && tg.w(k+2) == "m" && tg.adjacent(k+1) && tg.adjacent(k+2):
		ampm = tg.w(k) + "m"
		k += 3
		if tg.w(k) == "." && tg.adjacent(k) {
			k++
		}
	case tg.w(k) == "o" && tg.w(k+1) == "'" && tg.w(k+2) == "clock":
		ampm = "-"
		k += 3
	case tg.w(k) == "in" && tg.w(k+1) == "the" && tg.is(k+2, "morning", "afternoon", "evening"):
		ampm = "am"
		if tg.w(k+2) != "morning" {
			ampm = "pm"
		}
		k += 3
	}
	colon := !clockWord && tg.w(i+1) == ":" || tg.w(i) == "around" && tg.w(i+2) == ":"
	if ampm == "" && !colon && !clockWord {
		return tmatch{}, false
	}
	if ampm == "pm" && h < 12 {
		h += 12
	} else if ampm == "am" && h == 12 {
		h = 0
	}
	tz := ""
	switch {
	case tg.is(k, "utc", "gmt"):
		tz = "Z"
		k++
	case tg.is(k, "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet") && tg.tok(k).cap:
		k++
	}
	if tg.w(k) == "," && tz == "" && tg.w(k-1) != "," && k > i+1 && tg.tok(k-1).kind == tkWord {
		if _, ok := ruleMonth(tg, k+1); ok {
			k++
		}
	}
	// the day it is on
	day := ""
	var p tpoint
	if tg.hasDCT {
		p = tpoint{t: tg.dct, g: gDay}
	}
	j := k
	if tg.w(j) == "on" {
		j++
	}
	if m, ok := ruleWeekday(tg, j); ok && m.point.valid() && m.typ == "DATE" {
		p, k = m.point, m.end
	} else if m, ok := ruleMonth(tg, j); ok && m.point.g == gDay {
		p, k = m.point, m.end
	} else if m, ok := ruleRef(tg, k); ok && m.point.g == gDay {
		p, k = m.point, m.end
	}
	if k == j && tg.anchor.g == gDay {
		p = tg.anchor // "flew Tuesday ... at 18:00 UTC"
	}
	if p.valid() {
		day = p.value()
	} else {
		day = "XXXX-XX-XX"
	}
	v := day + "T" + pad(h, 2) + ":" + pad(mi, 2) + tz
	return tmatch{end: k, typ: "TIME", value: v, rule: "time.clock", point: p}, true
}

// rulePointMod finds dates with a modifier that belongs to the expression:
// "early 2017", "late November", "mid-2016", "the end of 1990", "earlier
// this year", "late yesterday", "the late 1970s", "mid-afternoon".
func rulePointMod(tg *tagger, i int) (tmatch, bool) {
	lx := tg.lx
	k, _ := longestPhrase(tg, lx.point, i)
	if k == i && tg.w(i) == "the" {
		k, _ = longestPhrase(tg, lx.point, i+1)
		if k == i+1 {
			return tmatch{}, false
		}
	}
	if k == i {
		return tmatch{}, false
	}
	if tg.w(k) == "-" && tg.adjacent(k) {
		k++
	}
	if tg.w(k) == "of" && tg.w(k-1) != "of" {
		k++
	}
	var best tmatch
	found := false
	for _, r := range []timeRule{ruleMonth, ruleYear, ruleWeekday, ruleRelUnit, ruleRef, ruleQuarter, ruleDaypart} {
		m, ok := r(tg, k)
		if !ok || m.typ != "DATE" && m.typ != "TIME" || m.end <= k {
			continue
		}
		if m.rule == "date.ref" && !strings.HasSuffix(m.value, "_REF") {
			continue
		}
		if !found || m.end > best.end {
			best, found = m, true
		}
	}
	if !found || best.rule == "date.ref" {
		return tmatch{}, false
	}
	if tg.w(i) == "around" && tg.w(best.end) == "'" && tg.w(best.end+1) == "s" {
		return tmatch{}, false // "get around Wednesday's ruling": a preposition
	}
	// "the first half of 1990" is the half-year 1990-H1
	for h := i + 1; h < k; h++ {
		if tg.w(h) == "half" && best.point.g == gYear && strings.HasPrefix(best.value, best.point.value()) {
			half := "-H2"
			if tg.w(h-1) == "first" {
				half = "-H1"
			}
			best.value = best.point.value() + half
			break
		}
	}
	best.rule += "+mod"
	return best, true
}

// ruleDaypart finds a bare part of the day after a modifier ("mid
// afternoon"), possibly with its day ("mid-afternoon yesterday").
func ruleDaypart(tg *tagger, i int) (tmatch, bool) {
	dp, ok := lexGet(tg.lx, tg.lx.dayparts, tg.w(i))
	if !ok || len(dp) != 2 || tg.w(i) == "tonight" {
		return tmatch{}, false
	}
	k := i + 1
	p := tpoint{}
	if tg.hasDCT {
		p = tpoint{t: tg.dct, g: gDay}
	}
	if m, ok := ruleRef(tg, k); ok && m.point.g == gDay {
		p, k = m.point, m.end
	} else if m, ok := ruleWeekday(tg, k); ok && m.point.valid() && m.typ == "DATE" {
		p, k = m.point, m.end
	}
	day := "XXXX-XX-XX"
	if p.valid() {
		day = p.value()
	}
	return tmatch{end: k, typ: "TIME", value: day + "T" + dp, rule: "time.daypart", point: p}, true
}

// ruleDuration finds amounts of time: "three years", "a week", "the past
// three years", "nearly two months", "two-year", "two to three weeks", "a
// year or two", "several days", and the dates they make with "ago",
// "earlier" and "later": "two days ago", "a year earlier".
func ruleDuration(tg *tagger, i int) (tmatch, bool) {
	lx := tg.lx
	k, _ := longestPhrase(tg, lx.approx, i)
	the := tg.w(k) == "the"
	if the {
		k++
	}
	rel := ""
	switch w := tg.w(k); w {
	case "past", "last", "next", "first", "coming", "previous", "final", "remaining", "latest", "initial", "recent", "early", "following", "future":
		rel = w
		k++
	}
	if rel == "future" {
		// "in future quarters": some time ahead
		if u, plural, uok := tg.unit(k); !uok || !plural || u == "WE" || the {
			return tmatch{}, false
		}
		return tmatch{end: k + 1, typ: "DATE", value: "FUTURE_REF", rule: "date.ref-future"}, true
	}
	qStart := k
	n, e, ok := tg.num(k, true)
	isA := ok && tg.is(qStart, "a", "an") && n == 1
	ranged := false
	if ok {
		n = tg.halfValue(qStart, e, n)
		k = e
		// "two to three weeks", "12 to 18 months", "two or three days"
		if tg.is(k, "to", "or") || tg.w(k) == "-" && tg.tok(k+1).kind == tkNum {
			if n2, e2, ok2 := tg.num(k+1, false); ok2 && n2 > n && n > 0 {
				if _, _, uok := tg.unit(e2); uok {
					n, k, ranged = -1, e2, true
				}
			}
		}
	} else {
		n = -1
		if rel == "" {
			// bare plurals after a preposition or "the": "for years",
			// "within weeks", "in the days before"
			u, plural, uok := tg.unit(k)
			long := tg.w(k+1) == "-" && tg.w(k+2) == "long" && tg.adjacent(k+1) // "decades-long", "day-long"
			if long && !plural && uok {
				n = 1
			} else if !uok || !plural || u == "WE" || the || !long && !tg.is(k-1, "for", "within", "in", "after", "over", "from", "the") {
				return tmatch{}, false
			}
		}
	}
	adj := false // used as an adjective: "two-year", "a two day rally"
	if ok && tg.w(k) == "-" && tg.adjacent(k) && tg.adjacent(k+1) {
		k++
		adj = true
	}
	if ok && tg.is(k, "more", "additional", "full", "straight", "consecutive", "extra", "whole") {
		k++
	}
	// "eight trading days", "five business days"
	if ok && tg.is(k, "trading", "business", "working") && tg.is(k+1, "day", "days") {
		k++
	}
	u, plural, uok := tg.unit(k)
	if !uok || u == "WE" && n < 0 || u == "Q" && !(rel != "" && plural) && !(plural && n < 0 && ok) {
		return tmatch{}, false // "three quarters of", but "several quarters"
	}
	if u == "S" && isA && tg.tok(k+1).kind == tkWord && !tg.is(k+1, "later", "earlier", "ago", "after", "before", "and", "or") {
		return tmatch{}, false // "a second group"
	}
	if !ok && !plural && n < 0 {
		// "the past year", "the next decade"
		if !the || rel == "" || rel == "first" || rel == "following" || rel == "early" || u == "D" {
			return tmatch{}, false
		}
		n = 1
	}
	if ok && (n < 0 && !ranged && !plural && !adj || isA && plural || n == 0 || n > 10000) {
		return tmatch{}, false
	}
	if ok && !plural && n != 1 && !adj && n > 0 {
		adj = true // "a five year low"
	}
	k++
	// "a minute and a half"
	if tg.w(k) == "and" && tg.is(k+1, "a", "one") && tg.w(k+2) == "half" && n > 0 {
		n += 0.5
		k += 3
	}
	switch {
	case tg.w(k) == "-" && tg.adjacent(k) && tg.w(k+1) == "long":
		k += 2
		adj = true
	case tg.w(k) == "-" && tg.adjacent(k):
		return tmatch{}, false // "year-earlier", "6-year-old"
	case tg.w(k) == "old" && u != "H" && u != "MIN":
		return tmatch{}, false // "52 years old"
	}
	if the && rel == "" && (adj || tg.w(k) == "of" || !ok) {
		return tmatch{}, false // "the two-week crisis": "two-week"
	}
	// "a year or two", "weeks or months", "a week or so"
	if tg.w(k) == "or" {
		if tg.w(k+1) == "so" {
			k += 2
		} else if _, e2, ok2 := tg.num(k+1, false); ok2 && !tg.isUnit(e2) {
			k, n = e2, -1
		} else if u2, _, ok2 := tg.unit(k + 1); ok2 && u2 != u && !ok {
			k += 2
		}
	}
	after := tg.w(k)
	g := unitGran(u)
	if !ok && !the && (rel == "recent" || rel == "past") && u == "Y" && plural {
		return tmatch{end: k, typ: "DATE", value: "PAST_REF", rule: "date.ref-years"}, true // "in recent years"
	}
	// "a year earlier", "a week later" are dates counted from the date in
	// focus; "three days later" is marked as an amount of time followed by
	// a signal word, as the TimeBank gold does
	if !the && rel == "" && g != 0 && g != gWeekend && (after == "ago" || (after == "earlier" || after == "later") && g >= gWeek) {
		return tg.offsetDate(k, n, u, g, after)
	}
	if after == "from" && tg.w(k+1) == "now" && tg.hasDCT && n > 0 && g != 0 {
		return dateMatch(k+2, tpoint{t: shift(floor(tg.dct, g), g, int(n+0.5)), g: g}, "date.from-now")
	}
	if after == "of" && contentNouns[tg.w(k+1)] {
		return tmatch{}, false // "75 hours of video", "six months of pay"
	}
	// "a weekend meeting": the weekend, as a modifier of the event
	if g == gWeekend && !the && n == 1 && weekendEvents[after] {
		return tg.weekend(k, -1)
	}
	rule := "duration.quantity"
	if adj {
		rule = "duration.adjective"
	}
	return tmatch{end: k, typ: "DURATION", value: durationValue(n, u), rule: rule}, true
}

func (tg *tagger) isUnit(i int) bool {
	_, _, ok := tg.unit(i)
	return ok
}

// offsetDate resolves "n units ago" (from the publication date) and "n
// units earlier/later" (from the last date mentioned); k is the index of
// "ago", "earlier" or "later".
func (tg *tagger) offsetDate(k int, n float64, u string, g gran, after string) (tmatch, bool) {
	k++
	if tg.w(k) == "than" || tg.w(k) == "that" {
		return tmatch{}, false
	}
	if u == "H" || u == "MIN" || u == "S" {
		return tmatch{}, false
	}
	if n < 0 {
		if after == "ago" {
			return tmatch{end: k, typ: "DATE", value: "PAST_REF", rule: "date.ago"}, true
		}
		return tmatch{end: k - 1, typ: "DURATION", value: durationValue(n, u), rule: "duration.quantity"}, true
	}
	steps := int(n + 0.5)
	switch g {
	case gDecade:
		g, steps = gYear, steps*10
	case gCentury:
		g, steps = gYear, steps*100
	}
	if after == "ago" {
		if !tg.hasDCT {
			return tmatch{end: k, typ: "DATE", value: vague(g), rule: "date.ago"}, true
		}
		if tg.anchor.g == gQuarter && g == gYear {
			return dateMatch(k, tpoint{t: tg.anchor.t.AddDate(-steps, 0, 0), g: gQuarter}, "date.ago")
		}
		return dateMatch(k, tpoint{t: shift(floor(tg.dct, g), g, -steps), g: g}, "date.ago")
	}
	b, ok := tg.base()
	if !ok {
		return tmatch{end: k, typ: "DATE", value: vague(g), rule: "date.anchored-offset"}, true
	}
	if after == "earlier" {
		steps = -steps
	}
	rg := g
	switch {
	case b.g == gQuarter && (g == gYear || g == gQuarter):
		rg = gQuarter
	case b.g == gDay && g == gWeek:
		rg = gDay
	case b.g > g:
		rg = b.g
	}
	return dateMatch(k, tpoint{t: shift(floor(b.t, rg), g, steps), g: rg}, "date.anchored-offset")
}

// ruleSet finds recurring times: "every week", "each Thursday", "each
// July", "$1 billion a year", "weekly" as an adverb.
func ruleSet(tg *tagger, i int) (tmatch, bool) {
	lx := tg.lx
	switch w := tg.w(i); w {
	case "every", "each", "per":
		k := i + 1
		if tg.w(k) == "other" {
			k++
		}
		n := 1.0
		if v, e, ok := tg.num(k, false); ok && v > 0 && w == "every" {
			n, k = v, e
		}
		if wd, ok := lexGet(lx, lx.weekdays, tg.w(k)); ok && w != "per" {
			v := "XXXX-WXX-" + strconv.Itoa(wd)
			k++
			if dp, ok := lexGet(lx, lx.dayparts, tg.w(k)); ok && len(dp) == 2 {
				v += "T" + dp
				k++
			}
			return tmatch{end: k, typ: "SET", value: v, rule: "set.every"}, true
		}
		if m, e, ok := tg.monthAt(k); ok && w != "per" {
			return tmatch{end: e, typ: "SET", value: "XXXX-" + pad(m, 2), rule: "set.every"}, true
		}
		if s, ok := lexGet(lx, lx.seasons, tg.w(k)); ok && w != "per" {
			return tmatch{end: k + 1, typ: "SET", value: "XXXX-" + s, rule: "set.every"}, true
		}
		if dp, ok := lexGet(lx, lx.dayparts, tg.w(k)); ok && len(dp) == 2 && w != "per" {
			return tmatch{end: k + 1, typ: "SET", value: "XXXX-XX-XXT" + dp, rule: "set.every"}, true
		}
		u, _, ok := tg.unit(k)
		if !ok || u == "WE" {
			return tmatch{}, false
		}
		if tg.w(i+1) == "other" {
			n = 2
		}
		return tmatch{end: k + 1, typ: "SET", value: durationValue(n, u), rule: "set.every"}, true
	case "a", "an":
		u, plural, ok := tg.unit(i + 1)
		if !ok || plural || u == "WE" || u == "Q" {
			return tmatch{}, false
		}
		p := tg.tok(i - 1)
		rate := p.kind == tkNum || p.kind == tkWord && (p.w == "million" || p.w == "billion" || p.w == "thousand" ||
			p.w == "hundred" || p.w == "percent" || p.w == "once" || p.w == "twice" || p.w == "times" ||
			len(p.w) > 3 && strings.HasSuffix(p.w, "s") && !strings.HasSuffix(p.w, "ss") && !relBefore[p.w] && p.w != "was" && p.w != "has" && p.w != "is")
		if p.w == "%" {
			rate = true
		}
		if !rate {
			return tmatch{}, false
		}
		return tmatch{end: i + 2, typ: "SET", value: durationValue(1, u), rule: "set.rate"}, true
	case "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly":
		n := tg.tok(i + 1)
		adverb := n.kind == tkPunct && n.w != "-" || n.kind == 0 || tg.is(i-1, "almost", "nearly", "twice")
		// "daily" and "weekly" also before a noun: "his weekly radio
		// address", "a daily rally"; not after "average" ("average daily volume")
		adjective := (w == "daily" || w == "weekly") && n.kind == tkWord && !tg.is(i-1, "average")
		if !adverb && !adjective {
			return tmatch{}, false
		}
		v := map[string]string{"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
			"yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D"}[w]
		return tmatch{end: i + 1, typ: "SET", value: v, rule: "set.adverb"}, true
	}
	return tmatch{}, false
}

// ruleHoliday finds holidays from time_holidays.txt: "Thanksgiving Day",
// "last Christmas", "Election Day".
func ruleHoliday(tg *tagger, i int) (tmatch, bool) {
	k, dir := i, 0
	switch tg.w(k) {
	case "last":
		dir, k = -1, k+1
	case "next", "this":
		dir, k = map[string]int{"next": 1, "this": 0}[tg.w(k)], k+1
	}
	if !tg.tok(k).cap {
		return tmatch{}, false
	}
	end, rule := longestPhrase(tg, tg.lx.holidays, k)
	if end == k {
		return tmatch{}, false
	}
	// "Christmas sales", "the Christmas and New Year period": a season, not a day
	if tg.is(end, "sales", "season", "shopping", "holidays", "holiday", "period", "rush", "break") ||
		tg.w(end) == "and" && tg.tok(end+1).cap {
		return tmatch{}, false
	}
	var m, nth, wd, off, day int
	f := strings.Split(rule, "-")
	m = atoiMust(f[0])
	if len(f) == 2 {
		day = atoiMust(f[1])
	} else {
		if f[1] == "L" {
			nth = -1
		} else {
			nth = atoiMust(f[1])
		}
		w := f[2]
		if p := strings.IndexByte(w, '+'); p >= 0 {
			off = atoiMust(w[p+1:])
			w = w[:p]
		}
		wd = atoiMust(w)
	}
	date := func(y int) time.Time {
		if day > 0 {
			return mkday(y, m, day)
		}
		first := mkday(y, m, 1)
		t := first.AddDate(0, 0, (wd-isoWeekday(first)+7)%7)
		if nth < 0 {
			for t.AddDate(0, 0, 7).Month() == first.Month() {
				t = t.AddDate(0, 0, 7)
			}
		} else {
			t = t.AddDate(0, 0, 7*(nth-1))
		}
		return t.AddDate(0, 0, off)
	}
	if y, e, ok := tg.year(end); ok {
		return dateMatch(e, tpoint{t: date(y), g: gDay}, "date.holiday")
	}
	if !tg.hasDCT {
		if day > 0 {
			return tmatch{end: end, typ: "DATE", value: "XXXX-" + pad(m, 2) + "-" + pad(day, 2), rule: "date.holiday"}, true
		}
		return tmatch{end: end, typ: "DATE", value: "XXXX-XX-XX", rule: "date.holiday"}, true
	}
	if dir == 0 && tg.w(i) != "this" {
		dir = tg.tense(i, end)
	}
	y := tg.resolveYear(dir, func(y int) (time.Time, time.Time) {
		t := date(y)
		return t, t.AddDate(0, 0, 1)
	})
	if tg.w(i) == "this" {
		y = tg.dct.Year()
	}
	return dateMatch(end, tpoint{t: date(y), g: gDay}, "date.holiday")
}
