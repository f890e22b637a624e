package recognition

import (
	"encoding/json"
	"image"
	"image/draw"
	_ "image/jpeg"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"vigie/sim/recognition/convert"
)

// testPipeline opens the pipeline once for the package's tests, or skips
// when set-up has not run.
var (
	testOnce sync.Once
	testPipe *Pipeline
	testErr  error
)

func openTest(t testing.TB) *Pipeline {
	t.Helper()
	dir, err := ModelDir("")
	if err != nil {
		t.Skip("models not found; run `make models` first")
	}
	if _, err := os.Stat(filepath.Join(dir, convert.ManifestFile)); err != nil {
		t.Skip("models not found; run `make models` first")
	}
	testOnce.Do(func() { testPipe, testErr = Open(dir, Options{}) })
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testPipe
}

// demoChips returns aligned chips of every face in the face-api demo photos,
// found with the pipeline's own detector and landmarks.
func demoChips(t testing.TB, p *Pipeline, files ...string) []*image.RGBA {
	t.Helper()
	if p.FaceNets == nil {
		t.Skip("detector models absent; run `make models`")
	}
	var chips []*image.RGBA
	for _, f := range files {
		img := loadImage(t, filepath.Join(p.Dir(), "face-api", "demo", f))
		ds, err := p.Detect(img)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			lm, err := p.Landmarks(img, d)
			if err != nil {
				t.Fatal(err)
			}
			chips = append(chips, Align(img, lm))
		}
	}
	if len(chips) == 0 {
		t.Fatalf("no faces found in %v", files)
	}
	return chips
}

func loadImage(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("%v (run `make models`)", err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func norm(d [DescriptorDim]float32) float64 {
	var s float64
	for _, v := range d {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s)
}

// shifted moves the chip by (dx, dy), repeating the border pixels.
func shifted(c *image.RGBA, dx, dy int) *image.RGBA {
	out := image.NewRGBA(c.Bounds())
	for y := 0; y < ChipSize; y++ {
		for x := 0; x < ChipSize; x++ {
			sx, sy := min(max(x-dx, 0), ChipSize-1), min(max(y-dy, 0), ChipSize-1)
			out.SetRGBA(x, y, c.RGBAAt(sx, sy))
		}
	}
	return out
}

func mirrored(c *image.RGBA) *image.RGBA {
	out := image.NewRGBA(c.Bounds())
	for y := 0; y < ChipSize; y++ {
		for x := 0; x < ChipSize; x++ {
			out.SetRGBA(x, y, c.RGBAAt(ChipSize-1-x, y))
		}
	}
	return out
}

// TestEmbedSanity checks the converted FaceRecognitionNet on real faces:
// the same chip twice gives distance 0, a batch gives what single runs give,
// a chip moved by a few pixels or mirrored stays well inside the 0.6
// threshold, and descriptors have the length face-api's have (about 1.4 on
// these photos; they are not normalised).
func TestEmbedSanity(t *testing.T) {
	p := openTest(t)
	chips := demoChips(t, p, "sample1.jpg", "sample2.jpg")
	batch, err := p.Embed(chips)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range chips {
		one, err := p.Embed([]*image.RGBA{c, c})
		if err != nil {
			t.Fatal(err)
		}
		if d := Distance(one[0], one[1]); d != 0 {
			t.Errorf("face %d: same chip twice at distance %g", i, d)
		}
		if d := Distance(one[0], batch[i]); d > 1e-5 {
			t.Errorf("face %d: batch and single runs differ by %g", i, d)
		}
		if n := norm(batch[i]); n < 0.8 || n > 2.5 {
			t.Errorf("face %d: descriptor length %.3f, face-api's are about 1.4", i, n)
		}
		moved, err := p.Embed([]*image.RGBA{shifted(c, 3, 2), mirrored(c)})
		if err != nil {
			t.Fatal(err)
		}
		if d := Distance(batch[i], moved[0]); d > 0.35 {
			t.Errorf("face %d: a 3x2 pixel shift moves the descriptor by %.3f", i, d)
		}
		if d := Distance(batch[i], moved[1]); d > 0.5 {
			t.Errorf("face %d: mirroring moves the descriptor by %.3f", i, d)
		}
	}
}

// TestEmbedThreadsSameBytes checks that the intra-op thread count does not
// change a descriptor: determinism whatever the core count.
func TestEmbedThreadsSameBytes(t *testing.T) {
	p := openTest(t)
	chips := demoChips(t, p, "sample3.jpg")
	one, err := Open(p.Dir(), Options{IntraOpThreads: 1, MaxBatch: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	a, err := p.Embed(chips)
	if err != nil {
		t.Fatal(err)
	}
	b, err := one.Embed(chips)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("face %d: descriptors differ between thread counts (distance %g)", i, Distance(a[i], b[i]))
		}
	}
}

func TestEmbedBadChips(t *testing.T) {
	p := openTest(t)
	cases := []struct {
		name  string
		chips []*image.RGBA
		want  string
	}{
		{"nil", []*image.RGBA{nil}, "chip 0 is nil"},
		{"size", []*image.RGBA{image.NewRGBA(image.Rect(0, 0, 150, 149))}, "150x149, want 150x150"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := p.Embed(c.chips); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
	if d, err := p.Embed(nil); err != nil || len(d) != 0 {
		t.Fatalf("no chips: %v, %v", d, err)
	}
	// A sub-image chip reads its own pixels, not its parent's origin.
	big := image.NewRGBA(image.Rect(0, 0, 300, 300))
	draw.Draw(big, big.Bounds(), image.White, image.Point{}, draw.Src)
	sub := big.SubImage(image.Rect(100, 100, 250, 250)).(*image.RGBA)
	whole := image.NewRGBA(image.Rect(0, 0, 150, 150))
	draw.Draw(whole, whole.Bounds(), image.White, image.Point{}, draw.Src)
	d, err := p.Embed([]*image.RGBA{sub, whole})
	if err != nil || d[0] != d[1] {
		t.Fatalf("sub-image chip embeds differently (%v)", err)
	}
}

func TestOpenRefusesChangedModel(t *testing.T) {
	p := openTest(t)
	dir := t.TempDir()
	man, err := convert.ReadManifest(p.Dir())
	if err != nil {
		t.Fatal(err)
	}
	for name := range man.Files {
		if err := os.Symlink(filepath.Join(p.Dir(), name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	man.Files[EmbedModelFile] = strings.Repeat("0", 64)
	b, _ := json.Marshal(man)
	if err := os.WriteFile(filepath.Join(dir, convert.ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "refusing") || !strings.Contains(err.Error(), EmbedModelFile) {
		t.Fatalf("changed model accepted or unclear error: %v", err)
	}
}

func TestOpenMissingModels(t *testing.T) {
	_, err := Open(t.TempDir(), Options{})
	if err == nil || !strings.Contains(err.Error(), "make models") {
		t.Fatalf("error %v does not name `make models`", err)
	}
	if _, err := Open(t.TempDir(), Options{IntraOpThreads: -1}); err == nil {
		t.Fatal("negative thread count accepted")
	}
}

func TestModelChecksums(t *testing.T) {
	p := openTest(t)
	sums := p.ModelChecksums()
	man, _ := convert.ReadManifest(p.Dir())
	for _, f := range []string{EmbedModelFile, convert.LibraryFile()} {
		if sums[f] == "" || sums[f] != man.Files[f] {
			t.Errorf("%s: checksum %q, manifest %q", f, sums[f], man.Files[f])
		}
	}
	sums[EmbedModelFile] = "changed"
	if p.ModelChecksums()[EmbedModelFile] == "changed" {
		t.Error("ModelChecksums exposes the pipeline's own map")
	}
	if ChipSize != convert.FaceRecInputSize {
		t.Errorf("ChipSize %d, network input %d", ChipSize, convert.FaceRecInputSize)
	}
}

func TestDistance(t *testing.T) {
	var a, b [DescriptorDim]float32
	a[0], b[0], b[1] = 3, 0, 4
	if d := Distance(a, b); d != 5 {
		t.Fatalf("distance %g, want 5", d)
	}
}
