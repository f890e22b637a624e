package recognition

import (
	"fmt"
	"image"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"vigie/sim/recognition/convert"
)

// faceRecGFLOP is FaceRecognitionNet's cost per face, counted from its layer
// shapes (2 FLOPs per multiply-add, zero-padded positions included).
const faceRecGFLOP = 0.5417

// benchChips makes n chips of noise; the network's cost does not depend on
// the pixels.
func benchChips(n int) []*image.RGBA {
	r := rand.New(rand.NewPCG(1, 1))
	chips := make([]*image.RGBA, n)
	for i := range chips {
		chips[i] = image.NewRGBA(image.Rect(0, 0, ChipSize, ChipSize))
		for j := range chips[i].Pix {
			chips[i].Pix[j] = uint8(r.IntN(256))
		}
	}
	return chips
}

func reportFaces(b *testing.B, faces int) {
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(faces)/s, "faces/s")
	b.ReportMetric(float64(faces)*faceRecGFLOP/s, "GFLOP/s")
}

// BenchmarkEmbed is the full Embed path (image to descriptor) on all cores.
func BenchmarkEmbed(b *testing.B) {
	p := openTest(b)
	for _, batch := range []int{1, 16} {
		b.Run(fmt.Sprintf("batch%d", batch), func(b *testing.B) {
			chips := benchChips(batch)
			for b.Loop() {
				if _, err := p.Embed(chips); err != nil {
					b.Fatal(err)
				}
			}
			reportFaces(b, b.N*batch)
		})
	}
}

// BenchmarkBareSession runs the same model through onnxruntime_go with
// tensors made once and reused: the ceiling Embed is measured against.
func BenchmarkBareSession(b *testing.B) {
	p := openTest(b)
	path := filepath.Join(p.Dir(), EmbedModelFile)
	for _, batch := range []int{1, 16} {
		b.Run(fmt.Sprintf("batch%d", batch), func(b *testing.B) {
			s, err := ort.NewDynamicAdvancedSession(path, []string{convert.FaceRecInput}, []string{convert.FaceRecOutput}, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Destroy()
			run := bareRunner(b, s, benchChips(batch))
			for b.Loop() {
				run()
			}
			reportFaces(b, b.N*batch)
		})
	}
}

// bareRunner prepares tensors once and returns a function running them.
func bareRunner(b *testing.B, s *ort.DynamicAdvancedSession, chips []*image.RGBA) func() {
	const per = ChipSize * ChipSize * 3
	in := make([]float32, len(chips)*per)
	for i, c := range chips {
		chipToHWC(c, in[i*per:(i+1)*per])
	}
	x, err := ort.NewTensor(ort.NewShape(int64(len(chips)), ChipSize, ChipSize, 3), in)
	if err != nil {
		b.Fatal(err)
	}
	y, err := ort.NewEmptyTensor[float32](ort.NewShape(int64(len(chips)), DescriptorDim))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { x.Destroy(); y.Destroy() })
	return func() {
		if err := s.Run([]ort.Value{x}, []ort.Value{y}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbedVsBare alternates one Embed call and one bare session run
// on the same chips, so that load from other processes hits both alike, and
// reports Embed's throughput as a percentage of the bare session's.
func BenchmarkEmbedVsBare(b *testing.B) {
	p := openTest(b)
	s, err := ort.NewDynamicAdvancedSession(filepath.Join(p.Dir(), EmbedModelFile),
		[]string{convert.FaceRecInput}, []string{convert.FaceRecOutput}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Destroy()
	for _, batch := range []int{1, 16} {
		b.Run(fmt.Sprintf("batch%d", batch), func(b *testing.B) {
			chips := benchChips(batch)
			bare := bareRunner(b, s, chips)
			var tEmbed, tBare time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := p.Embed(chips); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				bare()
				tEmbed, tBare = tEmbed+t1.Sub(t0), tBare+time.Since(t1)
			}
			b.ReportMetric(100*tBare.Seconds()/tEmbed.Seconds(), "%of-bare")
			b.ReportMetric(float64(b.N*batch)/tEmbed.Seconds(), "embed-faces/s")
			b.ReportMetric(float64(b.N*batch)/tBare.Seconds(), "bare-faces/s")
		})
	}
}

// A 1,000,000-template gallery (512 MB) is built once, and only when a
// benchmark asks for it; tests never allocate it.
var (
	bigOnce    sync.Once
	bigGallery *Gallery
)

const bigSize = 1_000_000

func big() *Gallery {
	bigOnce.Do(func() {
		r := rand.New(rand.NewPCG(3, 3))
		g := NewGallery(DescriptorDim)
		g.Grow(bigSize)
		for i := range bigSize {
			g.Add(fmt.Sprintf("id%07d", i), randVec(r, DescriptorDim))
		}
		bigGallery = g
	})
	return bigGallery
}

// cpuSeconds is the process's user+system CPU time: on a shared machine it
// shows the work done apart from the time spent waiting for a core.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// BenchmarkSearch1M is one probe against 1M templates; run with -cpu 1 for
// the one-core figure (Workers follows GOMAXPROCS).
func BenchmarkSearch1M(b *testing.B) {
	g := big()
	probe := randVec(rand.New(rand.NewPCG(4, 4)), DescriptorDim)
	b.SetBytes(int64(bigSize * DescriptorDim * 4))
	c0 := cpuSeconds()
	for b.Loop() {
		g.Search(probe, 10)
	}
	b.ReportMetric(1000*(cpuSeconds()-c0)/float64(b.N), "cpu-ms/op")
}

// BenchmarkSearchBatch1M is batches of probes against 1M templates.
func BenchmarkSearchBatch1M(b *testing.B) {
	g := big()
	r := rand.New(rand.NewPCG(5, 5))
	for _, batch := range []int{16, 64, 256} {
		b.Run(fmt.Sprintf("probes%d", batch), func(b *testing.B) {
			probes := make([][]float32, batch)
			for i := range probes {
				probes[i] = randVec(r, DescriptorDim)
			}
			c0 := cpuSeconds()
			for b.Loop() {
				g.SearchBatch(probes, 10)
			}
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "probes/s")
			b.ReportMetric(float64(b.N*batch)/(cpuSeconds()-c0), "probes/cpu-s")
		})
	}
}

// BenchmarkMemoryBandwidth reads the 1M gallery's 512 MB once per
// iteration on one core, the floor for a one-probe search, which must read
// it all. With AVX-512 it streams the panels through the one-probe kernel
// (4 FMAs per 256 bytes, far below the core's rate, so memory bound) with no
// top-k work; elsewhere it copies 32 KB at a time into an L1-sized buffer.
func BenchmarkMemoryBandwidth(b *testing.B) {
	g := big()
	b.SetBytes(int64(len(g.panels) * 4))
	probe := make([]float32, g.dim)
	out := make([]float32, 64)
	buf := make([]float32, 8192)
	size := g.dim * panelWidth
	for b.Loop() {
		if !useAVX512 {
			for i := 0; i < len(g.panels); i += len(buf) {
				copy(buf, g.panels[i:])
			}
			continue
		}
		for q := 0; q < len(g.panels)/size; q += 4 {
			dotPanels(g.panels[q*size:], g.half[q*panelWidth:], probe, 1, g.dim, g.dim, 4, out)
		}
	}
}

// BenchmarkKernelInCache runs the 4-probe x 32-template kernel on data that
// stays in L1 (two panels of 256 dimensions, 32 KB): 8 fused multiply-adds
// of 16 lanes per step, so its FLOP rate approaches the core's vector peak
// (2 FMA pipes x 16 lanes x 2 FLOPs = 64 FLOPs per cycle on AVX-512 cores).
// FLOP/s divided by 64 bounds the clock from below.
func BenchmarkKernelInCache(b *testing.B) {
	if !useAVX512 {
		b.Skip("no AVX-512 on this CPU")
	}
	const dim = 256
	r := rand.New(rand.NewPCG(6, 6))
	g, p, out := randVec(r, 2*panelWidth*dim), randVec(r, 4*dim), make([]float32, 4*32)
	init := make([]float32, 32)
	c0 := cpuSeconds()
	for b.Loop() {
		for range 100 {
			dotPanels(g, init, p, 4, dim, dim, 2, out)
		}
	}
	flops := float64(b.N) * 100 * 4 * 32 * dim * 2
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	b.ReportMetric(flops/(cpuSeconds()-c0)/1e9, "GFLOP/cpu-s")
}

var clockSink uint64
var clockMul uint64 = 0x123456789

// BenchmarkClock estimates the core clock from a chain of dependent 64-bit
// multiplies (3 cycles each on current x86 cores) per CPU-second, for the
// peak-FLOP estimate: cores x GHz x 64 FLOPs/cycle with AVX-512 FMA.
func BenchmarkClock(b *testing.B) {
	x := uint64(b.N) | 1
	c0 := cpuSeconds()
	for range b.N {
		x *= clockMul
		x *= clockMul
		x *= clockMul
		x *= clockMul
	}
	clockSink = x
	b.ReportMetric(12*float64(b.N)/(cpuSeconds()-c0)/1e9, "GHz")
}
