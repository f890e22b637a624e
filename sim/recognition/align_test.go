package recognition

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// gradient is a w x h image whose red channel is x, green y, blue 7.
func gradient(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 7, 255})
		}
	}
	return img
}

func TestCropSquareResize(t *testing.T) {
	src := toRGB(gradient(8, 8))
	tests := []struct {
		name    string
		crop    pixelBox
		size    int
		centred bool
		// want[i] is the (r, g) at output pixel (i, i) on the diagonal;
		// negative means padding (all channels 0).
		want [][2]float32
	}{
		{"copy when already square at size", pixelBox{2, 3, 4, 4}, 4, true, [][2]float32{{2, 3}, {3, 4}, {4, 5}, {5, 6}}},
		{"halving reads every second pixel", pixelBox{0, 0, 8, 8}, 4, false, [][2]float32{{0, 0}, {2, 2}, {4, 4}, {6, 6}}},
		{"doubling interpolates and clamps", pixelBox{0, 0, 2, 2}, 4, false, [][2]float32{{0, 0}, {0.5, 0.5}, {1, 1}, {1, 1}}},
		// 3 wide, 1 high: diff 2, round(1)=1 row after, 1 before (centred).
		{"centred padding splits rows", pixelBox{0, 5, 3, 1}, 3, true, [][2]float32{{-1, -1}, {1, 5}, {-1, -1}}},
		// not centred: both rows of padding go below.
		{"uncentred padding goes after", pixelBox{0, 5, 3, 1}, 3, false, [][2]float32{{0, 5}, {-1, -1}, {-1, -1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst := make([]float32, tc.size*tc.size*3)
			cropSquareResize(src, tc.crop, tc.size, tc.centred, dst)
			for i, w := range tc.want {
				px := dst[3*(i*tc.size+i):]
				if w[0] < 0 {
					if px[0] != 0 || px[1] != 0 || px[2] != 0 {
						t.Fatalf("pixel (%d,%d) = %v, want padding", i, i, px[:3])
					}
					continue
				}
				if math.Abs(float64(px[0]-w[0])) > 1e-6 || math.Abs(float64(px[1]-w[1])) > 1e-6 || px[2] != 7 {
					t.Fatalf("pixel (%d,%d) = %v, want %v,7", i, i, px[:3], w)
				}
			}
		})
	}
}

func TestClipAtImageBorders(t *testing.T) {
	tests := []struct {
		r    Rect
		want pixelBox
	}{
		{Rect{10.7, 20.2, 30.5, 40.9}, pixelBox{10, 20, 30, 40}},
		{Rect{-5, -3, 20, 20}, pixelBox{0, 0, 15, 17}},
		{Rect{90, 95, 20, 20}, pixelBox{90, 95, 10, 5}},
	}
	for _, tc := range tests {
		if got := clipAtImageBorders(tc.r, 100, 100); got != tc.want {
			t.Errorf("clip %v = %v, want %v", tc.r, got, tc.want)
		}
	}
}

// faceAt builds 68 landmarks with eye centres and mouth centre placed as
// given (every point of a group at its centre), the rest at the mouth.
func faceAt(le, re, mouth Point) [68]Point {
	var lm [68]Point
	for i := range lm {
		switch {
		case i >= 36 && i < 42:
			lm[i] = le
		case i >= 42 && i < 48:
			lm[i] = re
		default:
			lm[i] = mouth
		}
	}
	return lm
}

func TestDlibRect(t *testing.T) {
	// Eyes 40 apart, mouth 45 below their middle: eye-to-mouth 5*sqrt(97),
	// side floor(49.244.../0.45) = 109, centre (100, 115).
	lm := faceAt(Point{80, 100}, Point{120, 100}, Point{100, 145})
	side := math.Floor(math.Hypot(20, 45) / 0.45)
	want := pixelBox{int(math.Floor(100 - 0.5*side)), int(math.Floor(115 - 0.43*side)), int(side), int(side)}
	if got := dlibRect(&lm, pixelBox{w: 400, h: 400}, 400, 400); got != want {
		t.Fatalf("dlibRect = %v, want %v", got, want)
	}
	// Near the top-left corner the square is shifted to 0 and keeps its size.
	lm = faceAt(Point{10, 10}, Point{50, 10}, Point{30, 55})
	if got := dlibRect(&lm, pixelBox{w: 400, h: 400}, 400, 400); got.x != 0 || got.y != 0 || got.w != int(side) {
		t.Fatalf("corner dlibRect = %v", got)
	}
	// Near the bottom-right it is clipped.
	lm = faceAt(Point{350, 370}, Point{390, 370}, Point{370, 415})
	if got := dlibRect(&lm, pixelBox{w: 400, h: 400}, 400, 400); got.x+got.w != 400 || got.y+got.h != 400 {
		t.Fatalf("clipped dlibRect = %v, want it to end at the border", got)
	}
	// Landmarks read from a detection crop 60x80 px: face-api caps the
	// square at the crop's size plus its corner, so at the left and top
	// borders (corner moved to 0) it is 60 wide and 80 high, not 109.
	lm = faceAt(Point{10, 10}, Point{50, 10}, Point{30, 55})
	if got := dlibRect(&lm, pixelBox{w: 60, h: 80}, 400, 400); got != (pixelBox{0, 0, 60, 80}) {
		t.Fatalf("dlibRect at the corner from a 60x80 crop = %v, want {0 0 60 80}", got)
	}
	// Away from those borders the crop's size does not matter.
	lm = faceAt(Point{280, 300}, Point{320, 300}, Point{300, 345})
	if got := dlibRect(&lm, pixelBox{w: 60, h: 80}, 400, 400); got.w != int(side) || got.h != int(side) {
		t.Fatalf("dlibRect in the middle from a 60x80 crop = %v, want side %v", got, side)
	}
}

func TestAlignedRect(t *testing.T) {
	lm := faceAt(Point{80, 100}, Point{120, 100}, Point{100, 150})
	got := AlignedRect(&lm)
	want := Rect{76, 95, 48, 60} // bbox 80..120 x 100..150 grown 20%
	if math.Abs(got.X-want.X)+math.Abs(got.Y-want.Y)+math.Abs(got.W-want.W)+math.Abs(got.H-want.H) > 1e-9 {
		t.Fatalf("AlignedRect = %v, want %v", got, want)
	}
}

func TestAlignCropsTheDlibSquare(t *testing.T) {
	img := gradient(250, 250)
	lm := faceAt(Point{80, 100}, Point{120, 100}, Point{100, 145})
	c := dlibRect(&lm, pixelBox{w: 250, h: 250}, 250, 250)
	chip := Align(img, lm)
	if chip.Bounds().Dx() != ChipSize || chip.Bounds().Dy() != ChipSize {
		t.Fatalf("chip is %v", chip.Bounds())
	}
	// Top-left chip pixel is the crop's top-left image pixel.
	if r, g := chip.Pix[0], chip.Pix[1]; int(r) != c.x || int(g) != c.y {
		t.Fatalf("chip(0,0) = (%d,%d), want crop corner (%d,%d)", r, g, c.x, c.y)
	}
	// The last pixel reads position 149*side/150 inside the crop.
	last := 4 * (ChipSize*ChipSize - 1)
	wantR := math.Round(float64(c.x) + 149*float64(c.w)/ChipSize)
	if float64(chip.Pix[last]) != wantR {
		t.Fatalf("chip(149,149).r = %d, want %v", chip.Pix[last], wantR)
	}
}

func TestFitSimilarityRecoversTransform(t *testing.T) {
	want := similarity{a: 1.2 * math.Cos(0.3), b: 1.2 * math.Sin(0.3), tx: 14, ty: -3}
	src := []Point{{0, 0}, {10, 0}, {0, 10}, {7, 3}, {-4, 9}}
	dst := make([]Point, len(src))
	for i, p := range src {
		dst[i] = want.apply(p)
	}
	got := fitSimilarity(src, dst)
	if math.Abs(got.a-want.a)+math.Abs(got.b-want.b)+math.Abs(got.tx-want.tx)+math.Abs(got.ty-want.ty) > 1e-9 {
		t.Fatalf("fit = %+v, want %+v", got, want)
	}
	back := got.inverse().apply(got.apply(Point{3, 4}))
	if math.Hypot(back.X-3, back.Y-4) > 1e-9 {
		t.Fatalf("inverse gives %v", back)
	}
}

func TestAlignSimilarityPutsEyesOnTemplate(t *testing.T) {
	// A bright dot at each eye centre of a tilted face must land on the
	// template's eye positions in the chip.
	img := image.NewRGBA(image.Rect(0, 0, 300, 300))
	le, re := Point{100, 120}, Point{160, 100}
	for _, p := range []Point{le, re} {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				img.Set(int(p.X)+dx, int(p.Y)+dy, color.RGBA{255, 255, 255, 255})
			}
		}
	}
	lm := faceAt(Point{100.5, 120.5}, Point{160.5, 100.5}, Point{140, 180})
	lm[30], lm[48], lm[54] = Point{135, 145}, Point{120, 180}, Point{160, 172}
	chip := AlignSimilarity(img, lm)
	s := fitSimilarity(func() []Point { f := fivePoints(&lm); return f[:] }(), similarityTemplate[:])
	for _, p := range []Point{{100.5, 120.5}, {160.5, 100.5}} {
		q := s.apply(p)
		x, y := int(q.X), int(q.Y)
		if chip.Pix[4*(y*ChipSize+x)] < 100 {
			t.Fatalf("eye %v maps to chip (%d,%d) which is dark", p, x, y)
		}
	}
}

func TestLandmarksFromOutput(t *testing.T) {
	// A 50x100 crop at (200, 300): scaled to 56x112, padded 28 each side in x.
	c := pixelBox{200, 300, 50, 100}
	out := make([]float32, 136)
	out[0], out[1] = 0.25, 0.5 // padded-square (28, 56) -> crop (0, 50)
	out[2], out[3] = 0.75, 1.0 // (84, 112) -> crop (50, 100)
	lm := landmarksFromOutput(out, c, Point{200.4, 300.7})
	want := []Point{{200.4, 350.7}, {250.4, 400.7}}
	for i, w := range want {
		if math.Hypot(lm[i].X-w.X, lm[i].Y-w.Y) > 1e-4 {
			t.Fatalf("landmark %d = %v, want %v", i, lm[i], w)
		}
	}
}

func TestToRGB(t *testing.T) {
	rgba := gradient(5, 4)
	ycc := image.NewYCbCr(image.Rect(0, 0, 5, 4), image.YCbCrSubsampleRatio420)
	for i := range ycc.Y {
		ycc.Y[i] = uint8(40 * i)
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = uint8(100+20*i), uint8(200-30*i)
	}
	nrgba := image.NewNRGBA(image.Rect(2, 3, 6, 5)) // offset bounds
	for i := range nrgba.Pix {
		nrgba.Pix[i] = uint8(i * 7)
	}
	for _, img := range []image.Image{rgba, ycc, nrgba} {
		p := toRGB(img)
		b := img.Bounds()
		if p.w != b.Dx() || p.h != b.Dy() {
			t.Fatalf("%T: %dx%d, want %v", img, p.w, p.h, b)
		}
		for y := range p.h {
			for x := range p.w {
				r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				want := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}
				if c, ok := img.At(b.Min.X+x, b.Min.Y+y).(color.YCbCr); ok {
					want[0], want[1], want[2] = color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
				}
				i := 3 * (y*p.w + x)
				if got := [3]uint8{p.pix[i], p.pix[i+1], p.pix[i+2]}; got != want {
					t.Fatalf("%T (%d,%d) = %v, want %v", img, x, y, got, want)
				}
			}
		}
		if prep := Prepare(img); toRGB(prep) != prep.(*rgbPixels) {
			t.Fatalf("%T: Prepare's result is converted again", img)
		}
	}
}
