package faces

import "math"

// Materials a mesh part or pixel can have.
const (
	matNone uint8 = iota
	matHead
	matHair
	matBody
	matCloth // hood or cap fabric
)

// vert is one mesh vertex in head coordinates (x right, y up, z toward the
// face's front; the eye line is y=0 and the chin near y=-1).
type vert struct {
	p      [3]float64 // position after features are applied
	n      [3]float64 // unit normal
	fx, fy float64    // frontal feature coordinates (x, y before displacement)
	front  float64    // 1 on the face, 0 at the sides and back
	ao     float64    // ambient occlusion, 1 = open
	alpha  float64    // coverage for alpha-tested parts (hair edges)
}

// part is a triangle mesh of one material.
type part struct {
	v     []vert
	t     [][3]int32
	mat   uint8
	cull  bool // closed surface: back faces are never visible
	body  bool // part of the body: follows head yaw only partly
	alpha bool // samples with interpolated alpha below 0.5 are holes
	// shadowT, when set, is a coarser triangulation of v for the shadow
	// map, using only the vertices shadowV.
	shadowT [][3]int32
	shadowV []int32
	// skin holds the head's slowly varying skin colouring per vertex; nil
	// on other parts.
	skin []skinVert
}

type mesh struct {
	parts []part
}

const (
	frontCols = 110
	backCols  = 40
	headRows  = 150
	shellCols = 96
	shellRows = 90
	superN    = 2.5 // superellipse exponent of the face's cross-section
)

// section is the head's horizontal cross-section at height y: half-width,
// front and back depth, and the centre depth.
func (p *params) section(y float64) (w, zf, zb, zc float64) {
	zc0 := (p.faceZ + p.backZ) / 2
	// outline
	switch {
	case y >= 0.25:
		t := clamp((y-0.25)/(p.crownY-0.25), 0, 1)
		w = p.craniumW * math.Sqrt(1-t*t)
	case y >= -0.15:
		w = lerp(p.cheekW, p.craniumW, smoothstep(-0.15, 0.25, y))
	default:
		s := clamp((-0.15-y)/(-0.15-p.chinY), 0, 1)
		jaw := p.jawW + p.jowl*gauss2(s-0.75, 0, 0.15, 1)
		if s < 0.65 {
			w = lerp(p.cheekW, jaw, smoothstep(0, 0.65, s))
		} else {
			// from the jaw's angle to the chin: a superellipse, rounder or
			// squarer by identity
			u := (s - 0.65) / 0.35
			w = jaw * math.Pow(math.Max(0, 1-math.Pow(u, p.jawSquare)), 1/p.jawSquare)
		}
	}
	// profile
	zf = p.faceZ
	zb = p.backZ
	if y > 0.2 {
		t := clamp((y-0.2)/(p.crownY-0.2), 0, 1)
		c := math.Sqrt(1 - t*t)
		zf = zc0 + (p.faceZ-zc0-p.foreheadSlope*(y-0.2))*c
		zb = zc0 + (p.backZ-zc0)*c
	} else if y < -0.3 {
		s := clamp((-0.3-y)/(-0.3-p.chinY), 0, 1)
		zf = p.faceZ - 0.06*s
		// The lower face's centre moves forward toward the chin, and its
		// back closes in, making the underside of the jaw.
		zc = lerp(zc0, zf-0.12, math.Pow(smoothstep(0.75, 1, s), 1.5))
		back := lerp(p.backZ, -0.25, smoothstep(0, 0.3, s))
		zb = lerp(back, zc-0.04, math.Pow(smoothstep(0.7, 1, s), 1.5))
		return
	}
	zc = zc0
	return
}

// frontZ is the depth of the undisplaced face at frontal coordinates (x, y).
func (p *params) frontZ(x, y float64) float64 {
	w, zf, _, zc := p.section(y)
	if w <= 1e-6 {
		return zf
	}
	u := math.Min(1, math.Abs(x)/w)
	return zc + (zf-zc)*math.Pow(1-math.Pow(u, superN), 1/superN)
}

// disp is how far the face's features stand out of the base surface (toward
// +z) at frontal coordinates (x, y).
func (p *params) disp(x, y float64) float64 {
	ax := math.Abs(x)
	d := 0.0
	ey := p.eyeY + p.eyeTilt*(ax-p.eyeSep) + math.Copysign(p.asymEye/2, x)
	// eye sockets, and the eyeball and lids inside them
	d -= p.socket * gauss2(ax-p.eyeSep, y-ey+0.01, 0.13, 0.085)
	d += 0.45 * p.socket * gauss2(ax-p.eyeSep, y-ey, p.eyeW*0.85, p.eyeH*1.5)
	// brow ridge and temples
	d += p.browRidge * gauss2(ax-p.eyeSep*0.8, y-(p.browY-0.01), 0.22, 0.06)
	d -= 0.02 * gauss2(ax-0.52, y-0.3, 0.08, 0.12)
	// cheeks
	d += p.cheekbone * gauss2(ax-0.36, y+0.2, 0.12, 0.08)
	d += p.cheekFull * gauss2(ax-0.3, y+0.45, 0.14, 0.14)
	d += 0.05 * gauss2(x, y-p.mouthY, p.mouthW*1.3, 0.16) // dental arch
	d += p.nose(x, y)
	d += p.lips(x, y)
	// chin and the groove above it
	d += p.chinProj * gauss2(x, y-(p.chinY+0.15), 0.13, 0.09)
	d -= 0.018 * gauss2(x, y-(p.mouthY-p.lipLow-0.07), 0.12, 0.03)
	if p.wrinkles > 0 {
		d += p.ageDepth * p.wrinkles * p.ageRelief(ax, y)
	}
	return d
}

// ageRelief is the relief that age adds: nasolabial folds from the nose's
// wings to the mouth corners, bags under the eyes, and lines from the mouth
// corners down.
func (p *params) ageRelief(ax, y float64) float64 {
	d := 0.0
	if y < p.noseTipY+0.02 && y > p.mouthY-0.12 {
		// the fold runs from beside the ala outward and down to the mouth corner
		t := clamp((p.noseTipY-y)/(p.noseTipY-p.mouthY+0.12), 0, 1)
		fx := lerp(p.noseW*0.9, p.mouthW*1.15, t)
		d -= 0.022 * math.Exp(-sq((ax-fx)/0.018))
		d += 0.015 * math.Exp(-sq((ax-fx-0.035)/0.03)) // the cheek sagging over it
	}
	d += 0.036 * gauss2(ax-p.eyeSep, y-(p.eyeY-p.eyeH-0.055), p.eyeW*0.8, 0.022)
	d -= 0.012 * gauss2(ax-p.mouthW*1.05, y-(p.mouthY-0.08), 0.015, 0.05)
	return d
}

// nose is the nose's relief: bridge, tip and the two alae.
func (p *params) nose(x, y float64) float64 {
	x -= p.noseDX(y)
	top := p.eyeY + 0.05
	var h, sx float64
	switch {
	case y > top:
		h = p.noseProj * 0.2 * math.Exp(-sq((y-top)/0.08))
		sx = p.bridgeW
	case y > p.noseTipY:
		t := (top - y) / (top - p.noseTipY)
		h = p.noseProj*(0.2+0.8*math.Pow(t, 1.4)) + p.hump*math.Sin(math.Pi*t)
		sx = lerp(p.bridgeW, p.noseW*0.5, math.Pow(t, 1.5))
	default:
		// below the tip the columella slopes back to the lip
		h = p.noseProj * math.Exp(-sq((p.noseTipY-y)/0.075))
		sx = p.noseW * 0.5
	}
	d := h * math.Exp(-0.5*sq(x/sx))
	d += p.tipSize * gauss2(x, y-p.noseTipY-0.01, p.tipSize*1.3, p.tipSize)
	d += p.noseProj * 0.3 * gauss2(math.Abs(x)-p.noseW*0.72, y-p.noseTipY+0.005, 0.045, 0.04)
	return d
}

// lips are the two lips' relief and the mouth line between them.
func (p *params) lips(x, y float64) float64 {
	lat := 1 - sq(x/p.mouthW)
	if lat <= 0 {
		return 0
	}
	lat = math.Sqrt(lat)
	y -= p.mouthAt(x) - p.mouthY // follow the mouth's tilt
	d := p.lipProj * math.Exp(-sq((y-(p.mouthY+p.lipUp*0.55))/(p.lipUp*0.65)))
	d += p.lipProj * 1.1 * math.Exp(-sq((y-(p.mouthY-p.lipLow*0.55))/(p.lipLow*0.65)))
	d -= 0.015 * math.Exp(-sq((y-p.mouthY)/0.008))
	return d * lat
}

func sq(v float64) float64 { return v * v }

// column is what surface needs of a head angle theta, whatever the height:
// its sine and cosine and the cross-section's x and z shape factors. Mesh
// grids compute it once per column.
type column struct{ st, ct, sx, sz float64 }

func newColumn(theta float64) column {
	c := column{st: math.Sin(theta), ct: math.Cos(theta)}
	c.sx = math.Copysign(math.Pow(math.Abs(c.st), 2/superN), c.st)
	if c.ct >= 0 {
		c.sz = math.Pow(c.ct, 2/superN)
	} else {
		c.sz = math.Pow(-c.ct, 2/2.2)
	}
	return c
}

// surface returns the displaced head point in column col at height y, with
// its frontal feature coordinates and how much it faces forward.
func (p *params) surface(col column, y float64) (pt [3]float64, fx, fy, front float64) {
	w, zf, zb, zc := p.section(y)
	st, ct := col.st, col.ct
	x := w * col.sx
	var z float64
	if ct >= 0 {
		z = zc + (zf-zc)*col.sz
	} else {
		z = zc - (zc-zb)*col.sz
	}
	front = smoothstep(0, 0.35, ct)
	if front > 0 { // (the relief times 0 adds nothing: skip it round the back)
		z += p.disp(x, y) * front
	}
	// ears: flaps standing out at the sides
	if side := math.Abs(st); side > 0.6 {
		e := p.earOut * p.earSize * math.Exp(-sq(sq((y-p.earY)/(0.2*p.earSize))+sq((z+0.02)/(0.1*p.earSize))))
		x += math.Copysign(e*smoothstep(0.6, 0.9, side), st)
	}
	return [3]float64{x, y, z}, x, y, front
}

// headThetas are the head grid's column angles: dense and even in x across
// the face, coarser around the back.
func headThetas() []float64 {
	th := make([]float64, 0, frontCols+backCols)
	for k := 0; k < frontCols; k++ {
		psi := -math.Pi/2 + math.Pi*float64(k)/frontCols
		u := 0.5*psi/(math.Pi/2) + 0.5*math.Sin(psi)
		th = append(th, math.Copysign(math.Asin(math.Pow(math.Abs(u), superN/2)), u))
	}
	for k := 0; k < backCols; k++ {
		th = append(th, math.Pi/2+math.Pi*float64(k)/backCols)
	}
	return th
}

// buildMesh builds the head, hair and body meshes of one identity.
func buildMesh(p *params) *mesh {
	m := &mesh{}
	m.parts = append(m.parts, buildHead(p), buildBody(p))
	if hp, ok := buildHair(p); ok {
		m.parts = append(m.parts, hp)
	}
	return m
}

func buildHead(p *params) part {
	th := headThetas()
	nc := len(th)
	cols := make([]column, nc)
	for j, a := range th {
		cols[j] = newColumn(a)
	}
	hp := part{mat: matHead, cull: true}
	hp.v = make([]vert, 0, nc*headRows)
	for i := 0; i < headRows; i++ {
		t := float64(i) / (headRows - 1)
		t = lerp(t, 0.5-0.5*math.Cos(math.Pi*t), 0.4)
		y := lerp(p.chinY, p.crownY, t)
		for _, col := range cols {
			pt, fx, fy, fr := p.surface(col, y)
			hp.v = append(hp.v, vert{p: pt, fx: fx, fy: fy, front: fr, ao: 1})
		}
	}
	hp.t = gridTris(headRows, nc, true)
	hp.shadowT, hp.shadowV = headShadowTris, headShadowVerts
	smoothNormals(&hp)
	p.occlusion(&hp, headRows, nc)
	hp.skin = p.skinField(hp.v)
	return hp
}

// headShadowTris triangulate every other row and column of the head's
// grid, for the shadow map: the grid's triangles span about half a texel
// of it, so most of them held no texel centre and cost only their setup,
// while the map sees the same relief.
// headShadowVerts are the vertices they use.
var headShadowTris, headShadowVerts = coarseGrid(headRows, frontCols+backCols)

// coarseGrid triangulates the even rows and columns of a rows x cols
// vertex grid whose columns wrap, and its last row, and lists the vertices
// it uses; cols must be even.
func coarseGrid(rows, cols int) (t [][3]int32, used []int32) {
	var rs []int
	for i := 0; i < rows; i += 2 {
		rs = append(rs, i)
	}
	if rs[len(rs)-1] != rows-1 {
		rs = append(rs, rows-1)
	}
	for _, r := range rs {
		for j := 0; j < cols; j += 2 {
			used = append(used, int32(r*cols+j))
		}
	}
	for r := 0; r+1 < len(rs); r++ {
		for j := 0; j < cols; j += 2 {
			j1 := (j + 2) % cols
			a := int32(rs[r]*cols + j)
			b := int32(rs[r]*cols + j1)
			c := int32(rs[r+1]*cols + j1)
			d := int32(rs[r+1]*cols + j)
			t = append(t, [3]int32{a, b, c}, [3]int32{a, c, d})
		}
	}
	return t, used
}

// gridTris triangulates a rows x cols vertex grid; wrap joins the last column
// to the first.
func gridTris(rows, cols int, wrap bool) [][3]int32 {
	cmax := cols - 1
	if wrap {
		cmax = cols
	}
	t := make([][3]int32, 0, 2*(rows-1)*cmax)
	for i := 0; i < rows-1; i++ {
		for j := 0; j < cmax; j++ {
			j1 := (j + 1) % cols
			a := int32(i*cols + j)
			b := int32(i*cols + j1)
			c := int32((i+1)*cols + j1)
			d := int32((i+1)*cols + j)
			t = append(t, [3]int32{a, b, c}, [3]int32{a, c, d})
		}
	}
	return t
}

// smoothNormals sets each vertex normal to the area-weighted mean of its
// triangles' normals.
func smoothNormals(pt *part) {
	for i := range pt.v {
		pt.v[i].n = [3]float64{}
	}
	for _, t := range pt.t {
		a, b, c := pt.v[t[0]].p, pt.v[t[1]].p, pt.v[t[2]].p
		n := cross(sub(b, a), sub(c, a))
		for _, k := range t {
			v := &pt.v[k]
			v.n[0] += n[0]
			v.n[1] += n[1]
			v.n[2] += n[2]
		}
	}
	for i := range pt.v {
		pt.v[i].n = norm(pt.v[i].n)
	}
}

// occlusion estimates ambient occlusion on the face from its relief: a point
// lower than the ring of relief around it (eye sockets, the sides of the
// nose, the mouth line) sees less of the sky. The ring is read from the
// grid's own vertices, about 0.07 head units away, so the relief is
// evaluated once per vertex.
func (p *params) occlusion(pt *part, rows, cols int) {
	d := make([]float64, len(pt.v))
	for i := range pt.v {
		if pt.v[i].front > 0 {
			d[i] = p.disp(pt.v[i].fx, pt.v[i].fy)
		}
	}
	const step = 5
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			k := i*cols + j
			v := &pt.v[k]
			if v.front < 0.05 {
				continue
			}
			occ, n := 0.0, 0.0
			for _, o := range [8][2]int{{-step, 0}, {step, 0}, {0, -step}, {0, step}, {-4, -4}, {4, 4}, {-4, 4}, {4, -4}} {
				ii, jj := i+o[0], (j+o[1]+cols)%cols
				if ii < 0 || ii >= rows {
					continue
				}
				occ += math.Max(0, d[ii*cols+jj]-d[k])
				n++
			}
			if n > 0 {
				v.ao = clamp(1-2.2*occ/n/0.07*v.front, 0.35, 1)
			}
		}
	}
}

// buildBody makes the neck, shoulders and chest as one closed surface.
func buildBody(p *params) part {
	const rows, cols = 40, 64
	bp := part{mat: matBody, cull: true, body: true}
	rn := 0.36 + 0.3*(p.jawW-0.43)
	for i := 0; i < rows; i++ {
		y := lerp(-3.4, -0.35, float64(i)/(rows-1))
		s := smoothstep(-1.25, -2.0, y)
		w := rn + (1.75-rn)*math.Sqrt(s)
		d := rn + (0.62-rn)*math.Sqrt(s)
		zc := -0.22 - 0.05*s
		for j := 0; j < cols; j++ {
			a := 2 * math.Pi * float64(j) / cols
			x := w * math.Sin(a)
			z := zc + d*math.Cos(a)
			bp.v = append(bp.v, vert{p: [3]float64{x, y, z}, fx: x, fy: y, ao: 1})
		}
	}
	bp.t = gridTris(rows, cols, true)
	smoothNormals(&bp)
	return bp
}

// hairline is the height above which the scalp is covered, at head angle
// theta: the forehead hairline in front, dropping over the ears to the nape.
func (p *params) hairline(theta float64) float64 {
	a := math.Abs(theta)
	front := p.hairlineY + p.recession*0.25*smoothstep(0.1, 0.6, a)
	front -= p.widowsPeak * gauss2(theta, 0, 0.12, 1)
	if p.hairSweep > 0 && theta*p.hairPart < 0 {
		// hair combed from the parting falls across the other side of
		// the forehead
		front = lerp(front, p.browY+0.15, p.hairSweep*(1-smoothstep(0.15, 0.9, a)))
	}
	if p.bangs > 0 {
		front = lerp(front, p.browY+0.1, p.bangs*(1-smoothstep(0.3, 0.7, a)))
	}
	side := lerp(front, 0.12, smoothstep(0.7, 1.35, a))
	return lerp(side, -0.5, smoothstep(1.6, 2.4, a))
}

// buildHair makes the hair as a shell over the scalp, hanging below the head
// at the sides and back for long hair. It reports false for a bald head.
func buildHair(p *params) (part, bool) {
	top := p.crownY
	end := -0.3 - p.hairLen
	hp := part{mat: matHair, alpha: true}
	keep := make([]bool, 0, shellRows*shellCols)
	var cols [shellCols]column
	for j := range cols {
		cols[j] = newColumn(-math.Pi + 2*math.Pi*(float64(j)+0.5)/shellCols)
	}
	for i := 0; i < shellRows; i++ {
		y := lerp(end, top+0.001, float64(i)/(shellRows-1))
		for j := 0; j < shellCols; j++ {
			a := -math.Pi + 2*math.Pi*(float64(j)+0.5)/shellCols
			hy := math.Max(y, -0.1)
			pt, _, _, _ := p.surface(cols[j], math.Min(hy, top-1e-4))
			_, _, _, zc := p.section(hy)
			hl := p.hairline(a)
			// The shell thickens away from the hairline so that its edge
			// lies flush with the skin.
			vol := p.hairVol * smoothstep(hl, hl+0.12, y)
			if y < hl+0.12 && y < -0.1 {
				vol = p.hairVol
			}
			vol += 0.004
			dir := norm([3]float64{pt[0], 0.35 * math.Max(0, pt[1]), pt[2] - zc})
			q := [3]float64{pt[0] + dir[0]*vol, y + dir[1]*vol, pt[2] + dir[2]*vol}
			if y < -0.1 {
				// hanging hair falls straight, flaring a little
				f := 1 + 0.08*(-0.1-y)
				q[0] *= f
				q[2] = zc + (q[2]-zc)*f
			}
			covered := y >= hl
			if y < hl && math.Abs(a) > 1.45 && y >= end {
				covered = true // long hair at the sides and back
			}
			if p.bald > 0.2 && y > 0.8-0.45*p.bald+0.6*smoothstep(1.2, 3.1, math.Abs(a)) {
				covered = false
			}
			al := clamp((y-hl)/0.04, -1, 1)
			if covered && y < hl {
				al = 1
			}
			if !covered && y >= hl {
				al = -1
			}
			hp.v = append(hp.v, vert{p: q, fx: a, fy: y, ao: 1, alpha: al})
			keep = append(keep, covered)
		}
	}
	all := gridTris(shellRows, shellCols, true)
	for _, t := range all {
		if keep[t[0]] || keep[t[1]] || keep[t[2]] {
			hp.t = append(hp.t, t)
		}
	}
	if len(hp.t) == 0 {
		return hp, false
	}
	smoothNormals(&hp)
	return hp, true
}

func sub(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }

func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

func norm(a [3]float64) [3]float64 {
	l := math.Sqrt(dot(a, a))
	if l == 0 {
		return [3]float64{0, 0, 1}
	}
	return [3]float64{a[0] / l, a[1] / l, a[2] / l}
}
