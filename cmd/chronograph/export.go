package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"
)

// exportFormats are the formats graph.Store.Export writes.
var exportFormats = []string{"dot", "json", "jsonl"}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the graph for Graphviz (dot), networkx (json) or pandas (jsonl)",
		Description: "export writes the relations (dot, json) or the events (jsonl) that --actor, --from,\n" +
			"--to and --types select, to stdout or to -o FILE.",
		Flags: append([]cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Required: true, Usage: "output `FORMAT`: dot, json or jsonl"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of stdout"},
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
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := filter(c, s)
	if err != nil {
		return err
	}
	out := c.String("output")
	if out == "" || out == "-" {
		bw := bufio.NewWriter(c.App.Writer)
		if err := s.Export(bw, format, f); err != nil {
			return err
		}
		return bw.Flush()
	}
	// Write a temporary file next to out and rename it, so that a failed
	// export does not leave half a file behind.
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := s.Export(bw, format, f); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
