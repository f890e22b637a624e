package reference

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	xdraw "golang.org/x/image/draw"

	"vigie/city/faces"
	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

// Tolerances of the equivalence test (the acceptance figures).
const (
	minIoU            = 0.9
	maxLandmarkPx     = 2.0
	maxAgeYears       = 0.5
	maxPhotoDistance  = 0.02 // descriptor, each side from its own photo pipeline
	maxChipDistance   = 1e-4 // descriptor, both sides embedding face-api's chip
	maxGenderProbDiff = 0.01
	demoPhotoCount    = 6
	nodeRunDeadline   = 3 * time.Minute
)

// env is where the test finds its inputs.
type env struct {
	root, models, faceAPI string
}

// setup finds the repository, the converted models and the npm packages;
// it skips (naming the set-up step) when one is missing.
func setup(t testing.TB) env {
	t.Helper()
	d, _ := os.Getwd()
	for ; filepath.Dir(d) != d; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			break
		}
	}
	e := env{root: d, models: os.Getenv("VIGIE_MODELS")}
	if e.models == "" {
		e.models = filepath.Join(d, "models")
	}
	if _, err := os.Stat(filepath.Join(e.models, recognition.SSDModelFile)); err != nil {
		testenv.MissingModels(t, "converted models not found in %s", e.models)
	}
	e.faceAPI = filepath.Join(d, "node_modules", "@vladmandic", "face-api")
	for _, p := range []string{
		filepath.Join(e.faceAPI, "package.json"),
		filepath.Join(d, "node_modules", "@tensorflow", "tfjs-backend-wasm", "package.json"),
	} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s missing; run `npm ci` (make node-deps) first", p)
		}
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not found on PATH; install Node.js 20 to run the face-api.js reference")
	}
	return e
}

// jobImage and job are faceapi.mjs's input (see its header comment).
type jobImage struct {
	Name   string `json:"name"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	RGB    string `json:"rgb"`
}

type job struct {
	ModelDir string     `json:"modelDir"`
	OutDir   string     `json:"outDir"`
	Images   []jobImage `json:"images"`
	Chips    []string   `json:"chips,omitempty"`
	Seconds  float64    `json:"seconds,omitempty"`
}

type refBox struct{ X, Y, Width, Height float64 }

type refFace struct {
	Score             float64
	Box               refBox
	Landmarks         [][2]float64
	Descriptor        []float64
	Chip              string
	ChipDescriptor    []float64
	Age               float64
	Gender            string
	GenderProbability float64
}

type refResult struct {
	Meta   map[string]string
	Images []struct {
		Name  string
		Faces []refFace
	}
}

// demoImages decodes face-api's demo photos and writes them as raw RGB for
// Node, returning the decoded images by name and the job entries.
func demoImages(t testing.TB, e env, dir string) (map[string]image.Image, []jobImage) {
	t.Helper()
	imgs := map[string]image.Image{}
	var entries []jobImage
	for i := 1; i <= demoPhotoCount; i++ {
		name := fmt.Sprintf("sample%d", i)
		path := filepath.Join(e.faceAPI, "demo", name+".jpg")
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		w, h, pix := recognition.RGB(img)
		raw := filepath.Join(dir, name+".rgb")
		if err := os.WriteFile(raw, pix, 0o644); err != nil {
			t.Fatal(err)
		}
		imgs[name] = img
		entries = append(entries, jobImage{Name: name, Width: w, Height: h, RGB: raw})
	}
	return imgs, entries
}

// generatedImages renders a few synthetic citizens (city/faces) across the
// skin-tone scale in a good and a street-camera condition, so equivalence
// also holds on the faces the simulation feeds the pipeline.
func generatedImages(t testing.TB, dir string) (map[string]image.Image, []jobImage) {
	t.Helper()
	imgs := map[string]image.Image{}
	var entries []jobImage
	people := []faces.Attributes{
		{Age: 25, Sex: faces.Female, MonkTone: 2}, {Age: 40, Sex: faces.Male, MonkTone: 5},
		{Age: 60, Sex: faces.Female, MonkTone: 8}, {Age: 30, Sex: faces.Male, MonkTone: 10},
	}
	for i, a := range people {
		id := faces.NewIdentity(uint64(1000+i), a)
		for _, cond := range []string{"frontal", "cctv-day"} {
			c, err := faces.Conditions(cond)
			if err != nil {
				t.Fatal(err)
			}
			c.NoiseSeed = uint64(i)
			img, _ := faces.Render(id, c)
			name := fmt.Sprintf("gen%d-%s", i, cond)
			w, h, pix := recognition.RGB(img)
			raw := filepath.Join(dir, name+".rgb")
			if err := os.WriteFile(raw, pix, 0o644); err != nil {
				t.Fatal(err)
			}
			imgs[name] = img
			entries = append(entries, jobImage{Name: name, Width: w, Height: h, RGB: raw})
		}
	}
	return imgs, entries
}

// edgeImages cuts face-api's demo photos so that their most confident face
// touches each border (its box 2 px from the edge) or is cut by it (a tenth
// of its width or height outside), shrinks a photo to a quarter so that its
// faces are 15-40 px wide, and passes some of these through Go's JPEG
// encoder and decoder. Both sides see the same decoded pixels: the pipeline
// decodes JPEG with Go's image/jpeg, and this checks the pipeline, not the
// decoder (see the README on JPEG decoding).
func edgeImages(t *testing.T, p *recognition.Pipeline, dir string, demo map[string]image.Image) (map[string]image.Image, []jobImage) {
	t.Helper()
	imgs := map[string]image.Image{}
	var entries []jobImage
	add := func(name string, img image.Image) {
		w, h, pix := recognition.RGB(img)
		raw := filepath.Join(dir, name+".rgb")
		if err := os.WriteFile(raw, pix, 0o644); err != nil {
			t.Fatal(err)
		}
		imgs[name] = img
		entries = append(entries, jobImage{Name: name, Width: w, Height: h, RGB: raw})
	}
	for _, sample := range []string{"sample1", "sample3"} {
		src := demo[sample]
		ds, err := p.Detect(src)
		if err != nil || len(ds) == 0 {
			t.Fatalf("%s: no face to move to the borders (%v)", sample, err)
		}
		best := ds[0]
		for _, d := range ds {
			if d.Score > best.Score {
				best = d
			}
		}
		b, full := best.Box, src.Bounds()
		for _, m := range []struct {
			name   string
			margin float64 // pixels of the box kept inside: 2, or minus a tenth of its size
		}{{"touch", 2}, {"cut", -0.1}} {
			mx, my := m.margin, m.margin
			if m.margin < 0 {
				mx, my = m.margin*b.W, m.margin*b.H
			}
			crops := map[string]image.Rectangle{
				"left":   image.Rect(int(b.X-mx), full.Min.Y, full.Max.X, full.Max.Y),
				"top":    image.Rect(full.Min.X, int(b.Y-my), full.Max.X, full.Max.Y),
				"right":  image.Rect(full.Min.X, full.Min.Y, int(b.Right()+mx), full.Max.Y),
				"bottom": image.Rect(full.Min.X, full.Min.Y, full.Max.X, int(b.Bottom()+my)),
			}
			for _, side := range []string{"left", "top", "right", "bottom"} {
				add(fmt.Sprintf("%s-%s-%s", sample, m.name, side), copyRect(src, crops[side]))
			}
		}
	}
	small := image.NewRGBA(image.Rect(0, 0, demo["sample1"].Bounds().Dx()/4, demo["sample1"].Bounds().Dy()/4))
	xdraw.BiLinear.Scale(small, small.Bounds(), demo["sample1"], demo["sample1"].Bounds(), xdraw.Src, nil)
	add("sample1-quarter", small)
	add("sample1-quarter-jpeg", jpegRoundTrip(t, small))
	add("sample3-touch-left-jpeg", jpegRoundTrip(t, imgs["sample3-touch-left"]))
	add("sample1-cut-top-jpeg", jpegRoundTrip(t, imgs["sample1-cut-top"]))
	return imgs, entries
}

// copyRect copies the part r of img into a new image whose origin is 0.
func copyRect(img image.Image, r image.Rectangle) *image.RGBA {
	r = r.Intersect(img.Bounds())
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	return out
}

// jpegRoundTrip encodes img as a quality-85 JPEG and decodes it with Go.
func jpegRoundTrip(t *testing.T, img image.Image) image.Image {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// runNode runs faceapi.mjs in the given mode on the job and returns stdout.
func runNode(t testing.TB, e env, mode string, j job) []byte {
	t.Helper()
	jb, _ := json.Marshal(j)
	jobFile := filepath.Join(j.OutDir, mode+"-job.json")
	if err := os.WriteFile(jobFile, jb, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), nodeRunDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(e.root, "sim", "recognition", "reference", "faceapi.mjs"), mode, jobFile)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node faceapi.mjs %s: %v\n%s", mode, err, stderr.String())
	}
	return stdout.Bytes()
}

func rectOf(b refBox) recognition.Rect {
	return recognition.Rect{X: b.X, Y: b.Y, W: b.Width, H: b.Height}
}

// bestMatch returns the index in boxes overlapping r most, and the IoU.
func bestMatch(r recognition.Rect, boxes []recognition.Rect) (int, float64) {
	best, iou := -1, 0.0
	for i, b := range boxes {
		if v := r.IoU(b); v > iou {
			best, iou = i, v
		}
	}
	return best, iou
}

// goFace is the Go pipeline's result for one detected face.
type goFace struct {
	det recognition.Detection
	lm  [68]recognition.Point
	ag  recognition.AgeGenderResult
	// desc embeds the 8-bit Align chip (the public path); descFloat the
	// float chip AlignChip returns (no rounding, as face-api.js).
	desc, descFloat [recognition.DescriptorDim]float32
}

func runGo(t *testing.T, p *recognition.Pipeline, img image.Image) []goFace {
	t.Helper()
	ds, err := p.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	lms, err := p.LandmarksAll(img, ds)
	if err != nil {
		t.Fatal(err)
	}
	ags, err := p.AgeGenderAt(img, lms)
	if err != nil {
		t.Fatal(err)
	}
	chips := make([]*image.RGBA, len(ds))
	var floats []float32
	for i := range ds {
		chips[i] = recognition.AlignDetected(img, ds[i], lms[i])
		floats = append(floats, recognition.AlignChipDetected(img, ds[i], lms[i])...)
	}
	descs, err := p.Embed(chips)
	if err != nil {
		t.Fatal(err)
	}
	descFloat := make([][recognition.DescriptorDim]float32, len(ds))
	if err := p.EmbedTensor(floats, descFloat); err != nil {
		t.Fatal(err)
	}
	out := make([]goFace, len(ds))
	for i := range ds {
		out[i] = goFace{det: ds[i], lm: lms[i], ag: ags[i], desc: descs[i], descFloat: descFloat[i]}
	}
	return out
}

// descriptor converts face-api's JSON descriptor.
func descriptor(t *testing.T, d []float64) [recognition.DescriptorDim]float32 {
	t.Helper()
	var out [recognition.DescriptorDim]float32
	if len(d) != len(out) {
		t.Fatalf("face-api descriptor has %d values, want %d", len(d), len(out))
	}
	for i, v := range d {
		out[i] = float32(v)
	}
	return out
}

// readChip reads a 150x150x3 float32 chip written by faceapi.mjs.
func readChip(t *testing.T, path string) []float32 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const n = recognition.ChipSize * recognition.ChipSize * 3
	if len(b) != 4*n {
		t.Fatalf("%s: %d bytes, want %d (150x150x3 float32)", path, len(b), 4*n)
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// maxima are the worst differences seen, reported by the test.
type maxima struct {
	faces                          int
	iouMin                         float64
	landmarkPx, ageYears, probDiff float64
	// photo: Go photo pipeline (8-bit chip) vs face-api; photoFloat: the
	// same with the float chip; chip: both embedding face-api's chip.
	photo, photoFloat, chip float64
}

// TestMatchesFaceAPI runs face-api.js and the Go pipeline on face-api's six
// demo photos, eight generated faces, and demo photos cut so that a face
// touches or crosses each border, shrunk to small faces, and passed through
// JPEG, and requires the same faces (IoU >= 0.9 both ways), landmarks
// within 2 px, the same age/gender reading, descriptors within 0.02 of
// face-api's, and within 1e-4 when Go embeds face-api's own chips.
func TestMatchesFaceAPI(t *testing.T) {
	e := setup(t)
	dir := t.TempDir()
	imgs, entries := demoImages(t, e, dir)
	gen, genEntries := generatedImages(t, dir)
	for k, v := range gen {
		imgs[k] = v
	}
	entries = append(entries, genEntries...)
	p, err := recognition.Open(e.models, recognition.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.FaceNets == nil {
		t.Fatalf("%s has no detector models; run `make models`", e.models)
	}
	if !testing.Short() {
		// faces at and across the borders, small and JPEG-coded: more
		// than half of face-api.js's time here, and the full suite's
		edge, edgeEntries := edgeImages(t, p, dir, imgs)
		for k, v := range edge {
			imgs[k] = v
		}
		entries = append(entries, edgeEntries...)
	}
	runNode(t, e, "run", job{ModelDir: filepath.Join(e.faceAPI, "model"), OutDir: dir, Images: entries})
	var ref refResult
	raw, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	m := maxima{iouMin: 1}
	for _, im := range ref.Images {
		compareImage(t, im.Name, im.Faces, runGo(t, p, imgs[im.Name]), &m)
		compareChips(t, p, im.Name, im.Faces, &m)
	}
	if m.faces == 0 {
		t.Fatal("face-api.js found no faces in its own demo photos")
	}
	for _, im := range ref.Images {
		t.Logf("%s: %d faces", im.Name, len(im.Faces))
	}
	t.Logf("face-api.js %v vs Go on %d faces: IoU min %.6f, landmarks max %.4f px, age max %.4f y, gender prob max %.5f",
		ref.Meta, m.faces, m.iouMin, m.landmarkPx, m.ageYears, m.probDiff)
	t.Logf("descriptor distance max: photo %.6f (8-bit chip), %.6f (float chip); same chip %.2e",
		m.photo, m.photoFloat, m.chip)
}

// compareChips embeds face-api's own chips with the Go embedder.
func compareChips(t *testing.T, p *recognition.Pipeline, name string, ref []refFace, m *maxima) {
	t.Helper()
	if len(ref) == 0 {
		return
	}
	var in []float32
	for _, r := range ref {
		in = append(in, readChip(t, r.Chip)...)
	}
	got := make([][recognition.DescriptorDim]float32, len(ref))
	if err := p.EmbedTensor(in, got); err != nil {
		t.Fatal(err)
	}
	for i, r := range ref {
		d := float64(recognition.Distance(got[i], descriptor(t, r.ChipDescriptor)))
		m.chip = math.Max(m.chip, d)
		if d > maxChipDistance {
			t.Errorf("%s face %d: Go embeds face-api's chip %.2e away from face-api", name, i, d)
		}
	}
}

func compareImage(t *testing.T, name string, ref []refFace, got []goFace, m *maxima) {
	t.Helper()
	gotBoxes := make([]recognition.Rect, len(got))
	for i, g := range got {
		gotBoxes[i] = g.det.Box
	}
	refBoxes := make([]recognition.Rect, len(ref))
	for i, r := range ref {
		refBoxes[i] = rectOf(r.Box)
	}
	for i, g := range got {
		if _, iou := bestMatch(g.det.Box, refBoxes); iou < minIoU && !atThreshold(g.det.Score) {
			t.Errorf("%s: Go face %d %+v has no face-api match (best IoU %.3f)", name, i, g.det.Box, iou)
		}
	}
	for i, r := range ref {
		j, iou := bestMatch(refBoxes[i], gotBoxes)
		if iou < minIoU {
			if !atThreshold(r.Score) {
				t.Errorf("%s: face-api face %d %+v not found by Go (best IoU %.3f)", name, i, r.Box, iou)
			}
			continue
		}
		m.iouMin = math.Min(m.iouMin, iou)
		m.faces++
		compareFace(t, fmt.Sprintf("%s face %d", name, i), r, got[j], m)
	}
}

// atThreshold says a detection scores so close to the 0.5 cut that
// float-level differences between the two runtimes may keep it on one side
// only; such a face is not required on both.
func atThreshold(score float64) bool {
	return math.Abs(score-recognition.DefaultDetectOptions().MinConfidence) < 1e-3
}

func compareFace(t *testing.T, where string, r refFace, g goFace, m *maxima) {
	t.Helper()
	if len(r.Landmarks) != 68 {
		t.Fatalf("%s: face-api gave %d landmarks", where, len(r.Landmarks))
	}
	worst := 0.0
	for k, p := range r.Landmarks {
		worst = math.Max(worst, math.Hypot(g.lm[k].X-p[0], g.lm[k].Y-p[1]))
	}
	m.landmarkPx = math.Max(m.landmarkPx, worst)
	if worst > maxLandmarkPx {
		t.Errorf("%s: landmarks differ by up to %.2f px", where, worst)
	}
	dAge := math.Abs(g.ag.Age - r.Age)
	dProb := math.Abs(g.ag.Probability - r.GenderProbability)
	m.ageYears, m.probDiff = math.Max(m.ageYears, dAge), math.Max(m.probDiff, dProb)
	if dAge > maxAgeYears || g.ag.Gender != r.Gender || dProb > maxGenderProbDiff {
		t.Errorf("%s: age/gender %+v, face-api %.2f %s %.4f", where, g.ag, r.Age, r.Gender, r.GenderProbability)
	}
	want := descriptor(t, r.Descriptor)
	d, df := float64(recognition.Distance(g.desc, want)), float64(recognition.Distance(g.descFloat, want))
	m.photo, m.photoFloat = math.Max(m.photo, d), math.Max(m.photoFloat, df)
	if d > maxPhotoDistance || df > maxPhotoDistance {
		t.Errorf("%s: descriptors %.4f (8-bit chip) and %.4f (float chip) from face-api's", where, d, df)
	}
}
