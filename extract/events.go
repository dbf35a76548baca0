package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// A patElem is one element of a compiled trigger phrase.
type patElem struct {
	alts map[string]bool
	slot bool // {T}: an actor group
}

type compiledTrigger struct {
	t     *lexicon.Trigger
	elems []patElem
}

type triggerSet struct {
	byFirst map[string][]*compiledTrigger
	first   *wordFilter // of the keys of byFirst, in front of it
	np      *npWords
}

// A reportedPredicate is a phrase that, in a clause reported after a verb of
// saying, makes the saying an event of typ against the clause's subject.
type reportedPredicate struct {
	words []string
	typ   string
}

// npWords are the lexicon's words that may stand in a noun phrase between an
// event and its object (words_partitives.txt, words_place_nouns.txt).
type npWords struct {
	partitives map[string]bool     // "members" in "members of X"
	placeNouns map[string]bool     // "capital" in "the capital Juba"
	reported   []reportedPredicate // "gone too far", "was behind": a reported clause that criticises or accuses its subject
}

func compileTriggers(lex *lexicon.Lexicon) *triggerSet {
	ts := &triggerSet{byFirst: map[string][]*compiledTrigger{}, np: &npWords{partitives: set(lex.Words["partitives"]...), placeNouns: set(lex.Words["place_nouns"]...)}}
	for _, p := range lex.Words["disapproval"] {
		ts.np.reported = append(ts.np.reported, reportedPredicate{strings.Fields(p), "criticize"})
	}
	for _, p := range lex.Words["blame"] {
		ts.np.reported = append(ts.np.reported, reportedPredicate{strings.Fields(p), "accuse"})
	}
	for i := range lex.Triggers {
		t := &lex.Triggers[i]
		ct := &compiledTrigger{t: t}
		for _, w := range t.Words {
			if w == "{t}" {
				ct.elems = append(ct.elems, patElem{slot: true})
				continue
			}
			e := patElem{alts: map[string]bool{}}
			for _, a := range strings.Split(w, "|") {
				e.alts[a] = true
			}
			ct.elems = append(ct.elems, e)
		}
		if len(ct.elems) == 0 || ct.elems[0].slot {
			continue
		}
		for a := range ct.elems[0].alts {
			ts.byFirst[a] = append(ts.byFirst[a], ct)
		}
	}
	for _, list := range ts.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return list[i].t.Line < list[j].t.Line })
	}
	ts.first = newWordFilter(ts.byFirst)
	return ts
}

// A trigMatch is a trigger phrase found in a sentence.
type trigMatch struct {
	ct       *compiledTrigger
	i, j     int // tokens [i, j)
	slot     []int
	source   []int // mention indexes
	target   []int
	date     string
	dateEnd  string // the end of a range ("from 2011 to 2014")
	dateFrom int    // token index of the timex, -1 if none
	inherit  int    // index of the match whose subject and date this one shares, -1
	negated  bool
	outcome  string
	modality string
	location string
	derived  bool
	refusal  bool   // "refused to meet": coded as a rejection
	dropped  bool   // a "said" that only reports the event after it
	directed string // a type to code a one-sided use of a symmetric pattern as
	answers  bool   // "denied that", "denied the allegations": answers a claim before
}

// sentenceCtx holds what the event stage needs about one sentence.
type sentenceCtx struct {
	span     Span
	toks     []token
	ms       []mention
	startAt  tokIndex // token index → mention index starting there
	endAt    tokIndex // token index j → mention index ending there (exclusive end)
	quoted   []bool
	trigAt   []bool      // tokens where a trigger phrase starts (none before find)
	consumed []bool      // nominal triggers that are another event's object
	typ      string      // the type of the trigger whose arguments are being found
	table    *actorTable // the document's actors
	timeTok  []bool      // tokens inside a time expression
	timeBuf  []bool      // memory for timeTok, from the arena
	np       *npWords    // words of noun phrases before an object, nil in tests
}

// isTrig reports whether a trigger phrase starts at token k.
func (c *sentenceCtx) isTrig(k int) bool { return k >= 0 && k < len(c.trigAt) && c.trigAt[k] }

// isConsumed reports whether the nominal trigger at token k is another
// event's object.
func (c *sentenceCtx) isConsumed(k int) bool { return k >= 0 && k < len(c.consumed) && c.consumed[k] }

// consume marks the nominal trigger at token k as another event's object.
func (c *sentenceCtx) consume(k int) {
	if len(c.consumed) != len(c.toks) {
		c.consumed = make([]bool, len(c.toks))
	}
	c.consumed[k] = true
}

// A tokIndex maps token positions 0..n to mention indexes.
type tokIndex []int32

func newTokIndex(n int) tokIndex {
	ix := make(tokIndex, n+2)
	for i := range ix {
		ix[i] = -1
	}
	return ix
}

func (ix tokIndex) set(k, x int) {
	if k >= 0 && k < len(ix) {
		ix[k] = int32(x)
	}
}

// get returns the mention at token position k, if any.
func (ix tokIndex) get(k int) (int, bool) {
	if k < 0 || k >= len(ix) || ix[k] < 0 {
		return 0, false
	}
	return int(ix[k]), true
}

// markTimes records which tokens lie inside the time expressions txs, so
// that "The US on Thursday rejected" finds its subject across the date.
func (c *sentenceCtx) markTimes(txs []Timex) {
	if len(c.timeBuf) == len(c.toks) {
		c.timeTok, c.timeBuf = c.timeBuf, nil
	} else {
		c.timeTok = make([]bool, len(c.toks))
	}
	// timexes are sorted by start: skip to the first one in the sentence
	first := sort.Search(len(txs), func(i int) bool { return txs[i].Span.End > c.span.Start })
	for _, tx := range txs[first:] {
		if tx.Span.Start >= c.span.End {
			break
		}
		k := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].start >= tx.Span.Start })
		for ; k < len(c.toks) && c.toks[k].end <= tx.Span.End; k++ {
			if _, isMention := c.startAt.get(k); !isMention {
				c.timeTok[k] = true
			}
		}
	}
}

// A ctxArena holds the memory of a document's sentence contexts, so that
// a sentence costs no allocation of its own.
type ctxArena struct {
	ctxs  []sentenceCtx
	ix    []int32
	flags []bool
}

// newCtxArena returns an arena for sents sentences of ntoks tokens in all.
func newCtxArena(sents, ntoks int) *ctxArena {
	return &ctxArena{
		ctxs:  make([]sentenceCtx, sents),
		ix:    make([]int32, 2*(ntoks+2*sents)),
		flags: make([]bool, 4*ntoks),
	}
}

// ctx returns a zero sentenceCtx.
func (a *ctxArena) ctx() *sentenceCtx {
	if a == nil || len(a.ctxs) == 0 {
		return &sentenceCtx{}
	}
	c := &a.ctxs[0]
	a.ctxs = a.ctxs[1:]
	return c
}

// tokIndex is newTokIndex(n) from the arena.
func (a *ctxArena) tokIndex(n int) tokIndex {
	if a == nil || len(a.ix) < n+2 {
		return newTokIndex(n)
	}
	ix := tokIndex(a.ix[: n+2 : n+2])
	a.ix = a.ix[n+2:]
	for i := range ix {
		ix[i] = -1
	}
	return ix
}

// bools returns n false flags.
func (a *ctxArena) bools(n int) []bool {
	if a == nil || len(a.flags) < n {
		return make([]bool, n)
	}
	b := a.flags[:n:n]
	a.flags = a.flags[n:]
	return b
}

func newSentenceCtx(span Span, toks []token, ms []mention) *sentenceCtx {
	return newSentenceCtxIn(nil, span, toks, ms)
}

// newSentenceCtxIn is newSentenceCtx with memory from a (which may be nil).
func newSentenceCtxIn(a *ctxArena, span Span, toks []token, ms []mention) *sentenceCtx {
	c := a.ctx()
	*c = sentenceCtx{span: span, toks: toks, ms: ms, startAt: a.tokIndex(len(toks)), endAt: a.tokIndex(len(toks)), timeBuf: a.bools(len(toks))}
	for x, m := range ms {
		c.startAt.set(m.i, x)
		c.endAt.set(m.j, x)
	}
	c.quoted = a.bools(len(toks))
	if a != nil {
		// all false, as nil reads: isTrig and isConsumed are the only readers
		c.trigAt, c.consumed = a.bools(len(toks)), a.bools(len(toks))
	}
	in := false
	for i, t := range toks {
		switch t.text {
		case "“":
			in = true
		case "”":
			in = false
			c.quoted[i] = true
			continue
		case "\"":
			in = !in
		}
		c.quoted[i] = in
	}
	return c
}

func (ts *triggerSet) find(c *sentenceCtx) []*trigMatch {
	var out []*trigMatch
	defer func() {
		if len(c.trigAt) == len(c.toks) {
			clear(c.trigAt)
		} else {
			c.trigAt = make([]bool, len(c.toks))
		}
		for _, m := range out {
			c.trigAt[m.i] = true
		}
	}()
	for i := 0; i < len(c.toks); {
		var best *trigMatch
		var cts []*compiledTrigger
		if w := c.toks[i].lower; ts.first == nil || ts.first.mayContain(w) {
			cts = ts.byFirst[w]
		}
		for _, ct := range cts {
			if m := matchAt(c, ct, i); m != nil && (best == nil || m.j > best.j) {
				best = m
			}
		}
		if best == nil {
			i++
			continue
		}
		out = append(out, best)
		i = best.j
	}
	return out
}

func matchAt(c *sentenceCtx, ct *compiledTrigger, i int) *trigMatch {
	var slot []int
	k := i
	for _, e := range ct.elems {
		if e.slot {
			g := c.groupRight(k)
			if len(g) == 0 {
				return nil
			}
			slot = g
			k = c.ms[g[len(g)-1]].j
			continue
		}
		// a time expression inside a phrase is skipped: "gave a warm
		// welcome on Thursday to X"
		if k > i && k < len(c.toks) && !e.alts[c.toks[k].lower] && c.timeTok != nil {
			for k < len(c.toks) && (c.timeTok[k] || (c.toks[k].lower == "on" || c.toks[k].lower == "in") && k+1 < len(c.toks) && c.timeTok[k+1]) {
				k++
			}
		}
		if k >= len(c.toks) || !e.alts[c.toks[k].lower] {
			return nil
		}
		k++
	}
	return &trigMatch{ct: ct, i: i, j: k, slot: slot, dateFrom: -1, inherit: -1}
}

var (
	beForms        = set("is", "are", "was", "were", "been", "being", "be")
	skipAdv        = set("also", "later", "previously", "already", "again", "reportedly", "then", "now", "since", "recently", "still", "earlier", "once", "jointly", "have", "has", "had", "will", "would", "could", "can", "may", "might", "to", "not", "n't", "never", "did", "does", "do", "separately", "briefly", "publicly", "repeatedly", "formally", "finally", "first", "allegedly", "openly", "strongly", "sharply", "privately")
	negators       = set("not", "n't", "never", "no", "neither", "nor", "refused", "declined", "denied")
	modals         = set("will", "would", "plans", "planned", "plan", "intends", "intended", "expected", "wants", "wanted", "hopes", "hoped", "could", "may", "might", "shall", "set", "scheduled")
	leftStops      = set(";", ":", "that", "which", "because", "if", "when", "while", "whether", "although", "though", "as", "after", "before", "since", "until", "where")
	rightStops     = set(",", ";", ":", ".", "that", "which", "who", "because", "if", "when", "while", "whether", "to", "but", "and", "after", "before", "over", "about", "on", "for", "from", "“", "”", "\"")
	determiners    = set("the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those", "some", "all", "both", "two", "three", "several", "other", "senior", "top", "former", "new", "then")
	ceasefireWords = set("cease-fire", "ceasefire", "truce", "armistice", "cease-fires", "ceasefires", "truces")
)

func set(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// group extends the mention at index x into a coordinated group:
// "A and B", "A, B and C".
func (c *sentenceCtx) groupFrom(x int, leftward bool) []int {
	// joiner returns the mention joined to m by "and" or "," (skipping "the"
	// and an Oxford comma), and which word joined them.
	g := []int{x}
	if leftward {
		cur, sawAnd := x, false
		for {
			s := c.ms[cur].i
			if s-1 > 0 && c.toks[s-1].lower == "the" {
				s--
			}
			if s-1 < 0 {
				break
			}
			w := c.toks[s-1].lower
			if w != "and" && w != "," {
				break
			}
			if w == "and" && s-2 >= 0 && c.toks[s-2].text == "," {
				// "A, B, and C" is a list; "X attacked Sirte, and Gaddafi
				// said" joins two clauses
				y, ok := c.endAt.get(s - 2)
				if !ok || c.ms[y].i == 0 || c.toks[c.ms[y].i-1].text != "," {
					break
				}
				s--
			}
			// "A, B" is a list only inside "A, B and C": a comma before
			// any "and" is an apposition ("the EC, President Soares said")
			if w == "," && !sawAnd {
				break
			}
			y, ok := c.endAt.get(s - 1)
			if !ok {
				break
			}
			if w == "and" {
				sawAnd = true
			}
			g = append([]int{y}, g...)
			cur = y
		}
		return g
	}
	cur, commas := x, 0
	for {
		e := c.ms[cur].j
		if e >= len(c.toks) {
			break
		}
		w := c.toks[e].lower
		if w != "and" && w != "," {
			break
		}
		k := e + 1
		if w == "," && k < len(c.toks) && c.toks[k].lower == "and" {
			w, k = "and", k+1 // "A, B, and C"
		}
		if k < len(c.toks) && c.toks[k].lower == "the" {
			k++
		}
		y, ok := c.startAt.get(k)
		if !ok {
			break
		}
		g = append(g, y)
		cur = y
		if w == "and" {
			commas = 0
			break
		}
		commas++
	}
	// a comma list that never reaches its "and" was no list, unless it is
	// long enough to be one anyway ("Iran, Libya, North Korea, Sudan, and
	// with strings attached, Cuba")
	if commas >= 2 {
		return g
	}
	return g[:len(g)-commas]
}

// actorCount returns how many actors the mentions idx name ("the two
// countries" names two).
func (c *sentenceCtx) actorCount(idx []int) int {
	n := 0
	for _, i := range idx {
		n++
		if c.ms[i].extra != "" {
			n++
		}
	}
	return n
}

// groupRight returns the actor group starting at token k, after skipping
// determiners, or nil.
func (c *sentenceCtx) groupRight(k int) []int {
	modifiers, heads := 0, 0
	for n := 0; k < len(c.toks) && n < 7; n++ {
		if x, ok := c.startAt.get(k); ok {
			return c.groupFrom(x, false)
		}
		tk := c.toks[k]
		of := k+1 < len(c.toks) && c.toks[k+1].lower == "of"
		switch {
		case determiners[tk.lower], quantity(tk):
		case (actorModifiers[tk.lower] || strings.HasSuffix(tk.lower, "est") && len(tk.lower) > 5 && tk.word && !tk.upper) && modifiers < 2:
			// "by current Haitian officials", "to the biggest Cambodian camp"
			modifiers++
		case honorifics[tk.lower] && k+1 < len(c.toks) && c.toks[k+1].upper:
			// "met Mr Volcker", "told Sheikh Ani"
		case tk.word && !tk.upper && modifiers < 2 && !clauseEnd[tk.lower] && !c.isTrig(k) && !subjectPreps[tk.lower] && (strings.HasSuffix(tk.lower, "ly") || strings.HasSuffix(tk.lower, "ed") || strings.HasSuffix(tk.lower, "ing")):
			// "his newly appointed Prime Minister Ahmed Shafiq"
			modifiers++
		case c.np != nil && tk.word && !tk.upper && modifiers < 3 && k+2 < len(c.toks) && (c.toks[k+1].lower == "'s" || c.toks[k+1].lower == "’s") && !c.isTrig(k):
			// "against the party's leader Mahmoud Abbas"
			modifiers++
			k++
		case c.np != nil && tk.word && !tk.upper && modifiers < 3 && !c.isTrig(k) && !clauseEnd[tk.lower] && !subjectPreps[tk.lower] && !beForms[tk.lower] && !leftStops[tk.lower] && !functionWords[tk.lower] && c.startsMention(k+1):
			// a title before the name: "the party's leader Mahmoud Abbas"
			modifiers++
		case c.np != nil && heads == 0 && of && c.np.partitives[tk.lower] && !c.isTrig(k):
			// "jailed 52 members of the banned MASSOB": the group
			heads++
			k++
		case c.np != nil && heads == 0 && c.np.placeNouns[tk.lower] && !c.isTrig(k):
			// "shelled the southern regional capital Juba", "the town of X"
			heads++
			if of {
				k++
			}
		case c.np != nil && tk.word && !tk.upper && modifiers < 3 && heads == 0 && adjective(tk.lower) && !clauseEnd[tk.lower] && !c.isTrig(k):
			// "the southern regional capital", "a Karen guerrilla stronghold"
			modifiers++
		case c.np != nil && tk.word && tk.upper && modifiers < 2 && heads == 0 && k+1 < len(c.toks) && c.toks[k+1].word && !c.timeTok[k]:
			// a capitalised word that names no actor: "12 Islamist
			// demonstrators", "Moslem fundamentalist demonstrators"
			modifiers++
		default:
			return nil
		}
		k++
	}
	return nil
}

// lyAdverb reports whether tk is an adverb in -ly between a subject and its
// verb: "similarly cheered", "firmly rejected".
func lyAdverb(tk token) bool {
	return tk.word && !tk.upper && len(tk.lower) > 5 && strings.HasSuffix(tk.lower, "ly")
}

// adjective reports whether w has the ending of an English adjective of
// place or kind ("southern", "regional", "Islamic", "Syrian-backed").
func adjective(w string) bool {
	for _, suf := range [...]string{"ern", "al", "ic", "ian", "ese", "ish", "ary", "ive", "ous", "-backed", "-held", "-led"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// followerNouns name people by whom they follow or belong to: "supporters
// of X" are not X.
var followerNouns = set("supporters", "opponents", "followers", "relatives", "families", "critics", "loyalists", "backers", "fans")

// actorModifiers may stand before an actor in an argument position.
var actorModifiers = set("former", "current", "senior", "top", "local", "new", "interim", "then", "outgoing", "incoming", "acting", "deputy")

// honorifics may stand before a name that is the actor.
var honorifics = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "madam", "sheikh", "sheik")

// quantity reports whether tk counts the people that follow: "46 Afghan
// civilians", "three ethnic Albanians".
func quantity(tk token) bool {
	if tk.word && tk.text[0] >= '0' && tk.text[0] <= '9' {
		return true
	}
	switch tk.lower {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
		"thousands", "scores", "several", "many", "more", "than", "about", "up", "to", "ethnic", "at", "least":
		return true
	}
	return false
}

func isQuote(s string) bool {
	switch s {
	case "”", "\"", "’", "'", "''":
		return true
	}
	return false
}

// subjectLeft finds the subject group of the verb at token i: the actor
// right before it (after auxiliaries and adverbs), the actor inside the noun
// phrase before it ("a senior state department official"), or the actor
// before an appositive or relative clause ("Zuma, who has visited Libya,").
func (c *sentenceCtx) subjectLeft(i int) []int {
	k := i - 1
	skip := func() {
		for k >= 0 && (skipAdv[c.toks[k].lower] || beForms[c.toks[k].lower] || negators[c.toks[k].lower] || modals[c.toks[k].lower] || lyAdverb(c.toks[k]) ||
			c.timeTok[k] || (c.toks[k].lower == "on" || c.toks[k].lower == "in") && k+1 < len(c.toks) && c.timeTok[k+1]) {
			if _, ok := c.endAt.get(k + 1); ok {
				return
			}
			k--
		}
	}
	skip()
	for hops := 0; k >= 0 && hops < 3; hops++ {
		if x, ok := c.endAt.get(k + 1); ok {
			// "the envoy for Syria": a mention inside a prepositional
			// phrase is not the subject; look for the head's owner
			// "supporters of Ahmed Ben Bella blocked roads": the supporters
			// act, not the one they support
			if y := c.ms[x].i; y > 1 {
				for y > 1 && actorModifiers[c.toks[y-1].lower] {
					y-- // "supporters of former President …"
				}
				if c.toks[y-1].lower == "of" && followerNouns[c.toks[y-2].lower] {
					return nil
				}
			}
			// "inhabitants of the Golan Heights threatened": the head
			if y := c.ms[x].i; y > 1 {
				for n := 0; n < 2 && y > 1 && c.toks[y-1].upper; n++ {
					y-- // "of the Syrian Golan Heights"
				}
				if c.toks[y-1].lower == "the" {
					y--
				}
				if y > 1 && c.toks[y-1].lower == "of" {
					if h, ok := c.endAt.get(y - 1); ok {
						return c.groupFrom(h, true)
					}
				}
			}
			if y := c.ms[x].i; y > 0 && subjectPreps[c.toks[y-1].lower] {
				for j := y - 2; j >= 0 && y-j < 7; j-- {
					if z, ok := c.endAt.get(j + 1); ok && !(c.ms[z].i > 0 && subjectPreps[c.toks[c.ms[z].i-1].lower]) {
						return c.groupFrom(z, true)
					}
					if !c.toks[j].word || leftStops[c.toks[j].lower] {
						break
					}
				}
				return nil
			}
			return c.groupFrom(x, true)
		}
		tk := c.toks[k]
		switch {
		case tk.lower == "who" || tk.lower == "which":
			k--
			if k >= 0 && c.toks[k].text == "," {
				k--
			}
			continue
		case tk.text == ",":
			// the end of an appositive: jump to the comma that opens it
			j := k - 1
			for j >= 0 && k-j < 25 && c.toks[j].text != "," {
				j--
			}
			if j < 0 || c.toks[j].text != "," {
				return nil
			}
			// an appositive that is a name is the subject:
			// "the envoy for Syria, Staffan de Mistura, said"
			if x, ok := c.startAt.get(j + 1); ok && c.ms[x].j == k && c.ms[x].ref.kind == refPerson || ok && c.ms[x].j == k && c.ms[x].rule == "actor.name" {
				return []int{x}
			}
			k = j - 1
			continue
		case tk.word && !tk.upper:
			// a noun phrase: "a senior state department official"
			for j := k; j >= 0 && k-j < 7; j-- {
				if x, ok := c.endAt.get(j + 1); ok {
					if j+1 < len(c.toks) && (c.toks[j+1].lower == "'s" || c.toks[j+1].text == "'" || c.toks[j+1].text == "’") {
						// "the Badr Brigades' leaders": leaders act for what
						// they lead; "Assad's critics" do not
						if j+2 < len(c.toks) && j+2 == k && speaksFor[c.toks[k].lower] {
							return c.groupFrom(x, true)
						}
						return nil // "Assad's spokesman"
					}
					if y := c.ms[x].i; y > 0 && (c.toks[y-1].lower == "of" || subjectPreps[c.toks[y-1].lower]) {
						return nil // "protesters in Alexandria"
					}
					return c.groupFrom(x, true)
				}
				w := c.toks[j]
				if w.text == "'" || w.text == "’" || w.lower == "'s" || w.lower == "’s" {
					continue // a possessive, judged at its owner
				}
				// a parenthesised acronym is transparent: "the Asia-Pacific
				// Economic Cooperation (APEC) forum"
				if w.text == ")" {
					open := -1
					for o := j - 1; o >= 0 && j-o <= 6; o-- {
						if c.toks[o].text == "(" {
							open = o
							break
						}
					}
					if open > 0 {
						// "the Hizbollah (Party of God) group": the gloss
						// too; what it names is not the subject
						if x, ok := c.endAt.get(open); ok {
							return c.groupFrom(x, true)
						}
						j = open
						continue
					}
				}
				if !w.word || determiners[w.lower] || leftStops[w.lower] || w.lower == "and" || w.lower == "or" || w.lower == "but" {
					break
				}
				// "WHO says virus has killed": not the WHO's act; but "X
				// said he spoke with", "X said during a visit to"
				if sayVerbs[w.lower] {
					n := j + 1
					for n < len(c.toks) && c.timeTok[n] {
						n++ // "said Monday evening it would"
					}
					if n < len(c.toks) && !pronounOrPrep[c.toks[n].lower] {
						break
					}
				}
			}
			return nil
		}
		return nil
	}
	return nil
}

// objectRight finds the object group after token j: after prep when the
// pattern names one, else directly after the phrase or, failing that, the
// first actor later in the same clause ("agreed in principle to provide aid
// for Romania and Poland").
func (c *sentenceCtx) objectRight(j int, prep string) []int {
	if prep == "=" { // a direct object only: "met Kerry", not "meet demands"
		if j < len(c.toks) && c.toks[j].lower == "with" {
			j++
		}
		g := c.groupRight(j)
		// "meet Ukraine's demands": the possessor is met by nobody (but
		// "suspended Libya's participation" does suspend Libya)
		if g != nil && (c.typ == "meet" || c.typ == "negotiate") {
			if e := c.ms[g[len(g)-1]].j; e < len(c.toks) && (c.toks[e].lower == "'s" || c.toks[e].lower == "’s") {
				return nil
			}
		}
		return g
	}
	if prep != "" {
		if j > 0 && c.toks[j-1].lower == prep {
			return c.objectRight(j, "") // the phrase ends with its preposition
		}
		for k := j; k < len(c.toks) && k < j+7; k++ {
			if c.toks[k].lower == prep {
				return c.groupRight(k + 1)
			}
			if clauseEnd[c.toks[k].lower] {
				break
			}
		}
		if _, ok := c.startAt.get(j); !ok {
			return nil
		}
	}
	if j < len(c.toks) && c.toks[j].lower == "with" {
		j++
	}
	if g := c.groupRight(j); g != nil {
		return g
	}
	for k, n := j, 0; k < len(c.toks) && n < 14; k++ {
		if c.timeTok[k] {
			continue // "agreed on Saturday to provide aid for X"
		}
		n++
		if c.isTrig(k) {
			// "rejected talks with X": the talks are what was rejected
			if eventNouns[c.toks[k].lower] {
				c.consume(k)
				continue
			}
			// another event's verb ends the search ("welcomed the outcome
			// and urged X"), but not a verb that is no predicate of its own
			// ("a call for its forces to be deployed in East Timor")
			// nor a participle that modifies the noun before it ("weapons
			// seized last year from UN peacekeepers")
			prevTok := c.toks[k-1]
			reduced := strings.HasSuffix(c.toks[k].lower, "ed") && prevTok.word && !prevTok.upper && !determiners[prevTok.lower] && !c.isTrig(k-1)
			if prev := prevTok.lower; !(prev == "to" || beForms[prev] || reduced) {
				return nil
			}
		}
		if x, ok := c.startAt.get(k); ok {
			// "Lebanon's new President": the country owns what follows
			return c.groupFrom(x, false)
		}
		// "demanded Friday that the United States match …": the demand is
		// on the subject of the that-clause, which must be an actor ("warned
		// that the war in Syria could spread" threatens nobody)
		if c.toks[k].lower == "that" && n == 1 && thatObject[c.typ] {
			if g := c.groupRight(k + 1); g != nil {
				return g
			}
			return nil
		}
		// "warned of a disaster in Syria": a danger, not a target
		if n == 1 && c.typ == "threaten" && (c.toks[k].lower == "of" || c.toks[k].lower == "about" || c.toks[k].lower == "against") {
			return nil
		}
		// "will return to Geneva": travel, not a pledge
		if n == 1 && c.typ == "pledge" && c.toks[k].lower == "to" {
			return nil
		}
		if clauseEnd[c.toks[k].lower] {
			return nil
		}
	}
	return nil
}

// optionalTarget holds the types whose events stand without a target:
// "X demanded early elections", "X threatened to retaliate".
var optionalTarget = set("appeal", "demand")

// subjectPreps are prepositions after which a noun is no subject.
var subjectPreps = set("for", "in", "from", "at", "on", "to", "with", "against", "by", "into", "over", "about",
	"near", "outside", "inside", "across", "around", "among", "under", "through", "behind", "beside", "toward", "towards")

// thatObject holds the types whose target can be the subject of a
// that-clause: "demanded that X …", "warned that X …".
var thatObject = set("demand", "appeal", "threaten")

// catenatives are verbs after which "to X" is the event itself, done or
// decided, not a purpose: "continued to send arms", "refused to meet".
var catenatives = set("agreed", "agrees", "failed", "fails", "refused", "refuses", "declined", "declines", "continued",
	"continues", "began", "begins", "started", "starts", "decided", "decides", "voted", "votes", "moved", "went", "tried")

// repeated reports whether the clause of the trigger at tokens [i, j) says
// it happened several times: "has twice visited", "visited Libya twice",
// "met three times", "repeatedly accused".
func (c *sentenceCtx) repeated(i, j int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if w := c.toks[k].lower; w == "twice" || w == "repeatedly" {
			return true
		}
	}
	for k := j; k < len(c.toks) && k < j+6; k++ {
		w := c.toks[k].lower
		if clauseEnd[w] {
			return false
		}
		if w == "twice" || w == "repeatedly" {
			return true
		}
		if w == "times" && k > j {
			if p := c.toks[k-1]; quantity(p) || p.lower == "multiple" || p.lower == "several" || p.lower == "many" {
				return true
			}
		}
	}
	return false
}

// speaksFor holds the nouns for people who act for their possessor: "the
// Badr Brigades' leaders denied".
var speaksFor = set("leader", "leaders", "leadership", "commanders", "officials", "representatives", "delegation", "negotiators")

// claimNouns are what a denial can answer: "denied the allegations".
var claimNouns = set("accusation", "accusations", "allegation", "allegations", "claim", "claims", "charge", "charges", "report", "reports", "story", "stories")

// notAnAct reports uses of a trigger word that report no act between
// actors: "thanks to Facebook" (a cause), "refused to comment" (no answer,
// not a rejection of anyone), "fans who were denied seats" (a refusal
// suffered, not a denial made).
func (c *sentenceCtx) notAnAct(m *trigMatch) bool {
	w := c.toks[m.i].lower
	next := ""
	if m.j < len(c.toks) {
		next = c.toks[m.j].lower
	}
	switch {
	case w == "thanks" && next == "to":
		return true
	case w == "reminder" && !c.toAfter(m.j):
		return true // "a sober reminder that oil could reach Florida"
	case c.toks[m.i].upper && m.i > 0 && c.toks[m.i-1].upper && c.toks[m.i-1].word:
		return true // inside a title: "our Frequently Asked Questions"
	case m.ct.t.ID == "deny.knocked-down" && !c.claimAhead(m.j):
		return true // "knocked down a New York Times report", not "shot down a jet"
	case (w == "insisted" || w == "insists") && next != "on" && !c.demandClause(m.j):
		return true // "BP insists that the contractor was to blame": a claim
	case m.ct.t.Type == "sanction" && c.eased(m.i):
		return true // "eases sanctions on Libya": the opposite of a sanction
	case w == "call" && m.i > 0 && (c.toks[m.i-1].lower == "up" || c.toks[m.i-1].lower == "wake-up"):
		return true // "a wake-up call for America"
	case m.ct.t.Type == "reject" && c.toks[m.j-1].lower == "to" && noComment[next]:
		return true
	case m.ct.t.Type == "deny" && m.i > 0 && beForms[c.toks[m.i-1].lower] && !c.byLater(m.j):
		return true
	case w == "ready" && m.i > 0 && getting[c.toks[m.i-1].lower]:
		// "getting ready to address the nation": preparing, not offering
		return true
	}
	return false
}

// personInPlace reports whether m's source is one person and its target
// one place, country or capital.
func (c *sentenceCtx) personInPlace(m *trigMatch) bool {
	if len(m.source) != 1 || len(m.target) != 1 || c.table == nil {
		return false
	}
	if a := c.table.byID[c.ms[m.source[0]].actor]; a == nil || a.Kind != KindPerson {
		return false
	}
	k := c.ms[m.target[0]].ref.kind
	return k == refPlace || k == refCountry || k == refCapital
}

// toAfter reports whether "to" follows token j, past time expressions: "a
// stern reminder Saturday to Iraq".
func (c *sentenceCtx) toAfter(j int) bool {
	for j < len(c.toks) && c.timeTok[j] {
		j++
	}
	return j < len(c.toks) && c.toks[j].lower == "to"
}

// passiveAfter reports whether a passive starts at token k ("(not) be
// blamed", "be given"): after a modal, it asks nothing of the subject.
func (c *sentenceCtx) passiveAfter(k int) bool {
	if k < len(c.toks) && c.toks[k].lower == "not" {
		k++
	}
	return k+1 < len(c.toks) && c.toks[k].lower == "be" && participle(c.toks[k+1].lower)
}

// claimAhead reports whether a claim noun ends the noun phrase after token
// j: "knocked down a New York Times report".
func (c *sentenceCtx) claimAhead(j int) bool {
	for k := j; k < len(c.toks) && k < j+6; k++ {
		if claimNouns[c.toks[k].lower] {
			return true
		}
		if clauseEnd[c.toks[k].lower] || subjectPreps[c.toks[k].lower] {
			return false
		}
	}
	return false
}

// demandClause reports whether the clause after token j asks for
// something to be done: a bare verb ("insisted Israel apologize") or
// "must"/"should", not a statement of fact ("insists the contractor was to
// blame").
func (c *sentenceCtx) demandClause(j int) bool {
	for k := j; k < len(c.toks) && k < j+16; k++ {
		w := c.toks[k].lower
		switch {
		case w == "must" || w == "should":
			return true
		case beForms[w] || auxiliaries[w] || w == "would" || w == "could" || w == "will" || w == "can" || w == "not" || w == "n't":
			return false
		case w == ";" || w == "." || w == ":":
			return true
		}
	}
	return true
}

// eased reports whether a word of easing stands in the three words before
// token i: "eased sanctions", "easing of UN sanctions".
func (c *sentenceCtx) eased(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if easing[c.toks[k].lower] {
			return true
		}
	}
	return false
}

// easing holds the verbs that take sanctions away.
var easing = set("eased", "eases", "easing", "ease", "lifted", "lifts", "lifting", "lift", "relaxed", "relaxes", "relaxing", "relax")

// getting holds the verbs of "getting ready to": a preparation.
var getting = set("getting", "get", "gets", "got")

// noComment holds the verbs of "refused to comment" and the like.
var noComment = set("comment", "elaborate", "say", "speak", "confirm", "discuss", "disclose", "reveal", "name",
	"identify", "specify", "give", "provide", "talk", "be")

// opinionVerbs say what someone thinks; they make an event only when what
// is thought criticises or accuses someone.
var opinionVerbs = set("believe", "believes", "believed")

// toldTo holds the verbs of saying addressed to someone.
var toldTo = set("told", "tells", "telling", "tell", "warned", "warns", "declared", "declares", "reiterated", "reiterates", "stressed")

// namers introduce the actor meant inside a wider noun phrase:
// "specifically, Prime Minister Ahmed Shafiq".
var namers = set("specifically", "namely", "particularly", "especially", "including")

// possessives are the pronouns that make the next word a noun.
var possessives = set("their", "its", "his", "her", "our", "my", "your", "whose")

// auxiliaries make a clause of what follows them: "the virus has killed".
var auxiliaries = set("has", "have", "had", "did", "does", "do")

// pronounOrPrep may follow a verb of saying whose subject is also the
// subject of what follows: "said he", "said during".
var pronounOrPrep = set("he", "she", "it", "they", "we", "i", "during", "in", "at", "on", "after", "before", "while", "when", "that")

// functionWords never stand in a noun phrase before a name.
var functionWords = set("why", "how", "what", "whether", "and", "or", "but", "if", "who", "whom", "which", "when", "where", "than", "not", "about", "of")

// startsMention reports whether an actor mention starts at token i.
func (c *sentenceCtx) startsMention(i int) bool {
	_, ok := c.startAt.get(i)
	return ok
}

// endsMention reports whether an actor mention ends right before token i.
func (c *sentenceCtx) endsMention(i int) bool {
	_, ok := c.endAt.get(i)
	return ok
}

// eventNouns are nominal triggers that can be the object of another event:
// "rejected talks with X", "welcomed the truce between X and Y".
var eventNouns = set("talks", "negotiations", "meeting", "meetings", "consultations", "mediation", "withdrawal",
	"ceasefire", "cease-fire", "truce", "sanctions", "investigation", "inquiry", "visit", "release", "calls", "call", "appeals", "appeal")

// clauseEnd holds the words and marks that end the search for an object.
var clauseEnd = set(",", ";", ":", ".", "|", "that", "which", "who", "because", "but", "while", "when", "if", "after", "before",
	"said", "says", "saying", "told", "according", "“", "”", "\"", "(", ")", "whose", "where", "without", "despite")

// byLater reports whether an agent "by" follows token j in its clause:
// "was accused … by X" is passive, "is opposed to X" is not.
func (c *sentenceCtx) byLater(j int) bool {
	for k := j; k < len(c.toks); k++ {
		switch c.toks[k].lower {
		case "by":
			return true
		case ";", ".", "that", "which", "who", "but":
			return false
		}
	}
	return false
}

// participle reports whether a trigger word can be a past participle, so
// that "was accused by" is passive and "is ready to" is not.
func participle(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
		return true
	}
	switch w {
	case "held", "hit", "struck", "shot", "met", "sent", "brought", "told", "fought", "caught", "seen", "known", "hurt", "led", "put", "set", "made":
		return true
	}
	return false
}

// beforeTrigger returns the words just before token i, skipping adverbs
// and auxiliaries, nearest first (at most n).
func (c *sentenceCtx) wordsBefore(i, n int) []string {
	var out []string
	for k := i - 1; k >= 0 && len(out) < n; k-- {
		if _, ok := c.endAt.get(k + 1); ok {
			break
		}
		out = append(out, c.toks[k].lower)
	}
	return out
}

// extractEvents finds the events of one sentence.
func (x *engine) sentenceEvents(c *sentenceCtx, doc *docState) []*trigMatch {
	ms := x.triggers.find(c)
	var found []*trigMatch
	for _, m := range ms {
		if c.quoted[m.i] && m.ct.t.Frame != "say" {
			continue
		}
		// purpose infinitives ("met to discuss") are not events of their own
		// ("rallied to protest X" is the protest itself, and "fired tear gas
		// to disperse protesters" the dispersal)
		if m.i > 0 && c.toks[m.i-1].lower == "to" && m.ct.t.Frame != "say" && m.ct.t.Type != "protest" && c.toks[m.i].lower != "disperse" {
			before := c.wordsBefore(m.i-1, 1)
			if len(before) == 0 || !catenatives[before[0]] {
				continue
			}
		}
		if c.isConsumed(m.i) {
			continue
		}
		// "their demands", "hostage-takers demands": a plural noun, not the verb
		if w := c.toks[m.i].lower; strings.HasSuffix(w, "s") && m.i > 0 && (m.ct.t.Frame == "svo" || m.ct.t.Frame == "sym") && len(m.ct.t.Words) == 1 {
			prev := c.toks[m.i-1]
			if prev.lower == "'s" || possessives[prev.lower] || determiners[prev.lower] && prev.lower != "then" ||
				prev.word && !prev.upper && strings.HasSuffix(prev.lower, "s") && !skipAdv[prev.lower] && !c.endsMention(m.i) {
				continue
			}
		}
		// "the banned Movement", "the besieged town": a participle after a
		// determiner is an adjective, not a verb
		if w := c.toks[m.i].lower; len(m.ct.t.Words) == 1 && strings.HasSuffix(w, "ed") && m.i > 0 && (m.ct.t.Frame == "svo" || m.ct.t.Frame == "sv") {
			if prev := c.toks[m.i-1].lower; prev == "the" || prev == "a" || prev == "an" {
				continue
			}
		}
		if c.notAnAct(m) {
			continue
		}
		// "the US must be ready to mediate": an obligation, not a pledge
		if m.ct.t.Type == "pledge" {
			if b := c.wordsBefore(m.i, 3); len(b) > 1 && (b[1] == "must" || b[1] == "should") {
				continue
			}
		}
		x.arguments(c, m, found, doc)
		if m.source == nil && m.target == nil {
			continue
		}
		found = append(found, m)
	}
	// "staged a hunger strike … in protest against X": one act; the
	// targetless report of it goes when the same source's act of the same
	// type has a target in the sentence
	for _, m := range found {
		if m.target != nil || !optionalTarget[m.ct.t.Type] {
			continue
		}
		for _, o := range found {
			if o != m && o.target != nil && o.ct.t.Type == m.ct.t.Type && slices.Equal(o.source, m.source) {
				m.dropped = true
				break
			}
		}
	}
	// "X said Y met Z": the event is Y–Z and X the source of the claim, not a
	// statement of its own, unless the next verb is coordinated with "said"
	// ("said … but acknowledged")
	var out []*trigMatch
	for n, m := range found {
		if m.ct.t.Frame == "say" && m.directed == "" && n+1 < len(found) && found[n+1].ct.t.Frame != "say" && found[n+1].inherit != n {
			if b := c.wordsBefore(found[n+1].i, 3); !(len(b) > 0 && (b[0] == "and" || b[0] == "but")) {
				// keep indexes of later matches pointing at the right place
				for _, l := range found[n+1:] {
					if l.inherit == n {
						l.inherit = -1
					}
				}
				m.dropped = true
			}
		}
		out = append(out, m)
	}
	// "X rejected the plan and said it opposed …": a statement joined by
	// "and" to an act of the same source is how X made the act known, and
	// the act already names X ("X said …, but acknowledged …" is two)
	for _, m := range out {
		if m.ct.t.Frame != "say" || m.dropped || m.source == nil || m.directed != "" {
			continue
		}
		b := c.wordsBefore(m.i, 2)
		participle := len(b) > 0 && b[0] == "," && strings.HasSuffix(c.toks[m.i].lower, "ing")
		if !slices.Contains(b, "and") && !participle {
			continue // neither "and said" nor ", saying"
		}
		for _, o := range out {
			// ", saying …" after "told Reuters …" is the same telling
			if o != m && o.i < m.i && !o.dropped && (o.ct.t.Frame != "say" || participle) && slices.Equal(o.source, m.source) {
				m.dropped = true
				break
			}
		}
	}
	return out
}

func (x *engine) arguments(c *sentenceCtx, m *trigMatch, prev []*trigMatch, doc *docState) {
	t := m.ct.t
	c.typ = t.Type
	before := c.wordsBefore(m.i, 4)
	passive := false
	for _, w := range before {
		if beForms[w] && participle(c.toks[m.i].lower) && (c.byLater(m.j) || len(t.Words) == 1 && t.Frame != "sym") {
			// "was accused by X"; "has been criticised over the spill"
			// names no agent, so no source ("is opposed to" is no passive)
			passive = true
		}
		if negators[w] {
			m.negated = true
		}
		if w == "failed" || w == "fail" || w == "fails" {
			m.outcome = "failed"
		}
		if modals[w] {
			m.modality = "intended"
		}
		if !skipAdv[w] && !beForms[w] && !negators[w] && !modals[w] && w != "failed" && !(len(w) > 5 && strings.HasSuffix(w, "ly")) {
			break
		}
	}
	// a reduced passive after its noun: "officers accused of trying …",
	// "a politician accused of inciting hatred"
	if !passive && len(t.Words) == 1 && m.i > 0 && m.j < len(c.toks) && strings.HasSuffix(c.toks[m.i].lower, "ed") {
		prev, next := c.toks[m.i-1], c.toks[m.j].lower
		if next == "of" && prev.word && !prev.upper && !beForms[prev.lower] && !modals[prev.lower] && !negators[prev.lower] && !skipAdv[prev.lower] && !c.endsMention(m.i) {
			passive = true
		}
		// an accusation names whom it accuses before "of": "accused of
		// leaking" right after a noun is the noun accused ("the U.S.
		// soldier accused of leaking the cables"), not its accusing
		if next == "of" && t.Type == "accuse" {
			passive = true
		}
	}
	if strings.Contains(t.ID, "failed") {
		m.outcome = "failed"
	}
	// "refused to meet", "declined to negotiate": a rejection (CAMEO 12)
	if m.i >= 2 && c.toks[m.i-1].lower == "to" && (c.toks[m.i-2].lower == "refused" || c.toks[m.i-2].lower == "declined" || c.toks[m.i-2].lower == "refuses" || c.toks[m.i-2].lower == "declines") {
		m.refusal = true
		m.negated = false
	}
	// VP coordination: "Obama said ... but acknowledged": the subject of the
	// previous verb in the sentence
	coordinated := false
	if len(before) > 0 && (before[0] == "and" || before[0] == "but") && len(prev) > 0 {
		coordinated = true
	}
	// "denied that and in return accused …"
	if len(before) > 2 && before[0] == "return" && before[1] == "in" && (before[2] == "and" || before[2] == "but") && len(prev) > 0 {
		coordinated = true
	}
	// a participle after a comma shares the subject of the clause before:
	// "Obama spoke with Mubarak, telling him that he must …"
	if len(before) > 0 && before[0] == "," && strings.HasSuffix(c.toks[m.i].lower, "ing") && len(prev) > 0 && prev[len(prev)-1].source != nil {
		coordinated = true
	}
	// a nominal event after a preposition belongs to the clause's subject:
	// "Zuma will visit Tripoli next week for talks with Gaddafi"
	nominalPP := len(before) > 0 && (before[0] == "for" || before[0] == "during" || before[0] == "in") && len(prev) > 0 && prev[len(prev)-1].source != nil
	// "started a hunger strike yesterday to protest X": the purpose
	// belongs to the subject of the act before it
	nominalPP = nominalPP || t.Type == "protest" && len(before) > 0 && before[0] == "to" && len(prev) > 0 && prev[len(prev)-1].source != nil && prev[len(prev)-1].ct.t.Type == "protest"
	subject := func() []int {
		if coordinated || nominalPP {
			p := prev[len(prev)-1]
			// both share the date of the act they belong to ("will visit
			// Tripoli next week for talks with Gaddafi"), and its modality
			m.inherit = len(prev) - 1
			if nominalPP && m.modality == "" {
				m.modality = p.modality
			}
			return p.source
		}
		if g := c.subjectLeft(m.i); g != nil {
			return g
		}
		if len(t.Words) > 1 {
			// a nominal event owned by its subject: "Zuma's visit to
			// Libya", "Zuma, whose last visit to Libya …"
			if g := c.possessor(m.i); g != nil {
				return g
			}
		}
		// a nominal event as the object of another verb belongs to that
		// verb's subject: "the United States speeded up the withdrawal of …"
		k := m.i - 1
		for n := 0; n < 2 && k > 0 && c.toks[k].word && !c.toks[k].upper && !determiners[c.toks[k].lower] && !c.endsMention(k+1) &&
			!auxiliaries[c.toks[k].lower] && !beForms[c.toks[k].lower] && !modals[c.toks[k].lower]; n++ {
			k-- // adjectives: "issued a stern reminder" (but "the virus has killed" is a clause)
		}
		// "repeated his administration's call": the owner's owner
		if k > 2 && (c.toks[k].lower == "'s" || c.toks[k].lower == "’s") && c.toks[k-1].word && !c.toks[k-1].upper && possessives[c.toks[k-2].lower] {
			k -= 2
		}
		if k > 0 && (c.toks[k].lower == "the" || c.toks[k].lower == "a" || c.toks[k].lower == "an" || possessives[c.toks[k].lower] && c.toks[k].lower != "whose") {
			k--
			for k > 0 && (c.toks[k].lower == "up" || c.toks[k].lower == "out" || c.toks[k].lower == "off" || c.toks[k].lower == "down") {
				k--
			}
			if k > 0 && c.toks[k].word && !c.toks[k].upper && !leftStops[c.toks[k].lower] && !subjectPreps[c.toks[k].lower] && !determiners[c.toks[k].lower] {
				return c.subjectLeft(k)
			}
		}
		return nil
	}
	byAgent := func() []int {
		// "was accused by X", or after the charge: "accused of misusing
		// public funds, much of it embezzled, by X"
		for k := m.j; k < len(c.toks) && k < m.j+25; k++ {
			switch c.toks[k].lower {
			case "by":
				return c.groupRight(k + 1)
			case ";", ".", "that", "which", "who", "but", "said", "says":
				return nil
			}
		}
		return nil
	}
	switch t.Frame {
	case "say":
		// "saying", "telling" report only as the participle of a clause
		// whose subject they share: "X rejected the plan, saying …"
		if strings.HasSuffix(c.toks[m.i].lower, "ing") && !coordinated {
			return
		}
		if c.attribution(m) {
			// "Foreign powers should refrain from any intervention, Iraq's
			// foreign minister said": the speaker's appeal (or, with
			// "must", demand) on the subject of the reported clause
			if kind, tgt, ok := c.reportedObligation(m); ok {
				src := c.subjectLeft(m.i)
				if src == nil {
					src = c.groupRight(m.j)
				}
				if src != nil {
					m.source, m.target, m.directed = src, tgt, kind
				}
			}
			return
		}
		m.source = subject()
		// "X said (that) Y must …": a demand of X on Y
		if g, kind := c.mustClause(m.j); g != nil && m.source != nil {
			// "told Mubarak he must": said to the one who must, a demand;
			// "said the Libyan leadership must": said of it in public, an
			// appeal (PLOVER files both under DEMAND)
			if kind == "demand" && !toldTo[c.toks[m.i].lower] {
				kind = "appeal"
			}
			m.target, m.directed = g, kind
		} else if g, typ := c.disapproved(m.j); g != nil && m.source != nil {
			// "Zuma said NATO military action had gone too far", "Aliyan
			// said Shia political parties were behind the killings"
			m.target, m.directed = g, typ
		}
		// "Russia and China believe … that the NATO bombing has exceeded
		// the authority": a belief is an event only as such a criticism
		if opinionVerbs[c.toks[m.i].lower] && m.directed != "criticize" && m.directed != "accuse" {
			m.source, m.target = nil, nil
		}
		// inverted after a quotation: "“…,” said Kerry"
		if m.source == nil && m.i > 0 && (isQuote(c.toks[m.i-1].text) || c.toks[m.i-1].text == "," && m.i > 1 && isQuote(c.toks[m.i-2].text)) {
			if g := c.groupRight(m.j); g != nil {
				m.source = g
			}
		}
	case "sv":
		m.source = subject()
		if passive {
			m.source = nil
			// "this was vehemently denied by Shia leaders": the agent
			// denies, answering the claim before
			if t.Type == "deny" {
				k := m.i - 1
				for k >= 0 && (beForms[c.toks[k].lower] || skipAdv[c.toks[k].lower] || lyAdverb(c.toks[k])) {
					k--
				}
				if k >= 0 && (claimNouns[c.toks[k].lower] || c.toks[k].lower == "this" || c.toks[k].lower == "that" || c.toks[k].lower == "it") {
					m.source, m.answers = byAgent(), true
				}
			}
			break
		}
		if t.Type == "deny" && claimNouns[c.toks[m.j-1].lower] {
			m.answers = true // "dismissed the allegations"
		} else if t.Type == "deny" && m.j < len(c.toks) {
			switch w := c.toks[m.j].lower; w {
			case "that", "this", "it", "them":
				// "denied that" with nothing after it but the clause's end,
				// not "denied that X did Y" (which says what was denied)
				m.answers = m.j+1 >= len(c.toks) || !c.toks[m.j+1].word || c.toks[m.j+1].lower == "and" || c.toks[m.j+1].lower == "but"
			case "the", "any", "all", "these", "those":
				if m.j+1 < len(c.toks) && claimNouns[c.toks[m.j+1].lower] {
					m.answers = true
				}
			}
		}
	case "svo":
		if n := len(t.Words); n > 1 && t.Words[n-1] == "by" {
			// a nominal event with its agent: "accusations by X that Y
			// had …"; the accused is the that-clause's subject, or, for a
			// pronoun there, the subject of the verb the nominal is the
			// object of ("Syria dismissed accusations by X that it had …")
			m.source = c.groupRight(m.j)
			if m.source != nil {
				m.target = c.thatSubject(c.ms[m.source[len(m.source)-1]].j, m.i)
			}
			if m.source == nil || m.target == nil {
				m.source, m.target = nil, nil
			}
			break
		}
		if passive {
			m.source = byAgent()
			m.target = c.subjectLeft(m.i)
		} else {
			m.source = subject()
			if m.slot != nil {
				m.target = m.slot
			} else {
				m.target = c.objectRight(m.j, t.Prep)
			}
		}
		// "urged those charged with shaping the new Cabinet -- specifically,
		// his newly appointed Prime Minister Ahmed Shafiq -- to pursue …":
		// the one named inside the object
		if m.target == nil && t.Type == "appeal" && !passive && m.source != nil {
			for k := m.j; k+1 < len(c.toks) && k < m.j+12; k++ {
				w := c.toks[k].lower
				if w == ";" || w == "." || w == "said" || w == "says" || c.isTrig(k) {
					break
				}
				if namers[w] {
					n := k + 1
					if c.toks[n].text == "," {
						n++
					}
					m.target = c.groupRight(n)
					break
				}
			}
		}
		// "threatened to hold a general strike unless Israel rescinded …":
		// the threat is aimed at the one who must act
		if m.target == nil && t.Type == "threaten" && !passive && m.source != nil {
			for k := m.j; k < len(c.toks) && k < m.j+20; k++ {
				if w := c.toks[k].lower; w == "unless" || w == "until" {
					m.target = c.groupRight(k + 1)
					break
				}
				if w := c.toks[k].lower; w == ";" || w == "." || w == "said" || w == "says" {
					break
				}
			}
		}
		// "Kofi Annan, who is in London": a person somewhere, named as a
		// place right after "in"
		if t.ID == "visit.is-in" && !c.personInPlace(m) {
			m.source, m.target = nil, nil
		}
		if m.source == nil || m.target == nil && !(optionalTarget[t.Type] && !passive) {
			m.source, m.target = nil, nil
		}
	case "sym":
		src := subject()
		var obj []int
		if c.actorCount(src) < 2 || t.Prep != "" && t.Prep != "=" {
			obj = c.objectRight(m.j, t.Prep)
			if obj == nil && len(src) == 1 && t.Prep != "=" && t.Prep != "" {
				// "X agreed to lift embargoes on Y": not a mutual
				// agreement but X's commitment towards Y
				if obj = c.objectRight(m.j, ""); obj != nil && t.Type == "agree" {
					m.directed = "pledge"
				}
			}
		}
		if passive {
			obj = nil
		}
		m.source, m.target = src, obj
		if c.actorCount(src)+c.actorCount(obj) < 2 {
			m.source, m.target = nil, nil
		}
		if len(obj) == 0 && len(src) >= 2 {
			m.source, m.target = src[:1], src[1:]
		}
		if len(src) == 0 && len(obj) >= 2 {
			// "talks with A and B" whose subject is no actor: A and B
			// need not have met each other ("Sue speaks to A, B and C")
			m.source, m.target = nil, nil
		}
	case "between":
		// "a meeting between A and B", "fighting between A and B"
		if g := c.groupRight(m.j); len(g) >= 2 {
			m.source, m.target = g[:1], g[1:]
		} else if a, b := c.betweenHeads(m.j); a >= 0 && b >= 0 {
			// "a meeting between senior figures from A and the B"
			m.source, m.target = []int{a}, []int{b}
		}
	case "ally":
		x.allyArgs(c, m)
	case "broker":
		x.brokerArgs(c, m, doc)
	}
	if len(m.source) == 0 && len(m.target) == 0 {
		m.source, m.target = nil, nil
	}
}

// thatSubject finds the subject of the that-clause after token j (past an
// apposition between commas): an actor, or for "it"/"they" the subject of the
// verb before token i.
func (c *sentenceCtx) thatSubject(j, i int) []int {
	for k := j; k < len(c.toks) && k < j+16; k++ {
		w := c.toks[k].lower
		if w == "that" {
			if k+1 < len(c.toks) && (c.toks[k+1].lower == "it" || c.toks[k+1].lower == "they") {
				return c.subjectLeft(c.verbBefore(i))
			}
			return c.groupRight(k + 1)
		}
		if w == ";" || w == "." || w == "said" || w == "says" || c.isTrig(k) {
			return nil
		}
	}
	return nil
}

// verbBefore returns the token index of the verb whose object the noun
// phrase ending before token i is ("dismissed accusations"), or i when there
// is none.
func (c *sentenceCtx) verbBefore(i int) int {
	k := i - 1
	for k >= 0 && (determiners[c.toks[k].lower] || c.toks[k].word && !c.toks[k].upper && adjective(c.toks[k].lower)) && i-k < 4 {
		k--
	}
	if k >= 0 && c.toks[k].word && !c.toks[k].upper && strings.HasSuffix(c.toks[k].lower, "ed") {
		return k
	}
	return i
}

// betweenHeads finds the two sides of "between X of A and Y of B" after
// token j: the first actor before the "and" and the first after it, within
// the clause. It returns -1 for a side it does not find.
func (c *sentenceCtx) betweenHeads(j int) (int, int) {
	a, b := -1, -1
	seenAnd := false
	for k := j; k < len(c.toks) && k < j+20; k++ {
		tk := c.toks[k]
		if tk.lower == "and" {
			if a < 0 || seenAnd {
				return -1, -1
			}
			seenAnd = true
			continue
		}
		if clauseEnd[tk.lower] || c.isTrig(k) {
			break
		}
		if x, ok := c.startAt.get(k); ok {
			if !seenAnd && a < 0 {
				a = x
			} else if seenAnd && b < 0 {
				b = x
				break
			}
			k = c.ms[x].j - 1
		}
	}
	if b < 0 || c.ms[a].actor == c.ms[b].actor {
		return -1, -1
	}
	return a, b
}

// possessor returns the actor that owns a nominal event at token i:
// "Zuma's visit", "Zuma's first official visit", "Zuma, whose visit".
func (c *sentenceCtx) possessor(i int) []int {
	k := i - 1
	for n := 0; n < 3 && k > 0 && c.toks[k].word && !c.toks[k].upper && !determiners[c.toks[k].lower] && c.toks[k].lower != "whose" && !c.isTrig(k); n++ {
		k-- // "last", "first official", "two-day"
	}
	if k <= 0 {
		return nil
	}
	switch c.toks[k].lower {
	case "'s", "’s":
		if x, ok := c.endAt.get(k); ok {
			return []int{x}
		}
	case "whose":
		if c.toks[k-1].text == "," {
			if x, ok := c.endAt.get(k - 1); ok {
				return []int{x}
			}
		}
	}
	return nil
}

// attribution reports whether a "said" at the end of a sentence only
// attributes the indirect speech before it ("Portugal will support Turkey,
// Portuguese President Mario Soares said on Tuesday."): news style puts the
// source last, and the event is what was reported. After a direct quotation
// the speaker's statement stands.
func (c *sentenceCtx) attribution(m *trigMatch) bool {
	// the trigger must end the sentence but for a few words ("on Tuesday")
	rest := 0
	for k := m.j; k < len(c.toks); k++ {
		if c.toks[k].word {
			rest++
		}
	}
	// or but for a phrase of where or to whom it was said, up to a comma
	// ("said at a meeting of the Arab League, which …")
	if rest > 4 && m.j < len(c.toks) && attributionPreps[c.toks[m.j].lower] {
		rest = 0
		for k := m.j; k < len(c.toks) && c.toks[k].text != ","; k++ {
			if c.toks[k].word {
				rest++
			}
		}
		if rest <= 8 {
			rest = 0
		}
	}
	if rest > 4 {
		return false
	}
	// find the comma that opens the attribution
	for k := m.i - 1; k >= 0 && m.i-k <= 12; k-- {
		if c.toks[k].text == "," {
			if k > 0 {
				switch c.toks[k-1].text {
				case "”", "\"", "'", "’", "''":
					return false
				}
			}
			if k <= 3 {
				return false
			}
			// the speaker stands between the comma and the verb
			if g := c.subjectLeft(m.i); len(g) > 0 && c.ms[g[0]].i < k {
				return false
			}
			return true
		}
		if c.toks[k].text == "”" || c.toks[k].text == "\"" {
			return false
		}
	}
	return false
}

// reportedObligation finds an obligation in the clause an attribution
// reports ("X should …, Y said"): its kind (appeal for "should", demand for
// "must") and its subject if that is an actor. The clause must hold no
// event trigger of its own, which the attribution would then report.
func (c *sentenceCtx) reportedObligation(m *trigMatch) (string, []int, bool) {
	comma := -1
	for k := m.i - 1; k >= 0 && m.i-k <= 12; k-- {
		if c.toks[k].text == "," {
			comma = k
			break
		}
	}
	if comma < 2 {
		return "", nil, false
	}
	kind, at := "", -1
	for k := 0; k < comma; k++ {
		if c.isTrig(k) {
			return "", nil, false
		}
		if kind != "" {
			continue
		}
		if k+1 < comma && c.toks[k+1].lower == "have" {
			continue // "as we should have": a regret, not an obligation
		}
		switch c.toks[k].lower {
		case "should", "ought":
			kind, at = "appeal", k
		case "must":
			kind, at = "demand", k
		}
	}
	if kind == "" || at == 0 || c.passiveAfter(at+1) {
		return "", nil, false
	}
	return kind, c.subjectLeft(at), true
}

// attributionPreps open a phrase after an attributing verb that says where
// or to whom something was said.
var attributionPreps = set("at", "in", "on", "during", "to", "after", "before", "while")

// mustClause returns the subject of a reported obligation after a verb of
// saying at token j: "said (that) the US must …", "told Mubarak he must".
func (c *sentenceCtx) mustClause(j int) ([]int, string) {
	k := j
	for k < len(c.toks) && (c.timeTok[k] || c.toks[k].lower == "here" || c.toks[k].lower == "that") {
		k++
	}
	g := c.groupRight(k)
	if g == nil {
		return nil, ""
	}
	e := c.ms[g[len(g)-1]].j
	// "told Mubarak (that) he must"
	if e+1 < len(c.toks) && c.toks[e].lower == "that" {
		e++
	}
	if e+1 < len(c.toks) && (c.toks[e].lower == "he" || c.toks[e].lower == "she" || c.toks[e].lower == "they" || c.toks[e].lower == "it") {
		e++
	}
	if e < len(c.toks) {
		// "must" demands (CAMEO 10); "should" appeals (CAMEO 02)
		if e+1 < len(c.toks) && c.toks[e+1].lower == "have" && (c.toks[e].lower == "must" || c.toks[e].lower == "should") {
			return nil, "" // "said X should have acted": a regret or a guess
		}
		if c.passiveAfter(e + 1) {
			return nil, "" // "said Obama should not be blamed": nothing asked of Obama
		}
		switch c.toks[e].lower {
		case "must":
			return g, "demand"
		case "should":
			return g, "appeal"
		case "has", "have", "had", "needs", "need":
			if e+1 < len(c.toks) && c.toks[e+1].lower == "to" {
				return g, "demand"
			}
		case "ought":
			return g, "appeal"
		}
	}
	return nil, ""
}

// disapproved returns the subject of the clause reported after a verb of
// saying at token j when the clause criticises or accuses it ("said NATO
// military action had gone too far", "said Shia parties had a hit-list"),
// and the type of event that makes the saying; or nil.
func (c *sentenceCtx) disapproved(j int) ([]int, string) {
	if c.np == nil || len(c.np.reported) == 0 {
		return nil, ""
	}
	k := j
	for k < len(c.toks) && (c.timeTok[k] || c.toks[k].lower == "that") {
		k++
	}
	// "believe, like Zuma, that …": past a short aside
	if k < len(c.toks) && c.toks[k].text == "," {
		for e := k + 1; e < len(c.toks) && e <= k+5; e++ {
			if c.toks[e].text == "," {
				k = e + 1
				for k < len(c.toks) && c.toks[k].lower == "that" {
					k++
				}
				break
			}
		}
	}
	g := c.groupRight(k)
	if g == nil {
		return nil, ""
	}
	e := c.ms[g[len(g)-1]].j
	for p := e; p < len(c.toks) && p < e+8; p++ {
		if clauseEnd[c.toks[p].lower] && c.toks[p].lower != "that" || c.isTrig(p) && p > e {
			return nil, ""
		}
		for _, rp := range c.np.reported {
			ph := rp.words
			if p+len(ph) <= len(c.toks) && slices.EqualFunc(ph, c.toks[p:p+len(ph)], func(w string, t token) bool { return w == t.lower }) {
				return g, rp.typ
			}
		}
	}
	return nil, ""
}

// allyArgs: "X, a Y ally", "X, an ally of Y", "X is an ally of Y".
func (x *engine) allyArgs(c *sentenceCtx, m *trigMatch) {
	var y []int
	k := m.i // start of the noun phrase "a Kremlin ally"
	if g, ok := c.endAt.get(m.i); ok {
		y = []int{g}
		k = c.ms[g].i
	} else if m.j+1 < len(c.toks) && c.toks[m.j].lower == "of" {
		y = c.groupRight(m.j + 1)
	}
	if len(y) == 0 {
		return
	}
	// skip "a", "an", "close", "key"
	for k > 0 && (determiners[c.toks[k-1].lower] || c.toks[k-1].lower == "close" || c.toks[k-1].lower == "key" || c.toks[k-1].lower == "longtime" || c.toks[k-1].lower == "staunch" || c.toks[k-1].lower == "an") {
		k--
	}
	if k > 0 && (c.toks[k-1].text == "," || beForms[c.toks[k-1].lower]) {
		if g, ok := c.endAt.get(k - 1); ok {
			m.source = c.groupFrom(g, true)
			m.target = y
			m.dateFrom = -2 // a standing relation: observed on the publication date
		}
	}
}

// brokerArgs: "A brokered a truce between B and C", "a truce brokered by A".
func (x *engine) brokerArgs(c *sentenceCtx, m *trigMatch, doc *docState) {
	var agents []int
	thing := ""
	if m.j < len(c.toks) && c.toks[m.j].lower == "by" {
		agents = c.groupRight(m.j + 1)
		if m.i > 0 {
			thing = c.toks[m.i-1].lower
		}
	} else {
		agents = c.subjectLeft(m.i)
		for k := m.j; k < len(c.toks) && k < m.j+4; k++ {
			if ceasefireWords[c.toks[k].lower] {
				thing = c.toks[k].lower
			}
		}
	}
	if len(agents) == 0 {
		return
	}
	m.source = agents
	// parties: "between B and C", after the trigger or before it
	// ("talks between B and C engineered by A")
	if c.toks[m.j-1].lower == "between" {
		m.target = c.groupRight(m.j)
	}
	for k := m.j; k < len(c.toks) && m.target == nil; k++ {
		if c.toks[k].lower == "between" {
			m.target = c.groupRight(k + 1)
		}
	}
	for k := m.i - 1; k >= 0 && m.target == nil && m.i-k < 15; k-- {
		if c.toks[k].lower == "between" {
			m.target = c.groupRight(k + 1)
		}
	}
	if ceasefireWords[thing] {
		m.derived = true // a ceasefire event follows
		if len(m.target) == 0 && doc.truceLocation != "" {
			m.location = doc.truceLocation
		}
	}
}
