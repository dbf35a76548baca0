//go:build !linux

package main

import "time"

// trimMappedTables does nothing outside Linux.
func trimMappedTables(dir string, poll time.Duration, limit int64, stop <-chan struct{}) {}
