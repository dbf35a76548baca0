package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A token is a word, number or punctuation mark with its byte span.
type token struct {
	text  string
	lower string
	start int
	end   int
	word  bool // letters or digits (not punctuation)
	upper bool // starts with an upper-case letter
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiWord holds the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
	}
	return t
}()

// tokenize splits text[s.Start:s.End] into tokens. Words keep inner hyphens
// and apostrophes ("war-torn", "al-Assad", "O'Brien"), dotted abbreviations
// keep their periods ("U.S.", "Gen."), and the possessive "'s" is a token of
// its own.
func tokenize(text string, s Span) []token {
	return appendTokens(make([]token, 0, (s.End-s.Start)/5+4), text, lowerASCIIText(text[:s.End]), s)
}

// appendTokens is tokenize appending to out. lower is lowerASCIIText(text):
// the lower-case form of a token of ASCII letters is a slice of it, not a
// new string.
func appendTokens(out []token, text, lower string, s Span) []token {
	ab := loadAbbrevs()
	i := s.Start
	for i < s.End {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if !isWordRune(r) {
			// the possessive "'s" is one token
			if (r == '\'' || r == '’') && i+size < s.End && (text[i+size] == 's' || text[i+size] == 'S') &&
				(i+size+1 >= s.End || !isWordRune(runeAt(text, i+size+1))) {
				out = append(out, mkToken(text, lower, i, i+size+1, false, r == '\''))
				i += size + 1
				continue
			}
			out = append(out, mkToken(text, lower, i, i+size, false, r < utf8.RuneSelf))
			i += size
			continue
		}
		j := i + size
		ascii := r < utf8.RuneSelf // so far
		for j < s.End {
			if c := text[j]; c < utf8.RuneSelf && asciiWord[c] {
				j++
				continue
			}
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r2) {
				ascii = ascii && r2 < utf8.RuneSelf
				j += s2
				continue
			}
			// inner joiners followed by a word character
			if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' || r2 == ',' && unicode.IsDigit(lastRune(text[i:j])) {
				if j+s2 < s.End {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if isWordRune(r3) && !(r2 == ',' && !unicode.IsDigit(r3)) {
						// possessive 's stays apart
						if (r2 == '\'' || r2 == '’') && (r3 == 's' || r3 == 'S') && (j+s2+1 >= s.End || !isWordRune(runeAt(text, j+s2+1))) {
							break
						}
						ascii = ascii && r2 < utf8.RuneSelf
						j += s2
						continue
					}
				}
			}
			break
		}
		// a trailing period belongs to abbreviations and dotted acronyms
		if j < s.End && text[j] == '.' {
			w := text[i:j]
			if ab[w] || strings.Contains(w, ".") || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r)) {
				j++
			}
		}
		out = append(out, mkToken(text, lower, i, j, true, ascii))
		i = j
	}
	return out
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func runeAt(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// mkToken makes the token text[a:b]; ascii says whether it is all ASCII.
func mkToken(text, lower string, a, b int, word, ascii bool) token {
	t := token{text: text[a:b], start: a, end: b, word: word}
	if ascii {
		t.lower = lower[a:b]
		t.upper = 'A' <= text[a] && text[a] <= 'Z'
		return t
	}
	t.lower = lowerASCII(t.text)
	if strings.Contains(t.lower, "’") {
		t.lower = strings.ReplaceAll(t.lower, "’", "'")
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	t.upper = unicode.IsUpper(r)
	return t
}

// lowerASCII is strings.ToLower without an allocation for text that is
// already lower case, the common case.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCIIText returns text with the ASCII letters A-Z in lower case and
// every other byte as it is: byte i of the result is byte i of text, lowered.
func lowerASCIIText(text string) string {
	i := 0
	for i < len(text) && !('A' <= text[i] && text[i] <= 'Z') {
		i++
	}
	if i == len(text) {
		return text
	}
	b := make([]byte, len(text))
	copy(b, text[:i])
	for ; i < len(text); i++ {
		c := text[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(&b[0], len(b))
}

// A wordFilter answers "certainly not in the set" for most words outside
// a set of words, from one bit of a small table that stays in the CPU
// cache, before a lookup in the map that holds the set.
type wordFilter struct {
	bits  []uint64
	shift uint32 // a hash's top 32-shift bits index bits
}

// newWordFilter returns a filter of the words in keys (not of the empty
// word, which every filter may contain).
func newWordFilter[V any](keys map[string]V) *wordFilter {
	n := uint32(1 << 9) // bits: at least 16 a word, so that few other words pass
	for int(n) < 16*len(keys) {
		n <<= 1
	}
	f := &wordFilter{bits: make([]uint64, n/64), shift: 32}
	for n > 1 {
		n >>= 1
		f.shift--
	}
	for w := range keys {
		h := f.hash(w)
		f.bits[h/64] |= 1 << (h % 64)
	}
	return f
}

// hash mixes the length and five of the bytes of w, in constant time.
func (f *wordFilter) hash(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	x := uint64(n) | uint64(w[0])<<8 | uint64(w[n-1])<<16 | uint64(w[n/2])<<24 |
		uint64(w[(n-1)/4])<<32 | uint64(w[n-1-(n-1)/4])<<40
	return uint32((x * 0x9E3779B97F4A7C15) >> (32 + f.shift))
}

// mayContain reports false only for words that are not in the set.
func (f *wordFilter) mayContain(w string) bool {
	h := f.hash(w)
	return f.bits[h/64]&(1<<(h%64)) != 0
}
