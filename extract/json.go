package extract

import (
	"encoding/json"
	"io"
	"unicode/utf8"
)

// cpIndex converts byte offsets of one text into Unicode code-point offsets.
type cpIndex struct {
	text string
	// table[b] is the code-point offset of byte offset b; nil for ASCII
	// texts, where the two are the same.
	table []int32
}

func newCPIndex(text string) *cpIndex {
	ix := &cpIndex{text: text}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return ix
	}
	ix.table = make([]int32, len(text)+1)
	n := int32(0)
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		for j := 0; j < size; j++ {
			ix.table[i+j] = n
		}
		i += size
		n++
	}
	ix.table[len(text)] = n
	return ix
}

// cp returns the code-point offset of byte offset b.
func (ix *cpIndex) cp(b int) int {
	if b < 0 {
		return 0
	}
	if b > len(ix.text) {
		b = len(ix.text)
	}
	if ix.table == nil {
		return b
	}
	return int(ix.table[b])
}

func (ix *cpIndex) span(s Span) [2]int { return [2]int{ix.cp(s.Start), ix.cp(s.End)} }

type jsonSpan struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type jsonActor struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Code     string   `json:"code"`
	Kind     string   `json:"kind"`
	Aliases  []string `json:"aliases"`
	Mentions [][2]int `json:"mentions"`
}

type jsonTimex struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Rule  string `json:"rule,omitempty"`
}

type jsonEvent struct {
	ID         string        `json:"id"`
	Type       string        `json:"type"`
	CAMEO      string        `json:"cameo"`
	PLOVER     string        `json:"plover"`
	Source     []string      `json:"source"`
	Target     []string      `json:"target"`
	Date       string        `json:"date"`
	DateEnd    string        `json:"date_end,omitempty"`
	Negated    bool          `json:"negated"`
	Outcome    string        `json:"outcome,omitempty"`
	Modality   string        `json:"modality,omitempty"`
	Location   string        `json:"location,omitempty"`
	Confidence float64       `json:"confidence"`
	Sentence   jsonSpan      `json:"sentence"`
	Trigger    jsonSpan      `json:"trigger"`
	Rule       string        `json:"rule"`
	Mentions   []jsonMention `json:"mentions"`
}

type jsonMention struct {
	Sentence jsonSpan `json:"sentence"`
	Trigger  jsonSpan `json:"trigger"`
	Rule     string   `json:"rule"`
}

type jsonAnalysis struct {
	ID            string        `json:"id"`
	Published     string        `json:"published"`
	PublishedFrom string        `json:"published_from,omitempty"`
	Title         string        `json:"title,omitempty"`
	URL           string        `json:"url,omitempty"`
	Body          jsonSpan      `json:"body"`
	Actors        []jsonActor   `json:"actors"`
	Timexes       []jsonTimex   `json:"timexes"`
	Events        []jsonEvent   `json:"events"`
	Discarded     []jsonDiscard `json:"discarded,omitempty"`
}

// jsonDiscard is a sentence, or the whole body, that yielded no events
// because of the discard list.
type jsonDiscard struct {
	Kind  string `json:"kind"`
	Rule  string `json:"rule"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// MarshalJSON writes the analysis in the format of ../shared/eval/FORMAT.md,
// with code-point offsets.
func (a *Analysis) MarshalJSON() ([]byte, error) {
	ix := newCPIndex(a.Doc.Text)
	js := func(s Span) jsonSpan { return jsonSpan{ix.cp(s.Start), ix.cp(s.End)} }
	out := jsonAnalysis{
		ID:            a.Doc.ID,
		Published:     a.Doc.Published,
		PublishedFrom: a.Doc.PublishedFrom,
		Title:         a.Doc.Title,
		URL:           a.Doc.URL,
		Body:          js(a.Doc.Body),
		Actors:        []jsonActor{},
		Timexes:       []jsonTimex{},
		Events:        []jsonEvent{},
	}
	for _, ac := range a.Actors {
		ja := jsonActor{ID: ac.ID, Name: ac.Name, Code: ac.Code, Kind: ac.Kind, Aliases: ac.Aliases, Mentions: [][2]int{}}
		if ja.Aliases == nil {
			ja.Aliases = []string{}
		}
		for _, m := range ac.Mentions {
			ja.Mentions = append(ja.Mentions, ix.span(m))
		}
		out.Actors = append(out.Actors, ja)
	}
	for _, t := range a.Timexes {
		out.Timexes = append(out.Timexes, jsonTimex{t.Text, ix.cp(t.Span.Start), ix.cp(t.Span.End), t.Type, t.Value, t.Rule})
	}
	for _, e := range a.Events {
		je := jsonEvent{ID: e.ID, Type: e.Type, CAMEO: e.CAMEO, PLOVER: e.PLOVER,
			Source: e.Source, Target: e.Target, Date: e.Date, DateEnd: e.DateEnd, Negated: e.Negated,
			Outcome: e.Outcome, Modality: e.Modality, Location: e.Location, Confidence: e.Confidence,
			Mentions: []jsonMention{}}
		if je.Source == nil {
			je.Source = []string{}
		}
		if je.Target == nil {
			je.Target = []string{}
		}
		for i, m := range e.Mentions {
			if i == 0 {
				je.Sentence, je.Trigger, je.Rule = js(m.Sentence), js(m.Trigger), m.Rule
			}
			je.Mentions = append(je.Mentions, jsonMention{js(m.Sentence), js(m.Trigger), m.Rule})
		}
		out.Events = append(out.Events, je)
	}
	for _, d := range a.Discarded {
		sp := js(d.Span)
		out.Discarded = append(out.Discarded, jsonDiscard{d.Kind, d.Rule, sp.Start, sp.End})
	}
	return json.Marshal(out)
}

// WriteJSONL writes one analysis as one line of JSON.
func WriteJSONL(w io.Writer, a *Analysis) error {
	b, err := a.MarshalJSON()
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}
