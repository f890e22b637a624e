package main

import (
	"fmt"
	"runtime"
	"strconv"

	"github.com/spf13/pflag"

	"vigie/sim"
)

// workersValue is a --workers flag that refuses counts outside 1 to
// sim.MaxWorkers when parsed: --workers 100000000 ran out of memory.
type workersValue int

func (w *workersValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > sim.MaxWorkers {
		return fmt.Errorf("allowed: a whole number from 1 to %d (sim.MaxWorkers; this machine has %d cores, and more workers than cores gain nothing)", sim.MaxWorkers, runtime.NumCPU())
	}
	*w = workersValue(n)
	return nil
}

func (w *workersValue) String() string { return strconv.Itoa(int(*w)) }
func (w *workersValue) Type() string   { return "int" }

// workersFlag registers --workers on fs, defaulting to GOMAXPROCS.
func workersFlag(fs *pflag.FlagSet, p *int, usage string) {
	*p = min(runtime.GOMAXPROCS(0), sim.MaxWorkers)
	fs.Var((*workersValue)(p), "workers", usage)
}
