// Package graph stores chronograph analyses in a badger database and answers
// questions over them: who met whom, which events lie in a time window, which
// typed and dated relations link two actors, and exports for Graphviz,
// networkx and pandas.
//
// # Usage
//
//	s, err := graph.Open(graph.DefaultDir(), nil)
//	if err != nil { … }
//	defer s.Close()
//	res, err := s.Ingest(ctx, analyses)      // idempotent, one txn per document
//	ms, err := s.Met("Lavrov", "Kerry")      // meetings, sorted by date
//	rs, err := s.Relations(graph.Filter{From: "2016-09"})
//	err = s.Export(os.Stdout, "dot", graph.Filter{})
//
// Only one process may open a store for writing; a second [Open] fails at
// once with an error matching [ErrLocked].
//
// # Storage
//
// Keys start with a record kind and a slash; the parts after it are
// separated by a 0x00 byte, which no id contains:
//
//	m/                       format version of the store (1 byte)
//	d/<doc>                  document: the Document, its content hash, its actor ids
//	a/<actor>                actor: merged aliases, kind and code of the first
//	                         document that named it, number of documents
//	e/<event>                event, with its mentions from every document
//	t/<date:16 bytes><event> date index: calendar dates padded with 0x00, so
//	                         "2016" < "2016-09" < "2016-09-05"; weeks, quarters
//	                         and seasons at their first day or month; undated
//	                         and non-calendar values (PAST_REF) as 0xFF…, last
//	x/<actor>␀<event>        actor index: the actor is a source or target
//	y/<doc>␀<event>          document index: the events a document supports
//	z/<actor>␀<doc>          the documents an actor appears in
//
// A time window is one range scan of t/. Relations are not stored: they are
// derived from events when asked for, so they never disagree with them.
//
// Values are one format-version byte followed by the JSON encoding of the
// record (encoding/json, the extract types' Go field names). JSON keeps old
// records readable when fields are added; a change that breaks that bumps
// the version byte, and readers reject versions they do not know.
//
// # Ingest
//
// Each document is written in one badger transaction, so it is in the store
// wholly or not at all, and a crash leaves a store that opens and a re-run
// that completes. A document whose id and content hash are already stored is
// skipped; one with the same id and a different analysis replaces the old
// one. [Store.Forget] removes a document and what only it supported; aliases
// it added to actors that other documents keep are not taken back.
package graph
