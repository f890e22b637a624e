// Package jpegsim does to an image what encoding it as a baseline 4:2:0
// JPEG and decoding it again does, without writing or reading the file:
// colour conversion, chroma subsampling, the forward DCT, quantisation
// with the standard's tables scaled to a quality as image/jpeg scales them,
// dequantisation, the inverse DCT and the conversion back. The Huffman
// coding in between loses nothing, and it was most of the round trip's
// cost. The result is within rounding of image/jpeg's round trip, not
// byte for byte: see dct.go.
package jpegsim

import (
	"image"
	"image/color"
	"math/bits"
	"sync"
)

// unscaledQuant are the baseline tables of the JPEG standard (section K.1)
// in zig-zag order, as image/jpeg holds them.
var unscaledQuant = [2][blockSize]int32{
	{
		16, 11, 12, 14, 12, 10, 16, 14,
		13, 14, 18, 17, 16, 19, 24, 40,
		26, 24, 22, 22, 24, 49, 35, 37,
		29, 40, 58, 51, 61, 60, 57, 51,
		56, 55, 64, 72, 92, 78, 64, 68,
		87, 69, 55, 56, 80, 109, 81, 87,
		95, 98, 103, 104, 103, 62, 77, 113,
		121, 112, 100, 120, 92, 101, 103, 99,
	},
	{
		17, 18, 18, 24, 21, 24, 47, 26,
		26, 47, 99, 66, 56, 66, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
	},
}

// unzig maps a zig-zag index to the natural (row-major) index.
var unzig = [blockSize]int{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}

// quant is a scaled table (zig-zag order) and the encoder's divisors, eight
// times its entries, as reciprocals.
type quant struct {
	q [blockSize]int32
	r [blockSize]recip
}

// quantTables scales the tables to a quality, as jpeg.Encode does.
func quantTables(quality int) (q [2][blockSize]int32) {
	quality = min(100, max(1, quality))
	scale := 200 - quality*2
	if quality < 50 {
		scale = 5000 / quality
	}
	for i := range q {
		for j := range q[i] {
			q[i][j] = min(255, max(1, (unscaledQuant[i][j]*int32(scale)+50)/100))
		}
	}
	return q
}

// div divides a by b > 0 and rounds half away from zero, as the encoder
// quantises.
func div(a, b int32) int32 {
	q := (abs32(a) + b/2) / b
	if a < 0 {
		return -q
	}
	return q
}

func abs32(a int32) int32 { return max(a, -a) }

// recip divides as div does by a fixed divisor, with a multiplication and
// a shift in place of a division (T. Granlund and P. Montgomery, "Division
// by invariant integers using multiplication", 1994, theorem 4.2): exact
// for dividends below 2^recipBits, far beyond the DCT's outputs, which stay
// under 2^15.
type recip struct {
	half int32
	m    uint64
	s    uint
}

const recipBits = 20

func newRecip(b int32) recip {
	l := uint(bits.Len32(uint32(b - 1))) // ceil(log2 b)
	s := recipBits + l
	return recip{half: b >> 1, m: (1<<s + uint64(b) - 1) / uint64(b), s: s}
}

// div divides the magnitude and restores the sign without branching:
// coefficients' signs are random, and a branch on them was mispredicted
// half the time.
func (r recip) div(a int32) int32 {
	sign := a >> 31 // 0 or -1
	q := int32(uint64((a^sign)-sign+r.half) * r.m >> r.s)
	return (q ^ sign) - sign
}

// planes is the decoded image: a luma plane and two chroma planes at half
// resolution, padded to whole 16 x 16 macroblocks.
type planes struct {
	y, cb, cr []uint8
}

var planesPool = sync.Pool{New: func() any { return new(planes) }}

// RoundTrip replaces m's pixels with those of m encoded by jpeg.Encode at
// the given quality (clamped to 1..100, as Encode does) and decoded by
// jpeg.Decode, read back through image.YCbCr's colour conversion. Alpha is
// set to 255.
func RoundTrip(m *image.RGBA, quality int) {
	var q [2]quant
	for i, t := range quantTables(quality) {
		q[i].q = t
		for j, v := range t {
			q[i].r[j] = newRecip(8 * v)
		}
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	mx, my := (w+15)/16, (h+15)/16
	ys, cs := 16*mx, 8*mx // strides
	p := planesPool.Get().(*planes)
	defer planesPool.Put(p)
	p.y, p.cb, p.cr = grow(p.y, ys*16*my), grow(p.cb, cs*8*my), grow(p.cr, cs*8*my)
	var yb block
	var cb, cr [4]block
	for by := 0; by < my; by++ {
		for bx := 0; bx < mx; bx++ {
			for i := 0; i < 4; i++ {
				x0, y0 := 16*bx+(i&1)*8, 16*by+(i&2)*4
				toYCbCr(m, x0, y0, &yb, &cb[i], &cr[i])
				code(&yb, &q[0], p.y[y0*ys+x0:], ys)
			}
			scale(&yb, &cb)
			code(&yb, &q[1], p.cb[8*by*cs+8*bx:], cs)
			scale(&yb, &cr)
			code(&yb, &q[1], p.cr[8*by*cs+8*bx:], cs)
		}
	}
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		yr, cbr, crr := p.y[y*ys:y*ys+w], p.cb[(y/2)*cs:], p.cr[(y/2)*cs:]
		for x, yv := range yr {
			// color.YCbCr.RGBA's arithmetic, to 8 bits
			yy := int32(yv) * 0x10101
			cb, cr := int32(cbr[x/2])-128, int32(crr[x/2])-128
			px := row[4*x : 4*x+4 : 4*x+4]
			px[0] = to8(yy + 91881*cr)
			px[1] = to8(yy - 22554*cb - 46802*cr)
			px[2] = to8(yy + 116130*cb)
			px[3] = 255
		}
	}
}

// to8 takes a colour value in 16.16 fixed point to 0..255, clamping, as
// color.YCbCr.RGBA does before its result is shifted to 8 bits.
func to8(v int32) uint8 { return uint8(min(255, max(0, v>>16))) }

// toYCbCr converts the 8 x 8 pixels of m from (x0, y0), relative to its
// bounds, to YCbCr, repeating the last row and column past the edges.
func toYCbCr(m *image.RGBA, x0, y0 int, yb, cb, cr *block) {
	b := m.Bounds()
	xmax, ymax := b.Dx()-1, b.Dy()-1
	for j := 0; j < 8; j++ {
		sy := min(y0+j, ymax)
		row := m.Pix[sy*m.Stride:]
		yr, cbr, crr := yb[8*j:8*j+8:8*j+8], cb[8*j:8*j+8:8*j+8], cr[8*j:8*j+8:8*j+8]
		if x0+7 <= xmax {
			// (the usual block, inside the frame: no column clamps)
			px := row[4*x0 : 4*x0+32 : 4*x0+32]
			for i := range yr {
				yr[i], cbr[i], crr[i] = rgbToYCbCr(int32(px[4*i]), int32(px[4*i+1]), int32(px[4*i+2]))
			}
			continue
		}
		for i := range yr {
			sx := min(x0+i, xmax)
			px := row[4*sx : 4*sx+3 : 4*sx+3]
			yy, u, v := color.RGBToYCbCr(px[0], px[1], px[2])
			yr[i], cbr[i], crr[i] = int32(yy), int32(u), int32(v)
		}
	}
}

// rgbToYCbCr is color.RGBToYCbCr, the encoder's conversion, written to be
// inlined.
func rgbToYCbCr(r, g, b int32) (yy, cb, cr int32) {
	yy = (19595*r + 38470*g + 7471*b + 1<<15) >> 16
	cb = -11056*r - 21712*g + 32768*b + 257<<15
	cr = 32768*r - 27440*g - 5328*b + 257<<15
	return yy, chroma(cb), chroma(cr)
}

// chroma takes a chroma value in 16.16 fixed point to 0..255, clamping.
func chroma(c int32) int32 { return min(255, max(0, c>>16)) }

// scale averages the 16 x 16 chroma samples held in four 8 x 8 blocks
// (top left, top right, bottom left, bottom right) 2 x 2 into one 8 x 8
// block, rounding halves up, as the encoder subsamples 4:2:0.
func scale(dst *block, src *[4]block) {
	for oy := 0; oy < 8; oy++ {
		for ox := 0; ox < 8; ox++ {
			s := &src[2*(oy/4)+ox/4]
			k := 8*(2*(oy%4)) + 2*(ox%4)
			dst[8*oy+ox] = (s[k] + s[k+1] + s[k+8] + s[k+9] + 2) / 4
		}
	}
}

// code transforms, quantises, dequantises and inverts one block with
// quantisation table qt (zig-zag order), writing the decoded 8 x 8 samples
// to dst with the given stride.
func code(b *block, qt *quant, dst []uint8, stride int) {
	fdct(b)
	var d block
	for zig := 0; zig < blockSize; zig++ {
		k := unzig[zig]
		d[k] = qt.r[zig].div(b[k]) * qt.q[zig]
	}
	idct(&d)
	for y := 0; y < 8; y++ {
		row := dst[y*stride : y*stride+8 : y*stride+8]
		for x := range row {
			c := d[8*y+x]
			switch {
			case c < -128:
				c = 0
			case c > 127:
				c = 255
			default:
				c += 128
			}
			row[x] = uint8(c)
		}
	}
}

func grow(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}
