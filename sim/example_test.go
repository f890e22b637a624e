package sim_test

import (
	"context"
	"fmt"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
)

// A researcher's script: start from the defaults a scenario file would
// fill, shrink the city, pick built-in regimes, build the recognizer (here
// the default profile's published rates), run the day on one core and read
// the figures. The same configuration and seed give the same figures on any
// machine and any number of workers.
func Example() {
	cfg := scenarios.Defaults()
	cfg.Name, cfg.Seed = "tiny", 7
	cfg.Population.Size = 400
	for _, name := range []string{"none", "mass"} {
		r, err := scenarios.Builtin(name)
		if err != nil {
			fmt.Println(err)
			return
		}
		cfg.Regimes = append(cfg.Regimes, r)
	}
	rec, err := sim.NewRecognizer(&cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	eng, err := sim.New(&cfg, rec)
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
