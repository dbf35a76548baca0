package extract

import "reflect"

// Most tokens a time expression can start with start none, and most rules
// cannot match at most of them. timeLexicon.startRules keeps, for each
// start word, the rules that can, as read off the rules in timex_rules.go;
// a word found in one of the word lists keeps all of them.

// hotWords are frequent grammar words among the start words.
var hotWords = [...]string{"the", "a", "an", "that", "'", "-"}

// hotRuleStarts names, for each of hotWords, the rules that can match
// starting at that token when it is in no word list of the lexicon. The
// rules reading a phrase list (ruleRef, ruleHoliday, rulePointMod,
// ruleDuration) are added by phraseRules when a phrase starts with the
// word.
var hotRuleStarts = [len(hotWords)][]timeRule{
	{ruleWeekday, ruleMonth, ruleYear, ruleCentury, ruleQuarter, ruleRelUnit, rulePointMod, ruleDuration}, // the
	{ruleSet, ruleDuration}, // a
	{ruleSet, ruleDuration}, // an
	{ruleRelUnit},           // that
	{ruleYear},              // '
	{ruleQuarter},           // -
}

// numRuleStarts are the rules that can match starting at a number, when
// no word list or phrase list holds a word starting with a digit.
var numRuleStarts = []timeRule{ruleMonth, ruleNumericDate, ruleYear, ruleCentury, ruleQuarter, ruleClock, ruleDuration}

func ruleID(r timeRule) uintptr { return reflect.ValueOf(r).Pointer() }

// pickRules returns the rules of timeRules in keep, in their order.
func pickRules(keep map[uintptr]bool) []timeRule {
	rules := []timeRule{}
	for _, r := range timeRules {
		if keep[ruleID(r)] {
			rules = append(rules, r)
		}
	}
	return rules
}

// phraseRules adds to keep the rules reading a phrase list in which a
// phrase starts with w.
func (lx *timeLexicon) phraseRules(w string, keep map[uintptr]bool) {
	if lx.refs.next[w] != nil {
		keep[ruleID(ruleRef)] = true
	}
	if lx.holidays.next[w] != nil {
		keep[ruleID(ruleHoliday)] = true
	}
	if lx.point.next[w] != nil {
		keep[ruleID(rulePointMod)] = true
	}
	if lx.approx.next[w] != nil {
		keep[ruleID(ruleDuration)] = true
	}
}

// initRules fills lx.hot, lx.numRules, lx.startRules and lx.theNext.
func (lx *timeLexicon) initRules() {
	for h, w := range hotWords {
		if lx.inWordList(w) {
			continue
		}
		keep := map[uintptr]bool{}
		for _, r := range hotRuleStarts[h] {
			keep[ruleID(r)] = true
		}
		lx.phraseRules(w, keep)
		lx.hot[h] = pickRules(keep)
	}
	lx.numRules = timeRules
	if !lx.digitKey() {
		keep := map[uintptr]bool{}
		for _, r := range numRuleStarts {
			keep[ruleID(r)] = true
		}
		lx.numRules = pickRules(keep)
	}
	// A start word that is neither a grammar word of the rules
	// (ruleStarts) nor in a word list starts a phrase of a phrase list:
	// only the rules reading those lists can match at it.
	grammar := map[string]bool{}
	for _, w := range ruleStarts {
		grammar[w] = true
	}
	lx.startRules = map[string][]timeRule{}
	for w := range lx.starts {
		rules := timeRules
		switch {
		case lx.rulesAt(w) != nil:
			rules = lx.rulesAt(w)
		case !grammar[w] && !lx.inWordList(w):
			keep := map[uintptr]bool{}
			lx.phraseRules(w, keep)
			rules = pickRules(keep)
		}
		lx.startRules[w] = rules
	}
	lx.initTheNext()
}

// inWordList reports whether w is in one of the single-word lists the
// rules look words up in.
func (lx *timeLexicon) inWordList(w string) bool {
	for _, m := range []map[string]int{lx.months, lx.weekdays, lx.numbers, lx.ordinals, lx.decades} {
		if _, ok := m[w]; ok {
			return true
		}
	}
	for _, m := range []map[string]string{lx.units, lx.seasons, lx.dayparts} {
		if _, ok := m[w]; ok {
			return true
		}
	}
	return false
}

// digitKey reports whether a word list or the first words of a phrase
// list hold a word starting with a digit.
func (lx *timeLexicon) digitKey() bool {
	digit := func(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }
	for w := range lx.starts {
		if digit(w) {
			return true
		}
	}
	return false
}

// rulesAt returns the rules to try at a token with lower-case text w when
// w is one of hotWords, else nil.
func (lx *timeLexicon) rulesAt(w string) []timeRule {
	h := -1
	switch w {
	case "the":
		h = 0
	case "a":
		h = 1
	case "an":
		h = 2
	case "that":
		h = 3
	case "'":
		h = 4
	case "-":
		h = 5
	}
	if h < 0 {
		return nil
	}
	return lx.hot[h]
}

// initTheNext fills lx.theNext: the words after "the" at which a rule
// can go on reading. After "the", every rule that can start with it reads
// a grammar word or a word of a list next (so a start word), or a number,
// an apostrophe or a hyphen; besides, ruleRelUnit reads "full" ("the
// full year"), ruleQuarter "quarter" and "period", and the phrase lists
// their second words. When "the" alone is a phrase of a list, or "the" is
// in a word list, every word may follow (theNext stays nil).
func (lx *timeLexicon) initTheNext() {
	if lx.inWordList("the") {
		return
	}
	next := map[string]bool{"full": true, "quarter": true, "period": true}
	for w := range lx.starts {
		next[w] = true
	}
	if t := lx.refs.next["the"]; t != nil {
		if t.end {
			return
		}
		for w := range t.next {
			next[w] = true
		}
	}
	if t := lx.holidays.next["the"]; t != nil {
		if t.end {
			return
		}
		for w := range t.next {
			next[w] = true
		}
	}
	if t := lx.point.next["the"]; t != nil {
		if t.end {
			return
		}
		for w := range t.next {
			next[w] = true
		}
	}
	if t := lx.approx.next["the"]; t != nil {
		if t.end {
			return
		}
		for w := range t.next {
			next[w] = true
		}
	}
	lx.theNext = next
	lx.theNextFilter = newWordFilter(next)
}

// noMatchAfterThe reports whether no rule can match at token i, a "the":
// the word after it is none of lx.theNext.
func (tg *tagger) noMatchAfterThe(i int) bool {
	lx := tg.lx
	if lx.theNext == nil || i+1 >= len(tg.toks) {
		return false
	}
	t := &tg.toks[i+1]
	if t.kind != tkWord {
		return false
	}
	return !lx.theNextFilter.mayContain(t.w) || !lx.theNext[t.w]
}
