// Package lexicon holds chronograph's built-in knowledge as embedded,
// reviewable data files: countries, metonyms, organisations, people with
// dated roles, time words and event trigger patterns.
package lexicon

import "embed"

// Data holds the built-in data files, under "data/".
//
//go:embed data
var Data embed.FS
