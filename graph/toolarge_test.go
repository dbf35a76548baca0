package graph

import (
	"errors"
	"fmt"
	"testing"

	"github.com/chronograph/chronograph/extract"
)

// TestIngestTooLarge checks that a document too large for one transaction
// is reported with ErrTooLarge while the other documents still go in.
func TestIngestTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a document of 60,000 events")
	}
	s := mustOpen(t)
	big := &extract.Analysis{Doc: extract.Document{ID: "big", Published: "2016-09-05", Text: "Many meetings."}}
	for i := range 60000 {
		a, b := fmt.Sprintf("a-%d", i), fmt.Sprintf("b-%d", i)
		big.Actors = append(big.Actors, extract.Actor{ID: a, Name: a, Kind: extract.KindPerson}, extract.Actor{ID: b, Name: b, Kind: extract.KindPerson})
		big.Events = append(big.Events, extract.Event{ID: fmt.Sprintf("ev-%d", i), Type: "meet", CAMEO: "040", PLOVER: "CONSULT",
			Source: []string{a}, Target: []string{b}, Date: "2016-09-05",
			Mentions: []extract.Mention{{Doc: "big", Published: "2016-09-05", Rule: "meet.verb", Text: "Many meetings."}}})
	}
	small := &extract.Analysis{Doc: extract.Document{ID: "small", Published: "2016-09-05", Text: "Lavrov met Kerry."},
		Actors: []extract.Actor{{ID: "lavrov", Name: "Lavrov"}, {ID: "kerry", Name: "Kerry"}},
		Events: []extract.Event{{ID: "ev-s", Type: "meet", CAMEO: "040", PLOVER: "CONSULT", Source: []string{"lavrov"}, Target: []string{"kerry"},
			Date: "2016-09-05", Mentions: []extract.Mention{{Doc: "small", Published: "2016-09-05", Rule: "meet.verb", Text: "Lavrov met Kerry."}}}}}
	res, err := s.Ingest(t.Context(), []*extract.Analysis{big, small})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Ingest() error = %v, want ErrTooLarge", err)
	}
	if res.Documents != 1 {
		t.Errorf("Ingest() stored %d documents, want 1 (the small one)", res.Documents)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 1 || st.Events != 1 {
		t.Errorf("Stats() = %+v, want the small document and its one event", st)
	}
}
