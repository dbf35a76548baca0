package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/chronograph/chronograph/graph"
)

func restoreCommand() *cli.Command {
	return &cli.Command{
		Name:      "restore",
		Usage:     "create a store from a backup",
		ArgsUsage: "FILE (or - for stdin)",
		Description: "restore creates the store --db DIR from a backup written by chronograph backup.\n" +
			"DIR must not exist or be empty: restore never writes into an existing store. The\n" +
			"restored store is checked; if the backup is incomplete or damaged, or of a store\n" +
			"this chronograph does not read, nothing is left in DIR.",
		Flags:  []cli.Flag{dbFlag()},
		Action: runRestore,
	}
}

func runRestore(c *cli.Context) error {
	if c.NArg() != 1 {
		return errors.New("restore: give one backup FILE, or - for stdin")
	}
	dir := c.String("db")
	if dir == "" {
		return errors.New("no store directory: give --db DIR or set CHRONOGRAPH_DB")
	}
	name := c.Args().First()
	var in io.Reader = c.App.Reader
	size := int64(-1)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		if fi.IsDir() {
			return fmt.Errorf("restore: %s is a directory, not a backup file", name)
		}
		in, size = f, fi.Size()
	} else if in == nil {
		in = os.Stdin
	}
	if err := graph.Restore(c.Context, dir, in, size); err != nil {
		if errors.Is(err, graph.ErrBackup) {
			return fmt.Errorf("restore %s: %w", name, err)
		}
		return err
	}
	fmt.Fprintf(c.App.Writer, "restored %s from %s\n", dir, name)
	return nil
}
