package extract

import (
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"
)

// TIMEX3 values as the tagger writes them.
var (
	timexDateRe = regexp.MustCompile(`^(PRESENT_REF|PAST_REF|FUTURE_REF|` +
		`[0-9X]{2,4}(-(W[0-9X]{2}(-(WE|[1-7]))?|Q[1-4X]|H[12X]|SP|SU|FA|WI|[0-9X]{2}(-[0-9X]{2})?))?` +
		`(T([0-9]{2}:[0-9]{2}Z?|MO|AF|EV|NI))?)$`)
	timexDurationRe = regexp.MustCompile(`^P(([0-9]+(\.[0-9]+)?|X)(Y|M|W|D|Q|DE|CE))*` +
		`(T(([0-9]+(\.[0-9]+)?|X)(H|M|S))+)?$`)
)

// validTimexValue reports whether value is well formed for a timex of type typ.
func validTimexValue(typ, value string) bool {
	switch typ {
	case "DATE", "TIME":
		return timexDateRe.MatchString(value)
	case "DURATION":
		return value != "P" && timexDurationRe.MatchString(value)
	case "SET":
		return value != "P" && (timexDurationRe.MatchString(value) || timexDateRe.MatchString(value))
	}
	return false
}

func FuzzTagTimes(f *testing.F) {
	for _, s := range []string{
		"The Reuters news agency reported Monday.",
		"A truce was brokered in February, and talks resume next week.",
		"It ended on Sept. 5, 2016, after the past three years of war.",
		"At 10:35 a.m. Friday, 2 1/2 years later, the third-quarter loss.",
		"Every Thursday since the 1990s; a 52-year-old; 09/05/2016; 2016-09-05.",
		"the year two thousand, nineteen ninety-six, Thanksgiving Day",
		"mid-2016 early 2017 the 19th century last fall this summer",
		"", "a", "May", "1,990", "$2000", "5 p.m. EST, Nov. 6",
	} {
		for _, pub := range []string{"2016-09-05", "", "1989-10-30", "bad"} {
			f.Add(s, pub)
		}
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		sents := Sentences(text, Span{0, len(text)})
		got := TagTimes(text, sents, published)
		again := TagTimes(text, sents, published)
		if !slices.Equal(got, again) {
			t.Fatalf("TagTimes is not deterministic: %v, then %v", got, again)
		}
		prev := 0
		for _, x := range got {
			s := x.Span
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %v after %d in %d bytes: %+v", s, prev, len(text), got)
			}
			prev = s.End
			if !slices.ContainsFunc(sents, func(sent Span) bool { return sent.Contains(s) }) {
				t.Errorf("%+v lies outside every sentence %v", x, sents)
			}
			if x.Text != text[s.Start:s.End] {
				t.Errorf("Text %q, span holds %q", x.Text, text[s.Start:s.End])
			}
			if utf8.ValidString(text) && !utf8.ValidString(x.Text) {
				t.Errorf("span %v splits a character in %q", s, text)
			}
			if x.Rule == "" {
				t.Errorf("%+v has no rule", x)
			}
			if !validTimexValue(x.Type, x.Value) {
				t.Errorf("%+v: value %q is not a TIMEX3 %s value", x, x.Value, x.Type)
			}
		}
	})
}

// TestTimexValuesOnGold checks the value grammar on everything the tagger
// finds in the gold sets, when they are there.
func TestTimexValuesOnGold(t *testing.T) {
	for _, file := range []string{"tempeval3-train.jsonl", "meantime.jsonl"} {
		docs := readGold(t, "../../shared/eval/dev/"+file)
		for _, d := range docs {
			for _, x := range TagTimes(d.Text, Sentences(d.Text, Span{0, len(d.Text)}), d.Published) {
				if !validTimexValue(x.Type, x.Value) {
					t.Errorf("%s: %q (%s): value %q is not a TIMEX3 %s value", d.ID, x.Text, x.Rule, x.Value, x.Type)
				}
			}
		}
	}
}
