package faces

import (
	"image"
	"math"

	"vigie/city/faces/internal/jpegsim"
)

// Sensor constants: full-well electrons per unit of raw signal, read noise
// in raw units, the target mean of auto-exposure, and the most gain (longer
// exposure times ISO) the camera can apply before the image stays dark.
const (
	fullWell  = 2000.0
	readNoise = 0.0008
	aeTarget  = 0.30
	maxGain   = 16.0
	minGain   = 0.02
)

// finish applies the optics and the camera: motion blur and defocus, auto
// exposure, sensor noise that grows with gain, the sRGB curve, 8-bit
// quantisation, and JPEG compression.
func finish(lin []float64, c Capture, sc *scene) *image.RGBA {
	w, h := c.FrameW, c.FrameH
	if c.MotionBlurPx > 0.5 {
		lin = boxBlurH(lin, w, h, c.MotionBlurPx)
	}
	if c.DefocusPx > 0.3 {
		// a disc of radius r has the variance of a Gaussian of sigma r/2
		for i := 0; i < 3; i++ {
			lin = boxBlurH(lin, w, h, c.DefocusPx*1.15)
			lin = boxBlurV(lin, w, h, c.DefocusPx*1.15)
		}
	}
	// (a camera's own processing, where the capture names one; not in
	// infrared, nor at a fixed gain, which measures colour)
	look, hasLook := cameraLook{}, c.Camera != 0 && !sc.ir && c.FixedGain <= 0
	if hasLook {
		look = newCameraLook(c.Camera)
		lin = look.optics(lin, w, h)
	}
	gain := c.FixedGain
	if gain <= 0 {
		gain = clamp(aeTarget/meter(lin, w, h), minGain, maxGain)
	}
	if hasLook {
		gain *= look.bias
	}
	noise := stream(c.NoiseSeed, "sensor noise")
	var bits uint64
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		var mono float64
		bits = noise.Uint64() // four draws, three used
		if hasLook {
			var v [3]float64
			for ch := range v {
				raw := max(0, lin[3*i+ch])
				sd := math.Sqrt(raw/fullWell + readNoise*readNoise)
				v[ch] = (raw + sd*normalTable[(bits>>(16*ch))%normalSteps]) * gain
			}
			look.encode(v, img.Pix[4*i:4*i+3])
			img.Pix[4*i+3] = 255
			continue
		}
		for ch := 0; ch < 3; ch++ {
			raw := max(0, lin[3*i+ch])
			sd := math.Sqrt(raw/fullWell + readNoise*readNoise)
			v := (raw + sd*normalTable[(bits>>(16*ch))%normalSteps]) * gain
			if sc.ir {
				if ch == 0 {
					mono = v
				}
				v = mono
			}
			img.Pix[4*i+ch] = encodeSRGB(v)
		}
		img.Pix[4*i+3] = 255
	}
	switch {
	case hasLook:
		img = jpegRoundTrip(img, look.jpegFor(c.JPEGQuality))
	case c.JPEGQuality > 0:
		img = jpegRoundTrip(img, c.JPEGQuality)
	}
	return img
}

// normalTable holds standard normal deviates at the midpoints of
// normalSteps equal steps of probability. Sensor noise reads it at random:
// one draw of 64 bits gives a pixel's three channels, at a tenth of the
// cost of NormFloat64 per channel, which was a tenth of a render. The table
// fits in a core's first-level cache; its tails stop at 3.5 standard
// deviations, which noise on an 8-bit pixel does not show.
var normalTable = func() (t [normalSteps]float64) {
	for i := range t {
		t[i] = math.Sqrt2 * math.Erfinv(2*(float64(i)+0.5)/normalSteps-1)
	}
	return
}()

const normalSteps = 1 << 12

// meter is centre-weighted average luminance, as a camera's face-priority
// auto-exposure reads it: the centre of the frame, where the face is,
// counts most. The Gaussian weight is the product of a row's and a
// column's factor, each computed once.
func meter(lin []float64, w, h int) float64 {
	const twoVar = 2 * 0.12 * 0.12
	gx, gy := make([]float64, w), make([]float64, h)
	for x := range gx {
		dx := (float64(x)+0.5)/float64(w) - 0.5
		gx[x] = math.Exp(-dx * dx / twoVar)
	}
	for y := range gy {
		dy := (float64(y)+0.5)/float64(h) - 0.5
		gy[y] = math.Exp(-dy * dy / twoVar)
	}
	var sum, wsum float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			wt := 0.05 + gx[x]*gy[y]
			k := 3 * (y*w + x)
			sum += wt * (0.2126*lin[k] + 0.7152*lin[k+1] + 0.0722*lin[k+2])
			wsum += wt
		}
	}
	return max(1e-6, sum/wsum)
}

// boxBlurH averages along rows over a window of length n pixels (fractional
// ends weighted), clamping at the edges.
func boxBlurH(in []float64, w, h int, n float64) []float64 {
	return boxBlur(in, w, h, n, 3, 3*w, w, h)
}

func boxBlurV(in []float64, w, h int, n float64) []float64 {
	return boxBlur(in, w, h, n, 3*w, 3, h, w)
}

// boxBlur blurs lines of length ln (stride step) across nl lines (stride
// lstep) with a centred box of length n. Taps past a line's ends repeat its
// end pixel; the interior, where no tap can pass an end, skips that clamp.
func boxBlur(in []float64, w, h int, n float64, step, lstep, ln, nl int) []float64 {
	out := make([]float64, len(in))
	half := n / 2
	r := int(math.Ceil(half - 0.5))
	edge := half - float64(r) + 0.5 // weight of the two end taps
	if r == 0 {
		edge = 0
	}
	norm := 2*float64(r) - 1 + 2*edge
	if r == 0 {
		norm = 1
	}
	wt := make([]float64, 2*r+1)
	for k := range wt {
		wt[k] = 1
		if r > 0 && (k == 0 || k == 2*r) {
			wt[k] = edge
		}
	}
	for l := 0; l < nl; l++ {
		base := l * lstep
		for i := 0; i < ln; i++ {
			inner := i >= r && i < ln-r
			for ch := 0; ch < 3; ch++ {
				s := 0.0
				if inner {
					at := base + (i-r)*step + ch
					for _, w := range wt {
						s += w * in[at]
						at += step
					}
				} else {
					for k := -r; k <= r; k++ {
						s += wt[k+r] * in[base+clampInt(i+k, 0, ln-1)*step+ch]
					}
				}
				out[base+i*step+ch] = s / norm
			}
		}
	}
	return out
}

// jpegRoundTrip compresses img as a JPEG of quality q and decompresses it,
// in place: jpegsim reproduces image/jpeg's round trip byte for byte
// without the entropy coding, which was most of its cost.
func jpegRoundTrip(img *image.RGBA, q int) *image.RGBA {
	jpegsim.RoundTrip(img, q)
	return img
}

// srgbLUT maps linear values in [0,1] (in srgbSteps steps) to 8-bit sRGB;
// the table is filled once, and reading it avoids a power per channel.
const srgbSteps = 16384

var srgbLUT = func() (t [srgbSteps + 1]uint8) {
	for i := range t {
		t[i] = uint8(math.Round(255 * linearToSRGB(float64(i)/srgbSteps)))
	}
	return
}()

func encodeSRGB(v float64) uint8 {
	if !(v > 0) { // also NaN
		return 0
	}
	if v >= 1 {
		return 255
	}
	return srgbLUT[int(v*srgbSteps+0.5)]
}
