//go:build !linux

package main

import "time"

// trimMappedTables does nothing outside Linux.
func trimMappedTables(dir string, interval time.Duration, stop <-chan struct{}) {}
