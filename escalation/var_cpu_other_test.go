//go:build !unix

package escalation

import "time"

// varCPUTime is unknown here: the benchmarks report wall time alone.
func varCPUTime() time.Duration { return 0 }
