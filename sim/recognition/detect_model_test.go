package recognition

import (
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"vigie/internal/testenv"
)

// repoRoot is the nearest folder above the working directory with go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	d, _ := os.Getwd()
	for ; filepath.Dir(d) != d; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
	}
	t.Fatal("go.mod not found above the working directory")
	return ""
}

// modelDirForTest is $VIGIE_MODELS or <repo>/models when it holds the
// converted detector; otherwise the test is skipped.
func modelDirForTest(t testing.TB) string {
	t.Helper()
	dirs := []string{os.Getenv("VIGIE_MODELS"), filepath.Join(repoRoot(t), "models")}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, SSDModelFile)); err == nil {
			return d
		}
	}
	testenv.MissingModels(t, "converted models not found")
	return ""
}

var (
	testNetsOnce sync.Once
	testNets     *FaceNets
	testNetsErr  error
)

// faceNetsForTest opens the detector, landmark and age/gender networks once
// for the package's tests.
func faceNetsForTest(t testing.TB) *FaceNets {
	t.Helper()
	dir := modelDirForTest(t)
	testNetsOnce.Do(func() { testNets, testNetsErr = OpenFaceNets(dir) })
	if testNetsErr != nil {
		t.Fatal(testNetsErr)
	}
	return testNets
}

// demoPhoto decodes one of face-api's demo photos (sample1..6.jpg) from the
// npm package, wherever set-up unpacked it; skips when absent.
func demoPhoto(t testing.TB, name string) image.Image {
	t.Helper()
	root := repoRoot(t)
	patterns := []string{
		filepath.Join(modelDirForTest(t), "face-api", "demo", name),
		filepath.Join(root, "node_modules", "@vladmandic", "face-api", "demo", name),
		filepath.Join(root, ".cache", "npm", "*", "package", "demo", name),
		filepath.Join(root, ".cache", "npm", "*", "demo", name),
	}
	for _, p := range patterns {
		m, _ := filepath.Glob(p)
		if len(m) == 0 {
			continue
		}
		f, err := os.Open(m[0])
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := jpeg.Decode(f)
		if err != nil {
			t.Fatalf("%s: %v", m[0], err)
		}
		return img
	}
	testenv.MissingModels(t, "face-api demo photos not found")
	return nil
}

// TestDetectDemoPhoto finds the three faces of sample1.jpg (three women
// side by side), with their landmarks inside their boxes.
func TestDetectDemoPhoto(t *testing.T) {
	nets := faceNetsForTest(t)
	img := demoPhoto(t, "sample1.jpg")
	ds, err := nets.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 3 {
		t.Fatalf("found %d faces, want 3: %+v", len(ds), ds)
	}
	lms, err := nets.LandmarksAll(img, ds)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range ds {
		if d.Score < 0.9 || d.Box.W < 100 || d.Box.H < 100 {
			t.Errorf("face %d: %+v, want a confident box over 100 px", i, d)
		}
		if i > 0 && d.Score > ds[i-1].Score {
			t.Errorf("faces not best first: %v after %v", d.Score, ds[i-1].Score)
		}
		nose := lms[i][30]
		if nose.X < d.Box.X || nose.X > d.Box.Right() || nose.Y < d.Box.Y || nose.Y > d.Box.Bottom() {
			t.Errorf("face %d: nose tip %v outside its box %+v", i, nose, d.Box)
		}
	}
	ags, err := nets.AgeGenderAt(img, lms)
	if err != nil {
		t.Fatal(err)
	}
	for i, ag := range ags {
		if ag.Age < 10 || ag.Age > 60 || ag.Probability < 0.5 || ag.Probability > 1 {
			t.Errorf("face %d: implausible %+v", i, ag)
		}
	}
}

func TestDetectRejectsBadOptions(t *testing.T) {
	nets := &FaceNets{Options: DetectOptions{MinConfidence: 2, IoUThreshold: 0.5, MaxResults: 1}}
	if _, err := nets.Detect(image.NewRGBA(image.Rect(0, 0, 4, 4))); err == nil {
		t.Fatal("MinConfidence 2 accepted")
	}
}

func BenchmarkDetect(b *testing.B) {
	nets := faceNetsForTest(b)
	img := toRGB(demoPhoto(b, "sample1.jpg"))
	b.ResetTimer()
	for b.Loop() {
		if _, err := nets.Detect(img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLandmarks3(b *testing.B) {
	nets := faceNetsForTest(b)
	img := toRGB(demoPhoto(b, "sample1.jpg"))
	ds, err := nets.Detect(img)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := nets.LandmarksAll(img, ds); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFaceNetsSameResultsWhateverThreads runs detection, landmarks and
// age/gender with one intra-op thread and with the default (every core)
// and requires bit-identical results.
func TestFaceNetsSameResultsWhateverThreads(t *testing.T) {
	img := demoPhoto(t, "sample2.jpg")
	one, err := OpenFaceNets(modelDirForTest(t), Options{IntraOpThreads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	all := faceNetsForTest(t)
	run := func(f *FaceNets) ([]Detection, [][68]Point, []AgeGenderResult) {
		ds, err := f.Detect(img)
		if err != nil {
			t.Fatal(err)
		}
		lms, err := f.LandmarksAll(img, ds)
		if err != nil {
			t.Fatal(err)
		}
		ags, err := f.AgeGenderAt(img, lms)
		if err != nil {
			t.Fatal(err)
		}
		return ds, lms, ags
	}
	d1, l1, a1 := run(one)
	d2, l2, a2 := run(all)
	if len(d1) == 0 || len(d1) != len(d2) {
		t.Fatalf("%d faces with one thread, %d with all", len(d1), len(d2))
	}
	for i := range d1 {
		if d1[i] != d2[i] || l1[i] != l2[i] || a1[i] != a2[i] {
			t.Fatalf("face %d differs with the thread count: %+v %+v vs %+v %+v", i, d1[i], a1[i], d2[i], a2[i])
		}
	}
}

// TestAgeGenderOnChip reads age and gender from an aligned chip, as the
// generated-face audit does, and finds the same reading as from the photo
// region within a few years.
func TestAgeGenderOnChip(t *testing.T) {
	nets := faceNetsForTest(t)
	img := demoPhoto(t, "sample1.jpg")
	ds, err := nets.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	lms, err := nets.LandmarksAll(img, ds)
	if err != nil {
		t.Fatal(err)
	}
	atPhoto, err := nets.AgeGenderAt(img, lms)
	if err != nil {
		t.Fatal(err)
	}
	for i, lm := range lms {
		age, gender, p, err := nets.AgeGender(Align(img, lm))
		if err != nil {
			t.Fatal(err)
		}
		if gender != atPhoto[i].Gender || p < 0.5 || math.Abs(age-atPhoto[i].Age) > 8 {
			t.Errorf("face %d: chip says %.1f %s %.2f, photo region %+v", i, age, gender, p, atPhoto[i])
		}
	}
	if _, _, _, err := nets.AgeGender(image.NewRGBA(image.Rect(0, 0, 0, 0))); err == nil {
		t.Error("empty chip accepted")
	}
}

// TestDetectBatchMatchesSingle runs three photos in one batch and one by one.
func TestDetectBatchMatchesSingle(t *testing.T) {
	nets := faceNetsForTest(t)
	imgs := []image.Image{demoPhoto(t, "sample1.jpg"), demoPhoto(t, "sample4.jpg"), demoPhoto(t, "sample6.jpg")}
	batch, err := nets.DetectBatch(imgs)
	if err != nil {
		t.Fatal(err)
	}
	for i, img := range imgs {
		one, err := nets.Detect(img)
		if err != nil {
			t.Fatal(err)
		}
		if len(one) == 0 || len(one) != len(batch[i]) {
			t.Fatalf("image %d: %d faces alone, %d in a batch", i, len(one), len(batch[i]))
		}
		for k := range one {
			if one[k].Box.IoU(batch[i][k].Box) < 0.9999 || math.Abs(one[k].Score-batch[i][k].Score) > 1e-5 {
				t.Errorf("image %d face %d: %+v alone, %+v in a batch", i, k, one[k], batch[i][k])
			}
		}
	}
}

func BenchmarkDetectBatch4(b *testing.B) {
	nets := faceNetsForTest(b)
	img := toRGB(demoPhoto(b, "sample1.jpg"))
	imgs := []image.Image{img, img, img, img}
	b.ResetTimer()
	for b.Loop() {
		if _, err := nets.DetectBatch(imgs); err != nil {
			b.Fatal(err)
		}
	}
}
