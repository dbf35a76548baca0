package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// TestDiscard checks each kind of the discard list on articles written for
// it, and that ordinary political news is not discarded.
func TestDiscard(t *testing.T) {
	tests := []struct {
		name      string
		doc       Document
		want      []string // rules of the discards, in order
		wantTypes []string // types of the events that remain
	}{
		{
			name: "sports result sentence",
			doc: Document{Published: "2014-06-20", Text: "Germany beat Portugal 4-0 in Salvador on Monday. " +
				"Later, Russian President Vladimir Putin met German Chancellor Angela Merkel in Berlin."},
			want:      []string{"discard.sports-beat-score"},
			wantTypes: []string{"meet"},
		},
		{
			name:      "sports scored",
			doc:       Document{Published: "2014-06-20", Text: "Algeria scored two goals against Russia in the second half to reach the last 16."},
			want:      []string{"discard.sports-scored"},
			wantTypes: nil,
		},
		{
			name:      "sports title",
			doc:       Document{Title: "Brazil beat Croatia 3-1 in World Cup opener", Published: "2014-06-13", Text: "Brazil attacked Croatia from the start and Croatia accused the referee."},
			want:      []string{"discard.sports-title-score"},
			wantTypes: nil,
		},
		{
			name: "obituary title",
			doc: Document{Title: "Obituary: Former foreign minister", Published: "2005-08-08",
				Text: "In 1999 he met Yasser Arafat in Gaza and criticised Israel."},
			want: []string{"discard.obituary-title"},
		},
		{
			name: "obituary standfirst",
			doc: Document{Published: "2005-08-08",
				Text: "Robin Cook, who has died suddenly at the age of 59, was one of the cleverest foreign secretaries. In 2003 he resigned from the cabinet and accused Tony Blair of misleading parliament."},
			want: []string{"discard.obituary-who-has-died"},
		},
		{
			name: "chronology lines",
			doc: Document{Published: "2005-10-19",
				Text: "Iraq under Saddam Hussein.\n\n1974: Iraq attacked Kurdish rebels in the north.\n\n1980: Iraq invades Iran.\n\nOn Wednesday, Iraq accused Iran of arming militias."},
			want:      []string{"discard.chronology-line", "discard.chronology-line"},
			wantTypes: []string{"accuse"},
		},
		{
			name: "live page clock times are not years",
			doc: Document{Published: "2010-06-15",
				Text: "Live coverage of the oil spill.\n\n1910: Barack Obama criticized BP over the spill.\n\n2005: BP denied the charges."},
			wantTypes: []string{"criticize", "deny"},
		},
		{
			name: "a recent year line is not history",
			doc: Document{Published: "2011-03-20",
				Text: "Key moments.\n\n2011: France recognised the Libyan rebels' council."},
			want: nil,
		},
		{
			name: "political news with sports words",
			doc: Document{Published: "2011-06-25",
				Text: "Libyan rebels beat back government forces near Misrata, 3 km from the port. Libyan government forces attacked the rebels on Saturday."},
			wantTypes: []string{"attack"},
		},
		{
			name: "a vote count is not a score",
			doc: Document{Published: "2011-03-18",
				Text: "The Security Council voted 10-0 to impose a no-fly zone, and the United States praised France."},
			wantTypes: []string{"praise"},
		},
	}
	var x Extractor
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.doc.ID = "case"
			a := x.Extract(tt.doc)
			var got []string
			for _, d := range a.Discarded {
				got = append(got, d.Rule)
				if !a.Doc.Body.Contains(d.Span) || d.Span.Len() == 0 {
					t.Errorf("discard %s: span %v outside body %v", d.Rule, d.Span, a.Doc.Body)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("discards = %v, want %v", got, tt.want)
			}
			var types []string
			for _, e := range a.Events {
				if e.Type != "statement" {
					types = append(types, e.Type)
				}
			}
			if tt.wantTypes != nil || len(tt.want) > 0 && strings.HasPrefix(tt.want[0], "discard.obituary") {
				if !slices.Equal(types, tt.wantTypes) {
					t.Errorf("event types = %v, want %v", types, tt.wantTypes)
				}
			}
		})
	}
}

func TestDiscardTokens(t *testing.T) {
	for _, tt := range []struct {
		alts []string
		w    string
		want bool
	}{
		{[]string{"#"}, "3", true},
		{[]string{"#"}, "89th", true},
		{[]string{"#"}, "3rdly", false},
		{[]string{"#-#"}, "3-1", true},
		{[]string{"#-#"}, "2–2", true},
		{[]string{"#-#"}, "120-98", false},
		{[]string{"#-#"}, "al-Assad", false},
		{[]string{"<old-year>"}, "1985", true},
		{[]string{"<old-year>"}, "2009", false},
		{[]string{"beat", "beats"}, "beats", true},
	} {
		if got := tokMatches(tt.alts, tt.w, 2008); got != tt.want {
			t.Errorf("tokMatches(%v, %q) = %v, want %v", tt.alts, tt.w, got, tt.want)
		}
	}
}

// TestDiscardData checks the discard list: unique ids with the discard.
// prefix, known kinds, and that every pattern can match some text.
func TestDiscardData(t *testing.T) {
	lex, err := lexicon.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Discards) == 0 {
		t.Fatal("no discard patterns")
	}
	seen := map[string]bool{}
	for _, d := range lex.Discards {
		if !strings.HasPrefix(d.ID, "discard.") || seen[d.ID] {
			t.Errorf("discard.tsv:%d: id %q must be unique and start with discard.", d.Line, d.ID)
		}
		seen[d.ID] = true
		switch d.Kind {
		case "sports", "obituary", "chronology":
		default:
			t.Errorf("discard.tsv:%d: unknown kind %q", d.Line, d.Kind)
		}
		if slices.Contains(d.Pattern[1:], "^") {
			t.Errorf("discard.tsv:%d: ^ only first", d.Line)
		}
	}
}

func FuzzDiscard(f *testing.F) {
	f.Add("Germany beat Portugal 4-0 in Salvador.", "2014-06-20", "Obituary: x")
	f.Add("1985: Gorbachev calls for glasnost.\n1910: x", "2005-01-01", "")
	ds := compileDiscards(defaultKB().lex)
	f.Fuzz(func(t *testing.T, text, published, title string) {
		doc := &Document{Text: text, Published: published, Title: title}
		sents := Sentences(text, Span{0, len(text)})
		ctxs := make([]*sentenceCtx, len(sents))
		for i, s := range sents {
			ctxs[i] = &sentenceCtx{toks: tokenize(text, s)}
		}
		whole, per := ds.discards(doc, ctxs)
		if whole != nil && per != nil {
			t.Fatal("both a whole-document and per-sentence discards")
		}
		if per != nil && len(per) != len(ctxs) {
			t.Fatalf("%d sentence discards for %d sentences", len(per), len(ctxs))
		}
	})
}
