//go:build !linux

package atomicfile

import "errors"

// exchange has no atomic form here; Commit moves the old folder aside.
var exchange = func(a, b string) error { return errors.New("no atomic exchange") }
