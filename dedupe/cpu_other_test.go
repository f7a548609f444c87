//go:build !unix

package dedupe

import "time"

// processCPU is not measured here.
func processCPU() time.Duration { return 0 }
