package sim_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
	_ "vigie/sim/facerec" // registers the pipeline modes
	"vigie/sim/output"
	"vigie/sim/recognizer"
)

// BenchmarkEngine runs the default scenario's day (20,000 citizens, about
// 80 cameras, 1,440 one-minute steps) for one regime on one core, and
// reports agent-steps per second: citizens x steps / time.
func BenchmarkEngine(b *testing.B) {
	for _, regime := range []string{"none", "mass"} {
		b.Run(regime, func(b *testing.B) {
			sc, err := scenarios.Load(scenarios.DefaultScenario)
			if err != nil {
				b.Fatal(err)
			}
			cfg := sc.Config()
			for _, r := range cfg.Regimes {
				if r.Name == regime {
					cfg.Regimes = append(cfg.Regimes[:0:0], r)
				}
			}
			rec, _ := sim.NewRecognizer(cfg)
			b.ResetTimer()
			agentSteps := 0
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				e, err := sim.New(cfg, rec)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := e.Run(context.Background(), 1); err != nil {
					b.Fatal(err)
				}
				agentSteps += e.Steps() * cfg.Population.Size
			}
			b.ReportMetric(float64(agentSteps)/b.Elapsed().Seconds(), "agent-steps/s")
		})
	}
}

// BenchmarkBuildCity measures making the default city (streets, routing,
// population, plans, camera coverage).
func BenchmarkBuildCity(b *testing.B) {
	sc, err := scenarios.Load(scenarios.DefaultScenario)
	if err != nil {
		b.Fatal(err)
	}
	cfg := sc.Config()
	cfg.Regimes = nil
	rec, _ := sim.NewRecognizer(cfg)
	for i := 0; i < b.N; i++ {
		if _, err := sim.New(cfg, rec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMillionCity runs the bundled million scenario end to end (city
// build, the recognizer's preparation, the day in every regime on
// GOMAXPROCS workers, results and events.csv written to a temporary file)
// and reports seconds per simulated day (wall and processor time) and the
// process's peak resident memory (VmHWM, reset before each run).
//
// The published-rates cases run the day with the published-rates
// recognizer, whose per-sighting cost (a few random draws) is that of the
// fitted one: they measure the city and the engine, at a tenth of the
// residents and in full. The fitted case runs the scenario as written,
// whose fit on the real pipeline (a fixed sample, whatever the city's size)
// needs the models ($VIGIE_MODELS):
//
//	go test ./sim -run '^$' -bench MillionCity -benchtime 1x
func BenchmarkMillionCity(b *testing.B) {
	for _, tc := range []struct {
		mode recognizer.Mode
		size int
	}{{recognizer.PublishedRates, 100000}, {recognizer.PublishedRates, 1000000}, {recognizer.Fitted, 1000000}} {
		b.Run(fmt.Sprintf("%s/citizens=%d", tc.mode, tc.size), func(b *testing.B) {
			sc, err := scenarios.Load("million")
			if err != nil {
				b.Fatal(err)
			}
			cfg := sc.Config()
			cfg.Population.Size = tc.size
			cfg.Recognizer.Mode = tc.mode
			if tc.mode != recognizer.PublishedRates && os.Getenv("VIGIE_MODELS") == "" {
				b.Skip("the fitted recognizer runs the real pipeline: set VIGIE_MODELS (make models)")
			}
			rec, err := sim.NewRecognizer(cfg)
			if err != nil {
				b.Fatal(err)
			}
			var build, run, write time.Duration
			peak := 0.0
			cpu0 := cpuSeconds()
			for i := 0; i < b.N; i++ {
				resetPeakRSS()
				t0 := time.Now()
				e, err := sim.New(cfg, rec)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := e.Run(context.Background(), runtime.GOMAXPROCS(0)); err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				if err := writeRun(b, e, cfg); err != nil {
					b.Fatal(err)
				}
				build, run, write = build+t1.Sub(t0), run+t2.Sub(t1), write+time.Since(t2)
				peak = max(peak, peakRSSMB())
			}
			days := float64(b.N) * cfg.Hours / 24
			b.ReportMetric(b.Elapsed().Seconds()/days, "s/day")
			// Processor time is steadier than wall time on a shared machine.
			b.ReportMetric((cpuSeconds()-cpu0)/days, "cpu-s/day")
			b.ReportMetric(build.Seconds()/float64(b.N), "build-s")
			b.ReportMetric(run.Seconds()/float64(b.N), "run-s")
			b.ReportMetric(write.Seconds()/float64(b.N), "write-s")
			b.ReportMetric(peak, "peak-MB")
		})
	}
}

// writeRun writes what vigie run writes (results.json and events.csv) into a
// temporary folder.
func writeRun(b *testing.B, e *sim.Engine, cfg *sim.Config) error {
	res := e.Results(metrics.Manifest{Seed: cfg.Seed})
	return output.Write(b.TempDir(), output.Run{Results: res, Events: e.WriteEvents})
}

// cpuSeconds returns the processor time (user and system) this process
// has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// resetPeakRSS resets the kernel's record of this process's peak resident
// memory (Linux; elsewhere peak-MB reads 0).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB reads the process's peak resident memory since the last reset.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
