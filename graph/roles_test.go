package graph

import (
	"testing"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/extract/lexicon"
	"github.com/google/go-cmp/cmp"
)

// rolesLexicon has a person whose office changes: vice president, then
// president.
func rolesLexicon() *lexicon.Lexicon {
	return &lexicon.Lexicon{People: []lexicon.Person{
		{ID: "george-h-w-bush", Name: "George H. W. Bush", Roles: []lexicon.Role{
			{Country: "USA", Office: "president", Code: "USAGOV", From: "1989-01-20", To: "1993-01-20"},
			{Country: "USA", Office: "vice president", Code: "USAGOV", From: "1981-01-20", To: "1989-01-20"},
		}},
		{ID: "moussa-koussa", Name: "Moussa Koussa", Roles: []lexicon.Role{
			{Country: "LBY", Office: "foreign minister", Code: "LBYGOV", From: "2009-03-04", To: "2011-03-30"},
		}},
	}}
}

func TestRolesOn(t *testing.T) {
	r := NewRoles(rolesLexicon())
	vp := Role{Country: "USA", Office: "vice president", Code: "USAGOV", From: "1981-01-20", To: "1989-01-20"}
	pres := Role{Country: "USA", Office: "president", Code: "USAGOV", From: "1989-01-20", To: "1993-01-20"}
	bush := extract.Actor{ID: "george-h-w-bush", Name: "Bush", Code: "USAELI"}
	tests := []struct {
		name  string
		actor extract.Actor
		date  string
		want  []Role
		label string
	}{
		{"before any office", bush, "1980-06-01", nil, ""},
		{"vice president", bush, "1985-03-01", []Role{vp}, "vice president, USA (USAGOV, 1981-01-20..1989-01-20)"},
		{"the handover day", bush, "1989-01-20", []Role{vp, pres}, "vice president, USA (USAGOV, 1981-01-20..1989-01-20); president, USA (USAGOV, 1989-01-20..1993-01-20)"},
		{"president", bush, "1990-08", []Role{pres}, "president, USA (USAGOV, 1989-01-20..1993-01-20)"},
		{"a year holds both", bush, "1989", []Role{vp, pres}, "vice president, USA (USAGOV, 1981-01-20..1989-01-20); president, USA (USAGOV, 1989-01-20..1993-01-20)"},
		{"after", bush, "1994-01-01", nil, ""},
		{"not in the lexicon: code from documents", extract.Actor{ID: "libyan-rebels", Code: "LBYREB"}, "2011-03-01",
			[]Role{{Code: "LBYREB", FromDocuments: true}}, "LBYREB (code from documents)"},
		{"not in the lexicon, no code", extract.Actor{ID: "someone"}, "2011-03-01", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.On(tt.actor, tt.date)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("On(%s, %s) mismatch (-want +got):\n%s", tt.actor.ID, tt.date, diff)
			}
			if l := r.Label(tt.actor, tt.date); l != tt.label {
				t.Errorf("Label(%s, %s) = %q, want %q", tt.actor.ID, tt.date, l, tt.label)
			}
		})
	}
}

func TestRolesHolders(t *testing.T) {
	r := NewRoles(rolesLexicon())
	tests := []struct {
		date, office, country string
		want                  []string
	}{
		{"2010-05-01", "Foreign-Minister", "lby", []string{"moussa-koussa"}},
		{"2011-04-01", "foreign minister", "LBY", nil},
		{"1985", "", "USA", []string{"george-h-w-bush"}},
		{"1989-01-20", "", "", []string{"george-h-w-bush", "george-h-w-bush"}},
		{"1990", "president", "", []string{"george-h-w-bush"}},
		{"1990", "vice president", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.date+"/"+tt.office+"/"+tt.country, func(t *testing.T) {
			var got []string
			for _, h := range r.Holders(tt.date, tt.office, tt.country) {
				got = append(got, h.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Holders() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRolesBuiltin checks the roles of the built-in lexicon, which gives
// George H. W. Bush his two offices on two lines.
func TestRolesBuiltin(t *testing.T) {
	lex, err := lexicon.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := NewRoles(lex)
	bush := extract.Actor{ID: "george-h-w-bush"}
	for date, want := range map[string]string{"1985": "vice president", "1991": "president", "1995": ""} {
		got := ""
		if rs := r.On(bush, date); len(rs) > 0 {
			got = rs[0].Office
		}
		if got != want {
			t.Errorf("built-in office of Bush in %s = %q, want %q", date, got, want)
		}
	}
	if len(r.All("george-h-w-bush")) != 2 {
		t.Errorf("All(george-h-w-bush) = %v, want two roles", r.All("george-h-w-bush"))
	}
}
