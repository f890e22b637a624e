package jpegsim

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"
)

// viaCodec is the round trip RoundTrip stands for: encode, decode, and read
// the decoded image back to RGBA.
func viaCodec(t testing.TB, m *image.RGBA, q int) *image.RGBA {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	d, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	yc := d.(*image.YCbCr)
	out := image.NewRGBA(m.Bounds())
	for y := 0; y < m.Bounds().Dy(); y++ {
		for x := 0; x < m.Bounds().Dx(); x++ {
			r, g, b, _ := yc.YCbCrAt(x, y).RGBA()
			k := out.PixOffset(x, y)
			out.Pix[k], out.Pix[k+1], out.Pix[k+2], out.Pix[k+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), 255
		}
	}
	return out
}

// testImage mixes smooth gradients, hard edges and noise, with values
// that reach 0 and 255, so that every clamp is exercised.
func testImage(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 1))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			k := m.PixOffset(x, y)
			for ch := 0; ch < 3; ch++ {
				v := float64(x*(ch+1)+y*(3-ch)) * 255 / float64(w+h)
				if (x/7+y/5)%3 == 0 {
					v = 255 - v
				}
				v += 40 * r.NormFloat64()
				m.Pix[k+ch] = uint8(min(255, max(0, v)))
			}
			m.Pix[k+3] = 255
		}
	}
	return m
}

// TestRoundTripNearCodec holds RoundTrip to image/jpeg's round trip on
// frame sizes that are and are not whole macroblocks, at the qualities
// captures use and at the ends of the range. The transforms are computed
// differently (floating point here, fixed point in image/jpeg), so a
// coefficient near a quantisation boundary can round the other way, as it
// does between any two JPEG codecs: such a pixel may differ by many levels
// at a coarse quality. What must agree is the image as a whole: the mean
// difference, and how much the round trip loses (its RMS error against the
// original).
func TestRoundTripNearCodec(t *testing.T) {
	sizes := [][2]int{{320, 320}, {360, 400}, {37, 23}, {8, 8}, {1, 1}, {17, 33}}
	total, differ, n, worst := 0, 0, 0, 0
	for i, sz := range sizes {
		for _, q := range []int{1, 30, 60, 70, 85, 100} {
			m := testImage(sz[0], sz[1], uint64(i*100+q))
			orig := append([]uint8(nil), m.Pix...)
			want := viaCodec(t, m, q)
			RoundTrip(m, q)
			ours, theirs := rmsError(m.Pix, orig), rmsError(want.Pix, orig)
			if len(orig) >= 4*64 && (ours > 1.02*theirs || ours < 0.98*theirs) {
				t.Errorf("%dx%d at quality %d: loses %.3f levels RMS, image/jpeg %.3f", sz[0], sz[1], q, ours, theirs)
			}
			for k, v := range m.Pix {
				d := int(v) - int(want.Pix[k])
				d = max(d, -d)
				total, n, worst = total+d, n+1, max(worst, d)
				if d > 0 {
					differ++
				}
			}
		}
	}
	mean := float64(total) / float64(n)
	t.Logf("against image/jpeg: %.2f%% of channel values differ, by %.4f levels on average, %d at worst", 100*float64(differ)/float64(n), mean, worst)
	if mean > 0.05 {
		t.Errorf("differs from image/jpeg's round trip by %.4f levels on average (at most 0.05)", mean)
	}
}

func rmsError(a, b []uint8) float64 {
	s := 0.0
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return math.Sqrt(s / float64(len(a)))
}

// TestRecipDivides checks the reciprocal division against div for every
// divisor a table can hold and every dividend a DCT output can reach.
func TestRecipDivides(t *testing.T) {
	for q := int32(1); q <= 255; q++ {
		r := newRecip(8 * q)
		for a := int32(-1 << 16); a < 1<<16; a++ {
			if got, want := r.div(a), div(a, 8*q); got != want {
				t.Fatalf("%d / %d: got %d, want %d", a, 8*q, got, want)
			}
		}
	}
}

func BenchmarkRoundTrip(b *testing.B) {
	m := testImage(320, 320, 1)
	b.Run("jpegsim", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			RoundTrip(m, 70)
		}
	})
	b.Run("codec", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			viaCodec(b, m, 70)
		}
	})
}
