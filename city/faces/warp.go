package faces

import "math"

// A face's features are drawn in frontal feature coordinates; warp bends
// them, per identity, before they reach the surface. Every parametric
// feature (a socket, a lid, a lip, an ala) otherwise keeps one shape for
// everybody and only moves and scales, and aligned chips of such faces
// differ in few independent ways: at every spatial scale the descriptor
// read about 0.15 less identity in the generated faces' differences than
// in photographs', and around the eyes and brows the differences at the
// features' own scale (4-16 chip pixels) were half as strong
// (TestIdentityBands). The warp is a smooth displacement field at that
// scale: each feature's contour is bent its own way (an eye's corners
// lifted or dropped, a lid's curve flattened, a nostril widened at its
// base, a lip's bow shifted), so identity lives in the shape of the
// features and not only in their sizes and places.
//
// The field is a sum of Gaussian kernels on a fixed lattice of the right
// half-face, mirrored onto the left (x displacements odd in x, y
// displacements even): faces stay near symmetric, as people's are, and the
// midline does not move sideways. It is pinned to zero at the eye centres,
// where alignment holds the face, and fades out before the outline and
// hairline, which the silhouette (section) draws.

// The lattice covers the right half-face, x = warpX0 .. 0.55 and y =
// warpY0 .. -1.05, with a spacing of 5/3 the kernels' width.
const (
	warpX0 = 0.1
	warpY0 = 0.45
)

// warpSigma is the kernels' width, head units: a feature's scale.
var warpSigma = 0.06

func warpGrid() (rows, cols int, step float64) {
	step = warpSigma * 5 / 3
	return int(1.5/step) + 1, int(0.5/step) + 1, step
}

// warpAmp is the displacement kernels' standard deviation in head units
// (one unit is about 12 cm). A variable, not a constant, so that
// warpAmp*draw is rounded at run time like the other spreads (see spread).
// It is 0, the warp off: at 0.02 (about 2.5 mm) the audit's first 60
// identities gave a dlib impostor mean of 0.601 against 0.592, within
// noise, with the landmark error at 7.7% (6.9%), the age error at 9.3 years
// (7.9) and the proportions' spread over its band (TestProportionsVaryLikePeople,
// 10.1%); see the README's "Known gaps".
var warpAmp = 0.0

// warpPin is the radius about each eye centre within which the field is
// held near zero.
var warpPin = 0.035

// warpField is one identity's displacement kernels' weights; zero is no warp.
type warpField struct {
	dx, dy    []float64 // rows x cols
	cols      int
	step, sig float64
	pinR      float64
	// eye centres, in feature coordinates, where the field is pinned
	eyeSep, eyeY float64
	on           bool
}

// drawWarp draws the field's weights from the identity's own stream.
func (p *params) drawWarp(seed uint64) {
	r := stream(seed, "warp")
	w := &p.warp
	rows, cols, step := warpGrid()
	w.dx, w.dy = make([]float64, rows*cols), make([]float64, rows*cols)
	for i := range w.dx {
		w.dx[i] = gauss(r, 0, warpAmp)
		w.dy[i] = gauss(r, 0, warpAmp)
	}
	w.cols, w.step, w.sig, w.pinR = cols, step, warpSigma, warpPin
	w.eyeSep, w.eyeY, w.on = p.eyeSep, p.eyeY, warpAmp > 0
}

// offset is the field's displacement at surface point (x, y): the feature
// seen there is the one drawn at (x+dx, y+dy).
func (w *warpField) offset(x, y float64) (dx, dy float64) {
	if !w.on {
		return 0, 0
	}
	// fade before the outline and the hairline
	e := sq(x/0.56) + sq((y+0.3)/0.82)
	fade := 1 - smoothstep(0.4, 1, e)
	if fade <= 0 {
		return 0, 0
	}
	ax := math.Abs(x)
	rows := len(w.dx) / w.cols
	cut := 3 * w.sig
	i0 := max(0, int(math.Floor((warpY0-y-cut)/w.step)))
	i1 := min(rows-1, int(math.Ceil((warpY0-y+cut)/w.step)))
	j1 := min(w.cols-1, int(math.Ceil((ax-warpX0+cut)/w.step)))
	for i := i0; i <= i1; i++ {
		gy := math.Exp(-0.5 * sq((y-(warpY0-float64(i)*w.step))/w.sig))
		for j := 0; j <= j1; j++ {
			cx := warpX0 + float64(j)*w.step
			// the kernel at cx and its mirror at -cx
			a := math.Exp(-0.5 * sq((ax-cx)/w.sig))
			b := math.Exp(-0.5 * sq((ax+cx)/w.sig))
			dx += w.dx[i*w.cols+j] * gy * (a - b)
			dy += w.dy[i*w.cols+j] * gy * (a + b)
		}
	}
	if x < 0 { // (mirrored: the left half moves the other way across)
		dx = -dx
	}
	// pinned at the eye centres
	if w.pinR > 0 {
		pin := 1 - math.Exp(-0.5*(sq(ax-w.eyeSep)+sq(y-w.eyeY))/sq(w.pinR))
		fade *= pin
	}
	return dx * fade, dy * fade
}

// at maps a surface point to the feature coordinates drawn there.
func (w *warpField) at(x, y float64) (fx, fy float64) {
	dx, dy := w.offset(x, y)
	return x + dx, y + dy
}

// inverse finds the surface point where the feature point (fx, fy) is
// drawn, by damped fixed-point iteration (x += 0.6 (f - at(x))), which
// converges while the field's slope stays under 1 (no fold).
func (w *warpField) inverse(fx, fy float64) (x, y float64) {
	x, y = fx, fy
	for k := 0; k < 200; k++ {
		ax, ay := w.at(x, y)
		ex, ey := fx-ax, fy-ay
		if math.Abs(ex)+math.Abs(ey) < 1e-10 {
			break
		}
		x, y = x+0.6*ex, y+0.6*ey
	}
	return x, y
}
