package recognition

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"vigie/internal/testenv"
)

// TestAlignMobileChipPlacesTemplate builds landmarks whose five points are
// the ArcFace template shifted by (10, 20) and checks the chip is the image
// shifted back: the eyes, nose and mouth land where the network expects.
func TestAlignMobileChipPlacesTemplate(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 160, 160))
	for y := 0; y < 160; y++ {
		for x := 0; x < 160; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var lm [68]Point
	set := func(from, to int, p Point) {
		for i := from; i < to; i++ {
			lm[i] = Point{p.X + 10, p.Y + 20}
		}
	}
	set(36, 42, mobileTemplate[0])
	set(42, 48, mobileTemplate[1])
	set(30, 31, mobileTemplate[2])
	set(48, 49, mobileTemplate[3])
	set(54, 55, mobileTemplate[4])
	chip := AlignMobileChip(img, lm)
	if len(chip) != MobileChipSize*MobileChipSize*3 {
		t.Fatalf("chip has %d values", len(chip))
	}
	worst := 0.0
	for y := 0; y < MobileChipSize; y++ {
		for x := 0; x < MobileChipSize; x++ {
			want := img.RGBAAt(x+10, y+20)
			got := chip[3*(y*MobileChipSize+x):]
			for ch, w := range []uint8{want.R, want.G, want.B} {
				worst = math.Max(worst, math.Abs(float64(got[ch])-float64(w)))
			}
		}
	}
	if worst > 1e-3 {
		t.Errorf("chip differs from the shifted image by up to %.4f", worst)
	}
}

func TestEmbedMobile(t *testing.T) {
	p := openTest(t)
	if !p.HasMobileFaceNet() {
		testenv.MissingModels(t, "models folder has no MobileFaceNet")
	}
	if _, ok := p.ModelChecksums()[MobileFaceNetModelFile]; ok {
		t.Error("ModelChecksums lists MobileFaceNet, which runs never use")
	}
	if len(p.MobileFaceNetChecksum()) != 64 {
		t.Errorf("MobileFaceNet checksum %q", p.MobileFaceNetChecksum())
	}
	if _, err := p.EmbedMobile([][]float32{make([]float32, 10)}); err == nil || !strings.Contains(err.Error(), "AlignMobileChip") {
		t.Errorf("a wrong-size chip gave %v", err)
	}
	grey := make([]float32, MobileChipSize*MobileChipSize*3)
	ramp := make([]float32, len(grey))
	for i := range grey {
		grey[i] = 128
		ramp[i] = float32(i % 256)
	}
	e, err := p.EmbedMobile([][]float32{grey, ramp})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range e {
		n := 0.0
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		if math.Abs(math.Sqrt(n)-1) > 1e-4 {
			t.Errorf("embedding %d has length %.5f, want 1", i, math.Sqrt(n))
		}
	}
	if MobileDistance(e[0], e[1]) == 0 {
		t.Error("two different chips embed identically")
	}
}
