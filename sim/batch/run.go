package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"vigie/internal/atomicfile"
	"vigie/internal/parallel"
)

// Job simulates point i and writes its files into dir (the point's
// folder, which exists) with internal/atomicfile. It may hand meter a
// function giving its progress in [0, 1].
type Job func(ctx context.Context, i int, dir string, meter *Meter) error

// Meter carries a running job's progress to the progress display.
type Meter struct {
	f atomic.Pointer[func() float64]
}

// Track makes f the job's progress.
func (m *Meter) Track(f func() float64) { m.f.Store(&f) }

func (m *Meter) value() float64 {
	if f := m.f.Load(); f != nil {
		return min(1, max(0, (*f)()))
	}
	return 0
}

// Select returns the indices a process should run out of n points: all of
// them, the one named by index (>= 0), or shard "K/N" (K from 1 to N:
// every point whose index i has i mod N = K-1).
func Select(n, index int, shard string) ([]int, error) {
	if index >= 0 && shard != "" {
		return nil, errors.New("give --index or --shard, not both")
	}
	if index >= 0 {
		if index >= n {
			return nil, fmt.Errorf("--index %d: the plan has points 0 to %d", index, n-1)
		}
		return []int{index}, nil
	}
	k, of := 1, 1
	if shard != "" {
		a, b, ok := strings.Cut(shard, "/")
		var errA, errB error
		k, errA = strconv.Atoi(a)
		of, errB = strconv.Atoi(b)
		if !ok || errA != nil || errB != nil || of < 1 || k < 1 || k > of {
			return nil, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/8", shard)
		}
	}
	var out []int
	for i := k - 1; i < n; i += of {
		out = append(out, i)
	}
	return out, nil
}

// Summary says what Run did.
type Summary struct {
	Ran, Skipped int
	Failed       []int
}

// Run runs the given points of a sweep folder on up to workers goroutines,
// skipping those already done. Each point's folder gets running.json while
// it runs, then done.json (written last, after the job's own files) or
// error.txt; a failed point does not stop the others. When ctx is done, no
// new point starts, a point cut short is left missing, and Run returns
// ctx's error. show, when not nil, is handed a function giving the share
// of the selected points finished so far (Show fits).
func Run(ctx context.Context, dir string, indices []int, workers int, job Job, show func(progress func() float64) (stop func())) (Summary, error) {
	var todo []int
	var s Summary
	for _, i := range indices {
		if st, _ := PointState(dir, i); st == Done {
			s.Skipped++
			continue
		}
		todo = append(todo, i)
	}
	meters := make([]Meter, len(todo))
	var finished atomic.Int64
	progress := func() float64 {
		if len(indices) == 0 {
			return 1
		}
		sum := float64(s.Skipped + int(finished.Load()))
		for k := range meters {
			sum += meters[k].value()
		}
		return min(1, sum/float64(len(indices)))
	}
	if show != nil {
		stop := show(progress)
		defer stop()
	}
	var mu sync.Mutex
	err := parallel.For(ctx, len(todo), workers, func(_, k int) error {
		i := todo[k]
		err := runPoint(ctx, dir, i, job, &meters[k])
		if ctx.Err() != nil {
			return ctx.Err()
		}
		meters[k].f.Store(nil)
		finished.Add(1)
		mu.Lock()
		defer mu.Unlock()
		s.Ran++
		if err != nil {
			s.Failed = append(s.Failed, i)
		}
		return nil
	})
	return s, err
}

// runPoint runs one point and leaves its folder done, failed, or (when
// ctx ends it) missing. Its error is the point's failure; problems writing
// the markers count as failures too.
func runPoint(ctx context.Context, dir string, i int, job Job, meter *Meter) error {
	pd := PointDir(dir, i)
	if err := os.MkdirAll(pd, 0o755); err != nil {
		return err
	}
	host, _ := os.Hostname()
	start := time.Now()
	mark := Marker{Host: host, PID: os.Getpid(), Started: start.UTC().Format(time.RFC3339)}
	if err := writeMarker(filepath.Join(pd, RunningFile), mark); err != nil {
		return err
	}
	defer os.Remove(filepath.Join(pd, RunningFile))
	os.Remove(filepath.Join(pd, ErrorFile))
	err := job(ctx, i, pd, meter)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		msg := fmt.Sprintf("point %d failed on %s at %s: %v\n", i, host, time.Now().UTC().Format(time.RFC3339), err)
		if werr := atomicfile.Write(filepath.Join(pd, ErrorFile), []byte(msg)); werr != nil {
			return errors.Join(err, werr)
		}
		return err
	}
	mark.Seconds = time.Since(start).Seconds()
	return writeMarker(filepath.Join(pd, DoneFile), mark)
}

func writeMarker(path string, m Marker) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return atomicfile.WriteMarker(path, append(data, '\n'))
}
