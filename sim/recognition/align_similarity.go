package recognition

import (
	"image"
	"math"
)

// Five-point template for AlignSimilarity, in 150x150 chip pixels: left eye,
// right eye, nose tip, left and right mouth corner. The shape is the widely
// used ArcFace 112x112 template; it is scaled and placed so the eyes and
// mouth land where face-api's dlib crop puts them (mean eye-to-mouth
// distance 0.45 of the side, their centre at 50% across and 43% down), so
// FaceRecognitionNet sees faces framed as it was trained on.
var similarityTemplate = placeTemplate([5]Point{
	{38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366},
	{41.5493, 92.3655}, {70.7299, 92.2041},
})

func placeTemplate(t [5]Point) [5]Point {
	le, re := t[0], t[1]
	mouth := centre([]Point{t[3], t[4]})
	d := (math.Hypot(mouth.X-le.X, mouth.Y-le.Y) + math.Hypot(mouth.X-re.X, mouth.Y-re.Y)) / 2
	s := 0.45 * ChipSize / d
	ref := centre([]Point{le, re, mouth})
	var out [5]Point
	for i, p := range t {
		out[i] = Point{0.5*ChipSize + s*(p.X-ref.X), 0.43*ChipSize + s*(p.Y-ref.Y)}
	}
	return out
}

// fivePoints picks the eye centres, nose tip and mouth corners from the 68.
func fivePoints(lm *[68]Point) [5]Point {
	return [5]Point{centre(lm[36:42]), centre(lm[42:48]), lm[30], lm[48], lm[54]}
}

// similarity is x' = a*x - b*y + tx, y' = b*x + a*y + ty.
type similarity struct{ a, b, tx, ty float64 }

func (s similarity) apply(p Point) Point {
	return Point{s.a*p.X - s.b*p.Y + s.tx, s.b*p.X + s.a*p.Y + s.ty}
}

// fitSimilarity is the least-squares similarity (rotation, uniform scale,
// translation) taking src onto dst (Umeyama's closed form in 2-D).
func fitSimilarity(src, dst []Point) similarity {
	ms, md := centre(src), centre(dst)
	var sxx, num1, num2 float64
	for i := range src {
		x, y := src[i].X-ms.X, src[i].Y-ms.Y
		u, v := dst[i].X-md.X, dst[i].Y-md.Y
		sxx += x*x + y*y
		num1 += x*u + y*v
		num2 += x*v - y*u
	}
	if sxx == 0 {
		return similarity{a: 1, tx: md.X - ms.X, ty: md.Y - ms.Y}
	}
	a, b := num1/sxx, num2/sxx
	return similarity{a: a, b: b, tx: md.X - (a*ms.X - b*ms.Y), ty: md.Y - (b*ms.X + a*ms.Y)}
}

// inverse undoes the transform (a similarity with a non-zero scale).
func (s similarity) inverse() similarity {
	d := s.a*s.a + s.b*s.b
	a, b := s.a/d, -s.b/d
	return similarity{a: a, b: b, tx: -(a*s.tx - b*s.ty), ty: -(b*s.tx + a*s.ty)}
}

// AlignSimilarityChip is the alternative alignment: a rotation, scale and
// shift fitted to five landmarks, so tilted faces come out upright, sampled
// bilinearly (pixel centres at +0.5) with black outside the image. Layout as
// AlignChip's.
func AlignSimilarityChip(img image.Image, lm [68]Point) []float32 {
	fp := fivePoints(&lm)
	return warpSimilarity(toRGB(img), fitSimilarity(fp[:], similarityTemplate[:]).inverse(), ChipSize)
}

// warpSimilarity samples a size x size chip whose pixel centres inv maps
// into src.
func warpSimilarity(src *rgbPixels, inv similarity, size int) []float32 {
	dst := make([]float32, size*size*3)
	for y := range size {
		for x := range size {
			p := inv.apply(Point{float64(x) + 0.5, float64(y) + 0.5})
			sampleBilinear(src, p.X-0.5, p.Y-0.5, dst[3*(y*size+x):])
		}
	}
	return dst
}

// AlignSimilarity returns AlignSimilarityChip as an image.
func AlignSimilarity(img image.Image, lm [68]Point) *image.RGBA {
	return chipImage(AlignSimilarityChip(img, lm), ChipSize)
}

// sampleBilinear writes the three channels at (fx, fy) into out, treating
// pixels outside the image as black.
func sampleBilinear(src *rgbPixels, fx, fy float64, out []float32) {
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	dx, dy := float32(fx-float64(x0)), float32(fy-float64(y0))
	px := func(x, y, ch int) float32 {
		if x < 0 || y < 0 || x >= src.w || y >= src.h {
			return 0
		}
		return float32(src.pix[3*(y*src.w+x)+ch])
	}
	for ch := range 3 {
		top := px(x0, y0, ch) + (px(x0+1, y0, ch)-px(x0, y0, ch))*dx
		bottom := px(x0, y0+1, ch) + (px(x0+1, y0+1, ch)-px(x0, y0+1, ch))*dx
		out[ch] = top + (bottom-top)*dy
	}
}
