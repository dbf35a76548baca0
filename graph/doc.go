// Package graph stores chronograph analyses in a badger database and answers
// questions over them: who met whom, which events lie in a time window, which
// typed and dated relations link two actors, how two actors are connected
// (in hops or in time), who is central, which groups exist, and exports for
// Graphviz, networkx and pandas.
//
// # Usage
//
//	s, err := graph.Open(graph.DefaultDir(), nil)
//	if err != nil { … }
//	defer s.Close()
//	res, err := s.Ingest(ctx, analyses)      // idempotent, one txn per document
//	ms, err := s.Met("Lavrov", "Kerry")      // meetings, sorted by date
//	rs, err := s.Relations(graph.Filter{From: "2016-09"})
//	_, ls, err := s.ActorRelations(graph.Filter{Types: []string{"accuse"}}, "NATO")
//	ps, err := s.Paths(graph.Filter{}, "Zuma", "Clinton", 3)        // k shortest
//	p, err := s.TimePath(graph.Filter{}, "Zuma", "Clinton", "2011-03") // in date order
//	r, err := s.Rank(graph.Filter{}, graph.RankOptions{By: graph.ByPageRank})
//	c, err := s.Communities(graph.Filter{From: "2011-03", To: "2011-04"})
//	ev, err := s.Why(eventID)                // every report of an event
//	err = s.Export(os.Stdout, "dot", graph.Filter{})
//
// The algorithms run on a [View], an in-memory copy of the relations of the
// events a [Filter] selects, loaded with [Store.Load]; [View.Undirected] and
// [View.Directed] give it as gonum graphs.
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
//	d/<doc>                  document: the Document, its content hash, its actor
//	                         ids, its timexes, and where its reports are filed
//	a/<actor>                actor: merged aliases, kind and code of the first
//	                         document that named it, number of documents
//	e/<event>                event, without its mentions: type, codes, actors,
//	                         date, place, confidence, negation and outcome
//	t/<date:16 bytes><event> date index: calendar dates padded with 0x00, so
//	                         "2016" < "2016-09" < "2016-09-05"; weeks, quarters
//	                         and seasons at their first day or month; undated
//	                         and non-calendar values (PAST_REF) as 0xFF…, last
//	x/<actor>␀<event>        actor index: the actor is a source or target
//	y/<doc>␀<event>          document index: the events a document supports
//	z/<actor>␀<doc>          the documents an actor appears in
//	c/<group>␀<date>         part record: sums up the documents' events of one
//	                         interaction group filed under its event of that
//	                         date ("" for the undated event): the earliest
//	                         report with its first mention, the first place,
//	                         the highest confidence, counts (see Merging)
//	r/<group>␀<date>␀<doc>   one document's events filed there, as extracted,
//	                         with all their mentions
//	g/<group>␀<date>         the group has an event of that date
//	k/<group>␀<day>          the group's dates on a day (YYYY-MM-DD)
//	u/<group>␀<day>          the documents with undated events of the group
//	                         published that day, and where they are filed
//	n/<name>␀<actor>         name index: each actor's id, name, aliases and
//	                         their words, lower case
//	p/<actor>␀<type>␀<other>␀<date:16 bytes><event>
//	                         pair index: per asserted event, each ordered pair
//	                         of its actors; the value is a pair card (direction,
//	                         date, place, first report's document and sentence)
//
// A time window is one range scan of t/. The value of a t/ key carries the
// event's type, negation, actors and date, so [Store.Load] builds a view
// from that scan alone. "Whom did A meet" is one scan of A's p/ keys of the
// meeting types, reading no event ([Store.Met]). Relations are not stored: they are derived from
// events when asked for, so they never disagree with them.
//
// An event's mentions are its reports' mentions: [Store.Event],
// [Store.Events], paths and [Store.Check] merge the r/ keys filed under it
// again, as the writer does, so a new report of an event adds its own r/
// key and rewrites neither the reports before it nor (unless it changes the
// event's type, actors, date, place, confidence or first report) the event
// record and its index keys.
//
// Values are one format-version byte (3) followed by a binary encoding of
// the record (codec.go): fields in a fixed order, strings and lists as a
// uvarint length and their contents, integers as varints, the confidence as
// 8 bytes; in a list of mentions, a document id or publication date equal
// to the one before it is one byte. Adding a field bumps the version; [Open]
// refuses a store of another version and says to ingest again, and readers
// reject values of a version, or with lengths or trailing bytes, they do
// not know.
//
// # Ingest
//
// Documents are written several to a badger transaction, and each alone when
// that fails, so a document is in the store wholly or not at all, and a
// crash leaves a store that opens and a re-run that completes. A document whose id and content hash are already stored is
// skipped; one with the same id and a different analysis replaces the old
// one. [Store.Forget] removes a document and what only it supported; aliases
// it added to actors that other documents keep are not taken back.
//
// # Merging
//
// The same interaction reported by many articles is one event with many
// mentions. Events are grouped by [InteractionKey]: type, negation and
// actors (one sorted set for symmetric types such as meet, else sorted
// sources and sorted targets). Within a group, reports with the same TIMEX3
// date are one event, whose id is [EventID] of the key and date. A report
// without a date joins the group's dated event when exactly one is dated to
// a day in the week up to its publication date (the six days before and the
// day itself); otherwise it joins the group's undated event. A negated
// report ("did not meet") is a group of its own, so it stands beside the
// reports of the meeting, and [Store.Why] names it.
//
// Each document's events of a group are kept (r/), filed under the event
// they belong to, and summed up per event in a part record (c/) of
// constant size, which a new report updates without reading the others;
// and when a document comes or goes only the events its
// reports fall in are recomputed (and, when a date comes into or goes out of
// a group, those of the undated reports published in the week after it,
// which may attach elsewhere). So the stored events depend only on the set
// of documents: ingesting in another order
// gives the same ids and counts, and forgetting a document and ingesting it
// again gives the same events. The earliest report (by publication date,
// then document id) gives a merged event its source and target order and
// codes; its confidence is the highest, its place the first one named.
// Actors are merged by id; their name, kind and code come from the first
// document that named them, so those may depend on the order.
//
// [Sources] counts an event's independent reports: documents whose
// sentences about it share 80% of their words (a wire story and its
// reprints, with or without a dateline) count once.
package graph
