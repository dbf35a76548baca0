package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"abbreviations", "U.S. Secretary of State John Kerry met Sergei Lavrov on Sept. 5. Gen. Smith said nothing.",
			[]string{"U.S. Secretary of State John Kerry met Sergei Lavrov on Sept. 5.", "Gen. Smith said nothing."}},
		{"quotes", "He said “there are issues.” Then he left.",
			[]string{"He said “there are issues.”", "Then he left."}},
		{"hard wrap", "Cooperation between Russia and the U.S. faces a\nnumber of hurdles.\nKerry said so.",
			[]string{"Cooperation between Russia and the U.S. faces a\nnumber of hurdles.", "Kerry said so."}},
		{"heading", "Talks fail\nRussia and the United States failed to agree on a truce over the war in Syria on Monday.",
			[]string{"Talks fail", "Russia and the United States failed to agree on a truce over the war in Syria on Monday."}},
		{"blank line", "First para\n\nSecond para.", []string{"First para", "Second para."}},
		{"initials", "John F. Kennedy was shot. He died.", []string{"John F. Kennedy was shot.", "He died."}},
		{"colon line", "A Message from The Moscow Times:\nDear readers,\nWe need help.",
			[]string{"A Message from The Moscow Times:", "Dear readers,\nWe need help."}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tt.text, Span{0, len(tt.text)}) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
