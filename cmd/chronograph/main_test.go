package main

import (
	"bytes"
	"flag"
	"os"
	"strconv"
	"strings"
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

func TestRun(t *testing.T) {
	tests := []struct {
		args       []string
		code       int
		wantStderr string
	}{
		{[]string{"chronograph", "--help"}, 0, ""},
		{[]string{"chronograph", "frobnicate"}, 1, "chronograph: No help topic for 'frobnicate'"},
		{[]string{"chronograph", "extract", "--bogus"}, 1, "chronograph: flag provided but not defined: -bogus\n"},
		{[]string{"chronograph", "stats", "--db", ""}, 1, "chronograph: no store directory: give --db DIR or set CHRONOGRAPH_DB\n"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.wantStderr) {
			t.Errorf("run(%q) = %d, stderr %q; want %d, stderr containing %q", tt.args, code, stderr.String(), tt.code, tt.wantStderr)
		}
	}
}
