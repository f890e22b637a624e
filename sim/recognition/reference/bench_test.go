package reference

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vigie/sim/recognition"
)

// benchChips aligns every face of the demo photos with the Go pipeline and
// returns the float chips (150x150x3 each).
func benchChips(b *testing.B, e env, p *recognition.Pipeline) [][]float32 {
	b.Helper()
	imgs, _ := demoImages(b, e, b.TempDir())
	var chips [][]float32
	for i := 1; i <= demoPhotoCount; i++ {
		img := imgs[fmt.Sprintf("sample%d", i)]
		ds, err := p.Detect(img)
		if err != nil {
			b.Fatal(err)
		}
		lms, err := p.LandmarksAll(img, ds)
		if err != nil {
			b.Fatal(err)
		}
		for _, lm := range lms {
			chips = append(chips, recognition.AlignChip(img, lm))
		}
	}
	if len(chips) == 0 {
		b.Fatal("no faces in the demo photos")
	}
	return chips
}

// writeChips stores chips as the little-endian float32 files faceapi.mjs reads.
func writeChips(b *testing.B, dir string, chips [][]float32) []string {
	b.Helper()
	var paths []string
	for i, c := range chips {
		buf := make([]byte, 4*len(c))
		for k, v := range c {
			binary.LittleEndian.PutUint32(buf[4*k:], math.Float32bits(v))
		}
		p := filepath.Join(dir, fmt.Sprintf("chip%02d.f32", i))
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// goRate embeds batches of the chips for b.N iterations and reports
// descriptors per second.
func goRate(b *testing.B, p *recognition.Pipeline, chips [][]float32, batch int) {
	in := make([]float32, 0, batch*len(chips[0]))
	for i := range batch {
		in = append(in, chips[i%len(chips)]...)
	}
	out := make([][recognition.DescriptorDim]float32, batch)
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := p.EmbedTensor(in, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/time.Since(start).Seconds(), "desc/s")
}

// BenchmarkReferenceFaceAPI puts the Go embedder and face-api.js (tfjs
// wasm, one thread) side by side on the same chips, at batch 1 and 16:
//
//	go test -run '^$' -bench ReferenceFaceAPI -benchtime 3s ./sim/recognition/reference
//
// face-api.js is timed once by faceapi.mjs over ~3 s per batch size; its
// sub-benchmark reports that figure whatever b.N is.
func BenchmarkReferenceFaceAPI(b *testing.B) {
	e := setup(b)
	p, err := recognition.Open(e.models, recognition.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	p1, err := recognition.Open(e.models, recognition.Options{IntraOpThreads: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer p1.Close()
	chips := benchChips(b, e, p)
	for _, batch := range []int{1, 16} {
		b.Run(fmt.Sprintf("go/batch%d", batch), func(b *testing.B) { goRate(b, p, chips, batch) })
		b.Run(fmt.Sprintf("go-1thread/batch%d", batch), func(b *testing.B) { goRate(b, p1, chips, batch) })
	}
	var js struct {
		Backend       string
		Threads       int
		Batch1PerSec  float64
		Batch16PerSec float64
	}
	b.Run("faceapi-js", func(b *testing.B) {
		if js.Backend == "" {
			dir := b.TempDir()
			out := runNode(b, e, "bench", job{
				ModelDir: filepath.Join(e.faceAPI, "model"), OutDir: dir,
				Chips: writeChips(b, dir, chips), Seconds: 3,
			})
			if err := json.Unmarshal(out, &js); err != nil {
				b.Fatalf("faceapi.mjs bench output %q: %v", out, err)
			}
		}
		b.ReportMetric(js.Batch1PerSec, "desc/s-batch1")
		b.ReportMetric(js.Batch16PerSec, "desc/s-batch16")
		b.Logf("face-api.js %s backend, %d thread(s): %.1f desc/s at batch 1, %.1f at batch 16",
			js.Backend, js.Threads, js.Batch1PerSec, js.Batch16PerSec)
	})
}
