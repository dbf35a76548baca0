package graph_test

import (
	"log"
	"os"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// Events held in memory export without a store: here as one JSON Lines
// row for pandas.
func ExampleWriteExport() {
	d := graph.ExportData{
		Events: []extract.Event{{
			ID: "ev-1", Type: "meet", CAMEO: "040", PLOVER: "CONSULT", Date: "2016-09",
			Source:   []string{"sergei-lavrov", "john-kerry"},
			Mentions: []extract.Mention{{Doc: "doc-1", Text: "Lavrov and Kerry met in September.", Rule: "meet.coord"}},
		}},
		Actors: map[string]extract.Actor{
			"sergei-lavrov": {ID: "sergei-lavrov", Name: "Sergei Lavrov", Kind: extract.KindPerson, Code: "RUSGOV"},
			"john-kerry":    {ID: "john-kerry", Name: "John Kerry", Kind: extract.KindPerson, Code: "USAGOV"},
		},
	}
	if err := graph.WriteExport(os.Stdout, "jsonl", d, graph.ExportOptions{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"id":"ev-1","date":"2016-09","date_end":"","first_day":"2016-09-01","last_day":"2016-09-30","granularity":"month","type":"meet","cameo":"040","plover":"CONSULT","source":"Sergei Lavrov;John Kerry","target":"","source_ids":"sergei-lavrov;john-kerry","target_ids":"","source_codes":"RUSGOV;USAGOV","target_codes":"","negated":false,"outcome":"","modality":"","location":"","location_id":"","confidence":0,"documents":["doc-1"],"sources":1,"mentions":1,"published":"","sentence":"Lavrov and Kerry met in September.","rule":"meet.coord"}
}
