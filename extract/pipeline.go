package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// engine is a compiled lexicon: actor phrases and trigger patterns.
type engine struct {
	kb       *kb
	triggers *triggerSet
	discards *discardSet
}

var (
	builtinEngineOnce sync.Once
	builtinEngine     *engine
)

func defaultEngine() *engine {
	builtinEngineOnce.Do(func() {
		k := defaultKB()
		builtinEngine = &engine{kb: k, triggers: compileTriggers(k.lex), discards: compileDiscards(k.lex)}
	})
	return builtinEngine
}

func newEngine(lex *lexicon.Lexicon) *engine {
	k := compileKB(lex)
	return &engine{kb: k, triggers: compileTriggers(lex), discards: compileDiscards(lex)}
}

// docState is what the event stage knows about the whole document.
type docState struct {
	truceLocation string // actor id of the country a truce is "in"
	sentence      int    // index of the sentence being coded
	// accuser is the source of the last accusation or criticism, and
	// accusedAt the sentence it was made in: "X denied that" answers it
	accuser   string
	accusedAt int
}

type sentenceResult struct {
	ctx     *sentenceCtx
	matches []*trigMatch
}

// tokenPool holds token arrays for reuse by the next document.
var tokenPool sync.Pool

// analyse finds the actors and events of a.Doc in sentences sents; lower
// is lowerASCIIText(a.Doc.Text).
func (x *engine) analyse(a *Analysis, sents []Span, lower string) {
	doc := &a.Doc
	table := newActorTable(x.kb, doc.Published)
	ctxs := make([]*sentenceCtx, len(sents))
	all := make([][]token, len(sents))
	table.midCaps = map[string]bool{}
	// the tokens of all sentences share one array
	n := 0
	for _, s := range sents {
		n += (s.End-s.Start)/5 + 4
	}
	bp, _ := tokenPool.Get().(*[]token)
	if bp == nil || cap(*bp) < n {
		b := make([]token, 0, n+n/4) // room for a somewhat longer document next time
		bp = &b
	}
	buf := (*bp)[:0]
	defer func() {
		// nothing keeps the tokens after the analysis
		clear(buf)
		*bp = buf[:0]
		tokenPool.Put(bp)
	}()
	for i, s := range sents {
		k := len(buf)
		buf = appendTokens(buf, doc.Text, lower, s)
		all[i] = buf[k:len(buf):len(buf)]
		for k, t := range all[i] {
			if k > 0 && t.upper && t.word && all[i][k-1].word {
				table.midCaps[t.text] = true
			}
		}
	}
	arena := newCtxArena(len(sents), len(buf))
	for i, s := range sents {
		toks := all[i]
		ms := table.findMentions(toks)
		for _, m := range ms {
			table.note(m.actor, doc.Text[m.span.Start:m.span.End], m.span, m.rule)
			if m.extra != "" {
				table.note(m.extra, "", m.span, m.rule)
			}
		}
		ctxs[i] = newSentenceCtxIn(arena, s, toks, ms)
		ctxs[i].table = table
		ctxs[i].np = x.triggers.np
		ctxs[i].markTimes(a.Timexes)
	}
	st := &docState{}
	for _, c := range ctxs {
		if st.truceLocation != "" {
			break
		}
		for k := 0; k+2 < len(c.toks); k++ {
			if c.toks[k+1].lower == "in" && ceasefireWords[c.toks[k].lower] {
				if y, ok := c.startAt.get(k + 2); ok && isCountryish(c.ms[y].ref.kind) {
					st.truceLocation = c.ms[y].actor
					break
				}
			}
		}
	}
	whole, per := x.discards.discards(doc, ctxs)
	if whole != nil {
		a.Discarded = append(a.Discarded, Discard{Kind: whole.kind, Rule: whole.id, Span: doc.Body})
	}
	var events []Event
	var repeated []bool // parallel to events
	for i, c := range ctxs {
		if whole != nil {
			break
		}
		if per != nil && per[i] != nil {
			a.Discarded = append(a.Discarded, Discard{Kind: per[i].kind, Rule: per[i].id, Span: sents[i]})
			continue
		}
		st.sentence = i
		matches := x.sentenceEvents(c, st)
		x.dateEvents(c, matches, a.Timexes, doc.Published)
		for _, m := range matches {
			if m.dropped {
				continue
			}
			evs := x.buildEvents(doc, c, m, st)
			events = append(events, evs...)
			for _, e := range evs {
				if (e.Type == "accuse" || e.Type == "criticize") && len(e.Source) > 0 && !e.Negated {
					st.accuser, st.accusedAt = e.Source[0], i
				}
			}
			// a mention that sums up several interactions ("has visited
			// Libya twice") is not merged with one dated interaction
			r := c.repeated(m.i, m.j)
			for range evs {
				repeated = append(repeated, r)
			}
		}
	}
	a.Actors = table.actors()
	a.Events = mergeEvents(events, repeated)
}

// dateEvents gives each event the time expression of its own clause: each
// DATE or TIME expression of the sentence goes to the nearest trigger.
func (x *engine) dateEvents(c *sentenceCtx, ms []*trigMatch, timexes []Timex, published string) {
	if len(ms) == 0 {
		return
	}
	first := sort.Search(len(timexes), func(i int) bool { return timexes[i].Span.Start >= c.span.Start })
	var txs []Timex
	for _, tx := range timexes[first:] {
		if tx.Span.Start >= c.span.End {
			break
		}
		if c.span.Contains(tx.Span) && (tx.Type == "DATE" || tx.Type == "TIME") && !strings.HasSuffix(tx.Value, "_REF") && tx.Value != "" {
			txs = append(txs, tx)
		}
	}
	// token range of each time expression
	type span struct{ i, j int }
	spans := make([]span, len(txs))
	for n, tx := range txs {
		ti := sort.Search(len(c.toks), func(k int) bool { return c.toks[k].end > tx.Span.Start })
		tj := ti
		for tj < len(c.toks) && c.toks[tj].start < tx.Span.End {
			tj++
		}
		spans[n] = span{ti, tj}
	}
	head := datelineEnd(c)
	for n, tx := range txs {
		ti, tj := spans[n].i, spans[n].j
		if ti >= len(c.toks) || tj <= head {
			continue // the dateline's stamp dates the report, not its events
		}
		best, bestD, bestRaw := -1, 1<<30, 0
		for k, m := range ms {
			var d int
			switch {
			case ti >= m.j:
				d = ti - m.j
			case tj <= m.i:
				d = m.i - tj + 2 // a time before its verb is less likely its own
				// "set up in 1996 to alleviate the impact of UN sanctions":
				// an infinitive between starts another clause
				for k := tj; k+1 < m.i; k++ {
					if c.toks[k].lower == "to" && c.toks[k+1].word && !c.toks[k+1].upper && !determiners[c.toks[k+1].lower] {
						d = 1 << 20
						break
					}
				}
			default:
				d = 0
			}
			// a comma between them: "X, who met Y last week, said …"
			// dates the meeting, not the saying
			raw := d
			if d > 0 && commaBetween(c, min(ti, m.i), max(tj, m.j)) {
				d += 6
			}
			if d < bestD {
				best, bestD, bestRaw = k, d, raw
			}
		}
		if best < 0 || bestRaw > 20 || ms[best].date != "" {
			continue
		}
		ms[best].date = tx.Value
		ms[best].dateFrom = ti
		// a range: "from 2011 to 2014", "between March and May"
		if n+1 < len(txs) && ti > 0 && (c.toks[ti-1].lower == "from" || c.toks[ti-1].lower == "between") {
			nx := spans[n+1]
			if nx.i == tj+1 && tj < len(c.toks) {
				switch c.toks[tj].lower {
				case "to", "until", "till", "through", "and", "-", "–":
					ms[best].dateEnd = txs[n+1].Value
				}
			}
		}
	}
	for _, m := range ms {
		if m.date == "" && m.inherit >= 0 && m.inherit < len(ms) {
			m.date = ms[m.inherit].date
		}
		if m.date == "" && m.dateFrom == -2 {
			m.date = published
		}
	}
}

// datelineEnd returns the token index of the dash that ends a wire dateline
// at the start of a sentence ("CAIRO | Wed Mar 2, 2011 7:54 am EST CAIRO
// (Reuters) - …", "WASHINGTON -- …"), or -1.
func datelineEnd(c *sentenceCtx) int {
	for k := 1; k < len(c.toks) && k < 30; k++ {
		switch c.toks[k].text {
		case "-", "--", "—", "–":
			prev := c.toks[k-1].text
			if prev == ")" || isUpperWord(prev) {
				return k
			}
		}
	}
	return -1
}

// isUpperWord reports whether w is a word in capitals ("CAIRO").
func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= 'a' && r <= 'z':
			return false
		}
	}
	return letters >= 2
}

// commaBetween reports whether a comma stands among tokens [i, j).
func commaBetween(c *sentenceCtx, i, j int) bool {
	for k := max(i, 0); k < j && k < len(c.toks); k++ {
		if c.toks[k].text == "," {
			return true
		}
	}
	return false
}

func (x *engine) ids(c *sentenceCtx, idx []int) []string {
	var out []string
	seen := map[string]bool{}
	for _, i := range idx {
		for _, id := range []string{c.ms[i].actor, c.ms[i].extra} {
			if id != "" && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// anyRole reports whether one of the actors of mentions idx has the role
// code role ("MIL" in "SRBMIL").
func (x *engine) anyRole(c *sentenceCtx, idx []int, role string) bool {
	for _, i := range idx {
		a := c.table.byID[c.ms[i].actor]
		if a != nil && len(a.Code) >= 3+len(role) && a.Code[3:3+len(role)] == role {
			return true
		}
	}
	return false
}

// sameCountry reports whether every actor of a and b has the same
// country code (the first three letters of its code).
func (x *engine) sameCountry(c *sentenceCtx, a, b []int) bool {
	country := ""
	for _, i := range append(slices.Clone(a), b...) {
		ac := c.table.byID[c.ms[i].actor]
		if ac == nil || len(ac.Code) < 3 || ac.Code[:3] == "IGO" || ac.Code[:3] == "NGO" {
			return false
		}
		if country != "" && ac.Code[:3] != country {
			return false
		}
		country = ac.Code[:3]
	}
	return country != ""
}

func (x *engine) isMedia(id string) bool {
	for i := range x.kb.lex.Orgs {
		if x.kb.lex.Orgs[i].ID == id {
			return x.kb.lex.Orgs[i].Kind == KindMedia
		}
	}
	return false
}

func (x *engine) buildEvents(doc *Document, c *sentenceCtx, m *trigMatch, st *docState) []Event {
	t := m.ct.t
	src := x.ids(c, m.source)
	tgt := x.ids(c, m.target)
	// an actor is not its own partner
	var tg []string
	for _, id := range tgt {
		if !contains(src, id) {
			tg = append(tg, id)
		}
	}
	tgt = tg
	var s2 []string
	for _, id := range src {
		if !x.isMedia(id) {
			s2 = append(s2, id)
		}
	}
	src = s2
	if len(src) == 0 {
		return nil
	}
	if t.Frame == "say" && m.directed == "" {
		tgt = nil
	}
	// "the Badr Brigades denied that": the denial answers the accusation
	// made just before
	if t.Type == "deny" && len(tgt) == 0 && m.answers && st.accuser != "" && st.sentence-st.accusedAt <= 2 && !contains(src, st.accuser) {
		tgt = []string{st.accuser}
	}
	et, _ := LookupType(t.Type)
	if et.Symmetric && len(src)+len(tgt) < 2 && t.Type != "ceasefire" {
		return nil
	}
	// hosting refugees is no meeting with them; an army blocking a road
	// is no protest
	if t.Type == "meet" && m.directed == "" && (x.anyRole(c, m.target, "REF") || x.anyRole(c, m.target, "CVL")) {
		return nil
	}
	if t.Type == "protest" && (x.anyRole(c, m.source, "MIL") || x.anyRole(c, m.source, "COP")) {
		return nil
	}
	// a visit within one's own country ("Obama made a surprise visit to the
	// White House briefing room") is no visit between actors
	if t.Type == "visit" && m.directed == "" && x.sameCountry(c, m.source, m.target) {
		return nil
	}
	typ, cameo, rule := t.Type, t.CAMEO, t.ID
	if m.directed != "" {
		d, _ := LookupType(m.directed)
		et, typ, cameo, rule = d, d.Name, d.CAMEO, t.ID+">"+d.Name
	}
	// killing by armed forces is fighting (CAMEO 19, PLOVER FIGHT); by
	// others, an assault (CAMEO 18)
	if typ == "attack" && x.anyRole(c, m.source, "MIL") {
		f, _ := LookupType("fight")
		et, typ, cameo, rule = f, f.Name, "190", t.ID+">fight"
	}
	if m.refusal && t.Type != "reject" {
		// "refused to meet Kerry": a rejection of what was refused
		rej, _ := LookupType("reject")
		if len(tgt) == 0 && len(src) > 1 {
			src, tgt = src[:1], src[1:]
		}
		et, typ, cameo, rule = rej, rej.Name, rej.CAMEO, t.ID+">refused"
	}
	mention := Mention{Doc: doc.ID, Published: doc.Published, Sentence: c.span,
		Trigger: Span{c.toks[m.i].start, c.toks[m.j-1].end}, Rule: rule, Text: doc.Text[c.span.Start:c.span.End]}
	ev := Event{Type: typ, CAMEO: cameo, PLOVER: et.PLOVER, Source: src, Target: tgt, Date: m.date, DateEnd: m.dateEnd,
		Negated: m.negated, Outcome: m.outcome, Modality: m.modality, Confidence: 0.8, Mentions: []Mention{mention}}
	if ev.CAMEO == "" {
		ev.CAMEO = et.CAMEO
	}
	if typ == "meet" || typ == "visit" || typ == "negotiate" {
		ev.Location = x.location(c, m)
	}
	if m.modality == "intended" && (typ == "meet" || typ == "visit" || typ == "negotiate") {
		// "Zuma will visit Tripoli next week": no meeting yet, but CAMEO
		// 036, "express intent to meet or negotiate", in root 03 (type
		// pledge; PLOVER AGREE). The rule id still says which pattern.
		ev.Type, ev.CAMEO, ev.PLOVER = "pledge", "036", "AGREE"
	}
	out := []Event{ev}
	if t.Frame == "broker" && m.derived {
		parties := tgt
		if len(parties) == 0 && m.location != "" {
			parties = []string{m.location}
			out[0].Target = parties
		}
		if len(parties) > 0 {
			cf, _ := LookupType("ceasefire")
			ce := Event{Type: "ceasefire", CAMEO: cf.CAMEO, PLOVER: cf.PLOVER, Source: parties, Date: m.date,
				Negated: m.negated, Confidence: 0.7,
				Mentions: []Mention{{Doc: doc.ID, Published: doc.Published, Sentence: c.span, Trigger: mention.Trigger, Rule: t.ID + ">ceasefire", Text: mention.Text}}}
			out = append(out, ce)
		}
	}
	return out
}

// location returns the place of a meeting: "in China" after the trigger.
func (x *engine) location(c *sentenceCtx, m *trigMatch) string {
	for k := m.j; k+1 < len(c.toks); k++ {
		if c.toks[k].text == ";" {
			break
		}
		if c.toks[k].lower != "in" || k > 0 && ceasefireWords[c.toks[k-1].lower] {
			continue
		}
		if y, ok := c.startAt.get(k + 1); ok && (isCountryish(c.ms[y].ref.kind) || c.ms[y].ref.kind == refPlace || c.ms[y].rule == "actor.name") {
			return c.ms[y].actor
		}
	}
	return ""
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// eventKey identifies "the same interaction" within a document.
func eventKey(e *Event) string {
	et, _ := LookupType(e.Type)
	var parts []string
	if et.Symmetric {
		all := append(append([]string(nil), e.Source...), e.Target...)
		sort.Strings(all)
		parts = append(parts, strings.Join(all, ","))
	} else {
		s := append([]string(nil), e.Source...)
		t := append([]string(nil), e.Target...)
		sort.Strings(s)
		sort.Strings(t)
		parts = append(parts, strings.Join(s, ","), strings.Join(t, ","))
	}
	neg := "n"
	if e.Negated {
		neg = "y"
	}
	return e.Type + "|" + strings.Join(parts, "|") + "|" + neg
}

// mergeEvents makes one event of mentions of the same interaction: same
// type and actors, and dates that agree (or one of them unknown).
func mergeEvents(evs []Event, repeated []bool) []Event {
	var out []Event
	var keys []string // eventKey of out[i]; merging does not change it
	var reps []bool   // whether out[i] sums up several interactions
	for n, e := range evs {
		k := eventKey(&e)
		rep := n < len(repeated) && repeated[n]
		merged := false
		for i := range out {
			o := &out[i]
			if keys[i] != k || (o.Date != "" && e.Date != "" && o.Date != e.Date) || reps[i] != rep {
				continue
			}
			if o.Date == "" {
				o.Date = e.Date
			}
			if o.Location == "" {
				o.Location = e.Location
			}
			o.Mentions = append(o.Mentions, e.Mentions...)
			merged = true
			break
		}
		if !merged {
			out = append(out, e)
			keys = append(keys, k)
			reps = append(reps, rep)
		}
	}
	for i := range out {
		out[i].ID = eventID(&out[i])
		if len(out[i].Mentions) > 1 && out[i].Confidence < 0.95 {
			out[i].Confidence += 0.05
		}
	}
	return out
}

func eventID(e *Event) string {
	doc := ""
	if len(e.Mentions) > 0 {
		doc = e.Mentions[0].Doc
	}
	h := sha256.Sum256([]byte(doc + "|" + eventKey(e) + "|" + e.Date))
	return "ev-" + hex.EncodeToString(h[:8])
}
