package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"
)

func backupCommand() *cli.Command {
	return &cli.Command{
		Name:  "backup",
		Usage: "write a full backup of the store",
		Description: "backup writes the whole store, as of one moment, to stdout or to -o FILE, as a\n" +
			"header line and badger's backup stream. chronograph restore reads it back. With -o,\n" +
			"the backup is written to a temporary file beside FILE and renamed when complete,\n" +
			"so FILE is never half a backup. It needs the store not to be in use by a writer.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of stdout"},
		},
		Action: runBackup,
	}
}

func runBackup(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("backup: unexpected argument %q", c.Args().First())
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	out := c.String("output")
	if out == "" || out == "-" {
		bw := bufio.NewWriterSize(c.App.Writer, 1<<20)
		if _, err := s.Backup(c.Context, bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	n, err := s.Backup(c.Context, bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup: %s: %w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(c.App.Writer, "backed up %s to %s (%d bytes)\n", s.Dir(), out, n)
	return nil
}
