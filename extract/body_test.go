package extract

import (
	"strings"
	"testing"
)

// TestBodySpan checks where the article body ends: at trailing boilerplate
// after the first quarter, and at the line of the first reader-comment
// signature.
func TestBodySpan(t *testing.T) {
	article := strings.Repeat("Lavrov met Kerry in Geneva on Monday to discuss the truce in Syria.\n", 5)
	tests := []struct {
		name, text, wantEnd string // wantEnd: the body's last words
	}{
		{"no boilerplate", article, "truce in Syria."},
		{"donation appeal", article + "\nA Message from The Moscow Times:\nPlease support us.", "truce in Syria."},
		{"comments", article + "\nGreat article, thanks.\nJanuary 28, 2011 at 12:44 pm | Reply I disagree with the reporter.\nFebruary 3, 2011 at 5:22 pm | Report abuse | Reply Me too.",
			"Great article, thanks."},
		{"posted by", article + "\nIf Palin is ready, let her debate.\nPosted by: Anna | September 24, 2008 5:54 PM | Report abuse\nNext comment.", "let her debate."},
		{"a signature in the first lines is kept", "Posted by: the editor\n" + article, "truce in Syria."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := BodySpan(tt.text)
			body := strings.TrimSpace(tt.text[b.Start:b.End])
			if !strings.HasSuffix(body, tt.wantEnd) {
				t.Errorf("body ends %q, want …%q", body[max(0, len(body)-40):], tt.wantEnd)
			}
		})
	}
}
