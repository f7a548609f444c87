package dedupe

import (
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestCPUTmp(t *testing.T) {
	ru := rules(t)
	for _, n := range []int{1000000} {
		reports, _ := benchSynth.Reports(n)
		c0, w0 := cpuNow(), time.Now()
		ru.Cluster(reports, nil)
		t.Logf("n=%d cpu %v wall %v", n, cpuNow()-c0, time.Since(w0))
	}
}
