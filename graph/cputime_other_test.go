//go:build !linux

package graph

import "time"

// threadCPU returns 0 where the thread CPU clock is not read: the
// benchmarks then report no CPU percentiles.
func threadCPU() time.Duration { return 0 }
