//go:build unix

package dedupe

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system, so
// that a benchmark on a machine shared with other work can say how much
// of its time was its own.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
