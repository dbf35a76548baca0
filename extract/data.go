package extract

import (
	"bufio"
	"strings"

	"github.com/chronograph/chronograph/extract/lexicon"
)

// readDataLines calls fn with each line of a built-in data file, trimmed,
// skipping blank lines and "#" comments. A missing file is a programmer
// error: the data files are embedded in the binary.
func readDataLines(name string, fn func(line string)) {
	f, err := lexicon.Data.Open("data/" + name)
	if err != nil {
		panic("extract: " + name + " missing from the built-in lexicon")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(line)
	}
}
