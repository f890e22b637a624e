//go:build !unix

package atomicfile

// processAlive cannot tell here; a staging folder is then never taken for
// stale, only left behind.
func processAlive(pid int) bool { return true }
