// Command chronograph turns news articles into a dated knowledge graph and
// answers questions over it: who met whom and when, timelines, exports.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	app := newApp(stdout, stderr)
	if err := app.RunContext(ctx, flagsFirst(app, args)); err != nil {
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
			actorsCommand(),
			actorCommand(),
			relationsCommand(),
			pathCommand(),
			rankCommand(),
			communitiesCommand(),
			egoCommand(),
			whyCommand(),
			forgetCommand(),
			timelineCommand(),
			exportCommand(),
			statsCommand(),
			checkCommand(),
			backupCommand(),
			restoreCommand(),
			demoCommand(),
		},
		HideHelpCommand: true,
		Suggest:         true,
		// Errors, cli.Exit ones included, go back to run, which prints
		// them and picks the exit code: nothing exits inside Run.
		ExitErrHandler: func(*cli.Context, error) {},
	}
}

// flagsFirst moves the flags of a subcommand before its arguments, so that
// "chronograph met Lavrov --format json" works as a user expects: urfave/cli
// stops reading flags at the first argument.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 3 {
		return args
	}
	var cmd *cli.Command
	for _, c := range app.Commands {
		if c.Name == args[1] || slices.Contains(c.Aliases, args[1]) {
			cmd = c
		}
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, rest []string
	rest = append(rest, args[:2]...)
	var positional []string
	for i := 2; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
			continue
		}
		positional = append(positional, a)
	}
	return append(append(rest, flags...), positional...)
}
