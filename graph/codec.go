package graph

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/chronograph/chronograph/extract"
)

// Codec. A value is one format-version byte followed by the binary encoding
// of a record: fields in a fixed order, strings and lists as a uvarint
// length (or count) and their contents, integers as varints, the
// confidence as 8 bytes (IEEE 754, little endian), flags as one byte.
// Within a list of mentions, a document id or publication date equal to
// the one of the mention before it is written as the single byte 0 (a
// string is written as its length plus one). Readers reject versions they
// do not know, trailing bytes, and lengths beyond the value.
const formatVersion = 3

// errCorrupt is what a decoder reports for a value that ends early or
// holds a length or count beyond it.
var errCorrupt = errors.New("truncated or malformed value")

func encode(v any) ([]byte, error) {
	e := &encoder{b: make([]byte, 1, 256)}
	e.b[0] = formatVersion
	switch r := v.(type) {
	case *docRecord:
		e.docRecord(r)
	case *actorRecord:
		e.actor(&r.Actor)
		e.int(r.Docs)
	case *extract.Event:
		e.event(r)
	case *partRecord:
		e.str(r.Key)
		e.int(r.N)
		e.int(r.Dated)
		e.int(r.Asserted)
		e.event(&r.Lead)
		e.int(r.LeadOrd)
		e.str(r.Place)
		e.mention(&r.PlaceAt)
		e.int(r.PlaceOrd)
		e.float(r.Conf)
		e.int(r.ConfN)
	case *docContrib:
		e.contrib(r)
	case *undatedRecord:
		e.uint(len(r.Docs))
		for _, u := range r.Docs {
			e.str(u.Doc)
			e.strs(u.At)
		}
	default:
		return nil, fmt.Errorf("graph: encode: no codec for %T", v)
	}
	return e.b, nil
}

func decode(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("graph: decode: empty value")
	}
	if b[0] != formatVersion {
		return fmt.Errorf("graph: decode: unknown record version %d", b[0])
	}
	d := &decoder{b: b[1:]}
	switch r := v.(type) {
	case *docRecord:
		d.docRecord(r)
	case *actorRecord:
		d.actor(&r.Actor)
		r.Docs = d.int()
	case *extract.Event:
		d.event(r)
	case *partRecord:
		r.Key = d.str()
		r.N = d.int()
		r.Dated = d.int()
		r.Asserted = d.int()
		d.event(&r.Lead)
		r.LeadOrd = d.int()
		r.Place = d.str()
		d.mention(&r.PlaceAt)
		r.PlaceOrd = d.int()
		r.Conf = d.float()
		r.ConfN = d.int()
	case *docContrib:
		d.contrib(r)
	case *undatedRecord:
		r.Docs = make([]undatedRef, d.count())
		for i := range r.Docs {
			r.Docs[i].Doc = d.str()
			r.Docs[i].At = d.strs()
		}
	default:
		return fmt.Errorf("graph: decode: no codec for %T", v)
	}
	if d.err == nil && len(d.b) > 0 {
		d.err = fmt.Errorf("%d bytes after the record", len(d.b))
	}
	if d.err != nil {
		return fmt.Errorf("graph: decode: %v", d.err)
	}
	return nil
}

type encoder struct{ b []byte }

func (e *encoder) uint(n int)   { e.b = binary.AppendUvarint(e.b, uint64(n)) }
func (e *encoder) int(n int)    { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *encoder) str(s string) { e.uint(len(s)); e.b = append(e.b, s...) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) strs(ss []string) {
	e.uint(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

// ref writes s, or 0 when it equals prev.
func (e *encoder) ref(s, prev string) {
	if s == prev {
		e.b = append(e.b, 0)
		return
	}
	e.uint(len(s) + 1)
	e.b = append(e.b, s...)
}

func (e *encoder) span(s extract.Span) { e.int(s.Start); e.int(s.End) }

func (e *encoder) float(f float64) {
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f))
}

func (e *encoder) mention(m *extract.Mention) {
	e.str(m.Doc)
	e.str(m.Published)
	e.span(m.Sentence)
	e.span(m.Trigger)
	e.str(m.Rule)
	e.str(m.Text)
}

func (e *encoder) event(v *extract.Event) {
	e.str(v.ID)
	e.str(v.Type)
	e.str(v.CAMEO)
	e.str(v.PLOVER)
	e.strs(v.Source)
	e.strs(v.Target)
	e.str(v.Date)
	e.str(v.DateEnd)
	e.bool(v.Negated)
	e.str(v.Outcome)
	e.str(v.Modality)
	e.str(v.Location)
	e.float(v.Confidence)
	e.uint(len(v.Mentions))
	var doc, pub string
	for i := range v.Mentions {
		m := &v.Mentions[i]
		e.ref(m.Doc, doc)
		e.ref(m.Published, pub)
		doc, pub = m.Doc, m.Published
		e.span(m.Sentence)
		e.span(m.Trigger)
		e.str(m.Rule)
		e.str(m.Text)
	}
}

func (e *encoder) contrib(c *docContrib) {
	e.str(c.Doc)
	e.uint(len(c.Events))
	for j := range c.Events {
		e.event(&c.Events[j])
	}
	e.uint(len(c.Ords))
	for _, o := range c.Ords {
		e.int(o)
	}
}

func (e *encoder) actor(a *extract.Actor) {
	e.str(a.ID)
	e.str(a.Name)
	e.str(a.Kind)
	e.str(a.Code)
	e.strs(a.Aliases)
	e.uint(len(a.Mentions))
	for _, s := range a.Mentions {
		e.span(s)
	}
}

func (e *encoder) docRecord(r *docRecord) {
	d := &r.Doc
	e.str(d.ID)
	e.str(d.URL)
	e.str(d.Title)
	e.str(d.Source)
	e.str(d.Published)
	e.str(d.PublishedFrom)
	e.str(d.Text)
	e.span(d.Body)
	e.str(d.Origin)
	e.str(r.Hash)
	e.strs(r.Actors)
	e.bool(r.Groups != nil)
	e.strs(r.Groups)
	e.uint(len(r.Timexes))
	for _, t := range r.Timexes {
		e.str(t.Text)
		e.span(t.Span)
		e.str(t.Type)
		e.str(t.Value)
		e.str(t.Rule)
	}
	e.uint(len(r.Parts))
	for _, p := range r.Parts {
		e.str(p.G)
		e.str(p.Key)
		e.strs(p.Dates)
		e.strs(p.Days)
	}
}

// A decoder reads what an encoder wrote. The first error sticks; after it
// every read returns a zero value.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) int() int {
	n, k := binary.Varint(d.b)
	if k <= 0 || n != int64(int(n)) {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

// count reads a list length; every element takes at least one byte, so a
// count beyond the bytes left is corrupt (and never allocated).
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) bytes(n uint64) string {
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) str() string { return d.bytes(d.uvarint()) }

func (d *decoder) bool() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) ref(prev string) string {
	n := d.uvarint()
	if n == 0 {
		return prev
	}
	return d.bytes(n - 1)
}

func (d *decoder) span() extract.Span {
	s := d.int()
	return extract.Span{Start: s, End: d.int()}
}

// float reads a confidence: a number, not NaN or infinite.
func (d *decoder) float() float64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	if math.IsNaN(f) || math.IsInf(f, 0) {
		if d.err == nil {
			d.err = errors.New("confidence is not a number")
		}
		d.b = nil
		return 0
	}
	return f
}

func (d *decoder) mention(m *extract.Mention) {
	m.Doc = d.str()
	m.Published = d.str()
	m.Sentence = d.span()
	m.Trigger = d.span()
	m.Rule = d.str()
	m.Text = d.str()
}

func (d *decoder) event(v *extract.Event) {
	v.ID = d.str()
	v.Type = d.str()
	v.CAMEO = d.str()
	v.PLOVER = d.str()
	v.Source = d.strs()
	v.Target = d.strs()
	v.Date = d.str()
	v.DateEnd = d.str()
	v.Negated = d.bool()
	v.Outcome = d.str()
	v.Modality = d.str()
	v.Location = d.str()
	v.Confidence = d.float()
	n := d.count()
	if n == 0 {
		v.Mentions = nil
		return
	}
	v.Mentions = make([]extract.Mention, n)
	var doc, pub string
	for i := range v.Mentions {
		m := &v.Mentions[i]
		m.Doc = d.ref(doc)
		m.Published = d.ref(pub)
		doc, pub = m.Doc, m.Published
		m.Sentence = d.span()
		m.Trigger = d.span()
		m.Rule = d.str()
		m.Text = d.str()
	}
}

func (d *decoder) contrib(c *docContrib) {
	c.Doc = d.str()
	if n := d.count(); n > 0 {
		c.Events = make([]extract.Event, n)
		for j := range c.Events {
			d.event(&c.Events[j])
		}
	}
	if n := d.count(); n > 0 {
		c.Ords = make([]int, n)
		for j := range c.Ords {
			c.Ords[j] = d.int()
		}
	}
}

func (d *decoder) actor(a *extract.Actor) {
	a.ID = d.str()
	a.Name = d.str()
	a.Kind = d.str()
	a.Code = d.str()
	a.Aliases = d.strs()
	if n := d.count(); n > 0 {
		a.Mentions = make([]extract.Span, n)
		for i := range a.Mentions {
			a.Mentions[i] = d.span()
		}
	}
}

func (d *decoder) docRecord(r *docRecord) {
	doc := &r.Doc
	doc.ID = d.str()
	doc.URL = d.str()
	doc.Title = d.str()
	doc.Source = d.str()
	doc.Published = d.str()
	doc.PublishedFrom = d.str()
	doc.Text = d.str()
	doc.Body = d.span()
	doc.Origin = d.str()
	r.Hash = d.str()
	r.Actors = d.strs()
	hasGroups := d.bool()
	r.Groups = d.strs()
	if hasGroups && r.Groups == nil {
		r.Groups = []string{}
	}
	if n := d.count(); n > 0 {
		r.Timexes = make([]extract.Timex, n)
		for i := range r.Timexes {
			t := &r.Timexes[i]
			t.Text = d.str()
			t.Span = d.span()
			t.Type = d.str()
			t.Value = d.str()
			t.Rule = d.str()
		}
	}
	if n := d.count(); n > 0 {
		r.Parts = make([]docPart, n)
		for i := range r.Parts {
			p := &r.Parts[i]
			p.G = d.str()
			p.Key = d.str()
			p.Dates = d.strs()
			p.Days = d.strs()
		}
	}
}
