package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

var (
	abbrevOnce sync.Once
	abbrevs    map[string]bool
)

func loadAbbrevs() map[string]bool {
	abbrevOnce.Do(func() {
		abbrevs = map[string]bool{}
		readDataLines("abbreviations.txt", func(line string) { abbrevs[line] = true })
	})
	return abbrevs
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»':
		return true
	}
	return false
}

func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«':
		return true
	}
	return false
}

// Sentences splits text[body.Start:body.End] into sentence spans. It keeps
// abbreviations ("U.S.", "Sept.", "Gen.") and initials inside sentences,
// attaches closing quotes to the sentence they end, joins hard-wrapped lines
// and ends a sentence at a blank line or at a short line with no final
// punctuation, such as a heading. Spans exclude surrounding white space.
func Sentences(text string, body Span) []Span {
	ab := loadAbbrevs()
	if body.End > len(text) || body.End == 0 {
		body.End = len(text)
	}
	if body.Start < 0 || body.Start > body.End {
		body.Start = 0
	}
	longest := longestLine(text[body.Start:body.End])
	var out []Span
	start := -1
	emit := func(end int) {
		if start < 0 {
			return
		}
		s := Span{start, end}
		for s.End > s.Start {
			r, size := utf8.DecodeLastRuneInString(text[s.Start:s.End])
			if !unicode.IsSpace(r) {
				break
			}
			s.End -= size
		}
		if s.End > s.Start {
			out = append(out, s)
		}
		start = -1
	}
	i := body.Start
	for i < body.End {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if start < 0 {
			if !unicode.IsSpace(r) {
				start = i
			}
			i += size
			continue
		}
		switch {
		case r == '\n':
			// a blank line ends a sentence
			j := i + 1
			for j < body.End && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j >= body.End || text[j] == '\n' {
				emit(i)
				i = j
				continue
			}
			if lineBreakEnds(text, start, i, j, longest) {
				emit(i)
			}
			i++
			continue
		case r == '.' || r == '!' || r == '?' || r == '…':
			end := i + size
			for end < body.End {
				r2, s2 := utf8.DecodeRuneInString(text[end:])
				if isClosing(r2) || r2 == '.' || r2 == '!' || r2 == '?' {
					end += s2
					continue
				}
				break
			}
			if end >= body.End {
				emit(end)
				i = end
				continue
			}
			next, _ := utf8.DecodeRuneInString(text[end:])
			if !unicode.IsSpace(next) {
				i = end
				continue
			}
			// find the first character of the next word
			k := end
			for k < body.End {
				r3, s3 := utf8.DecodeRuneInString(text[k:])
				if !unicode.IsSpace(r3) {
					break
				}
				k += s3
			}
			if k >= body.End {
				emit(end)
				i = k
				continue
			}
			nr, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || isOpening(nr)) {
				i = end
				continue
			}
			if r == '.' && !isTerminalPeriod(text, start, i, nr, ab) {
				i = end
				continue
			}
			emit(end)
			i = end
			continue
		}
		i += size
	}
	emit(body.End)
	return out
}

// isTerminalPeriod decides whether the period at text[dot] ends a sentence,
// given the first rune of the next word.
func isTerminalPeriod(text string, start, dot int, next rune, ab map[string]bool) bool {
	// the word before the period
	w := dot
	for w > start {
		r, size := utf8.DecodeLastRuneInString(text[start:w])
		if unicode.IsSpace(r) || isOpening(r) || r == '(' {
			break
		}
		w -= size
	}
	word := text[w:dot]
	if word == "" {
		return true
	}
	if ab[word] {
		// "the U.S. The talks" is rare next to "the U.S. President";
		// a month before a number ("Sept. 5") never ends a sentence.
		return false
	}
	// an initial: "John F. Kennedy"
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(r) {
			return false
		}
	}
	// dotted acronyms not listed: "S.W.A.T."
	if strings.Count(word, ".") >= 1 && len(word) <= 8 && !strings.ContainsAny(word, "!?") {
		allShort := true
		for _, p := range strings.Split(word, ".") {
			if utf8.RuneCountInString(p) > 2 {
				allShort = false
			}
		}
		if allShort {
			return false
		}
	}
	return true
}

// lineBreakEnds decides whether the single newline at text[nl] (the next
// line starts at text[next]) ends the sentence that began at start.
func lineBreakEnds(text string, start, nl, next int, longest int) bool {
	// previous line
	ls := strings.LastIndexByte(text[:nl], '\n') + 1
	if ls < start {
		ls = start
	}
	prev := strings.TrimRight(text[ls:nl], " \t\r")
	if prev == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if last == ':' {
		return true
	}
	if last == '.' || last == '!' || last == '?' {
		// handled by the punctuation rule unless the next line starts lower case
		return false
	}
	nr, _ := utf8.DecodeRuneInString(text[next:])
	if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || isOpening(nr)) {
		return false
	}
	// a short line with no final punctuation before a capitalised line is a
	// heading or a byline; a long one is a hard-wrapped line.
	prevLen := utf8.RuneCountInString(text[ls:nl])
	return longest > 0 && prevLen*2 < longest && !endsWithConnector(prev)
}

func endsWithConnector(line string) bool {
	i := strings.LastIndexAny(line, " \t")
	w := strings.ToLower(line[i+1:])
	switch w {
	case "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "as", ",", "that", "but":
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return last == ',' || last == '-' || last == '–'
}

func longestLine(s string) int {
	max := 0
	for s != "" {
		i := strings.IndexByte(s, '\n')
		line := s
		if i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if n := utf8.RuneCountInString(line); n > max {
			max = n
		}
	}
	return max
}
