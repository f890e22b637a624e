package recognition

import (
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"vigie/internal/testenv"
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
		testenv.MissingModels(t, "models not found")
	}
	if _, err := os.Stat(filepath.Join(dir, convert.LibraryFile())); err != nil {
		testenv.MissingModels(t, "models not found")
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
		testenv.MissingModels(t, "detector models absent")
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
		testenv.MissingModels(t, "%v", err)
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

// TestOpenRefusesPlantedFiles plants a models folder whose manifest.json
// vouches for a changed file (a corrupted library, a truncated one, a
// changed model), as someone able to write a folder would: Open must refuse
// each against the sums pinned in the source, before loading anything.
func TestOpenRefusesPlantedFiles(t *testing.T) {
	p := openTest(t)
	for _, c := range []struct{ name, file string }{
		{"flipped library byte", convert.LibraryFile()},
		{"truncated library", convert.LibraryFile()},
		{"flipped model byte", EmbedModelFile},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := plantModels(t, p.Dir(), c.file, strings.HasPrefix(c.name, "truncated"))
			_, err := Open(dir, Options{})
			if err == nil || !strings.Contains(err.Error(), "pins") || !strings.Contains(err.Error(), c.file) {
				t.Fatalf("planted %s accepted or unclear error: %v", c.file, err)
			}
		})
	}
}

// plantModels makes a models folder beside the real one: links to every
// real file but changed, which is a changed copy (one byte flipped, or cut
// to half), with a manifest.json whose sums match what was planted.
func plantModels(t *testing.T, real, changed string, truncate bool) string {
	t.Helper()
	dir := t.TempDir()
	files := []string{convert.LibraryFile(), EmbedModelFile, SSDModelFile, LandmarksModelFile, AgeGenderModelFile}
	man := convert.Manifest{Files: map[string]string{}}
	for _, name := range files {
		dst := filepath.Join(dir, name)
		if name != changed {
			if err := os.Symlink(filepath.Join(real, name), dst); err != nil {
				t.Fatal(err)
			}
		} else {
			b, err := os.ReadFile(filepath.Join(real, name))
			if err != nil {
				t.Fatal(err)
			}
			if truncate {
				b = b[:len(b)/2]
			} else {
				b[len(b)/2] ^= 0xff
			}
			if err := os.WriteFile(dst, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		sum, err := convert.FileSHA256(dst)
		if err != nil {
			t.Fatal(err)
		}
		man.Files[name] = sum
	}
	b, _ := json.Marshal(man)
	if err := os.WriteFile(filepath.Join(dir, convert.ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestInitORTRefusesChangedLibrary loads a corrupted and a truncated
// library in a fresh process (the library loads once per process): each
// must give an error naming the pin, not run or crash the loader.
func TestInitORTRefusesChangedLibrary(t *testing.T) {
	if lib := os.Getenv("VIGIE_TEST_INIT_ORT"); lib != "" {
		err := initORT(lib)
		fmt.Println("initORT:", err)
		os.Exit(0)
	}
	p := openTest(t)
	for _, truncate := range []bool{false, true} {
		dir := plantModels(t, p.Dir(), convert.LibraryFile(), truncate)
		cmd := exec.Command(os.Args[0], "-test.run", "^TestInitORTRefusesChangedLibrary$")
		cmd.Env = append(os.Environ(), "VIGIE_TEST_INIT_ORT="+filepath.Join(dir, convert.LibraryFile()))
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "initORT: ") || !strings.Contains(string(out), "pins") {
			t.Errorf("truncate=%v: %v\n%s", truncate, err, out)
		}
	}
}

// TestModelDirIgnoresWorkingDirectory plants models/ (with a manifest and
// a library) above the working directory, with VIGIE_MODELS unset and no
// install places: ModelDir must not find it, and must say where it looked.
func TestModelDirIgnoresWorkingDirectory(t *testing.T) {
	root := t.TempDir()
	planted := filepath.Join(root, "models")
	work := filepath.Join(root, "a", "b")
	for _, d := range []string{planted, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{convert.ManifestFile, convert.LibraryFile()} {
		if err := os.WriteFile(filepath.Join(planted, f), []byte("planted"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(ModelsEnv, "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(root, "data"))
	t.Setenv("HOME", filepath.Join(root, "home"))
	t.Chdir(work)
	dir, err := ModelDir("")
	if err == nil {
		t.Fatalf("found models in %s with nothing installed", dir)
	}
	if strings.Contains(err.Error(), planted+",") || !strings.Contains(err.Error(), "--models") {
		t.Fatalf("error names the planted folder or no way out: %v", err)
	}
	if d, _ := ModelDir("/chosen"); d != "/chosen" {
		t.Errorf("ModelDir(/chosen) = %s", d)
	}
	t.Setenv(ModelsEnv, "/from-env")
	if d, _ := ModelDir(""); d != "/from-env" {
		t.Errorf("with %s set, ModelDir = %s", ModelsEnv, d)
	}
	// The data directory is a documented place.
	t.Setenv(ModelsEnv, "")
	data := filepath.Join(root, "data", "vigie", "models")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, convert.LibraryFile()), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if d, err := ModelDir(""); d != data {
		t.Errorf("with models in the data directory, ModelDir = %q, %v", d, err)
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
	for _, f := range []string{EmbedModelFile, convert.LibraryFile()} {
		if pin, _ := convert.PinnedSHA256(f); sums[f] == "" || sums[f] != pin {
			t.Errorf("%s: checksum %q, pinned %q", f, sums[f], pin)
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
