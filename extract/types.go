package extract

// A Span is a half-open range [Start, End) of byte offsets into a
// Document's Text. The JSON output converts spans to Unicode code-point
// offsets, as ../shared/eval/FORMAT.md asks.
type Span struct {
	Start, End int
}

// Len returns the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// A Document is one news article.
type Document struct {
	ID        string // given, or a content hash of the text
	URL       string
	Title     string
	Source    string // outlet or origin of the text
	Published string // publication date YYYY-MM-DD, or "" when unknown
	// PublishedFrom says where Published came from: "input" (the document
	// itself carried it), "flag" (--published), "" when unknown.
	PublishedFrom string
	Text          string
	// Body is the span of the article body within Text: trailing
	// boilerplate (donation appeals, newsletter prompts, footers) is outside it.
	// The zero Span means "not computed yet"; Extract fills it in.
	Body Span
	// Origin names where the document was read from (file name and line),
	// for error messages and provenance. It is not part of the analysis.
	Origin string
}

// Actor kinds.
const (
	KindPerson       = "person"
	KindCountry      = "country"
	KindGovernment   = "government"
	KindOrganisation = "organisation"
	KindArmedGroup   = "armed group"
	KindMedia        = "media"
	KindPlace        = "place"
	KindUnknown      = "unknown"
)

// An Actor is a person, country, government, organisation or group that takes
// part in events.
type Actor struct {
	ID       string   // stable id, e.g. "sergei-lavrov"
	Name     string   // canonical name
	Kind     string   // one of the Kind constants
	Code     string   // CAMEO-style code: "USA", "RUSGOV", "SYRREB"
	Aliases  []string // other names seen or known
	Mentions []Span   // where the actor is mentioned in the document
}

// A Timex is a TIMEX3 time expression found in a text.
type Timex struct {
	Text  string
	Span  Span
	Type  string // DATE, TIME, DURATION, SET
	Value string // TIMEX3 value: 2016-09-05, 2016-02, PAST_REF, P3D, ...
	Rule  string // id of the rule that recognised it
}

// A Mention is one place where an event is reported.
type Mention struct {
	Doc       string // document id
	Published string // the document's publication date: when it was reported
	Sentence  Span
	Trigger   Span
	Rule      string // id of the trigger pattern that fired
	Text      string // the sentence text
}

// An Event is one interaction between actors.
type Event struct {
	ID     string
	Type   string // see Types
	CAMEO  string
	PLOVER string
	Source []string // actor ids
	Target []string // actor ids
	// Date is a TIMEX3 value taken from the event's own clause, or "" when
	// the text does not say when. It is never the publication date, except
	// for standing relations (ally) observed on that date.
	Date string
	// DateEnd is the end of a range ("from 2011 to 2014"), or "".
	DateEnd    string
	Negated    bool
	Outcome    string // "" or "failed"
	Modality   string // "" (asserted), "intended", "possible"
	Location   string // actor id of the place, if known
	Confidence float64
	Mentions   []Mention
}

// An Analysis is what Extract finds in one document.
type Analysis struct {
	Doc     Document
	Actors  []Actor
	Timexes []Timex
	Events  []Event
	// Discarded lists the sentences, or the whole body, that the discard
	// list kept from yielding events (sports results, obituaries,
	// historical chronologies).
	Discarded []Discard
}

// Actor returns the actor with the given id, or nil.
func (a *Analysis) Actor(id string) *Actor {
	for i := range a.Actors {
		if a.Actors[i].ID == id {
			return &a.Actors[i]
		}
	}
	return nil
}
