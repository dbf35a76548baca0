package graph

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronograph/chronograph/extract"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzCodec checks the store's record codec and key layout on arbitrary
// bytes: decoding never panics, whatever decodes encodes back to the same
// record, keys split back into the ids they were built from, date keys
// have their fixed width and order dates consistently, and edge values
// parse back. Seeds are the encoded records of the test fixture.
func FuzzCodec(f *testing.F) {
	for _, a := range fixture() {
		b, _ := encode(&docRecord{Doc: a.Doc, Hash: "h", Actors: []string{"x"}, Groups: []string{}})
		f.Add(b, a.Doc.ID, a.Doc.Published)
		for _, ac := range a.Actors {
			b, _ := encode(&actorRecord{Actor: ac, Docs: 2})
			f.Add(b, ac.ID, "")
		}
		for _, e := range a.Events {
			b, _ := encode(&e)
			f.Add(b, e.ID, e.Date)
			f.Add(edgeValue(&e), e.Type, e.Date)
			pr := partRecord{Key: InteractionKey(&e)}
			pr.add(e, 0)
			b, _ = encode(&pr)
			f.Add(b, groupID(InteractionKey(&e)), e.Date)
			b, _ = encode(&docContrib{Doc: "d", Events: []extract.Event{e, e}, Ords: []int{0, 3}})
			f.Add(b, "d", e.Date)
		}
	}
	f.Add([]byte{}, "", "")
	f.Add([]byte{formatVersion}, "a\x00b", "2016-W53")
	f.Add([]byte{formatVersion, 'n', 'u', 'l', 'l'}, "\xff", "2016-Q5")
	f.Add([]byte{2, '{', '}'}, "é", "XXXX-XX-XX")
	f.Add([]byte("E\x00\x00\x00\x00"), "", "2016-13-45T99:99")

	opts := cmp.Options{cmpopts.EquateEmpty()}
	f.Fuzz(func(t *testing.T, b []byte, id, date string) {
		// Decoding arbitrary bytes into every record kind: no panic, and a
		// record that decodes survives a round trip.
		roundTrip := func(v, w any) {
			if err := decode(b, v); err != nil {
				if !strings.HasPrefix(err.Error(), "graph: decode: ") {
					t.Errorf("decode error %q does not say where it comes from", err)
				}
				return
			}
			enc, err := encode(v)
			if err != nil {
				if utf8.Valid(b) {
					t.Errorf("encode(decode(%q)): %v", b, err)
				}
				return
			}
			if err := decode(enc, w); err != nil {
				t.Fatalf("decode(encode(decode(%q))): %v", b, err)
			}
			if diff := cmp.Diff(v, w, opts); diff != "" {
				t.Errorf("round trip of %q (-first +second):\n%s", b, diff)
			}
		}
		roundTrip(&docRecord{}, &docRecord{})
		roundTrip(&actorRecord{}, &actorRecord{})
		roundTrip(&extract.Event{}, &extract.Event{})
		roundTrip(&partRecord{}, &partRecord{})
		roundTrip(&undatedRecord{}, &undatedRecord{})
		roundTrip(&docContrib{}, &docContrib{})

		// Keys: ids without the separator come back out.
		if !strings.ContainsRune(id, sep) && !strings.ContainsRune(date, sep) {
			k := key(prefixActorIdx, id, date)
			a, rest, ok := split2(k, prefixActorIdx)
			if !ok || a != id || rest != date || lastPart(k) != date {
				t.Errorf("key(%q, %q) = %q splits into %q, %q, %v", id, date, k, a, rest, ok)
			}
			if !bytes.HasPrefix(k, pairPrefix(prefixActorIdx, id)) {
				t.Errorf("key %q lacks its pair prefix", k)
			}
		}

		// Date keys: fixed width, and an order that agrees with itself.
		dk := dateKey(date)
		if len(dk) != dateWidth {
			t.Errorf("dateKey(%q) is %d bytes", date, len(dk))
		}
		ik := dateIndexKey(date, id)
		if !bytes.HasPrefix(ik, prefixDate) || string(ik[len(prefixDate)+dateWidth:]) != id {
			t.Errorf("dateIndexKey(%q, %q) = %q", date, id, ik)
		}
		if c1, c2 := CompareDates(date, id), CompareDates(id, date); c1 != -c2 {
			t.Errorf("CompareDates(%q, %q) = %d but reversed %d", date, id, c1, c2)
		}
		if Dated(date) != (calendarDate(date) != "") {
			t.Errorf("Dated(%q) disagrees with calendarDate", date)
		}
		if Dated(date) {
			if !inWindow(date, "", "") || !inWindow(date, calendarDate(date), calendarDate(date)) {
				t.Errorf("%q is not in its own window", date)
			}
		}

		// Edge values: arbitrary bytes parse or are refused; what an event
		// writes parses back.
		var e extract.Event
		parseEdgeValue(b, &e)
		if !strings.ContainsAny(id+date, "\x00\x01") {
			ev := extract.Event{Type: id, Negated: len(b)%2 == 1, Source: []string{id}, Target: []string{date}, Date: date}
			var back extract.Event
			if !parseEdgeValue(edgeValue(&ev), &back) {
				t.Fatalf("parseEdgeValue(edgeValue(%+v)) failed", ev)
			}
			want := ev
			if date == "" {
				want.Target = nil
			}
			if id == "" {
				want.Source = nil
			}
			if diff := cmp.Diff(want, back, opts); diff != "" {
				t.Errorf("edge value round trip (-want +got):\n%s", diff)
			}
		}
	})
}
