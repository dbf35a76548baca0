package extract

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestRulesFor checks the rule tables of timex_hot.go: every rule that
// matches at a token is among the rules tagger.rulesFor tries there.
func TestRulesFor(t *testing.T) {
	texts := []string{
		"The talks resumed the following Monday, the day after the 1990s ended in the third quarter of 1989.",
		"In the '90s, a year earlier, the year-ago quarter, the past three years and the full year 2016 were over.",
		"He spoke at 10:35 a.m. on 5 September 2016, the 19th century, $1 billion a year, the near future.",
		"That day, that same night, the weekend, the next morning, the previous Tuesday, the late 1970s.",
		"A week or two, an hour and a half, a couple of days, the better part of a decade, the end of 1990.",
		"Third-quarter profit, the fiscal first quarter, the latest period, the same period last year.",
		"On 2016-09-05 and 7/8/07 and - 12 - the - year, Christmas Day, the Fourth of July, the summer of 1994.",
	}
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range a.Files {
			if strings.HasSuffix(file.Name, ".txt") {
				texts = append(texts, string(file.Data))
			}
		}
	}
	lx := loadTimeLexicon()
	for _, text := range texts {
		for _, dct := range []bool{false, true} {
			tg := tagger{text: text, lx: lx}
			if dct {
				tg.dct, tg.hasDCT = time.Date(2016, 9, 7, 0, 0, 0, 0, time.UTC), true
			}
			for _, s := range Sentences(text, Span{0, len(text)}) {
				tg.toks = tokenizeTime(text, s, tg.toks[:0])
				for i := range tg.toks {
					tried := map[uintptr]bool{}
					for _, r := range tg.rulesFor(i) {
						tried[ruleID(r)] = true
					}
					for x, r := range timeRules {
						if m, ok := r(&tg, i); ok && m.end > i && !tried[ruleID(r)] {
							t.Errorf("rule %d matches %q at %q but is not tried there", x, text[tg.toks[i].s:tg.toks[m.end-1].e], tg.toks[i].w)
						}
					}
				}
			}
		}
	}
}
