package jpegsim

import (
	"bytes"
	"image"
	"image/jpeg"
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

// TestRoundTripMatchesCodec holds RoundTrip to image/jpeg byte for byte,
// on frame sizes that are and are not whole macroblocks, at the qualities
// captures use and at the ends of the range.
func TestRoundTripMatchesCodec(t *testing.T) {
	sizes := [][2]int{{320, 320}, {360, 400}, {37, 23}, {8, 8}, {1, 1}, {17, 33}}
	for i, sz := range sizes {
		for _, q := range []int{1, 30, 60, 70, 85, 100} {
			m := testImage(sz[0], sz[1], uint64(i*100+q))
			want := viaCodec(t, m, q)
			RoundTrip(m, q)
			if !bytes.Equal(m.Pix, want.Pix) {
				t.Errorf("%dx%d at quality %d: differs from image/jpeg's round trip", sz[0], sz[1], q)
			}
		}
	}
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
