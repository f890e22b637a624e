package recognizer

import (
	"fmt"
	"sync"
)

// Mode names how sightings become search results (recognizer.mode).
type Mode string

// The recognizer modes. PublishedRates draws from a deployed system's
// profile and is built here; the others run the real pipeline (ONNX
// Runtime, through cgo) and are built by package sim/facerec, which
// registers them: the engine, and the WebAssembly explorer built from it,
// link none of the pipeline.
const (
	PublishedRates Mode = "published-rates"
	Exact          Mode = "exact"
	Cached         Mode = "cached"
	Fitted         Mode = "fitted"
	// Calibrated draws from a profile whose shape (how errors change
	// between groups and with capture conditions) the pipeline measured.
	Calibrated Mode = "calibrated"
)

// Modes lists every mode.
var Modes = []Mode{PublishedRates, Exact, Cached, Fitted, Calibrated}

// RunsPipeline says whether the mode runs the real recognition pipeline.
func (m Mode) RunsPipeline() bool { return m != PublishedRates }

// Scale is the scale the mode's thresholds read on: the pipeline's own
// modes read descriptor distances; the profile's modes, similarity.
func (m Mode) Scale() ScoreScale {
	if m == Exact || m == Cached || m == Fitted {
		return Distance
	}
	return Similarity
}

// Builder makes a recognizer of a registered mode for a scenario's
// recognizer configuration and population groups.
type Builder func(c RecognizerConfig, groups []string) (Recognizer, error)

var (
	buildersMu sync.RWMutex
	builders   = map[Mode]Builder{}
)

// Register makes a mode available to New. Package sim/facerec registers the
// pipeline modes when it is linked in; registering a mode twice replaces it.
func Register(m Mode, b Builder) {
	buildersMu.Lock()
	defer buildersMu.Unlock()
	builders[m] = b
}

func builder(m Mode) (Builder, error) {
	buildersMu.RLock()
	defer buildersMu.RUnlock()
	if b, ok := builders[m]; ok {
		return b, nil
	}
	return nil, fmt.Errorf("recognizer mode %q needs the real pipeline, which this program does not include (the vigie command does; here only %s)", m, PublishedRates)
}

// New makes the recognizer a configuration asks for. With
// recognizer.pipeline.measure, published-rates decides the outcomes and the
// fitted recognizer is measured beside it (WithPipeline).
func New(c RecognizerConfig, groups []string) (Recognizer, error) {
	if c.Mode != PublishedRates {
		b, err := builder(c.Mode)
		if err != nil {
			return nil, err
		}
		return b(c, groups)
	}
	rec := NewRates(c.Profile)
	if !c.Pipeline.Measure {
		return rec, nil
	}
	b, err := builder(Fitted)
	if err != nil {
		return nil, err
	}
	pipeline, err := b(c, groups)
	if err != nil {
		return nil, err
	}
	return WithPipeline(rec, pipeline), nil
}
