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

func buildShadowMap(tp []xformed, l [3]float64, buf *buffers) *shadowMap {
	up := [3]float64{0, 1, 0}
	if math.Abs(l[1]) > 0.9 {
		up = [3]float64{1, 0, 0}
	}
	u := norm(cross(up, l))
	buf.sm = grow(buf.sm, smSize*smSize)
	sm := &shadowMap{u: u, v: cross(l, u), l: l, depth: buf.sm}
	for i := range sm.depth {
		sm.depth[i] = -1e30
	}
	for i := range tp {
		buf.texel = sm.project(&tp[i], buf.texel)
		tris := tp[i].t
		if tp[i].shadowT != nil {
			tris = tp[i].shadowT
		}
		sm.raster(&tp[i], tris, buf.texel)
	}
	return sm
}

func (sm *shadowMap) coords(q [3]float64) (x, y, d float64) {
	k := smSize / (2 * smRange)
	return (dot(q, sm.u) + smRange) * k, (smRange - dot(q, sm.v)) * k, dot(q, sm.l)
}

// project returns the map coordinates of a part's vertices, reusing buf:
// each vertex is shared by six triangles. With a coarse triangulation only
// its vertices are projected.
func (sm *shadowMap) project(x *xformed, buf [][3]float64) [][3]float64 {
	buf = grow(buf, len(x.q))
	if x.shadowV != nil {
		for _, i := range x.shadowV {
			buf[i][0], buf[i][1], buf[i][2] = sm.coords(x.q[i])
		}
		return buf
	}
	for i, q := range x.q {
		buf[i][0], buf[i][1], buf[i][2] = sm.coords(q)
	}
	return buf
}

// raster draws triangles tris of a part, with vertices at map coordinates
// s, into the depth map.
func (sm *shadowMap) raster(x *xformed, tris [][3]int32, s [][3]float64) {
	var sc scan
	for _, t := range tris {
		a, b, c := s[t[0]], s[t[1]], s[t[2]]
		bax, bay, cax, cay := b[0]-a[0], b[1]-a[1], c[0]-a[0], c[1]-a[1]
		area := bax*cay - cax*bay
		if area == 0 || (x.cull && area > 0) {
			continue // closed parts: only faces toward the light matter
		}
		if !sc.box(&a, &b, &c, smSize, smSize) {
			continue
		}
		if sc.x1-sc.x0 >= scanNarrowCols {
			sc.edges(a, b, c, area)
		}
		inv := 1 / area
		for py := sc.y0; py <= sc.y1; py++ {
			x0, x1 := sc.row(py)
			dy := float64(py) + 0.5 - a[1]
			for px := x0; px <= x1; px++ {
				dx := float64(px) + 0.5 - a[0]
				w1 := (dx*cay - cax*dy) * inv
				w2 := (bax*dy - dx*bay) * inv
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
	if ix >= 1 && iy >= 1 && ix < smSize-1 && iy < smSize-1 {
		// (all nine texels inside the map: the usual case)
		lit, lim := 0, d+smBias
		for _, row := range [3][]float32{
			sm.depth[(iy-1)*smSize+ix-1 : (iy-1)*smSize+ix+2],
			sm.depth[iy*smSize+ix-1 : iy*smSize+ix+2],
			sm.depth[(iy+1)*smSize+ix-1 : (iy+1)*smSize+ix+2],
		} {
			for _, z := range row {
				if float64(z) <= lim {
					lit++
				}
			}
		}
		return float64(lit) / 9
	}
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
