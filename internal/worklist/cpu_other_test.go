//go:build !unix

package worklist

import "time"

// processCPU is not measured here.
func processCPU() time.Duration { return 0 }
