package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"vigie/internal/atomicfile"
)

// interruptGrace is how long a command has, after the first Ctrl-C or
// SIGTERM, to stop by itself: the loops of running, sweeping and picture
// export watch the context and return within it. A phase that does not
// (building a city, fitting the recognizer, a call into ONNX Runtime) is
// abandoned when it runs out: nothing it did is kept, since a run's outputs
// are staged apart and only swapped in when complete.
const interruptGrace = 700 * time.Millisecond

// handleInterrupts returns a context that the first SIGINT or SIGTERM
// cancels. vigie then exits with status 130 when the command returns, or
// after interruptGrace, or at once on a second signal, whichever comes
// first; outputs in flight are removed before it exits (atomicfile.AbortAll).
func handleInterrupts() (ctx context.Context, interrupted func() bool) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	var got atomic.Bool
	go func() {
		<-sigs
		got.Store(true)
		cancel()
		select {
		case <-sigs:
		case <-time.After(interruptGrace):
		}
		exitInterruptedNow()
	}()
	return ctx, got.Load
}

var exitOnce sync.Mutex

// exitInterruptedNow removes the outputs in flight and exits with status
// 130.
func exitInterruptedNow() {
	exitOnce.Lock() // the signal goroutine and main may both get here
	atomicfile.AbortAll()
	fmt.Fprintln(os.Stderr, "vigie: interrupted; earlier outputs are as they were")
	os.Exit(exitInterrupted)
}
