package extract

import (
	"bufio"
	"strconv"
	"strings"
	"sync"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// timeLexicon is the time tagger's knowledge, read once from the
// lexicon/data/time_*.txt files.
type timeLexicon struct {
	months   map[string]int    // "sept" → 9
	weekdays map[string]int    // "monday" → 1 (ISO)
	numbers  map[string]int    // "twenty" → 20
	ordinals map[string]int    // "third" → 3
	decades  map[string]int    // "nineties" → 90
	units    map[string]string // "years" → "Y"
	seasons  map[string]string // "summer" → "SU"
	dayparts map[string]string // "morning" → "MO", "noon" → "12:00"
	refs     map[string]timeRef
	refLen   int             // longest phrase in refs, in words
	approx   map[string]bool // "more than", "nearly"
	point    map[string]bool // "early", "the end of"
	modLen   int             // longest modifier, in words
	future   map[string]bool
	past     map[string]bool
	report   map[string]bool
	holidays map[string]string // "thanksgiving day" → "11-4-4"
	holLen   int               // longest holiday name, in tokens
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
			seasons: map[string]string{}, dayparts: map[string]string{}, refs: map[string]timeRef{},
			approx: map[string]bool{}, point: map[string]bool{}, future: map[string]bool{}, past: map[string]bool{},
			report: map[string]bool{},
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
			phrase := strings.Join(f[1:], " ")
			if f[0] == "approx" {
				lx.approx[phrase] = true
			} else {
				lx.point[phrase] = true
			}
			lx.modLen = max(lx.modLen, len(f)-1)
		})
		readTimeFile("time_tense.txt", func(f []string) {
			w := strings.TrimPrefix(f[1], "'") // "'ll" is the token "ll"
			switch f[0] {
			case "future":
				lx.future[w] = true
			case "report":
				lx.report[w] = true
			default:
				lx.past[w] = true
			}
		})
		lx.holidays = map[string]string{}
		readTimeFile("time_holidays.txt", func(f []string) {
			// key the name by its tokens: "new year's day" is "new year ' s day"
			name := strings.Join(f[:len(f)-1], " ")
			toks := tokenizeTime(name, Span{0, len(name)}, nil)
			words := make([]string, len(toks))
			for i, t := range toks {
				words[i] = t.w
			}
			lx.holidays[strings.Join(words, " ")] = f[len(f)-1]
			lx.holLen = max(lx.holLen, len(toks))
		})
		f, err := lexicon.Data.Open("data/time_refs.txt")
		if err != nil {
			panic("extract: time_refs.txt missing from the built-in lexicon")
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			parts := strings.Split(line, "\t")
			if len(parts) != 3 {
				panic("extract: time_refs.txt: want phrase, type and value: " + line)
			}
			lx.refs[parts[0]] = timeRef{parts[1], parts[2]}
			lx.refLen = max(lx.refLen, len(strings.Fields(parts[0])))
		}
		timeLex = lx
	})
	return timeLex
}

// readTimeFile calls fn with the fields of each line of a data file,
// skipping blank lines and comments.
func readTimeFile(name string, fn func([]string)) {
	f, err := lexicon.Data.Open("data/" + name)
	if err != nil {
		panic("extract: " + name + " missing from the built-in lexicon")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		fn(fields)
	}
}

func atoiMust(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic("extract: time lexicon: bad number " + strconv.Quote(s))
	}
	return n
}
