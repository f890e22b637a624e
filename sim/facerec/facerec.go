package facerec

import (
	"fmt"

	"vigie/city"
	"vigie/sim"
)

// New makes the recognizer a scenario asks for: the pipeline's recognizers
// here, published-rates from package sim.
func New(cfg *sim.Config) (sim.Recognizer, error) {
	rc := cfg.Recognizer
	switch rc.Mode {
	case "fitted":
		return NewFitted(rc, groupNames(cfg), sourceFor(rc.Faces)), nil
	case "exact", "cached":
		return NewExact(rc, groupNames(cfg), rc.Mode == "cached", sourceFor(rc.Faces)), nil
	}
	return sim.NewRecognizer(rc)
}

func groupNames(cfg *sim.Config) []string {
	names := make([]string, len(cfg.Population.Groups))
	for i, g := range cfg.Population.Groups {
		names[i] = g.Name
	}
	return names
}

// sourceFor makes, once the city is built, the face source the scenario
// names.
func sourceFor(fc sim.FacesConfig) func(*city.City, uint64) (FaceSource, error) {
	if fc.Source == "folder" {
		return func(*city.City, uint64) (FaceSource, error) {
			return nil, fmt.Errorf("faces from a folder are not available yet (allowed: generated)")
		}
	}
	return func(c *city.City, seed uint64) (FaceSource, error) { return NewGenerated(c, seed), nil }
}
