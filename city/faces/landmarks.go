package faces

import "math"

// The 68 landmarks follow the iBUG 300-W order that face-api.js returns:
// 0-16 jaw (image left to right), 17-21 and 22-26 brows, 27-30 nose bridge,
// 31-35 nose base, 36-41 and 42-47 eyes, 48-59 outer lips, 60-67 inner lips.
// Image left is the person's right, so the first of each pair has x < 0.

// eyeLids returns the eye's local baseline height at frontal x, and the
// heights of the upper and lower lid there; ok is false outside the eye's
// width.
func (p *params) eyeLids(x float64) (base, up, low float64, ok bool) {
	ax := math.Abs(x)
	base = p.eyeY + p.eyeTilt*(ax-p.eyeSep) + math.Copysign(p.asymEye/2, x)
	u := (ax - p.eyeSep) / p.eyeW
	if u <= -1 || u >= 1 {
		return base, base, base, false
	}
	// The upper lid peaks a little toward the nose, the lower toward the ear.
	s := 1 - u*u
	up = base + p.eyeH*math.Pow(s, 0.75)*(1-0.15*u)
	low = base - p.eyeH*0.62*math.Pow(s, 0.9)*(1+0.15*u)
	return base, up, low, true
}

// browLine returns the brow's centre height and half-thickness at frontal x.
func (p *params) browLine(x float64) (y, half float64, ok bool) {
	ax := math.Abs(x)
	inner := p.eyeSep - p.eyeW*1.05 + p.ap.browGap
	outer := p.eyeSep + p.eyeW*1.3*p.browLen
	if ax < inner || ax > outer {
		return 0, 0, false
	}
	u := (ax - inner) / (outer - inner) // 0 inner, 1 outer
	pk := p.ap.browPeak
	arch := 1 - sq((u-pk)/pk)
	y = p.browY + p.browArch*arch + (p.ap.browSlope-0.01)*u + math.Copysign(p.asymBrow/2, x)
	half = p.browThick * (1.15 - p.ap.browTaper*u)
	return y, half, true
}

// lipLines returns the heights of the outer upper-lip edge and the outer
// lower-lip edge at frontal x; ok is false beyond the mouth corners.
func (p *params) lipLines(x float64) (top, bottom float64, ok bool) {
	u := x / p.mouthW
	my := p.mouthAt(x)
	if u <= -1 || u >= 1 {
		return my, my, false
	}
	s := 1 - u*u
	bow := 1 - 0.22*math.Exp(-sq(x/0.03))
	top = my + p.lipUp*1.15*math.Pow(s, 0.45)*bow
	bottom = my - p.lipLow*1.1*math.Pow(s, 0.55)
	return top, bottom, true
}

// mouthAt is the height of the mouth line at frontal x (mouths tilt a little).
func (p *params) mouthAt(x float64) float64 {
	u := x / p.mouthW
	return p.mouthY + 0.5*p.asymMouth*u + 0.03*p.smile*u*u
}

// noseDX is how far the nose's midline deviates from the face's at height y:
// nothing at the bridge, the full deviation from the tip down.
func (p *params) noseDX(y float64) float64 {
	return p.asymNose * smoothstep(p.eyeY+0.05, p.noseTipY, y)
}

// foreheadY is the height of the face box's top: mid-forehead.
func (p *params) foreheadY() float64 {
	return math.Min(p.hairlineY, p.browY+0.38)
}

// point3 lifts frontal coordinates (x, y) onto the displaced face surface.
func (p *params) point3(x, y float64) [3]float64 {
	w, _, _, _ := p.section(y)
	front := 1.0
	if w > 1e-6 {
		st := math.Pow(math.Min(1, math.Abs(x)/w), superN/2)
		front = smoothstep(0, 0.35, math.Sqrt(1-st*st))
	}
	return [3]float64{x, y, p.frontZ(x, y) + p.disp(x, y)*front}
}

// landmarks3 returns the 68 landmarks in head coordinates.
func (p *params) landmarks3() [68][3]float64 {
	var f [68][2]float64
	p.jawPoints(&f)
	// brows, outer to inner on the image-left side, inner to outer on the right
	inner := p.eyeSep - p.eyeW*1.05
	outer := p.eyeSep + p.eyeW*1.3*p.browLen
	for k := 0; k < 5; k++ {
		ax := lerp(outer, inner, (float64(k)+0.3)/4.6)
		// iBUG annotators mark the brow's upper edge
		y, half, _ := p.browLine(ax)
		y += 0.8 * half
		f[17+k] = [2]float64{-ax, y}
		f[26-k] = [2]float64{ax, y}
	}
	// nose bridge and base
	top := p.eyeY + 0.02
	for k := 0; k < 4; k++ {
		y := lerp(top, p.noseTipY, float64(k)/3)
		f[27+k] = [2]float64{p.noseDX(y), y}
	}
	base := p.noseTipY - 0.07
	dx := p.asymNose
	f[31] = [2]float64{dx - p.noseW*0.62, base + 0.025}
	f[32] = [2]float64{dx - p.noseW*0.32, base + 0.008}
	f[33] = [2]float64{dx, base}
	f[34] = [2]float64{dx + p.noseW*0.32, base + 0.008}
	f[35] = [2]float64{dx + p.noseW*0.62, base + 0.025}
	// eyes: corner, two upper, corner, two lower, clockwise in the image
	for side, first := range []int{36, 42} {
		sgn := -1.0
		if side == 1 {
			sgn = 1
		}
		xs := [6]float64{-1, -1.0 / 3, 1.0 / 3, 1, 1.0 / 3, -1.0 / 3}
		for k, u := range xs {
			x := sgn*p.eyeSep + u*0.999*p.eyeW
			b, up, low, _ := p.eyeLids(x)
			y := b
			if k == 1 || k == 2 {
				y = up
			} else if k == 4 || k == 5 {
				y = low
			}
			f[first+k] = [2]float64{x, y}
		}
	}
	// outer lips: 48 left corner, 49-53 upper edge, 54 right corner, 55-59 lower edge
	mw := p.mouthW
	upX := []float64{-0.62, -0.3, 0, 0.3, 0.62}
	for k, u := range upX {
		t, _, _ := p.lipLines(u * mw)
		f[49+k] = [2]float64{u * mw, t}
	}
	f[48] = [2]float64{-mw, p.mouthAt(-mw)}
	f[54] = [2]float64{mw, p.mouthAt(mw)}
	for k, u := range []float64{0.62, 0.3, 0, -0.3, -0.62} {
		_, b, _ := p.lipLines(u * mw)
		f[55+k] = [2]float64{u * mw, b}
	}
	// inner lips of a closed mouth lie on the mouth line
	f[60] = [2]float64{-mw * 0.8, p.mouthAt(-mw * 0.8)}
	f[64] = [2]float64{mw * 0.8, p.mouthAt(mw * 0.8)}
	for k, u := range []float64{-0.4, 0, 0.4} {
		f[61+k] = [2]float64{u * mw, p.mouthAt(u*mw) + 0.003}
		f[67-k] = [2]float64{u * mw, p.mouthAt(u*mw) - 0.003}
	}
	var out [68][3]float64
	for i, q := range f {
		out[i] = p.point3(q[0], q[1])
	}
	return out
}

// jawPoints places 0-16 evenly by arc length along the face's frontal
// outline (its silhouette, where iBUG annotators mark it), from just above
// eye level down around the chin.
func (p *params) jawPoints(f *[68][2]float64) {
	const n = 200
	// The 68-point convention starts the jaw a little above the eye
	// corners' line (at the top of the ear's attachment), not below it.
	top := p.eyeY + 0.04
	xs := make([]float64, n)
	ys := make([]float64, n)
	cum := make([]float64, n)
	for i := 0; i < n; i++ {
		y := lerp(top, p.chinY, float64(i)/(n-1))
		w, _, _, _ := p.section(y)
		xs[i], ys[i] = 0.99*w, y
		if i > 0 {
			cum[i] = cum[i-1] + math.Hypot(xs[i]-xs[i-1], ys[i]-ys[i-1])
		}
	}
	for k := 0; k <= 8; k++ {
		target := cum[n-1] * float64(k) / 8
		i := 1
		for i < n-1 && cum[i] < target {
			i++
		}
		t := (target - cum[i-1]) / math.Max(1e-12, cum[i]-cum[i-1])
		x := lerp(xs[i-1], xs[i], t)
		y := lerp(ys[i-1], ys[i], t)
		f[k] = [2]float64{-x, y}
		f[16-k] = [2]float64{x, y}
	}
}
