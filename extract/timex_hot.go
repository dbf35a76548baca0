package extract

import "reflect"

// hotWords are the frequent tokens that can start a time expression but
// almost never do. Most rules cannot match at them at all, so the tagger
// tries only the ones that can (timeLexicon.hot).
var hotWords = [...]string{"the", "a", "an", "that", "'", "-"}

// hotRuleStarts names, for each of hotWords, the rules that can match
// starting at that token when it is in no word list of the lexicon, as
// read off the rules in timex_rules.go. The rules reading a phrase list
// (ruleRef, ruleHoliday, rulePointMod, ruleDuration) are added by initHot
// when a phrase starts with the word.
var hotRuleStarts = [len(hotWords)][]timeRule{
	{ruleWeekday, ruleMonth, ruleYear, ruleCentury, ruleQuarter, ruleRelUnit, rulePointMod, ruleDuration}, // the
	{ruleSet, ruleDuration}, // a
	{ruleSet, ruleDuration}, // an
	{ruleRelUnit},           // that
	{ruleYear},              // '
	{ruleQuarter},           // -
}

// initHot fills lx.hot. A hot word found in one of the word lists keeps
// all the rules.
func (lx *timeLexicon) initHot() {
	id := func(r timeRule) uintptr { return reflect.ValueOf(r).Pointer() }
	for h, w := range hotWords {
		if lx.inWordList(w) {
			continue
		}
		keep := map[uintptr]bool{}
		for _, r := range hotRuleStarts[h] {
			keep[id(r)] = true
		}
		if lx.refs.next[w] != nil {
			keep[id(ruleRef)] = true
		}
		if lx.holidays.next[w] != nil {
			keep[id(ruleHoliday)] = true
		}
		if lx.point.next[w] != nil {
			keep[id(rulePointMod)] = true
		}
		if lx.approx.next[w] != nil {
			keep[id(ruleDuration)] = true
		}
		rules := []timeRule{}
		for _, r := range timeRules {
			if keep[id(r)] {
				rules = append(rules, r)
			}
		}
		lx.hot[h] = rules
	}
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

// rulesAt returns the rules to try at a token with lower-case text w.
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
	if h < 0 || lx.hot[h] == nil {
		return timeRules
	}
	return lx.hot[h]
}
