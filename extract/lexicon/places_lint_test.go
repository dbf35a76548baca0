package lexicon

// Lint for data/places.tsv, the gazetteer of places that are not countries.
// The file is read here directly from Data, so that the checks do not depend
// on the loader:
//
//   - header row "id name country kind aliases", every row 5 columns, no
//     surrounding space, no empty list element;
//   - ids lower-case and hyphenated, unique;
//   - countries are codes of countries.tsv;
//   - kinds from placesKinds;
//   - no name or alias (case-insensitive) names two places, or is repeated
//     within one row;
//   - no name or alias is a country's name, alias, adjective, plural or
//     capital, or a surface form of metonyms.tsv, organisations.tsv or
//     people.tsv;
//   - no name or alias is a lower-case English word: the stop and boilerplate
//     word lists and placesCommonWords always, and the Debian word list when
//     it is installed (TestPlacesDictWords).

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// placesKinds are the kinds of places.tsv.
var placesKinds = map[string]bool{
	"city": true, "region": true, "province": true, "territory": true,
	"sea": true, "border": true, "facility": true,
}

// placesCommonWords are lower-case English words that are also names of
// places, left out of places.tsv on purpose; the list keeps them out without
// the Debian word list.
var placesCommonWords = []string{
	"acre", "bath", "batman", "bender", "canton", "colon", "cork", "fez",
	"hail", "hit", "hue", "limerick", "madras", "mobile", "moron", "muse",
	"nice", "orange", "pale", "perm", "reading", "ream", "rota", "salt",
	"sake", "shire", "split", "swat", "tank", "tartar", "tours", "tubas", "van",
}

// placesDictExceptions are places.tsv names that the Debian word list has as
// lower-case words too, kept because the place is the main sense in news and
// single words match as written.
var placesDictExceptions = map[string]bool{
	"mecca": true, "shanghai": true, "wales": true, "oxford": true,
	"cologne": true, "bologna": true, "tangier": true, "phoenix": true,
}

var placesReID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// placesTable is a data file read from Data: header and rows, with line numbers.
type placesTable struct {
	header []string
	rows   [][]string
	lines  []int
}

// placesRead reads data/<name>: "#" lines are comments, blank lines are
// skipped, the first other line is the header.
func placesRead(t *testing.T, name string) *placesTable {
	t.Helper()
	f, err := Data.Open("data/" + name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	tb := &placesTable{}
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

// placesSplit splits a "|"-separated list; an empty field is an empty list.
func placesSplit(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// placesForms returns the name and aliases of a well-formed places.tsv row.
func placesForms(r []string) []string {
	return append([]string{r[1]}, placesSplit(r[4])...)
}

// placesLoad reads places.tsv and checks its shape, returning the rows that
// have the header's 5 columns.
func placesLoad(t *testing.T) *placesTable {
	t.Helper()
	tb := placesRead(t, "places.tsv")
	want := []string{"id", "name", "country", "kind", "aliases"}
	if strings.Join(tb.header, "\t") != strings.Join(want, "\t") {
		t.Fatalf("places.tsv: header %q, want %q", tb.header, want)
	}
	ok := &placesTable{header: tb.header}
	for i, r := range tb.rows {
		ln := tb.lines[i]
		if len(r) != len(want) {
			t.Errorf("places.tsv:%d: %d columns, want %d: %q", ln, len(r), len(want), strings.Join(r, "\t"))
			continue
		}
		for c, v := range r {
			if v != strings.TrimSpace(v) {
				t.Errorf("places.tsv:%d: column %s has surrounding space: %q", ln, want[c], v)
			}
		}
		for _, a := range placesSplit(r[4]) {
			if a == "" || a != strings.TrimSpace(a) {
				t.Errorf("places.tsv:%d: bad alias %q in %q", ln, a, r[4])
			}
		}
		ok.rows = append(ok.rows, r)
		ok.lines = append(ok.lines, ln)
	}
	return ok
}

func TestPlaces(t *testing.T) {
	tb := placesLoad(t)
	countries := placesRead(t, "countries.tsv")
	codes := map[string]bool{}
	for _, r := range countries.rows {
		codes[r[0]] = true
	}
	if len(codes) < 240 {
		t.Fatalf("countries.tsv: only %d codes", len(codes))
	}
	ids := map[string]int{}
	owner := map[string]string{} // lower-case form -> id
	for i, r := range tb.rows {
		ln := tb.lines[i]
		id, name, country, kind := r[0], r[1], r[2], r[3]
		if !placesReID.MatchString(id) {
			t.Errorf("places.tsv:%d: id %q is not lower-case and hyphenated", ln, id)
		}
		if prev, ok := ids[id]; ok {
			t.Errorf("places.tsv:%d: id %q already on line %d", ln, id, prev)
		}
		ids[id] = ln
		if name == "" {
			t.Errorf("places.tsv:%d: %s: empty name", ln, id)
		}
		if !codes[country] {
			t.Errorf("places.tsv:%d: %s: country %q is not in countries.tsv", ln, id, country)
		}
		if !placesKinds[kind] {
			t.Errorf("places.tsv:%d: %s: unknown kind %q", ln, id, kind)
		}
		seen := map[string]bool{}
		for _, f := range placesForms(r) {
			k := strings.ToLower(f)
			if seen[k] {
				t.Errorf("places.tsv:%d: %s: %q repeated in the row", ln, id, f)
			}
			seen[k] = true
			if o, ok := owner[k]; ok && o != id {
				t.Errorf("places.tsv:%d: %q names both %s and %s", ln, f, o, id)
			}
			owner[k] = id
		}
	}
	if len(tb.rows) < 500 {
		t.Errorf("places.tsv: only %d places", len(tb.rows))
	}
}

// TestPlacesActors checks that no place name or alias is a surface form of a
// country (name, alias, adjective, plural, capital) or of an actor of
// metonyms.tsv, organisations.tsv or people.tsv.
func TestPlacesActors(t *testing.T) {
	tb := placesLoad(t)
	actors := map[string]string{} // lower-case form -> where
	add := func(form, where string) {
		if form != "" {
			actors[strings.ToLower(form)] = where
		}
	}
	addTable := func(name string, cols ...int) {
		at := placesRead(t, name)
		for i, r := range at.rows {
			where := name + ":" + strconv.Itoa(at.lines[i])
			for _, c := range cols {
				if c >= len(r) {
					continue
				}
				for _, f := range placesSplit(r[c]) {
					add(f, where)
				}
			}
		}
	}
	addTable("countries.tsv", 1, 2, 3, 4, 5) // name, aliases, adjectives, plurals, capitals
	addTable("metonyms.tsv", 0)              // alias
	addTable("organisations.tsv", 1, 4)      // name, aliases
	addTable("people.tsv", 1, 2)             // name, aliases
	for i, r := range tb.rows {
		for _, f := range placesForms(r) {
			if where, ok := actors[strings.ToLower(f)]; ok {
				t.Errorf("places.tsv:%d: %s: %q is also a form in %s", tb.lines[i], r[0], f, where)
			}
		}
	}
}

// placesCheckWords reports place names and aliases that are in words (keys
// lower-case), except those in allow.
func placesCheckWords(t *testing.T, tb *placesTable, words map[string]bool, allow map[string]bool, source string) {
	t.Helper()
	for i, r := range tb.rows {
		for _, f := range placesForms(r) {
			k := strings.ToLower(f)
			if words[k] && !allow[k] {
				t.Errorf("places.tsv:%d: %s: %q is a lower-case word (%s)", tb.lines[i], r[0], f, source)
			}
		}
	}
}

// TestPlacesWords checks place names against the built-in word lists.
func TestPlacesWords(t *testing.T) {
	tb := placesLoad(t)
	words := map[string]bool{}
	for _, w := range placesCommonWords {
		words[w] = true
	}
	for _, name := range []string{"words_stop.txt", "words_boilerplate.txt"} {
		b, err := fs.ReadFile(Data, "data/"+name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line != "" && !strings.HasPrefix(line, "#") {
				words[strings.ToLower(line)] = true
			}
		}
	}
	placesCheckWords(t, tb, words, nil, "built-in word lists")
}

// TestPlacesDictWords checks place names against the lower-case entries of the
// Debian word list, when it is installed.
func TestPlacesDictWords(t *testing.T) {
	const path = "/usr/share/dict/american-english"
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip(path + " not installed (apt-get install wamerican)")
	}
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, w := range strings.Split(string(b), "\n") {
		w = strings.TrimSpace(w)
		if w != "" && w == strings.ToLower(w) {
			words[w] = true
		}
	}
	if len(words) < 10000 {
		t.Fatalf("%s: only %d lower-case words", path, len(words))
	}
	placesCheckWords(t, placesLoad(t), words, placesDictExceptions, path)
}
