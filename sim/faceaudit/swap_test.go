package faceaudit

import (
	"fmt"
	"image"
	"math"
	"strings"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

// TestSwapInnerFace asks where the identity gap between generated faces and
// photographs lives. Every face (22 photographed, as many generated) is
// brought onto a common 256x256 canvas by a similarity fitted to five
// landmarks; then the inner face of one (brows, eyes, nose, mouth, cheeks:
// the face inside the jaw line, warped triangle by triangle from its 68
// landmarks onto the host's) is laid onto the head of another (hair,
// outline, ears, neck, shading at the edges, background). Four cells:
// generated inner faces on generated heads, on photographed heads, and
// photographed inner faces on each. Same-set cells pair each face with the
// next one's head, so every cell's faces went through the same swap. The
// impostor mean of each cell, from dlib and from MobileFaceNet, says how
// much of the gap moves with the inner face (its texture and shape) and how
// much with the context; what neither swap closes lies in how the two are
// rendered together. Photographs are only measured: nothing here reaches
// the generator.
//
// It checks the swap itself: laying a face's inner face back onto its own
// head must leave dlib's descriptor within 0.1 of the unswapped canvas's,
// and a swapped face must differ from its host and lie nearer its donor
// than other donors (by dlib).
func TestSwapInnerFace(t *testing.T) {
	if testing.Short() {
		t.Skip("renders, aligns and embeds a few hundred faces")
	}
	p := openPipeline(t)
	defer p.Close()
	photos, err := PhotoFaces(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(photos) < 10 {
		testenv.MissingModels(t, "only %d photographed faces", len(photos))
	}
	var sets [2][]*canvas // generated, photographed
	for _, ph := range photos {
		sets[1] = append(sets[1], newCanvas(ph.Image, ph.Landmarks))
	}
	for i := 0; len(sets[0]) < len(sets[1]) && i < 3*len(sets[1]); i++ {
		img, f := frontalFace(t, p, i) // the faces TestIdentityProbes reads
		if f.Found {
			sets[0] = append(sets[0], newCanvas(img, f.Landmarks))
		}
	}
	n := len(sets[1])
	if len(sets[0]) < n {
		t.Fatalf("only %d generated faces found, want %d", len(sets[0]), n)
	}
	names := [2]string{"generated", "photographed"}

	// the swap on itself leaves the face as it was
	var self, plain []*canvas
	for s := range sets {
		for _, c := range sets[s][:5] {
			self = append(self, swapInner(c, c))
			plain = append(plain, c)
		}
	}
	es, ep := embedCanvases(t, p, self), embedCanvases(t, p, plain)
	worst := 0.0
	for i := range es.Dlib {
		worst = math.Max(worst, euclid(es.Dlib[i], ep.Dlib[i]))
	}
	if worst > 0.1 {
		t.Errorf("a face's inner face laid back on its own head moves dlib's descriptor by up to %.3f, want <= 0.1", worst)
	}

	var log strings.Builder
	judges := []string{Dlib}
	if p.HasMobileFaceNet() {
		judges = append(judges, MobileFaceNet)
	}
	fmt.Fprintf(&log, "impostor mean over %d faces a cell (self-swap moves dlib's descriptor by at most %.3f)\n", n, worst)
	fmt.Fprintf(&log, "%-44s", "inner face / head")
	for _, j := range judges {
		fmt.Fprintf(&log, " %14s", j)
	}
	log.WriteString("\n")
	row := func(label string, cs []*canvas) []float64 {
		e := embedCanvases(t, p, cs)
		v := []float64{mean(ImpostorDistances(e.Dlib))}
		if e.Mobile != nil {
			v = append(v, mean(ImpostorDistances(e.Mobile)))
		}
		fmt.Fprintf(&log, "%-44s", label)
		for k, x := range v {
			fmt.Fprintf(&log, " %14s", distFmt(x, map[bool]float64{true: recognition.MobileFaceNetThreshold, false: Threshold}[k == 1]))
		}
		log.WriteString("\n")
		return v
	}
	row(names[0]+" as they are (on the canvas)", sets[0][:n])
	row(names[1]+" as they are (on the canvas)", sets[1])
	plainDesc := [2]Embedded{embedCanvases(t, p, sets[0][:n]), embedCanvases(t, p, sets[1])}
	var cell [2][2][]float64 // [inner set][head set][judge]
	for in := range sets {
		for head := range sets {
			var cs []*canvas
			for i := 0; i < n; i++ {
				h := i
				if in == head {
					h = (i + 1) % n // another face's head
				}
				cs = append(cs, swapInner(sets[in][i], sets[head][h]))
			}
			cell[in][head] = row(fmt.Sprintf("%s inner on %s heads", names[in], names[head]), cs)
			if in != head {
				checkTransplant(t, embedCanvases(t, p, cs).Dlib, plainDesc[in].Dlib, plainDesc[head].Dlib, names[in], names[head])
			}
		}
	}
	// how much of the photographed-minus-generated difference each part
	// carries, averaged over the other part's two settings
	fmt.Fprintf(&log, "%-44s", "share of the gap moving with the inner face")
	for k := range judges {
		gap := cell[1][1][k] - cell[0][0][k]
		inner := (cell[1][0][k] - cell[0][0][k] + cell[1][1][k] - cell[0][1][k]) / 2
		fmt.Fprintf(&log, " %13.0f%%", 100*inner/gap)
	}
	fmt.Fprintf(&log, "\n%-44s", "share of the gap moving with the head")
	for k := range judges {
		gap := cell[1][1][k] - cell[0][0][k]
		head := (cell[0][1][k] - cell[0][0][k] + cell[1][1][k] - cell[1][0][k]) / 2
		fmt.Fprintf(&log, " %13.0f%%", 100*head/gap)
	}
	// what the two parts do together beyond the sum of their effects
	fmt.Fprintf(&log, "\n%-44s", "interaction, share of the gap")
	for k := range judges {
		gap := cell[1][1][k] - cell[0][0][k]
		fmt.Fprintf(&log, " %13.0f%%", 100*(cell[1][1][k]-cell[1][0][k]-cell[0][1][k]+cell[0][0][k])/gap)
	}
	log.WriteString("\n")
	t.Log("\n" + log.String())
}

// checkTransplant checks, with dlib, that a cross-set swap did move a face:
// each composite (donor i's inner face on host i's head) must differ from
// its host, and lie nearer its donor than the other donors on average.
func checkTransplant(t *testing.T, comp, donors, hosts [][]float32, in, head string) {
	t.Helper()
	toHost, toDonor, toOthers := 0.0, 0.0, 0.0
	n := float64(len(comp))
	for i := range comp {
		toHost += euclid(comp[i], hosts[i]) / n
		toDonor += euclid(comp[i], donors[i]) / n
		for j := range donors {
			if j != i {
				toOthers += euclid(comp[i], donors[j]) / (n * (n - 1))
			}
		}
	}
	t.Logf("%s inner faces on %s heads (dlib): composites lie %.3f from their hosts, %.3f from their donors, %.3f from other donors", in, head, toHost, toDonor, toOthers)
	if toHost < 0.1 || toDonor >= toOthers {
		t.Errorf("%s inner faces on %s heads: composites lie %.3f from their hosts, %.3f from their donors and %.3f from other donors; the swap did not carry the inner face",
			in, head, toHost, toDonor, toOthers)
	}
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return ratio(s, float64(len(v)))
}

// canvasSide is the common canvas: the ArcFace five-point template (112 px)
// placed in its middle, leaving 72 px of head and background on each side.
const canvasSide = 256

var canvasTemplate = func() [5]recognition.Point {
	t := [5]recognition.Point{{X: 38.2946, Y: 51.6963}, {X: 73.5318, Y: 51.5014}, {X: 56.0252, Y: 71.7366}, {X: 41.5493, Y: 92.3655}, {X: 70.7299, Y: 92.2041}}
	for i := range t {
		t[i].X += (canvasSide - 112) / 2
		t[i].Y += (canvasSide - 112) / 2
	}
	return t
}()

// canvas is a face on the common canvas: RGB floats and its 68 landmarks.
type canvas struct {
	pix []float64
	lm  [68]recognition.Point
}

func fivePts(lm [68]recognition.Point) [5]recognition.Point {
	eye := func(a, b int) recognition.Point {
		var c recognition.Point
		for i := a; i < b; i++ {
			c.X += lm[i].X / float64(b-a)
			c.Y += lm[i].Y / float64(b-a)
		}
		return c
	}
	return [5]recognition.Point{eye(36, 42), eye(42, 48), lm[30], lm[48], lm[54]}
}

// sim2 is x' = a x - b y + tx, y' = b x + a y + ty.
type sim2 struct{ a, b, tx, ty float64 }

func (s sim2) apply(p recognition.Point) recognition.Point {
	return recognition.Point{X: s.a*p.X - s.b*p.Y + s.tx, Y: s.b*p.X + s.a*p.Y + s.ty}
}

// fitSim2 is the least-squares similarity taking src onto dst.
func fitSim2(src, dst []recognition.Point) sim2 {
	var ms, md recognition.Point
	for i := range src {
		ms.X += src[i].X / float64(len(src))
		ms.Y += src[i].Y / float64(len(src))
		md.X += dst[i].X / float64(len(dst))
		md.Y += dst[i].Y / float64(len(dst))
	}
	var sxx, n1, n2 float64
	for i := range src {
		x, y := src[i].X-ms.X, src[i].Y-ms.Y
		u, v := dst[i].X-md.X, dst[i].Y-md.Y
		sxx += x*x + y*y
		n1 += x*u + y*v
		n2 += x*v - y*u
	}
	a, b := n1/sxx, n2/sxx
	return sim2{a, b, md.X - (a*ms.X - b*ms.Y), md.Y - (b*ms.X + a*ms.Y)}
}

// newCanvas resamples img so the face's five points land on the template.
func newCanvas(img image.Image, lm [68]recognition.Point) *canvas {
	fp := fivePts(lm)
	to := fitSim2(fp[:], canvasTemplate[:])
	back := fitSim2(canvasTemplate[:], fp[:])
	w, h, rgb := recognition.RGB(img)
	c := &canvas{pix: make([]float64, canvasSide*canvasSide*3)}
	for y := 0; y < canvasSide; y++ {
		for x := 0; x < canvasSide; x++ {
			q := back.apply(recognition.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5})
			bilinear(rgb, w, h, q.X-0.5, q.Y-0.5, c.pix[3*(y*canvasSide+x):])
		}
	}
	for i, q := range lm {
		c.lm[i] = to.apply(q)
	}
	return c
}

// bilinear samples 8-bit RGB rows at (fx, fy), black outside.
func bilinear(rgb []uint8, w, h int, fx, fy float64, out []float64) {
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	dx, dy := fx-float64(x0), fy-float64(y0)
	px := func(x, y, ch int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		return float64(rgb[3*(y*w+x)+ch])
	}
	for ch := 0; ch < 3; ch++ {
		top := px(x0, y0, ch)*(1-dx) + px(x0+1, y0, ch)*dx
		bot := px(x0, y0+1, ch)*(1-dx) + px(x0+1, y0+1, ch)*dx
		out[ch] = top*(1-dy) + bot*dy
	}
}

func (c *canvas) at(fx, fy float64, out []float64) {
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	dx, dy := fx-float64(x0), fy-float64(y0)
	px := func(x, y, ch int) float64 {
		x, y = max(0, min(canvasSide-1, x)), max(0, min(canvasSide-1, y))
		return c.pix[3*(y*canvasSide+x)+ch]
	}
	for ch := 0; ch < 3; ch++ {
		top := px(x0, y0, ch)*(1-dx) + px(x0+1, y0, ch)*dx
		bot := px(x0, y0+1, ch)*(1-dx) + px(x0+1, y0+1, ch)*dx
		out[ch] = top*(1-dy) + bot*dy
	}
}

func (c *canvas) image() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, canvasSide, canvasSide))
	for i := 0; i < canvasSide*canvasSide; i++ {
		for ch := 0; ch < 3; ch++ {
			img.Pix[4*i+ch] = uint8(math.Max(0, math.Min(255, math.Round(c.pix[3*i+ch]))))
		}
		img.Pix[4*i+3] = 255
	}
	return img
}

// innerOutline is the inner face's boundary, from a face's landmarks: the
// jaw line from point 2 to 14 pulled 15% of the way to the nose tip (so the
// host keeps its own outline), then the brows lifted by a fifth of their
// height above the eyes (so the donor's brows come whole).
func innerOutline(lm [68]recognition.Point) []recognition.Point {
	tip := lm[30]
	var out []recognition.Point
	for i := 2; i <= 14; i++ {
		out = append(out, recognition.Point{X: lm[i].X + 0.15*(tip.X-lm[i].X), Y: lm[i].Y + 0.15*(tip.Y-lm[i].Y)})
	}
	for i := 26; i >= 17; i-- {
		eye := lm[37]
		if i >= 22 {
			eye = lm[44]
		}
		out = append(out, recognition.Point{X: lm[i].X, Y: lm[i].Y - 0.2*(eye.Y-lm[i].Y)})
	}
	return out
}

// controlPoints are the landmarks, the inner outline and fixed points on
// the canvas border, so every canvas pixel lies in a triangle.
func controlPoints(lm [68]recognition.Point) []recognition.Point {
	pts := append(lm[:0:0], lm[:]...)
	pts = append(pts, innerOutline(lm)...)
	const e = canvasSide
	for _, q := range [][2]float64{{0, 0}, {e / 2, 0}, {e, 0}, {e, e / 2}, {e, e}, {e / 2, e}, {0, e}, {0, e / 2}} {
		pts = append(pts, recognition.Point{X: q[0], Y: q[1]})
	}
	return pts
}

// delaunay triangulates pts (a few dozen) by the empty-circumcircle test.
func delaunay(pts []recognition.Point) [][3]int {
	var tris [][3]int
	n := len(pts)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			for k := j + 1; k < n; k++ {
				a, b, c := pts[i], pts[j], pts[k]
				d := 2 * (a.X*(b.Y-c.Y) + b.X*(c.Y-a.Y) + c.X*(a.Y-b.Y))
				if math.Abs(d) < 1e-9 {
					continue
				}
				a2, b2, c2 := a.X*a.X+a.Y*a.Y, b.X*b.X+b.Y*b.Y, c.X*c.X+c.Y*c.Y
				ux := (a2*(b.Y-c.Y) + b2*(c.Y-a.Y) + c2*(a.Y-b.Y)) / d
				uy := (a2*(c.X-b.X) + b2*(a.X-c.X) + c2*(b.X-a.X)) / d
				r2 := (a.X-ux)*(a.X-ux) + (a.Y-uy)*(a.Y-uy)
				empty := true
				for m := 0; m < n && empty; m++ {
					if m == i || m == j || m == k {
						continue
					}
					q := pts[m]
					if (q.X-ux)*(q.X-ux)+(q.Y-uy)*(q.Y-uy) < r2*(1-1e-9) {
						empty = false
					}
				}
				if empty {
					tris = append(tris, [3]int{i, j, k})
				}
			}
		}
	}
	return tris
}

// swapInner lays donor's inner face onto host's head: each host pixel
// inside the inner outline (feathered over 3 px) takes the donor's colour
// at the place the triangle it lies in maps to, shifted so the inner face's
// mean colour is the host's (a seam of skin tone would be a feature of its
// own). The result keeps the host's landmarks.
func swapInner(donor, host *canvas) *canvas {
	hp, dp := controlPoints(host.lm), controlPoints(donor.lm)
	mask := polygonMask(innerOutline(host.lm))
	warped := make([]float64, len(host.pix))
	for _, tr := range delaunay(hp) {
		a, b, c := hp[tr[0]], hp[tr[1]], hp[tr[2]]
		minX, maxX := math.Floor(math.Min(a.X, math.Min(b.X, c.X))), math.Ceil(math.Max(a.X, math.Max(b.X, c.X)))
		minY, maxY := math.Floor(math.Min(a.Y, math.Min(b.Y, c.Y))), math.Ceil(math.Max(a.Y, math.Max(b.Y, c.Y)))
		den := (b.Y-c.Y)*(a.X-c.X) + (c.X-b.X)*(a.Y-c.Y)
		for y := max(0, int(minY)); y < min(canvasSide, int(maxY)+1); y++ {
			for x := max(0, int(minX)); x < min(canvasSide, int(maxX)+1); x++ {
				if mask[y*canvasSide+x] == 0 {
					continue
				}
				px, py := float64(x)+0.5, float64(y)+0.5
				l1 := ((b.Y-c.Y)*(px-c.X) + (c.X-b.X)*(py-c.Y)) / den
				l2 := ((c.Y-a.Y)*(px-c.X) + (a.X-c.X)*(py-c.Y)) / den
				l3 := 1 - l1 - l2
				if l1 < -1e-9 || l2 < -1e-9 || l3 < -1e-9 {
					continue
				}
				da, db, dc := dp[tr[0]], dp[tr[1]], dp[tr[2]]
				sx := l1*da.X + l2*db.X + l3*dc.X
				sy := l1*da.Y + l2*db.Y + l3*dc.Y
				donor.at(sx-0.5, sy-0.5, warped[3*(y*canvasSide+x):])
			}
		}
	}
	var mw, mh [3]float64
	wsum := 0.0
	for i, m := range mask {
		for ch := 0; ch < 3; ch++ {
			mw[ch] += m * warped[3*i+ch]
			mh[ch] += m * host.pix[3*i+ch]
		}
		wsum += m
	}
	out := &canvas{pix: make([]float64, len(host.pix)), lm: host.lm}
	for i, m := range mask {
		for ch := 0; ch < 3; ch++ {
			shift := (mh[ch] - mw[ch]) / wsum
			out.pix[3*i+ch] = (1-m)*host.pix[3*i+ch] + m*(warped[3*i+ch]+shift)
		}
	}
	return out
}

// polygonMask is the polygon's indicator on the canvas, feathered by a
// Gaussian of 3 px and cut to zero outside so nothing of the donor's
// surroundings leaks in.
func polygonMask(poly []recognition.Point) []float64 {
	m := make([]float64, canvasSide*canvasSide)
	for y := 0; y < canvasSide; y++ {
		for x := 0; x < canvasSide; x++ {
			if insidePolygon(poly, float64(x)+0.5, float64(y)+0.5) {
				m[y*canvasSide+x] = 1
			}
		}
	}
	b := gaussianBlur(m, canvasSide, 3)
	for i := range b {
		if m[i] == 0 {
			b[i] = 0
		}
	}
	return b
}

func insidePolygon(poly []recognition.Point, x, y float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.Y > y) != (b.Y > y) && x < (b.X-a.X)*(y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// embedCanvases embeds each canvas with both networks on its landmarks.
func embedCanvases(t *testing.T, p *recognition.Pipeline, cs []*canvas) Embedded {
	t.Helper()
	imgs := make([]image.Image, len(cs))
	lms := make([][68]recognition.Point, len(cs))
	for i, c := range cs {
		imgs[i], lms[i] = c.image(), c.lm
	}
	e, err := EmbedBoth(p, imgs, lms)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
