package extract

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzFastPaths checks the allocation-free fast paths of the tokenizer and
// the actor table against the plain forms they replace.
func FuzzFastPaths(f *testing.F) {
	for _, s := range []string{"", " ", "Free Syrian Army", "a  b", " a", "a ", "a\tb", "Ünited Nätions", "U.S.-led", "al-Assad's", "A\u00a0B", "x\u0085y", "--a--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := slug(s), slugPlain(s); got != want {
			t.Errorf("slug(%q) = %q, want %q", s, got, want)
		}
		low := lowerASCIIText(s)
		if len(low) != len(s) {
			t.Fatalf("lowerASCIIText(%q) = %q: length changed", s, low)
		}
		if isASCII(s) && low != strings.ToLower(s) {
			t.Errorf("lowerASCIIText(%q) = %q, want %q", s, low, strings.ToLower(s))
		}
		for _, m := range []string{"", "a", "share this", "©"} {
			if got, want := hasPrefixASCIIFold(strings.ToLower(s), m), strings.HasPrefix(strings.ToLower(s), m); got != want {
				t.Errorf("hasPrefixASCIIFold(%q, %q) = %v", s, m, got)
			}
			if isASCII(s) {
				if got, want := hasPrefixASCIIFold(s, m), strings.HasPrefix(strings.ToLower(s), m); got != want {
					t.Errorf("hasPrefixASCIIFold(%q, %q) = %v", s, m, got)
				}
			}
		}
		for _, tk := range tokenize(s, Span{0, len(s)}) {
			want := strings.ToLower(tk.text)
			want = strings.ReplaceAll(want, "’", "'")
			if tk.lower != want {
				t.Errorf("token %q: lower %q, want %q", tk.text, tk.lower, want)
			}
		}
	})
}

// slugPlain is slug without its ASCII fast path.
func slugPlain(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func TestWordFilter(t *testing.T) {
	words := map[string]bool{}
	for _, w := range strings.Fields("a an the january feb monday 1990s year-end mid x") {
		words[w] = true
	}
	f := newWordFilter(words)
	for w := range words {
		if !f.mayContain(w) {
			t.Errorf("filter drops %q, which it holds", w)
		}
	}
}

// TestTimeLexiconStarts checks what lexGet relies on: every key of the
// time lexicon's word maps is a start word, and so passes startsFilter.
func TestTimeLexiconStarts(t *testing.T) {
	lx := loadTimeLexicon()
	check := func(name string, keys []string) {
		for _, w := range keys {
			if !lx.starts[w] || !lx.startsFilter.mayContain(w) {
				t.Errorf("%s: %q is not a start word", name, w)
			}
		}
	}
	for name, m := range map[string]map[string]int{"months": lx.months, "weekdays": lx.weekdays, "numbers": lx.numbers, "ordinals": lx.ordinals, "decades": lx.decades} {
		check(name, mapKeys(m))
	}
	for name, m := range map[string]map[string]string{"units": lx.units, "seasons": lx.seasons, "dayparts": lx.dayparts} {
		check(name, mapKeys(m))
	}
}

func mapKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
