package recognizer

import "math/rand/v2"

// beside is a recognizer that decides outcomes with a pipeline measured
// next to it (WithPipeline).
type beside struct {
	rec, pipeline Recognizer
}

func (b *beside) Name() string                           { return b.rec.Name() }
func (b *beside) Source() string                         { return b.rec.Source() }
func (b *beside) Scale() ScoreScale                      { return b.rec.Scale() }
func (b *beside) Search(p Probe, rng *rand.Rand) Outcome { return b.rec.Search(p, rng) }

// WithPipeline returns a recognizer that decides every outcome with rec
// and has the engine measure pipeline beside it on the same city: pipeline
// is prepared, held to each regime's false-alert budget as rec's profile
// gives it, and reported in the results' pipeline section. Pipeline must
// be a Calibrator, a Finder and a Reporter.
func WithPipeline(rec, pipeline Recognizer) Recognizer {
	return &beside{rec: rec, pipeline: pipeline}
}

// Finder is a recognizer that can say what share of wanted people it finds
// at a threshold against a gallery of a given size.
type Finder interface {
	// FoundAt averages over mated probes the chance of being detected and
	// found.
	FoundAt(threshold float64, gallery int, probes []Probe) float64
}

// Split returns the recognizer that decides outcomes and, for one made by
// WithPipeline, the pipeline measured beside it (nil otherwise).
func Split(r Recognizer) (rec, pipeline Recognizer) {
	if b, ok := r.(*beside); ok {
		return b.rec, b.pipeline
	}
	return r, nil
}
