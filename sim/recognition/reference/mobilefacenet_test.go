package reference

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

// maxMobileDistance is the largest distance allowed between MobileFaceNet's
// embedding of one chip under ONNX Runtime (our conversion) and under tfjs
// (the package's own graph): the same as for FaceRecognitionNet's chips.
const maxMobileDistance = maxChipDistance

// TestMobileFaceNetMatchesTFJS embeds the same chips (every face of the
// demo photographs and of the generated images, aligned to MobileFaceNet's
// template) with the converted ONNX model and with the package's tfjs graph
// under Node, and requires the embeddings to agree within 1e-4.
func TestMobileFaceNetMatchesTFJS(t *testing.T) {
	e := setup(t)
	model := filepath.Join(e.models, "human-models", "mobilefacenet.json")
	if _, err := os.Stat(model); err != nil {
		testenv.MissingModels(t, "%s missing", model)
	}
	p, err := recognition.Open(e.models, recognition.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if !p.HasMobileFaceNet() {
		t.Fatalf("%s has no %s: run `make models`", e.models, recognition.MobileFaceNetModelFile)
	}
	dir := t.TempDir()
	imgs, _ := demoImages(t, e, dir)
	gen, _ := generatedImages(t, dir)
	for k, v := range gen {
		imgs[k] = v
	}
	names := make([]string, 0, len(imgs))
	for n := range imgs {
		names = append(names, n)
	}
	sort.Strings(names)
	const per = recognition.MobileChipSize * recognition.MobileChipSize * 3
	var in []float32
	var files []string
	for _, name := range names {
		for _, g := range runGo(t, p, imgs[name]) {
			chip := recognition.AlignMobileChip(imgs[name], g.lm)
			scaled := make([]float32, per)
			raw := make([]byte, 4*per)
			for i, v := range chip {
				scaled[i] = (v - 127.5) / 128
				binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(scaled[i]))
			}
			f := filepath.Join(dir, fmt.Sprintf("%s-%d.mf32", name, len(files)))
			if err := os.WriteFile(f, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
			in = append(in, scaled...)
		}
	}
	if len(files) < 20 {
		t.Fatalf("only %d faces found in %d images", len(files), len(names))
	}
	got := make([][recognition.MobileDim]float32, len(files))
	if err := p.EmbedMobileTensor(in, got); err != nil {
		t.Fatal(err)
	}
	want, meta := runMobileNode(t, e, model, dir, files)
	worst, worstComp := 0.0, 0.0
	for i := range got {
		var ref [recognition.MobileDim]float32
		copy(ref[:], want[i*recognition.MobileDim:])
		d := float64(recognition.MobileDistance(got[i], ref))
		worst = math.Max(worst, d)
		norm := 0.0
		for k := range got[i] {
			worstComp = math.Max(worstComp, math.Abs(float64(got[i][k]-ref[k])))
			norm += float64(got[i][k]) * float64(got[i][k])
		}
		if math.Abs(math.Sqrt(norm)-1) > 1e-4 {
			t.Errorf("chip %d: embedding length %.6f, want 1 (L2-normalised)", i, math.Sqrt(norm))
		}
	}
	t.Logf("%s; %d chips: worst distance ONNX vs tfjs %.2e, worst component %.2e", meta, len(got), worst, worstComp)
	if worst > maxMobileDistance {
		t.Errorf("MobileFaceNet under ONNX Runtime differs from the tfjs graph by up to %.2e, allowed %.0e", worst, maxMobileDistance)
	}
}

// runMobileNode runs mobilefacenet.mjs on the chip files and returns the
// embeddings (192 floats per chip) and the line it printed.
func runMobileNode(t *testing.T, e env, model, dir string, chips []string) ([]float32, string) {
	t.Helper()
	jb, _ := json.Marshal(map[string]any{"model": model, "outDir": dir, "chips": chips})
	jobFile := filepath.Join(dir, "mobilefacenet-job.json")
	if err := os.WriteFile(jobFile, jb, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), nodeRunDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(e.root, "sim", "recognition", "reference", "mobilefacenet.mjs"), jobFile)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node mobilefacenet.mjs: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "embeddings.f32"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 4*recognition.MobileDim*len(chips) {
		t.Fatalf("embeddings.f32 has %d bytes, want %d", len(b), 4*recognition.MobileDim*len(chips))
	}
	out := make([]float32, len(b)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out, string(bytes.TrimSpace(stdout.Bytes()))
}
