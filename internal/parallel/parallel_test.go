package parallel

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestForCallsEveryIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {10, 1}, {10, 3}, {100, 16}, {5, 0}} {
		t.Run(fmt.Sprintf("n=%d,workers=%d", tc.n, tc.workers), func(t *testing.T) {
			calls := make([]atomic.Int32, tc.n)
			var badWorker atomic.Bool
			err := For(context.Background(), tc.n, tc.workers, func(w, i int) error {
				if w < 0 || w >= Workers(tc.n, tc.workers) {
					badWorker.Store(true)
				}
				calls[i].Add(1)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if badWorker.Load() {
				t.Error("a worker index was outside [0, Workers)")
			}
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("index %d called %d times", i, c)
				}
			}
		})
	}
}

func TestForReturnsLowestFailingIndexAndStops(t *testing.T) {
	var started atomic.Int32
	err := For(context.Background(), 1000, 1, func(_, i int) error {
		started.Add(1)
		if i == 3 || i == 5 {
			return fmt.Errorf("job %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "job 3" {
		t.Fatalf("err = %v, want job 3", err)
	}
	if s := started.Load(); s != 4 {
		t.Errorf("%d jobs started after the failure at index 3 with one worker, want 4", s)
	}
}

func TestForStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int32
	err := For(ctx, 1000, 2, func(_, i int) error {
		if started.Add(1) == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if s := started.Load(); s > 12 {
		t.Errorf("%d jobs started; at most one more per worker after the cancel", s)
	}
}
