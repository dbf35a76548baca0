package graph

import (
	"cmp"
	"slices"
	"strings"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/extract/lexicon"
)

// A Role is what an actor was on a date: an office a lexicon person held,
// or, for an actor the lexicon gives no role, the code the documents gave
// it.
type Role struct {
	Country string `json:"country,omitempty"` // ISO alpha-3, "IGO" for an organisation's office
	Office  string `json:"office,omitempty"`
	Code    string `json:"code"`
	From    string `json:"from,omitempty"` // YYYY-MM-DD; "" when open
	To      string `json:"to,omitempty"`
	// FromDocuments marks the code the documents gave the actor: the
	// lexicon knows no role of it, so no office is named.
	FromDocuments bool `json:"from_documents,omitempty"`
}

// Label returns r for a table: "chairman, LBY (LBYREB, 2011-02-27..2011-10-23)",
// "foreign minister, USA (USAGOV, 2009-01-21..)" or "LBYGOV (code from
// documents)".
func (r Role) Label() string {
	if r.FromDocuments {
		return r.Code + " (code from documents)"
	}
	var b strings.Builder
	b.WriteString(cmp.Or(r.Office, r.Code))
	if r.Country != "" {
		b.WriteString(", " + r.Country)
	}
	var paren []string
	if r.Office != "" && r.Code != "" {
		paren = append(paren, r.Code)
	}
	if r.From != "" || r.To != "" {
		paren = append(paren, r.From+".."+r.To)
	}
	if len(paren) > 0 {
		b.WriteString(" (" + strings.Join(paren, ", ") + ")")
	}
	return b.String()
}

// Roles gives actors their dated roles from the people of a lexicon, by
// actor id. The zero Roles knows no one.
type Roles struct {
	people map[string]*lexicon.Person
}

// NewRoles returns the roles of the people of lex (nil: none). With a user
// lexicon, pass the built-in one with the user's files added.
func NewRoles(lex *lexicon.Lexicon) *Roles {
	r := &Roles{people: map[string]*lexicon.Person{}}
	if lex == nil {
		return r
	}
	for i := range lex.People {
		p := &lex.People[i]
		if q, ok := r.people[p.ID]; ok {
			// the same id on several lines: one person, all roles
			merged := *q
			merged.Roles = append(slices.Clip(q.Roles), p.Roles...)
			p = &merged
		}
		r.people[p.ID] = p
	}
	return r
}

// Person returns the lexicon person with the given actor id.
func (r *Roles) Person(id string) (*lexicon.Person, bool) {
	p, ok := r.people[id]
	return p, ok
}

// On returns the roles the actor a held on date (YYYY, YYYY-MM or
// YYYY-MM-DD; a year or month counts when the role was held at some time
// in it), oldest first. An actor the lexicon gives roles has none outside
// them. An actor it gives none has, on every date, the code the documents
// gave it, marked FromDocuments; nil when that code is empty.
func (r *Roles) On(a extract.Actor, date string) []Role {
	p, ok := r.people[a.ID]
	if !ok || len(p.Roles) == 0 {
		if a.Code == "" {
			return nil
		}
		return []Role{{Code: a.Code, FromDocuments: true}}
	}
	var out []Role
	for _, lr := range p.Roles {
		if lr.Active(date) {
			out = append(out, Role(lexRole(lr)))
		}
	}
	sortRoles(out)
	return out
}

// All returns every role the lexicon gives the actor with the given id,
// oldest first.
func (r *Roles) All(id string) []Role {
	p, ok := r.people[id]
	if !ok {
		return nil
	}
	var out []Role
	for _, lr := range p.Roles {
		out = append(out, lexRole(lr))
	}
	sortRoles(out)
	return out
}

// Label returns the roles of a on date for a table, "; " between them, or
// "" when it held none.
func (r *Roles) Label(a extract.Actor, date string) string {
	var ls []string
	for _, x := range r.On(a, date) {
		ls = append(ls, x.Label())
	}
	return strings.Join(ls, "; ")
}

// A Holder is a lexicon person holding a role.
type Holder struct {
	ID, Name string
	Role     Role
}

// Holders returns the people who held a role on date whose office is
// office and whose country is country (ignoring case; "" matches any),
// sorted by country, office, start and id.
func (r *Roles) Holders(date, office, country string) []Holder {
	office = normOffice(office)
	var out []Holder
	for _, p := range r.people {
		for _, lr := range p.Roles {
			if !lr.Active(date) ||
				(office != "" && normOffice(lr.Office) != office) ||
				(country != "" && !strings.EqualFold(lr.Country, country)) {
				continue
			}
			out = append(out, Holder{ID: p.ID, Name: p.Name, Role: lexRole(lr)})
		}
	}
	slices.SortFunc(out, func(a, b Holder) int {
		return cmp.Or(cmp.Compare(a.Role.Country, b.Role.Country), cmp.Compare(a.Role.Office, b.Role.Office),
			cmp.Compare(a.Role.From, b.Role.From), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func lexRole(lr lexicon.Role) Role {
	return Role{Country: lr.Country, Office: lr.Office, Code: lr.Code, From: lr.From, To: lr.To}
}

func sortRoles(rs []Role) {
	slices.SortStableFunc(rs, func(a, b Role) int { return cmp.Compare(a.From, b.From) })
}

// normOffice lower-cases an office and makes hyphens, underscores and runs
// of spaces one space: "Foreign-Minister" is "foreign minister".
func normOffice(s string) string {
	s = strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
