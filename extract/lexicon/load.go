package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// A Country is one row of countries.tsv.
type Country struct {
	Code, Name                             string
	Aliases, Adjectives, Plurals, Capitals []string
}

// A Metonym is a seat of government or institution that names a country's
// government ("the Kremlin").
type Metonym struct {
	Alias, Country, Code string
}

// An Office maps a title as written ("Foreign Minister") to an office key
// and a role code.
type Office struct {
	Surface, Key, Role string
}

// A Role is one dated role of a person.
type Role struct {
	Country, Office, Code string
	From, To              string // YYYY-MM-DD; "" means open
}

// Active reports whether the role is held on date (YYYY-MM-DD or a prefix).
func (r Role) Active(date string) bool {
	if date == "" {
		return false
	}
	return (r.From == "" || r.From[:min(len(r.From), len(date))] <= date) &&
		(r.To == "" || date <= r.To)
}

// A Person is a known person with dated roles.
type Person struct {
	ID, Name string
	Aliases  []string
	Roles    []Role
}

// CodeOn returns the person's code on date: the role held then, else the
// latest role that began before it, else the first role.
func (p *Person) CodeOn(date string) string {
	if len(p.Roles) == 0 {
		return ""
	}
	best := -1
	for i, r := range p.Roles {
		if r.Active(date) {
			return r.Code
		}
		if date != "" && r.From != "" && r.From <= date && (best < 0 || p.Roles[best].From < r.From) {
			best = i
		}
	}
	if best >= 0 {
		return p.Roles[best].Code
	}
	// no date: the most recent role
	last := 0
	for i, r := range p.Roles {
		if r.From > p.Roles[last].From {
			last = i
		}
	}
	return p.Roles[last].Code
}

// An Org is an organisation, armed group, government body or news medium.
type Org struct {
	ID, Name, Kind, Code string
	Aliases              []string
}

// A Place is a city, region or territory that is not a country, with the
// country it lies in.
type Place struct {
	ID, Name, Country, Kind string
	Aliases                 []string
}

// A Group is a generic group noun ("rebels") with the role it gives a
// country ("SYR" + "REB").
type Group struct {
	Noun, Role string
}

// A Trigger is one event trigger pattern; see triggers.tsv.
type Trigger struct {
	ID, Type, CAMEO string
	Words           []string // the trigger phrase, lower case, one entry per token; "a|b" alternatives
	Frame           string
	Prep            string // preposition that introduces the target, if any
	Line            int
}

// A Discard is one pattern of the discard list (discard.tsv): text that is
// not news of events (sports results, obituaries, historical chronologies).
type Discard struct {
	ID, Kind, Scope string
	Pattern         []string // lower case, one entry per token; see discard.tsv
	Line            int
}

// A Lexicon is the knowledge the extractor uses.
type Lexicon struct {
	Countries []Country
	Metonyms  []Metonym
	Offices   []Office
	People    []Person
	Orgs      []Org
	Groups    []Group
	Places    []Place
	Triggers  []Trigger
	Discards  []Discard
	Words     map[string][]string // named word lists: words_*.txt, by file stem
}

var (
	builtinOnce sync.Once
	builtin     *Lexicon
	builtinErr  error
)

// Builtin returns the lexicon built into the binary. It is loaded once and
// must not be modified.
func Builtin() (*Lexicon, error) {
	builtinOnce.Do(func() {
		builtin = &Lexicon{Words: map[string][]string{}}
		builtinErr = builtin.loadFS(Data, "data")
	})
	return builtin, builtinErr
}

// Clone returns a copy of l that can be extended with AddFile.
func (l *Lexicon) Clone() *Lexicon {
	c := *l
	c.Countries = append([]Country(nil), l.Countries...)
	c.Metonyms = append([]Metonym(nil), l.Metonyms...)
	c.Offices = append([]Office(nil), l.Offices...)
	c.People = append([]Person(nil), l.People...)
	for i := range c.People {
		// a user file that adds roles or aliases to a built-in person must
		// not write into the built-in lexicon's arrays
		c.People[i].Aliases = slices.Clip(c.People[i].Aliases)
		c.People[i].Roles = slices.Clip(c.People[i].Roles)
	}
	c.Orgs = append([]Org(nil), l.Orgs...)
	c.Groups = append([]Group(nil), l.Groups...)
	c.Places = append([]Place(nil), l.Places...)
	c.Triggers = append([]Trigger(nil), l.Triggers...)
	c.Discards = append([]Discard(nil), l.Discards...)
	c.Words = map[string][]string{}
	for k, v := range l.Words {
		c.Words[k] = v
	}
	return &c
}

func (l *Lexicon) loadFS(fsys fs.FS, dir string) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".tsv") || strings.HasPrefix(name, "words_")) {
			continue
		}
		f, err := fsys.Open(dir + "/" + name)
		if err != nil {
			return err
		}
		err = l.add(name, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// AddFile adds the rows of a user lexicon file. The file's kind is given by
// its base name: countries.tsv, metonyms.tsv, offices.tsv, people.tsv,
// organisations.tsv, groups.tsv, places.tsv, triggers.tsv or discard.tsv, optionally with a prefix
// ("newsroom-people.tsv").
func (l *Lexicon) AddFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	err = l.add(filepath.Base(path), f)
	var se *SyntaxError
	if errors.As(err, &se) {
		se.File = path // name the file as the user gave it
	}
	return err
}

// A SyntaxError reports a malformed line of a lexicon file.
type SyntaxError struct {
	File string
	Line int
	Err  error
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *SyntaxError) Unwrap() error { return e.Err }

func split(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (l *Lexicon) add(name string, r io.Reader) error {
	kind := ""
	for _, k := range []string{"countries", "metonyms", "offices", "people", "organisations", "groups", "places", "triggers", "discard"} {
		if strings.HasSuffix(name, k+".tsv") {
			kind = k
		}
	}
	if strings.HasPrefix(name, "words_") && strings.HasSuffix(name, ".txt") {
		kind = "words"
	}
	if kind == "" {
		if strings.HasPrefix(name, "time") || name == "abbreviations.txt" {
			return nil // read by their own packages
		}
		return fmt.Errorf("%s: unknown lexicon file kind (want countries, metonyms, offices, people, organisations, groups, places, triggers or discard .tsv)", name)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	header := true
	people := map[string]int{}
	for i, p := range l.People {
		people[p.ID] = i
	}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if kind == "words" {
			stem := strings.TrimSuffix(strings.TrimPrefix(name, "words_"), ".txt")
			l.Words[stem] = append(l.Words[stem], strings.TrimSpace(line))
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(line, "\t")
		want := map[string]int{"countries": 6, "metonyms": 3, "offices": 3, "people": 8, "organisations": 5, "groups": 2, "places": 5, "triggers": 6, "discard": 4}[kind]
		for len(c) < want {
			c = append(c, "")
		}
		if len(c) != want {
			return &SyntaxError{name, n, fmt.Errorf("%d columns, want %d", len(c), want)}
		}
		for i := range c {
			c[i] = strings.TrimSpace(c[i])
		}
		switch kind {
		case "countries":
			l.Countries = append(l.Countries, Country{c[0], c[1], split(c[2]), split(c[3]), split(c[4]), split(c[5])})
		case "metonyms":
			l.Metonyms = append(l.Metonyms, Metonym{c[0], c[1], c[2]})
		case "offices":
			l.Offices = append(l.Offices, Office{c[0], c[1], c[2]})
		case "groups":
			l.Groups = append(l.Groups, Group{c[0], c[1]})
		case "places":
			l.Places = append(l.Places, Place{c[0], c[1], c[2], c[3], split(c[4])})
		case "organisations":
			l.Orgs = append(l.Orgs, Org{c[0], c[1], c[2], c[3], split(c[4])})
		case "people":
			role := Role{c[3], c[4], c[5], c[6], c[7]}
			if i, ok := people[c[0]]; ok {
				p := &l.People[i]
				p.Roles = append(p.Roles, role)
				for _, a := range split(c[2]) {
					if !contains(p.Aliases, a) {
						p.Aliases = append(p.Aliases, a)
					}
				}
				continue
			}
			people[c[0]] = len(l.People)
			l.People = append(l.People, Person{c[0], c[1], split(c[2]), []Role{role}})
		case "triggers":
			// id	type	cameo	phrase	frame	prep
			if c[0] == "" || c[1] == "" || c[3] == "" {
				return &SyntaxError{name, n, fmt.Errorf("trigger needs an id, a type and a phrase")}
			}
			l.Triggers = append(l.Triggers, Trigger{ID: c[0], Type: c[1], CAMEO: c[2],
				Words: strings.Fields(strings.ToLower(c[3])), Frame: c[4], Prep: c[5], Line: n})
		case "discard":
			// id	kind	scope	pattern
			switch c[2] {
			case "title", "head", "sentence":
			default:
				return &SyntaxError{name, n, fmt.Errorf("discard scope %q: want title, head or sentence", c[2])}
			}
			if c[0] == "" || c[1] == "" || c[3] == "" {
				return &SyntaxError{name, n, fmt.Errorf("discard pattern needs an id, a kind and a pattern")}
			}
			l.Discards = append(l.Discards, Discard{ID: c[0], Kind: c[1], Scope: c[2],
				Pattern: strings.Fields(strings.ToLower(c[3])), Line: n})
		}
	}
	if err := sc.Err(); err != nil {
		return &SyntaxError{name, n, err}
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
