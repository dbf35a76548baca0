package main

import (
	"flag"
	"os"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "update testscript files")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"chronograph": main})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"writefile": writeFile,
		},
	})
}

// writeFile is the script command "writefile NAME 'TEXT'": it writes TEXT,
// with Go escapes such as \x00 and \xff, to NAME. Scripts use it for
// binary and invalid UTF-8 inputs, which txtar files should not hold.
func writeFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writefile NAME 'TEXT'")
	}
	text, err := strconv.Unquote(`"` + args[1] + `"`)
	if err != nil {
		ts.Fatalf("writefile: %v", err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(text), 0o644))
}
