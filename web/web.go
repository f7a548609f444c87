// Package web is the dashboard, built from src/ by `npm run build` (esbuild
// bundling maplibre-gl, uPlot and cytoscape) into dist/, which is
// committed so that `go build` alone gives a complete binary that works
// offline.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Assets is the built dashboard, index.html at its root.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time; it cannot be missing
	}
	return sub
}
