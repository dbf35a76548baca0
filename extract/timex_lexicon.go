package extract

import (
	"strconv"
	"strings"
	"sync"
)

// timeLexicon is the time tagger's knowledge, read once from the
// lexicon/data/time_*.txt files.
type timeLexicon struct {
	months   map[string]int       // "sept" → 9
	weekdays map[string]int       // "monday" → 1 (ISO)
	numbers  map[string]int       // "twenty" → 20
	ordinals map[string]int       // "third" → 3
	decades  map[string]int       // "nineties" → 90
	units    map[string]string    // "years" → "Y"
	seasons  map[string]string    // "summer" → "SU"
	dayparts map[string]string    // "morning" → "MO", "noon" → "12:00"
	refs     *phraseTrie[timeRef] // "now" → DATE PRESENT_REF
	approx   *phraseTrie[bool]    // "more than", "nearly"
	point    *phraseTrie[bool]    // "early", "the end of"
	future   map[string]bool
	past     map[string]bool
	report   map[string]bool
	weakPast map[string]bool     // irregular past forms: "brought", "began"
	holidays *phraseTrie[string] // "thanksgiving day" → "11-4-4"
	// starts holds every word a time expression can start with; the rules
	// are not tried at other words.
	starts       map[string]bool
	startsFilter *wordFilter // of starts
	// hot holds, for each of hotWords, the rules that can match starting
	// at it, in the order of timeRules (nil: all of them); numRules those
	// that can at a number; startRules those that can at each start word.
	hot        [len(hotWords)][]timeRule
	numRules   []timeRule
	startRules map[string][]timeRule
	// theNext holds the words after "the" at which a rule can go on
	// (nil: any word)
	theNext       map[string]bool
	theNextFilter *wordFilter
}

// ruleStarts are the grammar words the rules in timex_rules.go can start a
// match with, besides the words of the data files.
var ruleStarts = strings.Fields(`a an the this that last next past coming previous following
	same latest prior upcoming present current recent early first final remaining initial
	every each per half several few many numerous some couple dozens hundreds thousands
	daily weekly monthly annually yearly hourly nightly fiscal calendar comparable
	corresponding year around approximately nineteen then future`)

// A phraseTrie maps sequences of lower-case tokens to values, so that the
// longest phrase at a token is found without building strings.
type phraseTrie[V any] struct {
	next map[string]*phraseTrie[V]
	val  V
	end  bool
	// first filters the keys of next at the root (nil elsewhere)
	first *wordFilter
}

func newPhraseTrie[V any]() *phraseTrie[V] { return &phraseTrie[V]{} }

func (t *phraseTrie[V]) add(words []string, v V) {
	for _, w := range words {
		if t.next == nil {
			t.next = map[string]*phraseTrie[V]{}
		}
		n := t.next[w]
		if n == nil {
			n = &phraseTrie[V]{}
			t.next[w] = n
		}
		t = n
	}
	t.val, t.end = v, true
}

// phraseWords splits a phrase from a data file into tokens as the tagger
// sees them: "new year's day" is "new", "year", "'", "s", "day".
func phraseWords(phrase string) []string {
	toks := tokenizeTime(phrase, Span{0, len(phrase)}, nil)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.w
	}
	return words
}

// longestPhrase returns the end of the longest phrase of t that starts at
// token i, and its value; end is i when there is none.
func longestPhrase[V any](tg *tagger, t *phraseTrie[V], i int) (end int, v V) {
	end = i
	if t.first != nil && i < len(tg.toks) && !t.first.mayContain(tg.toks[i].w) {
		return end, v
	}
	for k := i; k < len(tg.toks); k++ {
		t = t.next[tg.toks[k].w]
		if t == nil {
			break
		}
		if t.end {
			end, v = k+1, t.val
		}
	}
	return end, v
}

// A timeRef is a fixed phrase from time_refs.txt.
type timeRef struct {
	typ, value string
}

var (
	timeLexOnce sync.Once
	timeLex     *timeLexicon
)

func loadTimeLexicon() *timeLexicon {
	timeLexOnce.Do(func() {
		lx := &timeLexicon{
			months: map[string]int{}, weekdays: map[string]int{}, numbers: map[string]int{},
			ordinals: map[string]int{}, decades: map[string]int{}, units: map[string]string{},
			seasons: map[string]string{}, dayparts: map[string]string{}, refs: newPhraseTrie[timeRef](),
			approx: newPhraseTrie[bool](), point: newPhraseTrie[bool](), future: map[string]bool{}, past: map[string]bool{},
			report: map[string]bool{}, weakPast: map[string]bool{},
		}
		readTimeFile("time_months.txt", func(f []string) { lx.months[f[0]] = atoiMust(f[1]) })
		readTimeFile("time_weekdays.txt", func(f []string) { lx.weekdays[f[0]] = atoiMust(f[1]) })
		readTimeFile("time_numbers.txt", func(f []string) {
			switch {
			case len(f) > 2 && f[2] == "ord":
				lx.ordinals[f[0]] = atoiMust(f[1])
			case len(f) > 2 && f[2] == "decade":
				lx.decades[f[0]] = atoiMust(f[1])
			default:
				lx.numbers[f[0]] = atoiMust(f[1])
			}
		})
		readTimeFile("time_units.txt", func(f []string) { lx.units[f[0]] = f[1] })
		readTimeFile("time_seasons.txt", func(f []string) { lx.seasons[f[0]] = f[1] })
		readTimeFile("time_dayparts.txt", func(f []string) { lx.dayparts[f[0]] = f[1] })
		readTimeFile("time_modifiers.txt", func(f []string) {
			if f[0] == "approx" {
				lx.approx.add(f[1:], true)
			} else {
				lx.point.add(f[1:], true)
			}
		})
		readTimeFile("time_tense.txt", func(f []string) {
			w := strings.TrimPrefix(f[1], "'") // "'ll" is the token "ll"
			switch f[0] {
			case "future":
				lx.future[w] = true
			case "report":
				lx.report[w] = true
			case "weak":
				lx.weakPast[w] = true
			default:
				lx.past[w] = true
			}
		})
		lx.holidays = newPhraseTrie[string]()
		readTimeFile("time_holidays.txt", func(f []string) {
			lx.holidays.add(phraseWords(strings.Join(f[:len(f)-1], " ")), f[len(f)-1])
		})
		readDataLines("time_refs.txt", func(line string) {
			parts := strings.Split(line, "\t")
			if len(parts) != 3 {
				panic("extract: time_refs.txt: want phrase, type and value: " + line)
			}
			lx.refs.add(phraseWords(parts[0]), timeRef{parts[1], parts[2]})
		})
		lx.starts = map[string]bool{}
		for _, w := range ruleStarts {
			lx.starts[w] = true
		}
		for _, m := range []map[string]int{lx.months, lx.weekdays, lx.numbers, lx.ordinals, lx.decades} {
			for w := range m {
				lx.starts[w] = true
			}
		}
		for _, m := range []map[string]string{lx.units, lx.seasons, lx.dayparts} {
			for w := range m {
				lx.starts[w] = true
			}
		}
		for w := range lx.refs.next {
			lx.starts[w] = true
		}
		for w := range lx.approx.next {
			lx.starts[w] = true
		}
		for w := range lx.point.next {
			lx.starts[w] = true
		}
		for w := range lx.holidays.next {
			lx.starts[w] = true
		}
		lx.startsFilter = newWordFilter(lx.starts)
		lx.refs.first = newWordFilter(lx.refs.next)
		lx.approx.first = newWordFilter(lx.approx.next)
		lx.point.first = newWordFilter(lx.point.next)
		lx.holidays.first = newWordFilter(lx.holidays.next)
		lx.initRules()
		timeLex = lx
	})
	return timeLex
}

// readTimeFile calls fn with the fields of each line of a data file,
// skipping blank lines and comments.
func readTimeFile(name string, fn func([]string)) {
	readDataLines(name, func(line string) {
		if fields := strings.Fields(line); len(fields) >= 2 {
			fn(fields)
		}
	})
}

func atoiMust(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic("extract: time lexicon: bad number " + strconv.Quote(s))
	}
	return n
}

// lexGet returns m[w] for a map m of lx whose keys are all in lx.starts:
// most words are not, and the filter of starts says so without a map
// lookup.
func lexGet[V any](lx *timeLexicon, m map[string]V, w string) (V, bool) {
	if !lx.startsFilter.mayContain(w) {
		var zero V
		return zero, false
	}
	v, ok := m[w]
	return v, ok
}

// lexVal is lexGet without ok.
func lexVal[V any](lx *timeLexicon, m map[string]V, w string) V {
	v, _ := lexGet(lx, m, w)
	return v
}
