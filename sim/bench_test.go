package sim_test

import (
	"context"
	"testing"

	"vigie/scenarios"
	"vigie/sim"
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
			rec, _ := sim.NewRecognizer(cfg.Recognizer)
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
	rec, _ := sim.NewRecognizer(cfg.Recognizer)
	for i := 0; i < b.N; i++ {
		if _, err := sim.New(cfg, rec); err != nil {
			b.Fatal(err)
		}
	}
}
