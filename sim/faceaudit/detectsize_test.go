package faceaudit

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"vigie/city/faces"
	"vigie/sim/recognition"
)

// TestDetectionBySizeAgainstPhotographs compares how often the real detector
// finds generated faces and the faces of face-api.js's demo photographs when
// both are scaled so that the detector's box would be the same height, in a
// 320x320 frame. The audit's sweep shows generated faces missed more at
// some sizes than at smaller ones; this says whether photographs are too.
//
// The photographs must be found at every size (at least 75%: some of their
// faces lie near an edge of the photograph or are turned far), or the
// comparison says nothing. Generated faces found more than 15 points less
// often than photographs at some size are a known gap, listed in README:
// the test logs the figures, and fails when generated faces are found at
// some size more than two fewer times than detectionRecord holds.
// detectionRecord is how many of the 30 generated faces the detector
// found at each box height (px), as last measured, after small faces were
// drawn faster (before: 30, 22, 26, 13, 25): on the identities and
// capture jitter drawn through internal/seeds (on the earlier draw of
// identities, poses and sensor noise: 30, 26, 28, 19, 30; thirty faces move
// by several with the draw).
var detectionRecord = map[float64]int{160: 30, 80: 24, 64: 26, 48: 20, 40: 28}

func TestDetectionBySizeAgainstPhotographs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the detector on some 300 frames")
	}
	p := openPipeline(t)
	defer p.Close()
	photos := demoFaces(t, p)
	ratio := boxPerFacePx(t, p)
	const generated = 30
	var table strings.Builder
	fmt.Fprintf(&table, "%10s %12s %12s\n", "box (px)", "photographs", "generated")
	var short []string
	// anyAt48 counts the generated faces at a 48 px box where the detector
	// finds a face anywhere: the first of the variants below, read off
	// this loop's detections rather than rendered and detected again.
	anyAt48 := 0
	for _, box := range []float64{160, 80, 64, 48, 40} {
		foundPhotos := 0
		for _, f := range photos {
			if foundNearCentre(t, p, f.framed(box/f.h)) {
				foundPhotos++
			}
		}
		foundGenerated := 0
		for i := 0; i < generated; i++ {
			c := GoodCapture(i, 0)
			c.FacePx = box / ratio
			img, _ := faces.Render(faces.NewIdentity(IdentitySeed(1, i), Attrs(i)), c)
			dets := detect(t, p, img)
			if nearCentre(dets) {
				foundGenerated++
			}
			if box == 48 && len(dets) > 0 {
				anyAt48++
			}
		}
		ph, gen := float64(foundPhotos)/float64(len(photos)), float64(foundGenerated)/generated
		fmt.Fprintf(&table, "%10.0f %11.0f%% %11.0f%%\n", box, 100*ph, 100*gen)
		if ph < 0.75 {
			t.Errorf("box %.0f px: only %d of %d photograph faces found; the comparison needs them", box, foundPhotos, len(photos))
		}
		if gen < ph-0.15 {
			short = append(short, fmt.Sprintf("%.0f px: %.0f%% against %.0f%%", box, 100*gen, 100*ph))
		}
		if rec := detectionRecord[box]; foundGenerated < rec-2 {
			t.Errorf("box %.0f px: %d of %d generated faces found, recorded %d", box, foundGenerated, generated, rec)
		}
	}
	t.Logf("faces found by detector box height (%d photograph faces, %d generated; generated box = %.3f x face_px)\n%s",
		len(photos), generated, ratio, table.String())
	if len(short) > 0 {
		t.Logf("known gap, no worse than recorded: generated faces found less often than photographs at %s", strings.Join(short, "; "))
	}
	// Where the dip comes from: the same generated faces, off centre, in a
	// larger frame (so smaller in the detector's 512x512 input), and turned.
	// These figures are only logged, so they are measured only when the
	// log is shown (go test -v): 90 renders and detections, a third of the
	// test, that make test would throw away.
	t.Logf("48 px box, centred, 320x320: %d of %d generated faces found", anyAt48, generated)
	if !testing.Verbose() {
		return
	}
	for _, v := range []struct {
		name string
		set  func(*faces.Capture)
	}{
		{"37 px right and 23 px up", func(c *faces.Capture) { c.OffsetX, c.OffsetY = 37, -23 }},
		{"centred, 480x480", func(c *faces.Capture) { c.FrameW, c.FrameH = 480, 480 }},
		{"centred, 320x320, turned 15 degrees", func(c *faces.Capture) { c.YawDeg = 15 }},
	} {
		n := 0
		for i := 0; i < generated; i++ {
			c := GoodCapture(i, 0)
			c.FacePx = 48 / ratio
			v.set(&c)
			img, _ := faces.Render(faces.NewIdentity(IdentitySeed(1, i), Attrs(i)), c)
			if len(detect(t, p, img)) > 0 {
				n++
			}
		}
		t.Logf("48 px box, %s: %d of %d generated faces found", v.name, n, generated)
	}
}

// demoFace is a face found in a demo photograph: the photograph, the face's
// centre and its box height.
type demoFace struct {
	img    image.Image
	cx, cy float64
	h      float64
}

// demoFaces finds the faces at least 100 px tall in the demo photographs.
func demoFaces(t *testing.T, p *recognition.Pipeline) []demoFace {
	t.Helper()
	var out []demoFace
	for _, f := range demoDetections(t, p, 100) {
		b := f.det.Box
		out = append(out, demoFace{f.img, b.X + b.W/2, b.Y + b.H/2, b.H})
	}
	return out
}

// framed scales the photograph by s and places the face at the centre of a
// 320x320 grey frame.
func (f demoFace) framed(s float64) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, 320, 320))
	draw.Draw(dst, dst.Bounds(), &image.Uniform{color.RGBA{110, 110, 110, 255}}, image.Point{}, draw.Src)
	b := f.img.Bounds()
	scaled := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*s+0.5), int(float64(b.Dy())*s+0.5)))
	xdraw.CatmullRom.Scale(scaled, scaled.Bounds(), f.img, b, xdraw.Src, nil)
	off := image.Pt(160-int(f.cx*s), 160-int(f.cy*s))
	draw.Draw(dst, scaled.Bounds().Add(off), scaled, image.Point{}, draw.Src)
	return dst
}

// boxPerFacePx is the detector's box height over the generator's face
// height, on good captures.
func boxPerFacePx(t *testing.T, p *recognition.Pipeline) float64 {
	t.Helper()
	sum, n := 0.0, 0
	for i := 0; i < 20; i++ {
		c := GoodCapture(i, 0)
		img, _ := faces.Render(faces.NewIdentity(IdentitySeed(1, i), Attrs(i)), c)
		dets, err := p.Detect(img)
		if err != nil {
			t.Fatal(err)
		}
		if len(dets) > 0 {
			sum += dets[0].Box.H / c.FacePx
			n++
		}
	}
	if n < 18 {
		t.Fatalf("only %d of 20 good captures detected", n)
	}
	return sum / float64(n)
}

// foundNearCentre reports whether the detector finds a face whose box is
// centred near the frame's centre, where the face was put.
func foundNearCentre(t *testing.T, p *recognition.Pipeline, img image.Image) bool {
	t.Helper()
	return nearCentre(detect(t, p, img))
}

func detect(t *testing.T, p *recognition.Pipeline, img image.Image) []recognition.Detection {
	t.Helper()
	dets, err := p.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	return dets
}

// nearCentre reports whether one of dets is centred near the 320x320
// frame's centre.
func nearCentre(dets []recognition.Detection) bool {
	for _, d := range dets {
		cx, cy := d.Box.X+d.Box.W/2, d.Box.Y+d.Box.H/2
		if cx > 120 && cx < 200 && cy > 110 && cy < 210 {
			return true
		}
	}
	return false
}
