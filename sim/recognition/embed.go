package recognition

import (
	"fmt"
	"image"
	"math"

	"vigie/sim/recognition/convert"
)

// DescriptorDim is the length of a face descriptor.
const DescriptorDim = convert.FaceRecDim

// DefaultThreshold is face-api's (and dlib's) Euclidean distance below which
// two descriptors are taken to be the same person.
const DefaultThreshold = 0.6

// Embed computes FaceRecognitionNet's 128-d descriptor of each 150x150 chip,
// as face-api's computeFaceDescriptor does (RGB, alpha ignored). Chips run
// in batches of at most Options.MaxBatch.
func (p *Pipeline) Embed(chips []*image.RGBA) ([][DescriptorDim]float32, error) {
	for i, c := range chips {
		if c == nil {
			return nil, fmt.Errorf("embed: chip %d is nil", i)
		}
		if b := c.Bounds(); b.Dx() != ChipSize || b.Dy() != ChipSize {
			return nil, fmt.Errorf("embed: chip %d is %dx%d, want %dx%d (use Align)", i, b.Dx(), b.Dy(), ChipSize, ChipSize)
		}
	}
	out := make([][DescriptorDim]float32, len(chips))
	const per = ChipSize * ChipSize * 3
	for start := 0; start < len(chips); start += p.opts.MaxBatch {
		batch := chips[start:min(start+p.opts.MaxBatch, len(chips))]
		in := make([]float32, len(batch)*per)
		for i, c := range batch {
			chipToHWC(c, in[i*per:(i+1)*per])
		}
		if err := p.EmbedTensor(in, out[start:start+len(batch)]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EmbedTensor runs the network on len(out) chips already laid out as
// [N, 150, 150, 3] float32 RGB values 0..255 (what face-api feeds it), for
// callers that build the input themselves, such as the reference test.
func (p *Pipeline) EmbedTensor(in []float32, out [][DescriptorDim]float32) error {
	n := len(out)
	if len(in) != n*ChipSize*ChipSize*3 {
		return fmt.Errorf("embed: input has %d values, want %d chips of %dx%dx3", len(in), n, ChipSize, ChipSize)
	}
	if n == 0 {
		return nil
	}
	flat := make([]float32, n*DescriptorDim)
	if err := p.embedder.run(in, []int64{int64(n), ChipSize, ChipSize, 3}, flat, []int64{int64(n), DescriptorDim}); err != nil {
		return fmt.Errorf("embed: %w", err)
	}
	for i := range out {
		copy(out[i][:], flat[i*DescriptorDim:])
	}
	return nil
}

// chipToHWC writes the chip's RGB values as floats, row by row.
func chipToHWC(c *image.RGBA, dst []float32) {
	b := c.Bounds()
	for y := 0; y < ChipSize; y++ {
		row := c.Pix[(y+b.Min.Y-c.Rect.Min.Y)*c.Stride+(b.Min.X-c.Rect.Min.X)*4:]
		d := dst[y*ChipSize*3:]
		for x := 0; x < ChipSize; x++ {
			d[3*x], d[3*x+1], d[3*x+2] = float32(row[4*x]), float32(row[4*x+1]), float32(row[4*x+2])
		}
	}
}

// Distance is the Euclidean distance between two descriptors, as face-api's
// euclideanDistance (accumulated in float64).
func Distance(a, b [DescriptorDim]float32) float32 {
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return float32(math.Sqrt(s))
}
