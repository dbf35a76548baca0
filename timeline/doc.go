// Package timeline orders events in time and renders them as timelines:
// a table, the JSON timeline format of ../shared/eval/FORMAT.md, and a
// Graphviz chart.
//
// Its functions work on event slices or on a small [Source] interface, not on
// the store itself, so they run as well over a *graph.Store as over events
// read from a file:
//
//	t, err := timeline.Load(store, graph.Filter{Actors: []string{"sergei-lavrov"}})
//	err = timeline.Write(os.Stdout, t, "table")
package timeline
