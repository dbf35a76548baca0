package graph

import (
	"encoding/xml"
	"strings"
)

// XMLEscape returns s escaped for XML text and attribute values: the five
// special characters as entities, line breaks and tabs as character
// references, and characters XML 1.0 does not allow (most control
// characters, invalid UTF-8) as U+FFFD.
func XMLEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // never fails on a strings.Builder
	return b.String()
}
