package faces

import (
	"bytes"
	"math"
	"testing"
)

// TestCameraLookRanges checks that drawn cameras stay within the ranges
// newCameraLook documents (0.6 to 3 m away) and that they differ from
// each other.
func TestCameraLookRanges(t *testing.T) {
	seen := map[int]bool{}
	for id := uint64(1); id <= 500; id++ {
		l := newCameraLook(id)
		if l.contrast < -0.2 || l.contrast > 0.6 || l.sat < 0.75 || l.sat > 1.3 || l.sharp < -0.6 || l.sharp > 1.2 ||
			l.quality < 70 || l.quality > 95 || l.bias <= 0 || math.Abs(math.Log(l.bias)) > 2 ||
			l.distance < camDist*0.6/1.7-1e-9 || l.distance > camDist*3/1.7+1e-9 {
			t.Fatalf("camera %d: %+v out of range", id, l)
		}
		for _, w := range l.wb {
			if math.Abs(math.Log(w)) > 0.3 {
				t.Fatalf("camera %d: white balance %v", id, l.wb)
			}
		}
		seen[l.quality] = true
	}
	if len(seen) < 20 {
		t.Errorf("JPEG qualities drawn: %d different, want most of 70-95", len(seen))
	}
}

// TestCameraLookNeutralEncoding checks that a neutral look (no contrast,
// saturation 1, exact white balance) encodes as the plain sRGB curve, and
// that contrast pushes mid-dark values down and mid-light values up.
func TestCameraLookNeutralEncoding(t *testing.T) {
	neutral := cameraLook{sat: 1, bias: 1, wb: [3]float64{1, 1, 1}}
	punchy := neutral
	punchy.contrast = 0.5
	for _, v := range []float64{0, 0.01, 0.05, 0.18, 0.4, 0.8, 1, 1.5} {
		var a, b [3]uint8
		neutral.encode([3]float64{v, v, v}, a[:])
		punchy.encode([3]float64{v, v, v}, b[:])
		want := encodeSRGB(v)
		if d := int(a[0]) - int(want); d < -1 || d > 1 {
			t.Errorf("neutral look at %.2f: %d, sRGB curve %d", v, a[0], want)
		}
		switch {
		case want < 110 && want > 10 && b[0] >= a[0]:
			t.Errorf("contrast at %.2f: %d, not below neutral %d", v, b[0], a[0])
		case want > 145 && want < 245 && b[0] <= a[0]:
			t.Errorf("contrast at %.2f: %d, not above neutral %d", v, b[0], a[0])
		}
	}
}

// TestCameraChangesPictureNotMeasures checks that a capture's camera
// changes its pixels, deterministically, that two cameras give two
// pictures, and that a fixed-gain capture (how skin colour is measured)
// ignores the camera's processing.
func TestCameraChangesPictureNotMeasures(t *testing.T) {
	id := NewIdentity(3, Attributes{Age: 40, Sex: Female, MonkTone: 5})
	c, _ := Conditions("frontal")
	c.FacePx, c.FrameW, c.FrameH = 60, 120, 120
	plain, _ := Render(id, c)
	c.Camera = 11
	a, _ := Render(id, c)
	again, _ := Render(id, c)
	c.Camera = 12
	b, _ := Render(id, c)
	if bytes.Equal(plain.Pix, a.Pix) || bytes.Equal(a.Pix, b.Pix) {
		t.Error("a camera leaves the picture as the plain pipeline or another camera makes it")
	}
	if !bytes.Equal(a.Pix, again.Pix) {
		t.Error("one camera renders one capture two ways")
	}
	// at a fixed gain the camera's processing stays out of the picture
	c = c.withDefaults()
	c.FixedGain, c.FrameW, c.FrameH = 0.3, 16, 16
	lin := make([]float64, 3*16*16)
	for i := range lin {
		lin[i] = float64(i%97) / 97
	}
	sc := newScene(&id.p, c)
	c.Camera = 0
	plainFixed := finish(append([]float64(nil), lin...), c, sc, new(buffers))
	c.Camera = 11
	camFixed := finish(append([]float64(nil), lin...), c, sc, new(buffers))
	if !bytes.Equal(plainFixed.Pix, camFixed.Pix) {
		t.Error("a fixed-gain capture changes with the camera's processing")
	}
}

// TestEyeCatchLightAndLashLine checks the eye's two landmarks of a
// photograph: the key light mirrored in the cornea (brighter than the
// sclera, toward the light, in colour but not under infrared, where the
// illuminator is drawn as a ring at the lens), and the upper lid's margin,
// darker than the lid above it.
func TestEyeCatchLightAndLashLine(t *testing.T) {
	id := NewIdentity(5, Attributes{Age: 30, Sex: Male, MonkTone: 4})
	p := &id.p
	c, _ := Conditions("frontal")
	s := newScene(p, c)
	b, up, _, _ := p.eyeLids(p.eyeSep)
	ri := p.eyeW * p.ap.irisSize
	// the catch-light's centre on the eye at +x
	x := p.eyeSep - s.keyDir[0]*ri*0.5
	y := b + 0.004 + s.keyDir[1]*ri*0.5
	if y >= up {
		t.Fatalf("catch-light above the lid: y %.4f, lid %.4f", y, up)
	}
	var m material
	s.eye(x, y, &m)
	if m.alb[1] < 1 {
		t.Errorf("catch-light albedo %v, want above 1", m.alb)
	}
	var away material
	s.eye(p.eyeSep+s.keyDir[0]*ri*0.5, y, &away)
	if away.alb[1] >= m.alb[1]/2 {
		t.Errorf("the cornea away from the light %v as bright as toward it %v", away.alb, m.alb)
	}
	c.Light = Infrared
	var ir material
	newScene(p, c).eye(x, y, &ir)
	if ir.alb[1] >= 1 {
		t.Errorf("catch-light drawn under infrared: %v", ir.alb)
	}
	skin := material{alb: [3]float64{0.5, 0.4, 0.3}}
	lid, margin := skin, skin
	s.lashLine(0, up+0.02, up, b-p.eyeH, &lid)
	s.lashLine(0, up+0.001, up, b-p.eyeH, &margin)
	if margin.alb[1] >= 0.7*lid.alb[1] {
		t.Errorf("lid margin %v not darker than the lid %v", margin.alb, lid.alb)
	}
}
