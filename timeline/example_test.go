package timeline_test

import (
	"log"
	"os"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/timeline"
)

// A timeline for TimelineJS: the February event stays a month.
func ExampleWriteWith() {
	actors := map[string]extract.Actor{
		"sergei-lavrov": {ID: "sergei-lavrov", Name: "Sergei Lavrov"},
		"john-kerry":    {ID: "john-kerry", Name: "John Kerry"},
	}
	events := []extract.Event{
		{ID: "ev-1", Type: "meet", Date: "2016-09-09", Source: []string{"sergei-lavrov", "john-kerry"},
			Mentions: []extract.Mention{{Doc: "doc-1", Text: "Lavrov and Kerry met in Geneva on Friday."}}},
		{ID: "ev-2", Type: "negotiate", Date: "2016-02", Source: []string{"john-kerry"}, Target: []string{"sergei-lavrov"}},
	}
	t := timeline.Build(events, actors)
	if err := timeline.WriteWith(os.Stdout, t, "timelinejs", timeline.WriteOptions{Group: "actor"}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"title":{"text":{"headline":"chronograph timeline","text":"2 events"}},"events":[{"start_date":{"year":2016,"month":2},"text":{"headline":"negotiate: John Kerry → Sergei Lavrov"},"group":"John Kerry","unique_id":"ev-2"},{"start_date":{"year":2016,"month":9,"day":9},"text":{"headline":"meet: Sergei Lavrov, John Kerry","text":"Lavrov and Kerry met in Geneva on Friday.\u003cbr\u003e\u003csmall\u003eev-1 · 1 source: doc-1\u003c/small\u003e"},"group":"Sergei Lavrov","unique_id":"ev-1"}]}
}
