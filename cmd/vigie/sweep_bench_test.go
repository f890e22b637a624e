package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"vigie/scenarios"
	"vigie/sim"
)

// tiny1000 is the benchmark's sweep: a 100-citizen city, published rates,
// 10 thresholds x 10 watchlist sizes x 10 seeds = 1,000 points.
const tiny1000 = `name: tiny-1000
population: {size: 100}
regimes: [none, mass]
sweep:
  parameters:
    - {path: regimes.mass.threshold, values: [0.50, 0.51, 0.52, 0.53, 0.54, 0.55, 0.56, 0.57, 0.58, 0.59]}
    - {path: regimes.mass.watchlist.size, values: [1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000]}
  seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
`

// cpuTime is this process's user + system time so far: on a shared
// machine it measures the work done rather than the wait for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSweepOverhead plans, runs (one point at a time) and gathers the
// 1,000-point sweep through sim/batch, and simulates the same 1,001 runs
// (the points and the scenario as written) one after another with nothing
// around them: building each point's scenario, recognizer and engine,
// running it and assembling its results, as a `vigie run` of that point
// does. The overhead per point is the difference over the point count,
// given as a share of the bare simulation, in wall-clock and CPU time.
//
//	go test -run '^$' -bench SweepOverhead -benchtime 1x ./cmd/vigie
func BenchmarkSweepOverhead(b *testing.B) {
	scen := filepath.Join(b.TempDir(), "tiny-1000.yaml")
	if err := writeBenchFile(scen, tiny1000); err != nil {
		b.Fatal(err)
	}
	sc, err := scenarios.Load(scen)
	if err != nil {
		b.Fatal(err)
	}
	specs := sc.PointSpecs()
	ctx := context.Background()
	for range b.N {
		wall, cpu := time.Now(), cpuTime()
		for _, p := range append(specs, scenarios.Point{Index: -1}) {
			psc := sc
			if p.Index >= 0 {
				if psc, err = sc.PointScenario(p); err != nil {
					b.Fatal(err)
				}
			}
			cfg := psc.Config()
			rec, err := sim.NewRecognizer(cfg)
			if err != nil {
				b.Fatal(err)
			}
			eng, err := sim.New(cfg, rec)
			if err != nil {
				b.Fatal(err)
			}
			if err := eng.Run(ctx, 1); err != nil {
				b.Fatal(err)
			}
			_ = eng.Results(manifestFor(psc, p.Seed))
		}
		bareWall, bareCPU := time.Since(wall), cpuTime()-cpu

		dir := filepath.Join(b.TempDir(), "sweep")
		wall, cpu = time.Now(), cpuTime()
		if err := planSweep(sc, nil, dir); err != nil {
			b.Fatal(err)
		}
		s, err := openSweep(dir)
		if err != nil {
			b.Fatal(err)
		}
		all := make([]int, len(s.plan.Points))
		for i := range all {
			all[i] = i
		}
		sum, err := s.run(ctx, all, 1, true, io.Discard)
		if err != nil || len(sum.Failed) > 0 {
			b.Fatalf("%v, %d failed", err, len(sum.Failed))
		}
		if err := s.gather(ctx, dir, false, false, "", io.Discard); err != nil {
			b.Fatal(err)
		}
		sweepWall, sweepCPU := time.Since(wall), cpuTime()-cpu

		n := float64(len(all))
		b.ReportMetric(n/sweepWall.Seconds(), "points/s")
		b.ReportMetric(sweepWall.Seconds()/n*1000, "ms/point")
		b.ReportMetric(bareWall.Seconds()/n*1000, "bare-ms/point")
		b.ReportMetric(100*(sweepWall.Seconds()-bareWall.Seconds())/bareWall.Seconds(), "%overhead-wall")
		b.ReportMetric(100*(sweepCPU.Seconds()-bareCPU.Seconds())/bareCPU.Seconds(), "%overhead-cpu")
		b.ReportMetric((sweepCPU-bareCPU).Seconds()/n*1000, "overhead-cpu-ms/point")
	}
}

func writeBenchFile(path, text string) error {
	return os.WriteFile(path, []byte(text), 0o644)
}
