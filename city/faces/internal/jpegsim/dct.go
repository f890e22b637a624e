package jpegsim

import "math"

// The 8 x 8 discrete cosine transforms of baseline JPEG (ITU T.81, A.3.3),
// each as eight one-dimensional transforms over the rows and eight over the
// columns. A one-dimensional 8-point DCT-II splits into the sums and the
// differences of mirrored samples: the sums make a 4-point transform (the
// even coefficients), the differences a symmetric 4 x 4 product (the odd
// ones), 22 multiplications in place of 64. The transform is orthonormal,
// so the inverse is the same pieces read backwards.
//
// The arithmetic is float64 and rounded once at the end, so a coefficient
// or sample is within a rounding of the exact transform; Go's image/jpeg
// uses fixed-point integer transforms, and the two round trips differ by at
// most a few levels in rare pixels (TestRoundTripNearCodec).

// A block is an 8 x 8 block of samples or coefficients, row by row.
type block [blockSize]int32

const blockSize = 8 * 8

// cosK[k] is cos(k pi / 16).
var cosK = func() (c [8]float64) {
	for k := range c {
		c[k] = math.Cos(float64(k) * math.Pi / 16)
	}
	return c
}()

// forward1D replaces the eight values v[0], v[s], ..., v[7s] by their
// orthonormal DCT-II coefficients.
func forward1D(v []float64, s int) {
	c1, c2, c3, c4, c5, c6, c7 := cosK[1], cosK[2], cosK[3], cosK[4], cosK[5], cosK[6], cosK[7]
	s0, d0 := v[0]+v[7*s], v[0]-v[7*s]
	s1, d1 := v[s]+v[6*s], v[s]-v[6*s]
	s2, d2 := v[2*s]+v[5*s], v[2*s]-v[5*s]
	s3, d3 := v[3*s]+v[4*s], v[3*s]-v[4*s]
	a0, a1, a2, a3 := s0+s3, s1+s2, s1-s2, s0-s3
	v[0] = 0.5 * c4 * (a0 + a1)
	v[4*s] = 0.5 * c4 * (a0 - a1)
	v[2*s] = 0.5 * (c2*a3 + c6*a2)
	v[6*s] = 0.5 * (c6*a3 - c2*a2)
	o0, o1, o2, o3 := oddPart(d0, d1, d2, d3, c1, c3, c5, c7)
	v[s], v[3*s], v[5*s], v[7*s] = 0.5*o0, 0.5*o1, 0.5*o2, 0.5*o3
}

// inverse1D undoes forward1D.
func inverse1D(v []float64, s int) {
	c1, c2, c3, c4, c5, c6, c7 := cosK[1], cosK[2], cosK[3], cosK[4], cosK[5], cosK[6], cosK[7]
	a0, a1 := c4*(v[0]+v[4*s]), c4*(v[0]-v[4*s])
	a3, a2 := c2*v[2*s]+c6*v[6*s], c6*v[2*s]-c2*v[6*s]
	e0, e3, e1, e2 := a0+a3, a0-a3, a1+a2, a1-a2
	o0, o1, o2, o3 := oddPart(v[s], v[3*s], v[5*s], v[7*s], c1, c3, c5, c7)
	v[0], v[7*s] = 0.5*(e0+o0), 0.5*(e0-o0)
	v[s], v[6*s] = 0.5*(e1+o1), 0.5*(e1-o1)
	v[2*s], v[5*s] = 0.5*(e2+o2), 0.5*(e2-o2)
	v[3*s], v[4*s] = 0.5*(e3+o3), 0.5*(e3-o3)
}

// oddPart multiplies by the symmetric matrix that maps the mirrored
// differences to the odd coefficients and, being its own transpose, the
// odd coefficients back; the callers apply the transform's factor of one
// half.
func oddPart(x0, x1, x2, x3, c1, c3, c5, c7 float64) (y0, y1, y2, y3 float64) {
	y0 = c1*x0 + c3*x1 + c5*x2 + c7*x3
	y1 = c3*x0 - c7*x1 - c1*x2 - c5*x3
	y2 = c5*x0 - c1*x1 + c7*x2 + c3*x3
	y3 = c7*x0 - c5*x1 + c3*x2 - c1*x3
	return y0, y1, y2, y3
}

// fdct replaces samples (0..255) by their DCT coefficients, level-shifted by
// 128 and scaled by 8, the scale image/jpeg's encoder divides out with its
// quantisation (it divides by 8 times each table entry).
func fdct(b *block) {
	var f [blockSize]float64
	for i, x := range b {
		f[i] = float64(x - 128)
	}
	for r := 0; r < 8; r++ {
		forward1D(f[8*r:], 1)
	}
	for c := 0; c < 8; c++ {
		forward1D(f[c:], 8)
	}
	for i, x := range f {
		b[i] = int32(math.RoundToEven(8 * x))
	}
}

// idct replaces dequantised coefficients by samples, still level-shifted
// (-128..127 before clamping).
func idct(b *block) {
	var f [blockSize]float64
	for i, x := range b {
		f[i] = float64(x)
	}
	for r := 0; r < 8; r++ {
		inverse1D(f[8*r:], 1)
	}
	for c := 0; c < 8; c++ {
		inverse1D(f[c:], 8)
	}
	for i, x := range f {
		b[i] = int32(math.RoundToEven(x))
	}
}
