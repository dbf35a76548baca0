package lexicon_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// writeLexicon writes text to a file name in a temporary directory.
func writeLexicon(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// userLexicon returns a clone of the built-in lexicon with files added.
func userLexicon(t *testing.T, files ...string) *lexicon.Lexicon {
	t.Helper()
	base, err := lexicon.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lex := base.Clone()
	for _, f := range files {
		if err := lex.AddFile(f); err != nil {
			t.Fatal(err)
		}
	}
	return lex
}

func person(lex *lexicon.Lexicon, id string) *lexicon.Person {
	for i := range lex.People {
		if lex.People[i].ID == id {
			return &lex.People[i]
		}
	}
	return nil
}

const newsroomPeople = `# A newsroom's local officials.
id	name	aliases	country	office	code	from	to
jane-doe	Jane Doe	Doe|Mayor Doe	USA	mayor	USAGOV	2019-01-01	2023-12-31
jane-doe	Jane Doe		USA	governor	USAGOV	2024-01-01	
`

const newsroomOrgs = `id	name	kind	code	aliases
river-brigade	River Brigade	armed group	USAREB	RB|the Brigade
`

func TestAddFile(t *testing.T) {
	base, err := lexicon.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	nPeople, nOrgs := len(base.People), len(base.Orgs)
	lex := userLexicon(t,
		writeLexicon(t, "newsroom-people.tsv", newsroomPeople),
		writeLexicon(t, "organisations.tsv", newsroomOrgs))

	// one person with both roles, after the built-in people
	if got, want := len(lex.People), nPeople+1; got != want {
		t.Fatalf("len(People) = %d, want %d", got, want)
	}
	want := lexicon.Person{ID: "jane-doe", Name: "Jane Doe", Aliases: []string{"Doe", "Mayor Doe"}, Roles: []lexicon.Role{
		{Country: "USA", Office: "mayor", Code: "USAGOV", From: "2019-01-01", To: "2023-12-31"},
		{Country: "USA", Office: "governor", Code: "USAGOV", From: "2024-01-01"},
	}}
	if diff := cmp.Diff(want, lex.People[len(lex.People)-1]); diff != "" {
		t.Errorf("user person mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(lexicon.Org{ID: "river-brigade", Name: "River Brigade", Kind: "armed group", Code: "USAREB", Aliases: []string{"RB", "the Brigade"}},
		lex.Orgs[len(lex.Orgs)-1]); diff != "" {
		t.Errorf("user org mismatch (-want +got):\n%s", diff)
	}
	if len(lex.Orgs) != nOrgs+1 {
		t.Errorf("len(Orgs) = %d, want %d", len(lex.Orgs), nOrgs+1)
	}

	// the built-in lexicon is unchanged
	if len(base.People) != nPeople || len(base.Orgs) != nOrgs || person(base, "jane-doe") != nil {
		t.Errorf("AddFile on a clone changed the built-in lexicon")
	}
}

func TestAddFileKnownPerson(t *testing.T) {
	base, err := lexicon.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	kerry := person(base, "john-kerry")
	if kerry == nil {
		t.Skip("john-kerry is no longer in the built-in people.tsv")
	}
	roles, aliases := slices.Clone(kerry.Roles), slices.Clone(kerry.Aliases)
	lex := userLexicon(t, writeLexicon(t, "people.tsv",
		"id\tname\taliases\tcountry\toffice\tcode\tfrom\tto\n"+
			"john-kerry\tJohn Kerry\tSecretary Kerry\tUSA\t\tUSAGOV\t2025-01-01\t\n"))

	// a row with a known id adds a role and aliases to that person
	got := person(lex, "john-kerry")
	if len(lex.People) != len(base.People) {
		t.Errorf("len(People) = %d, want %d: a known id is not a new person", len(lex.People), len(base.People))
	}
	wantRoles := append(slices.Clone(roles), lexicon.Role{Country: "USA", Code: "USAGOV", From: "2025-01-01"})
	if diff := cmp.Diff(wantRoles, got.Roles); diff != "" {
		t.Errorf("roles mismatch (-want +got):\n%s", diff)
	}
	if !slices.Contains(got.Aliases, "Secretary Kerry") {
		t.Errorf("aliases = %q, want Secretary Kerry added", got.Aliases)
	}
	if got.CodeOn("2025-06-01") != "USAGOV" {
		t.Errorf("CodeOn(2025-06-01) = %q, want USAGOV", got.CodeOn("2025-06-01"))
	}
	// and leaves the built-in person alone
	if diff := cmp.Diff(roles, kerry.Roles); diff != "" {
		t.Errorf("built-in roles changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(aliases, kerry.Aliases); diff != "" {
		t.Errorf("built-in aliases changed (-want +got):\n%s", diff)
	}
}

func TestAddFileErrors(t *testing.T) {
	tests := []struct {
		name, file, text string
		line             int // 0: not a *SyntaxError
	}{
		{"extra column", "newsroom-people.tsv",
			"# comment\nid\tname\taliases\tcountry\toffice\tcode\tfrom\tto\n\njane-doe\tJane Doe\tDoe\tUSA\tmayor\tUSAGOV\t2019-01-01\t\tstray\n", 4},
		{"org extra column", "organisations.tsv", newsroomOrgs + "x\tX\torganisation\tNGOX\t\textra\n", 3},
		{"trigger without phrase", "triggers.tsv", "id\ttype\tcameo\tphrase\tframe\tprep\nhug.verb\tpraise\t051\t\tsvo\t\n", 2},
		{"unknown kind", "people.txt", "id\tname\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, err := lexicon.Builtin()
			if err != nil {
				t.Fatal(err)
			}
			err = base.Clone().AddFile(writeLexicon(t, tt.file, tt.text))
			if err == nil {
				t.Fatal("AddFile() = nil, want an error")
			}
			var se *lexicon.SyntaxError
			if tt.line == 0 {
				if errors.As(err, &se) {
					t.Errorf("AddFile() = %v, want an error that is not a *SyntaxError", err)
				}
				return
			}
			if !errors.As(err, &se) {
				t.Fatalf("AddFile() = %v (%T), want *SyntaxError", err, err)
			}
			if se.Line != tt.line || filepath.Base(se.File) != tt.file {
				t.Errorf("SyntaxError at %s:%d, want %s:%d (%v)", se.File, se.Line, tt.file, tt.line, err)
			}
		})
	}

	base, _ := lexicon.Builtin()
	if err := base.Clone().AddFile(filepath.Join(t.TempDir(), "missing-people.tsv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("AddFile(missing) = %v, want os.ErrNotExist", err)
	}
}

// Two lexicons cloned from the built-in one and extended with different
// files do not see each other's rows.
func TestAddFileClonesIndependent(t *testing.T) {
	// Known bug: Clone copies the People slice but not each person's Roles
	// and Aliases, so AddFile on one clone appends into arrays it shares
	// with the other. Fix: clip them in Clone (slices.Clip), then remove
	// this Skip.
	row := func(code string) string {
		return "id\tname\taliases\tcountry\toffice\tcode\tfrom\tto\n" +
			"john-kerry\tJohn Kerry\t" + code + " Kerry\tUSA\t\t" + code + "\t2030-01-01\t\n"
	}
	a := userLexicon(t, writeLexicon(t, "people.tsv", row("USAGOV")))
	b := userLexicon(t, writeLexicon(t, "people.tsv", row("USALEG")))
	for _, tt := range []struct {
		lex  *lexicon.Lexicon
		code string
	}{{a, "USAGOV"}, {b, "USALEG"}} {
		p := person(tt.lex, "john-kerry")
		if p == nil {
			t.Skip("john-kerry is no longer in the built-in people.tsv")
		}
		if got := p.Roles[len(p.Roles)-1].Code; got != tt.code {
			t.Errorf("last role code = %s, want %s", got, tt.code)
		}
		if got := p.Aliases[len(p.Aliases)-1]; got != tt.code+" Kerry" {
			t.Errorf("last alias = %s, want %s Kerry", got, tt.code)
		}
	}
}
