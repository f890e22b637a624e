package faceaudit

import (
	"image"
	"math"
	"testing"

	"vigie/city/faces"
	"vigie/internal/seeds"
	"vigie/sim/recognition"
)

// TestFrontalImpostors is the quick loop for a change to how identity is
// made: the impostor means of both networks over the audit's first 40
// identities drawn in their usual look, frontally, under one light (no
// occasion, no camera), where only the faces differ; and the same faces
// with the nuisance variation the demo photographs show (yaw up to 30
// degrees, pitch up to 15, the key light from anywhere in front, a camera
// and a day of their own each), which says how much of the photographs'
// impostor mean such variation alone can buy. About a minute; it checks that
// the faces are found and that the embeddings are not degenerate.
func TestFrontalImpostors(t *testing.T) {
	skipUnlessDiagnosing(t)
	p := openPipeline(t)
	defer p.Close()
	if !p.HasMobileFaceNet() {
		t.Fatalf("%s lacks %s: run `make models`", p.Dir(), recognition.MobileFaceNetModelFile)
	}
	const n = 40
	frontal, _ := faces.Conditions("frontal")
	for _, posed := range []bool{false, true} {
		var imgs []image.Image
		var lms [][68]recognition.Point
		for i := 0; i < n; i++ {
			c := frontal
			id := faces.NewIdentity(IdentitySeed(1, i), Attrs(i))
			if posed {
				r := seeds.Stream(1, "frontal-impostors-pose", uint64(i))
				c.YawDeg, c.PitchDeg = -30+60*r.Float64(), -15+30*r.Float64()
				c.LightAzDeg, c.LightElDeg = -60+120*r.Float64(), 10+40*r.Float64()
				c.Camera = uint64(i + 1)
				id = faces.NewIdentityOn(IdentitySeed(1, i), Attrs(i), faces.Occasion{Day: uint64(i + 3)})
			}
			img, _ := faces.Render(id, c)
			dets, err := p.Detect(img)
			if err != nil {
				t.Fatal(err)
			}
			if len(dets) == 0 {
				continue
			}
			lm, err := p.Landmarks(img, dets[0])
			if err != nil {
				t.Fatal(err)
			}
			imgs = append(imgs, img)
			lms = append(lms, lm)
		}
		if len(imgs) < n*9/10 {
			t.Fatalf("posed %v: the detector found %d of %d faces", posed, len(imgs), n)
		}
		e, err := EmbedBoth(p, imgs, lms)
		if err != nil {
			t.Fatal(err)
		}
		d, m := meanPairDistance(e.Dlib), meanPairDistance(e.Mobile)
		if d <= 0 || m <= 0 {
			t.Fatalf("posed %v: impostor means %.4f and %.5f: the embeddings are degenerate", posed, d, m)
		}
		t.Logf("posed %-5v faces %d: dlib impostor mean %.4f, MobileFaceNet %.5f", posed, len(imgs), d, m)
	}
}

// meanPairDistance is the mean Euclidean distance over all pairs of v.
func meanPairDistance(v [][]float32) float64 {
	s, n := 0.0, 0
	for i := range v {
		for j := i + 1; j < len(v); j++ {
			d := 0.0
			for k := range v[i] {
				x := float64(v[i][k] - v[j][k])
				d += x * x
			}
			s += math.Sqrt(d)
			n++
		}
	}
	return s / float64(n)
}
