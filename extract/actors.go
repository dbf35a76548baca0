package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// refKind says what a lexicon phrase names.
type refKind int

const (
	refNone    refKind = iota // learned names
	refCountry                // "Russia"
	refAdj                    // "Russian"
	refPlural                 // "the Russians"
	refCapital                // "Moscow"
	refMetonym                // "the Kremlin"
	refPerson                 // "Sergei Lavrov", "Lavrov"
	refOrg                    // "NATO"
	refOffice                 // "Foreign Minister"
	refGroup                  // "rebels"
	refPlace                  // "Aleppo"
)

// priority breaks ties between phrases of the same length.
var refPriority = map[refKind]int{refPerson: 9, refOrg: 8, refMetonym: 7, refCountry: 6, refPlural: 5, refCapital: 4, refPlace: 4, refOffice: 3, refAdj: 2, refGroup: 1}

type ref struct {
	kind    refKind
	country *lexicon.Country
	person  *lexicon.Person
	org     *lexicon.Org
	office  *lexicon.Office
	group   *lexicon.Group
	place   *lexicon.Place
	code    string // metonyms: the code of what they name
}

type phrase struct {
	toks  []string // lower case
	exact string   // for single-token case-sensitive phrases
	ref   ref
	user  bool // from a user lexicon file: wins over built-in phrases
}

// kb is the lexicon compiled for matching.
type kb struct {
	lex        *lexicon.Lexicon
	phrases    map[string][]phrase // by first token, lower case
	phraseKeys *wordFilter         // of the keys of phrases
	countries  map[string]*lexicon.Country
	stop       map[string]bool
	stopKeys   *wordFilter                  // of the keys of stop
	officeHold map[string][]*lexicon.Person // country+"|"+office → holders
	countryIDs map[*lexicon.Country]string  // countryActorID of each country
}

var (
	builtinKBOnce sync.Once
	builtinKB     *kb
)

func defaultKB() *kb {
	builtinKBOnce.Do(func() {
		lex, err := lexicon.Builtin()
		if err != nil {
			panic("extract: built-in lexicon: " + err.Error())
		}
		builtinKB = compileKB(lex)
	})
	return builtinKB
}

func compileKB(lex *lexicon.Lexicon) *kb {
	k := &kb{lex: lex, phrases: map[string][]phrase{}, countries: map[string]*lexicon.Country{},
		stop: map[string]bool{}, officeHold: map[string][]*lexicon.Person{},
		countryIDs: map[*lexicon.Country]string{}}
	for _, w := range lex.Words["stop"] {
		k.stop[strings.ToLower(w)] = true
	}
	// Rows of user lexicon files come after the built-in ones (Clone, then
	// AddFile): user is set while adding them, so that their phrases win
	// over built-in ones of the same length.
	base, _ := lexicon.Builtin()
	isUser := func(i, builtin int) bool { return lex != base && i >= builtin }
	var user bool
	add := func(s string, r ref, caseSensitiveSingle bool) {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(strings.ToLower(s), "the ") {
			s = s[4:]
		}
		toks := tokenize(s, Span{0, len(s)})
		if len(toks) == 0 {
			return
		}
		p := phrase{ref: r, user: user}
		for _, t := range toks {
			p.toks = append(p.toks, t.lower)
		}
		if len(toks) == 1 && caseSensitiveSingle {
			p.exact = toks[0].text
		}
		k.phrases[p.toks[0]] = append(k.phrases[p.toks[0]], p)
	}
	for i := range lex.Countries {
		c := &lex.Countries[i]
		user = isUser(i, len(base.Countries))
		k.countries[c.Code] = c
		k.countryIDs[c] = countryActorID(c)
		add(c.Name, ref{kind: refCountry, country: c}, true)
		for _, a := range c.Aliases {
			add(a, ref{kind: refCountry, country: c}, true)
		}
		for _, a := range c.Adjectives {
			add(a, ref{kind: refAdj, country: c}, true)
		}
		for _, a := range c.Plurals {
			add(a, ref{kind: refPlural, country: c}, true)
		}
		for _, a := range c.Capitals {
			add(a, ref{kind: refCapital, country: c}, true)
		}
	}
	for i := range lex.Metonyms {
		m := &lex.Metonyms[i]
		user = isUser(i, len(base.Metonyms))
		if c := k.countries[m.Country]; c != nil {
			add(m.Alias, ref{kind: refMetonym, country: c, code: m.Code}, true)
		}
	}
	for i := range lex.People {
		p := &lex.People[i]
		builtinAliases := 0 // a user row with a known id adds aliases after these
		if i < len(base.People) {
			builtinAliases = len(base.People[i].Aliases)
		}
		user = isUser(i, len(base.People))
		add(p.Name, ref{kind: refPerson, person: p}, true)
		for j, a := range p.Aliases {
			user = isUser(i, len(base.People)) || isUser(j, builtinAliases)
			add(a, ref{kind: refPerson, person: p}, true)
		}
		for _, r := range p.Roles {
			if r.Office != "" {
				key := r.Country + "|" + r.Office
				if len(k.officeHold[key]) == 0 || k.officeHold[key][len(k.officeHold[key])-1] != p {
					k.officeHold[key] = append(k.officeHold[key], p)
				}
			}
		}
	}
	for i := range lex.Orgs {
		o := &lex.Orgs[i]
		user = isUser(i, len(base.Orgs))
		add(o.Name, ref{kind: refOrg, org: o}, true)
		for _, a := range o.Aliases {
			add(a, ref{kind: refOrg, org: o}, true)
		}
	}
	for i := range lex.Offices {
		o := &lex.Offices[i]
		user = isUser(i, len(base.Offices))
		add(o.Surface, ref{kind: refOffice, office: o}, true)
	}
	for i := range lex.Groups {
		g := &lex.Groups[i]
		user = isUser(i, len(base.Groups))
		add(g.Noun, ref{kind: refGroup, group: g}, false)
	}
	for i := range lex.Places {
		pl := &lex.Places[i]
		user = isUser(i, len(base.Places))
		c := k.countries[pl.Country]
		add(pl.Name, ref{kind: refPlace, place: pl, country: c}, true)
		for _, a := range pl.Aliases {
			add(a, ref{kind: refPlace, place: pl, country: c}, true)
		}
	}
	k.phraseKeys = newWordFilter(k.phrases)
	k.stopKeys = newWordFilter(k.stop)
	return k
}

// match finds the longest lexicon phrase starting at toks[i]. Of several
// people with the same name ("Assad"), it prefers one the document has
// already named, then one in office on the publication date, then the one
// whose latest role began most recently before it.
func (t *actorTable) match(toks []token, i int) (*phrase, int, bool) {
	p, n, alts := t.k.match(toks, i, t.alts[:0])
	t.alts = alts
	if p == nil || len(alts) < 2 || p.ref.kind != refPerson {
		return p, n, p != nil
	}
	score := func(q *phrase) int {
		if q.ref.kind != refPerson {
			return -1
		}
		if t.byID[q.ref.person.ID] != nil {
			return 3
		}
		for _, r := range q.ref.person.Roles {
			if r.Active(t.published) {
				return 2
			}
		}
		return 0
	}
	best, bestS := p, score(p)
	for _, q := range alts {
		if s := score(q); s > bestS || s == bestS && s == 0 && latestStart(q.ref.person, t.published) > latestStart(best.ref.person, t.published) {
			best, bestS = q, s
		}
	}
	return best, n, true
}

// latestStart returns the latest start of a role of p on or before date.
func latestStart(p *lexicon.Person, date string) string {
	out := ""
	for _, r := range p.Roles {
		if (date == "" || r.From <= date) && r.From > out {
			out = r.From
		}
	}
	return out
}

// match finds the longest lexicon phrase starting at toks[i], or nil, and
// appends the phrases of that length to alts.
func (k *kb) match(toks []token, i int, alts []*phrase) (*phrase, int, []*phrase) {
	if !k.phraseKeys.mayContain(toks[i].lower) {
		return nil, 0, alts
	}
	var best *phrase
	bestN := 0
	ps := k.phrases[toks[i].lower]
	for x := range ps {
		p := &ps[x]
		n := len(p.toks)
		if i+n > len(toks) {
			continue
		}
		if p.exact != "" && toks[i].text != p.exact {
			continue
		}
		if n > 1 && !toks[i].upper && p.ref.kind != refGroup && p.ref.kind != refOffice && p.ref.kind != refMetonym {
			// multi-word names start with a capital letter ("Security Council")
			continue
		}
		ok := true
		for j := 1; j < n; j++ {
			if toks[i+j].lower != p.toks[j] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if n > bestN {
			alts = alts[:0]
		}
		if n >= bestN {
			alts = append(alts, p)
		}
		if n > bestN || n == bestN && (p.user && !best.user || p.user == best.user && refPriority[p.ref.kind] > refPriority[best.ref.kind]) {
			best, bestN = p, n
		}
	}
	if best != nil && best.user {
		// a user phrase overrides the built-in ones of its length
		alts = slices.DeleteFunc(alts, func(q *phrase) bool { return !q.user })
	}
	return best, bestN, alts
}

// isStop reports whether w (lower case) is a stop word, which does not
// start or continue a name.
func (k *kb) isStop(w string) bool {
	return k.stopKeys.mayContain(w) && k.stop[w]
}

// modifierSuffixes end compound modifiers whose first part names an actor.
var modifierSuffixes = []string{"-led", "-backed", "-based", "-brokered", "-sponsored", "-allied", "-aligned", "-funded", "-controlled", "-held", "-run", "-owned", "-supported", "-installed", "-dominated", "-occupied"}

// modifier recognises "US-led" or "UN-brokered": the actor named before
// the suffix, as an adjective (a country) or the organisation.
func (k *kb) modifier(tk *token) (ref, bool) {
	if !tk.word || !tk.upper || strings.IndexByte(tk.lower, '-') < 0 {
		return ref{}, false
	}
	for _, suf := range modifierSuffixes {
		if !strings.HasSuffix(tk.lower, suf) {
			continue
		}
		head := tk.text[:len(tk.text)-len(suf)]
		for _, p := range k.phrases[lowerASCII(head)] {
			if len(p.toks) != 1 || p.exact != "" && p.exact != head {
				continue
			}
			switch p.ref.kind {
			case refCountry, refAdj, refCapital, refMetonym:
				r := p.ref
				r.kind = refAdj
				return r, true
			case refOrg:
				return p.ref, true
			}
		}
	}
	return ref{}, false
}

// A mention is an actor mention in a sentence, in token indexes [i, j).
type mention struct {
	i, j  int
	span  Span
	ref   ref
	actor string // actor id; "" while unresolved
	rule  string // how it was recognised
	extra string // the second actor of "both sides", "the two countries"
}

// actorTable accumulates the actors of one document.
type actorTable struct {
	k         *kb
	published string
	byID      map[string]*Actor
	order     []string
	surnames  map[string]string // last name → learned person id
	byOffice  map[string]string // office key → the person last named with it
	lastGov   string            // country code of the last government actor named
	lastPair  [2]string         // the last two actors named as "A and B"
	// lastSpeaker is the person last named as the one who said something
	// ("X said", "said X"), and speakerAge the sentences since
	lastSpeaker string
	speakerAge  int
	// pendingCode is the country of an adjective inside the name being
	// learned ("Free Syrian Army" is Syrian)
	pendingCode string
	// midCaps holds the capitalised words the document uses inside
	// sentences: "Apple" opening a sentence is a name if it is one there.
	midCaps map[string]bool
	// countryCount counts the mentions of each country (by code), for the
	// country a document is about
	countryCount map[string]int
	alts         []*phrase // scratch for match
	// scratch holds the mentions of a sentence between the steps of
	// findMentions
	scratch [3][]mention
	adjAt   []int32 // scratch for names
}

// byStart sorts mentions by their first token (as sort.Slice would).
type byStart []mention

func (ms byStart) Len() int           { return len(ms) }
func (ms byStart) Less(a, b int) bool { return ms[a].i < ms[b].i }
func (ms byStart) Swap(a, b int)      { ms[a], ms[b] = ms[b], ms[a] }

func newActorTable(k *kb, published string) *actorTable {
	return &actorTable{k: k, published: published, byID: map[string]*Actor{}, surnames: map[string]string{}, byOffice: map[string]string{}}
}

func slug(s string) string {
	if isASCII(s) {
		return slugASCII(s)
	}
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

// slugASCII is slug for ASCII text.
func slugASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := b.String()
	if strings.HasSuffix(out, "-") {
		return out[:len(out)-1]
	}
	return out
}

func (t *actorTable) ensure(id, name, kind, code string) *Actor {
	a := t.byID[id]
	if a == nil {
		a = &Actor{ID: id, Name: name, Kind: kind, Code: code}
		t.byID[id] = a
		t.order = append(t.order, id)
	}
	return a
}

// note records a mention of actor id with its surface text; the surface of
// a coreferent mention ("the regime") is not an alias.
func (t *actorTable) note(id, surface string, sp Span, rule string) {
	if strings.HasPrefix(rule, "actor.coref") {
		surface = ""
	}
	a := t.byID[id]
	if a == nil {
		return
	}
	a.Mentions = append(a.Mentions, sp)
	surface = collapseSpace(surface)
	if surface == "" || surface == a.Name {
		return
	}
	for _, x := range a.Aliases {
		if x == surface {
			return
		}
	}
	a.Aliases = append(a.Aliases, surface)
}

// collapseSpace is strings.Join(strings.Fields(s), " "), without
// allocating when s has single ASCII spaces between its words already.
func collapseSpace(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') || c != ' ' && asciiSpace(c) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func asciiSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' '
}

func countryActorID(c *lexicon.Country) string { return slug(c.Name) }

var roleNouns = map[string]string{"GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition",
	"COP": "police", "LEG": "parliament", "JUD": "judiciary", "PTY": "party", "BUS": "business", "CVL": "civilians",
	"REF": "refugees", "MED": "media", "EDU": "students", "LAB": "workers", "REL": "clergy", "ELI": "elites", "SPY": "intelligence",
	"SHI": "Shias", "SUN": "Sunnis"}

// actorFor returns the actor id a lexicon phrase names, creating the actor.
func (t *actorTable) actorFor(r ref) string {
	switch r.kind {
	case refPerson:
		p := r.person
		return t.ensure(p.ID, p.Name, KindPerson, p.CodeOn(t.published)).ID
	case refOrg:
		o := r.org
		return t.ensure(o.ID, o.Name, o.Kind, o.Code).ID
	case refCountry, refAdj, refPlural, refCapital, refMetonym:
		c := r.country
		id, ok := t.k.countryIDs[c]
		if !ok {
			id = countryActorID(c)
		}
		return t.ensure(id, c.Name, KindCountry, c.Code).ID
	case refPlace:
		pl := r.place
		return t.ensure(pl.ID, pl.Name, KindPlace, pl.Country).ID
	}
	return ""
}

// personHasName reports whether w (lower case) is one of the words of the
// person's name or aliases.
func personHasName(p *lexicon.Person, w string) bool {
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		for _, f := range strings.Fields(strings.ToLower(n)) {
			if f == w {
				return true
			}
		}
	}
	return false
}

func isCountryish(k refKind) bool {
	return k == refCountry || k == refAdj || k == refCapital || k == refMetonym || k == refPlural
}

// findMentions recognises the actor mentions of one sentence.
func (t *actorTable) findMentions(toks []token) []mention {
	ms := t.scratch[0][:0]
	for i := 0; i < len(toks); {
		p, n, ok := t.match(toks, i)
		if !ok {
			// "US-led", "UN-brokered", "Syrian-backed": the actor before the
			// hyphen, as a modifier
			if r, ok := t.k.modifier(&toks[i]); ok {
				ms = append(ms, mention{i: i, j: i + 1, span: Span{toks[i].start, toks[i].start + strings.LastIndexByte(toks[i].text, '-')}, ref: r, rule: "actor.modifier"})
			}
			i++
			continue
		}
		// "ethnic Albanians", "ethnic Turks": a people, not the state; as a
		// noun, the civilians of the country the sentence is about
		if i > 0 && toks[i-1].lower == "ethnic" && isCountryish(p.ref.kind) {
			if p.ref.kind == refPlural {
				ms = append(ms, mention{i: i - 1, j: i + n, span: Span{toks[i-1].start, toks[i+n-1].end}, ref: ref{kind: refGroup, group: &ethnicGroup}, rule: "actor.ethnic"})
			}
			i += n
			continue
		}
		// "Janet Napolitano" is not Giorgio Napolitano: a surname alone
		// after a first name the person does not have names someone else
		if p.ref.kind == refPerson && n == 1 && i > 0 && toks[i-1].upper && toks[i-1].word && !t.k.isStop(toks[i-1].lower) &&
			(len(ms) == 0 || ms[len(ms)-1].j < i) && !personHasName(p.ref.person, toks[i-1].lower) {
			i += n
			continue
		}
		ms = append(ms, mention{i: i, j: i + n, span: Span{toks[i].start, toks[i+n-1].end}, ref: p.ref, rule: "actor.lexicon"})
		i += n
	}
	t.scratch[0] = ms
	ms = t.titles(toks, ms) // into scratch[1]
	ms = t.groups(toks, ms) // into scratch[0]
	ms = t.names(toks, ms)
	ms = t.pairs(toks, ms)
	t.scratch[0] = ms[:0]
	// resolve the rest and drop what names no actor
	n := 0
	for x := range ms {
		m := &ms[x]
		if m.actor == "" {
			m.actor = t.actorFor(m.ref)
		}
		if m.actor != "" {
			n++
		}
	}
	out := make([]mention, 0, n)
	for _, m := range ms {
		if m.actor != "" {
			out = append(out, m)
		}
	}
	t.appositives(toks, out)
	out = t.speakers(toks, out)
	// remember what later coreference needs
	if t.countryCount == nil {
		t.countryCount = map[string]int{}
	}
	for x, m := range out {
		if code := t.codeOf(m); len(code) >= 3 && t.k.countries[code[:3]] != nil {
			t.countryCount[code[:3]]++
		}
		a := t.byID[m.actor]
		if a != nil && strings.HasSuffix(a.Code, "GOV") && len(a.Code) >= 6 {
			t.lastGov = a.Code[:3]
		}
		if m.ref.kind == refPerson && m.ref.person != nil {
			for _, r := range m.ref.person.Roles {
				if r.Office != "" && r.Active(t.published) {
					t.byOffice[r.Office] = m.actor
				}
			}
		}
		if x+1 < len(out) && out[x+1].i == m.j+1 && toks[m.j].lower == "and" && m.extra == "" && out[x+1].actor != m.actor {
			t.lastPair = [2]string{m.actor, out[x+1].actor}
		}
	}
	return out
}

// sayVerbs are the verbs of saying whose subject "he" or "she" continues
// the speaker of the sentences before.
var sayVerbs = map[string]bool{"said": true, "says": true, "added": true, "told": true, "stated": true, "noted": true,
	"explained": true, "insisted": true, "warned": true, "stressed": true, "argued": true, "acknowledged": true}

// speakers resolves "he" as the subject of a verb of saying ("he added",
// "“…,” he said") to the person (or the body an official speaks for) last
// named as a speaker, at most three sentences before; a pronoun anywhere
// else stays unresolved. It then notes this sentence's speaker.
func (t *actorTable) speakers(toks []token, ms []mention) []mention {
	t.speakerAge++
	if t.lastSpeaker != "" && t.speakerAge <= 3 {
		for i, tk := range toks {
			// "she" stays unresolved: the lexicon has no gender, and the
			// last speaker is most often a man in this news
			if tk.lower != "he" {
				continue
			}
			before := i > 0 && sayVerbs[toks[i-1].lower] && i > 1 && (isQuote(toks[i-2].text) || toks[i-2].text == ",")
			after := i+1 < len(toks) && sayVerbs[toks[i+1].lower]
			if !before && !after {
				continue
			}
			at := sort.Search(len(ms), func(x int) bool { return ms[x].i > i })
			ms = slices.Insert(ms, at, mention{i: i, j: i + 1, span: Span{tk.start, tk.end}, actor: t.lastSpeaker, rule: "actor.coref-speaker"})
		}
	}
	for _, m := range ms {
		a := t.byID[m.actor]
		if a == nil {
			continue
		}
		if a.Kind == KindPerson && (m.j < len(toks) && sayVerbs[toks[m.j].lower] || m.i > 0 && sayVerbs[toks[m.i-1].lower]) {
			t.lastSpeaker, t.speakerAge = m.actor, 0
			continue
		}
		// "a senior State Department official said": the official is coded
		// as the body he speaks for
		if j := m.j; j+1 < len(toks) && speakerNouns[toks[j].lower] && sayVerbs[toks[j+1].lower] {
			t.lastSpeaker, t.speakerAge = m.actor, 0
		}
	}
	return ms
}

// speakerNouns name one person who speaks for the body before them.
var speakerNouns = map[string]bool{"official": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"diplomat": true, "aide": true, "envoy": true, "ambassador": true, "minister": true, "officer": true, "commander": true}

// orgSuffixes say what kind of body an organisation is: "Fatah Party".
var orgSuffixes = map[string]bool{"party": true, "movement": true, "group": true, "organization": true, "organisation": true,
	"front": true, "militia": true, "faction": true}

// appositives teaches a learned name its country or organisation from an
// apposition: "Mark Lyall Grant, Britain's ambassador to the United
// Nations," or "Kenzo Oshima, the United Nations relief coordinator,".
func (t *actorTable) appositives(toks []token, ms []mention) {
	for x, m := range ms {
		a := t.byID[m.actor]
		if a == nil || a.Code != "" || (a.Kind != KindUnknown && a.Kind != KindPerson) || m.j >= len(toks) || toks[m.j].text != "," {
			continue
		}
		// "Khalaf al-Aliyan, said Shia parties …": a verb, no apposition
		if m.j+1 < len(toks) && sayVerbs[toks[m.j+1].lower] {
			continue
		}
		for y := x + 1; y < len(ms) && ms[y].i < m.j+12; y++ {
			if end := t.segmentEnd(toks, m.j+1); ms[y].i >= end {
				break
			}
			code := t.codeOf(ms[y])
			if code == "" || ms[y].actor == m.actor {
				continue
			}
			if b := t.byID[ms[y].actor]; b != nil && b.Kind == KindMedia {
				break
			}
			a.Code = code
			break
		}
	}
}

// segmentEnd returns the index of the next comma, or of the sentence end.
func (t *actorTable) segmentEnd(toks []token, i int) int {
	for ; i < len(toks); i++ {
		if toks[i].text == "," || toks[i].text == ";" {
			return i
		}
	}
	return i
}

// sideNouns are the group nouns that, alone, name a side of the country a
// document is about.
var sideNouns = map[string]bool{"rebels": true, "insurgents": true, "opposition": true, "protesters": true,
	"demonstrators": true, "militants": true, "army": true, "military": true, "police": true, "leaders": true,
	"shias": true, "shiites": true, "sunnis": true, "arabs": true, "clerics": true, "parties": true}

// faithRoles give the role of a side named by its faith: "Shia leaders".
var faithRoles = map[string]string{"shia": "SHI", "shiite": "SHI", "sunni": "SUN"}

// mainCountry returns the country the document has named most so far.
func (t *actorTable) mainCountry() string {
	best, n := "", 0
	for code, k := range t.countryCount {
		if k > n || k == n && code < best {
			best, n = code, k
		}
	}
	if n < 2 {
		return ""
	}
	return best
}

// sentenceCountry returns the country all the actors of a sentence other
// than mention x belong to, or "" when they name none or several.
func sentenceCountry(t *actorTable, ms []mention, x int) string {
	found := ""
	for y := range ms {
		if y == x {
			continue
		}
		code := t.codeOf(ms[y])
		if len(code) < 3 || t.k.countries[code[:3]] == nil {
			if code != "" {
				return "" // an organisation or a group of no country
			}
			continue
		}
		if found != "" && found != code[:3] {
			return ""
		}
		found = code[:3]
	}
	return found
}

// pairPhrases name the two actors last named together ("Russia and the
// United States … both sides").
var pairPhrases = [][]string{
	{"both", "sides"}, {"both", "countries"}, {"both", "leaders"}, {"both", "governments"},
	{"the", "two", "sides"}, {"the", "two", "countries"}, {"the", "two", "leaders"}, {"the", "two", "men"},
	{"the", "two", "governments"}, {"the", "two", "groups"}, {"the", "two", "factions"}, {"the", "two", "parties"}, {"the", "two", "ministers"}, {"the", "two", "neighbours"}, {"the", "two", "neighbors"},
}

// pairs resolves "both sides" and "the two countries" to the last pair, and
// "the regime" or "the government" alone to the government last named.
func (t *actorTable) pairs(toks []token, ms []mention) []mention {
	add := t.scratch[2][:0]
	defer func() { t.scratch[2] = add[:0] }()
	var covered []bool
	if t.lastPair[0] != "" {
		covered = make([]bool, len(toks)+1)
		for _, m := range ms {
			for i := m.i; i < m.j; i++ {
				covered[i] = true
			}
		}
	}
	for i := 0; i < len(toks) && t.lastPair[0] != ""; i++ {
		if covered[i] {
			continue
		}
		if t.lastPair[0] != "" && (toks[i].lower == "both" || toks[i].lower == "the") {
			for _, p := range pairPhrases {
				if i+len(p) > len(toks) {
					continue
				}
				ok, adj := true, 0
				for n, w := range p {
					if n == len(p)-1 && toks[i+n].lower != w && i+n+1 < len(toks) && toks[i+n+1].lower == w &&
						toks[i+n].word && !toks[i+n].upper && !covered[i+n] {
						adj = 1 // "the two powerful groups", "both warring sides"
					}
					if toks[i+n+adj].lower != w || covered[i+n+adj] {
						ok = false
						break
					}
				}
				if ok {
					j := i + len(p) + adj
					add = append(add, mention{i: i, j: j, span: Span{toks[i].start, toks[j-1].end}, actor: t.lastPair[0], extra: t.lastPair[1], rule: "actor.coref-pair"})
					i = j - 1
					break
				}
			}
		}
	}
	for x := range ms {
		m := &ms[x]
		// "the regime", "the government": the government last named
		if m.actor == "" && m.ref.kind == refGroup && m.ref.group.Role == "GOV" && m.i > 0 && toks[m.i-1].lower == "the" && t.lastGov != "" {
			switch toks[m.i].lower {
			case "regime", "government", "authorities", "administration", "leadership":
				// the government of the country the document is about, or
				// else the one last named
				gov := t.mainCountry()
				if gov == "" {
					gov = t.lastGov
				}
				// a government coordinated with it ("Assad and the
				// regime") wins, and so does the country of its opponents
				// ("the opposition accused the regime")
				for y := x - 1; y >= 0; y-- {
					code := t.codeOf(ms[y])
					if len(code) < 6 || t.k.countries[code[:3]] == nil {
						continue
					}
					coordinated := ms[y].j == m.i-2 && (toks[m.i-2].lower == "and" || toks[m.i-2].text == ",")
					if strings.HasSuffix(code, "GOV") && coordinated || strings.HasSuffix(code, "OPP") || strings.HasSuffix(code, "REB") {
						gov = code[:3]
						break
					}
				}
				if c := t.k.countries[gov]; c != nil {
					m.actor = t.groupActor(c, "GOV")
					m.rule = "actor.coref-government"
				}
			}
		}
		// "the rebels", "opposition leaders", "the protesters": a side of the
		// country the document is about
		// "Shia leaders", "Sunni clerics": the faith's side
		faith := ""
		if m.i > 0 && m.ref.kind == refGroup {
			faith = faithRoles[toks[m.i-1].lower]
		}
		if m.actor == "" && m.ref.kind == refGroup && (m.ref.group.Role != "GOV" || faith != "") && (sideNouns[toks[m.j-1].lower] || m.rule == "actor.ethnic") {
			// "demonstrators in Baghdad", "rebels from Darfur": the
			// country of the place that follows
			main := ""
			if m.j+1 < len(toks) && (toks[m.j].lower == "in" || toks[m.j].lower == "from") {
				for y := x + 1; y < len(ms); y++ {
					if ms[y].i == m.j+1 {
						if code := t.codeOf(ms[y]); len(code) >= 3 && (ms[y].ref.kind == refPlace || isCountryish(ms[y].ref.kind)) {
							main = code[:3]
						}
						break
					}
				}
			}
			if main == "" {
				// the one country the sentence's other actors belong to
				// ("Egyptian Vice President Omar Suleiman began talks with
				// opposition leaders"), else the document's
				main = sentenceCountry(t, ms, x)
			}
			if main == "" {
				main = t.mainCountry()
			}
			if c := t.k.countries[main]; c != nil {
				role := m.ref.group.Role
				if faith != "" {
					role = faith
				}
				m.actor = t.groupActor(c, role)
				m.rule = "actor.coref-side"
			}
		}
		// "people in Hong Kong", "residents of the Golan Heights": the
		// civilians of the place's country, only with the place named
		if m.actor == "" && m.ref.kind == refGroup && m.ref.group.Role == "CVL" && m.j+1 < len(toks) {
			if p := toks[m.j].lower; p == "in" || p == "from" || p == "of" {
				at := m.j + 1
				if toks[at].lower == "the" && at+1 < len(toks) {
					at++
				}
				for y := x + 1; y < len(ms); y++ {
					if ms[y].i != at {
						continue
					}
					if code := t.codeOf(ms[y]); len(code) >= 3 && (ms[y].ref.kind == refPlace || isCountryish(ms[y].ref.kind)) {
						if c := t.k.countries[code[:3]]; c != nil {
							m.actor = t.groupActor(c, "CVL")
							m.rule = "actor.place-civilians"
						}
					}
					break
				}
			}
		}
	}
	if len(add) == 0 {
		return ms
	}
	ms = append(ms, add...)
	sort.Sort(byStart(ms))
	return ms
}

// titles applies "Russian Foreign Minister Sergei Lavrov", "Russia's foreign
// minister", "the foreign minister of Russia" and "President Dawda Jawara".
func (t *actorTable) titles(toks []token, ms []mention) []mention {
	out := t.scratch[1][:0]
	defer func() { t.scratch[1] = out[:0] }()
	for x := 0; x < len(ms); x++ {
		m := ms[x]
		if m.ref.kind != refOffice {
			out = append(out, m)
			continue
		}
		office := m.ref.office
		start, startTok := m.span.Start, m.i
		var country *lexicon.Country
		// an organisation before the title: "Arab League Secretary General"
		orgCode := ""
		var org *mention // given back when the title names nobody
		if len(out) > 0 && out[len(out)-1].ref.kind == refOrg && out[len(out)-1].j == m.i {
			prev := out[len(out)-1]
			org = &prev
			orgCode, start, startTok = prev.ref.org.Code, prev.span.Start, prev.i
			out = out[:len(out)-1]
		}
		// a country before the title: "Russian Foreign Minister", "Russia's foreign minister"
		if len(out) > 0 && orgCode == "" {
			prev := out[len(out)-1]
			if isCountryish(prev.ref.kind) && prev.actor == "" || isCountryish(prev.ref.kind) && prev.ref.country != nil {
				gap := m.i - prev.j
				poss := gap == 1 && toks[prev.j].lower == "'s"
				if gap == 0 || poss {
					country = prev.ref.country
					start, startTok = prev.span.Start, prev.i
					out = out[:len(out)-1]
				}
			}
		}
		end, endTok := m.span.End, m.j
		// "of Russia" after the title
		if country == nil && x+1 < len(ms) && ms[x+1].i == m.j+1 && toks[m.j].lower == "of" && isCountryish(ms[x+1].ref.kind) {
			country = ms[x+1].ref.country
			end, endTok = ms[x+1].span.End, ms[x+1].j
			x++
		}
		// a known person right after the title
		if x+1 < len(ms) && ms[x+1].i == endTok && ms[x+1].ref.kind == refPerson {
			p := ms[x+1]
			p.span.Start, p.i = start, startTok
			p.rule = "actor.title-person"
			t.byOffice[office.Key] = p.ref.person.ID
			// the title says which role: "Prime Minister Ehud Barak" is coded
			// as prime minister when the date does not say otherwise
			for _, r := range p.ref.person.Roles {
				if r.Office == office.Key && (t.published == "" || r.Active(t.published)) {
					a := t.byID[t.actorFor(p.ref)]
					a.Code = r.Code
					p.actor = a.ID
					break
				}
			}
			out = append(out, p)
			x++
			continue
		}
		// an unknown name right after the title: learn it, unless it ends
		// with a known person's name ("Hoshiyar Zebari" is Hoshyar Zebari)
		if j := t.nameEnd(toks, endTok); j > endTok {
			if y := t.personEndingAt(ms, x+1, j); y >= 0 {
				p := ms[y]
				p.i, p.span.Start, p.rule = startTok, start, "actor.title-person"
				out = append(out, p)
				x = y
				continue
			}
			name := joinTokens(toks[endTok:j])
			code := orgCode
			if country != nil {
				code = country.Code + office.Role
			}
			id := slug(name)
			if t.byID[id] == nil {
				t.ensure(id, name, KindPerson, code)
			}
			t.surnames[toks[j-1].lower] = id
			t.byOffice[office.Key] = id
			out = append(out, mention{i: startTok, j: j, span: Span{start, toks[j-1].end}, actor: id, rule: "actor.title-learned"})
			x = t.skipInside(ms, x, j)
			continue
		}
		// "the minister": the person last named with that office
		if country == nil && startTok > 0 && toks[startTok-1].lower == "the" {
			if id := t.byOffice[office.Key]; id != "" {
				out = append(out, mention{i: startTok, j: endTok, span: Span{start, end}, actor: id, rule: "actor.coref-title"})
			} else if p := t.mainHolder(office.Key, ms, x); p != nil && org == nil {
				// "the vice president" in a story about Egypt: Egypt's
				// vice president on the publication date
				id := t.actorFor(ref{kind: refPerson, person: p})
				out = append(out, mention{i: startTok, j: endTok, span: Span{start, end}, actor: id, rule: "actor.coref-title-main"})
			} else if org != nil {
				out = append(out, *org) // "the Arab League envoy": the League
			} else {
				out = append(out, m) // unresolved, but no name to learn
			}
			continue
		}
		// a title alone: the holder of the office on the publication date
		if country != nil {
			if p := t.holder(country.Code, office.Key); p != nil {
				id := t.actorFor(ref{kind: refPerson, person: p})
				out = append(out, mention{i: startTok, j: endTok, span: Span{start, end}, actor: id, rule: "actor.title-holder"})
				continue
			}
			// no known holder: the body the office belongs to
			// ("Montenegro's prime minister" is the Montenegrin government)
			id := t.actorFor(ref{kind: refCountry, country: country})
			if roleNouns[office.Role] != "" {
				id = t.groupActor(country, office.Role)
			}
			out = append(out, mention{i: startTok, j: endTok, span: Span{start, end}, actor: id, rule: "actor.title-country"})
		} else if org != nil {
			out = append(out, *org)
		} else {
			out = append(out, m)
		}
	}
	return out
}

// personEndingAt returns the index of a lexicon person mention in ms[from:]
// that ends at token j, or -1.
func (t *actorTable) personEndingAt(ms []mention, from, j int) int {
	for y := from; y < len(ms) && ms[y].i < j; y++ {
		if ms[y].j == j && ms[y].ref.kind == refPerson {
			return y
		}
	}
	return -1
}

// skipInside returns the index of the last mention of ms that starts before token j.
func (t *actorTable) skipInside(ms []mention, x, j int) int {
	for x+1 < len(ms) && ms[x+1].i < j {
		x++
	}
	return x
}

// mainHolder returns who held office, on the publication date, in the one
// country the other actors of the sentence belong to, or, when they name
// none, in the country the document has named most so far; or nil.
func (t *actorTable) mainHolder(office string, ms []mention, x int) *lexicon.Person {
	if t.published == "" {
		return nil
	}
	// the one country the sentence names wins over the document's
	c := sentenceCountry(t, ms, x)
	if c == "" {
		for y := range ms {
			if y != x && len(t.codeOf(ms[y])) >= 3 {
				return nil // several countries, or a body of none
			}
		}
		c = t.mainCountry()
	}
	if c == "" {
		return nil
	}
	return t.holder(c, office)
}

// holder returns who held office in country on the publication date.
func (t *actorTable) holder(country, office string) *lexicon.Person {
	for _, p := range t.k.officeHold[country+"|"+office] {
		for _, r := range p.Roles {
			if r.Country == country && r.Office == office && r.Active(t.published) {
				return p
			}
		}
	}
	return nil
}

// groups applies "Syrian rebels", "the Russian government".
func (t *actorTable) groups(toks []token, ms []mention) []mention {
	out := t.scratch[0][:0]
	defer func() { t.scratch[0] = out[:0] }()
	for x := 0; x < len(ms); x++ {
		m := ms[x]
		// "Darfur rebels": a place's group, coded with the place's country
		if m.ref.kind == refPlace && m.ref.country != nil && x+1 < len(ms) && ms[x+1].i == m.j && ms[x+1].ref.kind == refGroup {
			g := ms[x+1]
			role := g.ref.group.Role
			noun := roleNoun(role)
			kind := KindOrganisation
			if role == "REB" || role == "SEP" {
				kind = KindArmedGroup
			}
			id := slug(m.ref.place.Name + " " + noun)
			t.ensure(id, m.ref.place.Name+" "+noun, kind, m.ref.country.Code+role)
			out = append(out, mention{i: m.i, j: g.j, span: Span{m.span.Start, g.span.End}, actor: id, rule: "actor.place-group"})
			x++
			continue
		}
		// "the Bush administration", "the Assad regime": the leader's government
		if m.ref.kind == refPerson && x+1 < len(ms) && ms[x+1].i == m.j && ms[x+1].ref.kind == refGroup && ms[x+1].ref.group.Role == "GOV" {
			switch toks[ms[x+1].i].lower {
			case "administration", "government", "regime", "cabinet":
				if code := m.ref.person.CodeOn(t.published); len(code) >= 3 {
					if c := t.k.countries[code[:3]]; c != nil {
						id := t.groupActor(c, "GOV")
						out = append(out, mention{i: m.i, j: ms[x+1].j, span: Span{m.span.Start, ms[x+1].span.End}, actor: id, rule: "actor.person-government"})
						x++
						continue
					}
				}
			}
		}
		// "Israel's cabinet": a country's group through the possessive
		if m.ref.kind == refCountry && x+1 < len(ms) && ms[x+1].i == m.j+1 && toks[m.j].lower == "'s" && ms[x+1].ref.kind == refGroup && ms[x+1].j < len(toks) && !toks[ms[x+1].j].upper {
			g := ms[x+1]
			id := t.groupActor(m.ref.country, g.ref.group.Role)
			out = append(out, mention{i: m.i, j: g.j, span: Span{m.span.Start, g.span.End}, actor: id, rule: "actor.possessive-group"})
			x++
			continue
		}
		if (m.ref.kind == refAdj || m.ref.kind == refPlural || m.ref.kind == refCountry) && x+1 < len(ms) && ms[x+1].i == m.j && ms[x+1].ref.kind == refGroup {
			g := ms[x+1]
			// "the Syrian leader Bashar Assad": a title in apposition
			if x+2 < len(ms) && ms[x+2].i == g.j && ms[x+2].ref.kind == refPerson {
				p := ms[x+2]
				p.i, p.span.Start, p.rule = m.i, m.span.Start, "actor.adj-title-person"
				out = append(out, p)
				x += 2
				continue
			}
			// "Libyan leader Muammar Gaddafi" with a name the lexicon lacks
			if j := t.nameEnd(toks, g.j); j > g.j && g.ref.group.Role != "" && !strings.HasSuffix(toks[g.j-1].lower, "s") {
				name := joinTokens(toks[g.j:j])
				id := slug(name)
				if t.byID[id] == nil {
					t.ensure(id, name, KindPerson, m.ref.country.Code+g.ref.group.Role)
				}
				t.surnames[toks[j-1].lower] = id
				out = append(out, mention{i: m.i, j: j, span: Span{m.span.Start, toks[j-1].end}, actor: id, rule: "actor.adj-title-learned"})
				x = t.skipInside(ms, x+1, j)
				continue
			}
			c := m.ref.country
			role := g.ref.group.Role
			id := t.groupActor(c, role)
			out = append(out, mention{i: m.i, j: g.j, span: Span{m.span.Start, g.span.End}, actor: id, rule: "actor.adj-group"})
			x++
			continue
		}
		// "Turkish Kurd refugees", "Iraqi Shia clerics": a people or faith
		// between the country and the group is part of the group
		if (m.ref.kind == refAdj || m.ref.kind == refCountry) && m.ref.country != nil && x+1 < len(ms) && ms[x+1].i == m.j+1 && ms[x+1].ref.kind == refGroup && peopleWords[toks[m.j].lower] {
			g := ms[x+1]
			id := t.groupActor(m.ref.country, g.ref.group.Role)
			out = append(out, mention{i: m.i, j: g.j, span: Span{m.span.Start, g.span.End}, actor: id, rule: "actor.adj-group"})
			x++
			continue
		}
		out = append(out, m)
	}
	return out
}

// ethnicGroup is the group an "ethnic …" people names: civilians.
var ethnicGroup = lexicon.Group{Noun: "ethnic", Role: "CVL"}

// peopleWords are peoples and faiths that may stand between a country and
// a group noun.
var peopleWords = map[string]bool{"kurd": true, "kurdish": true, "shia": true, "shiite": true, "sunni": true, "arab": true,
	"muslim": true, "christian": true, "jewish": true, "druze": true, "hutu": true, "tutsi": true, "alawite": true,
	"coptic": true, "catholic": true, "protestant": true, "ethnic": true}

// codeOf returns the code of the actor a mention names, resolved or not.
func (t *actorTable) codeOf(m mention) string {
	if a := t.byID[m.actor]; a != nil {
		return a.Code
	}
	if m.ref.kind == refOrg && m.ref.org != nil {
		return m.ref.org.Code
	}
	if m.ref.kind == refPlace && m.ref.place != nil {
		return m.ref.place.Country
	}
	if isCountryish(m.ref.kind) && m.ref.country != nil {
		return m.ref.country.Code
	}
	if m.ref.kind == refPerson && m.ref.person != nil {
		return m.ref.person.CodeOn(t.published)
	}
	return ""
}

// roleNoun names a role code: "REB" is "rebels".
func roleNoun(role string) string {
	if noun := roleNouns[role]; noun != "" {
		return noun
	}
	return strings.ToLower(role)
}

// groupActor returns the id of a country's group with role ("SYR", "GOV"
// gives the Syrian government), creating the actor.
func (t *actorTable) groupActor(c *lexicon.Country, role string) string {
	noun := roleNoun(role)
	kind := KindGovernment
	switch role {
	case "GOV", "MIL", "LEG", "JUD", "COP", "SPY":
	case "REB", "SEP":
		kind = KindArmedGroup
	default:
		kind = KindOrganisation
	}
	adj := c.Name
	if len(c.Adjectives) > 0 {
		adj = c.Adjectives[0]
	}
	id := slug(c.Name + " " + noun)
	t.ensure(id, adj+" "+noun, kind, c.Code+role)
	return id
}

// nameEnd returns the end of a capitalised name starting at toks[i], or i.
func (t *actorTable) nameEnd(toks []token, i int) int {
	j := i
	for j < len(toks) {
		tk := toks[j]
		if tk.word && tk.upper && !t.k.isStop(tk.lower) {
			j++
			continue
		}
		// particles inside names: "Harith al-Dhari", "Osama bin Laden"
		if j > i && j+1 < len(toks) && tk.word && (tk.lower == "bin" || tk.lower == "ibn" || tk.lower == "al" || tk.lower == "de" || tk.lower == "van" || tk.lower == "von" || strings.HasPrefix(tk.lower, "al-")) {
			j++
			continue
		}
		break
	}
	return j
}

// notName reports whether a capitalised word cannot start a name: one with a
// digit ("AK-47", "G20" aside, which the lexicon knows) or a party label
// before a state ("R-Kentucky", "D-Nevada").
func notName(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return len(w) > 2 && w[1] == '-' && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I')
}

// arabicParticle reports whether tk is a name part such as "al-Aliyan",
// "el-Sisi" or "ad-Din": a lower-case article joined to a capitalised name.
func arabicParticle(tk token) bool {
	for _, p := range [...]string{"al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "at-", "az-"} {
		if strings.HasPrefix(tk.text, p) && len(tk.text) > len(p) {
			c := tk.text[len(p)]
			return c >= 'A' && c <= 'Z'
		}
	}
	return false
}

func joinTokens(toks []token) string {
	if len(toks) == 1 {
		return toks[0].text
	}
	var b strings.Builder
	for i, tk := range toks {
		if i > 0 && tk.start > toks[i-1].end {
			b.WriteByte(' ')
		}
		b.WriteString(tk.text)
	}
	return b.String()
}

// names learns capitalised names the lexicon does not know: surnames of
// people learned earlier, and other names as actors of unknown kind.
func (t *actorTable) names(toks []token, ms []mention) []mention {
	// "the Fatah Party", "the Hamas movement": a word that says what kind
	// of body a known organisation is belongs to its mention
	for x := range ms {
		m := &ms[x]
		if m.ref.kind == refOrg && m.j < len(toks) && orgSuffixes[toks[m.j].lower] && (x+1 == len(ms) || ms[x+1].i > m.j) {
			m.span.End = toks[m.j].end
			m.j++
		}
	}
	covered := make([]bool, len(toks))
	// token → index in ms of a country adjective there, or -1
	adjAt := slices.Grow(t.adjAt[:0], len(toks))[:len(toks)]
	t.adjAt = adjAt
	for i := range adjAt {
		adjAt[i] = -1
	}
	for x, m := range ms {
		for i := m.i; i < m.j; i++ {
			covered[i] = true
		}
		if m.ref.kind == refAdj && m.j == m.i+1 && m.actor == "" {
			adjAt[m.i] = int32(x)
		}
	}
	// a country adjective inside a name is part of it: "National Libyan
	// Council", "Free Syrian Army"
	inner := func(j int) bool {
		return adjAt[j] >= 0 && j+1 < len(toks) && toks[j+1].upper && !covered[j+1] && !t.k.isStop(toks[j+1].lower)
	}
	drop := map[int]bool{}
	add := t.scratch[2][:0]
	defer func() { t.scratch[2] = add[:0] }()
	for i := 0; i < len(toks); i++ {
		if covered[i] || !toks[i].word || !toks[i].upper || t.k.isStop(toks[i].lower) || notName(toks[i].text) {
			continue
		}
		j := i + 1
		for j < len(toks) && (!covered[j] || inner(j)) && toks[j].word && (toks[j].upper && !t.k.isStop(toks[j].lower) || arabicParticle(toks[j]) ||
			(toks[j].lower == "of" || toks[j].lower == "for") && j+1 < len(toks) && toks[j+1].upper && !covered[j+1]) {
			if x := int(adjAt[j]); x >= 0 && covered[j] {
				drop[x] = true
				if t.pendingCode == "" {
					t.pendingCode = ms[x].ref.country.Code
				}
			}
			j++
		}
		for j > i+1 && !toks[j-1].upper && !arabicParticle(toks[j-1]) {
			j--
		}
		name := joinTokens(toks[i:j])
		// a name right after a country belongs to it: "Montenegro
		// Municipality Association", "Egyptian Organization for Human Rights"
		if t.pendingCode == "" && i > 0 && covered[i-1] {
			for _, m := range ms {
				if m.j == i && (m.ref.kind == refCountry || m.ref.kind == refAdj) && m.ref.country != nil {
					t.pendingCode = m.ref.country.Code
				}
			}
		}
		if j-i == 1 {
			if id, ok := t.surnames[toks[i].lower]; ok {
				add = append(add, mention{i: i, j: j, span: Span{toks[i].start, toks[i].end}, actor: id, rule: "actor.surname"})
				i = j - 1
				continue
			}
			// a single capitalised word opening a sentence is usually not a
			// name, unless the document capitalises it elsewhere too
			if (i == 0 || i > 0 && !toks[i-1].word && (toks[i-1].text == "“" || toks[i-1].text == "\"")) && !t.midCaps[toks[i].text] {
				i = j - 1
				continue
			}
		}
		if len(name) < 2 || isNumberLike(name) {
			i = j - 1
			continue
		}
		id := slug(name)
		if t.byID[id] == nil {
			t.ensure(id, name, KindUnknown, t.pendingCode)
		}
		t.pendingCode = ""
		if j-i >= 2 {
			t.surnames[toks[j-1].lower] = id
		}
		add = append(add, mention{i: i, j: j, span: Span{toks[i].start, toks[j-1].end}, actor: id, rule: "actor.name"})
		i = j - 1
	}
	if len(drop) > 0 {
		kept := ms[:0]
		for x, m := range ms {
			if !drop[x] {
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	if len(add) == 0 {
		return ms
	}
	ms = append(ms, add...)
	sort.Sort(byStart(ms))
	return ms
}

func isNumberLike(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// actors returns the document's actors in order of first mention.
func (t *actorTable) actors() []Actor {
	out := make([]Actor, 0, len(t.order))
	for _, id := range t.order {
		a := t.byID[id]
		if len(a.Mentions) == 0 {
			continue
		}
		out = append(out, *a)
	}
	return out
}
