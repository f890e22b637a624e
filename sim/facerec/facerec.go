package facerec

import (
	"vigie/city"
	"vigie/sim/recognizer"
)

// The pipeline modes are registered with package recognizer when this
// package is linked in (the vigie commands import it); the engine itself,
// and the WebAssembly explorer built from it, never link ONNX Runtime.
func init() {
	recognizer.Register(recognizer.Fitted, func(rc recognizer.RecognizerConfig, groups []string) (recognizer.Recognizer, error) {
		source, err := sourceFor(rc.Faces, groups, false)
		if err != nil {
			return nil, err
		}
		return NewFitted(rc, groups, source), nil
	})
	recognizer.Register(recognizer.Calibrated, func(rc recognizer.RecognizerConfig, groups []string) (recognizer.Recognizer, error) {
		source, err := sourceFor(rc.Faces, groups, false)
		if err != nil {
			return nil, err
		}
		return recognizer.NewCalibrated(rc.Profile, groups, NewShapeMeasurer(rc, groups, source)), nil
	})
	for _, m := range []recognizer.Mode{recognizer.Exact, recognizer.Cached} {
		recognizer.Register(m, func(rc recognizer.RecognizerConfig, groups []string) (recognizer.Recognizer, error) {
			source, err := sourceFor(rc.Faces, groups, true)
			if err != nil {
				return nil, err
			}
			return NewExact(rc, groups, m == recognizer.Cached, source), nil
		})
	}
}

// sourceFor makes, once the city is built, the face source the scenario
// names; distinct says every citizen needs a face of their own. A faces
// folder is read and checked here, before anything runs.
func sourceFor(fc recognizer.FacesConfig, groups []string, distinct bool) (func(*city.City, uint64) (FaceSource, error), error) {
	if fc.Source == "folder" {
		fo, err := LoadFolder(fc.Dir, fc.Labels, groups)
		if err != nil {
			return nil, err
		}
		return func(c *city.City, _ uint64) (FaceSource, error) { return fo.Source(c, distinct) }, nil
	}
	return func(c *city.City, seed uint64) (FaceSource, error) { return NewGenerated(c, seed), nil }, nil
}
