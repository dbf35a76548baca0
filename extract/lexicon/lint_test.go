package lexicon

// Lint for the built-in data files: the data are reviewable text, so these
// tests keep them well-formed and free of conflicting aliases.
//
//   - every file has its expected header row, every data row exactly the
//     header's number of columns, no field or list element with surrounding
//     space and no empty list element;
//   - country codes are 3 upper-case letters, unique, and (TestCountriesISO,
//     when the Debian iso-codes package is installed) exactly the ISO 3166-1
//     alpha-3 codes plus the documented extra codes; an adjective names one
//     country only;
//   - metonym, organisation and people codes are a known country + a known
//     role code, or IGO/IMG/NGO + a short name, or MED (media, and only media);
//   - ids are lower-case and hyphenated; dates are YYYY-MM-DD with from <= to;
//   - every people.tsv office key is in offices.tsv, and a state role has one
//     only for an office with one holder at a time, whose holders do not
//     overlap (TestOfficeHolders);
//   - no alias (case-insensitive; names, aliases, plurals, adjectives and
//     capitals of countries, metonyms, organisations and people) names two
//     actors, except people whose roles carrying it do not overlap in time.

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// lintTable is a parsed data file: its header and data rows, with line numbers.
type lintTable struct {
	name   string
	header []string
	rows   [][]string
	lines  []int
}

// col returns the index of a column, failing the test if it is missing.
func (tb *lintTable) col(t *testing.T, name string) int {
	t.Helper()
	for i, h := range tb.header {
		if h == name {
			return i
		}
	}
	t.Fatalf("%s: no column %q in header %v", tb.name, name, tb.header)
	return -1
}

// lintReadTable reads data/<name> from Data: "#" lines are comments, the first
// other line is the header, and blank lines are skipped.
func lintReadTable(t *testing.T, name string) *lintTable {
	t.Helper()
	f, err := Data.Open("data/" + name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	tb := &lintTable{name: name}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if tb.header == nil {
			tb.header = fields
			continue
		}
		if len(fields) != len(tb.header) {
			t.Errorf("%s:%d: %d columns, header has %d: %q", name, n, len(fields), len(tb.header), line)
			continue
		}
		for i, fv := range fields {
			if fv != strings.TrimSpace(fv) {
				t.Errorf("%s:%d: column %s has surrounding space: %q", name, n, tb.header[i], fv)
			}
		}
		tb.rows = append(tb.rows, fields)
		tb.lines = append(tb.lines, n)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if tb.header == nil {
		t.Fatalf("%s: no header row", name)
	}
	return tb
}

// list splits a "|"-separated list; an empty field is an empty list.
func lintList(t *testing.T, tb *lintTable, line int, s string) []string {
	t.Helper()
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "|")
	for _, p := range parts {
		if p == "" || p != strings.TrimSpace(p) {
			t.Errorf("%s:%d: bad list element %q in %q", tb.name, line, p, s)
		}
	}
	return parts
}

func lintWantHeader(t *testing.T, tb *lintTable, cols ...string) {
	t.Helper()
	if strings.Join(tb.header, "\t") != strings.Join(cols, "\t") {
		t.Errorf("%s: header %q, want %q", tb.name, tb.header, cols)
	}
}

var (
	lintReCountry = regexp.MustCompile(`^[A-Z]{3}$`)
	lintReCode    = regexp.MustCompile(`^[A-Z]{3}[A-Z0-9]{0,9}$`)
	lintReID      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	lintReOffice  = regexp.MustCompile(`^[a-z][a-z0-9 -]*[a-z0-9]$`)
)

// lintPseudoCountries may stand in people.tsv's country column for a role that
// belongs to no state: an intergovernmental organisation's office (IGO), a
// transnational militant group (IMG) or a non-governmental body (NGO).
var lintPseudoCountries = map[string]bool{"IGO": true, "IMG": true, "NGO": true}

// lintRoles are the role codes appended to a country code (CAMEO-style).
var lintRoles = map[string]bool{
	"GOV": true, // government, executive
	"MIL": true, // armed forces
	"LEG": true, // legislature
	"JUD": true, // judiciary, courts, prosecutors
	"COP": true, // police, internal security
	"SPY": true, // intelligence services
	"SHI": true, // Shia Muslims (CAMEO religion code)
	"SUN": true, // Sunni Muslims (CAMEO religion code)
	"REB": true, // rebels, armed insurgents
	"OPP": true, // political opposition, protesters
	"PTY": true, // political parties
	"REL": true, // religious figures and bodies
	"ELI": true, // elites, former officials acting privately
	"CVL": true, // civilians, the public
	"MED": true, // media
	"BUS": true, // business
	"HLH": true, // health
	"EDU": true, // education
	"LAB": true, // labour
	"REF": true, // refugees
	"SEP": true, // separatists
	"IGO": true, // an organisation's office held within a state
}

// lintExtraCountryCodes are the codes in countries.tsv that are not current
// ISO 3166-1 alpha-3 codes: Kosovo's user-assigned code and withdrawn
// codes of states that the news of 1990-2026 still names.
var lintExtraCountryCodes = map[string]string{
	"XKX": "Kosovo (user-assigned code used by the EU and others)",
	"SUN": "Soviet Union (withdrawn 1992)",
	"YUG": "Yugoslavia (withdrawn 2003)",
	"SCG": "Serbia and Montenegro (withdrawn 2006)",
	"CSK": "Czechoslovakia (withdrawn 1993)",
	"DDR": "East Germany (withdrawn 1990)",
	"ANT": "Netherlands Antilles (withdrawn 2010)",
}

func lintParseDate(t *testing.T, tb *lintTable, line int, s string) (time.Time, bool) {
	t.Helper()
	if s == "" {
		return time.Time{}, false
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Errorf("%s:%d: bad date %q", tb.name, line, s)
		return time.Time{}, false
	}
	return d, true
}

// lintSpan is a closed date range; zero times mean open ends.
type lintSpan struct {
	from, to time.Time
}

func (a lintSpan) overlaps(b lintSpan) bool {
	// a.from <= b.to && b.from <= a.to, with open ends.
	if !a.from.IsZero() && !b.to.IsZero() && a.from.After(b.to) {
		return false
	}
	if !b.from.IsZero() && !a.to.IsZero() && b.from.After(a.to) {
		return false
	}
	return true
}

// lintOwner is one actor an alias names, with where it was seen.
type lintOwner struct {
	actor string // "country:RUS", "metonym:RUSGOV", "org:nato", "person:vladimir-putin"
	where string
	spans []lintSpan // for people: the role rows listing the alias
}

// lintAliases collects every surface form that names an actor.
type lintAliases map[string][]*lintOwner

func (al lintAliases) add(alias, actor, where string, span *lintSpan) {
	key := strings.ToLower(alias)
	for _, o := range al[key] {
		if o.actor == actor {
			if span != nil {
				o.spans = append(o.spans, *span)
			}
			return
		}
	}
	o := &lintOwner{actor: actor, where: where}
	if span != nil {
		o.spans = append(o.spans, *span)
	}
	al[key] = append(al[key], o)
}

// check reports aliases that name two actors, unless both are people whose
// dated roles carrying the alias do not overlap.
func (al lintAliases) check(t *testing.T) {
	t.Helper()
	keys := make([]string, 0, len(al))
	for k := range al {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		owners := al[k]
		for i := 0; i < len(owners); i++ {
			for j := i + 1; j < len(owners); j++ {
				a, b := owners[i], owners[j]
				if a.spans != nil && b.spans != nil && !lintSpansOverlap(a.spans, b.spans) {
					continue
				}
				t.Errorf("alias %q names both %s (%s) and %s (%s)", k, a.actor, a.where, b.actor, b.where)
			}
		}
	}
}

func lintSpansOverlap(a, b []lintSpan) bool {
	for _, x := range a {
		for _, y := range b {
			if x.overlaps(y) {
				return true
			}
		}
	}
	return false
}

type lintLexicon struct {
	countries, metonyms, offices, people, orgs, groups *lintTable
	countryCodes                                       map[string]bool
	officeKeys                                         map[string]bool
}

func lintLoad(t *testing.T) *lintLexicon {
	t.Helper()
	lx := &lintLexicon{
		countries: lintReadTable(t, "countries.tsv"),
		metonyms:  lintReadTable(t, "metonyms.tsv"),
		offices:   lintReadTable(t, "offices.tsv"),
		people:    lintReadTable(t, "people.tsv"),
		orgs:      lintReadTable(t, "organisations.tsv"),
		groups:    lintReadTable(t, "groups.tsv"),
	}
	lintWantHeader(t, lx.countries, "code", "name", "aliases", "adjectives", "plurals", "capitals")
	lintWantHeader(t, lx.metonyms, "alias", "country", "code")
	lintWantHeader(t, lx.offices, "surface", "office", "role")
	lintWantHeader(t, lx.people, "id", "name", "aliases", "country", "office", "code", "from", "to")
	lintWantHeader(t, lx.orgs, "id", "name", "kind", "code", "aliases")
	lintWantHeader(t, lx.groups, "noun", "role")
	lx.countryCodes = map[string]bool{}
	for i, r := range lx.countries.rows {
		if len(r) > 0 {
			if lx.countryCodes[r[0]] {
				t.Errorf("countries.tsv:%d: duplicate code %s", lx.countries.lines[i], r[0])
			}
			lx.countryCodes[r[0]] = true
		}
	}
	lx.officeKeys = map[string]bool{}
	if len(lx.offices.header) >= 2 {
		for _, r := range lx.offices.rows {
			lx.officeKeys[r[1]] = true
		}
	}
	return lx
}

func TestCountries(t *testing.T) {
	lx := lintLoad(t)
	tb := lx.countries
	adjOwner := map[string]string{}
	for i, r := range tb.rows {
		ln := tb.lines[i]
		if !lintReCountry.MatchString(r[0]) {
			t.Errorf("countries.tsv:%d: code %q is not 3 upper-case letters", ln, r[0])
		}
		if r[1] == "" {
			t.Errorf("countries.tsv:%d: empty name", ln)
		}
		for c := 2; c < len(r); c++ {
			lintList(t, tb, ln, r[c])
		}
		// An adjective must name one country only ("Korean" would name two).
		for _, a := range lintList(t, tb, ln, r[3]) {
			if o, ok := adjOwner[a]; ok && o != r[0] {
				t.Errorf("countries.tsv:%d: adjective %q also belongs to %s", ln, a, o)
			}
			adjOwner[a] = r[0]
		}
	}
	if len(tb.rows) < 240 {
		t.Errorf("countries.tsv: only %d rows", len(tb.rows))
	}
}

func TestMetonyms(t *testing.T) {
	lx := lintLoad(t)
	tb := lx.metonyms
	for i, r := range tb.rows {
		ln := tb.lines[i]
		if r[0] == "" {
			t.Errorf("metonyms.tsv:%d: empty alias", ln)
		}
		if !lx.countryCodes[r[1]] {
			t.Errorf("metonyms.tsv:%d: unknown country %q", ln, r[1])
		}
		if !lintReCode.MatchString(r[2]) || !strings.HasPrefix(r[2], r[1]) || !lintRoles[r[2][3:]] {
			t.Errorf("metonyms.tsv:%d: code %q is not %s + a role code", ln, r[2], r[1])
		}
	}
}

func TestOfficesAndGroups(t *testing.T) {
	lx := lintLoad(t)
	seen := map[string]bool{}
	for i, r := range lx.offices.rows {
		ln := lx.offices.lines[i]
		if r[0] == "" || seen[r[0]] {
			t.Errorf("offices.tsv:%d: empty or duplicate surface form %q", ln, r[0])
		}
		seen[r[0]] = true
		if !lintReOffice.MatchString(r[1]) {
			t.Errorf("offices.tsv:%d: office key %q is not lower-case words", ln, r[1])
		}
		if !lintRoles[r[2]] {
			t.Errorf("offices.tsv:%d: unknown role %q", ln, r[2])
		}
	}
	seen = map[string]bool{}
	for i, r := range lx.groups.rows {
		ln := lx.groups.lines[i]
		if r[0] == "" || seen[r[0]] || r[0] != strings.ToLower(r[0]) {
			t.Errorf("groups.tsv:%d: empty, duplicate or capitalised noun %q", ln, r[0])
		}
		seen[r[0]] = true
		if !lintRoles[r[1]] {
			t.Errorf("groups.tsv:%d: unknown role %q", ln, r[1])
		}
	}
}

// lintOrgKinds are the kinds of organisations.tsv: the extractor's actor
// kinds (extract.KindOrganisation and so on) that an organisation can have.
var lintOrgKinds = map[string]bool{"organisation": true, "armed group": true, "media": true, "government": true}

func TestOrganisations(t *testing.T) {
	lx := lintLoad(t)
	tb := lx.orgs
	ids := map[string]bool{}
	for i, r := range tb.rows {
		ln := tb.lines[i]
		if !lintReID.MatchString(r[0]) || ids[r[0]] {
			t.Errorf("organisations.tsv:%d: bad or duplicate id %q", ln, r[0])
		}
		ids[r[0]] = true
		if r[1] == "" {
			t.Errorf("organisations.tsv:%d: empty name", ln)
		}
		if !lintOrgKinds[r[2]] {
			t.Errorf("organisations.tsv:%d: unknown kind %q", ln, r[2])
		}
		code := r[3]
		switch {
		case !lintReCode.MatchString(code):
			t.Errorf("organisations.tsv:%d: bad code %q", ln, code)
		case code == "MED" || lintPseudoCountries[code[:3]] && len(code) > 3:
			// news media; IGO, IMG or NGO + short name
		case !lx.countryCodes[code[:3]] || !lintRoles[code[3:]]:
			t.Errorf("organisations.tsv:%d: code %q is neither MED, IGO/IMG/NGO + name nor a country + role", ln, code)
		}
		if (r[2] == "media") != (code == "MED") {
			t.Errorf("organisations.tsv:%d: kind %q with code %q: media and only media have code MED", ln, r[2], code)
		}
		lintList(t, tb, ln, r[4])
	}
}

func TestPeople(t *testing.T) {
	lx := lintLoad(t)
	tb := lx.people
	names := map[string]string{} // id -> name
	for i, r := range tb.rows {
		ln := tb.lines[i]
		id, name, country, office, code := r[0], r[1], r[3], r[4], r[5]
		if !lintReID.MatchString(id) {
			t.Errorf("people.tsv:%d: bad id %q", ln, id)
		}
		if n, ok := names[id]; ok && n != name {
			t.Errorf("people.tsv:%d: id %s has names %q and %q", ln, id, n, name)
		}
		names[id] = name
		if name == "" {
			t.Errorf("people.tsv:%d: empty name", ln)
		}
		lintList(t, tb, ln, r[2])
		if !lx.countryCodes[country] && !lintPseudoCountries[country] {
			t.Errorf("people.tsv:%d: unknown country %q", ln, country)
		}
		if office != "" && !lx.officeKeys[office] {
			t.Errorf("people.tsv:%d: office %q not in offices.tsv", ln, office)
		}
		if !lintReCode.MatchString(code) || !strings.HasPrefix(code, country) {
			t.Errorf("people.tsv:%d: code %q does not start with country %q", ln, code, country)
		} else if !lintPseudoCountries[country] && !lintRoles[code[3:]] {
			t.Errorf("people.tsv:%d: code %q: unknown role %q", ln, code, code[3:])
		}
		from, okf := lintParseDate(t, tb, ln, r[6])
		to, okt := lintParseDate(t, tb, ln, r[7])
		if !okf && r[6] == "" {
			t.Errorf("people.tsv:%d: empty from date", ln)
		}
		if okf && okt && to.Before(from) {
			t.Errorf("people.tsv:%d: from %s after to %s", ln, r[6], r[7])
		}
	}
	if len(names) < 300 {
		t.Errorf("people.tsv: only %d people", len(names))
	}
}

// TestAliases checks that no surface form names two different actors.
func TestAliases(t *testing.T) {
	lx := lintLoad(t)
	al := lintAliases{}
	for i, r := range lx.countries.rows {
		where := "countries.tsv:" + lintItoa(lx.countries.lines[i])
		actor := "country:" + r[0]
		al.add(r[1], actor, where, nil)
		for _, c := range []int{2, 3, 4, 5} {
			for _, a := range lintList(t, lx.countries, lx.countries.lines[i], r[c]) {
				al.add(a, actor, where, nil)
			}
		}
	}
	for i, r := range lx.metonyms.rows {
		al.add(r[0], "metonym:"+r[2], "metonyms.tsv:"+lintItoa(lx.metonyms.lines[i]), nil)
	}
	for i, r := range lx.orgs.rows {
		where := "organisations.tsv:" + lintItoa(lx.orgs.lines[i])
		actor := "org:" + r[0]
		al.add(r[1], actor, where, nil)
		for _, a := range lintList(t, lx.orgs, lx.orgs.lines[i], r[4]) {
			al.add(a, actor, where, nil)
		}
	}
	for i, r := range lx.people.rows {
		ln := lx.people.lines[i]
		where := "people.tsv:" + lintItoa(ln)
		actor := "person:" + r[0]
		var span lintSpan
		span.from, _ = lintParseDate(t, lx.people, ln, r[6])
		span.to, _ = lintParseDate(t, lx.people, ln, r[7])
		al.add(r[1], actor, where, &span)
		for _, a := range lintList(t, lx.people, ln, r[2]) {
			al.add(a, actor, where, &span)
		}
	}
	al.check(t)
}

func lintItoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestCountriesISO compares countries.tsv with the ISO 3166-1 list of the
// Debian iso-codes package, when it is installed.
func TestCountriesISO(t *testing.T) {
	const path = "/usr/share/iso-codes/json/iso_3166-1.json"
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip(path + " not installed (apt-get install iso-codes)")
	}
	if err != nil {
		t.Fatal(err)
	}
	var iso struct {
		Countries []struct {
			Alpha3 string `json:"alpha_3"`
			Name   string `json:"name"`
		} `json:"3166-1"`
	}
	if err := json.Unmarshal(b, &iso); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(iso.Countries) < 200 {
		t.Fatalf("%s: only %d countries", path, len(iso.Countries))
	}
	lx := lintLoad(t)
	isoCodes := map[string]bool{}
	for _, c := range iso.Countries {
		isoCodes[c.Alpha3] = true
		if !lx.countryCodes[c.Alpha3] {
			t.Errorf("countries.tsv lacks %s (%s)", c.Alpha3, c.Name)
		}
	}
	for code := range lx.countryCodes {
		if !isoCodes[code] && lintExtraCountryCodes[code] == "" {
			t.Errorf("countries.tsv: %s is neither ISO 3166-1 nor a documented extra code", code)
		}
	}
}

// lintSingleOffices are offices that one person holds at a time in a country
// (or, for IGO, in one organisation). The extractor resolves a title with a
// country and no name ("Russia's foreign minister") to whoever held the
// office on the publication date, so people.tsv gives a state role an office
// key only from this list; a role in an office with several holders at once
// (senators, envoys, generals, clerics, spokesmen) has an empty office.
var lintSingleOffices = map[string]bool{
	"president": true, "vice president": true, "prime minister": true,
	"chancellor": true, "foreign minister": true, "defence minister": true,
	"interior minister": true, "finance minister": true, "king": true,
	"emir": true, "crown prince": true, "supreme leader": true,
	"head of state": true, "pope": true, "chairman": true,
	"chief of staff": true, "national security adviser": true,
	"un ambassador": true, "army chief": true, "speaker": true,
	"party leader": true, "opposition leader": true, "rebel leader": true,
	"secretary-general": true, "high representative": true,
	"commission president": true, "council president": true,
	"director-general": true,
}

// lintSharedOffices lists the known exceptions: rival claimants.
var lintSharedOffices = map[string]string{
	"CIV|president|CIVGOV": "Gbagbo and Ouattara both claimed the presidency from December 2010 to April 2011",
}

// TestOfficeHolders checks that no two people hold a single-holder office of
// the same country and code at the same time. Terms are half-open here, so
// that a successor may take office on the day the predecessor leaves.
func TestOfficeHolders(t *testing.T) {
	lx := lintLoad(t)
	type term struct {
		id       string
		from, to time.Time
		line     int
	}
	terms := map[string][]term{}
	for i, r := range lx.people.rows {
		ln := lx.people.lines[i]
		if r[4] != "" && !lintSingleOffices[r[4]] && !lintPseudoCountries[r[3]] {
			t.Errorf("people.tsv:%d: %s: office %q can have several holders at once; leave it empty", ln, r[0], r[4])
		}
		if !lintSingleOffices[r[4]] {
			continue
		}
		from, _ := lintParseDate(t, lx.people, ln, r[6])
		to, _ := lintParseDate(t, lx.people, ln, r[7])
		key := r[3] + "|" + r[4] + "|" + r[5]
		terms[key] = append(terms[key], term{r[0], from, to, ln})
	}
	for key, ts := range terms {
		if lintSharedOffices[key] != "" {
			continue
		}
		for i := range ts {
			for j := i + 1; j < len(ts); j++ {
				a, b := ts[i], ts[j]
				if a.id == b.id {
					continue
				}
				// a.from < b.to && b.from < a.to, open ends unbounded.
				if (b.to.IsZero() || a.from.Before(b.to)) && (a.to.IsZero() || b.from.Before(a.to)) {
					t.Errorf("people.tsv:%d and %d: %s and %s both hold %s at once", a.line, b.line, a.id, b.id, key)
				}
			}
		}
	}
}
