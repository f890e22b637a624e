package facerec

import (
	"image"

	"vigie/sim/recognition"
)

// Descriptor is a face's dlib descriptor.
type Descriptor = [recognition.DescriptorDim]float32

// describe runs one image through the pipeline as face-api.js does: the
// most confident detection, its 68 landmarks, the aligned chip, the
// descriptor. ok is false when the detector finds no face.
func describe(p *recognition.Pipeline, img image.Image) (d Descriptor, ok bool, err error) {
	dets, err := p.Detect(img)
	if err != nil || len(dets) == 0 {
		return d, false, err
	}
	best := 0
	for i, det := range dets {
		if det.Score > dets[best].Score {
			best = i
		}
	}
	lm, err := p.Landmarks(img, dets[best])
	if err != nil {
		return d, false, err
	}
	out, err := p.Embed([]*image.RGBA{recognition.AlignDetected(img, dets[best], lm)})
	if err != nil {
		return d, false, err
	}
	return out[0], true, nil
}
