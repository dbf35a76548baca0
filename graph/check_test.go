package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/go-cmp/cmp"
)

// mustCheck runs Check and fails the test on any problem.
func mustCheck(t testing.TB, s *Store) *CheckResult {
	t.Helper()
	res, err := s.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Errorf("Check() problems:\n%s", strings.Join(res.Problems, "\n"))
	}
	return res
}

func TestCheckClean(t *testing.T) {
	s := mustOpen(t)
	res := mustCheck(t, s)
	if res.Format != FormatVersion || res.Documents != 0 || res.Keys != 1 {
		t.Errorf("Check(new store) = %+v; want format %d and only the version key", res, FormatVersion)
	}
	mustIngest(t, s, fixture())
	res = mustCheck(t, s)
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	got := Stats{Documents: res.Documents, Actors: res.Actors, Events: res.Events, Relations: st.Relations}
	if got != st {
		t.Errorf("Check() counts %+v, Stats() %+v", got, st)
	}
	// Replacing and forgetting a document keeps the store consistent.
	as := fixture()
	as[0].Events = as[0].Events[1:]
	mustIngest(t, s, as[:1])
	mustCheck(t, s)
	if err := s.Forget("doc-2"); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s)
}

// TestCheckFindsProblems damages a store, one record or index key at a
// time, and expects Check to name the damage.
func TestCheckFindsProblems(t *testing.T) {
	meet := fixture()[0].Events[0]
	meetID := EventID(InteractionKey(&meet), meet.Date)
	meetGroup := groupID(InteractionKey(&meet))
	tests := []struct {
		name   string
		damage func(txn *badger.Txn) error
		want   string
	}{
		{"date index key gone", func(txn *badger.Txn) error {
			return txn.Delete(dateIndexKey(meet.Date, meetID))
		}, `event "` + meetID + `": no date index key`},
		{"date index key at the wrong date", func(txn *badger.Txn) error {
			if err := txn.Delete(dateIndexKey(meet.Date, meetID)); err != nil {
				return err
			}
			return txn.Set(dateIndexKey("2015", meetID), nil)
		}, `event "` + meetID + `": date index key`},
		{"actor index key gone", func(txn *badger.Txn) error {
			return txn.Delete(key(prefixActorIdx, "john-kerry", meetID))
		}, `event "` + meetID + `": no x/ key for its actor "john-kerry"`},
		{"stray document index key", func(txn *badger.Txn) error {
			return txn.Set(key(prefixDocIdx, "doc-9", meetID), nil)
		}, "y/ key doc-9/" + meetID + ": the event has no mention from the document"},
		{"index key for a missing event", func(txn *badger.Txn) error {
			return txn.Set(key(prefixActorIdx, "john-kerry", "ev-gone"), nil)
		}, "x/ key john-kerry/ev-gone: event not stored"},
		{"group key gone", func(txn *badger.Txn) error {
			return txn.Delete(key(prefixGroup, meetGroup, meet.Date))
		}, `event "` + meetID + `": no g/ key`},
		{"document record gone", func(txn *badger.Txn) error {
			return txn.Delete(key(prefixDoc, "doc-1"))
		}, `document "doc-1" not stored`},
		{"actor count off", func(txn *badger.Txn) error {
			var r actorRecord
			if err := get(tx(txn), key(prefixActor, "geneva"), &r); err != nil {
				return err
			}
			r.Docs = 7
			return put(tx(txn), key(prefixActor, "geneva"), &r)
		}, `actor "geneva": document count 7, but 1 documents index it`},
		{"actor gone", func(txn *badger.Txn) error {
			return txn.Delete(key(prefixActor, "john-kerry"))
		}, `actor "john-kerry" not stored`},
		{"undecodable event", func(txn *badger.Txn) error {
			return txn.Set(key(prefixEvent, meetID), []byte{formatVersion, '{'})
		}, `event "` + meetID + `": graph: decode`},
		{"record of an unknown version", func(txn *badger.Txn) error {
			return txn.Set(key(prefixDoc, "doc-1"), []byte{9, '{', '}'})
		}, `document "doc-1": graph: decode: unknown record version 9`},
		{"contribution gone", func(txn *badger.Txn) error {
			return txn.Delete(key(prefixContrib, meetGroup, meet.Date))
		}, `document "doc-1": no contribution to its group ` + meetGroup},
		{"format version gone", func(txn *badger.Txn) error {
			return txn.Delete(keyMeta)
		}, "format version: missing"},
		{"format version too new", func(txn *badger.Txn) error {
			return txn.Set(keyMeta, []byte{FormatVersion + 1})
		}, fmt.Sprintf("format version: format version %d is newer than this chronograph reads", FormatVersion+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(t.TempDir(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			mustIngest(t, s, fixture())
			if err := s.db.Update(tt.damage); err != nil {
				t.Fatal(err)
			}
			res, err := s.Check(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(res.Problems, "\n"), tt.want) {
				t.Errorf("Check() problems:\n%s\nwant one containing %q", strings.Join(res.Problems, "\n"), tt.want)
			}
		})
	}
}

// setMeta opens the badger database in dir directly and sets the format
// version key to v (nil deletes it), then adds key k if it is not nil.
func setMeta(t *testing.T, dir string, v []byte, k []byte) {
	t.Helper()
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		if k != nil {
			if err := txn.Set(k, []byte("x")); err != nil {
				return err
			}
		}
		if v == nil {
			return txn.Delete(keyMeta)
		}
		return txn.Set(keyMeta, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenFormat opens stores of every format version, and directories
// that hold no store: each is read or refused with a message that says
// what to do.
func TestOpenFormat(t *testing.T) {
	tests := []struct {
		name    string
		meta    []byte
		other   []byte // another key in the store
		wantErr string // "" means the store opens
	}{
		{"current", []byte{FormatVersion}, nil, ""},
		{"oldest read", []byte{MinFormatVersion}, nil, ""},
		{"older", []byte{MinFormatVersion - 1}, nil,
			`format version 2 is older than this chronograph reads (3 to 3): ingest the documents again into a new store`},
		{"newer", []byte{FormatVersion + 1}, nil,
			`format version 4 is newer than this chronograph reads (3 to 3): use a newer chronograph`},
		{"unreadable", []byte("v1"), nil, `unreadable format version 7631`},
		{"empty badger database", nil, nil, ""},
		{"another program's badger database", nil, []byte("user/1"),
			"not a chronograph store: a badger database without a chronograph format version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			setMeta(t, dir, tt.meta, tt.other)
			for _, ro := range []bool{false, true} {
				s, err := Open(dir, &Options{ReadOnly: ro})
				if tt.wantErr == "" {
					if err != nil {
						t.Fatalf("Open(read-only %v): %v", ro, err)
					}
					s.Close()
					continue
				}
				if err == nil {
					s.Close()
					t.Fatalf("Open(read-only %v) succeeded, want an error", ro)
				}
				want := `graph: store "` + dir + `": ` + tt.wantErr
				if !strings.HasPrefix(err.Error(), want) || !errors.Is(err, ErrFormat) {
					t.Errorf("Open(read-only %v) error = %q, want %q matching ErrFormat", ro, err, want)
				}
			}
		})
	}
}

// TestOpenNotAStore points Open at things that are not stores.
func TestOpenNotAStore(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.Mkdir(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(notes, f), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(notes, "a.txt")
	empty := t.TempDir()
	tests := []struct {
		dir     string
		wantErr string
	}{
		{notes, `graph: store "` + notes + `": not a chronograph store: the directory holds 2 other files and no database`},
		{file, `graph: open "` + file + `": not a directory`},
	}
	if _, err := Open(empty, &Options{ReadOnly: true}); err == nil || err.Error() != `graph: open "`+empty+`": empty directory, no store` {
		t.Errorf("Open(empty directory, read-only) error = %v", err)
	}
	for _, tt := range tests {
		for _, ro := range []bool{false, true} {
			s, err := Open(tt.dir, &Options{ReadOnly: ro})
			if err == nil {
				s.Close()
				t.Errorf("Open(%q, read-only %v) succeeded", tt.dir, ro)
				continue
			}
			if err.Error() != tt.wantErr {
				t.Errorf("Open(%q, read-only %v) error:\n%s\nwant\n%s", tt.dir, ro, err, tt.wantErr)
			}
		}
	}
	// Nothing was written into the user's directory.
	entries, err := os.ReadDir(notes)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"a.txt", "b.txt"}, names); diff != "" {
		t.Errorf("directory changed (-want +got):\n%s", diff)
	}
}
