// Package data holds the dictionaries, gazetteer and ontology tables that
// ship inside the durand binary. Sources and licences are in sources.md.
package data

import "embed"

// FS holds the data files. Loaders read them once at start.
//
//go:embed *.tsv *.txt sources.md boundaries/*.geojson
var FS embed.FS
