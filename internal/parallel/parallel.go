// Package parallel is the one worker pool of the code base: it calls a
// function for every index of a job list on a bounded number of goroutines.
//
// Results belong in slots the caller indexes by job, never in the order jobs
// finish, so what a caller computes cannot depend on scheduling or on the
// number of workers.
package parallel

import (
	"context"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines For starts for n jobs when asked for
// workers: at least one, at most one per job.
func Workers(n, workers int) int {
	return max(1, min(workers, n))
}

// For calls fn(worker, i) for every i in [0, n), on Workers(n, workers)
// goroutines; worker, in [0, Workers(n, workers)), lets a caller keep
// scratch space per goroutine. Jobs start in index order. Once a job fails
// or ctx is done no further job starts; For waits for the running ones and
// returns the error of the lowest failing index (the same error whatever
// the scheduling), else ctx's error, else nil.
func For(ctx context.Context, n, workers int, fn func(worker, i int) error) error {
	if n <= 0 {
		return ctx.Err()
	}
	var next atomic.Int64
	var failed atomic.Bool
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range Workers(n, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if errs[i] = fn(w, i); errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}
