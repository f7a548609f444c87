package syntax

import (
	"bytes"
	_ "embed"
	"sync"
)

// ModelFile is the name of the model file in syntax/model, the file the
// binary embeds.
const ModelFile = "en.model"

//go:embed model/en.model
var embedded []byte

var loadDefault = sync.OnceValues(func() (*Model, error) { return Load(bytes.NewReader(embedded)) })

// Default returns the embedded model, loading it on first use (under half
// a second), so that commands that do not parse pay nothing.
func Default() (*Model, error) { return loadDefault() }
