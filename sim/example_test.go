package sim_test

import (
	"context"
	"fmt"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
)

// A researcher's script: load a scenario, build its recognizer (here the
// published rates of the default profile), run the day on one core and read
// the figures. The same scenario and seed give the same figures on any
// machine and any number of workers.
func Example() {
	sc, err := scenarios.LoadBytes("tiny.yaml", []byte(`name: tiny
seed: 7
population: {size: 400}
regimes: [none, mass]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := sc.Config()
	rec, err := sim.NewRecognizer(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	eng, err := sim.New(cfg, rec)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := eng.Run(context.Background(), 1); err != nil {
		fmt.Println(err)
		return
	}
	res := eng.Results(metrics.Manifest{ScenarioName: cfg.Name, Seed: cfg.Seed})
	for _, r := range res.Regimes {
		m := r.Metrics
		fmt.Printf("%s: scans faces %v, every alert counted once %v\n",
			r.Name, m.FacesScanned > 0, m.TrueAlerts+m.FalseAlerts == m.Alerts)
	}
	// Output:
	// none: scans faces false, every alert counted once true
	// mass: scans faces true, every alert counted once true
}
