package main

import (
	"os"
	"testing"
)

// TestMain lets a test run this binary's main in a child process (to kill
// it mid-work): with DURAND_TEST_MAIN=1 the test binary is durand.
func TestMain(m *testing.M) {
	if os.Getenv("DURAND_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
