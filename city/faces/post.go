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
func finish(lin []float64, c Capture, sc *scene, buf *buffers) *image.RGBA {
	w, h := c.FrameW, c.FrameH
	bb := &buf.blur
	if c.MotionBlurPx > 0.5 {
		lin = bb.blur(lin, func(d, in []float64) []float64 { return boxBlurH(d, in, w, h, c.MotionBlurPx) })
	}
	if c.DefocusPx > 0.3 {
		// a disc of radius r has the variance of a Gaussian of sigma r/2
		n := c.DefocusPx * 1.15
		for i := 0; i < 3; i++ {
			lin = bb.blur(lin, func(d, in []float64) []float64 { return boxBlurH(d, in, w, h, n) })
			lin = bb.blur(lin, func(d, in []float64) []float64 { return boxBlurV(d, in, w, h, n) })
		}
	}
	// (a camera's own processing, where the capture names one; not in
	// infrared, nor at a fixed gain, which measures colour)
	look, hasLook := cameraLook{}, c.Camera != 0 && !sc.ir && c.FixedGain <= 0
	if hasLook {
		look = newCameraLook(c.Camera)
		lin = look.optics(lin, w, h, bb)
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
		bits = noise.Uint64() // four draws, three used
		l := lin[3*i : 3*i+3 : 3*i+3]
		pix := img.Pix[4*i : 4*i+4 : 4*i+4]
		var v [3]float64
		for ch := range v {
			raw := max(0, l[ch])
			sd := math.Sqrt(raw/fullWell + readNoise*readNoise)
			v[ch] = (raw + sd*normalTable[(bits>>(16*ch))%normalSteps]) * gain
		}
		switch {
		case hasLook:
			look.encode(v, pix[:3])
		case sc.ir:
			// (the sensor is monochrome: the first channel's value)
			e := encodeSRGB(v[0])
			pix[0], pix[1], pix[2] = e, e, e
		default:
			pix[0], pix[1], pix[2] = encodeSRGB(v[0]), encodeSRGB(v[1]), encodeSRGB(v[2])
		}
		pix[3] = 255
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
// ends weighted), clamping at the edges. The result is written to dst,
// grown as needed, which must not share memory with in.
func boxBlurH(dst, in []float64, w, h int, n float64) []float64 {
	return boxBlur(dst, in, w, h, n, 3, 3*w, w, h)
}

func boxBlurV(dst, in []float64, w, h int, n float64) []float64 {
	return boxBlur(dst, in, w, h, n, 3*w, 3, h, w)
}

// boxBlur blurs lines of length ln (stride step) across nl lines (stride
// lstep) with a centred box of length n, into dst. Taps past a line's ends
// repeat its end pixel; the interior, where no tap can pass an end, skips
// that clamp and sums a pixel's three channels in one pass over the taps
// (each channel's additions in the same order as alone).
func boxBlur(dst, in []float64, w, h int, n float64, step, lstep, ln, nl int) []float64 {
	out := grow(dst, len(in))
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
	var wbuf [16]float64
	wt := wbuf[:0]
	if 2*r+1 > len(wbuf) {
		wt = make([]float64, 0, 2*r+1)
	}
	for k := 0; k < 2*r+1; k++ {
		v := 1.0
		if r > 0 && (k == 0 || k == 2*r) {
			v = edge
		}
		wt = append(wt, v)
	}
	for l := 0; l < nl; l++ {
		base := l * lstep
		for i := 0; i < ln; i++ {
			o := base + i*step
			if i >= r && i < ln-r {
				s0, s1, s2 := 0.0, 0.0, 0.0
				at := o - r*step
				for _, w := range wt {
					px := in[at : at+3 : at+3]
					s0 += w * px[0]
					s1 += w * px[1]
					s2 += w * px[2]
					at += step
				}
				out[o], out[o+1], out[o+2] = s0/norm, s1/norm, s2/norm
				continue
			}
			for ch := 0; ch < 3; ch++ {
				s := 0.0
				for k := -r; k <= r; k++ {
					s += wt[k+r] * in[base+clampInt(i+k, 0, ln-1)*step+ch]
				}
				out[o+ch] = s / norm
			}
		}
	}
	return out
}

// blurBufs are three frames of working memory for blurs, reused between
// renders: a blur's result goes to one that none of its inputs occupy.
type blurBufs struct{ bufs [3][]float64 }

// blur applies f (boxBlurH or boxBlurV, into its first argument) to lin
// into a buffer that holds neither lin nor keep, and returns the result.
func (p *blurBufs) blur(lin []float64, f func(dst, in []float64) []float64, keep ...[]float64) []float64 {
	for i := range p.bufs {
		d := &p.bufs[i]
		if aliases(*d, lin) || (len(keep) > 0 && aliases(*d, keep[0])) {
			continue
		}
		*d = f(*d, lin)
		return *d
	}
	panic("faces: no free blur buffer")
}

// aliases reports whether a and b start at the same element.
func aliases(a, b []float64) bool {
	return cap(a) > 0 && cap(b) > 0 && &a[:1][0] == &b[:1][0]
}

// jpegRoundTrip compresses img as a JPEG of quality q and decompresses it,
// in place: jpegsim reproduces image/jpeg's round trip within rounding
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
