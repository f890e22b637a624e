package faces

import "math"

// scan is a screen triangle set up for scan conversion. Both rasterizers
// test a sample with the barycentric weights of their own code; scan only
// narrows which samples they test: the rows and columns whose centres lie
// in the triangle's bounding box, and on each row the columns between the
// edges. Most of the face's triangles cover two or three samples of a
// bounding box of nine or more, and hair strands are long slivers, so
// testing every sample of the box cost more than the drawing.
//
// The bounds are widened by scanMargin, far more than the rounding error
// of the weights, so that no sample the exact test would accept is left
// out: the picture is the same as testing the whole box.
type scan struct {
	y0, y1, x0, x1 int
	// Each edge bounds a row's columns from below (lo) or above (hi) at
	// column u + v*sy; an edge that bounds from one side only gets an
	// unreachable bound on the other.
	lo, hi [3][2]float64
	narrow bool // whether lo and hi are set
}

const (
	scanMargin = 1e-3 // sample spacings
	// Edges whose column bound moves slower than this across a row are
	// left to the exact test: solving them for x would magnify rounding.
	scanMinSlope = 1e-3
	scanFar      = 1e18
)

// box finds the samples of a w x h grid (centres at integer + 0.5) in the
// bounding box of triangle (a, b, c); ok is false when there are none.
// Rows then span the whole box until edges narrows them.
func (s *scan) box(a, b, c *[3]float64, w, h int) (ok bool) {
	return s.boxIn(a, b, c, &region{0, 0, w, h})
}

// region is a rectangle of samples: columns x0 to x1-1, rows y0 to y1-1.
type region struct{ x0, y0, x1, y1 int }

// boxIn is box on the samples of region r of a larger grid.
func (s *scan) boxIn(a, b, c *[3]float64, r *region) (ok bool) {
	minX, maxX := minMax(a[0], b[0], c[0])
	minY, maxY := minMax(a[1], b[1], c[1])
	fx0 := max(float64(r.x0), math.Ceil(minX-0.5-scanMargin))
	fx1 := min(float64(r.x1-1), math.Floor(maxX-0.5+scanMargin))
	fy0 := max(float64(r.y0), math.Ceil(minY-0.5-scanMargin))
	fy1 := min(float64(r.y1-1), math.Floor(maxY-0.5+scanMargin))
	if !(fx0 <= fx1 && fy0 <= fy1) {
		return false
	}
	s.x0, s.x1, s.y0, s.y1 = int(fx0), int(fx1), int(fy0), int(fy1)
	s.narrow = false
	return true
}

// minMax returns the least and greatest of three values. (Coordinates are
// never NaN: the camera divides by a distance that stays positive.)
func minMax(a, b, c float64) (lo, hi float64) {
	lo, hi = a, a
	if b < lo {
		lo = b
	}
	if b > hi {
		hi = b
	}
	if c < lo {
		lo = c
	}
	if c > hi {
		hi = c
	}
	return lo, hi
}

// scanNarrowCols is the box width from which solving the edges for each
// row's columns costs less than testing the whole row.
const scanNarrowCols = 4

// edges narrows each row to the columns between the triangle's edges;
// area is its signed doubled area (not 0).
func (s *scan) edges(a, b, c [3]float64, area float64) {
	s.narrow = true
	// The edge functions of the weights w1, w2 and w0, as p*sx + q*sy + r,
	// signed so that inside is positive.
	sg := 1.0
	if area < 0 {
		sg = -1
	}
	p1, q1 := c[1]-a[1], -(c[0] - a[0])
	r1 := -a[0]*p1 - a[1]*q1
	p2, q2 := -(b[1] - a[1]), b[0]-a[0]
	r2 := -a[0]*p2 - a[1]*q2
	e := [3][3]float64{{p1, q1, r1}, {p2, q2, r2}, {-p1 - p2, -q1 - q2, area - r1 - r2}}
	for i, f := range e {
		p, q, r := f[0]*sg, f[1]*sg, f[2]*sg
		s.lo[i] = [2]float64{-scanFar, 0}
		s.hi[i] = [2]float64{scanFar, 0}
		switch {
		case p > scanMinSlope:
			s.lo[i] = [2]float64{-r / p, -q / p}
		case p < -scanMinSlope:
			s.hi[i] = [2]float64{-r / p, -q / p}
		}
	}
}

// row returns the columns of row py that may hold samples inside the
// triangle; x0 > x1 when none.
func (s *scan) row(py int) (x0, x1 int) {
	if !s.narrow {
		return s.x0, s.x1
	}
	return s.span(py)
}

func (s *scan) span(py int) (x0, x1 int) {
	sy := float64(py) + 0.5
	lo := max(s.lo[0][0]+s.lo[0][1]*sy, s.lo[1][0]+s.lo[1][1]*sy, s.lo[2][0]+s.lo[2][1]*sy)
	hi := min(s.hi[0][0]+s.hi[0][1]*sy, s.hi[1][0]+s.hi[1][1]*sy, s.hi[2][0]+s.hi[2][1]*sy)
	flo := max(float64(s.x0), math.Ceil(lo-0.5-scanMargin))
	fhi := min(float64(s.x1), math.Floor(hi-0.5+scanMargin))
	if !(flo <= fhi) {
		return 1, 0
	}
	return int(flo), int(fhi)
}
