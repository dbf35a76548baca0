package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// goldDoc is one document of a TIMEX3 gold set (../shared/eval/FORMAT.md).
type goldDoc struct {
	ID        string      `json:"id"`
	Published string      `json:"published"`
	Text      string      `json:"text"`
	Timexes   []goldTimex `json:"timexes"`
}

type goldTimex struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Rule  string `json:"rule,omitempty"`
}

func readGold(t testing.TB, path string) []goldDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("gold set not available: %v", err)
	}
	defer f.Close()
	var docs []goldDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var d goldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// tagGold runs TagTimes over a gold document and returns the timexes with
// code-point offsets, as the scorer reads them. When scope > 0, only the
// first scope sentences are tagged: the part of the text the gold covers.
func tagGold(d goldDoc, scope int) []goldTimex {
	sents := Sentences(d.Text, Span{0, len(d.Text)})
	if scope > 0 && len(sents) > scope {
		sents = sents[:scope]
	}
	xs := TagTimes(d.Text, sents, d.Published)
	out := make([]goldTimex, 0, len(xs))
	for _, x := range xs {
		s := utf8.RuneCountInString(d.Text[:x.Span.Start])
		e := s + utf8.RuneCountInString(d.Text[x.Span.Start:x.Span.End])
		out = append(out, goldTimex{Text: x.Text, Start: s, End: e, Type: x.Type, Value: x.Value, Rule: x.Rule})
	}
	return out
}

type prf struct{ tp, pred, gold int }

func (c prf) f1() float64 {
	if c.pred == 0 || c.gold == 0 || c.tp == 0 {
		return 0
	}
	p, r := float64(c.tp)/float64(c.pred), float64(c.tp)/float64(c.gold)
	return 2 * p * r / (p + r)
}

// scoreTimexes scores as ../shared/eval/score.py does: greedy one-to-one
// matching, strict (same span) and value (overlapping span, same value).
func scoreTimexes(gold, pred []goldTimex) (strict, value prf) {
	match := func(ok func(g, p goldTimex) bool) prf {
		used := make([]bool, len(pred))
		c := prf{pred: len(pred), gold: len(gold)}
		for _, g := range gold {
			for i, p := range pred {
				if !used[i] && ok(g, p) {
					used[i] = true
					c.tp++
					break
				}
			}
		}
		return c
	}
	strict = match(func(g, p goldTimex) bool { return g.Start == p.Start && g.End == p.End })
	value = match(func(g, p goldTimex) bool { return g.Start < p.End && p.Start < g.End && g.Value == p.Value })
	return strict, value
}

// TestTimexGold checks the tagger against the shared TIMEX3 gold sets, when
// they are there (../shared/eval/dev from the repository root), scoring as
// ../shared/eval/score.py does. It fails below floor, the level reached so
// far, and reports when a set is still below the project's target. With
// TIMEX_OUT=dir it also writes each set's output as JSON Lines, for
// score.py.
func TestTimexGold(t *testing.T) {
	type f1s struct{ strict, value float64 }
	sets := []struct {
		file          string
		target, floor f1s
		// scope is how many leading sentences the gold annotates (0: all).
		// MEANTIME annotates only the title, the dateline and the first
		// sentences of each article; time expressions further on are not
		// in its gold, so tagging them would count as false hits.
		scope int
	}{
		{"tempeval3-train.jsonl", f1s{0.85, 0.82}, f1s{0.89, 0.82}, 0},
		{"meantime.jsonl", f1s{0.85, 0.82}, f1s{0.86, 0.82}, 6},
		{"seed.jsonl", f1s{1, 1}, f1s{1, 1}, 0},
	}
	for _, set := range sets {
		t.Run(set.file, func(t *testing.T) {
			docs := readGold(t, filepath.Join("..", "..", "shared", "eval", "dev", set.file))
			var strict, value prf
			var w *bufio.Writer
			if dir := os.Getenv("TIMEX_OUT"); dir != "" {
				f, err := os.Create(filepath.Join(dir, set.file))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				w = bufio.NewWriter(f)
				defer w.Flush()
			}
			for _, d := range docs {
				pred := tagGold(d, set.scope)
				s, v := scoreTimexes(d.Timexes, pred)
				strict.tp, strict.pred, strict.gold = strict.tp+s.tp, strict.pred+s.pred, strict.gold+s.gold
				value.tp, value.pred, value.gold = value.tp+v.tp, value.pred+v.pred, value.gold+v.gold
				if w != nil {
					b, _ := json.Marshal(map[string]any{"id": d.ID, "timexes": pred})
					w.Write(append(b, '\n'))
				}
			}
			t.Logf("%s: strict F1 %.3f, value F1 %.3f", set.file, strict.f1(), value.f1())
			const eps = 1e-9
			if strict.f1() < set.floor.strict-eps {
				t.Errorf("%s: timex strict F1 = %.3f, want >= %.2f", set.file, strict.f1(), set.floor.strict)
			}
			if value.f1() < set.floor.value-eps {
				t.Errorf("%s: timex value F1 = %.3f, want >= %.2f", set.file, value.f1(), set.floor.value)
			}
			if strict.f1() < set.target.strict-eps || value.f1() < set.target.value-eps {
				t.Logf("%s: below the target (strict %.2f, value %.2f)", set.file, set.target.strict, set.target.value)
			}
		})
	}
}

// tx is a compact expected timex: its text, type and value.
type tx struct{ Text, Type, Value string }

func tagTexts(text, published string) []tx {
	var out []tx
	for _, x := range TagTimes(text, Sentences(text, Span{0, len(text)}), published) {
		out = append(out, tx{x.Text, x.Type, x.Value})
	}
	return out
}

func TestTagTimes(t *testing.T) {
	tests := []struct {
		name, text, published string
		want                  []tx
	}{
		// weekdays
		{"weekday same day", "The Reuters news agency reported Monday.", "2016-09-05",
			[]tx{{"Monday", "DATE", "2016-09-05"}}},
		{"weekday past", "Obama also said on Sunday that talks would go on.", "2016-09-05",
			[]tx{{"Sunday", "DATE", "2016-09-04"}}},
		{"weekday past mid-week", "Lavrov and Kerry met on Monday.", "2016-09-07",
			[]tx{{"Monday", "DATE", "2016-09-05"}}},
		{"weekday future", "The ministers will meet on Monday.", "2016-09-07",
			[]tx{{"Monday", "DATE", "2016-09-12"}}},
		{"last weekday", "Shares fell last Friday.", "1989-10-30",
			[]tx{{"last Friday", "DATE", "1989-10-27"}}},
		{"weekday morning", "The blast hit the embassy Friday morning.", "1998-08-08",
			[]tx{{"Friday morning", "TIME", "1998-08-07TMO"}}},
		{"weekday deadline ahead", "The offer runs until Thursday.", "1999-05-07",
			[]tx{{"Thursday", "DATE", "1999-05-13"}}},
		{"weekday deadline past", "Until Thursday, they had not called him a suspect.", "1999-05-07",
			[]tx{{"Thursday", "DATE", "1999-05-06"}}},
		{"weekday planned", "The team planned to leave Nairobi on Thursday.", "1998-09-30",
			[]tx{{"Thursday", "DATE", "1998-10-01"}}},
		{"weekday of the planning", "On Friday, the government planned to pay the claims.", "1998-09-30",
			[]tx{{"Friday", "DATE", "1998-09-25"}}},
		{"weekday possessive", "Cuba condemned Wednesday's meeting and will protest.", "2000-01-07",
			[]tx{{"Wednesday", "DATE", "2000-01-05"}}},
		{"around is a preposition", "They would get around Wednesday's ruling.", "2000-01-07",
			[]tx{{"Wednesday", "DATE", "2000-01-05"}}},
		{"compound cue", "Compaq fell after lower-than-expected earnings after the market closed Wednesday.", "1989-10-27",
			[]tx{{"Wednesday", "DATE", "1989-10-25"}}},
		{"weekday after saying", "Ambassadors issued a statement Friday saying entry into NATO will help.", "1999-03-13",
			[]tx{{"Friday", "DATE", "1999-03-12"}}},
		{"weekday planned", "Protesters planned a large demonstration on Saturday.", "2000-01-07",
			[]tx{{"Saturday", "DATE", "2000-01-08"}}},
		{"weekday past perfect plan", "It had been due to expire Friday evening.", "1989-10-30",
			[]tx{{"Friday evening", "TIME", "1989-10-27TEV"}}},
		{"as early as", "The father could come from Cuba as early as Tuesday.", "2000-04-03",
			[]tx{{"Tuesday", "DATE", "2000-04-04"}}},
		{"weekday without date", "They met on Monday.", "",
			[]tx{{"Monday", "DATE", "XXXX-WXX-1"}}},

		// months
		{"month past", "A truce was brokered in February.", "2016-09-05",
			[]tx{{"February", "DATE", "2016-02"}}},
		{"month past across year", "A truce was brokered in February.", "2016-01-10",
			[]tx{{"February", "DATE", "2015-02"}}},
		{"next month name", "Elections are due next February.", "2016-09-05",
			[]tx{{"next February", "DATE", "2017-02"}}},
		{"last month name", "The deal closed last April.", "1989-10-27",
			[]tx{{"last April", "DATE", "1989-04"}}},
		{"month near future", "The offer was extended to Nov. 6.", "1989-10-30",
			[]tx{{"Nov. 6", "DATE", "1989-11-06"}}},
		{"month day past", "The index peaked on Sept. 5.", "2016-09-20",
			[]tx{{"Sept. 5", "DATE", "2016-09-05"}}},
		{"month day year", "It ended on Sept. 5, 2016, in Geneva.", "2017-01-01",
			[]tx{{"Sept. 5, 2016", "DATE", "2016-09-05"}}},
		{"day month year", "It was signed on 5 September 2016.", "",
			[]tx{{"5 September 2016", "DATE", "2016-09-05"}}},
		{"month year", "The cease-fire of August 1988 held.", "1990-08-15",
			[]tx{{"August 1988", "DATE", "1988-08"}}},
		{"month without date", "They met in February.", "",
			[]tx{{"February", "DATE", "XXXX-02"}}},
		{"set is no future cue", "The index is near its record high set on Aug. 6.", "1998-02-06",
			[]tx{{"Aug. 6", "DATE", "1997-08-06"}}},
		{"cue of another clause", "They decided on Feb. 11 that a ground war would be necessary.", "1991-02-25",
			[]tx{{"Feb. 11", "DATE", "1991-02-11"}}},
		{"cue of a relative clause", "A block of shares issued July 1, which will receive partial dividends.", "1989-10-27",
			[]tx{{"July 1", "DATE", "1989-07-01"}}},
		{"past perfect plan close by", "The offer had been set to expire Nov. 6.", "1989-11-02",
			[]tx{{"Nov. 6", "DATE", "1989-11-06"}}},
		{"a plan is no cue", "The thrift announced the plan Aug. 21.", "1989-10-27",
			[]tx{{"Aug. 21", "DATE", "1989-08-21"}}},
		{"irregular past", "In January, American Medical brought in a new chief.", "1989-10-27",
			[]tx{{"January", "DATE", "1989-01"}}},
		{"may the verb", "Prices may rise, and troops may march.", "2016-09-05", nil},
		{"may the month", "The vote is due in May.", "2016-09-05",
			[]tx{{"May", "DATE", "2017-05"}}},

		// numeric dates
		{"iso date", "Filed 2016-09-05 in court.", "", []tx{{"2016-09-05", "DATE", "2016-09-05"}}},
		{"us date", "Filed 09/05/2016 in court.", "", []tx{{"09/05/2016", "DATE", "2016-09-05"}}},

		// years, decades, centuries
		{"year", "Australia has been independent since 1901.", "1998-02-13",
			[]tx{{"1901", "DATE", "1901"}}},
		{"not a year", "He sent 2000 troops.", "1998-02-13", nil},
		{"decade", "Groups grew through the 1990s.", "2001-01-01", []tx{{"the 1990s", "DATE", "199"}}},
		{"century", "It was built in the 19th century.", "2001-01-01", []tx{{"the 19th century", "DATE", "18"}}},
		{"mid year", "Release is planned for mid-2016.", "2015-10-01", []tx{{"mid-2016", "DATE", "2016"}}},
		{"early year", "A launch in early 2017 is likely.", "2016-09-05", []tx{{"early 2017", "DATE", "2017"}}},
		{"half year", "Earnings fall in the last half of 1989.", "1989-10-26", []tx{{"the last half of 1989", "DATE", "1989-H2"}}},
		{"fiscal year", "In fiscal 1989, Elco earned $7.8 million.", "1989-11-02", []tx{{"fiscal 1989", "DATE", "1989"}}},

		// relative to the publication date
		{"yesterday today tomorrow", "Yesterday was calm, today is not and tomorrow will tell.", "2016-09-05",
			[]tx{{"Yesterday", "DATE", "2016-09-04"}, {"today", "DATE", "2016-09-05"}, {"tomorrow", "DATE", "2016-09-06"}}},
		{"today without date", "Talks resume today.", "", []tx{{"today", "DATE", "XXXX-XX-XX"}}},
		{"last year", "Sales fell last year.", "2016-09-05", []tx{{"last year", "DATE", "2015"}}},
		{"this month", "Talks resume this month.", "2016-09-05", []tx{{"this month", "DATE", "2016-09"}}},
		{"last week", "Kerry met Lavrov last week.", "2016-09-05", []tx{{"last week", "DATE", "2016-W35"}}},
		{"last week without date", "Kerry met Lavrov last week.", "", []tx{{"last week", "DATE", "XXXX-WXX"}}},
		{"days ago", "The convoy left two days ago.", "2016-09-05", []tx{{"two days ago", "DATE", "2016-09-03"}}},
		{"this summer", "Violence is feared this summer.", "1998-03-22", []tx{{"this summer", "DATE", "1998-SU"}}},
		{"last fall", "Hiring picked up last fall.", "1998-02-06", []tx{{"last fall", "DATE", "1997-FA"}}},
		{"the weekend", "Evidence arrived over the weekend.", "2016-09-05", []tx{{"the weekend", "DATE", "2016-W35-WE"}}},
		{"this morning", "Lawyers said this morning that she knew.", "1998-02-06", []tx{{"this morning", "TIME", "1998-02-06TMO"}}},
		{"clock", "The blast came at 10:35 a.m. on Friday.", "1998-08-08",
			[]tx{{"10:35 a.m. on Friday", "TIME", "1998-08-07T10:35"}}},
		{"clock on the day in focus", "Slepian was shot on Oct. 23. He died at 10 p.m. in his kitchen.", "1999-04-19",
			[]tx{{"Oct. 23", "DATE", "1998-10-23"}, {"10 p.m.", "TIME", "1998-10-23T22:00"}}},

		// anchored on the last date mentioned
		{"next day", "The talks began on March 3, 2015. The next day they failed.", "2016-09-05",
			[]tx{{"March 3, 2015", "DATE", "2015-03-03"}, {"The next day", "DATE", "2015-03-04"}}},
		{"day after", "Slepian was shot on Oct. 23. Two men showed up the day after his death.", "1998-11-21",
			[]tx{{"Oct. 23", "DATE", "1998-10-23"}, {"the day", "DATE", "1998-10-24"}}},
		{"day before a date", "The day before last Tuesday's hearing, Manuel went to Lazaro's home.", "2000-02-24",
			[]tx{{"The day before last Tuesday", "DATE", "2000-02-21"}}},
		{"day before in apposition", "Eight trading days after Oct. 12, the day before the plunge, it fell.", "1989-10-30",
			[]tx{{"Eight trading days", "DURATION", "P8D"}, {"Oct. 12", "DATE", "1989-10-12"}, {"the day", "DATE", "1989-10-12"}}},
		{"week of", "A hearing is set for the week of March 6.", "2000-02-24",
			[]tx{{"the week of March 6", "DATE", "2000-W10"}}},
		{"year earlier", "It earned $5 million in 1988, up from $3 million a year earlier.", "1989-11-02",
			[]tx{{"1988", "DATE", "1988"}, {"a year earlier", "DATE", "1987"}}},
		{"following year", "He retired in 1995 and the following year he moved.", "1998-04-18",
			[]tx{{"1995", "DATE", "1995"}, {"the following year", "DATE", "1996"}}},

		// quarters
		{"quarter of year", "Profit rose in the third quarter of 2016.", "2016-10-20",
			[]tx{{"the third quarter of 2016", "DATE", "2016-Q3"}}},
		{"quarter adjective", "Compaq reported third-quarter earnings.", "1989-10-27",
			[]tx{{"third-quarter", "DATE", "1989-Q3"}}},
		{"year quarter", "It earned $376,000 in the 1988 quarter.", "1989-10-30",
			[]tx{{"the 1988 quarter", "DATE", "1988-Q3"}}},
		{"quarter ended", "In the quarter ended July 31, Jayark had 5.6 million shares.", "1989-10-30",
			[]tx{{"the quarter", "DATE", "1989-Q2"}, {"July 31", "DATE", "1989-07-31"}}},
		{"year-ago quarter", "In the year-ago quarter it lost money.", "1989-10-27",
			[]tx{{"the year-ago quarter", "DATE", "1988-Q3"}}},

		// durations
		{"duration words", "The war lasted three years.", "", []tx{{"three years", "DURATION", "P3Y"}}},
		{"duration a week", "They stayed for a week.", "", []tx{{"a week", "DURATION", "P1W"}}},
		{"duration past", "Stocks fell in the past three years.", "2016-09-05",
			[]tx{{"the past three years", "DURATION", "P3Y"}}},
		{"duration trading days", "Eight trading days later the index recovered.", "", []tx{{"Eight trading days", "DURATION", "P8D"}}},
		{"duration adjective", "The eight-year war ended.", "", []tx{{"eight-year", "DURATION", "P8Y"}}},
		{"duration half", "Refugees stayed 2 1/2 years.", "", []tx{{"2 1/2 years", "DURATION", "P2Y6M"}}},
		{"duration vague", "It could take several days.", "", []tx{{"several days", "DURATION", "PXD"}}},
		{"age is not a duration", "The 52-year-old doctor and a man 44 years old.", "", nil},

		// references
		{"present ref", "Troops are now in the city and currently hold it.", "2016-09-05",
			[]tx{{"now", "DATE", "PRESENT_REF"}, {"currently", "DATE", "PRESENT_REF"}}},
		{"past ref", "He recently left.", "2016-09-05", []tx{{"recently", "DATE", "PAST_REF"}}},
		{"future ref", "Nobody knows what the future holds.", "2016-09-05", []tx{{"the future", "DATE", "FUTURE_REF"}}},
		{"future of", "That is important to the future of our peoples.", "1998-02-13", nil},
		{"soon in the story", "He was taken to a hospital. He was soon released.", "2000-02-24", nil},
		{"since then", "The list began in 1950. Since then, 427 fugitives were caught.", "1999-06-07",
			[]tx{{"1950", "DATE", "1950"}}},
		{"until then", "The list began in 1950. Until then, fugitives ran free.", "1999-06-07",
			[]tx{{"1950", "DATE", "1950"}, {"then", "DATE", "1950"}}},
		{"consequential now", "The three countries can now take part in NATO planning.", "1998-12-05", nil},
		{"most recent", "Critics faulted their most recent model.", "2010-08-09", nil},
		{"content measure", "The player stores 75 hours of video.", "2005-10-13", nil},
		{"title", "Baker said on ABC's \"This Week\" that talks failed.", "1990-08-13", nil},
		{"high noon", "For Poland, high noon comes today.", "1999-03-12", []tx{{"today", "DATE", "1999-03-12"}}},
		{"not timexes", "A senior official later said the former minister has since left.", "2016-09-05", nil},

		// sets
		{"every week", "They meet every week.", "", []tx{{"every week", "SET", "P1W"}}},
		{"each weekday", "Flights leave each Thursday.", "", []tx{{"each Thursday", "SET", "XXXX-WXX-4"}}},
		{"rate", "They sell 15 a year.", "", []tx{{"a year", "SET", "P1Y"}}},
		{"adverb", "The paper comes out weekly.", "", []tx{{"weekly", "SET", "P1W"}}},

		// holidays
		{"holiday", "He was found on Thanksgiving Day.", "2000-01-06", []tx{{"Thanksgiving Day", "DATE", "1999-11-25"}}},

		// dateline
		{"dateline", "Boeing wins a contract\nMarch 01, 2008\nNorthrop Grumman and Airbus parent company EADS won the contract on Friday, the Air Force said in a statement.", "2008-03-01",
			[]tx{{"Friday", "DATE", "2008-02-29"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tagTexts(tt.text, tt.published)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("TagTimes(%q, %q) mismatch (-want +got):\n%s", tt.text, tt.published, diff)
			}
		})
	}
}

// TestTagTimesSeed checks the seed article's sentences (dev/seed.jsonl).
func TestTagTimesSeed(t *testing.T) {
	text := "Russia and the United States have failed to strike a deal over a cease-fire in Syria, the Reuters news agency reported Monday.\n" +
		"Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry met to discuss a truce in the war-torn country on Monday during the ongoing G20 summit in China. " +
		"A senior state department official later told Reuters that a deal had not been reached.\n" +
		"The United States has previously accused Assad, a Kremlin ally, of violating the terms of a previous cease-fire brokered by Washington and Moscow in February.\n" +
		"Kerry has since said the United States will not simply accept any deal to see it collapse again, Reuters reported. " +
		"U.S. President Barack Obama also said on Sunday that Washington would approach the talks \u201cwith some skepticism.\u201d"
	want := []tx{
		{"Monday", "DATE", "2016-09-05"},
		{"Monday", "DATE", "2016-09-05"},
		{"February", "DATE", "2016-02"},
		{"Sunday", "DATE", "2016-09-04"},
	}
	if diff := cmp.Diff(want, tagTexts(text, "2016-09-05")); diff != "" {
		t.Errorf("seed mismatch (-want +got):\n%s", diff)
	}
}

func TestTagTimesAnchored(t *testing.T) {
	text := "The deal was signed on March 3, 2015. A week later it collapsed, and two days later talks resumed."
	want := []tx{
		{"March 3, 2015", "DATE", "2015-03-03"},
		{"A week later", "DATE", "2015-03-10"},
		{"two days", "DURATION", "P2D"},
	}
	if diff := cmp.Diff(want, tagTexts(text, "2016-09-05")); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
