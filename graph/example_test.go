package graph_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "chronograph-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	s, err := graph.Open(dir, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	a := &extract.Analysis{
		Doc: extract.Document{ID: "doc-1", Published: "2016-09-10"},
		Actors: []extract.Actor{
			{ID: "sergei-lavrov", Name: "Sergei Lavrov", Kind: extract.KindPerson, Code: "RUSGOV"},
			{ID: "john-kerry", Name: "John Kerry", Kind: extract.KindPerson, Code: "USAGOV"},
			{ID: "geneva", Name: "Geneva", Kind: extract.KindPlace},
		},
		Events: []extract.Event{{
			ID: "doc-1-meet", Type: "meet", Date: "2016-09-09", Location: "geneva",
			Source:   []string{"sergei-lavrov", "john-kerry"},
			Mentions: []extract.Mention{{Text: "Lavrov and Kerry met in Geneva on Friday."}},
		}},
	}
	if _, err := s.Ingest(context.Background(), []*extract.Analysis{a}); err != nil {
		log.Fatal(err)
	}
	ms, err := s.Met("Lavrov", "")
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range ms {
		fmt.Printf("%s met %s in %s on %s\n", m.Actor.Name, m.Other.Name, m.Place, m.Event.Date)
	}
	if err := s.Export(os.Stdout, "dot", graph.Filter{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Sergei Lavrov met John Kerry in Geneva on 2016-09-09
	// digraph chronograph {
	// 	node [fontsize=10];
	// 	edge [fontsize=8];
	// 	"john-kerry" [label="John Kerry", shape=ellipse];
	// 	"sergei-lavrov" [label="Sergei Lavrov", shape=ellipse];
	// 	"john-kerry" -> "sergei-lavrov" [label="meet 2016-09-09 ×1", dir=none];
	// }
}
