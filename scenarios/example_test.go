package scenarios_test

import (
	"fmt"

	"vigie/scenarios"
)

// A scenario is YAML: what a file leaves out takes its default, and named
// regimes come from the built-in library.
func ExampleLoadBytes() {
	sc, err := scenarios.LoadBytes("small.yaml", []byte(`name: small
seed: 3
population: {size: 2000}
regimes: [none, mass]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := sc.Config()
	fmt.Println(cfg.Name, cfg.Population.Size, "citizens, seed", cfg.Seed)
	for _, r := range cfg.Regimes {
		fmt.Println(r.Name, "live cameras:", r.Live.Enabled)
	}
	// Output:
	// small 2000 citizens, seed 3
	// none live cameras: false
	// mass live cameras: true
}

// A mistake is an error that names the file, line and field, and says what
// is allowed.
func ExampleLoadBytes_badInput() {
	_, err := scenarios.LoadBytes("bad.yaml", []byte("name: bad\npopulation: {size: -3}\nregimes: [none]\n"))
	fmt.Println(err)
	// Output: bad.yaml:2:20: population.size: is not allowed (minimum: got -3, want 1)
}
