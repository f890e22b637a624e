package faces

import "math"

// shadowMap is a depth map seen from the key light, for soft shadows cast
// by the nose, brows, hair, a cap's brim and the chin.
type shadowMap struct {
	u, v, l [3]float64
	depth   []float32
}

const (
	smSize  = 192
	smRange = 2.4 // head units covered either side of the face
	smBias  = 0.08
)

func buildShadowMap(tp []xformed, l [3]float64) *shadowMap {
	up := [3]float64{0, 1, 0}
	if math.Abs(l[1]) > 0.9 {
		up = [3]float64{1, 0, 0}
	}
	u := norm(cross(up, l))
	sm := &shadowMap{u: u, v: cross(l, u), l: l, depth: make([]float32, smSize*smSize)}
	for i := range sm.depth {
		sm.depth[i] = -1e30
	}
	for i := range tp {
		sm.raster(&tp[i])
	}
	return sm
}

func (sm *shadowMap) coords(q [3]float64) (x, y, d float64) {
	k := smSize / (2 * smRange)
	return (dot(q, sm.u) + smRange) * k, (smRange - dot(q, sm.v)) * k, dot(q, sm.l)
}

func (sm *shadowMap) raster(x *xformed) {
	// Each vertex is projected once, not once per triangle that uses it.
	ls := make([][3]float64, len(x.q))
	for i, q := range x.q {
		ls[i][0], ls[i][1], ls[i][2] = sm.coords(q)
	}
	for _, t := range x.t {
		a, b, c := ls[t[0]], ls[t[1]], ls[t[2]]
		area := (b[0]-a[0])*(c[1]-a[1]) - (c[0]-a[0])*(b[1]-a[1])
		if area == 0 || (x.cull && area > 0) {
			continue // closed parts: only faces toward the light matter
		}
		x0 := int(math.Max(0, math.Floor(math.Min(a[0], math.Min(b[0], c[0])))))
		x1 := int(math.Min(smSize-1, math.Ceil(math.Max(a[0], math.Max(b[0], c[0])))))
		y0 := int(math.Max(0, math.Floor(math.Min(a[1], math.Min(b[1], c[1])))))
		y1 := int(math.Min(smSize-1, math.Ceil(math.Max(a[1], math.Max(b[1], c[1])))))
		inv := 1 / area
		for py := y0; py <= y1; py++ {
			sy := float64(py) + 0.5
			for px := x0; px <= x1; px++ {
				sx := float64(px) + 0.5
				w1 := ((sx-a[0])*(c[1]-a[1]) - (c[0]-a[0])*(sy-a[1])) * inv
				w2 := ((b[0]-a[0])*(sy-a[1]) - (sx-a[0])*(b[1]-a[1])) * inv
				w0 := 1 - w1 - w2
				if w0 < 0 || w1 < 0 || w2 < 0 {
					continue
				}
				z := float32(w0*a[2] + w1*b[2] + w2*c[2])
				if k := py*smSize + px; z > sm.depth[k] {
					sm.depth[k] = z
				}
			}
		}
	}
}

// lit returns the fraction of the key light reaching camera-space point q,
// filtered over a 3x3 texel neighbourhood for a soft penumbra.
func (sm *shadowMap) lit(q, _ [3]float64) float64 {
	x, y, d := sm.coords(q)
	ix, iy := int(math.Floor(x)), int(math.Floor(y))
	n, lit := 0, 0
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			px, py := ix+dx, iy+dy
			if px < 0 || py < 0 || px >= smSize || py >= smSize {
				continue
			}
			n++
			if float64(sm.depth[py*smSize+px]) <= d+smBias {
				lit++
			}
		}
	}
	if n == 0 {
		return 1
	}
	return float64(lit) / float64(n)
}
