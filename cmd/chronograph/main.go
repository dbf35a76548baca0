// Command chronograph turns news articles into a dated knowledge graph and
// answers questions over it: who met whom and when, timelines, exports.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/urfave/cli/v2"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := newApp(stdout, stderr).RunContext(ctx, args); err != nil {
		fmt.Fprintf(stderr, "chronograph: %v\n", err)
		return 1
	}
	return 0
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:      "chronograph",
		Usage:     "turn news articles into a dated knowledge graph",
		Writer:    stdout,
		ErrWriter: stderr,
		Commands: []*cli.Command{
			extractCommand(),
			ingestCommand(),
			metCommand(),
			timelineCommand(),
			exportCommand(),
			statsCommand(),
			demoCommand(),
		},
		HideHelpCommand: true,
		Suggest:         true,
		// Errors, cli.Exit ones included, go back to run, which prints
		// them and picks the exit code: nothing exits inside Run.
		ExitErrHandler: func(*cli.Context, error) {},
	}
}
