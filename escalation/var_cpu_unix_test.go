//go:build unix

package escalation

import (
	"syscall"
	"time"
)

// varCPUTime is the process's user and system CPU time so far: the
// benchmarks report it beside wall time, which on a shared machine
// counts the waits for a core too.
func varCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
