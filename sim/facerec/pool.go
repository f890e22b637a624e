package facerec

import (
	"context"
	"fmt"
	"image"

	"vigie/internal/parallel"
	"vigie/sim/recognition"
)

// pool runs images through the pipeline on every core: one pipeline per
// worker, each with one ONNX Runtime thread, so a face's descriptor does
// not depend on how many workers there are or which one took it.
type pool struct {
	pipes []*recognition.Pipeline
	sums  map[string]string // sha256 of the model files the pipelines loaded
}

func openPool(workers int) (*pool, error) {
	p := &pool{}
	for w := 0; w < max(1, workers); w++ {
		pipe, err := recognition.Open("", recognition.Options{IntraOpThreads: 1})
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("opening the recognition pipeline: %w", err)
		}
		p.pipes = append(p.pipes, pipe)
	}
	p.sums = p.pipes[0].ModelChecksums()
	return p, nil
}

// Close releases the pipelines' sessions.
func (p *pool) Close() error {
	for _, pipe := range p.pipes {
		pipe.Close()
	}
	p.pipes = nil
	return nil
}

// describeAll makes image i with load and describes it, for i in [0, n),
// in parallel; found[i] is false where no face was detected.
func (p *pool) describeAll(n int, load func(i int) (image.Image, error)) (desc []Descriptor, found []bool, err error) {
	desc, found = make([]Descriptor, n), make([]bool, n)
	// Each goroutine owns one pipeline: worker w runs on p.pipes[w].
	err = parallel.For(context.Background(), n, len(p.pipes), func(w, i int) error {
		img, err := load(i)
		if err == nil {
			desc[i], found[i], err = describe(p.pipes[w], img)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return desc, found, nil
}
