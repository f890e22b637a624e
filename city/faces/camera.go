package faces

import (
	"math"
)

// cameraLook is how one camera and its processing render a scene, beyond
// the sensor: consumer cameras and phones each apply their own tone curve,
// saturation, exposure bias, residual white-balance error, sharpening (or
// an optical softness), and JPEG quality. Photographs of people, those the
// identity gates compare with, come from many such cameras; captures from
// one neutral pipeline differ from each other less than photographs do.
// (Measured with TestJudgesBaseline, the audit's first 60 identities with
// two captures each, on faces with the eyes' catch-light and lash line:
// dlib's genuine mean rose from 0.239 to 0.268 and its impostor mean
// stayed where it was, 0.585 to 0.581; MobileFaceNet's impostor mean rose
// from 0.0149 to 0.0193, the photographs' 0.0193. Without the camera's
// distance the genuine mean was 0.261.)
type cameraLook struct {
	contrast float64    // S-curve blend in the encoded signal: <0 flatter, >0 punchier
	sat      float64    // saturation factor about the encoded luma
	bias     float64    // exposure factor on top of auto-exposure
	wb       [3]float64 // per-channel white-balance error
	sharp    float64    // unsharp-mask amount (>0) or softening (<0)
	quality  int        // JPEG quality
	distance float64    // from the face, head units (camDist: about 1.7 m)
}

// newCameraLook draws camera id's processing. The ranges are assumptions
// about ordinary cameras: tone curves from slightly flat to punchy,
// saturation within about a quarter of neutral, exposure within about a
// third of a stop, white balance within about 5% per channel, JPEG
// quality 70-95.
func newCameraLook(id uint64) cameraLook {
	r := stream(id, "camera look")
	u := func(a, b float64) float64 { return a + (b-a)*r.Float64() }
	var l cameraLook
	l.contrast = u(-0.2, 0.6)
	l.sat = 1 + u(-0.25, 0.3)
	l.bias = math.Exp(0.25 * r.NormFloat64())
	for i := range l.wb {
		l.wb[i] = math.Exp(0.05 * r.NormFloat64())
	}
	l.sharp = u(-0.6, 1.2)
	l.quality = int(u(70, 96))
	// from arm's length (0.6 m) to across a room (3 m), evenly in log
	// distance: near cameras widen the nose and narrow the face's sides
	l.distance = camDist * math.Exp(u(math.Log(0.6/1.7), math.Log(3/1.7)))
	return l
}

// optics sharpens or softens the linear frame as the camera does.
func (l cameraLook) optics(lin []float64, w, h int, bb *blurBufs) []float64 {
	switch {
	case l.sharp > 0:
		// (the blurred frame is overwritten by the sharpened one, element
		// by element)
		b := bb.blur(lin, func(d, in []float64) []float64 { return boxBlurH(d, in, w, h, 3) })
		b = bb.blur(b, func(d, in []float64) []float64 { return boxBlurV(d, in, w, h, 3) }, lin)
		for i := range lin {
			b[i] = max(0, lin[i]+l.sharp*(lin[i]-b[i]))
		}
		return b
	case l.sharp < -0.2:
		n := 1 - 2*l.sharp // a box of 1.4 to 2.2 px
		lin = bb.blur(lin, func(d, in []float64) []float64 { return boxBlurH(d, in, w, h, n) })
		return bb.blur(lin, func(d, in []float64) []float64 { return boxBlurV(d, in, w, h, n) })
	}
	return lin
}

// encode turns one pixel's three exposed linear values into 8-bit colour
// through the camera's white balance, tone curve and saturation.
func (l cameraLook) encode(v [3]float64, pix []uint8) {
	var e [3]float64
	for ch := range e {
		x := srgbFloat(v[ch] * l.wb[ch])
		e[ch] = x + l.contrast*(x*x*(3-2*x)-x)
	}
	y := 0.299*e[0] + 0.587*e[1] + 0.114*e[2]
	for ch := range e {
		pix[ch] = uint8(255*clamp(y+l.sat*(e[ch]-y), 0, 1) + 0.5)
	}
}

// srgbFloat is the sRGB encoding of linear v, clamped to [0, 1], read
// from a table (a power per channel was too slow).
func srgbFloat(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	if v >= 1 {
		return 1
	}
	return float64(srgbFloatLUT[int(v*srgbSteps+0.5)])
}

var srgbFloatLUT = func() (t [srgbSteps + 1]float32) {
	for i := range t {
		t[i] = float32(linearToSRGB(float64(i) / srgbSteps))
	}
	return
}()

// jpegFor is the JPEG quality a capture is saved at: the capture's own,
// or the camera's, whichever is lower.
func (l cameraLook) jpegFor(q int) int {
	if q > 0 {
		return min(q, l.quality)
	}
	return l.quality
}
