package main

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/urfave/cli/v2"
)

// sample is the bundled sample: the project's seed article (The Moscow
// Times, 5 September 2016) and two short articles written for chronograph.
//
//go:embed sample/articles.jsonl
var sample []byte

func demoCommand() *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "ingest the bundled sample articles and ask whom Lavrov met",
		Description: "demo stores the three bundled sample articles (an article of The Moscow Times on the\n" +
			"Syria cease-fire talks of September 2016 and two follow-ups) in the store, then runs\n" +
			"'chronograph met Lavrov' and 'chronograph stats'. Running it twice changes nothing.",
		Flags:  []cli.Flag{dbFlag()},
		Action: runDemo,
	}
}

func runDemo(c *cli.Context) error {
	db := c.String("db")
	app := c.App
	steps := [][]string{
		{"ingest", "--db", db, "-"},
		{"met", "--db", db, "Lavrov"},
		{"stats", "--db", db},
	}
	saved := app.Reader
	defer func() { app.Reader = saved }()
	for _, step := range steps {
		fmt.Fprintf(app.Writer, "\n$ chronograph %s\n", shellJoin(step))
		app.Reader = bytes.NewReader(sample)
		if err := app.RunContext(c.Context, append([]string{app.Name}, step...)); err != nil {
			return err
		}
	}
	return nil
}

func shellJoin(args []string) string {
	var b bytes.Buffer
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if a == "" || bytes.ContainsAny([]byte(a), " '\"\\$") {
			fmt.Fprintf(&b, "%q", a)
		} else {
			b.WriteString(a)
		}
	}
	return b.String()
}
