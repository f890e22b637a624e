package faces

import (
	"image"
	"math"
)

// Point is a position in output pixels (x right, y down).
type Point struct{ X, Y float64 }

// Box is an axis-aligned rectangle in output pixels.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Truth is what the generator knows about the face it drew.
type Truth struct {
	// Box spans the 68 landmarks and the mid-forehead, in output pixels.
	Box Box
	// Landmarks are the 68 points in face-api / iBUG order.
	Landmarks [68]Point
	// IOD is the distance between the two eye centres, in pixels.
	IOD float64
}

// camDist is the camera's distance from the face in head units (about 1.7 m):
// enough for mild, realistic perspective.
const camDist = 14.0

// camera maps head coordinates to output (supersampled) pixels.
type camera struct {
	head, body [3][3]float64 // rotations
	pivot      [3]float64
	centre     [3]float64 // rotated face centre, which lands at (cx, cy)
	k          float64    // pixels per head unit at the face
	cx, cy     float64
	dist       float64 // from the face, head units
}

func rotation(yaw, pitch, roll float64) [3][3]float64 {
	y, p, r := yaw*math.Pi/180, pitch*math.Pi/180, roll*math.Pi/180
	ry := [3][3]float64{{math.Cos(y), 0, math.Sin(y)}, {0, 1, 0}, {-math.Sin(y), 0, math.Cos(y)}}
	rx := [3][3]float64{{1, 0, 0}, {0, math.Cos(p), -math.Sin(p)}, {0, math.Sin(p), math.Cos(p)}}
	rz := [3][3]float64{{math.Cos(r), math.Sin(r), 0}, {-math.Sin(r), math.Cos(r), 0}, {0, 0, 1}}
	return mul33(rz, mul33(rx, ry))
}

func mul33(a, b [3][3]float64) [3][3]float64 {
	var c [3][3]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			c[i][j] = a[i][0]*b[0][j] + a[i][1]*b[1][j] + a[i][2]*b[2][j]
		}
	}
	return c
}

func apply(m [3][3]float64, v [3]float64) [3]float64 {
	return [3]float64{
		m[0][0]*v[0] + m[0][1]*v[1] + m[0][2]*v[2],
		m[1][0]*v[0] + m[1][1]*v[1] + m[1][2]*v[2],
		m[2][0]*v[0] + m[2][1]*v[1] + m[2][2]*v[2],
	}
}

func newCamera(p *params, c Capture, ss int) camera {
	cam := camera{
		head:  rotation(c.YawDeg, c.PitchDeg, c.RollDeg),
		body:  rotation(c.YawDeg*0.35, 0, 0),
		pivot: [3]float64{0, -0.4, -0.15},
		dist:  camDist,
	}
	if c.Camera != 0 {
		cam.dist = newCameraLook(c.Camera).distance
	}
	top := p.foreheadY()
	cam.k = c.FacePx * float64(ss) / (top - p.chinY)
	cam.centre = cam.toCam([3]float64{0, (top + p.chinY) / 2, p.faceZ}, false)
	cam.cx = (float64(c.FrameW)/2 + c.OffsetX) * float64(ss)
	cam.cy = (float64(c.FrameH)/2 + c.OffsetY) * float64(ss)
	return cam
}

// toCam rotates a head-space point about the neck pivot into camera space.
func (cam *camera) toCam(v [3]float64, body bool) [3]float64 {
	m := cam.head
	if body {
		m = cam.body
	}
	q := apply(m, sub(v, cam.pivot))
	return [3]float64{q[0] + cam.pivot[0], q[1] + cam.pivot[1], q[2] + cam.pivot[2]}
}

// project maps a camera-space point to pixels; the third value is depth
// toward the camera (larger is nearer).
func (cam *camera) project(q [3]float64) [3]float64 {
	d := sub(q, cam.centre)
	s := cam.k * cam.dist / (cam.dist - d[2])
	return [3]float64{cam.cx + s*d[0], cam.cy - s*d[1], d[2]}
}

// superSample picks how many samples per output pixel each way. Each part
// a pixel shows is shaded once (see shadeFrame), so the samples serve the
// silhouettes' antialiasing: 2x2 from 20 px up. Faces under 20 px get 4x4,
// as their parts are a pixel or two across. (Faces under 48 px took 3x3
// when every sample was shaded, to average texture finer than a pixel;
// threeBelow48 restores that for tests.)
func superSample(facePx float64) int {
	switch {
	case facePx >= 48:
		return 2
	case facePx >= 20:
		if threeBelow48 {
			return 3
		}
		return 2
	default:
		return 4
	}
}

// threeBelow48 makes superSample give faces of 20 to 48 px 3x3 samples, as
// before they were shaded once per pixel: tests compare the two.
var threeBelow48 = false

func (c Capture) withDefaults() Capture {
	if c.FrameW == 0 || c.FrameH == 0 {
		c.FrameW, c.FrameH = 320, 320
	}
	if c.FacePx == 0 {
		c.FacePx = 160
	}
	c.FacePx = clamp(c.FacePx, 4, 1000)
	if c.LightLevel == 0 {
		c.LightLevel = 1
	}
	if c.SkyLevel == 0 {
		c.SkyLevel = 1
	}
	if c.FillLevel == 0 {
		c.FillLevel = 1
	}
	return c
}

// Render draws identity id as seen under capture c, and returns the image
// with the face's true box and landmarks. Captures outside Validate's ranges
// are drawn as well as they can be; check them first where they come from
// users.
func Render(id Identity, c Capture) (*image.RGBA, Truth) {
	c = c.withDefaults()
	p := &id.p
	c.Occluder = p.worn(c.Occluder)
	ss := superSample(c.FacePx)
	cam := newCamera(p, c, ss)
	sc := newScene(p, c)
	parts := id.mesh.parts
	if extra, ok := occluderPart(p, c.Occluder); ok {
		parts = append(parts[:len(parts):len(parts)], extra)
	}
	buf := getBuffers()
	defer bufferPool.Put(buf)
	tp := buf.parts(len(parts))
	for i := range parts {
		transformPart(&tp[i], &cam, &parts[i])
		if c.FacePx < coarseHeadBelow && tp[i].shadowT != nil && !fineSmallFaces {
			// A face under 64 px spans under 45 px per head unit, and the
			// head's grid is denser than its supersamples: most triangles
			// held no sample and cost only their setup. The shadow map's
			// grid of every other row and column has triangles of under a
			// pixel.
			tp[i].t = tp[i].shadowT
		}
	}
	fw, fh := c.FrameW*ss, c.FrameH*ss
	r := reached(tp, fw, fh, ss)
	if wholeFrame {
		r = region{0, 0, fw, fh}
	}
	fr := buf.frame(fw, fh, r)
	for i := range parts {
		if !parts[i].cull && !fr.farOK {
			fr.closeTiles()
		}
		fr.raster(&tp[i], i)
	}
	sm := buildShadowMap(tp, sc.keyDir, buf)
	out := sc.shadeFrame(fr, tp, parts, sm, ss, !shadeEverySample, buf)
	img := finish(out, c, sc, buf)
	return img, truth(p, &cam, ss)
}

// truth projects the landmarks and forehead point to output pixels.
func truth(p *params, cam *camera, ss int) Truth {
	var t Truth
	lm := p.landmarks3()
	inv := 1 / float64(ss)
	b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	grow := func(q [3]float64) Point {
		s := cam.project(cam.toCam(q, false))
		pt := Point{s[0] * inv, s[1] * inv}
		b.X0, b.Y0 = math.Min(b.X0, pt.X), math.Min(b.Y0, pt.Y)
		b.X1, b.Y1 = math.Max(b.X1, pt.X), math.Max(b.Y1, pt.Y)
		return pt
	}
	for i, q := range lm {
		t.Landmarks[i] = grow(q)
	}
	grow(p.point3(0, p.foreheadY()))
	t.Box = b
	var l, r Point
	for i := 36; i < 42; i++ {
		l.X += t.Landmarks[i].X / 6
		l.Y += t.Landmarks[i].Y / 6
		r.X += t.Landmarks[i+6].X / 6
		r.Y += t.Landmarks[i+6].Y / 6
	}
	t.IOD = math.Hypot(r.X-l.X, r.Y-l.Y)
	return t
}

// xformed is a part's vertices in camera space and in pixels.
type xformed struct {
	q, n [][3]float64 // camera-space position and normal
	s    [][3]float64 // pixel x, y and depth
	t    [][3]int32
	// shadowT are the triangles drawn into the shadow map, when coarser
	// than t
	shadowT [][3]int32
	shadowV []int32
	cull    bool
	alpha   bool
	v       []vert
}

// transformPart fills x with part pt seen by cam, reusing x's slices. It
// is toCam, apply and project written out, in the same arithmetic, with
// the matrices in locals: the calls did not inline and copied the matrix
// for every vertex.
func transformPart(x *xformed, cam *camera, pt *part) {
	n := len(pt.v)
	x.q, x.n, x.s = grow(x.q, n), grow(x.n, n), grow(x.s, n)
	x.t, x.cull, x.alpha, x.v = pt.t, pt.cull, pt.alpha, pt.v
	x.shadowT, x.shadowV = pt.shadowT, pt.shadowV
	m := &cam.head
	if pt.body {
		m = &cam.body
	}
	r0, r1, r2 := m[0], m[1], m[2]
	pv, ce := cam.pivot, cam.centre
	kd, dist := cam.k*cam.dist, cam.dist
	for i := range pt.v {
		v := &pt.v[i]
		d0, d1, d2 := v.p[0]-pv[0], v.p[1]-pv[1], v.p[2]-pv[2]
		q := [3]float64{
			r0[0]*d0 + r0[1]*d1 + r0[2]*d2 + pv[0],
			r1[0]*d0 + r1[1]*d1 + r1[2]*d2 + pv[1],
			r2[0]*d0 + r2[1]*d1 + r2[2]*d2 + pv[2],
		}
		x.q[i] = q
		x.n[i] = [3]float64{
			r0[0]*v.n[0] + r0[1]*v.n[1] + r0[2]*v.n[2],
			r1[0]*v.n[0] + r1[1]*v.n[1] + r1[2]*v.n[2],
			r2[0]*v.n[0] + r2[1]*v.n[1] + r2[2]*v.n[2],
		}
		e0, e1, e2 := q[0]-ce[0], q[1]-ce[1], q[2]-ce[2]
		sc := kd / (dist - e2)
		x.s[i] = [3]float64{cam.cx + sc*e0, cam.cy - sc*e1, e2}
	}
}

// shadeEverySample makes Render shade each of a pixel's samples rather
// than once per part the pixel shows, as it did for faces under 48 px:
// tests compare the two.
var shadeEverySample = false

// coarseHeadBelow is the face size, in pixels, under which the head is
// drawn with its coarser grid.
const coarseHeadBelow = 64

// fineSmallFaces makes Render draw faces under coarseHeadBelow with the
// head's full grid, as it did before they took the coarser one: tests
// compare the two.
var fineSmallFaces = false

// wholeFrame makes Render keep a visibility buffer for the whole frame, as
// it did before reached: tests compare the two.
var wholeFrame = false

// reached is the region of a fw x fh sample grid that the parts' vertices
// can reach, widened to whole output pixels of ss x ss samples: every
// sample outside it shows the wall. Small faces leave most of the frame to
// the wall, which then needs no visibility buffer.
func reached(tp []xformed, fw, fh, ss int) region {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i := range tp {
		for _, v := range tp[i].s {
			minX, maxX = min(minX, v[0]), max(maxX, v[0])
			minY, maxY = min(minY, v[1]), max(maxY, v[1])
		}
	}
	if !(minX <= maxX && minY <= maxY) {
		return region{}
	}
	// (one sample of margin beyond the bounds' rounding, then out to pixel
	// edges; clamped before converting, as vertices may lie far off frame)
	snap := func(v float64, up bool, limit int) int {
		v = clamp(v, -1, float64(limit)+1)
		if up {
			return min(limit, (int(math.Ceil(v))+1+ss-1)/ss*ss)
		}
		return max(0, (int(math.Floor(v))-1)/ss*ss)
	}
	r := region{snap(minX, false, fw), snap(minY, false, fh), snap(maxX, true, fw), snap(maxY, true, fh)}
	if r.x0 >= r.x1 || r.y0 >= r.y1 {
		return region{}
	}
	return r
}

// frame is the supersampled visibility buffer over the region r of the
// frame's samples (the rest is wall): for each sample the nearest triangle
// and the barycentric weights of the sample in it. Indexes are relative to
// r; coordinates are the whole frame's.
type frame struct {
	r      region
	w, h   int // r's size
	fw, fh int // the whole frame's size, in samples
	depth  []float32
	part   []int8
	tri    []int32
	b1, b2 []float32
	// far holds, per tile of tileSize x tileSize samples, the farthest
	// depth drawn in it, once the closed parts are drawn (farOK).
	far   []float32
	farOK bool
	tw    int // far's tiles per row
}

// tileSize is the side of far's tiles, in samples.
const tileSize = 8

// reset sizes the buffer to region r, all empty.
func (f *frame) reset(r region) {
	w, h := r.x1-r.x0, r.y1-r.y0
	n := w * h
	f.r, f.w, f.h = r, w, h
	f.depth, f.part, f.tri = grow(f.depth, n), grow(f.part, n), grow(f.tri, n)
	f.b1, f.b2 = grow(f.b1, n), grow(f.b2, n)
	f.farOK = false
	for i := range f.depth {
		f.depth[i] = -1e30
	}
	for i := range f.part {
		f.part[i] = -1
	}
}

// closeTiles fills far from the depths drawn so far. Render calls it once
// the closed parts (head, body) are drawn: the hair shell drawn after them
// lies half behind the head, and hidden triangles can then be passed over
// whole.
func (f *frame) closeTiles() {
	tw, th := (f.w+tileSize-1)/tileSize, (f.h+tileSize-1)/tileSize
	f.far, f.farOK, f.tw = grow(f.far, tw*th), true, tw
	for i := range f.far {
		f.far[i] = math.MaxFloat32
	}
	for y := 0; y < f.h; y++ {
		row := f.far[(y/tileSize)*tw:]
		for x, z := range f.depth[y*f.w : (y+1)*f.w] {
			if t := &row[x/tileSize]; z < *t {
				*t = z
			}
		}
	}
}

// hidden reports whether every sample in sc's box already holds something
// nearer than depth zmax, the triangle's nearest vertex: then the depth
// test would reject all its samples. (zmax is widened by far more than the
// rounding of an interpolated depth.)
func (f *frame) hidden(sc *scan, zmax float64) bool {
	if !f.farOK {
		return false
	}
	z := float32(zmax + 1e-9)
	x0, x1 := (sc.x0-f.r.x0)/tileSize, (sc.x1-f.r.x0)/tileSize
	for ty := (sc.y0 - f.r.y0) / tileSize; ty <= (sc.y1-f.r.y0)/tileSize; ty++ {
		for _, far := range f.far[ty*f.tw+x0 : ty*f.tw+x1+1] {
			if z > far {
				return false
			}
		}
	}
	return true
}

// raster draws one part's triangles into the buffer with a depth test,
// sampling at pixel centres.
func (f *frame) raster(x *xformed, pi int) {
	var alpha []vert
	if x.alpha {
		alpha = x.v
	}
	var sc scan
	// (the buffer's slices and region in locals: the compiler reloads
	// fields through f after every store into the buffer)
	depth, part, tri, b1, b2 := f.depth, f.part, f.tri, f.b1, f.b2
	w, origin := f.w, f.r.y0*f.w+f.r.x0 // sample (px, py) is at py*w + px - origin
	for ti, t := range x.t {
		a, b, c := x.s[t[0]], x.s[t[1]], x.s[t[2]]
		bax, bay, cax, cay := b[0]-a[0], b[1]-a[1], c[0]-a[0], c[1]-a[1]
		area := bax*cay - cax*bay
		if area == 0 || (x.cull && area > 0) {
			continue
		}
		if !sc.boxIn(&a, &b, &c, &f.r) || (f.farOK && f.hidden(&sc, max(a[2], b[2], c[2]))) {
			continue
		}
		if sc.x1-sc.x0 >= scanNarrowCols {
			sc.edges(a, b, c, area)
		}
		inv := 1 / area
		for py := sc.y0; py <= sc.y1; py++ {
			x0, x1 := sc.row(py)
			dy := float64(py) + 0.5 - a[1]
			cdy, bdy := cax*dy, bax*dy // (the same products, once per row)
			row := py*w - origin
			for px := x0; px <= x1; px++ {
				dx := float64(px) + 0.5 - a[0]
				w1 := (dx*cay - cdy) * inv
				w2 := (bdy - dx*bay) * inv
				w0 := 1 - w1 - w2
				if w0 < 0 || w1 < 0 || w2 < 0 {
					continue
				}
				if alpha != nil && w0*alpha[t[0]].alpha+w1*alpha[t[1]].alpha+w2*alpha[t[2]].alpha < 0 {
					continue
				}
				z := float32(w0*a[2] + w1*b[2] + w2*c[2])
				k := row + px
				if z <= depth[k] {
					continue
				}
				depth[k] = z
				part[k] = int8(pi)
				tri[k] = int32(ti)
				b1[k] = float32(w1)
				b2[k] = float32(w2)
			}
		}
	}
}
