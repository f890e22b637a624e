package faces

import (
	"bytes"
	"image"
	"math"
	"testing"
)

// The renderer takes shortcuts for speed: slowly varying skin colouring
// computed per vertex, the wall's pattern on a coarse grid, a coarser head
// for the shadow map, and sensor noise read from a table. These tests hold
// each shortcut to what it replaces.

// TestSkinFieldFollowsDirect compares the skin colouring interpolated
// across the head's triangles with the same terms evaluated at each point,
// at the centroids of the face's triangles.
func TestSkinFieldFollowsDirect(t *testing.T) {
	worst := [4]float64{}
	for seed := uint64(1); seed <= 8; seed++ {
		a := Attributes{Age: 20 + int(seed)*7, Sex: Sex(seed % 2), MonkTone: 1 + int(seed)%10}
		id := NewIdentity(seed, a)
		head := id.mesh.parts[0]
		if head.skin == nil {
			t.Fatal("the head has no skin field")
		}
		direct := func(v vert) skinVert { return id.p.skinField([]vert{v})[0] }
		for _, tri := range head.t {
			va, vb, vc := head.v[tri[0]], head.v[tri[1]], head.v[tri[2]]
			if va.front < 0.2 || vb.front < 0.2 || vc.front < 0.2 {
				continue // the sides and back: colouring matters little there
			}
			centre := vert{
				fx:    (va.fx + vb.fx + vc.fx) / 3,
				fy:    (va.fy + vb.fy + vc.fy) / 3,
				front: (va.front + vb.front + vc.front) / 3,
			}
			want := direct(centre)
			sa, sb, sc := head.skin[tri[0]], head.skin[tri[1]], head.skin[tri[2]]
			got := [4]float64{(sa.mel + sb.mel + sc.mel) / 3, (sa.blood + sb.blood + sc.blood) / 3,
				(sa.shine + sb.shine + sc.shine) / 3, (sa.shade + sb.shade + sc.shade) / 3}
			if straddles(0.5, va.front, vb.front, vc.front) {
				// The ears' flush starts at front 0.5 with a step, which
				// interpolation smooths over one triangle.
				continue
			}
			for i, w := range [4]float64{want.mel, want.blood, want.shine, want.shade} {
				worst[i] = math.Max(worst[i], math.Abs(got[i]-w)/math.Abs(w))
			}
		}
	}
	t.Logf("largest relative error: melanin %.2g, blood %.2g, shine %.2g, eye shade %.2g", worst[0], worst[1], worst[2], worst[3])
	for i, name := range []string{"melanin", "blood", "shine", "eye shade"} {
		// 2% of a factor moves skin by at most about one 8-bit level
		if worst[i] > 0.02 {
			t.Errorf("%s factor off by %.2g%% of its value, want at most 2%%", name, 100*worst[i])
		}
	}
}

// straddles reports whether v lies strictly between the least and the
// greatest of three values.
func straddles(v, a, b, c float64) bool {
	lo, hi := minMax(a, b, c)
	return lo < v && v < hi
}

// TestWallGridFollowsNoise compares the wall's interpolated pattern with
// the noise evaluated at every sample.
func TestWallGridFollowsNoise(t *testing.T) {
	const w, h = 640, 640
	id := NewIdentity(3, Attributes{Age: 40, Sex: Male, MonkTone: 6})
	c, _ := Conditions("frontal")
	s := newScene(&id.p, c.withDefaults())
	s.wallGrid(w, h, nil)
	e := s.keyE*0.5*max(0, s.keyDir[2]) + s.ambE
	worst := 0.0
	for y := 0; y < h; y += 3 {
		for x := 0; x < w; x += 3 {
			u, v := float64(x)/w, float64(y)/h
			want := (0.85 + 0.4*fbm(u*4, v*4, s.bgSeed, 3)) * (1.1 - 0.3*v) * e * s.bgColor[1] * s.light[1]
			got := s.background(x, y)[1]
			worst = math.Max(worst, math.Abs(got-want)/want)
		}
	}
	t.Logf("largest relative error of the wall: %.2g", worst)
	if worst > 0.005 {
		t.Errorf("wall off by %.2g%%, want at most 0.5%%", 100*worst)
	}
}

// TestCoarseShadowMapAgrees builds the shadow map from the head's full
// triangulation and from the coarse one, and compares the light each
// visible point of the face receives.
func TestCoarseShadowMapAgrees(t *testing.T) {
	id := NewIdentity(5, Attributes{Age: 35, Sex: Male, MonkTone: 4})
	c, _ := Conditions("frontal")
	c.LightAzDeg, c.LightElDeg = 45, 35 // a side light, for long nose shadows
	c = c.withDefaults()
	cam := newCamera(&id.p, c, 1)
	sc := newScene(&id.p, c)
	parts := id.mesh.parts
	tp := make([]xformed, len(parts))
	for i := range parts {
		transformPart(&tp[i], &cam, &parts[i])
	}
	coarse := buildShadowMap(tp, sc.keyDir, &buffers{})
	fine := buildShadowMap(func() []xformed {
		full := append([]xformed(nil), tp...)
		full[0].shadowT, full[0].shadowV = nil, nil
		return full
	}(), sc.keyDir, &buffers{})
	var n, differ int
	var sum float64
	head := &tp[0]
	for i, q := range head.q {
		if head.v[i].front < 0.5 || head.n[i][2] <= 0 {
			continue
		}
		a, b := coarse.lit(q, q), fine.lit(q, q)
		n++
		sum += math.Abs(a - b)
		if math.Abs(a-b) > 0.5 {
			differ++
		}
	}
	mean := sum / float64(n)
	t.Logf("%d face vertices: mean |difference in light| %.4f, %d differ by more than half", n, mean, differ)
	if mean > 0.01 || float64(differ) > 0.002*float64(n) {
		t.Errorf("coarse shadow map differs: mean %.4f (want <= 0.01), %d of %d differ by > 0.5 (want <= 0.2%%)", mean, differ, n)
	}
}

// TestNormalTable checks the sensor-noise table's first moments and tails.
func TestNormalTable(t *testing.T) {
	var s1, s2, s4 float64
	for _, v := range normalTable {
		s1 += v
		s2 += v * v
		s4 += v * v * v * v
	}
	n := float64(len(normalTable))
	mean, variance, kurt := s1/n, s2/n, s4/n
	if math.Abs(mean) > 1e-9 || math.Abs(variance-1) > 0.002 || math.Abs(kurt-3) > 0.02 {
		t.Errorf("table mean %.3g, variance %.4f, fourth moment %.3f; want 0, 1, 3", mean, variance, kurt)
	}
}

// TestPowInt compares the specular power by squaring with math.Pow at the
// materials' exponents.
func TestPowInt(t *testing.T) {
	for _, n := range []int{0, 1, 6, 8, 20, 28, 30, 40, 80, 200, 300} {
		for i := 0; i <= 1000; i++ {
			x := float64(i) / 1000
			got, want := powInt(x, n), math.Pow(x, float64(n))
			if math.Abs(got-want) > 1e-12*want+1e-300 {
				t.Fatalf("powInt(%v, %d) = %v, math.Pow gives %v", x, n, got, want)
			}
		}
	}
}

// TestReachedRegionChangesNothing renders faces of every size, turned and
// off centre, with the visibility buffer over the region the head can reach
// and over the whole frame: the wall outside the region must come out the
// same, byte for byte.
func TestReachedRegionChangesNothing(t *testing.T) {
	defer func() { wholeFrame = false }()
	id := NewIdentity(7, Attributes{Age: 40, Sex: Male, MonkTone: 6})
	cases := []Capture{
		{FacePx: 160, LightLevel: 1, LightAzDeg: 20, LightElDeg: 30},
		{FacePx: 48, YawDeg: 40, LightLevel: 1, MotionBlurPx: 1, JPEGQuality: 70, OffsetX: 90},
		{FacePx: 30, Light: Dusk, LightLevel: 1, OffsetY: -100, Occluder: Hood},
		{FacePx: 14, Light: Night, LightLevel: 1, OffsetX: -150, OffsetY: 150},
		{FacePx: 200, FrameW: 360, FrameH: 400, LightLevel: 1, Occluder: Scarf},
		{FacePx: 300, LightLevel: 1, RollDeg: 30}, // the head runs off the frame
	}
	for i, c := range cases {
		c.NoiseSeed = uint64(i)
		wholeFrame = false
		got, _ := Render(id, c)
		wholeFrame = true
		want, _ := Render(id, c)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("case %d (%+v): the region's render differs from the whole frame's", i, c)
		}
	}
}

// TestShadeOncePerPixel compares small faces shaded once per pixel and part
// (the samples still resolve which parts a pixel shows) with every sample
// shaded, as faces under 48 px were before: over the face's box the two
// may differ by the texture finer than a pixel that averaging the samples
// smoothed, by less than the camera's noise changes between two frames, and
// not in brightness.
func TestShadeOncePerPixel(t *testing.T) {
	defer func() { shadeEverySample = false }()
	compareSmallFaces(t, "shading once per pixel", func(old bool) { shadeEverySample = old })
}

// TestCoarseHeadForSmallFaces compares small faces drawn with the head's
// coarser grid (every other row and column, under coarseHeadBelow px) with
// those drawn with the full one, under the same bounds as
// TestShadeOncePerPixel.
func TestCoarseHeadForSmallFaces(t *testing.T) {
	defer func() { fineSmallFaces = false }()
	compareSmallFaces(t, "the coarse head", func(old bool) { fineSmallFaces = old })
}

// TestSmallFaceShortcuts compares small faces as drawn now with every
// shortcut above undone: the full head's grid, 3x3 samples per pixel, each
// of them shaded.
func TestSmallFaceShortcuts(t *testing.T) {
	set := func(old bool) { threeBelow48, shadeEverySample, fineSmallFaces = old, old, old }
	defer set(false)
	compareSmallFaces(t, "the small faces' shortcuts together", set)
}

// compareSmallFaces renders small faces (24, 40 and 56 px) in three lights
// with a shortcut (set(false)) and without (set(true)), and requires the
// two to differ over the face's box by less than the camera's noise
// changes between two frames, and by at most one level on average. (At
// 56 px shading every sample is a stricter reference than the drawing
// before, which shaded 2x2 samples once per part.)
func compareSmallFaces(t *testing.T, what string, set func(old bool)) {
	for i, name := range []string{"cctv-dusk", "cctv-night", "cctv-ir"} {
		for j, px := range []float64{40, 24, 56} {
			id := NewIdentity(uint64(11+i), Attributes{Age: 25 + 15*i, Sex: Sex(j % 2), MonkTone: 2 + 3*i})
			c, _ := Conditions(name)
			c.FacePx, c.JPEGQuality, c.MotionBlurPx = px, 0, 0
			c.YawDeg = float64(20*j - 10)
			c.NoiseSeed = 5
			set(false)
			got, tr := Render(id, c)
			set(true)
			want, _ := Render(id, c)
			c.NoiseSeed = 6
			other, _ := Render(id, c)
			bias, mad := pixDiff(got, want, tr.Box)
			_, noise := pixDiff(other, want, tr.Box)
			t.Logf("%s, %.0f px: mean difference %+.2f levels, mean absolute %.2f (another frame's noise: %.2f)", name, px, bias, mad, noise)
			if math.Abs(bias) > 1 || mad > noise {
				t.Errorf("%s, %.0f px: %s moves the face by %+.2f levels on average, %.2f in absolute value; want within 1, and below the noise's %.2f", name, px, what, bias, mad, noise)
			}
		}
	}
}

// pixDiff returns the mean and the mean absolute difference of a and b's
// channels over box r, in 8-bit levels.
func pixDiff(a, b *image.RGBA, r Box) (bias, mad float64) {
	var n float64
	for y := int(r.Y0); y <= int(r.Y1); y++ {
		for x := int(r.X0); x <= int(r.X1); x++ {
			k := a.PixOffset(x, y)
			for ch := 0; ch < 3; ch++ {
				d := float64(a.Pix[k+ch]) - float64(b.Pix[k+ch])
				bias += d
				mad += math.Abs(d)
				n++
			}
		}
	}
	return bias / n, mad / n
}
