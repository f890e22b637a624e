package facerec

import (
	"vigie/city"
	"vigie/sim"
)

// New makes the recognizer a scenario asks for: the pipeline's recognizers
// here, published-rates from package sim. A faces folder is read and
// checked here, before anything runs.
//
// With recognizer.pipeline.measure, published-rates decides the outcomes
// and the fitted recognizer is measured beside it (sim.WithPipeline).
func New(cfg *sim.Config) (sim.Recognizer, error) {
	rc := cfg.Recognizer
	groups := groupNames(cfg)
	if !rc.Mode.RunsPipeline() {
		rec, err := sim.NewRecognizer(rc)
		if err != nil || !rc.Pipeline.Measure {
			return rec, err
		}
		source, err := sourceFor(rc.Faces, groups, false)
		if err != nil {
			return nil, err
		}
		return sim.WithPipeline(rec, NewFitted(rc, groups, source)), nil
	}
	source, err := sourceFor(rc.Faces, groups, rc.Mode != sim.Fitted)
	if err != nil {
		return nil, err
	}
	if rc.Mode == sim.Fitted {
		return NewFitted(rc, groups, source), nil
	}
	return NewExact(rc, groups, rc.Mode == sim.Cached, source), nil
}

func groupNames(cfg *sim.Config) []string {
	names := make([]string, len(cfg.Population.Groups))
	for i, g := range cfg.Population.Groups {
		names[i] = g.Name
	}
	return names
}

// sourceFor makes, once the city is built, the face source the scenario
// names; distinct says every citizen needs a face of their own.
func sourceFor(fc sim.FacesConfig, groups []string, distinct bool) (func(*city.City, uint64) (FaceSource, error), error) {
	if fc.Source == "folder" {
		fo, err := LoadFolder(fc.Dir, fc.Labels, groups)
		if err != nil {
			return nil, err
		}
		return func(c *city.City, _ uint64) (FaceSource, error) { return fo.Source(c, distinct) }, nil
	}
	return func(c *city.City, seed uint64) (FaceSource, error) { return NewGenerated(c, seed), nil }, nil
}
