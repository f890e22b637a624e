package faces

import "math"

// reach is the band of heights (frontal y) inside which a painted feature
// can change the material; face skips the feature elsewhere. The eyes and
// mouth are evaluated with powers and exponentials at every sample of the
// vertical bands they span, though they only paint a few percent of them.
type reach struct{ lo, hi float64 }

func (r reach) has(y float64) bool { return y > r.lo && y < r.hi }

// reachMargin widens each band well beyond the sampling error of its
// outline (the outlines are smooth and sampled every 1/64 of their width).
const reachMargin = 0.01

// reachSteps is how many points across each feature's width are sampled.
const reachSteps = 64

// expReach is how far (in units of a profile's width) exp(-d*d) must be
// for 1 - k*exp(-d*d), k <= 1, to round to exactly 1.
var expReach = math.Sqrt(gaussCut)

// eyeReach bounds what scene.eye paints: the eyeball between the lids, the
// lashes above the upper lid, the shadow under the lower lid, and the lid
// crease (a profile of width 0.009 at most 1.75 eye heights above the eye's
// baseline).
func eyeReach(p *params) reach {
	r := reach{math.Inf(1), math.Inf(-1)}
	for _, side := range [2]float64{-1, 1} {
		for i := 0; i <= reachSteps; i++ {
			u := -1 + 2*float64(i)/reachSteps
			b, up, low, ok := p.eyeLids(side * (p.eyeSep + u*p.eyeW))
			if !ok {
				// the corners: the lids meet on the baseline
				up, low = b, b
			}
			r.lo = min(r.lo, low-0.007, b-0.009*expReach)
			r.hi = max(r.hi, up+p.ap.lashLen+0.01*p.eyeliner, b+p.ap.creaseH*p.eyeH+0.009*expReach)
		}
	}
	r.lo -= reachMargin
	r.hi += reachMargin
	return r
}

// mouthReach bounds what scene.mouth paints: the lips, and the mouth line (a
// profile of width 0.006 about mouthAt).
func mouthReach(p *params) reach {
	r := reach{math.Inf(1), math.Inf(-1)}
	for i := 0; i <= reachSteps; i++ {
		x := p.mouthW * (-1 + 2*float64(i)/reachSteps)
		top, bottom, ok := p.lipLines(x)
		if !ok {
			top, bottom = p.mouthAt(x), p.mouthAt(x)
		}
		m := p.mouthAt(x)
		r.lo = min(r.lo, bottom-0.006, m-0.006*expReach)
		r.hi = max(r.hi, top+0.006, m+0.006*expReach)
	}
	r.lo -= reachMargin
	r.hi += reachMargin
	return r
}
