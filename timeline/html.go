package timeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/chronograph/chronograph/extract"
	"github.com/chronograph/chronograph/graph"
)

// The page of the "html" format. html/template escapes every value for
// its context (text, attribute, URL), the actor graph is SVG whose text
// graph.WriteSVG escaped, and the script only sets textContent, so no
// name or sentence can add markup or script. The Content-Security-Policy
// forbids every network request.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chronograph timeline</title>
<style>
body { font-family: sans-serif; margin: 1em 2em; color: #222; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
form { position: sticky; top: 0; background: #fff; padding: 0.5em 0; border-bottom: 1px solid #ddd; z-index: 1; }
form label { margin-right: 1em; }
input { width: 7em; }
#shown { color: #555; }
section { margin-top: 1em; }
#graph svg, #lanes svg { max-width: 100%; height: auto; border: 1px solid #eee; }
#graph .node { cursor: pointer; }
.dim { opacity: 0.12; }
ol.timeline { list-style: none; padding-left: 0; border-left: 3px solid #4e79a7; }
li.entry { margin: 0 0 0.8em 0; padding-left: 1em; }
li.entry h3 { font-size: 1em; margin: 0.2em 0; color: #4e79a7; }
li.event { margin: 0.2em 0; }
.type { font-weight: bold; }
.negated .type { text-decoration: line-through; }
q { color: #444; }
small { color: #777; }
</style>
</head>
<body>
<h1>chronograph timeline</h1>
<p>{{.Total}} events from {{.From}} to {{.To}}, {{len .Actors}} actors.</p>
<form id="filters" onsubmit="return false">
<label>Actor <select id="actor"><option value="">all</option>{{range .Actors}}<option value="{{.ID}}">{{.Name}}</option>{{end}}</select></label>
<label>Type <select id="type"><option value="">all</option>{{range .Types}}<option value="{{.}}">{{.}}</option>{{end}}</select></label>
<label>From <input id="from" placeholder="YYYY-MM-DD"></label>
<label>To <input id="to" placeholder="YYYY-MM-DD"></label>
<span id="shown"></span>
</form>
<section id="graph">
<h2>Actors</h2>
{{.Graph}}
</section>
<section id="timeline">
<h2>Timeline</h2>
<div id="lanes">
{{.Lanes}}
</div>
<ol class="timeline">
{{- range .Entries}}
<li class="entry"><h3>{{.Date}}</h3>
<ul>
{{- range .Events}}
<li class="event{{if .Negated}} negated{{end}}" data-id="{{.ID}}" data-type="{{.Type}}" data-actors="{{.Actors}}" data-start="{{.Start}}" data-end="{{.End}}">
<span class="type">{{.Label}}</span> <span class="who">{{.Who}}</span>{{if .Sentence}} <q>{{.Sentence}}</q>{{end}} <small>{{.ID}} · {{.Sources}}</small></li>
{{- end}}
</ul></li>
{{- end}}
</ol>
</section>
<script>
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const events = Array.from(document.querySelectorAll("li.event"));
  const entries = Array.from(document.querySelectorAll("li.entry"));
  const fields = ["actor", "type", "from", "to"];
  function bound(v, pad) { return v ? (v + pad).slice(0, 10) : ""; }
  function apply() {
    const actor = $("actor").value, type = $("type").value;
    const from = bound($("from").value.trim(), "-00-00"), to = bound($("to").value.trim(), "-99-99");
    let shown = 0;
    for (const li of events) {
      const actors = JSON.parse(li.dataset.actors);
      const start = li.dataset.start, end = li.dataset.end;
      let ok = (!actor || actors.includes(actor)) && (!type || li.dataset.type === type);
      if ((from || to) && !start) ok = false;
      if (from && end < from) ok = false;
      if (to && start > to) ok = false;
      li.hidden = !ok;
      if (ok) shown++;
    }
    const hidden = new Set(events.filter((li) => li.hidden).map((li) => li.dataset.id));
    for (const g of document.querySelectorAll("#lanes .event")) {
      g.classList.toggle("dim", hidden.has(g.getAttribute("data-id")));
    }
    for (const en of entries) {
      en.hidden = !en.querySelector("li.event:not([hidden])");
    }
    const live = new Set();
    for (const e of document.querySelectorAll("#graph .edge")) {
      const s = e.getAttribute("data-source"), t = e.getAttribute("data-target");
      const types = e.getAttribute("data-types").split(" ");
      const ok = (!type || types.includes(type)) && (!actor || s === actor || t === actor);
      e.classList.toggle("dim", !ok);
      if (ok) { live.add(s); live.add(t); }
    }
    for (const n of document.querySelectorAll("#graph .node")) {
      const id = n.getAttribute("data-id");
      n.classList.toggle("dim", (actor || type) !== "" && !live.has(id) && id !== actor);
    }
    $("shown").textContent = shown + " of " + events.length + " events shown";
    const p = new URLSearchParams();
    for (const f of fields) if ($(f).value) p.set(f, $(f).value);
    if (p.toString() !== location.hash.slice(1)) history.replaceState(null, "", p.toString() ? "#" + p.toString() : location.pathname);
  }
  const init = new URLSearchParams(location.hash.slice(1));
  for (const f of fields) {
    if (init.has(f)) $(f).value = init.get(f);
    $(f).addEventListener("input", apply);
    $(f).addEventListener("change", apply);
  }
  for (const n of document.querySelectorAll("#graph .node")) {
    n.addEventListener("click", () => {
      const id = n.getAttribute("data-id");
      $("actor").value = $("actor").value === id ? "" : id;
      apply();
    });
  }
  apply();
})();
</script>
</body>
</html>
`))

type htmlEvent struct {
	ID, Type, Label, Who, Sentence, Sources string
	Actors                                  string // JSON array of actor ids
	Start, End                              string // YYYY-MM-DD, "" when undated
	Negated                                 bool
}

type htmlEntry struct {
	Date   string
	Events []htmlEvent
}

type htmlPage struct {
	Total    int
	From, To string
	Actors   []extract.Actor
	Types    []string
	Graph    template.HTML
	Lanes    template.HTML
	Entries  []htmlEntry
}

// writeHTML writes t as one self-contained page: the actor graph of its
// events (as [graph.WriteSVG] draws it), the timeline by date, and filters
// by actor, type and date that also dim the graph. The filters can be set
// in the URL: page.html#actor=russia&type=meet&from=2016-09.
func writeHTML(w io.Writer, t Timeline, o WriteOptions) error {
	p := htmlPage{}
	var all []extract.Event
	seen := map[string]bool{}
	types := map[string]bool{}
	for _, en := range t.Entries {
		he := htmlEntry{Date: dateLabel(en.Date)}
		for _, e := range en.Events {
			all = append(all, e)
			ids := participants(&e)
			for _, id := range ids {
				if !seen[id] {
					seen[id] = true
					a := t.Actors[id]
					p.Actors = append(p.Actors, extract.Actor{ID: id, Name: names([]string{id}, t.Actors), Kind: a.Kind})
				}
			}
			types[e.Type] = true
			actors, err := json.Marshal(ids)
			if err != nil {
				return err
			}
			start, end, _ := graph.EventSpan(&e)
			ds := graph.DocIDs(e)
			he.Events = append(he.Events, htmlEvent{
				ID: e.ID, Type: e.Type, Label: typeLabel(e), Who: describe(e, t.Actors), Sentence: cut(sentence(e), 400),
				Sources: sourcesLabel(ds), Actors: string(actors),
				Start: start, End: end, Negated: e.Negated,
			})
			if start != "" {
				if p.From == "" || start < p.From {
					p.From = start
				}
				p.To = max(p.To, end)
			}
		}
		p.Total += len(en.Events)
		p.Entries = append(p.Entries, he)
	}
	if p.From == "" {
		p.From, p.To = "?", "?"
	}
	slices.SortFunc(p.Actors, func(a, b extract.Actor) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	for _, typ := range extract.Types {
		if types[typ.Name] {
			p.Types = append(p.Types, typ.Name)
		}
	}
	var svg bytes.Buffer
	if err := graph.WriteSVG(&svg, graph.ExportData{Events: all, Actors: t.Actors}, graph.ExportOptions{Top: o.Top}); err != nil {
		return err
	}
	p.Graph = template.HTML(svg.String()) // escaped by graph.WriteSVG
	var lanes bytes.Buffer
	bw := bufio.NewWriter(&lanes)
	if err := writeSVG(bw, t, WriteOptions{Lanes: o.Lanes}); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	p.Lanes = template.HTML(lanes.String()) // escaped by writeSVG
	return pageTemplate.Execute(w, p)
}

// sourcesLabel returns "1 source: doc-1" or "2 sources: doc-1, doc-2".
func sourcesLabel(docs []string) string {
	if len(docs) == 1 {
		return "1 source: " + docs[0]
	}
	return fmt.Sprintf("%d sources: %s", len(docs), strings.Join(docs, ", "))
}
