package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/graph"
	"github.com/chronograph/chronograph/timeline"
)

// timelineExports are the export formats package timeline writes.
var timelineExports = []string{"timelinejs", "html"}

// exportFormats are the formats of chronograph export.
var exportFormats = append(slices.Clone(graph.ExportFormats), timelineExports...)

// exportFile is the file name -o DIR gets for a one-file format.
func exportFile(format string) string {
	switch format {
	case "timelinejs":
		return "chronograph.timelinejs.json"
	case "html":
		return "chronograph.html"
	}
	return graph.FileNames(format)[0]
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the graph or the events for Graphviz, networkx, pandas, Gephi, TimelineJS, Dgraph, Neo4j or a browser",
		Description: "export writes the events --actor, --from, --to and --types select, or the actor graph\n" +
			"derived from them, to stdout or to -o FILE. Formats:\n\n" +
			"  dot         Graphviz digraph of actors and typed, dated relations (--cluster, --top)\n" +
			"  json        networkx node-link JSON (node_link_graph(data, edges=\"links\"))\n" +
			"  jsonl       one event per line with flat columns, for pandas\n" +
			"  graphml     GraphML for networkx, Gephi and Cytoscape\n" +
			"  gexf        GEXF 1.3 with dates as spells, for Gephi's timeline\n" +
			"  nquads      Dgraph RDF with facets; -o DIR or -o FILE also writes the schema\n" +
			"  neo4j       CSV files for neo4j-admin database import; needs -o DIR\n" +
			"  svg         picture of the actor graph, laid out without Graphviz (--top)\n" +
			"  timelinejs  TimelineJS 3 JSON (--group type|actor)\n" +
			"  html        one self-contained page: actor graph, timeline, filters\n\n" +
			"-o DIR (an existing directory, or a path ending in /) writes chronograph.FORMAT\n" +
			"there, or the format's files. Negated events (\"did not meet\") are listed by the\n" +
			"event formats with negated=true and never drawn as relations.",
		Flags: append([]cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Required: true, Usage: "output `FORMAT`: " + strings.Join(exportFormats, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` or into the directory DIR instead of stdout"},
			&cli.IntFlag{Name: "top", Usage: fmt.Sprintf("pictures (dot, svg, html) keep the `N` actors with the most relations (0: %d, -1: all)", graph.DefaultTop)},
			&cli.StringFlag{Name: "cluster", Usage: "dot: group actors by `BY`: country or community"},
			&cli.StringFlag{Name: "group", Usage: "timelinejs: group events by `BY`: type or actor"},
		}, filterFlags()...),
		Action: runExport,
	}
}

func runExport(c *cli.Context) error {
	format := c.String("format")
	if err := checkFormat(format, exportFormats...); err != nil {
		return err
	}
	if c.NArg() > 0 {
		return fmt.Errorf("export: unexpected argument %q", c.Args().First())
	}
	if cl := c.String("cluster"); cl != "" && cl != "country" && cl != "community" {
		return fmt.Errorf("--cluster: unknown value %q (want country or community)", cl)
	}
	if g := c.String("group"); g != "" && g != "type" && g != "actor" {
		return fmt.Errorf("--group: unknown value %q (want type or actor)", g)
	}
	out := c.String("output")
	toDir := out != "" && out != "-" && (strings.HasSuffix(out, "/") || isDir(out))
	if format == "neo4j" && !toDir {
		return errors.New("--format neo4j writes several files: give -o DIR")
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := filter(c, s)
	if err != nil {
		return err
	}
	f.IncludeNegated = true
	opts := graph.ExportOptions{Top: c.Int("top"), Cluster: c.String("cluster")}
	write := func(w io.Writer) error {
		if slices.Contains(timelineExports, format) {
			t, err := timeline.Load(s, f)
			if err != nil {
				return err
			}
			return timeline.WriteWith(w, t, format, timeline.WriteOptions{Group: c.String("group"), Top: c.Int("top")})
		}
		return s.ExportWith(w, format, f, opts)
	}
	switch {
	case out == "" || out == "-":
		bw := bufio.NewWriter(c.App.Writer)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	case toDir && (format == "neo4j" || format == "nquads"):
		_, err := s.ExportFiles(out, format, f, opts)
		return err
	case toDir:
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		return graph.WriteFileAtomic(filepath.Join(out, exportFile(format)), write)
	}
	// One file, written under a temporary name and renamed, so that a
	// failed export leaves no half file; nquads gets its schema beside it.
	if err := graph.WriteFileAtomic(out, write); err != nil {
		return err
	}
	if format == "nquads" {
		return graph.WriteFileAtomic(strings.TrimSuffix(out, filepath.Ext(out))+".schema", graph.WriteDgraphSchema)
	}
	return nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
